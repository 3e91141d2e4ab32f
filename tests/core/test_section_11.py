"""Section 11 data: the loop on the worked example, and a real training run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, load_preset
from backprop_core.sections import section_data
from backprop_core.sections.s11_full_algorithm import BOUNDARY_PROBABILITY, TRAINING, build

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


def test_snapshots_cover_the_run_in_order(data):
    epochs = [snap.epoch for snap in data.snapshots]
    assert epochs[0] == 0 and epochs[-1] == data.epochs
    assert epochs == sorted(epochs)
    for snap in data.snapshots:
        assert snap.loss == pytest.approx(data.epoch_losses[snap.epoch])
        assert snap.probabilities.shape == (len(data.history.grid_ys), len(data.history.grid_xs))


def test_boundary_separates_the_classes(data):
    final = data.snapshots[-1]
    assert len(final.boundary) > 0
    xs, ys = data.history.grid_xs, data.history.grid_ys
    # Every boundary point lies where the model is undecided, between grid cells on either side of 0.5.
    for x, y in final.boundary.reshape(-1, 2)[::7]:
        column = int(np.clip(np.searchsorted(xs, x) - 1, 0, len(xs) - 2))
        row = int(np.clip(np.searchsorted(ys, y) - 1, 0, len(ys) - 2))
        cell = final.probabilities[row : row + 2, column : column + 2]
        assert cell.min() <= BOUNDARY_PROBABILITY <= cell.max()


def test_training_is_the_same_for_every_preset(data):
    other = build(load_preset(PRESETS / "overshoot.toml"))
    assert other.epoch_losses == data.epoch_losses

