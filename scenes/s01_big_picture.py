"""01 The Big Picture: darts thrown blindfolded, a friend's feedback, the aim corrected,
and then the same story told about the guide's neuron.

Every dart lands where the core's seeded correction process put it; the friend's
words and the length of the hint arrow follow each miss. Colours keep their roles:
the throw is the forward signal (blue), the miss is the error (reddish purple), the
bullseye the target (green), the friend and the hints backward (orange). At the
end the aim becomes w, the dart's landing ŷ, the bullseye y and the miss the
error: the scene hands over the neuron x, w, b → ŷ that sections 02-07 follow.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    TAU,
    RIGHT,
    UP,
    Arc,
    Arrow,
    ArcBetweenPoints,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LaggedStart,
    Line,
    MoveAlongPath,
    Polygon,
    RoundedRectangle,
    ShowPassingFlash,
    Succession,
    Transform,
    ValueTracker,
    VGroup,
    Wiggle,
    smooth,
)

from backprop_core.darts import Throw
from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width
from scenes.kit.neuron_chain import set_baseline
from scenes.kit.pictures import activation_glyph
from scenes.kit.readout import LiveReadout

BOARD_RADIUS = 2.4
#: Throws after the ones shown one by one arrive in this many batches.
FAST_BATCHES = 5
DART_RADIUS = 0.11
#: Gap between the board and the friend's panel on its right.
PANEL_GAP = 0.7
#: Vertical slots of the panel (centres, manim units): the beat's label, the friend,
#: the friend's words, the throw counter.
LABEL_Y = 1.75
FRIEND_Y = 0.55
BUBBLE_Y = -0.9
COUNTER_Y = -2.55
#: Hint arrows shorter than this (a near miss) are not drawn: the words say "almost!".
MIN_ARROW = 0.25
#: The neuron at the end: node radii, the row's height, and where its parts sit.
NODE_RADIUS = 0.42
NEURON_RADIUS = 0.55
NEURON_ROW_Y = 0.3
NEURON_XS = (-5.3, -1.6, 1.4, 4.6)
NUDGE_LENGTH = 0.6
#: The first picture is up within this long (scenes play back to back).
OPENING = 0.5
#: Darts fly above this line (the subtitle band and a margin stay clear).
FLIGHT_FLOOR = -2.62
#: The vertical number line at the end: its x, and the y of its bottom and top.
SCALE_X = 4.4
SCALE_BOTTOM = -1.9
SCALE_TOP = 1.9
#: The analogy's mapping rows: baseline to baseline, and the gap either side of the arrows.
MAPPING_ROW_STEP = 0.72
MAPPING_GAP = 0.25


class BigPicture(SectionScene):
    section_number = 1

    def construct(self) -> None:
        self.step("the board")
        self.set_up_board()
        self.state_the_idea()
        self.step("throw blindfolded")
        self.throw_blindfolded()
        self.step("a friend's feedback")
        self.throw_with_feedback()
        self.step("hundreds of throws")
        self.throw_hundreds()
        self.step("the friend is backpropagation")
        self.map_the_analogy()
        self.step("our neuron")
        self.hand_over_the_neuron()
        self.end_section()

    # ---- beats -------------------------------------------------------------------

    def set_up_board(self) -> None:
        """The dartboard and the aim open the scene, together with the heading."""
        colors = self.theme.colors
        area = content_area()
        self.board_center = np.array([area.left + BOARD_RADIUS + 0.2, area.bottom + BOARD_RADIUS + 0.12, 0.0])
        rings = VGroup(
            *(
                Circle(radius=BOARD_RADIUS * r, stroke_color=colors.faint, stroke_width=self.theme.strokes.thin)
                .set_fill(colors.panel if k % 2 == 0 else colors.background, opacity=1.0)
                for k, r in enumerate((1.0, 0.75, 0.5, 0.25))
            )
        )
        self.bull = Circle(radius=BOARD_RADIUS * self.data.darts.tolerance, stroke_width=0).set_fill(colors.target, opacity=1.0)
        cross = VGroup(Line(LEFT, RIGHT).scale(BOARD_RADIUS), Line(DOWN, UP).scale(BOARD_RADIUS))
        cross.set_stroke(colors.faint, width=self.theme.strokes.thin)
        self.board = VGroup(rings, cross)
        VGroup(self.board, self.bull).move_to(self.board_center)
        self.aim_marker = self._crosshair().move_to(self._to_screen(self.data.darts.throws[0].aim))

        panel_left = self.board_center[0] + BOARD_RADIUS + PANEL_GAP
        self.panel_width = area.right - panel_left
        self.panel_center_x = panel_left + self.panel_width / 2
        self.label = VGroup()
        self.bubble = VGroup()
        self.bubble_words = ""
        header, heading = self.make_header()
        self.header, self.heading = header, heading
        self.play(
            FadeIn(header, shift=0.2 * DOWN),
            FadeIn(heading),
            FadeIn(self.board, scale=0.9),
            FadeIn(self.bull, scale=0.9),
            FadeIn(self.aim_marker),
            run_time=OPENING,
            rate_func=lambda t: 0.35 + 0.65 * smooth(t),
        )

    def state_the_idea(self) -> None:
        """Learning is mistakes (the first dart misses at once), then fixes (the friend appears)."""
        data = self.data
        colors = self.theme.colors
        throw = data.darts.throws[0]
        self.throw_count = ValueTracker(throw.index)
        self.counter = LiveReadout(
            "throw", lambda: round(self.throw_count.get_value()), 0, role="body", label_color=colors.muted, color=colors.muted
        )
        self.counter.move_to([self.panel_center_x, COUNTER_Y, 0.0])
        friend_icon = self._person().scale_to_fit_height(1.0)
        friend_label = self.text("friend", "subheading", color=colors.gradient)
        self.friend = VGroup(friend_icon, friend_label).arrange(RIGHT, buff=0.3)
        self.friend.move_to([self.panel_center_x, FRIEND_Y, 0.0])
        started, reading = self.time, self.caption(data.lead)
        self.play(*self._show_label(data.lead_label), FadeIn(self.counter), run_time=self.theme.pacing.quick)
        self.dart, self.miss = self._fly(throw)
        self._wait_until(started + reading)
        self.say(data.lead_how, *self._show_label(data.how_label), FadeIn(self.friend, shift=0.2 * LEFT), Indicate(self.miss, color=colors.loss))

    def throw_blindfolded(self) -> None:
        """Blindfolded: the board goes dark while the aim wanders, then comes back."""
        data = self.data
        started, reading = self.time, self.caption(data.analogy[0])
        start = self.aim_marker.get_center()
        self.play(
            *self._show_label(data.analogy_labels[0], icon=self._blindfold()),
            self.board.animate.set_opacity(0.25),
            self.bull.animate.set_opacity(0.25),
            self.aim_marker.animate.shift(0.35 * RIGHT + 0.2 * DOWN),
            run_time=self.theme.pacing.normal,
        )
        self.play(self.aim_marker.animate.move_to(start), run_time=max(self.theme.pacing.quick, started + reading - self.time - 0.5))
        self.play(self.board.animate.set_opacity(1.0), self.bull.animate.set_opacity(1.0), run_time=0.5)

    def throw_with_feedback(self) -> None:
        """The friend's words and hint arrow follow each miss; the aim moves along the hint."""
        data = self.data
        self.landed = VGroup()
        first = data.darts.throws[0]
        started, reading = self.time, self.caption(data.analogy[1])
        arrow = self._hint_arrow(first)
        self.play(*self._show_label(data.analogy_labels[1]), *self._speak(first.feedback), run_time=self.theme.pacing.normal)
        self.play(*self._grow(arrow), Wiggle(self.bubble, scale_value=1.06, rotation_angle=0.015 * TAU), run_time=self.theme.pacing.normal)
        self.first_miss = self.miss.copy()
        self._wait_until(started + reading)
        started, reading = self.time, self.caption(data.analogy[2])
        self.play(*self._show_label(data.analogy_labels[2]), *self._adjust(first, arrow), run_time=self.theme.pacing.normal)
        self._wait_until(started + reading)
        # The next throws go quickly (about 5 s): the words come only once the dart has landed.
        for throw in data.darts.throws[1 : data.throws_shown]:
            self.dart, self.miss = self._fly(throw, run_time=0.5, silence=True)
            arrow = self._hint_arrow(throw)
            self.play(*self._speak(throw.feedback), *self._grow(arrow), run_time=0.4)
            self.play(*self._adjust(throw, arrow), run_time=0.4)

    def throw_hundreds(self) -> None:
        data = self.data
        colors = self.theme.colors
        later = data.darts.throws[data.throws_shown :]
        batches = np.array_split(np.arange(len(later)), FAST_BATCHES)
        started, reading = self.time, self.caption(data.analogy[3])
        self.play(
            *self._speak(""),
            *self._show_label(data.analogy_labels[3]),
            *(dart.animate.set_opacity(0.2) for dart in self._landed_darts()),
            run_time=self.theme.pacing.quick,
        )
        for batch in batches:
            last = later[int(batch[-1])]
            dots = VGroup(
                *(Dot(self._to_screen(later[int(i)].landing), radius=DART_RADIUS * 0.5, color=colors.forward) for i in batch)
            ).set_opacity(0.35)
            self.play(
                LaggedStart(*(FadeIn(dot, scale=1.6) for dot in dots), lag_ratio=0.02),
                self.aim_marker.animate.move_to(self._to_screen(last.aim_next)),
                self.throw_count.animate.set_value(last.index),
                run_time=0.8,
            )
            self.landed.add(dots)
            # The bullseye stays on top of the hits: the target is what they close in on.
            self.bring_to_front(self.bull, self.aim_marker)
        self._wait_until(started + reading)

    def map_the_analogy(self) -> None:
        """Aim → w, miss → error, friend → backpropagation, each pointed at on the board."""
        data = self.data
        colors = self.theme.colors
        rows = VGroup()
        term_colors = {"w": colors.text, "error": colors.loss, "backpropagation": colors.gradient}
        # Three columns (sources right-aligned, arrows, targets left-aligned) on common baselines.
        cells = [
            (
                self.text(source, "body", color=colors.muted),
                self.text("\u2192", "body", color=colors.muted),
                self.text(target, "body", color=term_colors.get(target, colors.text)),
            )
            for source, target in data.mapping
        ]
        source_width = max(cell[0].width for cell in cells)
        arrow_width = max(cell[1].width for cell in cells)
        for k, (source, arrow, target) in enumerate(cells):
            baseline = -MAPPING_ROW_STEP * k
            set_baseline(source, baseline)
            set_baseline(arrow, baseline)
            set_baseline(target, baseline)
            source.align_to(np.array([source_width, 0.0, 0.0]), RIGHT)
            arrow.move_to([source_width + MAPPING_GAP + arrow_width / 2, arrow.get_y(), 0.0])
            target.align_to(np.array([source_width + 2 * MAPPING_GAP + arrow_width, 0.0, 0.0]), LEFT)
            rows.add(VGroup(source, arrow, target))
        rows.move_to([self.panel_center_x, (FRIEND_Y + COUNTER_Y) / 2 - 0.25, 0.0])
        self.mapping = rows
        # The first, big miss comes back so "miss" has something to point at.
        self.first_miss.set_opacity(1.0)
        started, reading = self.time, self.caption(data.conclusion)
        self.play(
            *self._show_label(data.conclusion_label),
            FadeOut(self.counter),
            self.friend.animate.scale(0.7).move_to([self.panel_center_x, FRIEND_Y + 0.35, 0.0]),
            FadeIn(rows[0], shift=0.2 * LEFT),
            Indicate(self.aim_marker, color=self.theme.colors.accent),
            run_time=self.theme.pacing.normal,
        )
        self.play(FadeIn(rows[1], shift=0.2 * LEFT), FadeIn(self.first_miss), run_time=self.theme.pacing.normal)
        self.play(FadeIn(rows[2], shift=0.2 * LEFT), Indicate(self.friend, color=colors.gradient), run_time=self.theme.pacing.normal)
        self._wait_until(started + reading)

    def hand_over_the_neuron(self) -> None:
        """The board becomes the guide's neuron: aim → w, landing → ŷ, bullseye → y, miss → error.

        ŷ and y sit on a short vertical number line, so "lands below" is seen."""
        data = self.data
        colors = self.theme.colors
        parts = self._neuron_parts()
        started, reading = self.time, self.caption(data.advice.numbers)
        # Shapes travel to their new roles; texts only fade (no text ever morphs).
        self.play(
            FadeOut(self.board),
            *(FadeOut(dart) for dart in self._landed_darts()),
            FadeOut(self.dart),
            FadeOut(self.miss),
            FadeOut(self.mapping),
            FadeOut(self.friend),
            *self._show_label_at_top(data.neuron_label),
            Transform(self.bull, parts["y_dot"]),
            FadeOut(self.first_miss),
            Transform(self.aim_marker, parts["w_mark"]),
            run_time=self.theme.pacing.slow,
        )
        # The crosshair leaves before w's value arrives: they never share the spot.
        self.play(
            FadeOut(self.aim_marker, scale=0.6),
            FadeIn(parts["x_node"]),
            FadeIn(parts["edge"]),
            FadeIn(parts["neuron"]),
            FadeIn(parts["scale"]),
            FadeIn(parts["labels"]),
            run_time=self.theme.pacing.quick,
        )
        self.play(FadeIn(parts["w_label"], shift=0.15 * DOWN), run_time=self.theme.pacing.quick)
        # One quick forward pass: the signal runs x → neuron, out comes ŷ, and it lands on the line.
        self._flash_through(parts, until=self.time + 1.2)
        self.play(
            Create(parts["output_arrow"]),
            FadeIn(parts["y_hat_node"], shift=0.2 * LEFT),
            run_time=self.theme.pacing.quick,
        )
        self.play(
            Create(parts["y_hat_link"]),
            FadeIn(parts["y_hat_dot"], scale=1.5),
            FadeIn(parts["y_hat_label"], shift=0.15 * LEFT),
            run_time=self.theme.pacing.quick,
        )
        # Only now that ŷ has landed is there an error to draw: the gap from ŷ up to y.
        self.play(Create(parts["error_line"]), FadeIn(parts["error_text"], shift=0.15 * RIGHT), run_time=self.theme.pacing.normal)
        self._wait_until(started + reading)
        started, reading = self.time, self.caption(data.advice.verdict)
        friend = self.friend.copy().scale(1 / 0.7).scale(0.8)
        friend.move_to([NEURON_XS[0] + 0.6, -1.95, 0.0])
        self.friend = friend
        self.bubble_anchor = np.array([friend.get_right()[0] + 0.2, -1.95, 0.0])
        self.play(FadeIn(friend), *self._speak(data.advice.words), Indicate(parts["error_line"], color=colors.loss), run_time=self.theme.pacing.normal)
        if data.walk.w_direction != "hold":
            # The advice is the last thing: no forward pass runs after it (ŷ does not change here).
            nudge_time = max(self.theme.pacing.normal, started + reading - self.time - 0.8)
            self.play(GrowArrow(self._nudge(parts["w_label"])), Indicate(parts["w_label"], color=colors.accent), run_time=nudge_time)
        else:
            # Nothing to change: the signal runs in again (and, switched off, stops at the neuron).
            self._flash_through(parts, until=started + reading)
        self._wait_until(started + reading)

    def _flash_through(self, parts: dict, until: float) -> None:
        """The signal runs through the neuron (forward, blue) until ``until``; a switched-off neuron stops it."""
        colors = self.theme.colors
        wires = [Line(parts["x_node"].get_right(), parts["neuron"].get_left())]
        if self.data.walk.relu_active:
            wires.append(Line(parts["neuron"].get_right(), parts["y_hat_node"].get_left()))
        while until - self.time > 0.4:
            flash = [
                ShowPassingFlash(wire.copy().set_stroke(colors.forward, width=self.theme.strokes.thick), time_width=0.5)
                for wire in wires
            ]
            self.play(Succession(*flash), run_time=min(self.theme.pacing.slow, until - self.time))

    def _show_label_at_top(self, words: str) -> list:
        """The neuron's label, centred over the whole picture (the panel is gone)."""
        label = self.text(words, "subheading", color=self.theme.colors.text)
        label.move_to([0.0, LABEL_Y + 0.35, 0.0])
        old, self.label = self.label, label
        return [Succession(FadeOut(old, shift=0.15 * UP, run_time=0.3), FadeIn(label, shift=0.15 * UP, run_time=0.5))]

    # ---- pieces --------------------------------------------------------------------

    def _landed_darts(self) -> list:
        """Every dart on the board (each was added to the scene on its own)."""
        return [part for part in self.landed.get_family() if part.has_points()]

    def _wait_until(self, moment: float) -> None:
        """Wait out the rest of a caption that started earlier (nothing when it is already over)."""
        if moment - self.time > 1e-3:
            self.wait(moment - self.time)

    def _show_label(self, words: str, icon=None) -> list:
        """Animations that replace the beat's label at the top of the panel with ``words`` (after ``icon``)."""
        label = self.text(words, "subheading", color=self.theme.colors.text)
        if icon is not None:
            label = VGroup(icon.scale_to_fit_height(label.height * 1.1), label).arrange(RIGHT, buff=0.25)
        fit_width(label, self.panel_width)
        label.move_to([self.panel_center_x, LABEL_Y, 0.0])
        old, self.label = self.label, label
        if not len(old):
            return [FadeIn(label, shift=0.15 * UP)]
        # Out, then in: the two never share a frame.
        return [Succession(FadeOut(old, shift=0.15 * UP, run_time=0.3), FadeIn(label, shift=0.15 * UP, run_time=0.5))]

    def _blindfold(self) -> VGroup:
        """A closed eye under a band: thrown without seeing."""
        colors = self.theme.colors
        lid = ArcBetweenPoints(LEFT * 0.5, RIGHT * 0.5, angle=PI / 2.2).set_stroke(colors.text, width=self.theme.strokes.normal)
        lashes = VGroup(
            *(Line(lid.point_from_proportion(t), lid.point_from_proportion(t) + 0.16 * np.array([np.cos(a), np.sin(a), 0.0]))
              for t, a in ((0.25, -2.0), (0.5, -PI / 2), (0.75, -1.14)))
        ).set_stroke(colors.text, width=self.theme.strokes.normal)
        band = RoundedRectangle(corner_radius=0.08, width=1.3, height=0.22).set_fill(colors.muted, opacity=1.0).set_stroke(width=0)
        band.move_to(lid.get_center() + 0.12 * UP)
        return VGroup(lid, lashes, band)

    def _speak(self, words: str) -> list:
        """Animations that change the friend's speech bubble to ``words`` ("" = silent)."""
        if words == self.bubble_words:
            return []
        old = self.bubble
        self.bubble = self._bubble(words)
        self.bubble_words = words
        if not len(old):
            return [FadeIn(self.bubble, shift=0.15 * DOWN)] if words else []
        if not words:
            return [FadeOut(old)]
        return [Succession(FadeOut(old), FadeIn(self.bubble, shift=0.15 * DOWN))]

    def _fly(self, throw: Throw, run_time: float = 0.8, silence: bool = False) -> tuple[Dot, DashedLine]:
        """The dart flies in (forward, blue) above the subtitle band; where it lands, the miss
        (error) is drawn from the bullseye. ``silence``: the friend's last words go as it leaves."""
        colors = self.theme.colors
        start = np.array([self.board_center[0] + BOARD_RADIUS * 0.75, FLIGHT_FLOOR + 0.05, 0.0])
        end = self._to_screen(throw.landing)
        dart = Dot(start, radius=DART_RADIUS, color=colors.forward)
        # The counter names the throw as the dart leaves: no dart flies under the last throw's number.
        self.throw_count.set_value(throw.index)
        # Of the two arcs, the one that stays higher (clear of the subtitle band).
        paths = [ArcBetweenPoints(start, end, angle=angle) for angle in (-PI / 3, PI / 3)]
        path = max(paths, key=lambda arc: float(np.min(arc.points[:, 1])))
        self.play(
            MoveAlongPath(dart, path),
            *(self._speak("") if silence else []),
            run_time=run_time,
        )
        miss = DashedLine(self.board_center, end, dash_length=0.1, stroke_width=self.theme.strokes.normal, color=colors.loss)
        if throw.distance * BOARD_RADIUS > 2 * DART_RADIUS:
            self.play(FadeIn(miss), run_time=0.2)
        return dart, miss

    def _hint_arrow(self, throw: Throw) -> Arrow | None:
        """The friend's hint at the aim: the correction the thrower makes, so its length follows the miss."""
        start = self.aim_marker.get_center()
        end = start + BOARD_RADIUS * np.array([*throw.correction, 0.0])
        if np.linalg.norm(end - start) < MIN_ARROW:
            return None
        return Arrow(start, end, buff=0, color=self.theme.colors.gradient, stroke_width=self.theme.strokes.thick, max_tip_length_to_length_ratio=0.3)

    def _grow(self, arrow: Arrow | None) -> list:
        return [GrowArrow(arrow)] if arrow is not None else []

    def _adjust(self, throw: Throw, arrow: Arrow | None) -> list:
        """The aim slides along the hint; the dart and its miss step back."""
        self.landed.add(self.dart)
        moves = [
            self.aim_marker.animate.move_to(self._to_screen(throw.aim_next)),
            self.dart.animate.set_opacity(0.45),
            FadeOut(self.miss),
        ]
        return moves + ([FadeOut(arrow)] if arrow is not None else [])

    def _neuron_parts(self) -> dict:
        """The guide's neuron as the next sections draw it: x → w → (b, ReLU) → ŷ, and beside it a
        vertical number line with y (green), ŷ (blue) and the error between them."""
        data = self.data
        walk = data.walk
        colors = self.theme.colors
        y = NEURON_ROW_Y
        x_pos, n_pos, yhat_pos = (np.array([px, y, 0.0]) for px in NEURON_XS[:3])
        # The w edge is drawn by the kit's network picture, so it has the weight style of every network.
        link = LayeredNetwork(
            [np.array([[data.w]])], max_abs=data.max_abs_weight, width=n_pos[0] - x_pos[0], height=0.0, neuron_radius=NODE_RADIUS, theme=self.theme
        )
        link.move_to((x_pos + n_pos) / 2)
        x_node, edge = link.layers[0][0], link.edges[0][0]
        x_node.add(self.text("x", "body").move_to(x_node))
        neuron = Circle(radius=NEURON_RADIUS, stroke_color=colors.text, stroke_width=self.theme.strokes.normal)
        neuron.set_fill(colors.panel, opacity=1.0).move_to(n_pos)
        edge.put_start_and_end_on(x_node.get_right(), neuron.get_left())
        glyph = activation_glyph("relu", width=0.5, theme=self.theme).move_to(n_pos)
        neuron = VGroup(neuron, glyph)
        y_hat_node = Circle(radius=NODE_RADIUS, stroke_color=colors.forward, stroke_width=self.theme.strokes.normal)
        y_hat_node.set_fill(colors.panel, opacity=1.0).move_to(yhat_pos)
        y_hat_node = VGroup(y_hat_node, self.text("\u0177", "body", color=colors.forward).move_to(yhat_pos))
        output_arrow = Arrow(neuron.get_right(), y_hat_node.get_left(), buff=0.08, color=colors.muted, stroke_width=self.theme.strokes.normal)

        # The number line: 0 at the bottom, room above the larger of y and ŷ.
        top = max(walk.y, walk.y_hat) * 1.25 or 1.0
        def at(value: float) -> np.ndarray:
            return np.array([SCALE_X, SCALE_BOTTOM + (SCALE_TOP - SCALE_BOTTOM) * value / top, 0.0])
        axis = Arrow(at(0.0) + 0.1 * DOWN, at(top), buff=0, color=colors.faint, stroke_width=self.theme.strokes.normal, max_tip_length_to_length_ratio=0.06)
        zero_tick = Line(at(0.0) + 0.12 * LEFT, at(0.0) + 0.12 * RIGHT).set_stroke(colors.faint, width=self.theme.strokes.normal)
        scale = VGroup(axis, zero_tick)
        y_dot = Dot(at(walk.y), radius=0.16, color=colors.target)
        y_hat_dot = Dot(at(walk.y_hat), radius=0.13, color=colors.forward)
        error_line = DashedLine(at(walk.y_hat), at(walk.y), dash_length=0.1, stroke_width=self.theme.strokes.thick, color=colors.loss)
        y_label = self.text(f"y = {self.fmt(walk.y)}", "label", color=colors.target).next_to(y_dot, RIGHT, buff=0.25)
        y_hat_label = self.text(f"\u0177 = {self.fmt(walk.y_hat)}", "label", color=colors.forward).next_to(y_hat_dot, RIGHT, buff=0.25)
        y_hat_link = DashedLine(y_hat_node.get_right(), y_hat_dot.get_left(), dash_length=0.08, stroke_width=self.theme.strokes.thin, color=colors.forward)
        w_label = self.text(f"w = {self.fmt(data.w)}", "body").next_to(edge, UP, buff=0.3)
        w_mark = self._crosshair().scale(0.8).move_to(w_label)
        labels = VGroup(
            self.text(f"x = {self.fmt(data.x)}", "label", color=colors.forward).next_to(x_node, DOWN, buff=0.3),
            self.text(f"b = {self.fmt(data.b)}", "label").next_to(neuron, DOWN, buff=0.3),
            y_label,
        )
        error_text = self.text(data.error_label, "label", color=colors.loss).next_to(error_line, LEFT, buff=0.3)
        return {
            "x_node": x_node,
            "edge": edge,
            "neuron": neuron,
            "output_arrow": output_arrow,
            "y_hat_node": y_hat_node,
            "scale": scale,
            "y_dot": y_dot,
            "y_hat_dot": y_hat_dot,
            "y_hat_label": y_hat_label,
            "y_hat_link": y_hat_link,
            "error_line": error_line,
            "error_text": error_text,
            "w_label": w_label,
            "w_mark": w_mark,
            "labels": labels,
        }

    def _nudge(self, w_label) -> Arrow:
        """An orange arrow beside w: up to increase it, down to decrease it."""
        x = w_label.get_right()[0] + 0.4
        low, high = w_label.get_bottom()[1], w_label.get_bottom()[1] + NUDGE_LENGTH
        start, end = (low, high) if self.data.walk.w_direction == "increase" else (high, low)
        return Arrow(
            [x, start, 0.0], [x, end, 0.0], buff=0, color=self.theme.colors.gradient,
            stroke_width=self.theme.strokes.thick, max_tip_length_to_length_ratio=0.35,
        )

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
        ticks = VGroup(*(Line(0.13 * d, 0.36 * d) for d in (LEFT, RIGHT, UP, DOWN))).set_stroke(colors.text, width=self.theme.strokes.normal)
        return VGroup(ring, ticks)

    def _bubble(self, words: str) -> VGroup:
        """A speech bubble beside/under the friend, its tail pointing at them."""
        colors = self.theme.colors
        anchor = getattr(self, "bubble_anchor", None)
        center = anchor if anchor is not None else np.array([self.panel_center_x, BUBBLE_Y, 0.0])
        if not words:
            return VGroup().move_to(center)
        text = self.text(f"\u201c{words}\u201d", "subheading", color=colors.gradient)
        fit_width(text, self.panel_width - 0.8)
        frame = RoundedRectangle(corner_radius=self.theme.corner_radius, width=text.width + 0.8, height=text.height + 0.6)
        frame.set_fill(colors.panel, opacity=1.0).set_stroke(colors.gradient, width=self.theme.strokes.normal)
        if anchor is None:
            top = frame.get_top()[1]
            tail = Polygon([-0.22, top - 0.02, 0.0], [0.22, top - 0.02, 0.0], [0.0, top + 0.3, 0.0])
        else:
            left = frame.get_left()[0]
            tail = Polygon([left + 0.02, 0.22, 0.0], [left + 0.02, -0.22, 0.0], [left - 0.3, 0.0, 0.0])
        tail.set_fill(colors.panel, opacity=1.0).set_stroke(colors.gradient, width=self.theme.strokes.normal)
        bubble = VGroup(tail, frame, text.move_to(frame))
        if anchor is None:
            return bubble.move_to(center)
        return bubble.shift(center - frame.get_left() + 0.3 * RIGHT)
