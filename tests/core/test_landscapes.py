"""Loss landscapes: exact gradients, critical points, and the optimiser stories scenes show."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.landscapes import (
    BOWL_RACE,
    CHALLENGES_RACE,
    LANDSCAPE_NAMES,
    SADDLE_RACE,
    SADDLE_STALL_RACE,
    TWO_MINIMA_RACE,
    Bowl,
    LandscapeError,
    Saddle,
    TwoMinima,
    evaluate_grid,
    landscape,
    descent_outcomes,
    single_neuron_curve,
    single_neuron_descent,
    single_neuron_gradient,
    single_neuron_loss,
    single_neuron_lr_limits,
    trajectory,
)
from backprop_core.optim import OptimiserError

STEP = 1e-6


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(LANDSCAPE_NAMES), x=st.floats(-3, 3), y=st.floats(-3, 3))
def test_gradients_match_central_finite_differences(name, x, y):
    surface = landscape(name)
    gx, gy = surface.gradient(x, y)
    fx = (surface.value(x + STEP, y) - surface.value(x - STEP, y)) / (2 * STEP)
    fy = (surface.value(x, y + STEP) - surface.value(x, y - STEP)) / (2 * STEP)
    assert float(gx) == pytest.approx(float(fx), rel=1e-6, abs=1e-6)
    assert float(gy) == pytest.approx(float(fy), rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("name", LANDSCAPE_NAMES)
def test_critical_points_have_zero_gradient_and_the_right_kind(name):
    surface = landscape(name)
    for critical in surface.critical_points():
        x, y = critical.point
        assert np.hypot(*surface.gradient(x, y)) < 1e-9
        assert critical.value == pytest.approx(float(surface.value(x, y)))
        # The kind must match the Hessian's signs (checked numerically).
        h = 1e-4
        fxx = (surface.value(x + h, y) - 2 * surface.value(x, y) + surface.value(x - h, y)) / h**2
        fyy = (surface.value(x, y + h) - 2 * surface.value(x, y) + surface.value(x, y - h)) / h**2
        if critical.kind.endswith("minimum"):
            assert fxx > 0 and fyy > 0
        else:
            assert fxx * fyy < 0
    lowest = min(surface.critical_points(), key=lambda c: c.value)
    assert surface.global_minimum().value == pytest.approx(lowest.value)


def test_two_minima_documented_positions():
    global_min, local_min, barrier = TwoMinima().critical_points()
    assert global_min.point[0] == pytest.approx(-1.06, abs=0.005)
    assert local_min.point[0] == pytest.approx(0.93, abs=0.005)
    assert barrier.point[0] == pytest.approx(0.13, abs=0.005)
    assert global_min.value < local_min.value < barrier.value
    assert Saddle().critical_points()[0].point == (0.0, 1.5)
    assert Bowl().global_minimum().point == (0.0, 0.0)


def test_grid_layout_rows_follow_y():
    surface = Bowl()
    grid = evaluate_grid(surface, n=5, bounds=((-1.0, 1.0), (-2.0, 2.0)))
    assert grid.values.shape == (5, 5)
    assert grid.xs[0] == -1.0 and grid.xs[-1] == 1.0 and grid.ys[-1] == 2.0
    assert grid.values[4, 2] == pytest.approx(float(surface.value(0.0, 2.0)))
    assert grid.values[2, 0] == pytest.approx(float(surface.value(-1.0, 0.0)))
    assert evaluate_grid(surface, n=3).xs[0] == surface.bounds[0][0]
    with pytest.raises(ValueError):
        grid.values[0, 0] = 1.0


def test_trajectory_shape_and_first_step():
    path = trajectory(Bowl(), "sgd", (2.0, 1.0), 10, lr=0.1)
    assert path.points.shape == (11, 2) and path.losses.shape == (11,)
    np.testing.assert_allclose(path.points[1], [2.0 - 0.1 * 2.0, 1.0 - 0.1 * 10.0])
    assert path.losses[0] == pytest.approx(float(Bowl().value(2.0, 1.0)))
    assert trajectory(Bowl(), "adam", (2.0, 1.0), 0, lr=0.1).points.shape == (1, 2)


def test_bowl_race_every_optimiser_ends_far_below_its_start():
    for name, path in BOWL_RACE.run().items():
        assert path.final_loss < 0.01 * path.losses[0], name
    # lr·b = 1.5 lies between 1 and 2: SGD overshoots in the steep y direction (zig-zags) yet converges.
    sgd = BOWL_RACE.run()["sgd"]
    assert np.any(np.diff(np.sign(sgd.points[:10, 1])) != 0)


def test_saddle_race_sgd_stalls_while_the_others_escape():
    saddle_point = Saddle().critical_points()[2]
    valley = Saddle().global_minimum().value
    paths = SADDLE_RACE.run()
    sgd = paths["sgd"]
    assert np.hypot(*np.subtract(sgd.end, saddle_point.point)) < 0.2
    assert abs(sgd.final_loss - saddle_point.value) < 0.05
    for name in ("momentum", "rmsprop", "adam"):
        assert abs(paths[name].end[1]) > 1.2, name
        assert paths[name].final_loss < 0.9 * valley, name
    # Honest caveat of the docstring: SGD is slowed, not trapped.
    longer = trajectory(Saddle(), "sgd", SADDLE_RACE.start, 200, **SADDLE_RACE.settings[0].kwargs)
    assert abs(longer.end[1]) > 1.2


def test_two_minima_race_sgd_settles_locally_momentum_and_adam_reach_global():
    global_min, local_min, _ = TwoMinima().critical_points()
    paths = TWO_MINIMA_RACE.run()
    assert np.hypot(*np.subtract(paths["sgd"].end, local_min.point)) < 0.02
    for name in ("momentum", "adam"):
        assert np.hypot(*np.subtract(paths[name].end, global_min.point)) < 0.02, name


@pytest.mark.parametrize("dx", [-0.1, 0.0, 0.1])
@pytest.mark.parametrize("lr_scale", [0.8, 1.2])
def test_two_minima_story_is_not_a_knife_edge(dx, lr_scale):
    global_min, local_min, _ = TwoMinima().critical_points()
    start = (TWO_MINIMA_RACE.start[0] + dx, TWO_MINIMA_RACE.start[1])
    for setting in TWO_MINIMA_RACE.settings:
        hyper = {k: v * lr_scale if k == "lr" else v for k, v in setting.hyper}
        end = trajectory(TwoMinima(), setting.name, start, TWO_MINIMA_RACE.steps, **hyper).end
        target = local_min if setting.name == "sgd" else global_min
        assert abs(end[0] - target.point[0]) < 0.05, setting.name


def test_challenges_race_sgd_settles_locally_the_others_reach_global():
    global_min, local_min, _ = TwoMinima().critical_points()
    assert [s.name for s in CHALLENGES_RACE.settings] == ["sgd", "momentum", "rmsprop", "adam"]
    paths = CHALLENGES_RACE.run()
    assert np.hypot(*np.subtract(paths["sgd"].end, local_min.point)) < 0.05
    for name in ("momentum", "rmsprop", "adam"):
        assert np.hypot(*np.subtract(paths[name].end, global_min.point)) < 0.05, name
    # Every path stays inside the landscape's bounds (the plot drawn of it).
    (x0, x1), (y0, y1) = TwoMinima().bounds
    for name, path in paths.items():
        assert path.points[:, 0].min() >= x0 and path.points[:, 0].max() <= x1, name
        assert path.points[:, 1].min() >= y0 and path.points[:, 1].max() <= y1, name


@pytest.mark.parametrize("dx", [-0.1, 0.0, 0.1])
@pytest.mark.parametrize("lr_scale", [0.8, 1.2])
def test_challenges_race_is_not_a_knife_edge(dx, lr_scale):
    global_min, local_min, _ = TwoMinima().critical_points()
    start = (CHALLENGES_RACE.start[0] + dx, CHALLENGES_RACE.start[1])
    for setting in CHALLENGES_RACE.settings:
        hyper = {k: v * lr_scale if k == "lr" else v for k, v in setting.hyper}
        end = trajectory(TwoMinima(), setting.name, start, CHALLENGES_RACE.steps, **hyper).end
        target = local_min if setting.name == "sgd" else global_min
        assert abs(end[0] - target.point[0]) < 0.1, setting.name


def test_saddle_stall_sgd_stalls_on_the_barrier_while_adam_escapes():
    _, local_min, saddle = TwoMinima().critical_points()
    assert np.hypot(*np.subtract(SADDLE_STALL_RACE.start, saddle.point)) < 0.5
    paths = SADDLE_STALL_RACE.run()
    sgd, adam = paths["sgd"], paths["adam"]
    near = np.hypot(*(sgd.points - np.array(saddle.point)).T) < 0.1
    # SGD reaches the saddle early and is still there at the end: more than half the run near it.
    assert near.sum() > SADDLE_STALL_RACE.steps / 2 and near[-1]
    adam_near = np.hypot(*(adam.points - np.array(saddle.point)).T) < 0.1
    assert adam_near.sum() == 0
    assert np.hypot(*np.subtract(adam.end, local_min.point)) < 0.05
    # Slowed, not trapped: given many more steps SGD rolls off the barrier too.
    longer = trajectory(TwoMinima(), "sgd", SADDLE_STALL_RACE.start, 6 * SADDLE_STALL_RACE.steps, **SADDLE_STALL_RACE.settings[0].kwargs)
    assert np.hypot(*np.subtract(longer.end, saddle.point)) > 0.5


def test_single_neuron_curve_and_gradient_match_the_guide():
    # x = 2, w = 0.5, b = 0.1, y = 2: L = 0.81, dL/dw = −3.6.
    assert float(single_neuron_loss(0.5, 2.0, 0.1, 2.0)) == pytest.approx(0.81)
    assert float(single_neuron_gradient(0.5, 2.0, 0.1, 2.0)) == pytest.approx(-3.6)
    curve = single_neuron_curve(2.0, 0.1, 2.0, -1.0, 2.0, samples=31)
    assert curve.w.shape == curve.loss.shape == (31,)
    assert curve.w[np.argmin(curve.loss)] == pytest.approx(0.95, abs=0.05)
    # The dead region (w·x + b ≤ 0) is flat at y².
    assert np.all(curve.loss[curve.w * 2.0 + 0.1 <= 0] == pytest.approx(4.0))


@settings(max_examples=30, deadline=None)
@given(w=st.floats(-3, 3), x=st.floats(-3, 3), b=st.floats(-2, 2), y=st.floats(-3, 3))
def test_single_neuron_gradient_matches_finite_differences_off_the_kink(w, x, b, y):
    if abs(w * x + b) < 1e-3:
        return
    numeric = (single_neuron_loss(w + STEP, x, b, y) - single_neuron_loss(w - STEP, x, b, y)) / (2 * STEP)
    assert float(single_neuron_gradient(w, x, b, y)) == pytest.approx(float(numeric), rel=1e-5, abs=1e-6)


def test_single_neuron_descent_regimes():
    overshoot_lr, diverge_lr = single_neuron_lr_limits(2.0)
    assert (overshoot_lr, diverge_lr) == (0.125, 0.25)
    first = single_neuron_descent(2.0, 0.1, 2.0, 0.01, 0.5, 1)
    assert first.w[1] == pytest.approx(0.536)
    assert len(first.w) == len(first.loss) == len(first.gradient) == 2
    assert single_neuron_descent(2.0, 0.1, 2.0, 0.001, 0.5, 20).outcome == "crawls"
    assert single_neuron_descent(2.0, 0.1, 2.0, 0.1, 0.5, 20).outcome == "converges"
    assert single_neuron_descent(2.0, 0.1, 2.0, 0.2, 0.5, 20).outcome == "overshoots"
    # Just above the limit the error grows each step; within a few steps it is plainly diverging...
    assert single_neuron_descent(2.0, 0.1, 2.0, 0.3, 0.5, 2).outcome == "diverges"
    # ...and later the overshoot pushes w·x + b below zero: the ReLU switches off for good.
    assert single_neuron_descent(2.0, 0.1, 2.0, 0.3, 0.5, 20).outcome == "dead"
    assert single_neuron_descent(2.0, -3.0, 2.0, 0.1, 0.5, 5).outcome == "dead"
    labelled = descent_outcomes(2.0, 0.1, 2.0, 0.5, 20, {"too small": 0.001, "good": 0.1, "too large": 0.2})
    assert {label: path.outcome for label, path in labelled.items()} == {
        "too small": "crawls",
        "good": "converges",
        "too large": "overshoots",
    }


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: landscape("rosenbrock"), LandscapeError, "unknown landscape 'rosenbrock'"),
        (lambda: evaluate_grid(Bowl(), n=1), LandscapeError, "n must be an integer >= 2"),
        (lambda: evaluate_grid(Bowl(), bounds=((1.0, -1.0), (0.0, 1.0))), LandscapeError, "min < max"),
        (lambda: trajectory(Bowl(), "sgd", (0.0, 0.0, 0.0), 5, lr=0.1), LandscapeError, "start"),
        (lambda: trajectory(Bowl(), "sgd", (0.0, np.nan), 5, lr=0.1), LandscapeError, "start"),
        (lambda: trajectory(Bowl(), "sgd", (0.0, 0.0), -1, lr=0.1), LandscapeError, "steps"),
        (lambda: trajectory(Bowl(), "newton", (0.0, 0.0), 5), OptimiserError, "unknown optimiser"),
        (lambda: TwoMinima(tilt=2.0), LandscapeError, "tilt"),
        (lambda: single_neuron_descent(2.0, 0.1, 2.0, 0.0, 0.5, 5), LandscapeError, "lr must be positive"),
        (lambda: single_neuron_descent(2.0, 0.1, 2.0, 0.1, 0.5, 0), LandscapeError, "steps"),
        (lambda: single_neuron_descent(2.0, float("inf"), 2.0, 0.1, 0.5, 5), LandscapeError, "b must be a finite"),
        (lambda: single_neuron_curve(2.0, 0.1, 2.0, 1.0, 1.0), LandscapeError, "w_min must be below w_max"),
        (lambda: single_neuron_lr_limits(0.0), LandscapeError, "x must be non-zero"),
    ],
)
def test_bad_input_gives_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()
