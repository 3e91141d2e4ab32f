"""Data for section 02 (Neural Network Anatomy): a real layered network, one of
its neurons taken apart, and the same network after learning.

The network comes from the core's seeded init (:meth:`Network.create`). Init
starts biases at zero; a small seeded bias is added so the zoomed neuron's
"+ b" shows a real term. "Learning = finding the right weights" is shown with
plain gradient descent on a seeded toy task (a teacher network's outputs), so
the edges the scene recolours are weights that actually lowered a loss.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..guide import GuideSection, section
from ..network import Network
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough

ANATOMY_SIZES: tuple[int, ...] = (3, 5, 5, 2)
ANATOMY_SEED = 2
BIAS_SCALE = 0.3
TRAIN_EXAMPLES = 64
TRAIN_STEPS = 150
TRAIN_LEARNING_RATE = 0.1

INTRO = "A network is layers of interconnected neurons, each with adjustable weights."
WEIGHT_SENTENCE = "Each line is a weight \u2014 a number that controls signal strength."
LEARNING_SENTENCE = "Learning = finding the right weights."
LAYER_NAMES: tuple[str, ...] = ("Input", "Hidden", "Hidden", "Output")


@dataclass(frozen=True)
class ZoomedNeuron:
    """One hidden neuron for one example: a = ReLU(Σ wᵢ·xᵢ + b).

    ``layer`` counts layers of units from the input (1 = first hidden layer),
    ``unit`` is the neuron's index within it.
    """

    layer: int
    unit: int
    inputs: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    products: tuple[float, ...]
    weighted_sum: float
    activation: float
    activation_name: str

    @property
    def active(self) -> bool:
        return self.weighted_sum > 0.0


@dataclass(frozen=True)
class AnatomyData:
    guide: GuideSection
    walk: Walkthrough
    heading: str
    intro: str
    weight_sentence: str
    learning_sentence: str
    layer_names: tuple[str, ...]
    sizes: tuple[int, ...]
    network: Network
    weights: tuple[np.ndarray, ...]
    weight_count: int
    parameter_count: int
    highlighted_edge: tuple[int, int, int]
    highlighted_weight: float
    zoom: ZoomedNeuron
    trained_weights: tuple[np.ndarray, ...]
    train_steps: int
    loss_before: float
    loss_after: float
    max_abs_weight: float


def _network(sizes: tuple[int, ...], seed: int) -> Network:
    network = Network.create(list(sizes), activation="relu", init="he", seed=seed)
    rng = np.random.default_rng(seed + 100)
    parameters = [p + rng.normal(0.0, BIAS_SCALE, p.shape) if p.ndim == 1 else p for p in network.parameters()]
    return network.with_parameters(parameters)


def _zoomed_neuron(network: Network, example: np.ndarray) -> ZoomedNeuron:
    first = network.layers[0]
    sums = example @ first.weights + first.bias
    # The most strongly firing neuron, so the activation step has something to pass on.
    unit = int(np.argmax(sums))
    weights = first.weights[:, unit]
    products = example * weights
    weighted_sum = float(np.sum(products) + first.bias[unit])
    return ZoomedNeuron(
        layer=1,
        unit=unit,
        inputs=tuple(float(v) for v in example),
        weights=tuple(float(v) for v in weights),
        bias=float(first.bias[unit]),
        products=tuple(float(v) for v in products),
        weighted_sum=weighted_sum,
        activation=max(weighted_sum, 0.0),
        activation_name="ReLU",
    )


def _train(network: Network, seed: int) -> tuple[Network, float, float]:
    """Plain gradient descent on a teacher network's outputs; returns (trained, loss before, loss after)."""
    rng = np.random.default_rng(seed + 200)
    teacher = Network.create(list(network.sizes), activation="relu", init="he", seed=seed + 300)
    inputs = rng.normal(size=(TRAIN_EXAMPLES, network.sizes[0]))
    targets = teacher.predict(inputs)
    loss_before = network.loss(inputs, targets)
    for _ in range(TRAIN_STEPS):
        _, gradients = network.loss_and_gradients(inputs, targets)
        network = network.with_parameters(
            [p - TRAIN_LEARNING_RATE * g for p, g in zip(network.parameters(), gradients.as_list())]
        )
    return network, loss_before, network.loss(inputs, targets)


def _highlighted_edge(weights: tuple[np.ndarray, ...]) -> tuple[int, int, int]:
    """(matrix, row, column) of the strongest weight in the first matrix: the edge the scene labels."""
    row, column = np.unravel_index(int(np.argmax(np.abs(weights[0]))), weights[0].shape)
    return 0, int(row), int(column)


def build(preset: Preset) -> AnatomyData:
    guide = section(2)
    network = _network(ANATOMY_SIZES, ANATOMY_SEED)
    example = np.random.default_rng(ANATOMY_SEED + 1).normal(size=ANATOMY_SIZES[0]).round(1)
    trained, loss_before, loss_after = _train(network, ANATOMY_SEED)
    weights = tuple(layer.weights for layer in network.layers)
    trained_weights = tuple(layer.weights for layer in trained.layers)
    edge = _highlighted_edge(weights)
    return AnatomyData(
        guide=guide,
        walk=walkthrough(preset),
        heading=guide.heading,
        intro=INTRO,
        weight_sentence=WEIGHT_SENTENCE,
        learning_sentence=LEARNING_SENTENCE,
        layer_names=LAYER_NAMES,
        sizes=ANATOMY_SIZES,
        network=network,
        weights=weights,
        weight_count=int(sum(w.size for w in weights)),
        parameter_count=network.parameter_count,
        highlighted_edge=edge,
        highlighted_weight=float(weights[edge[0]][edge[1], edge[2]]),
        zoom=_zoomed_neuron(network, example),
        trained_weights=trained_weights,
        train_steps=TRAIN_STEPS,
        loss_before=loss_before,
        loss_after=loss_after,
        max_abs_weight=float(max(np.max(np.abs(w)) for w in weights + trained_weights)),
    )
