"""12 Key Takeaways: four pictures that call back to the film, then all four at once, then the credit.

Each takeaway arrives as a large card, whole: its question, its picture and its
short answer come in together while the caption starts, and the picture then
replays its scene: the cover's network with the error at its output and each
weight's share of it in orange (what backprop computes), the worked example's
chain of factors filled in from the loss backward (how), one neuron growing into a
classifier and a large language model (why it matters: without backprop, no deep
learning), and the darts of section 01 closing in, one correction per throw (the
insight). Each card then settles into a 2 × 2 grid, so the last frame shows all
four, in large type, for a lecturer to pause on, with the guide's credit beneath.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UL,
    Animation,
    AnimationGroup,
    Arrow,
    Circle,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromPoint,
    Indicate,
    LaggedStart,
    RoundedRectangle,
    ShowPassingFlash,
    VGroup,
    VMobject,
)

from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_in, safe_area
from scenes.kit.neuron_chain import set_baseline
from scenes.s11_full_algorithm import one_line

#: The grid's cells: two rows, with these gaps between the cells.
COLUMN_GAP, ROW_GAP = 0.3, 0.2
#: Each row's split of the width: the lower row gives the scale (three labelled
#: pictures) more room than the dartboard.
ROW_SHARES = ((0.5, 0.5), (0.6, 0.4))
#: The largest a card is shown while its picture plays, before it settles into its cell.
MAX_ZOOM = 1.9
#: Type sizes at grid size: large enough to read in the final frame from the back of a hall.
TITLE_SIZE, LABEL_SIZE, STAGE_LABEL_SIZE = 32, 30, 24
#: Padding inside a card, and the gap between its picture and its label.
PAD, GAP = 0.3, 0.35
BOARD_RADIUS = 0.65
#: How far the credit line (and so the grid above it) keeps above the subtitle band.
CREDIT_LIFT = 0.2


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

    # -- layout ------------------------------------------------------------------

    def lay_out_the_grid(self) -> None:
        """Where the four cells go, and the credit line's place beneath them."""
        region = content_area()
        safe = safe_area()
        data = self.data
        # On screen the guide's whole credit sentence, as the caption speaks it.
        shown = data.credit.replace(str(data.paper_year), self.fmt(data.paper_year))
        line = one_line(self, shown, "caption", safe.width, color=self.theme.colors.text)
        line.move_to([0, safe.bottom + line.height / 2 + CREDIT_LIFT, 0])
        self.credit_line = line
        grid_bottom = line.get_top()[1] + 0.18
        height = (region.top - grid_bottom - ROW_GAP) / 2
        self.grid_height = region.top - grid_bottom
        self.cells: list[tuple[np.ndarray, float, float]] = []
        for row, shares in enumerate(ROW_SHARES):
            left = region.left
            y = region.top - height / 2 - row * (height + ROW_GAP)
            for share in shares:
                width = (region.width - COLUMN_GAP) * share
                self.cells.append((np.array([left + width / 2, y, 0.0]), width, height))
                left += width + COLUMN_GAP
        self.cards: list[VGroup] = []

    def card(self, index: int, title: str, label: str, picture: VMobject, picture_width: float) -> VGroup:
        """Cell ``index``'s card at grid size, in its cell: frame, title, picture, short label.

        The label (the guide's answer in a few words, one line break at most) sits right
        of the picture, in the largest size that fits beside it.
        """
        colors = self.theme.colors
        centre, width, height = self.cells[index]
        frame = RoundedRectangle(corner_radius=0.16, width=width, height=height, color=colors.panel_edge, stroke_width=3)
        frame.set_fill(colors.panel, opacity=1).move_to(centre)
        # Titles in the text colour: each colour keeps its one meaning inside the pictures.
        heading = self.text(title, "label", bold=True, color=colors.text, font_size=TITLE_SIZE)
        heading.move_to(frame.get_corner(UL) + np.array([PAD - 0.05, -0.18, 0]), aligned_edge=UL)
        body_top = heading.get_bottom()[1] - 0.12
        body_bottom = frame.get_bottom()[1] + 0.15
        body_y = (body_top + body_bottom) / 2
        fit_in(picture, picture_width, body_top - body_bottom)
        picture.move_to([frame.get_left()[0] + PAD + picture.width / 2, body_y, 0])
        room = frame.get_right()[0] - 0.2 - (picture.get_right()[0] + GAP)
        size = LABEL_SIZE
        while True:
            words = self.label_lines(label, size)
            if (words.width <= room and words.height <= body_top - body_bottom) or size <= 22:
                break
            size -= 1
        words.move_to([picture.get_right()[0] + GAP, body_y, 0], aligned_edge=LEFT)
        return VGroup(frame, heading, picture, words)

    def label_lines(self, label: str, size: float) -> VGroup:
        """The label's lines (split where the data breaks it), left-aligned."""
        lines = [self.text(line, "caption", color=self.theme.colors.text, font_size=size) for line in label.split("\n")]
        return VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.14)

    def zoom_of(self, card: VGroup) -> float:
        region = content_area()
        return min(MAX_ZOOM, (region.width - 0.1) / card.width, (region.height - 0.1) / card.height)

    def arrive(self, card: VGroup, index: int) -> list[Animation]:
        """The card, whole and opaque, grows out of its own (still empty) cell to large in
        the middle of the content area; the grid is hidden behind it (an opaque veil: no
        heading of an earlier card peeks out around it). It never fades in, so the
        texts of the cards it passes over never show through it."""
        region = content_area()
        cell_centre = self.cells[index][0]
        card.scale(self.zoom_of(card)).move_to(region.center)
        animations: list[Animation] = [GrowFromPoint(card, cell_centre)]
        if self.cards:
            self.veil = RoundedRectangle(corner_radius=0.1, width=region.width + 0.2, height=self.grid_height + 0.2, stroke_width=0)
            self.veil.set_fill(self.theme.colors.background, opacity=1.0)
            self.veil.move_to([region.center[0], region.top - self.grid_height / 2, 0])
            animations.insert(0, FadeIn(self.veil))
            for other in self.cards:
                # Covered by the opaque large card: their texts may lie under its texts.
                other.allow_overlap = True
        return animations

    def settle(self, card: VGroup, index: int) -> list[Animation]:
        """The card shrinks into its cell of the grid; the veil over the others lifts."""
        centre, width, _ = self.cells[index]
        animations: list[Animation] = [card.animate.scale(width / card[0].width).move_to(centre)]
        if self.cards:
            animations.append(FadeOut(self.veil))
        for other in self.cards:
            other.allow_overlap = False
        self.cards.append(card)
        return animations

    def paced(self, sentence: float, planned: float) -> float:
        """How much to slow the plays of a block so that they fill its sentence."""
        return max(1.0, (sentence - 0.05) / planned)

    # -- 1: what it is ------------------------------------------------------------

    def what_it_is(self) -> None:
        """The cover's network: the error at the output, then each weight's share of it in orange."""
        data = self.data
        takeaway = data.takeaways[0]
        colors = self.theme.colors
        pulse = data.cover.pulse
        network = LayeredNetwork(pulse.weights, width=3.0, height=1.5, neuron_radius=0.09, theme=self.theme)
        card = self.card(0, takeaway.title, takeaway.label, network, 2.4)
        self.step("what is it?")
        header, heading_text = self.make_header()
        self.header, self.heading = header, heading_text
        with self.saying(f"{takeaway.title} {takeaway.body}") as sentence:
            pace = self.paced(sentence, 6.0)
            self.play(FadeIn(header, shift=0.2 * DOWN), FadeIn(heading_text), *self.arrive(card, 0), run_time=0.8)
            self.play(network.forward_pulse(run_time=1.0 * pace), run_time=1.0 * pace)
            out = network.layers[-1]
            self.play(*(n.animate.set_fill(colors.loss).set_stroke(colors.loss) for n in out), run_time=0.5 * pace)
            self.play(network.backward_pulse(pulse.gradient_levels, run_time=1.2 * pace), run_time=1.2 * pace)
            # Each weight's share of the error: its gradient's size, in the gradient colour.
            blame = [
                network.edge(m, i, j).animate.set_weight(float(levels[i, j]), 1.0, role="gradient")
                for m, levels in enumerate(pulse.gradient_levels)
                for i in range(levels.shape[0])
                for j in range(levels.shape[1])
            ]
            self.play(*blame, network.reset_neurons(), run_time=1.2 * pace)
            self.play(*self.settle(card, 0), run_time=1.0 * pace)

    # -- 2: how it works ----------------------------------------------------------

    def how_it_works(self) -> None:
        """The worked example's chain of factors: the names arrive with the card, the values
        fill in from the loss backward, and their product is the weight's gradient."""
        data = self.data
        takeaway = data.takeaways[1]
        colors = self.theme.colors
        *factors, product = (self.fmt(value) for value in data.chain_operands)
        names = ("∂L/∂ŷ", "∂ŷ/∂z", "∂z/∂w", "∂L/∂w")
        columns = VGroup()
        for k, (name, value) in enumerate(zip(names, (*factors, product))):
            # A negative factor after the first is bracketed; the first and the result are not.
            shown = f"({value})" if value.startswith("\u2212") and 0 < k < len(names) - 1 else value
            columns.add(
                VGroup(
                    self.text(name, "caption", color=colors.muted, font_size=26),
                    self.text(shown, "label", color=colors.gradient, font_size=32),
                ).arrange(DOWN, buff=0.12)
            )
        signs = [self.text(sign, "label", color=colors.text, font_size=30) for sign in ("×", "×", "=")]
        row = VGroup(columns[0], signs[0], columns[1], signs[1], columns[2], signs[2], columns[3]).arrange(RIGHT, buff=0.1)
        for sign in signs:
            sign.match_y(columns[0][1])
        # Backward: from the loss end to the weight.
        arrow = Arrow(row.get_right(), row.get_left(), buff=0, color=colors.gradient, stroke_width=5, max_tip_length_to_length_ratio=0.08)
        arrow.next_to(row, DOWN, buff=0.1)
        picture = VGroup(row, arrow)
        card = self.card(1, takeaway.title, takeaway.label, picture, 3.4)
        values = [column[1] for column in columns]
        self.step("how does it work?")
        with self.saying(f"{takeaway.title} {takeaway.body}") as sentence:
            pace = self.paced(sentence, 6.4)
            saved = self.hold_back([*values, arrow])
            # The names and signs come with the card; the values are filled in below.
            self.play(*self.arrive(card, 1), run_time=0.8)
            for value in values[:3]:
                self.bring_back(saved, value)
                self.play(FadeIn(value, shift=0.2 * DOWN, scale=1.3), run_time=0.6 * pace)
            self.bring_back(saved, arrow)
            self.play(GrowArrow(arrow), run_time=0.9 * pace)
            self.bring_back(saved, values[3])
            self.play(FadeIn(values[3], scale=1.4), run_time=0.6 * pace)
            self.play(Indicate(columns[3], color=colors.gradient, scale_factor=1.12), run_time=1.0 * pace)
            self.play(*self.settle(card, 1), run_time=1.0 * pace)

    # -- 3: why it matters --------------------------------------------------------

    def why_it_matters(self) -> None:
        """The guide's one neuron, then a classifier (the network of section 02), then a large
        language model; beside them, the guide's claim: without backprop, no deep learning."""
        data = self.data
        takeaway = data.takeaways[2]
        colors = self.theme.colors
        stages = [self.scale_stage(sizes) for sizes in data.scale_stages]
        fit_in(stages[0], 0.3, 0.3)
        fit_in(stages[1], 0.7, 0.7)
        fit_in(stages[2], 0.9, 0.85)
        arrows = [self.text("→", "label", color=colors.muted, font_size=30) for _ in range(2)]
        names = [self.text(name, "caption", color=colors.text, font_size=STAGE_LABEL_SIZE) for name in data.scale_labels]
        # Stage centres far enough apart for an arrow between two stages and for their
        # names (wider than the small stages) not to meet.
        x = 0.0
        for k, (stage, name) in enumerate(zip(stages, names)):
            if k:
                before, name_before = stages[k - 1], names[k - 1]
                x += max(
                    (before.width + stage.width) / 2 + 0.24 + arrows[k - 1].width,
                    (name_before.width + name.width) / 2 + 0.3,
                )
            stage.move_to([x, 0, 0])
        row_bottom = min(stage.get_bottom()[1] for stage in stages)
        # The names share a baseline ("language model" has descenders, "classifier" none).
        baseline = row_bottom - 0.1 - max(name.height for name in names)
        for k, (stage, name) in enumerate(zip(stages, names)):
            set_baseline(name, baseline, stage.get_center()[0])
            if k:
                gap_left, gap_right = stages[k - 1].get_right()[0], stage.get_left()[0]
                arrows[k - 1].move_to([(gap_left + gap_right) / 2, 0, 0])
        picture = VGroup(*stages, *arrows, *names)
        card = self.card(2, takeaway.title, takeaway.label, picture, 3.9)
        self.step("why does it matter?")
        with self.saying(f"{takeaway.title} {takeaway.body}") as sentence:
            pace = self.paced(sentence, 8.0)
            later = [stages[1], stages[2], *arrows, names[1], names[2]]
            saved = self.hold_back(later)
            self.play(*self.arrive(card, 2), run_time=0.8)
            self.play(Indicate(stages[0], color=colors.forward, scale_factor=1.3), run_time=0.8 * pace)
            self.bring_back(saved, arrows[0], stages[1], names[1])
            self.play(FadeIn(arrows[0], shift=0.2 * RIGHT), FadeIn(stages[1], lag_ratio=0.05), FadeIn(names[1]), run_time=1.2 * pace)
            self.play(self.sweep(stages[1]), run_time=0.9 * pace)
            self.bring_back(saved, arrows[1], stages[2], names[2])
            self.play(FadeIn(arrows[1], shift=0.2 * RIGHT), FadeIn(stages[2], lag_ratio=0.003), FadeIn(names[2]), run_time=1.4 * pace)
            self.play(self.sweep(stages[2]), run_time=1.9 * pace)
            self.play(*self.settle(card, 2), run_time=1.0 * pace)

    @staticmethod
    def hold_back(parts) -> dict[int, list[tuple[VMobject, float, float]]]:
        """Make ``parts`` of a card invisible for its arrival (each comes in later, with its
        own animation); returns what :meth:`bring_back` needs to restore each part."""
        saved = {}
        for part in parts:
            saved[id(part)] = [(m, m.get_stroke_opacity(), m.get_fill_opacity()) for m in part.get_family()]
            for mobject in part.get_family():
                mobject.set_stroke(opacity=0, family=False).set_fill(opacity=0, family=False)
        return saved

    @staticmethod
    def bring_back(saved: dict[int, list[tuple[VMobject, float, float]]], *parts: VMobject) -> None:
        """Restore ``parts`` held back by :meth:`hold_back`, just before the play that brings
        them in (a FadeIn then starts from invisible; a part restored earlier would show)."""
        for part in parts:
            for mobject, stroke, fill in saved.pop(id(part)):
                mobject.set_stroke(opacity=stroke, family=False).set_fill(opacity=fill, family=False)

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
        """A forward pass across a drawn network: a blue flash runs along its edges (they were
        drawn layer by layer, input to output) while its layers light up blue in turn."""
        forward = self.theme.colors.forward
        edges = stage[0].copy().set_stroke(forward, width=stage[0].get_stroke_width() * 2.5, opacity=1)
        return AnimationGroup(
            ShowPassingFlash(edges, time_width=0.35),
            LaggedStart(*(Indicate(column, color=forward, scale_factor=1.0) for column in stage[1]), lag_ratio=0.15),
        )

    # -- 4: the insight ------------------------------------------------------------

    def the_insight(self) -> None:
        """The darts of section 01, thrown all through the sentence: each lands, the aim
        (yellow ring) moves against the miss, and the throws close in on the bullseye."""
        data = self.data
        insight = data.insight
        colors = self.theme.colors
        board = self.board()
        card = self.card(3, insight.title, insight.label, board, 2.0)
        self.step("the insight")
        with self.saying(f"{insight.title} {insight.body}") as sentence:
            arriving = self.arrive(card, 3)
            centre = board.get_center()
            radius = board.width / 2
            throws = data.darts.throws

            def spot(point: tuple[float, float]) -> np.ndarray:
                return centre + radius * np.array([*point, 0.0])

            dot_radius = 0.055 * radius / BOARD_RADIUS * 1.6
            darts = [Dot(spot(throw.landing), radius=dot_radius, color=colors.forward) for throw in throws]
            aim = Circle(dot_radius * 1.7, color=colors.accent, stroke_width=5).move_to(spot(throws[0].aim))
            # The aim is part of the card's picture: it grows out of the card's cell with the card.
            card[2].add(aim)
            self.play(*arriving, run_time=0.8)
            # Early throws slower (the big corrections), later ones quicker; all fill the sentence.
            weights = np.array([1.6 if k < 3 else 1.0 for k in range(len(throws))])
            budget = max(sentence - 0.8 - 1.0 - 0.05, 0.45 * len(throws))
            times = budget * weights / weights.sum()
            for k, (throw, dart, time) in enumerate(zip(throws, darts, times)):
                fading = [older.animate.set_opacity(0.35 + 0.45 * j / len(darts)) for j, older in enumerate(darts[:k])]
                self.play(FadeIn(dart, scale=3.0), *fading, run_time=0.55 * time)
                self.play(aim.animate.move_to(spot(throw.aim_next)), run_time=0.45 * time)
            card[2].add(*darts)
            # The aim stays on top of the darts.
            card[2].remove(aim).add(aim)
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
        """The credit arrives beneath the four; each picture replays its idea once, one after
        another (the network's backward pass last), and the grid comes to rest on the frame
        a lecturer pauses on."""
        colors = self.theme.colors
        self.step("all four")
        network = self.cards[0][2]
        chain_arrow = self.cards[1][2][1]
        big_model = self.cards[2][2][2]
        last_dart = self.cards[3][2][-2]
        with self.saying(self.data.credit) as sentence:
            self.play(FadeIn(self.credit_line, shift=0.25 * UP), run_time=1.0)
            replay = max(sentence - 1.0 - 0.6 - 0.05, 2.5)
            flash = chain_arrow.copy().set_stroke(colors.accent, width=8)
            # The largest motion last, so the grid moves until it comes to rest.
            self.play(
                LaggedStart(
                    Indicate(last_dart, color=colors.accent, scale_factor=1.6),
                    ShowPassingFlash(flash, time_width=0.5),
                    self.sweep(big_model),
                    network.backward_pulse(self.data.cover.pulse.gradient_levels, run_time=1.4),
                    lag_ratio=0.3,
                ),
                run_time=replay,
            )
            self.play(network.reset_neurons(), run_time=0.6)
