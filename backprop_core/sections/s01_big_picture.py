"""Data for section 01 (The Big Picture): the dart analogy and its link to the neuron.

The darts come from the seeded correction process in :mod:`backprop_core.darts`.
The last beat maps the analogy back onto the worked example: the "friend" is the
gradient ∂L/∂w, and what it tells the network comes from its sign.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..darts import DartSession, throw_darts
from ..formatting import fmt
from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough

LEAD = "They learn by making mistakes \u2014 then fixing them."
LEAD_HOW = "Backpropagation is how they figure out what to fix."
ANALOGY: tuple[str, ...] = (
    "Imagine throwing darts blindfolded.",
    "After each throw, a friend tells you \u201ctoo far left\u201d or \u201ctoo high.\u201d",
    "You adjust your aim accordingly.",
    "Over hundreds of throws, you get closer to the bullseye.",
)
CONCLUSION = "Backpropagation is the friend telling the network how to adjust."

#: Throws animated one by one (with the friend's words); the rest fly by quickly.
THROWS_SHOWN = 5
#: Throws in the whole session ("hundreds of throws").
THROWS_TOTAL = 200


@dataclass(frozen=True)
class BigPictureData:
    guide: GuideSection
    walk: Walkthrough
    heading: str
    lead: str
    lead_how: str
    analogy: tuple[str, ...]
    conclusion: str
    darts: DartSession
    throws_shown: int
    first_miss: float
    last_miss: float
    network_feedback: str
    network_feedback_caption: str
    gradient_label: str

    @property
    def throws_total(self) -> int:
        return self.darts.count


def _network_feedback(walk: Walkthrough) -> tuple[str, str]:
    """What the friend (the gradient) tells the worked example's neuron, from its sign."""
    gradient = fmt(walk.dL_dw)
    if walk.w_direction == "hold":
        return (
            "ReLU off (z \u2264 0): hold w",
            f"Here \u2202L/\u2202w = {gradient}: the ReLU is off (z \u2264 0), so the friend "
            "has nothing to say about w.",
        )
    return (
        f"{walk.w_direction} w",
        f"For our neuron, \u2202L/\u2202w = {gradient}: the friend says \u201c{walk.w_direction} w\u201d.",
    )


def build(preset: Preset) -> BigPictureData:
    guide = section(1)
    walk = walkthrough(preset)
    darts = throw_darts(THROWS_TOTAL)
    distances = darts.distances()
    feedback, caption = _network_feedback(walk)
    return BigPictureData(
        guide=guide,
        walk=walk,
        heading=guide.heading,
        lead=LEAD,
        lead_how=LEAD_HOW,
        analogy=ANALOGY,
        conclusion=CONCLUSION,
        darts=darts,
        throws_shown=THROWS_SHOWN,
        first_miss=float(distances[0]),
        last_miss=float(distances[-1]),
        network_feedback=feedback,
        network_feedback_caption=caption,
        gradient_label=f"\u2202L/\u2202w = {fmt(walk.dL_dw)}",
    )
