"""At the end of every play and wait, texts stay inside the frame margin and never overlap.

A text may overlap others only when it, or a group containing it, has
``allow_overlap = True`` (see ``checks.layout_problems``).
"""

from __future__ import annotations

import pytest

from scenes import SCENES
from tests.scenes.checks import layout_problems
from tests.scenes.harness import PRESET_NAMES, scene_record

pytestmark = pytest.mark.render


@pytest.mark.parametrize("preset_name", PRESET_NAMES)
@pytest.mark.parametrize("entry", SCENES, ids=lambda entry: entry.label)
def test_texts_inside_frame_and_apart(entry, preset_name: str) -> None:
    record = scene_record(entry, preset_name)
    if record.error:
        pytest.skip("scene does not build (see test_smoke)")
    problems = layout_problems(record)
    assert not problems, "\n".join(problems)
