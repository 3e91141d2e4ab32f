"""Section 08 data: the demo panel's readouts, slider ranges, sweep and descent runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.arithmetic import displayed
from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, Preset, load_preset
from backprop_core.sections.s08_interactive_demo import build
from backprop_core.walkthrough import neuron

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


def test_guide_panel_for_default_preset() -> None:
    data = build(DEFAULT_PRESET)
    r = data.start
    shown = [fmt(v, data.digits) for v in (r.y_hat, r.y, r.loss, r.dL_dw, r.dL_db)]
    assert shown == ["1.10", "2.00", "0.81", "\u22123.60", "\u22121.80"]
    assert "1.10" in data.intro_sentence and "0.81" in data.intro_sentence
    assert "negative" in data.gradient_sentence and "increase w" in data.gradient_sentence


def test_sweep_stops_at_the_loss_zero_point_first_then_covers_the_range() -> None:
    data = build(DEFAULT_PRESET)
    low, high = data.w_range
    assert data.sweep_stops[0] == DEFAULT_PRESET.w
    assert data.sweep[0].target == data.w_star and data.sweep[0].readouts.loss == pytest.approx(0.0, abs=1e-12)
    assert "loss is 0" in data.sweep[0].sentence
    assert {leg.target for leg in data.sweep[1:]} == {low, high}
    assert data.dead_boundary is not None and low < data.dead_boundary < high
    assert data.readouts(low).dL_dw == 0.0
    assert [r.w for r in data.sweep_readouts] == list(data.sweep_stops)


def test_bias_stays_fixed_so_the_curve_and_landmarks_hold() -> None:
    data = build(DEFAULT_PRESET)
    assert data.b == DEFAULT_PRESET.b
    for run in data.runs:
        assert all(r.b == data.b for r in run.readouts)
    for w, loss in zip(data.curve.ws[::30], data.curve.losses[::30]):
        assert loss == pytest.approx(neuron(DEFAULT_PRESET.x, w, data.b, DEFAULT_PRESET.y)[1])
    assert data.curve.w_min == pytest.approx(data.w_range[0]) and data.curve.w_max == pytest.approx(data.w_range[1])


def test_runs_include_the_preset_rate_and_one_that_overshoots() -> None:
    data = build(DEFAULT_PRESET)
    rates = [run.lr for run in data.runs]
    assert DEFAULT_PRESET.lr in rates and rates == sorted(rates)
    assert [run.label for run in data.runs] == ["small steps", "fast", "overshoots"]
    assert data.runs[-1].losses[-1] > data.runs[-1].losses[0]
    assert data.runs[1].losses[-1] < data.runs[0].losses[-1]
    low, high = data.w_range
    for run in data.runs:
        assert data.lr_range[0] <= run.lr <= data.lr_range[1]
        assert run.ws[0] == DEFAULT_PRESET.w
        assert all(low <= w <= high for w in run.ws)
        assert max(run.losses) <= data.sparkline_max


def test_rate_readout_has_fixed_decimals() -> None:
    data = build(DEFAULT_PRESET)
    assert data.lr_digits == 2 and data.lr_range == (0.0, 0.3)
    assert [fmt(run.lr, data.lr_digits) for run in data.runs] == ["0.01", "0.10", "0.26"]


def test_dead_relu_runs_start_where_the_neuron_is_active() -> None:
    preset = load_preset(PRESETS / "dead-relu.toml")
    data = build(preset)
    assert data.start.dL_dw == 0.0 and "no arrow" in data.gradient_sentence
    assert preset.x * data.runs_start_w + preset.b > 0
    assert data.runs_start_note
    assert fmt(data.runs_start_w) in data.runs_start_note


def test_a_run_stops_where_w_stops_moving() -> None:
    data = build(load_preset(PRESETS / "overshoot.toml"))
    assert data.start.dL_dw > 0 and data.start.loss > 0 and "decrease w" in data.gradient_sentence
    dead = data.runs[-1]
    assert dead.label == "ReLU dies" and dead.grads[-1] == 0.0 and all(g != 0.0 for g in dead.grads[:-1])
    assert len(dead.ws) == 2 and "switches off" in dead.sentence


values = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=30, deadline=None)
@given(x=values, w=values, b=values, y=values, lr=st.sampled_from([0.001, 0.01, 0.1, 1.0]))
def test_any_preset_has_sane_ranges(x: float, w: float, b: float, y: float, lr: float) -> None:
    data = build(Preset(x=x, w=w, b=b, y=y, lr=lr))
    low, high = data.w_range
    assert low < high and low <= w <= high
    assert data.lr_range[0] == 0.0 and all(run.lr <= data.lr_range[1] for run in data.runs)
    assert data.gauge_range[0] < data.gauge_range[1]
    assert data.sparkline_max >= 0.0


def test_panel_numbers_at_each_stop_and_step_come_from_neuron() -> None:
    data = build(load_preset(PRESETS / "overshoot.toml"))
    preset = data.walk.preset
    assert all(r.b == preset.b for r in data.sweep_readouts)
    assert data.sweep_readouts[1].loss == data.readouts(data.sweep_stops[1]).loss
    for run in data.runs:
        assert len(run.readouts) == len(run.ws)
        for r, shown, w, loss in zip(run.readouts, run.shown_readouts, run.ws, run.losses):
            assert r.w == w
            # The sparkline's losses are the LOSS card's: at w as the slider prints it.
            assert shown.w == displayed(w, data.digits)
            assert shown.loss == pytest.approx(loss)
