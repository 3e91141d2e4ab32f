"""Pictures drawn from data: neuron, network, computation chain, loss plot, slider, card.

Every picture takes its numbers as arguments (from a section's data object) and
its colours from the theme; none of them invents a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Arrow,
    Axes,
    Circle,
    Dot,
    FadeIn,
    Indicate,
    Line,
    Mobject,
    RoundedRectangle,
    ShowPassingFlash,
    Succession,
    ValueTracker,
    VGroup,
    VMobject,
)

from backprop_core.formatting import fmt

from .layout import fit_width
from .readout import LiveNumber, text_baseline
from .edges import WeightEdge
from .theme import THEME, Theme, value_to_color
from .transitions import swap_text
from .typography import Role, WrappedText, styled_text

Activation = Literal["relu", "sigmoid", "tanh", "linear"]


def activation_glyph(name: Activation, width: float = 0.5, color: Any = None, theme: Theme = THEME) -> VMobject:
    """A tiny drawing of an activation function's shape (no axes), ``width`` wide."""
    xs = np.linspace(-1.0, 1.0, 25)
    shapes: dict[str, np.ndarray] = {
        "relu": np.maximum(xs, 0.0),
        "sigmoid": 1.0 / (1.0 + np.exp(-4.0 * xs)),
        "tanh": np.tanh(2.5 * xs),
        "linear": xs,
    }
    if name not in shapes:
        raise ValueError(f"unknown activation {name!r}; choose one of {sorted(shapes)}")
    ys = shapes[name]
    span = float(ys.max() - ys.min()) or 1.0
    points = [np.array([x * width / 2, (y - ys.min()) / span * width * 0.8 - width * 0.4, 0.0]) for x, y in zip(xs, ys)]
    glyph = VMobject(stroke_color=color if color is not None else theme.colors.text, stroke_width=theme.strokes.normal)
    glyph.set_points_as_corners(points)
    return glyph


class Neuron(VGroup):
    """A neuron: a circle, an optional label inside, an optional activation glyph.

    ``.circle``, ``.label`` and ``.glyph`` are the parts (label/glyph may be None).
    Use :meth:`fill_for_value` to tint it by a value.
    """

    def __init__(
        self,
        radius: float = 0.35,
        label: str | Mobject | None = None,
        activation: Activation | None = None,
        *,
        color: Any = None,
        fill_opacity: float = 1.0,
        label_role: Role = "label",
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.circle = Circle(
            radius=radius,
            stroke_color=color if color is not None else theme.colors.text,
            stroke_width=theme.strokes.normal,
            fill_color=theme.colors.panel,
            fill_opacity=fill_opacity,
        )
        self.add(self.circle)
        self.label: Mobject | None = None
        self.glyph: VMobject | None = None
        if label is not None:
            self.label = label if isinstance(label, Mobject) else styled_text(label, label_role, theme=theme)
            fit_width(self.label, radius * 1.5)
            self.add(self.label)
        if activation is not None:
            self.glyph = activation_glyph(activation, width=radius * (0.8 if label is None else 0.6), theme=theme)
            self.add(self.glyph)
        if self.label is not None and self.glyph is not None:
            self.label.move_to(self.circle.get_center() + radius * 0.3 * UP)
            self.glyph.move_to(self.circle.get_center() + radius * 0.5 * DOWN)

    def fill_for_value(self, value: float, max_abs: float, opacity: float = 1.0, *, role: str = "forward") -> "Neuron":
        """Tint the circle by ``value``: the ``role`` colour (a forward value: blue), brighter when ``|value|`` is larger."""
        self.circle.set_fill(value_to_color(value, max_abs, self.theme, role=role), opacity=opacity)
        return self


@dataclass(frozen=True)
class EdgeIndex:
    """Which edge: from neuron ``source`` of layer ``gap`` to neuron ``target`` of layer ``gap + 1``."""

    gap: int
    source: int
    target: int


class NetworkDiagram(VGroup):
    """A layered network whose edges show real weights (or gradients).

    ``weights[g]`` has the core's shape ``(fan_in, fan_out)`` =
    ``(layer_sizes[g], layer_sizes[g + 1])``. Each edge is a :class:`WeightEdge`:
    the neutral ``weight`` colour, width, brightness and opacity from the magnitude
    relative to ``max_abs`` (default: the largest magnitude given), dashed when the
    weight is negative. Without weights the edges are thin and faint.

    Parts: ``.layers[l][i]`` is a :class:`Neuron`; ``.edges[g]`` is a VGroup of
    :class:`WeightEdge`; :meth:`edge` picks one. :meth:`recolor` animates new values onto the
    edges; :meth:`forward_pass` / :meth:`backward_pass` send pulses along them.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        weights: Sequence[np.ndarray] | None = None,
        *,
        width: float = 8.0,
        height: float = 4.5,
        neuron_radius: float = 0.22,
        max_abs: float | None = None,
        activation: Activation | None = None,
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        if len(layer_sizes) < 2 or any(int(size) < 1 for size in layer_sizes):
            raise ValueError(f"need at least two layers of at least one neuron, got {list(layer_sizes)}")
        self.layer_sizes = tuple(int(size) for size in layer_sizes)
        self.theme = theme
        self.neuron_radius = neuron_radius
        self.layers = VGroup()
        column_xs = np.linspace(-width / 2 + neuron_radius, width / 2 - neuron_radius, len(self.layer_sizes))
        largest = max(self.layer_sizes)
        spacing = min(4 * neuron_radius, (height - 2 * neuron_radius) / max(largest - 1, 1))
        for layer_index, (size, x) in enumerate(zip(self.layer_sizes, column_xs)):
            layer = VGroup()
            hidden = 0 < layer_index < len(self.layer_sizes) - 1
            for row in range(size):
                neuron = Neuron(neuron_radius, activation=activation if hidden else None, theme=theme)
                neuron.move_to(np.array([x, (size - 1) / 2 * spacing - row * spacing, 0.0]))
                layer.add(neuron)
            self.layers.add(layer)
        self.edges = VGroup()
        for gap in range(len(self.layer_sizes) - 1):
            lines = VGroup()
            for source in self.layers[gap]:
                for target in self.layers[gap + 1]:
                    start, end = source.get_center(), target.get_center()
                    direction = (end - start) / np.linalg.norm(end - start)
                    lines.add(WeightEdge(start + direction * neuron_radius, end - direction * neuron_radius, theme=theme))
            self.edges.add(lines)
        self.add(self.edges, self.layers)
        self.values: list[np.ndarray] | None = None
        self.max_abs: float | None = None
        if weights is not None:
            self.set_values(weights, max_abs)

    def _checked(self, values: Sequence[np.ndarray]) -> list[np.ndarray]:
        if len(values) != len(self.layer_sizes) - 1:
            raise ValueError(f"expected {len(self.layer_sizes) - 1} weight matrices, got {len(values)}")
        checked = []
        for gap, matrix in enumerate(values):
            array = np.asarray(matrix, dtype=float)
            expected = (self.layer_sizes[gap], self.layer_sizes[gap + 1])
            if array.shape != expected:
                raise ValueError(f"weights[{gap}] must have shape (fan_in, fan_out) = {expected}, got {array.shape}")
            checked.append(array)
        return checked

    def edge(self, gap: int, source: int, target: int) -> WeightEdge:
        """The line from neuron ``source`` of layer ``gap`` to neuron ``target`` of the next layer."""
        return self.edges[gap][source * self.layer_sizes[gap + 1] + target]

    def edge_index(self, gap: int, flat: int) -> EdgeIndex:
        """Which neurons the ``flat``-th line of ``edges[gap]`` joins."""
        source, target = divmod(flat, self.layer_sizes[gap + 1])
        return EdgeIndex(gap, source, target)

    def neuron(self, layer: int, index: int) -> Neuron:
        return self.layers[layer][index]

    def set_values(
        self, values: Sequence[np.ndarray], max_abs: float | None = None, *, role: str = "weight"
    ) -> "NetworkDiagram":
        """Style the edges by ``values`` at once: weights (``role="weight"``) or gradients
        (``role="gradient"``: orange by magnitude), dashed where negative."""
        checked = self._checked(values)
        self.values = checked
        self.max_abs = max_abs if max_abs is not None else max(float(np.abs(m).max()) for m in checked)
        for gap, matrix in enumerate(checked):
            for flat, line in enumerate(self.edges[gap]):
                index = self.edge_index(gap, flat)
                line.set_weight(matrix[index.source, index.target], self.max_abs, role=role)
        return self

    def recolor(
        self, values: Sequence[np.ndarray], max_abs: float | None = None, *, role: str = "weight", **kwargs: Any
    ) -> AnimationGroup:
        """Animation that restyles every edge from new ``values`` (e.g. gradients after backward,
        with ``role="gradient"``); an edge whose sign flips opens or closes its dashes."""
        checked = self._checked(values)
        self.values = checked
        self.max_abs = max_abs if max_abs is not None else max(float(np.abs(m).max()) for m in checked)
        animations = []
        for gap, matrix in enumerate(checked):
            for flat, line in enumerate(self.edges[gap]):
                index = self.edge_index(gap, flat)
                animations.append(line.animate.set_weight(matrix[index.source, index.target], self.max_abs, role=role))
        return AnimationGroup(*animations, **kwargs)

    def _pulse(self, gaps: Sequence[int], reverse: bool, color: Any, run_time: float) -> Succession:
        per_gap = run_time / max(len(gaps), 1)
        steps: list[Animation] = []
        for gap in gaps:
            flashes = []
            for line in self.edges[gap]:
                start, end = line.get_start(), line.get_end()
                if reverse:
                    start, end = end, start
                trail = Line(start, end, stroke_color=color, stroke_width=max(line.get_stroke_width(), 3) + 3)
                flashes.append(ShowPassingFlash(trail, time_width=0.6))
            arriving = self.layers[gap if reverse else gap + 1]
            steps.append(
                AnimationGroup(
                    AnimationGroup(*flashes, run_time=per_gap * 0.75),
                    Indicate(arriving, color=color, scale_factor=1.12, run_time=per_gap * 0.5),
                    lag_ratio=0.5,
                    run_time=per_gap,
                )
            )
        return Succession(*steps)

    def forward_pass(self, run_time: float = 2.0, color: Any = None) -> Succession:
        """Pulses from input to output, layer by layer, in the forward colour."""
        color = color if color is not None else self.theme.colors.forward
        return self._pulse(range(len(self.edges)), reverse=False, color=color, run_time=run_time)

    def backward_pass(self, run_time: float = 2.0, color: Any = None) -> Succession:
        """Pulses from output back to input, layer by layer, in the gradient colour."""
        color = color if color is not None else self.theme.colors.gradient
        return self._pulse(range(len(self.edges) - 1, -1, -1), reverse=True, color=color, run_time=run_time)


@dataclass(frozen=True)
class ChainStage:
    """One box of a computation chain: a title ("Multiply") and what it does ("× w = 0.5")."""

    title: str
    value_text: str


class ComputationChain(VGroup):
    """Boxes joined by arrows, left to right, with a value token that travels through them.

    ``stages`` are :class:`ChainStage` or ``(title, value_text)`` pairs whose text the
    scene has already formatted. Parts: ``.boxes[k]`` (each a VGroup of frame,
    title, value), ``.arrows[k]`` (from box k to k + 1). :meth:`token_at` makes the
    token for a box; :meth:`travel` moves one token through the boxes, cross-fading
    its text at each box (a text never morphs into another).
    """

    def __init__(
        self,
        stages: Sequence[ChainStage | tuple[str, str]],
        *,
        width: float = 12.6,
        box_height: float = 1.6,
        arrow_length: float = 0.55,
        color: Any = None,
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        if not stages:
            raise ValueError("a computation chain needs at least one stage")
        self.theme = theme
        self.stages = [stage if isinstance(stage, ChainStage) else ChainStage(*stage) for stage in stages]
        count = len(self.stages)
        box_width = (width - arrow_length * (count - 1)) / count
        accent = color if color is not None else theme.colors.forward
        self.boxes = VGroup()
        for stage in self.stages:
            frame = RoundedRectangle(
                corner_radius=theme.corner_radius,
                width=box_width,
                height=box_height,
                stroke_color=accent,
                stroke_width=theme.strokes.normal,
                fill_color=theme.colors.panel,
                fill_opacity=1.0,
            )
            title = fit_width(styled_text(stage.title, "label", color=theme.colors.muted, theme=theme), box_width - 0.3)
            value = fit_width(styled_text(stage.value_text, "body", theme=theme), box_width - 0.3)
            title.move_to(frame.get_center() + box_height * 0.22 * UP)
            value.move_to(frame.get_center() + box_height * 0.17 * DOWN)
            self.boxes.add(VGroup(frame, title, value))
        self.boxes.arrange(RIGHT, buff=arrow_length)
        self.arrows = VGroup(
            *(
                Arrow(
                    left.get_right(),
                    right.get_left(),
                    buff=0.05,
                    stroke_color=theme.colors.muted,
                    stroke_width=theme.strokes.normal,
                    max_tip_length_to_length_ratio=0.45,
                )
                for left, right in zip(self.boxes[:-1], self.boxes[1:])
            )
        )
        self.add(self.arrows, self.boxes)

    def token_at(self, index: int, text: str, color: Any = None, below: float = 0.45) -> VGroup:
        """A pill with ``text`` just below box ``index``: the value at that stage."""
        color = color if color is not None else self.theme.colors.forward
        label = styled_text(text, "body", color=self.theme.colors.background, bold=True, theme=self.theme)
        pill = RoundedRectangle(
            corner_radius=0.3,
            width=label.width + 0.5,
            height=max(label.height + 0.3, 0.6),
            stroke_width=0,
            fill_color=color,
            fill_opacity=1.0,
        )
        token = VGroup(pill, label.move_to(pill))
        fit_width(token, self.boxes[index].width)
        token.next_to(self.boxes[index], DOWN, buff=below)
        return token

    def travel(self, texts: Sequence[str], color: Any = None, run_time_per_stage: float = 1.0) -> tuple[Succession, VGroup]:
        """The token's journey: appears under box 0, then moves to box k while
        cross-fading into ``texts[k]`` (see ``swap_text``).

        Returns the animation and the final token (which is on screen afterwards;
        the earlier tokens are removed on the way).
        """
        if len(texts) != len(self.boxes):
            raise ValueError(f"one token text per box: expected {len(self.boxes)}, got {len(texts)}")
        accent = color if color is not None else self.theme.colors.forward
        stops = [self.token_at(index, text, accent) for index, text in enumerate(texts)]
        # Each stop replaces the one before, so exactly one token is left on screen.
        steps: list[Animation] = [FadeIn(stops[0], shift=0.2 * UP, run_time=run_time_per_stage * 0.6)]
        for index in range(1, len(stops)):
            steps.append(
                AnimationGroup(
                    swap_text(stops[index - 1], stops[index]),
                    # The whole box, not its frame alone: animating a submobject would lift
                    # the filled frame above the box's text.
                    Indicate(self.boxes[index], color=accent, scale_factor=1.05),
                    run_time=run_time_per_stage,
                )
            )
        return Succession(*steps), stops[-1]


class LossPlot(VGroup):
    """Axes with a curve from sampled ``(xs, ys)``, a dot that follows a tracker, and a tangent.

    Tick labels (``x_ticks``, ``y_ticks``: values, formatted with ``fmt``) sit beside
    the axes, which cross at 0; leave 0 out of one list so the two "0"s do not meet.
    ``tracker`` holds the x of the dot; its y is read off the samples (linear
    interpolation), or from ``y_function`` when given. :meth:`add_tangent` adds a
    line through the dot whose slope comes from ``slope_function(x)`` (e.g. the
    core's derivative), redrawn from the tracker every frame.
    Parts: ``.axes``, ``.curve``, ``.dot``, ``.x_label``, ``.y_label``, ``.tangent``.
    """

    def __init__(
        self,
        xs: Sequence[float],
        ys: Sequence[float],
        tracker: ValueTracker | None = None,
        *,
        x_label: str = "w",
        y_label: str = "L",
        x_length: float = 6.0,
        y_length: float = 3.6,
        y_function: Callable[[float], float] | None = None,
        x_ticks: Sequence[float] = (),
        y_ticks: Sequence[float] = (),
        curve_color: Any = None,
        dot_color: Any = None,
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        self.theme = theme
        self.xs = np.asarray(xs, dtype=float)
        self.ys = np.asarray(ys, dtype=float)
        if self.xs.ndim != 1 or self.xs.shape != self.ys.shape or len(self.xs) < 2:
            raise ValueError("xs and ys must be 1-D arrays of the same length (at least 2)")
        if np.any(np.diff(self.xs) <= 0):
            raise ValueError("xs must be strictly increasing")
        self.y_function = y_function
        x_min, x_max = float(self.xs[0]), float(self.xs[-1])
        y_min, y_max = float(min(self.ys.min(), 0.0)), float(self.ys.max())
        y_pad = 0.08 * ((y_max - y_min) or 1.0)
        self.axes = Axes(
            x_range=[x_min, x_max, (x_max - x_min) / 4],
            y_range=[y_min, y_max + y_pad, (y_max + y_pad - y_min) / 4],
            x_length=x_length,
            y_length=y_length,
            tips=False,
            axis_config={"color": theme.colors.muted, "stroke_width": theme.strokes.thin, "include_ticks": False},
        )
        self.curve = VMobject(stroke_color=curve_color or theme.colors.loss, stroke_width=theme.strokes.normal)
        self.curve.set_points_as_corners([self.axes.c2p(x, y) for x, y in zip(self.xs, self.ys)])
        self.x_label = styled_text(x_label, "label", color=theme.colors.muted, theme=theme)
        self.x_label.next_to(self.axes.x_axis.get_right(), RIGHT, buff=0.2)
        self.y_label = styled_text(y_label, "label", color=theme.colors.muted, theme=theme)
        self.y_label.next_to(self.axes.y_axis.get_top(), LEFT, buff=0.2)
        # Tick labels sit beside the axes where manim draws them (through 0 when 0 is in range).
        axis_x = 0.0 if x_min <= 0.0 <= x_max else x_min
        self.ticks = VGroup()
        for value in x_ticks:
            tick = styled_text(fmt(value), "caption", color=theme.colors.muted, theme=theme)
            self.ticks.add(tick.next_to(self.axes.c2p(value, 0.0), DOWN, buff=0.15))
        for value in y_ticks:
            tick = styled_text(fmt(value), "caption", color=theme.colors.muted, theme=theme)
            self.ticks.add(tick.next_to(self.axes.c2p(axis_x, value), LEFT, buff=0.15))
        self.add(self.axes, self.curve, self.x_label, self.y_label, self.ticks)
        self.tracker = tracker if tracker is not None else ValueTracker(x_min)
        self.dot = Dot(radius=0.11, color=dot_color or theme.colors.accent)
        self.dot.add_updater(lambda dot: dot.move_to(self.point_at(self.tracker.get_value())))
        self.dot.update()
        self.add(self.dot)
        self.tangent: Line | None = None

    def y_at(self, x: float) -> float:
        """The curve's height at ``x`` (from ``y_function`` or the samples)."""
        if self.y_function is not None:
            return float(self.y_function(x))
        return float(np.interp(x, self.xs, self.ys))

    def point_at(self, x: float) -> np.ndarray:
        """Scene coordinates of the curve's point at ``x``."""
        return self.axes.c2p(x, self.y_at(x))

    def tangent_line(self, x: float, slope: float, length: float = 2.5, color: Any = None) -> Line:
        """A line of screen length ``length`` through the curve at ``x`` with data slope ``slope``."""
        direction = self.axes.c2p(1.0, slope) - self.axes.c2p(0.0, 0.0)
        direction = direction / np.linalg.norm(direction)
        center = self.point_at(x)
        return Line(
            center - direction * length / 2,
            center + direction * length / 2,
            stroke_color=color or self.theme.colors.gradient,
            stroke_width=self.theme.strokes.normal,
        )

    def add_tangent(self, slope_function: Callable[[float], float], length: float = 2.5, color: Any = None) -> Line:
        """A tangent through the dot that follows the tracker (slope from ``slope_function``)."""
        tangent = self.tangent_line(self.tracker.get_value(), slope_function(self.tracker.get_value()), length, color)

        def follow(line: Line) -> None:
            x = self.tracker.get_value()
            fresh = self.tangent_line(x, slope_function(x), length, color)
            line.put_start_and_end_on(fresh.get_start(), fresh.get_end())

        tangent.add_updater(follow)
        self.tangent = tangent
        self.add(tangent)
        self.remove(self.dot)
        self.add(self.dot)
        return tangent


class Slider(VGroup):
    """A labelled slider bound to a ``ValueTracker``, with a live readout of its value.

    The knob sits at the tracker's value on a track from ``min_value`` to
    ``max_value``; the readout (a :class:`LiveNumber`) shows ``fmt(value, digits)``.
    Parts: ``.label``, ``.track``, ``.fill``, ``.knob``, ``.readout``, ``.ends``.
    """

    def __init__(
        self,
        label: str,
        min_value: float,
        max_value: float,
        tracker: ValueTracker,
        *,
        digits: int | None = None,
        track_length: float = 4.0,
        color: Any = None,
        show_ends: bool = True,
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        if not max_value > min_value:
            raise ValueError(f"max_value must exceed min_value, got {min_value}..{max_value}")
        self.theme = theme
        self.min_value, self.max_value = float(min_value), float(max_value)
        self.tracker = tracker
        accent = color if color is not None else theme.colors.forward
        self.label = styled_text(label, "label", color=theme.colors.muted, theme=theme)
        self.track = Line(ORIGIN, track_length * RIGHT, stroke_color=theme.colors.faint, stroke_width=theme.strokes.thick)
        self.track.next_to(self.label, RIGHT, buff=0.5)
        self.fill = Line(self.track.get_start(), self.track.get_start() + 0.001 * RIGHT, stroke_color=accent, stroke_width=theme.strokes.thick)
        self.knob = Circle(radius=0.14, stroke_color=theme.colors.text, stroke_width=theme.strokes.thin, fill_color=accent, fill_opacity=1.0)
        self.readout = LiveNumber(tracker, digits, role="label", color=accent, theme=theme)
        self.readout.shift(self.track.get_right() + 0.4 * RIGHT - self.readout.anchor.get_start())
        self.readout.shift((text_baseline(self.label, label) - self.readout.baseline_y()) * UP)
        self.ends = VGroup()
        if show_ends:
            for value, edge in ((self.min_value, self.track.get_start()), (self.max_value, self.track.get_end())):
                end = styled_text(fmt(value), "caption", color=theme.colors.muted, theme=theme)
                self.ends.add(end.next_to(edge, DOWN, buff=0.22))
        self.knob.add_updater(lambda knob: knob.move_to(self.knob_point()))
        self.fill.add_updater(lambda fill: fill.put_start_and_end_on(self.track.get_start(), self.knob_point() + 0.001 * RIGHT))
        self.knob.update()
        self.fill.update()
        self.add(self.label, self.track, self.fill, self.ends, self.readout, self.knob)

    def fraction(self) -> float:
        """Where the tracker's value sits along the track (clipped to 0..1)."""
        value = self.tracker.get_value()
        return float(np.clip((value - self.min_value) / (self.max_value - self.min_value), 0.0, 1.0))

    def knob_point(self) -> np.ndarray:
        start, end = self.track.get_start(), self.track.get_end()
        return start + (end - start) * self.fraction()

    @property
    def text(self) -> str:
        return self.readout.text


class Card(VGroup):
    """A rounded panel with an optional icon, a bold title and wrapped body text.

    For the guide's boxes ("Layer by Layer", "Vanishing Gradients", …). The body
    wraps to the card's inner width; the card grows in height to fit. Parts:
    ``.frame``, ``.icon``, ``.title``, ``.body`` (a :class:`WrappedText`).
    """

    def __init__(
        self,
        title: str,
        body: str = "",
        *,
        width: float = 6.0,
        icon: Mobject | None = None,
        accent: Any = None,
        body_role: Role = "caption",
        padding: float = 0.3,
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        accent = accent if accent is not None else theme.colors.forward
        inner = width - 2 * padding
        self.icon = icon
        self.title = styled_text(title, "label", bold=True, color=accent, theme=theme)
        heading_parts = [part for part in (icon, self.title) if part is not None]
        if icon is not None:
            icon.scale_to_fit_height(max(self.title.height * 1.4, 0.45))
        heading = VGroup(*heading_parts).arrange(RIGHT, buff=0.25)
        fit_width(heading, inner)
        self.body = WrappedText(body, inner, body_role, color=theme.colors.text, theme=theme) if body else None
        content = VGroup(heading, *([self.body] if self.body is not None else [])).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        self.frame = RoundedRectangle(
            corner_radius=theme.corner_radius,
            width=width,
            height=content.height + 2 * padding,
            stroke_color=accent,
            stroke_width=theme.strokes.thin,
            fill_color=theme.colors.panel,
            fill_opacity=1.0,
        )
        content.move_to(self.frame).align_to(self.frame.get_left() + padding * RIGHT, LEFT)
        self.add(self.frame, content)
