"""Data for section 11 (The Full Algorithm): every number that scene shows.

Two things: the four steps of the loop once more on the worked example (so
each step has a number from the preset), and a real training run on the core's
toy dataset, with the loss after every epoch and snapshots of the model's
decision boundary as it learns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..formatting import fmt
from ..guide import GuideSection, section
from ..landscapes import LandscapeGrid
from ..preset import Preset
from ..training import TrainingConfig, TrainingHistory, train
from ..walkthrough import Walkthrough, walkthrough
from .s10_challenges import contour_segments

#: The run the scene plays: plain mini-batch gradient descent (w ← w − η·∇L, as the
#: guide writes it) on two interleaved moons; small enough to train while rendering.
TRAINING = TrainingConfig(
    dataset="moons",
    optimiser="sgd",
    lr=0.3,
    epochs=100,
    batch_size=25,
    snapshot_epochs=tuple(range(0, 101, 5)),
    grid_resolution=40,
)
#: The model's decision boundary is where it gives class 1 this probability.
BOUNDARY_PROBABILITY = 0.5


@dataclass(frozen=True)
class BoundarySnapshot:
    """The model after ``epoch`` epochs: its loss and accuracy on the whole dataset, its
    P(class 1) on the grid, and the decision boundary as line segments (k, 2, 2)."""

    epoch: int
    loss: float
    accuracy: float
    probabilities: np.ndarray
    boundary: np.ndarray


@dataclass(frozen=True)
class FullAlgorithmData:
    guide: GuideSection
    walk: Walkthrough
    history: TrainingHistory
    snapshots: tuple[BoundarySnapshot, ...]
    update_sentence: str

    @property
    def epochs(self) -> int:
        return self.history.epochs

    @property
    def batches_per_epoch(self) -> int:
        return self.history.batches_per_epoch

    @property
    def steps(self) -> int:
        """Weight updates in the whole run: epochs × batches per epoch."""
        return self.history.steps

    @property
    def learning_rate(self) -> float:
        return self.history.config.lr

    @property
    def epoch_losses(self) -> tuple[float, ...]:
        return self.history.epoch_losses

    @property
    def loss_decades(self) -> tuple[int, ...]:
        """Exponents of the powers of ten the loss plot's log axis spans: from the one at or below
        the lowest epoch loss to the one at or above the highest."""
        return loss_decades(self.epoch_losses)

    @property
    def loss_ticks(self) -> tuple[float, ...]:
        """The loss plot's tick values, one per decade, lowest first (e.g. 0.001 … 1); whole ones
        are ints, so fmt writes "1", not "1.0"."""
        return tuple(10**decade for decade in self.loss_decades)

    @property
    def initial_loss(self) -> float:
        return self.history.initial_loss

    @property
    def final_loss(self) -> float:
        return self.history.final_loss

    @property
    def initial_accuracy(self) -> float:
        return self.snapshots[0].accuracy

    @property
    def final_accuracy(self) -> float:
        return self.snapshots[-1].accuracy

    @property
    def epoch_accuracies(self) -> tuple[float, ...]:
        """Fraction of the dataset classified correctly before training and after each epoch."""
        return self.history.epoch_accuracies or ()

    @property
    def parameter_count(self) -> int:
        return self.history.final_network.parameter_count


def update_sentence(walk: Walkthrough) -> str:
    """What the update step does to the example's weight, in words built from its numbers."""
    if walk.w_direction == "hold":
        reason = "the ReLU is off, so no gradient reaches w" if not walk.relu_active else "the gradient is zero"
        return f"∂L/∂w = {fmt(walk.dL_dw)}: {reason}; w stays at {fmt(walk.w)}"
    return f"w goes from {fmt(walk.w)} to {fmt(walk.w_new)} ({walk.w_direction}d)"


def loss_decades(losses: tuple[float, ...]) -> tuple[int, ...]:
    """Every power-of-ten exponent from the floor of the smallest loss's log₁₀ to the ceiling of
    the largest's (at least two). Losses must be positive: a log axis cannot show zero."""
    if not losses or min(losses) <= 0.0:
        raise ValueError("a log axis needs positive losses")
    low = math.floor(math.log10(min(losses)))
    # At least one whole decade, so the axis has a length even for a flat run.
    high = max(math.ceil(math.log10(max(losses))), low + 1)
    return tuple(range(low, high + 1))


def _snapshots(history: TrainingHistory) -> tuple[BoundarySnapshot, ...]:
    result = []
    for snap in history.snapshots:
        grid = LandscapeGrid(history.grid_xs, history.grid_ys, snap.grid)
        result.append(
            BoundarySnapshot(
                epoch=snap.epoch,
                loss=snap.loss,
                accuracy=float(snap.accuracy),
                probabilities=snap.grid,
                boundary=contour_segments(grid, BOUNDARY_PROBABILITY),
            )
        )
    return tuple(result)


def build(preset: Preset) -> FullAlgorithmData:
    walk = walkthrough(preset)
    history = train(TRAINING)
    return FullAlgorithmData(
        guide=section(11),
        walk=walk,
        history=history,
        snapshots=_snapshots(history),
        update_sentence=update_sentence(walk),
    )
