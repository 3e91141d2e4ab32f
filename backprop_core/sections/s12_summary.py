"""Data for section 12 (Summary): the takeaways, the credit line, and the pictures
each takeaway calls back to: the cover's network with its gradients (each weight's
share of the error), the chain of factors of the worked example, the scale from one
neuron to a large model, and the darts closing in."""

from __future__ import annotations

from dataclasses import dataclass

from ..darts import DartSession, throw_darts
from ..formatting import fmt
from ..guide import PAPER_AUTHORS, PAPER_YEAR, GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough
from .s00_cover import CoverData
from .s00_cover import build as build_cover
from .s02_anatomy import STORY_SIZES

#: Darts replayed under "the insight": enough to see the corrections converge.
INSIGHT_THROWS = 12
#: "From image classifiers to large language models": the guide's one neuron, the
#: network of section 02, and a picture of something much larger (drawn, not a real
#: model's shape).
SCALE_STAGES: tuple[tuple[int, ...], ...] = ((1,), STORY_SIZES, (8,) + (12,) * 12 + (8,))
#: The short names of the three stages on screen (the guide's words, shortened).
SCALE_LABELS: tuple[str, ...] = ("neuron", "classifier", "language model")


@dataclass(frozen=True)
class Takeaway:
    """One takeaway of the summary: a question (or "The Insight"), its answer, an icon name,
    and the few words its picture carries on screen (a newline where the line breaks)."""

    title: str
    body: str
    icon: str
    label: str


TAKEAWAYS: tuple[Takeaway, ...] = (
    Takeaway(
        "What is it?",
        "An algorithm that computes how much each weight in a neural network contributes to the prediction error.",
        "target",
        "each weight's\nshare of the error",
    ),
    Takeaway(
        "How does it work?",
        "It applies the chain rule of calculus backward through the network to compute gradients efficiently.",
        "chain",
        "chain rule,\nrun backward",
    ),
    Takeaway(
        "Why does it matter?",
        "Without backprop, deep learning wouldn\u2019t exist. It enables training of everything from image "
        "classifiers to large language models.",
        "rocket",
        "no backprop,\nno deep learning",
    ),
)
INSIGHT = Takeaway(
    "The Insight",
    "Complex learning is just small, repeated corrections guided by mathematics. Simple rules, emergent intelligence.",
    "spark",
    "small, repeated\ncorrections",
)


@dataclass(frozen=True)
class SummaryData:
    guide: GuideSection
    walk: Walkthrough
    heading: str
    takeaways: tuple[Takeaway, ...]
    insight: Takeaway
    paper_authors: str
    paper_year: int
    credit: str
    darts: DartSession
    cover: CoverData
    scale_stages: tuple[tuple[int, ...], ...]
    scale_labels: tuple[str, ...]

    @property
    def chain_operands(self) -> tuple[float, float, float, float]:
        """The chain of factors as shown, "∂L/∂ŷ × ∂ŷ/∂z × ∂z/∂w = ∂L/∂w" (each through fmt).
        The product of the shown factors rounds to the shown result."""
        walk = self.walk
        return (walk.dL_dyhat, walk.dyhat_dz, walk.dz_dw, walk.dL_dw)


def credit_line(authors: str = PAPER_AUTHORS, year: int = PAPER_YEAR) -> str:
    return f"First described by {authors} ({fmt(year)}) \u2014 now the backbone of all modern AI."


def build(preset: Preset) -> SummaryData:
    guide = section(12)
    return SummaryData(
        guide=guide,
        walk=walkthrough(preset),
        heading=guide.heading,
        takeaways=TAKEAWAYS,
        insight=INSIGHT,
        paper_authors=PAPER_AUTHORS,
        paper_year=PAPER_YEAR,
        credit=credit_line(),
        darts=throw_darts(INSIGHT_THROWS),
        cover=build_cover(preset),
        scale_stages=SCALE_STAGES,
        scale_labels=SCALE_LABELS,
    )
