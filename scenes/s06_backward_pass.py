"""06 Backward Pass: the gradient flows back along the neuron's chain, hop by hop.

The running example of 03–05 (x, w, b → z → ŷ → L with the target y) is drawn
as a chain of boxes holding the forward values in blue (05 draws the same
chain). The gradient then travels from L back to w and b as an orange arrow
whose head points backward. Two rows under the chain keep the two kinds of
number apart: the upper row holds each link's local derivative with its rule
("local: x = 2.0"), the lower row the accumulated gradient at each node
("∂L/∂z = −1.8"); at each hop the arriving gradient times the local derivative
is shown where the product lands. The three factors then form ∂L/∂w, and w and b
are given test nudges (each from the example as it is): the forward pass runs
again and the loss falls (or, with a dead ReLU, stays put).
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
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LaggedStart,
    Rectangle,
    RoundedRectangle,
    Line,
    ShowPassingFlash,
    SurroundingRectangle,
    Triangle,
    UpdateFromAlphaFunc,
    VGroup,
    smooth,
    there_and_back,
    squish_rate_func,
)

from scenes.kit.base import SectionScene
from scenes.kit.layout import Region, content_area, fit_width, keep_inside

#: Main row boxes: (node, title, width). Titles say what each node computes.
MAIN_NODES: tuple[tuple[str, str, float], ...] = (
    ("w", "w", 1.3),
    ("z", "z = w\u00b7x + b", 2.1),
    ("\u0177", "\u0177 = ReLU(z)", 2.1),
    ("L", "L = (y \u2212 \u0177)\u00b2", 2.45),
)
#: Tall enough that a title with a hat or a square keeps its number clear of the frame.
NODE_HEIGHT = 1.08
INPUT_HEIGHT = 0.6
#: Height of the main row's centre and of the inputs' row, from the content area's top.
MAIN_ROW_DROP = 1.8
INPUT_ROW_DROP = 0.4
#: The backward arrow runs this far below the forward edge, so both heads show.
LANE_OFFSET = 0.15
#: The two rows under the chain, as drops from the main row's bottom: the local
#: derivatives (centred under the links) and the accumulated gradients (under the nodes).
LOCAL_ROW_DROP = 0.45
GRADIENT_ROW_DROP = 1.42
#: The boxes each hop's local rule reads its numbers from.
RULE_INPUTS: dict[str, tuple[str, ...]] = {"\u0177": ("y", "\u0177"), "z": ("z",), "w": ("x",), "b": ()}


class ChainGraph:
    """The running example's chain as boxes (w → z → ŷ → L, with x, b and y above): 05 and 06 draw it alike.

    ``boxes[name]`` is ``VGroup(frame, title, number)``; ``edges[(source, target)]`` the
    forward arrows (grey: the picture is a graph, the blue values are the forward pass).
    """

    def __init__(self, scene: SectionScene, walk: Any, area: Region, main_drop: float = MAIN_ROW_DROP,
                 input_drop: float = INPUT_ROW_DROP) -> None:
        self.scene = scene
        colors = scene.theme.colors
        values = {"w": walk.w, "z": walk.z, "\u0177": walk.y_hat, "L": walk.loss}
        gap = (area.width - sum(width for _, _, width in MAIN_NODES)) / (len(MAIN_NODES) - 1)
        main_y = area.top - main_drop
        self.boxes: dict[str, VGroup] = {}
        left = area.left
        for name, title, width in MAIN_NODES:
            center = np.array([left + width / 2, main_y, 0.0])
            stroke = colors.loss if name == "L" else colors.panel_edge
            value_color = colors.loss if name == "L" else colors.forward
            self.boxes[name] = self._box(title, values[name], width, center, stroke, value_color)
            left += width + gap
        input_y = area.top - input_drop
        z_center = self.boxes["z"][0].get_center()
        l_center = self.boxes["L"][0].get_center()
        inputs = {
            "x": (walk.x, z_center[0] - 1.1, colors.forward),
            "b": (walk.b, z_center[0] + 1.1, colors.forward),
            "y": (walk.y, l_center[0], colors.target),
        }
        for name, (value, x_pos, color) in inputs.items():
            self.boxes[name] = self._input_box(name, value, np.array([x_pos, input_y, 0.0]), color)
        self.edges: dict[tuple[str, str], Arrow] = {}
        for (source, _, _), (target, _, _) in zip(MAIN_NODES, MAIN_NODES[1:]):
            self.edges[(source, target)] = self.arrow(self.boxes[source][0].get_right(),
                                                      self.boxes[target][0].get_left(), colors.faint)
        # x and b meet z on its top, either side of the middle; y comes down into L.
        for source, target, dx in (("x", "z", -0.45), ("b", "z", 0.45), ("y", "L", 0.0)):
            end = self.boxes[target][0].get_top() + dx * RIGHT
            self.edges[(source, target)] = self.arrow(self.boxes[source][0].get_bottom(), end, colors.faint)

    @property
    def main(self) -> list[VGroup]:
        return [self.boxes[name] for name, _, _ in MAIN_NODES]

    @property
    def inputs(self) -> list[VGroup]:
        return [self.boxes[name] for name in ("x", "b", "y")]

    def link_center(self, source: str, target: str) -> np.ndarray:
        return (self.boxes[source][0].get_right() + self.boxes[target][0].get_left()) / 2

    def _box(self, title: str, value: float, width: float, center: np.ndarray, stroke: Any, value_color: Any) -> VGroup:
        scene, colors = self.scene, self.scene.theme.colors
        strokes = scene.theme.strokes
        frame = RoundedRectangle(corner_radius=0.14, width=width, height=NODE_HEIGHT, stroke_color=stroke,
                                 stroke_width=strokes.normal if stroke == colors.loss else strokes.thin,
                                 fill_color=colors.panel, fill_opacity=1.0).move_to(center)
        name = scene.text(title, "caption")
        number = scene.number(value, role="label", color=value_color, bold=True)
        fit_width(name, width - 0.25)
        VGroup(name, number).arrange(DOWN, buff=0.14).move_to(frame)
        return VGroup(frame, name, number)

    def _input_box(self, name: str, value: float, center: np.ndarray, color: Any) -> VGroup:
        scene, colors = self.scene, self.scene.theme.colors
        label = scene.text(f"{name} =", "caption", color=colors.muted)
        number = scene.number(value, role="label", color=color, bold=True)
        row = VGroup(label, number).arrange(RIGHT, buff=0.15)
        frame = RoundedRectangle(corner_radius=0.12, width=row.width + 0.4, height=INPUT_HEIGHT,
                                 stroke_color=colors.faint, stroke_width=scene.theme.strokes.thin,
                                 fill_color=colors.panel, fill_opacity=1.0).move_to(center)
        row.move_to(frame)
        return VGroup(frame, label, number)

    def arrow(self, start: np.ndarray, end: np.ndarray, color: Any, width: float | None = None, buff: float = 0.06) -> Arrow:
        return Arrow(start, end, buff=buff, color=color, stroke_width=width or self.scene.theme.strokes.normal,
                     tip_length=0.2, max_tip_length_to_length_ratio=0.3, max_stroke_width_to_length_ratio=10)

    def swap_value(self, node: str, value: float, color: Any) -> list[Any]:
        """Swap a box's number for ``value`` (a different string: never morph it): the old one
        slides up and is gone before the new one rises in, so the two are never both readable."""
        box = self.boxes[node]
        old = box[2]
        new = self.scene.number(value, role="label", color=color, bold=True).move_to(old)
        if node in ("x", "b", "y"):
            # Beside its "b =": keep the gap to the label (glyph boxes differ in width, "1" vs "2").
            new.align_to(old, LEFT)
        box.remove(old)
        box.add(new)
        return [FadeOut(old, shift=0.15 * UP, rate_func=squish_rate_func(smooth, 0.0, 0.45)),
                FadeIn(new, shift=0.15 * UP, rate_func=squish_rate_func(smooth, 0.55, 1.0))]

    def backward_pulse(self, source: str, target: str, width: float = 10, time_width: float = 0.6) -> AnimationGroup:
        """An orange flash running backward along a link, from ``target`` to ``source``, under the
        forward arrow, with a head at its leading end that points the way it runs (no forward heads)."""
        color = self.scene.theme.colors.gradient
        start = self.boxes[target][0].get_left() + LANE_OFFSET * DOWN + 0.06 * LEFT
        end = self.boxes[source][0].get_right() + LANE_OFFSET * DOWN + 0.06 * RIGHT
        line = Line(start, end, color=color, stroke_width=width)
        track = line.copy()  # the flash trims ``line`` as it runs: the head rides an untouched copy
        direction = (end - start) / np.linalg.norm(end - start)
        head = Triangle(color=color, fill_opacity=1.0, stroke_width=0).scale(0.11)
        head.rotate(np.arctan2(direction[1], direction[0]) - np.pi / 2)

        def ride(mobject: Any, alpha: float) -> None:
            # The flash's own bounds (ShowPassingFlash._get_bounds): the head fades as the tail catches up.
            reach = alpha * (1 + time_width)
            upper, lower = min(1.0, reach), max(0.0, reach - time_width)
            mobject.move_to(track.point_from_proportion(upper))
            mobject.set_fill(opacity=min(1.0, (upper - lower) / 0.3))

        return AnimationGroup(ShowPassingFlash(line, time_width=time_width),
                              UpdateFromAlphaFunc(head, ride, introducer=True, remover=True))


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
        """The chain with its forward values; the claim and a first backward pulse at once."""
        self.step("the graph")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        area = content_area()
        self.area = area
        self.graph = ChainGraph(self, data.walk, area)
        self.boxes = self.graph.boxes
        self.forward_edges = self.graph.edges
        main_bottom = self.boxes["w"][0].get_bottom()[1]
        self.local_y = main_bottom - LOCAL_ROW_DROP
        self.gradient_y = main_bottom - GRADIENT_ROW_DROP
        claim = self.text("\u2190 " + data.flow_claim, "subheading", bold=True, color=colors.gradient)
        claim.move_to([area.center[0], area.bottom + 0.45, 0])
        self.flow_claim = claim
        header, heading = self.make_header()
        self.header, self.heading = header, heading
        # One orange pulse from L back to w, right after the picture is in: the headline's picture.
        pulses = [self.graph.backward_pulse(source, target)
                  for source, target in (("\u0177", "L"), ("z", "\u0177"), ("w", "z"))]
        with self.saying(data.guide_line) as sentence:
            self.play(FadeIn(header, shift=0.2 * DOWN), FadeIn(heading),
                      LaggedStart(*(FadeIn(box, shift=0.1 * RIGHT) for box in self.graph.main), lag_ratio=0.2),
                      FadeIn(VGroup(*self.graph.inputs)),
                      LaggedStart(*(Create(edge) for edge in self.forward_edges.values()), lag_ratio=0.1),
                      run_time=1.0)
            self.play(FadeIn(claim, shift=0.3 * LEFT), LaggedStart(*pulses, lag_ratio=0.6),
                      run_time=max(pacing.slow, sentence - 1.05))

    # -- the backward pass -------------------------------------------------------------

    def _gradient_label(self, node: str, value: float) -> VGroup:
        """"∂L/∂z" over "= −1.8" in the gradient colour: under its node (right of the b box for b)."""
        colors = self.theme.colors
        color = colors.gradient if value != 0.0 else colors.muted
        name = self.text(f"\u2202L/\u2202{node}", "caption", color=color)
        value_line = self.text(f"= {self.fmt(value)}", "label", bold=True, color=color)
        frame = self.boxes[node][0]
        if node == "b":
            # b is an input above the chain: its gradient stands on b's row, after the local
            # derivative ∂z/∂b that sits beside the box (both stacked like the labels under the chain).
            label = VGroup(name, value_line).arrange(DOWN, buff=0.08)
            label.next_to(self.local_labels.get("b", frame), RIGHT, buff=0.4)
            label.set_y(frame.get_center()[1])
        else:
            label = VGroup(name, value_line).arrange(DOWN, buff=0.1)
            label.move_to([frame.get_center()[0], self.gradient_y, 0])
            keep_inside(label, self.area)
        return label

    def _product(self, hop: Any, label: VGroup) -> Any:
        """"−1.8 × 2.0" at the hop's link, in the gradients' row (beside b's box for b):
        the gradient that arrived times the link's local derivative, before it lands."""
        colors = self.theme.colors
        color = colors.gradient if hop.result != 0.0 else colors.muted
        text = self.text(f"{self.fmt(hop.upstream)} \u00d7 {self.fmt(hop.local)}", "label", color=color)
        if hop.source == "b":
            text.move_to(label)
        else:
            text.move_to([self.graph.link_center(hop.source, hop.target)[0], self.gradient_y, 0])
        return keep_inside(text, self.area)

    def _local_label(self, hop: Any) -> VGroup:
        """The link's local derivative by the formula's name for it ("∂z/∂w") over its rule and
        value ("x = 2.0"), under its link (05 labels the links alike); beside b's edge for b."""
        colors = self.theme.colors
        color = colors.gradient if hop.local != 0.0 else colors.muted
        word = self.text(hop.factor, "caption", color=color)
        if hop.source == "b":
            rule = self.text(f"= {hop.rule}", "caption", color=color)
            label = VGroup(word, rule).arrange(DOWN, buff=0.08)
            # On b's own row, right beside b's box: it belongs to b's link, not to the links below.
            label.next_to(self.boxes["b"][0], RIGHT, buff=0.2)
            return label
        rule = self.text(hop.rule, "caption", color=color)
        label = VGroup(word, rule).arrange(DOWN, buff=0.1)
        label.move_to([self.graph.link_center(hop.source, hop.target)[0], self.local_y, 0])
        return label

    def seed_the_loss(self) -> None:
        """∂L/∂L = 1 under L; the local derivatives come in under their links."""
        self.step("start at the loss")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        self.gradient_labels: dict[str, Any] = {"L": self._gradient_label("L", data.seed)}
        self.local_labels = {hop.source: self._local_label(hop) for hop in data.hops}
        seed = self.gradient_labels["L"]
        locals_ = [self.local_labels[hop.source] for hop in data.hops]
        with self.saying(data.seed_sentence) as sentence:
            self.play(FadeIn(seed, shift=0.15 * DOWN), Circumscribe(self.boxes["L"][0], color=colors.gradient),
                      run_time=pacing.normal)
            # The local derivatives come in one by one over the rest of the sentence (no still stretch).
            self.play(LaggedStart(*(FadeIn(label, shift=0.1 * DOWN) for label in locals_), lag_ratio=0.6),
                      run_time=max(pacing.slow, sentence - pacing.normal - 0.05))

    def flow_back(self) -> None:
        """Each hop: an orange arrow runs backward, the product shows where it lands, then its name."""
        self.step("flow back")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        self.backward_arrows: dict[str, Arrow] = {}
        for hop in data.hops:
            self.step(f"into {hop.source}")
            alive = hop.upstream != 0.0 and hop.local != 0.0
            arrow = self._backward_arrow(hop.source, hop.target, colors.gradient if alive else colors.muted)
            self.backward_arrows[hop.source] = arrow
            flash = arrow.copy().set_stroke(width=10).set_color(colors.gradient)
            label = self._gradient_label(hop.source, hop.result)
            product = self._product(hop, label)
            self.gradient_labels[hop.source] = label
            upstream = self.gradient_labels[hop.target]
            local = self.local_labels[hop.source]
            with self.saying(hop.sentence) as sentence:
                # Four steps over the sentence: the gradient runs back along the link; the link's
                # local derivative multiplies it there; the product moves on to the node; its name.
                share = max(0.6, (sentence - 0.05) / 4)
                self.play(GrowArrow(arrow), ShowPassingFlash(flash, time_width=0.5),
                          Indicate(upstream, color=colors.accent, scale_factor=1.0), run_time=share)
                # The local rule's inputs light up with it (x for w·x + b, y and ŷ for the loss, z for the ReLU).
                sources = [Circumscribe(self.boxes[name][0], color=colors.accent, buff=0.05)
                           for name in RULE_INPUTS[hop.source]]
                self.play(Indicate(local, color=colors.accent, scale_factor=1.0), *sources,
                          FadeIn(product, shift=0.3 * LEFT), run_time=share)
                # Product out, result in, both moving the way the gradient flows (never overlapping).
                drift = 0.3 * (UP if hop.source == "b" else LEFT)
                self.play(FadeOut(product, shift=drift), run_time=0.45 * share)
                self.play(FadeIn(label[1], shift=drift), run_time=0.55 * share)
                # The local derivative has done its job: it dims (grey), the running gradient stays bright.
                self.play(FadeIn(label[0], shift=0.15 * UP), Indicate(label[1], color=colors.accent, scale_factor=1.0),
                          local.animate.set_color(colors.muted).set_opacity(0.7), run_time=share)
            if hop.source == "z" and not data.relu_active:
                self.explain_dead_relu()

    def _backward_arrow(self, source: str, target: str, color: Any) -> Arrow:
        """The gradient's arrow from ``target`` back to ``source``, its head at the source."""
        src, dst = self.boxes[source][0], self.boxes[target][0]
        if source == "b":
            start = dst.get_top() + 0.75 * RIGHT
            end = src.get_bottom() + 0.3 * RIGHT
            return self.graph.arrow(start, end, color, width=self.theme.strokes.thick, buff=0.12)
        start = dst.get_left() + LANE_OFFSET * DOWN
        end = src.get_right() + LANE_OFFSET * DOWN
        return self.graph.arrow(start, end, color, width=self.theme.strokes.thick)

    def explain_dead_relu(self) -> None:
        """z ≤ 0: the ReLU's local derivative is 0, so the gradient stops here; say why."""
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        label = self.text(data.dead_relu_label, "subheading", bold=True, color=colors.accent)
        fit_width(label, self.area.width)
        label.move_to(self.flow_claim)
        with self.saying(data.dead_relu_sentence) as sentence:
            self.play(FadeOut(self.flow_claim, shift=0.2 * UP), Indicate(self.local_labels["z"], color=colors.accent, scale_factor=1.0),
                      run_time=0.4 * pacing.slow)
            self.play(FadeIn(label, shift=0.2 * UP), run_time=0.6 * pacing.slow)
            self.flow_claim = label
            rest = sentence - pacing.slow - 0.05
            while rest > 0.05:
                beat = min(2.5, rest)
                self.play(Circumscribe(self.boxes["\u0177"][0], color=colors.accent), run_time=beat)
                rest -= beat

    # -- the chain rule ----------------------------------------------------------------

    def assemble_chain(self) -> None:
        """∂L/∂w = ∂L/∂ŷ × ∂ŷ/∂z × ∂z/∂w = the three local values, measured at the example's w."""
        self.step("the chain rule")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        orange = colors.gradient
        factors = [hop.factor for hop in data.hops[:3]]
        values = [hop.local for hop in data.hops[:3]]
        parts = [self.text("\u2202L/\u2202w", "label", bold=True, color=orange), self.text("=", "label")]
        for index, name in enumerate(factors):
            parts.append(self.text(name, "label", color=orange))
            if index < 2:
                parts.append(self.text("\u00d7", "label"))
        parts.append(self.text("=", "label"))
        for index, value in enumerate(values):
            parts.append(self.text(self.fmt(value), "label", bold=True, color=orange))
            if index < 2:
                parts.append(self.text("\u00d7", "label"))
        parts += [self.text("=", "label"), self.text(self.fmt(data.dL_dw), "label", bold=True, color=orange)]
        formula = VGroup(*parts).arrange(RIGHT, buff=0.16)
        # Room for the box around the result, clear of the "=" before it.
        formula[-1].shift(0.14 * RIGHT)
        at_w = self.text(data.at_w_label, "caption", color=colors.muted)
        row = VGroup(formula, at_w).arrange(RIGHT, buff=0.4)
        fit_width(row, self.area.width)
        row.move_to(self.flow_claim).set_x(self.area.center[0])
        result = formula[-1]
        box = SurroundingRectangle(result, color=orange, buff=0.1)
        numbers = [formula[8], formula[10], formula[12]]
        names = [formula[2], formula[4], formula[6]]
        accent = colors.accent
        with self.saying(data.chain_sentence) as sentence:
            # The claim leaves its row before the formula takes it: never one over the other.
            lead = max(pacing.normal, 0.2 * sentence)
            self.play(FadeOut(self.flow_claim, shift=0.2 * UP), run_time=0.4 * lead)
            self.play(FadeIn(VGroup(*formula[:8]), shift=0.15 * UP), run_time=0.6 * lead)
            # The three factors are the three links of the chain: each link flashes with its local
            # derivative and its factor, and the number arrives where it belongs (nothing crosses the frame).
            for k, hop in enumerate(data.hops[:3]):
                # The gradient's own colour and direction: orange, running backward along the link.
                self.play(self.graph.backward_pulse(hop.source, hop.target),
                          Indicate(self.local_labels[hop.source], color=accent, scale_factor=1.0),
                          Indicate(names[k], color=accent, scale_factor=1.0),
                          FadeIn(VGroup(numbers[k], *([formula[9 + 2 * k]] if k < 2 else [])), shift=0.1 * UP),
                          run_time=max(pacing.quick, 0.17 * sentence))
            self.play(FadeIn(VGroup(formula[13], result, at_w), shift=0.2 * LEFT), Create(box),
                      Indicate(self.gradient_labels["w"], color=accent, scale_factor=1.0),
                      run_time=max(pacing.normal, (1 - 0.2 - 3 * 0.17) * sentence - 0.05))
        self.formula = VGroup(row, box)

    # -- which way to move -------------------------------------------------------------

    def nudge_parameters(self) -> None:
        """Test nudges: w, then (with w back) b, the way their gradients say; run forward and watch L."""
        self.step("nudge w and b")
        data, colors, pacing = self.data, self.theme.colors, self.theme.pacing
        kept = {"b"}
        # The backward pass collapses into the formula (∂L/∂w lives on there); b keeps its gradient.
        gone = VGroup(*self.backward_arrows.values(), *self.local_labels.values(),
                      *(label for node, label in self.gradient_labels.items() if node not in kept))
        tag = self.text(data.test_nudge_label, "caption", color=colors.muted)
        tag.move_to([self.area.center[0], self.local_y + 0.1, 0])
        # Out first, then the tag in the row they leave: no two strings share a place mid-fade.
        # b's gradient closes up to its box, into the place ∂z/∂b leaves (same string: it only moves).
        b_label = self.gradient_labels["b"]
        b_target = b_label.copy().next_to(self.boxes["b"][0], RIGHT, buff=0.3)
        self.play(FadeOut(gone), run_time=pacing.quick)
        label_row = None
        start_state = data.nudges[0].before
        # L as a bar under its box, so the fall is a picture: the faint outline keeps the loss before.
        l_frame = self.boxes["L"][0]
        full = l_frame.width - 0.5
        biggest = max([start_state.loss, *(n.after.loss for n in data.nudges)]) or 1.0
        left_x = l_frame.get_left()[0] + 0.35

        def bar_width(loss: float) -> float:
            return max(0.02, full * loss / biggest)

        bar_y = self.local_y
        was = Rectangle(width=bar_width(start_state.loss), height=0.22, stroke_color=colors.loss,
                        stroke_width=self.theme.strokes.thin, stroke_opacity=0.6, fill_opacity=0)
        bar = Rectangle(width=bar_width(start_state.loss), height=0.22, stroke_width=0,
                        fill_color=colors.loss, fill_opacity=0.85)
        for shape in (was, bar):
            shape.move_to([left_x + shape.width / 2, bar_y, 0])
        bar_name = self.text("L", "caption", bold=True, color=colors.loss).next_to(was, LEFT, buff=0.15)

        def bar_to(loss: float, rate_func: Any = smooth) -> Any:
            return bar.animate(rate_func=rate_func).stretch_to_fit_width(bar_width(loss)).move_to(
                [left_x + bar_width(loss) / 2, bar_y, 0])

        for nudge in data.nudges:
            self.step(f"nudge {nudge.parameter}")
            words = self.text(nudge.label, "label", bold=True)
            outcome = self.text(nudge.result_label, "label", bold=True, color=colors.loss)
            row = VGroup(words, outcome).arrange(RIGHT, buff=0.6)
            fit_width(row, self.area.width)
            row.move_to([self.area.center[0], self.gradient_y, 0])
            fades = [FadeOut(label_row)] if label_row is not None else [FadeIn(tag), FadeIn(was), FadeIn(bar),
                                                                          FadeIn(bar_name),
                                                                          b_label.animate.move_to(b_target)]
            resets = []
            if nudge.parameter == "b":
                # A test nudge starts from the example: w goes back first (and L with it).
                resets = self.graph.swap_value("w", start_state.w, colors.forward)
                for node, value, color in (("z", start_state.z, colors.forward),
                                           ("\u0177", start_state.y_hat, colors.forward),
                                           ("L", start_state.loss, colors.loss)):
                    resets += self.graph.swap_value(node, value, color)
                # The bar moves with the L box's number: both in the back half of the swap.
                resets.append(bar_to(start_state.loss, rate_func=squish_rate_func(smooth, 0.5, 1.0)))
            parameter = nudge.parameter
            with self.saying(nudge.sentence) as sentence:
                # The nudge, the forward pass again (the bar follows L), the verdict: over the sentence.
                self.play(*fades, *resets, FadeIn(words, shift=0.2 * UP), run_time=max(pacing.normal, 0.2 * sentence))
                self.play(*self.graph.swap_value(parameter, getattr(nudge.after, parameter), colors.forward),
                          Circumscribe(self.boxes[parameter][0], color=colors.accent),
                          run_time=max(pacing.normal, 0.2 * sentence))
                self.play(*self._forward_again(nudge, bar_to(nudge.after.loss)),
                          run_time=max(pacing.slow, 0.35 * sentence))
                # The L box's outline pulses (a flash around it would leave strokes beside the box).
                l_frame = self.boxes["L"][0]
                self.play(FadeIn(outcome, shift=0.2 * LEFT),
                          l_frame.animate(rate_func=there_and_back).set_stroke(width=3 * l_frame.get_stroke_width()),
                          run_time=max(pacing.normal, 0.25 * sentence - 0.05))
            label_row = row

    def _forward_again(self, nudge: Any, bar_move: Any) -> list[Any]:
        """A blue pulse left to right; z, ŷ and L take their new values as it passes (the L bar
        moves with L's number: ``bar_move`` runs in the same slot as L's swap)."""
        colors = self.theme.colors
        pulses = []
        for key in (("x", "z"), ("b", "z"), ("w", "z"), ("z", "\u0177"), ("\u0177", "L"), ("y", "L")):
            edge = self.forward_edges[key]
            pulses.append(ShowPassingFlash(edge.copy().set_stroke(width=9).set_color(colors.forward), time_width=0.6))
        swaps = []
        for node, value, color in (("z", nudge.after.z, colors.forward), ("\u0177", nudge.after.y_hat, colors.forward),
                                   ("L", nudge.after.loss, colors.loss)):
            extra = [bar_move] if node == "L" else []
            swaps.append(AnimationGroup(*self.graph.swap_value(node, value, color), *extra))
        return [LaggedStart(*pulses, lag_ratio=0.15), LaggedStart(*swaps, lag_ratio=0.45)]

