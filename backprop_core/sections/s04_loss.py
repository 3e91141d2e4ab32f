"""Data for section 04 (The Loss): every number that scene shows.

The scene puts target and prediction on a number line, squares their gap (a
square whose area is the loss), assembles L = (y − ŷ)² = (2.0 − 1.1)² = 0.81 from
the picture's numbers and marks L on the parabola (y − ŷ)². Whether the loss
counts as "high" is decided here by :func:`judge_loss`, never in the scene.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from ..formatting import MINUS, fmt
from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough
from . import s03_forward_pass as forward_pass
from .s03_forward_pass import AxisSpan, axis_span, shown

INTRO = "Compare prediction to the true answer using a loss function."
#: The guide's goal as a short on-screen label (the caption carries its two sentences).
GOAL_LABEL = "Goal: make the loss as small as possible \u2014 0 means perfect"
LOSS_NAME = "Mean Squared Error"
GOAL_TITLE = "The Goal"
#: The words before the number-line labels: "prediction ŷ = 1.1", "target y = 2.0".
PREDICTION_WORD = "prediction"
TARGET_WORD = "target"
GOAL = "Make the loss as small as possible. A loss of 0 means the prediction is perfect."

#: A miss counts relative to the size of the target, but never relative to less than
#: this, so a target near 0 does not make every tiny miss look huge.
SCALE_FLOOR = 1.0
#: Miss / scale at or below this: the prediction is close ("low" loss).
LOW_RELATIVE_MISS = 0.05
#: Miss / scale above this: the loss is "high" (the guide's 0.9 miss on 2.0 is 45%).
HIGH_RELATIVE_MISS = 0.2
#: Below this the loss is zero up to rounding: a perfect prediction.
PERFECT_LOSS = 1e-12

Level = Literal["perfect", "low", "moderate", "high"]


@dataclass(frozen=True)
class LossVerdict:
    """How bad the loss is, by a documented rule, with the sentence the scene shows.

    The rule (the miss relative to the target) is this project's way to adapt the
    guide's "0.81 is high" to other examples; it is not the guide's, so the scene
    shows only the sentence, never the rule's percentages.
    """

    level: Level
    relative_miss: float
    sentence: str


def judge_loss(y: float, y_hat: float, shown_loss: float | None = None) -> LossVerdict:
    """Judge L = (y − ŷ)² by the miss |y − ŷ| relative to max(|y|, SCALE_FLOOR).

    Above :data:`HIGH_RELATIVE_MISS` (20 %) the loss is high; at or below
    :data:`LOW_RELATIVE_MISS` (5 %) it is low; a zero loss is perfect; anything in
    between is moderate. The same miss is worse on a small target than on a big one,
    which is why the rule is relative rather than a fixed cut-off on L.
    """
    miss = abs(y - y_hat)
    loss = miss**2
    relative = miss / max(abs(y), SCALE_FLOOR)
    shown = fmt(loss if shown_loss is None else shown_loss)
    if loss <= PERFECT_LOSS:
        level: Level = "perfect"
        sentence = f"A loss of {fmt(0.0)} \u2014 the prediction is perfect!"
    elif relative <= LOW_RELATIVE_MISS:
        level = "low"
        sentence = f"{shown} is low \u2014 the prediction is close to the target."
    elif relative <= HIGH_RELATIVE_MISS:
        level = "moderate"
        sentence = f"{shown} is moderate \u2014 the network can still improve."
    else:
        level = "high"
        sentence = f"{shown} is high \u2014 the network needs to improve!"
    return LossVerdict(level=level, relative_miss=relative, sentence=sentence)


@dataclass(frozen=True)
class FormulaPiece:
    """A piece of the formula row; ``source`` names the picture a number flies out of.

    ``source`` is ``"y"`` (the target's label), ``"y_hat"`` (the prediction's
    label), ``"loss"`` (the square's area) or ``None`` for the glue.
    """

    text: str
    source: str | None = None


@dataclass(frozen=True)
class LossData:
    guide: GuideSection
    walk: Walkthrough
    intro: str
    loss_name: str
    formula_text: str
    example_text: str
    substituted_text: str
    #: "L = (y − ŷ)² = (2.0 − 1.1)² = 0.81": the rule, then the numbers, in pieces.
    formula_row: str
    formula_pieces: tuple[FormulaPiece, ...]
    #: The gap and the loss as shown, computed from the shown operands (closed arithmetic).
    y_hat_shown: float
    gap_shown: float
    loss_shown: float
    #: "0.9² = 0.81", the square's side squared.
    square_text: str
    #: Decimals of the live numbers, those of the shown values (so "0.81" never reads "0.8100").
    y_hat_digits: int
    loss_digits: int
    goal_title: str
    goal: str
    goal_label: str
    #: The loss of a perfect prediction (the bottom of the parabola).
    perfect_loss: float
    verdict: LossVerdict
    number_line: AxisSpan
    parabola_prediction_axis: AxisSpan
    parabola_loss_axis: AxisSpan
    #: "target y = 2.0" under the target; the prediction's label is the word and a live "ŷ = 1.1".
    target_text: str
    prediction_word: str
    #: Labelled ticks: every tick of the number line, every label step of the parabola's ŷ axis.
    number_line_ticks: tuple[float, ...]
    parabola_ticks: tuple[float, ...]
    #: Decimals of the tick labels (0 for whole steps).
    tick_digits: int

    @property
    def y(self) -> float:
        return self.walk.y

    @property
    def y_hat(self) -> float:
        return self.walk.y_hat

    @property
    def error(self) -> float:
        """y − ŷ, signed."""
        return self.walk.error

    @property
    def gap(self) -> float:
        """|y − ŷ|: the side of the square whose area is the loss."""
        return abs(self.walk.error)

    @property
    def loss(self) -> float:
        return self.walk.loss

    def loss_at(self, y_hat: float) -> float:
        """(y − ŷ)² for any prediction: the parabola the scene draws."""
        return (self.walk.y - y_hat) ** 2


def difference_text(y: float, y_hat: float) -> str:
    """``(2.0 − 1.1)²`` with a negative prediction in parentheses."""
    right = fmt(y_hat)
    if y_hat < 0:
        right = f"({right})"
    return f"({fmt(y)} {MINUS} {right})\u00b2"


def decimals(text: str) -> int:
    """How many decimals a formatted number shows ("0.81" → 2, "2" → 0)."""
    return len(text.split(".")[1]) if "." in text else 0


def formula_pieces(y: float, y_hat: float, loss: float) -> tuple[FormulaPiece, ...]:
    """``L = (y − ŷ)² = (2.0 − 1.1)² = 0.81``; a negative prediction gets parentheses."""
    open_, close = ("(", ")") if y_hat < 0 else ("", "")
    return (
        FormulaPiece(f"L = (y {MINUS} \u0177)\u00b2"),
        FormulaPiece(" = ("),
        FormulaPiece(fmt(y), "y"),
        FormulaPiece(f" {MINUS} {open_}"),
        FormulaPiece(fmt(y_hat), "y_hat"),
        FormulaPiece(f"{close})\u00b2 = "),
        FormulaPiece(fmt(loss), "loss"),
    )


def ticks(low: float, high: float, step: float) -> tuple[float, ...]:
    """The multiples of ``step`` from ``low`` to ``high`` (both ends included when on the grid)."""
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return tuple(round(k * step, 10) + 0.0 for k in range(first, last + 1))


def step_decimals(step: float) -> int:
    """Decimals that show every multiple of ``step`` (one significant digit, as ``nice_step`` and doubling give)."""
    return max(0, -math.floor(math.log10(step) + 1e-9))


def label_ticks(axis: AxisSpan, most: int = 5) -> tuple[float, tuple[float, ...]]:
    """The step and ticks to label on ``axis``: its own step, doubled until at most ``most`` labels."""
    step = axis.step
    while len(ticks(axis.low, axis.high, step)) > most:
        step *= 2
    return step, ticks(axis.low, axis.high, step)


def build(preset: Preset) -> LossData:
    walk = walkthrough(preset)
    # The prediction as section 03 showed it; the gap and loss follow from the shown numbers.
    y_hat_shown = forward_pass.build(preset).y_hat_shown
    gap_shown = shown(abs(shown(walk.y) - y_hat_shown))
    loss_shown = shown(gap_shown**2)
    pieces = formula_pieces(walk.y, y_hat_shown, loss_shown)
    gap = abs(walk.error)
    # The parabola is centred on the target; wide enough to show the prediction and its far side.
    half_width = max(1.3 * gap, 1.0)
    prediction_axis = axis_span([walk.y - half_width, walk.y + half_width], pad=0.0)
    worst = max(walk.y - prediction_axis.low, prediction_axis.high - walk.y) ** 2
    number_line = axis_span([0.0, walk.y, walk.y_hat], pad=0.15)
    line_step, line_ticks = number_line.step, ticks(number_line.low, number_line.high, number_line.step)
    parabola_step, parabola_ticks = label_ticks(prediction_axis, most=4)
    return LossData(
        guide=section(4),
        walk=walk,
        intro=INTRO,
        loss_name=LOSS_NAME,
        formula_text=f"L = (y {MINUS} \u0177)\u00b2",
        example_text=f"If true y = {fmt(walk.y)} and prediction \u0177 = {fmt(y_hat_shown)}:",
        substituted_text=f"L = {difference_text(walk.y, y_hat_shown)} = {fmt(loss_shown)}",
        formula_row="".join(piece.text for piece in pieces),
        formula_pieces=pieces,
        y_hat_shown=y_hat_shown,
        gap_shown=gap_shown,
        loss_shown=loss_shown,
        square_text=f"{fmt(gap_shown)}\u00b2 = {fmt(loss_shown)}",
        y_hat_digits=decimals(fmt(y_hat_shown)),
        loss_digits=decimals(fmt(loss_shown)),
        goal_title=GOAL_TITLE,
        goal=GOAL,
        goal_label=GOAL_LABEL,
        perfect_loss=0.0,
        verdict=judge_loss(walk.y, walk.y_hat, loss_shown),
        number_line=number_line,
        parabola_prediction_axis=prediction_axis,
        parabola_loss_axis=axis_span([0.0, worst], pad=0.0),
        target_text=f"{TARGET_WORD} y = {fmt(walk.y)}",
        prediction_word=PREDICTION_WORD,
        number_line_ticks=line_ticks,
        parabola_ticks=parabola_ticks,
        tick_digits=max(step_decimals(line_step), step_decimals(parabola_step)),
    )
