"""A weight drawn as an edge: neutral colour, magnitude as width and opacity, sign as dashing.

Solid and dashed edges have the same number of points (a solid edge is its dashes
laid end to end), so an edge whose weight changes sign during an animation opens
its gaps smoothly instead of being swapped for another mobject.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import VMobject

from .theme import THEME, Theme, is_dashed, value_to_color, value_to_opacity, value_to_width

#: Share of each dash period that is drawn on a dashed edge.
DASH_RATIO = 0.55
#: Length of one dash period, in manim units.
DASH_PERIOD = 0.3


class WeightEdge(VMobject):
    """A straight edge from ``start`` to ``end`` that shows a weight (or a gradient, with ``role``).

    :meth:`set_weight` styles it: the ``role`` colour (default the neutral
    ``weight``) at a brightness, stroke width and opacity that grow with
    ``|value| / max_abs``, dashed when ``value`` is negative. ``.value`` and
    ``.dashed`` say what it shows now. Without a value it is a thin faint line.
    """

    def __init__(
        self,
        start: np.ndarray,
        end: np.ndarray,
        value: float | None = None,
        max_abs: float = 1.0,
        *,
        role: str = "weight",
        theme: Theme = THEME,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.theme = theme
        start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
        length = float(np.linalg.norm(end - start))
        self.dash_count = max(3, int(round(length / DASH_PERIOD)))
        self.value: float | None = None
        self.dashed = False
        self.points = self._pattern(start, end, dashed=False)
        if value is None:
            self.set_stroke(theme.colors.faint, width=theme.strokes.thin, opacity=1.0)
        else:
            self.set_weight(value, max_abs, role=role)

    def _pattern(self, start: np.ndarray, end: np.ndarray, dashed: bool) -> np.ndarray:
        count = self.dash_count
        if dashed:
            # count dashes and count - 1 gaps fill [0, 1]: the edge still ends at both neurons.
            dash = 1.0 / (count + (count - 1) * (1 - DASH_RATIO) / DASH_RATIO)
            gap = dash * (1 - DASH_RATIO) / DASH_RATIO
        else:
            dash, gap = 1.0 / count, 0.0
        points = []
        for index in range(count):
            a = index * (dash + gap)
            b = a + dash
            p0, p1 = start + (end - start) * a, start + (end - start) * b
            points += [p0, p0 + (p1 - p0) / 3, p0 + 2 * (p1 - p0) / 3, p1]
        return np.array(points)

    def get_start(self) -> np.ndarray:
        return np.array(self.points[0])

    def get_end(self) -> np.ndarray:
        return np.array(self.points[-1])

    def set_weight(self, value: float, max_abs: float, *, role: str = "weight") -> "WeightEdge":
        """Show ``value``: colour of ``role`` by magnitude, width and opacity by magnitude, dashed if negative."""
        self.value = float(value)
        self.dashed = is_dashed(value)
        self.points = self._pattern(self.get_start(), self.get_end(), self.dashed)
        self.set_stroke(
            value_to_color(value, max_abs, self.theme, role=role),
            width=value_to_width(value, max_abs, self.theme),
            opacity=value_to_opacity(value, max_abs),
        )
        return self


__all__ = ["DASH_PERIOD", "DASH_RATIO", "WeightEdge"]
