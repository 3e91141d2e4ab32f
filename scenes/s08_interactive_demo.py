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
    ORIGIN,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Axes,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Flash,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    RoundedRectangle,
    ShowPassingFlash,
    VGroup,
    VMobject,
    ValueTracker,
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
from scenes.s07_gradient_descent import clip_to_axes, l_axis_at_left_edge

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


#: The three card titles: they share one size, set by the widest.
CARD_TITLES = ("PREDICTION (\u0177)", "TARGET (y)", "LOSS")


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
        """Header, sliders, curve, neuron and readouts arrive together (a picture within 2 s); then the
        forward pass runs x → w → neuron → ŷ while the knob moves and the readouts follow."""
        data = self.data
        self.header, self.heading = self.make_header()
        self.w_tracker = ValueTracker(data.start.w)
        self.lr_tracker = ValueTracker(data.walk.lr)
        left = self._left_column()
        right = self._right_column()
        plot = self.plot
        cell, glow = self.neuron_glow
        with self.saying("Adjust the weight and learning rate \u2014 watch the loss change in real time.") as sentence:
            start = self.time
            self.play(
                FadeIn(self.header, shift=0.2 * DOWN),
                FadeIn(self.heading),
                FadeIn(left),
                FadeIn(right),
                run_time=1.4,
            )
            cell.add_updater(glow)
            self.play(FadeIn(plot.dot, scale=0.5), Create(plot.tangent), FadeIn(self.downhill), self._forward_pass(), run_time=1.4)
            self.play(self._nudge(), run_time=1.8)
            self._fill(start, sentence, self._forward_pass)

    def read_the_panel(self) -> None:
        """The guide's 1.10 / 2.00 / 0.81 as the forward pass makes them, then what the gradient's sign says."""
        data, colors = self.data, self.theme.colors
        with self.saying(data.intro_sentence) as sentence:
            start = self.time
            self.play(self._forward_pass(), run_time=1.2)
            for card in self.cards:
                self.play(self._light(card), run_time=0.7)
            self.play(Indicate(self.gauge, color=colors.loss, scale_factor=1.15), run_time=0.8)
            self._fill(start, sentence, lambda: self._light(self.cards[2]))
        key = self.stuck_label if data.start.dL_dw == 0.0 else self.step_label
        with self.saying(data.gradient_sentence) as sentence:
            start = self.time
            self.play(Indicate(self.gradient_line[0], color=colors.accent, scale_factor=1.08), FadeIn(key, shift=0.1 * UP), run_time=1.0)
            self.play(Indicate(self.plot.tangent, color=colors.accent), Indicate(self.downhill, color=colors.accent, scale_factor=1.3), run_time=1.0)
            self.play(self._nudge(toward_minimum=True), run_time=1.8)
            self._fill(start, sentence, lambda: Indicate(key, color=colors.accent, scale_factor=1.08))
        self.key_label = key

    def sweep_weight(self) -> None:
        """Drag w to the loss-zero point (and stop there), then to each end of the track."""
        data, colors = self.data, self.theme.colors
        position = data.start.w
        low, high = data.w_range
        for leg in data.sweep:
            with self.saying(leg.sentence) as sentence:
                start = self.time
                drag = max(MIN_DRAG, FULL_DRAG * abs(leg.target - position) / (high - low))
                # The key label says what the gradient does where the knob stops: a step direction, or stuck.
                key = self.stuck_label if leg.readouts.dL_dw == 0.0 and leg.readouts.loss > 0.0 else self.step_label
                swap = [FadeOut(self.key_label), FadeIn(key)] if key is not self.key_label else []
                self.play(self.w_tracker.animate(rate_func=linear).set_value(leg.target), run_time=drag)
                position = leg.target
                if swap:
                    self.play(*swap, run_time=0.6)
                    self.key_label = key
                if abs(leg.readouts.loss) < 1e-12:
                    # The promised stop: the gap closes, the loss card reads 0.
                    self.play(Flash(self.plot.dot, color=colors.accent), self._light(self.cards[2]), run_time=1.0)
                    self.play(Indicate(self.gradient_line[0], color=colors.accent, scale_factor=1.08), run_time=1.0)
                else:
                    self.play(Indicate(self.gradient_line[0], color=colors.accent, scale_factor=1.08), run_time=0.9)
                self._fill(start, sentence, lambda: self._light(self.cards[2]))

    def run_descent(self) -> None:
        """At each rate from the same start: the knob follows the arrow step by step; a sparkline per run."""
        data, colors = self.data, self.theme.colors
        trail = VGroup()
        for index, run in enumerate(data.runs):
            self.step(f"run {index + 1}")
            spark = self.sparks[index]
            reset = [
                *([FadeOut(trail)] if len(trail) else []),
                *([FadeOut(self.key_label)] if index == 0 else []),
                Indicate(self.start_mark, color=colors.accent, scale_factor=1.3),
                self.w_tracker.animate.set_value(run.ws[0]),
                self.lr_tracker.animate.set_value(run.lr),
                FadeIn(spark.head, shift=0.1 * DOWN),
                *([FadeIn(self.spark_title)] if index == 0 else []),
                FadeIn(spark.axes),
            ]
            if index == 0 and data.runs_start_note:
                # The runs start where the knob is not (a dead ReLU): say where, before the first run.
                with self.saying(data.runs_start_note) as sentence:
                    start = self.time
                    self.play(*reset, run_time=1.2)
                    self._fill(start, sentence, lambda: Indicate(self.start_mark, color=colors.accent, scale_factor=1.3))
                reset = []
            with self.saying(run.sentence) as sentence:
                start = self.time
                if reset:
                    # Back to the start, visibly: the knob slides home while the start mark lights up.
                    self.play(*reset, run_time=1.0)
                # Steps that visibly move the knob share the sentence (up to 2.2× slower); a step too small
                # to see takes STEP_TIME, and the highlights of the run's end value fill the rest.
                low, high = data.w_range
                visible = [abs(b - a) > 0.02 * (high - low) for a, b in zip(run.ws, run.ws[1:])]
                left = sentence - (self.time - start) - 0.8 - 1.2 - STEP_TIME * visible.count(False)
                slow = min(max(STEP_TIME, left / max(visible.count(True), 1)), 2.2 * STEP_TIME)
                # The run's path on the curve: one segment per step, so an overshoot zigzags where it happens.
                trail = VGroup()
                for step, w in enumerate(run.ws[1:], start=1):
                    segment = Line(self.plot.point_at(run.ws[step - 1]), self.plot.point_at(w), color=colors.gradient, stroke_width=self.theme.strokes.thin)
                    trail.add(segment)
                    self.play(
                        self.w_tracker.animate(rate_func=linear).set_value(w),
                        Create(spark.segments[step - 1], rate_func=linear),
                        Create(segment, rate_func=linear),
                        run_time=slow if visible[step - 1] else STEP_TIME,
                    )
                    self.add(spark.marks[step])
                    self.bring_to_front(self.plot.dot)
                self.play(FadeIn(spark.label, shift=0.1 * UP), FadeIn(spark.end, shift=0.1 * LEFT), self._light(self.cards[2]), run_time=0.8)
                self._fill(start, sentence, lambda: Indicate(spark.end, color=colors.accent, scale_factor=1.2))

    # ---------------------------------------------------------------- helpers

    def _fill(self, start: float, sentence: float, filler: Callable[[], Any], leave: float = 0.8) -> None:
        """Spend the rest of the sentence begun at ``start`` on ``filler()`` (a highlight of what it says),
        leaving at most about ``leave`` + 0.5 s still."""
        while True:
            remaining = sentence - (self.time - start)
            if remaining <= leave + 0.5:
                return
            self.play(filler(), run_time=min(1.2, remaining - leave))

    def _light(self, card: VGroup, color: Any = None) -> Any:
        """A card lights up: its edge takes the colour and its title and number swell, then settle
        (never a filled block of colour over the number)."""
        color = color or self.theme.colors.accent
        frame, label, number = card
        return AnimationGroup(
            frame.animate(rate_func=there_and_back).set_stroke(color, width=self.theme.strokes.thick),
            Indicate(VGroup(label, number), color=color, scale_factor=1.12),
        )

    def _forward_pass(self) -> Any:
        """The forward pass as a blue pulse x → w → neuron → ŷ, then the prediction card lights up."""
        colors = self.theme.colors
        x_node, cell, gauge = self.flow
        path = VMobject().set_points_as_corners([x_node.get_center(), cell.get_center(), gauge[0].get_center()])
        pulse = ShowPassingFlash(path.set_stroke(colors.forward, width=self.theme.strokes.thick * 2), time_width=0.45)
        return LaggedStart(pulse, self._light(self.cards[0], colors.forward), lag_ratio=0.55)

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
        """The panel's numbers at the weight the slider shows (w rounded as its readout prints it), from the
        core (called every frame): so x × w + b and the cards close as shown (2.0 × 1.57 + 0.1 = 3.24)."""
        return self.data.shown_readouts(self.w_tracker.get_value())

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
        # Room for the readout's widest value ("−0.40" is a glyph wider than "0.50").
        bias.next_to(w_slider.readout, RIGHT, buff=0.75).align_to(w_slider.label, DOWN)
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
        # The landmarks at the panel's precision (the ReLU's switch-off at −b/x can be −0.2667).
        long_ticks = list(plot.ticks)
        plot.ticks.remove(*long_ticks)
        for tick, value in zip(long_ticks, self._landmark_ticks()):
            plot.ticks.add(self.text(fmt(value, data.digits), "caption", color=colors.muted).move_to(tick))
            self.record_number(fmt(value, data.digits), value)
        plot.shift(np.array([track_left - plot.axes.get_left()[0], 0.0, 0.0]))
        plot.shift((self._plot_top(lr_slider) - plot.axes.get_top()[1]) * UP)
        if not l_axis_at_left_edge(plot):
            plot.y_label.next_to(plot.axes.y_axis.get_top(), UP, buff=0.08)
        tangent = clip_to_axes(plot.add_tangent(lambda w: self.data.readouts(w).dL_dw, length=1.4), plot.axes)
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
        """An arrow just above the dot, pointing against the gradient (none when it is 0)."""
        r = self._current()
        plot = self.plot
        # Just above the dot, so the arrow goes with it (held inside the axes at the curve's high ends).
        base = plot.point_at(self.w_tracker.get_value()) + 0.28 * UP
        base[1] = min(base[1], plot.axes.get_top()[1] - 0.1)
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
            self._card(CARD_TITLES[0], lambda: self._current().y_hat, self.theme.colors.forward, width),
            self._card(CARD_TITLES[1], lambda: self._current().y, self.theme.colors.target, width),
            self._card(CARD_TITLES[2], lambda: self._current().loss, self.theme.colors.loss, width),
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
        self.step_label, self.stuck_label = self._key_labels(gradients, left)
        return VGroup(neuron, cards, gradients)

    def _key_labels(self, gradients: VGroup, left: float) -> tuple[VGroup, VGroup]:
        """The key claim of the gradient, as a short label under the gradient line (where the sparklines
        come later): the arrow is −∂L/∂w, the step direction; or, with the ReLU off, ∂L/∂w = 0 and w is stuck."""
        colors = self.theme.colors
        icon = Arrow(ORIGIN, ARROW_LENGTH * RIGHT, buff=0, color=colors.gradient, stroke_width=self.theme.strokes.thick, max_tip_length_to_length_ratio=0.35)
        words = self.text("= \u2212\u2202L/\u2202w: step direction", "label", color=colors.gradient)
        step = VGroup(icon, words).arrange(RIGHT, buff=0.2)
        zero = fmt(0.0, self.data.digits)
        self.record_number(zero, 0.0)
        stuck = VGroup(self.text(f"ReLU off: \u2202L/\u2202w = {zero}, stuck", "label", color=colors.gradient))
        for label in (step, stuck):
            label.next_to(gradients, DOWN, buff=0.45).align_to(np.array([left, 0.0, 0.0]), LEFT)
        return step, stuck

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
        self.flow = (x_node, cell, gauge)
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
        widest = max(self.text(other, "header").width for other in CARD_TITLES)
        label.scale(min(1.0, (width - 0.4) / widest))
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
            # The run's last loss, by its last point: inside the plot, on the side away from the line.
            end = self.text(fmt(run.losses[-1], data.digits), "caption", color=colors.loss)
            self.record_number(end.text, run.losses[-1])
            high = run.losses[-1] > 0.5 * (data.sparkline_max or 1.0)
            if high:
                # A line that ends high (it rose): the value sits in the empty lower right, under the
                # line's end, a little smaller so that it clears the rising line in so short a plot.
                end.scale(0.8)
                end.move_to(axes.get_corner(DOWN + RIGHT), aligned_edge=DOWN + RIGHT).shift(0.06 * UP)
                end.align_to(points[-1], RIGHT)
            else:
                end.next_to(points[-1], UP, buff=0.1).align_to(points[-1], RIGHT)
            # Toward the inside of its own plot, never into the next one.
            if points[-1][0] <= axes.get_center()[0]:
                end.align_to(points[-1] + 0.04 * LEFT, LEFT)
            spark = VGroup(head, VGroup(axes, marks[0]), label)
            spark.head, spark.axes, spark.segments, spark.marks, spark.label = head, VGroup(axes, marks[0]), segments, marks, label
            spark.end = end
            sparks.append(spark)
        return sparks


__all__ = ["TryItYourself"]
