"""01 The Big Picture: darts thrown blindfolded, a friend's feedback, the aim corrected.

Every dart lands where the core's seeded correction process put it; the friend's
words and arrows come from the sign of each miss; the last beat maps the friend
onto the gradient of the worked example.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    Arc,
    Arrow,
    ArcBetweenPoints,
    Circle,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    LaggedStart,
    Line,
    MoveAlongPath,
    RoundedRectangle,
    Polygon,
    ValueTracker,
    VGroup,
)

from backprop_core.darts import Throw
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width
from scenes.kit.pictures import Neuron
from scenes.kit.readout import LiveReadout

BOARD_RADIUS = 2.6
#: Throws after the ones shown one by one arrive in this many batches.
FAST_BATCHES = 5
DART_RADIUS = 0.11
#: Gap between the board and the friend's panel on its right.
PANEL_GAP = 0.6
#: Vertical slots of the panel (centres, manim units): the sentence being told,
#: the friend, the friend's words, and the throw counter / the neuron.
NARRATION_TOP = 2.05
FRIEND_Y = 0.2
BUBBLE_Y = -1.25
COUNTER_Y = -2.8
NEURON_Y = -2.75
#: The nudge arrow beside w stands clear of the wire by this much.
NUDGE_CLEARANCE = 0.14
NUDGE_LENGTH = 0.5


class BigPicture(SectionScene):
    section_number = 1

    def construct(self) -> None:
        self.show_header()
        self.state_the_idea()
        self.set_up_board()
        self.throw_with_feedback()
        self.throw_hundreds()
        self.friend_is_backprop()
        self.end_section()

    def state_the_idea(self) -> None:
        data = self.data
        area = content_area()
        lead = self.paragraph(data.lead, max_width=area.width, role="subheading")
        how = self.paragraph(data.lead_how, max_width=area.width, role="subheading", color=self.theme.colors.gradient)
        block = VGroup(lead, how).arrange(DOWN, buff=0.5).move_to(area.center)
        self.say(data.lead, FadeIn(lead, shift=0.2 * UP))
        self.say(data.lead_how, FadeIn(how, shift=0.2 * UP))
        self.play(FadeOut(block), run_time=self.theme.pacing.quick)

    def set_up_board(self) -> None:
        colors = self.theme.colors
        area = content_area()
        self.board_center = np.array([area.left + BOARD_RADIUS + 0.2, area.center[1], 0.0])
        rings = VGroup(
            *(
                Circle(radius=BOARD_RADIUS * r, stroke_color=colors.faint, stroke_width=self.theme.strokes.thin)
                .set_fill(colors.panel if k % 2 == 0 else colors.background, opacity=1.0)
                for k, r in enumerate((1.0, 0.75, 0.5, 0.25))
            )
        )
        bull = Circle(radius=BOARD_RADIUS * self.data.darts.tolerance, stroke_width=0).set_fill(colors.target, opacity=1.0)
        cross = VGroup(
            Line(LEFT, RIGHT).scale(BOARD_RADIUS),
            Line(DOWN, UP).scale(BOARD_RADIUS),
        ).set_stroke(colors.faint, width=self.theme.strokes.thin)
        self.board = VGroup(rings, cross, bull).move_to(self.board_center)
        self.aim_marker = self._crosshair().move_to(self._to_screen(self.data.darts.throws[0].aim))

        panel_left = self.board_center[0] + BOARD_RADIUS + PANEL_GAP
        self.panel_width = area.right - panel_left
        self.panel_center_x = panel_left + self.panel_width / 2
        friend_icon = self._person().scale_to_fit_height(1.0)
        friend_label = self.text("friend", "subheading", color=colors.gradient)
        self.friend = VGroup(friend_icon, friend_label).arrange(RIGHT, buff=0.3)
        self.friend.move_to([self.panel_center_x, FRIEND_Y, 0.0])
        self.bubble = VGroup()
        self.bubble_words = ""
        self.narration = VGroup()
        self.throw_count = ValueTracker(self.data.darts.throws[0].index)
        self.counter = LiveReadout(
            "throw", lambda: round(self.throw_count.get_value()), 0, role="body", label_color=colors.muted, color=colors.muted
        )
        self.counter.move_to([self.panel_center_x, COUNTER_Y, 0.0])
        self.say(
            self.data.analogy[0],
            LaggedStart(
                FadeIn(self.board, scale=0.9), FadeIn(self.aim_marker), FadeIn(self.friend), *self._narrate(self.data.analogy[0]),
                lag_ratio=0.3,
            ),
        )

    def throw_with_feedback(self) -> None:
        data = self.data
        self.landed = VGroup()
        for number, throw in enumerate(data.darts.throws[: data.throws_shown]):
            # The first two throws carry a sentence each and last at least its reading time.
            started, reading = self.time, 0.0
            telling: list = []
            if number < 2:
                reading = self.caption(data.analogy[number + 1])
                telling = self._narrate(data.analogy[number + 1])
            dart = self._fly(throw, run_time=0.8, extra=telling)
            arrows = self._miss_arrows(throw)
            self.play(
                *self._speak(throw.feedback),
                *(GrowArrow(arrow) for arrow in arrows),
                run_time=self.theme.pacing.normal if number < 2 else self.theme.pacing.quick,
            )
            self.wait(0.5 if number < 2 else 0.2)
            self.play(
                self.aim_marker.animate.move_to(self._to_screen(throw.aim_next)),
                dart.animate.set_opacity(0.45),
                *(FadeOut(arrow) for arrow in arrows),
                run_time=self.theme.pacing.quick,
            )
            self.landed.add(dart)
            if started + reading > self.time + 1e-3:
                self.wait(started + reading - self.time)

    def throw_hundreds(self) -> None:
        data = self.data
        colors = self.theme.colors
        later = data.darts.throws[data.throws_shown :]
        batches = np.array_split(np.arange(len(later)), FAST_BATCHES)
        self.caption(data.analogy[3], duration=FAST_BATCHES * 0.9 + 1.0 + self.theme.pacing.quick)
        self.play(
            *self._speak(""),
            *self._narrate(data.analogy[3]),
            self.landed.animate.set_opacity(0.15),
            run_time=self.theme.pacing.quick,
        )
        for batch in batches:
            last = later[int(batch[-1])]
            dots = VGroup(
                *(
                    Dot(self._to_screen(later[int(i)].landing), radius=DART_RADIUS * 0.6, color=colors.forward)
                    for i in batch
                )
            ).set_opacity(0.55)
            self.play(
                LaggedStart(*(FadeIn(dot, scale=1.6) for dot in dots), lag_ratio=0.02),
                self.aim_marker.animate.move_to(self._to_screen(last.aim_next)),
                self.throw_count.animate.set_value(last.index),
                run_time=0.9,
            )
            self.landed.add(dots)
        self.wait(1.0)

    def friend_is_backprop(self) -> None:
        """The friend's words become the gradient's: ∂L/∂w and which way to move w."""
        data = self.data
        colors = self.theme.colors
        walk = data.walk
        x_node = Neuron(0.42, self.text("x", "label"), theme=self.theme)
        out_node = Neuron(0.42, self.text("\u0177", "label"), theme=self.theme)
        VGroup(x_node, out_node).arrange(RIGHT, buff=2.6)
        wire = Line(x_node.get_right(), out_node.get_left()).set_stroke(colors.forward, width=self.theme.strokes.normal)
        w_label = self.text("w", "body", color=colors.forward).next_to(wire, UP, buff=0.12)
        neuron = VGroup(wire, x_node, out_node, w_label)
        fit_width(neuron, self.panel_width - 3.2)
        gradient = self.text(data.gradient_label, "body", color=colors.gradient)
        self.record_number(data.gradient_label.split("= ")[-1], walk.dL_dw)
        row = VGroup(neuron, gradient).arrange(RIGHT, buff=0.5)
        fit_width(row, self.panel_width)
        row.move_to([self.panel_center_x, NEURON_Y, 0.0])
        self.say(
            data.conclusion,
            FadeOut(self.counter),
            *self._narrate(data.conclusion),
            FadeIn(neuron, shift=0.2 * LEFT),
        )
        nudge = []
        if walk.w_direction != "hold":
            wire_y = wire.get_center()[1]
            x = w_label.get_right()[0] + 0.2
            low, high = wire_y + NUDGE_CLEARANCE, wire_y + NUDGE_CLEARANCE + NUDGE_LENGTH
            start, end = (low, high) if walk.w_direction == "increase" else (high, low)
            arrow = Arrow(
                [x, start, 0.0],
                [x, end, 0.0],
                buff=0,
                color=colors.gradient,
                stroke_width=self.theme.strokes.thick,
                max_tip_length_to_length_ratio=0.35,
            )
            nudge.append(GrowArrow(arrow))
        self.say(data.network_feedback_caption, FadeIn(gradient), *self._speak(data.network_feedback), *nudge)
        self.wait(self.theme.pacing.beat)

    def _narrate(self, sentence: str) -> list:
        """Animations that replace the sentence shown above the friend with ``sentence``."""
        text = self.paragraph(sentence, max_width=self.panel_width, role="label", align="center")
        text.move_to([self.panel_center_x, NARRATION_TOP - text.height / 2, 0.0])
        leaving = [FadeOut(self.narration)] if len(self.narration) else []
        self.narration = text
        return [*leaving, FadeIn(text)]

    def _speak(self, words: str) -> list:
        """Animations that change the friend's speech bubble to ``words`` ("" = silent)."""
        if words == self.bubble_words:
            return []
        leaving = [FadeOut(self.bubble)] if len(self.bubble) else []
        self.bubble = self._bubble(words)
        self.bubble_words = words
        return [*leaving, *([FadeIn(self.bubble, shift=0.15 * DOWN)] if words else [])]

    def _person(self) -> VGroup:
        colors = self.theme.colors
        head = Circle(radius=0.22).set_fill(colors.gradient, opacity=1.0).set_stroke(width=0)
        shoulders = Arc(radius=0.4, start_angle=0, angle=PI).set_fill(colors.gradient, opacity=1.0).set_stroke(width=0)
        shoulders.next_to(head, DOWN, buff=0.06)
        return VGroup(head, shoulders)

    def _to_screen(self, point: tuple[float, float]) -> np.ndarray:
        return self.board_center + BOARD_RADIUS * np.array([point[0], point[1], 0.0])

    def _crosshair(self) -> VGroup:
        colors = self.theme.colors
        ring = Circle(radius=0.22, stroke_color=colors.text, stroke_width=self.theme.strokes.normal)
        ticks = VGroup(
            *(Line(0.13 * d, 0.36 * d) for d in (LEFT, RIGHT, UP, DOWN))
        ).set_stroke(colors.text, width=self.theme.strokes.normal)
        return VGroup(ring, ticks)

    def _fly(self, throw: Throw, run_time: float, extra: list | None = None) -> Dot:
        start = self.board_center + (BOARD_RADIUS + 0.6) * DOWN + 1.2 * RIGHT
        end = self._to_screen(throw.landing)
        dart = Dot(start, radius=DART_RADIUS, color=self.theme.colors.forward)
        path = ArcBetweenPoints(start, end, angle=-PI / 3)
        counting = (
            [FadeIn(self.counter)] if self.counter not in self.mobjects else [self.throw_count.animate.set_value(throw.index)]
        )
        self.play(MoveAlongPath(dart, path), *counting, *(extra or []), run_time=run_time)
        return dart

    def _miss_arrows(self, throw: Throw) -> list[Arrow]:
        """Arrows from the dart to the bullseye's row and column, for each miss the friend names."""
        colors = self.theme.colors
        landing = self._to_screen(throw.landing)
        arrows = []
        if throw.horizontal:
            target = np.array([self.board_center[0], landing[1], 0.0])
            arrows.append(Arrow(landing, target, buff=0.12, color=colors.gradient, stroke_width=self.theme.strokes.thick))
        if throw.vertical:
            target = np.array([landing[0], self.board_center[1], 0.0])
            arrows.append(Arrow(landing, target, buff=0.12, color=colors.gradient, stroke_width=self.theme.strokes.thick))
        return arrows

    def _bubble(self, words: str) -> VGroup:
        """A speech bubble under the friend, its tail pointing up at them."""
        colors = self.theme.colors
        center = np.array([self.panel_center_x, BUBBLE_Y, 0.0])
        if not words:
            return VGroup().move_to(center)
        text = self.text(f"\u201c{words}\u201d", "subheading", color=colors.gradient)
        fit_width(text, self.panel_width - 0.8)
        frame = RoundedRectangle(corner_radius=self.theme.corner_radius, width=text.width + 0.8, height=text.height + 0.6)
        frame.set_fill(colors.panel, opacity=1.0).set_stroke(colors.gradient, width=self.theme.strokes.normal)
        top = frame.get_top()[1]
        tail = Polygon([-0.22, top - 0.02, 0.0], [0.22, top - 0.02, 0.0], [0.0, top + 0.3, 0.0])
        tail.set_fill(colors.panel, opacity=1.0).set_stroke(colors.gradient, width=self.theme.strokes.normal)
        return VGroup(tail, frame, text.move_to(frame)).move_to(center)
