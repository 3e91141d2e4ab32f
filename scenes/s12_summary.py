"""12 Key Takeaways: three answers and the insight, the credit, and a return to the cover.

The insight ("small, repeated corrections") replays the seeded darts of section 01;
the ending brings back the cover's title over the same real network, pulsing
forward and backward once more.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    Circle,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    RoundedRectangle,
    ReplacementTransform,
    VGroup,
    Write,
)

from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene
from scenes.kit.icons import icon
from scenes.kit.layout import content_area, fit_width, safe_area
from scenes.kit.pictures import Card

#: Kit icon for each takeaway's icon name in the data (the kit has no "spark": the bulb stands in).
ICON_FOR = {"target": "target", "chain": "chain", "rocket": "rocket", "spark": "lightbulb"}
MINI_BOARD_RADIUS = 1.7
#: As on the cover: text and its backing above the network's animated neurons.
BACKING_Z = 5
TEXT_Z = 6


class KeyTakeaways(SectionScene):
    section_number = 12

    def construct(self) -> None:
        self.show_header()
        self.show_takeaways()
        self.show_insight()
        self.show_credit()
        self.return_to_cover()

    def show_takeaways(self) -> None:
        """Each answer in turn as a large card, which then folds into an icon chip at the top."""
        data = self.data
        area = content_area()
        accents = (self.theme.colors.forward, self.theme.colors.gradient, self.theme.colors.loss)
        chips = VGroup(
            *(
                VGroup(icon(ICON_FOR[t.icon], size=0.5, color=accent, theme=self.theme), self.text(t.title, "label", bold=True, color=accent)).arrange(RIGHT, buff=0.2)
                for t, accent in zip(data.takeaways, accents)
            )
        ).arrange(RIGHT, buff=0.9)
        fit_width(chips, area.width)
        chips.move_to([area.center[0], area.top - chips.height / 2 - 0.1, 0])
        below_chips = chips.get_bottom()[1] - 0.3
        for takeaway, accent, chip in zip(data.takeaways, accents, chips):
            card = Card(
                takeaway.title,
                takeaway.body,
                width=area.width - 1.0,
                icon=icon(ICON_FOR[takeaway.icon], color=accent, theme=self.theme),
                accent=accent,
                body_role="body",
                theme=self.theme,
            )
            card.move_to([area.center[0], (below_chips + area.bottom) / 2, 0])
            self.say(f"{takeaway.title} {takeaway.body}", FadeIn(card, shift=0.3 * UP))
            self.play(ReplacementTransform(card, chip), run_time=self.theme.pacing.normal)
        self.chips = chips
        self.below_chips = below_chips

    def show_insight(self) -> None:
        data = self.data
        colors = self.theme.colors
        area = content_area()
        board = self._mini_board()
        card = Card(
            data.insight.title,
            data.insight.body,
            width=area.width - 2 * MINI_BOARD_RADIUS - 1.2,
            icon=icon(ICON_FOR[data.insight.icon], color=colors.accent, theme=self.theme),
            accent=colors.accent,
            body_role="body",
            theme=self.theme,
        )
        row = VGroup(board, card).arrange(RIGHT, buff=0.8)
        row.move_to([area.center[0], self.below_chips - row.height / 2 - 0.1, 0])
        started, reading = self.time, self.caption(data.insight.body)
        self.play(FadeIn(card, shift=0.3 * UP), FadeIn(board), run_time=self.theme.pacing.normal)
        center = board.get_center()
        darts = VGroup()
        for throw in data.darts.throws:
            dart = Dot(center + MINI_BOARD_RADIUS * np.array([*throw.landing, 0.0]), radius=0.09, color=colors.forward)
            self.play(FadeIn(dart, scale=2.0), darts.animate.set_opacity(0.35), run_time=0.45)
            darts.add(dart)
        self.wait(max(self.theme.pacing.beat, started + reading - self.time))
        self.insight = VGroup(board, card, darts)

    def show_credit(self) -> None:
        data = self.data
        area = content_area()
        credit = self.paragraph(data.credit, max_width=area.width, role="body", align="center", color=self.theme.colors.muted)
        credit.move_to([area.center[0], area.bottom + credit.height / 2 + 0.2, 0])
        self.record_number(str(data.paper_year), data.paper_year)
        self.say(data.credit, FadeIn(credit, shift=0.2 * UP))
        self.credit = credit

    def return_to_cover(self) -> None:
        cover = self.data.cover
        colors = self.theme.colors
        self.play(
            *(FadeOut(mobject) for mobject in (self.chips, self.insight, self.credit, self.header, self.heading)),
            run_time=self.theme.pacing.normal,
        )
        network = LayeredNetwork(cover.pulse.weights, width=11.5, height=5.6, neuron_radius=0.26, theme=self.theme)
        network.set_opacity(0.45)
        title = self.text(cover.title, "title", bold=True)
        heading = self.text(cover.heading, "subheading", color=colors.forward)
        fit_width(heading, safe_area().width - 1.0)
        block = VGroup(title, heading).arrange(DOWN, buff=0.35).move_to(0.6 * UP).set_z_index(TEXT_Z)
        backing = RoundedRectangle(corner_radius=self.theme.corner_radius, width=block.width + 0.9, height=block.height + 0.6)
        backing.set_fill(colors.background, opacity=0.82).set_stroke(width=0).move_to(block).set_z_index(BACKING_Z)
        self.play(FadeIn(network), FadeIn(backing), Write(title), run_time=self.theme.pacing.slow)
        self.play(FadeIn(heading, shift=0.2 * UP), run_time=self.theme.pacing.normal)
        self.play(network.forward_pulse(cover.pulse.activation_levels), run_time=2.4)
        self.play(network.backward_pulse(cover.pulse.gradient_levels), run_time=2.4)
        self.play(network.reset_neurons(), run_time=self.theme.pacing.quick)
        self.hold()
        self.play(*(FadeOut(mobject) for mobject in self.mobjects), run_time=self.theme.pacing.slow)

    def _mini_board(self) -> VGroup:
        colors = self.theme.colors
        rings = VGroup(
            *(
                Circle(radius=MINI_BOARD_RADIUS * r, stroke_color=colors.faint, stroke_width=self.theme.strokes.thin)
                .set_fill(colors.panel if k % 2 == 0 else colors.background, opacity=1.0)
                for k, r in enumerate((1.0, 0.75, 0.5, 0.25))
            )
        )
        bull = Circle(radius=MINI_BOARD_RADIUS * self.data.darts.tolerance, stroke_width=0).set_fill(colors.target, opacity=1.0)
        return VGroup(rings, bull)
