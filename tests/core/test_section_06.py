"""Section 06 data: the guide's backward-pass numbers, hop by hop along the neuron's chain."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from backprop_core.arithmetic import shown_value
from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, Preset, load_preset
from backprop_core.sections.s06_backward_pass import build

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


def shown(value: float) -> float:
    """The number a viewer reads from ``fmt(value)`` (scientific form too: 8.0×10⁻⁴)."""
    return shown_value(fmt(value))


def test_guide_numbers_for_default_preset() -> None:
    data = build(DEFAULT_PRESET)
    assert fmt(data.walk.loss) == "0.81"
    assert [fmt(f) for f in data.w_factors] == ["\u22121.8", "1.0", "2.0"]
    assert fmt(data.dL_dw) == "\u22123.6"
    assert fmt(data.dL_db) == "\u22121.8"
    assert data.chain_sentence == "\u2202L/\u2202w = (\u22121.8) \u00d7 (1.0) \u00d7 (2.0) = \u22123.6"
    assert data.w_verdict.sentence == (
        "The gradient \u22123.6 tells us: increase w to reduce the loss (since gradient is negative)."
    )
    assert data.dead_relu_sentence == "" and data.dead_relu_label == ""


def test_hops_run_from_the_loss_back_to_w_and_b() -> None:
    data = build(DEFAULT_PRESET)
    assert [(h.target, h.source) for h in data.hops] == [("L", "\u0177"), ("\u0177", "z"), ("z", "w"), ("z", "b")]
    assert [fmt(h.result) for h in data.hops] == ["\u22121.8", "\u22121.8", "\u22123.6", "\u22121.8"]
    assert [h.factor for h in data.hops[:3]] == ["\u2202L/\u2202\u0177", "\u2202\u0177/\u2202z", "\u2202z/\u2202w"]
    assert data.hop("w").gradient_name == "\u2202L/\u2202w"
    assert data.hops[1].sentence == "Through the ReLU: \u22121.8 \u00d7 1.0 = \u22121.8 arrives at z."
    # Each hop starts from what the previous one delivered.
    assert data.hops[1].upstream == data.hops[0].result
    assert data.hops[2].upstream == data.hops[3].upstream == data.hops[1].result


def test_hops_agree_with_the_autograd_engine() -> None:
    for name in ("default", "dead-relu", "overshoot"):
        data = build(load_preset(PRESETS / f"{name}.toml"))
        assert data.hop("w").result == pytest.approx(data.graph.node("w").grad)
        assert data.hop("b").result == pytest.approx(data.graph.node("b").grad)
        assert data.hop("\u0177").result == pytest.approx(data.graph.node("\u0177").grad)


def test_nudges_lower_the_loss_the_way_the_gradient_says() -> None:
    data = build(DEFAULT_PRESET)
    w_nudge, b_nudge = data.nudges
    assert (w_nudge.parameter, fmt(w_nudge.after.w), fmt(w_nudge.after.loss)) == ("w", "0.6", "0.49")
    assert (b_nudge.parameter, fmt(b_nudge.after.b), fmt(b_nudge.after.loss)) == ("b", "0.2", "0.64")
    # Each test nudge starts from the example as it is (w is reset before b is nudged).
    assert b_nudge.before == w_nudge.before
    assert fmt(b_nudge.after.w) == "0.5"
    assert w_nudge.result_label == "L falls: 0.81 \u2192 0.49"
    assert w_nudge.label == "gradient \u22123.6 < 0: increase w  (w + 0.1)"


def test_local_rules_say_where_each_local_derivative_comes_from() -> None:
    data = build(DEFAULT_PRESET)
    assert [hop.rule for hop in data.hops] == [
        "\u22122(y \u2212 \u0177) = \u22121.8", "ReLU\u2032(1.1) = 1.0", "x = 2.0", "1.0",
    ]
    assert data.at_w_label == "at w = 0.5"


def test_overshoot_says_decrease_and_the_nudge_goes_down() -> None:
    data = build(load_preset(PRESETS / "overshoot.toml"))
    assert data.dL_dw > 0
    assert "decrease w" in data.w_verdict.sentence and "positive" in data.w_verdict.sentence
    w_nudge, b_nudge = data.nudges
    assert w_nudge.delta < 0 and b_nudge.delta < 0
    assert w_nudge.after.loss < w_nudge.before.loss and b_nudge.after.loss < b_nudge.before.loss


def test_dead_relu_explains_the_zero_gradient_and_nothing_moves() -> None:
    data = build(load_preset(PRESETS / "dead-relu.toml"))
    assert not data.relu_active
    assert data.dL_dw == 0.0 and data.dL_db == 0.0
    assert data.w_verdict.direction == "hold"
    assert "increase" not in data.w_verdict.sentence and "decrease" not in data.w_verdict.sentence
    assert fmt(data.walk.z) in data.dead_relu_sentence
    assert "nothing flows back" in data.dead_relu_sentence
    assert data.dead_relu_label == "ReLU off: \u00d70.0 stops the flow"
    for nudge in data.nudges:
        assert nudge.after.z <= 0.0
        assert nudge.after.loss == nudge.before.loss
        assert nudge.result_label == f"L stays {fmt(nudge.after.loss)}"


values = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=40, deadline=None)
@given(x=values, w=values, b=values, y=values)
@example(x=0.02, w=0.02, b=0.0, y=0.0)  # gradients below 1e-3 show in scientific form
@example(x=1.0, w=0.0, b=1.0, y=1.03)  # a 0.1 nudge would step past the minimum and raise L
def test_shown_arithmetic_is_closed_and_sentences_follow_the_sign(x: float, w: float, b: float, y: float) -> None:
    data = build(Preset(x=x, w=w, b=b, y=y, lr=0.01))
    for hop in data.hops:
        assert fmt(shown(hop.upstream) * shown(hop.local)) == fmt(hop.result)
    assert data.hop("w").result == pytest.approx(data.walk.dL_dw, abs=1e-3 * (1 + abs(x) * 20))
    word = {"increase": "increase w", "decrease": "decrease w", "hold": "stays put"}[data.w_verdict.direction]
    assert word in data.w_verdict.sentence
    assert fmt(data.walk.dL_dw) in data.w_verdict.sentence
    assert (data.dead_relu_sentence == "") == data.relu_active
    w_nudge = data.nudges[0]
    if data.w_verdict.direction != "hold" and data.relu_active and (w_nudge.after.z > 0) == (w_nudge.before.z > 0):
        assert w_nudge.after.loss <= w_nudge.before.loss + 1e-12
    b_nudge = data.nudges[1]
    if data.b_verdict.direction != "hold" and data.relu_active and (b_nudge.after.z > 0) == (b_nudge.before.z > 0):
        assert b_nudge.after.loss <= b_nudge.before.loss + 1e-12
