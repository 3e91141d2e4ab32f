"""Section 08 data: the demo panel's readouts, slider ranges and descent runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, Preset, load_preset
from backprop_core.sections.s08_interactive_demo import build

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


def test_guide_panel_for_default_preset() -> None:
    data = build(DEFAULT_PRESET)
    r = data.start
    shown = [fmt(v, data.digits) for v in (r.y_hat, r.y, r.loss, r.dL_dw, r.dL_db)]
    assert shown == ["1.10", "2.00", "0.81", "\u22123.60", "\u22121.80"]


def test_sweep_covers_the_landmarks_and_returns() -> None:
    data = build(DEFAULT_PRESET)
    low, high = data.w_range
    assert data.sweep_stops[0] == data.sweep_stops[-1] == DEFAULT_PRESET.w
    assert all(low <= w <= high for w in data.sweep_stops)
    assert data.w_star is not None and low < data.w_star < high
    assert data.dead_boundary is not None and low < data.dead_boundary < high
    assert data.readouts(data.w_star).loss == pytest.approx(0.0, abs=1e-12)
    assert data.readouts(low).dL_dw == 0.0


def test_runs_fall_and_include_the_preset_rate() -> None:
    data = build(DEFAULT_PRESET)
    assert DEFAULT_PRESET.lr in [run.lr for run in data.runs]
    for run in data.runs:
        assert run.losses[-1] < run.losses[0]
        assert data.lr_range[0] <= run.lr <= data.lr_range[1]
        assert run.ws[0] == DEFAULT_PRESET.w


def test_dead_relu_runs_start_where_the_neuron_is_active() -> None:
    preset = load_preset(PRESETS / "dead-relu.toml")
    data = build(preset)
    assert data.start.dL_dw == 0.0
    assert preset.x * data.runs_start_w + preset.b > 0
    assert data.runs_start_note and all(run.losses[-1] < run.losses[0] for run in data.runs)


def test_overshoot_gradient_is_positive() -> None:
    data = build(load_preset(PRESETS / "overshoot.toml"))
    assert data.start.dL_dw > 0 and data.start.loss > 0


values = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=30, deadline=None)
@given(x=values, w=values, b=values, y=values, lr=st.sampled_from([0.001, 0.01, 0.1, 1.0]))
def test_any_preset_has_sane_ranges(x: float, w: float, b: float, y: float, lr: float) -> None:
    data = build(Preset(x=x, w=w, b=b, y=y, lr=lr))
    low, high = data.w_range
    assert low < high and low <= w <= high
    assert data.lr_range[0] == 0.0 and all(run.lr <= data.lr_range[1] for run in data.runs)
    assert all(run.steps >= 1 or run.lr > 0 for run in data.runs)


def test_panel_numbers_at_each_stop_and_step_come_from_neuron() -> None:
    data = build(load_preset(PRESETS / "overshoot.toml"))
    preset = data.walk.preset
    assert [r.w for r in data.sweep_readouts] == list(data.sweep_stops)
    assert all(r.b == preset.b for r in data.sweep_readouts)
    assert data.sweep_readouts[1].loss == data.readouts(data.sweep_stops[1]).loss
    for run in data.runs:
        assert len(run.readouts) == len(run.ws)
        for r, w, b, loss in zip(run.readouts, run.ws, run.bs, run.losses):
            assert (r.w, r.b) == (w, b)
            assert r.loss == pytest.approx(loss)
