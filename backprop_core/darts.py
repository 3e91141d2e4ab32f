"""The dart analogy of section 01 as a seeded correction process.

A blindfolded thrower aims at the bullseye (the origin of a board of radius 1).
Each dart lands at the aim plus seeded noise; a friend calls out which way it
missed, and how badly: "too far left, too high" for a big miss, "a bit left" for a
small one, "almost!" when it nearly hit, read off the landing error; the thrower
then moves the aim against the error by a fixed fraction of it. This is gradient
descent on the squared distance, so the darts close in on the bullseye.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOO_LEFT = "too far left"
TOO_RIGHT = "too far right"
TOO_HIGH = "too high"
TOO_LOW = "too low"
A_BIT_LEFT = "a bit left"
A_BIT_RIGHT = "a bit right"
A_BIT_HIGH = "a bit high"
A_BIT_LOW = "a bit low"
ALMOST = "almost!"
ON_TARGET = "bullseye!"

#: Per axis, a miss beyond this (board units) is "too far"; a smaller one beyond the tolerance is "a bit".
FAR = 0.3
#: A landing closer than this to the bullseye (but outside it) is "almost!".
NEAR = 0.25


class DartsError(ValueError):
    """Parameters of the dart process that cannot be used."""


@dataclass(frozen=True)
class Throw:
    """One dart: where the thrower aimed, where it landed, and what the friend said.

    Coordinates are in board units (the board has radius 1, the bullseye is the
    origin, +x is right, +y is up). ``aim_next`` is the aim after the correction.
    ``horizontal`` and ``vertical`` are the friend's words per axis ("" when that
    axis needs no comment or the dart nearly hit).
    """

    index: int
    aim: tuple[float, float]
    landing: tuple[float, float]
    aim_next: tuple[float, float]
    horizontal: str
    vertical: str
    tolerance: float

    @property
    def error(self) -> tuple[float, float]:
        """Landing minus bullseye: the miss, as a vector."""
        return self.landing

    @property
    def distance(self) -> float:
        """How far from the bullseye the dart landed."""
        return float(np.hypot(*self.landing))

    @property
    def correction(self) -> tuple[float, float]:
        """How the aim moved after this throw (against the miss)."""
        return (self.aim_next[0] - self.aim[0], self.aim_next[1] - self.aim[1])

    @property
    def feedback(self) -> str:
        """The friend's words: "too far left, too high", "a bit left", "almost!" or "bullseye!"."""
        parts = [part for part in (self.horizontal, self.vertical) if part]
        if parts:
            return ", ".join(parts)
        return ALMOST if self.distance > self.tolerance else ON_TARGET


@dataclass(frozen=True)
class DartSession:
    """A run of throws with its settings; throws are in order, first throw first."""

    throws: tuple[Throw, ...]
    start_aim: tuple[float, float]
    correction: float
    noise: float
    tolerance: float
    seed: int

    @property
    def count(self) -> int:
        return len(self.throws)

    def distances(self) -> np.ndarray:
        """Distance of each landing from the bullseye, in throw order."""
        return np.array([throw.distance for throw in self.throws])

    def aim_distances(self) -> np.ndarray:
        """Distance of each throw's aim from the bullseye, in throw order."""
        return np.array([float(np.hypot(*throw.aim)) for throw in self.throws])


def _axis_words(error: float, tolerance: float, far: tuple[str, str], small: tuple[str, str]) -> str:
    """Words for one axis: ``far``/``small`` are the (negative, positive) side's words."""
    side = 0 if error < 0 else 1
    if abs(error) > FAR:
        return far[side]
    if abs(error) > tolerance:
        return small[side]
    return ""


def _words(landing: np.ndarray, tolerance: float) -> tuple[str, str]:
    """The friend's (horizontal, vertical) words for a landing; both empty for a near miss or a hit."""
    if float(np.hypot(*landing)) <= max(NEAR, tolerance):
        return "", ""
    return (
        _axis_words(float(landing[0]), tolerance, (TOO_LEFT, TOO_RIGHT), (A_BIT_LEFT, A_BIT_RIGHT)),
        _axis_words(float(landing[1]), tolerance, (TOO_LOW, TOO_HIGH), (A_BIT_LOW, A_BIT_HIGH)),
    )


def throw_darts(
    count: int = 200,
    *,
    start_aim: tuple[float, float] = (-0.62, 0.48),
    correction: float = 0.5,
    noise: float = 0.05,
    tolerance: float = 0.08,
    seed: int = 1986,
) -> DartSession:
    """Simulate ``count`` throws with aim correction.

    ``correction`` is the fraction of each miss the thrower takes back (0 < c ≤ 1),
    ``noise`` the standard deviation of the blindfolded throw, ``tolerance`` the
    miss (per axis) below which the friend stays quiet on that axis, and the
    distance within which a dart is in the bullseye.
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise DartsError(f"count must be a positive integer, got {count!r}")
    if not 0.0 < correction <= 1.0:
        raise DartsError(f"correction must lie in (0, 1], got {correction}")
    if noise < 0.0 or tolerance < 0.0:
        raise DartsError("noise and tolerance must be non-negative")
    rng = np.random.default_rng(seed)
    aim = np.array(start_aim, dtype=float)
    throws = []
    for index in range(count):
        landing = aim + rng.normal(0.0, noise, size=2)
        # The thrower only knows the miss the friend reports, so the correction uses the landing.
        aim_next = aim - correction * landing
        horizontal, vertical = _words(landing, tolerance)
        throws.append(
            Throw(
                index=index + 1,
                aim=(float(aim[0]), float(aim[1])),
                landing=(float(landing[0]), float(landing[1])),
                aim_next=(float(aim_next[0]), float(aim_next[1])),
                horizontal=horizontal,
                vertical=vertical,
                tolerance=tolerance,
            )
        )
        aim = aim_next
    return DartSession(
        throws=tuple(throws),
        start_aim=(float(start_aim[0]), float(start_aim[1])),
        correction=correction,
        noise=noise,
        tolerance=tolerance,
        seed=seed,
    )
