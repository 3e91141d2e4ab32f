"""Diagnostics: vanishing and exploding gradients, clipping, and multiply-add counts."""

from __future__ import annotations

import numpy as np
import pytest

from backprop_core.diagnostics import (
    DIAGNOSTIC_DEPTH,
    exploding_comparison,
    gradient_norm_profile,
    multiply_add_counts,
    vanishing_comparison,
)
from backprop_core.network import Network, NetworkError


@pytest.fixture(scope="module")
def vanishing():
    return vanishing_comparison()


@pytest.fixture(scope="module")
def exploding():
    return exploding_comparison()


def test_profiles_cover_every_layer(vanishing):
    for profile in (vanishing.sigmoid, vanishing.relu):
        assert profile.layers == tuple(range(1, DIAGNOSTIC_DEPTH + 1))
        assert len(profile.norms) == len(profile.input_grad_norms) == DIAGNOSTIC_DEPTH
        assert all(n > 0 and np.isfinite(n) for n in profile.norms)
    assert (vanishing.sigmoid.activation, vanishing.sigmoid.init) == ("sigmoid", "xavier")
    assert (vanishing.relu.activation, vanishing.relu.init) == ("relu", "he")


def test_sigmoid_gradients_vanish_toward_the_input(vanishing):
    sigmoid = vanishing.sigmoid
    # At least four orders of magnitude between the last layer and the first.
    assert sigmoid.first_to_last_ratio < 1e-4
    assert sigmoid.orders_of_magnitude < -4
    # And the shrinking is steady: every layer's gradient is smaller than the next one's.
    assert np.all(np.diff(sigmoid.norms) > 0)


def test_relu_he_gradients_stay_within_two_orders(vanishing):
    assert vanishing.relu.spread_orders < 2
    assert vanishing.relu.first_to_last_ratio > 100 * vanishing.sigmoid.first_to_last_ratio


@pytest.mark.parametrize("seed", [1, 2])
def test_vanishing_holds_for_other_seeds(seed):
    comparison = vanishing_comparison(seed)
    assert comparison.sigmoid.first_to_last_ratio < 1e-4
    assert comparison.relu.spread_orders < 2


def test_bad_init_gradients_explode_toward_the_input(exploding):
    unclipped = exploding.unclipped
    assert unclipped.first_to_last_ratio > 20
    assert unclipped.input_grad_norms[0] > 20 * unclipped.input_grad_norms[-1]
    assert unclipped.total_norm > 100 * exploding.max_norm
    assert unclipped.clipped_to is None


def test_clipping_caps_the_total_and_keeps_the_ratios(exploding):
    unclipped, clipped = exploding.unclipped, exploding.clipped
    assert clipped.clipped_to == exploding.max_norm
    assert clipped.total_norm == pytest.approx(exploding.max_norm)
    # The weight norms alone must fit under the cap too.
    assert np.sqrt(np.sum(np.square(clipped.norms))) <= exploding.max_norm * (1 + 1e-12)
    np.testing.assert_allclose(
        np.array(clipped.norms) / np.array(unclipped.norms), unclipped.total_norm ** -1 * exploding.max_norm
    )
    assert clipped.first_to_last_ratio == pytest.approx(unclipped.first_to_last_ratio)


def test_clipping_leaves_small_gradients_alone():
    plain = gradient_norm_profile("relu", "he", depth=3, width=4)
    capped = gradient_norm_profile("relu", "he", depth=3, width=4, max_norm=1e9)
    assert capped.norms == plain.norms and capped.total_norm == plain.total_norm


def test_profile_matches_the_network_it_describes():
    profile = gradient_norm_profile("tanh", "xavier", depth=3, width=5, batch=7, seed=4)
    net = Network.create([5, 5, 5, 1], activation="tanh", init="xavier", seed=4)
    rng = np.random.default_rng([4, 1])
    inputs, targets = rng.normal(size=(7, 5)), rng.normal(size=(7, 1))
    _, grads = net.loss_and_gradients(inputs, targets)
    np.testing.assert_allclose(profile.norms, grads.weight_norms())
    assert profile.total_norm == pytest.approx(grads.global_norm())


def test_multiply_add_counts_by_hand():
    # [3, 4, 2] with batch 5: forward 5·3·4 + 5·4·2 = 60 + 40 = 100.
    counts = multiply_add_counts([3, 4, 2], 5)
    assert counts.forward_per_layer == (60, 40)
    assert counts.forward == 100
    assert counts.weight_grad_per_layer == (60, 40)
    assert counts.input_grad_per_layer == (60, 40)
    assert counts.backward == 200
    assert counts.total == 300
    assert counts.backward_to_forward == 2.0
    without = multiply_add_counts([3, 4, 2], 5, first_input_gradient=False)
    assert without.backward == 140
    assert without.backward_to_forward == pytest.approx(1.4)


def test_counts_scale_linearly_with_batch():
    one = multiply_add_counts([784, 128, 10], 1)
    many = multiply_add_counts([784, 128, 10], 64)
    assert many.forward == 64 * one.forward == 64 * (784 * 128 + 128 * 10)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: multiply_add_counts([3], 5), "at least two positive integers"),
        (lambda: multiply_add_counts([3, 0, 1], 5), "at least two positive integers"),
        (lambda: multiply_add_counts([3, 2], 0), "batch_size must be a positive integer"),
        (lambda: gradient_norm_profile("softsign", "he"), "unknown activation"),
        (lambda: gradient_norm_profile("relu", "he", depth=1), "depth"),
        (lambda: gradient_norm_profile("relu", "he", batch=0), "batch"),
    ],
)
def test_bad_input_gives_clear_errors(call, message):
    with pytest.raises(NetworkError, match=message):
        call()
