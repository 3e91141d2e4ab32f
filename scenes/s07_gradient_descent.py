"""07 Gradient Descent: step downhill on the loss curve L(w) of the worked example.

The curve, the tangent's slope, the step and every trajectory come from the
section's data (the core's ``neuron`` and ``single_neuron_descent``). With the
guide's η = 0.01 one step is tiny on the whole curve, so the step is shown on a
zoomed-in view that says it is zoomed and by how much. Then two learning rates
run one after the other on panels with the same w scale: too big, too small.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Flash,
    Indicate,
    Line,
    ManimColor,
    MarkupText,
    Rectangle,
    ShowPassingFlash,
    VGroup,
    ValueTracker,
    Wiggle,
    linear,
    there_and_back,
)

from backprop_core.formatting import fmt
from backprop_core.sections.s07_gradient_descent import Descent, Window, grad_of_w, loss_of_w
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width
from scenes.kit.pictures import LossPlot
from scenes.kit.readout import LiveReadout

PLOT_HEIGHT = 3.3
#: The update formula's row at the top of the content area, and the gap under it.
FORMULA_SIZE = 36
FORMULA_GAP = 0.45
#: Room left of the axes for the zoomed view's "0" on the L axis.
PLOT_INSET = 0.85
READOUT_GAP = 0.5
PANEL_GAP = 0.7
PANEL_HEIGHT = 2.6
HOP_TIME = 0.22
#: One hop of a comparison run: slow enough to follow the ball from landing to landing.
PANEL_HOP_TIME = 0.6
TANGENT_LENGTH = 2.6
#: When more than this share of a plot lies at w < 0, its L axis stands at the left edge, not at w = 0.
LEFT_OF_AXIS = 0.12


def l_axis_at_left_edge(plot: LossPlot) -> bool:
    """Stand ``plot``'s L axis at its left edge when much of its window is at w < 0.

    Manim stands the y axis at w = 0, and part of the curve (under dead-relu, the ReLU-off
    shelf) would be drawn left of the L axis. Returns whether it moved (then ``plot.l_axis``
    is the axis drawn, and the name "L" sits beside its top).
    """
    if plot.axes.y_axis.get_x() - plot.axes.get_left()[0] <= LEFT_OF_AXIS * plot.axes.width:
        return False
    plot.axes.y_axis.set_stroke(opacity=0.0)
    low = plot.axes.c2p(plot.xs[0], plot.axes.y_range[0])
    high = plot.axes.c2p(plot.xs[0], plot.axes.y_range[1])
    plot.l_axis = Line(low, high, color=plot.theme.colors.muted, stroke_width=plot.theme.strokes.thin)
    plot.add(plot.l_axis)
    plot.y_label.next_to(plot.l_axis.get_top(), LEFT, buff=0.2)
    return True


def clip_to_axes(line: Line, axes: Any) -> Line:
    """Keep ``line`` (a tangent that follows a dot) inside the axes' box, every frame."""
    def clip(mob: Line) -> None:
        # The box is read each frame: the plot may move after the tangent is made.
        lower = axes.c2p(axes.x_range[0], axes.y_range[0])
        upper = axes.c2p(axes.x_range[1], axes.y_range[1])
        start, end = mob.get_start(), mob.get_end()
        delta = end - start
        t0, t1 = 0.0, 1.0
        for axis in (0, 1):
            if abs(delta[axis]) < 1e-9:
                continue
            a = (lower[axis] - start[axis]) / delta[axis]
            b = (upper[axis] - start[axis]) / delta[axis]
            t0, t1 = max(t0, min(a, b)), min(t1, max(a, b))
        if t1 - t0 > 1e-3:
            mob.put_start_and_end_on(start + delta * t0, start + delta * t1)

    line.add_updater(clip)
    clip(line)
    return line


class GradientDescent(SectionScene):
    section_number = 7

    def construct(self) -> None:
        self.step("the loss curve")
        self.show_curve()
        self.step("the tangent")
        self.show_tangent()
        self.step("the update rule")
        self.show_update_rule()
        self.step("one step")
        self.take_one_step()
        self.step("many steps")
        self.take_many_steps()
        self.compare_learning_rates()
        self.end_section()

    # ------------------------------------------------------------------ beats

    def show_curve(self) -> None:
        """Header and curve together: the scene opens on the picture."""
        data = self.data
        area = content_area()
        self.header, self.heading = self.make_header()
        self.w_tracker = ValueTracker(data.w_old)
        self.readouts = self._readouts()
        self.formula = self._formula()
        self.formula.move_to(np.array([0.0, area.top - self.formula.height / 2 - 0.05, 0.0]))
        axes_top = self.formula.get_bottom()[1] - FORMULA_GAP
        column_left = area.right - self._readout_column_width()
        self.plot_width = column_left - READOUT_GAP - (area.left + PLOT_INSET) - self._x_label_room()
        self.plot = self._plot(data.curve, self.plot_width, PLOT_HEIGHT, ticks=self._curve_ticks())
        self.plot.shift((area.left + PLOT_INSET - self.plot.axes.get_left()[0]) * RIGHT + (axes_top - self.plot.axes.get_top()[1]) * UP)
        self.readouts.move_to(np.array([column_left, axes_top, 0.0]), aligned_edge=LEFT + UP)
        plot = self.plot
        # saying() starts the caption and its speech with the picture, so a narrated
        # opening does not hold still while the first sentence is spoken afterwards.
        with self.saying("Use gradients to take a step downhill on the loss landscape.") as sentence:
            start = self.time
            self.play(
                FadeIn(self.header, shift=0.2 * DOWN),
                FadeIn(self.heading),
                FadeIn(plot.axes),
                Create(plot.curve),
                FadeIn(plot.x_label),
                FadeIn(plot.y_label),
                FadeIn(plot.ticks),
                *([FadeIn(plot.l_axis)] if hasattr(plot, "l_axis") else []),
                run_time=1.3,
            )
            # One parameter moves here: b stays at the example's value (11 moves both).
            self.bias_note = self.text(f"b = {self.fmt(self.preset.b)} (fixed)", "label", color=self.theme.colors.muted)
            self.bias_note.next_to(self.readouts, DOWN, buff=0.35).align_to(self.readouts, LEFT)
            self.play(FadeIn(plot.dot, scale=0.5), FadeIn(self.readouts, shift=0.2 * LEFT), FadeIn(self.bias_note, shift=0.2 * LEFT), run_time=1.0)
            # "The landscape": a highlight runs along the whole curve while the sentence names it.
            self.play(self._trace(plot.curve), run_time=max(1.0, min(2.5, sentence - 2.3 - 0.8)))
            self._fill(start, sentence, lambda: Indicate(plot.dot, color=self.theme.colors.accent, scale_factor=1.5))

    def show_tangent(self) -> None:
        """The tangent at the dot; the dot slides a little and the tangent tilts with it, the ∂L/∂w readout counting."""
        data, colors = self.data, self.theme.colors
        tangent = clip_to_axes(self.plot.add_tangent(lambda w: grad_of_w(self.preset, w), length=TANGENT_LENGTH), self.plot.axes)
        label = self.text("tangent: slope = \u2202L/\u2202w", "label", color=colors.gradient)
        # In the formula's row, empty until the next beat: never over the curve, wherever the dot is.
        label.move_to(self.formula).align_to(self.plot.axes, LEFT)
        self.tangent_label = label
        sentence_text = f"The tangent's slope is the gradient, {self.fmt(data.gradient)}."
        with self.saying(sentence_text) as sentence:
            start = self.time
            self.play(Create(tangent), FadeIn(label, shift=0.1 * RIGHT), run_time=1.2)
            # The number the sentence says first, then slope = the readout anywhere: slide the dot along
            # the curve and back, the tangent and ∂L/∂w follow, and come home to the spoken value.
            self.play(Indicate(self.readouts[2], color=colors.accent, scale_factor=1.1), Indicate(label, color=colors.accent, scale_factor=1.05), run_time=1.0)
            slide = max(1.6, min(4.0, sentence - 1.2 - 1.0 - 1.6))
            self.play(self.w_tracker.animate(rate_func=there_and_back).set_value(self._probe_w()), run_time=slide)
            self._fill(start, sentence, lambda: Indicate(self.readouts[2], color=colors.accent, scale_factor=1.1))

    def show_update_rule(self) -> None:
        """w_new = w_old − η × ∂L/∂w, then the numbers, then the result: one part at a time, under its sentence."""
        symbols, numbers, result = self.formula.parts
        rows = self.readouts
        accent = self.theme.colors.accent
        with self.saying(self._step_caption()) as sentence:
            start = self.time
            pace = self._pace(sentence, 4.2)
            # The tangent's label leaves its row before the rule comes in: never one over the other.
            self.play(FadeOut(self.tangent_label, shift=0.15 * UP), run_time=0.4 * pace)
            self.play(FadeIn(symbols, shift=0.15 * DOWN), run_time=0.6 * pace)
            self.play(FadeIn(numbers, shift=0.15 * DOWN), Indicate(rows[0], color=accent, scale_factor=1.1), Indicate(rows[2], color=accent, scale_factor=1.1), run_time=1.2 * pace)
            self.play(FadeIn(result, shift=0.15 * DOWN), run_time=1.0 * pace)
            self.play(Indicate(result, color=accent, scale_factor=1.15), run_time=1.0 * pace)
            # The rest of the sentence walks through what it reads: w_old, then ∂L/∂w, then the new w.
            turns = iter(range(1_000))
            # ∂L/∂w lights with the tangent it is the slope of, so the picture moves with the words.
            tangent = self.plot.tangent
            lights = (
                lambda: Indicate(rows[0], color=accent, scale_factor=1.1),
                lambda: AnimationGroup(
                    Indicate(rows[2], color=accent, scale_factor=1.1),
                    ShowPassingFlash(tangent.copy().clear_updaters().set_stroke(accent, width=self.theme.strokes.thick), time_width=0.5),
                ),
                lambda: AnimationGroup(Indicate(result, color=accent, scale_factor=1.15), Indicate(self.plot.dot, color=accent, scale_factor=1.6)),
            )
            self._fill(start, sentence, lambda: lights[next(turns) % len(lights)]())

    def take_one_step(self) -> None:
        """The ball rolls from w_old to w_new; on a zoom where the step would be too small to see."""
        data, colors = self.data, self.theme.colors
        view = self._zoom_in(data.zoom) if data.zoom is not None else self.plot
        if data.step == 0.0:
            with self.saying(data.step_sentence) as sentence:
                start = self.time
                pace = self._pace(sentence, 2.4)
                self.play(Wiggle(self.plot.dot), run_time=1.2 * pace)
                self.play(Indicate(self.readouts[2], color=colors.gradient, scale_factor=1.1), run_time=1.2 * pace)
                self._fill(start, sentence, lambda: Wiggle(self.plot.dot))
            return
        ghost = Dot(view.point_at(data.w_old), radius=0.08, color=colors.muted)
        arrow = Arrow(
            view.axes.c2p(data.w_old, 0.0),
            view.axes.c2p(data.w_new, 0.0),
            buff=0,
            color=colors.gradient,
            stroke_width=self.theme.strokes.thick,
            max_tip_length_to_length_ratio=0.3,
        ).shift(0.3 * UP)
        label = self.text(f"\u0394w = {self.fmt(data.step, sign=True)}", "caption", color=colors.gradient)
        label.next_to(arrow, UP, buff=0.12)
        with self.saying(data.step_sentence) as sentence:
            start = self.time
            pace = self._pace(sentence, 3.4)
            self.add(ghost)
            self.play(Create(arrow), FadeIn(label, shift=0.1 * UP), run_time=0.8 * pace)
            self.play(self.w_tracker.animate.set_value(data.w_new), run_time=1.6 * pace)
            self.play(Indicate(self.readouts[0], color=colors.accent, scale_factor=1.1), Indicate(self.readouts[1], color=colors.accent, scale_factor=1.1), run_time=1.0 * pace)
            self._fill(start, sentence, lambda: Indicate(label, color=colors.accent))
        leaving = [FadeOut(arrow), FadeOut(ghost), FadeOut(label)]
        if data.zoom is not None:
            self._zoom_out(view, leaving)
        else:
            self.play(*leaving, run_time=0.6)

    def take_many_steps(self) -> None:
        """Repeat the update: the ball walks down the curve (or, with a zero gradient, stays)."""
        data, colors = self.data, self.theme.colors
        descent = data.descent
        if descent.outcome == "stuck" or data.step == 0.0:
            # Nothing moves w: say so while the dot shakes in place and the zero gradient lights up.
            with self.saying(descent.sentence) as sentence:
                start = self.time
                self.play(Wiggle(self.plot.dot), run_time=1.2)
                self.play(Indicate(self.readouts[2], color=colors.gradient, scale_factor=1.1), run_time=1.2)
                self._fill(start, sentence, lambda: Indicate(self.readouts[2], color=colors.gradient, scale_factor=1.1))
            self.clear_content(keep_heading=True)
            return
        repeat = self.text(f"repeat: {self.fmt(descent.steps)} steps", "label", color=colors.accent)
        repeat.next_to(self.bias_note, DOWN, buff=0.45).align_to(self.readouts, LEFT)
        # The single step already took the ball to ws[1]; the walk goes on from there.
        trail = VGroup(*(Dot(self.plot.point_at(w), radius=0.05, color=colors.gradient) for w in descent.ws))
        with self.saying(descent.sentence) as sentence:
            start = self.time
            hops = len(descent.ws) - 2
            pace = self._pace(sentence, 0.5 + HOP_TIME * hops + 0.8)
            self.add(trail[0], trail[1])
            self.bring_to_front(self.plot.dot)
            self.play(FadeIn(repeat, shift=0.1 * UP), run_time=0.5 * pace)
            for index, w in enumerate(descent.ws[2:], start=2):
                self.play(self.w_tracker.animate.set_value(w), FadeIn(trail[index]), run_time=HOP_TIME * pace)
            self.play(Indicate(self.readouts[1], color=colors.accent, scale_factor=1.1), Indicate(repeat, color=colors.accent), run_time=0.8 * pace)
            self._fill(start, sentence, lambda: Indicate(self.readouts[1], color=colors.accent, scale_factor=1.1))
        self.plot.clear_updaters()
        for part in self.plot.submobjects:
            part.clear_updaters()
        self.clear_content(keep_heading=True)

    def compare_learning_rates(self) -> None:
        """Too big, then too small: one panel after the other, each ball walking with its L counter."""
        data = self.data
        area = content_area()
        width = (area.width - PANEL_GAP) / 2
        panels = [
            self._panel(data.too_large_label, data.too_large, width),
            self._panel(data.too_small_label, data.too_small, width),
        ]
        row = VGroup(*panels).arrange(RIGHT, buff=PANEL_GAP, aligned_edge=UP)
        row.move_to(np.array([area.center[0], 0.0, 0.0])).align_to(np.array([0.0, area.top - 0.1, 0.0]), UP)

        # Both heads share one baseline (titles of different heights would otherwise sit apart).
        for part in (0, 1):
            second_part = panels[1].head[part]
            second_part.shift((panels[0].head[part].get_top()[1] - second_part.get_top()[1]) * UP)
        panels[1].plot.shift((panels[0].plot.axes.get_bottom()[1] - panels[1].plot.axes.get_bottom()[1]) * UP)

        self.step("too big")
        first, second = panels
        colors = self.theme.colors
        # Both frames from the start, so the screen is never half empty; the right one fills at its caption.
        eta = self.text("\u03b7 = learning rate = step size", "label", color=colors.accent)
        # Inside the first plot's top, between the curve's arms (no ball yet), clear of the subtitle band.
        fit_width(eta, 0.85 * first.plot.axes.width)
        eta.move_to(first.plot.axes.get_top() + (eta.height / 2 + 0.15) * DOWN)
        # The η of each panel lights up while the label says what η is.
        with self.saying("\u03b7 (eta) is the learning rate \u2014 how big each step is.") as sentence:
            start = self.time
            self.play(
                FadeIn(first.head, shift=0.1 * DOWN),
                FadeIn(first.plot),
                FadeIn(second.head, shift=0.1 * DOWN),
                FadeIn(second.plot),
                FadeIn(eta, shift=0.1 * UP),
                run_time=1.2,
            )
            self.play(Indicate(first.head[1][0], color=colors.accent), Indicate(second.head[1][0], color=colors.accent), run_time=1.0)
            self.play(FadeIn(first.ball, scale=0.5), run_time=0.6)
            self._fill(start, sentence, lambda: Indicate(eta, color=colors.accent, scale_factor=1.08))
        self.play(FadeOut(eta), run_time=0.5)
        if data.compare_note:
            with self.saying(data.compare_note) as sentence:
                start = self.time
                self.play(Indicate(first.ball, color=colors.accent, scale_factor=1.6), run_time=1.2)
                self.play(Flash(first.ball, color=colors.accent), run_time=1.0)
                self.play(Indicate(first.head, color=colors.accent), run_time=1.2)
                self._fill(start, sentence, lambda: Indicate(first.ball, color=colors.accent, scale_factor=1.6))
        with self.saying(self._compare_sentence(data.too_large_label, data.too_large)) as sentence:
            self._walk(first, sentence)

        self.step("too small")
        with self.saying(self._compare_sentence(data.too_small_label, data.too_small)) as sentence:
            start = self.time
            self.play(Indicate(second.head, color=colors.accent), FadeIn(second.ball, scale=0.5), run_time=1.0)
            self._walk(second, sentence - (self.time - start))

    # ---------------------------------------------------------------- helpers

    @staticmethod
    def _compare_sentence(label: str, descent: Descent) -> str:
        """The guide's "Too big = overshoot" with what the run did; its η is on the panel, not repeated."""
        _, _, outcome = descent.sentence.partition(": ")
        outcome = outcome or descent.sentence
        return f"{label}. {outcome[:1].upper()}{outcome[1:]}"

    def _pace(self, sentence: float, planned: float) -> float:
        """How much to slow plays of ``planned`` seconds toward a sentence of ``sentence`` seconds: at most
        1.6× (slower motion reads as still); :meth:`_fill` spends what is left on highlights."""
        return min(max(1.0, (sentence - 1.5) / planned), 1.6) if planned > 0 else 1.0

    def _fill(self, start: float, sentence: float, filler: Any, leave: float = 0.8) -> None:
        """Spend the rest of the sentence begun at ``start`` on ``filler()`` (a highlight of what it says),
        leaving at most about ``leave`` + 0.5 s still."""
        while True:
            remaining = sentence - (self.time - start)
            if remaining <= leave + 0.5:
                return
            self.play(filler(), run_time=min(1.2, remaining - leave))

    def _trace(self, curve: Any) -> ShowPassingFlash:
        """A highlight that runs along ``curve`` once."""
        return ShowPassingFlash(curve.copy().set_stroke(self.theme.colors.accent, width=self.theme.strokes.thick), time_width=0.35)

    def _probe_w(self) -> float:
        """Where the tangent demo slides the dot to: a short way toward the curve's low point."""
        data = self.data
        goal = data.w_star if data.w_star is not None else (data.curve.ws[0] + data.curve.ws[-1]) / 2
        direction = 1.0 if goal >= data.w_old else -1.0
        reach = 0.18 * data.curve.width
        if data.w_star is not None:
            reach = min(reach, 0.6 * abs(data.w_star - data.w_old)) or 0.18 * data.curve.width
        return data.w_old + direction * reach

    def _readout_column_width(self) -> float:
        """Label plus the longest number any readout can show on the w values this scene visits."""
        data, preset = self.data, self.preset
        visited = [data.w_old, data.w_new, *data.descent.ws]
        longest = max(
            max(len(fmt(w, data.w_digits)), len(fmt(float(loss_of_w(preset, w)), data.loss_digits)), len(fmt(grad_of_w(preset, w), data.grad_digits)))
            for w in visited
        )
        left = self.readouts.get_left()[0]
        return max(row.number.anchor.get_start()[0] - left + row.number.glyphs.advance * longest for row in self.readouts)

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

    def _plot(self, window: Window, width: float, height: float, ticks: tuple[float, ...] = (), tracker: ValueTracker | None = None, y_ticks: tuple[float, ...] = ()) -> LossPlot:
        plot = LossPlot(
            window.ws,
            window.losses,
            tracker if tracker is not None else self.w_tracker,
            x_length=width,
            y_length=height,
            y_function=lambda w: float(loss_of_w(self.preset, w)),
            x_ticks=ticks,
            y_ticks=y_ticks,
        )
        if l_axis_at_left_edge(plot):
            # A "0" tick on the w axis says where w = 0 is.
            if all(abs(tick) > 0.12 * window.width for tick in ticks):
                zero = self.text(fmt(0.0), "caption", color=self.theme.colors.muted)
                zero.next_to(plot.axes.c2p(0.0, 0.0), DOWN, buff=0.15)
                plot.ticks.add(zero)
                self.record_number(fmt(0.0), 0.0)
        elif plot.axes.y_axis.get_x() > plot.axes.get_left()[0] + 1e-6:
            # The y axis crosses just inside the plot (w = 0 is in range), where the curve and its tangent
            # run past a name beside the axis top: the name goes above the axis instead.
            plot.y_label.next_to(plot.axes.y_axis.get_top(), UP, buff=0.1)
        elif not window.contains(0.0):
            # The L axis does not stand at w = 0: a break in the w axis says so.
            plot.axis_break = self._axis_break(plot)
            plot.add(plot.axis_break)
        for tick in (*ticks, *y_ticks):
            self.record_number(fmt(tick), tick)
        return plot

    def _axis_break(self, plot: LossPlot) -> VGroup:
        """Two short slanted strokes across the w axis just right of the L axis: "w does not start at 0"."""
        origin = plot.axes.c2p(plot.xs[0], 0.0)
        marks = VGroup()
        for offset in (0.18, 0.3):
            centre = origin + offset * RIGHT
            marks.add(Line(centre + 0.06 * LEFT + 0.13 * DOWN, centre + 0.06 * RIGHT + 0.13 * UP, color=self.theme.colors.muted, stroke_width=self.theme.strokes.normal))
        gap = Line(origin + 0.2 * RIGHT, origin + 0.28 * RIGHT, color=self.theme.colors.background, stroke_width=self.theme.strokes.thick)
        return VGroup(gap, marks)

    def _curve_ticks(self) -> tuple[float, ...]:
        data = self.data
        ticks = [data.w_old]
        if data.w_star is not None and abs(data.w_star - data.w_old) > 0.15 * data.curve.width:
            ticks.append(data.w_star)
        return tuple(ticks)

    def _readouts(self) -> VGroup:
        data, colors, preset = self.data, self.theme.colors, self.preset
        rows = VGroup(
            LiveReadout("w =", self.w_tracker, data.w_digits, color=colors.forward),
            LiveReadout("L =", lambda: float(loss_of_w(preset, self.w_tracker.get_value())), data.loss_digits, color=colors.loss),
            LiveReadout("\u2202L/\u2202w =", lambda: grad_of_w(preset, self.w_tracker.get_value()), data.grad_digits, color=colors.gradient),
        ).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        for row in rows:
            self.record_number(row.text, row.value)
        return rows

    def _step_caption(self) -> str:
        data = self.data
        gradient = fmt(data.gradient)
        shown = f"({gradient})" if data.gradient < 0 else gradient
        return (
            f"The update: w_new = w_old \u2212 \u03b7 \u00d7 \u2202L/\u2202w = {fmt(data.w_old)} \u2212 {fmt(data.lr)} \u00d7 {shown} "
            f"= {fmt(data.w_new)}."
        )

    def _formula(self) -> VGroup:
        """The update rule in the text face, as one line whose three parts appear in turn."""
        data, colors = self.data, self.theme.colors

        def span(text: str, color: str) -> str:
            return f'<span foreground="{ManimColor(color).to_hex()}">{text}</span>'

        gradient = self.fmt(data.gradient)
        gradient = f"({gradient})" if data.gradient < 0 else gradient
        pieces = [
            f"w<sub>new</sub> = w<sub>old</sub> \u2212 \u03b7 \u00d7 {span(chr(0x2202) + 'L/' + chr(0x2202) + 'w', colors.gradient)}",
            f" = {span(self.fmt(data.w_old), colors.forward)} \u2212 {self.fmt(data.lr)} \u00d7 {span(gradient, colors.gradient)}",
            f" = {span(self.fmt(data.w_new), colors.forward)}",
        ]
        whole = MarkupText("".join(pieces), font=self.theme.fonts.sans, font_size=FORMULA_SIZE, color=colors.text)
        counts = [len(self._plain(piece).replace(" ", "")) for piece in pieces]
        parts, index = [], 0
        for count in counts:
            parts.append(VGroup(*whole.submobjects[index:index + count]))
            index += count
        formula = VGroup(*parts)
        formula.parts = parts
        fit_width(formula, content_area().width)
        return formula

    @staticmethod
    def _plain(markup: str) -> str:
        import re

        return re.sub(r"<[^>]+>", "", markup)

    def _zoom_in(self, zoom: Window) -> LossPlot:
        """Frame the step's neighbourhood, clear the full curve, blow the frame up, draw the zoomed curve.

        One curve at a time: the full view leaves before the zoomed one arrives.
        """
        data, colors = self.data, self.theme.colors
        zoomed = self._plot(zoom, self.plot_width, PLOT_HEIGHT, ticks=data.zoom_step_ticks, y_ticks=(0.0,))
        zoomed.shift(self.plot.axes.get_corner(UP + LEFT) - zoomed.axes.get_corner(UP + LEFT))
        clip_to_axes(zoomed.add_tangent(lambda w: grad_of_w(self.preset, w), length=self.plot_width * 0.55), zoomed.axes)
        frame = Rectangle(stroke_color=colors.accent, stroke_width=self.theme.strokes.normal)
        corner_a = self.plot.axes.c2p(zoom.w_min, 0.0)
        corner_b = self.plot.axes.c2p(zoom.w_max, zoom.loss_max)
        frame.stretch_to_fit_width(max(abs(corner_b[0] - corner_a[0]), 0.12))
        frame.stretch_to_fit_height(max(abs(corner_b[1] - corner_a[1]), 0.12))
        frame.move_to((corner_a + corner_b) / 2)
        label = self.text(f"w zoomed in \u00d7{self.fmt(data.zoom_factor)}", "label", color=colors.accent)
        # Inside the axes' lower left, under the falling curve and left of the step's arrow.
        label.move_to(zoomed.axes.get_corner(DOWN + LEFT), aligned_edge=DOWN + LEFT).shift(1.2 * UP + 0.45 * RIGHT)
        sentence = f"One step is only {self.fmt(abs(data.step))} wide: we zoom in \u00d7{self.fmt(data.zoom_factor)}."
        with self.saying(sentence) as spoken:
            start = self.time
            pace = self._pace(spoken, 2.6)
            # The frame grows over the full curve (never an empty box), then the curves swap one after the other.
            self.play(Create(frame), run_time=0.7 * pace)
            self.play(frame.animate.replace(zoomed.axes, stretch=True), run_time=0.9 * pace)
            self.play(FadeOut(self.plot), run_time=0.4 * pace)
            self.play(FadeIn(zoomed), FadeIn(label), frame.animate.set_stroke(opacity=0.0), run_time=0.6 * pace)
            self.remove(frame)
            self._fill(start, spoken, lambda: Indicate(label, color=colors.accent))
        self.zoom_frame = frame
        self.zoom_label = label
        return zoomed

    def _zoom_out(self, zoomed: LossPlot, leaving: list[Any]) -> None:
        """The reverse of the zoom, again one curve at a time."""
        frame = self.zoom_frame.set_stroke(opacity=1.0)
        zoomed.clear_updaters()
        for part in zoomed.submobjects:
            part.clear_updaters()
        data = self.data
        corner_a = self.plot.axes.c2p(data.zoom.w_min, 0.0)
        corner_b = self.plot.axes.c2p(data.zoom.w_max, data.zoom.loss_max)
        # The zoomed view leaves, then the full curve returns with the frame already small around
        # the step: never an empty box, never two curves at once.
        frame.stretch_to_fit_width(max(abs(corner_b[0] - corner_a[0]), 0.12))
        frame.stretch_to_fit_height(max(abs(corner_b[1] - corner_a[1]), 0.12))
        frame.move_to((corner_a + corner_b) / 2)
        self.play(FadeOut(zoomed), FadeOut(self.zoom_label), *leaving, run_time=0.5)
        self.play(FadeIn(self.plot), FadeIn(frame), run_time=0.6)
        self.play(FadeOut(frame), run_time=0.5)

    def _panel(self, title: str, descent: Descent, width: float) -> VGroup:
        """A title, "η = …  L = …" (L counts per landing), the shared-window plot and its ball."""
        data, colors = self.data, self.theme.colors
        heading = self.text(title, "label", bold=True, color=colors.text)
        rate = self.text(f"\u03b7 = {self.fmt(descent.lr)}", "label", color=colors.muted)
        tracker = ValueTracker(0.0)

        def landed() -> float:
            return descent.losses[min(int(math.floor(tracker.get_value() + 1e-9)), descent.steps)]

        counter = LiveReadout("L =", landed, data.loss_digits, role="label", color=colors.loss)
        for loss in descent.losses:
            self.record_number(fmt(loss, data.loss_digits), loss)
        info = VGroup(rate, counter).arrange(RIGHT, buff=0.6)
        head = VGroup(heading, info).arrange(DOWN, buff=0.18, aligned_edge=LEFT)
        plot_width = width - self._x_label_room() - self._y_label_room()
        plot = self._plot(data.compare_window, plot_width, PANEL_HEIGHT, ticks=data.compare_ticks, tracker=ValueTracker(descent.ws[0]))
        plot.remove(plot.dot)
        plot.dot.clear_updaters()
        panel = VGroup(head, plot).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        head.shift((plot.axes.get_left()[0] - head.get_left()[0]) * RIGHT)

        def landing(index: int) -> np.ndarray:
            # Read off the axes when asked: the panel is still moved into place after it is built.
            return plot.axes.c2p(descent.ws[index], descent.losses[index])

        def ball_point() -> np.ndarray:
            if not descent.steps:
                return landing(0)
            t = float(np.clip(tracker.get_value(), 0.0, descent.steps))
            index = min(int(math.floor(t)), descent.steps - 1)
            return landing(index) + (landing(index + 1) - landing(index)) * (t - index)

        ball = Dot(ball_point(), radius=0.1, color=colors.accent)
        ball.add_updater(lambda dot: dot.move_to(ball_point()))
        panel.counter = counter
        panel.head, panel.plot, panel.ball, panel.tracker, panel.landing, panel.descent = head, plot, ball, tracker, landing, descent
        return panel

    def _walk(self, panel: Any, sentence: float = 0.0) -> None:
        """The ball hops landing to landing, drawing its path; the L counter updates as it lands.

        The hops are paced to fill ``sentence`` seconds (the spoken sentence), the counter lit at the end.
        """
        colors = self.theme.colors
        tracker = panel.tracker
        panel.ball.update()
        start = self.time
        if panel.descent.steps == 0:
            self.play(Wiggle(panel.ball), run_time=1.2)
            self._fill(start, sentence, lambda: Indicate(panel.counter, color=colors.accent))
            return
        hop = PANEL_HOP_TIME * self._pace(sentence, PANEL_HOP_TIME * panel.descent.steps + 0.8)
        for index in range(panel.descent.steps):
            a, b = panel.landing(index), panel.landing(index + 1)
            if panel.descent.ws[index + 1] == panel.descent.ws[index]:
                # A step of 0 (the ReLU is off): the ball shakes where it is stuck.
                tracker.set_value(index + 1)
                self.play(Wiggle(panel.ball, scale_value=1.3), run_time=hop * 1.5)
                continue
            segment = Line(a, b, color=colors.gradient, stroke_width=self.theme.strokes.normal)
            landing = Dot(b, radius=0.06, color=colors.gradient)
            self.play(
                tracker.animate(rate_func=linear).set_value(index + 1),
                Create(segment, rate_func=linear),
                Indicate(panel.counter, color=colors.accent, scale_factor=1.08),
                run_time=hop,
            )
            self.add(landing)
            self.bring_to_front(panel.ball)
        self.play(Indicate(panel.counter, color=colors.accent), run_time=0.8)
        self._fill(start, sentence, lambda: Indicate(panel.counter, color=colors.accent))


__all__ = ["GradientDescent"]
