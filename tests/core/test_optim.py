"""Optimisers: their update rules by hand, state handling, clipping, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.optim import (
    OPTIMISER_NAMES,
    SGD,
    Adam,
    Momentum,
    OptimiserError,
    RMSprop,
    clip_by_global_norm,
    global_norm,
    make_optimiser,
)


def test_sgd_step_by_hand():
    # The guide's update: w = 0.5 − 0.01 × (−3.6) = 0.536.
    (w,) = SGD(lr=0.01).step([np.array(0.5)], [np.array(-3.6)])
    assert float(w) == pytest.approx(0.536)


def test_momentum_accumulates_velocity():
    opt = Momentum(lr=0.1, momentum=0.5)
    params = [np.array([1.0])]
    params = opt.step(params, [np.array([2.0])])  # v = 2, p = 1 − 0.2
    assert params[0][0] == pytest.approx(0.8)
    params = opt.step(params, [np.array([2.0])])  # v = 0.5·2 + 2 = 3, p = 0.8 − 0.3
    assert params[0][0] == pytest.approx(0.5)


def test_rmsprop_step_by_hand():
    opt = RMSprop(lr=0.1, decay=0.9, eps=1e-12)
    (p,) = opt.step([np.array([1.0])], [np.array([2.0])])
    # s = 0.1·4 = 0.4, step = 0.1·2/√0.4
    assert p[0] == pytest.approx(1.0 - 0.1 * 2.0 / np.sqrt(0.4))


def test_adam_first_steps_have_size_lr():
    # With bias correction Adam's first step is lr·sign(g) whatever the gradient's size.
    for g in (1e-3, 1.0, 1e3):
        opt = Adam(lr=0.05)
        (p,) = opt.step([np.array([0.0, 0.0])], [np.array([g, -g])])
        np.testing.assert_allclose(p, [-0.05, 0.05], rtol=1e-4)
    opt = Adam(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-12)
    params = [np.array([0.0])]
    params = opt.step(params, [np.array([1.0])])
    params = opt.step(params, [np.array([3.0])])
    m = (0.9 * 0.1 * 1.0 + 0.1 * 3.0) / (1 - 0.9**2)
    s = (0.999 * 0.001 * 1.0 + 0.001 * 9.0) / (1 - 0.999**2)
    assert params[0][0] == pytest.approx(-0.1 - 0.1 * m / np.sqrt(s))


@pytest.mark.parametrize("name", OPTIMISER_NAMES)
def test_step_does_not_modify_inputs_and_reset_restarts(name):
    opt = make_optimiser(name, lr=0.1)
    params = [np.array([1.0, 2.0]), np.array([[3.0]])]
    grads = [np.array([0.5, -0.5]), np.array([[1.0]])]
    first = opt.step(params, grads)
    assert params[0].tolist() == [1.0, 2.0] and grads[0].tolist() == [0.5, -0.5]
    assert opt.steps_taken == 1
    opt.reset()
    again = opt.step(params, grads)
    assert all(np.array_equal(a, b) for a, b in zip(first, again))


@pytest.mark.parametrize("name", OPTIMISER_NAMES)
def test_every_optimiser_minimises_a_quadratic(name):
    opt = make_optimiser(name, lr=0.05)
    params = [np.array([3.0, -2.0])]
    for _ in range(400):
        params = opt.step(params, [2 * params[0]])
    assert np.linalg.norm(params[0]) < 0.05 * np.linalg.norm([3.0, -2.0])


@settings(max_examples=30, deadline=None)
@given(
    values=st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=1, max_size=6),
    max_norm=st.floats(1e-3, 1e3),
)
def test_clip_by_global_norm_caps_the_total_and_keeps_direction(values, max_norm):
    grads = [np.array(values[: len(values) // 2 + 1]), np.array(values[len(values) // 2 + 1 :])]
    clipped, norm = clip_by_global_norm(grads, max_norm)
    assert norm == pytest.approx(global_norm(grads))
    assert global_norm(clipped) <= max_norm * (1 + 1e-9)
    if norm <= max_norm:
        assert all(np.array_equal(a, b) for a, b in zip(clipped, grads))
    else:
        assert global_norm(clipped) == pytest.approx(max_norm)
        scale = max_norm / norm
        for a, b in zip(clipped, grads):
            np.testing.assert_allclose(a, b * scale)


def test_global_norm_by_hand():
    assert global_norm([np.array([3.0]), np.array([[4.0]])]) == pytest.approx(5.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: make_optimiser("lbfgs"), "unknown optimiser 'lbfgs'"),
        (lambda: make_optimiser("sgd", momentum=0.9), "sgd has no hyperparameter momentum"),
        (lambda: make_optimiser("sgd", lr=0.0), "lr must be a positive"),
        (lambda: make_optimiser("sgd", lr=float("nan")), "lr must be a positive"),
        (lambda: make_optimiser("momentum", momentum=1.0), r"momentum must lie in \[0, 1\)"),
        (lambda: make_optimiser("adam", beta2=-0.1), "beta2"),
        (lambda: make_optimiser("rmsprop", eps=0.0), "eps"),
        (lambda: SGD(0.1).step([np.zeros(2)], [np.zeros(3)]), "shape"),
        (lambda: SGD(0.1).step([np.zeros(2)], []), "1 parameter arrays but 0 gradient"),
        (lambda: clip_by_global_norm([np.ones(2)], 0.0), "max_norm"),
        (lambda: clip_by_global_norm([np.array([np.inf])], 1.0), "NaN or infinity"),
    ],
)
def test_bad_input_gives_clear_errors(call, message):
    with pytest.raises(OptimiserError, match=message):
        call()


def test_changing_shapes_between_steps_is_refused():
    opt = make_optimiser("adam", lr=0.1)
    opt.step([np.zeros(2)], [np.ones(2)])
    with pytest.raises(OptimiserError, match="reset"):
        opt.step([np.zeros(3)], [np.ones(3)])
