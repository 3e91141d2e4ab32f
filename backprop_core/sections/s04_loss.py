"""Data for section 04 (The Loss): every number that scene shows.

The scene puts target and prediction on a number line, squares their gap (a
square whose area is the loss) and marks L on the parabola (y − ŷ)². Whether the
loss counts as "high" is decided here by :func:`judge_loss`, never in the scene.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..formatting import MINUS, fmt
from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough
from .s03_forward_pass import AxisSpan, axis_span

INTRO = "Compare prediction to the true answer using a loss function."
LOSS_NAME = "Mean Squared Error"
GOAL_TITLE = "The Goal"
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
    """How bad the loss is, by a documented rule, with the sentence the scene shows."""

    level: Level
    relative_miss: float
    sentence: str
    rule: str


def judge_loss(y: float, y_hat: float) -> LossVerdict:
    """Judge L = (y − ŷ)² by the miss |y − ŷ| relative to max(|y|, SCALE_FLOOR).

    Above :data:`HIGH_RELATIVE_MISS` (20 %) the loss is high; at or below
    :data:`LOW_RELATIVE_MISS` (5 %) it is low; a zero loss is perfect; anything in
    between is moderate. The same miss is worse on a small target than on a big one,
    which is why the rule is relative rather than a fixed cut-off on L.
    """
    miss = abs(y - y_hat)
    loss = miss**2
    relative = miss / max(abs(y), SCALE_FLOOR)
    shown = fmt(loss)
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
    scale_words = "the target's size" if abs(y) >= SCALE_FLOOR else f"a scale of {fmt(SCALE_FLOOR)}"
    rule = (
        f"The prediction misses by {fmt(miss)}, {fmt(round(100 * relative))}% of {scale_words} "
        f"(high above {fmt(round(100 * HIGH_RELATIVE_MISS))}%)."
    )
    return LossVerdict(level=level, relative_miss=relative, sentence=sentence, rule=rule)


@dataclass(frozen=True)
class LossData:
    guide: GuideSection
    walk: Walkthrough
    intro: str
    loss_name: str
    formula_tex: str
    formula_text: str
    example_text: str
    substituted_tex: str
    substituted_text: str
    goal_title: str
    goal: str
    verdict: LossVerdict
    number_line: AxisSpan
    parabola_prediction_axis: AxisSpan
    parabola_loss_axis: AxisSpan

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


def difference_text(y: float, y_hat: float, *, tex: bool) -> str:
    """``(2.0 − 1.1)²`` with a negative prediction in parentheses."""
    minus = "-" if tex else MINUS
    right = fmt(y_hat, tex=tex)
    if y_hat < 0:
        right = f"({right})"
    square = "^2" if tex else "\u00b2"
    return f"({fmt(y, tex=tex)} {minus} {right}){square}"


def build(preset: Preset) -> LossData:
    walk = walkthrough(preset)
    gap = abs(walk.error)
    # The parabola is centred on the target; wide enough to show the prediction and its far side.
    half_width = max(1.3 * gap, 1.0)
    prediction_axis = axis_span([walk.y - half_width, walk.y + half_width], pad=0.0)
    worst = max(walk.y - prediction_axis.low, prediction_axis.high - walk.y) ** 2
    return LossData(
        guide=section(4),
        walk=walk,
        intro=INTRO,
        loss_name=LOSS_NAME,
        formula_tex=r"L = (y - \hat{y})^2",
        formula_text=f"L = (y {MINUS} \u0177)\u00b2",
        example_text=f"If true y = {fmt(walk.y)} and prediction \u0177 = {fmt(walk.y_hat)}:",
        substituted_tex=f"L = {difference_text(walk.y, walk.y_hat, tex=True)} = {fmt(walk.loss, tex=True)}",
        substituted_text=f"L = {difference_text(walk.y, walk.y_hat, tex=False)} = {fmt(walk.loss)}",
        goal_title=GOAL_TITLE,
        goal=GOAL,
        verdict=judge_loss(walk.y, walk.y_hat),
        number_line=axis_span([0.0, walk.y, walk.y_hat], pad=0.15),
        parabola_prediction_axis=prediction_axis,
        parabola_loss_axis=axis_span([0.0, worst], pad=0.0),
    )
