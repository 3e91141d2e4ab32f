"""Section 00 (cover): title facts and the pulsing network's forward/backward record."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backprop_core.guide import COVER_SUBTITLE, COVER_TAGS
from backprop_core.preset import DEFAULT_PRESET, load_preset
from backprop_core.sections import section_data
from backprop_core.sections.s00_cover import COVER_SIZES, pulsing_network

PRESETS_DIR = Path(__file__).resolve().parents[2] / "assets" / "presets"
PRESETS = ["default", "dead-relu", "overshoot"]


def test_cover_text_comes_from_the_guide() -> None:
    data = section_data(0, DEFAULT_PRESET)
    assert data.title == "Backpropagation"
    assert data.heading == "The algorithm that taught machines to learn"
    assert data.subtitle == COVER_SUBTITLE
    assert data.tags == COVER_TAGS
    assert data.guide.kicker == "00 / 12"


def test_pulse_shapes_follow_the_layer_sizes() -> None:
    pulse = pulsing_network()
    assert pulse.sizes == COVER_SIZES
    assert [a.shape for a in pulse.activations] == [(n,) for n in COVER_SIZES]
    assert [w.shape for w in pulse.weights] == list(zip(COVER_SIZES, COVER_SIZES[1:]))
    assert [g.shape for g in pulse.weight_gradients] == [w.shape for w in pulse.weights]


def test_pulse_levels_are_scaled_magnitudes() -> None:
    pulse = pulsing_network()
    for levels in (pulse.activation_levels, pulse.gradient_levels):
        top = max(float(np.max(level)) for level in levels)
        assert top == pytest.approx(1.0)
        assert all(np.all(level >= 0.0) for level in levels)
    # The backward record is a real gradient, so it is not all zero.
    assert pulse.max_abs_gradient > 0.0
    assert pulse.loss > 0.0


def test_pulse_gradients_match_finite_differences() -> None:
    pulse = pulsing_network()
    rng = np.random.default_rng(pulse.seed + 1)
    inputs = rng.normal(size=(1, pulse.sizes[0]))
    targets = rng.normal(size=(1, pulse.sizes[-1]))
    params = pulse.network.parameters()
    step = 1e-6
    bumped = [p.copy() for p in params]
    bumped[0][1, 2] += step
    loss_plus = pulse.network.with_parameters(bumped).loss(inputs, targets)
    slope = (loss_plus - pulse.loss) / step
    assert slope == pytest.approx(pulse.weight_gradients[0][1, 2], rel=1e-3, abs=1e-6)


@pytest.mark.parametrize("name", PRESETS)
def test_cover_is_the_same_for_every_preset(name: str) -> None:
    data = section_data(0, load_preset(PRESETS_DIR / f"{name}.toml"))
    reference = section_data(0, DEFAULT_PRESET)
    for ours, theirs in zip(data.pulse.weights, reference.pulse.weights):
        np.testing.assert_array_equal(ours, theirs)

