"""Section 03 data: the guide's forward pass, the dead-ReLU case, and axis helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, Preset, load_preset
from backprop_core.sections import section_data
from backprop_core.sections.s03_forward_pass import ForwardPassData, axis_span, build, nice_step

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


def test_registered_builder_returns_this_dataclass() -> None:
    data = section_data(3, DEFAULT_PRESET)
    assert isinstance(data, ForwardPassData)
    assert data.guide.header == "03 / 12 \u2014 Forward Pass"


def test_guide_numbers_for_the_default_preset() -> None:
    data = build(DEFAULT_PRESET)
    assert [stage.name for stage in data.stages] == ["Multiply", "Add Bias", "Activate"]
    assert [stage.operation for stage in data.stages] == ["\u00d7 w = 0.5", "+ b = 0.1", "ReLU"]
    assert [fmt(stage.value_out) for stage in data.stages] == ["1.0", "1.1", "1.1"]
    assert data.stages[0].value_in == data.x == 2.0
    assert fmt(data.y_hat) == "1.1"
    assert data.relu_active


def test_equation_is_the_guides_and_is_assembled_from_the_numbers() -> None:
    data = build(DEFAULT_PRESET)
    assert data.equation_text == "\u0177 = ReLU(w \u00b7 x + b) = ReLU(0.5 \u00d7 2.0 + 0.1) = 1.1"
    assert data.equation_lines == ("\u0177 = ReLU(w \u00b7 x + b)", "= ReLU(0.5 \u00d7 2.0 + 0.1) = 1.1")
    # The second line is made of pieces; the numbers name the box they fly out of.
    assert "".join(piece.text for piece in data.equation_pieces) == data.equation_lines[1]
    assert [(piece.text, piece.source) for piece in data.equation_pieces if piece.source] == [
        ("0.5", "w"), ("2.0", "x"), ("0.1", "b"), ("1.1", "y_hat"),
    ]


def test_stage_sentences_show_closed_arithmetic() -> None:
    data = build(DEFAULT_PRESET)
    assert data.input_text == "x = 2.0"
    assert [stage.sentence for stage in data.stages] == [
        "Multiply: 0.5 \u00d7 2.0 = 1.0",
        "Add bias: 1.0 + 0.1 = 1.1",
        "Activate: ReLU(1.1) = 1.1",
    ]
    assert data.output_text == "\u0177 = 1.1"
    assert data.relu_point_text == "ReLU(1.1) = 1.1"
    assert data.claim == "multiply, add bias, activate \u2014 that's it"


@pytest.mark.parametrize("values", [(0.123456, 2.5, 0.1), (1.0 / 3.0, 3.0, 0.0), (0.5, 2.0, 0.1), (-0.3, 1.5, 0.4)])
def test_shown_arithmetic_adds_up_from_the_shown_operands(values: tuple[float, float, float]) -> None:
    w, x, b = values
    data = build(Preset(x=x, w=w, b=b))
    shown = lambda v: round(v, 4)  # noqa: E731 - what fmt shows for these magnitudes
    product, z, y_hat = (stage.value_out for stage in data.stages)
    assert product == pytest.approx(shown(shown(w) * shown(x)))
    assert z == pytest.approx(shown(product + shown(b)))
    assert y_hat == max(0.0, z) == data.y_hat_shown
    assert data.equation_lines[1].endswith(f"= {fmt(data.y_hat_shown)}")


def test_guide_sentences_are_carried() -> None:
    data = build(DEFAULT_PRESET)
    assert data.intro == "Data flows from input to output \u2014 the network makes a prediction."
    assert data.summary.endswith("That's it!")


def test_dead_relu_is_explained() -> None:
    data = build(load_preset(PRESETS / "dead-relu.toml"))
    assert data.z <= 0
    assert not data.relu_active
    assert data.y_hat == 0.0
    assert "dead" in data.relu_note and "\u2264 0" in data.relu_note
    assert fmt(data.z) in data.relu_note
    assert data.equation_text.endswith("= ReLU(\u22120.3 \u00d7 1.5 + 0.4) = 0.0")
    assert data.stages[-1].sentence == "Activate: ReLU(\u22120.05) = 0.0"
    assert data.relu_point_text == "ReLU(\u22120.05) = 0.0"
    assert "0" in data.relu_label and data.relu_label != build(DEFAULT_PRESET).relu_label
    assert data.relu(data.z) == 0.0


def test_active_relu_note_differs_from_dead() -> None:
    assert "lets it through" in build(DEFAULT_PRESET).relu_note
    assert "lets it through" not in build(load_preset(PRESETS / "dead-relu.toml")).relu_note


def test_negative_operands_are_written_readably() -> None:
    data = build(Preset(x=-2.0, w=0.5, b=-0.2))
    assert "0.5 \u00d7 (\u22122.0) \u2212 0.2" in data.equation_text
    assert [piece.text for piece in data.equation_pieces if piece.source] == ["0.5", "\u22122.0", "0.2", "0.0"]


def test_other_preset_changes_every_number() -> None:
    data = build(Preset(x=1.5, w=0.8, b=0.3))
    assert data.equation_text == "\u0177 = ReLU(w \u00b7 x + b) = ReLU(0.8 \u00d7 1.5 + 0.3) = 1.5"
    assert data.stages[0].operation == "\u00d7 w = 0.8"


@pytest.mark.parametrize(("span", "step"), [(4.0, 1.0), (10.0, 2.0), (2.0, 0.5), (0.3, 0.1), (0.0, 1.0)])
def test_nice_step(span: float, step: float) -> None:
    assert nice_step(span) == pytest.approx(step)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(-10, 10, allow_nan=False), st.floats(-10, 10, allow_nan=False),
    st.floats(-10, 10, allow_nan=False),
)
def test_stages_chain_and_relu_point_on_axis(x: float, w: float, b: float) -> None:
    data = build(Preset(x=x, w=w, b=b))
    for before, after in zip(data.stages, data.stages[1:]):
        assert after.value_in == before.value_out
    assert data.y_hat == pytest.approx(max(0.0, w * x + b))
    assert data.relu_z_axis.contains(data.z)
    assert data.relu_out_axis.contains(data.y_hat)
    assert data.relu_z_axis.low < 0 < data.relu_z_axis.high
    # The plot labels its ticks from the data: one step either side of 0, the output axis top.
    assert data.relu_z_ticks == (-data.relu_z_axis.step, data.relu_z_axis.step)
    assert all(data.relu_z_axis.contains(tick) for tick in data.relu_z_ticks)
    assert data.relu_out_ticks == (data.relu_out_axis.high,)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=4))
def test_axis_span_contains_values_on_whole_ticks(values: list[float]) -> None:
    span = axis_span(values)
    assert span.low < min(values) and max(values) < span.high
    ticks = (span.high - span.low) / span.step
    assert ticks == pytest.approx(round(ticks))
    assert 2 <= round(ticks) <= 12


def test_each_box_writes_its_working_from_pieces() -> None:
    """The working under the chain ("0.5 × 2.0 = 1.0") is the caption's arithmetic, in pieces."""
    data = build(DEFAULT_PRESET)
    assert [stage.working for stage in data.stages] == ["0.5 \u00d7 2.0 = 1.0", "1.0 + 0.1 = 1.1", "ReLU(1.1) = 1.1"]
    for stage in data.stages:
        assert stage.sentence.endswith(stage.working)
        assert "".join(piece.text for piece in stage.pieces) == stage.working
    assert [[(p.text, p.source) for p in stage.pieces if p.source] for stage in data.stages] == [
        [("0.5", "w"), ("2.0", "in"), ("1.0", "out")],
        [("1.0", "in"), ("0.1", "b"), ("1.1", "out")],
        [("1.1", "in"), ("1.1", "out")],
    ]


def test_working_pieces_with_negative_operands() -> None:
    data = build(Preset(x=-2.0, w=0.5, b=-0.2))
    assert data.stages[0].working == "0.5 \u00d7 (\u22122.0) = \u22121.0"
    assert data.stages[1].working == "\u22121.0 \u2212 0.2 = \u22121.2"
    assert [p.text for p in data.stages[1].pieces if p.source] == ["\u22121.0", "0.2", "\u22121.2"]
    for stage in data.stages:
        assert "".join(piece.text for piece in stage.pieces) == stage.working


def test_neuron_labels_for_the_opening() -> None:
    data = build(DEFAULT_PRESET)
    assert (data.input_text, data.weight_text, data.bias_text) == ("x = 2.0", "w = 0.5", "b = 0.1")
    assert data.output_label == "prediction \u0177"
