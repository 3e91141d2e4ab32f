"""Every number on screen is a field of the scene's data formatted by ``fmt``.

Run under every preset: a number typed into a scene is right for the guide's
example at best, so the other presets expose it (see ``checks.provenance_problems``).
"""

from __future__ import annotations

import pytest

from scenes import SCENES
from tests.scenes.checks import provenance_problems
from tests.scenes.harness import PRESET_NAMES, scene_record

pytestmark = pytest.mark.render


@pytest.mark.parametrize("preset_name", PRESET_NAMES)
@pytest.mark.parametrize("entry", SCENES, ids=lambda entry: entry.label)
def test_shown_numbers_come_from_the_data(entry, preset_name: str) -> None:
    record = scene_record(entry, preset_name)
    if record.error:
        pytest.skip("scene does not build (see test_smoke)")
    problems = provenance_problems(record)
    assert not problems, "\n".join(problems)
