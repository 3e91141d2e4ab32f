"""10 Challenges: four ways backprop struggles, each measured by the core.

The scene opens on four small pictures, one per obstacle, then gives each its own
picture with its cause as a short label:

1. Vanishing gradients: per-layer gradient sizes of a deep sigmoid network on a
   log scale, shrinking by one computed factor per layer back; ReLU with He
   initialisation (a solution) keeps them level.
2. Exploding gradients: a badly initialised network's gradients growing per layer
   back; clipping divides every gradient by the total norm, which lands on the
   threshold.
3. Local minima and saddle points: SGD, momentum, RMSprop and Adam race across a
   double-well landscape (moving heads, fading trails); from a second start above
   the saddle point SGD stalls while Adam escapes.
4. Computational cost: forward against backward multiply-adds, and a field of GPUs.

"Solutions" chips share one style throughout.
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
    Arrow,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    ManimColor,
    Rectangle,
    RoundedRectangle,
    ShowPassingFlash,
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
from scenes.kit.layout import content_area, fit_in, fit_width, safe_area
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
SADDLE_TEXT = "Beside a saddle point the slope is almost flat: plain SGD stalls there, Adam rolls off."
LANDSCAPE_TEXT = (
    "The loss landscape is complex. Optimizers like Adam, RMSprop, and SGD with momentum "
    "help navigate these tricky terrains."
)
COST_TITLE = "Computational Cost"
COST_TEXT = "Large models (GPT-4, etc.) require thousands of GPUs training for weeks."
COST_FIXES = ("mixed-precision training", "gradient checkpointing", "distributed training")

BAR_GAP = 0.08
CHIP_HEIGHT = 0.56
#: Chips may shrink to this scale to stay on one row.
CHIP_MIN_SCALE = 0.85
#: The landscape plot's width (a little over half the frame) and how close its labels may come to their dots.
LANDSCAPE_WIDTH = 7.6
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
#: Room a log-bar chart leaves above it (for its name) and below it (for its layer labels).
CHART_ROOM = (0.7, 0.65)
#: The vanishing charts' chips may shrink further, to stay on one row and leave the charts room.
VANISHING_CHIP_SCALE = 0.72
#: Gap between a vanishing chart's name and the chart's top line.
NAME_GAP = 0.2
#: How many steps of a path behind its head each trail piece covers, and its opacity (newest first).
TRAIL_PIECES = ((0, 6, 1.0), (6, 16, 0.7), (16, 40, 0.45), (40, None, 0.25))
#: Run time of the race and of the saddle start (seconds).
RACE_TIME = 4.8
SADDLE_TIME = 3.5
#: How long the race's and the saddle run's outcomes stay readable before the next step.
RACE_RESULT_HOLD = 1.0
SADDLE_RESULT_HOLD = 2.0
CHIP_BUFF = 0.25
#: How far the lowest row of content (chips, legend, plot) keeps above the subtitle band.
FLOOR_LIFT = 0.15
#: Least distance between two labelled decades of a log axis (a label is about 0.3 tall).
TICK_PITCH = 0.45
#: Distance between the centres of the forward and backward cost bars (0.55 tall).
COST_ROW_PITCH = 0.7
#: The field of GPUs drawn for "thousands of GPUs": rows × columns of chip icons.
GPU_FIELD = (3, 6)


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


class GroupedLiveNumber(LiveNumber):
    """A :class:`LiveNumber` with thousands separated by commas (``6,175.5``), as ``fmt(..., group=True)``."""

    def format(self, value: float) -> str:
        return fmt(value, self.digits, sign=self.sign, group=True)


def trail_points(screen: np.ndarray, position: float, behind: float, until: float | None) -> np.ndarray:
    """The part of a path (screen points, one per step) from ``behind`` to ``until`` steps behind a head
    at fractional step ``position`` (``until`` None: back to the start); the head end is interpolated."""
    def at(step: float) -> np.ndarray:
        step = min(max(step, 0.0), len(screen) - 1.0)
        index = min(int(np.floor(step)), len(screen) - 2)
        return screen[index] + (step - index) * (screen[index + 1] - screen[index])

    newest = position - behind
    oldest = 0.0 if until is None else max(0.0, position - until)
    if newest <= oldest:
        return np.array([at(oldest), at(oldest)])
    inner = [screen[i] for i in range(int(np.floor(oldest)) + 1, int(np.ceil(newest)))]
    return np.array([at(oldest), *inner, at(newest)])


def race_pace(paths: list[np.ndarray]) -> np.ndarray:
    """For steps 0…n, how far along the race is (0…1): half the mean share of path length covered,
    half the share of steps. Playing the race evenly in this measure shows the fast early moves slowly
    enough to follow and the late creeping quickly, so the heads keep moving for the whole race."""
    shares = []
    for points in paths:
        lengths = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])
        shares.append(lengths / max(lengths[-1], 1e-12))
    steps = np.linspace(0.0, 1.0, len(paths[0]))
    return 0.5 * np.mean(shares, axis=0) + 0.5 * steps


class Challenges(SectionScene):
    section_number = 10

    def construct(self) -> None:
        self.show_header(run_time=0.8)
        self.agenda()
        self.vanishing_gradients()
        self.exploding_gradients()
        self.local_minima()
        self.computational_cost()
        self.end_section()

    def rest(self, seconds: float) -> None:
        """Wait out what is left of a caption's reading time (nothing when the animations filled it)."""
        if seconds > 0.05:
            self.wait(seconds)

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

    def cause_line(self, title: VGroup, words: str) -> VGroup:
        """The obstacle's cause as one short line under its title: "Cause:" and a few words."""
        colors = self.theme.colors
        head = self.text("Cause:", "label", bold=True, color=colors.muted)
        body = self.text(words, "label", color=colors.text)
        line = VGroup(head, body).arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        fit_width(line, safe_area().width)
        line.next_to(title, DOWN, buff=0.25).align_to(title, LEFT)
        return line

    def chips(self, items: tuple[str, ...], min_scale: float = CHIP_MIN_SCALE) -> VGroup:
        """'Solutions:' and one rounded chip per remedy, one style for every obstacle, flowing onto as
        many centred rows as the safe width needs, at the bottom of the safe area. Returns the head and
        the chips."""
        colors = self.theme.colors
        safe = safe_area()
        head = self.text("Solutions:", "label", bold=True, color=colors.text)
        pills = []
        for item in items:
            words = self.text(item, "label", color=colors.text)
            frame = RoundedRectangle(
                corner_radius=0.2, width=words.width + 0.4, height=CHIP_HEIGHT, color=colors.muted, stroke_width=2
            ).set_fill(colors.panel, opacity=1)
            pills.append(VGroup(frame, words.move_to(frame)))
        one_row = VGroup(head, *pills).arrange(RIGHT, buff=CHIP_BUFF)
        if one_row.width * min_scale <= safe.width:
            # One row, a little smaller if need be, leaves the picture more room than two.
            fit_width(one_row, safe.width)
            one_row.move_to([0, safe.bottom + FLOOR_LIFT + one_row.height / 2, 0])
            return VGroup(head, *pills)
        rows: list[list] = [[head]]
        for pill in pills:
            width = sum(part.width for part in rows[-1]) + CHIP_BUFF * len(rows[-1]) + pill.width
            if width > safe.width:
                rows.append([])
            rows[-1].append(pill)
        lines = VGroup(*(VGroup(*row).arrange(RIGHT, buff=CHIP_BUFF) for row in rows)).arrange(DOWN, buff=0.12)
        lines.move_to([0, safe.bottom + FLOOR_LIFT + lines.height / 2, 0])
        return VGroup(head, *pills)

    def show_chips(self, fixes: VGroup, *animations, run_time: float = 1.2) -> None:
        self.play(LaggedStart(*(FadeIn(part, shift=0.2 * UP) for part in fixes), lag_ratio=0.2), *animations, run_time=run_time)

    # The opening: one small picture per obstacle.

    def mini_bars(self, logs: tuple[float, ...], size: tuple[float, float]) -> VGroup:
        width, height = size
        low, high = min(logs), max(logs)
        pitch = width / len(logs)
        bars = VGroup()
        for index, value in enumerate(logs):
            tall = 0.08 * height + 0.92 * height * (value - low) / (high - low)
            bar = Rectangle(width=pitch * 0.7, height=tall, stroke_width=0).set_fill(self.theme.colors.gradient, opacity=0.9)
            bar.move_to([index * pitch, tall / 2, 0])
            bars.add(bar)
        return bars

    def mini_landscape(self, size: tuple[float, float]) -> VGroup:
        data = self.data
        grid = data.landscape_grid
        row = int(np.argmin(np.abs(grid.ys)))
        xs, values = grid.xs, grid.values[row]
        width, height = size
        low, high = float(values.min()), float(np.percentile(values, 80))

        def to_box(x: float, v: float) -> np.ndarray:
            return np.array([(x - xs[0]) / (xs[-1] - xs[0]) * width, (min(v, high) - low) / (high - low) * height, 0])

        curve = VMobject(stroke_color=self.theme.colors.muted, stroke_width=4)
        curve.set_points_smoothly([to_box(x, v) for x, v in zip(xs, values) if v <= high * 1.0001] or [ORIGIN, RIGHT])
        local = next(point for point in data.critical_points if point.kind == "local minimum")
        ball = Dot(to_box(local.point[0], local.value) + 0.09 * UP, radius=0.09, color=self.theme.colors.accent)
        return VGroup(curve, ball)

    def agenda(self) -> None:
        self.step("four obstacles")
        data = self.data
        colors = self.theme.colors
        size = (1.5, 0.8)
        pictures = [
            self.mini_bars(log10_norms(data.vanishing.sigmoid), size),
            self.mini_bars(log10_norms(data.exploding.unclipped), size),
            self.mini_landscape(size),
            icon("chip", size[1], colors.muted),
        ]
        titles = (VANISHING_TITLE, EXPLODING_TITLE, LANDSCAPE_TITLE, COST_TITLE)
        items = VGroup()
        for number, (title, picture) in enumerate(zip(titles, pictures), start=1):
            frame = Rectangle(width=size[0], height=size[1], stroke_width=0).set_fill(opacity=0)
            picture.move_to(frame)
            badge = Circle(0.28, color=colors.accent, stroke_width=3).set_fill(colors.panel, opacity=1)
            digit = self.text(str(number), "label", bold=True, color=colors.accent).move_to(badge)
            name = self.text(title, "label")
            items.add(VGroup(VGroup(frame, picture), VGroup(badge, digit), name).arrange(RIGHT, buff=0.3))
        columns = VGroup(VGroup(items[0], items[2]), VGroup(items[1], items[3]))
        for column in columns:
            column.arrange(DOWN, buff=0.6, aligned_edge=LEFT)
        columns.arrange(RIGHT, buff=0.8, aligned_edge=UP)
        fit_width(columns, safe_area().width)
        columns.move_to(content_area().center)
        # The pictures first: the scene opens on them, the names follow.
        self.say(
            INTRO,
            LaggedStart(*(FadeIn(item[0], shift=0.2 * UP) for item in items), lag_ratio=0.15),
            LaggedStart(*(FadeIn(VGroup(item[1], item[2]), shift=0.2 * RIGHT) for item in items), lag_ratio=0.2),
            run_time=1.6,
        )
        self.clear_content(keep_heading=True)

    # Log-scale bar charts.

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

        Returns the axis group, the bar groups and units per decade.
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

    def decade_ticks(self, axis: VGroup, decades: tuple[int, ...], per_decade: float) -> VGroup:
        origin = axis[0].get_start()
        ticks = VGroup()
        for decade in labelled_decades(decades, per_decade):
            label = self.decade_label(decade)
            label.next_to([origin[0] - 0.08, origin[1] + (decade - decades[0]) * per_decade, 0], LEFT, buff=0.06)
            ticks.add(label)
        return ticks

    def layer_labels(self, axis: VGroup) -> VGroup:
        colors = self.theme.colors
        first = self.text("layer 1", "caption", color=colors.muted)
        first.next_to(axis, DOWN, buff=0.1).align_to(axis, LEFT)
        last = self.text(f"layer {self.fmt(self.data.depth)}", "caption", color=colors.muted)
        last.next_to(axis, DOWN, buff=0.1).align_to(axis, RIGHT)
        return VGroup(first, last)

    def trend_arrow(self, bars: VGroup, lift: float) -> Arrow:
        """An arrow over the bar tops from the last layer back to the first: the way gradients travel."""
        start = bars[-1].get_top() + lift * UP
        end = bars[0].get_top() + lift * UP
        return Arrow(start, end, buff=0, color=self.theme.colors.gradient, stroke_width=4, max_tip_length_to_length_ratio=0.04)

    def chart_band(self, cause: VGroup, fixes: VGroup) -> tuple[float, float]:
        """Height and centre y of the charts: between the cause line and the solution chips."""
        top = cause.get_bottom()[1] - CHART_ROOM[0]
        bottom = fixes.get_top()[1] + CHART_ROOM[1]
        return top - bottom, (top + bottom) / 2

    def vanishing_gradients(self) -> None:
        self.step("vanishing gradients")
        data = self.data
        colors = self.theme.colors
        title = self.part_title(1, VANISHING_TITLE)
        cause = self.cause_line(
            title,
            f"× {self.fmt(data.vanishing_per_layer, 2)} per layer back, so layer 1 gets "
            f"≈ {power_of_ten(data.vanishing_order)} × less",
        )
        self.record_number(fmt(data.vanishing_order), data.vanishing_order)
        fixes = self.chips(VANISHING_FIXES, min_scale=VANISHING_CHIP_SCALE)
        low, high = data.vanishing_decades[0], data.vanishing_decades[-1]
        names = [self.text(name, "label", bold=True, color=colors.text) for name in ("Sigmoid + Xavier", "ReLU + He")]
        # The charts fill the band from just under their names to just above their layer labels.
        top = cause.get_bottom()[1] - 0.2 - max(name.height for name in names) - NAME_GAP
        bottom = fixes.get_top()[1] + 0.6
        chart_height, chart_y = top - bottom, (top + bottom) / 2
        charts = []
        for centre_x, profile, name_text in (
            (-3.0, data.vanishing.sigmoid, names[0]),
            (3.6, data.vanishing.relu, names[1]),
        ):
            axis, (bars,), per_decade = self.log_chart(
                [log10_norms(profile)], low, high, 5.2, np.array([centre_x, chart_y, 0]), chart_height
            )
            bars.set_fill(colors.gradient, opacity=0.9)
            name_text.next_to(axis, UP, buff=NAME_GAP)
            charts.append((axis, bars, name_text, self.layer_labels(axis)))
        # Both names on one line (tops level: "Sigmoid" has a descender, "ReLU + He" none).
        names[1].align_to(names[0], UP)
        sigmoid_axis, sigmoid_bars, sigmoid_name, sigmoid_layers = charts[0]
        relu_axis, relu_bars, relu_name, relu_layers = charts[1]
        ticks = self.decade_ticks(sigmoid_axis, data.vanishing_decades, per_decade)
        # The remedy's chart on the same labelled scale: its level bars can be read off it.
        relu_ticks = self.decade_ticks(relu_axis, data.vanishing_decades, per_decade)
        axis_label = self.text("size of ∂L/∂W per layer, log scale", "caption", color=colors.muted)
        axis_label.next_to(title, RIGHT, buff=0.5).align_to(title, DOWN)
        fit_width(axis_label, safe_area().right - axis_label.get_left()[0])
        arrow = self.trend_arrow(sigmoid_bars, 0.18)

        self.caption(VANISHING_TEXT)
        self.play(
            FadeIn(title, shift=0.2 * RIGHT),
            FadeIn(axis_label),
            FadeIn(VGroup(sigmoid_axis, sigmoid_name, sigmoid_layers, ticks)),
            run_time=0.8,
        )
        # Bars appear from the output side back toward the input: the direction gradients travel.
        self.play(
            LaggedStart(*(GrowFromEdge(bar, DOWN) for bar in reversed(sigmoid_bars)), lag_ratio=0.3),
            Create(arrow),
            run_time=3.6,
        )
        self.play(FadeIn(cause, shift=0.2 * DOWN), run_time=0.8)
        self.play(
            ShowPassingFlash(arrow.copy().set_stroke(colors.accent, width=8), time_width=0.5),
            Indicate(sigmoid_bars[0], color=colors.accent, scale_factor=1.0),
            run_time=1.4,
        )
        # The remedy's chart while the problem is still being read: the right half never stands empty.
        self.play(FadeIn(VGroup(relu_axis, relu_name, relu_layers, relu_ticks)), run_time=0.8)
        self.play(LaggedStart(*(GrowFromEdge(bar, DOWN) for bar in reversed(relu_bars)), lag_ratio=0.2), run_time=2.0)
        self.rest(self.theme.pacing.reading_time(VANISHING_TEXT) - 9.4)
        self.caption(solutions_caption("Solutions", VANISHING_FIXES))
        self.show_chips(fixes, run_time=1.2)
        # The ReLU chip's words and the ReLU chart light up together (the chip's words, so its fill stays).
        # Colour only (scale 1): the words never outgrow their pill.
        self.play(
            Indicate(fixes[1][1], color=colors.accent, scale_factor=1.0),
            Indicate(relu_name, color=colors.accent, scale_factor=1.0),
            run_time=1.2,
        )
        left = self.theme.pacing.reading_time(solutions_caption("Solutions", VANISHING_FIXES)) - 2.4 - 1.0
        self.rest(left / 2)
        self.play(Indicate(relu_bars, color=colors.accent, scale_factor=1.0), run_time=1.0)
        self.rest(left / 2)
        self.clear_content(keep_heading=True)

    def exploding_gradients(self) -> None:
        self.step("exploding gradients")
        data = self.data
        colors = self.theme.colors
        exploding = data.exploding
        title = self.part_title(2, EXPLODING_TITLE)
        cause = self.cause_line(title, f"× {self.fmt(data.exploding_per_layer, 1)} per layer back: weights too large")
        fixes = self.chips(EXPLODING_FIXES)
        low, high = data.exploding_decades[0], data.exploding_decades[-1]
        chart_height, chart_y = self.chart_band(cause, fixes)
        centre = np.array([-3.0, chart_y, 0])
        axis, (bars, clipped_bars, total_bars), per_decade = self.log_chart(
            [
                log10_norms(exploding.unclipped),
                log10_norms(exploding.clipped),
                (np.log10(exploding.unclipped.total_norm), np.log10(exploding.clipped.total_norm)),
            ],
            low,
            high,
            5.2,
            centre,
            chart_height,
        )
        bars.set_fill(colors.gradient, opacity=0.9)
        clipped_bars.set_fill(colors.gradient, opacity=0.9)
        ticks = self.decade_ticks(axis, data.exploding_decades, per_decade)
        layers = self.layer_labels(axis)
        axis_label = self.text("size of ∂L/∂W per layer, log scale", "caption", color=colors.muted)
        axis_label.next_to(title, RIGHT, buff=0.5).align_to(title, DOWN)
        fit_width(axis_label, safe_area().right - axis_label.get_left()[0])
        arrow = self.trend_arrow(bars, 0.15)

        # The total norm of all layers together: one bar on the same log scale, right of the chart.
        origin = axis[0].get_start()
        total_x = axis.get_right()[0] + 1.2
        total, total_clipped = total_bars
        for bar in (total, total_clipped):
            bar.stretch_to_fit_width(0.6).set_fill(colors.gradient, opacity=0.9)
            bar.move_to([total_x, origin[1] + bar.height / 2, 0])
        total_axis = Line([total_x - 0.5, origin[1], 0], [total_x + 0.5, origin[1], 0], color=colors.muted, stroke_width=2)
        total_name = self.text("all layers", "caption", color=colors.muted)
        total_name.next_to(total_axis, DOWN, buff=0.1)
        norm = ValueTracker(np.log10(exploding.unclipped.total_norm))
        readout = GroupedLiveNumber(lambda: 10 ** norm.get_value(), 1, role="body", color=colors.gradient)
        readout_head = self.text("total norm", "label", color=colors.muted)
        readout_row = VGroup(readout_head, readout).arrange(RIGHT, buff=0.25, aligned_edge=DOWN)
        column_left = total_x + 0.7
        readout_row.move_to([column_left, origin[1] + chart_height, 0], aligned_edge=LEFT + UP)
        self.record_number(readout.text, exploding.unclipped.total_norm)
        threshold_y = origin[1] + (np.log10(exploding.max_norm) - low) * per_decade
        threshold = DashedLine(
            [origin[0], threshold_y, 0], [total_x + 0.5, threshold_y, 0], color=colors.accent, stroke_width=3, dash_length=0.12
        )
        threshold_label = self.text(f"clip at {self.fmt(exploding.max_norm)}", "label", color=colors.accent)
        threshold_label.move_to([column_left, threshold_y - 0.12, 0], aligned_edge=LEFT + UP)
        divide = self.text(
            f"every gradient ÷ {fmt(exploding.unclipped.total_norm, 1, group=True)}", "label", color=colors.text
        )
        self.record_number(fmt(exploding.unclipped.total_norm, 1, group=True), exploding.unclipped.total_norm)
        divide.next_to(readout_row, DOWN, buff=0.25, aligned_edge=LEFT)
        kept = self.text("direction kept, size capped", "caption", color=colors.accent)
        for words in (readout_row, threshold_label, divide):
            fit_width(words, safe_area().right - column_left)
        # The note inside the chart, above the clip line: once the bars have dropped under the line that
        # part of the chart is empty, and the note reads on its own line, clear of the column's words and
        # of the bars' names. A dark tab keeps the grid lines from running through its letters.
        fit_width(kept, axis[1].get_length() - 0.4)
        kept.move_to([axis[1].get_center()[0], (threshold_y + origin[1] + chart_height) / 2, 0])
        kept_tab = RoundedRectangle(
            corner_radius=0.1, width=kept.width + 0.3, height=kept.height + 0.2, stroke_width=0
        ).set_fill(colors.background, opacity=0.9).move_to(kept)
        kept = VGroup(kept_tab, kept)

        self.caption(EXPLODING_TEXT)
        self.play(
            FadeIn(title, shift=0.2 * RIGHT),
            FadeIn(VGroup(axis, ticks, layers, axis_label, total_axis, total_name)),
            run_time=0.8,
        )
        self.play(
            LaggedStart(*(GrowFromEdge(bar, DOWN) for bar in reversed(bars)), lag_ratio=0.25),
            Create(arrow),
            run_time=2.2,
        )
        self.play(
            FadeIn(cause, shift=0.2 * DOWN), GrowFromEdge(total, DOWN), FadeIn(readout_row, shift=0.2 * UP), run_time=0.8
        )
        self.caption(solutions_caption("Solutions", EXPLODING_FIXES))
        self.show_chips(fixes, Create(threshold), FadeIn(threshold_label), run_time=1.2)
        # Clipping divides every gradient by one number: on a log scale every bar drops by the same
        # amount, and the total lands on the threshold.
        self.play(FadeIn(divide, shift=0.2 * UP), FadeOut(arrow), run_time=0.6)
        self.play(
            Transform(bars, clipped_bars),
            Transform(total, total_clipped),
            norm.animate.set_value(np.log10(exploding.clipped.total_norm)),
            run_time=1.8,
        )
        readout.clear_updaters()
        self.record_number(readout.text, exploding.clipped.total_norm)
        self.play(FadeIn(kept, shift=0.2 * UP), run_time=0.6)
        self.rest(self.theme.pacing.reading_time(solutions_caption("Solutions", EXPLODING_FIXES)) - 4.2)
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

    def head_mark(self, color, ring: int) -> VMobject:
        """A racer's head: a dot, or (``ring`` ≥ 1) a ring wide enough to show a dot that ends in the same
        place, and ``ring`` − 1 smaller rings inside it."""
        if ring:
            return Circle(radius=0.2 + 0.11 * (ring - 1), color=color, stroke_width=5)
        return Dot(radius=0.11, color=color)

    def legend(self, paths, path_colors, rings, ends) -> VGroup:
        """One entry per optimiser: its head mark and colour, its name, and (shown later) how it ended."""
        entries = VGroup()
        for path in paths:
            swatch = Line(ORIGIN, 0.45 * RIGHT, color=path_colors[path.name], stroke_width=8)
            mark = self.head_mark(path_colors[path.name], min(rings.get(path.name, 0), 1)).scale(0.8)
            name = self.text(path.display_name, "label", bold=True, color=path_colors[path.name])
            row = VGroup(VGroup(swatch, mark.move_to(swatch)), name).arrange(RIGHT, buff=0.2)
            end = self.text(ends[path.name], "caption", color=self.theme.colors.text)
            end.next_to(row, DOWN, buff=0.08).align_to(name, LEFT)
            entries.add(VGroup(row, end))
        return entries.arrange(DOWN, buff=0.25, aligned_edge=LEFT)

    def racer(self, screen: np.ndarray, color, tracker: ValueTracker, ring: int = 0) -> tuple[VGroup, VMobject]:
        """A path drawn as it is travelled: a head at the tracker's (fractional) step and a trail behind
        it that fades with age (see :data:`TRAIL_PIECES`). A ring head leaves a dot under it visible."""
        trail = VGroup()
        for behind, until, opacity in TRAIL_PIECES:
            piece = VMobject(stroke_color=color, stroke_width=5, stroke_opacity=opacity)
            piece.set_points_as_corners(trail_points(screen, 0.0, behind, until))
            piece.add_updater(
                lambda mobject, behind=behind, until=until: mobject.set_points_as_corners(
                    trail_points(screen, tracker.get_value(), behind, until)
                )
            )
            trail.add(piece)
        head = self.head_mark(color, ring).move_to(screen[0]).set_z_index(4 if ring else 3)
        head.add_updater(lambda mobject: mobject.move_to(trail_points(screen, tracker.get_value(), 0.0, 0.0)[-1]))
        return trail, head

    def local_minima(self) -> None:
        self.step("local minima and saddle points")
        data = self.data
        colors = self.theme.colors
        title = self.part_title(3, LANDSCAPE_TITLE)
        cause = self.cause_line(title, "gradient ≈ 0 at local minima & saddles → updates stall")
        (x_min, x_max), (y_min, y_max) = data.landscape_bounds
        region = content_area()
        top = cause.get_bottom()[1] - 0.2
        floor = region.bottom + FLOOR_LIFT
        height = top - floor
        width = LANDSCAPE_WIDTH
        centre = np.array([region.left + width / 2, floor + height / 2, 0])

        def to_screen(x: float, y: float) -> np.ndarray:
            return centre + np.array(
                [(x - x_min) / (x_max - x_min) * width - width / 2, (y - y_min) / (y_max - y_min) * height - height / 2, 0]
            )

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

        # Optimisers are categories, not roles: the theme's category colours, never a role's.
        path_colors = {path.name: color for path, color in zip(data.paths, colors.categories)}
        # Optimisers can end in the same place: each but the last of such a group draws a ring around the
        # later ones, one ring size per later companion, so the rings nest instead of covering each other.
        rings = {
            path.name: sum(np.hypot(*(np.array(path.points[-1]) - other.points[-1])) < 0.2 for other in data.paths[i + 1 :])
            for i, path in enumerate(data.paths)
        }
        rings = {name: int(count) for name, count in rings.items() if count}
        race_routes = [np.array([to_screen(*p) for p in path.points]) for path in data.paths]
        saddle_routes = [np.array([to_screen(*p) for p in path.points]) for path in data.saddle_paths]
        spots = [to_screen(*point.point) for point in data.critical_points]
        markers = VGroup(*(Dot(spot, radius=0.08, color=colors.text) for spot in spots)).set_z_index(2)
        every_dot = np.array([*spots, *(route[0] for route in race_routes + saddle_routes), *(route[-1] for route in race_routes + saddle_routes)])
        marker_labels = self.landscape_labels(
            spots, [point.kind for point in data.critical_points], race_routes + saddle_routes, every_dot, frame
        ).set_z_index(2)

        # The step counter on the title's line; beside the plot one legend entry per optimiser, with
        # where it ended (shown once the race is over).
        side_left = frame.get_right()[0] + 0.4
        side_width = region.right - side_left
        race_step = ValueTracker(0.0)
        step_label = self.text("step", "label", color=colors.muted)
        step_number = LiveNumber(lambda: np.floor(race_step.get_value() + 1e-6), 0, role="body", color=colors.text)
        step_of = self.text(f"of {self.fmt(data.landscape_steps)}", "label", color=colors.muted)
        counter = VGroup(step_label, step_number, step_of).arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        # Leave room for the longest count: the number grows to the right as it ticks.
        step_of.shift((len(fmt(data.landscape_steps)) - 1) * step_number.glyphs.advance * RIGHT)
        counter.move_to([region.right, title.get_y(), 0], aligned_edge=RIGHT)
        legend = self.legend(data.paths, path_colors, rings, {path.name: f"→ {path.end_kind}" for path in data.paths})
        outcome = VGroup(*(entry[1] for entry in legend))
        fit_in(legend, side_width, top - floor)
        legend.move_to([side_left, top, 0], aligned_edge=LEFT + UP)

        trails, heads = VGroup(), VGroup()
        for path, route in zip(data.paths, race_routes):
            trail, head = self.racer(route, path_colors[path.name], race_step, ring=rings.get(path.name, 0))
            trails.add(trail)
            heads.add(head)

        self.caption(LANDSCAPE_TEXT, 1.2 + 0.8 + RACE_TIME + 1.0 + RACE_RESULT_HOLD)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(cause), FadeIn(frame), Create(contours), run_time=1.2)
        self.play(FadeIn(markers), FadeIn(marker_labels), FadeIn(counter), *(FadeIn(entry[0]) for entry in legend), FadeIn(heads), run_time=0.8)
        self.add(trails)
        pace = race_pace(race_routes)
        steps = np.arange(data.landscape_steps + 1, dtype=float)
        self.play(
            race_step.animate.set_value(float(data.landscape_steps)),
            rate_func=lambda t: float(np.interp(t, pace, steps)) / data.landscape_steps,
            run_time=RACE_TIME,
        )
        for mobject in (*trails.family_members_with_points(), *heads, step_number):
            mobject.clear_updaters()
        self.play(LaggedStart(*(FadeIn(end, shift=0.2 * RIGHT) for end in outcome), lag_ratio=0.3), run_time=1.0)
        self.wait(RACE_RESULT_HOLD)
        self.saddle_start(data, path_colors, saddle_routes, trails, heads, counter, cause, legend)
        self.clear_content(keep_heading=True)

    def saddle_start(self, data, path_colors, routes, race_trails, race_heads, counter, cause, race_legend) -> None:
        """A second start just above the saddle point: SGD slides onto it and stalls; Adam rolls off."""
        self.step("a saddle point stalls SGD")
        colors = self.theme.colors
        saddle_step = ValueTracker(0.0)
        saddle = np.array(data.saddle_point.point)
        sgd = data.saddle_paths[0]
        stalled_before = np.concatenate([[0], np.cumsum(np.hypot(*(sgd.points - saddle).T) < data.saddle_radius)])
        stall_count = LiveNumber(
            lambda: stalled_before[int(np.floor(saddle_step.get_value() + 1e-6)) + 1], 0, role="body", color=colors.text
        )
        stall_head = self.text("SGD steps stuck at the saddle:", "label", color=colors.text)
        stall_of = self.text(f"of {self.fmt(data.saddle_steps)}", "label", color=colors.muted)
        stall = VGroup(stall_head, stall_count, stall_of).arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        # Room for the final count: the number grows to the right as it ticks.
        stall_of.shift((len(fmt(data.saddle_stall_steps)) - 1) * stall_count.glyphs.advance * RIGHT)
        # In place of the cause line, which this run shows at work.
        stall.move_to(cause, aligned_edge=LEFT)
        trails, heads = VGroup(), VGroup()
        for path, route in zip(data.saddle_paths, routes):
            trail, head = self.racer(route, path_colors[path.name], saddle_step)
            trails.add(trail)
            heads.add(head)
        # The race's results leave with the race; this run gets its own legend and outcomes.
        ends = {
            path.name: "→ stuck at the saddle" if path.end_kind == "saddle point" else "→ escapes the saddle"
            for path in data.saddle_paths
        }
        legend = self.legend(data.saddle_paths, path_colors, {}, ends)
        if legend.width > race_legend.width:
            legend.scale_to_fit_width(race_legend.width)
        legend.move_to(race_legend, aligned_edge=LEFT + UP)
        saddle_outcome = VGroup(*(entry[1] for entry in legend))

        self.caption(SADDLE_TEXT)
        self.play(
            race_trails.animate.set_stroke(opacity=0.15),
            # Dim, not fill: a ring head stays a ring.
            *(head.animate.set_stroke(opacity=0.25).set_fill(opacity=0.25 if isinstance(head, Dot) else 0) for head in race_heads),
            FadeOut(counter),
            FadeOut(cause),
            FadeOut(race_legend),
            run_time=0.5,
        )
        # In after the old words are out: the two never share a frame.
        self.play(FadeIn(stall), *(FadeIn(entry[0]) for entry in legend), FadeIn(heads, scale=1.6), run_time=0.5)
        self.add(trails)
        self.play(saddle_step.animate.set_value(float(data.saddle_steps)), rate_func=lambda t: t, run_time=SADDLE_TIME)
        for mobject in (*trails.family_members_with_points(), *heads, stall_count):
            mobject.clear_updaters()
        self.record_number(stall_count.text, data.saddle_stall_steps)
        self.play(LaggedStart(*(FadeIn(end, shift=0.2 * RIGHT) for end in saddle_outcome), lag_ratio=0.3), run_time=0.8)
        # The outcomes stay readable before the panel leaves.
        self.wait(max(SADDLE_RESULT_HOLD, self.theme.pacing.reading_time(SADDLE_TEXT) - 1.0 - SADDLE_TIME - 0.8))

    def computational_cost(self) -> None:
        self.step("computational cost")
        data = self.data
        cost = data.cost
        colors = self.theme.colors
        title = self.part_title(4, COST_TITLE)
        cause = self.cause_line(title, f"every step: forward, then backward ≈ {self.fmt(data.cost_ratio, 1)} × forward")
        fixes = self.chips(COST_FIXES)
        network = self.text(
            f"{self.fmt(len(cost.sizes) - 1)} layers × {self.fmt(cost.sizes[1])} units, batch of {self.fmt(cost.batch_size)}",
            "caption",
            color=colors.muted,
        )
        network.move_to([content_area().right, title.get_y(), 0], aligned_edge=RIGHT)
        heading = self.text("multiply-adds per training step", "label", color=colors.text)
        heading.next_to(cause, DOWN, buff=0.4).align_to(title, LEFT)

        max_width = 3.2
        rows = VGroup()
        for name, count, color in (("Forward", cost.forward, colors.forward), ("Backward", cost.backward, colors.gradient)):
            label = self.text(name, "body", color=color)
            bar = Rectangle(width=max_width * count / cost.backward, height=0.5, stroke_width=0).set_fill(color, opacity=0.9)
            value = self.text(fmt(count, group=True), "body", mono=True, color=color)
            self.record_number(fmt(count, group=True), count)
            rows.add(VGroup(label, bar, value))
        label_width = max(row[0].width for row in rows)
        for index, row in enumerate(rows):
            label, bar, value = row
            label.move_to([safe_area().left + label_width, -index * COST_ROW_PITCH, 0], aligned_edge=RIGHT)
            bar.next_to(label, RIGHT, buff=0.3)
            bar.align_to([label.get_right()[0] + 0.3, 0, 0], LEFT)
            value.next_to(bar, RIGHT, buff=0.25)
        rows.next_to(heading, DOWN, buff=0.3).align_to(title, LEFT)

        # "Thousands of GPUs": a field of chips right of the bars, its words at label size beneath.
        field_rows, field_columns = GPU_FIELD
        field = VGroup(*(icon("chip", 0.42, colors.muted) for _ in range(field_rows * field_columns)))
        field.arrange_in_grid(field_rows, field_columns, buff=(0.14, 0.14))
        gpu_words = self.text("thousands of GPUs, for weeks", "label", bold=True, color=colors.text)
        left = rows.get_right()[0] + 0.6
        room = safe_area().right - left
        fit_width(gpu_words, room)
        top, bottom = cause.get_bottom()[1] - 0.3, fixes.get_top()[1] + 0.3
        fit_in(field, room, top - bottom - gpu_words.height - 0.2)
        gpus = VGroup(field, gpu_words).arrange(DOWN, buff=0.2)
        gpus.move_to([(left + safe_area().right) / 2, (top + bottom) / 2, 0])

        self.caption(COST_TEXT)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(network), FadeIn(heading), run_time=0.8)
        for label, bar, value in rows:
            self.play(FadeIn(label), GrowFromEdge(bar, LEFT), FadeIn(value), run_time=0.8)
        self.play(FadeIn(cause, shift=0.2 * DOWN), run_time=0.6)
        self.play(LaggedStart(*(FadeIn(chip, scale=0.6) for chip in field), lag_ratio=0.05), FadeIn(gpu_words), run_time=1.8)
        techniques = solutions_caption("Techniques", COST_FIXES)
        self.caption(techniques)
        self.show_chips(fixes, run_time=1.2)
        # Distributed training: the whole field works at once.
        self.play(
            LaggedStart(*(chip.animate.set_color(colors.accent).scale(1.2) for chip in field), lag_ratio=0.04),
            run_time=2.0,
        )
        self.play(LaggedStart(*(chip.animate.set_color(colors.muted).scale(1 / 1.2) for chip in field), lag_ratio=0.04), run_time=1.6)
        self.rest(self.theme.pacing.reading_time(techniques) - 4.8 - 1.0)
