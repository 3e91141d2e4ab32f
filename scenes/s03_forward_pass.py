"""03 The Forward Pass: x travels through Multiply, Add Bias and ReLU to become ŷ.

The scene opens on scene 02's picture of one neuron (x on an edge weighted w, a
bias b, out comes ŷ) and unfolds it into a chain of boxes. The value rides the
wires as a chip: it slides under a box, the box lights up, and a chip with the
box's result comes out (no text ever morphs). As each box works, its arithmetic is
written below the chain ("0.5 × 2.0 = 1.0"), with the numbers flying out of the
box and the chip. At the ReLU box a plot opens and the value drops onto its z axis
and rises to the curve. Then the written steps fold into the guide's equation, the
boxes light up with their terms while the recipe is said, and the prediction is
handed on to section 04 in its Output box.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Circumscribe,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    GrowArrow,
    Group,
    GrowFromPoint,
    LaggedStart,
    Line,
    ShowPassingFlash,
    Succession,
    Text,
    Transform,
    ValueTracker,
    VGroup,
    Wait,
)

from scenes.kit import LossPlot, Neuron, content_area, fit_width
from scenes.kit.base import SectionScene
from scenes.kit.neuron_chain import (
    NeuronChain,
    StageBox,
    fly_number,
    glyphs_at,
    glyphs_of,
    handoff_box,
    neuron_stages,
    pulse_color,
    recolor,
    set_baseline,
    set_visible,
    timeline,
    Z_BOXES,
)

#: Wire symbols, left to right: what each wire carries.
WIRE_SYMBOLS = ("x", "w\u00b7x", "z", "\u0177")
#: The chain's middle (y) and box height: the upper half of the frame; the working fills the lower half.
CHAIN_Y, BOX_HEIGHT = 1.05, 1.4
#: Room between a box's text and its border, either side.
BOX_PADDING = 0.24
#: The written steps: the x of their "=" column and the y of each row (the last row is the ReLU note).
WORKING_EQUALS_X = -2.6
WORKING_ROWS_Y = (-0.6, -1.3, -2.0, -2.65)
#: The equation: the x of its "=" column and the y of its two lines.
EQUATION_EQUALS_X = -2.4
EQUATION_ROWS_Y = (-0.75, -1.6)
#: Seconds (unslowed) in which each symbol of the equation lights up with its number.
READ_ALONG = 2.9


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
        self.hand_on_the_prediction()

    # Steps ----------------------------------------------------------------------

    def open_on_the_neuron(self) -> None:
        """Scene 02's neuron (x, w, b in, ŷ out) unfolds into the chain of boxes, left to right."""
        self.step("the neuron")
        data = self.data
        area = content_area()
        self.header, self.heading = self.make_header()
        stages = neuron_stages(data.input_text, [(stage.name, stage.operation) for stage in data.stages], data.output_text)
        self.chain = NeuronChain(stages, width=area.width, box_height=BOX_HEIGHT, padding=BOX_PADDING)
        self.chain.move_to([area.center[0], CHAIN_Y, 0])
        boxes = self.chain.boxes
        set_visible(boxes[-1].operation, False)
        picture, labels = self.neuron_picture()
        # Each label of the neuron lands on its place in a box (same text, same size: a move).
        landing = [
            (labels["x"], glyphs_of(boxes[0].operation, data.input_text)),
            (labels["w"], glyphs_of(boxes[1].operation, data.weight_text)),
            (labels["b"], glyphs_of(boxes[2].operation, data.bias_text)),
        ]
        for label, glyphs in landing:
            set_visible(glyphs, False)
            label.set_z_index(Z_BOXES + 1)  # in front of the box it lands in
        # "prediction ŷ" above the Output box: the lower half stays free for the working and the plot.
        self.output_label = self.text(data.output_label, "caption", color=self.theme.colors.forward)
        self.output_label.next_to(boxes[-1], UP, buff=0.18).align_to(boxes[-1], RIGHT)
        self.wire_labels = [self.chain.wire_label(k, symbol) for k, symbol in enumerate(WIRE_SYMBOLS)]
        text_color = self.theme.colors.text
        # The sentence's caption (and speech) spans the neuron, its flow, the unfolding and the pulse.
        with self.saying(data.intro):
            self.play(
                FadeIn(self.header, shift=0.2 * DOWN), FadeIn(self.heading), FadeIn(picture), FadeIn(VGroup(*labels.values())),
                run_time=0.8,
            )
            # The neuron at work, as section 02 left it: x and b flow in, ŷ flows out.
            x_edge, b_edge, y_edge = picture[2:5]
            flow = [
                ShowPassingFlash(edge.copy().set_stroke(self.theme.colors.forward, width=7), time_width=0.7)
                for edge in (x_edge, b_edge, y_edge)
            ]
            self.play(timeline(1.1, (0.0, 0.6, flow[0]), (0.0, 0.6, flow[1]), (0.5, 0.6, flow[2])))
            # The neuron opens into its boxes, left to right; its labels land in them.
            self.play(
                timeline(
                    2.0,
                    (0.0, 0.7, FadeOut(picture, scale=1.6)),
                    (0.0, 1.7, LaggedStart(*(FadeIn(box, shift=0.3 * RIGHT) for box in boxes), lag_ratio=0.3)),
                    (0.0, 1.7, LaggedStart(*(GrowArrow(wire) for wire in self.chain.wires), lag_ratio=0.3)),
                    *((0.25 * k, 1.0, label.animate.match_height(glyphs).move_to(glyphs).set_color(text_color))
                      for k, (label, glyphs) in enumerate(landing)),
                    (0.6, 1.2, FadeTransform(labels["y_hat"], self.output_label)),
                )
            )
            self.play(self.wire_pulse(run_time=1.3))
        # The landed labels are the boxes' own text now (pixel for pixel).
        for glyphs in (glyphs for _, glyphs in landing):
            set_visible(glyphs, True)
        self.remove(*labels.values())
        self.add(self.chain, self.output_label)

    def value_enters(self) -> None:
        """The Input box pulses as x leaves it on a chip."""
        self.step("value enters")
        data = self.data
        self.chip = self.chain.chip_on_wire(0, self.fmt(data.x))
        self.say(
            f"Input: {data.input_text}",
            AnimationGroup(self.chain.pass_through(None, 0, self.chip, run_time=1.4), FadeIn(self.wire_labels[0])),
            run_time=1.4,
        )

    def multiply_by_w(self) -> None:
        self.step("multiply by w")
        self.through_box(1)

    def add_the_bias(self) -> None:
        self.step("add the bias")
        self.through_box(2)

    def activate(self) -> None:
        """The chip goes into ReLU, its working is written, and on a plot z drops onto the axis and rises to the curve."""
        self.step("activate")
        data = self.data
        stage = data.stages[2]
        box = self.chain.boxes[3]
        row, parts = self.working_row(2)
        plot, note, drop, level = self.relu_plot()
        z = stage.value_in
        token = Dot(radius=0.11, color=self.theme.colors.accent).move_to(box.get_bottom())
        token.set_opacity(0)
        on_axis = plot.axes.c2p(z, 0)
        self.narrate(
            stage.sentence,
            timeline(
                2.2,
                (0.0, 0.6, self.chain.enter(self.chip, 3)),
                (0.0, 0.6, AnimationGroup(*parts["write"])),
                (0.6, 0.8, self.chain.flash(3)),
                (0.6, 0.8, GrowFromPoint(plot, box.get_bottom())),
                (1.4, 0.8, token.animate.set_opacity(1).move_to(on_axis)),
                (1.4, 0.6, FadeIn(parts["out"], shift=0.15 * DOWN)),
            ),
        )
        with self.saying(data.relu_note) as sentence:
            # A long note (the dead ReLU's, or a slow voice) is underlined once more before it is done.
            total = min(max(1.8, sentence - 1.6), 5.0)
            underline = [(total - 1.0, 1.0, Circumscribe(note, color=self.theme.colors.accent))] if total > 2.8 else []
            self.play(
                timeline(
                    total,
                    (0.0, 1.0, token.animate.move_to(plot.point_at(z))),
                    (0.0, 1.0, Create(drop)),
                    (1.0, 0.8, Create(level)),
                    (1.0, 0.8, FadeIn(note, shift=0.2 * UP)),
                    *underline,
                )
            )
        self.chip = self.chain.chip_on_wire(3, self.fmt(stage.value_out))
        self.play(
            self.chain.emerge(self.chip, 3),
            FadeIn(self.wire_labels[3]),
            FadeOut(VGroup(plot, drop, level, token), scale=0.3, target_position=box.get_bottom()),
            FadeOut(note),
            run_time=0.9,
        )
        self.working.add(row)

    def output(self) -> None:
        """ŷ arrives in the Output box: the prediction."""
        self.step("output")
        data = self.data
        out = self.chain.boxes[-1].operation
        self.narrate(
            f"Output: {data.output_text}",
            timeline(1.4, (0.0, 0.7, self.chain.enter(self.chip, 4)), (0.7, 0.7, self.chain.flash(4)), (0.7, 0.7, self.reveal(out))),
        )

    def the_equation(self) -> None:
        """The written steps fold into ŷ = ReLU(w · x + b) = ReLU(0.5 × 2.0 + 0.1) = 1.1."""
        self.step("the equation")
        data = self.data
        colors = self.theme.colors
        rule = self.text(data.equation_lines[0], "subheading")
        numbers = self.text(data.equation_lines[1], "subheading")
        glyphs_of(rule, "\u0177", 0).set_color(colors.forward)
        align_equals(rule, glyphs_of(rule, "=", 0), EQUATION_EQUALS_X, EQUATION_ROWS_Y[0])
        align_equals(numbers, glyphs_of(numbers, "=", 0), EQUATION_EQUALS_X, EQUATION_ROWS_Y[1])
        sources = {
            "w": self.row_parts[0]["w"],
            "x": self.row_parts[0]["in"],
            "b": self.row_parts[1]["b"],
            "y_hat": self.row_parts[2]["out"],
        }
        flights, glue, landed, offset = [], VGroup(), [], 0
        for piece in data.equation_pieces:
            glyphs = glyphs_at(numbers, offset, offset + len(piece.text))
            offset += len(piece.text)
            if piece.source is None:
                glue.add(glyphs)
            else:
                if piece.source in ("x", "y_hat"):
                    glyphs.set_color(colors.forward)  # values of the forward pass, as on the chips
                flights.append(fly_number(sources[piece.source], glyphs, path_arc=-0.6))
                landed.append(glyphs)
        moving = VGroup(*sources.values())
        flying = moving.family_members_with_points()
        staying = VGroup(*(glyph for row in self.working for glyph in row.submobjects if all(glyph is not m for m in flying)))
        # One thing at a time, so no frame stacks two texts: the working's glue leaves, its numbers
        # fly to the equation's line of numbers, that line's glue arrives, then the rule above it.
        build = timeline(
            2.2,
            (0.0, 0.35, FadeOut(staying)),
            *((0.3, 0.6, flight) for flight in flights),
            (0.3, 0.25, FadeOut(moving)),
            (0.85, 0.4, FadeIn(glue)),
            (1.15, 0.5, FadeIn(rule, shift=0.2 * UP)),
            (1.6, 0.6, self.chain.flash(4)),
        )
        self.rule, self.numbers = rule, numbers
        with self.saying(data.equation_text) as sentence:
            # Under a long spoken sentence the read-along slows down (at most 2.2 times) rather than stand still.
            pace = min(2.2, max(1.0, (sentence - build.run_time - 0.3) / READ_ALONG))
            self.play(build)
            # The flown glyphs are the equation's own: swap the pieces for the whole text (no pixel changes).
            self.remove(glue, *landed, *self.working)
            self.add(numbers)
            self.play(self.read_along(), run_time=READ_ALONG * pace)

    def thats_it(self) -> None:
        """Multiply, add bias, activate: each box lights up with its terms in the equation, in time with the words."""
        self.step("that's it")
        data = self.data
        colors = self.theme.colors
        area = content_area()
        claim = self.text(data.claim, "subheading", bold=True, color=colors.accent)
        fit_width(claim, area.width)
        claim.move_to([area.center[0], self.numbers.get_bottom()[1] - 0.75, 0])
        terms = self.equation_terms()

        def switch(off: int | None, on: int | None) -> AnimationGroup:
            parts = []
            if off is not None:
                parts += [self.chain.light(off, on=False), *recolored(terms[off], colors.text)]
            if on is not None:
                parts += [self.chain.light(on), *recolored(terms[on], colors.accent)]
            return AnimationGroup(*parts, run_time=0.5)

        def recolored(term: tuple[VGroup, VGroup], color: str) -> list:
            return [recolor(self.rule, term[0], color), recolor(self.numbers, term[1], color)]

        # The claim arrives with its sentence and stays.
        self.say(
            data.summary,
            Succession(
                AnimationGroup(switch(None, 1), FadeIn(claim, shift=0.15 * UP), run_time=0.6), Wait(1.5),
                switch(1, 2), Wait(0.7),
                switch(2, 3), Wait(1.0),
                switch(3, None),
                self.wire_pulse(run_time=1.2),
            ),
            run_time=6.1,
        )
        self.claim = claim

    def hand_on_the_prediction(self) -> None:
        """Everything but the prediction leaves; its Output box moves to where section 04 picks it up."""
        self.step("the prediction")
        box = self.chain.boxes[-1]
        target = handoff_box(self.data.output_text)
        others = [m for m in self.mobjects if m is not self.chain]
        rest = VGroup(self.chain.wires, *self.chain.boxes[:-1])
        # The rest is gone before the box moves: it never passes over another box's text.
        self.play(timeline(1.2, (0.0, 0.45, FadeOut(Group(*others, rest))), (0.45, 0.75, Transform(box, target))))
        # The same box, drawn as section 04 will draw it (same texts, same size: no pixel changes).
        self.clear()
        self.add(target)
        self.wait(0.5)
        self.play(FadeOut(target), run_time=self.theme.pacing.quick)

    # Parts ----------------------------------------------------------------------

    def narrate(self, text: str, group: AnimationGroup) -> None:
        """``say`` for one timeline: the caption lasts at least as long as the timeline runs."""
        self.say(text, group, run_time=group.run_time)

    def through_box(self, index: int) -> None:
        """The chip goes through box ``index`` (1: Multiply, 2: Add Bias); its working is written below."""
        stage = self.data.stages[index - 1]
        chip_out = self.chain.chip_on_wire(index, self.fmt(stage.value_out))
        row, parts = self.working_row(index - 1)
        self.narrate(
            stage.sentence,
            timeline(
                1.8,
                (0.0, 1.8, self.chain.pass_through(self.chip, index, chip_out)),
                (0.0, 0.6, FadeIn(self.wire_labels[index])),
                (0.0, 0.6, AnimationGroup(*parts["write"])),
                (1.2, 0.6, FadeIn(parts["out"], shift=0.15 * DOWN)),
            ),
        )
        self.remove(self.chip)
        self.chip = chip_out
        self.working.add(row)

    def working_row(self, index: int) -> tuple[Text, dict]:
        """Stage ``index``'s arithmetic as a row under the chain, and how it is written.

        Returns the row and ``parts``: ``parts["write"]`` the animations that write all
        but the result (operands fly out of the box and the chip, glue fades in),
        ``parts["out"]`` the result's glyphs; the glyphs of each source by name too.
        """
        data = self.data
        colors = self.theme.colors
        stage = data.stages[index]
        if not hasattr(self, "working"):
            self.working, self.row_parts = VGroup(), []
        for value in (stage.value_in, stage.value_out):
            self.fmt(value)
        row = self.text(stage.working, "body")
        align_equals(row, glyphs_of(row, "=", -1), WORKING_EQUALS_X, WORKING_ROWS_Y[index])
        parts: dict = {"write": []}
        glue, offset = VGroup(), 0
        for piece in stage.pieces:
            glyphs = glyphs_at(row, offset, offset + len(piece.text))
            offset += len(piece.text)
            if piece.source in ("in", "out"):
                glyphs.set_color(colors.forward)
            if piece.source is None:
                glue.add(glyphs)
            elif piece.source == "out":
                parts["out"] = glyphs
            else:
                # The operand appears in its place: a flying copy would cross the box's and the wire's text.
                parts["write"].append(FadeIn(glyphs))
            if piece.source is not None:
                parts[piece.source] = glyphs
        parts["write"].append(FadeIn(glue))
        self.row_parts.append(parts)
        return row, parts

    def read_along(self) -> AnimationGroup:
        """Each symbol of the rule lights up with the number that took its place: w 0.5, x 2.0, b 0.1, ŷ 1.1."""
        accent = self.theme.colors.accent
        rule, numbers = self.rule, self.numbers
        pieces = self.data.equation_pieces
        starts = np.cumsum([0] + [len(piece.text) for piece in pieces])
        symbol_of = {"w": "w", "x": "x", "b": "b", "y_hat": "\u0177"}
        # The box whose text holds the number lights up with it: w Multiply, x Input, b Add Bias, ŷ Output.
        box_of = {"w": 1, "x": 0, "b": 2, "y_hat": 4}
        pulses = []
        for order, source in enumerate(("w", "x", "b", "y_hat")):
            k = next(i for i, piece in enumerate(pieces) if piece.source == source)
            symbol = glyphs_of(rule, symbol_of[source], 0)
            number = glyphs_at(numbers, int(starts[k]), int(starts[k + 1]))
            window = (0.65 * order, 0.9)
            pulses += [
                (*window, lit(pulse_color(rule, symbol, accent, rate=held))),
                (*window, lit(pulse_color(numbers, number, accent, rate=held))),
                (*window, lit(self.chain.flash(box_of[source], rate=held))),
            ]
        return timeline(READ_ALONG, *pulses)

    def equation_terms(self) -> dict[int, tuple[VGroup, VGroup]]:
        """The equation's glyphs (in the rule, in the numbers) that each working box stands for: 1 Multiply, 2 Add Bias, 3 Activate."""
        rule, numbers = self.rule, self.numbers
        rule_text, numbers_text = rule.original_text, numbers.original_text
        pieces = self.data.equation_pieces
        starts = np.cumsum([0] + [len(piece.text) for piece in pieces])

        def span(index: int, stop: int) -> VGroup:
            return glyphs_at(numbers, int(starts[index]), int(starts[stop]))

        relu_start = numbers_text.index("ReLU(")
        close = numbers_text.rindex(")")
        sign = int(starts[4]) + pieces[4].text.rindex(pieces[4].text.strip()[-1])
        return {
            1: (glyphs_of(rule, "w \u00b7 x"), span(1, 4)),
            2: (glyphs_of(rule, "+ b"), glyphs_at(numbers, sign, int(starts[6]))),
            3: (
                VGroup(glyphs_of(rule, "ReLU("), glyphs_at(rule, len(rule_text) - 1, len(rule_text))),
                VGroup(glyphs_at(numbers, relu_start, relu_start + len("ReLU(")), glyphs_at(numbers, close, close + 1)),
            ),
        }

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

    def neuron_picture(self) -> tuple[VGroup, dict[str, Text]]:
        """Scene 02's neuron: x on an edge weighted w, the bias b from below, ŷ out (the labels by name)."""
        data = self.data
        colors = self.theme.colors
        center = np.array([0.6, -0.35, 0.0])
        neuron = Neuron(radius=0.75, activation="relu", color=colors.forward)
        neuron.move_to(center)
        size = 28
        # As in section 02: an input node holding x, its value below it.
        x_node = Neuron(radius=0.42, label="x", color=colors.forward)
        x_node.move_to(center + 4.2 * LEFT)
        x_label = self.text(data.input_text, "label", font_size=size, color=colors.forward)
        x_label.next_to(x_node, DOWN, buff=0.25)
        w_label = self.text(data.weight_text, "label", font_size=size)
        b_label = self.text(data.bias_text, "label", font_size=size)
        b_label.move_to(center + 2.05 * DOWN)
        y_label = self.text(data.output_label, "caption", color=colors.forward)
        y_label.move_to(center + 4.3 * RIGHT)
        edge_style = {"stroke_color": colors.muted, "stroke_width": self.theme.strokes.normal, "buff": 0.12}
        x_edge = Arrow(x_node.get_right(), neuron.get_left(), **edge_style)
        w_label.next_to(x_edge, UP, buff=0.12)
        b_edge = Arrow(b_label.get_top(), neuron.get_bottom(), **edge_style)
        y_edge = Arrow(neuron.get_right(), y_label.get_left(), **edge_style)
        picture = VGroup(x_node, neuron, x_edge, b_edge, y_edge)
        labels = {"x": x_label, "w": w_label, "b": b_label, "y_hat": y_label}
        return picture, labels

    def relu_plot(self) -> tuple[LossPlot, Text, DashedLine, DashedLine]:
        """The ReLU curve in the lower right, with tick marks, a note, and the lines that read z off it."""
        data = self.data
        colors = self.theme.colors
        area = content_area()
        z_axis = data.relu_z_axis
        xs = [z_axis.low, 0.0, z_axis.high]
        plot = LossPlot(
            xs,
            [data.relu(x) for x in xs],
            ValueTracker(z_axis.low),
            x_label="z",
            y_label="ReLU(z)",
            x_length=4.6,
            y_length=2.1,
            y_function=data.relu,
            x_ticks=list(data.relu_z_ticks),
            y_ticks=list(data.relu_out_ticks),
            curve_color=colors.forward,
        )
        plot.remove(plot.dot)
        plot.dot.clear_updaters()
        axes = plot.axes
        marks = VGroup(
            *(Line(axes.c2p(t, 0) + 0.08 * DOWN, axes.c2p(t, 0) + 0.08 * UP) for t in data.relu_z_ticks),
            *(Line(axes.c2p(0, t) + 0.08 * LEFT, axes.c2p(0, t) + 0.08 * RIGHT) for t in data.relu_out_ticks),
        ).set_stroke(colors.muted, width=self.theme.strokes.thin)
        plot.add(marks)
        for tick in (*data.relu_z_ticks, *data.relu_out_ticks):
            self.fmt(tick)
        plot.move_to([area.right - 0.3 - plot.width / 2, area.bottom + 0.15 + plot.height / 2, 0])
        z = data.stages[2].value_in
        drop = DashedLine(axes.c2p(z, 0), plot.point_at(z), color=colors.muted, stroke_width=3)
        level = DashedLine(plot.point_at(z), axes.c2p(0, data.relu(z)), color=colors.muted, stroke_width=3)
        self.fmt(z)
        note = self.text(data.relu_label, "caption", color=colors.text if data.relu_active else colors.accent)
        fit_width(note, plot.get_left()[0] - 0.3 - area.left)
        note.move_to([WORKING_EQUALS_X, WORKING_ROWS_Y[3], 0])
        note.align_to(self.working[0] if len(self.working) else note, LEFT)
        return plot, note, drop, level


def held(t: float) -> float:
    """Up, held, down: a highlight that stays lit for the middle half of its window."""
    return float(np.clip(min(4.0 * t, 4.0 * (1.0 - t)), 0.0, 1.0))


def lit(animation):
    """``animation`` at an even pace (its own rate shapes the highlight)."""
    animation.rate_func = lambda t: t
    return animation


def align_equals(text: Text, equals: VGroup, x: float, y: float) -> Text:
    """Place ``text`` with its glyph ``equals`` (an "=") at ``x`` and its baseline at ``y``."""
    set_baseline(text, y)
    return text.shift((x - equals.get_x()) * RIGHT)


__all__ = ["ForwardPass", "StageBox"]
