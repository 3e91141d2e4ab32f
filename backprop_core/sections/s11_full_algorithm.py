"""Data for section 11 (The Full Algorithm): every number that scene shows.

Two things: the four steps of the loop once more on the worked example (so
each step has a number from the preset), and a real training run on the core's
toy dataset, followed frame by frame: the model after each of the first weight
updates and after every epoch, with its weights, its loss and accuracy on the
whole dataset, its class regions and its decision boundary.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..formatting import fmt
from ..guide import GuideSection, section
from ..landscapes import LandscapeGrid
from ..preset import Preset
from ..training import TrainingConfig, TrainingHistory, train
from ..walkthrough import Walkthrough, walkthrough
from .s10_challenges import contour_segments

#: Updates the scene plays one by one, each as a full loop, before the run speeds up.
SLOW_LOOPS = 3
#: The first epoch is followed update by update; after it, one frame per epoch.
_EPOCHS = 100
_POINTS = 200
_BATCH = 25
_BATCHES = math.ceil(_POINTS / _BATCH)
#: The run the scene plays: plain mini-batch gradient descent (w ← w − η·∇L, as the
#: guide writes it) on two interleaved moons, with a network about as small as the one
#: drawn in section 02 (two hidden layers of five), so every weight can be drawn as an edge.
TRAINING = TrainingConfig(
    dataset="moons",
    n_points=_POINTS,
    hidden=(5, 5),
    optimiser="sgd",
    lr=0.3,
    epochs=_EPOCHS,
    batch_size=_BATCH,
    snapshot_epochs=(0, _EPOCHS),
    snapshot_steps=tuple(range(_BATCHES)) + tuple(epoch * _BATCHES for epoch in range(1, _EPOCHS + 1)),
    grid_resolution=40,
)
#: How the scene names the loss the run minimises.
LOSS_NAMES = {"mse": "MSE", "cross_entropy": "cross-entropy"}
#: The model's decision boundary is where it gives class 1 this probability.
BOUNDARY_PROBABILITY = 0.5


@dataclass(frozen=True)
class RunFrame:
    """The model after ``step`` weight updates (``epoch`` epochs completed): its weights
    (the core's (fan_in, fan_out) matrices), its loss and accuracy on the whole dataset,
    its P(class 1) on the grid, its decision boundary as segments (k, 2, 2), and the loss
    of the mini-batch the last update was computed on (None before the first update)."""

    step: int
    epoch: int
    weights: tuple[np.ndarray, ...]
    loss: float
    accuracy: float
    probabilities: np.ndarray
    boundary: np.ndarray
    batch_loss: float | None

    @property
    def epochs_done(self) -> float:
        """Where the frame lies on an axis counted in epochs (step ÷ batches per epoch)."""
        return self.step / _BATCHES


@dataclass(frozen=True)
class FullAlgorithmData:
    guide: GuideSection
    walk: Walkthrough
    history: TrainingHistory
    update_sentence: str
    again_sentence: str
    frames: tuple[RunFrame, ...]
    slow_loops: int

    @property
    def loss_name(self) -> str:
        """The loss the run minimises, as the scene names it ("cross-entropy" or "MSE")."""
        return LOSS_NAMES[self.history.config.loss]

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        """The run's network, input to output, e.g. (2, 5, 5, 2)."""
        return self.history.config.sizes

    @property
    def weight_scale(self) -> float:
        """The largest |weight| of any frame: edge thickness is |w| relative to it."""
        return max(float(np.abs(matrix).max()) for frame in self.frames for matrix in frame.weights)

    @property
    def curve_epochs(self) -> tuple[float, ...]:
        """The loss curve's x values: each frame's position in epochs."""
        return tuple(frame.epochs_done for frame in self.frames)

    @property
    def curve_losses(self) -> tuple[float, ...]:
        """The loss curve's y values: each frame's loss on the whole dataset."""
        return tuple(frame.loss for frame in self.frames)

    @property
    def update_operands(self) -> tuple[float, float, float, float]:
        """The worked example's update as shown, "w − η × ∂L/∂w = w_new" (each through fmt).
        It closes: fmt of the result computed from the shown operands is the shown w_new."""
        walk = self.walk
        return (walk.w, walk.lr, walk.dL_dw, walk.w_new)

    @property
    def loss_operands(self) -> tuple[float, float, float]:
        """The worked example's loss as shown, "(y − ŷ)² = L": y, ŷ and L (each through fmt)."""
        walk = self.walk
        return (walk.y, walk.y_hat, walk.loss)

    @property
    def bias_update_operands(self) -> tuple[float, float, float, float]:
        """The bias's update as shown, "b − η × ∂L/∂b = b_new" (each through fmt; it closes)."""
        walk = self.walk
        return (walk.b, walk.lr, walk.dL_db, walk.b_new)

    @property
    def next_loss_operands(self) -> tuple[float, float, float]:
        """The loss after the update, one loop later, as shown: y, the new ŷ and the new L."""
        walk = self.walk
        return (walk.y, walk.y_hat_new, walk.loss_new)

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
        return self.frames[0].accuracy

    @property
    def final_accuracy(self) -> float:
        return self.frames[-1].accuracy

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


def again_sentence(walk: Walkthrough) -> str:
    """What the second time round the loop did to the loss (the new ŷ is on screen)."""
    if fmt(walk.loss_new) == fmt(walk.loss):
        change = f"stays at {fmt(walk.loss)}"
    else:
        change = f"{'falls' if walk.loss_new < walk.loss else 'rises'} from {fmt(walk.loss)} to {fmt(walk.loss_new)}"
    return f"Round again: the loss {change}."


def loss_decades(losses: tuple[float, ...]) -> tuple[int, ...]:
    """Every power-of-ten exponent from the floor of the smallest loss's log₁₀ to the ceiling of
    the largest's (at least two). Losses must be positive: a log axis cannot show zero."""
    if not losses or min(losses) <= 0.0:
        raise ValueError("a log axis needs positive losses")
    low = math.floor(math.log10(min(losses)))
    # At least one whole decade, so the axis has a length even for a flat run.
    high = max(math.ceil(math.log10(max(losses))), low + 1)
    return tuple(range(low, high + 1))


def _frames(history: TrainingHistory) -> tuple[RunFrame, ...]:
    frames = []
    for snap in history.step_snapshots:
        grid = LandscapeGrid(history.grid_xs, history.grid_ys, snap.grid)
        frames.append(
            RunFrame(
                step=snap.step,
                epoch=snap.epoch,
                weights=tuple(layer.weights for layer in snap.network.layers),
                loss=snap.loss,
                accuracy=float(snap.accuracy),
                probabilities=snap.grid,
                boundary=contour_segments(grid, BOUNDARY_PROBABILITY),
                batch_loss=history.step_losses[snap.step - 1] if snap.step else None,
            )
        )
    return tuple(frames)


@cache
def training_run() -> tuple[TrainingHistory, tuple[RunFrame, ...]]:
    """The run and its frames: the same for every preset, so trained once per process."""
    history = train(TRAINING)
    return history, _frames(history)


def build(preset: Preset) -> FullAlgorithmData:
    walk = walkthrough(preset)
    history, frames = training_run()
    return FullAlgorithmData(
        guide=section(11),
        walk=walk,
        history=history,
        update_sentence=update_sentence(walk),
        again_sentence=again_sentence(walk),
        frames=frames,
        slow_loops=SLOW_LOOPS,
    )
