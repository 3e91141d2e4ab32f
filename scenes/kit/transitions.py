"""Clean ways to change what a text says.

manim's ``Transform`` from one text to a different string interpolates glyph
outlines point by point, and for most of its run the frames show scrambled
shapes. A text changes here by a cross-fade: the old text fades out while the
new one fades in, both moving together, neither distorted.
"""

from __future__ import annotations

from typing import Any

from manim import AnimationGroup, FadeIn, FadeOut, Mobject


def swap_text(old: Mobject, new: Mobject, **kwargs: Any) -> AnimationGroup:
    """Cross-fade ``old`` into ``new`` (any mobjects, typically texts or groups with text).

    Both travel together from ``old``'s place to ``new``'s (so a value chip can
    move and change at once): ``old`` fades out on its way and is removed,
    ``new`` fades in and stays. No glyph is ever stretched or morphed. Keyword
    arguments (``run_time``, ``rate_func``, ...) go to the ``AnimationGroup``.
    """
    shift = new.get_center() - old.get_center()
    return AnimationGroup(FadeOut(old, shift=shift), FadeIn(new, shift=shift), **kwargs)


__all__ = ["swap_text"]
