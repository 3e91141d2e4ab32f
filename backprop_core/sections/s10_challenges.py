"""Data for section 10 (Challenges): every number that scene shows.

Four obstacles, four measurements from the core:

1. vanishing gradients: per-layer gradient norms of a deep sigmoid network
   against the same depth with ReLU and He initialisation;
2. exploding gradients: norms of a badly initialised tanh network, before and
   after global-norm clipping;
3. local minima and saddle points: a tilted double-well loss landscape with SGD,
   momentum, RMSprop and Adam paths from one start (plus contour lines to draw
   it), and SGD and Adam from a second start just above the saddle point, where
   SGD stalls;
4. computational cost: multiply-adds of a forward and a backward pass.

None of these depend on the single-neuron preset: they describe deep networks
in general, so every preset shows the same numbers here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..diagnostics import (
    DIAGNOSTIC_BATCH,
    DIAGNOSTIC_DEPTH,
    DIAGNOSTIC_WIDTH,
    ExplodingComparison,
    GradientNormProfile,
    OperationCounts,
    VanishingComparison,
    exploding_comparison,
    multiply_add_counts,
    vanishing_comparison,
)
from ..guide import GuideSection, section
from ..landscapes import CHALLENGES_RACE, SADDLE_STALL_RACE, CriticalPoint, LandscapeGrid, Trajectory, evaluate_grid
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough

#: Samples per side of the landscape grid (heat map and contour lines).
GRID_SIZE = 72
#: Number of contour levels drawn between the lowest and highest loss of the grid.
CONTOUR_LEVELS = 12
#: The network whose cost is counted: a wider cousin of the diagnostic networks.
COST_SIZES: tuple[int, ...] = (DIAGNOSTIC_WIDTH,) * DIAGNOSTIC_DEPTH + (1,)
#: A step of the saddle start counts as stalled while it is this close to the saddle point.
SADDLE_RADIUS = 0.1


@dataclass(frozen=True)
class ContourLine:
    """The loss ``level`` traced across the landscape as line ``segments`` (k, 2, 2):
    ``segments[i] = ((x0, y0), (x1, y1))`` in landscape coordinates."""

    level: float
    segments: np.ndarray


@dataclass(frozen=True)
class OptimiserPath:
    """One optimiser's route across the landscape and where it ended."""

    name: str
    display_name: str
    points: np.ndarray
    losses: np.ndarray
    end_kind: str

    @property
    def final_loss(self) -> float:
        return float(self.losses[-1])


@dataclass(frozen=True)
class ChallengesData:
    guide: GuideSection
    walk: Walkthrough
    vanishing: VanishingComparison
    exploding: ExplodingComparison
    landscape_grid: LandscapeGrid
    landscape_bounds: tuple[tuple[float, float], tuple[float, float]]
    contours: tuple[ContourLine, ...]
    critical_points: tuple[CriticalPoint, ...]
    paths: tuple[OptimiserPath, ...]
    landscape_start: tuple[float, float]
    landscape_steps: int
    saddle_paths: tuple[OptimiserPath, ...]
    saddle_point: CriticalPoint
    saddle_start: tuple[float, float]
    saddle_steps: int
    saddle_radius: float
    saddle_stall_steps: int
    cost: OperationCounts

    @property
    def depth(self) -> int:
        return len(self.vanishing.sigmoid.layers)

    @property
    def vanishing_orders(self) -> float:
        """How many orders of magnitude smaller the sigmoid network's first-layer gradient is than its last's."""
        return -self.vanishing.sigmoid.orders_of_magnitude

    @property
    def vanishing_order(self) -> int:
        """:attr:`vanishing_orders` to the nearest whole decade (what the screen claims, no more)."""
        return round(self.vanishing_orders)

    @property
    def vanishing_per_layer(self) -> float:
        """The sigmoid network's gradient shrinks by this factor per layer back (geometric mean)."""
        return self.vanishing.sigmoid.first_to_last_ratio ** (1 / (self.depth - 1))

    @property
    def exploding_per_layer(self) -> float:
        """The badly initialised network's gradient grows by this factor per layer back (geometric mean)."""
        return self.exploding_factor ** (1 / (self.depth - 1))

    @property
    def clip_scale(self) -> float:
        """The one factor clipping multiplies every gradient by: max norm ÷ total norm."""
        return self.exploding.max_norm / self.exploding.unclipped.total_norm

    @property
    def vanishing_factor(self) -> float:
        """The sigmoid network's last-layer gradient norm divided by its first-layer one."""
        return 1.0 / self.vanishing.sigmoid.first_to_last_ratio

    @property
    def exploding_factor(self) -> float:
        """The badly initialised network's first-layer gradient norm divided by its last-layer one."""
        return self.exploding.unclipped.first_to_last_ratio

    @property
    def vanishing_decades(self) -> tuple[int, ...]:
        """The powers of ten the vanishing-gradient chart's log axis spans (both networks)."""
        return decade_range(log10_norms(self.vanishing.sigmoid) + log10_norms(self.vanishing.relu))

    @property
    def exploding_decades(self) -> tuple[int, ...]:
        """The powers of ten the exploding-gradient chart's log axis spans (before and after clipping)."""
        return decade_range(log10_norms(self.exploding.unclipped) + log10_norms(self.exploding.clipped))

    @property
    def cost_ratio(self) -> float:
        """Backward multiply-adds per forward multiply-add."""
        return self.cost.backward_to_forward


def log10_norms(profile: GradientNormProfile) -> tuple[float, ...]:
    """log₁₀ of each layer's gradient norm, for bars on a logarithmic axis."""
    return tuple(math.log10(norm) for norm in profile.norms)


def decade_range(logs: tuple[float, ...]) -> tuple[int, ...]:
    """Every whole power of ten from just below the smallest log₁₀ value to just above the largest."""
    return tuple(range(math.floor(min(logs)), math.ceil(max(logs)) + 1))


def contour_segments(grid: LandscapeGrid, level: float) -> np.ndarray:
    """Marching squares: the pieces of the curve ``loss = level`` through ``grid``, shape (k, 2, 2).

    Each grid cell whose corners straddle ``level`` contributes one segment (two for
    the ambiguous saddle cells), its ends found by linear interpolation along the
    cell's edges.
    """
    values, xs, ys = grid.values, grid.xs, grid.ys
    above = values > level
    segments: list[tuple[tuple[float, float], tuple[float, float]]] = []

    def crossing(r0: int, c0: int, r1: int, c1: int) -> tuple[float, float]:
        v0, v1 = values[r0, c0], values[r1, c1]
        t = (level - v0) / (v1 - v0)
        return (float(xs[c0] + t * (xs[c1] - xs[c0])), float(ys[r0] + t * (ys[r1] - ys[r0])))

    rows, cols = values.shape
    for r in range(rows - 1):
        for c in range(cols - 1):
            corners = (above[r, c], above[r, c + 1], above[r + 1, c + 1], above[r + 1, c])
            if all(corners) or not any(corners):
                continue
            # Edges of the cell in order: bottom, right, top, left (each between two corners).
            edges = (((r, c), (r, c + 1)), ((r, c + 1), (r + 1, c + 1)), ((r + 1, c + 1), (r + 1, c)), ((r + 1, c), (r, c)))
            points = [
                crossing(*a, *b) for (a, b), i in zip(edges, range(4)) if corners[i] != corners[(i + 1) % 4]
            ]
            if len(points) == 2:
                segments.append((points[0], points[1]))
            else:
                segments.extend(((points[0], points[1]), (points[2], points[3])))
    return np.array(segments, dtype=float).reshape(-1, 2, 2)


def _end_kind(point: tuple[float, float], critical: tuple[CriticalPoint, ...]) -> str:
    nearest = min(critical, key=lambda p: math.dist(p.point, point))
    return nearest.kind


_DISPLAY_NAMES = {"sgd": "SGD", "momentum": "SGD + momentum", "rmsprop": "RMSprop", "adam": "Adam"}


def _paths(runs: dict[str, Trajectory], critical: tuple[CriticalPoint, ...]) -> tuple[OptimiserPath, ...]:
    return tuple(
        OptimiserPath(name, _DISPLAY_NAMES[name], run.points, run.losses, _end_kind(run.end, critical))
        for name, run in runs.items()
    )


def build(preset: Preset) -> ChallengesData:
    race = CHALLENGES_RACE
    surface = race.surface
    grid = evaluate_grid(surface, GRID_SIZE)
    low, high = float(grid.values.min()), float(grid.values.max())
    # Levels spaced on a square-root scale: the interesting detail is near the bottom.
    fractions = (np.arange(1, CONTOUR_LEVELS + 1) / (CONTOUR_LEVELS + 1)) ** 2
    contours = tuple(ContourLine(float(low + f * (high - low)), contour_segments(grid, low + f * (high - low))) for f in fractions)
    critical = surface.critical_points()
    saddle = next(point for point in critical if point.kind == "saddle point")
    saddle_paths = _paths(SADDLE_STALL_RACE.run(), critical)
    stalled = np.hypot(*(saddle_paths[0].points - np.array(saddle.point)).T) < SADDLE_RADIUS
    return ChallengesData(
        guide=section(10),
        walk=walkthrough(preset),
        vanishing=vanishing_comparison(),
        exploding=exploding_comparison(),
        landscape_grid=grid,
        landscape_bounds=surface.bounds,
        contours=contours,
        critical_points=critical,
        paths=_paths(race.run(), critical),
        landscape_start=race.start,
        landscape_steps=race.steps,
        saddle_paths=saddle_paths,
        saddle_point=saddle,
        saddle_start=SADDLE_STALL_RACE.start,
        saddle_steps=SADDLE_STALL_RACE.steps,
        saddle_radius=SADDLE_RADIUS,
        saddle_stall_steps=int(stalled.sum()),
        cost=multiply_add_counts(COST_SIZES, DIAGNOSTIC_BATCH, first_input_gradient=False),
    )
