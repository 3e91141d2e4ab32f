"""Section 02 (anatomy): the story network is the seeded init with the guide's neuron
planted in it, that neuron computes the example exactly, and training really fitted."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backprop_core.network import Network
from backprop_core.preset import DEFAULT_PRESET, load_preset
from backprop_core.sections import section_data
from backprop_core.sections.s02_anatomy import STORY_SEED, STORY_SIZES

PRESETS_DIR = Path(__file__).resolve().parents[2] / "assets" / "presets"
PRESETS = ["default", "dead-relu", "overshoot"]


def _data(name: str):
    preset = DEFAULT_PRESET if name == "default" else load_preset(PRESETS_DIR / f"{name}.toml")
    return section_data(2, preset)


@pytest.fixture(scope="module")
def data():
    return section_data(2, DEFAULT_PRESET)


def test_story_network_is_the_seeded_init_except_the_guides_neuron(data) -> None:
    story = data.story
    reference = Network.create(list(STORY_SIZES), activation="relu", init="he", seed=STORY_SEED)
    assert data.sizes == STORY_SIZES
    assert len(data.layer_names) == len(STORY_SIZES)
    for m, (ours, theirs) in enumerate(zip(data.weights, reference.layers)):
        if m == 0:
            keep = np.ones(ours.shape, dtype=bool)
            keep[:, story.focus_unit] = False
            np.testing.assert_array_equal(ours[keep], theirs.weights[keep])
        else:
            np.testing.assert_array_equal(ours, theirs.weights)


@pytest.mark.parametrize("name", PRESETS)
def test_the_focus_neuron_is_the_guides_neuron(name: str) -> None:
    data = _data(name)
    story, walk = data.story, data.walk
    assert story.example[story.focus_input] == walk.x
    assert story.focus_weight == walk.w
    assert story.focus_bias == walk.b
    # Its other inputs carry weight 0, so inside the network it computes ŷ = ReLU(w·x + b).
    column = story.weights[0][:, story.focus_unit]
    assert np.count_nonzero(column) == (1 if walk.w != 0 else 0)
    assert story.focus_output == pytest.approx(walk.y_hat)
    assert (data.x, data.w, data.b) == (walk.x, walk.w, walk.b)


@pytest.mark.parametrize("name", PRESETS)
def test_the_backward_pass_is_the_examples(name: str) -> None:
    data = _data(name)
    story = data.story
    assert story.target.tolist() == [data.walk.y]
    result = story.network.forward(story.example[None, :])
    assert story.activations[-1] == pytest.approx(result.output[0])
    assert story.loss == pytest.approx(story.network.loss(story.example[None, :], story.target[None, :]))
    for levels in (story.activation_levels, story.gradient_levels):
        assert all(np.all((level >= 0.0) & (level <= 1.0)) for level in levels)
    assert max(float(np.max(level)) for level in story.activation_levels) == pytest.approx(1.0)


def test_gradients_match_finite_differences(data) -> None:
    story = data.story
    inputs, targets = story.example[None, :], story.target[None, :]
    params = [p.copy() for p in story.network.parameters()]
    step = 1e-6
    params[2][1, 0] += step
    slope = (story.network.with_parameters(params).loss(inputs, targets) - story.loss) / step
    assert slope == pytest.approx(story.weight_gradients[1][1, 0], rel=1e-3, abs=1e-6)


def test_legend_edges_are_the_extremes(data) -> None:
    nonzero = np.concatenate([w[w > 0] for w in data.weights])
    m, i, j = data.strongest_edge
    assert data.weights[m][i, j] == nonzero.max()
    m, i, j = data.weakest_edge
    # "weak" is a typical weak weight (about 30 % of the strongest), not the invisible weakest one.
    aim = 0.3 * nonzero.max()
    assert abs(data.weights[m][i, j] - aim) == np.abs(nonzero - aim).min()
    assert 0 < data.weights[m][i, j] < 0.6 * nonzero.max()
    m, i, j = data.negative_edge
    assert data.weights[m][i, j] == min(float(w.min()) for w in data.weights) < 0


def test_learning_changes_weights_and_fits_better(data) -> None:
    assert data.loss_after < 0.5 * data.loss_before
    assert any(not np.allclose(a, b) for a, b in zip(data.weights, data.trained_weights))
    assert data.max_abs_weight >= max(float(np.max(np.abs(w))) for w in data.trained_weights + data.weights)


@pytest.mark.parametrize("name", PRESETS)
def test_neuron_sentence_names_the_presets_numbers(name: str) -> None:
    from backprop_core.formatting import fmt

    data = _data(name)
    for value in (data.x, data.w, data.b):
        assert fmt(value) in data.neuron_sentence


def test_sentences_and_labels(data) -> None:
    assert data.heading == "Inside a Neural Network"
    assert data.learning_sentence == "Learning = finding the right weights."
    assert data.weight_sentence.startswith("Each line is a weight")
    assert data.learning_label == "Learning = finding the right weights"
    # Nothing is said in terms this early section has not taught yet.
    words = " ".join(
        [data.intro, data.weight_sentence, data.neuron_sentence, data.neuron_label, data.layers_label, data.weight_label]
    ).lower()
    for early in ("loss", "gradient", "\u2202"):
        assert early not in words


def test_focus_edge_learns_the_guides_update(data) -> None:
    story = data.story
    trained = data.focus_trained_weights
    assert trained[0][story.focus_input, story.focus_unit] == data.walk.w_new
    assert data.y_hat == data.walk.y_hat
