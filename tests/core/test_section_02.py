"""Section 02 (anatomy): the network is the core's seeded init, the zoomed neuron's
arithmetic adds up, and training really lowered the loss."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backprop_core.network import Network
from backprop_core.preset import DEFAULT_PRESET, load_preset
from backprop_core.sections import section_data
from backprop_core.sections.s02_anatomy import ANATOMY_SEED, ANATOMY_SIZES

PRESETS_DIR = Path(__file__).resolve().parents[2] / "assets" / "presets"


@pytest.fixture(scope="module")
def data():
    return section_data(2, DEFAULT_PRESET)


def test_weights_come_from_the_seeded_init(data) -> None:
    reference = Network.create(list(ANATOMY_SIZES), activation="relu", init="he", seed=ANATOMY_SEED)
    assert data.sizes == ANATOMY_SIZES
    for ours, theirs in zip(data.weights, reference.layers):
        np.testing.assert_array_equal(ours, theirs.weights)
    assert data.weight_count == sum(a * b for a, b in zip(ANATOMY_SIZES, ANATOMY_SIZES[1:]))
    assert data.parameter_count == data.weight_count + sum(ANATOMY_SIZES[1:])
    assert len(data.layer_names) == len(ANATOMY_SIZES)


def test_highlighted_edge_is_the_strongest_first_layer_weight(data) -> None:
    matrix, row, column = data.highlighted_edge
    assert data.highlighted_weight == data.weights[matrix][row, column]
    assert abs(data.highlighted_weight) == np.max(np.abs(data.weights[matrix]))


def test_zoomed_neuron_adds_up(data) -> None:
    zoom = data.zoom
    assert len(zoom.inputs) == len(zoom.weights) == len(zoom.products) == ANATOMY_SIZES[0]
    assert zoom.products == pytest.approx([x * w for x, w in zip(zoom.inputs, zoom.weights)])
    assert zoom.weighted_sum == pytest.approx(sum(zoom.products) + zoom.bias)
    assert zoom.activation == max(zoom.weighted_sum, 0.0)
    assert zoom.active
    assert zoom.bias != 0.0
    # The same neuron, computed by the network itself.
    forward = data.network.forward(np.array([zoom.inputs]))
    assert forward.caches[0].output[0, zoom.unit] == pytest.approx(zoom.activation)
    assert list(data.weights[0][:, zoom.unit]) == pytest.approx(list(zoom.weights))


def test_learning_changes_weights_and_lowers_the_loss(data) -> None:
    assert data.loss_after < 0.5 * data.loss_before
    assert any(not np.allclose(a, b) for a, b in zip(data.weights, data.trained_weights))
    assert data.max_abs_weight >= max(float(np.max(np.abs(w))) for w in data.trained_weights)


@pytest.mark.parametrize("name", ["dead-relu", "overshoot"])
def test_anatomy_does_not_depend_on_the_preset(data, name: str) -> None:
    other = section_data(2, load_preset(PRESETS_DIR / f"{name}.toml"))
    assert other.zoom == data.zoom
    assert other.loss_after == data.loss_after


def test_sentences_are_the_guides(data) -> None:
    assert data.heading == "Inside a Neural Network"
    assert data.learning_sentence == "Learning = finding the right weights."
    assert data.weight_sentence.startswith("Each line is a weight")
