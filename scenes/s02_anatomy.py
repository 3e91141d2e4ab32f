"""02 Neural Network Anatomy: the story network, its weights as numbers, a zoom into the
guide's neuron (its arithmetic for the first time), then learning.

The network is the cover's (the core's seeded init with the guide's neuron planted
in it). Edges are the kit's weight style: thickness is |w|, dashed when negative.
The zoom highlights one input, its edge and the neuron, then scales the whole
network about them (a camera move) until x, w and the neuron fill the frame, as
section 01 drew them; it reverses for "learning", where every edge restyles to
weights gradient descent found on a toy task and the guide's edge ticks from w to
the example's next w.
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
    Indicate,
    LaggedStart,
    MoveToTarget,
    Line,
    Restore,
    ShowPassingFlash,
    Succession,
    ValueTracker,
    VGroup,
    smooth,
)

from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene
from scenes.kit.layout import content_area
from scenes.kit.pictures import activation_glyph
from scenes.kit.readout import LiveReadout

NETWORK_WIDTH = 7.0
NETWORK_HEIGHT = 3.0
NEURON_RADIUS = 0.25
#: The network's centre; the legend (and later the learning readout) sits on the right.
NETWORK_X = -2.4
NETWORK_Y = -0.45
LEGEND_X = 4.6
LEGEND_LINE = 0.8
#: Where the zoom puts the input and the neuron (x): the columns section 01 ends on; and
#: the height of the middle between them.
ZOOM_INPUT_X = -5.0
ZOOM_NEURON_X = -0.7
ZOOM_MID_Y = 0.0
Y_HAT_X = 2.9
CLAIM_Y = 1.8
#: The first picture is up within this long (scenes play back to back).
OPENING = 0.5


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
        self.claim = VGroup()
        self.network = LayeredNetwork(
            data.weights,
            max_abs=data.max_abs_weight,
            width=NETWORK_WIDTH,
            height=NETWORK_HEIGHT,
            neuron_radius=NEURON_RADIUS,
            theme=self.theme,
        )
        self.network.move_to([NETWORK_X, NETWORK_Y, 0.0])
        self.layer_labels = VGroup(
            *(
                self.text(name, "label", color=self.theme.colors.muted).next_to(column, DOWN, buff=0.3)
                for name, column in zip(data.layer_names, self.network.layers)
            )
        )
        # One baseline: every name starts with a capital, which sits on it (descenders hang below).
        base = min(label.submobjects[0].get_bottom()[1] for label in self.layer_labels)
        for label in self.layer_labels:
            label.shift((base - label.submobjects[0].get_bottom()[1]) * UP)
        header, heading = self.make_header()
        self.header, self.heading = header, heading
        started, reading = self.time, self.caption(data.intro)
        self.play(
            FadeIn(header),
            FadeIn(heading),
            FadeIn(VGroup(*self.network.layers)),
            run_time=OPENING,
            rate_func=lambda t: 0.35 + 0.65 * smooth(t),
        )
        self.play(
            LaggedStart(*(Create(group) for group in self.network.edges), lag_ratio=0.4),
            LaggedStart(*(FadeIn(label) for label in self.layer_labels), lag_ratio=0.25),
            *self._show_claim(data.layers_label),
            run_time=self.theme.pacing.slow,
        )
        self.play(
            LaggedStart(*(self._flash(edge, self.theme.colors.text, width=self.theme.strokes.normal) for group in self.network.edges for edge in group), lag_ratio=0.02),
            run_time=max(self.theme.pacing.quick, started + reading - self.time - 1.0),
        )
        self._wait_until(started + reading)

    def show_weights(self) -> None:
        """Each line is a weight, a number: three real edges light up with their values in the legend."""
        data = self.data
        colors = self.theme.colors
        legend = VGroup()
        samples = [(data.strongest_edge, data.strong_label), (data.weakest_edge, data.weak_label)]
        if data.negative_edge is not None:
            samples.append((data.negative_edge, data.negative_label))
        for (m, i, j), name in samples:
            value = float(data.weights[m][i, j])
            line = self._weight_line(value, LEGEND_LINE)
            label = self.text(name, "label", color=colors.muted).next_to(line, RIGHT, buff=0.3)
            number = self.number(value, 2, role="label", color=colors.text).next_to(label, RIGHT, buff=0.25)
            legend.add(VGroup(line, label, number))
        # The numbers in one column, right-aligned (their decimal points line up).
        column = max(row[1].get_right()[0] for row in legend) + 0.25 + max(row[2].width for row in legend)
        for row in legend:
            row[2].align_to(np.array([column, 0.0, 0.0]), RIGHT)
        legend.arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        legend.move_to([LEGEND_X, NETWORK_Y + 0.3, 0.0])
        legend.shift(min(0.0, content_area().right - 0.1 - legend.get_right()[0]) * RIGHT)
        title = self.text("weight = a number", "label", color=colors.text).next_to(legend, UP, buff=0.5).align_to(legend, LEFT)
        self.legend = VGroup(title, legend)
        started, reading = self.time, self.caption(data.weight_sentence)
        self.play(*self._show_claim(data.weight_label), FadeIn(title, shift=0.15 * UP), run_time=self.theme.pacing.quick)
        # Each sample edge flashes yellow in the network as its row (with its number) arrives.
        for ((m, i, j), _), row in zip(samples, legend):
            self.play(
                self._flash(self.network.edge(m, i, j), colors.accent, width=self.theme.strokes.thick + 2),
                FadeIn(row, shift=0.2 * LEFT),
                run_time=0.9,
            )
        self._wait_until(started + reading)

    def zoom_into_neuron(self) -> None:
        """One input, its edge and the neuron light up; the camera moves in until they fill the
        frame; then the neuron's arithmetic: × w, + b, the activation, ŷ."""
        data = self.data
        story = data.story
        colors = self.theme.colors
        network = self.network
        source = network.neuron(0, story.focus_input)
        target = network.neuron(1, story.focus_unit)
        edge = network.edge(0, story.focus_input, story.focus_unit)
        network.save_state()
        kept = {id(source), id(target), id(edge)}
        others = [part for part in network.get_family() if part.has_points() and id(part) not in kept]
        # The camera move: one scale and shift taking the input and the neuron to 01's columns.
        start, end = source.get_center(), target.get_center()
        scale = (ZOOM_NEURON_X - ZOOM_INPUT_X) / float(end[0] - start[0])
        shift = np.array([ZOOM_INPUT_X - scale * start[0], ZOOM_MID_Y - scale * (start[1] + end[1]) / 2, 0.0])
        zoomed_input = scale * start + shift
        zoomed_neuron = scale * end + shift
        radius = NEURON_RADIUS * scale

        glyph = activation_glyph("relu", width=radius * 1.0, theme=self.theme).move_to(zoomed_neuron)
        x_inside = self.text("x", "body").move_to(zoomed_input)
        y_hat_center = np.array([Y_HAT_X, zoomed_neuron[1], 0.0])
        y_hat = VGroup(
            Circle(radius=radius, stroke_color=colors.forward, stroke_width=self.theme.strokes.normal).set_fill(colors.panel, opacity=1.0),
            self.text("\u0177", "body", color=colors.forward),
        ).move_to(y_hat_center)
        output = Arrow(zoomed_neuron + radius * RIGHT, y_hat.get_left(), buff=0.08, color=colors.muted, stroke_width=self.theme.strokes.normal)
        wire = Line(zoomed_input, zoomed_neuron)
        wire_mid = (zoomed_input + zoomed_neuron) / 2
        x_label = self.text(f"x = {self.fmt(data.x)}", "label", color=colors.forward).next_to(zoomed_input + radius * DOWN, DOWN, buff=0.25)
        times_w = VGroup(
            self.text(f"\u00d7 {self.fmt(data.w)}", "body"), self.text("w", "label", color=colors.muted)
        ).arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        times_w.move_to(wire_mid + 0.6 * UP)
        plus_b = VGroup(
            self.text(f"+ {self.fmt(data.b)}", "body"), self.text("b", "label", color=colors.muted)
        ).arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        plus_b.next_to(zoomed_neuron + radius * DOWN, DOWN, buff=0.25)
        y_hat_label = self.text(f"\u0177 = {self.fmt(data.y_hat)}", "body", color=colors.forward).next_to(y_hat, UP, buff=0.3)
        self.zoom_parts = VGroup(glyph, x_inside, output, y_hat, x_label, times_w, plus_b, y_hat_label)

        started, reading = self.time, self.caption(data.neuron_sentence)
        self.play(
            *self._show_claim(data.neuron_label),
            FadeOut(self.legend),
            FadeOut(self.layer_labels),
            source.animate.set_stroke(colors.accent),
            target.animate.set_stroke(colors.accent),
            edge.animate.set_stroke(colors.accent, opacity=1.0),
            # The rest of the network leaves before the move, so none of it sweeps through the subtitle band.
            *(part.animate.set_stroke(opacity=0.0).set_fill(opacity=0.0) for part in others),
            run_time=self.theme.pacing.normal,
        )
        # One target for the whole move (the rest fades as it leaves the frame), so no two
        # animations pull at the same parts.
        network.generate_target()
        network.target.scale(scale, about_point=np.zeros(3)).shift(shift)
        for moved, part in zip(network.target.get_family(), network.get_family()):
            if any(part is other for other in others):
                moved.set_stroke(opacity=0.0).set_fill(opacity=0.0)
        self.play(MoveToTarget(network), run_time=self.theme.pacing.slow)
        self.play(FadeIn(x_inside), FadeIn(x_label, shift=0.15 * UP), run_time=self.theme.pacing.quick)
        self.play(self._flash(wire, colors.forward), FadeIn(times_w, shift=0.15 * DOWN), run_time=self.theme.pacing.normal)
        self.play(FadeIn(plus_b, shift=0.15 * UP), FadeIn(glyph), run_time=self.theme.pacing.normal)
        self.play(Create(output), FadeIn(y_hat, shift=0.2 * LEFT), run_time=self.theme.pacing.quick)
        # The signal runs x → neuron → ŷ (forward, blue); ŷ's value appears as it arrives.
        through = Line(output.get_start(), output.get_end())
        self.play(Succession(self._flash(wire, colors.forward), self._flash(through, colors.forward)), run_time=self.theme.pacing.normal)
        self.play(FadeIn(y_hat_label, scale=1.2), Indicate(y_hat, color=colors.forward), run_time=self.theme.pacing.quick)
        self._wait_until(started + reading)

    def learn_weights(self) -> None:
        """Back out to the network: learning moves every weight (edges thicken, thin, change dashes)
        while the guide's edge ticks from w to the example's next w."""
        data = self.data
        colors = self.theme.colors
        story = data.story
        edge = self.network.edge(0, story.focus_input, story.focus_unit)
        started = self.time
        self.caption(data.learning_sentence, duration=6.0)
        self.play(*self._show_claim(data.learning_label), FadeOut(self.zoom_parts), Restore(self.network), run_time=self.theme.pacing.slow)
        tracker = ValueTracker(data.w)
        digits = max(len(self.fmt(data.w_new).split(".")[-1]), 1)
        self.fmt(data.w, digits)
        readout = LiveReadout("w =", tracker, digits, role="body", label_color=colors.accent, color=colors.accent)
        sample = Line(np.zeros(3), LEGEND_LINE * RIGHT).set_stroke(colors.accent, width=self.theme.strokes.thick)
        panel = VGroup(sample, readout).arrange(RIGHT, buff=0.3).move_to([LEGEND_X, NETWORK_Y + 0.3, 0.0])
        panel.shift(min(0.0, content_area().right - 0.1 - panel.get_right()[0]) * RIGHT)
        self.play(edge.animate.set_stroke(colors.accent, opacity=1.0), FadeIn(panel, shift=0.2 * LEFT), run_time=self.theme.pacing.quick)
        restyles = []
        for m, matrix in enumerate(data.focus_trained_weights):
            for (i, j), value in np.ndenumerate(matrix):
                line = self.network.edge(m, int(i), int(j))
                move = line.animate.set_weight(float(value), data.max_abs_weight)
                restyles.append(move.set_stroke(colors.accent, opacity=1.0) if line is edge else move)
        self.play(*restyles, tracker.animate.set_value(data.w_new), run_time=2.5)
        self.play(self._flash(edge, colors.text), run_time=self.theme.pacing.normal)
        self._wait_until(started + self.captions[-1].duration)

    def _flash(self, line, hue: str, width: float | None = None) -> ShowPassingFlash:
        """A flash of ``hue`` along ``line`` (one clean stroke from its start to its end)."""
        stroke = Line(line.get_start(), line.get_end()).set_stroke(hue, width=width or self.theme.strokes.thick)
        return ShowPassingFlash(stroke, time_width=0.6)

    def _weight_line(self, value: float, length: float) -> Line:
        """A single edge in the kit's weight style for ``value`` (the same scale as the network)."""
        link = LayeredNetwork([np.array([[value]])], max_abs=self.data.max_abs_weight, width=length + 0.02, height=0.0, neuron_radius=0.01, theme=self.theme)
        return link.edges[0][0]

    def _claim_scale(self) -> float:
        """Every claim at one size: the size at which the longest of them fits over the network."""
        if not hasattr(self, "claim_scale"):
            data = self.data
            longest = max(
                self.text(other, "subheading").width
                for other in (data.layers_label, data.weight_label, data.neuron_label, data.learning_label)
            )
            self.claim_scale = min(1.0, (NETWORK_WIDTH + 1.2) / longest)
        return self.claim_scale

    def _show_claim(self, words: str) -> list:
        """Animations that replace the beat's key claim (a short label centred over the network)."""
        claim = self.text(words, "subheading", color=self.theme.colors.text)
        claim.scale(self._claim_scale())
        claim.move_to([NETWORK_X, CLAIM_Y, 0.0])
        claim.shift(max(0.0, content_area().left + 0.1 - claim.get_left()[0]) * RIGHT)
        old, self.claim = self.claim, claim
        if not len(old):
            return [FadeIn(claim, shift=0.15 * UP)]
        # Out, then in: the two never share a frame.
        return [Succession(FadeOut(old, shift=0.15 * UP, run_time=0.3), FadeIn(claim, shift=0.15 * UP, run_time=0.5))]

    def _wait_until(self, moment: float) -> None:
        if moment - self.time > 1e-3:
            self.wait(moment - self.time)
