"""09 Going Deeper: the same algorithm, layer by layer, on a graph, in parallel.

Three pictures, one per card of the guide: a deep network where the example's x
flows forward and the gradient flows back layer by layer (each layer's measured
gradient size shown); the computation graph the autograd engine builds for a
two-input tanh neuron (data forward, grads back); and a matrix product whose
independent dot products are computed one at a time, then all at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    LaggedStart,
    Line,
    Rectangle,
    RoundedRectangle,
    ShowPassingFlash,
    Succession,
    Text,
    VGroup,
)

from backprop_core.autograd import GraphNode
from backprop_core.formatting import fmt
from scenes.kit.base import SectionScene
from scenes.kit.icons import icon
from scenes.kit.layout import content_area, fit_width, safe_area
from scenes.kit.theme import value_to_color

INTRO = "The same algorithm works for networks with millions of parameters."
LAYER_TITLE = "Layer by Layer"
LAYER_TEXT = "Gradients propagate backward through every layer. Each layer computes its local gradient and passes it back."
GRAPH_TITLE = "Computational Graphs"
GRAPH_TEXT = (
    "Modern frameworks (PyTorch, TensorFlow) automatically build a graph of all operations "
    "and compute gradients via autograd."
)
GPU_TITLE = "GPU Acceleration"
GPU_TEXT = "Matrix multiplications in backprop are massively parallelizable. GPUs can process millions of gradients simultaneously."

NODE_RADIUS = 0.2
#: Padding inside a graph box (horizontal, vertical) and the gap between stacked boxes.
GRAPH_PAD = (0.18, 0.08)
GRAPH_GAP = 0.3
CELL = (0.8, 0.54)


@dataclass
class GraphBox:
    """The mobjects of one autograd node; ``group`` holds them all (pill first, so arrows meet it)."""

    frame: RoundedRectangle
    name: Text
    data: Text
    grad: Text
    pill: VGroup | None

    @property
    def group(self) -> VGroup:
        parts = [self.frame, self.name, self.data, self.grad]
        return VGroup(*([self.pill] if self.pill is not None else []), *parts)

    def entry(self) -> np.ndarray:
        """Where incoming arrows end: the operation pill's left side, else the box's."""
        return (self.pill if self.pill is not None else self.frame).get_left()


class DeepNetworks(SectionScene):
    section_number = 9

    def construct(self) -> None:
        self.show_header()
        self.layer_by_layer()
        self.computational_graph()
        self.gpu_acceleration()
        self.end_section()

    def card_title(self, title: str, icon_name: str) -> VGroup:
        """The guide card's icon and title under the heading, at the top left of the content area."""
        region = content_area()
        label = self.text(title, "subheading", bold=True, color=self.theme.colors.accent)
        symbol = icon(icon_name, label.height * 1.25, self.theme.colors.accent)
        group = VGroup(symbol, label).arrange(RIGHT, buff=0.2)
        group.move_to([region.left, region.top - 0.05, 0], aligned_edge=LEFT + UP)
        return group

    def card_text(self, content: str) -> VGroup:
        """The guide card's sentence, at the bottom of the safe area."""
        safe = safe_area()
        paragraph = self.paragraph(content, safe.width, "caption", color=self.theme.colors.muted, align="center")
        paragraph.move_to([0, safe.bottom + paragraph.height / 2, 0])
        return paragraph

    def layer_by_layer(self) -> None:
        deep = self.data.deep
        colors = self.theme.colors
        title = self.card_title(LAYER_TITLE, "books")
        text = self.card_text(LAYER_TEXT)

        columns = len(deep.sizes)
        xs = np.linspace(-4.8, 3.9, columns)
        centre_y = 0.4
        spacing = 0.62
        nodes: list[VGroup] = []
        for column, width in enumerate(deep.sizes):
            ys = centre_y + spacing * (np.arange(width) - (width - 1) / 2)
            nodes.append(
                VGroup(
                    *(
                        Circle(NODE_RADIUS, color=colors.muted, stroke_width=3)
                        .set_fill(colors.panel, opacity=1)
                        .move_to([xs[column], y, 0])
                        for y in ys[::-1]
                    )
                )
            )
        weight_max = max(abs(w) for layer in deep.layers for row in layer.weights for w in row)
        edges: list[VGroup] = []
        for layer in deep.layers:
            group = VGroup()
            for i, row in enumerate(layer.weights):
                for j, weight in enumerate(row):
                    start, end = nodes[layer.index][i], nodes[layer.index + 1][j]
                    group.add(
                        Line(
                            start.get_center(),
                            end.get_center(),
                            buff=NODE_RADIUS,
                            stroke_width=1.5 + 3.5 * abs(weight) / weight_max,
                            color=value_to_color(weight, weight_max),
                            stroke_opacity=0.7,
                        )
                    )
            edges.append(group)

        x_label = self.text(f"x = {self.fmt(deep.x)}", "label", color=colors.forward)
        x_label.next_to(nodes[0], LEFT, buff=0.2)
        y_hat_label = self.text(f"ŷ = {self.fmt(deep.y_hat, 2)}", "label", color=colors.forward)
        y_hat_label.next_to(nodes[-1], RIGHT, buff=0.2).shift(0.3 * UP)
        loss_label = self.text(f"L = {self.fmt(deep.loss, 2)}", "label", color=colors.loss)
        loss_label.next_to(y_hat_label, DOWN, buff=0.25, aligned_edge=LEFT)
        target_label = self.text(f"y = {self.fmt(deep.y)}", "label", color=colors.target)
        target_label.next_to(loss_label, DOWN, buff=0.25, aligned_edge=LEFT)

        intro_time = self.caption(INTRO)
        self.play(
            LaggedStart(*(FadeIn(column) for column in nodes), lag_ratio=0.1),
            LaggedStart(*(Create(group) for group in edges), lag_ratio=0.1),
            run_time=2.0,
        )
        self.wait(intro_time - 2.0)
        self.caption(LAYER_TEXT)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(text), run_time=0.8)
        self.play(FadeIn(x_label), nodes[0].animate.set_fill(colors.forward, opacity=1), run_time=0.5)

        activation_max = max(max(abs(v) for v in layer.outputs) for layer in deep.layers)
        for layer in deep.layers:
            flashes = [
                ShowPassingFlash(edge.copy().set_stroke(colors.forward, width=5, opacity=1), time_width=0.6)
                for edge in edges[layer.index]
            ]
            fills = [
                node.animate.set_fill(value_to_color(abs(value), activation_max), opacity=1).set_stroke(colors.forward)
                for node, value in zip(nodes[layer.index + 1], layer.outputs)
            ]
            self.play(*flashes, *fills, run_time=0.45)
        self.play(FadeIn(y_hat_label, shift=0.2 * RIGHT), FadeIn(target_label), run_time=0.5)
        self.play(FadeIn(loss_label, shift=0.2 * RIGHT), run_time=0.5)

        grad_max = max(abs(g) for layer in deep.layers for row in layer.weight_grads for g in row)
        norm_max = max(deep.gradient_norms)
        bar_floor = text.get_top()[1] + 0.55
        bar_max = centre_y - spacing * (max(deep.sizes) - 1) / 2 - NODE_RADIUS - 0.25 - bar_floor
        bars_label = VGroup(
            self.text("‖∂L/∂W‖", "label", color=colors.gradient),
            self.text("per layer", "label", color=colors.gradient),
        ).arrange(DOWN, buff=0.1, aligned_edge=RIGHT)
        first_bar_left = (xs[0] + xs[1]) / 2 - 0.45
        bars_label.next_to([first_bar_left, bar_floor + bar_max / 2, 0], LEFT, buff=0.25)
        for layer in reversed(deep.layers):
            recolours = [
                edge.animate.set_stroke(
                    colors.gradient,
                    width=1.0 + 5.0 * abs(grad) / grad_max,
                    opacity=0.25 + 0.75 * abs(grad) / grad_max,
                )
                for edge, grad in zip(edges[layer.index], (g for row in layer.weight_grads for g in row))
            ]
            node_marks = [node.animate.set_stroke(colors.gradient, width=4) for node in nodes[layer.index + 1]]
            middle = (xs[layer.index] + xs[layer.index + 1]) / 2
            height = max(0.04, bar_max * layer.weight_grad_norm / norm_max)
            bar = Rectangle(width=0.6, height=height, stroke_width=0).set_fill(colors.gradient, opacity=0.9)
            bar.move_to([middle, bar_floor + height / 2, 0])
            value = self.number(layer.weight_grad_norm, 2, role="caption", color=colors.gradient)
            value.next_to([middle, bar_floor, 0], DOWN, buff=0.1)
            extra = [FadeIn(bars_label)] if layer is deep.layers[-1] else []
            self.play(*recolours, *node_marks, GrowFromEdge(bar, DOWN), FadeIn(value), *extra, run_time=0.6)
        self.beat()
        self.clear_content(keep_heading=True)

    def graph_box(self, node: GraphNode) -> GraphBox:
        """One node of the autograd graph: its name, its data (blue) and its grad (orange, hidden until
        the backward pass). Inputs put the numbers beside the name to stay short; computed nodes stack
        them under it and carry their operation in a pill on the side the arrows come in."""
        colors = self.theme.colors
        name = self.text(node.label, "label", bold=True)
        data = self.text(self.short(node.data), "caption", mono=True, color=colors.forward)
        grad = self.text(self.short(node.grad), "caption", mono=True, color=colors.gradient)
        numbers = VGroup(data, grad).arrange(DOWN, buff=0.1 if node.op else 0.05, aligned_edge=RIGHT)
        if node.op:
            content = VGroup(name, numbers).arrange(DOWN, buff=0.12)
        else:
            content = VGroup(name, numbers).arrange(RIGHT, buff=0.35)
        frame = RoundedRectangle(
            corner_radius=0.12,
            width=content.width + 2 * GRAPH_PAD[0],
            height=content.height + 2 * GRAPH_PAD[1],
            color=colors.panel_edge,
            stroke_width=2,
        ).set_fill(colors.panel, opacity=1)
        content.move_to(frame)
        pill = None
        if node.op:
            symbol = self.text(node.op, "caption", bold=True, color=colors.text)
            pill = RoundedRectangle(
                corner_radius=0.18, width=max(0.42, symbol.width + 0.24), height=0.42, color=colors.muted, stroke_width=2
            ).set_fill(colors.background, opacity=1)
            pill = VGroup(pill, symbol.move_to(pill))
            pill.next_to(frame, LEFT, buff=0.06)
        return GraphBox(frame, name, data, grad, pill)

    def short(self, value: float) -> str:
        """``fmt`` with two decimals when the automatic form would need more (and recorded as shown)."""
        auto = fmt(value)
        decimals = auto.split(".")[1] if "." in auto else ""
        shown = fmt(value, 2) if len(decimals) > 2 and abs(value) >= 0.01 else auto
        self.record_number(shown, value)
        return shown

    def graph_positions(self, boxes: dict[int, GraphBox], top: float, bottom: float) -> dict[int, np.ndarray]:
        """Centres of the boxes: columns by depth across the content width, inputs stacked in the first
        column, each computed node level with the inputs it combines."""
        graph = self.data.neuron_graph
        depth = graph.depth()
        # A leaf sits one column before the node that first uses it, so a late input
        # (the bias) does not crowd the first column.
        column = dict(depth)
        for node in graph.nodes:
            if not graph.edges_into(node.index):
                consumers = [depth[edge.target] for edge in graph.edges if edge.source == node.index]
                column[node.index] = min(consumers) - 1
        levels = max(column.values()) + 1
        widths = [max(boxes[i].group.width for i in column if column[i] == level) for level in range(levels)]
        region = content_area()
        gap = (region.width - sum(widths)) / (levels - 1)
        lefts = [region.left + sum(widths[:level]) + gap * level for level in range(levels)]
        first_column = [node for node in graph.nodes if column[node.index] == 0]
        heights = [boxes[node.index].group.height for node in first_column]
        spacing = (top - bottom - sum(heights)) / max(1, len(first_column) - 1)
        positions: dict[int, np.ndarray] = {}
        y = top
        for node, height in zip(first_column, heights):
            positions[node.index] = np.array([lefts[0], y - height / 2, 0.0])
            y -= height + spacing
        for node in graph.nodes:
            if node.index in positions or not graph.edges_into(node.index):
                continue
            sources = [positions[edge.source][1] for edge in graph.edges_into(node.index) if edge.source in positions]
            positions[node.index] = np.array([lefts[column[node.index]], float(np.mean(sources)), 0.0])
        for node in graph.nodes:
            if node.index not in positions:
                (consumer,) = {edge.target for edge in graph.edges if edge.source == node.index}
                same = [i for i in positions if column[i] == column[node.index]]
                below = min(positions[i][1] - boxes[i].group.height / 2 for i in same) if same else positions[consumer][1]
                height = boxes[node.index].group.height
                y = min(below - GRAPH_GAP, positions[consumer][1]) - height / 2
                positions[node.index] = np.array([lefts[column[node.index]], max(y, bottom + height / 2), 0.0])
        return positions

    def computational_graph(self) -> None:
        graph = self.data.neuron_graph
        colors = self.theme.colors
        title = self.card_title(GRAPH_TITLE, "graph")
        formula = self.text("o = tanh(x₁·w₁ + x₂·w₂ + b)", "label", color=colors.muted)
        formula.next_to(title, RIGHT, buff=0.6).align_to(title, DOWN)
        fit_width(formula, content_area().right - formula.get_left()[0])
        text = self.card_text(GRAPH_TEXT)
        legend = VGroup(
            self.text("data", "caption", mono=True, color=colors.forward),
            self.text("grad", "caption", mono=True, color=colors.gradient),
        ).arrange(RIGHT, buff=0.4)

        boxes = {node.index: self.graph_box(node) for node in graph.nodes}
        top, bottom = title.get_bottom()[1] - 0.15, text.get_top()[1] + 0.15
        positions = self.graph_positions(boxes, top, bottom)
        for index, box in boxes.items():
            box.group.move_to(positions[index], aligned_edge=LEFT)
        output = boxes[graph.nodes[-1].index].group
        legend.next_to(output, DOWN, buff=0.5).align_to(output, RIGHT)

        arrows = {
            (edge.source, edge.target): Line(
                boxes[edge.source].frame.get_right(),
                boxes[edge.target].entry(),
                color=colors.muted,
                stroke_width=2.5,
            )
            for edge in graph.edges
        }

        self.caption(GRAPH_TEXT)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(formula), FadeIn(text), run_time=0.8)
        for node in graph.nodes:
            box = boxes[node.index]
            box.grad.set_opacity(0)
            incoming = [arrows[(edge.source, edge.target)] for edge in graph.edges_into(node.index)]
            run_time = 0.45 if incoming else 0.2
            extra = [FadeIn(legend[0])] if node is graph.nodes[0] else []
            self.play(*(Create(arrow) for arrow in incoming), FadeIn(box.group), *extra, run_time=run_time)
        self.pause()

        for node in reversed(graph.nodes):
            box = boxes[node.index]
            outgoing = [arrows[(edge.source, edge.target)] for edge in graph.edges if edge.source == node.index]
            flashes = [
                ShowPassingFlash(
                    Line(arrow.get_end(), arrow.get_start(), color=colors.gradient, stroke_width=6), time_width=0.8
                )
                for arrow in outgoing
            ]
            extra = [FadeIn(legend[1])] if node is graph.nodes[-1] else []
            self.play(
                *flashes,
                *(arrow.animate.set_color(colors.gradient) for arrow in outgoing),
                box.grad.animate.set_opacity(1),
                box.frame.animate.set_stroke(colors.gradient),
                *extra,
                run_time=0.35,
            )
        self.beat()
        self.clear_content(keep_heading=True)

    def matrix_grid(self, entries: tuple[tuple[int, ...], ...], color: str, show: bool = True) -> VGroup:
        """A grid of square cells with the integer entries (hidden when ``show`` is False)."""
        grid = VGroup()
        for r, row in enumerate(entries):
            for c, value in enumerate(row):
                cell = Rectangle(
                    width=CELL[0], height=CELL[1], color=self.theme.colors.panel_edge, stroke_width=2
                ).set_fill(self.theme.colors.panel, opacity=1)
                cell.move_to([c * CELL[0], -r * CELL[1], 0])
                number = self.text(fmt(value), "body", mono=True, color=color)
                fit_width(number, CELL[0] * 0.85)
                number.move_to(cell)
                if not show:
                    number.set_opacity(0)
                grid.add(VGroup(cell, number))
        return grid

    def gpu_acceleration(self) -> None:
        data = self.data
        colors = self.theme.colors
        title = self.card_title(GPU_TITLE, "rocket")
        text = self.card_text(GPU_TEXT)
        for row in data.matmul_left + data.matmul_right + data.matmul_result:
            for value in row:
                self.record_number(fmt(value), value)

        left = self.matrix_grid(data.matmul_left, colors.forward)
        right = self.matrix_grid(data.matmul_right, colors.forward)
        result = self.matrix_grid(data.matmul_result, colors.text, show=False)
        times = self.text("×", "heading")
        equals = self.text("=", "heading")
        product = VGroup(left, times, right, equals, result).arrange(RIGHT, buff=0.35)
        product.move_to([0, title.get_bottom()[1] - 0.2 - product.height / 2, 0])

        count = data.matmul
        status_right = content_area().right
        sequential = self.text("One at a time", "label", color=colors.muted)
        sequential.move_to([status_right, title.get_y(), 0], aligned_edge=RIGHT)
        self.caption(GPU_TEXT)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(product), FadeIn(text), FadeIn(sequential), run_time=0.9)

        cols = count.cols
        slow_cells = 3
        for index in range(slow_cells):
            r, c = divmod(index, cols)
            used = [left[r * count.inner + k][0] for k in range(count.inner)]
            used += [right[k * cols + c][0] for k in range(count.inner)]
            self.play(
                *(cell.animate.set_fill(colors.positive_low, opacity=1) for cell in used),
                result[index][0].animate.set_fill(colors.positive_low, opacity=1),
                result[index][1].animate.set_opacity(1),
                run_time=0.35,
            )
            self.play(*(cell.animate.set_fill(colors.panel, opacity=1) for cell in used), run_time=0.15)
        self.play(
            Succession(
                *(
                    AnimationGroup(
                        result[index][0].animate.set_fill(colors.positive_low, opacity=1),
                        result[index][1].animate.set_opacity(1),
                    )
                    for index in range(slow_cells, count.outputs)
                )
            ),
            run_time=2.0,
        )
        self.pause()

        parallel = self.text(
            f"GPU: all {self.fmt(count.outputs)} dot products at once", "label", color=colors.gradient
        )
        fit_width(parallel, status_right - title.get_right()[0] - 0.5)
        parallel.move_to([status_right, title.get_y(), 0], aligned_edge=RIGHT)
        self.play(
            *(cell[0].animate.set_fill(colors.panel, opacity=1) for cell in result),
            *(cell[1].animate.set_opacity(0) for cell in result),
            FadeOut(sequential),
            run_time=0.4,
        )
        self.play(
            *(cell[0].animate.set_fill(colors.negative_low, opacity=1) for cell in result),
            *(cell[1].animate.set_opacity(1) for cell in result),
            FadeIn(parallel),
            run_time=0.5,
        )
        small = self.text(
            f"{self.fmt(count.rows)} × {self.fmt(count.inner)} × {self.fmt(count.cols)} = "
            f"{self.fmt(count.multiply_adds)} multiply-adds",
            "body",
        )
        large = data.large_layer
        big_head = self.text("One layer of a large model:", "label", color=colors.accent)
        big = self.text(
            f"{self.fmt(large.rows)} × {self.fmt(large.inner)} × {self.fmt(large.cols)}"
            f" = {fmt(large.multiply_adds, group=True)} multiply-adds",
            "body",
            bold=True,
            color=colors.accent,
        )
        self.record_number(fmt(large.multiply_adds, group=True), large.multiply_adds)
        lines = VGroup(small, big_head, big).arrange(DOWN, buff=0.12)
        fit_width(lines, safe_area().width)
        room = product.get_bottom()[1] - text.get_top()[1]
        lines.move_to([0, text.get_top()[1] + room / 2, 0])
        self.play(FadeIn(small, shift=0.2 * UP), run_time=0.6)
        self.play(FadeIn(big_head, shift=0.2 * UP), FadeIn(big, shift=0.2 * UP), run_time=0.8)
        self.hold()
