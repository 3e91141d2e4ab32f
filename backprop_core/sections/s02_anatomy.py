"""Data for section 02 (Neural Network Anatomy): the story network, the guide's
neuron inside it, and the same network after learning.

The story network is the one the cover pulses and section 02 takes apart. It is
the core's seeded init with the guide's neuron planted in it: input 0 carries
the example's x, the edge from it to hidden neuron ``FOCUS_UNIT`` carries the
preset's w, that neuron's bias is the preset's b, and its other inputs have
weight 0, so the neuron computes exactly ŷ = ReLU(w·x + b). The output is
compared with the preset's y, so the backward pass is the example's own.

"Learning = finding the right weights" is shown with plain gradient descent on a
seeded toy task (a teacher network's outputs): the edges the scene restyles are
weights that actually fitted it better.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..formatting import fmt
from ..guide import GuideSection, section
from ..network import Network
from ..preset import Preset
from ..walkthrough import ExampleInputs, Walkthrough, walkthrough

STORY_SIZES: tuple[int, ...] = (3, 4, 4, 1)
STORY_SEED = 5
#: The input that carries the example's x, and the first-layer neuron that is the guide's neuron.
FOCUS_INPUT = 0
FOCUS_UNIT = 1
TRAIN_EXAMPLES = 64
TRAIN_STEPS = 300
TRAIN_LEARNING_RATE = 0.05
#: The teacher network's seed offset: one far enough from the story network that learning visibly moves the weights.
TEACHER_OFFSET = 301
#: The legend's "weak" sample: the positive weight nearest this share of the strongest.
WEAK_FRACTION = 0.3

INTRO = "A network is layers of interconnected neurons, each with adjustable weights."
WEIGHT_SENTENCE = "Each line is a weight \u2014 a number that controls signal strength."
LEARNING_SENTENCE = "Learning = finding the right weights."
LAYER_NAMES: tuple[str, ...] = ("Input", "Hidden", "Hidden", "Output")

#: Short on-screen labels: the key claim of each beat.
LAYERS_LABEL = "interconnected neurons, adjustable weights"
WEIGHT_LABEL = "each line is a weight"
STRONG_LABEL = "strong"
WEAK_LABEL = "weak"
NEGATIVE_LABEL = "negative"
NEURON_LABEL = "one neuron: x, w, b \u2192 \u0177"
LEARNING_LABEL = "Learning = finding the right weights"


@dataclass(frozen=True)
class StoryNetwork:
    """The story network with one forward and one backward pass of the example recorded.

    ``activations[k]`` are layer k's unit values for ``example`` (layer 0 is the
    input), ``weights[m]`` the matrix from layer m to m + 1, ``weight_gradients[m]``
    its ∂L/∂W for the squared error against ``target``. ``activation_levels`` and
    ``gradient_levels`` are those magnitudes scaled to [0, 1] per pass, for brightness.
    """

    sizes: tuple[int, ...]
    seed: int
    network: Network
    focus_input: int
    focus_unit: int
    example: np.ndarray
    target: np.ndarray
    activations: tuple[np.ndarray, ...]
    weights: tuple[np.ndarray, ...]
    weight_gradients: tuple[np.ndarray, ...]
    loss: float
    activation_levels: tuple[np.ndarray, ...]
    gradient_levels: tuple[np.ndarray, ...]

    @property
    def max_abs_weight(self) -> float:
        return float(max(np.max(np.abs(w)) for w in self.weights))

    @property
    def focus_weight(self) -> float:
        """The weight on the edge into the guide's neuron (the preset's w)."""
        return float(self.weights[0][self.focus_input, self.focus_unit])

    @property
    def focus_bias(self) -> float:
        return float(self.network.layers[0].bias[self.focus_unit])

    @property
    def focus_output(self) -> float:
        """What the guide's neuron outputs inside the network: ReLU(w·x + b)."""
        return float(self.activations[1][self.focus_unit])


def _scaled(arrays: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    top = max(float(np.max(np.abs(a))) for a in arrays)
    if top == 0.0:
        return tuple(np.zeros_like(a) for a in arrays)
    return tuple(np.abs(a) / top for a in arrays)


def _planted(preset: Preset, sizes: tuple[int, ...], seed: int) -> Network:
    """The seeded init with the guide's neuron planted at (FOCUS_INPUT → FOCUS_UNIT)."""
    network = Network.create(list(sizes), activation="relu", init="he", seed=seed)
    parameters = [np.array(p, dtype=float) for p in network.parameters()]
    first_weights, first_bias = parameters[0], parameters[1]
    first_weights[:, FOCUS_UNIT] = 0.0
    first_weights[FOCUS_INPUT, FOCUS_UNIT] = preset.w
    first_bias[FOCUS_UNIT] = preset.b
    return network.with_parameters(parameters)


def story_network(preset: Preset, sizes: tuple[int, ...] = STORY_SIZES, seed: int = STORY_SEED) -> StoryNetwork:
    """The story network for ``preset``, with the example pushed forward and its error pushed back."""
    network = _planted(preset, sizes, seed)
    others = np.random.default_rng(seed + 1).normal(size=sizes[0]).round(1)
    example = others.copy()
    example[FOCUS_INPUT] = preset.x
    target = np.full(sizes[-1], preset.y, dtype=float)
    inputs, targets = example[None, :], target[None, :]
    result = network.forward(inputs)
    loss, gradients = network.loss_and_gradients(inputs, targets)
    activations = [example] + [cache.output[0] for cache in result.caches]
    return StoryNetwork(
        sizes=tuple(sizes),
        seed=seed,
        network=network,
        focus_input=FOCUS_INPUT,
        focus_unit=FOCUS_UNIT,
        example=example,
        target=target,
        activations=tuple(np.array(a) for a in activations),
        weights=tuple(layer.weights for layer in network.layers),
        weight_gradients=tuple(gradients.weights),
        loss=loss,
        activation_levels=_scaled(activations),
        gradient_levels=_scaled(list(gradients.weights)),
    )


def _train(network: Network, seed: int) -> tuple[Network, float, float]:
    """Plain gradient descent on a teacher network's outputs; returns (trained, error before, error after)."""
    rng = np.random.default_rng(seed + 200)
    teacher = Network.create(list(network.sizes), activation="relu", init="he", seed=seed + TEACHER_OFFSET)
    inputs = rng.normal(size=(TRAIN_EXAMPLES, network.sizes[0]))
    targets = teacher.predict(inputs)
    loss_before = network.loss(inputs, targets)
    for _ in range(TRAIN_STEPS):
        _, gradients = network.loss_and_gradients(inputs, targets)
        network = network.with_parameters(
            [p - TRAIN_LEARNING_RATE * g for p, g in zip(network.parameters(), gradients.as_list())]
        )
    return network, loss_before, network.loss(inputs, targets)


def _extreme_edge(weights: tuple[np.ndarray, ...], pick, positive: bool = False) -> tuple[int, int, int]:
    """(matrix, row, column) of the weight ``pick`` selects by magnitude among the non-zero
    ones (the positive ones only when ``positive`` and there are any)."""
    if positive and not any(np.any(w > 0) for w in weights):
        positive = False
    best: tuple[float, tuple[int, int, int]] | None = None
    for m, matrix in enumerate(weights):
        for (i, j), value in np.ndenumerate(matrix):
            if value == 0.0 or (positive and value < 0.0):
                continue
            candidate = (abs(float(value)), (m, int(i), int(j)))
            if best is None or pick(candidate[0], best[0]):
                best = candidate
    assert best is not None
    return best[1]


def _typical_weak_edge(weights: tuple[np.ndarray, ...], fraction: float = WEAK_FRACTION) -> tuple[int, int, int]:
    """(matrix, row, column) of the positive weight nearest ``fraction`` of the strongest one: weak,
    but still visible (the very weakest edge is close to invisible)."""
    m, i, j = _extreme_edge(weights, lambda a, b: a > b, positive=True)
    aim = fraction * abs(float(weights[m][i, j]))
    best: tuple[float, tuple[int, int, int]] | None = None
    for k, matrix in enumerate(weights):
        for (r, c), value in np.ndenumerate(matrix):
            if value <= 0.0:
                continue
            candidate = (abs(float(value) - aim), (k, int(r), int(c)))
            if best is None or candidate[0] < best[0]:
                best = candidate
    return best[1] if best is not None else (m, i, j)


def _most_negative_edge(weights: tuple[np.ndarray, ...]) -> tuple[int, int, int] | None:
    """(matrix, row, column) of the most negative weight, or None when no weight is negative."""
    m = int(np.argmin([float(np.min(w)) for w in weights]))
    if float(np.min(weights[m])) >= 0.0:
        return None
    i, j = np.unravel_index(int(np.argmin(weights[m])), weights[m].shape)
    return m, int(i), int(j)


@dataclass(frozen=True)
class AnatomyData(ExampleInputs):
    guide: GuideSection
    walk: Walkthrough
    heading: str
    intro: str
    weight_sentence: str
    learning_sentence: str
    neuron_sentence: str
    layers_label: str
    weight_label: str
    strong_label: str
    weak_label: str
    negative_label: str
    neuron_label: str
    learning_label: str
    layer_names: tuple[str, ...]
    story: StoryNetwork
    #: The legend's samples: the strongest positive weight, a weak one (about 30 % of it), and the most negative one.
    strongest_edge: tuple[int, int, int]
    weakest_edge: tuple[int, int, int]
    negative_edge: tuple[int, int, int] | None
    trained_weights: tuple[np.ndarray, ...]
    train_steps: int
    loss_before: float
    loss_after: float
    max_abs_weight: float

    @property
    def focus_trained_weights(self) -> tuple[np.ndarray, ...]:
        """The trained weights, with the guide's edge at the example's own next value w_new
        (the number the scene shows ticking on that edge)."""
        weights = [np.array(w, dtype=float) for w in self.trained_weights]
        weights[0][self.story.focus_input, self.story.focus_unit] = self.walk.w_new
        return tuple(weights)

    @property
    def y_hat(self) -> float:
        return self.walk.y_hat

    @property
    def w_new(self) -> float:
        return self.walk.w_new

    @property
    def sizes(self) -> tuple[int, ...]:
        return self.story.sizes

    @property
    def weights(self) -> tuple[np.ndarray, ...]:
        return self.story.weights



def _neuron_sentence(walk: Walkthrough) -> str:
    return (
        f"Zoom into one neuron: x = {fmt(walk.x)} times w = {fmt(walk.w)}, "
        f"plus b = {fmt(walk.b)}; the activation gives \u0177."
    )


def _trained(story: StoryNetwork) -> tuple[tuple[np.ndarray, ...], float, float]:
    trained, loss_before, loss_after = _train(story.network, story.seed)
    return tuple(layer.weights for layer in trained.layers), loss_before, loss_after


def weight_scale(preset: Preset) -> float:
    """The largest |weight| the story network shows, before or after learning: full edge thickness.

    Section 01 draws the guide's neuron with the same scale, so w looks the same there.
    """
    story = story_network(preset)
    trained_weights, _, _ = _trained(story)
    return float(max(np.max(np.abs(w)) for w in story.weights + trained_weights))


def build(preset: Preset) -> AnatomyData:
    guide = section(2)
    walk = walkthrough(preset)
    story = story_network(preset)
    trained_weights, loss_before, loss_after = _trained(story)
    return AnatomyData(
        guide=guide,
        walk=walk,
        heading=guide.heading,
        intro=INTRO,
        weight_sentence=WEIGHT_SENTENCE,
        learning_sentence=LEARNING_SENTENCE,
        neuron_sentence=_neuron_sentence(walk),
        layers_label=LAYERS_LABEL,
        weight_label=WEIGHT_LABEL,
        strong_label=STRONG_LABEL,
        weak_label=WEAK_LABEL,
        negative_label=NEGATIVE_LABEL,
        neuron_label=NEURON_LABEL,
        learning_label=LEARNING_LABEL,
        layer_names=LAYER_NAMES,
        story=story,
        strongest_edge=_extreme_edge(story.weights, lambda a, b: a > b, positive=True),
        weakest_edge=_typical_weak_edge(story.weights),
        negative_edge=_most_negative_edge(story.weights),
        trained_weights=trained_weights,
        train_steps=TRAIN_STEPS,
        loss_before=loss_before,
        loss_after=loss_after,
        max_abs_weight=float(max(np.max(np.abs(w)) for w in story.weights + trained_weights)),
    )
