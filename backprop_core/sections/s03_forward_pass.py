"""Data for section 03 (Forward Pass): every number that scene shows.

The scene follows x through three boxes (multiply by w, add b, apply ReLU) to ŷ,
marks z on the ReLU curve, and assembles the guide's equation
ŷ = ReLU(w · x + b) = ReLU(0.5 × 2.0 + 0.1) = 1.1 from the boxes' numbers. Every
shown result is computed from the shown (rounded) operands, so the arithmetic on
screen adds up. For a dead ReLU (z ≤ 0) the sentences say why ŷ is 0 instead of z.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..formatting import AUTO_DECIMALS, MINUS, TIMES, fmt
from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import ExampleInputs, Walkthrough, walkthrough

INTRO = "Data flows from input to output \u2014 the network makes a prediction."
SUMMARY = "Each neuron: multiply inputs by weights, add bias, apply activation function. That's it!"
OUTPUT_LABEL = "prediction \u0177"
CLAIM = "multiply, add bias, activate \u2014 that's it"


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
class EquationPiece:
    """A piece of the equation's number line; ``source`` names the box a number flies out of.

    ``source`` is ``"x"`` (Input), ``"w"`` (Multiply), ``"b"`` (Add Bias),
    ``"y_hat"`` (Output) or ``None`` for the glue between them; in a box's working
    (:attr:`ChainStage.pieces`) also ``"in"`` (the value entering the box) and
    ``"out"`` (the box's result).
    """

    text: str
    source: str | None = None


@dataclass(frozen=True)
class ChainStage:
    """One box of the computation chain: what it does and the value before and after.

    ``value_out`` is what the box shows leaving it: computed from the shown
    (rounded) operands, so the ``sentence`` ("Multiply: 0.5 × 2.0 = 1.0") adds up
    as a viewer reads it.
    """

    name: str
    operation: str
    value_in: float
    value_out: float
    symbol_out: str
    sentence: str
    #: The sentence's arithmetic ("0.5 × 2.0 = 1.0") in pieces, written under the chain as the box works.
    pieces: tuple[EquationPiece, ...] = ()

    @property
    def working(self) -> str:
        return "".join(piece.text for piece in self.pieces)


def shown(value: float) -> float:
    """The value a viewer reads from ``fmt(value)`` (four decimals at most)."""
    return round(float(value), AUTO_DECIMALS) + 0.0


def product_text(w: float, x: float) -> str:
    """``w × x`` with both numbers shown; a negative second factor gets parentheses."""
    right = fmt(x)
    if x < 0:
        right = f"({right})"
    return f"{fmt(w)} {TIMES} {right}"


def plus_text(value: float) -> str:
    """`` + 0.1`` or `` − 0.2``: adding a negative number is written as subtracting it."""
    return f" {MINUS} {fmt(abs(value))}" if value < 0 else f" + {fmt(value)}"


@dataclass(frozen=True)
class ForwardPassData(ExampleInputs):
    guide: GuideSection
    walk: Walkthrough
    intro: str
    summary: str
    #: The short key claim on screen while the summary is captioned.
    claim: str
    #: What the Input box shows ("x = 2.0") and the Output box once ŷ arrives ("ŷ = 1.1").
    input_text: str
    output_text: str
    #: The neuron's other two inputs as the opening picture labels them ("w = 0.5", "b = 0.1").
    weight_text: str
    bias_text: str
    #: What the Output box holds, in words ("prediction ŷ"): the value section 04 starts from.
    output_label: str
    stages: tuple[ChainStage, ...]
    #: The guide's equation in two lines: the rule, then the numbers.
    equation_lines: tuple[str, str]
    equation_pieces: tuple[EquationPiece, ...]
    equation_text: str
    relu_active: bool
    relu_note: str
    #: A few words beside the ReLU plot, and the label at the point (z, ReLU(z)).
    relu_label: str
    relu_point_text: str
    relu_z_axis: AxisSpan
    relu_out_axis: AxisSpan
    #: The labelled ticks of the ReLU plot: one step either side of 0 on z, the top of the output axis.
    relu_z_ticks: tuple[float, ...]
    relu_out_ticks: tuple[float, ...]


    @property
    def weighted_input(self) -> float:
        return self.walk.weighted_input

    @property
    def z(self) -> float:
        return self.walk.z

    @property
    def y_hat(self) -> float:
        return self.walk.y_hat

    @property
    def z_shown(self) -> float:
        """z as the Add Bias box computes it from the shown operands."""
        return self.stages[1].value_out

    @property
    def y_hat_shown(self) -> float:
        """ŷ as the chain and the equation show it (from the shown operands)."""
        return self.stages[-1].value_out

    @staticmethod
    def relu(z: float) -> float:
        """The activation, for drawing its curve (the same rule the engine applies)."""
        return max(0.0, z)


def chain_stages(walk: Walkthrough) -> tuple[ChainStage, ...]:
    """Multiply, Add Bias, Activate, each computed from what the box before it showed."""
    x, w, b = shown(walk.x), shown(walk.w), shown(walk.b)
    product = shown(w * x)
    z = shown(product + b)
    y_hat = max(0.0, z)
    x_open, x_close = ("(", ")") if x < 0 else ("", "")
    multiply = (
        EquationPiece(fmt(w), "w"), EquationPiece(f" {TIMES} {x_open}"), EquationPiece(fmt(x), "in"),
        EquationPiece(f"{x_close} = "), EquationPiece(fmt(product), "out"),
    )
    add = (
        EquationPiece(fmt(product), "in"), EquationPiece(f" {MINUS} " if b < 0 else " + "),
        EquationPiece(fmt(abs(b)), "b"), EquationPiece(" = "), EquationPiece(fmt(z), "out"),
    )
    activate = (EquationPiece("ReLU("), EquationPiece(fmt(z), "in"), EquationPiece(") = "), EquationPiece(fmt(y_hat), "out"))
    stages = (
        ChainStage("Multiply", f"{TIMES} w = {fmt(w)}", x, product, "w\u00b7x",
                   f"Multiply: {product_text(w, x)} = {fmt(product)}", multiply),
        ChainStage("Add Bias", f"+ b = {fmt(b)}", product, z, "z",
                   f"Add bias: {fmt(product)}{plus_text(b)} = {fmt(z)}", add),
        ChainStage("Activate", "ReLU", z, y_hat, "\u0177", f"Activate: ReLU({fmt(z)}) = {fmt(y_hat)}", activate),
    )
    return stages


def equation_pieces(walk: Walkthrough, y_hat: float) -> tuple[EquationPiece, ...]:
    """``= ReLU(0.5 × 2.0 + 0.1) = 1.1`` as glue and numbers (each number names its box)."""
    x_open, x_close = ("(", ")") if walk.x < 0 else ("", "")
    b_sign = f" {MINUS} " if walk.b < 0 else " + "
    return (
        EquationPiece("= ReLU("),
        EquationPiece(fmt(walk.w), "w"),
        EquationPiece(f" {TIMES} {x_open}"),
        EquationPiece(fmt(walk.x), "x"),
        EquationPiece(f"{x_close}{b_sign}"),
        EquationPiece(fmt(abs(walk.b)), "b"),
        EquationPiece(") = "),
        EquationPiece(fmt(y_hat), "y_hat"),
    )


def relu_note(walk: Walkthrough, z: float, y_hat: float) -> str:
    """What the ReLU did to z, in words built from the numbers (explains the dead case)."""
    if walk.relu_active:
        return f"z = {fmt(z)} > 0, so ReLU lets it through: \u0177 = z = {fmt(y_hat)}"
    return (
        f"z = {fmt(z)} \u2264 0, so ReLU outputs {fmt(y_hat)}: the neuron is switched off, "
        "a \u201cdead\u201d ReLU"
    )


def build(preset: Preset) -> ForwardPassData:
    walk = walkthrough(preset)
    stages = chain_stages(walk)
    z, y_hat = stages[1].value_out, stages[-1].value_out
    pieces = equation_pieces(walk, y_hat)
    lines = ("\u0177 = ReLU(w \u00b7 x + b)", "".join(piece.text for piece in pieces))
    z_extent = max(abs(walk.z), 1.0)
    z_axis = axis_span([-z_extent, z_extent], pad=0.15)
    out_axis = axis_span([0.0, z_extent], pad=0.1)
    return ForwardPassData(
        guide=section(3),
        walk=walk,
        intro=INTRO,
        summary=SUMMARY,
        claim=CLAIM,
        input_text=f"x = {fmt(walk.x)}",
        output_text=f"\u0177 = {fmt(y_hat)}",
        weight_text=f"w = {fmt(walk.w)}",
        bias_text=f"b = {fmt(walk.b)}",
        output_label=OUTPUT_LABEL,
        stages=stages,
        equation_lines=lines,
        equation_pieces=pieces,
        equation_text=" ".join(lines),
        relu_active=walk.relu_active,
        relu_note=relu_note(walk, z, y_hat),
        relu_label="z > 0: ReLU passes it through" if walk.relu_active else "z \u2264 0: ReLU outputs 0 (a dead ReLU)",
        relu_point_text=f"ReLU({fmt(z)}) = {fmt(y_hat)}",
        relu_z_axis=z_axis,
        relu_out_axis=out_axis,
        relu_z_ticks=(-z_axis.step, z_axis.step),
        relu_out_ticks=(out_axis.high,),
    )
