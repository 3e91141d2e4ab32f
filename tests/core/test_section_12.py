"""Section 12 (summary): the takeaways, the credit from the guide facts, the callbacks."""

from __future__ import annotations

from backprop_core.guide import PAPER_AUTHORS, PAPER_YEAR
from backprop_core.preset import DEFAULT_PRESET
from backprop_core.sections import section_data
from backprop_core.sections.s12_summary import credit_line


def test_takeaways_are_the_guides() -> None:
    data = section_data(12, DEFAULT_PRESET)
    assert [t.title for t in data.takeaways] == ["What is it?", "How does it work?", "Why does it matter?"]
    assert data.insight.title == "The Insight"
    assert data.insight.body.endswith("Simple rules, emergent intelligence.")
    assert len({t.icon for t in (*data.takeaways, data.insight)}) == 4


def test_credit_uses_the_guide_facts() -> None:
    data = section_data(12, DEFAULT_PRESET)
    assert data.paper_year == PAPER_YEAR
    assert data.paper_authors == PAPER_AUTHORS
    assert data.credit == "First described by Rumelhart, Hinton & Williams (1986) \u2014 now the backbone of all modern AI."
    assert credit_line("A & B", 2001) == "First described by A & B (2001) \u2014 now the backbone of all modern AI."


def test_ending_calls_back_to_the_cover_and_the_darts() -> None:
    data = section_data(12, DEFAULT_PRESET)
    cover = section_data(0, DEFAULT_PRESET)
    assert data.cover.title == cover.title
    assert data.cover.pulse.sizes == cover.pulse.sizes
    distances = data.darts.distances()
    assert distances[-1] < distances[0]
