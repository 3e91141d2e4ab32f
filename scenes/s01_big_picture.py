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
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    LaggedStart,
    Line,
    MoveAlongPath,
    RoundedRectangle,
    Transform,
    VGroup,
)

from backprop_core.darts import Throw
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width
from scenes.kit.pictures import Neuron

BOARD_RADIUS = 2.55
#: Throws after the ones shown one by one arrive in this many batches.
FAST_BATCHES = 5
DART_RADIUS = 0.1


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
        self.board_center = np.array([area.left + BOARD_RADIUS + 0.4, area.center[1] - 0.05, 0.0])
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

        panel_left = self.board_center[0] + BOARD_RADIUS + 0.6
        self.panel_width = area.right - panel_left
        self.panel_center_x = panel_left + self.panel_width / 2
        friend_icon = self._person().scale_to_fit_height(0.6)
        friend_label = self.text("friend", "label", color=colors.gradient)
        self.friend = VGroup(friend_icon, friend_label).arrange(RIGHT, buff=0.2)
        self.friend.move_to([self.panel_center_x, area.top - 0.5, 0.0])
        self.bubble = self._bubble("")
        self.counter = self.text("", "label")
        self.say(
            self.data.analogy[0],
            LaggedStart(FadeIn(self.board, scale=0.9), FadeIn(self.aim_marker), FadeIn(self.friend), lag_ratio=0.3),
        )

    def throw_with_feedback(self) -> None:
        data = self.data
        self.landed = VGroup()
        for number, throw in enumerate(data.darts.throws[: data.throws_shown]):
            # The first two throws carry a sentence each and last at least its reading time.
            started, reading = self.time, 0.0
            if number < 2:
                reading = self.caption(data.analogy[number + 1])
            dart = self._fly(throw, run_time=0.8)
            arrows = self._miss_arrows(throw)
            bubble = self._bubble(throw.feedback)
            self.play(
                Transform(self.bubble, bubble),
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
        self.caption(data.analogy[3], duration=FAST_BATCHES * 0.9 + 1.0)
        self.play(FadeOut(self.bubble), self.landed.animate.set_opacity(0.15), run_time=self.theme.pacing.quick)
        for batch in batches:
            last = later[int(batch[-1])]
            dots = VGroup(
                *(
                    Dot(self._to_screen(later[int(i)].landing), radius=DART_RADIUS * 0.6, color=colors.forward)
                    for i in batch
                )
            ).set_opacity(0.55)
            counter = self._counter(last.index)
            self.play(
                LaggedStart(*(FadeIn(dot, scale=1.6) for dot in dots), lag_ratio=0.02),
                self.aim_marker.animate.move_to(self._to_screen(last.aim_next)),
                Transform(self.counter, counter),
                run_time=0.9,
            )
            self.landed.add(dots)
        self.wait(1.0)

    def friend_is_backprop(self) -> None:
        data = self.data
        colors = self.theme.colors
        walk = data.walk
        self.play(FadeOut(self.counter), run_time=self.theme.pacing.quick)
        x_node = Neuron(0.42, self.text("x", "label"), theme=self.theme)
        out_node = Neuron(0.42, self.text("\u0177", "label"), theme=self.theme)
        VGroup(x_node, out_node).arrange(RIGHT, buff=2.2)
        wire = Line(x_node.get_right(), out_node.get_left()).set_stroke(colors.forward, width=self.theme.strokes.normal)
        w_label = self.text("w", "label", color=colors.forward).next_to(wire, UP, buff=0.15)
        neuron = VGroup(wire, x_node, out_node, w_label)
        fit_width(neuron, self.panel_width)
        neuron.move_to([self.panel_center_x, self.board_center[1] + 0.6, 0.0])
        gradient = self.text(data.gradient_label, "label", color=colors.gradient)
        gradient.next_to(neuron, DOWN, buff=0.45)
        self.record_number(data.gradient_label.split("= ")[-1], walk.dL_dw)
        feedback = self._bubble(data.network_feedback)
        feedback.next_to(gradient, DOWN, buff=0.35)
        self.say(
            data.conclusion,
            FadeIn(neuron, shift=0.2 * LEFT),
            self.friend.animate.next_to(neuron, UP, buff=0.5),
        )
        nudge = []
        if walk.w_direction != "hold":
            direction = UP if walk.w_direction == "increase" else DOWN
            arrow = Arrow(
                w_label.get_right() + 0.15 * RIGHT - 0.3 * direction,
                w_label.get_right() + 0.15 * RIGHT + 0.3 * direction,
                buff=0,
                color=colors.gradient,
                stroke_width=self.theme.strokes.thick,
            )
            nudge.append(GrowArrow(arrow))
        self.say(data.network_feedback_caption, FadeIn(gradient), FadeIn(feedback), *nudge)
        self.wait(self.theme.pacing.beat)

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
        ring = Circle(radius=0.2, stroke_color=colors.text, stroke_width=self.theme.strokes.thin)
        ticks = VGroup(
            *(Line(0.12 * d, 0.32 * d) for d in (LEFT, RIGHT, UP, DOWN))
        ).set_stroke(colors.text, width=self.theme.strokes.thin)
        return VGroup(ring, ticks)

    def _fly(self, throw: Throw, run_time: float) -> Dot:
        start = self.board_center + (BOARD_RADIUS + 0.6) * DOWN + 1.2 * RIGHT
        end = self._to_screen(throw.landing)
        dart = Dot(start, radius=DART_RADIUS, color=self.theme.colors.forward)
        path = ArcBetweenPoints(start, end, angle=-PI / 3)
        counter = self._counter(throw.index)
        self.play(MoveAlongPath(dart, path), Transform(self.counter, counter), run_time=run_time)
        return dart

    def _miss_arrows(self, throw: Throw) -> list[Arrow]:
        """Arrows from the dart to the bullseye's row and column, for each miss the friend names."""
        colors = self.theme.colors
        landing = self._to_screen(throw.landing)
        arrows = []
        if throw.horizontal:
            target = np.array([self.board_center[0], landing[1], 0.0])
            arrows.append(Arrow(landing, target, buff=0.1, color=colors.gradient, stroke_width=self.theme.strokes.normal))
        if throw.vertical:
            target = np.array([landing[0], self.board_center[1], 0.0])
            arrows.append(Arrow(landing, target, buff=0.1, color=colors.gradient, stroke_width=self.theme.strokes.normal))
        return arrows

    def _bubble(self, words: str) -> VGroup:
        colors = self.theme.colors
        if not words:
            return VGroup().move_to([self.panel_center_x, self.board_center[1] + 0.4, 0.0])
        text = self.text(f"\u201c{words}\u201d", "body", color=colors.gradient)
        fit_width(text, self.panel_width - 0.6)
        frame = RoundedRectangle(corner_radius=self.theme.corner_radius, width=text.width + 0.6, height=text.height + 0.5)
        frame.set_fill(colors.panel, opacity=1.0).set_stroke(colors.gradient, width=self.theme.strokes.thin)
        return VGroup(frame, text.move_to(frame)).move_to([self.panel_center_x, self.board_center[1] + 0.4, 0.0])

    def _counter(self, index: int) -> VGroup:
        text = self.text(f"throw {self.fmt(index)}", "label", color=self.theme.colors.muted)
        return text.move_to([self.panel_center_x, self.board_center[1] - 1.2, 0.0])
