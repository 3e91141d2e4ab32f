"""Data for section 01 (The Big Picture): the dart analogy and the neuron it hands over.

The darts come from the seeded correction process in :mod:`backprop_core.darts`;
the friend's words scale with each miss. The last beat maps the analogy onto the
worked example's neuron (x, w, b → ŷ): the aim becomes w, the dart's landing ŷ,
the bullseye the target y, the miss the error, and the friend's advice for w
comes from the sign of the example's gradient (told in words: "increase w").
Nothing here names the loss, ∂L/∂w or gradient descent: section 01 has not
taught them yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..darts import DartSession, throw_darts
from ..formatting import fmt
from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import ExampleInputs, Walkthrough, walkthrough
from .s02_anatomy import weight_scale

LEAD = "They learn by making mistakes \u2014 then fixing them."
LEAD_HOW = "Backpropagation is how they figure out what to fix."
ANALOGY: tuple[str, ...] = (
    "Imagine throwing darts blindfolded.",
    "After each throw, a friend tells you \u201ctoo far left\u201d or \u201ctoo high.\u201d",
    "You adjust your aim accordingly.",
    "Over hundreds of throws, you get closer to the bullseye.",
)
CONCLUSION = "Backpropagation is the friend telling the network how to adjust."

#: Short on-screen labels, one per beat (the captions carry the sentences).
LEAD_LABEL = "learning = mistakes, then fixes"
HOW_LABEL = "backpropagation: what to fix"
ANALOGY_LABELS: tuple[str, ...] = (
    "throw blindfolded",
    "a friend says how you missed",
    "adjust your aim",
    "hundreds of throws: closer",
)
CONCLUSION_LABEL = "backpropagation = the friend"
NEURON_LABEL = "our neuron: x, w, b \u2192 \u0177"
#: The analogy's parts and what they become in the neuron.
MAPPING: tuple[tuple[str, str], ...] = (
    ("aim", "w"),
    ("miss", "error"),
    ("friend", "backpropagation"),
)
ERROR_LABEL = "error"

#: Throws animated one by one (with the friend's words); the rest fly by quickly.
THROWS_SHOWN = 5
#: Throws in the whole session ("hundreds of throws").
THROWS_TOTAL = 200


@dataclass(frozen=True)
class NeuronAdvice:
    """What the friend tells the worked example's neuron about w, in words.

    ``miss`` is where ŷ lands against y ("too low", "too high" or "on target"),
    ``words`` the friend's speech bubble; ``numbers`` and ``verdict`` are the two
    captions that say it (the neuron's numbers, then where ŷ lands and the advice).
    """

    miss: str
    words: str
    numbers: str
    verdict: str

    @property
    def sentence(self) -> str:
        return f"{self.numbers} {self.verdict}"


@dataclass(frozen=True)
class BigPictureData(ExampleInputs):
    guide: GuideSection
    walk: Walkthrough
    heading: str
    lead: str
    lead_how: str
    analogy: tuple[str, ...]
    conclusion: str
    lead_label: str
    how_label: str
    analogy_labels: tuple[str, ...]
    conclusion_label: str
    neuron_label: str
    mapping: tuple[tuple[str, str], ...]
    error_label: str
    darts: DartSession
    throws_shown: int
    first_miss: float
    last_miss: float
    advice: NeuronAdvice
    max_abs_weight: float

    @property
    def throws_total(self) -> int:
        return self.darts.count



def neuron_advice(walk: Walkthrough) -> NeuronAdvice:
    """The friend's advice for w, from the sign of the error and of the example's gradient."""
    numbers = f"Our neuron: x = {fmt(walk.x)}, w = {fmt(walk.w)}, b = {fmt(walk.b)}, aiming \u0177 at y = {fmt(walk.y)}."
    lands = f"It lands at \u0177 = {fmt(walk.y_hat)}"
    if walk.error == 0.0:
        return NeuronAdvice("on target", "bullseye!", numbers, f"{lands}: nothing to fix.")
    miss = "too low" if walk.error > 0 else "too high"
    where = "below" if walk.error > 0 else "above"
    if walk.w_direction == "hold":
        why = "the neuron is switched off" if not walk.relu_active else f"x is {fmt(walk.x)}"
        return NeuronAdvice(
            miss,
            f"{miss}, but w can\u2019t help",
            numbers,
            f"{lands}, {where} y; {why}, so w can\u2019t help.",
        )
    words = f"{walk.w_direction} w"
    return NeuronAdvice(miss, f"{miss}: {words}", numbers, f"{lands}, {where} y, so the friend says \u201c{words}\u201d.")


def build(preset: Preset) -> BigPictureData:
    guide = section(1)
    walk = walkthrough(preset)
    darts = throw_darts(THROWS_TOTAL)
    distances = darts.distances()
    return BigPictureData(
        guide=guide,
        walk=walk,
        heading=guide.heading,
        lead=LEAD,
        lead_how=LEAD_HOW,
        analogy=ANALOGY,
        conclusion=CONCLUSION,
        lead_label=LEAD_LABEL,
        how_label=HOW_LABEL,
        analogy_labels=ANALOGY_LABELS,
        conclusion_label=CONCLUSION_LABEL,
        neuron_label=NEURON_LABEL,
        mapping=MAPPING,
        error_label=ERROR_LABEL,
        darts=darts,
        throws_shown=THROWS_SHOWN,
        first_miss=float(distances[0]),
        last_miss=float(distances[-1]),
        advice=neuron_advice(walk),
        max_abs_weight=weight_scale(preset),
    )
