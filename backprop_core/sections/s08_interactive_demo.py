"""Data for section 08 (Interactive Demo): every number that scene shows.

The scene is the guide's demo panel as a video: a weight slider swept across
``w_range`` (the readouts are computed per frame by :func:`neuron`, so the data
here fixes the ranges, the sweep's stops and the runs of gradient descent the
scene replays), a learning-rate slider over ``lr_range``, the loss curve L(w)
under the sliders and a loss-per-step sparkline per run.

The bias stays at the preset's b throughout (the guide's panel has no bias
slider): so the curve L(w), the weight where ŷ = y and the weight where the ReLU
switches off stay where they are drawn. The runs train w alone, as in section 07,
and one learning rate is large enough to overshoot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..arithmetic import displayed
from ..formatting import fmt
from ..guide import GuideSection, section
from ..preset import FIELD_SPECS, Preset
from ..walkthrough import Walkthrough, neuron, walkthrough
from .s07_gradient_descent import Outcome, Window, comparison_rates, comparison_start, descend, minimiser, nice_rate, window

#: The guide's panel prints every readout with two decimals.
READOUT_DIGITS = 2
#: Gradient-descent steps replayed per learning rate.
DEMO_STEPS = 8
#: The middle learning rate, as a fraction of 1/x² (the step factor 1 − 2ηx² is then 0.2: fast, no zigzag).
GOOD_FRACTION = 0.4
#: Space left around the interesting weights on the slider.
SLIDER_MARGIN = 0.3
#: A converging run that keeps more than this share of its starting loss is "slow".
SLOW_SHARE = 0.1


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
class SweepLeg:
    """One drag of the weight slider: where it stops, the panel there, and what to watch."""

    target: float
    readouts: Readouts
    sentence: str


@dataclass(frozen=True)
class DemoRun:
    """Gradient descent on w (b fixed) at one learning rate: index i is after i steps."""

    lr: float
    ws: tuple[float, ...]
    #: The loss after each step at w as the slider shows it (see ``shown_readouts``).
    losses: tuple[float, ...]
    grads: tuple[float, ...]
    outcome: Outcome
    #: A few words under the run's sparkline ("slow", "fast", "overshoots: L grows").
    label: str
    sentence: str
    #: The panel's numbers after each step (what the readouts hold when a step ends).
    readouts: tuple[Readouts, ...]
    #: The same at w as the slider shows it (rounded to the readouts' digits): what the cards print,
    #: so that x × w + b = ŷ closes with the numbers on screen.
    shown_readouts: tuple[Readouts, ...] = ()

    @property
    def steps(self) -> int:
        return len(self.ws) - 1


@dataclass(frozen=True)
class InteractiveDemoData:
    guide: GuideSection
    walk: Walkthrough
    digits: int
    lr_digits: int
    b: float
    start: Readouts
    w_range: tuple[float, float]
    lr_range: tuple[float, float]
    #: L(w) over the slider's range with b fixed: the curve under the sliders.
    curve: Window
    #: The prediction gauge's range (ŷ and y both fit).
    gauge_range: tuple[float, float]
    intro_sentence: str
    gradient_sentence: str
    sweep: tuple[SweepLeg, ...]
    w_star: float | None
    dead_boundary: float | None
    runs_start_w: float
    runs_start_note: str
    runs: tuple[DemoRun, ...]
    #: The sparklines' shared loss scale: the largest loss of any run.
    sparkline_max: float

    @property
    def sweep_stops(self) -> tuple[float, ...]:
        """The weight slider's stops, from the preset's w."""
        return (self.start.w, *(leg.target for leg in self.sweep))

    @property
    def sweep_readouts(self) -> tuple[Readouts, ...]:
        return (self.start, *(leg.readouts for leg in self.sweep))

    def readouts(self, w: float, b: float | None = None) -> Readouts:
        """The panel's numbers at weight ``w`` (and bias ``b``, default the preset's)."""
        return readouts_at(self.walk.preset, w, self.b if b is None else b)

    def shown_readouts(self, w: float) -> Readouts:
        """The panel's numbers at ``w`` as the slider prints it (rounded to ``digits``): the arithmetic
        on screen (x × w + b = ŷ) then closes with the shown w."""
        return self.readouts(displayed(w, self.digits))


def readouts_at(preset: Preset, w: float, b: float) -> Readouts:
    y_hat, loss, dL_dw, dL_db = neuron(preset.x, w, b, preset.y)
    return Readouts(float(w), float(b), float(y_hat), preset.y, float(loss), float(dL_dw), float(dL_db))


def _floor_to(value: float, step: float) -> float:
    return math.floor(value / step + 1e-9) * step


def _ceil_to(value: float, step: float) -> float:
    return math.ceil(value / step - 1e-9) * step


def slider_range(preset: Preset, w_star: float | None, boundary: float | None, visited: tuple[float, ...] = ()) -> tuple[float, float]:
    """A weight range holding the preset's w, every weight a run visits, the minimiser and the
    ReLU's switch-off point (each when it exists and is near), rounded out to tenths, inside the
    preset's limits."""
    spec = FIELD_SPECS["w"]
    points = [preset.w, *visited]
    for extra in (w_star, boundary):
        if extra is not None and abs(extra - preset.w) <= 3.0:
            points.append(extra)
    low = _floor_to(min(points) - SLIDER_MARGIN, 0.1)
    high = _ceil_to(max(points) + SLIDER_MARGIN, 0.1)
    return round(max(spec.low, low), 10), round(min(spec.high, high), 10)


def gradient_sentence(start: Readouts) -> str:
    """What the gradient's sign says at the start: which way w should go."""
    shown = fmt(start.dL_dw, READOUT_DIGITS)
    if start.dL_dw < 0:
        return f"The gradient is {shown}, negative: increase w to lower the loss."
    if start.dL_dw > 0:
        return f"The gradient is {shown}, positive: decrease w to lower the loss."
    return f"The gradient is {shown}: the loss does not change with w here, so no arrow."


def _leg_sentence(preset: Preset, target: float, kind: str, boundary: float | None) -> str:
    r = readouts_at(preset, target, preset.b)
    if kind == "minimum":
        return f"At w = {fmt(target)} the prediction hits the target: the loss is 0, and so is the gradient."
    if r.dL_dw == 0.0:
        where = f" past w = {fmt(boundary)}" if boundary is not None else ""
        return f"The ReLU is off{where}: both gradients are 0, nothing to follow."
    direction = "decrease" if r.dL_dw > 0 else "increase"
    sign = "positive" if r.dL_dw > 0 else "negative"
    return f"At w = {fmt(target)} the gradient is {sign}: the arrow says {direction} w."


def sweep_legs(preset: Preset, w_range: tuple[float, float], w_star: float | None, boundary: float | None) -> tuple[SweepLeg, ...]:
    """Drag to the minimum (and stop there), then to the high end, then to the low end."""
    low, high = w_range
    legs: list[tuple[float, str]] = []
    if w_star is not None and low < w_star < high and abs(w_star - preset.w) > 1e-9:
        legs.append((w_star, "minimum"))
    legs += [(high, "end"), (low, "end")]
    return tuple(SweepLeg(float(t), readouts_at(preset, t, preset.b), _leg_sentence(preset, t, kind, boundary)) for t, kind in legs)


_RUN_WORDS: dict[str, str] = {
    "stuck": "every gradient is 0, so w never moves",
    "dies": "one step overshoots so far that the ReLU switches off",
    "diverges": "each step overshoots further and the loss grows",
    "overshoots": "each step jumps past the minimum, zigzagging in",
    "slow": "small, steady steps, the loss falls gradually",
    "fast": "big steps straight down to the minimum",
}

_RUN_LABELS: dict[str, str] = {
    "stuck": "stuck",
    "dies": "ReLU dies",
    "diverges": "overshoots",
    "overshoots": "zigzag",
    "slow": "small steps",
    "fast": "fast",
}


def run(preset: Preset, w0: float, lr: float, steps: int) -> DemoRun:
    """``steps`` updates of w alone (b fixed) from ``w0``; cut once w stops moving (gradient 0)."""
    descent = descend(preset, w0, lr, steps)
    keep = len(descent.ws)
    for index, grad in enumerate(descent.grads):
        if grad == 0.0:
            keep = index + 1
            break
    ws, grads = descent.ws[:keep], descent.grads[:keep]
    panels = tuple(readouts_at(preset, w, preset.b) for w in ws)
    shown = tuple(readouts_at(preset, displayed(w, READOUT_DIGITS), preset.b) for w in ws)
    # The loss per step as the panel shows it (at w as the slider prints it): the sparkline, its end
    # value, the sentence and the LOSS card then agree to the last digit.
    losses = tuple(r.loss for r in shown)
    kind: str = descent.outcome
    if kind in ("crawls", "converges"):
        kind = "slow" if losses[-1] > SLOW_SHARE * losses[0] else "fast"
    # The loss's change is not spoken: the run's sparkline draws it and prints its end value.
    sentence = f"\u03b7 = {fmt(lr)}: {_RUN_WORDS[kind]}."
    return DemoRun(lr, ws, losses, grads, descent.outcome, _RUN_LABELS[kind], sentence, panels, shown)


def demo_rates(preset: Preset) -> tuple[float, ...]:
    """The preset's rate, one that is fast, and section 07's "too big" one, which overshoots."""
    too_large, _ = comparison_rates(preset)
    good = nice_rate(GOOD_FRACTION / preset.x**2) if preset.x != 0.0 else preset.lr
    return tuple(sorted({preset.lr, good, too_large}))


def decimals_needed(values: tuple[float, ...]) -> int:
    """The fewest decimals that show every value exactly as ``fmt`` would."""
    return max(len(fmt(v).partition(".")[2]) for v in values)


def build(preset: Preset) -> InteractiveDemoData:
    walk = walkthrough(preset)
    w_star = minimiser(preset)
    boundary = -preset.b / preset.x if preset.x != 0.0 else None
    rates = demo_rates(preset)
    start_w, note = comparison_start(preset, walk)
    runs = tuple(run(preset, start_w, rate, DEMO_STEPS) for rate in rates)
    visited = tuple(w for r in runs for w in r.ws)
    w_range = slider_range(preset, w_star, boundary, visited)
    lo, hi = w_range
    curve = window(preset, [lo, hi], margin=0.0)
    lr_top = max(rates) * 1.15
    lr_max = round(float(_ceil_to(lr_top, 10 ** math.floor(math.log10(lr_top)))), 10)
    start = readouts_at(preset, preset.w, preset.b)
    y_hats = [readouts_at(preset, w, preset.b).y_hat for w in (lo, hi)]
    gauge = (min(0.0, preset.y), max(preset.y, *y_hats))
    if gauge[1] - gauge[0] <= 0.0:
        gauge = (gauge[0], gauge[0] + 1.0)
    intro = (
        f"At w = {fmt(preset.w)}: prediction {fmt(start.y_hat, READOUT_DIGITS)}, target "
        f"{fmt(start.y, READOUT_DIGITS)}, so the loss is {fmt(start.loss, READOUT_DIGITS)}."
    )
    return InteractiveDemoData(
        guide=section(8),
        walk=walk,
        digits=READOUT_DIGITS,
        lr_digits=decimals_needed((*rates, lr_max)),
        b=preset.b,
        start=start,
        w_range=w_range,
        lr_range=(0.0, lr_max),
        curve=curve,
        gauge_range=gauge,
        intro_sentence=intro,
        gradient_sentence=gradient_sentence(start),
        sweep=sweep_legs(preset, w_range, w_star, boundary),
        w_star=w_star,
        dead_boundary=boundary,
        runs_start_w=start_w,
        runs_start_note=note,
        runs=runs,
        sparkline_max=max(max(r.losses) for r in runs),
    )


__all__ = ["DemoRun", "InteractiveDemoData", "Readouts", "SweepLeg", "build", "readouts_at"]
