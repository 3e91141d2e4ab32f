"""08 Try It Yourself: the guide's interactive demo, played as a video.

Left: the weight and learning-rate sliders, and under them the loss curve L(w)
on the same w scale as the weight track, with a dot under the knob, its tangent
(slope = the gradient readout) and an arrow that points downhill. Right: the
neuron the sliders drive (edge thickness = |w|, a gauge of ŷ against the target
y, the gap between them in the loss colour), the guide's readouts and a
loss-per-step sparkline per run. Every readout is computed per frame by the
core's ``neuron`` at the trackers' values (through the section data's
``readouts``); b stays at the preset's value, so the curve and its landmarks hold.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Circle,
    Circumscribe,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Flash,
    Indicate,
    Line,
    Rectangle,
    RoundedRectangle,
    ValueTracker,
    VGroup,
    VMobject,
    always_redraw,
    linear,
    there_and_back,
)

from backprop_core.formatting import fmt
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width, subtitle_band_top
from scenes.kit.pictures import LossPlot, Neuron, Slider
from scenes.kit.readout import LiveNumber, LiveReadout
from scenes.kit.theme import value_to_width

#: The left column (sliders over the loss curve) ends here; the right column (neuron, readouts) starts after a gap.
COLUMN_SPLIT = -0.35
COLUMN_GAP = 0.55
TRACK_INSET = 0.45
#: Room under the curve's axis for its tick labels, above the subtitle band.
TICK_ROOM = 0.5
CARD_HEIGHT = 0.9
CARD_GAP = 0.14
SPARK_GAP = 0.25
ARROW_LENGTH = 0.7
STEP_TIME = 0.4
#: Seconds for a drag across the whole weight track (shorter drags take a share, at least MIN_DRAG).
FULL_DRAG = 4.0
MIN_DRAG = 1.2


class TryItYourself(SectionScene):
    section_number = 8

    def construct(self) -> None:
        self.step("the panel")
        self.show_panel()
        self.step("what the readouts say")
        self.read_the_panel()
        self.step("drag the weight")
        self.sweep_weight()
        self.run_descent()
        cell, glow = self.neuron_glow
        cell.remove_updater(glow)
        self.end_section()

    # ------------------------------------------------------------------ beats

    def show_panel(self) -> None:
        """Header, sliders, curve, neuron and readouts arrive together: a picture within 2 s."""
        data = self.data
        self.header, self.heading = self.make_header()
        self.w_tracker = ValueTracker(data.start.w)
        self.lr_tracker = ValueTracker(data.walk.lr)
        left = self._left_column()
        right = self._right_column()
        self.play(
            FadeIn(self.header, shift=0.2 * DOWN),
            FadeIn(self.heading),
            FadeIn(left),
            FadeIn(right),
            run_time=1.4,
        )
        start = self.time
        plot = self.plot
        cell, glow = self.neuron_glow
        cell.add_updater(glow)
        self.play(FadeIn(plot.dot, scale=0.5), Create(plot.tangent), FadeIn(self.downhill), run_time=1.0)
        self.play(self._nudge(), run_time=1.6)
        self._finish_caption(start, "Adjust the weight and learning rate \u2014 watch the loss change in real time.", since_panel=1.4)

    def read_the_panel(self) -> None:
        """The guide's 1.10 / 2.00 / 0.81, then what the gradient's sign says."""
        data, colors = self.data, self.theme.colors
        start = self.time
        for card in self.cards:
            self.play(Circumscribe(card, color=colors.accent, buff=0.06), run_time=0.8)
        self.play(Circumscribe(self.gauge, color=colors.loss, buff=0.08), run_time=0.8)
        self._finish_caption(start, data.intro_sentence, filler=lambda: Circumscribe(self.cards, color=colors.accent, buff=0.06))
        start = self.time
        self.play(Indicate(self.gradient_line[0], color=colors.accent, scale_factor=1.08), run_time=0.9)
        self.play(Indicate(self.plot.tangent, color=colors.accent), Indicate(self.downhill, color=colors.accent, scale_factor=1.3), run_time=1.0)
        self.play(self._nudge(toward_minimum=True), run_time=1.8)
        self._finish_caption(start, data.gradient_sentence, filler=lambda: Circumscribe(self.gradient_line, color=colors.accent, buff=0.06))

    def sweep_weight(self) -> None:
        """Drag w to the loss-zero point (and stop there), then to each end of the track."""
        data, colors = self.data, self.theme.colors
        position = data.start.w
        low, high = data.w_range
        for leg in data.sweep:
            start = self.time
            drag = max(MIN_DRAG, FULL_DRAG * abs(leg.target - position) / (high - low))
            self.play(self.w_tracker.animate.set_value(leg.target), run_time=drag, rate_func=linear)
            position = leg.target
            if leg.readouts.loss == 0.0 or abs(leg.readouts.loss) < 1e-12:
                # The promised stop: the gap closes, the loss card reads 0.
                self.play(Flash(self.plot.dot, color=colors.accent), Circumscribe(self.cards[2], color=colors.accent, buff=0.06), run_time=1.0)
                self.play(Circumscribe(self.gradient_line[0], color=colors.accent, buff=0.06), run_time=1.0)
            else:
                self.play(Indicate(self.gradient_line[0], color=colors.accent, scale_factor=1.08), run_time=0.9)
            self._finish_caption(start, leg.sentence, filler=lambda: Circumscribe(self.cards[2], color=colors.accent, buff=0.06))

    def run_descent(self) -> None:
        """At each rate from the same start: the knob follows the arrow step by step; a sparkline per run."""
        data, colors = self.data, self.theme.colors
        trail = VGroup()
        for index, run in enumerate(data.runs):
            self.step(f"run {index + 1}")
            spark = self.sparks[index]
            start = self.time
            self.play(
                *([FadeOut(trail)] if len(trail) else []),
                Indicate(self.start_mark, color=colors.accent, scale_factor=1.4),
                self.w_tracker.animate.set_value(run.ws[0]),
                self.lr_tracker.animate.set_value(run.lr),
                FadeIn(spark.head, shift=0.1 * DOWN),
                *([FadeIn(self.spark_title)] if index == 0 else []),
                FadeIn(spark.axes),
                run_time=1.0,
            )
            if index == 0:
                self._finish_caption(start, data.runs_start_note or data.reset_sentence, filler=lambda: Indicate(self.start_mark, color=colors.accent, scale_factor=1.3))
                start = self.time
            # The run's path on the curve: one segment per step, so an overshoot zigzags where it happens.
            trail = VGroup()
            for step, w in enumerate(run.ws[1:], start=1):
                segment = Line(self.plot.point_at(run.ws[step - 1]), self.plot.point_at(w), color=colors.gradient, stroke_width=self.theme.strokes.thin)
                trail.add(segment)
                self.play(
                    self.w_tracker.animate.set_value(w),
                    Create(spark.segments[step - 1]),
                    Create(segment),
                    run_time=STEP_TIME,
                    rate_func=linear,
                )
                self.add(spark.marks[step])
                self.bring_to_front(self.plot.dot)
            self.play(FadeIn(spark.label, shift=0.1 * UP), Circumscribe(self.cards[2], color=colors.accent, buff=0.06), run_time=0.8)
            self._finish_caption(start, run.sentence, filler=lambda: Circumscribe(spark, color=colors.accent, buff=0.06))

    # ---------------------------------------------------------------- helpers

    def _finish_caption(self, start: float, text: str, since_panel: float = 0.0, filler: Callable[[], Any] | None = None) -> None:
        """Wait out ``text``'s reading time since ``start`` (less ``since_panel`` already read), caption the span.

        With a ``filler`` (a function making a highlight animation), a long rest is broken by highlights,
        so the picture never stands still for more than ~2.5 s while a long caption is read.
        """
        remaining = self.theme.pacing.reading_time(text) - since_panel - (self.time - start)
        while filler is not None and remaining > 2.5:
            self.play(filler(), run_time=1.0)
            remaining -= 1.0
        if remaining > 1e-3:
            self.wait(remaining)
        elapsed = self.time - start + since_panel
        self.add_subcaption(text, duration=elapsed, offset=-elapsed)

    def _nudge(self, toward_minimum: bool = False) -> Any:
        """Drag the knob a little and back (there and back, so the play ends on a value of the data)."""
        data = self.data
        low, high = data.w_range
        target = data.w_star if data.w_star is not None and low < data.w_star < high else (low + high) / 2
        if toward_minimum and data.start.dL_dw != 0.0:
            target = data.start.w - np.sign(data.start.dL_dw) * 0.15 * (high - low)
        reach = data.start.w + 0.5 * (target - data.start.w)
        return self.w_tracker.animate(rate_func=there_and_back).set_value(reach)

    def _current(self) -> Any:
        """The panel's numbers at the weight tracker's value, from the core (called every frame)."""
        return self.data.readouts(self.w_tracker.get_value())

    # ---- left column: sliders over the curve

    def _left_column(self) -> VGroup:
        data, colors = self.data, self.theme.colors
        area = content_area()
        track_left, track_right = area.left + TRACK_INSET, COLUMN_SPLIT - TRACK_INSET
        length = track_right - track_left
        w_slider = self._slider("Weight w", data.w_range, self.w_tracker, data.digits, colors.forward, length)
        lr_slider = self._slider("Learning rate \u03b7", data.lr_range, self.lr_tracker, data.lr_digits, colors.text, length)
        w_slider.shift(np.array([track_left - w_slider.track.get_start()[0], area.top - 0.05 - w_slider.get_top()[1], 0.0]))
        lr_slider.shift(np.array([track_left - lr_slider.track.get_start()[0], w_slider.get_bottom()[1] - 0.15 - lr_slider.get_top()[1], 0.0]))
        bias = self.text(f"b = {self.fmt(data.b, data.digits)} (fixed)", "caption", color=colors.muted)
        bias.next_to(w_slider.readout, RIGHT, buff=0.5).align_to(w_slider.label, DOWN)
        self.start_mark = self._start_mark(w_slider, data.runs_start_w)

        plot = LossPlot(
            data.curve.ws,
            data.curve.losses,
            self.w_tracker,
            x_length=length,
            # As tall as the room between the sliders and the tick labels over the subtitle band.
            y_length=self._plot_top(lr_slider) - (subtitle_band_top() + TICK_ROOM),
            y_function=lambda w: self.data.readouts(w).loss,
            x_ticks=self._landmark_ticks(),
        )
        for value in self._landmark_ticks():
            self.record_number(fmt(value), value)
        plot.shift(np.array([track_left - plot.axes.get_left()[0], 0.0, 0.0]))
        plot.shift((self._plot_top(lr_slider) - plot.axes.get_top()[1]) * UP)
        plot.y_label.next_to(plot.axes.y_axis.get_top(), UP, buff=0.08)
        tangent = plot.add_tangent(lambda w: self.data.readouts(w).dL_dw, length=1.4)
        plot.remove(tangent, plot.dot)
        self.plot = plot
        self.downhill = always_redraw(self._downhill_arrow)
        return VGroup(w_slider, lr_slider, bias, self.start_mark, VGroup(*(part for part in plot.submobjects)))

    def _plot_top(self, lr_slider: Slider) -> float:
        return lr_slider.get_bottom()[1] - 0.45

    def _slider(self, label: str, span: tuple[float, float], tracker: ValueTracker, digits: int, color: Any, length: float) -> Slider:
        """The kit's slider with its label and readout above the track, so the track spans the column."""
        slider = Slider(label, *span, tracker, digits=digits, track_length=length, color=color)
        for value in span:
            self.record_number(fmt(value), value)
        slider.label.next_to(slider.track.get_start(), UP, buff=0.22, aligned_edge=LEFT)
        slider.readout.shift(slider.label.get_right() + 0.25 * RIGHT - slider.readout.anchor.get_start())
        slider.readout.shift((slider.label.get_bottom()[1] - slider.readout.get_bottom()[1]) * UP)
        return slider

    def _start_mark(self, slider: Slider, w0: float) -> VGroup:
        """A small "start" tick on the weight track where every run begins."""
        colors = self.theme.colors
        fraction = (w0 - slider.min_value) / (slider.max_value - slider.min_value)
        point = slider.track.get_start() + (slider.track.get_end() - slider.track.get_start()) * fraction
        tick = Line(point + 0.2 * DOWN, point + 0.2 * UP, color=colors.accent, stroke_width=self.theme.strokes.normal)
        word = self.text("start", "caption", color=colors.accent)
        word.next_to(tick, DOWN, buff=0.05)
        return VGroup(tick, word)

    def _landmark_ticks(self) -> tuple[float, ...]:
        """Ticks on the curve's w axis: where ŷ = y (L = 0) and where the ReLU switches off, when far enough apart."""
        data = self.data
        low, high = data.w_range
        ticks = [v for v in (data.dead_boundary, data.w_star) if v is not None and low < v < high]
        if len(ticks) == 2 and abs(ticks[0] - ticks[1]) < 0.15 * (high - low):
            ticks = ticks[1:]
        return tuple(ticks)

    def _downhill_arrow(self) -> VMobject:
        """An arrow on the w axis under the dot, pointing against the gradient (none when it is 0)."""
        r = self._current()
        plot = self.plot
        base = plot.axes.c2p(self.w_tracker.get_value(), 0.0) + 0.28 * UP
        direction = RIGHT if r.dL_dw < 0 else LEFT
        arrow = Arrow(base, base + ARROW_LENGTH * direction, buff=0, color=self.theme.colors.gradient, stroke_width=self.theme.strokes.thick, max_tip_length_to_length_ratio=0.35)
        if r.dL_dw == 0.0:
            # No gradient, no way to go: the arrow is there but unseen (it keeps its points for animations).
            arrow.set_opacity(0.0)
        return arrow

    # ---- right column: the neuron, the readouts, the sparklines

    def _right_column(self) -> VGroup:
        area = content_area()
        left, right = COLUMN_SPLIT + COLUMN_GAP, area.right
        width = right - left
        neuron = self._neuron_picture(width)
        neuron.move_to(np.array([(left + right) / 2, area.top - 0.05 - neuron.height / 2, 0.0]))
        cards = VGroup(
            self._card("PREDICTION (\u0177)", lambda: self._current().y_hat, self.theme.colors.forward, width),
            self._card("TARGET (y)", lambda: self._current().y, self.theme.colors.target, width),
            self._card("LOSS", lambda: self._current().loss, self.theme.colors.loss, width),
        ).arrange(RIGHT, buff=CARD_GAP)
        cards.next_to(neuron, DOWN, buff=0.12)
        cards.set_x((left + right) / 2)
        self.cards = cards
        gradients = self._gradient_line(width)
        gradients.next_to(cards, DOWN, buff=0.15)
        gradients.set_x((left + right) / 2)
        self.gradient_line = gradients
        title = self.text("loss per step", "caption", color=self.theme.colors.muted)
        title.next_to(gradients, DOWN, buff=0.15).align_to(np.array([left, 0.0, 0.0]), LEFT)
        self.spark_title = title
        self.sparks = self._sparklines(left, right, title.get_bottom()[1] - 0.1)
        return VGroup(neuron, cards, gradients)

    def _neuron_picture(self, width: float) -> VGroup:
        """x → (w) → neuron (+ b, ReLU) → a gauge of ŷ against the target y."""
        data, colors = self.data, self.theme.colors
        x_node = Circle(radius=0.3, stroke_color=colors.forward, stroke_width=self.theme.strokes.normal, fill_color=colors.panel, fill_opacity=1.0)
        x_value = self.number(data.walk.x, role="caption", color=colors.forward)
        fit_width(x_value, 0.45)
        x_value.move_to(x_node)
        x_name = self.text("x", "caption", color=colors.muted).next_to(x_node, UP, buff=0.1)
        cell = Neuron(radius=0.42, activation="relu")
        cell.move_to(x_node.get_center() + 2.2 * RIGHT)
        max_abs = max(abs(v) for v in data.w_range)

        def edge() -> VMobject:
            # Thickness is |w|; a negative weight is dashed (the kit's weight style), never coloured by sign.
            w = self.w_tracker.get_value()
            kind = DashedLine if w < 0 else Line
            return kind(x_node.get_right(), cell.circle.get_left(), color=colors.text, stroke_width=value_to_width(w, max_abs, self.theme))

        weight_edge = always_redraw(edge)
        w_name = self.text("w", "caption", color=colors.muted).next_to(Line(x_node.get_right(), cell.get_left()), UP, buff=0.18)
        bias = self.text(f"+ b", "caption", color=colors.muted).next_to(cell, UP, buff=0.1)

        def glow(neuron: Neuron) -> None:
            low, high = data.gauge_range
            share = float(np.clip(self._current().y_hat / (high or 1.0), 0.0, 1.0))
            neuron.circle.set_fill(colors.forward, opacity=0.15 + 0.6 * share)

        # Added once the panel is on screen: an updater that sets the fill would fight the fades.
        self.neuron_glow = (cell, glow)
        gauge = self._gauge()
        self.gauge = gauge
        gauge.next_to(cell, RIGHT, buff=0.9)
        out_arrow = Arrow(cell.get_right(), gauge.get_left() + 0.1 * LEFT, buff=0.05, color=colors.muted, stroke_width=self.theme.strokes.normal, max_tip_length_to_length_ratio=0.2)
        out_arrow.set_y(cell.get_y())
        picture = VGroup(x_node, x_value, x_name, weight_edge, w_name, cell, bias, out_arrow, gauge)
        if picture.width > width:
            picture.scale(width / picture.width)
        return picture

    def _gauge(self) -> VGroup:
        """A bar of height ŷ beside a line at the target y; the gap between them, in the loss colour, is y − ŷ."""
        data, colors = self.data, self.theme.colors
        low, high = data.gauge_range
        height, bar_width = 0.95, 0.36
        frame = Rectangle(width=bar_width, height=height, stroke_color=colors.faint, stroke_width=self.theme.strokes.thin)

        def at(value: float) -> float:
            return frame.get_bottom()[1] + (value - low) / (high - low) * height

        def bar() -> VMobject:
            top = max(at(self._current().y_hat), frame.get_bottom()[1] + 1e-3)
            shape = Rectangle(width=bar_width, height=top - frame.get_bottom()[1], stroke_width=0, fill_color=colors.forward, fill_opacity=0.9)
            return shape.move_to(np.array([frame.get_x(), (top + frame.get_bottom()[1]) / 2, 0.0]))

        target = Line(LEFT * 0.35, RIGHT * 0.35, color=colors.target, stroke_width=self.theme.strokes.thick)
        target.move_to(np.array([frame.get_x(), at(data.start.y), 0.0]))
        y_name = self.text("y", "caption", color=colors.target).next_to(target, RIGHT, buff=0.1)
        y_hat_name = self.text("\u0177", "caption", color=colors.forward).next_to(frame, LEFT, buff=0.12).align_to(frame, DOWN)

        def gap() -> VMobject:
            top, goal = at(self._current().y_hat), at(data.start.y)
            x = frame.get_right()[0] + 0.12
            line = Line(np.array([x, top, 0.0]), np.array([x, goal + (1e-3 if abs(top - goal) < 1e-3 else 0.0), 0.0]), color=colors.loss, stroke_width=self.theme.strokes.thick)
            return line.set_opacity(0.0) if abs(top - goal) < 1e-3 else line

        self.gap = always_redraw(gap)
        return VGroup(frame, always_redraw(bar), target, y_name, y_hat_name, self.gap)

    def _card(self, title: str, source: Callable[[], float], color: Any, column: float) -> VGroup:
        colors = self.theme.colors
        width = (column - 2 * CARD_GAP) / 3
        frame = RoundedRectangle(
            corner_radius=self.theme.corner_radius,
            width=width,
            height=CARD_HEIGHT,
            stroke_color=colors.panel_edge,
            stroke_width=self.theme.strokes.thin,
            fill_color=colors.panel,
            fill_opacity=1.0,
        )
        # One small size for the three titles (the longest, "PREDICTION (ŷ)", sets it), clear of the number.
        label = self.text(title, "header", color=colors.muted)
        fit_width(label, width - 0.25)
        number = LiveNumber(source, self.data.digits, role="body", color=color, align="center", bold=True)
        self.record_number(number.text, number.value)
        label.move_to(frame.get_top() + 0.2 * DOWN)
        number.shift(frame.get_center() - number.anchor.get_start())
        number.shift((frame.get_bottom()[1] + 0.16 - number.baseline_y()) * UP)
        return VGroup(frame, label, number)

    def _gradient_line(self, column: float) -> VGroup:
        colors, digits = self.theme.colors, self.data.digits
        dw = LiveReadout("Gradient \u2202L/\u2202w =", lambda: self._current().dL_dw, digits, role="caption", color=colors.gradient)
        db = LiveReadout("\u2202L/\u2202b =", lambda: self._current().dL_db, digits, role="caption", color=colors.gradient)
        bar = self.text("|", "caption", color=colors.muted)
        # Room for the readouts' longest strings, so the bar never touches a digit.
        cells = 5
        room = dw.number.glyphs.advance * cells
        db.next_to(dw.label, RIGHT, buff=0.2 + room + 0.9)
        db.align_to(dw, DOWN)
        bar.move_to(np.array([dw.number.anchor.get_start()[0] + room + 0.45, dw.label.get_y(), 0.0]))
        # The ∂L/∂b number grows to as many cells as the ∂L/∂w one: an invisible line keeps its room.
        db_room = Line(db.number.anchor.get_start(), db.number.anchor.get_start() + room * RIGHT, stroke_opacity=0.0, stroke_width=0)
        line = VGroup(dw, bar, db, db_room)
        fit_width(line, column)
        for readout in (dw, db):
            self.record_number(readout.text, readout.value)
        return line

    def _sparklines(self, left: float, right: float, top: float) -> list[VGroup]:
        """One small loss-per-step plot per run, side by side, all on one loss scale; built now, shown per run."""
        data, colors = self.data, self.theme.colors
        count = len(data.runs)
        width = (right - left - SPARK_GAP * (count - 1)) / count
        steps = max(run.steps for run in data.runs) or 1
        sparks = []
        for index, run in enumerate(data.runs):
            x0 = left + index * (width + SPARK_GAP)
            head = self.text(f"\u03b7 = {self.fmt(run.lr, data.lr_digits)}", "caption", color=colors.text)
            head.move_to(np.array([x0, top, 0.0]), aligned_edge=LEFT + UP)
            label = self.text(run.label, "caption", color=colors.accent)
            fit_width(label, width - 0.1)
            label.next_to(head, DOWN, buff=0.06, aligned_edge=LEFT)
            axes = Axes(
                x_range=[0, steps, 1],
                y_range=[0, data.sparkline_max or 1.0, (data.sparkline_max or 1.0) / 2],
                x_length=width - 0.1,
                y_length=max(0.3, label.get_bottom()[1] - 0.1 - (subtitle_band_top() + 0.08)),
                tips=False,
                axis_config={"color": colors.muted, "stroke_width": self.theme.strokes.thin, "include_ticks": False},
            )
            # Exactly between the label and the subtitle band (an Axes' box is a little taller than y_length).
            top_y, bottom_y = label.get_bottom()[1] - 0.12, subtitle_band_top() + 0.1
            axes.stretch_to_fit_height(max(0.3, top_y - bottom_y))
            axes.move_to(np.array([x0, bottom_y, 0.0]), aligned_edge=LEFT + DOWN)
            points = [axes.c2p(i, loss) for i, loss in enumerate(run.losses)]
            segments = [Line(a, b, color=colors.loss, stroke_width=self.theme.strokes.normal) for a, b in zip(points, points[1:])]
            marks = [Dot(p, radius=0.04, color=colors.loss) for p in points]
            spark = VGroup(head, VGroup(axes, marks[0]), label)
            spark.head, spark.axes, spark.segments, spark.marks, spark.label = head, VGroup(axes, marks[0]), segments, marks, label
            sparks.append(spark)
        return sparks


__all__ = ["TryItYourself"]
