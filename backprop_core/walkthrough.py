"""The guide's worked example, one neuron end to end.

ŷ = ReLU(w·x + b), L = (y − ŷ)², then one gradient-descent step on w and b.
Every number is computed through the autograd engine; :func:`closed_form` gives
the same numbers by hand-derived formulas so tests can check one against the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from .autograd import Graph, Value
from .preset import Preset

Direction = Literal["increase", "decrease", "hold"]


class ExampleInputs:
    """The example's x, w, b and y, for section data that keep the walkthrough as ``walk``."""

    walk: "Walkthrough"

    @property
    def x(self) -> float:
        return self.walk.x

    @property
    def w(self) -> float:
        return self.walk.w

    @property
    def b(self) -> float:
        return self.walk.b

    @property
    def y(self) -> float:
        return self.walk.y


@dataclass(frozen=True)
class Walkthrough:
    """Every number of the single-neuron example, forward, backward and one update."""

    preset: Preset
    z: float
    y_hat: float
    error: float
    loss: float
    dL_dyhat: float
    dyhat_dz: float
    dz_dw: float
    dz_db: float
    dL_dz: float
    dL_dw: float
    dL_db: float
    w_new: float
    b_new: float
    y_hat_new: float
    loss_new: float
    relu_active: bool
    w_direction: Direction
    b_direction: Direction
    graph: Graph

    @property
    def x(self) -> float:
        return self.preset.x

    @property
    def w(self) -> float:
        return self.preset.w

    @property
    def b(self) -> float:
        return self.preset.b

    @property
    def y(self) -> float:
        return self.preset.y

    @property
    def lr(self) -> float:
        return self.preset.lr

    @property
    def weighted_input(self) -> float:
        """w·x, the product before the bias is added."""
        return self.preset.w * self.preset.x

    @property
    def w_step(self) -> float:
        """The change applied to w: −η·∂L/∂w."""
        return self.w_new - self.preset.w


def direction_for(gradient: float) -> Direction:
    """Which way a parameter should move to reduce the loss, given its gradient."""
    if gradient < 0:
        return "increase"
    if gradient > 0:
        return "decrease"
    return "hold"


def build_graph(preset: Preset) -> tuple[dict[str, Value], Value]:
    """The example as autograd nodes: x, w, b, y, w·x, z, ŷ, y − ŷ and L (all labelled)."""
    x = Value(preset.x, label="x")
    w = Value(preset.w, label="w")
    b = Value(preset.b, label="b")
    y = Value(preset.y, label="y")
    product = (w * x).named("w·x")
    z = (product + b).named("z")
    y_hat = z.relu().named("ŷ")
    error = (y - y_hat).named("y − ŷ")
    loss = (error**2).named("L")
    nodes = {"x": x, "w": w, "b": b, "y": y, "wx": product, "z": z, "y_hat": y_hat, "error": error, "loss": loss}
    return nodes, loss


def walkthrough(preset: Preset) -> Walkthrough:
    """Run the example forward and backward through the autograd engine, then take one step."""
    nodes, loss = build_graph(preset)
    loss.backward()
    z, y_hat = nodes["z"], nodes["y_hat"]
    dyhat_dz = y_hat.local_grads[0]
    dz_dw = nodes["wx"].local_grads[0] * z.local_grads[0]
    dz_db = z.local_grads[1]
    dL_dw, dL_db = nodes["w"].grad, nodes["b"].grad
    w_new = preset.w - preset.lr * dL_dw
    b_new = preset.b - preset.lr * dL_db
    y_hat_new, loss_new, _, _ = neuron(preset.x, w_new, b_new, preset.y)
    return Walkthrough(
        preset=preset,
        z=z.data,
        y_hat=y_hat.data,
        error=nodes["error"].data,
        loss=loss.data,
        dL_dyhat=y_hat.grad,
        dyhat_dz=dyhat_dz,
        dz_dw=dz_dw,
        dz_db=dz_db,
        dL_dz=z.grad,
        dL_dw=dL_dw,
        dL_db=dL_db,
        w_new=w_new,
        b_new=b_new,
        y_hat_new=float(y_hat_new),
        loss_new=float(loss_new),
        relu_active=z.data > 0.0,
        w_direction=direction_for(dL_dw),
        b_direction=direction_for(dL_db),
        graph=loss.graph(),
    )


def neuron(x: float, w: "float | np.ndarray", b: "float | np.ndarray", y: float):
    """Closed-form forward and backward of the example, vectorised over w and b.

    Returns ``(y_hat, loss, dL_dw, dL_db)``: floats for scalar input, arrays for
    array input. Used for curves and live readouts, where building a graph per
    sample would be wasteful; tests check it against the autograd engine.
    """
    z = np.asarray(w, dtype=float) * x + np.asarray(b, dtype=float)
    active = z > 0.0
    y_hat = np.where(active, z, 0.0)
    loss = (y - y_hat) ** 2
    dL_dz = np.where(active, -2.0 * (y - y_hat), 0.0)
    results = (y_hat, loss, dL_dz * x, dL_dz)
    if np.ndim(z) == 0:
        return tuple(float(value) for value in results)
    return results


def closed_form(preset: Preset) -> dict[str, float]:
    """The example's numbers from the hand-derived formulas (an independent check)."""
    z = preset.w * preset.x + preset.b
    active = z > 0.0
    y_hat = z if active else 0.0
    dL_dyhat = -2.0 * (preset.y - y_hat)
    dyhat_dz = 1.0 if active else 0.0
    return {
        "z": z,
        "y_hat": y_hat,
        "loss": (preset.y - y_hat) ** 2,
        "dL_dyhat": dL_dyhat,
        "dyhat_dz": dyhat_dz,
        "dz_dw": preset.x,
        "dL_dw": dL_dyhat * dyhat_dz * preset.x,
        "dL_db": dL_dyhat * dyhat_dz,
        "w_new": preset.w - preset.lr * dL_dyhat * dyhat_dz * preset.x,
    }


def finite_difference_dw(preset: Preset, epsilon: float = 1e-3) -> tuple[float, float, float]:
    """Nudge w by ±ε and measure the loss: returns (L(w+ε), L(w−ε), central slope)."""
    _, loss_plus, _, _ = neuron(preset.x, preset.w + epsilon, preset.b, preset.y)
    _, loss_minus, _, _ = neuron(preset.x, preset.w - epsilon, preset.b, preset.y)
    return loss_plus, loss_minus, (loss_plus - loss_minus) / (2.0 * epsilon)
