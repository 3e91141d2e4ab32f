"""Section 01 (darts): the correction process closes in, the friend's words follow the
error's sign, and the link to the neuron follows the gradient's sign."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.darts import (
    ON_TARGET,
    TOO_HIGH,
    TOO_LEFT,
    TOO_LOW,
    TOO_RIGHT,
    DartsError,
    throw_darts,
)
from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, load_preset
from backprop_core.sections import section_data

PRESETS_DIR = Path(__file__).resolve().parents[2] / "assets" / "presets"


def test_default_session_matches_the_guide_story() -> None:
    data = section_data(1, DEFAULT_PRESET)
    first = data.darts.throws[0]
    # The guide's friend says "too far left" and "too high": the first throw misses that way.
    assert first.horizontal == TOO_LEFT
    assert first.vertical == TOO_HIGH
    assert data.throws_total >= 100
    assert 1 <= data.throws_shown < data.throws_total
    assert data.last_miss < data.first_miss


def test_distance_shrinks_over_the_session() -> None:
    session = throw_darts(200)
    distances = session.distances()
    aims = session.aim_distances()
    assert distances[-50:].mean() < 0.25 * distances[:5].mean()
    assert aims[-1] < 0.2 * aims[0]
    # Without noise every correction moves the aim strictly closer.
    exact = throw_darts(30, noise=0.0).aim_distances()
    assert np.all(np.diff(exact) < 0)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    correction=st.floats(0.1, 0.9),
    start=st.tuples(st.floats(-0.9, 0.9), st.floats(-0.9, 0.9)),
)
def test_any_session_closes_in(seed: int, correction: float, start: tuple[float, float]) -> None:
    session = throw_darts(120, start_aim=start, correction=correction, noise=0.02, seed=seed)
    aims = session.aim_distances()
    # After the transient, the aim sits within a few noise widths of the bullseye.
    assert aims[-20:].max() < 0.2
    assert session.distances()[-20:].mean() <= max(session.distances()[0], 0.2)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_feedback_follows_the_sign_of_the_miss(seed: int) -> None:
    session = throw_darts(40, seed=seed)
    for throw in session.throws:
        dx, dy = throw.error
        assert (throw.horizontal == TOO_LEFT) == (dx < -session.tolerance)
        assert (throw.horizontal == TOO_RIGHT) == (dx > session.tolerance)
        assert (throw.vertical == TOO_HIGH) == (dy > session.tolerance)
        assert (throw.vertical == TOO_LOW) == (dy < -session.tolerance)
        if not throw.horizontal and not throw.vertical:
            assert throw.feedback == ON_TARGET
        # The correction moves the aim against the miss.
        assert np.allclose(
            np.subtract(throw.aim_next, throw.aim), -session.correction * np.asarray(throw.error)
        )


def test_sessions_are_reproducible() -> None:
    assert throw_darts(20).throws == throw_darts(20).throws
    assert throw_darts(20, seed=1).throws != throw_darts(20, seed=2).throws


@pytest.mark.parametrize("kwargs", [{"count": 0}, {"correction": 0.0}, {"correction": 1.5}, {"noise": -1.0}])
def test_bad_settings_are_refused(kwargs) -> None:
    with pytest.raises(DartsError):
        throw_darts(**kwargs)


def test_network_feedback_for_the_guide_example() -> None:
    data = section_data(1, DEFAULT_PRESET)
    assert data.network_feedback == "increase w"
    assert data.gradient_label == "\u2202L/\u2202w = \u22123.6"
    assert "\u22123.6" in data.network_feedback_caption
    assert "increase w" in data.network_feedback_caption


def test_network_feedback_when_the_relu_is_dead() -> None:
    data = section_data(1, load_preset(PRESETS_DIR / "dead-relu.toml"))
    assert data.walk.dL_dw == 0.0
    assert "hold" in data.network_feedback
    assert "ReLU is off" in data.network_feedback_caption
    assert "increase" not in data.network_feedback_caption


def test_network_feedback_when_the_prediction_overshoots() -> None:
    data = section_data(1, load_preset(PRESETS_DIR / "overshoot.toml"))
    assert data.walk.dL_dw > 0
    assert data.network_feedback == "decrease w"
    assert fmt(data.walk.dL_dw) in data.gradient_label


def test_sentences_are_the_guides() -> None:
    data = section_data(1, DEFAULT_PRESET)
    assert data.heading == "How Do Neural Networks Learn?"
    assert data.conclusion == "Backpropagation is the friend telling the network how to adjust."
    assert any("blindfolded" in sentence for sentence in data.analogy)
