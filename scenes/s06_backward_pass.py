"""06 Backward Pass: the gradient flows back along the neuron's chain, hop by hop.

The running example of 03–05 (x, w, b → z → ŷ → L with the target y) is drawn
as a chain of boxes holding the forward values in blue. The gradient then
travels from L back to w and b as an orange arrow whose head points backward;
at each hop the arriving gradient is multiplied by the hop's local derivative
(bracketed under the link, in the colour the formula gives that factor) and the
product lands under the next node as ∂L/∂(node). The three factors are lifted
into ∂L/∂w = ∂L/∂ŷ × ∂ŷ/∂z × ∂z/∂w, and finally w and b are nudged the way their
gradients say: the forward pass runs again and the loss falls (or, with a dead
ReLU, stays put).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Brace,
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LaggedStart,
    Line,
    RoundedRectangle,
    ShowPassingFlash,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
)

from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width
from scenes.s05_chain_rule import factor_colors

#: Main row boxes: (node, title, width). Titles say what each node computes.
MAIN_NODES: tuple[tuple[str, str, float], ...] = (
    ("w", "w", 1.3),
    ("z", "z = w\u00b7x + b", 2.1),
    ("\u0177", "\u0177 = ReLU(z)", 2.1),
    ("L", "L = (y \u2212 \u0177)\u00b2", 2.45),
)
NODE_HEIGHT = 1.0
INPUT_HEIGHT = 0.6
#: Height of the main row's centre and of the inputs' row, from the content area's top.
MAIN_ROW_DROP = 1.8
INPUT_ROW_DROP = 0.45
#: The backward arrow runs this far below the forward edge, so both heads show.
LANE_OFFSET = 0.15


class BackwardPass(SectionScene):
    section_number = 6

    def construct(self) -> None:
        self.show_graph()
        self.seed_the_loss()
        self.flow_back()
        self.assemble_chain()
        self.nudge_parameters()
        self.end_section()

    # -- the picture -------------------------------------------------------------------

    def show_graph(self) -> None:
        """The neuron's chain with its forward values; it comes in with the header."""
        self.step("the graph")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        walk = data.walk
        area = content_area()
        self.area = area
        values = {"w": walk.w, "z": walk.z, "\u0177": walk.y_hat, "L": walk.loss}
        gap = (area.width - sum(width for _, _, width in MAIN_NODES)) / (len(MAIN_NODES) - 1)
        main_y = area.top - MAIN_ROW_DROP
        self.boxes: dict[str, VGroup] = {}
        left = area.left
        for name, title, width in MAIN_NODES:
            center = np.array([left + width / 2, main_y, 0.0])
            stroke = colors.loss if name == "L" else colors.panel_edge
            value_color = colors.loss if name == "L" else colors.forward
            self.boxes[name] = self._box(title, values[name], width, NODE_HEIGHT, center, stroke, value_color)
            left += width + gap
        input_y = area.top - INPUT_ROW_DROP
        z_center = self.boxes["z"][0].get_center()
        l_center = self.boxes["L"][0].get_center()
        inputs = {
            "x": (walk.x, z_center[0] - 1.1, colors.forward),
            "b": (walk.b, z_center[0] + 1.1, colors.forward),
            "y": (walk.y, l_center[0], colors.target),
        }
        for name, (value, x_pos, color) in inputs.items():
            self.boxes[name] = self._input_box(name, value, np.array([x_pos, input_y, 0.0]), color)

        self.forward_edges: dict[tuple[str, str], Arrow] = {}
        for (source, _, _), (target, _, _) in zip(MAIN_NODES, MAIN_NODES[1:]):
            start = self.boxes[source][0].get_right()
            end = self.boxes[target][0].get_left()
            self.forward_edges[(source, target)] = self._arrow(start, end, colors.faint)
        # x and b meet z on its top, either side of the middle; y comes down into L.
        for source, target, dx in (("x", "z", -0.45), ("b", "z", 0.45), ("y", "L", 0.0)):
            end = self.boxes[target][0].get_top() + dx * RIGHT
            self.forward_edges[(source, target)] = self._arrow(self.boxes[source][0].get_bottom(), end, colors.faint)

        header, heading = self.make_header()
        self.header, self.heading = header, heading
        main = [self.boxes[name] for name, _, _ in MAIN_NODES]
        side = [self.boxes[name] for name in ("x", "b", "y")]
        # The chain comes in with the header, left to right: the scene opens on the picture.
        self.say(
            data.guide_line,
            FadeIn(header, shift=0.2 * DOWN),
            FadeIn(heading),
            LaggedStart(*(FadeIn(box, shift=0.1 * RIGHT) for box in main), lag_ratio=0.3),
            FadeIn(VGroup(*side)),
            LaggedStart(*(Create(edge) for edge in self.forward_edges.values()), lag_ratio=0.15),
            run_time=pacing.slow,
        )

    def _box(self, title: str, value: float, width: float, height: float, center: np.ndarray,
             stroke: Any, value_color: Any) -> VGroup:
        colors = self.theme.colors
        frame = RoundedRectangle(corner_radius=0.14, width=width, height=height, stroke_color=stroke,
                                 stroke_width=self.theme.strokes.normal if stroke == colors.loss else self.theme.strokes.thin,
                                 fill_color=colors.panel, fill_opacity=1.0).move_to(center)
        name = self.text(title, "caption")
        number = self.number(value, role="label", color=value_color, bold=True)
        fit_width(name, width - 0.25)
        VGroup(name, number).arrange(DOWN, buff=0.14).move_to(frame)
        return VGroup(frame, name, number)

    def _input_box(self, name: str, value: float, center: np.ndarray, color: Any) -> VGroup:
        colors = self.theme.colors
        label = self.text(f"{name} =", "caption", color=colors.muted)
        number = self.number(value, role="label", color=color, bold=True)
        row = VGroup(label, number).arrange(RIGHT, buff=0.15)
        frame = RoundedRectangle(corner_radius=0.12, width=row.width + 0.4, height=INPUT_HEIGHT,
                                 stroke_color=colors.faint, stroke_width=self.theme.strokes.thin,
                                 fill_color=colors.panel, fill_opacity=1.0).move_to(center)
        row.move_to(frame)
        return VGroup(frame, label, number)

    def _arrow(self, start: np.ndarray, end: np.ndarray, color: Any, width: float | None = None) -> Arrow:
        return Arrow(start, end, buff=0.06, color=color, stroke_width=width or self.theme.strokes.normal,
                     tip_length=0.2, max_tip_length_to_length_ratio=0.3, max_stroke_width_to_length_ratio=10)

    # -- the backward pass -------------------------------------------------------------

    def _gradient_label(self, node: str, value: float) -> VGroup:
        """"∂L/∂z" over its value, in the gradient colour, under its node (right of an input)."""
        colors = self.theme.colors
        color = colors.gradient if value != 0.0 else colors.muted
        name = self.text(f"\u2202L/\u2202{node}", "caption", color=color)
        number = self.number(value, role="label", color=color, bold=True)
        label = VGroup(name, number).arrange(DOWN, buff=0.08)
        frame = self.boxes[node][0]
        if node == "b":
            label.next_to(frame, RIGHT, buff=0.25)
        else:
            label.next_to(frame, DOWN, buff=0.25)
        return label

    def seed_the_loss(self) -> None:
        """∂L/∂L = 1 under L; the local derivatives appear under their links, bracketed."""
        self.step("start at the loss")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        by_name = factor_colors(self.theme)
        self.gradient_labels: dict[str, VGroup] = {"L": self._gradient_label("L", data.seed)}
        self.braces: dict[str, VGroup] = {}
        for hop in data.hops[:3]:
            source, target = self.boxes[hop.source][0], self.boxes[hop.target][0]
            color = by_name[hop.factor]
            span = Line(source.get_right() + 0.1 * RIGHT, target.get_left() + 0.1 * LEFT)
            span.shift((source.get_center()[1] - LANE_OFFSET - 0.12 - span.get_center()[1]) * UP)
            brace = Brace(span, DOWN, buff=0.05, color=color, sharpness=1.2)
            name = self.text(hop.factor, "caption", color=color)
            value = self.text(self.fmt(hop.local), "label", bold=True, color=color)
            label = VGroup(name, value).arrange(DOWN, buff=0.08).next_to(brace, DOWN, buff=0.08)
            self.braces[hop.factor] = VGroup(brace, label)
        claim = self.text("\u2190 " + data.flow_claim, "subheading", bold=True, color=colors.gradient)
        claim.move_to([self.area.center[0], self.area.bottom + 0.85, 0])
        self.flow_claim = claim
        seed = self.gradient_labels["L"]
        reading = pacing.reading_time(data.seed_sentence)
        self.caption(data.seed_sentence, duration=reading)
        start = self.time
        self.play(FadeIn(seed, shift=0.15 * DOWN), Circumscribe(self.boxes["L"][0], color=colors.gradient),
                  run_time=pacing.normal)
        self.play(FadeIn(claim, shift=0.2 * LEFT), run_time=pacing.normal)
        self.play(LaggedStart(*(FadeIn(group, shift=0.1 * DOWN) for group in reversed(list(self.braces.values()))),
                              lag_ratio=0.5), run_time=pacing.slow)
        self._linger(reading - (self.time - start))

    def flow_back(self) -> None:
        """Each hop: an orange arrow runs backward, the multiplication shows, the product lands."""
        self.step("flow back")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        by_name = factor_colors(self.theme)
        self.backward_arrows: dict[str, Arrow] = {}
        self.products: dict[str, VGroup] = {}
        for hop in data.hops:
            self.step(f"into {hop.source}")
            alive = hop.upstream != 0.0 and hop.local != 0.0
            arrow = self._backward_arrow(hop.source, hop.target, colors.gradient if alive else colors.muted)
            self.backward_arrows[hop.source] = arrow
            flash = arrow.copy().set_stroke(width=10).set_color(colors.gradient)
            product = self._product(hop.upstream, hop.local, hop.result, by_name[hop.factor], hop.source)
            self.products[hop.source] = product
            label = self._gradient_label(hop.source, hop.result)
            self.gradient_labels[hop.source] = label
            upstream = self.gradient_labels[hop.target][1]
            local = self.braces[hop.factor][1][1] if hop.factor in self.braces else None
            carried = [TransformFromCopy(upstream, product[0])]
            if local is not None:
                carried.append(TransformFromCopy(local, product[2]))
            else:
                carried.append(FadeIn(product[2]))
            self.caption(hop.sentence, duration=max(pacing.reading_time(hop.sentence), 3 * pacing.normal))
            start = self.time
            self.play(GrowArrow(arrow), ShowPassingFlash(flash, time_width=0.5), run_time=pacing.normal)
            self.play(*carried, FadeIn(product[1]), run_time=pacing.normal)
            self.play(FadeIn(product[3:]), TransformFromCopy(product[4], label[1]), FadeIn(label[0]),
                      run_time=pacing.normal)
            self._linger(max(pacing.reading_time(hop.sentence), 3 * pacing.normal) - (self.time - start))
            if hop.source == "z" and not data.relu_active:
                self.explain_dead_relu()

    def _backward_arrow(self, source: str, target: str, color: Any) -> Arrow:
        """The gradient's arrow from ``target`` back to ``source``, its head at the source."""
        src, dst = self.boxes[source][0], self.boxes[target][0]
        if source == "b":
            start = dst.get_top() + 0.75 * RIGHT
            end = src.get_bottom() + 0.3 * RIGHT
        else:
            start = dst.get_left() + LANE_OFFSET * DOWN
            end = src.get_right() + LANE_OFFSET * DOWN
        return self._arrow(start, end, color, width=self.theme.strokes.thick)

    def _product(self, upstream: float, local: float, result: float, local_color: Any, source: str) -> VGroup:
        """"−1.8 × 2.0 = −3.6" under the link (right of b's gradient for b)."""
        colors = self.theme.colors
        parts = VGroup(
            self.text(self.fmt(upstream), "caption", color=colors.gradient),
            self.text("\u00d7", "caption"),
            self.text(self.fmt(local), "caption", color=local_color),
            self.text("\u2192", "caption", color=colors.muted),
            self.text(self.fmt(result), "caption", bold=True, color=colors.gradient),
        ).arrange(RIGHT, buff=0.12)
        if source == "b":
            anchor = self._gradient_label("b", result)
            parts.next_to(anchor, RIGHT, buff=0.35)
        else:
            link = self.forward_edges[(source, self._next(source))]
            parts.move_to([link.get_center()[0], self.boxes[source][0].get_bottom()[1] - 1.3, 0])
        return parts

    @staticmethod
    def _next(node: str) -> str:
        order = [name for name, _, _ in MAIN_NODES]
        return order[order.index(node) + 1]

    def explain_dead_relu(self) -> None:
        """z ≤ 0: the ReLU's local derivative is 0, so the gradient stops here; say why."""
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        label = self.text(data.dead_relu_label, "subheading", bold=True, color=colors.accent)
        fit_width(label, self.area.width)
        label.move_to(self.flow_claim)
        reading = pacing.reading_time(data.dead_relu_sentence)
        self.caption(data.dead_relu_sentence, duration=reading)
        self.play(FadeOut(self.flow_claim), FadeIn(label, shift=0.2 * UP),
                  Indicate(self.braces["\u2202\u0177/\u2202z"], color=colors.accent), run_time=pacing.slow)
        self.flow_claim = label
        rest = reading - pacing.slow
        while rest > 0.05:
            beat = min(2.5, rest)
            self.play(Circumscribe(self.boxes["\u0177"][0], color=colors.accent), run_time=beat)
            rest -= beat

    # -- the chain rule ----------------------------------------------------------------

    def assemble_chain(self) -> None:
        """∂L/∂w = ∂L/∂ŷ × ∂ŷ/∂z × ∂z/∂w, the factors lifted from their brackets, then the numbers."""
        self.step("the chain rule")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        by_name = factor_colors(self.theme)
        factors = [hop.factor for hop in data.hops[:3]]
        values = [hop.local for hop in data.hops[:3]]
        parts = [self.text("\u2202L/\u2202w", "label", bold=True, color=colors.gradient), self.text("=", "label")]
        for index, name in enumerate(factors):
            parts.append(self.text(name, "caption", color=by_name[name]))
            if index < 2:
                parts.append(self.text("\u00d7", "label"))
        parts.append(self.text("=", "label"))
        for index, (name, value) in enumerate(zip(factors, values)):
            parts.append(self.text(self.fmt(value), "label", bold=True, color=by_name[name]))
            if index < 2:
                parts.append(self.text("\u00d7", "label"))
        parts += [self.text("=", "label"), self.text(self.fmt(data.dL_dw), "label", bold=True, color=colors.gradient)]
        formula = VGroup(*parts).arrange(RIGHT, buff=0.16)
        fit_width(formula, self.area.width)
        formula.move_to(self.flow_claim).set_x(self.area.center[0])
        names = [formula[2], formula[4], formula[6]]
        numbers = [formula[8], formula[10], formula[12]]
        result = formula[-1]
        box = SurroundingRectangle(result, color=colors.gradient, buff=0.1)
        moves = []
        for name_part, number_part, factor in zip(names, numbers, factors):
            label = self.braces[factor][1]
            moves += [TransformFromCopy(label[0], name_part), TransformFromCopy(label[1], number_part)]
        others = [part for part in formula if all(part is not m for m in (*names, *numbers, result))]
        reading = pacing.reading_time(data.chain_sentence)
        self.caption(data.chain_sentence, duration=reading + pacing.normal)
        self.play(FadeOut(self.flow_claim), *moves, *(FadeIn(part) for part in others), run_time=pacing.slow)
        self.play(FadeIn(result, shift=0.2 * LEFT), Create(box), Indicate(self.gradient_labels["w"], color=colors.gradient),
                  run_time=pacing.normal)
        self._linger(reading + pacing.normal - pacing.slow - pacing.normal)
        self.formula = VGroup(formula, box)

    # -- which way to move -------------------------------------------------------------

    def nudge_parameters(self) -> None:
        """Move w, then b, the way their gradients say; run forward again and watch L."""
        self.step("nudge w and b")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        backward = VGroup(*self.backward_arrows.values(), *self.braces.values(), *self.products.values(),
                          *self.gradient_labels.values())
        self.play(backward.animate.set_opacity(0.25), run_time=pacing.quick)
        label_row = None
        for nudge in data.nudges:
            self.step(f"nudge {nudge.parameter}")
            words = self.text(nudge.label, "label", bold=True, color=colors.accent)
            outcome = self.text(nudge.result_label, "label", bold=True, color=colors.loss)
            row = VGroup(words, outcome).arrange(RIGHT, buff=0.6)
            fit_width(row, self.area.width)
            row.move_to([self.area.center[0], self.area.bottom + 0.22, 0])
            reading = pacing.reading_time(nudge.sentence)
            self.caption(nudge.sentence, duration=reading)
            start = self.time
            fades = [FadeOut(label_row)] if label_row is not None else []
            parameter = nudge.parameter
            self.play(*fades, FadeIn(words, shift=0.2 * UP), run_time=pacing.quick)
            self.play(*self._swap_value(parameter, getattr(nudge.after, parameter), colors.forward),
                      Circumscribe(self.boxes[parameter][0], color=colors.accent), run_time=pacing.normal)
            self.play(*self._forward_again(nudge), run_time=pacing.slow)
            self.play(FadeIn(outcome, shift=0.2 * LEFT), Circumscribe(self.boxes["L"][0], color=colors.loss),
                      run_time=pacing.normal)
            label_row = row
            self._linger(reading - (self.time - start))

    def _swap_value(self, node: str, value: float, color: Any) -> list[Any]:
        """Cross-fade a box's number to ``value`` (a different string: never morph it)."""
        box = self.boxes[node]
        old = box[2]
        new = self.number(value, role="label", color=color, bold=True).move_to(old)
        box.remove(old)
        box.add(new)
        return [FadeOut(old, shift=0.15 * UP), FadeIn(new, shift=0.15 * UP)]

    def _forward_again(self, nudge: Any) -> list[Any]:
        """A blue pulse left to right; z, ŷ and L take their new values as it passes."""
        colors = self.theme.colors
        pulses = []
        for key in (("x", "z"), ("b", "z"), ("w", "z"), ("z", "\u0177"), ("\u0177", "L"), ("y", "L")):
            edge = self.forward_edges[key]
            pulses.append(ShowPassingFlash(edge.copy().set_stroke(width=9).set_color(colors.forward), time_width=0.6))
        swaps = []
        for node, value, color in (("z", nudge.after.z, colors.forward), ("\u0177", nudge.after.y_hat, colors.forward),
                                   ("L", nudge.after.loss, colors.loss)):
            swaps.append(AnimationGroup(*self._swap_value(node, value, color)))
        return [LaggedStart(*pulses, lag_ratio=0.15), LaggedStart(*swaps, lag_ratio=0.45)]

    def _linger(self, seconds: float) -> None:
        """Wait out what is left of a caption (nothing when the animations filled it)."""
        if seconds > 0.05:
            self.wait(seconds)
