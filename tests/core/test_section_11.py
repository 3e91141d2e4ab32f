"""Section 11 data: the loop on the worked example, and a real training run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, load_preset
from backprop_core.sections import section_data
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.sections.s11_full_algorithm import BOUNDARY_PROBABILITY, TRAINING, build, loss_decades

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


@pytest.fixture(scope="module")
def data():
    return build(DEFAULT_PRESET)


def test_registered_and_titled(data):
    assert section_data(11, DEFAULT_PRESET).guide.heading == "Putting It All Together"
    assert data.guide.header == "11 / 12 \u2014 The Full Algorithm"


def test_loop_numbers_are_the_guide_example(data):
    walk = data.walk
    assert [fmt(walk.y_hat), fmt(walk.loss), fmt(walk.dL_dw), fmt(walk.w_new)] == ["1.1", "0.81", "\u22123.6", "0.536"]
    assert data.update_sentence == "w goes from 0.5 to 0.536 (increased)"


def test_the_second_loop_closes_on_the_guide_example(data):
    # w 0.5 -> 0.536 and b 0.1 -> 0.118, so ŷ = 2.0 × 0.536 + 0.118 = 1.19 and L = (2.0 − 1.19)² = 0.6561.
    walk = data.walk
    assert [fmt(walk.b_new), fmt(walk.y_hat_new), fmt(walk.loss_new)] == ["0.118", "1.19", "0.6561"]
    assert data.again_sentence == "Round again: the loss falls from 0.81 to 0.6561."


@pytest.mark.parametrize("name, words", [("dead-relu", "stays at 1.0"), ("overshoot", "falls from 2.25 to 0.5625")])
def test_the_second_loop_sentence_follows_the_preset(name, words):
    data = build(load_preset(PRESETS / f"{name}.toml"))
    assert data.again_sentence.endswith(words + ".")


def test_dead_relu_update_is_explained():
    data = build(load_preset(PRESETS / "dead-relu.toml"))
    assert data.walk.dL_dw == 0.0
    assert "ReLU is off" in data.update_sentence
    assert "\u22120.3" in data.update_sentence


def test_overshoot_decreases_w():
    data = build(load_preset(PRESETS / "overshoot.toml"))
    assert data.walk.dL_dw > 0
    assert data.update_sentence.endswith("(decreased)")


def test_run_shape_is_epochs_times_batches(data):
    assert data.epochs == TRAINING.epochs
    assert data.batches_per_epoch == int(np.ceil(TRAINING.n_points / TRAINING.batch_size))
    assert data.steps == data.epochs * data.batches_per_epoch
    assert len(data.epoch_losses) == data.epochs + 1


def test_training_converges(data):
    assert data.final_loss < 0.05 * data.initial_loss
    assert data.final_accuracy > 0.95 > data.initial_accuracy
    losses = np.array(data.epoch_losses)
    # Not monotone step by step (mini-batches are noisy), but lower every 20 epochs.
    assert np.all(np.diff(losses[::20]) < 0)


def test_frames_follow_the_first_epoch_update_by_update_then_every_epoch(data):
    steps = [frame.step for frame in data.frames]
    m = data.batches_per_epoch
    assert steps == list(range(m)) + [epoch * m for epoch in range(1, data.epochs + 1)]
    assert data.slow_loops < m
    for frame in data.frames:
        assert frame.epoch == frame.step // m
        assert frame.epochs_done == frame.step / m
        assert frame.probabilities.shape == (len(data.history.grid_ys), len(data.history.grid_xs))
        assert [w.shape for w in frame.weights] == list(zip(data.layer_sizes[:-1], data.layer_sizes[1:]))
    # Epoch ends carry the epoch's loss and accuracy; the batch loss is the update's own.
    for frame in data.frames[m:]:
        assert frame.loss == data.epoch_losses[frame.epoch]
        assert frame.accuracy == data.epoch_accuracies[frame.epoch]
    assert data.frames[0].batch_loss is None
    assert [frame.batch_loss for frame in data.frames[1:4]] == list(data.history.step_losses[:3])
    assert data.curve_epochs == tuple(frame.epochs_done for frame in data.frames)
    assert data.curve_losses[0] == data.initial_loss and data.curve_losses[-1] == data.final_loss


def test_each_update_changes_the_weights(data):
    for before, after in zip(data.frames, data.frames[1:]):
        assert any(not np.array_equal(a, b) for a, b in zip(before.weights, after.weights))
    assert data.weight_scale == max(float(np.abs(w).max()) for frame in data.frames for w in frame.weights)
    # The slow loops show the loss falling from update to update.
    slow = data.curve_losses[: data.slow_loops + 1]
    assert list(slow) == sorted(slow, reverse=True)


def test_the_run_is_a_network_as_small_as_the_anatomy_one(data):
    assert data.layer_sizes == (2, 5, 5, 2)
    assert data.loss_name == "cross-entropy"


def test_boundary_separates_the_classes(data):
    final = data.frames[-1]
    assert len(final.boundary) > 0
    xs, ys = data.history.grid_xs, data.history.grid_ys
    # Every boundary point lies where the model is undecided, between grid cells on either side of 0.5.
    for x, y in final.boundary.reshape(-1, 2)[::7]:
        column = int(np.clip(np.searchsorted(xs, x) - 1, 0, len(xs) - 2))
        row = int(np.clip(np.searchsorted(ys, y) - 1, 0, len(ys) - 2))
        cell = final.probabilities[row : row + 2, column : column + 2]
        assert cell.min() <= BOUNDARY_PROBABILITY <= cell.max()


@pytest.mark.parametrize("name", ["default", "dead-relu", "overshoot"])
def test_shown_example_arithmetic_closes(name):
    preset = DEFAULT_PRESET if name == "default" else load_preset(PRESETS / f"{name}.toml")
    data = build(preset)
    # Operands as the screen shows them (fmt), read back as numbers.
    w, lr, grad, w_new = (float(fmt(value).replace("\u2212", "-")) for value in data.update_operands)
    assert fmt(w - lr * grad) == fmt(data.walk.w_new)
    y, y_hat, loss = (float(fmt(value).replace("\u2212", "-")) for value in data.loss_operands)
    assert fmt((y - y_hat) ** 2) == fmt(data.walk.loss)
    b, lr, grad_b, b_new = (float(fmt(value).replace("\u2212", "-")) for value in data.bias_update_operands)
    assert fmt(b - lr * grad_b) == fmt(data.walk.b_new)
    y, y_hat_new, loss_new = (float(fmt(value).replace("\u2212", "-")) for value in data.next_loss_operands)
    assert fmt((y - y_hat_new) ** 2) == fmt(data.walk.loss_new)


def test_training_is_the_same_for_every_preset(data):
    other = build(load_preset(PRESETS / "overshoot.toml"))
    assert other.epoch_losses == data.epoch_losses



def test_loss_ticks_are_the_decades_of_the_run(data):
    # The run's loss falls from about 0.78 to about 0.004: the log axis spans 0.001 to 1.
    assert data.loss_decades == (-3, -2, -1, 0)
    assert [fmt(tick) for tick in data.loss_ticks] == ["0.001", "0.01", "0.1", "1"]


def test_loss_ticks_enclose_every_epoch_loss(data):
    ticks = data.loss_ticks
    assert ticks[0] <= min(data.epoch_losses) and max(data.epoch_losses) <= ticks[-1]
    # Tight: one decade less at either end would cut the curve off.
    assert ticks[1] > min(data.epoch_losses) and ticks[-2] < max(data.epoch_losses)


def test_loss_decades_edges():
    assert loss_decades((5.0, 0.02)) == (-2, -1, 0, 1)
    # A loss exactly on a power of ten is its own tick, not one decade further out.
    assert loss_decades((1.0, 0.1)) == (-1, 0)
    # A flat run still gets an axis one decade long.
    assert loss_decades((0.3, 0.3)) == (-1, 0)
    with pytest.raises(ValueError):
        loss_decades((0.5, 0.0))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(min_value=1e-9, max_value=1e6), min_size=1, max_size=20))
def test_loss_decades_are_consecutive_and_cover(losses):
    decades = loss_decades(tuple(losses))
    assert len(decades) >= 2
    assert list(decades) == list(range(decades[0], decades[-1] + 1))
    assert 10.0 ** decades[0] <= min(losses) * (1 + 1e-12)
    assert max(losses) <= 10.0 ** decades[-1] * (1 + 1e-12)
    assert 10.0 ** (decades[0] + 1) > min(losses)
