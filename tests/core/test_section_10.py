"""Section 10 data: vanishing and exploding gradients, the landscape race, the cost counts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

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
    assert kinds == {"sgd": "local minimum", "momentum": "global minimum", "adam": "global minimum"}
    for path in data.paths:
        assert path.points.shape == (data.landscape_steps + 1, 2)
        assert tuple(path.points[0]) == data.landscape_start
    assert {p.kind for p in data.critical_points} == {"global minimum", "local minimum", "saddle point"}


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
