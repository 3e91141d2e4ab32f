"""08 Try It Yourself: the guide's interactive demo, played as a video.

Sliders for the weight and the learning rate drive the panel's readouts
(PREDICTION ŷ, TARGET y, LOSS and both gradients). Every frame the readouts are
computed by the core's ``neuron`` at the trackers' current values (through the
section data's ``readouts``), never interpolated between precomputed numbers.
Then gradient descent runs at a few learning rates and the loss readout falls.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    RoundedRectangle,
    ValueTracker,
    VGroup,
    linear,
)

from backprop_core.formatting import fmt
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width, safe_area
from scenes.kit.pictures import Slider
from scenes.kit.readout import LiveNumber, LiveReadout

TRACK_LENGTH = 6.4
CARD_WIDTH = 3.7
CARD_HEIGHT = 1.2
#: Space between the panel and the sentence (or note) under it.
SENTENCE_GAP = 0.2
SWEEP_TIME = 2.4
STEP_TIME = 0.2


class TryItYourself(SectionScene):
    section_number = 8

    def construct(self) -> None:
        self.show_header()
        self.show_panel()
        self.sweep_weight()
        self.run_descent()
        self.end_section()

    def show_panel(self) -> None:
        """The demo panel at the preset's values: the guide's 1.10 / 2.00 / 0.81."""
        data, colors = self.data, self.theme.colors
        area = content_area()
        self.w_tracker = ValueTracker(data.start.w)
        self.b_tracker = ValueTracker(data.start.b)
        self.lr_tracker = ValueTracker(data.walk.lr)
        w_slider = Slider("Weight w", *data.w_range, self.w_tracker, digits=data.digits, track_length=TRACK_LENGTH, color=colors.forward)
        lr_slider = Slider("Learning rate \u03b7", *data.lr_range, self.lr_tracker, track_length=TRACK_LENGTH, color=colors.gradient)
        for slider, low_high in ((w_slider, data.w_range), (lr_slider, data.lr_range)):
            for value in low_high:
                self.record_number(fmt(value), value)
        lr_slider.next_to(w_slider, DOWN, buff=0.45)
        lr_slider.shift((w_slider.track.get_start()[0] - lr_slider.track.get_start()[0]) * RIGHT)
        bias = LiveReadout("b =", self.b_tracker, data.digits, role="label", color=colors.forward)
        bias.next_to(w_slider.readout, RIGHT, buff=0.6)
        bias.shift((w_slider.readout.baseline_y() - bias.number.baseline_y()) * UP)
        # b's readout grows when b turns negative during descent: keep room for its longest string.
        b_cells = max(len(fmt(b, data.digits)) for b in (data.start.b, *(b for run in data.runs for b in run.bs)))
        reach = bias.number.anchor.get_start()[0] + b_cells * bias.number.glyphs.advance
        room = Line(bias.get_left(), np.array([reach, bias.get_y(), 0.0]), stroke_opacity=0.0, stroke_width=0)
        sliders = VGroup(w_slider, lr_slider, bias, room)
        self.landmarks = self._landmarks(w_slider)
        controls = VGroup(sliders, self.landmarks)
        fit_width(controls, area.width)
        controls.move_to(np.array([area.center[0], 0.0, 0.0])).align_to(np.array([0.0, area.top, 0.0]), UP)
        self.w_slider, self.lr_slider = w_slider, lr_slider

        current = self._current
        cards = VGroup(
            self._card("PREDICTION (\u0177)", lambda: current().y_hat, colors.forward),
            self._card("TARGET (y)", lambda: current().y, colors.target),
            self._card("LOSS", lambda: current().loss, colors.loss),
        ).arrange(RIGHT, buff=0.4)
        fit_width(cards, area.width)
        cards.next_to(controls, DOWN, buff=0.3)
        self.loss_card = cards[2]
        gradients = self._gradient_line()
        gradients.next_to(cards, DOWN, buff=0.25)
        self.panel = VGroup(controls, cards, gradients)
        self._make_bottom_texts()
        # The sentences under the panel rest on the safe area's bottom; the panel keeps clear of them.
        lowest = safe_area().bottom + max(text.height for text in self.bottom_texts) + SENTENCE_GAP
        if self.panel.get_bottom()[1] < lowest:
            self.panel.scale((area.top - lowest) / self.panel.height, about_point=self.panel.get_top())
        start = data.start
        summary = (
            f"At w = {fmt(start.w)}: prediction {self.fmt(start.y_hat, data.digits)}, target {self.fmt(start.y, data.digits)}, "
            f"loss {self.fmt(start.loss, data.digits)}; gradient \u2202L/\u2202w = {self.fmt(start.dL_dw, data.digits)} | "
            f"\u2202L/\u2202b = {self.fmt(start.dL_db, data.digits)}."
        )
        self.say("Adjust the weight and learning rate \u2014 watch the loss change in real time.", FadeIn(sliders), run_time=1.2)
        self.say(summary, FadeIn(cards, shift=0.2 * UP), FadeIn(gradients, shift=0.2 * UP), run_time=1.2)

    def sweep_weight(self) -> None:
        """Drag w across its range and back: every readout follows, frame by frame."""
        data = self.data
        stops = data.sweep_stops
        total = SWEEP_TIME * (len(stops) - 1)
        self.caption(data.sweep_sentence, duration=max(total, self.theme.pacing.reading_time(data.sweep_sentence)))
        self.play(FadeIn(self.landmarks), run_time=0.5)
        for target in stops[1:]:
            self.play(self.w_tracker.animate.set_value(target), run_time=SWEEP_TIME, rate_func=linear)
        self.pause()

    def run_descent(self) -> None:
        """Gradient descent at each rate from the same start: the loss readout falls."""
        data, colors = self.data, self.theme.colors
        if data.runs_start_note:
            note = self.note
            self.say(data.runs_start_note, self.w_tracker.animate.set_value(data.runs_start_w), FadeIn(note), run_time=1.2)
            self.play(FadeOut(note), run_time=0.4)
        shown: Any = None
        for index, run in enumerate(data.runs):
            self.play(
                self.lr_tracker.animate.set_value(run.lr),
                self.w_tracker.animate.set_value(run.ws[0]),
                self.b_tracker.animate.set_value(run.bs[0]),
                *([FadeOut(shown)] if shown is not None else []),
                run_time=0.8,
            )
            sentence = self.run_sentences[index]
            self.caption(run.sentence, duration=max(self.theme.pacing.reading_time(run.sentence), STEP_TIME * run.steps + 1.5))
            for w, b in zip(run.ws[1:], run.bs[1:]):
                self.play(self.w_tracker.animate.set_value(w), self.b_tracker.animate.set_value(b), run_time=STEP_TIME, rate_func=linear)
            self.play(FadeIn(sentence, shift=0.1 * UP), Indicate(self.loss_card[2], color=colors.loss), run_time=0.8)
            self.wait(0.7)
            shown = sentence

    def _make_bottom_texts(self) -> None:
        """The dead-ReLU note and each run's sentence, centred on the safe area's bottom edge."""
        data, colors = self.data, self.theme.colors
        bottom = safe_area().bottom
        self.run_sentences = []
        for run in data.runs:
            sentence = self.text(run.sentence, "label", color=colors.text)
            fit_width(sentence, safe_area().width)
            self.run_sentences.append(sentence.move_to(np.array([0.0, bottom + sentence.height / 2, 0.0])))
        self.note = None
        if data.runs_start_note:
            note = self.paragraph(data.runs_start_note, max_width=safe_area().width, role="caption", color=colors.muted)
            self.note = note.move_to(np.array([0.0, bottom + note.height / 2, 0.0]))
        self.bottom_texts = [*self.run_sentences, *([self.note] if self.note is not None else [])]

    def _current(self) -> Any:
        """The panel's numbers at the trackers' values, from the core (called every frame)."""
        return self.data.readouts(self.w_tracker.get_value(), self.b_tracker.get_value())

    def _card(self, title: str, source: Callable[[], float], color: Any) -> VGroup:
        colors = self.theme.colors
        frame = RoundedRectangle(
            corner_radius=self.theme.corner_radius,
            width=CARD_WIDTH,
            height=CARD_HEIGHT,
            stroke_color=colors.panel_edge,
            stroke_width=self.theme.strokes.thin,
            fill_color=colors.panel,
            fill_opacity=1.0,
        )
        label = self.text(title, "caption", color=colors.muted)
        fit_width(label, CARD_WIDTH - 0.3)
        number = LiveNumber(source, self.data.digits, role="heading", color=color, align="center", bold=True)
        self.record_number(number.text, number.value)
        label.move_to(frame.get_top() + 0.3 * DOWN)
        number.shift(frame.get_center() + 0.25 * DOWN - number.anchor.get_start())
        number.shift((frame.get_center()[1] - 0.17 - number.get_center()[1]) * UP)
        return VGroup(frame, label, number)

    def _gradient_line(self) -> VGroup:
        colors = self.theme.colors
        current = self._current
        dw = LiveReadout("Gradient \u2202L/\u2202w =", lambda: current().dL_dw, self.data.digits, role="label", color=colors.gradient)
        bar = self.text("|", "label", color=colors.muted)
        db = LiveReadout("\u2202L/\u2202b =", lambda: current().dL_db, self.data.digits, role="label", color=colors.gradient)
        line = VGroup(dw, bar, db).arrange(RIGHT, buff=0.4)
        bar.match_y(dw.label)
        # The readouts' digits change length; give them room so the bar never touches them.
        db.shift(0.5 * RIGHT)
        bar.shift(0.25 * RIGHT)
        line.move_to(np.array([0.0, line.get_center()[1], 0.0]))
        for readout in (dw, db):
            self.record_number(readout.text, readout.value)
        return line

    def _landmarks(self, slider: Slider) -> VGroup:
        """Ticks on the weight track where ŷ = y (loss 0) and where the ReLU switches off."""
        data, colors = self.data, self.theme.colors
        marks = VGroup()
        low, high = data.w_range
        placed: list[Any] = []
        for value, word, color in ((data.w_star, "\u0177 = y", colors.target), (data.dead_boundary, "ReLU off", colors.muted)):
            if value is None or not low < value < high:
                continue
            fraction = (value - low) / (high - low)
            point = slider.track.get_start() + (slider.track.get_end() - slider.track.get_start()) * fraction
            label = self.text(f"{word} ({self.fmt(value)})", "caption", color=color)
            label.next_to(point + 0.16 * UP, UP, buff=0.08)
            # Labels that would collide stack upwards (never below the track, where its end values are);
            # the tick then reaches up to its label.
            while any(self._overlap(label, other) for other in placed):
                label.shift((label.height + 0.12) * UP)
            placed.append(label)
            tick = Line(point + 0.16 * DOWN, np.array([point[0], label.get_bottom()[1] - 0.04, 0.0]), color=color, stroke_width=self.theme.strokes.normal)
            marks.add(VGroup(tick, label))
        return marks

    @staticmethod
    def _overlap(a: Any, b: Any, margin: float = 0.15) -> bool:
        return (
            a.get_left()[0] < b.get_right()[0] + margin
            and b.get_left()[0] < a.get_right()[0] + margin
            and a.get_bottom()[1] < b.get_top()[1]
            and b.get_bottom()[1] < a.get_top()[1]
        )


__all__ = ["TryItYourself"]
