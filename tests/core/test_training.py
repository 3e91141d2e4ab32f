"""The training loop: the loss falls a lot, runs are reproducible, snapshots are what they say."""

from __future__ import annotations

import numpy as np
import pytest

from backprop_core.network import Network
from backprop_core.training import (
    DEFAULT_TRAINING,
    TrainingConfig,
    TrainingError,
    make_curve,
    make_dataset,
    make_moons,
    make_spirals,
    train,
)


@pytest.fixture(scope="module")
def history():
    return train()


def test_default_run_loss_falls_by_a_large_factor(history):
    assert history.final_loss < 0.2 * history.initial_loss
    assert history.final_loss < 0.05 * history.initial_loss
    assert history.epoch_accuracies[0] < 0.8
    assert history.epoch_accuracies[-1] > 0.95


def test_history_lengths_and_counts(history):
    config = DEFAULT_TRAINING
    assert history.epochs == config.epochs
    assert history.batches_per_epoch == 8  # 200 points in batches of 25
    assert len(history.epoch_losses) == len(history.epoch_accuracies) == config.epochs + 1
    assert len(history.step_losses) == history.steps == config.epochs * history.batches_per_epoch
    assert config.sizes == (2, 16, 16, 2)


def test_same_seed_gives_an_identical_history(history):
    again = train()
    assert again.epoch_losses == history.epoch_losses
    assert again.step_losses == history.step_losses
    for a, b in zip(again.snapshots, history.snapshots):
        assert np.array_equal(a.grid, b.grid)
    other = train(seed=1, epochs=2, snapshot_epochs=())
    assert other.epoch_losses[:3] != history.epoch_losses[:3]


def test_snapshots_are_taken_at_the_chosen_epochs(history):
    assert tuple(s.epoch for s in history.snapshots) == DEFAULT_TRAINING.snapshot_epochs
    assert history.grid_xs.shape == history.grid_ys.shape == (40,)
    for snap in history.snapshots:
        assert snap.grid.shape == (40, 40)
        assert np.all((snap.grid >= 0) & (snap.grid <= 1))
        assert snap.loss == history.epoch_losses[snap.epoch]
        assert snap.accuracy == history.epoch_accuracies[snap.epoch]
        assert isinstance(snap.network, Network)
    # The grid holds P(class 1) at (grid_xs[j], grid_ys[i]), as documented.
    last = history.snapshot(DEFAULT_TRAINING.epochs)
    logits = last.network.predict(np.array([[history.grid_xs[3], history.grid_ys[7]]]))[0]
    probability = np.exp(logits[1]) / np.exp(logits).sum()
    assert last.grid[7, 3] == pytest.approx(probability)
    assert last.network is history.final_network
    # The grid covers the data.
    assert history.grid_xs[0] < history.dataset.inputs[:, 0].min() < history.dataset.inputs[:, 0].max() < history.grid_xs[-1]
    with pytest.raises(TrainingError, match="no snapshot at epoch 7"):
        history.snapshot(7)


def test_early_snapshots_differ_from_late_ones(history):
    first, last = history.snapshot(0), history.snapshot(DEFAULT_TRAINING.epochs)
    assert np.mean(np.abs(first.grid - last.grid)) > 0.1
    assert last.loss < first.loss


def test_regression_on_the_curve():
    result = train(dataset="curve", epochs=60, snapshot_epochs=(0, 60), grid_resolution=30)
    assert result.final_loss < 0.2 * result.initial_loss
    assert result.epoch_accuracies is None
    assert result.snapshot(60).grid.shape == (30,)
    assert result.grid_ys.shape == (0,)


@pytest.mark.parametrize("overrides", [{"dataset": "moons"}, {"activation": "relu"}, {"optimiser": "momentum", "lr": 0.05}])
def test_other_settings_learn_too(overrides):
    result = train(epochs=60, snapshot_epochs=(), **overrides)
    assert result.final_loss < 0.2 * result.initial_loss


def test_small_last_batch_is_counted():
    result = train(n_points=10, batch_size=4, epochs=2, snapshot_epochs=())
    assert result.batches_per_epoch == 3 and result.steps == 6
    assert train(n_points=10, batch_size=50, epochs=1, snapshot_epochs=()).batch_size == 10


def test_datasets_shapes_balance_and_determinism():
    spirals = make_spirals(200, seed=3)
    assert spirals.inputs.shape == (200, 2) and spirals.targets.shape == (200,)
    assert np.sum(spirals.targets == 1) == 100
    assert np.array_equal(spirals.inputs, make_spirals(200, seed=3).inputs)
    assert not np.array_equal(spirals.inputs, make_spirals(200, seed=4).inputs)
    assert np.max(np.linalg.norm(make_spirals(200, noise=0.0).inputs, axis=1)) <= 2.0 + 1e-12
    moons = make_moons(50)
    assert moons.inputs.shape == (50, 2) and set(moons.targets.tolist()) == {0, 1}
    curve = make_curve(30, noise=0.0)
    np.testing.assert_allclose(curve.targets[:, 0], np.sin(1.5 * curve.inputs[:, 0]))
    with pytest.raises(ValueError):
        spirals.inputs[0, 0] = 1.0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"epochs": 0}, "epochs must be a positive integer"),
        ({"epochs": -3}, "epochs must be a positive integer"),
        ({"batch_size": 0}, "batch_size must be a positive integer"),
        ({"batch_size": 2.5}, "batch_size must be a positive integer"),
        ({"dataset": "mnist"}, "unknown dataset 'mnist'"),
        ({"lr": 0.0}, "lr must be a positive"),
        ({"activation": "elu"}, "unknown activation"),
        ({"optimiser": "adagrad"}, "unknown optimiser"),
        ({"hidden": (16, 0)}, "hidden width"),
        ({"n_points": 2}, "n_points"),
        ({"noise": -0.1}, "noise"),
        ({"epochs": 10, "snapshot_epochs": (0, 11)}, r"snapshot_epochs must be integers in \[0, 10\]"),
        ({"grid_resolution": 0}, "grid_resolution"),
    ],
)
def test_bad_configuration_gives_clear_errors(overrides, message):
    with pytest.raises(TrainingError, match=message):
        TrainingConfig(**overrides)
    with pytest.raises(TrainingError, match=message):
        train(**overrides)


def test_unknown_dataset_name_in_make_dataset():
    with pytest.raises(TrainingError, match="unknown dataset"):
        make_dataset("circles")


def test_no_step_snapshots_unless_asked(history):
    assert DEFAULT_TRAINING.snapshot_steps == ()
    assert history.step_snapshots == ()
    assert all(snap.step == snap.epoch * history.batches_per_epoch for snap in history.snapshots)


def test_step_snapshots_are_the_model_after_that_many_updates():
    # 200 points in batches of 25: 8 updates per epoch, so step 8 ends epoch 1 and step 16 epoch 2.
    result = train(epochs=2, snapshot_epochs=(1,), snapshot_steps=(16, 0, 1, 3, 8, 3))
    assert tuple(s.step for s in result.step_snapshots) == (0, 1, 3, 8, 16)
    assert tuple(s.epoch for s in result.step_snapshots) == (0, 0, 0, 1, 2)
    at = {s.step: s for s in result.step_snapshots}
    assert at[0].loss == result.epoch_losses[0]
    assert at[8].loss == result.epoch_losses[1] and at[16].loss == result.epoch_losses[2]
    assert at[8].accuracy == result.epoch_accuracies[1]
    np.testing.assert_array_equal(at[8].grid, result.snapshot(1).grid)
    assert at[16].network is result.final_network
    # Each update changes the model, and the loss on the whole dataset is measured after it.
    assert not np.array_equal(at[1].grid, at[3].grid)
    assert at[1].loss == at[1].network.loss(result.dataset.inputs, result.dataset.targets, "cross_entropy")
    assert result.step_snapshot(3) is at[3]
    with pytest.raises(TrainingError, match="no snapshot after step 2"):
        result.step_snapshot(2)


def test_step_snapshots_must_lie_within_the_run():
    with pytest.raises(TrainingError, match="snapshot_steps must be integers >= 0"):
        TrainingConfig(snapshot_steps=(-1,))
    with pytest.raises(TrainingError, match=r"snapshot_steps must be at most 16"):
        train(epochs=2, snapshot_epochs=(), snapshot_steps=(17,))
