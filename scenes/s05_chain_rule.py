"""05 The Chain Rule: gears whose rates multiply, the chain of local derivatives, a nudge.

Three ideas, one after another: gear A turns B turns C, and the measured rates
multiply; the worked example's ∂L/∂w is the product of the local derivatives
along w → z → ŷ → L, each link in its own colour; nudging w by ε changes L by
about ∂L/∂w · ε, measured on the loss curve itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    TAU,
    UP,
    Arrow,
    Axes,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Line,
    MathTex,
    Polygon,
    Rotate,
    SurroundingRectangle,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

from backprop_core.sections.s05_chain_rule import loss_at_weight
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width, keep_inside
from scenes.kit.readout import LiveNumber, LiveReadout

#: Gear size: pitch radius per tooth (a gear of n teeth has pitch radius n × this).
GEAR_MODULE = 0.062


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
        self.show_header()
        self.intro()
        self.gears_multiply()
        self.clear_content(keep_heading=True)
        self.chain_of_derivatives()
        self.clear_content(keep_heading=True)
        self.nudge_experiment()
        self.end_section()

    @property
    def link_colors(self) -> tuple[Any, Any, Any]:
        """Colours of the links w → z, z → ŷ, ŷ → L (the factors ∂z/∂w, ∂ŷ/∂z, ∂L/∂ŷ)."""
        colors = self.theme.colors
        return colors.forward, colors.accent, colors.loss

    def intro(self) -> None:
        self.intro_text = self.show_intro(self.data.intro)

    def gears_multiply(self) -> None:
        gears_data = self.data.gears
        colors = (self.theme.colors.forward, self.theme.colors.accent, self.theme.colors.loss)
        teeth_a, teeth_b, teeth_c = gears_data.teeth
        # A tooth of A points right at B; B shows B a gap there; C meets B the same way.
        phase_b = mesh_phase(0.0, teeth_a, 0.0, teeth_b)
        gear_a = Gear(teeth_a, colors[0])
        gear_b = Gear(teeth_b, colors[1], phase=phase_b)
        gear_c = Gear(teeth_c, colors[2], phase=mesh_phase(phase_b, teeth_b, 0.0, teeth_c))
        gear_b.shift((gear_a.pitch_radius + gear_b.pitch_radius) * RIGHT)
        gear_c.shift((gear_a.pitch_radius + 2 * gear_b.pitch_radius + gear_c.pitch_radius) * RIGHT)
        train = VGroup(gear_a, gear_b, gear_c)
        area = content_area()
        analogy = self.paragraph(self.data.analogy, max_width=area.width, role="label", color=self.theme.colors.text)
        analogy.move_to(self.intro_text, aligned_edge=UP + LEFT)
        # The gear names and turn counters hang below the gears: shrink the gears (not
        # the text) so that the counters stay inside the safe area.
        counters_depth = 1.15
        room = analogy.get_bottom()[1] - 0.45 - counters_depth - area.bottom
        if train.height > room:
            train.scale(room / train.height)
        train.next_to(analogy, DOWN, buff=0.45).align_to(analogy, LEFT).shift(0.2 * RIGHT)

        turns = ValueTracker(0.0)
        label_y = train.get_bottom()[1] - 0.4
        counters = VGroup()
        for gear, name, total, color in zip(train, gears_data.names, gears_data.turns, colors):
            letter = self.text(name, "subheading", bold=True, color=color)
            letter.move_to([gear.pivot[0], label_y, 0])
            fraction = total / gears_data.turns[0]
            number = LiveNumber(lambda f=fraction: turns.get_value() * f, digits=1, role="label", color=color, align="center")
            number.move_to([gear.pivot[0], label_y - 0.5, 0])
            self.fmt(total, 1)
            counters.add(VGroup(letter, number))
        turns_word = self.text("turns", "label", color=self.theme.colors.muted)
        turns_word.next_to(counters[-1][1], RIGHT, buff=0.3)

        self.caption(self.data.analogy)
        self.play(FadeOut(self.intro_text), FadeIn(analogy), run_time=self.theme.pacing.normal)
        self.play(FadeIn(train), FadeIn(counters), FadeIn(turns_word), run_time=self.theme.pacing.normal)
        angle = TAU * gears_data.turns[0]
        self.play(
            Rotate(gear_a, angle=angle, about_point=gear_a.pivot, rate_func=linear),
            Rotate(gear_b, angle=-angle * gears_data.rate_b_per_a, about_point=gear_b.pivot, rate_func=linear),
            Rotate(gear_c, angle=angle * gears_data.rate_c_per_a, about_point=gear_c.pivot, rate_func=linear),
            turns.animate(rate_func=linear).set_value(gears_data.turns[0]),
            run_time=4.0,
        )

        rows = VGroup(
            self.rate_row("B per A", gears_data.rate_b_per_a, colors[1]),
            self.rate_row("C per B", gears_data.rate_c_per_b, colors[2]),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        product = self.text(self.data.gear_product_text, "body", bold=True, color=self.theme.colors.text)
        for rate in (gears_data.rate_b_per_a, gears_data.rate_c_per_b, gears_data.rate_c_per_a):
            self.fmt(rate)
        panel = VGroup(rows, product).arrange(DOWN, aligned_edge=LEFT, buff=0.5)
        right_room = area.right - (train.get_right()[0] + 0.5)
        fit_width(panel, right_room)
        panel.next_to(train, RIGHT, buff=0.5).align_to(train, UP)
        keep_inside(panel, area)
        for row in rows:
            self.play(FadeIn(row, shift=0.2 * LEFT), run_time=self.theme.pacing.normal)
        self.play(Write(product), run_time=self.theme.pacing.normal)
        self.play(Indicate(counters[2][1], color=colors[2]), run_time=self.theme.pacing.normal)
        self.beat()

    def rate_row(self, label: str, rate: float, color: Any) -> VGroup:
        name = self.text(label, "body", color=self.theme.colors.text)
        value = self.text(f"\u00d7{self.fmt(rate)}", "body", bold=True, color=color)
        return VGroup(name, value).arrange(RIGHT, buff=0.3)

    def chain_of_derivatives(self) -> None:
        area = content_area()
        factors = self.data.factors
        link_colors = self.link_colors
        # Nodes in forward order; factors are listed last link first, as the guide writes them.
        names = ("w", "z", "\\hat{y}", "L")
        node_colors = (self.theme.colors.forward, self.theme.colors.forward, self.theme.colors.forward, self.theme.colors.loss)
        nodes = VGroup()
        for name, color in zip(names, node_colors):
            circle = Circle(radius=0.42, color=color, stroke_width=4, fill_color=self.theme.colors.panel, fill_opacity=1)
            nodes.add(VGroup(circle, MathTex(name, color=self.theme.colors.text, font_size=48).move_to(circle)))
        nodes.arrange(RIGHT, buff=2.3).move_to([0, area.top - 1.25, 0])
        arrows, link_labels, link_values = VGroup(), VGroup(), VGroup()
        for index in range(3):
            factor = factors[2 - index]
            color = link_colors[index]
            arrow = Arrow(nodes[index].get_right(), nodes[index + 1].get_left(), buff=0.1, color=color, stroke_width=5)
            label = MathTex(factor.tex, color=color, font_size=40).next_to(arrow, UP, buff=0.12)
            value = self.number(factor.value, role="label", color=color).next_to(arrow, DOWN, buff=0.2)
            arrows.add(arrow)
            link_labels.add(label)
            link_values.add(value)

        self.caption(self.data.question, duration=6.0)
        self.play(FadeIn(nodes[0]), run_time=self.theme.pacing.quick)
        for index in range(3):
            self.play(GrowArrow(arrows[index]), FadeIn(nodes[index + 1]), FadeIn(link_labels[index]), run_time=0.9)
        self.play(*(FadeIn(value, shift=0.15 * DOWN) for value in link_values), run_time=self.theme.pacing.normal)
        self.pause()

        equation = MathTex(
            self.data.target_tex, "=", factors[0].tex, r"\times", factors[1].tex, r"\times", factors[2].tex,
            font_size=52, color=self.theme.colors.text,
        )
        equation[0].set_color(self.theme.colors.gradient)
        factor_parts = (equation[2], equation[4], equation[6])
        for part, color in zip(factor_parts, reversed(link_colors)):
            part.set_color(color)
        equation.next_to(nodes, DOWN, buff=1.0)
        fit_width(equation, area.width)
        self.play(Write(VGroup(equation[0], equation[1])), run_time=self.theme.pacing.quick)
        for index, part in enumerate(factor_parts):
            times_sign = [FadeIn(equation[2 * index + 3])] if index < 2 else []
            self.play(TransformFromCopy(link_labels[2 - index], part), *times_sign, run_time=1.0)
        self.pause()

        values = [self.fmt(factor.value, tex=True) for factor in factors]
        product = MathTex(
            "=", f"({values[0]})", r"\times", f"({values[1]})", r"\times", f"({values[2]})", "=",
            self.fmt(self.data.dL_dw, tex=True), font_size=52, color=self.theme.colors.text,
        )
        for part, color in zip((product[1], product[3], product[5]), reversed(link_colors)):
            part.set_color(color)
        product[7].set_color(self.theme.colors.gradient)
        product.next_to(equation, DOWN, buff=0.4).align_to(equation[1], LEFT)
        fit_width(product, area.width)
        keep_inside(product, area)
        self.caption(self.data.product_text, duration=3.6)
        self.play(
            *(TransformFromCopy(link_values[2 - index], product[2 * index + 1]) for index in range(3)),
            FadeIn(product[0]), FadeIn(product[2]), FadeIn(product[4]),
            run_time=self.theme.pacing.slow,
        )
        self.play(Write(product[6:]), run_time=self.theme.pacing.normal)
        box = SurroundingRectangle(product[7], color=self.theme.colors.gradient, buff=0.12)
        self.play(Create(box), run_time=self.theme.pacing.quick)
        if self.data.zero_factor_note is not None:
            links = VGroup(nodes, arrows, link_labels, link_values)
            self.explain_zero_factor(links, VGroup(equation, product, box), product)
        else:
            self.beat()

    def explain_zero_factor(self, links: VGroup, formulas: VGroup, product: MathTex) -> None:
        """A zero factor (dead ReLU) zeroes the product: say so, and point at it.

        The link diagram gives way so the formulas can move up and the explanation fits below.
        """
        area = content_area()
        zero_index = next(index for index, factor in enumerate(self.data.factors) if factor.value == 0.0)
        note = self.paragraph(self.data.zero_factor_note, max_width=area.width, role="label",
                              color=self.theme.colors.accent)
        shift = (area.top - 0.2 - formulas.get_top()[1]) * UP
        note.next_to(formulas.copy().shift(shift), DOWN, buff=0.5).set_x(area.center[0])
        keep_inside(note, area)
        self.caption(self.data.zero_factor_note)
        self.play(FadeOut(links), formulas.animate.shift(shift), run_time=self.theme.pacing.normal)
        self.play(Indicate(product[2 * zero_index + 1], color=self.theme.colors.accent, scale_factor=1.3),
                  FadeIn(note), run_time=self.theme.pacing.slow)
        self.wait(max(0.0, self.theme.pacing.reading_time(self.data.zero_factor_note) - 3.2))
        self.wait(self.theme.pacing.reading_time(self.data.zero_factor_note) - self.theme.pacing.slow)

    def nudge_experiment(self) -> None:
        nudge = self.data.nudge
        area = content_area()
        colors = self.theme.colors
        axes = Axes(
            x_range=nudge.w_axis.as_range(),
            y_range=nudge.loss_axis.as_range(),
            x_length=6.4,
            y_length=4.2,
            tips=False,
            axis_config={"color": colors.muted, "stroke_width": 2},
        )
        axes.move_to([area.left + 3.4, area.center[1] - 0.15, 0])
        # manim puts the L axis where w = 0 would be (or the nearest end); it belongs at the left.
        axes.y_axis.set_opacity(0)
        loss_axis = Line(axes.c2p(nudge.w_axis.low, nudge.loss_axis.low), axes.c2p(nudge.w_axis.low, nudge.loss_axis.high),
                         color=colors.muted, stroke_width=2)
        w_label = MathTex("w", font_size=44, color=colors.text).next_to(axes.x_axis, RIGHT, buff=0.15)
        loss_label = MathTex("L", font_size=44, color=colors.loss).next_to(loss_axis, UP, buff=0.15)
        curve = axes.plot(lambda w: loss_at_weight(self.data, w), x_range=nudge.w_axis.as_range()[:2],
                          color=colors.loss, stroke_width=5)
        slope = self.data.dL_dw
        half = (nudge.w_axis.high - nudge.w_axis.low) / 2
        tangent = DashedLine(
            axes.c2p(nudge.w - half, nudge.loss - slope * half),
            axes.c2p(nudge.w + half, nudge.loss + slope * half),
            color=colors.gradient, stroke_width=4,
        )
        w_tracker = ValueTracker(nudge.w)
        dot = Dot(axes.c2p(nudge.w, nudge.loss), color=colors.text, radius=0.1)
        dot.add_updater(lambda d: d.move_to(axes.c2p(w_tracker.get_value(), loss_at_weight(self.data, w_tracker.get_value()))))

        readout_w = LiveReadout("w =", w_tracker, role="body")
        readout_loss = LiveReadout("L =", lambda: loss_at_weight(self.data, w_tracker.get_value()), role="body",
                                   color=colors.loss)
        readouts = VGroup(readout_w, readout_loss).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        readouts.next_to(axes, RIGHT, buff=1.0).align_to(axes, UP)
        for shown in (nudge.w, nudge.w_nudged, nudge.loss, nudge.loss_nudged):
            self.fmt(shown)

        self.caption(self.data.question, duration=4.0)
        self.play(Create(axes), Create(loss_axis), FadeIn(w_label), FadeIn(loss_label), run_time=self.theme.pacing.normal)
        self.play(Create(curve), FadeIn(dot), FadeIn(readouts), run_time=self.theme.pacing.normal)
        self.play(Create(tangent), run_time=self.theme.pacing.normal)
        self.pause()

        epsilon_label = MathTex(r"\varepsilon", font_size=40, color=colors.forward)
        start_tick = axes.c2p(nudge.w, nudge.loss_axis.low)
        end_tick = axes.c2p(nudge.w_nudged, nudge.loss_axis.low)
        epsilon_bar = Line(start_tick, end_tick, color=colors.forward, stroke_width=8)
        epsilon_label.next_to(epsilon_bar, UP, buff=0.12)
        self.caption(nudge.sentence, duration=7.0)
        self.play(w_tracker.animate.set_value(nudge.w_nudged), Create(epsilon_bar), FadeIn(epsilon_label),
                  run_time=self.theme.pacing.slow)
        dot.clear_updaters()

        measured = Line(axes.c2p(nudge.w_nudged, nudge.loss), axes.c2p(nudge.w_nudged, nudge.loss_nudged),
                        color=colors.loss, stroke_width=7)
        predicted = Line(axes.c2p(nudge.w_nudged + 0.12 * nudge.epsilon, nudge.loss),
                         axes.c2p(nudge.w_nudged + 0.12 * nudge.epsilon, nudge.loss + nudge.predicted_change),
                         color=colors.gradient, stroke_width=7)
        level = DashedLine(axes.c2p(nudge.w, nudge.loss), axes.c2p(nudge.w_nudged + 0.3 * nudge.epsilon, nudge.loss),
                           color=colors.muted, stroke_width=2)
        change_row = VGroup(
            MathTex(r"\Delta L =", font_size=44, color=colors.loss),
            self.number(nudge.loss_change, role="body", color=colors.loss),
        ).arrange(RIGHT, buff=0.2)
        approx = MathTex(r"\approx", font_size=48, color=colors.text)
        predicted_row = VGroup(
            MathTex(r"\frac{\partial L}{\partial w} \times \varepsilon =", font_size=44, color=colors.gradient),
            self.number(nudge.predicted_change, role="body", color=colors.gradient),
        ).arrange(RIGHT, buff=0.2)
        comparison = VGroup(change_row, approx, predicted_row).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        comparison.next_to(readouts, DOWN, buff=0.6).align_to(readouts, LEFT)
        fit_width(comparison, area.right - comparison.get_left()[0])
        keep_inside(comparison, area)
        self.play(FadeIn(level), Create(measured), FadeIn(change_row), run_time=self.theme.pacing.normal)
        self.play(Create(predicted), FadeIn(approx), FadeIn(predicted_row), run_time=self.theme.pacing.normal)
        self.play(Indicate(predicted_row, color=colors.gradient, scale_factor=1.1), run_time=self.theme.pacing.normal)
        self.wait(2.0)
