"""Data for section 12 (Summary): the takeaways, the credit line, and what the
ending calls back to (the cover's pulsing network, the darts closing in)."""

from __future__ import annotations

from dataclasses import dataclass

from ..darts import DartSession, throw_darts
from ..formatting import fmt
from ..guide import PAPER_AUTHORS, PAPER_YEAR, GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough
from .s00_cover import CoverData
from .s00_cover import build as build_cover

#: Darts replayed under "the insight": enough to see the corrections converge.
INSIGHT_THROWS = 12


@dataclass(frozen=True)
class Takeaway:
    """One card of the summary: a question (or "The Insight"), its answer, and an icon name."""

    title: str
    body: str
    icon: str


TAKEAWAYS: tuple[Takeaway, ...] = (
    Takeaway(
        "What is it?",
        "An algorithm that computes how much each weight in a neural network contributes to the prediction error.",
        "target",
    ),
    Takeaway(
        "How does it work?",
        "It applies the chain rule of calculus backward through the network to compute gradients efficiently.",
        "chain",
    ),
    Takeaway(
        "Why does it matter?",
        "Without backprop, deep learning wouldn\u2019t exist. It enables training of everything from image "
        "classifiers to large language models.",
        "rocket",
    ),
)
INSIGHT = Takeaway(
    "The Insight",
    "Complex learning is just small, repeated corrections guided by mathematics. Simple rules, emergent intelligence.",
    "spark",
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
    )
