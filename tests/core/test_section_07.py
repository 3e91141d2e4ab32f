"""Section 07 data: the loss curve, the guide's single step, and the learning-rate runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, Preset, load_preset
from backprop_core.sections.s07_gradient_descent import build, descend, loss_of_w

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


def test_guide_step_for_default_preset() -> None:
    data = build(DEFAULT_PRESET)
    assert [fmt(v) for v in (data.w_old, data.lr, data.gradient, data.w_new)] == ["0.5", "0.01", "\u22123.6", "0.536"]
    assert data.w_new == pytest.approx(data.w_old - data.lr * data.gradient)
    assert "0.536" in data.step_sentence


def test_tiny_default_step_gets_a_zoom_that_contains_it() -> None:
    data = build(DEFAULT_PRESET)
    assert data.zoom is not None and data.zoom_factor >= 2
    assert data.zoom.contains(data.w_old) and data.zoom.contains(data.w_new)
    assert data.zoom.width < data.curve.width


def test_curve_is_the_neurons_loss() -> None:
    data = build(DEFAULT_PRESET)
    assert data.curve.contains(data.w_old) and data.w_star is not None and data.curve.contains(data.w_star)
    for w, loss in zip(data.curve.ws[::40], data.curve.losses[::40]):
        assert loss == pytest.approx(loss_of_w(DEFAULT_PRESET, w))


def test_descent_goes_downhill_and_rates_behave_as_named() -> None:
    data = build(DEFAULT_PRESET)
    assert all(b <= a for a, b in zip(data.descent.losses, data.descent.losses[1:]))
    assert data.descent.ws[1] == pytest.approx(data.w_new)
    assert data.too_large.lr > data.lr > data.too_small.lr
    assert data.too_large.outcome in ("diverges", "overshoots", "dies")
    assert data.too_small.outcome == "crawls"
    assert data.too_large.losses[-1] > data.too_small.losses[-1]
    # "Tiny steps, the loss barely falls": η = 0.001 takes L from 0.81 to 0.73 in the panel's 6 steps.
    assert fmt(data.too_small.lr) == "0.001"
    assert data.too_small.losses[-1] > 0.85 * data.too_small.losses[0]


def test_both_comparison_panels_share_one_window_holding_both_runs() -> None:
    data = build(DEFAULT_PRESET)
    for run in (data.too_large, data.too_small):
        assert all(data.compare_window.contains(w) for w in run.ws)
    assert data.compare_start in data.compare_ticks
    assert data.w_star in data.compare_ticks
    assert (data.too_large_label, data.too_small_label) == ("Too big = overshoot", "Too small = too slow")


def test_readouts_have_fixed_decimals_and_sentences_use_them() -> None:
    data = build(DEFAULT_PRESET)
    assert [fmt(v, data.w_digits) for v in (data.w_old, data.w_new)] == ["0.500", "0.536"]
    assert fmt(data.loss_old, data.loss_digits) == "0.81"
    assert fmt(data.gradient, data.grad_digits) == "\u22123.60"
    # The panel's L counter runs 0.81 → 2.04 in 6 steps (the sentence no longer says it).
    losses = data.too_large.losses
    assert [fmt(losses[0], data.loss_digits), fmt(losses[-1], data.loss_digits)] == ["0.81", "2.04"] and data.too_large.steps == 6
    assert "overshoots further" in data.too_large.sentence and "2.0397" not in data.too_large.sentence


def test_default_curve_reaches_w_zero_so_its_loss_axis_stands_at_zero() -> None:
    data = build(DEFAULT_PRESET)
    assert data.curve.contains(0.0) and data.curve.contains(data.w_star)


def test_dead_relu_holds_still_and_the_comparison_starts_where_the_neuron_lives() -> None:
    preset = load_preset(PRESETS / "dead-relu.toml")
    data = build(preset)
    assert data.zoom is None and data.step == 0.0
    assert data.descent.outcome == "stuck"
    assert preset.x * data.compare_start + preset.b > 0
    assert fmt(data.compare_start) in data.compare_note


def test_overshoot_step_goes_down() -> None:
    data = build(load_preset(PRESETS / "overshoot.toml"))
    assert data.gradient > 0 and data.w_new < data.w_old
    assert data.loss_new_w_only < data.loss_old


values = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=30, deadline=None)
@given(x=values, w=values, b=values, y=values, lr=st.sampled_from([0.001, 0.01, 0.1, 1.0]))
def test_any_preset_builds_finite_windows(x: float, w: float, b: float, y: float, lr: float) -> None:
    data = build(Preset(x=x, w=w, b=b, y=y, lr=lr))
    for window in (data.curve, data.compare_window):
        assert window.w_min < window.w_max and window.loss_max > 0
    assert data.curve.contains(data.w_old)
    assert data.compare_window.contains(data.compare_start)
    assert all(data.compare_window.contains(t) for t in data.compare_ticks)
    assert all(abs(v) < 1e7 for v in data.too_large.ws)



def test_a_huge_rate_overshoots_into_the_dead_zone() -> None:
    run = descend(Preset(x=10.0, w=1.0, b=0.0, y=1.0, lr=1.0), 1.0, 1.0, 5)
    assert run.outcome == "dies" and run.grads[-1] == 0.0
    assert "switches off" in run.sentence


def test_a_descent_sentence_never_wraps_inside_its_rate() -> None:
    import textwrap

    from backprop_core.sections.s07_gradient_descent import NO_BREAK

    run = descend(DEFAULT_PRESET, DEFAULT_PRESET.w, DEFAULT_PRESET.lr, 5)
    rate = f"η{NO_BREAK}={NO_BREAK}{fmt(DEFAULT_PRESET.lr)}"
    assert rate in run.sentence
    for width in range(8, 60):
        lines = textwrap.wrap(run.sentence, width=width, break_long_words=False, break_on_hyphens=False)
        assert any(rate in line for line in lines)
