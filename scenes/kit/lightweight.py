"""Drop what a built text keeps only for building it, so copies of it are cheap.

Every fade, transform and ``.animate`` deep-copies its mobjects. A built ``Text``
(and ``MathTex``, and anything else made from an SVG) keeps, in each glyph, the
parsed SVG path its points were computed from (``VMobjectFromSVGPath.path_obj``,
about 9 ms per glyph to copy), and every ``Paragraph`` keeps a hidden ``Text`` of
all its lines (``lines_text``). Manim reads neither once the points exist: the
path only in ``VMobjectFromSVGPath.__init__``, the hidden text only in
``Paragraph.__init__``. Shedding them makes a card about 15x cheaper to copy and
changes no point, colour or pixel.

What is kept: a paragraph's ``lines_text`` becomes a small stand-in that still
has ``original_text`` (the scene tests read it); ``MathTex`` keeps its
``id_to_vgroup_dict`` (``get_part_by_tex`` and ``set_color_by_tex`` use it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from manim import Mobject, Paragraph
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

M = TypeVar("M", bound=Mobject)


@dataclass(frozen=True)
class SourceText:
    """Stands in for a paragraph's hidden whole-text ``Text`` once it is shed."""

    original_text: str


def shed_build_parts(mobject: M) -> M:
    """Drop the build-only parts of every text in ``mobject``'s family; returns ``mobject``.

    Safe to call more than once and on any mobject (parts it does not know are
    left alone).
    """
    for part in mobject.get_family():
        if isinstance(part, VMobjectFromSVGPath):
            if part.path_obj is not None:
                part.path_obj = None
        elif isinstance(part, Paragraph) and not isinstance(getattr(part, "lines_text", None), SourceText):
            part.lines_text = SourceText(part.lines_text.original_text)
    return mobject


__all__ = ["SourceText", "shed_build_parts"]
