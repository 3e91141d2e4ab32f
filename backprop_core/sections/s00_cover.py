"""Data for section 00 (the cover): the title, subtitle and tags, and the small
network that pulses forward then backward behind them.

The network is real: seeded He init, one seeded example pushed forward, the MSE
loss pushed back. The pulse shows the size of each layer's activations on the
way forward and of each weight's gradient on the way back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..guide import COVER_SUBTITLE, COVER_TAGS, GuideSection, section
from ..network import Network
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough

COVER_SIZES: tuple[int, ...] = (3, 4, 4, 2)
COVER_SEED = 1986


@dataclass(frozen=True)
class PulsingNetwork:
    """A small network with one forward and one backward pass recorded.

    ``activations[i]`` are the values of layer i's units for the example (layer 0
    is the input), ``weights[i]`` the matrix from layer i to layer i+1 and
    ``weight_gradients[i]`` its ∂L/∂W. ``activation_levels`` and
    ``gradient_levels`` are the same magnitudes scaled to [0, 1] per pass, so a
    picture can map them to brightness.
    """

    sizes: tuple[int, ...]
    seed: int
    network: Network
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
    def max_abs_gradient(self) -> float:
        return float(max(np.max(np.abs(g)) for g in self.weight_gradients))


def _scaled(arrays: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    top = max(float(np.max(np.abs(a))) for a in arrays)
    if top == 0.0:
        return tuple(np.zeros_like(a) for a in arrays)
    return tuple(np.abs(a) / top for a in arrays)


def pulsing_network(sizes: tuple[int, ...] = COVER_SIZES, seed: int = COVER_SEED) -> PulsingNetwork:
    """Build the seeded network and record one forward and one backward pass."""
    network = Network.create(list(sizes), activation="tanh", init="xavier", seed=seed)
    rng = np.random.default_rng(seed + 1)
    inputs = rng.normal(size=(1, sizes[0]))
    targets = rng.normal(size=(1, sizes[-1]))
    result = network.forward(inputs)
    loss, gradients = network.loss_and_gradients(inputs, targets)
    activations = [inputs[0]] + [cache.output[0] for cache in result.caches]
    weights = [layer.weights for layer in network.layers]
    return PulsingNetwork(
        sizes=tuple(sizes),
        seed=seed,
        network=network,
        activations=tuple(np.array(a) for a in activations),
        weights=tuple(weights),
        weight_gradients=tuple(gradients.weights),
        loss=loss,
        activation_levels=_scaled(activations),
        gradient_levels=_scaled(list(gradients.weights)),
    )


@dataclass(frozen=True)
class CoverData:
    guide: GuideSection
    walk: Walkthrough
    title: str
    heading: str
    subtitle: str
    tags: tuple[str, ...]
    pulse: PulsingNetwork


def build(preset: Preset) -> CoverData:
    guide = section(0)
    return CoverData(
        guide=guide,
        walk=walkthrough(preset),
        title=guide.title,
        heading=guide.heading,
        subtitle=COVER_SUBTITLE,
        tags=COVER_TAGS,
        pulse=pulsing_network(),
    )
