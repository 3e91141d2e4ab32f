"""Facts of the guide that are not computed: its structure, titles and credits.

Everything a scene shows that is not a computed number (the section count, the
year of the paper, the titles) lives here, in one named place.
"""

from __future__ import annotations

from dataclasses import dataclass

SECTION_COUNT = 12
PAPER_YEAR = 1986
PAPER_AUTHORS = "Rumelhart, Hinton & Williams"


@dataclass(frozen=True)
class GuideSection:
    """One slide of the guide: its number, a URL-safe slug, and its titles."""

    number: int
    slug: str
    title: str
    heading: str

    @property
    def kicker(self) -> str:
        """The slide counter as the guide prints it, e.g. ``03 / 12``."""
        return f"{self.number:02d} / {SECTION_COUNT}"

    @property
    def header(self) -> str:
        """The section header, e.g. ``03 / 12 — Forward Pass`` (the cover has none)."""
        if self.number == 0:
            return self.kicker
        return f"{self.kicker} \u2014 {self.title}"


SECTIONS: tuple[GuideSection, ...] = (
    GuideSection(0, "cover", "Backpropagation", "The algorithm that taught machines to learn"),
    GuideSection(1, "big-picture", "The Big Picture", "How Do Neural Networks Learn?"),
    GuideSection(2, "anatomy", "Neural Network Anatomy", "Inside a Neural Network"),
    GuideSection(3, "forward-pass", "Forward Pass", "Step 1: The Forward Pass"),
    GuideSection(4, "loss", "The Loss", "Step 2: Measure the Error"),
    GuideSection(5, "chain-rule", "The Chain Rule", "The Key Math: Chain Rule"),
    GuideSection(6, "backward-pass", "Backward Pass", "Step 3: The Backward Pass"),
    GuideSection(7, "gradient-descent", "Gradient Descent", "Step 4: Update the Weights"),
    GuideSection(8, "interactive-demo", "Interactive Demo", "Try It Yourself"),
    GuideSection(9, "going-deeper", "Going Deeper", "Scaling to Deep Networks"),
    GuideSection(10, "challenges", "Challenges", "When Backprop Struggles"),
    GuideSection(11, "full-algorithm", "The Full Algorithm", "Putting It All Together"),
    GuideSection(12, "summary", "Summary", "Key Takeaways"),
)

COVER_SUBTITLE = "An interactive 10-minute visual guide to the most important algorithm in deep learning"
COVER_TAGS: tuple[str, ...] = ("Deep Learning", "Mathematics", "Visual Guide")


def section(number: int) -> GuideSection:
    """The guide section with this number (0 is the cover)."""
    if not 0 <= number <= SECTION_COUNT:
        raise KeyError(f"no guide section {number}; sections run from 0 (cover) to {SECTION_COUNT}")
    return SECTIONS[number]
