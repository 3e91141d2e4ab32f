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


import numpy as np
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    UR,
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
#: The landscape plot's width (about 60 % of the frame) and how far its labels sit from their dots.
LANDSCAPE_WIDTH = 8.4
LABEL_OFFSET = 0.3
#: Log-bar charts: (height, centre y), sized to leave room for the summary and the chips below.
VANISHING_CHART = (1.45, 0.1)
EXPLODING_CHART = (2.6, -0.2)
CHIP_BUFF = 0.25


_SUPERSCRIPT = str.maketrans("0123456789\u2212", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b")


def power_of_ten(decade: int) -> str:
    """``10⁻⁶``-style label of a log axis's decade."""
    return "10" + fmt(decade).translate(_SUPERSCRIPT)


def solutions_caption(label: str, fixes: tuple[str, ...]) -> str:
    """The guide's "Solutions: a, b, c." sentence."""
    return f"{label}: {', '.join(fixes)}."


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
        for decade in data.vanishing_decades[::2]:
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
        for decade in data.exploding_decades[::2]:
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

    def landscape_labels(self, spots: list[np.ndarray], kinds: list[str], avoid: np.ndarray, inside: Rectangle) -> VGroup:
        """A label on a dark tab for each critical point, moved to whichever nearby side keeps it
        farthest from the optimisers' paths (``avoid``: screen points) and inside the plot, with a
        short leader line back to its dot."""
        colors = self.theme.colors
        directions = (UP, DOWN, UR, DR, UL, DL, LEFT, RIGHT)
        left, right = inside.get_left()[0], inside.get_right()[0]
        bottom, top = inside.get_bottom()[1], inside.get_top()[1]
        placed: list[VMobject] = []
        labels = VGroup()
        for spot, kind in zip(spots, kinds):
            words = self.text(kind, "caption", color=colors.text)
            tab = RoundedRectangle(
                corner_radius=0.1, width=words.width + 0.24, height=words.height + 0.18, stroke_width=0
            ).set_fill(colors.background, opacity=0.85)
            label = VGroup(tab, words.move_to(tab))
            best, best_score = None, -np.inf
            for direction in directions:
                candidate = label.copy().next_to(spot, direction, buff=LABEL_OFFSET)
                x0, y0 = candidate.get_corner(DL)[:2]
                x1, y1 = candidate.get_corner(UR)[:2]
                if x0 < left or x1 > right or y0 < bottom or y1 > top:
                    continue
                if any(
                    x0 < other.get_right()[0] and other.get_left()[0] < x1 and y0 < other.get_top()[1] and other.get_bottom()[1] < y1
                    for other in placed
                ):
                    continue
                dx = np.maximum(np.maximum(x0 - avoid[:, 0], avoid[:, 0] - x1), 0)
                dy = np.maximum(np.maximum(y0 - avoid[:, 1], avoid[:, 1] - y1), 0)
                score = float(np.min(np.hypot(dx, dy)))
                if score > best_score + 1e-6:
                    best, best_score = candidate, score
            label = best if best is not None else label.next_to(spot, UP, buff=LABEL_OFFSET)
            placed.append(label)
            start = spot + 0.09 * normalize(label.get_center() - spot)
            end = label.get_boundary_point(spot - label.get_center())
            leader = Line(start, end, color=colors.text, stroke_width=1.5)
            labels.add(VGroup(leader, label))
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
        path_points = np.array([to_screen(*p)[:2] for path in data.paths for p in path.points])
        marker_labels = self.landscape_labels(
            spots, [point.kind for point in data.critical_points], path_points, frame
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
            label.move_to([safe_area().left + label_width, 0.45 - index * 0.8, 0], aligned_edge=RIGHT)
            bar.next_to(label, RIGHT, buff=0.3)
            value.next_to(bar, RIGHT, buff=0.25)
            bar.align_to([label.get_right()[0] + 0.3, 0, 0], LEFT)
        ratio = self.text(f"backward ≈ {self.fmt(data.cost_ratio, 1)} × forward", "label", color=colors.gradient)
        ratio.next_to(rows, DOWN, buff=0.2).align_to(rows, LEFT)
        chip = icon("chip", 0.6, colors.accent)
        # Pango wraps a Text wider than the frame by itself, so long prose is wrapped here on purpose.
        words = self.paragraph(COST_TEXT, safe_area().width - chip.width - 0.25, "caption", color=colors.text)
        gpus = VGroup(chip, words).arrange(RIGHT, buff=0.25)
        gpus.next_to(ratio, DOWN, buff=0.2).align_to(rows, LEFT)
        fixes = self.chips("Techniques", COST_FIXES, colors.accent)

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
