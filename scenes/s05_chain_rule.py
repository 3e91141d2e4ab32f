"""05 The Chain Rule: gears whose rates multiply, the chain of local derivatives, a nudge.

Three ideas, one after another: gear A turns B turns C, and the measured rates
(written on the gears) multiply; the worked example's ∂L/∂w is the product of
the local derivatives along w → z → ŷ → L, each link in its own colour, and the
formula is assembled from the links' own labels in one move; nudging w by ε
changes L by about ∂L/∂w × ε, drawn as rise over run against the tangent.
All maths is set in the text face.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    AnimationGroup,
    LEFT,
    RIGHT,
    TAU,
    UP,
    Axes,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    Polygon,
    ReplacementTransform,
    Rotate,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    linear,
    there_and_back,
)

from backprop_core.sections.s05_chain_rule import loss_at_weight
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width, keep_inside
from scenes.kit.readout import LiveNumber
from scenes.s06_backward_pass import ChainGraph

#: Gear size: pitch radius per tooth (a gear of n teeth has pitch radius n × this).
GEAR_MODULE = 0.075
#: Seconds per whole turn of gear A.
SECONDS_PER_TURN = 2.5


class Gear(VGroup):
    """A spur gear of ``teeth`` teeth centred on the origin, with a hub and one spoke.

    Meshed gears share a tooth size, so their pitch radii are proportional to
    their teeth and a turn of one moves the other by the ratio of their teeth.
    ``phase`` turns the teeth so that a tooth of one gear meets a gap of the next.
    """

    def __init__(self, teeth: int, color: Any, phase: float = 0.0, module: float = GEAR_MODULE) -> None:
        super().__init__()
        self.teeth = teeth
        self.pitch_radius = module * teeth
        tip, root = self.pitch_radius + module * 0.9, self.pitch_radius - module * 1.1
        pitch = TAU / teeth
        points = []
        for k in range(teeth):
            centre = phase + k * pitch
            for fraction, radius in ((-0.5, root), (-0.28, root), (-0.14, tip), (0.14, tip), (0.28, root)):
                angle = centre + fraction * pitch
                points.append([radius * np.cos(angle), radius * np.sin(angle), 0.0])
        body = Polygon(*points, color=color, stroke_width=3, fill_color=color, fill_opacity=0.25)
        hub = Circle(radius=0.35 * self.pitch_radius, color=color, stroke_width=3, fill_opacity=0.5, fill_color=color)
        spoke = Line(hub.radius * RIGHT, root * RIGHT, color=color, stroke_width=5)
        spoke.rotate(phase, about_point=np.zeros(3))
        self.hub = hub
        self.add(body, hub, spoke)

    @property
    def pivot(self) -> np.ndarray:
        """The gear's axle (its bounding box centre is off by a tooth when teeth are odd)."""
        return self.hub.get_center()


def mesh_phase(driver_phase: float, driver_teeth: int, contact_angle: float, teeth: int) -> float:
    """Tooth phase for a gear meshing with ``driver`` at ``contact_angle`` (seen from the driver).

    Where the driver shows a tooth at the contact the new gear must show a gap,
    and the other way round.
    """
    pitch = TAU / driver_teeth
    offset = ((contact_angle - driver_phase) / pitch) % 1.0
    facing = contact_angle + np.pi
    # offset 0: driver tooth at contact -> gap facing it; offset 0.5: gap -> tooth facing it.
    return facing + (0.5 - offset) * TAU / teeth




class ChainRule(SectionScene):
    section_number = 5

    def construct(self) -> None:
        self.gears_multiply()
        self.chain_of_derivatives()
        self.nudge_experiment()
        self.end_section()

    # -- the gears ---------------------------------------------------------------------

    def gears_multiply(self) -> None:
        """Gear A turns B turns C: counters under the gears, the rates on the gears, their product."""
        self.step("gears")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        gears_data = data.gears
        area = content_area()
        intro_label = self.text(data.intro_label, "body", bold=True)
        fit_width(intro_label, area.width)
        intro_label.move_to([area.center[0], area.top - 0.35, 0])
        teeth_a, teeth_b, teeth_c = gears_data.teeth
        # A tooth of A points right at B; B shows A a gap there; C meets B the same way.
        phase_b = mesh_phase(0.0, teeth_a, 0.0, teeth_b)
        gear_a = Gear(teeth_a, colors.muted)
        gear_b = Gear(teeth_b, colors.muted, phase=phase_b)
        gear_c = Gear(teeth_c, colors.muted, phase=mesh_phase(phase_b, teeth_b, 0.0, teeth_c))
        gear_b.shift((gear_a.pitch_radius + gear_b.pitch_radius) * RIGHT)
        gear_c.shift((gear_a.pitch_radius + 2 * gear_b.pitch_radius + gear_c.pitch_radius) * RIGHT)
        train = VGroup(gear_a, gear_b, gear_c)
        counters_depth, label_room = 0.95, 0.85
        train.scale(min(1.0, (area.height - counters_depth - label_room) / train.height))
        # Centred while the gears are alone; the train moves left when the product arrives.
        train.move_to([area.center[0], area.top - label_room - train.height / 2, 0])

        # Each gear's name sits on a disc over its axle; the disc stays put while the gear turns.
        axles = VGroup()
        for gear, name in zip(train, gears_data.names):
            disc = Circle(radius=0.3, stroke_width=0, fill_color=colors.background, fill_opacity=1).move_to(gear.pivot)
            letter = self.text(name, "subheading", bold=True).move_to(gear.pivot)
            axles.add(VGroup(disc, letter))

        turns = ValueTracker(0.0)
        counters = VGroup()
        counter_y = train.get_bottom()[1] - 0.45
        # B's count is the rate times A's count as shown, C's the rate times B's: every frame adds up.
        for index, gear in enumerate(train):
            number = LiveNumber(lambda k=index: gears_data.counters(turns.get_value(), 1)[k], digits=1,
                                role="label", align="center")
            number.move_to([gear.pivot[0], counter_y, 0])
            counters.add(number)
        for mark in gears_data.marks:
            for value in mark:
                self.fmt(value, 1)
        turns_word = self.text("turns", "label", color=colors.muted).next_to(counters[0], LEFT, buff=0.35)

        # The measured rates (derivatives, so orange), each over the gear it drives (clear of A's teeth).
        chip_ab = self.text(f"\u00d7{self.fmt(gears_data.rate_b_per_a)}", "body", bold=True, color=colors.gradient)
        chip_ab.move_to([gear_b.pivot[0], gear_b.get_top()[1] + 0.4, 0])
        chip_bc = self.text(f"\u00d7{self.fmt(gears_data.rate_c_per_b)}", "body", bold=True, color=colors.gradient)
        chip_bc.move_to([gear_c.pivot[0] + 0.15, gear_c.get_top()[1] + 0.4, 0])
        for rate in (gears_data.rate_b_per_a, gears_data.rate_c_per_b, gears_data.rate_c_per_a):
            self.fmt(rate)
        product = self.text(data.gear_product_text, "body", bold=True)
        claim = self.text(data.gear_claim, "subheading", bold=True, color=colors.accent)
        panel = VGroup(product, claim).arrange(DOWN, aligned_edge=LEFT, buff=0.5)
        moving = VGroup(train, axles, counters, turns_word, chip_ab, chip_bc)
        left_shift = (area.left + 0.2) - VGroup(moving, turns_word).get_left()[0]
        fit_width(panel, area.right - (train.get_right()[0] + left_shift) - 0.6)
        panel.move_to([train.get_right()[0] + left_shift + 0.6 + panel.width / 2, train.get_center()[1], 0])
        keep_inside(panel, area)

        def turn(*extra: Any, run_time: float = SECONDS_PER_TURN) -> None:
            """One whole turn of A; B and C follow at their rates, the counters count."""
            angle = TAU
            self.play(
                Rotate(gear_a, angle=angle, about_point=gear_a.pivot, rate_func=linear),
                Rotate(gear_b, angle=-angle * gears_data.rate_b_per_a, about_point=gear_b.pivot, rate_func=linear),
                Rotate(gear_c, angle=angle * gears_data.rate_c_per_a, about_point=gear_c.pivot, rate_func=linear),
                turns.animate(rate_func=linear).increment_value(1.0),
                *extra,
                run_time=run_time,
            )

        header, heading = self.make_header()
        self.header, self.heading = header, heading
        opening = 1.0
        # The gears come in with the header: the scene opens on a picture; the claim as a label.
        # The gears turn for as long as each sentence is spoken (a turn of A per beat).
        with self.saying(data.intro) as sentence:
            self.play(FadeIn(header, shift=0.2 * DOWN), FadeIn(heading), FadeIn(train), FadeIn(axles),
                      FadeIn(counters), FadeIn(turns_word), FadeIn(intro_label, shift=0.2 * DOWN),
                      run_time=opening)
            turn(run_time=max(SECONDS_PER_TURN, sentence - opening - 0.05))
        shift_time = 0.8
        with self.saying(data.analogy) as sentence:
            per_turn = max(1.8, (sentence - shift_time - pacing.normal - 0.05) / 3)
            turn(FadeIn(chip_ab, shift=0.2 * DOWN), run_time=per_turn)
            turn(FadeIn(chip_bc, shift=0.2 * DOWN), run_time=per_turn)
            self.play(moving.animate.shift(left_shift * RIGHT), run_time=shift_time)
            turn(FadeIn(product, shift=0.2 * LEFT), run_time=per_turn)
            self.play(FadeIn(claim, shift=0.2 * UP), Indicate(counters[2], color=colors.accent),
                      run_time=pacing.normal)
        self.gear_parts = {"train": train, "axles": axles, "chips": (chip_ab, chip_bc),
                           "rest": VGroup(counters, turns_word, product, claim, intro_label)}

    # -- the chain ---------------------------------------------------------------------

    def chain_of_derivatives(self) -> None:
        """The gears become the example's chain (06's picture); each link's local rule; their product."""
        self.step("the chain")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        orange = colors.gradient
        area = content_area()
        question = self.text(data.question_label, "body", bold=True)
        fit_width(question, area.width)
        question.move_to([area.center[0], area.top - 0.25, 0])
        graph = ChainGraph(self, data.walk, area, main_drop=2.2, input_drop=0.95)
        boxes = graph.boxes
        links = (("w", "z"), ("z", "\u0177"), ("\u0177", "L"))
        # Links in forward order; the guide lists the factors last link first.
        link_factors = list(reversed(data.factors))
        local_y = boxes["w"][0].get_bottom()[1] - 0.55
        local_labels = VGroup()
        for (source, target), factor in zip(links, link_factors):
            color = orange if factor.value != 0.0 else colors.muted
            name = self.text(factor.name, "caption", color=color)
            rule = self.text(factor.rule, "caption", color=color)
            label = VGroup(name, rule).arrange(DOWN, buff=0.12)
            label.move_to([graph.link_center(source, target)[0], local_y, 0])
            local_labels.add(label)

        # The bridge: A becomes w, B the middle of the chain, C the loss; each link brings its own local derivative.
        parts = self.gear_parts
        gear_a, gear_b, gear_c = parts["train"]
        chip_ab, chip_bc = parts["chips"]
        frames = {name: boxes[name][0] for name in ("w", "z", "\u0177", "L")}
        # The question's answer, as the caption says it: the key claim takes the question's place.
        claim = self.text(data.chain_claim, "body", bold=True, color=colors.accent).move_to(question)
        with self.saying(data.question) as sentence:
            # The gears leave whole, with their labels and rates (the rates are not the chain's numbers);
            # then the chain's boxes come in at their places, left to right (no shape morphs into another).
            self.play(
                FadeOut(parts["rest"]), FadeOut(parts["axles"]),
                FadeOut(chip_ab, shift=0.3 * DOWN), FadeOut(chip_bc, shift=0.3 * DOWN),
                FadeOut(parts["train"], shift=0.2 * DOWN),
                run_time=max(pacing.quick, 0.2 * sentence),
            )
            self.play(
                LaggedStart(*(FadeIn(boxes[name], shift=0.1 * RIGHT) for name in frames), lag_ratio=0.25),
                *(Create(edge) for edge in graph.edges.values()), FadeIn(VGroup(*graph.inputs)),
                LaggedStart(*(FadeIn(label, shift=0.15 * UP) for label in local_labels), lag_ratio=0.4),
                FadeIn(question, shift=0.2 * DOWN),
                run_time=max(pacing.normal, 0.5 * sentence),
            )
            # The question leaves before its answer comes: never two headings in one place.
            self.play(FadeOut(question, shift=0.2 * UP), run_time=0.45 * pacing.normal)
            self.play(FadeIn(claim, shift=0.2 * UP), run_time=0.55 * pacing.normal)

        # The formula: its factors are the links' names, its numbers the links' values.
        target = self.text("\u2202L/\u2202w", "body", bold=True, color=orange)
        equals = self.text("=", "body")
        factor_parts = [self.text(f.name, "body", color=orange) for f in data.factors]
        times = [self.text("\u00d7", "body") for _ in range(2)]
        formula = VGroup(target, equals, factor_parts[0], times[0], factor_parts[1], times[1], factor_parts[2])
        formula.arrange(RIGHT, buff=0.28).move_to([area.center[0], local_y - 0.85, 0])
        # The numbers line up under their factors.
        value_parts = [self.text(self.fmt(f.value), "body", color=orange) for f in data.factors]
        for value, part in zip(value_parts, factor_parts):
            value.move_to(part).shift(0.58 * DOWN)
        value_equals = self.text("=", "body").move_to(equals).shift(0.58 * DOWN)
        value_times = [self.text("\u00d7", "body").move_to(t).shift(0.58 * DOWN) for t in times]
        result_equals = self.text("=", "body").next_to(value_parts[2], RIGHT, buff=0.28)
        result = self.text(self.fmt(data.product_value), "body", bold=True, color=orange)
        result.next_to(result_equals, RIGHT, buff=0.28)
        numbers = VGroup(value_equals, value_parts[0], value_times[0], value_parts[1], value_times[1],
                         value_parts[2], result_equals, result)
        both = VGroup(formula, numbers)
        if both.width > area.width:
            both.scale(area.width / both.width)

        with self.saying(data.chain_sentence) as sentence:
            self.play(FadeIn(formula, shift=0.15 * UP), Indicate(claim, color=colors.accent, scale_factor=1.0),
                      run_time=pacing.normal)
            # Each link lights up with its factor in the formula, one after another, for the sentence.
            pulse_time = max(pacing.normal, (sentence - pacing.normal - 0.05) / 3)
            # Last link first, as the formula reads and as the gradient flows (right to left).
            for k in range(3):
                link = 2 - k
                self.play(*self._light_link(graph, links[link], local_labels[link], factor_parts[k]),
                          run_time=pulse_time)
        box = SurroundingRectangle(result, color=orange, buff=0.12)
        with self.saying(data.product_text) as sentence:
            # The numbers arrive as they are spoken: each with its link and its factor lit,
            # fading in where it belongs (nothing crosses the frame), then the product.
            self.play(Indicate(VGroup(target, equals), color=colors.accent, scale_factor=1.15),
                      FadeIn(value_equals, shift=0.1 * UP), run_time=max(pacing.quick, 0.2 * sentence))
            number_time = max(pacing.quick, 0.17 * sentence)
            for k in range(3):
                link = 2 - k
                before = [] if k == 0 else [value_times[k - 1]]
                self.play(*self._light_link(graph, links[link], local_labels[link], factor_parts[k]),
                          FadeIn(VGroup(*before, value_parts[k]), shift=0.1 * UP), run_time=number_time)
            self.play(FadeIn(result_equals), FadeIn(result, shift=0.2 * LEFT), Create(box),
                      run_time=max(pacing.normal, sentence - (0.2 + 3 * 0.17) * sentence - 0.05))
        if data.zero_factor_label is not None:
            self.explain_zero_factor(claim, numbers, data.factors)
        # The product stays on screen into the nudge, where it becomes the tangent's slope.
        self.chain_result = result

    def _light_link(self, graph: ChainGraph, link: tuple[str, str], local_label: Any, factor_part: Any) -> list[Any]:
        """An orange flash backward along one link (head at the source, under the forward arrow,
        as 06 draws the gradient), with its local derivative and its factor in the formula lit."""
        accent = self.theme.colors.accent
        return [graph.backward_pulse(*link), Indicate(local_label, color=accent, scale_factor=1.0),
                Indicate(factor_part, color=accent, scale_factor=1.0)]

    def explain_zero_factor(self, claim: Any, numbers: VGroup, factors: Any) -> None:
        """A zero factor (dead ReLU) zeroes the product: point at it and say why."""
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        area = content_area()
        zero_index = next(index for index, factor in enumerate(factors) if factor.value == 0.0)
        zero_part = numbers[1 + 2 * zero_index]
        label = self.text(data.zero_factor_label, "body", bold=True, color=colors.accent)
        fit_width(label, area.width)
        label.move_to(claim)
        with self.saying(data.zero_factor_note) as sentence:
            self.play(Indicate(zero_part, color=colors.accent, scale_factor=1.3), FadeOut(claim, shift=0.2 * UP),
                      FadeIn(label, shift=0.2 * UP), run_time=pacing.slow)
            rest = sentence - pacing.slow - 0.05
            while rest > 0.05:
                beat = min(2.5, rest)
                self.play(Indicate(zero_part, color=colors.accent, scale_factor=1.15), run_time=beat)
                rest -= beat

    # -- the nudge ---------------------------------------------------------------------

    def nudge_experiment(self) -> None:
        """L against w with labelled ticks; nudge w by ε and compare ΔL with the tangent's rise."""
        self.step("nudge w")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        nudge = data.nudge
        area = content_area()
        axes = Axes(
            x_range=nudge.w_axis.as_range(),
            y_range=nudge.loss_axis.as_range(),
            x_length=6.2,
            y_length=min(4.0, area.height - 1.3),
            tips=False,
            axis_config={"color": colors.muted, "stroke_width": 2},
        )
        # Low enough that the L axis's name stays clear of the heading.
        axes.move_to([area.left + 0.9 + 3.1, area.bottom + 0.6 + axes.y_length / 2, 0])
        # manim would put the L axis where w = 0 is (or the nearest end); it belongs at the
        # left end, and the tick labels say where w starts.
        axes.y_axis.set_opacity(0)
        origin = axes.c2p(nudge.w_axis.low, 0.0)
        loss_axis = Line(origin, axes.c2p(nudge.w_axis.low, nudge.loss_axis.high), color=colors.muted, stroke_width=2)
        w_ticks = VGroup()
        for tick in nudge.w_ticks:
            w_ticks.add(self.text(self.fmt(tick), "caption", color=colors.muted).next_to(axes.c2p(tick, 0.0), DOWN, buff=0.18))
        loss_ticks = VGroup()
        for tick in nudge.loss_ticks:
            point = axes.c2p(nudge.w_axis.low, tick)
            mark = Line(point + 0.08 * LEFT, point + 0.08 * RIGHT, color=colors.muted, stroke_width=2)
            label = self.text(self.fmt(tick), "caption", color=colors.muted).next_to(point, LEFT, buff=0.18)
            loss_ticks.add(VGroup(mark, label))
        w_name = self.text("w", "body", bold=True).next_to(axes.x_axis, RIGHT, buff=0.2)
        loss_name = self.text("L", "body", bold=True, color=colors.loss).next_to(loss_axis, UP, buff=0.15)
        frame = VGroup(axes, loss_axis, w_ticks, loss_ticks, w_name, loss_name)

        low, high = nudge.w_axis.low, nudge.w_axis.high
        curve = axes.plot(lambda w: loss_at_weight(data, w), x_range=[low, high, (high - low) / 200],
                          color=colors.loss, stroke_width=5)
        w_tracker = ValueTracker(nudge.w)
        dot = Dot(axes.c2p(nudge.w, nudge.loss), color=colors.accent, radius=0.09)
        dot.add_updater(lambda d: d.move_to(axes.c2p(w_tracker.get_value(), loss_at_weight(data, w_tracker.get_value()))))
        t0, t1 = nudge.tangent_w
        tangent = DashedLine(
            axes.c2p(t0, nudge.loss + nudge.slope * (t0 - nudge.w)),
            axes.c2p(t1, nudge.loss + nudge.slope * (t1 - nudge.w)),
            color=colors.gradient, stroke_width=4, dash_length=0.12,
        )

        panel_left = axes.get_right()[0] + 0.9
        panel_width = area.right - panel_left
        # The slope's value is the chain's product, carried over from the formula (same string, same colour).
        slope_words = self.text("tangent slope = \u2202L/\u2202w =", "label", color=colors.gradient)
        slope_value = self.text(self.fmt(nudge.slope), "label", bold=True, color=colors.gradient)
        slope_row = VGroup(slope_words, slope_value).arrange(RIGHT, buff=0.16)
        w_row = self.text(f"w: {self.fmt(nudge.w)} \u2192 {self.fmt(nudge.w_nudged)}   (\u03b5 = {self.fmt(nudge.epsilon)})", "label")
        loss_row = self.text(f"L: {self.fmt(nudge.loss)} \u2192 {self.fmt(nudge.loss_nudged)}", "label", color=colors.loss)
        change_row = self.text(f"\u0394L = {self.fmt(nudge.loss_change)}", "body", bold=True, color=colors.loss)
        predicted_row = self.text(
            f"\u2202L/\u2202w \u00d7 \u03b5 = {self.fmt(nudge.slope)} \u00d7 {self.fmt(nudge.epsilon)} = {self.fmt(nudge.predicted_change)}",
            "label", color=colors.gradient,
        )
        claim = self.text(data.nudge_claim, "subheading", bold=True, color=colors.accent)
        rows = VGroup(slope_row, w_row, loss_row, change_row, predicted_row, claim)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.32)
        for row in rows:
            fit_width(row, panel_width)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.32)
        rows.move_to([panel_left + rows.width / 2, axes.get_center()[1] + 0.2, 0])
        keep_inside(rows, area)

        # The chain leaves; its product ∂L/∂w moves to where the plot will name it the tangent's slope.
        result = self.chain_result
        leaving = [mobject for mobject in self.content_mobjects(keep_heading=True) if mobject is not result]
        if result.text == slope_value.text:
            carry = ReplacementTransform(result, slope_value)
        else:
            carry = AnimationGroup(FadeOut(result), FadeIn(slope_value))
        with self.saying(data.nudge_intro) as sentence:
            third = max(pacing.normal, (sentence - 0.05) / 3)
            # Out first (the product stays), then the product moves over a clear frame as the axes come.
            self.play(*(FadeOut(mobject) for mobject in leaving), run_time=pacing.quick)
            self.play(FadeIn(VGroup(axes, loss_axis), shift=0.2 * UP), FadeIn(w_ticks), FadeIn(loss_ticks),
                      FadeIn(w_name), FadeIn(loss_name), carry, run_time=max(pacing.quick, third - pacing.quick))
            self.play(Create(curve), FadeIn(dot), run_time=third)
            self.play(Create(tangent), FadeIn(slope_words, shift=0.2 * LEFT), run_time=third)

        start = axes.c2p(nudge.w, nudge.loss)
        run_end = axes.c2p(nudge.w_nudged, nudge.loss)
        rise_end = axes.c2p(nudge.w_nudged, nudge.loss + nudge.predicted_change)
        run = Line(start, run_end, color=colors.text, stroke_width=5)
        epsilon = self.text("\u03b5", "label", bold=True)
        epsilon.next_to(run, UP if nudge.slope <= 0 else DOWN, buff=0.12)
        side = 0.14 * RIGHT
        change_bar = Line(run_end + side, axes.c2p(nudge.w_nudged, nudge.loss_nudged) + side,
                          color=colors.loss, stroke_width=7)
        triangle = Polygon(start, run_end, rise_end, stroke_width=0, fill_color=colors.gradient, fill_opacity=0.3)
        rise = Line(run_end, rise_end, color=colors.gradient, stroke_width=6)
        hypotenuse = Line(start, rise_end, color=colors.gradient, stroke_width=6)
        # The two changes differ by a few pixels: each gets its own label, on its own side.
        actual_label = self.text(f"actual {self.fmt(nudge.loss_change)}", "caption", bold=True, color=colors.loss)
        # Above the curve on its falling side: right of the nudge when L falls, left when it rises.
        falling = nudge.slope <= 0
        if falling:
            actual_label.next_to(change_bar.get_start(), RIGHT, buff=0.3).shift(0.3 * UP)
        else:
            actual_label.next_to(start, LEFT, buff=0.3).shift(0.3 * UP)
        predicted_label = self.text(f"\u2202L/\u2202w\u00b7\u03b5 = {self.fmt(nudge.predicted_change)}", "caption",
                                    bold=True, color=colors.gradient)
        # Both labels stand above the curve right of the nudge (the space under it is the curve's):
        # each in its segment's colour, the prediction under the measurement.
        predicted_label.next_to(actual_label, DOWN, buff=0.12, aligned_edge=LEFT if falling else RIGHT)
        labels = VGroup(actual_label, predicted_label)
        # Between the nudge and the panel (or the L axis, on the left), never over either.
        if falling:
            room = rows.get_left()[0] - 0.25 - labels.get_left()[0]
            fit_width(labels, room)
            labels.align_to(change_bar.get_start() + 0.3 * RIGHT, LEFT)
        else:
            room = start[0] - 0.3 - (origin[0] + 0.25)
            fit_width(labels, room)
            labels.align_to(start + 0.3 * LEFT, RIGHT)
        keep_inside(labels, area)

        # The run (ε), the measured change, then the tangent's rise: one step per part of the sentence.
        with self.saying(nudge.sentence) as sentence:
            part = max(pacing.normal, (sentence - 0.05) / 3)
            self.play(w_tracker.animate.set_value(nudge.w_nudged), Create(run), FadeIn(epsilon),
                      FadeIn(w_row, shift=0.2 * LEFT), run_time=part)
            dot.clear_updaters()
            self.play(Create(change_bar), FadeIn(actual_label), FadeIn(loss_row, shift=0.2 * LEFT),
                      FadeIn(change_row, shift=0.2 * LEFT), run_time=part)
            self.play(FadeIn(triangle), Create(hypotenuse), Create(rise), FadeIn(predicted_label),
                      FadeIn(predicted_row, shift=0.2 * LEFT), run_time=part)

        with self.saying(data.nudge_claim_sentence) as sentence:
            self.play(FadeIn(claim, shift=0.2 * UP), run_time=pacing.normal)
            # For the rest of the sentence the dot replays the nudge (back to w and out again) while the
            # measured change, then the predicted one, light up (colour only: no text shifts).
            dot.add_updater(lambda d: d.move_to(axes.c2p(w_tracker.get_value(),
                                                         loss_at_weight(data, w_tracker.get_value()))))
            half = max(pacing.normal, sentence - pacing.normal - 0.05) / 2
            for segment, texts in ((change_bar, (change_row, actual_label)), (rise, (predicted_row, predicted_label))):
                self.play(w_tracker.animate(rate_func=there_and_back).set_value(nudge.w),
                          Indicate(segment, color=colors.accent, scale_factor=1.0),
                          Indicate(VGroup(*texts), color=colors.accent, scale_factor=1.0), run_time=half)
            dot.clear_updaters()
