from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, Preset, load_preset
from backprop_core.walkthrough import closed_form, direction_for, finite_difference_dw, neuron, walkthrough

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


def test_the_guide_numbers():
    walk = walkthrough(DEFAULT_PRESET)
    shown = {
        "z": "1.1",
        "y_hat": "1.1",
        "loss": "0.81",
        "dL_dyhat": "\u22121.8",
        "dyhat_dz": "1.0",
        "dz_dw": "2.0",
        "dL_dw": "\u22123.6",
        "dL_db": "\u22121.8",
        "w_new": "0.536",
    }
    for field, text in shown.items():
        assert fmt(getattr(walk, field)) == text, field
    assert walk.y_hat == pytest.approx(1.1)
    assert walk.loss == pytest.approx(0.81)
    assert walk.dL_dw == pytest.approx(-3.6)
    assert walk.w_new == pytest.approx(0.536)
    assert walk.relu_active
    assert walk.w_direction == "increase"
    assert walk.loss_new < walk.loss


def test_the_chain_multiplies_out():
    walk = walkthrough(DEFAULT_PRESET)
    assert walk.dL_dw == pytest.approx(walk.dL_dyhat * walk.dyhat_dz * walk.dz_dw)
    assert walk.dL_db == pytest.approx(walk.dL_dyhat * walk.dyhat_dz * walk.dz_db)


def test_dead_relu_blocks_the_gradient():
    walk = walkthrough(load_preset(PRESETS / "dead-relu.toml"))
    assert walk.z == pytest.approx(-0.05)
    assert not walk.relu_active
    assert walk.y_hat == 0.0 and walk.loss == 1.0
    assert walk.dyhat_dz == 0.0
    assert walk.dL_dw == 0.0 and walk.dL_db == 0.0
    assert walk.w_direction == "hold"
    assert walk.w_new == walk.w


def test_overshoot_flips_the_sign():
    walk = walkthrough(load_preset(PRESETS / "overshoot.toml"))
    assert walk.dL_dw == pytest.approx(6.0)
    assert walk.w_direction == "decrease"
    assert walk.w_new < walk.w


def test_changing_w_changes_every_number():
    walk = walkthrough(DEFAULT_PRESET.replace(w=0.8))
    assert walk.y_hat == pytest.approx(1.7)
    assert walk.loss == pytest.approx(0.09)
    assert walk.dL_dw == pytest.approx(-1.2)
    assert walk.w_new == pytest.approx(0.812)


def test_graph_has_the_labelled_nodes():
    graph = walkthrough(DEFAULT_PRESET).graph
    assert graph.node("w").grad == pytest.approx(-3.6)
    assert graph.node("b").grad == pytest.approx(-1.8)
    assert graph.node("L").data == pytest.approx(0.81)
    assert graph.node("ŷ").op == "ReLU"


def test_direction_for():
    assert [direction_for(g) for g in (-1.0, 0.0, 2.0)] == ["increase", "hold", "decrease"]


def test_neuron_vectorises():
    ws = np.linspace(-1, 1, 5)
    y_hat, loss, dw, db = neuron(2.0, ws, 0.1, 2.0)
    assert y_hat.shape == loss.shape == dw.shape == db.shape == (5,)
    for index, w in enumerate(ws):
        scalar = neuron(2.0, float(w), 0.1, 2.0)
        assert scalar == pytest.approx((y_hat[index], loss[index], dw[index], db[index]))


def test_finite_difference_agrees_with_backprop():
    _, _, slope = finite_difference_dw(DEFAULT_PRESET, 1e-4)
    assert slope == pytest.approx(walkthrough(DEFAULT_PRESET).dL_dw, rel=1e-6)


presets = st.builds(
    Preset,
    x=st.floats(-10, 10),
    w=st.floats(-10, 10),
    b=st.floats(-10, 10),
    y=st.floats(-10, 10),
    lr=st.floats(1e-4, 1.0),
)


@settings(max_examples=200, deadline=None)
@given(presets)
def test_autograd_matches_closed_form_for_every_preset(preset):
    walk = walkthrough(preset)
    for field, value in closed_form(preset).items():
        assert getattr(walk, field) == pytest.approx(value, rel=1e-12, abs=1e-12), field
    assert (walk.dL_dw, walk.dL_db) == pytest.approx(neuron(preset.x, preset.w, preset.b, preset.y)[2:], abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(presets)
def test_direction_agrees_with_the_step(preset):
    walk = walkthrough(preset)
    moved = walk.w_new - walk.w
    expected = {"increase": moved > 0, "decrease": moved < 0, "hold": moved == 0}
    assert expected[walk.w_direction] or moved == 0.0  # a tiny gradient can underflow the step


@settings(max_examples=100, deadline=None)
@given(presets)
def test_a_small_step_never_increases_the_loss(preset):
    small = preset.replace(lr=1e-4)
    walk = walkthrough(small)
    assert walk.loss_new <= walk.loss + 1e-12
