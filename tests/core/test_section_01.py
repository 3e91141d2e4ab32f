"""Section 01 (darts): the correction process closes in, the friend's words follow the
miss's direction and size, and the advice for the neuron follows the gradient's sign."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.darts import (
    A_BIT_HIGH,
    A_BIT_LEFT,
    A_BIT_LOW,
    A_BIT_RIGHT,
    ALMOST,
    FAR,
    NEAR,
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
    # The shown throws tell a story: a big miss, smaller ones, then a (near) hit.
    shown = data.darts.throws[: data.throws_shown]
    assert shown[-1].feedback in (ALMOST, ON_TARGET)
    assert any(A_BIT_LEFT in t.feedback or A_BIT_HIGH in t.feedback for t in shown)
    assert any(t.feedback == ALMOST for t in shown)
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
def test_feedback_follows_the_direction_and_size_of_the_miss(seed: int) -> None:
    session = throw_darts(40, seed=seed)
    tolerance = session.tolerance
    for throw in session.throws:
        dx, dy = throw.error
        if throw.distance <= tolerance:
            assert throw.feedback == ON_TARGET
        elif throw.distance <= NEAR:
            assert throw.feedback == ALMOST
        else:
            assert throw.horizontal in (TOO_LEFT, A_BIT_LEFT) if dx < -tolerance else throw.horizontal not in (TOO_LEFT, A_BIT_LEFT)
            assert throw.horizontal in (TOO_RIGHT, A_BIT_RIGHT) if dx > tolerance else throw.horizontal not in (TOO_RIGHT, A_BIT_RIGHT)
            assert throw.vertical in (TOO_HIGH, A_BIT_HIGH) if dy > tolerance else throw.vertical not in (TOO_HIGH, A_BIT_HIGH)
            assert throw.vertical in (TOO_LOW, A_BIT_LOW) if dy < -tolerance else throw.vertical not in (TOO_LOW, A_BIT_LOW)
            # "too far" only for a big miss on that axis, "a bit" only for a small one.
            assert (throw.horizontal in (TOO_LEFT, TOO_RIGHT)) == (abs(dx) > FAR)
            assert (throw.vertical in (TOO_HIGH, TOO_LOW)) == (abs(dy) > FAR)
            assert throw.feedback not in (ALMOST, ON_TARGET)
        # The correction moves the aim against the miss, in proportion to it.
        assert np.allclose(throw.correction, -session.correction * np.asarray(throw.error))


def test_sessions_are_reproducible() -> None:
    assert throw_darts(20).throws == throw_darts(20).throws
    assert throw_darts(20, seed=1).throws != throw_darts(20, seed=2).throws


@pytest.mark.parametrize("kwargs", [{"count": 0}, {"correction": 0.0}, {"correction": 1.5}, {"noise": -1.0}])
def test_bad_settings_are_refused(kwargs) -> None:
    with pytest.raises(DartsError):
        throw_darts(**kwargs)


def _data(name: str):
    return section_data(1, DEFAULT_PRESET if name == "default" else load_preset(PRESETS_DIR / f"{name}.toml"))


def test_advice_for_the_guide_example() -> None:
    data = _data("default")
    assert data.advice.miss == "too low"
    assert data.advice.words == "too low: increase w"
    assert "increase w" in data.advice.sentence
    for value in (data.x, data.w, data.b, data.y):
        assert fmt(value) in data.advice.sentence


def test_advice_when_the_relu_is_dead() -> None:
    data = _data("dead-relu")
    assert data.walk.dL_dw == 0.0
    assert "can\u2019t help" in data.advice.words
    assert "switched off" in data.advice.sentence
    assert "increase" not in data.advice.sentence


def test_advice_when_the_prediction_overshoots() -> None:
    data = _data("overshoot")
    assert data.walk.dL_dw > 0
    assert data.advice.words == "too high: decrease w"


@pytest.mark.parametrize("name", ["default", "dead-relu", "overshoot"])
def test_nothing_is_said_before_it_is_taught(name: str) -> None:
    data = _data(name)
    words = [data.advice.words, data.advice.sentence, data.lead_label, data.how_label, data.conclusion_label]
    words += list(data.analogy_labels) + [term for pair in data.mapping for term in pair]
    text = " ".join(words).lower()
    for early in ("loss", "gradient", "\u2202", "descent"):
        assert early not in text


def test_sentences_are_the_guides() -> None:
    data = section_data(1, DEFAULT_PRESET)
    assert data.heading == "How Do Neural Networks Learn?"
    assert data.conclusion == "Backpropagation is the friend telling the network how to adjust."
    assert any("blindfolded" in sentence for sentence in data.analogy)


@pytest.mark.parametrize("name", ["default", "dead-relu", "overshoot"])
def test_advice_is_two_short_captions_naming_y_hat(name: str) -> None:
    data = _data(name)
    assert data.advice.sentence == f"{data.advice.numbers} {data.advice.verdict}"
    assert f"\u0177 = {fmt(data.walk.y_hat)}" in data.advice.verdict
    assert max(len(data.advice.numbers), len(data.advice.verdict)) <= 75
