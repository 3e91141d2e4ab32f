"""Fast tests of the visual kit: mobjects are built, nothing is encoded."""

from __future__ import annotations

import json
from pathlib import Path

import manimpango
import numpy as np
import pytest
from manim import BOLD, NORMAL, FadeIn, ManimColor, MathTex, Paragraph, Text, Transform, ValueTracker, tempconfig
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

from backprop_core.formatting import MINUS, fmt
from backprop_core.guide import section
from backprop_core.preset import DEFAULT_PRESET, Preset
from scenes.kit import (
    ICON_NAMES,
    THEME,
    Card,
    ComputationChain,
    LiveNumber,
    LiveReadout,
    LossPlot,
    NetworkDiagram,
    Neuron,
    SectionScene,
    Slider,
    WrappedText,
    content_area,
    fit_width,
    icon,
    keep_inside,
    register_fonts,
    safe_area,
    value_to_color,
    value_to_width,
    wrap_text,
)
from scenes.kit.edges import WeightEdge
from scenes.kit.theme import is_dashed, value_to_opacity
from scenes.kit.base import PRESET_ENV_VAR, active_preset
from scenes.kit.lightweight import SourceText, shed_build_parts
from scenes.kit.readout import GLYPH_CHARACTERS, glyph_set
from scenes.kit.typography import estimate_chars_per_line, styled_text


def hue_degrees(color: ManimColor) -> float:
    return color.to_hsv()[0] * 360


def lightness(color: ManimColor) -> float:
    red, green, blue = color.to_rgb()
    return (max(red, green, blue) + min(red, green, blue)) / 2


def is_blue(color: ManimColor) -> bool:
    return 180 <= hue_degrees(color) <= 230


def is_orange(color: ManimColor) -> bool:
    return 20 <= hue_degrees(color) <= 50


class TestTheme:
    def test_a_colour_has_one_meaning_whatever_the_sign(self) -> None:
        for magnitude in (0.05, 0.5, 1.0, 3.0):
            assert value_to_color(magnitude, 1.0) == value_to_color(-magnitude, 1.0)
            assert is_blue(value_to_color(magnitude, 1.0, role="forward"))
            assert is_blue(value_to_color(-magnitude, 1.0, role="forward"))
            assert is_orange(value_to_color(-magnitude, 1.0, role="gradient"))
        weight = value_to_color(1.0, 1.0)
        assert weight == ManimColor(THEME.colors.weight)
        assert weight.to_hsv()[1] < 0.15  # neutral: neither blue nor orange
        with pytest.raises(ValueError, match="colour role"):
            value_to_color(1.0, 1.0, role="positive")

    def test_magnitude_sets_brightness(self) -> None:
        for role in ("weight", "forward", "gradient"):
            levels = [lightness(value_to_color(m, 2.0, role=role)) for m in (0.0, 0.5, 1.0, 2.0)]
            assert levels == sorted(levels) and levels[0] < levels[-1]

    def test_magnitude_is_clipped_and_zero_scale_is_safe(self) -> None:
        assert value_to_color(5.0, 1.0) == value_to_color(1.0, 1.0)
        assert value_to_color(-0.3, 0.0) == value_to_color(0.0, 1.0)
        assert value_to_width(0.7, 0.0) == THEME.strokes.edge_min
        assert value_to_opacity(0.0, 1.0) < value_to_opacity(-0.5, 1.0) < value_to_opacity(2.0, 1.0) == 1.0
        assert is_dashed(-0.01) and not is_dashed(0.0) and not is_dashed(0.3)

    def test_width_grows_with_magnitude_not_sign(self) -> None:
        widths = [value_to_width(m, 1.0) for m in (0.0, 0.25, 0.5, 1.0)]
        assert widths == sorted(widths)
        assert widths[0] == THEME.strokes.edge_min and widths[-1] == THEME.strokes.edge_max
        assert value_to_width(-0.5, 1.0) == value_to_width(0.5, 1.0)

    def test_role_hues_are_distinct(self) -> None:
        hues = [hue_degrees(ManimColor(c)) for c in (THEME.colors.forward, THEME.colors.gradient, THEME.colors.loss)]
        for i, first in enumerate(hues):
            for second in hues[i + 1 :]:
                gap = abs(first - second) % 360
                assert min(gap, 360 - gap) > 60

    def test_shipped_fonts_register(self) -> None:
        register_fonts()
        available = manimpango.list_fonts()
        assert THEME.fonts.sans in available and THEME.fonts.mono in available

    def test_body_text_is_readable_at_480p(self) -> None:
        # 480 px over 8 units: 60 px per unit; capitals of body text at least ~20 px.
        from scenes.kit import styled_text

        capital = styled_text("H", "body")
        assert capital.height * 60 >= 20


class TestLiveNumber:
    @pytest.mark.parametrize("digits", [None, 2])
    def test_text_follows_tracker_through_fmt(self, digits: int | None) -> None:
        tracker = ValueTracker(0.81)
        number = LiveNumber(tracker, digits)
        for value in (0.81, -3.6, 0.536, 2.0, 1e-5, -1234.5678, 0.0):
            tracker.set_value(value)
            number.update()
            assert number.text == fmt(value, digits)
            # One outline per character, after the invisible anchor.
            assert len(number.submobjects) == len(number.text) + 1

    def test_sign_and_function_source(self) -> None:
        tracker = ValueTracker(0.5)
        number = LiveNumber(lambda: tracker.get_value() * 2, 2, sign=True)
        tracker.set_value(0.75)
        number.update()
        assert number.text == fmt(1.5, 2, sign=True) == "+1.50"
        assert number.history == ["+1.00", "+1.50"]

    def test_left_edge_stays_put_while_length_changes(self) -> None:
        tracker = ValueTracker(1.0)
        number = LiveNumber(tracker).shift(np.array([2.0, -1.0, 0.0]))
        start = number.anchor.get_start().copy()
        tracker.set_value(-123.456)
        number.update()
        assert np.allclose(number.anchor.get_start(), start)
        first_glyph = number.submobjects[1]
        assert first_glyph.get_left()[0] >= start[0] - 0.05

    def test_scaling_is_kept_when_glyphs_change(self) -> None:
        tracker = ValueTracker(1.0)
        number = LiveNumber(tracker)
        height = number.submobjects[1].height
        number.scale(2)
        tracker.set_value(7.0)
        number.update()
        assert number.submobjects[1].height == pytest.approx(2 * height, rel=0.05)

    def test_replaced_glyphs_are_emptied(self) -> None:
        # The cairo renderer may still hold the old glyphs during a play.
        tracker = ValueTracker(1.0)
        number = LiveNumber(tracker)
        old = number.submobjects[1:]
        tracker.set_value(2.5)
        number.update()
        assert all(len(glyph.points) == 0 for glyph in old)

    def test_bold_heading_glyphs_build_at_tiny_resolution(self, tmp_path: Path) -> None:
        # At the scene tests' 256x144 the bold reference string may come back with one
        # outline fewer than it has characters (the superscript minus, from a fallback font,
        # is lost): the glyph set must not depend on one outline per character of a long
        # string (scene 08 crashed under every preset).
        with tempconfig({"media_dir": str(tmp_path), "pixel_width": 256, "pixel_height": 144}):
            glyphs = glyph_set.__wrapped__(THEME.fonts.sans, THEME.sizes.heading, True)
            number = LiveNumber(ValueTracker(3.2e-7), role="heading", bold=True)
        assert set(glyphs.points) == set(GLYPH_CHARACTERS)
        assert number.text == fmt(3.2e-7)
        assert len(number.submobjects) == len(number.text) + 1
        assert all(len(glyph.points) > 0 for glyph in number.submobjects[1:])

    @pytest.mark.parametrize("bold", [False, True])
    def test_glyphs_sit_where_pango_sets_the_string(self, bold: bool) -> None:
        # The reference is the kit's static number style (Inter, tabular figures).
        text = "−3.6,+0.81"
        number = LiveNumber(ValueTracker(0.0), role="heading", bold=bold, live=False)
        placed = number.glyphs.layout(text, THEME.colors.text)
        reference = styled_text(text, "heading", mono=True, bold=bold)
        assert len(reference.submobjects) == len(placed.submobjects) == len(text)
        shift = reference.submobjects[0].get_center() - placed.submobjects[0].get_center()
        for ours, pango in zip(placed.submobjects, reference.submobjects):
            assert np.allclose(ours.get_center() + shift, pango.get_center(), atol=0.01)
            assert ours.width == pytest.approx(pango.width, abs=0.01)

    def test_readout_label_and_baseline(self) -> None:
        tracker = ValueTracker(0.81)
        readout = LiveReadout("L =", tracker)
        assert readout.text == "0.81"
        assert readout.number.get_left()[0] > readout.label.get_right()[0]
        assert readout.number.baseline_y() == pytest.approx(readout.label.get_bottom()[1], abs=0.03)


class TestOneNumberFace:
    """Every number is Inter; live numbers use its tabular figures, so they never jitter."""

    def test_live_numbers_are_set_in_the_text_face(self) -> None:
        number = LiveNumber(ValueTracker(-1.8), live=False)
        register_fonts()
        inter = Text(fmt(-1.8), font=THEME.fonts.sans, font_size=THEME.sizes.body)
        # Inter's glyphs (tabular figures differ from proportional ones only in their
        # spacing), the minus included; JetBrains Mono's are far wider and taller.
        assert len(number.submobjects) == len(inter.submobjects) + 1
        for ours, theirs in zip(number.submobjects[1:], inter.submobjects):
            assert ours.width == pytest.approx(theirs.width, abs=0.01)
            assert ours.height == pytest.approx(theirs.height, abs=0.01)

    def test_digits_share_one_advance(self) -> None:
        glyphs = glyph_set(THEME.fonts.sans, THEME.sizes.body)
        assert {glyphs.advances[digit] for digit in "0123456789"} == {glyphs.advance}
        # Static number style too: "1111" spans as far as "0000" (tabular), unlike plain Inter.
        ones, zeros = (styled_text(s, "body", mono=True) for s in ("10001", "00000"))
        assert ones.submobjects[-1].get_center()[0] - ones.submobjects[0].get_center()[0] == pytest.approx(
            zeros.submobjects[-1].get_center()[0] - zeros.submobjects[0].get_center()[0], abs=1e-6
        )
        plain = styled_text("10001", "body")
        assert plain.width < ones.width - 0.05

    @pytest.mark.parametrize("align", ["left", "right", "center"])
    def test_nothing_moves_while_only_digits_change(self, align: str) -> None:
        tracker = ValueTracker(-1.11)
        number = LiveNumber(tracker, 2, align=align).shift(np.array([1.0, 0.5, 0.0]))
        anchor = number.anchor.get_start().copy()
        cells: list[float] | None = None
        for value in (-1.11, -8.88, -4.07, -9.99, -0.5):
            tracker.set_value(value)
            number.update()
            assert np.allclose(number.anchor.get_start(), anchor)
            # The minus and the point do not move; digits keep their cells (centred ink may differ).
            fixed = [glyph.get_center()[0] for character, glyph in zip(number.text, number.submobjects[1:]) if character in "−."]
            assert cells is None or np.allclose(fixed, cells, atol=1e-6)
            cells = fixed

    @pytest.mark.parametrize("align", ["left", "right", "center"])
    def test_alignment_anchors_the_named_edge(self, align: str) -> None:
        tracker = ValueTracker(3.6)
        number = LiveNumber(tracker, align=align).shift(np.array([-2.0, 1.0, 0.0]))
        x = number.anchor.get_start()[0]
        for value in (3.6, -123.456, 0.5):
            tracker.set_value(value)
            number.update()
            span = number.glyphs.width(number.text)
            first = number.submobjects[1].get_left()[0]
            last = number.submobjects[-1].get_right()[0]
            left_edge = {"left": x, "right": x - span, "center": x - span / 2}[align]
            # Ink starts at the first cell's left (the "0" side bearing is the origin) and ends inside the last.
            assert first == pytest.approx(left_edge, abs=0.06)
            assert left_edge + span - 0.12 <= last <= left_edge + span + 0.02

    def test_code_keeps_the_monospace_face(self) -> None:
        register_fonts()
        code = styled_text("x.grad = 0", "label", code=True)
        mono = Text("x.grad = 0", font=THEME.fonts.mono, font_size=THEME.sizes.label)
        assert all(np.array_equal(a.points, b.points) for a, b in zip(code.submobjects, mono.submobjects))




class TestTrueMinus:
    """The code font's minus is its short hyphen; code draws the sans minus in its place."""

    @staticmethod
    def plain_mono(content: str, size: float, bold: bool) -> Text:
        register_fonts()
        return Text(content, font=THEME.fonts.mono, font_size=size, weight=BOLD if bold else NORMAL)

    @pytest.mark.parametrize("bold", [False, True])
    def test_static_minus_is_as_wide_as_the_plus_and_nothing_else_moves(self, bold: bool) -> None:
        content = f"0.5 {MINUS} 0.01 × ({fmt(-3.6)}) +3.6"
        size = THEME.sizes.label
        ours = styled_text(content, "label", code=True, bold=bold)
        plain = self.plain_mono(content, size, bold)
        hyphen = self.plain_mono("0-0", size, bold).submobjects[1]
        assert ours.original_text == content
        assert len(ours.submobjects) == len(plain.submobjects) == len(ours.text)
        plus = ours.submobjects[ours.text.index("+")]
        minus_count = 0
        for character, glyph, before in zip(ours.text, ours.submobjects, plain.submobjects):
            if character == MINUS:
                minus_count += 1
                assert glyph.width >= 1.3 * hyphen.width
                assert glyph.width == pytest.approx(plus.width, rel=0.1)
                # Centred where the mono minus was: its cell's middle, at the plus bar's height.
                assert np.allclose(glyph.get_center(), before.get_center(), atol=1e-6)
                assert glyph.get_center()[1] == pytest.approx(plus.get_center()[1], abs=0.01)
            else:
                assert np.array_equal(glyph.points, before.points)
        assert minus_count == 2
        # The minus is inside the string, so the ink spans exactly as before.
        assert ours.width == pytest.approx(plain.width, abs=1e-9)

    def test_minus_found_by_shape_when_a_ligature_merges_outlines(self) -> None:
        content = f"a == {fmt(-3.6)} ..."
        ours = styled_text(content, "label", code=True)
        plain = self.plain_mono(content, THEME.sizes.label, False)
        assert len(ours.submobjects) < len(ours.text)
        widths = sorted(glyph.width / before.width for glyph, before in zip(ours.submobjects, plain.submobjects))
        assert widths[-1] >= 1.3
        assert widths[-2] == pytest.approx(1.0)

    def test_sans_text_keeps_its_own_minus(self) -> None:
        register_fonts()
        content = fmt(-3.6)
        ours = styled_text(content, "label")
        plain = Text(content, font=THEME.fonts.sans, font_size=THEME.sizes.label)
        assert all(np.array_equal(a.points, b.points) for a, b in zip(ours.submobjects, plain.submobjects))

    @pytest.mark.parametrize("bold", [False, True])
    def test_live_number_minus_is_inters_own(self, bold: bool) -> None:
        size = THEME.sizes.heading
        number = LiveNumber(ValueTracker(-3.6), role="heading", bold=bold, live=False)
        placed = number.glyphs.layout("−3.6+", THEME.colors.text)
        register_fonts()
        inter = Text("−3.6+", font=THEME.fonts.sans, font_size=size, weight=BOLD if bold else NORMAL)
        minus, plus = placed.submobjects[0], placed.submobjects[-1]
        assert np.allclose(minus.points - minus.get_center(), inter.submobjects[0].points - inter.submobjects[0].get_center())
        assert minus.width == pytest.approx(plus.width, rel=0.1)
        assert minus.get_center()[1] == pytest.approx(plus.get_center()[1], abs=0.01)
        assert number.text == fmt(-3.6)
        assert number.anchor.get_length() == pytest.approx(number.glyphs.advance)


class TestText:
    def test_wrap_keeps_lines_short(self) -> None:
        sentence = (
            "In very deep networks, gradients shrink exponentially as they pass through layers, "
            "making early layers almost impossible to train."
        )
        for width in (14, 24, 40):
            lines = wrap_text(sentence, width)
            assert all(len(line) <= width for line in lines)
            assert " ".join(lines) == sentence

    def test_wrap_keeps_long_words_whole(self) -> None:
        assert wrap_text("a parallelizable b", 5) == ["a", "parallelizable", "b"]

    def test_wrapped_text_fits_its_width(self) -> None:
        text = "Gradients propagate backward through every layer. Each layer computes its local gradient and passes it back."
        paragraph = WrappedText(text, 5.0)
        assert paragraph.width <= 5.0
        assert len(paragraph.lines) >= 2
        assert " ".join(paragraph.lines) == text

    @pytest.mark.parametrize("width", [4.2, 8.5])
    def test_wrapped_text_picks_the_lines_of_rebuilding_at_every_step(self, width: float) -> None:
        # The reference: rebuild the whole paragraph one character narrower until it fits.
        text = "Backpropagation sends the error backwards through the network, one local derivative at a time, so every weight learns how it should change."
        size = THEME.sizes.body
        longest_word = max(len(word) for word in text.split())
        max_chars = max(longest_word, estimate_chars_per_line(width, size))
        steps = 0
        while True:
            lines = wrap_text(text, max_chars)
            reference = Paragraph(*lines, alignment="left", font=THEME.fonts.sans, font_size=size, color=THEME.colors.text)
            steps += 1
            if reference.width <= width or max_chars <= longest_word:
                break
            max_chars -= 1
        assert steps > 1, "the example must need more than the first guess"
        wrapped = WrappedText(text, width)
        assert wrapped.lines == lines
        ours, theirs = wrapped.paragraph.family_members_with_points(), reference.family_members_with_points()
        assert len(ours) == len(theirs)
        assert all(np.array_equal(a.points, b.points) for a, b in zip(ours, theirs))

    def test_fit_and_keep_inside(self) -> None:
        card = Card("Exploding Gradients", "The opposite problem — gradients grow uncontrollably.", width=20)
        fit_width(card, 6.0)
        assert card.width <= 6.0 + 1e-6
        card.shift(np.array([30.0, 10.0, 0.0]))
        keep_inside(card)
        assert safe_area().contains(card)


class TestPictures:
    def test_network_edges_show_magnitude_by_width_and_sign_by_dashes(self) -> None:
        weights = [np.array([[0.5, -1.0, 0.2], [-0.1, 2.0, -2.0]]), np.array([[1.0], [-0.3], [0.0]])]
        network = NetworkDiagram([2, 3, 1], weights)
        for gap, matrix in enumerate(weights):
            for source in range(matrix.shape[0]):
                for target in range(matrix.shape[1]):
                    edge = network.edge(gap, source, target)
                    assert edge.dashed == (matrix[source, target] < 0)
                    assert edge.get_stroke_color() == value_to_color(matrix[source, target], 2.0)
        assert network.edge(0, 1, 1).get_stroke_width() > network.edge(0, 1, 0).get_stroke_width()
        assert network.edge(0, 1, 1).get_stroke_opacity() > network.edge(0, 1, 0).get_stroke_opacity()

    def test_a_weight_edge_keeps_its_ends_and_point_count_when_its_sign_flips(self) -> None:
        edge = WeightEdge(np.array([-1.0, 0.0, 0.0]), np.array([2.0, 1.0, 0.0]), 0.5, 1.0)
        solid = edge.points.copy()
        edge.set_weight(-0.5, 1.0)
        assert edge.dashed and edge.points.shape == solid.shape and not np.allclose(edge.points, solid)
        assert np.allclose(edge.get_start(), [-1.0, 0.0, 0.0]) and np.allclose(edge.get_end(), [2.0, 1.0, 0.0])
        ink = sum(np.linalg.norm(edge.points[i + 3] - edge.points[i]) for i in range(0, len(edge.points), 4))
        assert ink < 0.7 * np.linalg.norm([3.0, 1.0, 0.0])
        gradient = WeightEdge(np.zeros(3), np.array([1.0, 0.0, 0.0]), -2.0, 2.0, role="gradient")
        assert is_orange(gradient.get_stroke_color()) and gradient.dashed

    def test_network_edges_join_the_right_neurons(self) -> None:
        network = NetworkDiagram([3, 2], None)
        edge = network.edge(0, 2, 1)
        assert np.linalg.norm(edge.get_start() - network.neuron(0, 2).get_center()) == pytest.approx(network.neuron_radius, abs=1e-3)
        assert np.linalg.norm(edge.get_end() - network.neuron(1, 1).get_center()) == pytest.approx(network.neuron_radius, abs=1e-3)

    def test_network_rejects_wrong_shapes(self) -> None:
        with pytest.raises(ValueError, match="fan_in, fan_out"):
            NetworkDiagram([2, 3], [np.zeros((3, 2))])

    def test_recolor_and_pulses(self) -> None:
        network = NetworkDiagram([2, 2], [np.ones((2, 2))])
        assert not network.edge(0, 0, 0).dashed
        animation = network.recolor([-np.ones((2, 2))], role="gradient")
        animation.begin()
        animation.interpolate(1.0)
        animation.finish()
        assert is_orange(network.edge(0, 0, 0).get_stroke_color()) and network.edge(0, 0, 0).dashed
        assert network.forward_pass(run_time=2.0).run_time == pytest.approx(2.0)
        assert network.backward_pass(run_time=1.0).run_time == pytest.approx(1.0)

    def test_chain_token_ends_on_last_text(self) -> None:
        chain = ComputationChain([("Input", "x = 2.0"), ("Multiply", "× w = 0.5"), ("Output", "ŷ = 1.0")])
        assert len(chain.boxes) == 3 and len(chain.arrows) == 2
        animation, token = chain.travel(["2.0", "1.0", "1.0"])
        for step in animation.animations:
            step.begin()
            step.interpolate(1.0)
            step.finish()
        assert token.get_center()[0] == pytest.approx(chain.boxes[2].get_center()[0], abs=1e-3)
        with pytest.raises(ValueError):
            chain.travel(["2.0"])

    def test_loss_plot_dot_and_tangent_follow_tracker(self) -> None:
        xs = np.linspace(-1.0, 2.0, 31)
        tracker = ValueTracker(0.0)
        plot = LossPlot(xs, (xs - 1.0) ** 2, tracker)
        tangent = plot.add_tangent(lambda x: 2 * (x - 1.0))
        tracker.set_value(1.0)
        plot.update()
        assert np.allclose(plot.dot.get_center(), plot.axes.c2p(1.0, 0.0))
        start, end = tangent.get_start(), tangent.get_end()
        assert abs(end[1] - start[1]) < 1e-6
        tracker.set_value(2.0)
        plot.update()
        data_start, data_end = plot.axes.p2c(tangent.get_start()), plot.axes.p2c(tangent.get_end())
        assert (data_end[1] - data_start[1]) / (data_end[0] - data_start[0]) == pytest.approx(2.0, rel=1e-3)

    def test_slider_readout_and_knob(self) -> None:
        tracker = ValueTracker(0.5)
        slider = Slider("w", -1.0, 2.0, tracker, digits=2)
        tracker.set_value(1.25)
        slider.update()
        assert slider.text == fmt(1.25, 2)
        expected = slider.track.get_start() + (slider.track.get_end() - slider.track.get_start()) * (2.25 / 3.0)
        assert np.allclose(slider.knob.get_center(), expected)

    def test_neuron_and_icons_build(self) -> None:
        neuron = Neuron(0.5, label="z", activation="relu").fill_for_value(-1.0, 1.0)
        assert is_blue(neuron.circle.get_fill_color())
        for name in ICON_NAMES:
            drawing = icon(name, size=0.8)
            assert drawing.height == pytest.approx(0.8)
        with pytest.raises(KeyError):
            icon("emoji")

    def test_card_wraps_inside_its_frame(self) -> None:
        card = Card("Layer by Layer", "Gradients propagate backward through every layer.", width=4.0, icon=icon("books"))
        assert card.width == pytest.approx(4.0, abs=0.05)
        assert card.body is not None and card.body.width <= card.frame.width


def svg_paths(mobject) -> list[VMobjectFromSVGPath]:
    return [part for part in mobject.get_family() if isinstance(part, VMobjectFromSVGPath)]


class TestLightweight:
    def test_shedding_keeps_every_point_and_colour(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from scenes.kit import svg_cache

        # Manim's own parse: the kit's SVG cache hands out glyphs already shed.
        monkeypatch.setattr(svg_cache.SVGMobject, "generate_mobject", svg_cache._original_generate_mobject)
        text = Text("Shed me", font=THEME.fonts.sans, color=THEME.colors.forward)
        before = [(part.points.copy(), part.fill_rgbas.copy(), part.stroke_rgbas.copy()) for part in text.get_family()]
        assert svg_paths(text) and all(part.path_obj is not None for part in svg_paths(text))
        shed_build_parts(text)
        assert all(part.path_obj is None for part in svg_paths(text))
        after = [(part.points, part.fill_rgbas, part.stroke_rgbas) for part in text.copy().get_family()]
        assert len(before) == len(after)
        for old, new in zip(before, after):
            assert all(np.array_equal(a, b) for a, b in zip(old, new))

    def test_kit_texts_come_shed(self) -> None:
        made = [
            styled_text("A label", "label"),
            WrappedText("Gradients propagate backward through every layer.", 4.0),
            Card("Layer by Layer", "Gradients propagate backward through every layer.", width=4.0, icon=icon("books")),
        ]
        for mobject in made:
            assert svg_paths(mobject) and all(part.path_obj is None for part in svg_paths(mobject))

    def test_paragraph_keeps_its_source_string_and_tex_its_parts(self) -> None:
        paragraph = shed_build_parts(Paragraph("first line", "second line"))
        assert isinstance(paragraph.lines_text, SourceText)
        assert paragraph.lines_text.original_text == "first line\nsecond line"
        assert shed_build_parts(paragraph) is paragraph
        formula = shed_build_parts(MathTex("a", "=", "b"))
        formula.set_color_by_tex("b", THEME.colors.gradient)
        assert list(formula.get_part_by_tex("b")) == list(formula[2])
        assert formula[2][0].get_fill_color() == ManimColor(THEME.colors.gradient)

    def test_group_index_is_dropped_from_texts_and_cut_to_the_parts_in_tex(self) -> None:
        text = Text("a few glyphs")
        assert len(text.id_to_vgroup_dict) > len(text)  # manim keeps a group per SVG element
        assert shed_build_parts(text).id_to_vgroup_dict == {}
        formula = MathTex("x", "+", "y")
        parts = {match_id for _, match_id in formula.matched_strings_and_ids}
        assert set(formula.id_to_vgroup_dict) > parts
        shed_build_parts(formula)
        assert set(formula.id_to_vgroup_dict) == parts
        assert list(formula.get_part_by_tex("y")) == list(formula[2])


class ShedProbe(SectionScene):
    section_number = 3

    def construct(self) -> None:
        self.plain = Text("plain text")
        self.target = MathTex("w")
        self.play(FadeIn(self.plain))
        self.play(Transform(self.plain, self.target))


def test_section_scene_sheds_what_it_adds_and_transforms_into() -> None:
    with tempconfig({"dry_run": True, "pixel_width": 320, "pixel_height": 180, "frame_rate": 5, "disable_caching": True}):
        scene = ShedProbe()
        scene.render()
    for mobject in (scene.plain, scene.target):
        assert svg_paths(mobject) and all(part.path_obj is None for part in svg_paths(mobject))


class CaptionProbe(SectionScene):
    section_number = 3

    def construct(self) -> None:
        self.show_header()
        self.say("Data flows from input to output — the network makes a prediction.")
        self.add(self.number(self.preset.w))
        self.play(self.heading.animate.shift(0.1 * np.array([0, 1, 0])), subcaption="Each neuron.")
        self.clear_content()


class TestSectionScene:
    def render_probe(self) -> CaptionProbe:
        with tempconfig({"dry_run": True, "pixel_width": 320, "pixel_height": 180, "frame_rate": 5, "disable_caching": True}):
            scene = CaptionProbe()
            scene.render()
        return scene

    def test_setup_reads_preset_from_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv(PRESET_ENV_VAR, raising=False)
        assert active_preset() == DEFAULT_PRESET
        monkeypatch.setenv(PRESET_ENV_VAR, Preset(x=1.5, w=-0.3, b=0.4, y=1.0).to_json())
        scene = self.render_probe()
        assert scene.preset.w == -0.3
        assert scene.shown_numbers[0].text == fmt(-0.3)
        assert scene.guide == section(3)
        assert scene.data is not None

    def test_captions_are_recorded_without_overlap(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv(PRESET_ENV_VAR, raising=False)
        scene = self.render_probe()
        texts = [caption.text for caption in scene.captions]
        assert texts == ["Data flows from input to output — the network makes a prediction.", "Each neuron."]
        first, second = scene.captions
        assert first.duration >= THEME.pacing.min_caption
        assert first.start + first.duration <= second.start + 1e-6
        assert scene.header is not None and scene.header.original_text == section(3).header
        assert scene.mobjects == [scene.header]

    def test_bad_preset_json_fails_loudly(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(PRESET_ENV_VAR, json.dumps({"w": "heavy"}))
        with pytest.raises(ValueError):
            active_preset()


def test_content_area_sits_below_header_inside_safe_area() -> None:
    content, safe = content_area(), safe_area()
    assert content.top < safe.top and content.bottom == safe.bottom
    assert content.left == safe.left and content.right == safe.right


class TestFormula:
    def test_formula_is_one_inter_text_with_coloured_parts(self) -> None:
        from scenes.kit import Term, formula_text

        formula = formula_text("ŷ = ", Term(-0.456, 2, color=THEME.colors.forward), " × ", 2.0, "²")
        assert formula.original_text == f"ŷ = {MINUS}0.46 × 2.0²" and formula.font == THEME.fonts.sans
        assert formula.numbers == [(f"{MINUS}0.46", -0.456), ("2.0", 2.0)]
        assert [len(glyphs) for glyphs in formula.part_glyphs] == [2, 5, 1, 3, 1]
        assert all(is_blue(glyph.get_fill_color()) for glyph in formula.part_glyphs[1])
        assert formula.part_glyphs[0][0].get_fill_color() == ManimColor(THEME.colors.text)
        with pytest.raises(TypeError):
            formula_text("x", None)  # type: ignore[arg-type]
