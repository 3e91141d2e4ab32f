"""12 Key Takeaways: four pictures that call back to the film, then all four at once, then the credit.

Each takeaway arrives as a large card whose picture replays its scene: the
cover's network with the error at its output and each weight's share of it in
orange (what backprop computes), the worked example's chain of factors multiplied
backward (how), the guide's one neuron growing into a network and a large model
(why it matters), and the darts of section 01 closing in (small, repeated
corrections). Each card then settles into a 2 × 2 grid, so the last frame shows
all four for a lecturer to pause on, with the 1986 credit beneath.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UL,
    Animation,
    Arrow,
    Circle,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    Indicate,
    LaggedStart,
    RoundedRectangle,
    VGroup,
    VMobject,
)

from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_in, safe_area
from scenes.s11_full_algorithm import one_line

#: The grid's cells: two columns, two rows, with these gaps between them.
COLUMN_GAP, ROW_GAP = 0.35, 0.22
#: How much larger a card is while its picture plays, before it settles into its cell.
ZOOM = 1.55
#: Picture area inside a cell (at grid size).
PICTURE_SIZE = (3.6, 1.45)
BOARD_RADIUS = 0.7
#: Type sizes at grid size: large enough to read in the final frame.
TITLE_SIZE, LABEL_SIZE = 30, 26


class KeyTakeaways(SectionScene):
    section_number = 12

    def construct(self) -> None:
        self.lay_out_the_grid()
        self.what_it_is()
        self.how_it_works()
        self.why_it_matters()
        self.the_insight()
        self.credit()
        self.end_section()

    # -- helpers -----------------------------------------------------------------

    @contextmanager
    def narrated(self, text: str) -> Iterator[None]:
        """Caption ``text`` over the plays in the block and wait out its reading time."""
        start = self.time
        yield
        remaining = self.theme.pacing.reading_time(text) - (self.time - start)
        if remaining > 1e-3:
            self.wait(remaining)
        elapsed = self.time - start
        self.add_subcaption(text, duration=elapsed, offset=-elapsed)

    def lay_out_the_grid(self) -> None:
        """Where the four cells go, and the credit line's place beneath them."""
        region = content_area()
        safe = safe_area()
        # On screen the credit's short form (the caption has the guide's whole sentence).
        data = self.data
        _, dash, legacy = data.credit.partition(" \u2014 ")
        short = f"{data.paper_authors} ({self.fmt(data.paper_year)}) \u2014 {legacy}" if dash else data.credit
        credit = one_line(self, short, "caption", safe.width, color=self.theme.colors.muted)
        credit.move_to([0, safe.bottom + credit.height / 2 + 0.05, 0])
        self.credit_line = credit
        grid_bottom = credit.get_top()[1] + 0.2
        width = (region.width - COLUMN_GAP) / 2
        height = (region.top - grid_bottom - ROW_GAP) / 2
        self.grid_height = region.top - grid_bottom
        self.cell_size = (width, height)
        self.cell_centres = [
            np.array([region.left + width / 2 + column * (width + COLUMN_GAP), region.top - height / 2 - row * (height + ROW_GAP), 0])
            for row in range(2)
            for column in range(2)
        ]
        self.cards: list[VGroup] = []

    def card(self, title: str, label: str, picture: VMobject) -> VGroup:
        """A cell's card at grid size, centred on the origin: frame, title, picture, short label."""
        colors = self.theme.colors
        width, height = self.cell_size
        frame = RoundedRectangle(corner_radius=0.16, width=width, height=height, color=colors.panel_edge, stroke_width=3)
        frame.set_fill(colors.panel, opacity=1)
        # Titles in the text colour: each colour keeps its one meaning inside the pictures.
        heading = self.text(title, "label", bold=True, color=colors.text, font_size=TITLE_SIZE)
        heading.move_to(frame.get_corner(UL) + np.array([0.25, -0.22, 0]), aligned_edge=UL)
        body_top = heading.get_bottom()[1] - 0.12
        body_centre_y = (body_top + frame.get_bottom()[1]) / 2
        fit_in(picture, PICTURE_SIZE[0], min(PICTURE_SIZE[1], body_top - frame.get_bottom()[1] - 0.15))
        picture.move_to([frame.get_left()[0] + 0.3 + picture.width / 2, body_centre_y, 0])
        # The label takes what the picture leaves.
        room = body_top - frame.get_bottom()[1] - 0.2
        size = LABEL_SIZE
        words = self.paragraph(label, width - picture.width - 0.95, "caption", color=colors.text, font_size=size)
        while words.height > room and size > 20:
            size -= 2
            words = self.paragraph(label, width - picture.width - 0.95, "caption", color=colors.text, font_size=size)
        words.move_to([picture.get_right()[0] + 0.35, body_centre_y, 0], aligned_edge=LEFT)
        # Where the picture's own frame would be, so parts added later land in place.
        return VGroup(frame, heading, picture, words)

    def zoomed(self, card: VGroup) -> VGroup:
        """The card large, in the middle of the content area."""
        region = content_area()
        return card.scale(ZOOM).move_to(region.center + 0.1 * DOWN)

    def veil_the_grid(self) -> list[Animation]:
        """The cards already in the grid dim behind the next large card (it covers them)."""
        if not self.cards:
            return []
        region = content_area()
        self.veil = RoundedRectangle(corner_radius=0.1, width=region.width + 0.2, height=self.grid_height + 0.2, stroke_width=0)
        self.veil.set_fill(self.theme.colors.background, opacity=0.8)
        self.veil.move_to([region.center[0], region.top - self.grid_height / 2, 0])
        for card in self.cards:
            # Covered by the opaque large card: their texts may lie under its texts.
            card.allow_overlap = True
        return [FadeIn(self.veil)]

    def open_card(self, frame: RoundedRectangle) -> None:
        """The grid dims and the large card's panel grows, opaque, over it (a fading panel
        would show the texts below through the new ones)."""
        self.play(*self.veil_the_grid(), GrowFromCenter(frame), run_time=0.5)

    def settle(self, card: VGroup, index: int) -> list[Animation]:
        """The card shrinks into its cell of the grid; the veil over the others lifts."""
        animations: list[Animation] = [card.animate.scale(1 / ZOOM).move_to(self.cell_centres[index])]
        if self.cards:
            animations.append(FadeOut(self.veil))
        for other in self.cards:
            other.allow_overlap = False
        self.cards.append(card)
        return animations

    # -- 1: what it is ------------------------------------------------------------

    def what_it_is(self) -> None:
        """The cover's network: the error at the output, then each weight's share of it in orange."""
        data = self.data
        takeaway = data.takeaways[0]
        colors = self.theme.colors
        pulse = data.cover.pulse
        network = LayeredNetwork(pulse.weights, width=3.0, height=1.5, neuron_radius=0.09, theme=self.theme)
        card = self.zoomed(self.card(takeaway.title, takeaway.label, network))
        frame, heading, _, words = card
        self.step("what is it?")
        header, heading_text = self.make_header()
        self.header, self.heading = header, heading_text
        with self.narrated(f"{takeaway.title} {takeaway.body}"):
            self.play(
                FadeIn(header, shift=0.2 * DOWN),
                FadeIn(heading_text),
                FadeIn(frame),
                FadeIn(heading),
                FadeIn(network, lag_ratio=0.03),
                run_time=1.0,
            )
            self.play(network.forward_pulse(run_time=1.2), run_time=1.2)
            out = network.layers[-1]
            self.play(*(n.animate.set_fill(colors.loss).set_stroke(colors.loss) for n in out), run_time=0.6)
            self.play(network.backward_pulse(pulse.gradient_levels, run_time=1.4), run_time=1.4)
            # Each weight's share of the error: its gradient's size, in the gradient colour.
            blame = [
                network.edge(m, i, j).animate.set_weight(float(levels[i, j]), 1.0, role="gradient")
                for m, levels in enumerate(pulse.gradient_levels)
                for i in range(levels.shape[0])
                for j in range(levels.shape[1])
            ]
            self.play(*blame, FadeIn(words, shift=0.2 * LEFT), run_time=1.0)
            self.play(network.reset_neurons(), run_time=0.6)
            self.play(*self.settle(card, 0), run_time=1.0)

    # -- 2: how it works ----------------------------------------------------------

    def how_it_works(self) -> None:
        """The worked example's chain of factors, multiplied from the loss backward."""
        data = self.data
        takeaway = data.takeaways[1]
        colors = self.theme.colors
        *factors, product = (self.fmt(value) for value in data.chain_operands)
        names = ("∂L/∂ŷ", "∂ŷ/∂z", "∂z/∂w", "∂L/∂w")
        columns = VGroup()
        for name, value in zip(names, (*factors, product)):
            shown = f"({value})" if value.startswith("\u2212") and name != names[-1] else value
            columns.add(
                VGroup(
                    self.text(name, "caption", color=colors.muted, font_size=24),
                    self.text(shown, "label", color=colors.gradient, font_size=28),
                ).arrange(DOWN, buff=0.12)
            )
        signs = [self.text(sign, "label", color=colors.text, font_size=28) for sign in ("×", "×", "=")]
        row = VGroup(columns[0], signs[0], columns[1], signs[1], columns[2], signs[2], columns[3]).arrange(RIGHT, buff=0.14)
        for sign in signs:
            sign.match_y(columns[0][1])
        arrow = Arrow(row.get_right() + 0.25 * DOWN, row.get_left() + 0.25 * DOWN, buff=0, color=colors.gradient, stroke_width=5)
        arrow.next_to(row, DOWN, buff=0.12)
        picture = VGroup(row, arrow)
        card = self.zoomed(self.card(takeaway.title, takeaway.label, picture))
        frame, heading, _, words = card
        self.step("how does it work?")
        with self.narrated(f"{takeaway.title} {takeaway.body}"):
            self.open_card(frame)
            self.play(FadeIn(heading), FadeIn(columns[3][0]), run_time=0.5)
            # Backward: each factor joins from the loss end, as the chain rule is applied.
            for column, sign in ((columns[0], signs[0]), (columns[1], signs[1]), (columns[2], signs[2])):
                self.play(FadeIn(column, shift=0.2 * LEFT), FadeIn(sign), run_time=0.6)
            self.play(GrowArrow(arrow), run_time=0.8)
            self.play(FadeIn(columns[3][1], scale=1.3), FadeIn(words, shift=0.2 * LEFT), run_time=0.8)
            self.play(Indicate(columns[3], color=colors.gradient, scale_factor=1.1), run_time=1.0)
            self.play(*self.settle(card, 1), run_time=1.0)

    # -- 3: why it matters --------------------------------------------------------

    def why_it_matters(self) -> None:
        """The guide's one neuron, then the network of section 02, then something much larger."""
        data = self.data
        takeaway = data.takeaways[2]
        colors = self.theme.colors
        stages = [self.scale_stage(sizes) for sizes in data.scale_stages]
        fit_in(stages[0], 0.5, 0.5)
        fit_in(stages[1], 0.9, 1.0)
        fit_in(stages[2], 1.25, 1.1)
        arrows = [self.text("→", "label", color=colors.muted) for _ in range(2)]
        picture = VGroup(stages[0], arrows[0], stages[1], arrows[1], stages[2]).arrange(RIGHT, buff=0.18)
        card = self.zoomed(self.card(takeaway.title, takeaway.label, picture))
        frame, heading, _, words = card
        self.step("why does it matter?")
        with self.narrated(f"{takeaway.title} {takeaway.body}"):
            self.open_card(frame)
            self.play(FadeIn(heading), GrowFromCenter(stages[0]), run_time=0.7)
            self.play(Indicate(stages[0], color=colors.forward, scale_factor=1.3), run_time=0.8)
            self.play(FadeIn(arrows[0], shift=0.2 * RIGHT), FadeIn(stages[1], lag_ratio=0.05), run_time=1.2)
            self.play(FadeIn(arrows[1], shift=0.2 * RIGHT), FadeIn(stages[2], lag_ratio=0.003), run_time=1.6)
            self.play(self.sweep(stages[2]), FadeIn(words, shift=0.2 * LEFT), run_time=1.4)
            self.play(self.sweep(stages[2]), run_time=1.2)
            self.play(*self.settle(card, 2), run_time=1.0)

    def scale_stage(self, sizes: tuple[int, ...]) -> VGroup:
        """One neuron, or layers of neurons joined by thin neutral edges."""
        colors = self.theme.colors
        if len(sizes) == 1:
            return VGroup(Circle(0.5, color=colors.text, stroke_width=4).set_fill(colors.panel, opacity=1))
        gap = 1.0 / max(max(sizes) - 1, 1)
        columns = []
        for k, size in enumerate(sizes):
            x = k / (len(sizes) - 1) * (len(sizes) - 1) * gap * 1.6
            columns.append([np.array([x, (size - 1) / 2 * gap - i * gap, 0.0]) for i in range(size)])
        # All edges in one shape (thousands of separate lines make every copy slow).
        edges = VMobject(stroke_color=colors.faint, stroke_width=0.6 if len(sizes) > 4 else 1.5)
        for left, right in zip(columns, columns[1:]):
            for a in left:
                for b in right:
                    edges.start_new_path(a)
                    edges.add_line_to(b)
        radius = gap * 0.3
        nodes = VGroup(
            *(
                VGroup(*(Circle(radius, color=colors.text, stroke_width=1.5).set_fill(colors.panel, opacity=1).move_to(p) for p in column))
                for column in columns
            )
        )
        return VGroup(edges, nodes)

    def sweep(self, stage: VGroup) -> Animation:
        """A forward pass across a drawn network: its layers light up blue, input to output."""
        return LaggedStart(
            *(Indicate(column, color=self.theme.colors.forward, scale_factor=1.0) for column in stage[1]),
            lag_ratio=0.15,
        )

    # -- 4: the insight ------------------------------------------------------------

    def the_insight(self) -> None:
        """The darts of section 01, each throw corrected a little, closing in on the bullseye."""
        data = self.data
        insight = data.insight
        colors = self.theme.colors
        board = self.board()
        card = self.zoomed(self.card(insight.title, insight.label, board))
        frame, heading, board, words = card
        centre = board.get_center()
        radius = board.width / 2
        throws = data.darts.throws
        def spot(point: tuple[float, float]) -> np.ndarray:
            return centre + radius * np.array([*point, 0.0])

        darts = [Dot(spot(throw.landing), radius=0.06 * ZOOM, color=colors.forward) for throw in throws]
        # The aim (yellow ring) moves a little after every throw: the correction.
        aim = Circle(0.09 * ZOOM, color=colors.accent, stroke_width=4).move_to(spot(throws[0].aim))
        self.step("the insight")
        with self.narrated(f"{insight.title} {insight.body}"):
            self.open_card(frame)
            self.play(FadeIn(heading), FadeIn(board), FadeIn(aim), run_time=0.6)
            for k, (throw, dart) in enumerate(zip(throws, darts)):
                fading = [older.animate.set_opacity(0.3 + 0.5 * j / len(darts)) for j, older in enumerate(darts[:k])]
                pace = 0.7 if k < 2 else 0.4
                self.play(FadeIn(dart, scale=2.5), *fading, run_time=pace)
                self.play(aim.animate.move_to(spot(throw.aim_next)), run_time=pace * 0.6)
            self.play(FadeIn(words, shift=0.2 * LEFT), Indicate(darts[-1], color=colors.accent, scale_factor=1.6), run_time=1.0)
            card.add(*darts, aim)
            self.play(*self.settle(card, 3), run_time=1.0)

    def board(self) -> VGroup:
        colors = self.theme.colors
        rings = VGroup(
            *(
                Circle(radius=BOARD_RADIUS * r, stroke_color=colors.faint, stroke_width=2)
                .set_fill(colors.panel_edge if k % 2 == 0 else colors.background, opacity=1.0)
                for k, r in enumerate((1.0, 0.75, 0.5, 0.25))
            )
        )
        bull = Circle(radius=BOARD_RADIUS * self.data.darts.tolerance, stroke_width=0).set_fill(colors.target, opacity=1.0)
        return VGroup(rings, bull)

    # -- the credit ----------------------------------------------------------------

    def credit(self) -> None:
        """All four in one frame; the credit beneath; one last pulse through the first picture."""
        colors = self.theme.colors
        self.step("all four")
        network = self.cards[0][2]
        with self.narrated(self.data.credit):
            self.play(FadeIn(self.credit_line, shift=0.2 * UP), run_time=1.0)
            self.play(network.forward_pulse(run_time=1.5), run_time=1.5)
            self.play(network.reset_neurons(), Indicate(self.cards[3][2], color=colors.accent, scale_factor=1.05), run_time=1.2)
            self.play(network.backward_pulse(self.data.cover.pulse.gradient_levels, run_time=1.5), run_time=1.5)
            self.play(network.reset_neurons(), run_time=0.6)
