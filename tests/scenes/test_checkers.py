"""The scene checks fail on purpose: each one is fed a broken fixture scene and must report it.

Without these, a check that silently passes everything would look the same as a
video that is right.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.scenes import fixtures
from tests.scenes.checks import (
    arithmetic_problems,
    caption_problems,
    dead_time_problems,
    layout_problems,
    narrated_hold_problems,
    normalise,
    number_tokens,
    provenance_problems,
    still_stretches,
    subtitle_band_problems,
    tex_problems,
    tex_to_arithmetic,
    tex_to_plain,
    text_morph_problems,
)
from tests.scenes.golden import compare_frames, golden_problems, keep_key_frames, write_png
from tests.scenes.harness import ModelNarrator, load_presets, record_scene

pytestmark = pytest.mark.render


def record(scene_class: type, preset_name: str = "default", capture_frames: bool = False):
    result = record_scene(scene_class, load_presets()[preset_name], preset_name, capture_frames=capture_frames)
    assert result.error is None, result.error
    return result


def test_a_scene_that_raises_is_reported_with_its_traceback() -> None:
    result = record_scene(fixtures.BrokenScene, load_presets()["default"])
    assert result.error is not None and "ValueError: a bug in the scene" in result.error
    assert len(result.checkpoints) == 1


@pytest.mark.parametrize("preset_name", ["default", "dead-relu", "overshoot"])
def test_honest_numbers_pass_every_preset(preset_name: str) -> None:
    result = record(fixtures.HonestNumbers, preset_name)
    assert provenance_problems(result) == []
    assert layout_problems(result) == []


def test_typed_numbers_pass_only_while_they_happen_to_be_right() -> None:
    assert provenance_problems(record(fixtures.TypedNumbers, "default")) == []
    problems = provenance_problems(record(fixtures.TypedNumbers, "dead-relu"))
    assert len(problems) == 2, problems
    assert "'L = 0.81'" in problems[0] and "'0.81'" in problems[0] and "t=0.20s" in problems[0]
    assert "'1.1'" in problems[1] and "MathTex" in problems[1]


def test_a_number_computed_in_the_scene_is_reported() -> None:
    problems = provenance_problems(record(fixtures.ComputedNumber))
    assert any("recorded number '1.35'" in p and "not a value of the data" in p for p in problems), problems


def test_live_readouts_are_checked_at_the_frames_they_are_shown() -> None:
    result = record(fixtures.DriftingReadout)
    problems = provenance_problems(result)
    assert any("LiveNumber '0.62'" in p for p in problems), problems
    assert any("live readout shows '0.50' but its value function gives '0.62'" in p for p in problems), problems


def test_an_off_frame_label_is_reported_with_scene_time_and_text() -> None:
    problems = layout_problems(record(fixtures.OffFrameLabel))
    assert len(problems) == 1, problems
    assert problems[0].startswith("OffFrameLabel[default] t=0.40s (end of play #0): Text 'Off the edge'")
    assert "leaves the frame margin" in problems[0]


def test_overlapping_labels_are_reported_unless_marked_or_invisible() -> None:
    problems = layout_problems(record(fixtures.OverlappingLabels))
    assert len(problems) == 1, problems
    assert "'First label'" in problems[0] and "overlaps" in problems[0] and "'Second label'" in problems[0]


def test_captions_that_say_the_guide_pass_and_a_missing_sentence_fails() -> None:
    assert caption_problems(record(fixtures.CaptionsComplete)) == []
    problems = caption_problems(record(fixtures.CaptionsMissingSentence))
    assert problems == [
        "CaptionsMissingSentence[default]: guide sentence not in captions or on screen: "
        "'Each neuron: multiply inputs by weights, add bias, apply activation function.'"
    ]


def test_overlapping_cues_are_reported() -> None:
    problems = caption_problems(record(fixtures.OverlappingCues), sentences=[])
    assert len(problems) == 1 and "'Another caption.' at 0.00s starts before 'One caption.'" in problems[0]


def test_golden_frames_compare_for_real(tmp_path) -> None:
    original = record(fixtures.CircleAt, capture_frames=True)
    keep_key_frames(original)
    assert set(original.frames) == {1, 2, 3}
    assert original.frames[1].shape == (144, 256, 3) and original.frames[1].max() > 0
    for number, frame in original.frames.items():
        write_png(tmp_path / f"circle_{number}.png", frame, original.key_times[number])

    again = record(fixtures.CircleAt, capture_frames=True)
    keep_key_frames(again)
    assert golden_problems("circle", again.frames, again.key_times, tmp_path) == ([], [])

    moved = record(fixtures.CircleMoved, capture_frames=True)
    keep_key_frames(moved)
    problems, missing = golden_problems("circle", moved.frames, moved.key_times, tmp_path)
    assert missing == [] and len(problems) == 3, problems
    assert "pixels changed" in problems[0]

    _, missing = golden_problems("no-such-scene", moved.frames, moved.key_times, tmp_path)
    assert len(missing) == 3


def test_frame_comparison_tolerates_noise_but_not_a_change() -> None:
    rng = np.random.default_rng(0)
    frame = rng.integers(0, 256, size=(144, 256, 3), dtype=np.uint8)
    noisy = np.clip(frame.astype(int) + rng.integers(-2, 3, size=frame.shape), 0, 255).astype(np.uint8)
    assert compare_frames(frame, noisy).matches
    changed = frame.copy()
    changed[40:60, 100:130] = 255 - changed[40:60, 100:130]
    assert not compare_frames(frame, changed).matches
    assert not compare_frames(frame, frame[:, :-1]).matches


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L = 0.81", ["0.81"]),
        ("∂L/∂w = −3.6", ["−3.6"]),
        ("0.5 − 0.01 × (−3.6) = 0.536", ["0.5", "0.01", "−3.6", "0.536"]),
        ("tiny: 3.2×10⁻⁷ and +0.4", ["3.2×10⁻⁷", "+0.4"]),
        ("1,234,567.5 steps", ["1,234,567.5"]),
        ("GPT-4, 2D, w1, 10-minute", []),
        ("axis: 10⁻⁶", ["−6"]),
    ],
)
def test_number_tokens_read_fmt_spellings(text: str, expected: list[str]) -> None:
    assert [token.text for token in number_tokens(text)] == expected


def test_tex_numbers_read_like_fmt_output() -> None:
    plain = tex_to_plain(r"\hat{y}^2 = -3.2\times10^{-7} + w_{1} - 0.5")
    assert [token.text for token in number_tokens(plain)] == ["−3.2×10⁻⁷", "0.5"]
    assert number_tokens(plain)[1].binary_minus


def test_normalise_ignores_quotes_dashes_emoji_and_spacing() -> None:
    assert normalise('🎯 They learn by making mistakes — then  fixing them.') == normalise(
        "they learn by making mistakes - then fixing them ."
    )
    assert normalise("That\u2019s it!") == normalise("That's it!")


def test_content_in_the_subtitle_band_is_reported_text_and_shapes_alike() -> None:
    problems = subtitle_band_problems(record(fixtures.LabelInSubtitleBand))
    assert len(problems) == 2, problems
    assert "Text 'Under the picture'" in problems[0] and "subtitle band (y < -3.04)" in problems[0]
    assert "t=0.60s (end of play #1)" in problems[0]
    assert problems[1].startswith("LabelInSubtitleBand[default] t=0.60s") and "Line (in a Line)" in problems[1]
    assert subtitle_band_problems(record(fixtures.ContentAboveSubtitleBand)) == []


def test_a_text_morphed_into_another_string_is_reported_for_every_kind_of_transform() -> None:
    problems = text_morph_problems(record(fixtures.MorphingTexts))
    assert len(problems) == 5, problems
    assert "play #0 at t=0.00-0.40s: Transform ['w·x = 1.0'] -> ['z = 1.1']" in problems[0]
    assert "ReplacementTransform ['a = 1'] -> ['a = 2']" in problems[1]
    assert "TransformFromCopy ['x = 2.0'] -> ['y = 2.0']" in problems[2]
    assert "_MethodAnimation ['0.50'] -> ['0.54']" in problems[3]
    # After a transform the text says what it shows: the chip became "z = 1.1".
    assert "['z = 1.1'] -> ['ŷ = 1.1']" in problems[4]


def test_cross_fades_matched_glyphs_live_numbers_and_same_string_moves_pass() -> None:
    result = record(fixtures.CleanTextChanges)
    assert text_morph_problems(result) == []
    assert [c.animations for c in result.checkpoints][:3] == [("Transform",), ("_MethodAnimation",), ("FadeTransform",)]


def test_long_holds_and_a_text_only_opening_are_reported() -> None:
    problems = dead_time_problems(record(fixtures.StillScene))
    assert problems == [
        "StillScene[default]: nothing moves and no caption starts for 4.00s (t=4.00-8.00s; at most 3s)",
        "StillScene[default]: the first visual that is not text appears at t=3.00s (open on a picture within 2s)",
    ]


def test_motion_captions_and_updaters_break_a_hold() -> None:
    result = record(fixtures.LivelyScene)
    assert dead_time_problems(result) == []
    stretches = [(round(s.start, 2), round(s.end, 2)) for s in still_stretches(result)]
    assert stretches == [(1.0, 3.5), (3.5, 6.0), (6.0, 8.5), (14.0, 15.0)]


def test_a_short_play_under_a_long_spoken_sentence_is_a_narrated_hold() -> None:
    spoken = record_scene(fixtures.NarratedHold, load_presets()["default"], narrator=ModelNarrator())
    assert spoken.error is None, spoken.error
    problems = narrated_hold_problems(spoken)
    assert len(problems) == 1 and "stands still" in problems[0] and "A long sentence" in problems[0]
    # Silent, the same scene is paced by reading time: the sentence is shorter than spoken.
    assert record(fixtures.NarratedHold).duration < spoken.duration


def test_motion_under_the_whole_sentence_passes_narrated() -> None:
    spoken = record_scene(fixtures.NarratedMotion, load_presets()["default"], narrator=ModelNarrator())
    assert spoken.error is None, spoken.error
    assert spoken.duration > 6.0
    assert narrated_hold_problems(spoken) == []


def test_arithmetic_that_does_not_add_up_as_shown_is_reported() -> None:
    problems = arithmetic_problems(record(fixtures.OpenArithmetic))
    assert len(problems) == 3, problems
    assert "shows −2.6 × −0.45 = 1.18, but the shown operands give 1.170" in problems[0]
    assert "MathTex" in problems[1] and "ReLU(0.5 × 2.0 + 0.1) = 1.2, but the shown operands give 1.10" in problems[1]
    assert "the line '2.0 × 0.5 = 1.1'" in problems[2]


@pytest.mark.parametrize("preset_name", ["default", "dead-relu", "overshoot"])
def test_closed_symbolic_and_live_arithmetic_passes(preset_name: str) -> None:
    assert arithmetic_problems(record(fixtures.ClosedArithmetic, preset_name)) == []


def test_tex_reads_as_shown_arithmetic() -> None:
    assert tex_to_arithmetic(r"w_{new} = 0.5 - 0.01 \times (-3.6)") == "w§ = 0.5 − 0.01 × (−3.6)"
    assert tex_to_arithmetic(r"\left(2.0 - 1.1\right)^{2} = \frac{1}{4}") == "(2.0 − 1.1)² = (1)/(4)"


def test_latex_on_screen_is_reported_and_the_kit_formula_is_inter() -> None:
    problems = tex_problems(record(fixtures.OpenArithmetic))
    assert len(problems) == 1 and "MathTex" in problems[0] and "LaTeX" in problems[0]
    result = record(fixtures.InterFormula)
    assert tex_problems(result) == [] and arithmetic_problems(result) == [] and provenance_problems(result) == []
    shown = {item.text: item.kind for item in result.checkpoints[-1].texts}
    assert shown == {"ŷ = ReLU(0.5 · 2.0 + 0.1) = 1.1": "Text", "−3.60": "Text"}
    assert [text for text, _ in result.shown_numbers] == ["0.5", "2.0", "0.1", "1.1", "−3.60"]
