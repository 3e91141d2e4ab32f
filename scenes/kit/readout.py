"""Live numbers that update every frame without re-rendering text.

``DecimalNumber.set_value`` rebuilds its glyphs each frame, the main cost of
number-heavy scenes. :class:`LiveNumber` instead renders the characters a
formatted number can contain once (per font and size), and per frame only
copies the cached outlines into place when the formatted string changed. The
string shown is always ``fmt(value, digits, sign=sign)``. Numbers are set in the
text face (Inter), like every other number, with its tabular figures: all digits
share one advance, so a readout does not jitter while it counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Callable, Literal

import numpy as np
from manim import BOLD, LEFT, NORMAL, ORIGIN, RIGHT, UP, Line, Mobject, Text, ValueTracker, VGroup, VMobject

from backprop_core.formatting import MINUS, fmt

from .theme import THEME, Theme, register_fonts
from .typography import Role, TabularText, minus_outline, styled_text

#: Every character ``fmt`` can produce (digits, signs, separators, scientific form, NaN, ∞).
GLYPH_CHARACTERS = "0123456789.,+\u2212\u00d710\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079Na\u221e\u207b"

Align = Literal["left", "right", "center"]
ValueSource = ValueTracker | Callable[[], float]


@dataclass(frozen=True)
class GlyphSet:
    """Outlines and advances of the number characters in one font and size.

    The font is set with tabular figures (:class:`~scenes.kit.typography.TabularText`):
    every digit has the same advance, ``advance``, so a number never shifts while
    its digits change. Other characters (".", "−", "+", "×"…) keep their own
    advance, ``advances[c]``. ``points[c]`` is glyph ``c``'s outline centred on the
    origin; ``offsets[c]`` is where that centre sits relative to the left end of
    its cell on a shared baseline, so glyphs copied into cells line up as if
    Pango had set the whole string.
    """

    points: dict[str, np.ndarray]
    offsets: dict[str, np.ndarray]
    advances: dict[str, float]
    advance: float
    height: float

    def width(self, text: str) -> float:
        """The summed advances of ``text``: how far its cells reach."""
        return float(sum(self.advances[character] for character in text))

    def layout(self, text: str, color: Any) -> VGroup:
        """Fresh glyph outlines for ``text`` in cells from the origin rightwards.

        Built from stored point arrays rather than ``copy()``: a deep copy of a
        Text glyph costs about 4 ms, a new VMobject from points a fraction of that.
        """
        group = VGroup()
        x = 0.0
        for character in text:
            glyph = VMobject(fill_color=color, fill_opacity=1.0, stroke_width=0)
            glyph.points = self.points[character] + (x * RIGHT + self.offsets[character])
            group.add(glyph)
            x += self.advances[character]
        return group

    def supports(self, text: str) -> bool:
        return all(character in self.points for character in text)


@cache
def glyph_set(font: str, font_size: float, bold: bool = False, minus_font: str | None = None) -> GlyphSet:
    """The cached :class:`GlyphSet` for ``font`` (tabular figures) at ``font_size``.

    ``minus_font``: draw the true minus with that font's outline instead, centred
    where ``font`` puts its own (for a font whose minus is a short hyphen; the
    theme's text face, Inter, has a true minus and needs none).

    Each character is set on its own between two "0"s rather than all in one
    string: Pango may return fewer outlines than characters for a long string (at
    the scene tests' 256x144 the bold superscript minus, drawn from a fallback
    font, vanishes), which would shift every later glyph to the wrong character.
    The trailing "0" gives the character's advance. A character that still yields
    no outline is left out, so numbers containing it are rendered whole instead.
    """
    register_fonts()
    weight = BOLD if bold else NORMAL
    zeros = TabularText("0" * 10, font=font, font_size=font_size, weight=weight)
    advance = float(zeros.submobjects[-1].get_center()[0] - zeros.submobjects[0].get_center()[0]) / 9
    points: dict[str, np.ndarray] = {}
    offsets: dict[str, np.ndarray] = {}
    advances: dict[str, float] = {}
    for character in dict.fromkeys(GLYPH_CHARACTERS):
        triple = TabularText("0" + character + "0", font=font, font_size=font_size, weight=weight)
        if len(triple.submobjects) != 3:
            continue
        lead, outline, trail = triple.submobjects
        # Cells are measured from the ink's left edge (and middle) of a "0" in the first
        # cell; points are stored centred on the origin and offsets put them back in place.
        offsets[character] = outline.get_center() - lead.get_left() - advance * RIGHT
        points[character] = outline.points - outline.get_center()
        advances[character] = float(trail.get_left()[0] - lead.get_left()[0]) - advance
    for digit in "0123456789":
        if digit in advances:
            advances[digit] = advance  # tabular: one width (removes sub-pixel measuring noise)
    wide_minus = minus_outline(minus_font, font_size, bold) if minus_font else None
    if wide_minus is not None and MINUS in points:
        points[MINUS] = wide_minus
    if "0" not in points:
        raise RuntimeError(f"{font!r} at size {font_size} has no outline for the digit 0")
    return GlyphSet(points=points, offsets=offsets, advances=advances, advance=advance, height=float(zeros.height))


def _as_function(source: ValueSource) -> Callable[[], float]:
    if isinstance(source, ValueTracker):
        return source.get_value
    if callable(source):
        return source
    raise TypeError(f"a live number needs a ValueTracker or a function, got {type(source).__name__}")


def text_baseline(text: Text, content: str) -> float:
    """The y of the baseline of ``text`` (a ``Text`` of ``content``), from a companion render.

    Text mobjects are positioned by their ink, so a label with descenders ("ŷ")
    sits lower than one without; a digit set after the same content reveals where
    the baseline is.
    """
    probe = Text(content + "0", font=text.font, font_size=text.font_size, weight=text.weight)
    probe_label = VGroup(*probe.submobjects[:-1])
    depth_below_label_bottom = probe_label.get_bottom()[1] - probe.submobjects[-1].get_bottom()[1]
    return float(text.get_bottom()[1] - depth_below_label_bottom)


class LiveNumber(VGroup):
    """A number that follows a ``ValueTracker`` (or any function) every frame.

    The string shown is ``fmt(value, digits, sign=sign)``, kept in ``.text``;
    ``.value`` is the value it came from and ``.history`` lists the distinct
    strings shown so far, in order. Cached glyph outlines (the text face with
    tabular figures, every digit one width) are copied into cells, so the number
    stays put (anchored at its left edge, right edge or centre, per ``align``)
    while its length changes, and does not move at all while only digits change. An invisible anchor
    line (the first submobject) carries the position and scale through moves,
    scaling and animations.
    """

    def __init__(
        self,
        source: ValueSource,
        digits: int | None = None,
        *,
        sign: bool = False,
        role: Role = "body",
        font_size: float | None = None,
        color: Any = None,
        color_function: Callable[[float], Any] | None = None,
        bold: bool = False,
        align: Align = "left",
        theme: Theme = THEME,
        live: bool = True,
    ) -> None:
        super().__init__()
        self.value_function = _as_function(source)
        self.digits = digits
        self.sign = sign
        self.align = align
        self.color_function = color_function
        self.base_color = color if color is not None else theme.colors.text
        self._font = theme.fonts.sans
        self._font_size = font_size if font_size is not None else getattr(theme.sizes, role)
        self._bold = bold
        self._theme = theme
        self.glyphs = glyph_set(self._font, self._font_size, bold)
        self.anchor = Line(ORIGIN, self.glyphs.advance * RIGHT, stroke_opacity=0, stroke_width=0)
        self.text: str = ""
        self.value: float = float("nan")
        self.history: list[str] = []
        self._shown_color: Any = None
        self.add(self.anchor)
        self.set_value(self.value_function(), force=True)
        if live:
            self.add_updater(lambda mobject: mobject.update_value())

    def format(self, value: float) -> str:
        """The string this readout shows for ``value``."""
        return fmt(value, self.digits, sign=self.sign)

    def update_value(self) -> "LiveNumber":
        """Read the source and redraw if the shown string changes."""
        return self.set_value(self.value_function())

    @property
    def cell_scale(self) -> float:
        """How much the number has been scaled since it was made."""
        return float(np.linalg.norm(self.anchor.get_end() - self.anchor.get_start()) / self.glyphs.advance)

    def baseline_y(self) -> float:
        """The y of the digits' baseline (where the bottom of a "0" rests)."""
        zero_points = self.glyphs.points["0"]
        zero = self.glyphs.offsets["0"][1] + float(zero_points[:, 1].min())
        return float(self.anchor.get_start()[1] + zero * self.cell_scale)

    def set_value(self, value: float, force: bool = False) -> "LiveNumber":
        """Show ``value``; glyphs are swapped only when the string (or its colour) changes."""
        value = float(value)
        text = self.format(value)
        color = self.color_function(value) if self.color_function else self.base_color
        self.value = value
        if text == self.text and color == self._shown_color and not force:
            return self
        scale = self.cell_scale
        if self.glyphs.supports(text):
            glyphs = self.glyphs.layout(text, color)
        else:
            glyphs = self._fallback_glyphs(text, color)
        width_in_cells = self.glyphs.width(text) if self.glyphs.supports(text) else glyphs.width
        start = {"left": 0.0, "right": -width_in_cells, "center": -width_in_cells / 2}[self.align]
        glyphs.shift(start * RIGHT).scale(scale, about_point=ORIGIN).shift(self._cell_origin())
        for stale in self.submobjects[1:]:
            # The cairo renderer draws the family captured when a play began, so
            # replaced glyphs would still show; emptying them hides them (the same
            # measure manim's DecimalNumber.set_value takes).
            stale.points = np.zeros((0, 3))
        self.submobjects = [self.anchor, *glyphs.submobjects]
        self._shown_color = color
        self.text = text
        if not self.history or self.history[-1] != text:
            self.history.append(text)
        return self

    def _cell_origin(self) -> np.ndarray:
        # The anchor line spans one cell to the right of the alignment point.
        return self.anchor.get_start()

    def _fallback_glyphs(self, text: str, color: Any) -> VGroup:
        # Characters outside the cached set (never produced by fmt today): render whole.
        rendered = styled_text(text, mono=True, font_size=self._font_size, bold=self._bold, color=color, theme=self._theme)
        rendered.move_to(ORIGIN, aligned_edge=LEFT)
        return VGroup(*rendered.submobjects)


class LiveReadout(VGroup):
    """A label followed by a :class:`LiveNumber` on the same baseline, e.g. ``L = 0.81``.

    ``.label`` is the label mobject, ``.number`` the live number; ``.text`` and
    ``.value`` are the number's current string and value.
    """

    def __init__(
        self,
        label: str | Mobject,
        source: ValueSource,
        digits: int | None = None,
        *,
        sign: bool = False,
        role: Role = "body",
        label_color: Any = None,
        color: Any = None,
        color_function: Callable[[float], Any] | None = None,
        buff: float = 0.2,
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        if isinstance(label, Mobject):
            self.label = label
            label_baseline = float(label.get_bottom()[1])
        else:
            self.label = styled_text(label, role, color=label_color if label_color is not None else theme.colors.muted, theme=theme)
            label_baseline = text_baseline(self.label, label)
        self.number = LiveNumber(
            source, digits, sign=sign, role=role, color=color, color_function=color_function, align="left", theme=theme
        )
        self.number.shift(
            (self.label.get_right()[0] + buff - self.number.anchor.get_start()[0]) * RIGHT
            + (label_baseline - self.number.baseline_y()) * UP
        )
        self.add(self.label, self.number)

    @property
    def text(self) -> str:
        return self.number.text

    @property
    def value(self) -> float:
        return self.number.value


__all__ = ["GLYPH_CHARACTERS", "GlyphSet", "LiveNumber", "LiveReadout", "glyph_set", "text_baseline"]
