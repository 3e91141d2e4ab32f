"""Section 06 data: the guide's backward-pass numbers, read off the autograd graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, Preset, load_preset
from backprop_core.sections.s06_backward_pass import build

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


def test_guide_numbers_for_default_preset() -> None:
    data = build(DEFAULT_PRESET)
    assert fmt(data.walk.loss) == "0.81"
    assert [fmt(f) for f in data.w_factors] == ["\u22121.8", "1.0", "2.0"]
    assert fmt(data.dL_dw) == "\u22123.6"
    assert fmt(data.dL_db) == "\u22121.8"
    assert data.w_verdict.sentence == (
        "The gradient \u22123.6 tells us: increase w to reduce the loss (since gradient is negative)."
    )
    assert data.dead_relu_sentence == ""


def test_factors_multiply_to_the_engine_gradient() -> None:
    data = build(DEFAULT_PRESET)
    a, b, c = data.w_factors
    assert a * b * c == pytest.approx(data.graph.node("w").grad)
    a, b, c = data.b_factors
    assert a * b * c == pytest.approx(data.graph.node("b").grad)


def test_layout_puts_every_node_after_its_inputs() -> None:
    data = build(DEFAULT_PRESET)
    for edge in data.graph.edges:
        assert data.placed(edge.source).column < data.placed(edge.target).column
    assert data.node("L").column == data.columns - 1
    assert len({(n.column, n.row) for n in data.nodes}) == len(data.nodes)


def test_backward_steps_start_at_the_loss_and_skip_data_inputs() -> None:
    data = build(DEFAULT_PRESET)
    first = data.steps[0]
    assert data.placed(first.edge.target).label == "L"
    sources = {data.placed(step.edge.source).label for step in data.steps}
    assert {"w", "b"} <= sources
    assert not sources & {"x", "y"}
    last_into_w = [s for s in data.steps if data.placed(s.edge.source).label == "w"][-1]
    assert last_into_w.contribution == pytest.approx(data.dL_dw)


def test_dead_relu_explains_the_zero_gradient() -> None:
    data = build(load_preset(PRESETS / "dead-relu.toml"))
    assert not data.relu_active
    assert data.dL_dw == 0.0 and data.dL_db == 0.0
    assert data.w_verdict.direction == "hold"
    assert "increase" not in data.w_verdict.sentence and "decrease" not in data.w_verdict.sentence
    assert fmt(data.walk.z) in data.dead_relu_sentence
    assert "nothing flows back" in data.dead_relu_sentence


def test_overshoot_says_decrease() -> None:
    data = build(load_preset(PRESETS / "overshoot.toml"))
    assert data.dL_dw > 0
    assert "decrease w" in data.w_verdict.sentence
    assert "positive" in data.w_verdict.sentence


values = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=40, deadline=None)
@given(x=values, w=values, b=values, y=values)
def test_sentence_sign_follows_gradient_for_any_preset(x: float, w: float, b: float, y: float) -> None:
    data = build(Preset(x=x, w=w, b=b, y=y, lr=0.01))
    assert data.w_factors[0] * data.w_factors[1] * data.w_factors[2] == pytest.approx(data.dL_dw, abs=1e-9)
    word = {"increase": "increase w", "decrease": "decrease w", "hold": "stays put"}[data.w_verdict.direction]
    assert word in data.w_verdict.sentence
    assert fmt(data.dL_dw) in data.w_verdict.sentence
    assert (data.dead_relu_sentence == "") == data.relu_active
