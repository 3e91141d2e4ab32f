"""Section 09 data: the deep network pass, the autograd graph of a tanh neuron, work counts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop_core.formatting import fmt
from backprop_core.preset import DEFAULT_PRESET, Preset, load_preset
from backprop_core.sections import section_data
from backprop_core.sections.s09_going_deeper import (
    DEEP_SIZES,
    build,
    deep_network,
)

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"
FD_STEP = 1e-6


def test_registered_and_titled():
    data = section_data(9, DEFAULT_PRESET)
    assert data.guide.heading == "Scaling to Deep Networks"
    assert data.guide.header == "09 / 12 \u2014 Going Deeper"


def test_graph_is_the_running_neuron():
    data = build(DEFAULT_PRESET)
    graph = data.neuron_graph
    assert graph.node("x").data == 2.0
    assert graph.node("w").data == 0.5
    assert graph.node("b").data == 0.1
    assert graph.node("y").data == 2.0
    assert graph.node("ŷ").data == pytest.approx(1.1)
    assert graph.node("L").data == pytest.approx(0.81)
    assert graph.node("L").grad == 1.0
    # backward() reproduces the walkthrough's chain rule: ∂L/∂w = −3.6.
    assert graph.node("w").grad == pytest.approx(-3.6)
    assert graph.node("w").grad == pytest.approx(data.walk.dL_dw)
    assert data.graph_output == pytest.approx(0.81)


def _closed_form_grads(preset: Preset) -> dict[str, float]:
    z = preset.w * preset.x + preset.b
    active = 1.0 if z > 0 else 0.0
    y_hat = z * active
    dy_hat = -2.0 * (preset.y - y_hat)
    dz = dy_hat * active
    return {"x": preset.w * dz, "w": preset.x * dz, "b": dz, "z": dz, "ŷ": dy_hat, "y": 2.0 * (preset.y - y_hat)}


finite = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 2))
presets = st.builds(Preset, x=finite, w=finite, b=finite, y=finite)


@settings(max_examples=25, deadline=None)
@given(presets)
def test_graph_grads_match_hand_derivatives(preset):
    graph = build(preset).neuron_graph
    for label, expected in _closed_form_grads(preset).items():
        assert graph.node(label).grad == pytest.approx(expected, abs=1e-9)


def test_graph_edges_carry_local_derivatives():
    graph = build(DEFAULT_PRESET).neuron_graph
    loss = graph.node("L")
    (edge,) = graph.edges_into(loss.index)
    assert edge.local_grad == pytest.approx(2.0 * graph.nodes[edge.source].data)
    # Every node's grad is the sum over its outgoing edges of local × downstream grad.
    for node in graph.nodes:
        outgoing = [e for e in graph.edges if e.source == node.index]
        if outgoing:
            assert node.grad == pytest.approx(sum(e.local_grad * graph.nodes[e.target].grad for e in outgoing))


def test_deep_pass_matches_finite_differences():
    data = build(DEFAULT_PRESET)
    net = deep_network()
    x, y = np.array([[DEFAULT_PRESET.x]]), np.array([[DEFAULT_PRESET.y]])
    assert data.deep.loss == pytest.approx(net.loss(x, y))
    assert data.deep.loss == pytest.approx((data.deep.y_hat - DEFAULT_PRESET.y) ** 2)
    params = net.parameters()
    for layer_index, norm in enumerate(data.deep.gradient_norms):
        weights = params[2 * layer_index]
        grad = np.zeros_like(weights)
        for idx in np.ndindex(weights.shape):
            bumped = [p.copy() for p in params]
            bumped[2 * layer_index][idx] += FD_STEP
            up = net.with_parameters(bumped).loss(x, y)
            bumped[2 * layer_index][idx] -= 2 * FD_STEP
            down = net.with_parameters(bumped).loss(x, y)
            grad[idx] = (up - down) / (2 * FD_STEP)
        assert norm == pytest.approx(float(np.linalg.norm(grad)), rel=1e-4)


def test_deep_network_shape_and_layers():
    deep = build(DEFAULT_PRESET).deep
    assert deep.sizes == DEEP_SIZES
    assert deep.depth == len(DEEP_SIZES) - 1
    for layer, (fan_in, fan_out) in zip(deep.layers, zip(DEEP_SIZES, DEEP_SIZES[1:])):
        assert (layer.fan_in, layer.fan_out) == (fan_in, fan_out)
        assert len(layer.outputs) == len(layer.deltas) == fan_out
    assert deep.layers[-1].outputs == (deep.y_hat,)


@pytest.mark.parametrize("name", ["default", "dead-relu", "overshoot"])
def test_every_layer_gets_a_gradient_for_shipped_presets(name):
    # tanh never switches off, so even the dead-ReLU example trains every layer here.
    deep = build(load_preset(PRESETS / f"{name}.toml")).deep
    assert all(norm > 0 for norm in deep.gradient_norms)


def test_presets_change_the_numbers():
    default = build(DEFAULT_PRESET)
    other = build(load_preset(PRESETS / "dead-relu.toml"))
    assert default.deep.gradient_norms != other.deep.gradient_norms
    assert default.graph_output != other.graph_output


def test_matmul_counts():
    data = build(DEFAULT_PRESET)
    rows, inner, cols = data.matmul.rows, data.matmul.inner, data.matmul.cols
    assert data.matmul.outputs == rows * cols
    assert data.matmul.multiply_adds == rows * inner * cols
    product = np.array(data.matmul_left) @ np.array(data.matmul_right)
    assert np.array_equal(product, np.array(data.matmul_result))
    assert data.large_layer.multiply_adds > 1_000_000


def test_backward_costs_about_twice_the_forward():
    data = build(DEFAULT_PRESET)
    assert data.deep_forward_multiply_adds == sum(a * b for a, b in zip(DEEP_SIZES, DEEP_SIZES[1:]))
    assert data.deep_forward_multiply_adds < data.deep_backward_multiply_adds <= 2 * data.deep_forward_multiply_adds


def test_edge_gradients_add_up_to_the_layer_norm():
    for layer in build(DEFAULT_PRESET).deep.layers:
        grads = np.array(layer.weight_grads)
        assert grads.shape == (layer.fan_in, layer.fan_out)
        assert float(np.linalg.norm(grads)) == pytest.approx(layer.weight_grad_norm)
