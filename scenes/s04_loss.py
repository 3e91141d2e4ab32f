"""04 Measure the Error: the gap between target and prediction, squared into a loss.

Section 03 handed over its Output box; here it shrinks into the prediction's dot
on a number line, beside the target. Their gap becomes the side of a square whose
area is the loss, and the formula L = (y − ŷ)² fills in with the numbers flying
out of the picture, each in its colour (target green, prediction blue, loss
purple). On the right, the axes of L against ŷ wait from the start; the parabola
of every possible loss is drawn on them, and as ŷ slides to y the square shrinks
and the dot descends the curve, square and curve showing the same live number,
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
    Circle,
    Circumscribe,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    Line,
    NumberLine,
    Polygon,
    Text,
    Triangle,
    ValueTracker,
    VGroup,
)

from backprop_core.arithmetic import displayed
from backprop_core.formatting import MINUS
from scenes.kit import LiveNumber, LiveReadout, LossPlot, content_area, fit_width
from scenes.kit.base import SectionScene
from scenes.kit.neuron_chain import fly_number, glyphs_at, glyphs_of, handoff_box, pulse_color, timeline

#: The number line's width, and the largest side the loss square may have.
LINE_WIDTH = 5.4
SQUARE_MAX_SIDE = 2.0
#: Rows, top to bottom: the formula, the goal/verdict line, the axis shared by line and plot,
#: the tick labels under it, the labels of the markers under those.
FORMULA_Y, GOAL_Y, AXIS_Y, TICKS_Y, MARKERS_Y = 1.72, 1.02, -1.75, -2.28, -2.72
#: The left panel's middle (number line and square) and the plot's size.
LINE_CENTER_X = -3.4
PLOT_X_LENGTH, PLOT_Y_LENGTH = 4.7, 2.15
TICK_SIZE = 26
#: Seconds (unslowed) in which each symbol of the formula lights up with its number.
READ_ALONG = 2.2


class MeasureError(SectionScene):
    section_number = 4

    def construct(self) -> None:
        self.open_on_the_prediction()
        self.the_formula()
        self.the_example()
        self.gap_squared()
        self.numbers_into_the_formula()
        self.loss_curve()
        self.the_goal()
        self.the_verdict()
        self.end_section()

    # Steps ----------------------------------------------------------------------

    def open_on_the_prediction(self) -> None:
        """03's Output box shrinks into the prediction's dot; the target joins it; the gap between them is drawn."""
        self.step("target and prediction")
        data = self.data
        colors = self.theme.colors
        self.header, self.heading = self.make_header()
        self.tracker = ValueTracker(data.y_hat_shown)
        self.build_number_line()
        self.build_plot()
        box = handoff_box(f"\u0177 = {self.fmt(data.y_hat_shown)}")
        self.gap_line = Line(self.line.n2p(data.y_hat_shown), self.line.n2p(data.y), color=colors.loss, stroke_width=7)
        with self.saying(data.intro):
            self.play(FadeIn(self.header, shift=0.2 * DOWN), FadeIn(self.heading), FadeIn(box), run_time=0.7)
            self.play(
                timeline(
                    1.4,
                    (0.0, 0.9, box.animate.scale(0.06).move_to(self.prediction).set_opacity(0)),
                    (0.0, 0.9, Create(self.line)),
                    (0.0, 0.9, FadeIn(self.line_ticks)),
                    (0.6, 0.6, FadeIn(self.prediction, scale=3)),
                    (0.8, 0.6, FadeIn(self.prediction_label, shift=0.15 * UP)),
                )
            )
            self.remove(box)
            self.play(
                timeline(
                    2.1,
                    (0.0, 0.6, FadeIn(self.target, shift=0.2 * UP)),
                    (0.1, 0.6, FadeIn(self.target_label, shift=0.15 * UP)),
                    # "Compare": the gap between them.
                    (0.7, 0.7, Create(self.gap_line)),
                )
            )

    def the_formula(self) -> None:
        """Mean Squared Error: the rule appears; its numbers come later, from the picture."""
        self.step("the loss function")
        data = self.data
        colors = self.theme.colors
        area = content_area()
        title = self.text(data.loss_name, "label", bold=True, color=colors.loss)
        formula = self.text(data.formula_row, "subheading")
        row = VGroup(title, formula).arrange(RIGHT, buff=0.6, aligned_edge=DOWN)
        fit_width(row, area.width)
        row.move_to([area.center[0], FORMULA_Y, 0])
        self.color_formula(formula)
        self.title, self.formula = title, formula
        self.rule = glyphs_at(formula, 0, len(data.formula_pieces[0].text))
        self.say(
            f"{data.loss_name}: {data.formula_text}",
            timeline(1.2, (0.0, 0.8, FadeIn(title, shift=0.2 * RIGHT)), (0.3, 0.9, FadeIn(self.rule, shift=0.2 * UP))),
            run_time=1.2,
        )

    def the_example(self) -> None:
        """The two numbers the formula needs, pointed out in turn."""
        self.step("the example")
        data = self.data
        self.say(
            data.example_text,
            timeline(
                1.8,
                (0.0, 0.9, Indicate(self.target_label, color=self.theme.colors.target, scale_factor=1.15)),
                (0.9, 0.9, Indicate(self.prediction_label, color=self.theme.colors.forward, scale_factor=1.15)),
            ),
            run_time=1.8,
        )

    def gap_squared(self) -> None:
        """The gap's size, then the square built on it: its area is the loss."""
        self.step("the gap, squared")
        data = self.data
        colors = self.theme.colors
        self.square = Polygon(*self.square_corners(data.y_hat_shown), color=colors.loss, stroke_width=4,
                              fill_color=colors.loss, fill_opacity=0.3)
        self.side_label = self.text(self.fmt(data.gap_shown), "label", color=colors.loss)
        self.place_side_label()
        self.area_label = self.text(data.square_text, "label", color=colors.loss)
        self.fmt(data.loss_shown)
        self.area_label.next_to(self.square, UP, buff=0.2)
        if data.gap_shown > 0:
            self.say(
                f"Squared, the gap is the area of a square: {data.square_text}",
                timeline(
                    2.4,
                    (0.0, 0.5, FadeIn(self.side_label, shift=0.2 * LEFT)),
                    (0.4, 1.2, GrowFromEdge(self.square, DOWN)),
                    (1.6, 0.6, FadeIn(self.area_label, shift=0.2 * UP)),
                ),
                run_time=2.4,
            )
        else:
            self.play(FadeIn(self.side_label), run_time=0.6)

    def numbers_into_the_formula(self) -> None:
        """(2.0 − 1.1)² = 0.81: each number arcs from the picture into the formula, keeping its colour."""
        self.step("the numbers")
        data = self.data
        sources = {
            "y": glyphs_of(self.target_label, data.formula_pieces[2].text),
            "y_hat": VGroup(*self.prediction_readout.number.submobjects[1:]),
            "loss": glyphs_of(self.area_label, data.formula_pieces[6].text),
        }
        glue, landed, flights, offset = VGroup(), [], [], len(data.formula_pieces[0].text)
        for piece in data.formula_pieces[1:]:
            glyphs = glyphs_at(self.formula, offset, offset + len(piece.text))
            offset += len(piece.text)
            if piece.source is None:
                glue.add(glyphs)
            else:
                flights.append(fly_number(sources[piece.source], glyphs, path_arc=-0.7))
                landed.append(glyphs)
        flying = timeline(1.2, (0.0, 0.4, FadeIn(glue)), *((0.1 + 0.1 * k, 0.6, flight) for k, flight in enumerate(flights)))
        with self.saying(data.substituted_text) as sentence:
            # Under a long spoken sentence both parts slow down (at most twice) rather than stand still.
            pace = min(2.0, max(1.0, (sentence - 1.2) / (flying.run_time + READ_ALONG)))
            self.play(flying, run_time=flying.run_time * pace)
            self.remove(self.rule, glue, *landed)
            self.add(self.formula)
            self.play(self.read_along(), run_time=READ_ALONG * pace)

    def read_along(self) -> AnimationGroup:
        """Each symbol of the rule lights up with its number: y 2.0, ŷ 1.1, L 0.81."""
        data = self.data
        accent = self.theme.colors.accent
        rule = data.formula_pieces[0].text
        starts = np.cumsum([0] + [len(piece.text) for piece in data.formula_pieces])
        symbols = {"y": rule.index("y"), "y_hat": rule.index("\u0177"), "loss": rule.index("L")}
        pulses = []
        for order, source in enumerate(("y", "y_hat", "loss")):
            k = next(i for i, piece in enumerate(data.formula_pieces) if piece.source == source)
            symbol = glyphs_at(self.formula, symbols[source], symbols[source] + 1)
            number = glyphs_at(self.formula, int(starts[k]), int(starts[k + 1]))
            window = (0.7 * order, 0.8)
            pulses += [(*window, pulse_color(self.formula, symbol, accent)), (*window, pulse_color(self.formula, number, accent))]
        return timeline(READ_ALONG, *pulses)

    def loss_curve(self) -> None:
        """The parabola of every loss is drawn on the waiting axes; our ŷ sits on it at height L."""
        self.step("the loss curve")
        data = self.data
        self.say(
            f"Every prediction has its loss: {data.formula_text}",
            timeline(
                3.4,
                # The axes arrive with the curve they carry (no empty axes waiting on the right).
                (0.0, 0.6, FadeIn(self.plot_frame)),
                (0.3, 1.4, Create(self.plot.curve)),
                (0.3, 0.8, Create(self.target_line)),
                (1.2, 0.6, FadeIn(VGroup(self.plot.dot, self.ring), scale=2)),
                (1.2, 0.6, FadeIn(self.plot_readout)),
                (1.6, 0.8, Create(self.height_bar)),
                (1.6, 0.8, Create(self.level_line)),
                (1.9, 0.6, FadeIn(self.height_number)),
                (2.6, 0.8, Circumscribe(self.plot_readout, color=self.theme.colors.accent, fade_out=True)),
            ),
            run_time=3.4,
        )

    def the_goal(self) -> None:
        """ŷ slides to y: the square shrinks, the dot descends, both numbers fall to 0; then back to the real ŷ."""
        self.step("the goal")
        data = self.data
        colors = self.theme.colors
        area = content_area()
        self.goal_label = self.text(data.goal_label, "label", color=colors.text)
        fit_width(self.goal_label, area.width)
        self.goal_label.move_to([area.center[0], GOAL_Y, 0])
        self.fmt(data.perfect_loss)
        self.live_area = self.square_readout()
        self.attach_to_tracker()
        with self.saying(data.goal):
            self.play(
                FadeIn(self.goal_label, shift=0.2 * DOWN),
                FadeOut(self.area_label),
                FadeIn(self.live_area),
                FadeOut(self.side_label),
                # The example's formula steps back while ŷ moves away from 1.1: it is not this ŷ's loss.
                self.formula.animate.set_opacity(0.3),
                run_time=0.7,
            )
            self.play(self.tracker.animate.set_value(data.y), run_time=2.2)
            self.play(Indicate(VGroup(self.plot.dot, self.ring), color=colors.target, scale_factor=1.5), run_time=0.8)
            self.play(self.tracker.animate.set_value(data.y_hat_shown), self.formula.animate.set_opacity(1.0), run_time=1.4)
            self.play(FadeIn(self.side_label), run_time=0.3)

    def the_verdict(self) -> None:
        """At the real prediction, the data's verdict replaces the goal."""
        self.step("the verdict")
        data = self.data
        colors = self.theme.colors
        verdict = data.verdict
        color = colors.loss if verdict.level in ("high", "moderate") else colors.target
        sentence = self.text(verdict.sentence, "label", bold=True, color=color)
        fit_width(sentence, content_area().width)
        sentence.move_to(self.goal_label)
        self.fmt(data.loss_shown)
        self.detach_from_tracker()
        self.say(
            verdict.sentence,
            timeline(
                2.4,
                (0.0, 0.6, FadeOut(self.goal_label, shift=0.2 * UP)),
                (0.2, 0.6, FadeIn(sentence, shift=0.2 * UP)),
                (0.6, 1.0, Indicate(self.square, color=color, scale_factor=1.05)),
                (1.2, 1.0, Indicate(self.height_bar, color=color)),
                (1.4, 1.0, Indicate(self.height_number, color=color)),
            ),
            run_time=2.4,
        )

    # Parts ----------------------------------------------------------------------

    def color_formula(self, formula: Text) -> None:
        """L and the loss purple, y and its number green, ŷ and its number blue."""
        data = self.data
        colors = self.theme.colors
        rule = data.formula_pieces[0].text
        glyphs_of(formula, "L", 0).set_color(colors.loss)
        glyphs_at(formula, rule.index("y"), rule.index("y") + 1).set_color(colors.target)
        glyphs_at(formula, rule.index("\u0177"), rule.index("\u0177") + 1).set_color(colors.forward)
        # Inter draws "−" between letters lower and shorter than between digits: one minus, the digits' one.
        pieces = data.formula_pieces
        between_numbers = sum(len(piece.text) for piece in pieces[:3]) + pieces[3].text.index(MINUS)
        reference = glyphs_at(formula, between_numbers, between_numbers + 1)[0]
        letters_minus = glyphs_at(formula, rule.index(MINUS), rule.index(MINUS) + 1)[0]
        x = letters_minus.get_x()
        letters_minus.become(reference.copy()).move_to([x, reference.get_y(), 0])
        roles = {"y": colors.target, "y_hat": colors.forward, "loss": colors.loss}
        offset = 0
        for piece in data.formula_pieces:
            if piece.source is not None:
                glyphs_at(formula, offset, offset + len(piece.text)).set_color(roles[piece.source])
            offset += len(piece.text)

    def build_number_line(self) -> None:
        """The number line with labelled ticks, the prediction's dot and live label, the target and its label."""
        data = self.data
        colors = self.theme.colors
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
        line.move_to([LINE_CENTER_X, AXIS_Y, 0])
        self.line = line
        self.line_ticks = VGroup(*(self.tick_label(value, line.n2p(value)[0]) for value in data.number_line_ticks))
        # The target's tick is marked by the triangle and named by its label: no number under it.
        self.line_ticks = VGroup(*(t for t, v in zip(self.line_ticks, data.number_line_ticks) if abs(v - data.y) > 1e-9))
        target = Triangle(color=colors.target, fill_opacity=1, stroke_width=0).scale(0.15)
        target.next_to(line.n2p(data.y), DOWN, buff=0.04)
        self.target = target
        self.prediction = Dot(line.n2p(data.y_hat_shown), radius=0.12, color=colors.forward).set_z_index(1)
        self.target_label = self.text(data.target_text, "label", color=colors.target)
        self.prediction_readout = LiveReadout(
            "\u0177 =", self.tracker, data.y_hat_digits, role="label", label_color=colors.forward, color=colors.forward
        )
        word = self.text(data.prediction_word, "label", color=colors.forward)
        word.next_to(self.prediction_readout, LEFT, buff=0.2).align_to(self.prediction_readout.label, DOWN)
        self.prediction_label = VGroup(word, self.prediction_readout)
        self.fmt(data.y_hat_shown)
        # Each label sits under the line on the far side of its own marker, so the two never meet.
        self.prediction_left = data.y_hat_shown <= data.y
        edge = UP + (LEFT if self.prediction_left else RIGHT)
        self.target_label.move_to([line.n2p(data.y)[0] + (0.05 if self.prediction_left else -0.05), MARKERS_Y, 0],
                                  aligned_edge=edge)
        self.target_label.set_y(MARKERS_Y)
        self.place_prediction_label()

    def place_prediction_label(self, label: VGroup | None = None) -> None:
        """Under the line beside the dot, on the side away from the target; it stops short of the target's label."""
        label = label if label is not None else self.prediction_label
        area = content_area()
        x = self.line.n2p(self.tracker.get_value())[0]
        if self.prediction_left:
            right = min(x - 0.05, self.target_label.get_left()[0] - 0.35)
            label.shift([max(right, area.left + label.width) - label.get_right()[0], MARKERS_Y - label.get_y(), 0])
        else:
            left = max(x + 0.05, self.target_label.get_right()[0] + 0.35)
            label.shift([min(left, area.right - label.width) - label.get_left()[0], MARKERS_Y - label.get_y(), 0])

    def tick_label(self, value: float, x: float) -> Text:
        tick = self.text(self.fmt(value, self.data.tick_digits), "caption", font_size=TICK_SIZE, color=self.theme.colors.muted)
        return tick.move_to([x, TICKS_Y, 0])

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

    def shown_loss(self) -> float:
        """L of the prediction as its readout shows it (ŷ = 1.2 gives 0.64, not the 0.66 of ŷ = 1.19):
        the live numbers add up as shown, in every frame of a sweep."""
        return self.data.loss_at(displayed(self.tracker.get_value(), self.data.y_hat_digits))

    def square_readout(self) -> LiveReadout:
        data = self.data
        colors = self.theme.colors
        readout = LiveReadout(
            "L =", lambda: self.shown_loss(), data.loss_digits, role="label",
            label_color=colors.loss, color=colors.loss,
        )
        readout.next_to(self.square, UP, buff=0.2)
        return readout

    def build_plot(self) -> None:
        """The axes of L against ŷ on the right (shown early, empty), the parabola, the dot and its readouts."""
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
            x_length=PLOT_X_LENGTH,
            y_length=PLOT_Y_LENGTH,
            y_function=data.loss_at,
            curve_color=colors.loss,
            dot_color=colors.forward,
        )
        axes = plot.axes
        # The L axis on the left edge (manim puts it at ŷ = 0 when 0 is in range, inside the curve).
        axes.y_axis.set_stroke(opacity=0)
        top = axes.y_axis.get_top()[1]
        left_axis = Line(axes.c2p(axis.low, 0), [axes.c2p(axis.low, 0)[0], top, 0], color=colors.muted,
                         stroke_width=self.theme.strokes.thin)
        plot.add(left_axis)
        plot.y_label.next_to(left_axis.get_top(), LEFT, buff=0.2)
        plot.shift([area.right - 0.15 - plot.get_right()[0], AXIS_Y - axes.c2p(axis.low, 0)[1], 0])
        self.plot, self.left_axis = plot, left_axis
        marks = VGroup(
            *(Line(axes.c2p(t, 0) + 0.08 * DOWN, axes.c2p(t, 0) + 0.08 * UP) for t in data.parabola_ticks)
        ).set_stroke(colors.muted, width=self.theme.strokes.thin)
        labels = VGroup(*(self.tick_label(t, axes.c2p(t, 0)[0]) for t in data.parabola_ticks))
        self.plot_frame = VGroup(axes, left_axis, plot.x_label, plot.y_label, marks, labels)
        plot.remove(plot.dot)
        plot.dot.set_z_index(2)
        self.ring = Circle(radius=0.18, color=colors.accent, stroke_width=3).move_to(plot.dot).set_z_index(2)
        self.ring.add_updater(lambda ring: ring.move_to(plot.dot))
        # The target's line stops at the top of the L axis.
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
            lambda: self.shown_loss(), data.loss_digits, role="label", color=colors.loss, align="right"
        )
        self.place_height_number(self.height_number)
        # ŷ under the axis, following the dot: the curve's x is the same prediction as the line's dot.
        self.plot_readout = LiveReadout(
            "\u0177 =", self.tracker, data.y_hat_digits, role="label", label_color=colors.forward, color=colors.forward
        )
        self.place_plot_readout(self.plot_readout)

    def place_plot_readout(self, readout: LiveReadout) -> None:
        x = self.plot.axes.c2p(self.tracker.get_value(), 0)[0]
        readout.shift([x - readout.get_x(), MARKERS_Y - readout.get_y(), 0])

    def place_height_number(self, number: LiveNumber) -> None:
        """The live L at the bar's height, left of the L axis: a tick that moves."""
        height = self.plot.point_at(self.tracker.get_value())[1]
        glyphs = VGroup(*number.submobjects[1:])
        number.shift([self.left_axis.get_x() - 0.15 - glyphs.get_right()[0], height - glyphs.get_center()[1], 0])

    def attach_to_tracker(self) -> None:
        """Everything that shows ŷ or L follows the tracker while ŷ slides."""
        data = self.data
        self.prediction.add_updater(lambda dot: dot.move_to(self.line.n2p(self.tracker.get_value())))
        self.prediction_label.add_updater(self.place_prediction_label)
        self.gap_line.add_updater(lambda line: line.set_points_as_corners(
            [self.line.n2p(self.tracker.get_value()), self.line.n2p(data.y)]))
        self.square.add_updater(lambda square: square.set_points_as_corners(
            [*self.square_corners(self.tracker.get_value()), self.square_corners(self.tracker.get_value())[0]]))
        self.live_area.add_updater(lambda readout: readout.next_to(self.square, UP, buff=0.2))
        self.height_bar.add_updater(lambda bar: bar.set_points_as_corners(self.bar_points()))
        self.level_line.add_updater(lambda line: line.set_points_as_corners(self.level_points()))
        self.height_number.add_updater(self.place_height_number)
        self.plot_readout.add_updater(self.place_plot_readout)

    def detach_from_tracker(self) -> None:
        for mobject in (self.prediction, self.gap_line, self.square, self.live_area, self.height_bar, self.level_line):
            mobject.clear_updaters()
        self.prediction_label.remove_updater(self.place_prediction_label)
        self.height_number.remove_updater(self.place_height_number)
        self.plot_readout.remove_updater(self.place_plot_readout)
