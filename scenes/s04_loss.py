"""04 Measure the Error: the gap between target and prediction, squared into a loss.

Target and prediction sit on a number line; the gap between them becomes the
side of a square whose area is the loss; the general formula turns into the
numbers; then the loss curve (y − ŷ)² shows the goal (L = 0 at ŷ = y) and the
verdict on this loss, which the data decides.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    Line,
    MathTex,
    NumberLine,
    ReplacementTransform,
    Square,
    Triangle,
    ValueTracker,
    VGroup,
    Write,
)

from scenes.kit import LiveReadout, LossPlot, content_area, fit_width, keep_inside
from scenes.kit.base import SectionScene

#: The number line may take this much of the width, and the loss square this much height.
LINE_MAX_WIDTH = 11.0
SQUARE_MAX_SIDE = 3.0


class MeasureError(SectionScene):
    section_number = 4

    def construct(self) -> None:
        self.show_header()
        self.intro()
        self.loss_formula()
        self.target_and_prediction()
        self.gap_squared()
        self.formula_with_numbers()
        self.clear_content(keep_heading=True)
        self.loss_curve()
        self.verdict()
        self.end_section()

    def intro(self) -> None:
        self.intro_text = self.show_intro(self.data.intro)

    def loss_formula(self) -> None:
        colors = self.theme.colors
        name = self.text(self.data.loss_name, "subheading", bold=True, color=colors.loss)
        self.formula = MathTex(self.data.formula_tex, font_size=60, color=colors.text)
        row = VGroup(name, self.formula).arrange(RIGHT, buff=0.8)
        row.move_to(self.intro_text, aligned_edge=UP + LEFT)
        self.name = name
        self.caption(f"{self.data.loss_name}: {self.data.formula_text}", duration=3.0)
        self.play(FadeOut(self.intro_text), FadeIn(name, shift=0.2 * RIGHT), run_time=self.theme.pacing.normal)
        self.play(Write(self.formula), run_time=self.theme.pacing.normal)
        self.pause()

    def target_and_prediction(self) -> None:
        data = self.data
        colors = self.theme.colors
        area = content_area()
        span = data.number_line
        unit = LINE_MAX_WIDTH / (span.high - span.low)
        if data.gap > 0:
            unit = min(unit, SQUARE_MAX_SIDE / data.gap)
        line = NumberLine(
            x_range=span.as_range(),
            length=unit * (span.high - span.low),
            color=colors.muted,
            stroke_width=3,
            include_tip=False,
        )
        # Centre line, square and labels in the room left below the formula row.
        room_top, room_bottom = self.formula.get_bottom()[1] - 0.4, area.bottom
        below, above = 1.25, data.gap * unit + 0.6
        line_y = room_bottom + below + max(0.0, (room_top - room_bottom - below - above) / 2)
        line.move_to([area.center[0], line_y, 0])
        tick_values = np.arange(span.low, span.high + span.step / 2, span.step)
        ticks = VGroup(*(
            self.number(float(value), role="caption", color=colors.muted).next_to(line.n2p(value), DOWN, buff=0.22)
            for value in tick_values
        ))
        self.line = line
        y_point, y_hat_point = line.n2p(data.y), line.n2p(data.y_hat)
        target = Triangle(color=colors.target, fill_opacity=1).scale(0.16).rotate(np.pi)
        target.next_to(y_point, UP, buff=0.02)
        prediction = Dot(y_hat_point, radius=0.14, color=colors.forward)
        target_label = self.text(f"y = {self.fmt(data.y)}", "body", color=colors.target)
        prediction_label = self.text(f"\u0177 = {self.fmt(data.y_hat)}", "body", color=colors.forward)
        # Labels sit below the tick numbers, each on the far side of its own marker so they never meet.
        label_y = ticks.get_bottom()[1] - 0.35
        left_point, right_point = sorted([(data.y_hat, prediction_label), (data.y, target_label)], key=lambda item: item[0])
        left_point[1].move_to([line.n2p(left_point[0])[0], label_y, 0], aligned_edge=UP + RIGHT)
        right_point[1].move_to([line.n2p(right_point[0])[0], label_y, 0], aligned_edge=UP + LEFT)
        keep_inside(target_label, area)
        keep_inside(prediction_label, area)
        self.markers = VGroup(target, prediction)

        self.caption(data.example_text, duration=3.0)
        self.play(Create(line), FadeIn(ticks), run_time=self.theme.pacing.normal)
        self.play(FadeIn(target, shift=0.3 * DOWN), FadeIn(target_label), run_time=self.theme.pacing.quick)
        self.play(FadeIn(prediction, scale=2), FadeIn(prediction_label), run_time=self.theme.pacing.quick)
        self.pause()

    def gap_squared(self) -> None:
        data = self.data
        colors = self.theme.colors
        if data.gap == 0:
            return
        left, right = sorted([data.y, data.y_hat])
        gap_line = Line(self.line.n2p(left), self.line.n2p(right), color=colors.loss, stroke_width=8)
        gap_label = self.text(f"|y \u2212 \u0177| = {self.fmt(data.gap)}", "label", color=colors.loss)
        side = gap_line.get_length()
        square = Square(side_length=side, color=colors.loss, stroke_width=4, fill_color=colors.loss, fill_opacity=0.3)
        square.move_to(gap_line.get_center(), aligned_edge=DOWN)
        area_label = self.text(f"{self.fmt(data.gap)}\u00b2 = {self.fmt(data.loss)}", "body", bold=True, color=colors.text)
        if area_label.width < side - 0.2 and area_label.height < side - 0.2:
            area_label.move_to(square)
        else:
            area_label.next_to(square, UP, buff=0.15)
        gap_label.next_to(gap_line, UP, buff=0.15)
        # Once the square stands on the gap, its right side carries the label (left if no room).
        fits_right = square.get_right()[0] + 0.3 + gap_label.width <= content_area().right
        side_label = gap_label.copy().next_to(square, RIGHT if fits_right else LEFT, buff=0.3)
        keep_inside(side_label, content_area())

        self.caption(f"The gap: |y \u2212 \u0177| = {self.fmt(data.gap)}", duration=1.8)
        self.play(Create(gap_line), FadeIn(gap_label), run_time=self.theme.pacing.normal)
        self.pause()
        self.caption(f"Squared, the gap is the area of a square: L = {self.fmt(data.loss)}", duration=3.5)
        self.play(GrowFromEdge(square, DOWN), gap_label.animate.move_to(side_label), run_time=self.theme.pacing.slow)
        self.play(FadeIn(area_label, scale=1.2), run_time=self.theme.pacing.quick)
        self.square_label = area_label
        self.beat()

    def formula_with_numbers(self) -> None:
        data = self.data
        numbers = MathTex(data.substituted_tex, font_size=60, color=self.theme.colors.text)
        self.fmt(data.y)
        self.fmt(data.y_hat)
        self.fmt(data.loss)
        numbers.move_to(self.formula, aligned_edge=LEFT)
        fit_width(numbers, content_area().right - numbers.get_left()[0])
        self.caption(data.substituted_text, duration=3.0)
        self.play(ReplacementTransform(self.formula, numbers), run_time=self.theme.pacing.slow)
        self.play(Indicate(numbers, color=self.theme.colors.loss, scale_factor=1.05), run_time=self.theme.pacing.normal)
        self.formula = numbers
        self.pause()

    def loss_curve(self) -> None:
        data = self.data
        colors = self.theme.colors
        area = content_area()
        axis = data.parabola_prediction_axis
        xs = np.linspace(axis.low, axis.high, 81)
        tracker = ValueTracker(data.y_hat)
        plot = LossPlot(
            xs,
            [data.loss_at(x) for x in xs],
            tracker,
            x_label="\u0177",
            y_label="L",
            x_length=6.4,
            y_length=4.2,
            y_function=data.loss_at,
            x_ticks=[data.y],
            curve_color=colors.loss,
        )
        self.fmt(data.y)
        plot.move_to([area.left + 3.6, area.center[1] - 0.1, 0])
        keep_inside(plot, area)
        target_line = DashedLine(plot.axes.c2p(data.y, 0), plot.axes.c2p(data.y, data.loss_at(axis.low)),
                                 color=colors.target, stroke_width=3)

        readout_prediction = LiveReadout("\u0177 =", tracker, role="body", color=colors.forward)
        readout_loss = LiveReadout("L =", lambda: data.loss_at(tracker.get_value()), role="body", color=colors.loss)
        readouts = VGroup(readout_prediction, readout_loss).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        right_left = plot.get_right()[0] + 0.8
        readouts.move_to([0, plot.get_top()[1] - 0.5, 0]).align_to([right_left, 0, 0], LEFT)
        goal = self.paragraph(data.goal, max_width=area.right - right_left, role="label")
        goal_title = self.text(data.goal_title, "body", bold=True, color=colors.target)
        goal_block = VGroup(goal_title, goal).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        goal_block.next_to(readouts, DOWN, buff=0.5).align_to(readouts, LEFT)
        keep_inside(goal_block, area)
        self.plot, self.readouts, self.goal_block = plot, readouts, goal_block

        self.caption(f"The loss for every possible prediction: {self.data.formula_text}", duration=1.8)
        self.play(FadeIn(plot), FadeIn(readouts), run_time=self.theme.pacing.normal)
        self.play(Create(target_line), run_time=self.theme.pacing.quick)
        self.caption(data.goal)
        self.play(FadeIn(goal_block, shift=0.2 * UP), run_time=self.theme.pacing.normal)
        self.play(tracker.animate.set_value(data.y), run_time=self.theme.pacing.slow)
        self.play(Indicate(readout_loss, color=colors.target), run_time=self.theme.pacing.normal)
        self.play(tracker.animate.set_value(data.y_hat), run_time=self.theme.pacing.slow)
        self.fmt(0.0)
        self.pause()

    def verdict(self) -> None:
        verdict = self.data.verdict
        colors = self.theme.colors
        area = content_area()
        color = colors.loss if verdict.level in ("high", "moderate") else colors.target
        sentence = self.paragraph(verdict.sentence, max_width=area.right - self.readouts.get_left()[0], role="body",
                                  bold=True, color=color)
        self.fmt(self.data.loss)
        sentence.move_to(self.goal_block, aligned_edge=UP + LEFT)
        keep_inside(sentence, area)
        self.say(
            verdict.sentence,
            FadeOut(self.goal_block),
            FadeIn(sentence, shift=0.2 * UP),
            Indicate(self.plot.dot, color=color, scale_factor=1.8),
        )
        rule = self.paragraph(verdict.rule, max_width=sentence.max_width, role="caption", color=colors.muted)
        rule.next_to(sentence, DOWN, buff=0.35).align_to(sentence, LEFT)
        keep_inside(rule, area)
        self.say(verdict.rule, FadeIn(rule, shift=0.2 * UP))
