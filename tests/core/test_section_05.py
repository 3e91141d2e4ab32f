"""Section 05 data: gear rates multiply, the guide's chain, the nudge experiment."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, Preset, load_preset
from backprop_core.sections import section_data
from backprop_core.sections.s05_chain_rule import ChainRuleData, build, loss_at_weight, measure_gear_train

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


def test_registered_builder_returns_this_dataclass() -> None:
    assert isinstance(section_data(5, DEFAULT_PRESET), ChainRuleData)


def test_gear_rates_multiply() -> None:
    gears = measure_gear_train((24, 12, 8), 1.0)
    assert gears.turns == (1.0, 2.0, 3.0)
    assert gears.rate_c_per_a == pytest.approx(gears.rate_b_per_a * gears.rate_c_per_b)


def test_gear_counters_stop_on_whole_turns_of_a() -> None:
    gears = build(DEFAULT_PRESET).gears
    assert gears.marks == ((1.0, 2.0, 3.0), (2.0, 4.0, 6.0), (3.0, 6.0, 9.0), (4.0, 8.0, 12.0))


def test_live_gear_counters_obey_the_shown_rates_in_every_frame() -> None:
    gears = build(DEFAULT_PRESET).gears
    rate_ab, rate_bc = float(fmt(gears.rate_b_per_a)), float(fmt(gears.rate_c_per_b))
    for step in range(0, 401):
        a, b, c = gears.counters(step / 100)
        assert float(fmt(a, 1)) * rate_ab == pytest.approx(float(fmt(b, 1)))
        assert float(fmt(b, 1)) * rate_bc == pytest.approx(float(fmt(c, 1)))
    assert gears.counters(4.0) == gears.marks[-1]


def test_gears_reject_nonsense() -> None:
    with pytest.raises(ValueError):
        measure_gear_train((24, 0, 8), 1.0)


@settings(max_examples=30, deadline=None)
@given(st.tuples(*[st.integers(4, 60)] * 3), st.floats(0.1, 5))
def test_gear_chain_rule_holds_for_any_train(teeth: tuple[int, int, int], turns: float) -> None:
    gears = measure_gear_train(teeth, turns)
    assert gears.rate_c_per_a == pytest.approx(gears.rate_b_per_a * gears.rate_c_per_b)
    assert gears.rate_c_per_a == pytest.approx(teeth[0] / teeth[2])


def test_guide_chain_for_the_default_preset() -> None:
    data = build(DEFAULT_PRESET)
    assert [factor.name for factor in data.factors] == ["\u2202L/\u2202\u0177", "\u2202\u0177/\u2202z", "\u2202z/\u2202w"]
    assert [fmt(factor.value) for factor in data.factors] == ["\u22121.8", "1.0", "2.0"]
    assert data.product_text == "\u2202L/\u2202w = (\u22121.8) \u00d7 (1.0) \u00d7 (2.0) = \u22123.6"
    assert data.product_tex == r"= (-1.8) \times (1.0) \times (2.0) = -3.6"
    assert data.zero_factor_note is None
    assert data.gear_product_text == "C per A = 2.0 \u00d7 1.5 = 3.0"


def test_nudge_matches_gradient_times_epsilon() -> None:
    nudge = build(DEFAULT_PRESET).nudge
    assert nudge.epsilon == 0.1
    assert fmt(nudge.loss_nudged) == "0.49"
    assert fmt(nudge.loss_change) == "\u22120.32"
    assert fmt(nudge.predicted_change) == "\u22120.36"
    assert nudge.central_slope == pytest.approx(-3.6)
    assert nudge.sentence == (
        "Nudge w by \u03b5 = 0.1: L changes by \u22120.32; the tangent predicts \u22120.36."
    )


def test_nudge_plot_has_labelled_ticks_and_a_loss_axis_from_zero() -> None:
    nudge = build(DEFAULT_PRESET).nudge
    assert [fmt(t) for t in nudge.w_ticks] == ["0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"]
    assert nudge.loss_axis.low == 0.0
    assert [fmt(t) for t in nudge.loss_ticks] == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]
    low, high = nudge.tangent_w
    assert low < nudge.w < nudge.w_nudged < high


def test_shown_arithmetic_is_closed() -> None:
    for name in ("dead-relu", "overshoot"):
        data = build(load_preset(PRESETS / f"{name}.toml"))
        shown = [float(fmt(f.value).replace("\u2212", "-")) for f in data.factors]
        assert fmt(shown[0] * shown[1] * shown[2]) == fmt(data.product_value)
        nudge = data.nudge
        as_shown = float(fmt(nudge.loss_nudged).replace("\u2212", "-")) - float(fmt(nudge.loss).replace("\u2212", "-"))
        assert fmt(as_shown) == fmt(nudge.loss_change)
        assert fmt(float(fmt(data.dL_dw).replace("\u2212", "-")) * nudge.epsilon) == fmt(nudge.predicted_change)


def test_dead_relu_nudge_stays_left_of_the_kink() -> None:
    nudge = build(load_preset(PRESETS / "dead-relu.toml")).nudge
    assert nudge.epsilon == 0.02
    assert not nudge.crosses_kink


def test_dead_relu_product_is_zero_and_explained() -> None:
    data = build(load_preset(PRESETS / "dead-relu.toml"))
    assert data.factors[1].value == 0.0
    assert data.dL_dw == 0.0
    assert data.zero_factor_note is not None and "ReLU is off" in data.zero_factor_note
    assert data.nudge.loss_change == 0.0
    assert data.zero_factor_label == "\u2202\u0177/\u2202z = 0.0 \u2192 \u2202L/\u2202w = 0.0"
    assert data.zero_factor_note == (
        "\u2202\u0177/\u2202z = 0.0 because z = \u22120.05 \u2264 0 (the ReLU is off): a zero factor makes "
        "\u2202L/\u2202w = 0.0, so nudging w does not move L."
    )


def test_overshoot_gradient_is_positive() -> None:
    data = build(load_preset(PRESETS / "overshoot.toml"))
    assert data.dL_dw > 0
    assert data.nudge.loss_change > 0
    assert fmt(data.dL_dw) == "6.0"


@settings(max_examples=50, deadline=None)
@given(st.floats(-5, 5, allow_nan=False), st.floats(-5, 5, allow_nan=False),
       st.floats(-5, 5, allow_nan=False), st.floats(-5, 5, allow_nan=False))
def test_product_of_factors_is_the_gradient(x: float, w: float, b: float, y: float) -> None:
    data = build(Preset(x=x, w=w, b=b, y=y))
    product = data.factors[0].value * data.factors[1].value * data.factors[2].value
    assert product == pytest.approx(data.dL_dw, abs=1e-12)
    assert data.nudge.loss_nudged == pytest.approx(loss_at_weight(data, w + data.nudge.epsilon))
    if not data.nudge.crosses_kink:
        # L is quadratic in w on one side of the kink: the error is exactly x²ε², up to
        # the rounding of the numbers as shown (4 decimals each).
        assert data.nudge.loss_change - data.nudge.predicted_change == pytest.approx(
            (x * data.nudge.epsilon) ** 2 if data.walk.relu_active else 0.0, abs=1.5e-4
        )
    # The note explains a zero factor; every zero factor zeroes the gradient. (A product of
    # non-zero factors may still underflow to 0.0, e.g. x = 1e-219: no factor to blame there.)
    has_zero_factor = any(factor.value == 0.0 for factor in data.factors)
    assert (data.zero_factor_note is None) == (not has_zero_factor)
    if has_zero_factor:
        assert data.dL_dw == 0.0
    nudge = data.nudge
    assert nudge.w_axis.contains(nudge.w) and nudge.w_axis.contains(nudge.w_nudged)
    assert nudge.loss_axis.contains(nudge.loss) and nudge.loss_axis.contains(nudge.loss_nudged)
    assert nudge.loss_axis.high > nudge.loss_axis.low
    assert nudge.tangent_w[0] <= nudge.w <= nudge.tangent_w[1]
    for end in nudge.tangent_w:
        assert nudge.w_axis.low - 1e-9 <= end <= nudge.w_axis.high + 1e-9
        tangent_loss = nudge.loss + nudge.slope * (end - nudge.w)
        assert -1e-9 <= tangent_loss <= nudge.loss_axis.high + 1e-9


def test_each_factor_carries_its_local_rule() -> None:
    data = build(DEFAULT_PRESET)
    assert [factor.rule for factor in data.factors] == [
        "\u22122(y \u2212 \u0177) = \u22121.8", "ReLU\u2032(1.1) = 1.0", "x = 2.0",
    ]
    dead = build(load_preset(PRESETS / "dead-relu.toml"))
    assert dead.factors[1].rule == "ReLU\u2032(\u22120.05) = 0.0"
    assert data.intro_label == "backprop = the chain rule, applied systematically"
