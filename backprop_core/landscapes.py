"""Loss landscapes with analytic gradients, and optimiser paths across them.

Three 2-D surfaces, each with its value, exact gradient and critical points:

* :class:`Bowl` — an elongated quadratic ``½(a·x² + b·y²)``; one minimum at (0, 0).
* :class:`Saddle` — ``½x² − ½y² + y⁴/(4c²)``: a saddle point at (0, 0) whose
  ridge is the x-axis, between two valleys (minima) at (0, ±c).
* :class:`TwoMinima` — a tilted double well ``(x² − 1)² + t·x + k·y²``: a global
  minimum near x ≈ −1.06, a shallower local one near x ≈ +0.93, both at y = 0,
  separated by a barrier (a saddle point) near x ≈ 0.13 (values for t = 0.5).

:func:`trajectory` runs an optimiser from :mod:`backprop_core.optim` on a
landscape, and the ``*_RACE`` constants are the tested starts and
hyperparameters that tell each scene's story (see :class:`OptimiserRace`).

The single-neuron helpers at the end describe the guide's one-weight example,
``L(w) = (y − ReLU(w·x + b))²``, for the gradient-descent section.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

import numpy as np

from backprop_core.optim import make_optimiser
from backprop_core.walkthrough import neuron

Point = tuple[float, float]
Bounds = tuple[tuple[float, float], tuple[float, float]]


class LandscapeError(ValueError):
    """A bad landscape name, grid size, start point or step count."""


def _read_only(array: np.ndarray) -> np.ndarray:
    array = np.array(array, dtype=float, copy=True)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class CriticalPoint:
    """A point where the gradient is zero: ``kind`` is ``"global minimum"``,
    ``"local minimum"`` or ``"saddle point"``; ``value`` is the loss there."""

    point: Point
    value: float
    kind: str


@dataclass(frozen=True)
class Landscape:
    """Base of the 2-D loss surfaces. ``bounds`` is ``((x_min, x_max), (y_min, y_max))``,
    the window a contour plot of it should show."""

    @property
    def name(self) -> str:
        """Short name: ``"bowl"``, ``"saddle"`` or ``"two_minima"``."""
        raise NotImplementedError

    @property
    def bounds(self) -> Bounds:
        """The window for plots, ``((x_min, x_max), (y_min, y_max))``."""
        raise NotImplementedError

    def value(self, x: np.ndarray | float, y: np.ndarray | float) -> np.ndarray:
        """Return the loss at (x, y), elementwise for arrays."""
        raise NotImplementedError

    def gradient(self, x: np.ndarray | float, y: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
        """Return the exact gradient ``(∂L/∂x, ∂L/∂y)`` at (x, y), elementwise for arrays."""
        raise NotImplementedError

    def critical_points(self) -> tuple[CriticalPoint, ...]:
        """Return every point with zero gradient (minima and saddle points)."""
        raise NotImplementedError

    def global_minimum(self) -> CriticalPoint:
        """Return the critical point with the lowest loss."""
        minima = [p for p in self.critical_points() if p.kind == "global minimum"]
        return minima[0]

    def _critical(self, x: float, y: float, kind: str) -> CriticalPoint:
        return CriticalPoint((float(x), float(y)), float(self.value(x, y)), kind)


@dataclass(frozen=True)
class Bowl(Landscape):
    """``L = ½(a·x² + b·y²)``: an elongated bowl (b/a is its condition number)."""

    a: float = 1.0
    b: float = 10.0

    @property
    def name(self) -> str:
        return "bowl"

    @property
    def bounds(self) -> Bounds:
        return ((-3.0, 3.0), (-2.0, 2.0))

    def value(self, x: np.ndarray | float, y: np.ndarray | float) -> np.ndarray:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        return 0.5 * (self.a * x * x + self.b * y * y)

    def gradient(self, x: np.ndarray | float, y: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        return self.a * x, self.b * y

    def critical_points(self) -> tuple[CriticalPoint, ...]:
        return (self._critical(0.0, 0.0, "global minimum"),)


@dataclass(frozen=True)
class Saddle(Landscape):
    """``L = ½x² − ½y² + y⁴/(4c²)``: a saddle point at (0, 0) (a minimum along x,
    a maximum along y), and two equal minima at (0, ±c) with value −c²/4."""

    c: float = 1.5

    @property
    def name(self) -> str:
        return "saddle"

    @property
    def bounds(self) -> Bounds:
        return ((-3.0, 3.0), (-2.5, 2.5))

    def value(self, x: np.ndarray | float, y: np.ndarray | float) -> np.ndarray:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        return 0.5 * x * x - 0.5 * y * y + y**4 / (4.0 * self.c**2)

    def gradient(self, x: np.ndarray | float, y: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        return x, -y + y**3 / self.c**2

    def critical_points(self) -> tuple[CriticalPoint, ...]:
        # Both valleys are equally deep, so both are global minima.
        return (
            self._critical(0.0, self.c, "global minimum"),
            self._critical(0.0, -self.c, "global minimum"),
            self._critical(0.0, 0.0, "saddle point"),
        )


@dataclass(frozen=True)
class TwoMinima(Landscape):
    """``L = (x² − 1)² + t·x + k·y²``: a tilted double well.

    The critical points lie on y = 0 at the three real roots of
    ``4x³ − 4x + t = 0`` (for 0 < t < 8/(3√3) ≈ 1.54): the left root is the
    global minimum, the right root a local minimum, the middle one the barrier
    between them (a saddle point in 2-D).
    """

    tilt: float = 0.5
    k: float = 1.0

    def __post_init__(self) -> None:
        if not 0 < self.tilt < 8 / (3 * math.sqrt(3)):
            raise LandscapeError(f"tilt must lie in (0, {8 / (3 * math.sqrt(3)):.3f}) for two minima, got {self.tilt}")
        if self.k <= 0:
            raise LandscapeError(f"k must be positive, got {self.k}")

    @property
    def name(self) -> str:
        return "two_minima"

    @property
    def bounds(self) -> Bounds:
        return ((-2.0, 2.2), (-1.5, 1.5))

    def value(self, x: np.ndarray | float, y: np.ndarray | float) -> np.ndarray:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        return (x * x - 1.0) ** 2 + self.tilt * x + self.k * y * y

    def gradient(self, x: np.ndarray | float, y: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        return 4.0 * x * (x * x - 1.0) + self.tilt, 2.0 * self.k * y

    def critical_points(self) -> tuple[CriticalPoint, ...]:
        roots = np.sort(np.roots([4.0, 0.0, -4.0, self.tilt]).real)
        # Polish the roots with Newton steps so the gradient there is zero to machine precision.
        for _ in range(3):
            roots = roots - (4 * roots**3 - 4 * roots + self.tilt) / (12 * roots**2 - 4)
        left, middle, right = roots
        return (
            self._critical(left, 0.0, "global minimum"),
            self._critical(right, 0.0, "local minimum"),
            self._critical(middle, 0.0, "saddle point"),
        )

    def local_minimum(self) -> CriticalPoint:
        """Return the shallower (right-hand) minimum."""
        return self.critical_points()[1]


#: Names accepted by :func:`landscape`.
LANDSCAPE_NAMES: tuple[str, ...] = ("bowl", "saddle", "two_minima")


def landscape(name: str) -> Landscape:
    """Return the landscape called ``name`` (see :data:`LANDSCAPE_NAMES`) with its default shape."""
    makers = {"bowl": Bowl, "saddle": Saddle, "two_minima": TwoMinima}
    if name not in makers:
        raise LandscapeError(f"unknown landscape {name!r}; expected one of {', '.join(LANDSCAPE_NAMES)}")
    return makers[name]()


@dataclass(frozen=True)
class LandscapeGrid:
    """Loss values on a regular grid, for contour plots.

    ``xs`` (n,) and ``ys`` (n,) are the sample positions; ``values[i, j]`` is the
    loss at ``(xs[j], ys[i])`` (rows follow y, columns follow x).
    """

    xs: np.ndarray
    ys: np.ndarray
    values: np.ndarray


def evaluate_grid(surface: Landscape, n: int = 60, bounds: Bounds | None = None) -> LandscapeGrid:
    """Return ``surface`` sampled on an ``n × n`` grid over ``bounds``
    (default: the landscape's own :attr:`Landscape.bounds`), edges included."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise LandscapeError(f"grid size n must be an integer >= 2, got {n!r}")
    (x_min, x_max), (y_min, y_max) = bounds if bounds is not None else surface.bounds
    if not (x_min < x_max and y_min < y_max):
        raise LandscapeError(f"bounds must be ((x_min, x_max), (y_min, y_max)) with min < max, got {bounds}")
    xs = np.linspace(x_min, x_max, n)
    ys = np.linspace(y_min, y_max, n)
    grid_x, grid_y = np.meshgrid(xs, ys)
    return LandscapeGrid(_read_only(xs), _read_only(ys), _read_only(surface.value(grid_x, grid_y)))


@dataclass(frozen=True)
class Trajectory:
    """An optimiser's path: ``points`` (steps+1, 2) from the start, and the loss
    ``losses`` (steps+1,) at each point; ``optimiser`` and ``hyper`` say what ran."""

    optimiser: str
    hyper: tuple[tuple[str, float], ...]
    points: np.ndarray
    losses: np.ndarray

    @property
    def end(self) -> Point:
        """The last point of the path."""
        return (float(self.points[-1, 0]), float(self.points[-1, 1]))

    @property
    def final_loss(self) -> float:
        """The loss at the last point."""
        return float(self.losses[-1])


def trajectory(surface: Landscape, optimiser_name: str, start: Point, steps: int, **hyper: float) -> Trajectory:
    """Return the path of ``steps`` updates of optimiser ``optimiser_name``
    (``"sgd"``, ``"momentum"``, ``"rmsprop"``, ``"adam"``; ``hyper`` as for
    :func:`backprop_core.optim.make_optimiser`) on ``surface`` from ``start``."""
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise LandscapeError(f"steps must be a non-negative integer, got {steps!r}")
    point = np.asarray(start, dtype=float)
    if point.shape != (2,) or not np.all(np.isfinite(point)):
        raise LandscapeError(f"start must be a finite (x, y) pair, got {start!r}")
    optimiser = make_optimiser(optimiser_name, **hyper)
    points = [point]
    for _ in range(steps):
        gx, gy = surface.gradient(point[0], point[1])
        (point,) = optimiser.step([point], [np.array([gx, gy])])
        points.append(point)
    path = np.array(points)
    losses = surface.value(path[:, 0], path[:, 1])
    return Trajectory(optimiser_name, tuple(sorted(hyper.items())), _read_only(path), _read_only(losses))


@dataclass(frozen=True)
class OptimiserSetting:
    """One optimiser and its hyperparameters, e.g. ``("momentum", (("lr", 0.01), ("momentum", 0.9)))``."""

    name: str
    hyper: tuple[tuple[str, float], ...]

    @property
    def kwargs(self) -> dict[str, float]:
        """The hyperparameters as keyword arguments for :func:`trajectory`."""
        return dict(self.hyper)


def _setting(name: str, **hyper: float) -> OptimiserSetting:
    return OptimiserSetting(name, tuple(hyper.items()))


@dataclass(frozen=True)
class OptimiserRace:
    """Several optimisers started from one point on one landscape for the same
    number of steps: the tested setting of a scene's story."""

    landscape_name: str
    start: Point
    steps: int
    settings: tuple[OptimiserSetting, ...]

    @property
    def surface(self) -> Landscape:
        """The landscape the race runs on."""
        return landscape(self.landscape_name)

    def run(self) -> dict[str, Trajectory]:
        """Return each optimiser's :class:`Trajectory`, keyed by optimiser name, in setting order."""
        surface = self.surface
        return {s.name: trajectory(surface, s.name, self.start, self.steps, **s.kwargs) for s in self.settings}


#: Every optimiser ends far below its start on the elongated bowl; SGD's lr
#: (lr·b = 1.5, between 1 and 2) makes it zig-zag across the narrow y direction.
BOWL_RACE = OptimiserRace(
    "bowl",
    (-2.5, 1.5),
    50,
    (
        _setting("sgd", lr=0.15),
        _setting("momentum", lr=0.02, momentum=0.9),
        _setting("rmsprop", lr=0.1),
        _setting("adam", lr=0.2),
    ),
)

#: Starting a hair off the saddle's ridge: SGD slides to the saddle point and
#: barely moves off it within the steps; momentum, RMSprop and Adam escape into
#: a valley. (Given many more steps SGD escapes too: it is slowed, not trapped.)
SADDLE_RACE = OptimiserRace(
    "saddle",
    (2.5, 0.001),
    50,
    (
        _setting("sgd", lr=0.1),
        _setting("momentum", lr=0.1, momentum=0.9),
        _setting("rmsprop", lr=0.05),
        _setting("adam", lr=0.1),
    ),
)

#: Starting on the local minimum's side: plain SGD settles in the local minimum;
#: momentum and Adam carry enough speed over the barrier to the global one.
TWO_MINIMA_RACE = OptimiserRace(
    "two_minima",
    (1.8, 1.0),
    150,
    (
        _setting("sgd", lr=0.02),
        _setting("momentum", lr=0.01, momentum=0.9),
        _setting("adam", lr=0.4),
    ),
)


#: The two-minima race with all four optimisers the guide names: plain SGD
#: settles in the local minimum; momentum and Adam carry enough speed over the
#: barrier to the global one, and so does RMSprop: with a long memory (decay
#: 0.999) its first steps divide the gradient by a still-small running size and
#: are long (about lr/√(1 − decay) ≈ 30·lr), enough to carry it over the ridge,
#: after which it settles in the global minimum.
CHALLENGES_RACE = OptimiserRace(
    "two_minima",
    (1.7, 1.0),
    120,
    (
        _setting("sgd", lr=0.02),
        _setting("momentum", lr=0.01, momentum=0.9),
        _setting("rmsprop", lr=0.07, decay=0.999),
        _setting("adam", lr=0.4),
    ),
)

#: A start a hair to the right of the two-minima barrier's ridge, above its saddle
#: point (x ≈ 0.12705): plain SGD slides down onto the saddle, where the gradient
#: all but vanishes, and is still there when the run ends (slowed, not trapped:
#: given several times the steps it rolls off). Adam's steps do not shrink with
#: the gradient, so it leaves the ridge at once for the local minimum.
SADDLE_STALL_RACE = OptimiserRace(
    "two_minima",
    (0.12706, 0.45),
    100,
    (
        _setting("sgd", lr=0.02),
        _setting("adam", lr=0.05),
    ),
)

def _check_finite(**values: float) -> None:
    for key, value in values.items():
        if not (isinstance(value, (int, float, np.floating)) and math.isfinite(value)):
            raise LandscapeError(f"{key} must be a finite number, got {value!r}")


def single_neuron_loss(w: np.ndarray | float, x: float, b: float, y: float) -> np.ndarray:
    """Return ``L(w) = (y − ReLU(w·x + b))²`` (elementwise for an array of w)."""
    return np.asarray(neuron(x, w, b, y)[1])


def single_neuron_gradient(w: np.ndarray | float, x: float, b: float, y: float) -> np.ndarray:
    """Return ``dL/dw = −2·(y − ReLU(z))·[z > 0]·x`` with ``z = w·x + b`` (0 where the ReLU is off)."""
    return np.asarray(neuron(x, w, b, y)[2])


@dataclass(frozen=True)
class LossCurve:
    """``loss[i] = L(w[i])`` sampled on an evenly spaced range of w (both read-only arrays)."""

    w: np.ndarray
    loss: np.ndarray


def single_neuron_curve(x: float, b: float, y: float, w_min: float, w_max: float, samples: int = 201) -> LossCurve:
    """Return the single-neuron loss sampled at ``samples`` evenly spaced w in [w_min, w_max]."""
    _check_finite(x=x, b=b, y=y, w_min=w_min, w_max=w_max)
    if not w_min < w_max:
        raise LandscapeError(f"w_min must be below w_max, got {w_min} and {w_max}")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 2:
        raise LandscapeError(f"samples must be an integer >= 2, got {samples!r}")
    ws = np.linspace(w_min, w_max, samples)
    return LossCurve(_read_only(ws), _read_only(single_neuron_loss(ws, x, b, y)))


def single_neuron_lr_limits(x: float) -> tuple[float, float]:
    """Return ``(overshoot_above, diverge_above)`` = ``(1/(2x²), 1/x²)``.

    While the ReLU is on, L is a parabola in w with curvature 2x², so a gradient
    step multiplies the distance to the minimum by ``1 − 2·lr·x²``: above the
    first rate steps jump past the minimum, above the second they grow.
    """
    _check_finite(x=x)
    if x == 0:
        raise LandscapeError("x must be non-zero: with x = 0 the loss does not depend on w")
    return 1.0 / (2.0 * x * x), 1.0 / (x * x)


#: Outcomes :func:`single_neuron_descent` reports, in the order it checks them.
DESCENT_OUTCOMES: tuple[str, ...] = ("dead", "diverges", "overshoots", "crawls", "converges")


@dataclass(frozen=True)
class DescentPath:
    """Gradient descent on the single-neuron loss.

    ``w``, ``loss`` and ``gradient`` have ``steps + 1`` entries (the start
    first). ``outcome`` is the first that applies of: ``"dead"`` (stopped with
    zero gradient while the loss is still above 1e-6: the ReLU switched off),
    ``"diverges"`` (final loss above the starting loss), ``"overshoots"`` (the
    gradient changed sign: a step jumped past the minimum), ``"crawls"`` (more
    than 10 % of the starting loss is left), ``"converges"``.
    """

    lr: float
    w: tuple[float, ...]
    loss: tuple[float, ...]
    gradient: tuple[float, ...]
    outcome: str


def single_neuron_descent(x: float, b: float, y: float, lr: float, w0: float, steps: int) -> DescentPath:
    """Return ``steps`` gradient-descent updates ``w ← w − lr·dL/dw`` from ``w0``."""
    _check_finite(x=x, b=b, y=y, lr=lr, w0=w0)
    if lr <= 0:
        raise LandscapeError(f"lr must be positive, got {lr}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise LandscapeError(f"steps must be a positive integer, got {steps!r}")
    ws = [float(w0)]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            ws.append(ws[-1] - lr * float(single_neuron_gradient(ws[-1], x, b, y)))
        losses = [float(single_neuron_loss(w, x, b, y)) for w in ws]
        grads = [float(single_neuron_gradient(w, x, b, y)) for w in ws]
    signs = [math.copysign(1.0, g) for g in grads if g != 0.0]
    if grads[-1] == 0.0 and losses[-1] > 1e-6:
        outcome = "dead"
    elif not math.isfinite(losses[-1]) or losses[-1] > losses[0]:
        outcome = "diverges"
    elif any(a != b_ for a, b_ in zip(signs, signs[1:])):
        outcome = "overshoots"
    elif losses[-1] > 0.1 * losses[0]:
        outcome = "crawls"
    else:
        outcome = "converges"
    return DescentPath(float(lr), tuple(ws), tuple(losses), tuple(grads), outcome)


def descent_outcomes(x: float, b: float, y: float, w0: float, steps: int, rates: Mapping[str, float]) -> dict[str, DescentPath]:
    """Return :func:`single_neuron_descent` for each labelled learning rate in ``rates``."""
    return {label: single_neuron_descent(x, b, y, lr, w0, steps) for label, lr in rates.items()}
