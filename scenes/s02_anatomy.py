"""02 Neural Network Anatomy: the story network, its weights, a zoom into the guide's
neuron, then learning.

The network is the cover's (the core's seeded init with the guide's neuron planted
in it). Edges are the kit's weight style: thickness is |w|. The zoom follows one
input into one neuron, which is the guide's x, w, b from the preset; no arithmetic
is shown here (section 03 does it). "Learning" restyles the edges to weights that
gradient descent actually found on a toy task.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    Restore,
    ShowPassingFlash,
    Succession,
    VGroup,
)

from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area, fit_width
from scenes.kit.pictures import activation_glyph

NETWORK_WIDTH = 7.6
NETWORK_HEIGHT = 3.0
NEURON_RADIUS = 0.25
#: The network's centre (x); the legend sits at the right edge.
NETWORK_X = -1.9
LEGEND_LINE = 1.1
#: Where the guide's neuron lands after the zoom: the input's and the neuron's centres
#: (the same row as the neuron section 01 ends on).
ZOOM_INPUT = np.array([-4.0, -0.2, 0.0])
ZOOM_NEURON = np.array([0.1, -0.2, 0.0])
CLAIM_Y = 1.75


class NetworkAnatomy(SectionScene):
    section_number = 2

    def construct(self) -> None:
        self.step("layers of neurons")
        self.build_network()
        self.step("each line is a weight")
        self.show_weights()
        self.step("one neuron")
        self.zoom_into_neuron()
        self.step("learning")
        self.learn_weights()
        self.end_section()

    def build_network(self) -> None:
        data = self.data
        area = content_area()
        self.claim = VGroup()
        self.network = LayeredNetwork(
            data.weights,
            max_abs=data.max_abs_weight,
            width=NETWORK_WIDTH,
            height=NETWORK_HEIGHT,
            neuron_radius=NEURON_RADIUS,
            theme=self.theme,
        )
        self.network.move_to([NETWORK_X, area.bottom + 0.8 + NETWORK_HEIGHT / 2 + NEURON_RADIUS, 0.0])
        self.layer_labels = VGroup(
            *(
                self.text(name, "label", color=self.theme.colors.muted).next_to(column, DOWN, buff=0.3)
                for name, column in zip(data.layer_names, self.network.layers)
            )
        )
        row_y = min(label.get_center()[1] for label in self.layer_labels)
        for label in self.layer_labels:
            label.set_y(row_y)
        header, heading = self.make_header()
        self.header, self.heading = header, heading
        started, reading = self.time, self.caption(data.intro)
        self.play(
            FadeIn(header, shift=0.2 * DOWN),
            FadeIn(heading),
            LaggedStart(*(FadeIn(column, shift=0.2 * RIGHT) for column in self.network.layers), lag_ratio=0.25),
            LaggedStart(*(FadeIn(label) for label in self.layer_labels), lag_ratio=0.25),
            run_time=self.theme.pacing.normal,
        )
        self.play(
            LaggedStart(*(Create(group) for group in self.network.edges), lag_ratio=0.4),
            *self._show_claim(data.layers_label),
            run_time=self.theme.pacing.slow,
        )
        self._wait_until(started + reading)

    def show_weights(self) -> None:
        """Each line is a weight: a legend of real weights (strong, weak, negative), then a signal."""
        data = self.data
        legend = VGroup()
        samples = [(data.strongest_edge, data.strong_label), (data.weakest_edge, data.weak_label)]
        if data.negative_edge is not None:
            samples.append((data.negative_edge, data.negative_label))
        for (m, i, j), name in samples:
            line = self._weight_line(float(data.weights[m][i, j]), LEGEND_LINE)
            label = self.text(name, "label", color=self.theme.colors.muted).next_to(line, RIGHT, buff=0.3)
            legend.add(VGroup(line, label))
        legend.arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        legend.move_to(self.network.get_center()).align_to([content_area().right - 0.2, 0.0, 0.0], RIGHT)
        self.legend = legend
        highlights = [
            ShowPassingFlash(self.network.edge(m, i, j).copy().set_stroke(self.theme.colors.accent, width=self.theme.strokes.thick), time_width=0.6)
            for (m, i, j), _ in samples
        ]
        started, reading = self.time, self.caption(data.weight_sentence)
        self.play(
            *self._show_claim(data.weight_label),
            LaggedStart(*(FadeIn(row, shift=0.2 * LEFT) for row in legend), lag_ratio=0.3),
            LaggedStart(*highlights, lag_ratio=0.3),
            run_time=self.theme.pacing.slow,
        )
        self.play(self.network.forward_pulse(data.story.activation_levels, run_time=self.theme.pacing.slow))
        self.play(self.network.reset_neurons(), run_time=self.theme.pacing.quick)
        self._wait_until(started + reading)

    def zoom_into_neuron(self) -> None:
        """Follow input x along its weight into the guide's neuron; label x, w, b and the output ŷ."""
        data = self.data
        story = data.story
        colors = self.theme.colors
        source = self.network.neuron(0, story.focus_input)
        target = self.network.neuron(1, story.focus_unit)
        edge = self.network.edge(0, story.focus_input, story.focus_unit)
        self.focus = VGroup(edge, source, target)
        self.rest = VGroup(
            *(part for part in self.network.submobjects if part not in (self.network.edges + self.network.layers)),
            *(line for group in self.network.edges for line in group if line is not edge),
            *(neuron for column in self.network.layers for neuron in column if neuron is not source and neuron is not target),
        )
        self.focus.save_state()
        self.rest.save_state()
        # One similarity (rotate, scale, shift) takes the input and the neuron to their zoomed places.
        start, end = source.get_center(), target.get_center()
        before, after = end - start, ZOOM_NEURON - ZOOM_INPUT
        angle = float(np.arctan2(after[1], after[0]) - np.arctan2(before[1], before[0]))
        scale = float(np.linalg.norm(after) / np.linalg.norm(before))
        pivot = (start + end) / 2
        shift = (ZOOM_INPUT + ZOOM_NEURON) / 2 - pivot

        def zoomed(group):
            return group.animate.rotate(angle, about_point=pivot).scale(scale, about_point=pivot).shift(shift)

        radius = NEURON_RADIUS * scale
        glyph = activation_glyph("relu", width=radius * 1.1, theme=self.theme).move_to(ZOOM_NEURON)
        x_inside = self.text("x", "body").move_to(ZOOM_INPUT)
        output_end = ZOOM_NEURON + 3.2 * RIGHT
        y_hat = VGroup(
            Circle(radius=radius, stroke_color=colors.forward, stroke_width=self.theme.strokes.normal).set_fill(colors.panel, opacity=1.0),
            self.text("\u0177", "body", color=colors.forward),
        ).move_to(output_end)
        output = Arrow(ZOOM_NEURON + radius * RIGHT, y_hat.get_left(), buff=0.08, color=colors.muted, stroke_width=self.theme.strokes.normal)
        wire = Line(ZOOM_INPUT + radius * RIGHT, ZOOM_NEURON + radius * LEFT)
        x_label = self.text(f"x = {self.fmt(data.x)}", "label", color=colors.forward).next_to(ZOOM_INPUT + radius * DOWN, DOWN, buff=0.3)
        w_label = self.text(f"w = {self.fmt(data.w)}", "body").next_to(wire, UP, buff=0.35)
        b_label = self.text(f"b = {self.fmt(data.b)}", "label").next_to(ZOOM_NEURON + radius * DOWN, DOWN, buff=0.3)
        self.zoom_parts = VGroup(glyph, x_inside, output, y_hat, x_label, w_label, b_label)

        started, reading = self.time, self.caption(data.neuron_sentence)
        self.play(
            zoomed(self.focus),
            zoomed(self.rest),
            *(mobject.animate.set_opacity(0.0) for mobject in self.rest),
            FadeOut(self.layer_labels),
            FadeOut(self.legend),
            *self._show_claim(data.neuron_label),
            run_time=self.theme.pacing.slow,
        )
        self.play(FadeIn(x_inside), FadeIn(x_label, shift=0.15 * UP), run_time=self.theme.pacing.quick)
        self.play(
            ShowPassingFlash(wire.copy().set_stroke(colors.forward, width=self.theme.strokes.thick), time_width=0.6),
            FadeIn(w_label, shift=0.15 * DOWN),
            run_time=self.theme.pacing.normal,
        )
        self.play(FadeIn(b_label, shift=0.15 * UP), FadeIn(glyph), run_time=self.theme.pacing.normal)
        self.play(Create(output), FadeIn(y_hat, shift=0.2 * LEFT), run_time=self.theme.pacing.normal)
        self._wait_until(started + reading)

    def learn_weights(self) -> None:
        """Back out to the network: learning moves every weight (the edges restyle), said as a label."""
        data = self.data
        started = self.time
        self.caption(data.learning_sentence, duration=3 * self.theme.pacing.normal + self.theme.pacing.slow)
        self.play(FadeOut(self.zoom_parts), Restore(self.focus), Restore(self.rest), run_time=self.theme.pacing.normal)
        self.play(*self._show_claim(data.learning_label), *self.network.restyled_edges(data.trained_weights), run_time=self.theme.pacing.slow)
        self.play(self.network.forward_pulse(run_time=self.theme.pacing.normal))
        self.play(self.network.reset_neurons(), run_time=self.theme.pacing.normal)
        self._wait_until(started + self.captions[-1].duration)

    def _weight_line(self, value: float, length: float) -> Line:
        """A single edge in the kit's weight style for ``value`` (the same scale as the network)."""
        link = LayeredNetwork([np.array([[value]])], max_abs=self.data.max_abs_weight, width=length + 0.02, height=0.0, neuron_radius=0.01, theme=self.theme)
        return link.edges[0][0]

    def _show_claim(self, words: str) -> list:
        """Animations that replace the beat's key claim (a short label above the picture)."""
        claim = self.text(words, "subheading", color=self.theme.colors.text)
        fit_width(claim, content_area().width)
        claim.move_to([content_area().center[0], CLAIM_Y, 0.0])
        old, self.claim = self.claim, claim
        if not len(old):
            return [FadeIn(claim, shift=0.15 * UP)]
        # Out, then in: the two never share a frame.
        return [Succession(FadeOut(old, shift=0.15 * UP), FadeIn(claim, shift=0.15 * UP))]

    def _wait_until(self, moment: float) -> None:
        if moment - self.time > 1e-3:
            self.wait(moment - self.time)
