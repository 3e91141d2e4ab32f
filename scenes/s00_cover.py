"""00 Cover: the title over a small real network that pulses forward, then backward."""

from __future__ import annotations

from manim import DOWN, UL, UP, FadeIn, LaggedStart, RoundedRectangle, VGroup, Write

from scenes.kit.anatomy_parts import LayeredNetwork
from scenes.kit.base import SectionScene
from scenes.kit.layout import SAFE_MARGIN, fit_width, safe_area

#: How strongly the background network shows behind the title (it must not fight the text).
NETWORK_OPACITY = 0.45
#: Text and its dark backing sit above the network, whose animated neurons would otherwise jump in front.
BACKING_Z = 5
TEXT_Z = 6


class Cover(SectionScene):
    section_number = 0

    def construct(self) -> None:
        self.show_network()
        self.show_title()
        self.pulse_forward_and_back()
        self.show_subtitle_and_tags()
        self.pulse_forward_and_back()
        self.end_section()

    def show_network(self) -> None:
        pulse = self.data.pulse
        self.network = LayeredNetwork(pulse.weights, width=11.5, height=5.6, neuron_radius=0.26, theme=self.theme)
        self.network.set_opacity(NETWORK_OPACITY)
        kicker = self.text(self.guide.kicker, "header", color=self.theme.colors.muted)
        kicker.to_corner(UL, buff=SAFE_MARGIN)
        self.play(FadeIn(self.network), FadeIn(kicker), run_time=self.theme.pacing.normal)

    def show_title(self) -> None:
        data = self.data
        title = self.text(data.title, "title", bold=True)
        heading = self.text(data.heading, "subheading", color=self.theme.colors.forward)
        fit_width(heading, safe_area().width - 1.0)
        self.title_block = VGroup(title, heading).arrange(DOWN, buff=0.35).move_to(0.6 * UP)
        self.backing = RoundedRectangle(
            corner_radius=self.theme.corner_radius,
            width=self.title_block.width + 0.9,
            height=self.title_block.height + 0.6,
        ).set_fill(self.theme.colors.background, opacity=0.82).set_stroke(width=0)
        self.backing.move_to(self.title_block).set_z_index(BACKING_Z)
        self.title_block.set_z_index(TEXT_Z)
        self.add(self.backing)
        self.caption(f"{data.title}: {data.heading}.")
        self.play(Write(title), run_time=self.theme.pacing.slow)
        self.play(FadeIn(heading, shift=0.2 * UP), run_time=self.theme.pacing.normal)
        self.pause()

    def pulse_forward_and_back(self) -> None:
        pulse = self.data.pulse
        self.play(self.network.forward_pulse(pulse.activation_levels), run_time=2.4)
        self.play(self.network.backward_pulse(pulse.gradient_levels), run_time=2.4)
        self.play(self.network.reset_neurons(), run_time=self.theme.pacing.quick)

    def show_subtitle_and_tags(self) -> None:
        data = self.data
        colors = self.theme.colors
        subtitle = self.paragraph(data.subtitle, max_width=11.0, role="body", align="center")
        tags = VGroup(*(self._tag(tag) for tag in data.tags)).arrange(buff=0.35)
        fit_width(tags, safe_area().width)
        lower = VGroup(subtitle, tags).arrange(DOWN, buff=0.4)
        lower.next_to(self.title_block, DOWN, buff=0.55)
        lower_backing = RoundedRectangle(
            corner_radius=self.theme.corner_radius, width=lower.width + 0.8, height=lower.height + 0.4
        ).set_fill(colors.background, opacity=0.82).set_stroke(width=0).move_to(lower)
        lower_backing.set_z_index(BACKING_Z)
        lower.set_z_index(TEXT_Z)
        self.add(lower_backing)
        self.say(data.subtitle, FadeIn(subtitle, shift=0.2 * UP))
        self.say(", ".join(data.tags), LaggedStart(*(FadeIn(tag, shift=0.2 * UP) for tag in tags), lag_ratio=0.3))

    def _tag(self, label: str) -> VGroup:
        colors = self.theme.colors
        text = self.text(label, "label", color=colors.text)
        pill = RoundedRectangle(corner_radius=0.28, width=text.width + 0.6, height=text.height + 0.4)
        pill.set_fill(colors.panel, opacity=1.0).set_stroke(colors.panel_edge, width=self.theme.strokes.thin)
        return VGroup(pill, text.move_to(pill))
