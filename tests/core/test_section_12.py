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


def test_every_takeaway_has_a_short_label_for_its_picture() -> None:
    data = section_data(12, DEFAULT_PRESET)
    labels = [t.label for t in (*data.takeaways, data.insight)]
    assert labels == [
        "each weight's\nshare of the error",
        "chain rule,\nrun backward",
        "no backprop,\nno deep learning",
        "small, repeated\ncorrections",
    ]
    # At most two short lines: readable in the final 2 x 2 frame from the back of a hall.
    assert all(len(label.split()) <= 6 and label.count("\n") <= 1 for label in labels)


def test_chain_of_factors_closes_under_every_preset() -> None:
    from pathlib import Path

    from backprop_core.formatting import fmt
    from backprop_core.preset import load_preset

    presets = Path(__file__).resolve().parents[2] / "assets" / "presets"
    for preset in (DEFAULT_PRESET, load_preset(presets / "dead-relu.toml"), load_preset(presets / "overshoot.toml")):
        data = section_data(12, preset)
        *factors, product = data.chain_operands
        assert product == data.walk.dL_dw
        value = 1.0
        for factor in factors:
            value *= float(fmt(factor).replace("\u2212", "-"))
        assert fmt(value) == fmt(product)
    assert [fmt(v) for v in section_data(12, DEFAULT_PRESET).chain_operands] == ["\u22121.8", "1.0", "2.0", "\u22123.6"]


def test_the_scale_grows_from_one_neuron() -> None:
    data = section_data(12, DEFAULT_PRESET)
    sizes = data.scale_stages
    assert sizes[0] == (1,)
    totals = [sum(stage) for stage in sizes]
    assert totals == sorted(totals) and totals[-1] >= 10 * totals[1]
    # The middle picture is the network of section 02.
    assert sizes[1] == section_data(2, DEFAULT_PRESET).sizes
    assert data.scale_labels == ("neuron", "classifier", "language model")
