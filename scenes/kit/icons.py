"""Icons drawn in code as vector art (the guide's emoji, without an emoji font).

Each factory returns a VGroup about ``size`` units tall, centred on the origin,
drawn in one colour (default: the theme's text colour). :func:`icon` picks one
by name; :data:`ICON_NAMES` lists them.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    PI,
    RIGHT,
    TAU,
    UP,
    Annulus,
    Arc,
    Circle,
    Dot,
    Line,
    Polygon,
    Rectangle,
    RoundedRectangle,
    Square,
    Triangle,
    VGroup,
)

from .theme import THEME, Theme

STROKE = 5.0


def _color(color: Any, theme: Theme) -> Any:
    return color if color is not None else theme.colors.text


def target(color: Any = None, theme: Theme = THEME) -> VGroup:
    """A bullseye: three rings and a centre, for goals and the dart analogy."""
    color = _color(color, theme)
    rings = VGroup(
        *(Circle(radius=r, stroke_color=color, stroke_width=STROKE) for r in (1.0, 0.66, 0.33)),
        Dot(radius=0.12, color=color),
    )
    return rings


def chain_link(color: Any = None, theme: Theme = THEME) -> VGroup:
    """Two interlocked links, for the chain rule."""
    color = _color(color, theme)
    left = RoundedRectangle(corner_radius=0.3, width=1.3, height=0.62, stroke_color=color, stroke_width=STROKE)
    right = left.copy()
    left.rotate(PI / 4).shift(0.38 * LEFT + 0.38 * DOWN)
    right.rotate(PI / 4).shift(0.38 * RIGHT + 0.38 * UP)
    return VGroup(left, right)


def books(color: Any = None, theme: Theme = THEME) -> VGroup:
    """Three books on a shelf, one leaning, for "layer by layer"."""
    color = _color(color, theme)
    spines = VGroup(
        Rectangle(width=0.38, height=1.6, stroke_color=color, stroke_width=STROKE),
        Rectangle(width=0.32, height=1.35, stroke_color=color, stroke_width=STROKE),
        Rectangle(width=0.4, height=1.5, stroke_color=color, stroke_width=STROKE),
    )
    spines.arrange(RIGHT, buff=0.06, aligned_edge=DOWN)
    spines[2].rotate(-0.35, about_point=spines[2].get_corner(DOWN + RIGHT)).shift(0.12 * RIGHT)
    bands = VGroup(*(Line(s.get_left(), s.get_right(), stroke_color=color, stroke_width=STROKE * 0.6).shift(0.3 * UP) for s in spines[:2]))
    shelf = Line(spines.get_corner(DOWN + LEFT) + 0.15 * LEFT, spines.get_corner(DOWN + RIGHT) + 0.15 * RIGHT, stroke_color=color, stroke_width=STROKE)
    return VGroup(spines, bands, shelf)


def graph(color: Any = None, theme: Theme = THEME) -> VGroup:
    """A small computational graph: nodes joined by edges."""
    color = _color(color, theme)
    positions = [np.array(p) for p in ((-1.0, 0.6, 0), (-1.0, -0.6, 0), (0.0, 0.0, 0), (1.0, 0.0, 0))]
    edges = VGroup(
        *(Line(positions[a], positions[b], stroke_color=color, stroke_width=STROKE) for a, b in ((0, 2), (1, 2), (2, 3)))
    )
    nodes = VGroup(
        *(Circle(radius=0.24, stroke_color=color, stroke_width=STROKE, fill_color=theme.colors.background, fill_opacity=1).move_to(p) for p in positions)
    )
    return VGroup(edges, nodes)


def rocket(color: Any = None, theme: Theme = THEME) -> VGroup:
    """A rocket, for speed and GPU acceleration."""
    color = _color(color, theme)
    body = Polygon(
        [0.0, 1.0, 0], [0.32, 0.5, 0], [0.32, -0.45, 0], [-0.32, -0.45, 0], [-0.32, 0.5, 0],
        stroke_color=color, stroke_width=STROKE,
    )
    window = Circle(radius=0.13, stroke_color=color, stroke_width=STROKE * 0.8).move_to(0.25 * UP)
    left_fin = Polygon([-0.32, -0.05, 0], [-0.62, -0.6, 0], [-0.32, -0.45, 0], stroke_color=color, stroke_width=STROKE)
    right_fin = left_fin.copy().flip(UP, about_point=ORIGIN)
    flame = Polygon([-0.18, -0.55, 0], [0.18, -0.55, 0], [0.0, -1.0, 0], stroke_color=theme.colors.gradient, stroke_width=STROKE)
    return VGroup(body, window, left_fin, right_fin, flame)


def chip(color: Any = None, theme: Theme = THEME) -> VGroup:
    """A processor chip with pins, for GPUs."""
    color = _color(color, theme)
    die = Square(side_length=1.2, stroke_color=color, stroke_width=STROKE)
    core = Square(side_length=0.55, stroke_color=color, stroke_width=STROKE * 0.8)
    pins = VGroup()
    for offset in (-0.35, 0.0, 0.35):
        for direction in (UP, DOWN, LEFT, RIGHT):
            across = np.array([-direction[1], direction[0], 0.0])
            start = direction * 0.6 + across * offset
            pins.add(Line(start, start + direction * 0.25, stroke_color=color, stroke_width=STROKE))
    return VGroup(die, core, pins)


def warning(color: Any = None, theme: Theme = THEME) -> VGroup:
    """A warning triangle with an exclamation mark, for challenges."""
    color = color if color is not None else theme.colors.accent
    triangle = Triangle(stroke_color=color, stroke_width=STROKE).scale(1.15)
    bar = Line(0.35 * UP, 0.28 * DOWN, stroke_color=color, stroke_width=STROKE * 1.6).shift(0.1 * DOWN)
    point = Dot(radius=0.08, color=color).move_to(0.55 * DOWN)
    return VGroup(triangle, bar, point)


def lightbulb(color: Any = None, theme: Theme = THEME) -> VGroup:
    """A light bulb, for the insight."""
    color = color if color is not None else theme.colors.accent
    globe = Arc(radius=0.62, start_angle=-PI / 4 - 0.05, angle=1.5 * PI + 0.1, stroke_color=color, stroke_width=STROKE).shift(0.3 * UP)
    neck_left = Line(globe.get_end(), [-0.25, -0.55, 0], stroke_color=color, stroke_width=STROKE)
    neck_right = Line(globe.get_start(), [0.25, -0.55, 0], stroke_color=color, stroke_width=STROKE)
    base = VGroup(
        *(Line([-0.25, y, 0], [0.25, y, 0], stroke_color=color, stroke_width=STROKE) for y in (-0.55, -0.72, -0.89))
    )
    filament = VGroup(
        Line([-0.15, -0.55, 0], [-0.12, 0.1, 0], stroke_color=color, stroke_width=STROKE * 0.6),
        Line([0.15, -0.55, 0], [0.12, 0.1, 0], stroke_color=color, stroke_width=STROKE * 0.6),
    )
    return VGroup(globe, neck_left, neck_right, base, filament)


def repeat_arrows(color: Any = None, theme: Theme = THEME) -> VGroup:
    """Two arrows chasing each other round a circle, for the training loop."""
    color = _color(color, theme)
    arcs = VGroup()
    for start in (PI / 2 + 0.25, -PI / 2 + 0.25):
        arc = Arc(radius=0.8, start_angle=start, angle=PI - 0.7, stroke_color=color, stroke_width=STROKE)
        arc.add_tip(tip_length=0.5, tip_width=0.5)
        arc.get_tip().set_fill(color, opacity=1).set_stroke(color)
        arcs.add(arc)
    return arcs


def question_mark(color: Any = None, theme: Theme = THEME) -> VGroup:
    """A question mark drawn as a hook and a dot, inside a ring."""
    color = _color(color, theme)
    ring = Circle(radius=1.0, stroke_color=color, stroke_width=STROKE)
    hook = Arc(radius=0.32, start_angle=PI * 0.95, angle=-PI * 1.45, stroke_color=color, stroke_width=STROKE * 1.3).shift(0.3 * UP)
    stem = Line(hook.get_end(), [hook.get_end()[0], -0.25, 0], stroke_color=color, stroke_width=STROKE * 1.3)
    point = Dot(radius=0.09, color=color).move_to(0.5 * DOWN)
    return VGroup(ring, hook, stem, point)


def ruler(color: Any = None, theme: Theme = THEME) -> VGroup:
    """A ruler with ticks, for measuring the error."""
    color = _color(color, theme)
    body = Rectangle(width=2.0, height=0.55, stroke_color=color, stroke_width=STROKE)
    ticks = VGroup(
        *(
            Line([x, 0.275, 0], [x, 0.275 - (0.28 if index % 2 == 0 else 0.16), 0], stroke_color=color, stroke_width=STROKE * 0.7)
            for index, x in enumerate(np.linspace(-0.8, 0.8, 9))
        )
    )
    return VGroup(body, ticks).rotate(PI / 6)


def gear(color: Any = None, theme: Theme = THEME, teeth: int = 8) -> VGroup:
    """A gear wheel, for "A moves B moves C"."""
    color = _color(color, theme)
    outer, inner = 1.0, 0.78
    corners = []
    for tooth in range(teeth):
        base = tooth * TAU / teeth
        for angle, radius in ((base, inner), (base + 0.12, outer), (base + TAU / teeth / 2 - 0.12, outer), (base + TAU / teeth / 2, inner)):
            corners.append([radius * np.cos(angle), radius * np.sin(angle), 0.0])
    rim = Polygon(*corners, stroke_color=color, stroke_width=STROKE)
    hub = Annulus(inner_radius=0.16, outer_radius=0.3, fill_color=color, fill_opacity=1, stroke_width=0)
    return VGroup(rim, hub)


ICONS: dict[str, Callable[..., VGroup]] = {
    "target": target,
    "chain": chain_link,
    "books": books,
    "graph": graph,
    "rocket": rocket,
    "chip": chip,
    "warning": warning,
    "lightbulb": lightbulb,
    "repeat": repeat_arrows,
    "question": question_mark,
    "ruler": ruler,
    "gear": gear,
}
ICON_NAMES: tuple[str, ...] = tuple(ICONS)


def icon(name: str, size: float = 1.0, color: Any = None, theme: Theme = THEME) -> VGroup:
    """The icon called ``name`` (see :data:`ICON_NAMES`), ``size`` units tall, centred on the origin."""
    try:
        factory = ICONS[name]
    except KeyError:
        raise KeyError(f"no icon {name!r}; available: {', '.join(ICON_NAMES)}") from None
    drawing = factory(color=color, theme=theme)
    drawing.scale_to_fit_height(size).move_to(ORIGIN)
    return drawing
