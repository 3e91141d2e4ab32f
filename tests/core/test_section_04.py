"""Section 04 data: the guide's loss, the "high" judgement rule, and other presets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, Preset, load_preset
from backprop_core.sections import section_data
from backprop_core.sections.s03_forward_pass import build as forward_pass
from backprop_core.sections.s04_loss import (
    HIGH_RELATIVE_MISS,
    LOW_RELATIVE_MISS,
    LossData,
    build,
    judge_loss,
)

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


def test_registered_builder_returns_this_dataclass() -> None:
    assert isinstance(section_data(4, DEFAULT_PRESET), LossData)


def test_guide_numbers_for_the_default_preset() -> None:
    data = build(DEFAULT_PRESET)
    assert fmt(data.loss) == "0.81"
    assert fmt(data.gap) == "0.9"
    assert data.example_text == "If true y = 2.0 and prediction \u0177 = 1.1:"
    assert data.substituted_text == "L = (2.0 \u2212 1.1)\u00b2 = 0.81"
    assert data.formula_row == "L = (y \u2212 \u0177)\u00b2 = (2.0 \u2212 1.1)\u00b2 = 0.81"
    assert "".join(piece.text for piece in data.formula_pieces) == data.formula_row
    assert [(piece.text, piece.source) for piece in data.formula_pieces if piece.source] == [
        ("2.0", "y"), ("1.1", "y_hat"), ("0.81", "loss"),
    ]
    assert data.formula_pieces[0].text == "L = (y \u2212 \u0177)\u00b2"
    assert data.loss_at(data.y_hat) == pytest.approx(data.loss)
    assert data.loss_at(data.y) == 0.0


def test_guide_judgement_comes_from_the_rule() -> None:
    verdict = build(DEFAULT_PRESET).verdict
    assert verdict.level == "high"
    assert verdict.sentence == "0.81 is high \u2014 the network needs to improve!"


def test_no_claims_beyond_the_guide() -> None:
    """The rule behind "high" is ours, not the guide's: the scene shows only the guide's verdict."""
    data = build(DEFAULT_PRESET)
    assert not hasattr(data.verdict, "rule")
    assert data.goal_label == "Goal: make the loss as small as possible \u2014 0 means perfect"
    assert data.square_text == "0.9\u00b2 = 0.81"


def test_live_numbers_keep_the_digits_of_the_shown_values() -> None:
    data = build(DEFAULT_PRESET)
    assert (data.y_hat_digits, data.loss_digits) == (1, 2)
    assert fmt(data.loss, data.loss_digits) == fmt(data.loss)
    assert fmt(data.loss_at(data.y), data.loss_digits) == "0.00"
    overshoot = build(load_preset(PRESETS / "overshoot.toml"))
    assert fmt(overshoot.loss, overshoot.loss_digits) == "2.25"


@pytest.mark.parametrize(("y", "y_hat_inputs"), [(2.0, (2.0, 0.5, 0.1)), (1.0, (0.3333, 3.0, 0.0)), (2.0, (0.123, 2.5, 0.01))])
def test_shown_loss_adds_up_from_the_shown_operands(y: float, y_hat_inputs: tuple[float, float, float]) -> None:
    w, x, b = y_hat_inputs
    data = build(Preset(x=x, w=w, b=b, y=y))
    gap = round(abs(round(data.y, 4) - data.y_hat_shown), 4)
    assert data.y_hat_shown == forward_pass(Preset(x=x, w=w, b=b, y=y)).y_hat_shown
    assert data.gap_shown == gap
    assert data.loss_shown == round(gap**2, 4)
    assert data.formula_row.endswith(f"= {fmt(data.loss_shown)}")
    assert data.square_text == f"{fmt(gap)}\u00b2 = {fmt(data.loss_shown)}"


@pytest.mark.parametrize(
    ("y", "y_hat", "level"),
    [
        (2.0, 2.0, "perfect"),
        (2.0, 1.95, "low"),
        (2.0, 1.7, "moderate"),
        (2.0, 1.1, "high"),
        (0.0, 0.5, "high"),
        (0.0, 0.03, "low"),
        (-10.0, 0.0, "high"),
    ],
)
def test_judgement_levels(y: float, y_hat: float, level: str) -> None:
    assert judge_loss(y, y_hat).level == level


def test_judgement_sentence_uses_the_shown_loss() -> None:
    verdict = judge_loss(2.0, 1.7)
    assert verdict.sentence.startswith(fmt((2.0 - 1.7) ** 2) + " is moderate")


def test_dead_relu_prediction_is_zero() -> None:
    data = build(load_preset(PRESETS / "dead-relu.toml"))
    assert data.y_hat == 0.0
    assert data.substituted_text == "L = (1.0 \u2212 0.0)\u00b2 = 1.0"
    assert data.verdict.level == "high"
    assert data.verdict.sentence == "1.0 is high \u2014 the network needs to improve!"


def test_overshoot_prediction_above_target() -> None:
    data = build(load_preset(PRESETS / "overshoot.toml"))
    assert data.y_hat > data.y
    assert data.error < 0
    assert fmt(data.loss) == "2.25"


def test_negative_target_is_written_readably() -> None:
    data = build(Preset(y=-1.0))
    assert data.substituted_text.startswith("L = (\u22121.0 \u2212 1.1)\u00b2")


@settings(max_examples=50, deadline=None)
@given(st.floats(-10, 10, allow_nan=False), st.floats(-10, 10, allow_nan=False),
       st.floats(-10, 10, allow_nan=False), st.floats(-10, 10, allow_nan=False))
def test_pictures_fit_their_axes(x: float, w: float, b: float, y: float) -> None:
    data = build(Preset(x=x, w=w, b=b, y=y))
    assert data.loss == pytest.approx(data.gap**2)
    for value in (0.0, data.y, data.y_hat):
        assert data.number_line.contains(value)
    assert data.parabola_prediction_axis.contains(data.y_hat)
    assert data.parabola_prediction_axis.contains(data.y)
    edges = (data.parabola_prediction_axis.low, data.parabola_prediction_axis.high)
    assert all(data.parabola_loss_axis.contains(data.loss_at(edge)) for edge in edges)


@settings(max_examples=50, deadline=None)
@given(st.floats(-10, 10, allow_nan=False), st.floats(0, 10, allow_nan=False))
def test_judgement_is_monotone_in_the_miss(y: float, y_hat: float) -> None:
    order = ["perfect", "low", "moderate", "high"]
    verdict = judge_loss(y, y_hat)
    closer = judge_loss(y, (y + y_hat) / 2)
    assert order.index(closer.level) <= order.index(verdict.level)
    if verdict.relative_miss > HIGH_RELATIVE_MISS:
        assert verdict.level == "high"
    if 0 < verdict.relative_miss <= LOW_RELATIVE_MISS and verdict.level != "perfect":
        assert verdict.level == "low"


def test_labels_and_ticks_of_the_pictures() -> None:
    data = build(DEFAULT_PRESET)
    assert data.target_text == "target y = 2.0"
    assert data.prediction_word == "prediction"
    assert data.number_line_ticks == (-1.0, 0.0, 1.0, 2.0, 3.0)
    assert data.tick_digits == 0
    assert fmt(data.number_line_ticks[0], data.tick_digits) == "\u22121"
    assert data.parabola_ticks == (1.0, 2.0, 3.0)


@settings(max_examples=50, deadline=None)
@given(st.floats(-10, 10, allow_nan=False), st.floats(-10, 10, allow_nan=False),
       st.floats(-10, 10, allow_nan=False), st.floats(-10, 10, allow_nan=False))
def test_ticks_lie_on_their_axes(x: float, w: float, b: float, y: float) -> None:
    data = build(Preset(x=x, w=w, b=b, y=y))
    line, parabola = data.number_line, data.parabola_prediction_axis
    assert data.number_line_ticks[0] == line.low and data.number_line_ticks[-1] == pytest.approx(line.high)
    assert 2 <= len(data.parabola_ticks) <= 6
    assert all(parabola.contains(tick) for tick in data.parabola_ticks)
    for tick in (*data.number_line_ticks, *data.parabola_ticks):
        assert float(fmt(tick, data.tick_digits).replace("\u2212", "-").replace(",", "")) == pytest.approx(tick)
