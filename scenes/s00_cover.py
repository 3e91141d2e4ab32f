"""00 Cover: the title above the story network, which predicts (blue, forward) and
then learns what to fix (orange, backward).

The network is the one section 02 takes apart, with the guide's neuron in it; the
pulses are its real forward activations and backward gradients for the example.
"""

from __future__ import annotations

from manim import DOWN, UL, UP, FadeIn, FadeOut, LaggedStart, RoundedRectangle, VGroup, Write

from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene
from scenes.kit.layout import SAFE_MARGIN, fit_width, safe_area

#: Vertical slots (manim units): the title block's centre, the network's, the label row under it.
TITLE_Y = 2.45
NETWORK_Y = -0.35
NETWORK_WIDTH = 9.0
NETWORK_HEIGHT = 2.9
LABEL_Y = -2.62
PULSE_TIME = 2.2


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
        pulse = self.data.pulse
        self.network = LayeredNetwork(
            pulse.weights, width=NETWORK_WIDTH, height=NETWORK_HEIGHT, neuron_radius=0.24, theme=self.theme
        )
        self.network.move_to(NETWORK_Y * UP)
        kicker = self.text(self.guide.kicker, "header", color=self.theme.colors.muted)
        kicker.to_corner(UL, buff=SAFE_MARGIN)
        self.play(
            LaggedStart(*(FadeIn(column, scale=0.8) for column in self.network.layers), lag_ratio=0.2),
            FadeIn(VGroup(*self.network.edges)),
            FadeIn(kicker),
            run_time=self.theme.pacing.normal,
        )

    def show_title(self) -> None:
        data = self.data
        title = self.text(data.title, "title", bold=True)
        heading = self.text(data.heading, "subheading", color=self.theme.colors.muted)
        fit_width(heading, safe_area().width - 1.0)
        VGroup(title, heading).arrange(DOWN, buff=0.3).move_to(TITLE_Y * UP)
        self.caption(f"{data.title}: {data.heading}.")
        self.play(Write(title), run_time=self.theme.pacing.slow)
        self.play(FadeIn(heading, shift=0.2 * UP), run_time=self.theme.pacing.normal)

    def pulse_with_labels(self) -> None:
        """Forward to the output in blue (a prediction), then back in orange (what to fix)."""
        data, colors = self.data, self.theme.colors
        forward = self.text(data.forward_label, "label", color=colors.forward).move_to(LABEL_Y * UP)
        backward = self.text(data.backward_label, "label", color=colors.gradient).move_to(LABEL_Y * UP)
        self.play(
            self.network.forward_pulse(data.pulse.activation_levels, run_time=PULSE_TIME),
            FadeIn(forward, shift=0.15 * UP, run_time=self.theme.pacing.quick),
        )
        self.play(
            self.network.backward_pulse(data.pulse.gradient_levels, run_time=PULSE_TIME),
            FadeOut(forward, run_time=self.theme.pacing.quick),
            FadeIn(backward, shift=0.15 * UP, run_time=self.theme.pacing.quick),
        )
        self.play(self.network.reset_neurons(), FadeOut(backward), run_time=self.theme.pacing.quick)

    def show_subtitle_and_tags(self) -> None:
        """The guide's subtitle (a caption) while its tags appear and the network pulses once more."""
        data = self.data
        tags = VGroup(*(self._tag(tag) for tag in data.tags)).arrange(buff=0.35)
        fit_width(tags, safe_area().width)
        tags.move_to(LABEL_Y * UP)
        started = self.time
        reading = self.caption(data.subtitle)
        self.play(LaggedStart(*(FadeIn(tag, shift=0.2 * UP) for tag in tags), lag_ratio=0.3), run_time=self.theme.pacing.normal)
        self.play(self.network.forward_pulse(data.pulse.activation_levels, run_time=PULSE_TIME))
        self.play(self.network.backward_pulse(data.pulse.gradient_levels, run_time=PULSE_TIME))
        self.play(self.network.reset_neurons(), run_time=max(self.theme.pacing.quick, started + reading - self.time))

    def _tag(self, label: str) -> VGroup:
        colors = self.theme.colors
        text = self.text(label, "label", color=colors.text)
        pill = RoundedRectangle(corner_radius=0.28, width=text.width + 0.6, height=text.height + 0.4)
        pill.set_fill(colors.panel, opacity=1.0).set_stroke(colors.panel_edge, width=self.theme.strokes.thin)
        return VGroup(pill, text.move_to(pill))
