"""Text in the theme's fonts and sizes, and word wrapping (manim's Text does not wrap)."""

from __future__ import annotations

import hashlib
import textwrap
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Sequence

import numpy as np
from manim import BOLD, NORMAL, Paragraph, Text, VGroup, config
from manim.mobject.text.text_mobject import START_X, START_Y, TEXT2SVG_ADJUSTMENT_FACTOR
from manimpango import MarkupUtils

from backprop_core.formatting import MINUS, fmt

from .lightweight import shed_build_parts
from .theme import THEME, Theme, register_fonts

Role = Literal["title", "heading", "subheading", "body", "label", "caption", "header"]

#: Average advance of a character of English prose in Inter, in units per font_size
#: point (measured: 0.306 units per character at font_size 48). Only a first guess:
#: wrapped lines are measured afterwards.
_CHAR_WIDTH_PER_FONT_SIZE = 0.0064


def styled_text(
    content: str,
    role: Role = "body",
    *,
    color: Any = None,
    bold: bool = False,
    mono: bool = False,
    code: bool = False,
    font_size: float | None = None,
    theme: Theme = THEME,
    **text_kwargs: Any,
) -> Text:
    """A ``Text`` in the theme's font, size for ``role`` and text colour (overridable).

    One face for everything a viewer reads, numbers included. ``mono=True`` is the
    number style: still the text face, with its tabular figures (every digit one
    width, see :class:`TabularText`), so columns of numbers line up and a value
    that changes does not shift its neighbours. ``code=True`` sets code (a program
    snippet) in the monospace code face; its true minus is drawn with the text
    face's minus (see ``draw_minus_from_sans``). Build-only parts are shed (see
    ``shed_build_parts``), so copies are cheap.
    """
    register_fonts()
    size = font_size if font_size is not None else getattr(theme.sizes, role)
    style: dict[str, Any] = dict(
        font=theme.fonts.mono if code else theme.fonts.sans,
        font_size=size,
        color=color if color is not None else theme.colors.text,
        weight=BOLD if bold else NORMAL,
        **text_kwargs,
    )
    text = TabularText(content, **style) if mono and not code else Text(content, **style)
    if code:
        draw_minus_from_sans(text, size, bold=bold, theme=theme)
    return shed_build_parts(text)


class TabularText(Text):
    """A ``Text`` set with the font's tabular figures (OpenType ``tnum``).

    Manim's ``Text`` has no way to ask for font features, so this one hands Pango
    the same string as markup, ``<span font_features="tnum">…</span>`` (Pango >= 1.38),
    one span per styled range (``t2c``, ``t2w``… still apply). In Inter every digit
    then has the same advance and proportional letters stay as they are. Everything
    else (size, position, ``.text``, glyph order) is exactly as for ``Text``.
    """

    FEATURES = "tnum"

    def _text2hash(self, color: Any) -> str:
        return hashlib.sha256((self.FEATURES + super()._text2hash(color)).encode()).hexdigest()[:16]

    def _text2svg(self, color: Any) -> str:
        dir_name = config.get_dir("text_dir")
        dir_name.mkdir(parents=True, exist_ok=True)
        file_name = dir_name / (self._text2hash(color) + ".svg")
        if file_name.exists():
            return str(file_name.resolve())
        spans = []
        for setting in sorted(self._text2settings(color), key=lambda setting: setting.start):
            attributes = [
                f'font_style="{setting.slant.lower()}"',
                f'font_weight="{setting.weight.lower()}"',
            ]
            if setting.font:
                attributes.append(f'font_family="{escape_markup(setting.font)}"')
            if setting.color:
                attributes.append(f'foreground="{setting.color}"')
            spans.append(f"<span {' '.join(attributes)}>{escape_markup(self.text[setting.start : setting.end])}</span>")
        features = self.FEATURES + (",liga=0,dlig=0,clig=0,hlig=0" if self.disable_ligatures else "")
        markup = f'<span font_features="{features}">{"".join(spans)}</span>'
        # Same canvas and scale as Text (the markup path of MarkupText wraps at 500 px).
        return MarkupUtils.text2svg(
            markup,
            self.font,
            self.slant,
            self.weight,
            self._font_size / TEXT2SVG_ADJUSTMENT_FACTOR,
            None,
            False,
            str(file_name.resolve()),
            START_X,
            START_Y,
            config["pixel_width"],
            config["pixel_height"],
        )


def escape_markup(text: str) -> str:
    """``text`` safe inside Pango markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@cache
def minus_outline(font: str, font_size: float, bold: bool = False) -> np.ndarray | None:
    """The outline of the true minus in ``font`` at ``font_size``, centred on the origin.

    ``None`` when Pango draws no single outline for it. The array is shared: read only.
    """
    register_fonts()
    glyphs = Text(MINUS, font=font, font_size=font_size, weight=BOLD if bold else NORMAL).submobjects
    if len(glyphs) != 1 or len(glyphs[0].points) == 0:
        return None
    outline = glyphs[0].points - glyphs[0].get_center()
    outline.flags.writeable = False
    return outline


def draw_minus_from_sans(text: Text, font_size: float, *, bold: bool = False, theme: Theme = THEME) -> Text:
    """Redraw every true minus of ``text`` (set in the mono font) with the sans font's minus.

    The mono font's minus is its hyphen (0.32 em, shorter than its plus bar), so
    "\u22123.6" reads as "-3.6"; the sans minus is as wide as a plus bar. Each one is
    centred where the mono minus was, in the middle of its cell at the plus bar's
    height, so no other glyph moves and the text's string is unchanged. Returns ``text``.
    """
    if MINUS not in text.text:
        return text
    mono = minus_outline(theme.fonts.mono, font_size, bold)
    sans = minus_outline(theme.fonts.sans, font_size, bold)
    if mono is None or sans is None:
        return text
    glyphs = text.submobjects
    if len(text.text) == len(glyphs):
        minus_glyphs = [glyph for character, glyph in zip(text.text, glyphs) if character == MINUS]
    elif "-" not in text.text:
        # A ligature ("->", "...") merged outlines, so glyphs no longer follow characters:
        # find the minus by its outline (the mono hyphen has the same one, hence no "-").
        minus_glyphs = [
            glyph
            for glyph in glyphs
            if glyph.points.shape == mono.shape and np.allclose(glyph.points - glyph.get_center(), mono, atol=1e-4)
        ]
    else:
        return text
    mono_width = float(np.ptp(mono[:, 0]))
    for glyph in minus_glyphs:
        # The ratio covers a text scaled while built (``height=``, ``width=``).
        scale = glyph.width / mono_width
        glyph.points = sans * scale + glyph.get_center()
    return text


@dataclass(frozen=True)
class Term:
    """One part of a formula with its own style: a number (formatted by ``fmt``) or a string.

    ``Term(walk.w, 2, color=THEME.colors.weight)`` shows ``fmt(walk.w, 2)``;
    ``Term("ŷ", color=THEME.colors.forward)`` a coloured symbol.
    """

    value: float | str
    digits: int | None = None
    sign: bool = False
    color: Any = None


FormulaPart = str | float | int | Term


def formula_pieces(parts: Sequence[FormulaPart]) -> list[tuple[str, Any, float | None]]:
    """Each part as (shown string, colour or None, number value or None)."""
    pieces: list[tuple[str, Any, float | None]] = []
    for part in parts:
        if isinstance(part, Term):
            if isinstance(part.value, str):
                pieces.append((part.value, part.color, None))
            else:
                pieces.append((fmt(part.value, part.digits, sign=part.sign), part.color, float(part.value)))
        elif isinstance(part, str):
            pieces.append((part, None, None))
        elif isinstance(part, (int, float)) and not isinstance(part, bool):
            pieces.append((fmt(part), None, float(part)))
        else:
            raise TypeError(f"a formula part is a string, a number or a Term, got {type(part).__name__}")
    return pieces


def formula_text(
    *parts: FormulaPart,
    role: Role = "body",
    color: Any = None,
    font_size: float | None = None,
    theme: Theme = THEME,
) -> Text:
    """A formula set in the text face (Inter), one ``Text``: maths and numbers alike.

    ``parts`` are strings (symbols and operators, written as shown: ``"ŷ = ReLU("``,
    ``" × "``, ``"²"``, the true minus ``−``), numbers (formatted by ``fmt``) and
    :class:`Term` (a number with digits/sign, or a string, in its own colour).
    The result's ``.original_text`` is the whole string; ``.part_glyphs[i]`` is a VGroup of
    part ``i``'s glyphs (for highlighting; empty when Pango merged glyphs) and
    ``.numbers`` lists ``(shown string, value)`` of the number parts.
    """
    pieces = formula_pieces(parts)
    content = "".join(shown for shown, _, _ in pieces)
    text = styled_text(content, role, color=color, font_size=font_size, theme=theme)
    glyph_counts = [sum(not character.isspace() for character in shown) for shown, _, _ in pieces]
    text.part_glyphs = []
    if sum(glyph_counts) == len(text.submobjects):
        start = 0
        for (_, part_color, _), count in zip(pieces, glyph_counts):
            glyphs = VGroup(*text.submobjects[start : start + count])
            if part_color is not None:
                glyphs.set_color(part_color)
            text.part_glyphs.append(glyphs)
            start += count
    text.numbers = [(shown, value) for shown, _, value in pieces if value is not None]
    return text


def wrap_text(text: str, max_chars: int) -> list[str]:
    """Break ``text`` into lines of at most ``max_chars`` characters, at spaces.

    A single word longer than ``max_chars`` stays whole on its own line rather than
    being cut mid-word.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(paragraph, width=max_chars, break_long_words=False, break_on_hyphens=False)
        lines.extend(wrapped or [""])
    return lines


def estimate_chars_per_line(max_width: float, font_size: float) -> int:
    """A first guess of how many characters of prose fit in ``max_width`` units."""
    char_width = _CHAR_WIDTH_PER_FONT_SIZE * font_size
    return max(1, int(max_width / char_width))


def line_widths(paragraph: Paragraph, lines: list[str]) -> dict[str, float]:
    """The width of each of ``lines`` as set in ``paragraph`` (built from them), by line.

    Empty when the glyphs cannot be told apart by line: a ligature merges two
    characters into one outline, and ``Paragraph`` then hands later lines the
    wrong glyphs.
    """
    counts = [sum(not character.isspace() for character in line) for line in lines]
    source = paragraph.lines_text
    if not isinstance(source, Text) or len(source.submobjects) != sum(counts) or len(paragraph.chars) != len(lines):
        return {}
    return {line: float(chars.width) for line, chars in zip(lines, paragraph.chars) if len(chars)}


class WrappedText(VGroup):
    """A paragraph wrapped to at most ``max_width`` units, in the theme's font.

    Lines are first wrapped by an estimate of characters per line, then measured;
    while the paragraph is still too wide it is re-wrapped with fewer characters.
    A line's width does not depend on the lines around it, so a wrapping that
    repeats a line already measured too wide is passed over without being built
    (a step often changes no line at all): the lines chosen are exactly those of
    rebuilding the paragraph at every step, for about 60 % of the glyphs.
    ``.lines`` holds the strings shown, one per line; ``.paragraph`` the manim
    ``Paragraph`` (its ``.chars[i]`` is line ``i``).
    """

    def __init__(
        self,
        text: str,
        max_width: float,
        role: Role = "body",
        *,
        color: Any = None,
        bold: bool = False,
        font_size: float | None = None,
        line_spacing: float = -1,
        align: Literal["left", "center"] = "left",
        theme: Theme = THEME,
    ) -> None:
        super().__init__()
        register_fonts()
        size = font_size if font_size is not None else getattr(theme.sizes, role)
        longest_word = max((len(word) for word in text.split()), default=1)
        max_chars = max(longest_word, estimate_chars_per_line(max_width, size))
        style: dict[str, Any] = dict(
            alignment=align,
            line_spacing=line_spacing,
            font=theme.fonts.sans,
            font_size=size,
            color=color if color is not None else theme.colors.text,
            weight=BOLD if bold else NORMAL,
        )
        too_wide: set[str] = set()
        while True:
            lines = wrap_text(text, max_chars)
            if max_chars > longest_word and too_wide.intersection(lines):
                max_chars -= 1
                continue
            paragraph = Paragraph(*lines, **style)
            if paragraph.width <= max_width or max_chars <= longest_word:
                break
            too_wide.update(line for line, width in line_widths(paragraph, lines).items() if width > max_width)
            max_chars -= 1
        self.lines: list[str] = lines
        self.max_width = max_width
        self.paragraph = shed_build_parts(paragraph)
        self.add(paragraph)
