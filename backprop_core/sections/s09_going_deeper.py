"""Data for section 09 (Going Deeper): every number that scene shows.

Three pictures, three sets of numbers:

* a deep network fed the worked example's ``x`` and target ``y``: what each layer
  outputs on the way forward and how large each layer's weight gradient is on the
  way back;
* the computation graph the autograd engine builds for the running example,
  ŷ = ReLU(w·x + b) and L = (y − ŷ)², after ``backward()`` (so ∂L/∂w is the
  walkthrough's);
* the multiply-adds of a matrix product, counted, to show how many independent
  pieces of work a GPU can do at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..autograd import Graph, Value
from ..diagnostics import multiply_add_counts
from ..guide import GuideSection, section
from ..network import Network
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough

#: Widths of the deep network, input to output: one input (x), one output (ŷ).
DEEP_SIZES: tuple[int, ...] = (1, 4, 4, 4, 4, 4, 1)
DEEP_SEED = 9
#: Spread of the starting biases: non-zero so that every layer carries signal even when x = 0.
DEEP_BIAS_SCALE = 0.3
#: The matrix product drawn cell by cell: (rows × inner) @ (inner × cols).
MATMUL_SHAPE: tuple[int, int, int] = (4, 4, 4)
#: A layer of a large model, for "millions of gradients": batch × fan_in × fan_out.
LARGE_LAYER_SHAPE: tuple[int, int, int] = (32, 4096, 4096)


@dataclass(frozen=True)
class DeepLayer:
    """One layer of the deep network as the scene draws it (layer 0 is nearest the input)."""

    index: int
    fan_in: int
    fan_out: int
    activation: str
    outputs: tuple[float, ...]
    deltas: tuple[float, ...]
    weight_grad_norm: float
    weights: tuple[tuple[float, ...], ...]
    weight_grads: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class DeepNetworkPass:
    """The example pushed through a deep network and the loss pushed back."""

    sizes: tuple[int, ...]
    x: float
    y: float
    y_hat: float
    loss: float
    layers: tuple[DeepLayer, ...]
    parameter_count: int

    @property
    def depth(self) -> int:
        return len(self.layers)

    @property
    def gradient_norms(self) -> tuple[float, ...]:
        """‖∂L/∂W‖ of each layer, input side first."""
        return tuple(layer.weight_grad_norm for layer in self.layers)


@dataclass(frozen=True)
class MatmulCount:
    """How much work one matrix product (rows × inner) @ (inner × cols) is:
    ``rows × cols`` independent dot products, ``multiply_adds`` in all (counted by
    :func:`backprop_core.diagnostics.multiply_add_counts` as one dense layer's forward pass)."""

    rows: int
    inner: int
    cols: int
    multiply_adds: int

    @property
    def outputs(self) -> int:
        """Independent results: each can be computed at the same time as every other."""
        return self.rows * self.cols

    @classmethod
    def of(cls, rows: int, inner: int, cols: int) -> "MatmulCount":
        counts = multiply_add_counts((inner, cols), rows)
        return cls(rows, inner, cols, counts.forward)


@dataclass(frozen=True)
class GoingDeeperData:
    guide: GuideSection
    walk: Walkthrough
    deep: DeepNetworkPass
    neuron_graph: Graph
    graph_output: float
    matmul: MatmulCount
    matmul_left: tuple[tuple[int, ...], ...]
    matmul_right: tuple[tuple[int, ...], ...]
    matmul_result: tuple[tuple[int, ...], ...]
    large_layer: MatmulCount
    deep_forward_multiply_adds: int
    deep_backward_multiply_adds: int


def _float_rows(matrix: np.ndarray) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(float(v) for v in row) for row in matrix)


def deep_network() -> Network:
    """The seeded deep tanh network the scene draws (biases non-zero, see :data:`DEEP_BIAS_SCALE`)."""
    net = Network.create(DEEP_SIZES, activation="tanh", output_activation="identity", init="xavier", seed=DEEP_SEED)
    rng = np.random.default_rng(DEEP_SEED + 1)
    parameters = [p if p.ndim == 2 else rng.normal(0.0, DEEP_BIAS_SCALE, p.shape) for p in net.parameters()]
    return net.with_parameters(parameters)


def deep_pass(preset: Preset) -> DeepNetworkPass:
    """Forward the example's x through :func:`deep_network`, back-propagate (ŷ − y)²."""
    net = deep_network()
    inputs = np.array([[preset.x]])
    targets = np.array([[preset.y]])
    forward = net.forward(inputs)
    loss, grads = net.loss_and_gradients(inputs, targets, "mse")
    layers = tuple(
        DeepLayer(
            index=i,
            fan_in=layer.fan_in,
            fan_out=layer.fan_out,
            activation=layer.activation,
            outputs=tuple(float(v) for v in cache.output[0]),
            deltas=tuple(float(v) for v in delta[0]),
            weight_grad_norm=norm,
            weights=_float_rows(layer.weights),
            weight_grads=_float_rows(weight_grad),
        )
        for i, (layer, cache, delta, norm, weight_grad) in enumerate(
            zip(net.layers, forward.caches, grads.preactivations, grads.weight_norms(), grads.weights)
        )
    )
    return DeepNetworkPass(
        sizes=net.sizes,
        x=preset.x,
        y=preset.y,
        y_hat=float(forward.output[0, 0]),
        loss=float(loss),
        layers=layers,
        parameter_count=net.parameter_count,
    )


def neuron_graph(preset: Preset) -> tuple[Graph, float]:
    """The running neuron, ŷ = ReLU(w·x + b), L = (y − ŷ)², through the autograd engine, after
    ``L.backward()``. Returns the graph and L."""
    x = Value(preset.x, label="x")
    w = Value(preset.w, label="w")
    b = Value(preset.b, label="b")
    y = Value(preset.y, label="y")
    wx = (w * x).named("w·x")
    z = (wx + b).named("z")
    y_hat = z.relu().named("ŷ")
    error = (y - y_hat).named("y − ŷ")
    loss = (error**2).named("L")
    loss.backward()
    return loss.graph(), loss.data


def _int_rows(matrix: np.ndarray) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(int(v) for v in row) for row in matrix)


def matmul_example(shape: tuple[int, int, int] = MATMUL_SHAPE) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """Small seeded integer matrices A, B and their product, for the cell-by-cell picture
    (integers, so every entry prints short)."""
    rows, inner, cols = shape
    rng = np.random.default_rng(DEEP_SEED)
    left = rng.integers(-3, 4, size=(rows, inner))
    right = rng.integers(-3, 4, size=(inner, cols))
    return _int_rows(left), _int_rows(right), _int_rows(left @ right)


def build(preset: Preset) -> GoingDeeperData:
    graph, output = neuron_graph(preset)
    left, right, result = matmul_example()
    # Training never needs the gradient with respect to the data itself.
    deep_counts = multiply_add_counts(DEEP_SIZES, 1, first_input_gradient=False)
    return GoingDeeperData(
        guide=section(9),
        walk=walkthrough(preset),
        deep=deep_pass(preset),
        neuron_graph=graph,
        graph_output=output,
        matmul=MatmulCount.of(*MATMUL_SHAPE),
        matmul_left=left,
        matmul_right=right,
        matmul_result=result,
        large_layer=MatmulCount.of(*LARGE_LAYER_SHAPE),
        deep_forward_multiply_adds=deep_counts.forward,
        deep_backward_multiply_adds=deep_counts.backward,
    )
