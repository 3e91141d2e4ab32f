"""02 Neural Network Anatomy: a real seeded network, one weight, one neuron, then learning.

Edges are coloured and sized by the weights of the core's seeded init; the zoomed
neuron's inputs, weights, bias, sum and activation are the network's own numbers;
"learning" recolours the edges to the weights gradient descent actually found.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    VGroup,
)

from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_in

SUM_SYMBOL = "\u03a3"
#: The network shrinks to this size at the left while one neuron is taken apart.
ZOOM_SCALE = 0.48


class NetworkAnatomy(SectionScene):
    section_number = 2

    def construct(self) -> None:
        self.show_header()
        self.build_network()
        self.show_one_weight()
        self.zoom_into_neuron()
        self.learn_weights()
        self.end_section()

    def build_network(self) -> None:
        data = self.data
        area = content_area()
        self.network = LayeredNetwork(
            data.weights, max_abs=data.max_abs_weight, width=9.0, height=4.0, neuron_radius=0.25, theme=self.theme
        )
        self.network.move_to(area.center + 0.35 * UP)
        self.layer_labels = VGroup(
            *(
                self.text(name, "label", color=self.theme.colors.muted).next_to(column, DOWN, buff=0.35)
                for name, column in zip(data.layer_names, self.network.layers)
            )
        )
        bottom = min(label.get_bottom()[1] for label in self.layer_labels)
        for label in self.layer_labels:
            label.set_y(bottom + label.height / 2)
        started, reading = self.time, self.caption(data.intro)
        self.play(
            LaggedStart(*(FadeIn(column, shift=0.2 * RIGHT) for column in self.network.layers), lag_ratio=0.25),
            LaggedStart(*(FadeIn(label) for label in self.layer_labels), lag_ratio=0.25),
            run_time=self.theme.pacing.slow,
        )
        self.play(
            LaggedStart(*(Create(group) for group in self.network.edges), lag_ratio=0.4),
            run_time=self.theme.pacing.slow,
        )
        self.wait(max(self.theme.pacing.beat, started + reading - self.time))

    def show_one_weight(self) -> None:
        data = self.data
        colors = self.theme.colors
        matrix, row, column = data.highlighted_edge
        edge = self.network.edge(matrix, row, column)
        others = [line for group in self.network.edges for line in group if line is not edge]
        value = self.number(data.highlighted_weight, 2, role="label", color=colors.gradient if data.highlighted_weight < 0 else colors.forward)
        label = VGroup(self.text("w =", "label"), value).arrange(RIGHT, buff=0.15)
        label.add_background_rectangle(color=colors.background, opacity=0.85, buff=0.1)
        label.move_to(edge.point_from_proportion(0.55) + 0.8 * UP)
        self.caption(data.weight_sentence, duration=5.5)
        self.play(*(line.animate.set_stroke(opacity=0.15) for line in others), FadeIn(label, shift=0.1 * UP), run_time=self.theme.pacing.normal)
        self.play(Indicate(edge, color=colors.accent, scale_factor=1.0), run_time=self.theme.pacing.normal)
        self.play(*(line.animate.set_stroke(opacity=1.0) for line in others), FadeOut(label), run_time=self.theme.pacing.quick)
        self.play(self.network.forward_pulse(run_time=2.2))
        self.play(self.network.reset_neurons(), run_time=self.theme.pacing.quick)

    def zoom_into_neuron(self) -> None:
        data = self.data
        zoom = data.zoom
        colors = self.theme.colors
        area = content_area()
        picture = VGroup(self.network, self.layer_labels)
        self.play(picture.animate.scale(ZOOM_SCALE).move_to([area.left + ZOOM_SCALE * picture.width / 2, area.center[1], 0]), run_time=self.theme.pacing.normal)
        neuron = self.network.neuron(zoom.layer, zoom.unit)
        incoming = [self.network.edge(zoom.layer - 1, i, zoom.unit) for i in range(len(zoom.inputs))]
        others = [line for group in self.network.edges for line in group if all(line is not e for e in incoming)]
        self.play(
            *(line.animate.set_stroke(opacity=0.12) for line in others),
            neuron.animate.set_stroke(colors.accent, width=self.theme.strokes.thick),
            *(self.network.neuron(0, i).animate.set_fill(colors.forward, opacity=0.6) for i in range(len(zoom.inputs))),
            run_time=self.theme.pacing.normal,
        )

        header = self._row(["input", "\u00d7 weight", "= signal"], [colors.muted] * 3)
        rows = VGroup()
        for x, w, p in zip(zoom.inputs, zoom.weights, zoom.products):
            rows.add(self._row([self.fmt(x), "\u00d7", self.fmt(w, 2), "=", self.fmt(p, 2)], [colors.forward, colors.muted, colors.text, colors.muted, colors.forward]))
        bias_row = self._row(["+ bias", self.fmt(zoom.bias, 2)], [colors.muted, colors.text])
        rule = Line(LEFT, RIGHT).set_stroke(colors.faint, width=self.theme.strokes.thin)
        sum_row = self._row([f"z = {SUM_SYMBOL} w\u00b7x + b =", self.fmt(zoom.weighted_sum, 2)], [colors.text, colors.forward])
        act_row = self._row([f"{zoom.activation_name}(z) = max(0, z) =", self.fmt(zoom.activation, 2)], [colors.text, colors.forward])
        rows.add(bias_row)
        rows.arrange(DOWN, buff=0.22, aligned_edge=RIGHT)
        panel = VGroup(header, rows, rule, sum_row, act_row).arrange(DOWN, buff=0.3, aligned_edge=RIGHT)
        rule.set_width(panel.width).align_to(panel, RIGHT)
        panel_left = self.network.get_right()[0] + 0.8
        fit_in(panel, area.right - panel_left, area.height - 0.2)
        panel.move_to([(panel_left + area.right) / 2, area.center[1], 0])

        self.caption("One neuron: multiply each input by its weight, add the bias, apply the activation.", duration=8.0)
        self.play(FadeIn(header), LaggedStart(*(FadeIn(r, shift=0.2 * LEFT) for r in rows[:-1]), lag_ratio=0.5), run_time=self.theme.pacing.slow)
        self.play(FadeIn(bias_row, shift=0.2 * LEFT), run_time=self.theme.pacing.quick)
        self.play(Create(rule), FadeIn(sum_row, shift=0.2 * LEFT), run_time=self.theme.pacing.normal)
        self.play(
            FadeIn(act_row, shift=0.2 * LEFT),
            neuron.animate.set_fill(colors.forward, opacity=1.0),
            run_time=self.theme.pacing.normal,
        )
        self.wait(self.theme.pacing.hold)
        self.play(
            FadeOut(panel),
            *(line.animate.set_stroke(opacity=1.0) for line in others),
            self.network.reset_neurons(),
            run_time=self.theme.pacing.quick,
        )
        self.play(picture.animate.scale(1 / ZOOM_SCALE).move_to(area.center + 0.05 * UP), run_time=self.theme.pacing.normal)

    def learn_weights(self) -> None:
        data = self.data
        colors = self.theme.colors
        area = content_area()
        before = self._loss_line(data.loss_before)
        after = self._loss_line(data.loss_after)
        steps = self.text(f"after {self.fmt(data.train_steps)} steps of gradient descent", "label", color=colors.muted)
        readout = VGroup(before, steps).arrange(RIGHT, buff=0.5)
        readout.move_to([area.center[0], area.bottom + readout.height / 2, 0])
        self.play(FadeOut(self.layer_labels), FadeIn(before), run_time=self.theme.pacing.quick)
        after.move_to(before, aligned_edge=LEFT)
        self.caption(data.learning_sentence, duration=5.0)
        self.play(
            *self.network.restyled_edges(data.trained_weights),
            before.animate.become(after),
            FadeIn(steps),
            run_time=3.0,
        )
        self.play(self.network.forward_pulse(run_time=2.0))
        self.wait(self.theme.pacing.beat)

    def _row(self, parts: list[str], part_colors: list[str]) -> VGroup:
        mono = [any(ch.isdigit() for ch in part) and not part.startswith("sum") and "(" not in part for part in parts]
        pieces = [
            self.text(part, "body", color=color, mono=is_mono)
            for part, color, is_mono in zip(parts, part_colors, mono)
        ]
        return VGroup(*pieces).arrange(RIGHT, buff=0.18)

    def _loss_line(self, value: float) -> VGroup:
        colors = self.theme.colors
        return VGroup(self.text("loss", "body", color=colors.loss), self.number(value, 2, color=colors.loss)).arrange(RIGHT, buff=0.25)
