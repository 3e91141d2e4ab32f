"""The film rules of issue 10, for every scene under every preset.

- Nothing visible (text, shapes, lines, axes, dots) in the subtitle band, the
  bottom 12 % of the frame (``checks.subtitle_band_problems``).
- No play morphs a text into a different string (``checks.text_morph_problems``).
- No hold over 3 s in which nothing moves and no caption starts, and a picture
  (not text) on screen within 2 s (``checks.dead_time_problems``).
- Narrated, as the default build renders it (sentences as long as the shipped
  voice speaks them, ``harness.ModelNarrator``): no hold over 3 s in which nothing
  moves, caption or not (``checks.narrated_hold_problems``).
- Shown arithmetic adds up from the operands as shown (``checks.arithmetic_problems``).
- Maths in the text face: no MathTex/Tex on screen (``checks.tex_problems``).

These fail on scenes not yet rewritten to the rules: run this file to see which
(``pytest tests/scenes/test_film.py -q -rf``); each check is proven on a
fixture in ``test_checkers.py``.
"""

from __future__ import annotations

import pytest

from scenes import SCENES
from tests.scenes.checks import (
    arithmetic_problems,
    dead_time_problems,
    narrated_hold_problems,
    subtitle_band_problems,
    tex_problems,
    text_morph_problems,
)
from tests.scenes.harness import NARRATED, PRESET_NAMES, scene_record

pytestmark = pytest.mark.render

FILM_CHECKS = {
    "subtitle_band": subtitle_band_problems,
    "text_morph": text_morph_problems,
    "dead_time": dead_time_problems,
    "arithmetic": arithmetic_problems,
    "latex": tex_problems,
}


@pytest.mark.parametrize("check", list(FILM_CHECKS))
@pytest.mark.parametrize("preset_name", PRESET_NAMES)
@pytest.mark.parametrize("entry", SCENES, ids=lambda entry: entry.label)
def test_film_rules(entry, preset_name: str, check: str) -> None:
    record = scene_record(entry, preset_name)
    if record.error:
        pytest.skip("scene does not build (see test_smoke)")
    problems = FILM_CHECKS[check](record)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("preset_name", [NARRATED])
@pytest.mark.parametrize("entry", SCENES, ids=lambda entry: entry.label)
def test_narrated_film_never_stands_still(entry, preset_name: str) -> None:
    record = scene_record(entry, preset_name)
    if record.error:
        pytest.skip("scene does not build (see test_smoke)")
    problems = narrated_hold_problems(record)
    assert not problems, "\n".join(problems)
