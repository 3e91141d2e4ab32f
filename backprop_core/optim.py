"""Gradient-descent optimisers and gradient clipping, on lists of numpy arrays.

Every optimiser has ``step(params, grads) -> new_params``: it takes the current
parameters and their gradients (two equally long lists of arrays with matching
shapes) and returns *new* arrays, leaving its inputs untouched. The optimiser
object keeps its own running state (velocity, averages, step count) between
calls; make a fresh one (or call :meth:`Optimiser.reset`) for a fresh run.

Update rules, with gradient ``g``, learning rate ``lr`` and step count ``t``:

* SGD: ``p ← p − lr·g``
* Momentum (heavy ball): ``v ← μ·v + g``; ``p ← p − lr·v``
* RMSprop: ``s ← ρ·s + (1−ρ)·g²``; ``p ← p − lr·g / (√s + ε)``
* Adam: ``m ← β₁·m + (1−β₁)·g``; ``s ← β₂·s + (1−β₂)·g²``;
  ``p ← p − lr·m̂ / (√ŝ + ε)`` with ``m̂ = m/(1−β₁ᵗ)``, ``ŝ = s/(1−β₂ᵗ)``
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

#: Names accepted by :func:`make_optimiser`.
OPTIMISER_NAMES: tuple[str, ...] = ("sgd", "momentum", "rmsprop", "adam")


class OptimiserError(ValueError):
    """A bad hyperparameter or mismatched parameters and gradients."""


def _check_positive(name: str, value: float) -> None:
    if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
        raise OptimiserError(f"{name} must be a positive finite number, got {value!r}")


def _check_unit_interval(name: str, value: float) -> None:
    if not (isinstance(value, (int, float)) and 0 <= value < 1):
        raise OptimiserError(f"{name} must lie in [0, 1), got {value!r}")


def _as_arrays(params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    params = [np.asarray(p, dtype=float) for p in params]
    grads = [np.asarray(g, dtype=float) for g in grads]
    if len(params) != len(grads):
        raise OptimiserError(f"got {len(params)} parameter arrays but {len(grads)} gradient arrays")
    for i, (p, g) in enumerate(zip(params, grads)):
        if p.shape != g.shape:
            raise OptimiserError(f"parameter {i} has shape {p.shape} but its gradient has shape {g.shape}")
    return params, grads


@dataclass
class Optimiser:
    """Base class: holds the learning rate and the running state of one run."""

    lr: float
    _state: list[list[np.ndarray]] = field(default_factory=list, init=False, repr=False)
    _steps: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        _check_positive("lr", self.lr)

    @property
    def name(self) -> str:
        """The name :func:`make_optimiser` knows this optimiser by."""
        raise NotImplementedError

    @property
    def steps_taken(self) -> int:
        """How many times :meth:`step` has been called since creation or :meth:`reset`."""
        return self._steps

    def reset(self) -> None:
        """Forget all running state, as if newly created."""
        self._state = []
        self._steps = 0

    def step(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Return the parameters after one update (new arrays; inputs are not modified)."""
        params, grads = _as_arrays(params, grads)
        if self._state and [s.shape for s in self._state[0]] != [p.shape for p in params]:
            raise OptimiserError("parameter shapes changed between steps; call reset() for a new model")
        self._steps += 1
        return self._update(params, grads)

    def _update(self, params: list[np.ndarray], grads: list[np.ndarray]) -> list[np.ndarray]:
        raise NotImplementedError

    def _buffers(self, count: int, params: list[np.ndarray]) -> list[list[np.ndarray]]:
        if not self._state:
            self._state = [[np.zeros_like(p) for p in params] for _ in range(count)]
        return self._state


@dataclass
class SGD(Optimiser):
    """Plain stochastic gradient descent: ``p ← p − lr·g``."""

    lr: float = 0.01

    @property
    def name(self) -> str:
        return "sgd"

    def _update(self, params: list[np.ndarray], grads: list[np.ndarray]) -> list[np.ndarray]:
        return [p - self.lr * g for p, g in zip(params, grads)]


@dataclass
class Momentum(Optimiser):
    """SGD with (heavy-ball) momentum: ``v ← μ·v + g``, ``p ← p − lr·v``; ``momentum`` is μ."""

    lr: float = 0.01
    momentum: float = 0.9

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_unit_interval("momentum", self.momentum)

    @property
    def name(self) -> str:
        return "momentum"

    def _update(self, params: list[np.ndarray], grads: list[np.ndarray]) -> list[np.ndarray]:
        (velocity,) = self._buffers(1, params)
        for v, g in zip(velocity, grads):
            v *= self.momentum
            v += g
        return [p - self.lr * v for p, v in zip(params, velocity)]


@dataclass
class RMSprop(Optimiser):
    """RMSprop: ``s ← ρ·s + (1−ρ)·g²``, ``p ← p − lr·g/(√s + ε)``; ``decay`` is ρ, ``eps`` is ε."""

    lr: float = 0.001
    decay: float = 0.9
    eps: float = 1e-8

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_unit_interval("decay", self.decay)
        _check_positive("eps", self.eps)

    @property
    def name(self) -> str:
        return "rmsprop"

    def _update(self, params: list[np.ndarray], grads: list[np.ndarray]) -> list[np.ndarray]:
        (square_avg,) = self._buffers(1, params)
        for s, g in zip(square_avg, grads):
            s *= self.decay
            s += (1.0 - self.decay) * g * g
        return [p - self.lr * g / (np.sqrt(s) + self.eps) for p, g, s in zip(params, grads, square_avg)]


@dataclass
class Adam(Optimiser):
    """Adam with bias correction (Kingma & Ba 2015); ``beta1``, ``beta2`` are β₁, β₂, ``eps`` is ε."""

    lr: float = 0.001
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_unit_interval("beta1", self.beta1)
        _check_unit_interval("beta2", self.beta2)
        _check_positive("eps", self.eps)

    @property
    def name(self) -> str:
        return "adam"

    def _update(self, params: list[np.ndarray], grads: list[np.ndarray]) -> list[np.ndarray]:
        first, second = self._buffers(2, params)
        for m, s, g in zip(first, second, grads):
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            s *= self.beta2
            s += (1.0 - self.beta2) * g * g
        correction1 = 1.0 - self.beta1**self._steps
        correction2 = 1.0 - self.beta2**self._steps
        return [
            p - self.lr * (m / correction1) / (np.sqrt(s / correction2) + self.eps)
            for p, m, s in zip(params, first, second)
        ]


_CLASSES: dict[str, type[Optimiser]] = {"sgd": SGD, "momentum": Momentum, "rmsprop": RMSprop, "adam": Adam}


def make_optimiser(name: str, **hyper: float) -> Optimiser:
    """Return a new optimiser called ``name`` (see :data:`OPTIMISER_NAMES`) with
    hyperparameters ``hyper`` (e.g. ``lr=0.1, momentum=0.9``); unknown names or
    hyperparameters raise :class:`OptimiserError`."""
    if name not in _CLASSES:
        raise OptimiserError(f"unknown optimiser {name!r}; expected one of {', '.join(OPTIMISER_NAMES)}")
    cls = _CLASSES[name]
    allowed = [f for f in cls.__dataclass_fields__ if not f.startswith("_")]
    unknown = sorted(set(hyper) - set(allowed))
    if unknown:
        raise OptimiserError(f"{name} has no hyperparameter {', '.join(unknown)}; allowed: {', '.join(allowed)}")
    return cls(**hyper)


def global_norm(grads: Sequence[np.ndarray]) -> float:
    """Return the L2 norm of all arrays in ``grads`` taken together, √(Σ g²)."""
    return float(math.sqrt(sum(float(np.sum(np.square(np.asarray(g, dtype=float)))) for g in grads)))


def clip_by_global_norm(grads: Sequence[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    """Return ``(clipped, norm_before)``.

    If the global norm of ``grads`` exceeds ``max_norm``, every array is scaled by
    ``max_norm / norm`` (so directions are kept and the total becomes exactly
    ``max_norm``); otherwise copies of the arrays are returned unchanged.
    """
    _check_positive("max_norm", max_norm)
    grads = [np.array(g, dtype=float) for g in grads]
    norm = global_norm(grads)
    if not math.isfinite(norm):
        raise OptimiserError("cannot clip gradients that contain NaN or infinity")
    if norm > max_norm:
        scale = max_norm / norm
        grads = [g * scale for g in grads]
    return grads, norm
