"""12 Key Takeaways: three answers and the insight, the credit, and a return to the cover.

Each answer's card folds into a chip at the top as the next one arrives; the
insight ("small, repeated corrections") replays the seeded darts of section 01;
the ending brings back the cover's title over the same real network, pulsing
forward and backward once more, with the credit line beneath it.
"""

from __future__ import annotations

import numpy as np

from manim import (
    DOWN,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Circle,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    RoundedRectangle,
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
#: The summary restates what the viewer has already heard, so it reads a little
#: faster than the kit's default pace for new material.
READING_CHARS_PER_SECOND = 17.0
#: As on the cover: text and its backing above the network's animated neurons.
BACKING_Z = 5
TEXT_Z = 6


class KeyTakeaways(SectionScene):
    section_number = 12

    def construct(self) -> None:
        self.show_header()
        self.show_takeaways()
        self.show_insight()
        self.return_to_cover()

    def reading_time(self, text: str) -> float:
        return max(self.theme.pacing.min_caption, len(text) / READING_CHARS_PER_SECOND)

    def narrate(self, text: str, *animations: Animation, run_time: float | None = None) -> None:
        """Caption ``text`` for its (summary-paced) reading time while ``animations`` play."""
        started = self.time
        reading = self.caption(text, duration=self.reading_time(text))
        if animations:
            self.play(*animations, run_time=run_time or self.theme.pacing.normal)
        remaining = started + reading - self.time
        if remaining > 1e-3:
            self.wait(remaining)

    def fold(self, card: Card, chip: VGroup) -> list[Animation]:
        """The card shrinks into its chip's place and fades while the chip appears.

        A shrink-and-fade of the card itself, not a transform of the card into the
        chip: matching a paragraph's glyphs to a chip's would copy hundreds of paths.
        """
        scale = chip.height / card.height
        return [
            card.animate.scale(scale).move_to(chip).set_opacity(0.0),
            FadeIn(chip),
        ]

    def after_fold(self, folding: list[Animation], *arriving: Animation) -> Animation:
        """The next picture arrives once the folding card has mostly left its place."""
        if not folding:
            return AnimationGroup(*arriving)
        return AnimationGroup(AnimationGroup(*folding), AnimationGroup(*arriving), lag_ratio=0.6)

    def show_takeaways(self) -> None:
        """Each answer in turn as a large card, which folds into an icon chip at the top as the next arrives."""
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
        folding: list[Animation] = []
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
            self.narrate(f"{takeaway.title} {takeaway.body}", self.after_fold(folding, FadeIn(card, shift=0.3 * UP)))
            folding = self.fold(card, chip)
        self.chips = chips
        self.below_chips = below_chips
        self.last_fold = folding

    def show_insight(self) -> None:
        """The insight's card beside a small board where the section 01 darts close in again."""
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
        center = board.get_center()
        throws = data.darts.throws
        # Older darts fade: the latest ones, closest to the bullseye, stand out.
        darts = VGroup(
            *(
                Dot(center + MINI_BOARD_RADIUS * np.array([*throw.landing, 0.0]), radius=0.09, color=colors.forward)
                .set_opacity(0.35 + 0.65 * k / max(len(throws) - 1, 1))
                for k, throw in enumerate(throws)
            )
        )
        started = self.time
        reading = self.caption(data.insight.body, duration=self.reading_time(data.insight.body))
        self.play(self.after_fold(self.last_fold, FadeIn(card, shift=0.3 * UP), FadeIn(board)), run_time=self.theme.pacing.normal)
        self.play(LaggedStart(*(FadeIn(dart, scale=2.0) for dart in darts), lag_ratio=0.5), run_time=3.6)
        self.wait(max(self.theme.pacing.pause, started + reading - self.time))
        self.insight = VGroup(board, card, darts)

    def return_to_cover(self) -> None:
        """The cover's title over its network, the credit beneath, one last forward and backward pulse."""
        data = self.data
        cover = data.cover
        colors = self.theme.colors
        safe = safe_area()
        self.play(
            *(FadeOut(mobject) for mobject in (self.chips, self.insight, self.header, self.heading)),
            run_time=self.theme.pacing.quick,
        )
        network = LayeredNetwork(cover.pulse.weights, width=11.5, height=5.0, neuron_radius=0.26, theme=self.theme)
        network.set_opacity(0.45).shift(0.45 * UP)
        title = self.text(cover.title, "title", bold=True)
        heading = self.text(cover.heading, "subheading", color=colors.forward)
        fit_width(heading, safe.width - 1.0)
        block = VGroup(title, heading).arrange(DOWN, buff=0.35).move_to(network.get_center() + 0.4 * UP).set_z_index(TEXT_Z)
        backing = RoundedRectangle(corner_radius=self.theme.corner_radius, width=block.width + 0.9, height=block.height + 0.6)
        backing.set_fill(colors.background, opacity=0.82).set_stroke(width=0).move_to(block).set_z_index(BACKING_Z)
        # Two lines broken at the dash, not wherever the width runs out.
        who, dash, legacy = data.credit.partition(" \u2014 ")
        credit = VGroup(
            *(self.text(line, "label", color=colors.muted) for line in (who, f"{dash.strip()} {legacy}") if line.strip())
        ).arrange(DOWN, buff=0.15)
        fit_width(credit, safe.width)
        credit.move_to([0.0, safe.bottom + credit.height / 2, 0.0])
        self.record_number(str(data.paper_year), data.paper_year)
        self.play(FadeIn(network), FadeIn(backing), Write(title), run_time=self.theme.pacing.slow)
        started = self.time
        reading = self.caption(data.credit, duration=self.reading_time(data.credit) + self.theme.pacing.beat)
        self.play(FadeIn(heading, shift=0.2 * UP), FadeIn(credit, shift=0.2 * UP), run_time=self.theme.pacing.normal)
        self.play(network.forward_pulse(cover.pulse.activation_levels), run_time=1.8)
        self.play(network.backward_pulse(cover.pulse.gradient_levels), run_time=1.8)
        self.play(network.reset_neurons(), run_time=self.theme.pacing.quick)
        self.wait(max(self.theme.pacing.beat, started + reading - self.time))
        self.play(*(FadeOut(mobject) for mobject in self.mobjects), run_time=self.theme.pacing.normal)

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
