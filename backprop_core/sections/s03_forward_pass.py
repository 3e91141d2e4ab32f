"""Data for section 03 (Forward Pass): every number that scene shows.

The scene follows x through three boxes (multiply by w, add b, apply ReLU) to ŷ,
assembles the equation ŷ = ReLU(w·x + b) from the parts, and marks z on the ReLU
curve. For a dead ReLU (z ≤ 0) the sentences say why ŷ is 0 instead of z.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..formatting import MINUS, TIMES, fmt
from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough

INTRO = "Data flows from input to output \u2014 the network makes a prediction."
SUMMARY = "Each neuron: multiply inputs by weights, add bias, apply activation function. That's it!"


@dataclass(frozen=True)
class AxisSpan:
    """A plot axis: ``low`` to ``high`` with ticks every ``step`` (all multiples of ``step``)."""

    low: float
    high: float
    step: float

    def as_range(self) -> tuple[float, float, float]:
        """``(low, high, step)``, the form manim's ``Axes`` and ``NumberLine`` take."""
        return (self.low, self.high, self.step)

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def nice_step(span: float, target_ticks: int = 5) -> float:
    """A tick spacing of 1, 2 or 5 × 10ᵏ that cuts ``span`` into about ``target_ticks`` parts."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / target_ticks
    power = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1.0, 2.0, 5.0, 10.0):
        if raw <= multiple * power:
            return multiple * power
    return 10.0 * power


def axis_span(values: tuple[float, ...] | list[float], pad: float = 0.2, min_span: float = 1.0) -> AxisSpan:
    """An axis that shows every value in ``values`` with room to spare.

    The range is widened by ``pad`` of its size on each side (and to at least
    ``min_span``), then snapped outward to whole ticks, so a marked point never
    sits on the very end of an axis.
    """
    low, high = float(min(values)), float(max(values))
    span = max(high - low, min_span)
    middle = (low + high) / 2
    low, high = min(low, middle - span / 2), max(high, middle + span / 2)
    low, high = low - pad * span, high + pad * span
    step = nice_step(high - low)
    return AxisSpan(math.floor(low / step) * step, math.ceil(high / step) * step, step)


@dataclass(frozen=True)
class ChainStage:
    """One box of the computation chain: what it does and the value before and after."""

    name: str
    operation: str
    value_in: float
    value_out: float
    symbol_out: str


def product_text(w: float, x: float, *, tex: bool) -> str:
    """``w × x`` with both numbers shown; a negative second factor gets parentheses."""
    times = r" \times " if tex else f" {TIMES} "
    right = fmt(x, tex=tex)
    if x < 0:
        right = f"({right})"
    return f"{fmt(w, tex=tex)}{times}{right}"


def plus_text(value: float, *, tex: bool) -> str:
    """`` + 0.1`` or `` − 0.2``: adding a negative number is written as subtracting it."""
    minus = "-" if tex else MINUS
    return f" {minus} {fmt(abs(value), tex=tex)}" if value < 0 else f" + {fmt(value, tex=tex)}"


@dataclass(frozen=True)
class ForwardPassData:
    guide: GuideSection
    walk: Walkthrough
    intro: str
    summary: str
    stages: tuple[ChainStage, ...]
    equation_tex: tuple[str, ...]
    equation_text: str
    relu_active: bool
    relu_note: str
    relu_z_axis: AxisSpan
    relu_out_axis: AxisSpan
    #: The labelled ticks of the ReLU plot: one step either side of 0 on z, the top of the output axis.
    relu_z_ticks: tuple[float, ...]
    relu_out_ticks: tuple[float, ...]

    @property
    def x(self) -> float:
        return self.walk.x

    @property
    def w(self) -> float:
        return self.walk.w

    @property
    def b(self) -> float:
        return self.walk.b

    @property
    def weighted_input(self) -> float:
        return self.walk.weighted_input

    @property
    def z(self) -> float:
        return self.walk.z

    @property
    def y_hat(self) -> float:
        return self.walk.y_hat

    @staticmethod
    def relu(z: float) -> float:
        """The activation, for drawing its curve (the same rule the engine applies)."""
        return max(0.0, z)


def equation_parts(walk: Walkthrough, *, tex: bool) -> tuple[str, ...]:
    """ŷ = ReLU(w·x + b) = ReLU(<numbers>) = ReLU(z) = ŷ, as separate pieces to assemble."""
    if tex:
        relu, hat, dot = r"\mathrm{ReLU}", r"\hat{y}", r" \cdot "
    else:
        relu, hat, dot = "ReLU", "\u0177", " \u00b7 "
    return (
        hat,
        f"= {relu}(w{dot}x + b)",
        f"= {relu}({product_text(walk.w, walk.x, tex=tex)}{plus_text(walk.b, tex=tex)})",
        f"= {relu}({fmt(walk.z, tex=tex)})",
        f"= {fmt(walk.y_hat, tex=tex)}",
    )


def relu_note(walk: Walkthrough) -> str:
    """What the ReLU did to z, in words built from the numbers (explains the dead case)."""
    z, y_hat = fmt(walk.z), fmt(walk.y_hat)
    if walk.relu_active:
        return f"z = {z} > 0, so ReLU lets it through: \u0177 = z = {y_hat}"
    return (
        f"z = {z} \u2264 0, so ReLU outputs {y_hat}: the neuron is switched off, "
        "a \u201cdead\u201d ReLU"
    )


def build(preset: Preset) -> ForwardPassData:
    walk = walkthrough(preset)
    stages = (
        ChainStage("Multiply", f"{TIMES} w = {fmt(walk.w)}", walk.x, walk.weighted_input, "w\u00b7x"),
        ChainStage("Add Bias", f"+ b = {fmt(walk.b)}", walk.weighted_input, walk.z, "z"),
        ChainStage("Activate", "ReLU", walk.z, walk.y_hat, "\u0177"),
    )
    z_extent = max(abs(walk.z), 1.0)
    z_axis = axis_span([-z_extent, z_extent], pad=0.15)
    out_axis = axis_span([0.0, z_extent], pad=0.1)
    return ForwardPassData(
        guide=section(3),
        walk=walk,
        intro=INTRO,
        summary=SUMMARY,
        stages=stages,
        equation_tex=equation_parts(walk, tex=True),
        equation_text=" ".join(equation_parts(walk, tex=False)),
        relu_active=walk.relu_active,
        relu_note=relu_note(walk),
        relu_z_axis=z_axis,
        relu_out_axis=out_axis,
        relu_z_ticks=(-z_axis.step, z_axis.step),
        relu_out_ticks=(out_axis.high,),
    )
