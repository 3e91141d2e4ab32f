"""Section 00 (cover): title facts, and the pulsing network is the story network of 02."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backprop_core.guide import COVER_SUBTITLE, COVER_TAGS
from backprop_core.preset import DEFAULT_PRESET, load_preset
from backprop_core.sections import section_data

PRESETS_DIR = Path(__file__).resolve().parents[2] / "assets" / "presets"
PRESETS = ["default", "dead-relu", "overshoot"]


def _preset(name: str):
    return DEFAULT_PRESET if name == "default" else load_preset(PRESETS_DIR / f"{name}.toml")


def test_cover_text_comes_from_the_guide() -> None:
    data = section_data(0, DEFAULT_PRESET)
    assert data.title == "Backpropagation"
    assert data.heading == "The algorithm that taught machines to learn"
    assert data.subtitle == COVER_SUBTITLE
    assert data.tags == COVER_TAGS
    assert data.guide.kicker == "00 / 12"
    assert data.forward_label.startswith("forward")
    assert data.backward_label.startswith("backward")


@pytest.mark.parametrize("name", PRESETS)
def test_cover_pulses_the_story_network(name: str) -> None:
    preset = _preset(name)
    cover, anatomy = section_data(0, preset), section_data(2, preset)
    for ours, theirs in zip(cover.pulse.weights, anatomy.story.weights):
        np.testing.assert_array_equal(ours, theirs)
    assert cover.pulse.focus_weight == preset.w
    assert cover.pulse.target.tolist() == [preset.y]


def test_pulse_levels_are_scaled_magnitudes() -> None:
    pulse = section_data(0, DEFAULT_PRESET).pulse
    assert [a.shape for a in pulse.activations] == [(n,) for n in pulse.sizes]
    assert [g.shape for g in pulse.weight_gradients] == [w.shape for w in pulse.weights]
    for levels in (pulse.activation_levels, pulse.gradient_levels):
        top = max(float(np.max(level)) for level in levels)
        assert top == pytest.approx(1.0)
        assert all(np.all(level >= 0.0) for level in levels)
    # The example misses its target, so the backward record is a real, non-zero gradient.
    assert pulse.loss > 0.0
    assert pulse.max_abs_weight > 0.0


def test_the_screen_subtitle_drops_interactive() -> None:
    data = section_data(0, DEFAULT_PRESET)
    assert data.screen_subtitle == "A 10-minute visual guide to the most important algorithm in deep learning"
    assert "interactive" not in data.screen_subtitle.lower()
    assert data.subtitle.endswith(data.screen_subtitle[2:])
