"""03 The Forward Pass: x travels through Multiply, Add Bias and ReLU to become ŷ.

The guide's neuron is a chain of boxes. Its value rides the wires as a chip: it
slides under a box, the box lights up, and a chip with the box's result comes out
(no text ever morphs). At the ReLU box a plot opens to show where z lands. Then the
guide's equation is assembled from the numbers flying out of the boxes, and the
recipe "multiply, add bias, activate" closes the scene with the boxes lit in turn.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromPoint,
    LaggedStart,
    ShowPassingFlash,
    Succession,
    ValueTracker,
    VGroup,
)

from scenes.kit import LossPlot, content_area, fit_width
from scenes.kit.base import SectionScene
from scenes.kit.neuron_chain import NeuronChain, fly_number, glyphs_at, glyphs_of, neuron_stages, set_visible

#: Wire symbols, left to right: what each wire carries.
WIRE_SYMBOLS = ("x", "w\u00b7x", "z", "\u0177")


class ForwardPass(SectionScene):
    section_number = 3

    def construct(self) -> None:
        self.open_on_the_neuron()
        self.value_enters()
        self.multiply_by_w()
        self.add_the_bias()
        self.activate()
        self.output()
        self.the_equation()
        self.thats_it()
        self.end_section()

    # Steps ----------------------------------------------------------------------

    def open_on_the_neuron(self) -> None:
        """Header and the neuron's boxes together: a picture from the first second."""
        self.step("the neuron")
        data = self.data
        area = content_area()
        self.header, self.heading = self.make_header()
        stages = neuron_stages(data.input_text, [(stage.name, stage.operation) for stage in data.stages], data.output_text)
        for value in (data.x, data.w, data.b, data.y_hat_shown):
            self.fmt(value)
        self.chain = NeuronChain(stages, width=area.width)
        self.chain.move_to([area.center[0], area.top - 1.2, 0])
        set_visible(self.chain.boxes[-1].operation, False)
        build = AnimationGroup(
            FadeIn(self.header, shift=0.2 * DOWN),
            FadeIn(self.heading),
            LaggedStart(*(FadeIn(box, shift=0.2 * RIGHT) for box in self.chain.boxes), lag_ratio=0.25),
            LaggedStart(*(GrowArrow(wire) for wire in self.chain.wires), lag_ratio=0.25),
        )
        # "Data flows from input to output": a pulse runs along the wires once.
        self.say(data.intro, Succession(build, self.wire_pulse(run_time=1.4)), run_time=3.4)

    def value_enters(self) -> None:
        self.step("value enters")
        data = self.data
        self.chip = self.chain.chip_on_wire(0, self.fmt(data.x))
        self.symbols = [self.chain.wire_label(k, symbol) for k, symbol in enumerate(WIRE_SYMBOLS)]
        self.say(
            f"Input: {data.input_text}",
            AnimationGroup(self.chain.pass_through(None, 0, self.chip, run_time=1.2), FadeIn(self.symbols[0])),
            run_time=1.2,
        )

    def multiply_by_w(self) -> None:
        self.step("multiply by w")
        self.through_box(1)

    def add_the_bias(self) -> None:
        self.step("add the bias")
        self.through_box(2)

    def activate(self) -> None:
        """The chip goes into ReLU; a plot opens below the box and shows where z lands."""
        self.step("activate")
        data = self.data
        stage = data.stages[2]
        box = self.chain.boxes[3]
        plot, legend, drop, tracker = self.relu_plot()
        self.say(
            stage.sentence,
            Succession(
                self.chain.enter(self.chip, 3, run_time=0.7),
                AnimationGroup(self.chain.flash(3, run_time=0.8), GrowFromPoint(plot, box.get_bottom())),
            ),
            run_time=1.5,
        )
        self.say(
            data.relu_note,
            Succession(
                tracker.animate(run_time=1.4).set_value(stage.value_in),
                AnimationGroup(Create(drop), FadeIn(legend, shift=0.2 * RIGHT), run_time=0.8),
            ),
            run_time=2.2,
        )
        self.chip = self.chain.chip_on_wire(3, self.fmt(stage.value_out))
        self.play(
            self.chain.emerge(self.chip, 3),
            FadeIn(self.symbols[3]),
            FadeOut(VGroup(plot, drop), scale=0.3, target_position=box.get_bottom()),
            FadeOut(legend),
            run_time=0.9,
        )

    def output(self) -> None:
        self.step("output")
        data = self.data
        out = self.chain.boxes[-1].operation
        self.say(
            f"Output: {data.output_text}",
            Succession(self.chain.enter(self.chip, 4, run_time=0.7), AnimationGroup(self.chain.flash(4), self.reveal(out))),
            run_time=1.4,
        )

    def the_equation(self) -> None:
        """ŷ = ReLU(w · x + b) appears, then its numbers fly out of the boxes into place."""
        self.step("the equation")
        data = self.data
        colors = self.theme.colors
        area = content_area()
        equation = self.text(data.equation_text, "subheading")
        fit_width(equation, area.width)
        equation.move_to([area.center[0], self.chain.get_bottom()[1] - 1.0, 0])
        rule_length = len(data.equation_lines[0])
        rule = glyphs_at(equation, 0, rule_length)
        glyphs_of(equation, "\u0177", 0).set_color(colors.forward)
        sources = {
            "x": glyphs_of(self.chain.boxes[0].operation, data.equation_pieces[3].text),
            "w": self.chain.operation_glyphs(1, data.equation_pieces[1].text),
            "b": self.chain.operation_glyphs(2, data.equation_pieces[5].text),
            "y_hat": self.chain.operation_glyphs(4, data.equation_pieces[7].text),
        }
        flights, glue, landed, offset = {}, VGroup(), [], rule_length + 1
        for piece in data.equation_pieces:
            glyphs = glyphs_at(equation, offset, offset + len(piece.text))
            offset += len(piece.text)
            if piece.source is None:
                glue.add(glyphs)
            else:
                flights[piece.source] = fly_number(sources[piece.source], glyphs)
                landed.append(glyphs)
        landed[-1].set_color(colors.forward)
        self.say(
            data.equation_text,
            Succession(
                FadeIn(rule, shift=0.2 * UP, run_time=0.8),
                FadeIn(glue, run_time=0.5),
                LaggedStart(flights["w"], flights["x"], flights["b"], lag_ratio=0.35, run_time=1.6),
                AnimationGroup(flights["y_hat"], self.chain.flash(4), run_time=0.9),
            ),
            run_time=3.8,
        )
        # The flown glyphs are the equation's own: swap the pieces for the whole text (no pixel changes).
        self.remove(rule, glue, *landed)
        self.add(equation)
        self.equation = equation

    def thats_it(self) -> None:
        """The recipe as a short label while the three working boxes light up in turn."""
        self.step("that's it")
        data = self.data
        area = content_area()
        claim = self.text(data.claim, "subheading", bold=True, color=self.theme.colors.accent)
        fit_width(claim, area.width)
        claim.next_to(self.equation, DOWN, buff=0.9)
        self.say(
            data.summary,
            Succession(
                FadeIn(claim, shift=0.2 * UP, run_time=0.8),
                *(self.chain.flash(k, run_time=0.7) for k in (1, 2, 3)),
                self.wire_pulse(run_time=1.2),
            ),
            run_time=4.1,
        )

    # Parts ----------------------------------------------------------------------

    def through_box(self, index: int) -> None:
        """The chip goes through box ``index`` (1: Multiply, 2: Add Bias) and comes out with its result."""
        stage = self.data.stages[index - 1]
        chip_out = self.chain.chip_on_wire(index, self.fmt(stage.value_out))
        self.say(
            stage.sentence,
            AnimationGroup(self.chain.pass_through(self.chip, index, chip_out, run_time=1.8), FadeIn(self.symbols[index])),
            run_time=1.8,
        )
        self.remove(self.chip)
        self.chip = chip_out

    def wire_pulse(self, run_time: float) -> Succession:
        """A flash of the forward colour along each wire in turn, input to output."""
        flashes = [
            ShowPassingFlash(wire.copy().set_stroke(color=self.theme.colors.forward, width=8), time_width=0.8)
            for wire in self.chain.wires
        ]
        return Succession(*flashes, run_time=run_time)

    def reveal(self, glyphs: VGroup) -> FadeIn:
        set_visible(glyphs, True)
        return FadeIn(glyphs, scale=1.2)

    def relu_plot(self) -> tuple[LossPlot, VGroup, DashedLine, ValueTracker]:
        """The ReLU curve under the Activate box, its dot at the left end, and a legend beside it."""
        data = self.data
        colors = self.theme.colors
        area = content_area()
        z_axis = data.relu_z_axis
        tracker = ValueTracker(z_axis.low)
        xs = [z_axis.low, 0.0, z_axis.high]
        plot = LossPlot(
            xs,
            [data.relu(x) for x in xs],
            tracker,
            x_label="z",
            y_label="ReLU(z)",
            x_length=3.8,
            y_length=2.1,
            y_function=data.relu,
            x_ticks=list(data.relu_z_ticks),
            y_ticks=list(data.relu_out_ticks),
            curve_color=colors.forward,
        )
        for tick in (*data.relu_z_ticks, *data.relu_out_ticks):
            self.fmt(tick)
        box = self.chain.boxes[3]
        plot.next_to(box, DOWN, buff=0.35).set_x(box.get_x())
        if plot.get_right()[0] > area.right:
            plot.shift((area.right - plot.get_right()[0]) * RIGHT)
        z = data.stages[2].value_in
        drop = DashedLine(plot.axes.c2p(z, 0), plot.point_at(z), color=colors.muted, stroke_width=3)
        point = self.text(data.relu_point_text, "body", color=colors.forward)
        self.fmt(z)
        self.fmt(data.y_hat_shown)
        note = self.text(data.relu_label, "caption", color=colors.text if data.relu_active else colors.accent)
        legend = VGroup(point, note).arrange(DOWN, aligned_edge=RIGHT, buff=0.25)
        fit_width(legend, plot.get_left()[0] - 0.5 - area.left)
        legend.next_to(plot, LEFT, buff=0.5).align_to(plot.axes, DOWN).shift(0.3 * UP)
        return plot, legend, drop, tracker
