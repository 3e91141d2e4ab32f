"""07 Gradient Descent: step downhill on the loss curve L(w) of the worked example.

The curve, the tangent's slope, the step and every trajectory come from the
section's data (the core's ``neuron`` and ``single_neuron_descent``). With the
guide's η = 0.01 one step is tiny on the whole curve, so the step is shown on a
zoomed-in view that says it is zoomed and by how much, with the axis values.
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
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    MathTex,
    Rectangle,
    Succession,
    ValueTracker,
    VGroup,
    Write,
    smooth,
    squish_rate_func,
)

from backprop_core.formatting import fmt
from backprop_core.sections.s07_gradient_descent import Descent, Window, grad_of_w, loss_of_w
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_in, fit_width, safe_area
from scenes.kit.pictures import LossPlot
from scenes.kit.readout import LiveReadout

PLOT_HEIGHT = 3.5
#: Where the main plot's axes end at the top (the zoom label sits just above them).
AXES_TOP = 1.55
#: Gaps between the plot, its readouts and the frame's safe edge.
PLOT_INSET = 0.5
READOUT_GAP = 0.5
#: Cells kept free for a readout's number: fmt's longest strings, e.g. "−6.1×10⁻⁴", are 9.
READOUT_MIN_CELLS = 9
PANEL_GAP = 0.6
PANEL_HEIGHT = 2.5
HOP_TIME = 0.22
#: During a zoom the old tick labels fade out in this first part of the play and the new ones fade in
#: in the same last part, so the two sets (different numbers at different places) never share a frame.
TICK_SWAP = 0.35
PATH_STEP_TIME = 0.4


class GradientDescent(SectionScene):
    section_number = 7

    def construct(self) -> None:
        self.show_header()
        self.show_curve()
        self.take_one_step()
        self.take_many_steps()
        self.compare_learning_rates()
        self.end_section()

    def show_curve(self) -> None:
        """The loss as a function of w, the point at the preset's w and its tangent."""
        data = self.data
        area = content_area()
        self.w_tracker = ValueTracker(data.w_old)
        self.readouts = self._readouts()
        # The readouts' column is as wide as their longest possible number, flush with the safe edge,
        # and the plot takes the room left of it.
        column_left = area.right - self._readout_column_width()
        self.plot_width = column_left - READOUT_GAP - (area.left + PLOT_INSET) - self._x_label_room()
        self.plot = self._plot(data.curve, self.plot_width, PLOT_HEIGHT, ticks=self._curve_ticks())
        self.plot.shift((area.left + PLOT_INSET - self.plot.axes.get_left()[0]) * RIGHT + (AXES_TOP - self.plot.axes.get_top()[1]) * UP)
        self.readouts.move_to(np.array([column_left, AXES_TOP, 0.0]), aligned_edge=LEFT + UP)
        self.say(
            "Use gradients to take a step downhill on the loss landscape.",
            Create(self.plot.curve),
            FadeIn(self.plot.axes),
            FadeIn(self.plot.x_label),
            FadeIn(self.plot.y_label),
            FadeIn(self.plot.ticks),
            FadeIn(self.plot.dot, scale=0.5),
            FadeIn(self.readouts),
            run_time=1.5,
        )
        tangent = self.plot.add_tangent(lambda w: grad_of_w(self.preset, w), length=2.6)
        self.say(
            f"The tangent at w = {self.fmt(data.w_old)} has slope \u2202L/\u2202w = {self.fmt(data.gradient)}.",
            Create(tangent),
            run_time=1.0,
        )

    def take_one_step(self) -> None:
        """w_new = w_old − η × ∂L/∂w with the numbers, drawn on a zoom where the step shows."""
        data, colors = self.data, self.theme.colors
        equation = self._step_equation()
        equation.move_to(np.array([0.0, safe_area().bottom + equation.height / 2 + 0.05, 0.0]))
        self.say(self._step_caption(), Write(equation), run_time=1.5)
        view = self.plot
        if data.zoom is not None:
            view = self._zoom_in(data.zoom)
        if data.step != 0.0:
            start = view.point_at(data.w_old)
            arrow = Arrow(
                view.axes.c2p(data.w_old, 0.0),
                view.axes.c2p(data.w_new, 0.0),
                buff=0,
                color=colors.gradient,
                stroke_width=self.theme.strokes.thick,
                max_tip_length_to_length_ratio=0.3,
            ).shift(0.25 * UP)
            ghost = Dot(start, radius=0.08, color=colors.muted)
            self.add(ghost)
            self.say(data.step_sentence, self.w_tracker.animate.set_value(data.w_new), Create(arrow), run_time=1.5)
            leaving = [FadeOut(arrow), FadeOut(ghost), FadeOut(equation)]
        else:
            self.say(data.step_sentence, Indicate(self.plot.dot, color=colors.muted), run_time=1.0)
            leaving = [FadeOut(equation)]
        # Back to the start of the descent while the step's pictures leave.
        restart = self.w_tracker.animate.set_value(data.descent.ws[0])
        if data.zoom is not None:
            self._zoom_out(view, *leaving, restart)
        else:
            self.play(*leaving, restart, run_time=0.6)

    def take_many_steps(self) -> None:
        """Repeat the step: the point walks down the curve (or, with a zero gradient, stays)."""
        data, colors = self.data, self.theme.colors
        descent = data.descent
        trail = VGroup()
        hops = descent.ws[1:]
        sentence = self.paragraph(descent.sentence, max_width=safe_area().width - 0.4, role="label", color=colors.text)
        sentence.move_to(np.array([0.0, safe_area().bottom + sentence.height / 2, 0.0]))
        for w in descent.ws:
            trail.add(Dot(self.plot.point_at(w), radius=0.05, color=colors.gradient))
        self.caption(descent.sentence, duration=max(self.theme.pacing.reading_time(descent.sentence), HOP_TIME * len(hops) + 1.0))
        self.play(FadeIn(sentence), run_time=0.6)
        self.add(trail[0])
        for index, w in enumerate(hops):
            # One builder per hop, made just before it plays: builders on one mobject share its target.
            self.play(self.w_tracker.animate.set_value(w), FadeIn(trail[index + 1]), run_time=HOP_TIME)
        self.wait(max(0.5, self.theme.pacing.reading_time(descent.sentence) - HOP_TIME * len(hops) - 0.6))
        self.plot.clear_updaters()
        self.clear_content(keep_heading=True)

    def compare_learning_rates(self) -> None:
        """Side by side: a rate too large (overshoots) and one too small (crawls)."""
        data, colors = self.data, self.theme.colors
        area = content_area()
        if data.compare_note:
            note = self.paragraph(data.compare_note, max_width=area.width - 0.4, role="label", color=colors.muted)
            note.move_to(area.center)
            self.say(data.compare_note, FadeIn(note), run_time=0.8)
            self.play(FadeOut(note), run_time=0.4)
        panels = VGroup(
            self._panel("Too big = overshoot", data.too_large, data.too_large_window),
            self._panel("Too small = too slow", data.too_small, data.too_small_window),
        ).arrange(RIGHT, buff=PANEL_GAP, aligned_edge=UP)
        fit_in(panels, area.width, area.height - 0.1)
        panels.move_to(area.center).align_to(np.array([0.0, area.top - 0.1, 0.0]), UP)
        line = "\u03b7 (eta) is the learning rate \u2014 how big each step is. Too big = overshoot. Too small = too slow."
        paths = [self._path_animation(panel) for panel in panels]
        steps = max(len(p) for p in paths)

        def show_and_walk() -> None:
            self.play(*(FadeIn(VGroup(panel.title, panel.plot)) for panel in panels), run_time=1.2)
            for index in range(steps):
                self.play(*(p[index] for p in paths if index < len(p)), run_time=PATH_STEP_TIME)

        self._narrate(line, show_and_walk)
        for panel, descent in zip(panels, (data.too_large, data.too_small)):
            self.say(descent.sentence, FadeIn(panel.sentence, shift=0.1 * UP), run_time=0.6)

    def _narrate(self, text: str, run: Callable[[], None]) -> None:
        """Caption ``text`` while ``run`` plays, then wait out the rest of its reading time.

        Like ``say`` for a sequence of plays; the caption covers the time that actually passed.
        """
        reading = self.theme.pacing.reading_time(text)
        start = self.time
        run()
        remaining = reading - (self.time - start)
        if remaining > 1e-3:
            self.wait(remaining)
        elapsed = self.time - start
        self.add_subcaption(text, duration=elapsed, offset=-elapsed)

    def _readout_column_width(self) -> float:
        """Label plus the longest number any readout can show on the w values this scene visits."""
        data, preset = self.data, self.preset
        visited = [data.w_old, data.w_new, *data.descent.ws]
        longest = max(
            len(fmt(value))
            for w in visited
            for value in (w, float(loss_of_w(preset, w)), grad_of_w(preset, w))
        )
        cells = max(longest, READOUT_MIN_CELLS)
        left = self.readouts.get_left()[0]
        return max(row.number.anchor.get_start()[0] - left + row.number.glyphs.advance * cells for row in self.readouts)

    @staticmethod
    def _x_label_room() -> float:
        """How far the axis name "w" reaches right of the axes."""
        probe = LossPlot((0.0, 1.0), (0.0, 1.0), None, x_length=1.0, y_length=1.0)
        return probe.x_label.get_right()[0] - probe.axes.get_right()[0]

    @staticmethod
    def _y_label_room() -> float:
        """How far the axis name "L" reaches left of the axes."""
        probe = LossPlot((0.0, 1.0), (0.0, 1.0), None, x_length=1.0, y_length=1.0)
        return probe.axes.get_left()[0] - probe.y_label.get_left()[0]

    def _plot(self, window: Window, width: float, height: float, ticks: tuple[float, ...] = ()) -> LossPlot:
        plot = LossPlot(
            window.ws,
            window.losses,
            self.w_tracker if hasattr(self, "w_tracker") else None,
            x_length=width,
            y_length=height,
            y_function=lambda w: float(loss_of_w(self.preset, w)),
            x_ticks=ticks,
        )
        if plot.axes.y_axis.get_x() > plot.axes.get_left()[0] + 1e-6:
            # The y axis crosses inside the plot (w = 0 is in range), where the curve and its tangent
            # run past a name beside the axis top: the name goes above the axis instead.
            plot.y_label.next_to(plot.axes.y_axis.get_top(), UP, buff=0.1)
        for tick in ticks:
            self.record_number(fmt(tick), tick)
        return plot

    def _curve_ticks(self) -> tuple[float, ...]:
        data = self.data
        ticks = [data.w_old]
        if data.w_star is not None and abs(data.w_star - data.w_old) > 0.15 * data.curve.width:
            ticks.append(data.w_star)
        return tuple(ticks)

    def _readouts(self) -> VGroup:
        colors = self.theme.colors
        preset = self.preset
        rows = VGroup(
            LiveReadout("w =", self.w_tracker, color=colors.forward),
            LiveReadout("L =", lambda: float(loss_of_w(preset, self.w_tracker.get_value())), color=colors.loss),
            LiveReadout("\u2202L/\u2202w =", lambda: grad_of_w(preset, self.w_tracker.get_value()), color=colors.gradient),
        ).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        for row in rows:
            self.record_number(row.text, row.value)
        return rows

    def _step_caption(self) -> str:
        data = self.data
        gradient = fmt(data.gradient)
        shown = f"({gradient})" if data.gradient < 0 else gradient
        return f"w_new = w_old \u2212 \u03b7 \u00d7 \u2202L/\u2202w = {fmt(data.w_old)} \u2212 {fmt(data.lr)} \u00d7 {shown} = {fmt(data.w_new)}"

    def _step_equation(self) -> MathTex:
        data, colors = self.data, self.theme.colors
        gradient = self.fmt(data.gradient, tex=True)
        parts = [
            r"w_{\text{new}}", "=", r"w_{\text{old}}", "-", r"\eta", r"\times", r"\partial L/\partial w",
            "=", self.fmt(data.w_old, tex=True), "-", self.fmt(data.lr, tex=True), r"\times",
            f"({gradient})" if data.gradient < 0 else gradient, "=", self.fmt(data.w_new, tex=True),
        ]
        equation = MathTex(*parts, font_size=42, color=colors.text)
        equation[6].set_color(colors.gradient)
        equation[12].set_color(colors.gradient)
        equation[14].set_color(colors.forward)
        fit_width(equation, safe_area().width)
        return equation

    def _zoom_in(self, zoom: Window) -> LossPlot:
        """Frame the step's neighbourhood on the full curve, then blow it up to the plot's size."""
        data, colors = self.data, self.theme.colors
        zoomed = self._plot(zoom, self.plot_width, PLOT_HEIGHT, ticks=(data.w_old, data.w_new))
        zoomed.shift(self.plot.axes.get_corner(UP + LEFT) - zoomed.axes.get_corner(UP + LEFT))
        low = min(zoom.losses)
        frame = Rectangle(stroke_color=colors.accent, stroke_width=self.theme.strokes.normal)
        corner_a = self.plot.axes.c2p(zoom.w_min, low)
        corner_b = self.plot.axes.c2p(zoom.w_max, zoom.loss_max)
        frame.stretch_to_fit_width(max(abs(corner_b[0] - corner_a[0]), 0.12))
        frame.stretch_to_fit_height(max(abs(corner_b[1] - corner_a[1]), 0.12))
        frame.move_to((corner_a + corner_b) / 2)
        label = self.text(f"zoomed in \u00d7{self.fmt(data.zoom_factor)}", "label", color=colors.accent)
        label.next_to(zoomed.axes, UP, buff=0.15).align_to(zoomed.axes, RIGHT)

        old_body, new_body = self._body(self.plot), self._body(zoomed)

        def frame_and_zoom() -> None:
            self.play(Create(frame), run_time=0.8)
            self.play(
                frame.animate.replace(zoomed.axes, stretch=True).set_stroke(opacity=0),
                FadeOut(old_body),
                FadeIn(new_body),
                *self._swap_ticks(self.plot.ticks, zoomed.ticks),
                FadeIn(label),
                run_time=1.2,
            )

        self._narrate(
            f"One step is only {self.fmt(abs(data.step))} wide here, so we zoom in \u00d7{self.fmt(data.zoom_factor)} around w.",
            frame_and_zoom,
        )
        self.remove(frame)
        zoomed.add_tangent(lambda w: grad_of_w(self.preset, w), length=2.6)
        self.add(zoomed.tangent)
        self.zoom_label = label
        return zoomed

    def _zoom_out(self, zoomed: LossPlot, *also: Any) -> None:
        # The zoomed view fades out where it is, even while the tracker moves on.
        zoomed.clear_updaters()
        for part in zoomed.submobjects:
            part.clear_updaters()
        old_body = self._body(self.plot)
        self.play(
            FadeOut(self._body(zoomed)),
            FadeOut(self.zoom_label),
            FadeIn(old_body),
            *self._swap_ticks(zoomed.ticks, self.plot.ticks),
            *also,
            run_time=1.0,
        )
        # The plot was brought back in two parts; it is one mobject again for the rest of the scene.
        self.remove(old_body, self.plot.ticks)
        self.add(self.plot)

    @staticmethod
    def _body(plot: LossPlot) -> VGroup:
        """Every part of ``plot`` but its tick labels, which a zoom swaps separately."""
        return VGroup(*(part for part in plot.submobjects if part is not plot.ticks))

    @staticmethod
    def _swap_ticks(leaving: VGroup, coming: VGroup) -> list[Any]:
        """Fade ``leaving`` out, then ``coming`` in, within one play and with a gap between."""
        return [
            FadeOut(leaving, rate_func=squish_rate_func(smooth, 0.0, TICK_SWAP)),
            FadeIn(coming, rate_func=squish_rate_func(smooth, 1.0 - TICK_SWAP, 1.0)),
        ]

    def _panel(self, title: str, descent: Descent, window: Window) -> VGroup:
        colors = self.theme.colors
        heading = self.text(title, "label", bold=True, color=colors.gradient)
        rate = self.text(f"\u03b7 = {self.fmt(descent.lr)}", "label", color=colors.text)
        head = VGroup(heading, rate).arrange(RIGHT, buff=0.35)
        # Two panels side by side fill the content width: the plot (with its axis names) and the
        # sentence under it are each half of it.
        width = (content_area().width - PANEL_GAP) / 2
        plot = self._plot_panel(window, width - self._x_label_room() - self._y_label_room())
        sentence = self.paragraph(descent.sentence, max_width=width, role="caption", color=colors.text)
        panel = VGroup(head, plot, sentence).arrange(DOWN, buff=0.3)
        panel.title, panel.plot, panel.sentence, panel.descent = head, plot, sentence, descent
        return panel

    def _plot_panel(self, window: Window, width: float) -> LossPlot:
        tracker = ValueTracker(window.ws[0])
        plot = LossPlot(window.ws, window.losses, tracker, x_length=width, y_length=PANEL_HEIGHT)
        plot.remove(plot.dot)
        plot.dot.clear_updaters()
        return plot

    def _path_animation(self, panel: Any) -> list[Any]:
        """One animation per step: a segment from the last point to the next and a dot there."""
        colors = self.theme.colors
        plot, descent = panel.plot, panel.descent
        points = [plot.axes.c2p(w, loss) for w, loss in zip(descent.ws, descent.losses)]
        first = Dot(points[0], radius=0.09, color=colors.accent)
        animations: list[Any] = [FadeIn(first, scale=0.5)]
        for a, b in zip(points, points[1:]):
            segment = Line(a, b, color=colors.gradient, stroke_width=self.theme.strokes.normal)
            dot = Dot(b, radius=0.07, color=colors.gradient)
            animations.append(Succession(Create(segment, run_time=0.3), FadeIn(dot, run_time=0.15)))
        return animations


__all__ = ["GradientDescent"]
