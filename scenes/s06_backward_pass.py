"""06 Backward Pass: the gradient flows back through the autograd engine's own graph.

The graph (x, w, b, y → w·x → z → ŷ → y − ŷ → L) is drawn from
``walkthrough(preset).graph`` in the columns of ``Graph.depth()``. The gradient
then crosses it edge by edge from L, each edge showing its local derivative and
each node the gradient that arrives; the guide's three factors are read off the
graph and multiplied into ∂L/∂w (and ∂L/∂b). The sentence about which way to move
w comes from the sign in the data; a dead ReLU is explained, not skipped.
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
    Circumscribe,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    ReplacementTransform,
    RoundedRectangle,
    ShowPassingFlash,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
)

from backprop_core.formatting import fmt
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width, safe_area

NODE_WIDTH = 1.2
NODE_HEIGHT = 0.9
#: Rows far enough apart that the short b → z edge carries its label clear of both boxes.
ROW_UNIT = 1.45
EQUATION_TOP = -1.2
#: Local-derivative labels are a little smaller than captions so they fit between the boxes.
LOCAL_LABEL_SCALE = 0.85
#: Space kept between an edge label and the line or boxes around it.
LABEL_GAP = 0.1
#: How the engine's op names read on screen.
OP_NAMES = {"^2": "square"}


class BackwardPass(SectionScene):
    section_number = 6

    def construct(self) -> None:
        self.show_header()
        self.draw_graph()
        self.flow_gradients()
        self.multiply_chain()
        self.read_the_sign()
        self.end_section()

    def draw_graph(self) -> None:
        """The engine's graph, built left to right with its forward values in blue."""
        data, colors = self.data, self.theme.colors
        area = content_area()
        spacing = (area.width - NODE_WIDTH) / max(1, data.columns - 1)
        self.boxes: dict[int, VGroup] = {}
        for placed in data.nodes:
            top = area.top - NODE_HEIGHT / 2
            center = np.array([area.left + NODE_WIDTH / 2 + placed.column * spacing, top - placed.row * ROW_UNIT, 0.0])
            self.boxes[placed.index] = self._node_box(placed, center)
        self.column_gap = spacing - NODE_WIDTH
        self.edges: dict[tuple[int, int], Line] = {}
        for edge in data.graph.edges:
            start = self.boxes[edge.source][0]
            end = self.boxes[edge.target][0]
            line = Arrow(
                start.get_center(),
                end.get_center(),
                buff=0,
                stroke_width=self.theme.strokes.thin,
                color=colors.faint,
                tip_length=0.16,
                max_tip_length_to_length_ratio=0.25,
            )
            line.put_start_and_end_on(*self._clip_between(start, end))
            self.edges[(edge.source, edge.target)] = line
        by_column: dict[int, list[Any]] = {}
        for placed in data.nodes:
            by_column.setdefault(placed.column, []).append(placed)
        waves = []
        for column in sorted(by_column):
            members = by_column[column]
            incoming = [self.edges[(e.source, e.target)] for p in members for e in data.graph.edges_into(p.index)]
            waves.append(AnimationGroup(*(Create(line) for line in incoming), *(FadeIn(self.boxes[p.index], shift=0.1 * UP) for p in members)))
        self.say(self.guide_line(), LaggedStart(*waves, lag_ratio=0.55), run_time=3.0)

    def guide_line(self) -> str:
        return "Gradients flow backward \u2014 from the loss to every weight."

    def flow_gradients(self) -> None:
        """Edge by edge from L: flash backwards, show the local derivative, then the arriving gradient."""
        data, colors = self.data, self.theme.colors
        loss_index = data.node("L").index
        seed = self._grad_label(loss_index, 1.0)
        self.grad_labels: dict[int, VGroup] = {loss_index: seed}
        self.local_labels: dict[tuple[int, int], VGroup] = {}
        self.say(
            "Start at the loss: \u2202L/\u2202L = " + self.fmt(1.0) + ". Each edge multiplies the gradient by its local derivative.",
            FadeIn(seed, shift=0.15 * DOWN),
            run_time=0.8,
        )
        dead_step_done = False
        for step in data.steps:
            key = (step.edge.source, step.edge.target)
            edge = self.edges[key]
            alive = step.upstream != 0.0
            color = colors.gradient if alive else colors.faint
            local = self._local_label(key, step.local, alive)
            self.local_labels[key] = local
            backwards = Line(edge.get_end(), edge.get_start(), stroke_width=self.theme.strokes.thick, color=colors.gradient)
            self.play(
                ShowPassingFlash(backwards, time_width=0.6),
                edge.animate.set_color(color),
                FadeIn(local, scale=0.8),
                run_time=0.7,
            )
            node = data.placed(step.edge.source)
            if step.edge.source not in self.grad_labels:
                label = self._grad_label(step.edge.source, node.node.grad)
                self.grad_labels[step.edge.source] = label
                self.play(TransformFromCopy(local, label), run_time=0.6)
            if node.label == "z" and not data.relu_active and not dead_step_done:
                dead_step_done = True
                self.explain_dead_relu(local)
        self.pause()

    def explain_dead_relu(self, relu_edge_label: VGroup) -> None:
        """z ≤ 0: the ReLU's local derivative is 0, so the gradient stops here; say why on screen."""
        data, colors = self.data, self.theme.colors
        note = self.paragraph(data.dead_relu_sentence, max_width=safe_area().width - 0.6, role="label", color=colors.text)
        note.move_to(np.array([0.0, EQUATION_TOP, 0.0]), aligned_edge=UP)
        box = self.boxes[data.node("\u0177").index][0]
        self.say(
            data.dead_relu_sentence,
            FadeIn(note, shift=0.2 * UP),
            Circumscribe(box, color=colors.muted),
            Indicate(relu_edge_label, color=colors.muted),
            run_time=1.2,
        )
        self.play(FadeOut(note), run_time=self.theme.pacing.quick)

    def multiply_chain(self) -> None:
        """∂L/∂w = ∂L/∂ŷ × ∂ŷ/∂z × ∂z/∂w, each factor lifted off the graph."""
        data, colors = self.data, self.theme.colors
        symbols = [r"\partial L/\partial w", "=", r"\partial L/\partial \hat y", r"\times",
                   r"\partial \hat y/\partial z", r"\times", r"\partial z/\partial w"]
        symbolic = MathTex(*symbols, font_size=44, color=colors.text)
        factor_colors = (colors.loss, colors.accent, colors.forward)
        for part, color in zip((2, 4, 6), factor_colors):
            symbolic[part].set_color(color)
        symbolic.move_to(np.array([0.0, EQUATION_TOP, 0.0]), aligned_edge=UP)
        self.say("The chain rule: multiply the local derivatives along the path from L back to w.", Write(symbolic), run_time=1.2)
        w_numbers = self._numeric_line("w", data.w_factors, data.dL_dw, factor_colors)
        w_numbers.move_to(symbolic)
        sources = self._factor_sources()
        self.play(
            LaggedStart(*(Indicate(source, color=color) for source, color in zip(sources, factor_colors)), lag_ratio=0.3),
            run_time=1.5,
        )
        self.play(
            ReplacementTransform(symbolic[0:2], w_numbers[0:2]),
            *(ReplacementTransform(symbolic[i], w_numbers[i]) for i in range(2, 7)),
            run_time=1.2,
        )
        self.play(Write(w_numbers[7:]), run_time=0.8)
        self.w_equation = w_numbers
        self.w_box = SurroundingRectangle(w_numbers[8], color=colors.gradient, buff=0.1)
        self.play(Create(self.w_box), run_time=0.5)
        b_numbers = self._numeric_line("b", data.b_factors, data.dL_db, factor_colors)
        b_numbers.next_to(w_numbers, DOWN, buff=0.25)
        self.b_equation = b_numbers
        self.say(
            f"The same chain ends at b, whose local derivative \u2202z/\u2202b is {self.fmt(data.b_factors[2])}: \u2202L/\u2202b = {self.fmt(data.dL_db)}.",
            FadeIn(b_numbers, shift=0.2 * UP),
            run_time=1.0,
        )

    def read_the_sign(self) -> None:
        """The guide's verdict sentence, built from the sign of ∂L/∂w."""
        data, colors = self.data, self.theme.colors
        area = safe_area()
        verdict = self.paragraph(data.w_verdict.sentence, max_width=area.width - 0.4, role="label", color=colors.text)
        verdict.next_to(self.b_equation, DOWN, buff=0.35)
        if verdict.get_bottom()[1] < area.bottom:
            verdict.shift((area.bottom - verdict.get_bottom()[1]) * UP)
        self.record_number(fmt(data.dL_dw), data.dL_dw)
        w_box = self.boxes[data.node("w").index][0]
        cues = [Indicate(w_box, color=colors.gradient)] if data.w_verdict.direction != "hold" else []
        self.say(data.w_verdict.sentence, FadeIn(verdict, shift=0.2 * UP), *cues, run_time=1.2)
        self.caption(data.b_verdict.sentence)
        self.wait(self.theme.pacing.reading_time(data.b_verdict.sentence))

    def _node_box(self, placed: Any, center: np.ndarray) -> VGroup:
        colors = self.theme.colors
        is_data = placed.is_data
        frame = RoundedRectangle(
            corner_radius=0.14,
            width=NODE_WIDTH,
            height=NODE_HEIGHT,
            stroke_color=colors.loss if placed.label == "L" else (colors.faint if is_data else colors.panel_edge),
            stroke_width=self.theme.strokes.normal if placed.label == "L" else self.theme.strokes.thin,
            fill_color=colors.panel,
            fill_opacity=1.0,
        ).move_to(center)
        name = self.text(placed.label, "label", color=colors.muted if is_data else colors.text)
        value = self.number(placed.node.data, role="label", color=colors.loss if placed.label == "L" else colors.forward)
        fit_width(name, NODE_WIDTH - 0.2)
        fit_width(value, NODE_WIDTH - 0.2)
        VGroup(name, value).arrange(DOWN, buff=0.1).move_to(frame)
        parts = VGroup(frame, name, value)
        if placed.node.op:
            op = self.text(OP_NAMES.get(placed.node.op, placed.node.op), "caption", color=colors.muted)
            # Top-right corner: edges from the row above arrive at a box's top-left.
            op.scale(0.8).next_to(frame, UP, buff=0.06).align_to(frame, RIGHT).shift(0.08 * LEFT)
            parts.add(op)
        return parts

    @staticmethod
    def _clip_between(start_box: Any, end_box: Any) -> tuple[np.ndarray, np.ndarray]:
        """Endpoints on the two boxes' borders along the line between their centres."""
        a, b = start_box.get_center(), end_box.get_center()
        direction = b - a

        def exit_distance(box: Any, d: np.ndarray) -> float:
            half_w, half_h = box.width / 2, box.height / 2
            scale_x = half_w / abs(d[0]) if abs(d[0]) > 1e-9 else np.inf
            scale_y = half_h / abs(d[1]) if abs(d[1]) > 1e-9 else np.inf
            return min(scale_x, scale_y)

        return a + direction * exit_distance(start_box, direction) * 1.04, b - direction * exit_distance(end_box, direction) * 1.04

    def _grad_label(self, index: int, value: float) -> VGroup:
        """The gradient that arrived at a node, in the gradient colour, beside its box."""
        placed = self.data.placed(index)
        color = self.theme.colors.gradient if value != 0.0 else self.theme.colors.muted
        number = self.number(value, role="label", color=color)
        frame = self.boxes[index][0]
        chain_row = self.data.node("L").row
        if placed.row == 0.0:
            # The top row has no room above it: its gradient sits beside the box.
            number.next_to(frame, RIGHT, buff=0.12)
        elif placed.row < chain_row:
            number.next_to(frame, UP, buff=0.12)
            if len(self.boxes[index]) > 3:
                number.next_to(self.boxes[index][3], UP, buff=0.08)
        else:
            number.next_to(frame, DOWN, buff=0.12)
        return VGroup(number)

    def _local_label(self, key: tuple[int, int], local: float, alive: bool = True) -> VGroup:
        """"×1.8" beside its edge, clear of the line, its arrow tip and the boxes at both ends."""
        colors = self.theme.colors
        edge = self.edges[key]
        text = self.text("\u00d7" + self.fmt(local), "caption", color=colors.gradient if alive and local != 0.0 else colors.muted, bold=True)
        text.scale(LOCAL_LABEL_SCALE)
        start, end = edge.get_start(), edge.get_end()
        direction = end - start
        if abs(direction[1]) > abs(direction[0]):
            # A steep edge (b → z) runs between two rows: the label sits left of it, halfway down,
            # its right edge clear of the line wherever the line crosses the label's height.
            middle = (start + end) / 2
            text.move_to(middle)
            top, bottom = middle[1] + text.height / 2, middle[1] - text.height / 2
            line_x = min(start[0] + direction[0] * (start[1] - y) / (start[1] - end[1]) for y in (top, bottom))
            text.shift((line_x - LABEL_GAP - text.get_right()[0]) * RIGHT)
        else:
            # A level edge: the label sits just above the line, between the boxes.
            fit_width(text, self.column_gap - 2 * LABEL_GAP)
            unit = direction / np.linalg.norm(direction)
            normal = np.array([-unit[1], unit[0], 0.0])
            if normal[1] < 0:
                normal = -normal
            reach = abs(normal[0]) * text.width / 2 + abs(normal[1]) * text.height / 2
            text.move_to((start + end) / 2 + normal * (reach + LABEL_GAP))
        return VGroup(text)

    def _factor_sources(self) -> list[Any]:
        """Where the three factors sit on the graph: the gradient at ŷ, the ReLU edge, the w path."""
        data = self.data
        y_hat = data.node("\u0177").index
        z = data.node("z").index
        w = data.node("w").index
        wx = data.node("w\u00b7x").index
        return [
            self.grad_labels[y_hat],
            self.local_labels[(z, y_hat)],
            VGroup(self.local_labels[(w, wx)], self.local_labels[(wx, z)]),
        ]

    def _numeric_line(self, parameter: str, factors: tuple[float, float, float], result: float, colors: tuple[str, ...]) -> MathTex:
        parts = [rf"\partial L/\partial {parameter}", "="]
        for index, factor in enumerate(factors):
            parts.append(f"({self.fmt(factor, tex=True)})")
            if index < 2:
                parts.append(r"\times")
        parts += ["=", self.fmt(result, tex=True)]
        line = MathTex(*parts, font_size=44, color=self.theme.colors.text)
        for part, color in zip((2, 4, 6), colors):
            line[part].set_color(color)
        line[8].set_color(self.theme.colors.gradient)
        fit_width(line, safe_area().width)
        return line


__all__ = ["BackwardPass"]
