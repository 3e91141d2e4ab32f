"""The dense network: shapes, bad input, and gradients against finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backprop_core.network import (
    ACTIVATIONS,
    LOSSES,
    Dense,
    Network,
    NetworkError,
    activate,
    activation_derivative,
)

FD_STEP = 1e-6


def _random_problem(seed: int, sizes: list[int], activation: str, loss: str, batch: int):
    output_activation = "sigmoid" if loss == "binary_cross_entropy" and seed % 2 else "identity"
    net = Network.create(sizes, activation=activation, output_activation=output_activation, init="xavier", seed=seed)
    rng = np.random.default_rng(seed + 1)
    # Non-zero biases so that the bias gradients are exercised away from a symmetric start.
    net = net.with_parameters([p + (rng.normal(0, 0.3, p.shape) if p.ndim == 1 else 0) for p in net.parameters()])
    inputs = rng.normal(size=(batch, sizes[0]))
    if loss == "cross_entropy":
        targets = rng.integers(0, sizes[-1], size=batch)
    elif loss == "binary_cross_entropy":
        targets = rng.integers(0, 2, size=(batch, sizes[-1])).astype(float)
    else:
        targets = rng.normal(size=(batch, sizes[-1]))
    return net, inputs, targets


def _finite_difference(net: Network, inputs, targets, loss: str) -> list[np.ndarray]:
    params = [np.array(p) for p in net.parameters()]
    numeric = []
    for index, param in enumerate(params):
        grad = np.zeros_like(param)
        for position in np.ndindex(param.shape):
            shifted = [p.copy() for p in params]
            shifted[index][position] = param[position] + FD_STEP
            up = net.with_parameters(shifted).loss(inputs, targets, loss)
            shifted[index][position] = param[position] - FD_STEP
            down = net.with_parameters(shifted).loss(inputs, targets, loss)
            grad[position] = (up - down) / (2 * FD_STEP)
        numeric.append(grad)
    return numeric


def _relative_error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    hidden=st.lists(st.integers(1, 4), min_size=0, max_size=2),
    n_in=st.integers(1, 3),
    n_out=st.integers(1, 3),
    batch=st.integers(1, 4),
    activation=st.sampled_from(ACTIVATIONS),
    loss=st.sampled_from(LOSSES),
)
def test_gradients_match_central_finite_differences(seed, hidden, n_in, n_out, batch, activation, loss):
    if loss == "cross_entropy":
        n_out = max(n_out, 2)
    sizes = [n_in, *hidden, n_out]
    net, inputs, targets = _random_problem(seed, sizes, activation, loss, batch)
    # Finite differences are meaningless across ReLU's kink; skip the (rare) draws that sit on it.
    caches = net.forward(inputs).caches
    assume(activation != "relu" or all(np.min(np.abs(c.preactivation)) > 1e-3 for c in caches[:-1]))

    _, grads = net.loss_and_gradients(inputs, targets, loss)
    numeric = _finite_difference(net, inputs, targets, loss)
    analytic = grads.as_list()
    assert len(analytic) == len(numeric)
    for a, n in zip(analytic, numeric):
        assert a.shape == n.shape
    flat_a = np.concatenate([a.ravel() for a in analytic])
    flat_n = np.concatenate([n.ravel() for n in numeric])
    assert _relative_error(flat_a, flat_n) < 1e-6
    np.testing.assert_allclose(flat_a, flat_n, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_activation_and_loss_pair_matches_finite_differences(activation, loss):
    # The property test samples pairs; this makes sure every pair is checked on every run.
    net, inputs, targets = _random_problem(11, [3, 4, 3, 2], activation, loss, 3)
    _, grads = net.loss_and_gradients(inputs, targets, loss)
    numeric = _finite_difference(net, inputs, targets, loss)
    flat_a = np.concatenate([a.ravel() for a in grads.as_list()])
    flat_n = np.concatenate([n.ravel() for n in numeric])
    assert _relative_error(flat_a, flat_n) < 1e-6


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), activation=st.sampled_from(ACTIVATIONS))
def test_input_gradient_matches_finite_differences(seed, activation):
    net, inputs, targets = _random_problem(seed, [3, 4, 2], activation, "mse", 2)
    caches = net.forward(inputs).caches
    assume(activation != "relu" or np.min(np.abs(caches[0].preactivation)) > 1e-3)
    _, grads = net.loss_and_gradients(inputs, targets)
    numeric = np.zeros_like(inputs)
    for position in np.ndindex(inputs.shape):
        up, down = inputs.copy(), inputs.copy()
        up[position] += FD_STEP
        down[position] -= FD_STEP
        numeric[position] = (net.loss(up, targets) - net.loss(down, targets)) / (2 * FD_STEP)
    assert _relative_error(grads.inputs[0], numeric) < 1e-6


def test_single_neuron_matches_the_guides_worked_example():
    # x = 2, w = 0.5, b = 0.1, y = 2: z = 1.1, L = 0.81, dL/dw = -3.6, dL/db = -1.8.
    net = Network.from_arrays([np.array([[0.5]])], [np.array([0.1])], ["relu"])
    loss, grads = net.loss_and_gradients(np.array([[2.0]]), np.array([[2.0]]))
    assert loss == pytest.approx(0.81)
    assert grads.weights[0][0, 0] == pytest.approx(-3.6)
    assert grads.biases[0][0] == pytest.approx(-1.8)
    assert grads.inputs[0][0, 0] == pytest.approx(-0.9)


def test_dead_relu_has_zero_gradient():
    net = Network.from_arrays([np.array([[-0.5]])], [np.array([0.1])], ["relu"])
    loss, grads = net.loss_and_gradients(np.array([[2.0]]), np.array([[2.0]]))
    assert loss == pytest.approx(4.0)
    assert grads.weights[0][0, 0] == 0.0
    assert grads.biases[0][0] == 0.0


def test_shapes_of_forward_and_gradients():
    net = Network.create([2, 8, 8, 1], activation="relu", output_activation="identity", init="he", seed=0)
    assert net.sizes == (2, 8, 8, 1)
    assert net.parameter_count == 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1
    inputs = np.zeros((5, 2))
    result = net.forward(inputs)
    assert result.output.shape == (5, 1)
    assert [c.output.shape for c in result.caches] == [(5, 8), (5, 8), (5, 1)]
    assert [c.inputs.shape for c in result.caches] == [(5, 2), (5, 8), (5, 8)]
    _, grads = net.loss_and_gradients(inputs, np.ones((5, 1)))
    assert [g.shape for g in grads.weights] == [(2, 8), (8, 8), (8, 1)]
    assert [g.shape for g in grads.biases] == [(8,), (8,), (1,)]
    assert [g.shape for g in grads.inputs] == [(5, 2), (5, 8), (5, 8)]
    assert [g.shape for g in grads.preactivations] == [(5, 8), (5, 8), (5, 1)]
    assert len(grads.weight_norms()) == 3


def test_same_seed_same_network_and_different_seed_differs():
    a = Network.create([3, 5, 2], seed=7)
    b = Network.create([3, 5, 2], seed=7)
    c = Network.create([3, 5, 2], seed=8)
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert not np.array_equal(a.parameters()[0], c.parameters()[0])


@pytest.mark.parametrize(
    ("init", "expected_std"),
    [("he", np.sqrt(2 / 400)), ("xavier", np.sqrt(2 / (400 + 300))), ("normal", 1.0)],
)
def test_initialisation_scales(init, expected_std):
    net = Network.create([400, 300], init=init, seed=1)
    assert np.std(net.parameters()[0]) == pytest.approx(expected_std, rel=0.02)
    assert np.all(net.parameters()[1] == 0)


def test_parameters_are_read_only_and_with_parameters_leaves_original_alone():
    net = Network.create([2, 3, 1], seed=0)
    with pytest.raises(ValueError):
        net.parameters()[0][0, 0] = 1.0
    updated = net.with_parameters([p + 1 for p in net.parameters()])
    assert np.array_equal(updated.parameters()[0], net.parameters()[0] + 1)
    assert not np.array_equal(updated.parameters()[0], net.parameters()[0])


def test_cross_entropy_accepts_labels_or_one_hot_alike():
    net = Network.create([2, 4, 3], activation="tanh", init="xavier", seed=3)
    inputs = np.random.default_rng(0).normal(size=(4, 2))
    labels = np.array([0, 2, 1, 2])
    loss_labels, grads_labels = net.loss_and_gradients(inputs, labels, "cross_entropy")
    loss_onehot, grads_onehot = net.loss_and_gradients(inputs, np.eye(3)[labels], "cross_entropy")
    assert loss_labels == pytest.approx(loss_onehot)
    np.testing.assert_allclose(grads_labels.weights[0], grads_onehot.weights[0])


def test_activations_values():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(activate("relu", z), [0, 0, 3])
    np.testing.assert_allclose(activate("sigmoid", z), 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(activate("tanh", z), np.tanh(z))
    np.testing.assert_allclose(activation_derivative("relu", z), [0, 0, 1])
    np.testing.assert_allclose(activation_derivative("sigmoid", np.array([0.0])), [0.25])
    # Extreme inputs stay finite.
    assert np.all(np.isfinite(activate("sigmoid", np.array([-1e4, 1e4]))))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Network.create([2, 3, 1], activation="swish"), "unknown activation 'swish'"),
        (lambda: Network.create([2, 3, 1], output_activation="softplus"), "unknown activation"),
        (lambda: Network.create([2, 3, 1], init="orthogonal"), "unknown init"),
        (lambda: Network.create([2]), "at least an input and an output"),
        (lambda: Network.create([2, 0, 1]), "positive integer"),
        (lambda: Network.create([2, 3, 1], weight_scale=0.0), "weight_scale"),
        (lambda: Network.create([2, 3, 1]).forward(np.zeros((4, 3))), r"shape \(batch, 2\)"),
        (lambda: Network.create([2, 3, 1]).forward(np.zeros(2)), r"shape \(batch, 2\)"),
        (lambda: Network.create([2, 3, 1]).forward(np.full((1, 2), np.nan)), "finite"),
        (lambda: Network.create([2, 3, 1]).loss_and_gradients(np.zeros((4, 2)), np.zeros((4, 2))), r"targets must have shape \(4, 1\)"),
        (lambda: Network.create([2, 3, 1]).loss_and_gradients(np.zeros((4, 2)), np.zeros((4, 1)), "hinge"), "unknown loss"),
        (lambda: Network.create([2, 3]).loss_and_gradients(np.zeros((2, 2)), np.array([0, 3]), "cross_entropy"), r"\[0, 2\]"),
        (lambda: Network.create([2, 3]).loss_and_gradients(np.zeros((2, 2)), np.array([0.5, 1.0]), "cross_entropy"), "integers"),
        (lambda: Network.create([2, 3, 1]).with_parameters([np.zeros((2, 3))]), "expected 4 parameter arrays"),
        (lambda: Network.from_arrays([np.zeros((2, 3)), np.zeros((4, 1))], [np.zeros(3), np.zeros(1)], ["relu", "identity"]), "expects 4 inputs"),
        (lambda: Dense(np.zeros((2, 3)), np.zeros(2), "relu"), "bias must have shape"),
        (lambda: activate("gelu", np.zeros(2)), "unknown activation"),
    ],
)
def test_bad_input_gives_clear_errors(call, message):
    with pytest.raises(NetworkError, match=message):
        call()
