"""The full training loop on small toy datasets generated in code.

:func:`train` runs epochs × mini-batches (forward, loss, backward, update with
an optimiser from :mod:`backprop_core.optim`) and returns a frozen
:class:`TrainingHistory`: the loss per epoch and per step, the accuracy per
epoch for classification, and snapshots of the model — with its predictions on
a fixed grid, ready to draw as a decision boundary — at chosen epochs.

Everything is seeded: the same :class:`TrainingConfig` gives an identical
history. The default run (200 spiral points, a [2, 16, 16, 2] tanh network,
Adam, 100 epochs × 8 batches) is small enough to call while rendering.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from backprop_core.network import ACTIVATIONS, Network
from backprop_core.optim import OPTIMISER_NAMES, make_optimiser

#: Dataset names accepted by :class:`TrainingConfig` and :func:`make_dataset`.
DATASETS: tuple[str, ...] = ("spirals", "moons", "curve")


class TrainingError(ValueError):
    """A training configuration that cannot be run; the message names the field."""


def _read_only(array: np.ndarray, dtype: Any = float) -> np.ndarray:
    array = np.array(array, dtype=dtype, copy=True)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Dataset:
    """A toy dataset. ``inputs`` is (n, d). For ``task == "classification"``
    ``targets`` holds integer labels (n,) in {0, 1}; for ``"regression"`` it
    holds values (n, 1). Both arrays are read-only."""

    name: str
    task: str
    inputs: np.ndarray
    targets: np.ndarray

    @property
    def size(self) -> int:
        """Number of examples."""
        return int(self.inputs.shape[0])


def make_spirals(n_points: int = 200, noise: float = 0.1, turns: float = 1.0, seed: int = 0) -> Dataset:
    """Return two interleaved spirals (class 0 and class 1, ``n_points // 2`` each)
    of ``turns`` turns and radius 2 around the origin, with Gaussian ``noise``."""
    rng = np.random.default_rng(seed)
    per_class = n_points // 2
    # sqrt spreads the points evenly along the arm instead of crowding the centre.
    angle = np.sqrt(rng.uniform(0.0, 1.0, per_class)) * turns * 2.0 * np.pi
    radius = 2.0 * angle / (turns * 2.0 * np.pi)
    inputs, labels = [], []
    for label in (0, 1):
        arm = angle + np.pi * label
        points = np.stack([radius * np.cos(arm), radius * np.sin(arm)], axis=1)
        inputs.append(points + rng.normal(0.0, noise, points.shape))
        labels.append(np.full(per_class, label))
    return Dataset("spirals", "classification", _read_only(np.concatenate(inputs)), _read_only(np.concatenate(labels), int))


def make_moons(n_points: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Return two interleaving half circles ("two moons"), ``n_points // 2`` per class, centred near the origin."""
    rng = np.random.default_rng(seed)
    per_class = n_points // 2
    angle = rng.uniform(0.0, np.pi, per_class)
    upper = np.stack([np.cos(angle) - 0.5, np.sin(angle) - 0.25], axis=1)
    lower = np.stack([0.5 - np.cos(angle), 0.25 - np.sin(angle)], axis=1)
    inputs = np.concatenate([upper, lower]) + rng.normal(0.0, noise, (2 * per_class, 2))
    labels = np.concatenate([np.zeros(per_class, int), np.ones(per_class, int)])
    return Dataset("moons", "classification", _read_only(inputs), _read_only(labels, int))


def make_curve(n_points: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Return a 1-D regression set: x uniform in [−2, 2], y = sin(1.5·x) + noise."""
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-2.0, 2.0, n_points))
    y = np.sin(1.5 * x) + rng.normal(0.0, noise, n_points)
    return Dataset("curve", "regression", _read_only(x[:, None]), _read_only(y[:, None]))


def make_dataset(name: str, n_points: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Return the dataset called ``name`` (see :data:`DATASETS`)."""
    if name == "spirals":
        return make_spirals(n_points, noise, seed=seed)
    if name == "moons":
        return make_moons(n_points, noise, seed)
    if name == "curve":
        return make_curve(n_points, noise, seed)
    raise TrainingError(f"unknown dataset {name!r}; expected one of {', '.join(DATASETS)}")


def _positive_int(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise TrainingError(f"{name} must be a positive integer, got {value!r}")


@dataclass(frozen=True)
class TrainingConfig:
    """Everything that determines a training run.

    ``hidden`` are the hidden-layer widths (input and output widths follow from
    the dataset); ``snapshot_epochs`` are the epochs after which the model is
    kept (0 = before training); ``snapshot_steps`` are weight updates (counted
    over the whole run, 0 = before training) after which the model is kept too, for
    pictures finer than an epoch; ``grid_resolution`` is the side of the
    prediction grid of each snapshot.
    """

    dataset: str = "spirals"
    n_points: int = 200
    noise: float = 0.1
    hidden: tuple[int, ...] = (16, 16)
    activation: str = "tanh"
    optimiser: str = "adam"
    lr: float = 0.03
    epochs: int = 100
    batch_size: int = 25
    seed: int = 0
    snapshot_epochs: tuple[int, ...] = (0, 5, 20, 100)
    grid_resolution: int = 40
    snapshot_steps: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.dataset not in DATASETS:
            raise TrainingError(f"unknown dataset {self.dataset!r}; expected one of {', '.join(DATASETS)}")
        _positive_int("epochs", self.epochs)
        _positive_int("batch_size", self.batch_size)
        _positive_int("grid_resolution", self.grid_resolution)
        if isinstance(self.n_points, bool) or not isinstance(self.n_points, int) or self.n_points < 4:
            raise TrainingError(f"n_points must be an integer >= 4, got {self.n_points!r}")
        if not (isinstance(self.noise, (int, float)) and math.isfinite(self.noise) and self.noise >= 0):
            raise TrainingError(f"noise must be a finite number >= 0, got {self.noise!r}")
        if not (isinstance(self.lr, (int, float)) and math.isfinite(self.lr) and self.lr > 0):
            raise TrainingError(f"lr must be a positive finite number, got {self.lr!r}")
        if self.activation not in ACTIVATIONS:
            raise TrainingError(f"unknown activation {self.activation!r}; expected one of {', '.join(ACTIVATIONS)}")
        if self.optimiser not in OPTIMISER_NAMES:
            raise TrainingError(f"unknown optimiser {self.optimiser!r}; expected one of {', '.join(OPTIMISER_NAMES)}")
        object.__setattr__(self, "hidden", tuple(self.hidden))
        for width in self.hidden:
            _positive_int("every hidden width", width)
        object.__setattr__(self, "snapshot_epochs", tuple(sorted(set(self.snapshot_epochs))))
        for epoch in self.snapshot_epochs:
            if isinstance(epoch, bool) or not isinstance(epoch, (int, np.integer)) or not 0 <= epoch <= self.epochs:
                raise TrainingError(f"snapshot_epochs must be integers in [0, {self.epochs}], got {epoch!r}")
        object.__setattr__(self, "snapshot_steps", tuple(sorted(set(self.snapshot_steps))))
        for step in self.snapshot_steps:
            if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or step < 0:
                raise TrainingError(f"snapshot_steps must be integers >= 0, got {step!r}")

    @property
    def task(self) -> str:
        """``"regression"`` for the curve dataset, otherwise ``"classification"``."""
        return "regression" if self.dataset == "curve" else "classification"

    @property
    def loss(self) -> str:
        """The loss the run minimises: ``"mse"`` or ``"cross_entropy"``."""
        return "mse" if self.task == "regression" else "cross_entropy"

    @property
    def sizes(self) -> tuple[int, ...]:
        """The network's layer widths, e.g. ``(2, 16, 16, 2)``."""
        n_in, n_out = (1, 1) if self.task == "regression" else (2, 2)
        return (n_in, *self.hidden, n_out)


#: The default run: spirals, [2, 16, 16, 2] tanh network, Adam, 100 epochs × 8 batches.
DEFAULT_TRAINING = TrainingConfig()


@dataclass(frozen=True)
class Snapshot:
    """The model after ``epoch`` epochs (0 = untrained), its loss and accuracy on
    the whole dataset (accuracy ``None`` for regression), and ``grid``: its
    predictions on the history's grid — for classification a
    (resolution, resolution) array of P(class 1) with ``grid[i, j]`` at
    ``(grid_xs[j], grid_ys[i])``; for regression a (resolution,) array of ŷ at ``grid_xs``.
    ``step`` counts the weight updates made before it was taken (for an epoch
    snapshot, ``epoch`` × batches per epoch); ``epoch`` counts the epochs completed."""

    epoch: int
    network: Network
    loss: float
    accuracy: float | None
    grid: np.ndarray
    step: int | None = None


@dataclass(frozen=True)
class TrainingHistory:
    """What a training run did.

    ``epoch_losses`` has ``epochs + 1`` entries: the loss on the whole dataset
    before training, then after each epoch (likewise ``epoch_accuracies``, or
    ``None`` for regression). ``step_losses`` has one entry per mini-batch
    update (``epochs × batches_per_epoch``): the loss of that batch before the
    update. ``grid_xs``/``grid_ys`` are the positions of the snapshot grids
    (``grid_ys`` is empty for regression). ``step_snapshots`` are the snapshots
    asked for by ``config.snapshot_steps``, in step order.
    """

    config: TrainingConfig
    dataset: Dataset
    epochs: int
    batches_per_epoch: int
    batch_size: int
    epoch_losses: tuple[float, ...]
    epoch_accuracies: tuple[float, ...] | None
    step_losses: tuple[float, ...]
    snapshots: tuple[Snapshot, ...]
    grid_xs: np.ndarray
    grid_ys: np.ndarray
    final_network: Network = field(repr=False)
    step_snapshots: tuple[Snapshot, ...] = field(default=(), repr=False)

    @property
    def initial_loss(self) -> float:
        """Loss on the whole dataset before training."""
        return self.epoch_losses[0]

    @property
    def final_loss(self) -> float:
        """Loss on the whole dataset after the last epoch."""
        return self.epoch_losses[-1]

    @property
    def steps(self) -> int:
        """Total number of parameter updates (epochs × batches per epoch)."""
        return len(self.step_losses)

    def snapshot(self, epoch: int) -> Snapshot:
        """Return the snapshot taken after ``epoch`` epochs (it must be one of ``config.snapshot_epochs``)."""
        for snap in self.snapshots:
            if snap.epoch == epoch:
                return snap
        raise TrainingError(f"no snapshot at epoch {epoch}; snapshots exist for {self.config.snapshot_epochs}")

    def step_snapshot(self, step: int) -> Snapshot:
        """Return the snapshot taken after ``step`` updates (one of ``config.snapshot_steps``)."""
        for snap in self.step_snapshots:
            if snap.step == step:
                return snap
        raise TrainingError(f"no snapshot after step {step}; step snapshots exist for {self.config.snapshot_steps}")


def _grid(dataset: Dataset, resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (xs, ys, points) of a grid covering the data with a margin."""
    low = dataset.inputs.min(axis=0) - 0.25
    high = dataset.inputs.max(axis=0) + 0.25
    xs = np.linspace(low[0], high[0], resolution)
    if dataset.task == "regression":
        return xs, np.empty(0), xs[:, None]
    ys = np.linspace(low[1], high[1], resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    return xs, ys, np.stack([grid_x.ravel(), grid_y.ravel()], axis=1)


def _softmax_class1(logits: np.ndarray) -> np.ndarray:
    # For two classes softmax's P(class 1) is the sigmoid of the logit difference.
    return 0.5 * (1.0 + np.tanh(0.5 * (logits[:, 1] - logits[:, 0])))


def _evaluate(net: Network, dataset: Dataset, loss: str) -> tuple[float, float | None]:
    value = net.loss(dataset.inputs, dataset.targets, loss)
    if dataset.task == "regression":
        return value, None
    return value, float(np.mean(np.argmax(net.predict(dataset.inputs), axis=1) == dataset.targets))


def train(config: TrainingConfig | None = None, **overrides: Any) -> TrainingHistory:
    """Train a fresh network and return its :class:`TrainingHistory`.

    ``config`` defaults to :data:`DEFAULT_TRAINING`; keyword ``overrides``
    replace its fields, e.g. ``train(epochs=60, snapshot_epochs=(0, 60))``.
    Each epoch visits the data in a new seeded random order, in
    ``ceil(n_points / batch_size)`` mini-batches (the last may be smaller).
    """
    config = replace(config or DEFAULT_TRAINING, **overrides)
    dataset = make_dataset(config.dataset, config.n_points, config.noise, config.seed)
    init = "he" if config.activation == "relu" else "xavier"
    net = Network.create(config.sizes, activation=config.activation, output_activation="identity", init=init, seed=config.seed)
    optimiser = make_optimiser(config.optimiser, lr=config.lr)
    rng = np.random.default_rng([config.seed, 2])
    grid_xs, grid_ys, grid_points = _grid(dataset, config.grid_resolution)
    batch_size = min(config.batch_size, dataset.size)
    batches_per_epoch = math.ceil(dataset.size / batch_size)
    total_steps = config.epochs * batches_per_epoch
    if config.snapshot_steps and config.snapshot_steps[-1] > total_steps:
        raise TrainingError(
            f"snapshot_steps must be at most {total_steps} (epochs × batches per epoch), got {config.snapshot_steps[-1]}"
        )
    snapshot_steps = set(config.snapshot_steps)

    def snapshot(epoch: int, step: int, loss: float, accuracy: float | None) -> Snapshot:
        output = net.predict(grid_points)
        if dataset.task == "regression":
            grid = output[:, 0]
        else:
            grid = _softmax_class1(output).reshape(len(grid_ys), len(grid_xs))
        return Snapshot(epoch, net, loss, accuracy, _read_only(grid), step)

    loss, accuracy = _evaluate(net, dataset, config.loss)
    epoch_losses, epoch_accuracies, step_losses, snapshots, step_snapshots = [loss], [accuracy], [], [], []
    if 0 in config.snapshot_epochs:
        snapshots.append(snapshot(0, 0, loss, accuracy))
    if 0 in snapshot_steps:
        step_snapshots.append(snapshots[-1] if 0 in config.snapshot_epochs else snapshot(0, 0, loss, accuracy))
    for epoch in range(1, config.epochs + 1):
        order = rng.permutation(dataset.size)
        for start in range(0, dataset.size, batch_size):
            batch = order[start : start + batch_size]
            batch_loss, grads = net.loss_and_gradients(dataset.inputs[batch], dataset.targets[batch], config.loss)
            step_losses.append(batch_loss)
            net = net.with_parameters(optimiser.step(net.parameters(), grads.as_list()))
            step = len(step_losses)
            # An epoch's last update is snapshotted below, with the epoch's own loss.
            if step in snapshot_steps and step % batches_per_epoch:
                step_snapshots.append(snapshot(epoch - 1, step, *_evaluate(net, dataset, config.loss)))
        loss, accuracy = _evaluate(net, dataset, config.loss)
        epoch_losses.append(loss)
        epoch_accuracies.append(accuracy)
        step = len(step_losses)
        if epoch in config.snapshot_epochs:
            snapshots.append(snapshot(epoch, step, loss, accuracy))
        if step in snapshot_steps:
            step_snapshots.append(snapshots[-1] if epoch in config.snapshot_epochs else snapshot(epoch, step, loss, accuracy))
    return TrainingHistory(
        config=config,
        dataset=dataset,
        epochs=config.epochs,
        batches_per_epoch=batches_per_epoch,
        batch_size=batch_size,
        epoch_losses=tuple(epoch_losses),
        epoch_accuracies=None if dataset.task == "regression" else tuple(float(a) for a in epoch_accuracies),
        step_losses=tuple(step_losses),
        snapshots=tuple(snapshots),
        grid_xs=_read_only(grid_xs),
        grid_ys=_read_only(grid_ys),
        final_network=net,
        step_snapshots=tuple(step_snapshots),
    )
