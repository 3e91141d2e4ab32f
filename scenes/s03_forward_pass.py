"""03 The Forward Pass: x travels through Multiply, Add Bias and ReLU to become ŷ.

The value token morphs at each box; the equation ŷ = ReLU(w·x + b) is then
assembled piece by piece from the same numbers; finally the ReLU curve shows
where z lands, on the rising side or, for a dead ReLU, on the flat part.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Circumscribe,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    MathTex,
    Transform,
    ValueTracker,
    VGroup,
    Write,
)

from scenes.kit import ComputationChain, LiveReadout, LossPlot, content_area, fit_width, keep_inside
from scenes.kit.base import SectionScene


class ForwardPass(SectionScene):
    section_number = 3

    def construct(self) -> None:
        self.show_header()
        self.intro()
        self.build_chain()
        self.send_value_through()
        self.assemble_equation()
        self.clear_content(keep_heading=True)
        self.relu_curve()
        self.summary()
        self.end_section()

    def intro(self) -> None:
        self.intro_text = self.show_intro(self.data.intro)

    def build_chain(self) -> None:
        data = self.data
        area = content_area()
        stages = [("Input", f"x = {self.fmt(data.x)}")]
        stages += [(stage.name, stage.operation) for stage in data.stages]
        stages.append(("Output", f"\u0177 = {self.fmt(data.y_hat)}"))
        # The operation labels carry w and b, formatted in the data with fmt.
        self.fmt(data.w)
        self.fmt(data.b)
        self.chain = ComputationChain(stages, width=area.width)
        self.chain.next_to(self.intro_text, DOWN, buff=0.5)
        self.chain.set_x(area.center[0])
        output_value = self.chain.boxes[-1][2]
        output_value.set_opacity(0)
        self.play(
            AnimationGroup(
                *(FadeIn(box, shift=0.2 * RIGHT) for box in self.chain.boxes),
                *(Create(arrow) for arrow in self.chain.arrows),
                lag_ratio=0.15,
            ),
            run_time=self.theme.pacing.slow,
        )
        self.pause()

    def token_texts(self) -> list[str]:
        data = self.data
        texts = [f"x = {self.fmt(data.x)}"]
        texts += [f"{stage.symbol_out} = {self.fmt(stage.value_out)}" for stage in data.stages]
        texts.append(f"\u0177 = {self.fmt(data.y_hat)}")
        return texts

    def send_value_through(self) -> None:
        data = self.data
        texts = self.token_texts()
        stops = [self.chain.token_at(index, text) for index, text in enumerate(texts)]
        token = stops[0].copy()
        self.play(FadeIn(token, shift=0.2 * UP), run_time=self.theme.pacing.quick)
        for index, stage in enumerate(data.stages, start=1):
            words = f"{stage.name} ({stage.operation}): {texts[index]}"
            self.caption(words, duration=2.0)
            self.play(
                Transform(token, stops[index]),
                Circumscribe(self.chain.boxes[index], color=self.theme.colors.accent, buff=0.08),
                run_time=self.theme.pacing.normal,
            )
            self.wait(0.8)
        output_value = self.chain.boxes[-1][2]
        self.play(
            Transform(token, stops[-1]),
            output_value.animate.set_opacity(1),
            run_time=self.theme.pacing.normal,
        )
        self.token = token
        self.pause()

    def assemble_equation(self) -> None:
        area = content_area()
        parts = MathTex(*self.data.equation_tex, font_size=60, color=self.theme.colors.text)
        self.fmt(self.data.z)
        self.fmt(self.data.y_hat)
        parts[0].set_color(self.theme.colors.forward)
        parts[-1].set_color(self.theme.colors.forward)
        # Two lines: the rule, then the numbers, with the "=" signs lined up.
        first_line, second_line = VGroup(parts[0], parts[1]), VGroup(*parts[2:])
        second_line.next_to(first_line, DOWN, buff=0.35).align_to(parts[1], LEFT)
        fit_width(parts, area.width)
        parts.next_to(self.token, DOWN, buff=0.4).set_x(area.center[0])
        keep_inside(parts, area)
        self.caption(self.data.equation_text, duration=6.5)
        self.play(FadeOut(self.intro_text), Write(parts[0]), Write(parts[1]), run_time=self.theme.pacing.normal)
        for part in parts[2:]:
            self.play(Write(part), run_time=1.0)
            self.wait(0.3)
        box = VGroup(parts[-1])
        self.play(Indicate(box, color=self.theme.colors.accent), run_time=self.theme.pacing.normal)
        self.beat()

    def relu_curve(self) -> None:
        data = self.data
        area = content_area()
        colors = self.theme.colors
        z_axis = data.relu_z_axis
        xs = [z_axis.low, 0.0, z_axis.high]
        z_tracker = ValueTracker(z_axis.low)
        plot = LossPlot(
            xs,
            [data.relu(x) for x in xs],
            z_tracker,
            x_label="z",
            y_label="ReLU(z)",
            x_length=6.2,
            y_length=3.9,
            y_function=data.relu,
            x_ticks=list(data.relu_z_ticks),
            y_ticks=list(data.relu_out_ticks),
            curve_color=colors.forward,
        )
        for tick in (*data.relu_z_ticks, *data.relu_out_ticks):
            self.fmt(tick)
        plot.move_to([area.left + 3.6, area.center[1] - 0.1, 0])
        keep_inside(plot, area)

        readout_z = LiveReadout("z =", z_tracker, role="body")
        readout_out = LiveReadout("ReLU(z) =", lambda: data.relu(z_tracker.get_value()), role="body", color=colors.forward)
        readouts = VGroup(readout_z, readout_out).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        right_left = plot.get_right()[0] + 0.8
        readouts.move_to([0, plot.get_top()[1] - 0.5, 0]).align_to([right_left, 0, 0], LEFT)
        self.fmt(data.z)
        self.fmt(data.y_hat)

        note_color = colors.text if data.relu_active else colors.accent
        note = self.paragraph(data.relu_note, max_width=area.right - right_left, role="label", color=note_color)
        note.next_to(readouts, DOWN, buff=0.5).align_to(readouts, LEFT)
        keep_inside(note, area)

        self.play(FadeIn(plot), FadeIn(readouts), run_time=self.theme.pacing.normal)
        guide = DashedLine(plot.axes.c2p(data.z, 0), plot.point_at(data.z), color=colors.muted, stroke_width=3)
        self.play(z_tracker.animate.set_value(data.z), run_time=2.5)
        self.play(Create(guide), run_time=self.theme.pacing.quick)
        if not data.relu_active:
            flat = Line(plot.axes.c2p(z_axis.low, 0), plot.axes.c2p(0, 0), color=colors.accent, stroke_width=9)
            self.play(Create(flat), Indicate(plot.dot, color=colors.accent, scale_factor=1.6), run_time=self.theme.pacing.normal)
        self.say(data.relu_note, FadeIn(note, shift=0.2 * UP))

    def summary(self) -> None:
        """The guide's one-line recipe, with the three working boxes lit in turn."""
        area = content_area()
        self.clear_content(keep_heading=True)
        self.chain.move_to([area.center[0], area.top - 1.0, 0])
        text = self.paragraph(self.data.summary, max_width=area.width * 0.8, role="subheading", align="center")
        text.next_to(self.chain, DOWN, buff=0.9)
        self.caption(self.data.summary, duration=self.theme.pacing.reading_time(self.data.summary) + 1.0)
        self.play(FadeIn(self.chain), FadeIn(text, shift=0.2 * UP), run_time=self.theme.pacing.normal)
        for box in self.chain.boxes[1:-1]:
            # Circumscribe rather than Indicate: recolouring a filled box would hide its text.
            self.play(Circumscribe(box, color=self.theme.colors.accent, buff=0.08), run_time=1.0)
        self.wait(1.5)
