"""Each scene's captions (with its on-screen text) say its guide section; cues never overlap.

The guide's text is ``tests/guide.txt``; which of its lines count as sentences is
documented in ``checks.counts_as_prose``. Only the default preset is the guide's
example, so only it is checked against the guide's wording.
"""

from __future__ import annotations

import pytest

from backprop_core.guide import SECTION_COUNT
from scenes import SCENES
from tests.scenes.checks import caption_problems, guide_sections, guide_sentences
from tests.scenes.harness import scene_record


def test_guide_copy_has_every_section() -> None:
    assert sorted(guide_sections()) == list(range(SECTION_COUNT + 1))
    for number in range(SECTION_COUNT + 1):
        assert guide_sentences(number), f"section {number} has no sentence to caption"


@pytest.mark.render
@pytest.mark.parametrize("entry", SCENES, ids=lambda entry: entry.label)
def test_captions_cover_the_guide(entry) -> None:
    record = scene_record(entry, "default")
    if record.error:
        pytest.skip("scene does not build (see test_smoke)")
    problems = caption_problems(record)
    assert not problems, "\n".join(problems)
