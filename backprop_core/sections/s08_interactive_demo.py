"""Data for section 08 (Interactive Demo): every number that scene shows.

The scene is the guide's demo panel as a video: a weight slider swept across
``w_range`` (the readouts are computed per frame by :func:`neuron`, so the data
here only fixes the ranges, the sweep's stops and the runs of gradient descent
the scene replays), and a learning-rate slider over ``lr_range``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..formatting import fmt
from ..guide import GuideSection, section
from ..preset import FIELD_SPECS, Preset
from ..walkthrough import Walkthrough, neuron, walkthrough
from .s07_gradient_descent import comparison_start, minimiser, nice_rate

#: The guide's panel prints every readout with two decimals.
READOUT_DIGITS = 2
#: Gradient-descent steps replayed per learning rate.
DEMO_STEPS = 15
#: The learning rates replayed, as fractions of the stability limit 1/(x² + 1).
RATE_FRACTIONS = (0.1, 0.4)
#: Space left around the interesting weights on the slider.
SLIDER_MARGIN = 0.3


@dataclass(frozen=True)
class Readouts:
    """The panel's numbers at one (w, b): what the guide shows as 1.10 / 2.00 / 0.81."""

    w: float
    b: float
    y_hat: float
    y: float
    loss: float
    dL_dw: float
    dL_db: float


@dataclass(frozen=True)
class DemoRun:
    """Full gradient descent on w and b at one learning rate: index i is after i steps."""

    lr: float
    ws: tuple[float, ...]
    bs: tuple[float, ...]
    losses: tuple[float, ...]
    sentence: str
    #: The panel's numbers after each step (what the readouts hold when a step ends).
    readouts: tuple["Readouts", ...]

    @property
    def steps(self) -> int:
        return len(self.ws) - 1


@dataclass(frozen=True)
class InteractiveDemoData:
    guide: GuideSection
    walk: Walkthrough
    digits: int
    start: Readouts
    w_range: tuple[float, float]
    lr_range: tuple[float, float]
    # The weight slider visits these in turn, starting and ending at the preset's w.
    sweep_stops: tuple[float, ...]
    #: The panel's numbers at each stop of the sweep.
    sweep_readouts: tuple[Readouts, ...]
    w_star: float | None
    dead_boundary: float | None
    sweep_sentence: str
    runs_start_w: float
    runs_start_note: str
    runs: tuple[DemoRun, ...]

    def readouts(self, w: float, b: float | None = None) -> Readouts:
        """The panel's numbers at weight ``w`` (and bias ``b``, default the preset's)."""
        return readouts_at(self.walk.preset, w, self.walk.b if b is None else b)


def readouts_at(preset: Preset, w: float, b: float) -> Readouts:
    y_hat, loss, dL_dw, dL_db = neuron(preset.x, w, b, preset.y)
    return Readouts(float(w), float(b), float(y_hat), preset.y, float(loss), float(dL_dw), float(dL_db))


def _floor_to(value: float, step: float) -> float:
    return math.floor(value / step + 1e-9) * step


def _ceil_to(value: float, step: float) -> float:
    return math.ceil(value / step - 1e-9) * step


def slider_range(preset: Preset, w_star: float | None, boundary: float | None) -> tuple[float, float]:
    """A weight range holding the preset's w, the minimiser and the ReLU's switch-off point
    (each when it exists and is near), rounded out to tenths, inside the preset's limits."""
    spec = FIELD_SPECS["w"]
    points = [preset.w]
    for extra in (w_star, boundary):
        if extra is not None and abs(extra - preset.w) <= 3.0:
            points.append(extra)
    low = _floor_to(min(points) - SLIDER_MARGIN, 0.1)
    high = _ceil_to(max(points) + SLIDER_MARGIN, 0.1)
    return round(max(spec.low, low), 10), round(min(spec.high, high), 10)


def sweep_sentence(preset: Preset, w_star: float | None, boundary: float | None) -> str:
    """What to watch while w sweeps, from this preset's landmarks."""
    parts = []
    if w_star is not None:
        parts.append(f"at w = {fmt(w_star)} the prediction hits the target and the loss is 0")
    if boundary is not None:
        side = "below" if preset.x > 0 else "above"
        parts.append(f"{side} w = {fmt(boundary)} the ReLU is off and both gradients are 0")
    if not parts:
        return "Whatever w does, the loss stays the same: the gradients are 0."
    return "Watch: " + "; ".join(parts) + "."


def run(preset: Preset, w0: float, b0: float, lr: float, steps: int) -> DemoRun:
    """``steps`` updates of both w and b (the guide's update rule), from (w0, b0)."""
    ws, bs = [float(w0)], [float(b0)]
    losses = [float(neuron(preset.x, w0, b0, preset.y)[1])]
    for _ in range(steps):
        _, _, dL_dw, dL_db = neuron(preset.x, ws[-1], bs[-1], preset.y)
        w, b = ws[-1] - lr * dL_dw, bs[-1] - lr * dL_db
        if not (math.isfinite(w) and math.isfinite(b)) or max(abs(w), abs(b)) > 1e6:
            break
        ws.append(float(w))
        bs.append(float(b))
        losses.append(float(neuron(preset.x, w, b, preset.y)[1]))
    verb = "falls" if losses[-1] < losses[0] else ("stays" if losses[-1] == losses[0] else "grows")
    sentence = f"η = {fmt(lr)}: the loss {verb} from {fmt(losses[0], READOUT_DIGITS)} to {fmt(losses[-1], READOUT_DIGITS)} in {len(ws) - 1} steps."
    panels = tuple(readouts_at(preset, w, b) for w, b in zip(ws, bs))
    return DemoRun(lr, tuple(ws), tuple(bs), tuple(losses), sentence, panels)


def demo_rates(preset: Preset) -> tuple[float, ...]:
    """The preset's rate and two more, as fractions of the stability limit 1/(x² + 1) of
    descent on (w, b): beyond it the steps overshoot further each time."""
    limit = 1.0 / (preset.x**2 + 1.0)
    rates = {preset.lr} | {nice_rate(fraction * limit) for fraction in RATE_FRACTIONS}
    return tuple(sorted(rates))


def build(preset: Preset) -> InteractiveDemoData:
    walk = walkthrough(preset)
    w_star = minimiser(preset)
    boundary = -preset.b / preset.x if preset.x != 0.0 else None
    w_range = slider_range(preset, w_star, boundary)
    lo, hi = w_range
    stops = tuple(float(v) for v in (preset.w, lo, hi, preset.w))
    rates = demo_rates(preset)
    lr_max = float(_ceil_to(max(rates) * 1.25, 10 ** math.floor(math.log10(max(rates) * 1.25))))
    start_w, note = comparison_start(preset, walk)
    runs = tuple(run(preset, start_w, preset.b, rate, DEMO_STEPS) for rate in rates)
    return InteractiveDemoData(
        guide=section(8),
        walk=walk,
        digits=READOUT_DIGITS,
        start=readouts_at(preset, preset.w, preset.b),
        w_range=w_range,
        lr_range=(0.0, lr_max),
        sweep_stops=stops,
        sweep_readouts=tuple(readouts_at(preset, w, preset.b) for w in stops),
        w_star=w_star,
        dead_boundary=boundary,
        sweep_sentence=sweep_sentence(preset, w_star, boundary),
        runs_start_w=start_w,
        runs_start_note=note,
        runs=runs,
    )


__all__ = ["DemoRun", "InteractiveDemoData", "Readouts", "build", "readouts_at"]
