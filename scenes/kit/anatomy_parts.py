"""A layered network drawn from real weight matrices, with forward and backward pulses.

Used by the cover, section 02 and the summary. Edges are :class:`WeightEdge`: the
neutral weight colour, width and opacity from the size of their weight, dashed
when it is negative; a pulse lights layers in turn, forward in the forward hue
and backward in the gradient hue, with brightness from recorded magnitudes.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import (
    Animation,
    AnimationGroup,
    Circle,
    Line,
    ManimColor,
    ShowPassingFlash,
    Succession,
    VGroup,
    interpolate_color,
)

from .edges import WeightEdge
from .theme import THEME, Theme


class LayeredNetwork(VGroup):
    """Neurons in columns and one line per weight, centred on the origin.

    ``weights[m]`` has shape ``(fan_in, fan_out)`` (the core's convention).
    ``layers[k]`` is the column of neurons of layer k; ``edges[m]`` the lines of
    matrix m, and :meth:`edge` finds the line of one weight.
    """

    def __init__(
        self,
        weights: Sequence[np.ndarray],
        *,
        max_abs: float | None = None,
        width: float = 8.0,
        height: float = 4.5,
        neuron_radius: float = 0.22,
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.weight_arrays = [np.asarray(w, dtype=float) for w in weights]
        self.sizes = [self.weight_arrays[0].shape[0]] + [w.shape[1] for w in self.weight_arrays]
        self.max_abs = max_abs if max_abs is not None else max(float(np.max(np.abs(w))) for w in self.weight_arrays)
        self.neuron_radius = neuron_radius
        colors = theme.colors
        column_count = len(self.sizes)
        gap = height / max(max(self.sizes) - 1, 1)
        self.layers: list[VGroup] = []
        for k, size in enumerate(self.sizes):
            x = -width / 2 + width * k / (column_count - 1)
            column = VGroup()
            for i in range(size):
                y = (size - 1) / 2 * gap - i * gap
                neuron = Circle(radius=neuron_radius, color=colors.text, stroke_width=theme.strokes.normal)
                neuron.set_fill(colors.panel, opacity=1.0)
                neuron.move_to([x, y, 0.0])
                column.add(neuron)
            self.layers.append(column)
        self.edges: list[VGroup] = []
        for m, matrix in enumerate(self.weight_arrays):
            group = VGroup()
            for i in range(matrix.shape[0]):
                for j in range(matrix.shape[1]):
                    start = self.layers[m][i].get_center()
                    end = self.layers[m + 1][j].get_center()
                    direction = (end - start) / np.linalg.norm(end - start)
                    group.add(
                        WeightEdge(
                            start + direction * neuron_radius, end - direction * neuron_radius, matrix[i, j], self.max_abs, theme=theme
                        )
                    )
            self.edges.append(group)
        # Edges first so the neurons sit on top of them.
        self.add(*self.edges, *self.layers)

    def edge(self, matrix: int, row: int, column: int) -> WeightEdge:
        """The line of weight ``weights[matrix][row, column]``."""
        return self.edges[matrix][row * self.sizes[matrix + 1] + column]

    def neuron(self, layer: int, index: int) -> Circle:
        return self.layers[layer][index]

    def restyled_edges(self, weights: Sequence[np.ndarray]) -> list[Animation]:
        """Animations that restyle every edge to new weights (same shapes): width and
        opacity follow the magnitude, dashes open or close where the sign flips."""
        animations: list[Animation] = []
        for m, matrix in enumerate(weights):
            for i in range(matrix.shape[0]):
                for j in range(matrix.shape[1]):
                    animations.append(self.edge(m, i, j).animate.set_weight(float(matrix[i, j]), self.max_abs))
        return animations

    def _lit(self, level: float, hue: str) -> ManimColor:
        return interpolate_color(ManimColor(self.theme.colors.panel), ManimColor(hue), 0.25 + 0.75 * float(level))

    def forward_pulse(self, levels: Sequence[np.ndarray] | None = None, run_time: float = 2.4) -> Succession:
        """Light the layers input to output; ``levels[k][i]`` in [0, 1] sets neuron brightness."""
        hue = self.theme.colors.forward
        levels = levels if levels is not None else [np.ones(n) for n in self.sizes]
        steps: list[Animation] = [self._light_layer(0, levels[0], hue)]
        for m, group in enumerate(self.edges):
            flashes = [
                ShowPassingFlash(Line(line.get_start(), line.get_end()).set_stroke(hue, width=self.theme.strokes.thick), time_width=0.6)
                for line in group
            ]
            steps.append(AnimationGroup(*flashes, self._light_layer(m + 1, levels[m + 1], hue), lag_ratio=0.0))
        return Succession(*steps, run_time=run_time)

    def backward_pulse(self, gradient_levels: Sequence[np.ndarray] | None = None, run_time: float = 2.4) -> Succession:
        """Send the gradient from the output back to the input, one matrix at a time.

        ``gradient_levels[m]`` (shape of weights[m], in [0, 1]) sets each flash's width.
        """
        hue = self.theme.colors.gradient
        strokes = self.theme.strokes
        steps: list[Animation] = [self._light_layer(len(self.sizes) - 1, np.ones(self.sizes[-1]), hue)]
        for m in reversed(range(len(self.edges))):
            flashes = []
            for i in range(self.sizes[m]):
                for j in range(self.sizes[m + 1]):
                    line = self.edge(m, i, j)
                    level = 1.0 if gradient_levels is None else float(gradient_levels[m][i, j])
                    width = strokes.edge_min + level * (strokes.edge_max - strokes.edge_min)
                    reverse = Line(line.get_end(), line.get_start()).set_stroke(hue, width=width)
                    flashes.append(ShowPassingFlash(reverse, time_width=0.6))
            steps.append(AnimationGroup(*flashes, self._light_layer(m, np.ones(self.sizes[m]), hue), lag_ratio=0.0))
        return Succession(*steps, run_time=run_time)

    def _light_layer(self, layer: int, levels: np.ndarray, hue: str) -> AnimationGroup:
        return AnimationGroup(
            *(
                neuron.animate.set_fill(self._lit(level, hue), opacity=1.0).set_stroke(hue)
                for neuron, level in zip(self.layers[layer], levels)
            )
        )

    def reset_neurons(self) -> AnimationGroup:
        """Animations that return every neuron to the resting style."""
        colors = self.theme.colors
        return AnimationGroup(
            *(neuron.animate.set_fill(colors.panel, opacity=1.0).set_stroke(colors.text) for column in self.layers for neuron in column)
        )


__all__ = ["LayeredNetwork"]
