"""Drop what a built text keeps only for building it, so copies of it are cheap.

Every fade, transform and ``.animate`` deep-copies its mobjects. A built ``Text``
(and ``MathTex``, and anything else made from an SVG) keeps, in each glyph, the
parsed SVG path its points were computed from (``VMobjectFromSVGPath.path_obj``,
about 9 ms per glyph to copy), and every ``Paragraph`` keeps a hidden ``Text`` of
all its lines (``lines_text``). Manim reads neither once the points exist: the
path only in ``VMobjectFromSVGPath.__init__``, the hidden text only in
``Paragraph.__init__``. Every SVG-made mobject also keeps ``id_to_vgroup_dict``, a
group per element of its SVG (a dozen-glyph text has about three dozen), which
every copy copied too. Shedding them makes a card about 15x cheaper to copy and
changes no point, colour or pixel.

What is kept: a paragraph's ``lines_text`` becomes a small stand-in that still
has ``original_text`` (the scene tests read it); ``MathTex`` keeps the groups of
its own parts (``get_part_by_tex`` and ``set_color_by_tex`` look them up), the rest
of the group index is dropped (manim reads it only while building).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from manim import MathTex, Mobject, Paragraph
from manim.mobject.svg.svg_mobject import SVGMobject, VMobjectFromSVGPath

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
        elif isinstance(part, SVGMobject):
            _shed_group_index(part)
    return mobject


def _shed_group_index(svg: SVGMobject) -> None:
    groups = getattr(svg, "id_to_vgroup_dict", None)
    if not groups:
        return
    if isinstance(svg, MathTex):
        needed = {match_id for _, match_id in getattr(svg, "matched_strings_and_ids", ())}
        if len(needed) < len(groups):
            svg.id_to_vgroup_dict = {key: group for key, group in groups.items() if key in needed}
    else:
        svg.id_to_vgroup_dict = {}


__all__ = ["SourceText", "shed_build_parts"]
