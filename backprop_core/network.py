"""A small vectorised dense network in numpy, with an explicit backward pass.

Conventions used everywhere in this module:

* A batch ``X`` has shape ``(batch, features)``; one row per example.
* A :class:`Dense` layer computes ``Z = X @ W + b`` and then ``A = f(Z)``;
  ``W`` has shape ``(fan_in, fan_out)`` and ``b`` shape ``(fan_out,)``.
* Layers are numbered from the input side: layer 0 is the first layer.
* Losses are means over the batch, so a loss value does not depend on the
  batch size.  ``"mse"`` is the mean over all elements of ``(Ŷ − Y)²``;
  ``"cross_entropy"`` treats the network output as logits, applies a softmax
  and takes ``−Σ y log p`` averaged over the batch; ``"binary_cross_entropy"``
  treats each output as a logit of a sigmoid.

Networks are immutable: training produces new networks through
:meth:`Network.with_parameters`, so a snapshot kept by a scene never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

#: Activation names accepted by :class:`Dense` and :meth:`Network.create`.
ACTIVATIONS: tuple[str, ...] = ("relu", "sigmoid", "tanh", "identity")
#: Loss names accepted by :meth:`Network.loss_and_gradients`.
LOSSES: tuple[str, ...] = ("mse", "cross_entropy", "binary_cross_entropy")
#: Weight initialisations accepted by :meth:`Network.create`.
#: ``"he"``: N(0, 2/fan_in), for ReLU.  ``"xavier"``: Glorot normal, N(0, 2/(fan_in+fan_out)).
#: ``"normal"``: N(0, weight_scale²), a deliberately naive choice for the diagnostics.
INITS: tuple[str, ...] = ("he", "xavier", "normal")


class NetworkError(ValueError):
    """A network, batch or target that cannot be used; the message says what was expected."""


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # The tanh form never overflows, unlike 1 / (1 + exp(-z)) for large negative z.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _activate(name: str, z: np.ndarray) -> np.ndarray:
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "sigmoid":
        return _sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
    return z.copy()


def _activation_derivative(name: str, z: np.ndarray, a: np.ndarray) -> np.ndarray:
    if name == "relu":
        return (z > 0.0).astype(z.dtype)
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    return np.ones_like(z)


def activate(name: str, z: np.ndarray) -> np.ndarray:
    """Return ``f(z)`` elementwise for the activation called ``name`` (see :data:`ACTIVATIONS`)."""
    _check_activation(name)
    return _activate(name, np.asarray(z, dtype=float))


def activation_derivative(name: str, z: np.ndarray) -> np.ndarray:
    """Return ``f'(z)`` elementwise (ReLU's derivative at exactly 0 is taken as 0)."""
    _check_activation(name)
    z = np.asarray(z, dtype=float)
    return _activation_derivative(name, z, _activate(name, z))


def _check_activation(name: str) -> None:
    if name not in ACTIVATIONS:
        raise NetworkError(f"unknown activation {name!r}; expected one of {', '.join(ACTIVATIONS)}")


def _read_only(array: np.ndarray) -> np.ndarray:
    array = np.array(array, dtype=float, copy=True)
    array.setflags(write=False)
    return array


def _freeze(array: np.ndarray) -> np.ndarray:
    # For arrays this module has just created and shares with no one: no copy needed.
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Dense:
    """One fully connected layer: ``A = activation(X @ weights + bias)``.

    ``weights`` has shape ``(fan_in, fan_out)``, ``bias`` shape ``(fan_out,)``;
    both are stored as read-only copies.
    """

    weights: np.ndarray
    bias: np.ndarray
    activation: str

    def __post_init__(self) -> None:
        weights = np.asarray(self.weights, dtype=float)
        bias = np.asarray(self.bias, dtype=float)
        if weights.ndim != 2:
            raise NetworkError(f"weights must be a 2-D (fan_in, fan_out) array, got shape {weights.shape}")
        if bias.shape != (weights.shape[1],):
            raise NetworkError(f"bias must have shape ({weights.shape[1]},) to match weights {weights.shape}, got {bias.shape}")
        if not (np.all(np.isfinite(weights)) and np.all(np.isfinite(bias))):
            raise NetworkError("weights and bias must be finite")
        _check_activation(self.activation)
        object.__setattr__(self, "weights", _read_only(weights))
        object.__setattr__(self, "bias", _read_only(bias))

    @property
    def fan_in(self) -> int:
        """Number of inputs of the layer."""
        return int(self.weights.shape[0])

    @property
    def fan_out(self) -> int:
        """Number of units (outputs) of the layer."""
        return int(self.weights.shape[1])


@dataclass(frozen=True)
class LayerCache:
    """What one layer saw and produced in a forward pass (all read-only arrays).

    ``inputs``: the layer's input ``A_prev`` (batch, fan_in); ``preactivation``:
    ``Z = A_prev @ W + b``; ``output``: ``A = f(Z)`` (batch, fan_out).
    """

    inputs: np.ndarray
    preactivation: np.ndarray
    output: np.ndarray


@dataclass(frozen=True)
class ForwardResult:
    """The result of :meth:`Network.forward`: the final ``output`` (batch, n_out)
    and one :class:`LayerCache` per layer, input side first."""

    output: np.ndarray
    caches: tuple[LayerCache, ...]


@dataclass(frozen=True)
class Gradients:
    """Gradients of a scalar loss with respect to everything in the network.

    All tuples have one entry per layer, input side first:

    * ``weights[i]`` = ∂L/∂W_i (same shape as W_i), ``biases[i]`` = ∂L/∂b_i;
    * ``inputs[i]`` = ∂L/∂A_{i−1}, the gradient reaching layer i's input
      (``inputs[0]`` is ∂L/∂X);
    * ``preactivations[i]`` = ∂L/∂Z_i, the "delta" of layer i.
    """

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    inputs: tuple[np.ndarray, ...]
    preactivations: tuple[np.ndarray, ...]

    def as_list(self) -> list[np.ndarray]:
        """Return ``[dW_0, db_0, dW_1, db_1, ...]``, in the order of :meth:`Network.parameters`."""
        flat: list[np.ndarray] = []
        for dw, db in zip(self.weights, self.biases):
            flat.extend((dw, db))
        return flat

    def weight_norms(self) -> tuple[float, ...]:
        """Return the Frobenius norm of each layer's weight gradient, input side first."""
        return tuple(float(np.linalg.norm(dw)) for dw in self.weights)

    def global_norm(self) -> float:
        """Return the L2 norm of all weight and bias gradients taken together."""
        return float(np.sqrt(sum(float(np.sum(g * g)) for g in self.as_list())))


def _loss_value_and_gradient(loss: str, output: np.ndarray, targets: np.ndarray) -> tuple[float, np.ndarray]:
    """Return (loss, ∂loss/∂output) for a batch; targets already validated."""
    batch = output.shape[0]
    if loss == "mse":
        diff = output - targets
        return float(np.mean(diff * diff)), 2.0 * diff / diff.size
    if loss == "cross_entropy":
        shifted = output - np.max(output, axis=1, keepdims=True)
        log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        value = -float(np.sum(targets * log_probs)) / batch
        return value, (np.exp(log_probs) - targets) / batch
    # Binary cross-entropy on logits: log(1 + e^z) − y z, written to avoid overflow.
    softplus = np.logaddexp(0.0, output)
    value = float(np.sum(softplus - targets * output)) / batch
    return value, (_sigmoid(output) - targets) / batch


@dataclass(frozen=True)
class Network:
    """An immutable stack of :class:`Dense` layers.

    Build one with :meth:`create` (random, seeded) or :meth:`from_arrays`
    (explicit weights).  :meth:`forward` returns the output and caches,
    :meth:`loss_and_gradients` the loss and every gradient, and
    :meth:`with_parameters` a new network with updated parameters.
    """

    layers: tuple[Dense, ...]

    def __post_init__(self) -> None:
        layers = tuple(self.layers)
        if not layers:
            raise NetworkError("a network needs at least one layer")
        for i, (before, after) in enumerate(zip(layers, layers[1:])):
            if before.fan_out != after.fan_in:
                raise NetworkError(f"layer {i} has {before.fan_out} outputs but layer {i + 1} expects {after.fan_in} inputs")
        object.__setattr__(self, "layers", layers)

    @classmethod
    def create(
        cls,
        sizes: Sequence[int],
        activation: str = "relu",
        output_activation: str = "identity",
        init: str = "he",
        seed: int = 0,
        weight_scale: float = 1.0,
    ) -> "Network":
        """Return a randomly initialised network with layer widths ``sizes``.

        ``sizes = [2, 8, 8, 1]`` gives three layers (2→8, 8→8, 8→1). Hidden
        layers use ``activation``, the last layer ``output_activation``. Weights
        are drawn from ``numpy.random.default_rng(seed)`` with ``init`` (see
        :data:`INITS`; ``weight_scale`` is the standard deviation for
        ``"normal"`` and a multiplier for the others); biases start at zero.
        """
        sizes = list(sizes)
        if len(sizes) < 2:
            raise NetworkError(f"sizes needs at least an input and an output width, got {sizes}")
        for size in sizes:
            if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
                raise NetworkError(f"every layer width must be a positive integer, got {sizes}")
        _check_activation(activation)
        _check_activation(output_activation)
        if init not in INITS:
            raise NetworkError(f"unknown init {init!r}; expected one of {', '.join(INITS)}")
        if not np.isfinite(weight_scale) or weight_scale <= 0:
            raise NetworkError(f"weight_scale must be a positive finite number, got {weight_scale}")
        rng = np.random.default_rng(seed)
        layers = []
        for i, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:])):
            if init == "he":
                std = weight_scale * np.sqrt(2.0 / fan_in)
            elif init == "xavier":
                std = weight_scale * np.sqrt(2.0 / (fan_in + fan_out))
            else:
                std = weight_scale
            weights = rng.normal(0.0, std, size=(fan_in, fan_out))
            is_last = i == len(sizes) - 2
            layers.append(Dense(weights, np.zeros(fan_out), output_activation if is_last else activation))
        return cls(tuple(layers))

    @classmethod
    def from_arrays(
        cls,
        weights: Sequence[np.ndarray],
        biases: Sequence[np.ndarray],
        activations: Sequence[str],
    ) -> "Network":
        """Return a network with the given per-layer weights, biases and activation names."""
        if not (len(weights) == len(biases) == len(activations)):
            raise NetworkError(
                f"need one weight matrix, bias and activation per layer, got {len(weights)}, {len(biases)}, {len(activations)}"
            )
        return cls(tuple(Dense(w, b, a) for w, b, a in zip(weights, biases, activations)))

    @property
    def sizes(self) -> tuple[int, ...]:
        """Layer widths from input to output, e.g. ``(2, 8, 8, 1)``."""
        return (self.layers[0].fan_in,) + tuple(layer.fan_out for layer in self.layers)

    @property
    def parameter_count(self) -> int:
        """Total number of weights and biases."""
        return sum(layer.weights.size + layer.bias.size for layer in self.layers)

    def parameters(self) -> list[np.ndarray]:
        """Return ``[W_0, b_0, W_1, b_1, ...]`` (read-only arrays), the order optimisers use."""
        flat: list[np.ndarray] = []
        for layer in self.layers:
            flat.extend((layer.weights, layer.bias))
        return flat

    def with_parameters(self, parameters: Sequence[np.ndarray]) -> "Network":
        """Return a new network with the same activations and ``parameters``
        given in the order of :meth:`parameters`."""
        parameters = list(parameters)
        if len(parameters) != 2 * len(self.layers):
            raise NetworkError(f"expected {2 * len(self.layers)} parameter arrays, got {len(parameters)}")
        layers = []
        for layer, weights, bias in zip(self.layers, parameters[0::2], parameters[1::2]):
            if np.shape(weights) != layer.weights.shape or np.shape(bias) != layer.bias.shape:
                raise NetworkError(
                    f"parameter shapes {np.shape(weights)}, {np.shape(bias)} do not match layer shapes "
                    f"{layer.weights.shape}, {layer.bias.shape}"
                )
            layers.append(Dense(weights, bias, layer.activation))
        return Network(tuple(layers))

    def _check_inputs(self, inputs: np.ndarray) -> np.ndarray:
        inputs = np.asarray(inputs, dtype=float)
        n_in = self.layers[0].fan_in
        if inputs.ndim != 2 or inputs.shape[1] != n_in:
            raise NetworkError(f"inputs must have shape (batch, {n_in}), got {inputs.shape}")
        if inputs.shape[0] == 0:
            raise NetworkError("inputs must hold at least one example")
        if not np.all(np.isfinite(inputs)):
            raise NetworkError("inputs must be finite")
        return inputs

    def forward(self, inputs: np.ndarray) -> ForwardResult:
        """Run a batch ``(batch, n_in)`` through the network; return the output
        ``(batch, n_out)`` and a :class:`LayerCache` per layer."""
        activation = _read_only(self._check_inputs(inputs))
        caches = []
        for layer in self.layers:
            z = activation @ layer.weights + layer.bias
            out = _freeze(_activate(layer.activation, z))
            caches.append(LayerCache(activation, _freeze(z), out))
            activation = out
        return ForwardResult(caches[-1].output, tuple(caches))

    def predict(self, inputs: np.ndarray) -> np.ndarray:
        """Return the network output for a batch ``(batch, n_in)`` as a ``(batch, n_out)`` array."""
        activation = self._check_inputs(inputs)
        for layer in self.layers:
            activation = _activate(layer.activation, activation @ layer.weights + layer.bias)
        return activation

    def _check_targets(self, loss: str, targets: np.ndarray, batch: int) -> np.ndarray:
        n_out = self.layers[-1].fan_out
        targets = np.asarray(targets)
        if loss == "cross_entropy" and targets.ndim == 1:
            if not np.issubdtype(targets.dtype, np.integer):
                raise NetworkError("class labels for cross_entropy must be integers (or give one-hot rows)")
            if targets.shape[0] != batch:
                raise NetworkError(f"expected {batch} labels, got {targets.shape[0]}")
            if targets.size and (targets.min() < 0 or targets.max() >= n_out):
                raise NetworkError(f"class labels must lie in [0, {n_out - 1}]")
            return np.eye(n_out)[targets]
        targets = targets.astype(float)
        if targets.shape != (batch, n_out):
            raise NetworkError(f"targets must have shape ({batch}, {n_out}), got {targets.shape}")
        if not np.all(np.isfinite(targets)):
            raise NetworkError("targets must be finite")
        return targets

    def loss(self, inputs: np.ndarray, targets: np.ndarray, loss: str = "mse") -> float:
        """Return the mean loss of the batch (see the module docstring for each loss)."""
        if loss not in LOSSES:
            raise NetworkError(f"unknown loss {loss!r}; expected one of {', '.join(LOSSES)}")
        output = self.predict(inputs)
        value, _ = _loss_value_and_gradient(loss, output, self._check_targets(loss, targets, output.shape[0]))
        return value

    def loss_and_gradients(self, inputs: np.ndarray, targets: np.ndarray, loss: str = "mse") -> tuple[float, Gradients]:
        """Return ``(loss, gradients)`` for a batch.

        ``targets`` is ``(batch, n_out)``; for ``"cross_entropy"`` it may also
        be integer class labels of shape ``(batch,)``.
        """
        if loss not in LOSSES:
            raise NetworkError(f"unknown loss {loss!r}; expected one of {', '.join(LOSSES)}")
        result = self.forward(inputs)
        targets = self._check_targets(loss, targets, result.output.shape[0])
        value, upstream = _loss_value_and_gradient(loss, result.output, targets)
        return value, self.backward(result, upstream)

    def backward(self, forward: ForwardResult, output_gradient: np.ndarray) -> Gradients:
        """Backpropagate ``output_gradient`` (∂L/∂output, shape of the output)
        through the layers recorded in ``forward``; return every gradient."""
        upstream = np.asarray(output_gradient, dtype=float)
        if upstream.shape != forward.output.shape:
            raise NetworkError(f"output gradient must have shape {forward.output.shape}, got {upstream.shape}")
        weights, biases, inputs, deltas = [], [], [], []
        for layer, cache in zip(reversed(self.layers), reversed(forward.caches)):
            delta = upstream * _activation_derivative(layer.activation, cache.preactivation, cache.output)
            weights.append(_freeze(cache.inputs.T @ delta))
            biases.append(_freeze(delta.sum(axis=0)))
            upstream = delta @ layer.weights.T
            inputs.append(_freeze(upstream))
            deltas.append(_freeze(delta))
        return Gradients(tuple(reversed(weights)), tuple(reversed(biases)), tuple(reversed(inputs)), tuple(reversed(deltas)))

