"""11 The Full Algorithm: the four-step loop, then the loop running for real.

First the loop's four boxes (forward, loss, backward, update), each filled in
with the worked example's number as a token travels around. Then the loop
shrinks to a checklist that keeps cycling while a real training run plays: the
decision boundary on the toy dataset sharpens snapshot by snapshot and the loss
curve draws itself on a log axis, epoch by epoch. It ends on "Repeat for N epochs × M batches"
with the run's own N and M.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Arrow,
    Axes,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    LogBase,
    MoveAlongPath,
    ReplacementTransform,
    RoundedRectangle,
    ValueTracker,
    VGroup,
    VMobject,
)

from backprop_core.formatting import fmt
from scenes.kit.base import SectionScene
from scenes.kit.icons import icon
from scenes.kit.layout import content_area, fit_width, safe_area
from scenes.kit.readout import LiveNumber
from scenes.kit.theme import THEME, Theme
from scenes.kit.typography import styled_text

INTRO = "The complete training loop in four steps, repeated thousands of times."
STEPS = (
    ("Forward Pass", "", "Feed a batch of data through the network to produce predictions."),
    ("Compute Loss", "", "Measure how wrong the predictions are using a loss function (MSE, cross-entropy, etc.)."),
    (
        "Backward Pass",
        "(Backpropagation)",
        "Compute gradients of the loss with respect to every weight using the chain rule.",
    ),
    (
        "Update Weights",
        "(Gradient Descent)",
        "Nudge every weight in the direction that reduces the loss: w = w − η × ∇L.",
    ),
)
SHORT_NAMES = ("Forward", "Loss", "Backward", "Update")
CONVERGES = "the network converges toward minimal loss"

BOX_SIZE = (5.6, 1.6)
#: Bottom edge of the training picture: above the closing "Repeat for …" lines.
PLOT_BOTTOM = -2.35
BOUNDARY_WIDTH = 4


def chain_segments(segments: np.ndarray, decimals: int = 6) -> list[np.ndarray]:
    """Join line segments (k, 2, 2) that share end points into polylines (each (n, 2)).

    Marching squares gives each grid cell its own piece; neighbours meet at the same
    edge crossing, up to rounding, so end points are matched after rounding.
    """
    def key(point: np.ndarray) -> tuple[float, float]:
        return (round(float(point[0]), decimals), round(float(point[1]), decimals))

    ends: dict[tuple[float, float], list[int]] = {}
    for index, (start, end) in enumerate(segments):
        ends.setdefault(key(start), []).append(index)
        ends.setdefault(key(end), []).append(index)
    used = [False] * len(segments)

    def extend(chain: list[np.ndarray]) -> None:
        while True:
            options = [i for i in ends.get(key(chain[-1]), []) if not used[i]]
            if not options:
                return
            index = options[0]
            used[index] = True
            start, end = segments[index]
            chain.append(end if key(start) == key(chain[-1]) else start)

    polylines = []
    for index, (start, end) in enumerate(segments):
        if used[index]:
            continue
        used[index] = True
        chain = [start, end]
        extend(chain)
        chain.reverse()
        extend(chain)
        polylines.append(np.array(chain))
    return polylines


class LogLossPlot(VGroup):
    """A loss curve on a logarithmic y axis, with a dot that follows a tracker, filling
    ``width`` × ``height`` with its labels.

    The kit's ``LossPlot`` fixes a linear y axis that starts at 0; a loss that falls by
    orders of magnitude lies flat on its floor there. Here the y axis spans the decades
    ``y_ticks[0]`` … ``y_ticks[-1]`` (powers of ten, labelled with ``fmt``), and the
    curve joins the samples with straight lines on screen, so the dot interpolates
    log₁₀ of the loss. Parts as in ``LossPlot``: ``.axes``, ``.curve``, ``.dot``,
    ``.x_label``, ``.y_label``, ``.ticks``, plus ``.grid`` (a faint line per decade).
    """

    TICK_BUFF = 0.15
    LABEL_BUFF = 0.25

    def __init__(
        self,
        xs: np.ndarray,
        ys: np.ndarray,
        tracker: ValueTracker,
        *,
        x_label: str,
        y_label: str,
        width: float,
        height: float,
        x_ticks: tuple[float, ...],
        y_ticks: tuple[float, ...],
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        self.xs = np.asarray(xs, dtype=float)
        self.log_ys = np.log10(np.asarray(ys, dtype=float))
        self.tracker = tracker
        colors = theme.colors

        def label(text: str, role: str = "caption") -> VMobject:
            return styled_text(text, role, color=colors.muted, theme=theme)

        y_tick_labels = [label(fmt(value)) for value in y_ticks]
        x_tick_labels = [label(fmt(value)) for value in x_ticks]
        self.y_label = label(y_label, "label")
        self.x_label = label(x_label, "label")
        # The axes get what the labels leave: the y label and ticks on the left, half the
        # top tick above, the x ticks and label in one row below.
        left = self.y_label.width + self.LABEL_BUFF + max(tick.width for tick in y_tick_labels) + self.TICK_BUFF
        right = max([tick.width / 2 for tick in x_tick_labels] + [0.15])
        below = self.TICK_BUFF + max(tick.height for tick in [*x_tick_labels, self.x_label])
        above = y_tick_labels[-1].height / 2
        low, high = (round(float(np.log10(tick))) for tick in (y_ticks[0], y_ticks[-1]))
        self.axes = Axes(
            x_range=[float(self.xs[0]), float(self.xs[-1]), float(self.xs[-1] - self.xs[0]) / 4],
            y_range=[low, high, 1],
            x_length=width - left - right,
            y_length=height - above - below,
            tips=False,
            axis_config={"color": colors.muted, "stroke_width": theme.strokes.thin, "include_ticks": False},
            # No LaTeX labels: the ticks are Text made with fmt.
            y_axis_config={"scaling": LogBase(custom_labels=False)},
        )
        self.grid = VGroup(
            *(
                Line(self.axes.c2p(self.xs[0], tick), self.axes.c2p(self.xs[-1], tick), color=colors.faint, stroke_width=1.5)
                for tick in y_ticks[1:]
            )
        )
        self.curve = VMobject(stroke_color=colors.loss, stroke_width=theme.strokes.normal)
        self.curve.set_points_as_corners([self.axes.c2p(x, 10.0**y) for x, y in zip(self.xs, self.log_ys)])
        self.ticks = VGroup()
        for value, tick in zip(y_ticks, y_tick_labels):
            self.ticks.add(tick.next_to(self.axes.c2p(self.xs[0], value), LEFT, buff=self.TICK_BUFF))
        for value, tick in zip(x_ticks, x_tick_labels):
            self.ticks.add(tick.next_to(self.axes.c2p(value, y_ticks[0]), DOWN, buff=self.TICK_BUFF))
        self.y_label.next_to(VGroup(*y_tick_labels), LEFT, buff=self.LABEL_BUFF)
        # Under the axis, not at its end: the curve ends just above the axis there.
        self.x_label.next_to(self.axes.x_axis, DOWN, buff=self.TICK_BUFF)
        self.add(self.grid, self.axes, self.curve, self.x_label, self.y_label, self.ticks)
        self.dot = Dot(radius=0.11, color=colors.accent)
        self.dot.add_updater(lambda dot: dot.move_to(self.point_at(self.tracker.get_value())))
        self.dot.update()
        self.add(self.dot)

    def point_at(self, x: float) -> np.ndarray:
        """Scene coordinates of the curve's point at ``x`` (on the straight piece between samples)."""
        return self.axes.c2p(x, 10.0 ** float(np.interp(x, self.xs, self.log_ys)))


class FullAlgorithm(SectionScene):
    section_number = 11

    def construct(self) -> None:
        self.show_header()
        self.four_steps()
        self.train_for_real()
        self.repeat_summary()
        self.end_section()

    def step_colors(self) -> tuple[str, str, str, str]:
        colors = self.theme.colors
        return (colors.forward, colors.loss, colors.gradient, colors.accent)

    def example_values(self) -> tuple[str, str, str, str]:
        """One line per step with the worked example's number for it."""
        walk = self.data.walk
        return (
            f"ŷ = {self.fmt(walk.y_hat)}",
            f"L = {self.fmt(walk.loss)}",
            f"∂L/∂w = {self.fmt(walk.dL_dw)}",
            f"w = {self.fmt(walk.w)} − {self.fmt(walk.lr)} × ({self.fmt(walk.dL_dw)}) = {self.fmt(walk.w_new)}",
        )

    def four_steps(self) -> None:
        colors = self.theme.colors
        region = content_area()
        boxes = VGroup()
        values = VGroup()
        for number, ((title, aside, _), color, value) in enumerate(
            zip(STEPS, self.step_colors(), self.example_values()), start=1
        ):
            frame = RoundedRectangle(
                corner_radius=0.18, width=BOX_SIZE[0], height=BOX_SIZE[1], color=colors.panel_edge, stroke_width=3
            ).set_fill(colors.panel, opacity=1)
            badge = Circle(0.25, color=color, stroke_width=3).set_fill(colors.panel, opacity=1)
            digit = self.text(str(number), "label", bold=True, color=color).move_to(badge)
            name = self.text(title, "label", bold=True, color=colors.text)
            head = VGroup(VGroup(badge, digit), name).arrange(RIGHT, buff=0.2)
            if aside:
                head.add(self.text(aside, "label", color=colors.muted, font_size=26).next_to(head, DOWN, buff=0.08).align_to(name, LEFT))
            fit_width(head, BOX_SIZE[0] - 0.4)
            line = self.text(value, "label", mono=True, color=color, font_size=26)
            fit_width(line, BOX_SIZE[0] - 0.4)
            inner = VGroup(head, line).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
            inner.move_to(frame)
            boxes.add(VGroup(frame, head))
            values.add(line)
        # Clockwise: 1 top left, 2 top right, 3 bottom right, 4 bottom left.
        centre = region.center + 0.25 * UP
        dx, dy = BOX_SIZE[0] / 2 + 0.45, BOX_SIZE[1] / 2 + 0.3
        for box, line, offset in zip(boxes, values, ((-dx, dy), (dx, dy), (dx, -dy), (-dx, -dy))):
            shift = centre + np.array([offset[0], offset[1], 0]) - box[0].get_center()
            box.shift(shift)
            line.shift(shift)
        arrows = VGroup(
            Arrow(boxes[0].get_right(), boxes[1].get_left(), buff=0.1, color=colors.muted, stroke_width=4),
            Arrow(boxes[1].get_bottom(), boxes[2].get_top(), buff=0.1, color=colors.muted, stroke_width=4),
            Arrow(boxes[2].get_left(), boxes[3].get_right(), buff=0.1, color=colors.muted, stroke_width=4),
            Arrow(boxes[3].get_top(), boxes[0].get_bottom(), buff=0.1, color=colors.muted, stroke_width=4),
        )
        repeat = icon("repeat", 0.8, colors.muted).move_to(centre)
        # Wrapped on purpose: Pango wraps a Text wider than the frame by itself.
        note = self.paragraph(self.data.update_sentence, safe_area().width, "caption", color=colors.muted, align="center")
        note.next_to(VGroup(boxes, values), DOWN, buff=0.25)

        self.caption(INTRO)
        self.play(
            LaggedStart(*(FadeIn(box, shift=0.2 * UP) for box in boxes), lag_ratio=0.2),
            LaggedStart(*(Create(arrow) for arrow in arrows), lag_ratio=0.2),
            FadeIn(repeat),
            run_time=2.0,
        )
        self.wait(self.theme.pacing.reading_time(INTRO) - 2.0)
        token = Dot(boxes[3][0].get_top(), radius=0.12, color=colors.accent)
        self.add(token)
        for index, ((_, _, sentence), color) in enumerate(zip(STEPS, self.step_colors())):
            reading = self.theme.pacing.reading_time(sentence)
            self.caption(sentence, reading)
            travel = arrows[(index - 1) % 4]
            self.play(
                MoveAlongPath(token, travel.copy()),
                boxes[index][0].animate.set_stroke(color, width=5),
                *(boxes[other][0].animate.set_stroke(colors.panel_edge, width=3) for other in range(4) if other != index),
                run_time=0.8,
            )
            extra = [FadeIn(note, shift=0.2 * UP)] if index == 3 else []
            self.play(FadeIn(values[index], shift=0.15 * RIGHT), *extra, run_time=0.7)
            self.wait(max(0.3, reading - 1.5))
        self.loop_parts = (boxes, values, arrows, repeat, note, token)

    def compact_loop(self) -> VGroup:
        """The loop as a one-line checklist across the top of the content area: badge and short name
        per step, then the repeat icon."""
        colors = self.theme.colors
        rows = VGroup()
        for number, (name, color) in enumerate(zip(SHORT_NAMES, self.step_colors()), start=1):
            badge = Circle(0.22, color=color, stroke_width=3).set_fill(colors.panel, opacity=1)
            digit = self.text(str(number), "caption", bold=True, color=color).move_to(badge)
            label = self.text(name, "label", color=colors.text)
            rows.add(VGroup(VGroup(badge, digit), label).arrange(RIGHT, buff=0.15))
        rows.arrange(RIGHT, buff=0.55)
        # Names start with a capital: aligning their tops lines up their baselines too
        # (centring would lift the ones with descenders).
        for row in rows:
            row[1].shift((rows[0][1].get_top()[1] - row[1].get_top()[1]) * UP)
        back = icon("repeat", 0.45, colors.muted).next_to(rows, RIGHT, buff=0.45)
        return VGroup(rows, back)

    def boundary_line(self, segments: np.ndarray, to_screen: Callable[[float, float], np.ndarray]) -> VMobject:
        """The decision boundary as joined polylines (loose marching-squares segments draw as a
        dashed-looking line at low resolution)."""
        line = VMobject(stroke_color=self.theme.colors.text, stroke_width=BOUNDARY_WIDTH)
        for polyline in chain_segments(segments):
            line.start_new_path(to_screen(*polyline[0]))
            for point in polyline[1:]:
                line.add_line_to(to_screen(*point))
        return line

    def train_for_real(self) -> None:
        data = self.data
        history = data.history
        colors = self.theme.colors
        region = content_area()
        boxes, values, arrows, repeat, note, token = self.loop_parts
        compact = self.compact_loop()
        compact.move_to([region.center[0], region.top - compact.height / 2, 0])

        xs, ys = history.grid_xs, history.grid_ys
        plot_title = self.text("decision boundary", "caption", color=colors.muted)
        plot_top = compact.get_bottom()[1] - 0.25 - plot_title.height - 0.12
        plot_height = plot_top - PLOT_BOTTOM
        plot_width = plot_height * (xs[-1] - xs[0]) / (ys[-1] - ys[0])
        plot_centre = np.array([region.left + plot_width / 2, PLOT_BOTTOM + plot_height / 2, 0])

        def to_screen(x: float, y: float) -> np.ndarray:
            return plot_centre + np.array(
                [
                    (x - xs[0]) / (xs[-1] - xs[0]) * plot_width - plot_width / 2,
                    (y - ys[0]) / (ys[-1] - ys[0]) * plot_height - plot_height / 2,
                    0,
                ]
            )

        boundaries = [self.boundary_line(snap.boundary, to_screen) for snap in data.snapshots]
        dataset = history.dataset
        points = VGroup(
            *(
                Dot(to_screen(*point), radius=0.06, color=colors.forward if label == 0 else colors.gradient)
                for point, label in zip(dataset.inputs, dataset.targets)
            )
        )
        frame = RoundedRectangle(corner_radius=0.05, width=plot_width, height=plot_height, color=colors.panel_edge, stroke_width=2)
        frame.move_to(plot_centre)
        plot_title.next_to(frame, UP, buff=0.12).align_to(frame, LEFT)

        side_left = frame.get_right()[0] + 0.6
        side_width = region.right - side_left
        epoch = ValueTracker(0)

        def at_epoch(series: tuple[float, ...]):
            return lambda: series[int(round(epoch.get_value()))]

        readouts = VGroup()
        for name, source, color, digits in (
            ("Epoch", epoch, colors.text, 0),
            ("Loss", at_epoch(data.epoch_losses), colors.loss, 3),
            ("Accuracy", at_epoch(data.epoch_accuracies), colors.target, 3),
        ):
            label = self.text(name, "caption", color=colors.muted)
            number = LiveNumber(source, digits, role="subheading", color=color)
            # Tops (capitals, digits) line up across the three columns whatever the descenders.
            number.next_to(label.get_corner(UL), DOWN, buff=0.5, aligned_edge=LEFT)
            readouts.add(VGroup(label, number))
        readouts.arrange(RIGHT, buff=0.7, aligned_edge=UP)
        if readouts.width > side_width:
            fit_width(readouts, side_width)
        readouts.move_to([side_left, plot_title.get_top()[1], 0], aligned_edge=LEFT + UP)
        self.record_number(fmt(data.initial_loss, 3), data.initial_loss)

        rate = self.text(
            f"{self.fmt(len(dataset.inputs))} points · batches of {self.fmt(history.batch_size)} · η = {self.fmt(data.learning_rate)}",
            "caption",
            color=colors.muted,
        )
        if rate.width > side_width:
            fit_width(rate, side_width)
        rate.move_to([side_left, PLOT_BOTTOM, 0], aligned_edge=LEFT + DOWN)

        loss_top = readouts.get_bottom()[1] - 0.25
        loss_bottom = rate.get_top()[1] + 0.2
        loss_plot = LogLossPlot(
            np.arange(data.epochs + 1, dtype=float),
            np.array(data.epoch_losses),
            epoch,
            x_label="epoch",
            y_label="loss",
            width=side_width,
            height=loss_top - loss_bottom,
            x_ticks=(data.epochs,),
            y_ticks=data.loss_ticks,
            theme=self.theme,
        )
        self.record_number(fmt(data.epochs), data.epochs)
        for tick in data.loss_ticks:
            self.record_number(fmt(tick), tick)
        loss_plot.move_to([side_left, loss_top, 0], aligned_edge=LEFT + UP)
        curve = loss_plot.curve
        loss_plot.remove(curve)

        loop_group = VGroup(boxes, values, arrows, repeat, token)
        self.play(
            ReplacementTransform(boxes.copy(), compact[0]),
            FadeOut(loop_group),
            FadeOut(note),
            run_time=1.0,
        )
        self.add(compact)
        self.play(
            FadeIn(frame),
            FadeIn(plot_title),
            FadeIn(points, lag_ratio=0.005),  # one fade per dot, staggered, with one scene.add
            Create(boundaries[0]),
            FadeIn(loss_plot),
            FadeIn(readouts),
            FadeIn(rate),
            FadeIn(compact[1]),
            run_time=1.4,
        )
        self.caption(f"A real run: the loop goes round {self.fmt(data.steps)} times.", 10.0)

        rows = compact[0]
        shown = boundaries[0]
        step_time = 0.5
        for index in range(1, len(data.snapshots)):
            snap = data.snapshots[index]
            current = (index - 1) % 4
            # A short cross-fade between whole boundaries: morphing one set of line pieces into
            # another breaks the line up while it moves.
            self.play(
                epoch.animate.set_value(snap.epoch),
                Create(self.curve_piece(curve, data.snapshots[index - 1].epoch, snap.epoch, data.epochs)),
                FadeOut(shown),
                FadeIn(boundaries[index]),
                *(
                    row[1].animate.set_color(color if other == current else colors.text)
                    for other, (row, color) in enumerate(zip(rows, self.step_colors()))
                ),
                run_time=step_time,
                rate_func=lambda t: t,
            )
            shown = boundaries[index]
        self.play(*(row[1].animate.set_color(colors.text) for row in rows), run_time=0.3)
        self.wait(0.8)
        self.training_parts = (compact, readouts, rate)

    def curve_piece(self, curve: VMobject, start_epoch: int, end_epoch: int, epochs: int) -> VMobject:
        """The part of the loss curve from ``start_epoch`` to ``end_epoch`` (one segment per epoch)."""
        piece = VMobject(stroke_color=curve.get_stroke_color(), stroke_width=curve.get_stroke_width())
        piece.pointwise_become_partial(curve, start_epoch / epochs, end_epoch / epochs)
        return piece

    def repeat_summary(self) -> None:
        data = self.data
        colors = self.theme.colors
        # The guide's sentence keeps its N and M; the run fills them in.
        repeat = f"Repeat for N = {self.fmt(data.epochs)} epochs × M = {self.fmt(data.batches_per_epoch)} batches"
        first = self.text(repeat, "body", bold=True, color=colors.accent)
        second = self.text(f"→ {CONVERGES}", "label", color=colors.text)
        lines = VGroup(first, second).arrange(DOWN, buff=0.15)
        fit_width(lines, safe_area().width)
        lines.move_to([0, safe_area().bottom + lines.height / 2, 0])
        reading = self.caption(
            f"Repeat for N epochs × M batches → {CONVERGES}. "
            f"Here N = {self.fmt(data.epochs)} and M = {self.fmt(data.batches_per_epoch)}."
        )
        self.play(FadeIn(first, shift=0.2 * UP), run_time=0.8)
        self.play(FadeIn(second, shift=0.2 * UP), run_time=0.7)
        self.wait(max(2.8, reading - 1.5))
