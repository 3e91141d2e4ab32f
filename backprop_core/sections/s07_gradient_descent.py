"""Data for section 07 (Gradient Descent): every number that scene shows.

The scene draws the worked example's loss as a function of w alone (x, b and y
held at the preset's values), the tangent at the preset's w, one update step,
a run of steps at the preset's learning rate, and two runs side by side with a
learning rate that is too large and one that is too small. Curves come from
:func:`backprop_core.walkthrough.neuron`, descent paths from
:func:`backprop_core.landscapes.single_neuron_descent`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..formatting import fmt
from ..guide import GuideSection, section
from ..landscapes import single_neuron_descent
from ..preset import Preset
from ..walkthrough import Walkthrough, neuron, walkthrough

Outcome = Literal["stuck", "dies", "diverges", "overshoots", "crawls", "converges"]

#: Steps taken at the preset's learning rate in the "several steps" part.
DESCENT_STEPS = 20
#: Steps taken in each panel of the learning-rate comparison.
COMPARE_STEPS = 6
#: Samples of the loss curve.
CURVE_SAMPLES = 241
#: The too-large rate puts the step factor 1 − 2ηx² at about −1.1 (|factor| > 1 diverges).
TOO_LARGE_FACTOR = 1.05
#: The too-small rate moves w by about 1 % of its distance to the minimum per step, and stays
#: at most a fifth of the example's rate: its loss barely falls over the panel's steps.
TOO_SMALL_FACTOR = 0.004
TOO_SMALL_SHARE = 0.2
#: Below this share of the curve's width a single step is drawn on a zoomed-in view.
ZOOM_BELOW = 0.05
#: Decimals of the live readouts: fixed, so a readout never changes length mid-move
#: (0.500 → 0.518 → 0.536, never 0.5 → 0.5358 → 0.536). w needs three for the guide's 0.536.
W_DIGITS = 3
LOSS_DIGITS = 2
GRAD_DIGITS = 2
#: The main curve reaches out to w = 0 (so its L axis stands at w = 0) when 0 is this close.
REACH_ZERO_WITHIN = 0.35
#: The guide's two labels for the comparison panels.
TOO_LARGE_LABEL = "Too big = overshoot"
TOO_SMALL_LABEL = "Too small = too slow"


@dataclass(frozen=True)
class Window:
    """A rectangle of the (w, L) plane to draw, with its curve samples."""

    w_min: float
    w_max: float
    loss_max: float
    ws: tuple[float, ...]
    losses: tuple[float, ...]

    @property
    def width(self) -> float:
        return self.w_max - self.w_min

    def contains(self, w: float) -> bool:
        return self.w_min <= w <= self.w_max


@dataclass(frozen=True)
class Descent:
    """Gradient descent on w alone: ``ws[i]``, ``losses[i]``, ``grads[i]`` after ``i`` steps."""

    lr: float
    ws: tuple[float, ...]
    losses: tuple[float, ...]
    grads: tuple[float, ...]
    outcome: Outcome
    sentence: str

    @property
    def steps(self) -> int:
        return len(self.ws) - 1


@dataclass(frozen=True)
class GradientDescentData:
    guide: GuideSection
    walk: Walkthrough
    curve: Window
    w_star: float | None
    # The single step of the guide: w_new = w_old − η × ∂L/∂w.
    w_old: float
    loss_old: float
    lr: float
    gradient: float
    step: float
    w_new: float
    loss_new_w_only: float
    zoom: Window | None
    zoom_factor: int
    step_sentence: str
    descent: Descent
    descent_window: Window
    compare_start: float
    compare_note: str
    too_large: Descent
    too_small: Descent
    #: Both comparison panels share this window, so their w scales and ticks are the same.
    compare_window: Window
    compare_ticks: tuple[float, ...]
    too_large_label: str
    too_small_label: str
    w_digits: int = W_DIGITS
    loss_digits: int = LOSS_DIGITS
    grad_digits: int = GRAD_DIGITS

    @property
    def zoom_step_ticks(self) -> tuple[float, float]:
        """The zoomed view's w ticks: where the step starts and ends."""
        return (self.w_old, self.w_new)


def loss_of_w(preset: Preset, w: "float | np.ndarray") -> "float | np.ndarray":
    """L(w) with x, b and y from the preset."""
    return neuron(preset.x, w, preset.b, preset.y)[1]


def grad_of_w(preset: Preset, w: float) -> float:
    """∂L/∂w at w with x, b and y from the preset."""
    return float(neuron(preset.x, w, preset.b, preset.y)[2])


def minimiser(preset: Preset) -> float | None:
    """The w where ŷ = y exactly (L = 0), if the ReLU can reach y; otherwise None."""
    if preset.x == 0.0 or preset.y <= 0.0:
        return None
    return (preset.y - preset.b) / preset.x


def nice_rate(value: float) -> float:
    """A learning rate rounded to two significant digits, so it reads cleanly on screen."""
    if value <= 0 or not math.isfinite(value):
        raise ValueError(f"a learning rate must be positive and finite, got {value!r}")
    return float(f"{value:.2g}")


def classify(preset: Preset, ws: list[float], losses: list[float], grads: list[float], w_star: float | None) -> Outcome:
    """Name what a run did: the words under each panel come from this."""
    if all(abs(g) == 0.0 for g in grads[:-1]):
        return "stuck"
    final_active = preset.x * ws[-1] + preset.b > 0.0
    if not final_active and grads[-1] == 0.0:
        return "dies"
    if losses[-1] > losses[0]:
        return "diverges"
    signs = [np.sign(g) for g in grads if g != 0.0]
    if any(a != b for a, b in zip(signs, signs[1:])):
        return "overshoots"
    if losses[-1] > 0.5 * losses[0]:
        return "crawls"
    return "converges"


_OUTCOME_WORDS: dict[Outcome, str] = {
    "stuck": "every gradient is 0, so w never moves",
    "dies": "a step overshoots so far that the ReLU switches off, and w is stuck",
    "diverges": "each step overshoots further and the loss grows",
    "overshoots": "steps jump past the minimum and zigzag",
    "crawls": "tiny steps, the loss barely falls",
    "converges": "steady steps toward the minimum",
}


NO_BREAK = "\u00a0"


def descend(preset: Preset, w0: float, lr: float, steps: int, w_star: float | None = None) -> Descent:
    """``steps`` updates w ← w − η·∂L/∂w from ``w0`` (the path from
    :func:`backprop_core.landscapes.single_neuron_descent`), cut where w runs off to infinity."""
    path = single_neuron_descent(preset.x, preset.b, preset.y, lr, w0, steps)
    keep = len(path.w)
    for index, (w, loss) in enumerate(zip(path.w, path.loss)):
        if not (math.isfinite(w) and math.isfinite(loss)) or abs(w) > 1e6:
            keep = max(1, index)
            break
    ws, losses, grads = list(path.w[:keep]), list(path.loss[:keep]), list(path.gradient[:keep])
    outcome = classify(preset, ws, losses, grads, w_star)
    # No-break spaces keep "η = 0.01" whole when the sentence wraps. The loss's change is not
    # spoken: the panel's L counter shows it step by step.
    sentence = f"η{NO_BREAK}={NO_BREAK}{fmt(lr)}: {_OUTCOME_WORDS[outcome]}."
    return Descent(lr, tuple(ws), tuple(losses), tuple(grads), outcome, sentence)


def window(preset: Preset, points: list[float], margin: float = 0.15, min_width: float = 0.2) -> Window:
    """A window around ``points`` (widened by ``margin`` of its width each side), sampled."""
    low, high = min(points), max(points)
    width = max(high - low, min_width)
    centre = (low + high) / 2
    w_min, w_max = centre - width * (0.5 + margin), centre + width * (0.5 + margin)
    ws = np.linspace(w_min, w_max, CURVE_SAMPLES)
    losses = np.asarray(loss_of_w(preset, ws), dtype=float)
    loss_max = float(losses.max()) * 1.1 if losses.max() > 0 else 1.0
    return Window(float(w_min), float(w_max), loss_max, tuple(float(w) for w in ws), tuple(float(v) for v in losses))


def comparison_start(preset: Preset, walk: Walkthrough) -> tuple[float, str]:
    """Where the learning-rate comparison starts, and a note when that is not the preset's w.

    From a dead ReLU every step is 0 for any rate, so the comparison starts at a w
    where the neuron is active (ŷ half way to y) and says so.
    """
    if walk.relu_active or preset.x == 0.0:
        return preset.w, ""
    z_target = abs(preset.y) / 2 if preset.y != 0 else 0.5
    start = round((z_target - preset.b) / preset.x, 2)
    if preset.x * start + preset.b <= 0.0:
        start = (z_target - preset.b) / preset.x
    note = f"At w = {fmt(preset.w)} every step is 0 (dead ReLU), so these runs start at w = {fmt(start)}."
    return float(start), note


def comparison_rates(preset: Preset) -> tuple[float, float]:
    """(too large, too small) for this preset: the curvature of L(w) on the active side is
    2x², so η > 1/x² makes every step overshoot further."""
    if preset.x == 0.0:
        return nice_rate(min(1.0, preset.lr * 10)), nice_rate(preset.lr / 10)
    critical = 1.0 / preset.x**2
    return nice_rate(TOO_LARGE_FACTOR * critical), nice_rate(min(TOO_SMALL_FACTOR * critical, preset.lr * TOO_SMALL_SHARE))


def step_sentence(walk: Walkthrough) -> str:
    """What the one step did, in words built from its numbers."""
    if walk.w_direction == "hold":
        return f"The gradient is {fmt(walk.dL_dw)}, so the step is 0: w stays at {fmt(walk.w)}."
    return f"So w steps to {fmt(walk.w_new)}: downhill, against the slope."


def build(preset: Preset) -> GradientDescentData:
    walk = walkthrough(preset)
    w_star = minimiser(preset)
    descent = descend(preset, preset.w, preset.lr, DESCENT_STEPS, w_star)
    anchors = [preset.w, walk.w_new]
    if w_star is not None:
        anchors.append(w_star)
    curve = window(preset, anchors + list(descent.ws), min_width=1.0)
    if not curve.contains(0.0) and min(abs(curve.w_min), abs(curve.w_max)) < REACH_ZERO_WITHIN * curve.width:
        # Close to w = 0: reach it, so the L axis stands where w is 0 and reads as such.
        curve = window(preset, [0.0, *anchors, *descent.ws], margin=0.05, min_width=1.0)
    step = walk.w_new - preset.w
    zoom: Window | None = None
    zoom_factor = 1
    if 0.0 < abs(step) < ZOOM_BELOW * curve.width:
        zoom = window(preset, [preset.w, walk.w_new], margin=1.0, min_width=abs(step))
        zoom_factor = max(2, round(curve.width / zoom.width))
    start, note = comparison_start(preset, walk)
    large_rate, small_rate = comparison_rates(preset)
    too_large = descend(preset, start, large_rate, COMPARE_STEPS, w_star)
    too_small = descend(preset, start, small_rate, COMPARE_STEPS, w_star)
    compare_anchors = [start] + ([w_star] if w_star is not None else [])
    compare_window = window(preset, compare_anchors + list(too_large.ws) + list(too_small.ws), margin=0.1, min_width=1.0)
    compare_ticks = [start]
    if w_star is not None and compare_window.contains(w_star) and abs(w_star - start) > 0.15 * compare_window.width:
        compare_ticks.append(w_star)
    return GradientDescentData(
        guide=section(7),
        walk=walk,
        curve=curve,
        w_star=w_star,
        w_old=preset.w,
        loss_old=walk.loss,
        lr=preset.lr,
        gradient=walk.dL_dw,
        step=step,
        w_new=walk.w_new,
        loss_new_w_only=float(loss_of_w(preset, walk.w_new)),
        zoom=zoom,
        zoom_factor=zoom_factor,
        step_sentence=step_sentence(walk),
        descent=descent,
        descent_window=curve,
        compare_start=start,
        compare_note=note,
        too_large=too_large,
        too_small=too_small,
        compare_window=compare_window,
        compare_ticks=tuple(sorted(compare_ticks)),
        too_large_label=TOO_LARGE_LABEL,
        too_small_label=TOO_SMALL_LABEL,
    )
