"""Why deep networks are hard to train, in numbers: gradient norms per layer and cost.

* :func:`gradient_norm_profile` measures the weight-gradient norm of every layer
  of a deep dense network on one random batch.  :func:`vanishing_comparison`
  contrasts sigmoid + Xavier (norms shrink by orders of magnitude toward the
  input) with ReLU + He (they stay within about one order);
  :func:`exploding_comparison` shows tanh with naive N(0, 1) weights (norms grow
  toward the input) before and after global-norm clipping.
* :func:`multiply_add_counts` counts the multiply-adds of the forward and
  backward pass of a dense network for a batch.

Layers are numbered 1…depth from the input side in the results, as a scene
would label them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from backprop_core.network import Network, NetworkError
from backprop_core.optim import clip_by_global_norm

#: Number of dense layers of the diagnostic networks.
DIAGNOSTIC_DEPTH = 12
#: Width of every layer of the diagnostic networks (their single output aside).
DIAGNOSTIC_WIDTH = 32
#: Examples in the random batch the gradients are measured on.
DIAGNOSTIC_BATCH = 64
#: Standard deviation of the naive N(0, σ²) weights of the exploding case.
EXPLODING_WEIGHT_SCALE = 1.0
#: Global-norm cap used by :func:`exploding_comparison`.
CLIP_MAX_NORM = 1.0


@dataclass(frozen=True)
class GradientNormProfile:
    """Per-layer gradient norms of one network on one batch.

    ``layers`` = (1, …, depth), input side first; ``norms[i]`` is the Frobenius
    norm of ∂L/∂W of layer ``layers[i]``; ``input_grad_norms[i]`` the norm of the
    gradient reaching that layer's input.  ``total_norm`` is the global norm of
    all weight and bias gradients; ``clipped_to`` is the cap applied by global-norm
    clipping (``None`` if unclipped, in which case nothing was scaled).
    """

    layers: tuple[int, ...]
    norms: tuple[float, ...]
    input_grad_norms: tuple[float, ...]
    total_norm: float
    activation: str
    init: str
    weight_scale: float
    clipped_to: float | None = None

    @property
    def first_to_last_ratio(self) -> float:
        """``norms[0] / norms[-1]``: below 1 the gradient shrinks toward the input, above 1 it grows."""
        return self.norms[0] / self.norms[-1]

    @property
    def orders_of_magnitude(self) -> float:
        """``log10`` of :attr:`first_to_last_ratio` (e.g. −6.6: six and a half orders smaller at the input)."""
        return math.log10(self.first_to_last_ratio)

    @property
    def spread_orders(self) -> float:
        """``log10(max(norms) / min(norms))``: how many orders of magnitude the layers span."""
        return math.log10(max(self.norms) / min(self.norms))


def gradient_norm_profile(
    activation: str,
    init: str,
    *,
    depth: int = DIAGNOSTIC_DEPTH,
    width: int = DIAGNOSTIC_WIDTH,
    batch: int = DIAGNOSTIC_BATCH,
    weight_scale: float = 1.0,
    seed: int = 0,
    max_norm: float | None = None,
) -> GradientNormProfile:
    """Return the per-layer gradient norms of a fresh network.

    The network has ``depth`` dense layers (``width`` → … → ``width`` → 1) with
    ``activation`` in the hidden layers, a linear output, weights from ``init``
    and ``weight_scale`` (see :meth:`Network.create`), measured with the MSE
    loss on a batch of standard-normal inputs and targets drawn from ``seed``.
    With ``max_norm`` the gradients are first clipped by global norm.
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 2:
        raise NetworkError(f"depth must be an integer >= 2, got {depth!r}")
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise NetworkError(f"batch must be a positive integer, got {batch!r}")
    sizes = [width] * depth + [1]
    net = Network.create(sizes, activation=activation, output_activation="identity", init=init, seed=seed, weight_scale=weight_scale)
    rng = np.random.default_rng([seed, 1])
    inputs = rng.normal(size=(batch, width))
    targets = rng.normal(size=(batch, 1))
    _, grads = net.loss_and_gradients(inputs, targets, "mse")
    flat = grads.as_list()
    input_grad_norms = tuple(float(np.linalg.norm(g)) for g in grads.inputs)
    total = grads.global_norm()
    if max_norm is not None:
        flat, total = clip_by_global_norm(flat, max_norm)
        # Clipping scales every gradient by one factor, including those reaching the inputs.
        factor = min(1.0, max_norm / total)
        input_grad_norms = tuple(n * factor for n in input_grad_norms)
        total = min(total, max_norm)
    norms = tuple(float(np.linalg.norm(w)) for w in flat[0::2])
    return GradientNormProfile(
        layers=tuple(range(1, depth + 1)),
        norms=norms,
        input_grad_norms=input_grad_norms,
        total_norm=float(total),
        activation=activation,
        init=init,
        weight_scale=float(weight_scale),
        clipped_to=None if max_norm is None else float(max_norm),
    )


@dataclass(frozen=True)
class VanishingComparison:
    """Two equally deep networks: ``sigmoid`` (sigmoid + Xavier) and ``relu`` (ReLU + He)."""

    sigmoid: GradientNormProfile
    relu: GradientNormProfile


def vanishing_comparison(seed: int = 0) -> VanishingComparison:
    """Return the sigmoid/Xavier and ReLU/He profiles of :data:`DIAGNOSTIC_DEPTH`-layer networks.

    Each sigmoid layer multiplies the backward signal by at most σ' ≤ 0.25, so
    the first layers' gradients end up many orders of magnitude below the last;
    ReLU with He init keeps the signal's scale.
    """
    return VanishingComparison(
        sigmoid=gradient_norm_profile("sigmoid", "xavier", seed=seed),
        relu=gradient_norm_profile("relu", "he", seed=seed),
    )


@dataclass(frozen=True)
class ExplodingComparison:
    """The badly initialised network's profile ``unclipped`` and ``clipped`` (global norm capped at ``max_norm``)."""

    unclipped: GradientNormProfile
    clipped: GradientNormProfile
    max_norm: float


def exploding_comparison(seed: int = 0, max_norm: float = CLIP_MAX_NORM) -> ExplodingComparison:
    """Return tanh with N(0, :data:`EXPLODING_WEIGHT_SCALE`²) weights, before and after clipping.

    Weights that large make each layer amplify the backward signal, so the
    gradient grows toward the input. Clipping rescales all gradients by one
    factor so that their global norm is ``max_norm``: the size is capped, the
    direction (and so the layers' ratios) is kept.
    """
    def profile(cap: float | None) -> GradientNormProfile:
        return gradient_norm_profile("tanh", "normal", weight_scale=EXPLODING_WEIGHT_SCALE, seed=seed, max_norm=cap)

    return ExplodingComparison(unclipped=profile(None), clipped=profile(max_norm), max_norm=float(max_norm))


@dataclass(frozen=True)
class OperationCounts:
    """Multiply-adds of one forward and one backward pass of a dense network.

    For a layer with ``n_in`` inputs, ``n_out`` units and batch ``B``:
    forward ``Z = X·W`` costs ``B·n_in·n_out``; backward computes
    ``∂L/∂W = Xᵀ·δ`` (``B·n_in·n_out``) and ``∂L/∂X = δ·Wᵀ`` (``B·n_in·n_out``),
    hence backward ≈ 2 × forward.  Bias additions and activations are
    elementwise and not counted.  All per-layer tuples are input side first.
    """

    sizes: tuple[int, ...]
    batch_size: int
    forward_per_layer: tuple[int, ...]
    weight_grad_per_layer: tuple[int, ...]
    input_grad_per_layer: tuple[int, ...]

    @property
    def forward(self) -> int:
        """Total multiply-adds of the forward pass."""
        return sum(self.forward_per_layer)

    @property
    def backward(self) -> int:
        """Total multiply-adds of the backward pass (weight and input gradients)."""
        return sum(self.weight_grad_per_layer) + sum(self.input_grad_per_layer)

    @property
    def total(self) -> int:
        """Forward plus backward multiply-adds: one training step's matrix work."""
        return self.forward + self.backward

    @property
    def backward_to_forward(self) -> float:
        """``backward / forward`` (exactly 2 when the first layer's input gradient is counted)."""
        return self.backward / self.forward


def multiply_add_counts(sizes: Sequence[int], batch_size: int, *, first_input_gradient: bool = True) -> OperationCounts:
    """Return the multiply-add counts of a dense network with layer widths ``sizes`` for ``batch_size`` examples.

    ``first_input_gradient=False`` leaves out ∂L/∂X of the first layer, which
    training does not need (the data is not learned), making backward slightly
    less than 2 × forward.
    """
    sizes = tuple(sizes)
    if len(sizes) < 2 or any(isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1 for s in sizes):
        raise NetworkError(f"sizes must be at least two positive integers, got {sizes}")
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise NetworkError(f"batch_size must be a positive integer, got {batch_size!r}")
    per_layer = tuple(int(batch_size) * int(n_in) * int(n_out) for n_in, n_out in zip(sizes, sizes[1:]))
    input_grads = per_layer if first_input_gradient else (0,) + per_layer[1:]
    return OperationCounts(tuple(int(s) for s in sizes), int(batch_size), per_layer, per_layer, input_grads)
