"""00 Cover: the story network from the first frame, the title over it, and the
network predicting (blue, forward) and then learning what to fix (orange, backward).

The network is the one section 02 takes apart, with the guide's neuron in it; the
pulses are its real forward activations and backward gradients for the example.
Each wave draws every edge once, in the edge's own style (width, dashes) and the
pass's colour; neurons switch straight to the pass's colour (a blue neuron dims
before it turns orange, so no colour is ever mixed from the two).
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, UL, UP, Create, FadeIn, FadeOut, LaggedStart, ManimColor, RoundedRectangle, VGroup, interpolate_color, smooth

from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene
from scenes.kit.layout import SAFE_MARGIN, fit_width, safe_area

#: Vertical slots (manim units): the title block's centre, the network's, the guide's
#: line and the tag row under it (tags end well above the subtitle band at y = -3.04).
TITLE_Y = 2.6
NETWORK_Y = 0.1
NETWORK_WIDTH = 8.6
NETWORK_HEIGHT = 2.45
LINE_Y = -1.8
TAG_Y = -2.45
TAG_HEIGHT = 0.56
#: The first picture is up within this long (scenes play back to back).
OPENING = 0.5
PULSE_TIME = 2.0


class Cover(SectionScene):
    section_number = 0

    def construct(self) -> None:
        self.step("the network")
        self.show_network()
        self.show_title()
        self.step("forward, then back")
        self.pulse_with_labels()
        self.step("the guide")
        self.show_subtitle_and_tags()
        self.end_section()

    def show_network(self) -> None:
        """The network is the first picture, faded in at once."""
        pulse = self.data.pulse
        self.network = LayeredNetwork(
            pulse.weights, width=NETWORK_WIDTH, height=NETWORK_HEIGHT, neuron_radius=0.23, theme=self.theme
        )
        self.network.move_to(NETWORK_Y * UP)
        kicker = self.text(self.guide.kicker, "header", color=self.theme.colors.muted)
        kicker.to_corner(UL, buff=SAFE_MARGIN)
        # The fade starts a third of the way in, so even the first frame shows the network.
        self.play(FadeIn(self.network), FadeIn(kicker), run_time=OPENING, rate_func=lambda t: 0.35 + 0.65 * smooth(t))

    def show_title(self) -> None:
        data = self.data
        title = self.text(data.title, "title", bold=True)
        heading = self.text(data.heading, "subheading", color=self.theme.colors.muted)
        fit_width(heading, safe_area().width - 1.0)
        VGroup(title, heading).arrange(DOWN, buff=0.28).move_to(TITLE_Y * UP)
        self.caption(f"{data.title}: {data.heading}.")
        self.play(FadeIn(title, shift=0.2 * DOWN), FadeIn(heading, shift=0.2 * UP), run_time=1.0)

    def pulse_with_labels(self) -> None:
        """Forward to the output in blue (a prediction), then back in orange (what to fix)."""
        data, colors = self.data, self.theme.colors
        forward = self.text(data.forward_label, "label", color=colors.forward).move_to(LINE_Y * UP)
        backward = self.text(data.backward_label, "label", color=colors.gradient).move_to(LINE_Y * UP)
        self.pulse(backward=False, extra=[FadeIn(forward, shift=0.15 * UP)])
        self.pulse(backward=True, extra=[FadeOut(forward)], extra_late=[FadeIn(backward, shift=0.15 * UP)])
        self.play(self._rest(), FadeOut(backward), run_time=self.theme.pacing.quick)

    def show_subtitle_and_tags(self) -> None:
        """The guide's subtitle (a caption; on screen without "interactive") and its tags, while the
        network pulses once more."""
        data = self.data
        line = self.text(data.screen_subtitle, "label", color=self.theme.colors.text)
        fit_width(line, safe_area().width - 2.5)
        line.move_to(LINE_Y * UP)
        tags = VGroup(*(self._tag(tag) for tag in data.tags)).arrange(buff=0.35)
        fit_width(tags, safe_area().width)
        tags.move_to(TAG_Y * UP)
        started = self.time
        reading = self.caption(data.subtitle)
        self.play(
            FadeIn(line, shift=0.15 * UP),
            LaggedStart(*(FadeIn(tag, shift=0.15 * UP) for tag in tags), lag_ratio=0.3),
            run_time=self.theme.pacing.normal,
        )
        self.pulse(backward=False)
        self.pulse(backward=True)
        self.play(self._rest(), run_time=max(self.theme.pacing.quick, started + reading - self.time))

    # ---- the pulse ------------------------------------------------------------------

    def pulse(self, backward: bool, extra: list | None = None, extra_late: list | None = None) -> None:
        """One wave through the network: each edge drawn once in its own style and the pass's
        colour (blue forward, orange backward), each layer lit when the wave reaches it."""
        data, colors = self.data.pulse, self.theme.colors
        hue = colors.gradient if backward else colors.forward
        network = self.network
        count = len(network.edges)
        order = list(reversed(range(count))) if backward else list(range(count))
        step_time = PULSE_TIME / (count + 1)
        if backward:
            levels = [np.ones(n) for n in network.sizes]
            first = count
            # A lit network dims to rest first, so blue never blends into orange.
            self.play(self._rest(), *(extra or []), run_time=0.3)
            extra = []
        else:
            levels = [np.asarray(level) for level in data.activation_levels]
            first = 0
        self.play(self._light(first, levels[first], hue), *(extra or []), run_time=step_time)
        previous = None
        for k, m in enumerate(order):
            waves = VGroup(*(self._wave(edge, hue, m, backward) for edge in network.edges[m]))
            layer = m if backward else m + 1
            anims = [Create(waves, lag_ratio=0.0), self._light(layer, levels[layer], hue)]
            if previous is not None:
                anims.append(FadeOut(previous))
            if k == 0 and extra_late:
                anims += extra_late
            self.play(*anims, run_time=step_time)
            previous = waves
        self.play(FadeOut(previous), run_time=0.3)

    def _wave(self, edge, hue: str, matrix: int, backward: bool):
        wave = edge.copy().set_stroke(hue, opacity=1.0)
        if backward:
            # Width follows the size of this weight's gradient (thin = little to fix).
            gradient = self.data.pulse.gradient_levels[matrix]
            strokes = self.theme.strokes
            index = list(self.network.edges[matrix]).index(edge)
            level = float(np.ravel(gradient)[index])
            wave.set_stroke(width=strokes.edge_min + 1.0 + level * (strokes.edge_max - strokes.edge_min))
            wave.reverse_points()
        else:
            wave.set_stroke(width=max(edge.get_stroke_width(), 2.5))
        return wave

    def _light(self, layer: int, levels, hue: str):
        panel = ManimColor(self.theme.colors.panel)
        return LaggedStart(
            *(
                neuron.animate.set_fill(interpolate_color(panel, ManimColor(hue), 0.3 + 0.7 * float(level)), opacity=1.0).set_stroke(hue)
                for neuron, level in zip(self.network.layers[layer], levels)
            ),
            lag_ratio=0.0,
        )

    def _rest(self):
        colors = self.theme.colors
        return LaggedStart(
            *(neuron.animate.set_fill(colors.panel, opacity=1.0).set_stroke(colors.text) for column in self.network.layers for neuron in column),
            lag_ratio=0.0,
        )

    def _tag(self, label: str) -> VGroup:
        """A chip: every chip the same height, every label on the same baseline."""
        colors = self.theme.colors
        text = self.text(label, "label", color=colors.text)
        pill = RoundedRectangle(corner_radius=TAG_HEIGHT / 2, width=text.width + 0.6, height=TAG_HEIGHT)
        pill.set_fill(colors.panel, opacity=1.0).set_stroke(colors.panel_edge, width=self.theme.strokes.thin)
        # Capitals sit on the baseline: centre the first letter's height, not the ink (descenders hang below).
        first = text.submobjects[0]
        text.move_to(pill).shift((pill.get_center()[1] - first.get_center()[1]) * UP)
        return VGroup(pill, text)
