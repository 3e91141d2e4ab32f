"""Section 10 data: vanishing and exploding gradients, the landscape race, the cost counts."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backprop_core.formatting import fmt
from backprop_core.landscapes import Bowl, evaluate_grid
from backprop_core.preset import DEFAULT_PRESET, load_preset
from backprop_core.sections import section_data
from backprop_core.sections.s10_challenges import build, contour_segments, log10_norms

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


@pytest.fixture(scope="module")
def data():
    return build(DEFAULT_PRESET)


def test_registered_and_titled(data):
    assert section_data(10, DEFAULT_PRESET).guide.heading == "When Backprop Struggles"
    assert data.guide.header == "10 / 12 \u2014 Challenges"


def test_sigmoid_gradients_vanish_toward_the_input(data):
    sigmoid = data.vanishing.sigmoid.norms
    # Shrinks at every step back toward the input, by several orders of magnitude in all.
    assert all(earlier < later for earlier, later in zip(sigmoid, sigmoid[1:]))
    assert data.vanishing_orders > 4
    assert data.vanishing_factor == pytest.approx(10**data.vanishing_orders)


def test_relu_he_keeps_the_gradient_scale(data):
    assert data.vanishing.relu.spread_orders < 1.0
    assert min(data.vanishing.relu.norms) > 1000 * min(data.vanishing.sigmoid.norms)


def test_exploding_then_clipped(data):
    unclipped, clipped = data.exploding.unclipped, data.exploding.clipped
    assert data.exploding_factor > 10
    assert unclipped.total_norm > data.exploding.max_norm
    assert clipped.total_norm == pytest.approx(data.exploding.max_norm)
    # Clipping scales every layer by one factor: the ratios between layers stay.
    ratios = np.array(clipped.norms) / np.array(unclipped.norms)
    assert np.allclose(ratios, ratios[0])
    assert ratios[0] == pytest.approx(data.exploding.max_norm / unclipped.total_norm)


def test_log_norms(data):
    logs = log10_norms(data.vanishing.sigmoid)
    assert logs == pytest.approx([np.log10(n) for n in data.vanishing.sigmoid.norms])


def test_race_outcomes(data):
    kinds = {path.name: path.end_kind for path in data.paths}
    assert kinds == {
        "sgd": "local minimum",
        "momentum": "global minimum",
        "rmsprop": "global minimum",
        "adam": "global minimum",
    }
    assert [path.display_name for path in data.paths] == ["SGD", "SGD + momentum", "RMSprop", "Adam"]
    for path in data.paths:
        assert path.points.shape == (data.landscape_steps + 1, 2)
        assert tuple(path.points[0]) == data.landscape_start
    assert {p.kind for p in data.critical_points} == {"global minimum", "local minimum", "saddle point"}


def test_saddle_start_sgd_stalls_adam_escapes(data):
    assert [path.name for path in data.saddle_paths] == ["sgd", "adam"]
    saddle = data.saddle_point
    assert saddle.kind == "saddle point"
    for path in data.saddle_paths:
        assert path.points.shape == (data.saddle_steps + 1, 2)
        assert tuple(path.points[0]) == data.saddle_start
    sgd, adam = data.saddle_paths
    near = np.hypot(*(sgd.points - np.array(saddle.point)).T) < data.saddle_radius
    assert data.saddle_stall_steps == int(near.sum())
    assert data.saddle_stall_steps > data.saddle_steps / 2
    assert sgd.end_kind == "saddle point" and adam.end_kind == "local minimum"


def test_vanishing_decay_per_layer_is_what_the_screen_can_multiply(data):
    sigmoid = data.vanishing.sigmoid.norms
    steps = data.depth - 1
    assert data.vanishing_per_layer == pytest.approx((sigmoid[0] / sigmoid[-1]) ** (1 / steps))
    assert 0 < data.vanishing_per_layer < 0.5
    # No false precision: a whole number of decades, and the shown factor (two decimals)
    # multiplied over the layers gives that same number of decades.
    assert isinstance(data.vanishing_order, int)
    assert data.vanishing_order == round(data.vanishing_orders)
    shown = float(fmt(data.vanishing_per_layer, 2))
    assert round(-math.log10(shown**steps)) == data.vanishing_order


def test_exploding_growth_per_layer_and_clip_scale(data):
    unclipped = data.exploding.unclipped
    assert data.exploding_per_layer == pytest.approx((unclipped.norms[0] / unclipped.norms[-1]) ** (1 / (data.depth - 1)))
    assert data.exploding_per_layer > 1
    assert data.clip_scale == pytest.approx(data.exploding.max_norm / unclipped.total_norm)
    assert unclipped.total_norm * data.clip_scale == pytest.approx(data.exploding.clipped.total_norm)


def test_contours_lie_on_their_level(data):
    grid = data.landscape_grid
    assert len(data.contours) > 3
    for contour in data.contours:
        assert contour.segments.ndim == 3 and contour.segments.shape[1:] == (2, 2)
        assert len(contour.segments) > 0
    levels = [c.level for c in data.contours]
    assert levels == sorted(levels)
    assert grid.values.min() < levels[0] and levels[-1] < grid.values.max()


@settings(max_examples=20, deadline=None)
@given(st.floats(0.3, 2.5))
def test_marching_squares_traces_a_circle(radius):
    bowl = Bowl(a=1.0, b=1.0)
    grid = evaluate_grid(bowl, 81, bounds=((-3.0, 3.0), (-3.0, 3.0)))
    level = 0.5 * radius**2
    # A level exactly equal to a grid value puts an end on a corner, where ends are not shared pairwise.
    assume(not np.any(np.isclose(grid.values, level, rtol=0, atol=1e-9)))
    segments = contour_segments(grid, level)
    ends = segments.reshape(-1, 2)
    # Linear interpolation on a 0.075 grid: the ends sit on the circle to within a small fraction of a cell.
    assert np.allclose(np.hypot(ends[:, 0], ends[:, 1]), radius, atol=0.01)
    # A closed curve: every end point is shared by exactly two segments.
    _, counts = np.unique(np.round(ends, 9), axis=0, return_counts=True)
    assert np.all(counts == 2)


def test_cost_backward_is_about_twice_forward(data):
    assert data.cost.backward > data.cost.forward
    assert 1.5 < data.cost_ratio <= 2.0


@pytest.mark.parametrize("name", ["dead-relu", "overshoot"])
def test_same_numbers_for_every_preset(data, name):
    other = build(load_preset(PRESETS / f"{name}.toml"))
    assert other.vanishing == data.vanishing
    assert other.cost == data.cost
    assert [p.end_kind for p in other.paths] == [p.end_kind for p in data.paths]
    assert other.saddle_stall_steps == data.saddle_stall_steps
