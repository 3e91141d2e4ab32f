"""Small scenes, some deliberately broken, that prove each scene check can fail.

They use section 3's data (the worked example), so under the ``dead-relu``
preset every guide number (1.1, 0.81, −3.6) is wrong and a number typed into a
scene stands out.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Circle,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    Line,
    MathTex,
    Rectangle,
    ReplacementTransform,
    Scene,
    Square,
    Text,
    Transform,
    TransformFromCopy,
    TransformMatchingShapes,
    ValueTracker,
    VGroup,
)

from backprop_core.formatting import fmt
from scenes.kit.base import SectionScene
from scenes.kit.readout import LiveNumber, LiveReadout
from scenes.kit.transitions import swap_text

from tests.scenes.checks import guide_sentences


class ForwardPassFixture(SectionScene):
    section_number = 3


class HonestNumbers(ForwardPassFixture):
    """Every number from the data, in each way a scene may show one: passes every preset."""

    def construct(self) -> None:
        self.show_header()
        walk = self.data.walk
        loss = self.number(walk.loss).shift(UP)
        gradient = self.number_tex(walk.dL_dw, 2).next_to(loss, DOWN)
        formula = MathTex(
            rf"w_{{new}} = {fmt(walk.w, tex=True)} - {fmt(walk.lr, tex=True)} \times ({fmt(walk.dL_dw, tex=True)})"
        ).next_to(gradient, DOWN)
        sentence = self.text(f"The gradient {self.fmt(walk.dL_dw)} says: {walk.w_direction} w").next_to(formula, DOWN)
        decimal = DecimalNumber(walk.y_hat, num_decimal_places=2).move_to(5 * LEFT + UP)
        tracker = ValueTracker(walk.w)
        readout = LiveReadout("w =", tracker, 2).next_to(decimal, DOWN)
        self.add(loss, gradient, formula, sentence, decimal, readout)
        self.wait(0.2)
        self.play(tracker.animate.set_value(walk.w_new), run_time=0.4)
        self.wait(0.2)


class TypedNumbers(ForwardPassFixture):
    """Types the guide's loss instead of reading it: fails provenance under dead-relu."""

    def construct(self) -> None:
        self.add(self.text("L = 0.81").shift(UP), MathTex(r"\hat{y} = 1.1").shift(DOWN))
        self.wait(0.2)


class ComputedNumber(ForwardPassFixture):
    """Computes a number in the scene (w·x + b) instead of reading the data's field."""

    def construct(self) -> None:
        walk = self.data.walk
        self.add(self.number(walk.w * walk.x + walk.b + 0.25))
        self.wait(0.2)


class DriftingReadout(ForwardPassFixture):
    """A live readout left at a value that is not in the data, and one left stale."""

    def construct(self) -> None:
        walk = self.data.walk
        tracker = ValueTracker(walk.w)
        live = LiveNumber(tracker, 2).shift(UP)
        stale = LiveNumber(tracker, 2, live=False).shift(DOWN)
        self.add(live, stale)
        self.play(tracker.animate.set_value(walk.w + 0.123), run_time=0.4)
        self.wait(0.2)


class OffFrameLabel(ForwardPassFixture):
    """A label pushed past the right edge of the frame."""

    def construct(self) -> None:
        self.play(Text("Off the edge").animate.move_to(6.8 * RIGHT), run_time=0.4)
        self.wait(0.2)


class OverlappingLabels(ForwardPassFixture):
    """Two labels on top of each other; a marked pair and an invisible one that may overlap."""

    def construct(self) -> None:
        first = Text("First label").move_to(ORIGIN)
        second = Text("Second label").move_to(0.1 * UP)
        marked = Text("Marked label").move_to(2 * DOWN)
        marked.allow_overlap = True
        under_marked = Text("Under the mark").move_to(2 * DOWN)
        hidden = Text("Hidden label", fill_opacity=0).move_to(2 * UP)
        visible = Text("Visible label").move_to(2 * UP)
        self.add(first, second, marked, under_marked, hidden, visible)
        self.wait(0.2)


class CaptionsComplete(ForwardPassFixture):
    """Says every guide sentence of section 3 (the heading is on screen)."""

    dropped: int | None = None

    def construct(self) -> None:
        self.show_header()
        for index, sentence in enumerate(guide_sentences(self.section_number)):
            if index != self.dropped:
                self.say(sentence)


class CaptionsMissingSentence(CaptionsComplete):
    """Leaves the guide's sentence "Each neuron: multiply inputs by weights, ..." unsaid."""

    dropped = 1


class OverlappingCues(ForwardPassFixture):
    """Two captions at the same time."""

    def construct(self) -> None:
        self.add_subcaption("One caption.", duration=2)
        self.add_subcaption("Another caption.", duration=2)
        self.wait(2)


class CircleAt(Scene):
    """A circle held for a moment; subclasses move it."""

    offset = ORIGIN

    def construct(self) -> None:
        self.add(Circle(radius=1.5, fill_opacity=0.6).shift(self.offset))
        self.wait(1)
        self.wait(1)


class CircleMoved(CircleAt):
    offset = 0.5 * RIGHT


class BrokenScene(ForwardPassFixture):
    """Raises halfway through, as a scene with a bug would."""

    def construct(self) -> None:
        self.wait(0.2)
        raise ValueError("a bug in the scene")


class LabelInSubtitleBand(ForwardPassFixture):
    """A label and a line in the bottom 12 % of the frame; a backdrop and a circle that may be there."""

    def construct(self) -> None:
        backdrop = Rectangle(width=16, height=9, fill_opacity=1, fill_color="#101010", stroke_width=0)
        circle = Circle(radius=1.0).move_to(0.5 * UP)
        label = Text("Under the picture", font_size=30).move_to(3.5 * DOWN)
        line = Line(5 * LEFT + 3.3 * DOWN, 2 * LEFT + 3.3 * DOWN)
        hidden = Text("Invisible", fill_opacity=0).move_to(3.5 * DOWN + 4 * RIGHT)
        below_frame = Dot().move_to(5 * DOWN)
        self.add(backdrop, circle, hidden, below_frame)
        self.wait(0.2)
        self.play(FadeIn(label), FadeIn(line), run_time=0.4)
        self.wait(0.2)


class ContentAboveSubtitleBand(ForwardPassFixture):
    """Everything kept above the band, the lowest label just touching it."""

    def construct(self) -> None:
        axes_like = VGroup(Line(3 * LEFT + 2.9 * DOWN, 3 * RIGHT + 2.9 * DOWN), Dot(2.9 * DOWN))
        label = Text("Just above the band", font_size=30)
        label.move_to(2.0 * DOWN).align_to(2.95 * DOWN, DOWN)
        self.add(axes_like, label)
        self.wait(0.2)


class MorphingTexts(ForwardPassFixture):
    """Morphs text into different strings, each way manim allows it (every play must fail)."""

    def construct(self) -> None:
        chip = Text("w·x = 1.0").shift(UP)
        self.add(chip)
        self.play(Transform(chip, Text("z = 1.1").shift(UP)), run_time=0.4)
        label = VGroup(Square(0.5), Text("a = 1")).arrange(RIGHT).shift(DOWN)
        self.add(label)
        self.play(ReplacementTransform(label, VGroup(Square(0.5), Text("a = 2")).arrange(RIGHT).shift(DOWN)), run_time=0.4)
        source = Text("x = 2.0").shift(2 * LEFT)
        self.add(source)
        self.play(TransformFromCopy(source, Text("y = 2.0").shift(2 * RIGHT)), run_time=0.4)
        decimal = DecimalNumber(self.data.walk.w, num_decimal_places=2).shift(2 * UP)
        self.add(decimal)
        self.play(decimal.animate.set_value(self.data.walk.w_new), run_time=0.4)
        self.play(chip.animate.become(Text("ŷ = 1.1").shift(UP)), run_time=0.4)


class CleanTextChanges(ForwardPassFixture):
    """Changes text only in the allowed ways: none of these plays may fail."""

    def construct(self) -> None:
        walk = self.data.walk
        chip = Text("w·x = 1.0").shift(UP)
        self.add(chip)
        moved = Text("w·x = 1.0").shift(2 * UP)
        self.play(Transform(chip, moved), run_time=0.4)
        self.play(chip.animate.set_color("#F5A524").shift(DOWN), run_time=0.4)
        z = Text("z = 1.1").shift(UP)
        self.play(FadeTransform(chip, z), run_time=0.4)
        y_hat = Text("ŷ = 1.1").shift(UP)
        self.play(TransformMatchingShapes(z, y_hat), run_time=0.4)
        later = Text("L = 0.81").shift(3 * RIGHT)
        self.play(swap_text(y_hat, later), run_time=0.4)
        self.play(FadeOut(later), FadeIn(Text("done")), run_time=0.4)
        tracker = ValueTracker(walk.w)
        self.add(LiveNumber(tracker, 2).shift(2 * DOWN))
        self.play(tracker.animate.set_value(walk.w_new), run_time=0.4)


class StillScene(ForwardPassFixture):
    """Opens on text alone for 3 s, then holds a picture for 4 s with nothing moving."""

    def construct(self) -> None:
        self.play(FadeIn(Text("A title alone").shift(UP)), run_time=1.0)
        self.wait(2.0)
        self.play(FadeIn(Circle()), run_time=1.0)
        self.wait(4.0)
        self.play(FadeOut(*self.mobjects), run_time=0.5)


class LivelyScene(ForwardPassFixture):
    """Opens on a picture, holds at most 3 s, a long still is split by captions, and an
    updater keeps a dot turning through a 5 s wait."""

    def construct(self) -> None:
        circle = Circle()
        self.play(FadeIn(circle), run_time=1.0)
        self.wait(2.5)
        self.add_subcaption("One caption.", duration=2.5)
        self.wait(2.5)
        self.add_subcaption("Another caption.", duration=2.5)
        self.wait(2.5)
        dot = Dot(RIGHT)
        dot.add_updater(lambda mobject, dt: mobject.rotate(0.7 * dt, about_point=ORIGIN))
        self.add(dot)
        self.wait(5.0)
        dot.clear_updaters()
        self.play(FadeOut(circle, dot), run_time=0.5)
        self.wait(1.0)


class OpenArithmetic(ForwardPassFixture):
    """Rounded operands with an unrounded result, as a Text, as MathTex, and across a label and a number."""

    def construct(self) -> None:
        minus = "\u2212"
        product = Text(f"{minus}2.6 \u00d7 {minus}0.45 = 1.18").shift(2 * UP)
        tex = MathTex(r"\hat{y} = \text{ReLU}(0.5 \times 2.0 + 0.1) = 1.2")
        label = Text("2.0 \u00d7 0.5 =").shift(2 * DOWN + LEFT)
        number = Text("1.1").next_to(label, RIGHT, buff=0.2)
        self.add(product, tex, label, number)
        self.wait(0.2)


class ClosedArithmetic(ForwardPassFixture):
    """Equations that add up as shown, symbolic ones, and a label beside a live number."""

    def construct(self) -> None:
        walk = self.data.walk
        from backprop_core.arithmetic import closed

        built = Text(closed(f"{fmt(walk.w)} \u00b7 {fmt(walk.x)} + {fmt(walk.b)}")).shift(2.5 * UP)
        chain = Text(f"L = (y \u2212 \u0177)\u00b2 = ({fmt(walk.y)} \u2212 {fmt(walk.y_hat)})\u00b2 = {fmt(walk.loss)}").shift(UP)
        symbolic = MathTex(r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat{y}} \cdot \frac{\partial \hat{y}}{\partial z}")
        tex = MathTex(rf"w_{{new}} = {fmt(walk.w, tex=True)} - {fmt(walk.lr, tex=True)} \times ({fmt(walk.dL_dw, tex=True)}) = {fmt(walk.w_new, tex=True)}")
        tex.shift(1.2 * DOWN)
        label = Text(f"({fmt(walk.y)} \u2212 {fmt(walk.y_hat)})\u00b2 =").shift(2.5 * DOWN + 2 * LEFT)
        tracker = ValueTracker(0.0)
        live = LiveNumber(tracker, 2)
        live.next_to(label, RIGHT, buff=0.2)
        self.add(built, chain, symbolic, tex, label, live)
        self.play(tracker.animate.set_value(walk.loss), run_time=0.4)
        self.wait(0.2)


class InterFormula(ForwardPassFixture):
    """The guide's equation through the kit's formula helper: Inter, closed, recorded."""

    def construct(self) -> None:
        from backprop_core.arithmetic import evaluate
        from scenes.kit.typography import Term

        walk = self.data.walk
        colors = self.theme.colors
        shown = f"ReLU({fmt(walk.w)} \u00b7 {fmt(walk.x)} + {fmt(walk.b)})"
        self.equation = self.formula(
            Term("\u0177", color=colors.forward),
            " = ReLU(",
            Term(walk.w, color=colors.weight),
            " \u00b7 ",
            walk.x,
            " + ",
            walk.b,
            ") = ",
            Term(walk.y_hat, color=colors.forward),
        ).shift(UP)
        assert evaluate(shown) == float(fmt(walk.y_hat).replace("\u2212", "-")) or walk.y_hat == 0
        self.gradient = self.number_tex(walk.dL_dw, 2).shift(DOWN)
        self.add(self.equation, self.gradient)
        self.wait(0.2)


LONG_SENTENCE = (
    "A long sentence, spoken slowly by the narrator, takes many seconds to say, "
    "far longer than the short animation that plays under it."
)


class NarratedHold(ForwardPassFixture):
    """A short play under a long spoken sentence: the picture stands still for the rest."""

    def construct(self) -> None:
        self.say(LONG_SENTENCE, FadeIn(Circle()), run_time=0.5)


class NarratedMotion(ForwardPassFixture):
    """The same sentence with motion that belongs to it all the way through."""

    def construct(self) -> None:
        circle = Circle()
        with self.saying(LONG_SENTENCE) as sentence:
            self.play(FadeIn(circle), run_time=1.0)
            while self.time < sentence - 2.0:
                self.play(circle.animate.shift(0.2 * RIGHT), run_time=1.5)
