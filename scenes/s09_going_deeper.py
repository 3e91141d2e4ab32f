"""09 Going Deeper: the same algorithm, layer by layer, on a graph, in parallel.

Three pictures, one per card of the guide: a deep network where the example's x
flows forward, and, as the caption turns to the backward pass, the gradient flows
back layer by layer (each layer's measured gradient size drawn as a bar); the
computation graph the autograd engine builds for the running neuron (ŷ = ReLU(w·x + b),
L = (y − ŷ)²), driven by a two-line code card (the first line builds the graph,
``L.backward()`` fills in every grad, ∂L/∂w among them); and a matrix product whose dot products are computed one at a
time, each cell lighting the row and column it comes from, then all at once.
Each picture's key claim is a short label; the guide's sentences are captions.
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
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
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
from scenes.kit.layout import content_area, fit_width, keep_inside, safe_area
from scenes.kit.pictures import NetworkDiagram
from scenes.kit.theme import value_to_color

INTRO = "The same algorithm works for networks with millions of parameters."
#: The code card: the first line builds the graph of the running neuron, the second fills in its grads.
CODE_LINES = ("L = (y - (w*x + b).relu())**2", "L.backward()")
CODE_TITLE = "PyTorch-style"
#: How an operation is written in its pill (the engine names a square "^2").
OP_SYMBOLS = {"^2": "( )²"}
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
#: Least gap between two stacked input boxes, and between an operation's pill and its box.
STACK_GAP = 0.15
PILL_GAP = 0.14
#: The size of the "value"/"grad" names on the tagged box, against caption size.
TAG_SCALE = 0.95
GRAPH_SCALE = 0.8
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
        self.show_header(run_time=0.8)
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

    def key_label(self, title: VGroup, words: str, color: str) -> Text:
        """A card's key claim in a few words, on the title's line, right-aligned in the content area."""
        label = self.text(words, "label", color=color)
        right = content_area().right
        fit_width(label, right - title.get_right()[0] - 0.5)
        label.move_to([right, title.get_y(), 0], aligned_edge=RIGHT)
        return label

    def rest(self, seconds: float) -> None:
        """Wait out what is left of a caption's reading time (nothing when the animations filled it)."""
        if seconds > 0.05:
            self.wait(seconds)

    def layer_by_layer(self) -> None:
        self.step("a deep network")
        deep = self.data.deep
        colors = self.theme.colors
        title = self.card_title(LAYER_TITLE, "books")
        # The network's top nodes keep clear of the heading; its bars and their values sit below it.
        network_top = title.get_bottom()[1] - 0.45
        network = NetworkDiagram(
            deep.sizes,
            [np.array(layer.weights) for layer in deep.layers],
            width=8.4,
            height=2.3,
            neuron_radius=NODE_RADIUS,
        )
        network.move_to([-0.1, network_top - network.height / 2, 0])
        nodes = network.layers
        edges = network.edges

        x_label = self.text(f"x = {self.fmt(deep.x)}", "label", color=colors.forward)
        x_label.next_to(nodes[0], LEFT, buff=0.2)
        y_hat_label = self.text(f"ŷ = {self.fmt(deep.y_hat, 2)}", "label", color=colors.forward)
        y_hat_label.next_to(nodes[-1], RIGHT, buff=0.2).shift(0.4 * UP)
        loss_label = self.text(f"L = {self.fmt(deep.loss, 2)}", "label", color=colors.loss)
        loss_label.next_to(y_hat_label, DOWN, buff=0.22, aligned_edge=LEFT)
        target_label = self.text(f"y = {self.fmt(deep.y)}", "label", color=colors.target)
        target_label.next_to(loss_label, DOWN, buff=0.22, aligned_edge=LEFT)
        # The intro's claim on the title line; the drawn network's own (small) size beside its input.
        forward_claim = self.key_label(title, "same algorithm → millions of parameters", colors.accent)
        size_label = VGroup(
            self.text(f"here: {self.fmt(deep.depth)} layers,", "caption", color=colors.muted),
            self.text(f"{self.fmt(deep.parameter_count)} parameters", "caption", color=colors.muted),
        ).arrange(DOWN, buff=0.08, aligned_edge=LEFT)
        size_label.next_to(target_label, DOWN, buff=0.3, aligned_edge=LEFT)
        fit_width(size_label, safe_area().right - size_label.get_left()[0])
        keep_inside(size_label)
        backward_claim = self.key_label(title, "each layer passes its gradient back", colors.gradient)

        # The bars: one per layer, between its two columns, below the network.
        norm_max = max(deep.gradient_norms)
        # The values under the bars keep well clear of the subtitle band.
        bar_floor = safe_area().bottom + 0.75
        bar_max = network.get_bottom()[1] - 0.2 - bar_floor
        column_xs = [layer.get_x() for layer in nodes]
        bars, values = VGroup(), VGroup()
        for layer in deep.layers:
            middle = (column_xs[layer.index] + column_xs[layer.index + 1]) / 2
            height = max(0.04, bar_max * layer.weight_grad_norm / norm_max)
            bar = Rectangle(width=0.6, height=height, stroke_width=0).set_fill(colors.gradient, opacity=0.9)
            bar.move_to([middle, bar_floor + height / 2, 0])
            value = self.number(layer.weight_grad_norm, 2, role="caption", color=colors.gradient)
            value.next_to([middle, bar_floor, 0], DOWN, buff=0.1)
            bars.add(bar)
            values.add(value)
        bars_label = VGroup(
            self.text("size of ∂L/∂W", "caption", color=colors.gradient),
            self.text("in each layer", "caption", color=colors.gradient),
        ).arrange(DOWN, buff=0.08, aligned_edge=RIGHT)
        bars_label.next_to([bars[0].get_left()[0], bar_floor + bar_max / 2, 0], LEFT, buff=0.3)
        keep_inside(bars_label)

        # Forward: the network appears and the example's x flows through it while the intro is said.
        forward_time = 1.2 + 0.5 + 0.4 * deep.depth + 0.6
        self.caption(INTRO, forward_time)
        self.play(
            FadeIn(title, shift=0.2 * RIGHT),
            FadeIn(forward_claim),
            LaggedStart(*(FadeIn(column) for column in nodes), lag_ratio=0.1),
            LaggedStart(*(Create(group) for group in edges), lag_ratio=0.1),
            run_time=1.2,
        )
        self.play(
            FadeIn(x_label),
            FadeIn(size_label),
            nodes[0][0].circle.animate.set_fill(colors.forward, opacity=1),
            run_time=0.5,
        )
        activation_max = max(max(abs(v) for v in layer.outputs) for layer in deep.layers)
        for layer in deep.layers:
            flashes = [
                ShowPassingFlash(edge.copy().set_stroke(colors.forward, width=5, opacity=1), time_width=0.6)
                for edge in edges[layer.index]
            ]
            fills = [
                node.circle.animate.set_fill(value_to_color(abs(value), activation_max, role="forward"), opacity=1).set_stroke(colors.forward)
                for node, value in zip(nodes[layer.index + 1], layer.outputs)
            ]
            self.play(*flashes, *fills, run_time=0.4)
        self.play(
            FadeIn(y_hat_label, shift=0.2 * RIGHT), FadeIn(target_label), FadeIn(loss_label, shift=0.2 * RIGHT), run_time=0.6
        )

        # Backward: starts with its caption, from the loss back to the input, one layer at a time.
        self.step("backward, layer by layer")
        per_layer = 1.1
        backward_time = 0.6 + per_layer * deep.depth
        self.caption(LAYER_TEXT, max(self.theme.pacing.reading_time(LAYER_TEXT), backward_time) + self.theme.pacing.beat)
        self.play(FadeOut(forward_claim), FadeIn(backward_claim), Indicate(loss_label, color=colors.gradient), run_time=0.6)
        grad_max = max(abs(g) for layer in deep.layers for row in layer.weight_grads for g in row)
        for layer in reversed(deep.layers):
            # The weights' edges now show their gradients: orange, wider for larger, dashed when negative.
            recolours = [
                edge.animate.set_weight(grad, grad_max, role="gradient")
                for edge, grad in zip(edges[layer.index], (g for row in layer.weight_grads for g in row))
            ]
            flashes = [
                ShowPassingFlash(Line(edge.get_end(), edge.get_start(), color=colors.gradient, stroke_width=6), time_width=0.6)
                for edge in edges[layer.index]
            ]
            node_marks = [node.circle.animate.set_stroke(colors.gradient, width=4) for node in nodes[layer.index]]
            extra = [FadeIn(bars_label)] if layer is deep.layers[-1] else []
            self.play(
                *flashes,
                *recolours,
                *node_marks,
                GrowFromEdge(bars[layer.index], DOWN),
                FadeIn(values[layer.index]),
                *extra,
                run_time=per_layer,
            )
        self.rest(self.theme.pacing.reading_time(LAYER_TEXT) - backward_time)
        self.beat()
        self.clear_content(keep_heading=True)

    def graph_box(self, node: GraphNode, tags: bool = False) -> GraphBox:
        """One node of the autograd graph: its name, its data (blue) and its grad (orange, hidden until
        the backward pass). Inputs put name, data and grad on one line to stay short (four of them stack
        in the first column); computed nodes stack the numbers under the name and carry their operation
        in a pill on the side the arrows come in."""
        colors = self.theme.colors
        name = self.text(node.label, "label", bold=True)
        data = self.text(self.short(node.data), "caption", mono=True, color=colors.forward)
        grad = self.text(self.short(node.grad), "caption", mono=True, color=colors.gradient)
        if tags:
            # Tiny names of the two numbers, on the row of each (hidden and shown with it).
            data = VGroup(self.text("value", "caption", color=colors.forward).scale(TAG_SCALE), data).arrange(RIGHT, buff=0.15)
            grad = VGroup(self.text("grad", "caption", color=colors.gradient).scale(TAG_SCALE), grad).arrange(RIGHT, buff=0.15)
        numbers = VGroup(data, grad).arrange(DOWN, buff=0.1, aligned_edge=RIGHT)
        # Inputs put their name beside the numbers (short boxes stack in the first column);
        # computed nodes put it above (narrow boxes leave room for the operation pills).
        content = VGroup(name, numbers).arrange(DOWN if node.op else RIGHT, buff=0.12 if node.op else 0.2)
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
            symbol = self.text(OP_SYMBOLS.get(node.op, node.op), "caption", bold=True, color=colors.text)
            pill = RoundedRectangle(
                corner_radius=0.18, width=max(0.42, symbol.width + 0.24), height=0.42, color=colors.muted, stroke_width=2
            ).set_fill(colors.background, opacity=1)
            pill = VGroup(pill, symbol.move_to(pill))
            pill.next_to(frame, LEFT, buff=PILL_GAP / GRAPH_SCALE)
        box = GraphBox(frame, name, data, grad, pill)
        # Nine nodes in two rows above the code card: drawn a size smaller than body text.
        box.group.scale(GRAPH_SCALE)
        return box

    def short(self, value: float) -> str:
        """``fmt`` with two decimals when the automatic form would need more (and recorded as shown)."""
        auto = fmt(value)
        decimals = auto.split(".")[1] if "." in auto else ""
        shown = fmt(value, 2) if len(decimals) > 2 and abs(value) >= 0.01 else auto
        self.record_number(shown, value)
        return shown

    def graph_positions(self, boxes: dict[int, GraphBox], top: float, bottom: float) -> dict[int, np.ndarray]:
        """Centres of the boxes: columns by depth across the content width, inputs stacked in the first
        column, each computed node level with the inputs it combines, and a late input (the bias,
        the target) a gap below the node beside it. Where a late input would not fit above
        ``bottom``, the first column closes up so the chain rides higher, never two boxes touching."""
        first_bottom = bottom
        for _ in range(4):
            positions, deficit = self._graph_positions(boxes, top, first_bottom, bottom)
            if deficit <= 1e-6:
                break
            # The chain sits at the mean of the first column: raising its lowest box by 2d lifts it by d.
            first_bottom += 2 * deficit
        return positions

    def _graph_positions(
        self, boxes: dict[int, GraphBox], top: float, first_bottom: float, bottom: float
    ) -> tuple[dict[int, np.ndarray], float]:
        """One layout with the first column spread from ``top`` to ``first_bottom``; also how far
        the lowest late input reaches below ``bottom``."""
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
        spacing = max(STACK_GAP, (top - first_bottom - sum(heights)) / max(1, len(first_column) - 1))
        positions: dict[int, np.ndarray] = {}
        deficit = 0.0
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
                deficit = max(deficit, bottom + height / 2 - y)
                positions[node.index] = np.array([lefts[column[node.index]], y, 0.0])
        return positions, deficit

    def code_card(self) -> tuple[VGroup, VGroup, Rectangle]:
        """The two lines of code that drive the graph, in the mono face on a panel, at the bottom left
        of the safe area. Returns the card, its lines and the marker that shows which line runs."""
        colors = self.theme.colors
        lines = VGroup(*(self.text(line, "caption", code=True, color=colors.text) for line in CODE_LINES))
        lines.arrange(DOWN, buff=0.18, aligned_edge=LEFT)
        frame = RoundedRectangle(
            corner_radius=0.12, width=lines.width + 0.5, height=lines.height + 0.3, color=colors.panel_edge, stroke_width=2
        ).set_fill(colors.panel, opacity=1)
        lines.move_to(frame)
        # The card's name inside it, right of the short second line: the graph above gets the room.
        heading = self.text(CODE_TITLE, "caption", color=colors.muted).scale(0.85)
        heading.move_to([frame.get_right()[0] - 0.25, lines[1].get_y(), 0], aligned_edge=RIGHT)
        card = VGroup(frame, lines, heading)
        safe = safe_area()
        # Kept a little above the safe area's floor so its edge never meets the subtitle line.
        card.move_to([safe.left, safe.bottom + 0.12, 0], aligned_edge=LEFT + DOWN)
        marker = Rectangle(width=lines.width + 0.3, height=lines[0].height + 0.14, stroke_width=0)
        marker.set_fill(colors.accent, opacity=0.16).move_to(lines[0]).align_to(lines, LEFT).shift(0.15 * LEFT)
        return card, lines, marker

    def computational_graph(self) -> None:
        self.step("autograd builds a graph")
        graph = self.data.neuron_graph
        colors = self.theme.colors
        title = self.card_title(GRAPH_TITLE, "graph")
        card, lines, marker = self.code_card()
        builds = self.text("← builds the graph", "label", color=colors.forward)
        fills = self.text("← autograd fills in every grad", "label", color=colors.gradient)
        for label, line in zip((builds, fills), lines):
            label.next_to(card, RIGHT, buff=0.3).set_y(line.get_y())
            fit_width(label, safe_area().right - 0.2 - label.get_left()[0])
            label.next_to(card, RIGHT, buff=0.3).set_y(line.get_y())

        # The weight's box names its two numbers: its grad is the one training needs.
        tagged_index = graph.node("w").index
        boxes = {node.index: self.graph_box(node, tags=node.index == tagged_index) for node in graph.nodes}
        top, bottom = title.get_bottom()[1] - 0.1, card.get_top()[1] + 0.15
        positions = self.graph_positions(boxes, top, bottom)
        for index, box in boxes.items():
            box.group.move_to(positions[index], aligned_edge=LEFT)

        arrows = {
            (edge.source, edge.target): Line(
                boxes[edge.source].frame.get_right(),
                boxes[edge.target].entry(),
                color=colors.muted,
                stroke_width=2.5,
            )
            for edge in graph.edges
        }

        inputs = [node for node in graph.nodes if not graph.edges_into(node.index)]
        build_time = 0.25 * len(inputs) + 0.5 * (len(graph.nodes) - len(inputs))
        backward_time = 0.35 * len(graph.nodes)
        self.caption(GRAPH_TEXT, 0.8 + 0.4 + build_time + 0.5 + 0.5 + backward_time + self.theme.pacing.beat)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(card, shift=0.2 * UP), run_time=0.8)
        # Running the first line records the graph as it computes: each node appears with its data.
        self.play(FadeIn(marker), FadeIn(builds, shift=0.2 * LEFT), run_time=0.4)
        for node in graph.nodes:
            box = boxes[node.index]
            box.grad.set_opacity(0)
            incoming = [arrows[(edge.source, edge.target)] for edge in graph.edges_into(node.index)]
            self.play(*(Create(arrow) for arrow in incoming), FadeIn(box.group), run_time=0.5 if incoming else 0.25)
        self.wait(0.5)

        # The second line: backward() walks the graph from o back to the inputs, filling in every grad.
        self.step("loss.backward()")
        self.play(marker.animate.move_to(lines[1]).align_to(marker, LEFT), FadeIn(fills, shift=0.2 * LEFT), run_time=0.5)
        for node in reversed(graph.nodes):
            box = boxes[node.index]
            outgoing = [arrows[(edge.source, edge.target)] for edge in graph.edges if edge.source == node.index]
            flashes = [
                ShowPassingFlash(
                    Line(arrow.get_end(), arrow.get_start(), color=colors.gradient, stroke_width=6), time_width=0.8
                )
                for arrow in outgoing
            ]
            self.play(
                *flashes,
                *(arrow.animate.set_color(colors.gradient) for arrow in outgoing),
                box.grad.animate.set_opacity(1),
                box.frame.animate.set_stroke(colors.gradient),
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
        self.step("GPUs: all at once")
        data = self.data
        colors = self.theme.colors
        title = self.card_title(GPU_TITLE, "rocket")
        for row in data.matmul_left + data.matmul_right + data.matmul_result:
            for value in row:
                self.record_number(fmt(value), value)

        left = self.matrix_grid(data.matmul_left, colors.text)
        right = self.matrix_grid(data.matmul_right, colors.text)
        result = self.matrix_grid(data.matmul_result, colors.text, show=False)
        times = self.text("×", "heading")
        equals = self.text("=", "heading")
        product = VGroup(left, times, right, equals, result).arrange(RIGHT, buff=0.35)
        product.move_to([0, title.get_bottom()[1] - 0.3 - product.height / 2, 0])

        count = data.matmul
        cols, inner = count.cols, count.inner

        # Each result cell is the dot product of a row of the left matrix and a column of the right one:
        # boxes mark the row, the column and the cell being computed.
        def row_centre(r: int) -> np.ndarray:
            return VGroup(*(left[r * inner + k] for k in range(inner))).get_center()

        def column_centre(c: int) -> np.ndarray:
            return VGroup(*(right[k * cols + c] for k in range(inner))).get_center()

        row_box = Rectangle(width=inner * CELL[0], height=CELL[1], color=colors.accent, stroke_width=5).move_to(row_centre(0))
        column_box = Rectangle(width=CELL[0], height=inner * CELL[1], color=colors.accent, stroke_width=5).move_to(column_centre(0))
        cell_box = Rectangle(width=CELL[0], height=CELL[1], color=colors.accent, stroke_width=5).move_to(result[0])
        boxes = VGroup(row_box, column_box, cell_box)

        def compute(index: int) -> list:
            r, c = divmod(index, cols)
            return [
                row_box.animate.move_to(row_centre(r)),
                column_box.animate.move_to(column_centre(c)),
                cell_box.animate.move_to(result[index]),
            ]

        def fill(index: int) -> list:
            # The filled cell keeps a dark outline, so neighbouring negative numbers never run together.
            return [
                result[index][0].animate.set_fill(colors.panel_edge, opacity=1).set_stroke(colors.background, width=3),
                result[index][1].animate.set_opacity(1),
            ]

        status_right = content_area().right
        sequential = self.text("one dot product at a time", "label", color=colors.muted)
        sequential.move_to([status_right, title.get_y(), 0], aligned_edge=RIGHT)
        parallel = self.text(f"GPU: all {self.fmt(count.outputs)} dot products at once", "label", color=colors.accent)
        for label in (sequential, parallel):
            fit_width(label, status_right - title.get_right()[0] - 0.5)
            label.move_to([status_right, title.get_y(), 0], aligned_edge=RIGHT)

        small = self.text(
            f"{self.fmt(count.rows)} × {self.fmt(count.inner)} × {self.fmt(count.cols)} = "
            f"{self.fmt(count.multiply_adds)} multiply-adds",
            "body",
        )
        large = data.large_layer
        # The three factors named, in their order (the core's batch × fan-in × fan-out).
        big_head = self.text("One layer of a large model (batch × inputs × outputs):", "label", color=colors.muted)
        big = self.text(
            f"{self.fmt(large.rows)} × {self.fmt(large.inner)} × {self.fmt(large.cols)}"
            f" = {fmt(large.multiply_adds, group=True)} multiply-adds",
            "body",
            bold=True,
            color=colors.accent,
        )
        self.record_number(fmt(large.multiply_adds, group=True), large.multiply_adds)
        lines = VGroup(small, big_head, big).arrange(DOWN, buff=0.22)
        fit_width(lines, safe_area().width)
        # Clear of the matrices above, and never below the safe area.
        lines.next_to(product, DOWN, buff=0.45)
        lines.shift(max(0.0, safe_area().bottom - lines.get_bottom()[1]) * UP)

        slow_cells = 3
        slow_time = 0.75 * slow_cells
        fast_time = 0.22 * (count.outputs - slow_cells)
        self.caption(GPU_TEXT, 0.9 + slow_time + fast_time + 0.5 + 0.4 + 0.7 + 0.6 + 0.8)
        self.play(FadeIn(title, shift=0.2 * RIGHT), FadeIn(product), FadeIn(sequential), run_time=0.9)
        self.play(Create(boxes), *fill(0), run_time=0.75)
        for index in range(1, slow_cells):
            self.play(*compute(index), run_time=0.35)
            self.play(*fill(index), run_time=0.4)
        self.play(
            Succession(*(AnimationGroup(*compute(index), *fill(index)) for index in range(slow_cells, count.outputs))),
            run_time=fast_time,
            rate_func=lambda t: t,
        )
        self.wait(0.5)

        # A GPU does every dot product at the same moment.
        self.play(
            *(cell[0].animate.set_fill(colors.panel, opacity=1) for cell in result),
            *(cell[1].animate.set_opacity(0) for cell in result),
            FadeOut(boxes),
            FadeOut(sequential),
            run_time=0.4,
        )
        self.play(
            # All sixteen light up together, outlined in the highlight colour.
            *(cell[0].animate.set_fill(colors.panel_edge, opacity=1).set_stroke(colors.accent, width=4) for cell in result),
            *(cell[1].animate.set_opacity(1) for cell in result),
            *(cell[0].animate.set_stroke(colors.accent, width=4) for cell in left),
            *(cell[0].animate.set_stroke(colors.accent, width=4) for cell in right),
            FadeIn(parallel),
            run_time=0.7,
        )
        self.play(FadeIn(small, shift=0.2 * UP), run_time=0.6)
        self.play(FadeIn(big_head, shift=0.2 * UP), FadeIn(big, shift=0.2 * UP), run_time=0.8)
        self.wait(0.6)
