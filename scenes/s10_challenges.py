"""10 Challenges: four ways backprop struggles, each measured by the core.

1. Vanishing gradients: per-layer gradient norms of a deep sigmoid network on a
   log scale, shrinking toward the input, against ReLU with He initialisation.
2. Exploding gradients: norms of a badly initialised network growing toward the
   input, then all scaled down together by gradient clipping.
3. Local minima and saddle points: a double-well landscape as a heat map with
   contour lines; SGD, momentum and Adam start together and end apart.
4. Computational cost: forward against backward multiply-adds, and the remedies.
"""

from __future__ import annotations

from itertools import permutations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Circle,
    Create,
    Dot,
    FadeIn,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    ManimColor,
    Rectangle,
    RoundedRectangle,
    Text,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    interpolate_color,
    normalize,
)

from backprop_core.formatting import fmt
from backprop_core.sections.s10_challenges import log10_norms
from scenes.kit.base import SectionScene
from scenes.kit.icons import icon
from scenes.kit.layout import content_area, fit_width, safe_area
from scenes.kit.readout import LiveNumber

INTRO = "Real-world training faces several obstacles."
VANISHING_TITLE = "Vanishing Gradients"
VANISHING_TEXT = (
    "In very deep networks, gradients shrink exponentially as they pass through layers, "
    "making early layers almost impossible to train."
)
VANISHING_FIXES = ("ReLU activation", "residual connections (ResNets)", "batch normalization")
EXPLODING_TITLE = "Exploding Gradients"
EXPLODING_TEXT = "The opposite problem — gradients grow uncontrollably."
EXPLODING_FIXES = ("gradient clipping", "careful weight initialization (Xavier, He)")
LANDSCAPE_TITLE = "Local Minima & Saddle Points"
LANDSCAPE_TEXT = (
    "The loss landscape is complex. Optimizers like Adam, RMSprop, and SGD with momentum "
    "help navigate these tricky terrains."
)
COST_TITLE = "Computational Cost"
COST_TEXT = "Large models (GPT-4, etc.) require thousands of GPUs training for weeks."
COST_FIXES = ("mixed-precision training", "gradient checkpointing", "distributed training")

BAR_GAP = 0.08
CHIP_HEIGHT = 0.56
#: The landscape plot's width (about 60 % of the frame) and how close its labels may come to their dots.
LANDSCAPE_WIDTH = 8.4
LABEL_OFFSET = 0.3
#: Critical-point tabs: how far they keep from the paths and dots, from the plot's edge, the grid
#: their centres are chosen on, what a leader line passing within LEADER_TOUCH of a path costs (in
#: units of leader length), and the cost that makes any layout with an unclear tab lose.
TAB_CLEARANCE = 0.15
TAB_INSET = 0.08
TAB_GRID = 0.05
LEADER_CROSSING_COST = 0.6
LEADER_TOUCH = 0.05
NO_CLEAR_PLACE_COST = 100.0
#: Log-bar charts: (height, centre y), sized to leave room for the summary and the chips below.
VANISHING_CHART = (1.45, 0.1)
EXPLODING_CHART = (2.6, -0.2)
CHIP_BUFF = 0.25
#: Least distance between two labelled decades of a log axis (a label is about 0.3 tall).
TICK_PITCH = 0.45
#: Distance between the centres of the forward and backward cost bars (0.55 tall).
COST_ROW_PITCH = 0.7


_SUPERSCRIPT = str.maketrans("0123456789\u2212", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b")


def power_of_ten(decade: int) -> str:
    """``10⁻⁶``-style label of a log axis's decade."""
    return "10" + fmt(decade).translate(_SUPERSCRIPT)


def labelled_decades(decades: tuple[int, ...], per_decade: float) -> tuple[int, ...]:
    """Every n-th decade from the lowest, n as small as keeps labels :data:`TICK_PITCH` apart."""
    return decades[:: max(1, int(np.ceil(TICK_PITCH / per_decade - 1e-9)))]


def solutions_caption(label: str, fixes: tuple[str, ...]) -> str:
    """The guide's "Solutions: a, b, c." sentence."""
    return f"{label}: {', '.join(fixes)}."


def resample(polyline: np.ndarray, spacing: float = 0.04) -> np.ndarray:
    """Points along a polyline at most ``spacing`` apart (its vertices included)."""
    pieces = [polyline[:1]]
    for a, b in zip(polyline, polyline[1:]):
        count = max(1, int(np.ceil(np.linalg.norm(b - a) / spacing)))
        pieces.append(a + np.outer(np.arange(1, count + 1) / count, b - a))
    return np.vstack(pieces)


def box_distance(centres: np.ndarray, half: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Distance from each axis-aligned box (``centres`` (m, 2), half extents ``half``) to the nearest
    of ``points`` (n, 2); 0 where a point lies inside the box."""
    nearest = np.full(len(centres), np.inf)
    for chunk in range(0, len(points), 256):
        offset = np.abs(centres[:, None, :] - points[None, chunk : chunk + 256, :]) - half
        nearest = np.minimum(nearest, np.hypot(*np.maximum(offset, 0.0).transpose(2, 0, 1)).min(axis=1))
    return nearest


class PointCounter:
    """Counts points inside axis-aligned boxes in constant time per box (a summed-area table over a
    grid of ``cell``-sized cells spanning ``bounds``). A box counts every point of each cell it touches,
    so it may see points up to one cell beyond its edges: a margin, never a miss."""

    def __init__(self, points: np.ndarray, bounds: tuple[float, float, float, float], cell: float) -> None:
        self.left, self.bottom, right, top = bounds
        self.cell = cell
        self.shape = (int(np.ceil((top - self.bottom) / cell)), int(np.ceil((right - self.left) / cell)))
        grid = np.zeros(self.shape)
        rows, cols = self._index(points[:, 1], self.bottom, 0), self._index(points[:, 0], self.left, 1)
        np.add.at(grid, (rows, cols), 1)
        self.table = np.zeros((self.shape[0] + 1, self.shape[1] + 1))
        self.table[1:, 1:] = grid.cumsum(axis=0).cumsum(axis=1)

    def _index(self, values: np.ndarray, origin: float, axis: int) -> np.ndarray:
        return np.clip(np.floor((values - origin) / self.cell).astype(int), 0, self.shape[axis] - 1)

    def count(self, lows: np.ndarray, highs: np.ndarray) -> np.ndarray:
        """Points in each box from corner ``lows[k]`` (x, y) to corner ``highs[k]``."""
        c0, c1 = self._index(lows[:, 0], self.left, 1), self._index(highs[:, 0], self.left, 1) + 1
        r0, r1 = self._index(lows[:, 1], self.bottom, 0), self._index(highs[:, 1], self.bottom, 0) + 1
        table = self.table
        return table[r1, c1] - table[r0, c1] - table[r1, c0] + table[r0, c0]


def place_tabs(
    spots: list[np.ndarray],
    sizes: list[tuple[float, float]],
    routes: np.ndarray,
    dots: np.ndarray,
    bounds: tuple[float, float, float, float],
) -> list[np.ndarray]:
    """Centres for one label tab per spot: each as close to its spot as it can be while it stays inside
    ``bounds`` (left, bottom, right, top) by :data:`TAB_INSET`, at least :data:`TAB_CLEARANCE` from every
    route sample (so no path is hidden under a tab) and every dot, clear of the other tabs, and not
    over its own dot. A leader line that passes within about :data:`LEADER_TOUCH` of a route costs
    :data:`LEADER_CROSSING_COST` more.
    Every order of the spots is tried (there are a handful) and the cheapest whole layout kept; a spot
    with no clear place gets the place farthest from the routes."""
    left, bottom, right, top = bounds
    inside = (routes[:, 0] >= left) & (routes[:, 0] <= right) & (routes[:, 1] >= bottom) & (routes[:, 1] <= top)
    counter = PointCounter(routes[inside], bounds, TAB_GRID)
    # Each spot's candidate centres, how far each is from the spot, and which are clear of routes and
    # dots: the same whatever the order of placement.
    options = []
    for spot, size in zip(spots, sizes):
        spot, half = np.asarray(spot, dtype=float), np.array(size) / 2
        xs = np.arange(left + TAB_INSET + half[0], right - TAB_INSET - half[0] + 1e-9, TAB_GRID)
        ys = np.arange(bottom + TAB_INSET + half[1], top - TAB_INSET - half[1] + 1e-9, TAB_GRID)
        centres = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
        gap = box_distance(centres, half, spot[None, :])
        free = (gap >= LABEL_OFFSET) & (box_distance(centres, half, dots) >= TAB_CLEARANCE)
        reach = half + TAB_CLEARANCE
        clear = counter.count(centres - reach, centres + reach) == 0
        # The leader runs from the spot to the nearest point of the tab; only usable tabs need its test.
        cost = np.where(clear & free, gap, np.inf)
        usable = np.flatnonzero(clear & free)
        if len(usable):
            ends = np.clip(spot, centres[usable] - half, centres[usable] + half)
            samples = int(np.ceil(gap[usable].max() / 0.04)) + 1
            along = (spot + (ends - spot)[:, None, :] * np.linspace(0.0, 1.0, samples)[None, :, None]).reshape(-1, 2)
            touches = counter.count(along - LEADER_TOUCH, along + LEADER_TOUCH).reshape(len(usable), samples)
            cost[usable] += LEADER_CROSSING_COST * touches.any(axis=1)
        options.append((half, centres, free, clear, cost))

    def place(order: tuple[int, ...]) -> tuple[float, dict[int, np.ndarray]]:
        placed: dict[int, np.ndarray] = {}
        total = 0.0
        for index in order:
            half, centres, free, clear, cost = options[index]
            free = free.copy()
            for other, centre in placed.items():
                free &= np.any(np.abs(centres - centre) >= half + options[other][0] + TAB_CLEARANCE, axis=1)
            if (free & clear).any():
                best = int(np.argmin(np.where(free & clear, cost, np.inf)))
                total += float(cost[best])
            else:
                candidates = np.flatnonzero(free) if free.any() else np.arange(len(centres))
                best = int(candidates[np.argmax(box_distance(centres[candidates], half, routes))])
                total += NO_CLEAR_PLACE_COST
            placed[index] = centres[best]
        return total, placed

    _, placed = min((place(order) for order in permutations(range(len(spots)))), key=lambda result: result[0])
    return [placed[index] for index in range(len(spots))]


class Challenges(SectionScene):
    section_number = 10

    def construct(self) -> None:
        self.show_header()
        self.agenda()
        self.vanishing_gradients()
        self.exploding_gradients()
        self.local_minima()
        self.computational_cost()
        self.end_section()

    def part_title(self, number: int, title: str) -> VGroup:
        """A numbered badge and the obstacle's name, at the top left of the content area."""
        colors = self.theme.colors
        badge = Circle(0.28, color=colors.accent, stroke_width=3).set_fill(colors.panel, opacity=1)
        digit = self.text(str(number), "label", bold=True, color=colors.accent).move_to(badge)
        label = self.text(title, "subheading", bold=True, color=colors.accent)
        group = VGroup(VGroup(badge, digit), label).arrange(RIGHT, buff=0.25)
        region = content_area()
        group.move_to([region.left, region.top - 0.05, 0], aligned_edge=LEFT + UP)
        return group

    def chips(self, label: str, items: tuple[str, ...], color: str) -> VGroup:
        """'Solutions:' and one rounded chip per remedy at label size, flowing onto as many centred rows
        as the safe width needs, at the bottom of the safe area. Returns the head and the chips."""
        safe = safe_area()
        head = self.text(label + ":", "label", bold=True, color=color)
        pills = []
        for item in items:
            words = self.text(item, "label", color=self.theme.colors.text)
            frame = RoundedRectangle(
                corner_radius=0.2, width=words.width + 0.4, height=CHIP_HEIGHT, color=color, stroke_width=2
            ).set_fill(self.theme.colors.panel, opacity=1)
            pills.append(VGroup(frame, words.move_to(frame)))
        rows: list[list] = [[head]]
        for pill in pills:
            width = sum(part.width for part in rows[-1]) + CHIP_BUFF * len(rows[-1]) + pill.width
            if width > safe.width:
                rows.append([])
            rows[-1].append(pill)
        lines = VGroup(*(VGroup(*row).arrange(RIGHT, buff=CHIP_BUFF) for row in rows)).arrange(DOWN, buff=0.12)
        lines.move_to([0, safe.bottom + lines.height / 2, 0])
        return VGroup(head, *pills)

    def agenda(self) -> None:
        titles = (VANISHING_TITLE, EXPLODING_TITLE, LANDSCAPE_TITLE, COST_TITLE)
        colors = self.theme.colors
        items = VGroup()
        for number, title in enumerate(titles, start=1):
            badge = Circle(0.3, color=colors.accent, stroke_width=3).set_fill(colors.panel, opacity=1)
            digit = self.text(str(number), "label", bold=True, color=colors.accent).move_to(badge)
            items.add(VGroup(VGroup(badge, digit), self.text(title, "body")).arrange(RIGHT, buff=0.3))
        items.arrange(DOWN, buff=0.35, aligned_edge=LEFT).move_to(content_area().center)
        self.say(INTRO, LaggedStart(*(FadeIn(item, shift=0.3 * RIGHT) for item in items), lag_ratio=0.25), run_time=1.6)
        self.clear_content(keep_heading=True)

    def log_chart(
        self,
        profiles: list[tuple[float, ...]],
        low: int,
        high: int,
        width: float,
        centre: np.ndarray,
        height: float,
    ) -> tuple[VGroup, list[VGroup], float]:
        """Axes for bars of log₁₀ values between decades ``low`` and ``high``; one bar group per profile.

        Returns the axis group, the bar groups (bars start at zero height) and units per decade.
        """
        colors = self.theme.colors
        per_decade = height / (high - low)
        origin = centre + np.array([-width / 2, -height / 2, 0])
        axis = VGroup(
            Line(origin, origin + height * UP, color=colors.muted, stroke_width=2),
            Line(origin, origin + width * RIGHT, color=colors.muted, stroke_width=2),
        )
        for decade in range(low, high + 1):
            y = origin[1] + (decade - low) * per_decade
            axis.add(Line([origin[0] - 0.06, y, 0], [origin[0] + width, y, 0], color=colors.faint, stroke_width=1))
        groups = []
        for logs in profiles:
            count = len(logs)
            bar_width = width / count - BAR_GAP
            bars = VGroup()
            for index, value in enumerate(logs):
                tall = max(0.02, (value - low) * per_decade)
                bar = Rectangle(width=bar_width, height=tall, stroke_width=0)
                bar.move_to(origin + np.array([(index + 0.5) * (bar_width + BAR_GAP), tall / 2, 0]))
                bars.add(bar)
            groups.append(bars)
        return axis, groups, per_decade

    def decade_label(self, decade: int) -> Text:
        """A log-axis tick: 10 raised to the decade, the exponent formatted by ``fmt`` as a superscript."""
        self.record_number(fmt(decade), decade)
        return self.text(power_of_ten(decade), "caption", color=self.theme.colors.muted)

    def vanishing_gradients(self) -> None:
        data = self.data
        colors = self.theme.colors
        title = self.part_title(1, VANISHING_TITLE)
        sigmoid_logs = log10_norms(data.vanishing.sigmoid)
        relu_logs = log10_norms(data.vanishing.relu)
        low, high = data.vanishing_decades[0], data.vanishing_decades[-1]

        panels = VGroup()
        charts = []
        for centre_x, logs, name, color in (
            (-3.2, sigmoid_logs, "Sigmoid + Xavier", colors.gradient),
            (3.2, relu_logs, "ReLU + He", colors.forward),
        ):
            centre = np.array([centre_x + 0.3, VANISHING_CHART[1], 0])
            axis, (bars,), _ = self.log_chart([logs], low, high, 5.0, centre, VANISHING_CHART[0])
            bars.set_fill(color, opacity=0.9)
            name_text = self.text(name, "label", bold=True, color=color)
            name_text.next_to(axis, UP, buff=0.1)
            layer_first = self.text("layer 1", "caption", color=colors.muted)
            layer_first.next_to(axis, DOWN, buff=0.12).align_to(axis, LEFT)
            layer_last = self.text(f"layer {data.depth}", "caption", color=colors.muted)
            layer_last.next_to(bars[-1], DOWN, buff=0.12).align_to(axis, RIGHT)
            layer_last.set_y(layer_first.get_y())
            charts.append((axis, bars, name_text, VGroup(layer_first, layer_last)))
            panels.add(axis, name_text, layer_first, layer_last)

        axis_label = self.text("‖∂L/∂W‖ per layer, log scale", "caption", color=colors.muted)
        axis_label.next_to(title, RIGHT, buff=0.5).align_to(title, DOWN)
        ticks = VGroup()
        per_decade = VANISHING_CHART[0] / (high - low)
        for decade in labelled_decades(data.vanishing_decades, per_decade):
            label = self.decade_label(decade)
            y = charts[0][0][0].get_start()[1] + (decade - low) * per_decade
            label.next_to([charts[0][0][0].get_start()[0] - 0.08, y, 0], LEFT, buff=0.06)
            ticks.add(label)

        sigmoid = data.vanishing.sigmoid
        summary = VGroup(
            self.text(
                f"Sigmoid: layer 1 gets {self.fmt(sigmoid.norms[0])}, layer {self.fmt(data.depth)} gets "
                f"{self.fmt(sigmoid.norms[-1], 2)}:",
                "label",
                color=colors.gradient,
            ),
            self.text(
                f"{self.fmt(data.vanishing_orders, 1)} orders of magnitude less", "label", bold=True, color=colors.gradient
            ),
        ).arrange(DOWN, buff=0.08)
        fixes = self.chips("Solutions", VANISHING_FIXES, colors.forward)
        fit_width(summary, safe_area().width)
        summary.next_to(fixes, UP, buff=0.15)

        self.caption(VANISHING_TEXT)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(panels), FadeIn(axis_label), FadeIn(ticks), run_time=0.9)
        # Bars appear from the output side back toward the input: the direction gradients travel.
        self.play(
            *(
                LaggedStart(*(GrowFromEdge(bar, DOWN) for bar in reversed(bars)), lag_ratio=0.25)
                for _, bars, _, _ in charts
            ),
            run_time=3.0,
        )
        self.play(FadeIn(summary, shift=0.2 * UP), run_time=0.8)
        self.wait(4.1)
        self.caption(solutions_caption("Solutions", VANISHING_FIXES))
        self.play(LaggedStart(*(FadeIn(part, shift=0.2 * UP) for part in fixes), lag_ratio=0.2), run_time=1.2)
        self.wait(3.6)
        self.clear_content(keep_heading=True)

    def exploding_gradients(self) -> None:
        data = self.data
        colors = self.theme.colors
        title = self.part_title(2, EXPLODING_TITLE)
        unclipped = log10_norms(data.exploding.unclipped)
        clipped = log10_norms(data.exploding.clipped)
        low, high = data.exploding_decades[0], data.exploding_decades[-1]
        centre = np.array([-1.3, EXPLODING_CHART[1], 0])
        axis, (bars, clipped_bars), per_decade = self.log_chart(
            [unclipped, clipped], low, high, 6.4, centre, EXPLODING_CHART[0]
        )
        bars.set_fill(colors.gradient, opacity=0.9)
        clipped_bars.set_fill(colors.forward, opacity=0.9)
        origin = axis[0].get_start()
        ticks = VGroup()
        for decade in labelled_decades(data.exploding_decades, per_decade):
            label = self.decade_label(decade)
            label.next_to([origin[0] - 0.08, origin[1] + (decade - low) * per_decade, 0], LEFT, buff=0.06)
            ticks.add(label)
        axis_label = self.text("‖∂L/∂W‖ per layer, log scale", "caption", color=colors.muted)
        axis_label.next_to(title, RIGHT, buff=0.5).align_to(title, DOWN)
        layer_first = self.text("layer 1", "caption", color=colors.muted)
        layer_first.next_to(axis, DOWN, buff=0.12).align_to(axis, LEFT)
        layer_last = self.text(f"layer {data.depth}", "caption", color=colors.muted)
        layer_last.next_to(axis, DOWN, buff=0.12).align_to(axis, RIGHT)

        side_x = axis.get_right()[0] + 0.5
        before_head = self.text("total gradient norm", "caption", color=colors.muted)
        before_value = self.text(
            fmt(data.exploding.unclipped.total_norm, 1, group=True), "body", mono=True, color=colors.gradient
        )
        self.record_number(fmt(data.exploding.unclipped.total_norm, 1, group=True), data.exploding.unclipped.total_norm)
        after_head = self.text("after clipping", "caption", color=colors.muted)
        after_value = self.number(data.exploding.clipped.total_norm, role="body", color=colors.forward)
        side = VGroup(before_head, before_value, after_head, after_value).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        side.move_to([side_x, centre[1] + 0.4, 0], aligned_edge=LEFT)
        after_head.shift(0.3 * DOWN)
        after_value.shift(0.3 * DOWN)

        fixes = self.chips("Solutions", EXPLODING_FIXES, colors.forward)
        self.caption(EXPLODING_TEXT, 4.5)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(axis), FadeIn(ticks), FadeIn(axis_label), FadeIn(layer_first), FadeIn(layer_last), run_time=0.8)
        self.play(LaggedStart(*(GrowFromEdge(bar, DOWN) for bar in reversed(bars)), lag_ratio=0.25), run_time=2.2)
        self.play(FadeIn(before_head), FadeIn(before_value, shift=0.2 * UP), run_time=0.6)
        self.wait(0.9)
        self.caption(solutions_caption("Solutions", EXPLODING_FIXES))
        self.play(LaggedStart(*(FadeIn(part, shift=0.2 * UP) for part in fixes), lag_ratio=0.2), run_time=1.0)
        # Clipping rescales every layer by one factor: on a log scale, all bars drop by the same amount.
        self.play(Transform(bars, clipped_bars), Indicate(fixes[1], scale_factor=1.12, color=colors.forward), run_time=1.6)
        self.play(FadeIn(after_head), FadeIn(after_value, shift=0.2 * UP), run_time=0.6)
        self.wait(1.8)
        self.clear_content(keep_heading=True)

    def landscape_labels(
        self, spots: list[np.ndarray], kinds: list[str], routes: list[np.ndarray], dots: np.ndarray, inside: Rectangle
    ) -> VGroup:
        """A label on a dark tab for each critical point, placed by :func:`place_tabs` clear of the
        optimisers' routes (``routes``: screen polylines) and of every dot, inside the plot, with a short
        leader line back to its dot."""
        colors = self.theme.colors
        tabs = []
        for kind in kinds:
            words = self.text(kind, "caption", color=colors.text)
            tab = RoundedRectangle(
                corner_radius=0.1, width=words.width + 0.24, height=words.height + 0.18, stroke_width=0
            ).set_fill(colors.background, opacity=0.85)
            tabs.append(VGroup(tab, words.move_to(tab)))
        bounds = (inside.get_left()[0], inside.get_bottom()[1], inside.get_right()[0], inside.get_top()[1])
        centres = place_tabs(
            [spot[:2] for spot in spots],
            [(tab.width, tab.height) for tab in tabs],
            np.vstack([resample(route[:, :2]) for route in routes]),
            dots[:, :2],
            bounds,
        )
        labels = VGroup()
        for spot, tab, centre in zip(spots, tabs, centres):
            tab.move_to([centre[0], centre[1], 0])
            half = np.array([tab.width / 2, tab.height / 2])
            end = np.clip(spot[:2], centre - half, centre + half)
            start = spot + 0.09 * normalize(np.array([*(end - spot[:2]), 0.0]))
            leader = Line(start, [end[0], end[1], 0], color=colors.text, stroke_width=1.5)
            labels.add(VGroup(leader, tab))
        return labels

    def local_minima(self) -> None:
        data = self.data
        colors = self.theme.colors
        title = self.part_title(3, LANDSCAPE_TITLE)
        (x_min, x_max), (y_min, y_max) = data.landscape_bounds
        region = content_area()
        top = title.get_bottom()[1] - 0.2
        height = top - region.bottom
        # About 60 % of the frame width: a little wider than the landscape's own aspect, which is fine
        # for a loss surface (its axes are two weights, not a map).
        width = LANDSCAPE_WIDTH
        centre = np.array([region.left + width / 2, region.bottom + height / 2, 0])

        def to_screen(x: float, y: float) -> np.ndarray:
            return centre + np.array([(x - x_min) / (x_max - x_min) * width - width / 2, (y - y_min) / (y_max - y_min) * height - height / 2, 0])

        frame = Rectangle(width=width, height=height, color=colors.panel_edge, stroke_width=2)
        frame.set_fill(colors.panel, opacity=1).move_to(centre)
        # Contour lines brighten toward the loss hue as the loss rises (manim's ImageMobject
        # fails under the installed Pillow, so the landscape is drawn with lines only).
        contours = VGroup()
        count = len(data.contours)
        for index, contour in enumerate(data.contours):
            shade = interpolate_color(ManimColor(colors.faint), ManimColor(colors.loss), index / max(1, count - 1))
            line = VMobject(stroke_color=shade, stroke_width=2)
            for start, end in contour.segments:
                line.start_new_path(to_screen(*start))
                line.add_line_to(to_screen(*end))
            contours.add(line)

        path_colors = {"sgd": colors.accent, "momentum": colors.forward, "adam": colors.target}
        paths = VGroup()
        dots = VGroup()
        for path in data.paths:
            line = VMobject(stroke_color=path_colors[path.name], stroke_width=5)
            line.set_points_as_corners([to_screen(*p) for p in path.points])
            paths.add(line)
            dots.add(Dot(to_screen(*path.points[0]), radius=0.1, color=path_colors[path.name]))

        spots = [to_screen(*point.point) for point in data.critical_points]
        markers = VGroup(*(Dot(spot, radius=0.08, color=colors.text) for spot in spots))
        routes = [np.array([to_screen(*p) for p in path.points]) for path in data.paths]
        every_dot = np.array([*spots, *(route[0] for route in routes), *(route[-1] for route in routes)])
        marker_labels = self.landscape_labels(
            spots, [point.kind for point in data.critical_points], routes, every_dot, frame
        )
        # Above the paths, which are drawn later and would otherwise cross them.
        marker_labels.set_z_index(2)
        markers.set_z_index(2)

        side_left = frame.get_right()[0] + 0.45
        side_width = region.right - side_left
        legend = VGroup()
        for path in data.paths:
            swatch = Line(ORIGIN, 0.5 * RIGHT, color=path_colors[path.name], stroke_width=8)
            name = self.text(path.display_name, "label", bold=True, color=path_colors[path.name])
            end = self.text(f"→ {path.end_kind}", "caption", color=colors.text)
            row = VGroup(swatch, name).arrange(RIGHT, buff=0.2)
            legend.add(VGroup(row, end).arrange(DOWN, buff=0.12, aligned_edge=LEFT))
        legend.arrange(DOWN, buff=0.4, aligned_edge=LEFT)
        step_tracker = ValueTracker(0)
        step_label = self.text("step", "label", color=colors.muted)
        step_number = LiveNumber(step_tracker, 0, role="body", color=colors.text)
        step_row = VGroup(step_label, step_number).arrange(RIGHT, buff=0.2)
        step_total = self.text(f"{self.fmt(data.landscape_steps)} steps from one start", "caption", color=colors.muted)
        step_row = VGroup(step_total, step_row).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        side = VGroup(step_row, legend).arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        if side.width > side_width:
            fit_width(side, side_width)
        side.move_to([side_left, top, 0], aligned_edge=LEFT + UP)

        self.caption(LANDSCAPE_TEXT)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(frame), Create(contours), run_time=1.2)
        self.play(FadeIn(markers), FadeIn(marker_labels), run_time=0.7)
        self.play(FadeIn(dots), FadeIn(step_row), *(FadeIn(entry[0]) for entry in legend), run_time=0.6)
        for dot, line in zip(dots, paths):
            dot.add_updater(lambda mobject, line=line: mobject.move_to(line.get_end()))
        self.play(
            *(Create(line) for line in paths),
            step_tracker.animate.set_value(data.landscape_steps),
            run_time=5.0,
            rate_func=lambda t: t,
        )
        for dot in dots:
            dot.clear_updaters()
        self.play(LaggedStart(*(FadeIn(entry[1], shift=0.2 * RIGHT) for entry in legend), lag_ratio=0.3), run_time=1.0)
        self.wait(2.0)
        self.clear_content(keep_heading=True)

    def computational_cost(self) -> None:
        data = self.data
        cost = data.cost
        colors = self.theme.colors
        title = self.part_title(4, COST_TITLE)
        network = self.text(
            f"{self.fmt(len(cost.sizes) - 1)} layers × {self.fmt(cost.sizes[1])} units, "
            f"batch of {self.fmt(cost.batch_size)}: multiply-adds per step",
            "label",
            color=colors.muted,
        )
        fit_width(network, safe_area().width)
        network.next_to(title, DOWN, buff=0.35).align_to(title, LEFT)

        max_width = 7.0
        rows = VGroup()
        for name, count, color in (("Forward", cost.forward, colors.forward), ("Backward", cost.backward, colors.gradient)):
            label = self.text(name, "body", color=color)
            bar = Rectangle(width=max_width * count / cost.backward, height=0.55, stroke_width=0).set_fill(color, opacity=0.9)
            value = self.text(fmt(count, group=True), "body", mono=True, color=color)
            self.record_number(fmt(count, group=True), count)
            rows.add(VGroup(label, bar, value))
        label_width = max(row[0].width for row in rows)
        for index, row in enumerate(rows):
            label, bar, value = row
            label.move_to([safe_area().left + label_width, 0.45 - index * COST_ROW_PITCH, 0], aligned_edge=RIGHT)
            bar.next_to(label, RIGHT, buff=0.3)
            value.next_to(bar, RIGHT, buff=0.25)
            bar.align_to([label.get_right()[0] + 0.3, 0, 0], LEFT)
        ratio = self.text(f"backward ≈ {self.fmt(data.cost_ratio, 1)} × forward", "label", color=colors.gradient)
        ratio.next_to(rows, DOWN, buff=0.15).align_to(rows, LEFT)
        chip = icon("chip", 0.6, colors.accent)
        # Pango wraps a Text wider than the frame by itself, so long prose is wrapped here on purpose.
        words = self.paragraph(COST_TEXT, safe_area().width - chip.width - 0.25, "caption", color=colors.text)
        gpus = VGroup(chip, words).arrange(RIGHT, buff=0.25)
        gpus.next_to(ratio, DOWN, buff=0.15).align_to(rows, LEFT)
        fixes = self.chips("Techniques", COST_FIXES, colors.accent)
        # The bars and their notes share the room between the network line and the chips equally.
        VGroup(rows, ratio, gpus).set_y((network.get_bottom()[1] + fixes.get_top()[1]) / 2)

        self.caption(COST_TEXT)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(network), run_time=0.8)
        for label, bar, value in rows:
            self.play(FadeIn(label), GrowFromEdge(bar, LEFT), FadeIn(value), run_time=0.8)
        self.play(FadeIn(ratio, shift=0.2 * UP), run_time=0.6)
        self.play(FadeIn(gpus, shift=0.2 * UP), run_time=0.7)
        self.wait(1.2)
        self.caption(solutions_caption("Techniques", COST_FIXES))
        self.play(LaggedStart(*(FadeIn(part, shift=0.2 * UP) for part in fixes), lag_ratio=0.2), run_time=1.2)
        self.wait(3.0)
