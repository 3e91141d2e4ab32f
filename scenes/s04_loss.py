"""04 Measure the Error: the gap between target and prediction, squared into a loss.

Target y and prediction ŷ sit on a number line; their gap becomes the side of a
square whose area is the loss, and the formula L = (y − ŷ)² fills in with the
numbers flying out of the picture. Then the parabola of every possible loss opens
beside the square: as ŷ slides to y the square shrinks and the dot descends the
curve, the square's area and the curve's height showing the same live number,
down to the goal, 0. Back at the real ŷ, the data's verdict ("0.81 is high").
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    NumberLine,
    Polygon,
    Succession,
    Triangle,
    ValueTracker,
    VGroup,
)

from scenes.kit import LiveNumber, LiveReadout, LossPlot, content_area, fit_width
from scenes.kit.base import SectionScene
from scenes.kit.neuron_chain import fly_number, glyphs_at, glyphs_of

#: The number line's width, and the largest side the loss square may have.
LINE_WIDTH = 6.0
SQUARE_MAX_SIDE = 2.0


class MeasureError(SectionScene):
    section_number = 4

    def construct(self) -> None:
        self.open_on_the_prediction()
        self.the_formula()
        self.gap_squared()
        self.numbers_into_the_formula()
        self.loss_curve()
        self.the_goal()
        self.the_verdict()
        self.end_section()

    # Steps ----------------------------------------------------------------------

    def open_on_the_prediction(self) -> None:
        """Header, target and prediction on a number line: a picture from the first second."""
        self.step("target and prediction")
        data = self.data
        colors = self.theme.colors
        area = content_area()
        self.header, self.heading = self.make_header()
        self.tracker = ValueTracker(data.y_hat_shown)
        span = data.number_line
        unit = LINE_WIDTH / (span.high - span.low)
        if data.gap_shown > 0:
            unit = min(unit, SQUARE_MAX_SIDE / data.gap_shown)
        line = NumberLine(
            x_range=span.as_range(),
            length=unit * (span.high - span.low),
            color=colors.muted,
            stroke_width=3,
            include_tip=False,
        )
        line.move_to([area.center[0], area.bottom + 1.05, 0])
        self.line = line
        target = Triangle(color=colors.target, fill_opacity=1, stroke_width=0).scale(0.15)
        target.next_to(line.n2p(data.y), DOWN, buff=0.04)
        self.target = target
        self.prediction = Dot(line.n2p(data.y_hat_shown), radius=0.12, color=colors.forward).set_z_index(1)
        self.target_label = self.text(f"y = {self.fmt(data.y)}", "label", color=colors.target)
        self.prediction_label = self.text(f"\u0177 = {self.fmt(data.y_hat_shown)}", "label", color=colors.forward)
        # Each label sits below the line on the far side of its own marker, so the two never meet.
        label_y = target.get_bottom()[1] - 0.12
        pairs = sorted([(data.y_hat_shown, self.prediction_label, 0), (data.y, self.target_label, 1)], key=lambda p: (p[0], p[2]))
        pairs[0][1].move_to([line.n2p(pairs[0][0])[0] - 0.05, label_y, 0], aligned_edge=UP + RIGHT)
        pairs[1][1].move_to([line.n2p(pairs[1][0])[0] + 0.05, label_y, 0], aligned_edge=UP + LEFT)
        self.panel = VGroup(line, target, self.prediction, self.target_label, self.prediction_label)
        self.say(
            data.intro,
            Succession(
                AnimationGroup(FadeIn(self.header, shift=0.2 * DOWN), FadeIn(self.heading), Create(line), run_time=1.0),
                AnimationGroup(
                    FadeIn(target, shift=0.2 * UP),
                    FadeIn(self.target_label),
                    FadeIn(self.prediction, scale=2),
                    FadeIn(self.prediction_label),
                    run_time=0.9,
                ),
            ),
            run_time=1.9,
        )

    def the_formula(self) -> None:
        """Mean Squared Error: the rule appears; its numbers come later, from the picture."""
        self.step("the loss function")
        data = self.data
        colors = self.theme.colors
        area = content_area()
        title = self.text(data.loss_name, "label", bold=True, color=colors.loss)
        formula = self.text(data.formula_row, "subheading")
        row = VGroup(title, formula).arrange(RIGHT, buff=0.6)
        fit_width(row, area.width)
        row.move_to([area.center[0], area.top - 0.3, 0])
        glyphs_of(formula, "L", 0).set_color(colors.loss)
        self.title, self.formula = title, formula
        self.rule = glyphs_at(formula, 0, len(data.formula_pieces[0].text))
        self.say(
            f"{data.loss_name}: {data.formula_text}",
            AnimationGroup(FadeIn(title, shift=0.2 * RIGHT), FadeIn(self.rule, shift=0.2 * UP), lag_ratio=0.3),
            run_time=1.2,
        )

    def gap_squared(self) -> None:
        """The gap y − ŷ on the line, then the square built on it: its area is the loss."""
        self.step("the gap, squared")
        data = self.data
        colors = self.theme.colors
        self.gap_line = Line(self.line.n2p(data.y_hat_shown), self.line.n2p(data.y), color=colors.loss, stroke_width=7)
        self.square = Polygon(*self.square_corners(data.y_hat_shown), color=colors.loss, stroke_width=4,
                              fill_color=colors.loss, fill_opacity=0.3)
        self.side_label = self.text(self.fmt(data.gap_shown), "label", color=colors.loss)
        self.place_side_label()
        self.area_label = self.text(data.square_text, "label", bold=True)
        self.fmt(data.loss_shown)
        self.area_label.next_to(self.square, UP, buff=0.2)
        self.say(data.example_text, AnimationGroup(Create(self.gap_line), FadeIn(self.side_label, shift=0.2 * LEFT)),
                 run_time=1.2)
        if data.gap_shown > 0:
            self.say(
                f"Squared, the gap is the area of a square: {data.square_text}",
                Succession(GrowFromEdge(self.square, DOWN, run_time=1.2), FadeIn(self.area_label, shift=0.2 * UP, run_time=0.6)),
                run_time=1.8,
            )

    def numbers_into_the_formula(self) -> None:
        """(2.0 − 1.1)² = 0.81: each number flies from the picture into the formula."""
        self.step("the numbers")
        data = self.data
        sources = {
            "y": glyphs_of(self.target_label, data.formula_pieces[2].text),
            "y_hat": glyphs_of(self.prediction_label, data.formula_pieces[4].text),
            "loss": glyphs_of(self.area_label, data.formula_pieces[6].text),
        }
        glue, landed, flights, offset = VGroup(), [], [], len(data.formula_pieces[0].text)
        for piece in data.formula_pieces[1:]:
            glyphs = glyphs_at(self.formula, offset, offset + len(piece.text))
            offset += len(piece.text)
            if piece.source is None:
                glue.add(glyphs)
            else:
                flights.append(fly_number(sources[piece.source], glyphs))
                landed.append(glyphs)
        landed[-1].set_color(self.theme.colors.loss)
        self.say(
            data.substituted_text,
            Succession(FadeIn(glue, run_time=0.5), LaggedStart(*flights, lag_ratio=0.4, run_time=2.0)),
            run_time=2.5,
        )
        self.remove(self.rule, glue, *landed)
        self.add(self.formula)

    def loss_curve(self) -> None:
        """The picture moves left; the parabola of every loss opens on the right, its dot at our ŷ."""
        self.step("the loss curve")
        data = self.data
        area = content_area()
        self.build_plot()
        moving = VGroup(self.panel, self.gap_line, self.square, self.side_label, self.area_label)
        shift = (area.left + 0.1 - moving.get_left()[0]) * RIGHT
        self.live_area = self.square_readout()
        self.live_area.shift(shift)
        self.say(
            f"Every prediction has its loss: {data.formula_text}",
            Succession(
                moving.animate(run_time=1.0).shift(shift),
                AnimationGroup(FadeIn(self.plot), Create(self.target_line), run_time=0.9),
                AnimationGroup(Create(self.height_bar), FadeIn(self.height_number), Create(self.level_line), run_time=0.8),
            ),
            run_time=2.7,
        )

    def the_goal(self) -> None:
        """ŷ slides to y: the square shrinks, the dot descends, both numbers fall to 0."""
        self.step("the goal")
        data = self.data
        colors = self.theme.colors
        area = content_area()
        self.goal_label = self.text(data.goal_label, "label", color=colors.target)
        fit_width(self.goal_label, area.width)
        self.goal_label.move_to([area.center[0], self.formula.get_bottom()[1] - 0.45, 0])
        self.fmt(data.perfect_loss)
        self.attach_to_tracker()
        self.say(
            data.goal,
            Succession(
                AnimationGroup(
                    FadeIn(self.goal_label, shift=0.2 * DOWN),
                    Succession(FadeOut(self.area_label, run_time=0.4), FadeIn(self.live_area, run_time=0.4)),
                    FadeOut(self.prediction_label),
                    FadeOut(self.side_label),
                    run_time=0.8,
                ),
                self.tracker.animate(run_time=2.2).set_value(data.y),
                Indicate(self.plot.dot, color=colors.target, scale_factor=1.6, run_time=0.8),
            ),
            run_time=3.8,
        )

    def the_verdict(self) -> None:
        """Back to the real prediction; the data's verdict replaces the goal."""
        self.step("the verdict")
        data = self.data
        colors = self.theme.colors
        verdict = data.verdict
        color = colors.loss if verdict.level in ("high", "moderate") else colors.target
        sentence = self.text(verdict.sentence, "label", bold=True, color=color)
        fit_width(sentence, content_area().width)
        sentence.move_to(self.goal_label)
        self.fmt(data.loss_shown)
        self.say(
            verdict.sentence,
            Succession(
                self.tracker.animate(run_time=1.6).set_value(data.y_hat_shown),
                AnimationGroup(
                    FadeOut(self.goal_label, shift=0.2 * UP),
                    FadeIn(sentence, shift=0.2 * UP),
                    FadeIn(self.prediction_label),
                    Indicate(self.height_bar, color=color),
                    run_time=1.0,
                ),
            ),
            run_time=2.6,
        )
        self.detach_from_tracker()

    # Parts ----------------------------------------------------------------------

    def square_corners(self, prediction: float) -> list[np.ndarray]:
        """The square standing on the gap between ``prediction`` and y, above the line."""
        left, right = self.line.n2p(prediction), self.line.n2p(self.data.y)
        side = abs(right[0] - left[0])
        return [left, right, right + side * UP, left + side * UP]

    def place_side_label(self) -> None:
        """The gap's size beside the square's side that is farther from the other labels."""
        outer_is_left = self.data.y_hat_shown < self.data.y
        edge = self.square.get_left() if outer_is_left else self.square.get_right()
        self.side_label.next_to(edge, LEFT if outer_is_left else RIGHT, buff=0.2)
        self.side_label.set_y(max(self.side_label.get_y(), self.line.get_y() + 0.1 + self.side_label.height / 2))

    def square_readout(self) -> LiveReadout:
        data = self.data
        readout = LiveReadout(
            "L =", lambda: data.loss_at(self.tracker.get_value()), data.loss_digits, role="label", color=self.theme.colors.text
        )
        readout.next_to(self.square, UP, buff=0.2)
        return readout

    def build_plot(self) -> None:
        """The parabola L(ŷ) on the right half, its L axis on the left edge, a bar for the height."""
        data = self.data
        colors = self.theme.colors
        area = content_area()
        axis = data.parabola_prediction_axis
        xs = np.linspace(axis.low, axis.high, 81)
        plot = LossPlot(
            xs,
            [data.loss_at(x) for x in xs],
            self.tracker,
            x_label="\u0177",
            y_label="L",
            x_length=4.6,
            y_length=3.1,
            y_function=data.loss_at,
            x_ticks=[data.y],
            curve_color=colors.loss,
        )
        self.fmt(data.y)
        axes = plot.axes
        # The L axis on the left edge (manim puts it at ŷ = 0 when 0 is in range, inside the curve).
        axes.y_axis.set_stroke(opacity=0)
        top = axes.y_axis.get_top()[1]
        left_axis = Line(axes.c2p(axis.low, 0), [axes.c2p(axis.low, 0)[0], top, 0], color=colors.muted,
                         stroke_width=self.theme.strokes.thin)
        plot.add(left_axis)
        plot.y_label.next_to(left_axis.get_top(), LEFT, buff=0.2)
        plot.move_to([area.right - 0.2 - plot.width / 2, area.bottom + plot.height / 2 + 0.05, 0])
        plot.shift((area.right - 0.1 - plot.get_right()[0]) * RIGHT)
        self.plot = plot
        # The target's line stops at the top of the L axis (after the move: the label row is above it).
        self.target_line = DashedLine(axes.c2p(data.y, 0), [axes.c2p(data.y, 0)[0], left_axis.get_top()[1], 0],
                                      color=colors.target, stroke_width=3)

        def bar_points() -> list[np.ndarray]:
            x = self.tracker.get_value()
            return [axes.c2p(x, 0), plot.point_at(x)]

        def level_points() -> list[np.ndarray]:
            point = plot.point_at(self.tracker.get_value())
            return [point, [left_axis.get_x(), point[1], 0]]

        self.height_bar = Line(*bar_points(), color=colors.loss, stroke_width=7)
        self.level_line = Line(*level_points(), color=colors.faint, stroke_width=2)
        self.bar_points, self.level_points = bar_points, level_points
        self.height_number = LiveNumber(
            lambda: data.loss_at(self.tracker.get_value()), data.loss_digits, role="label", color=colors.loss, align="right"
        )
        self.left_axis = left_axis
        self.place_height_number(self.height_number)
        plot.dot.set_z_index(1)

    def place_height_number(self, number: LiveNumber) -> None:
        """The live L at the bar's height, left of the L axis: a tick that moves."""
        height = self.plot.point_at(self.tracker.get_value())[1]
        glyphs = VGroup(*number.submobjects[1:])
        number.shift([self.left_axis.get_x() - 0.15 - glyphs.get_right()[0], height - glyphs.get_center()[1], 0])

    def attach_to_tracker(self) -> None:
        """Everything that shows ŷ or L follows the tracker while ŷ slides."""
        data = self.data
        self.prediction.add_updater(lambda dot: dot.move_to(self.line.n2p(self.tracker.get_value())))
        self.gap_line.add_updater(lambda line: line.set_points_as_corners(
            [self.line.n2p(self.tracker.get_value()), self.line.n2p(data.y)]))
        self.square.add_updater(lambda square: square.set_points_as_corners(
            [*self.square_corners(self.tracker.get_value()), self.square_corners(self.tracker.get_value())[0]]))
        self.live_area.add_updater(lambda readout: readout.next_to(self.square, UP, buff=0.2))
        self.height_bar.add_updater(lambda bar: bar.set_points_as_corners(self.bar_points()))
        self.level_line.add_updater(lambda line: line.set_points_as_corners(self.level_points()))
        self.height_number.add_updater(self.place_height_number)

    def detach_from_tracker(self) -> None:
        for mobject in (self.prediction, self.gap_line, self.square, self.live_area, self.height_bar, self.level_line):
            mobject.clear_updaters()
        self.height_number.remove_updater(self.place_height_number)
