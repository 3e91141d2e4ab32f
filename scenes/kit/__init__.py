"""The visual kit shared by every scene: theme, base scene, layout, text and pictures."""

from .base import SectionScene
from .layout import Region, content_area, fit_in, fit_width, keep_inside, place_in, safe_area
from .theme import THEME, Theme, register_fonts, value_to_color, value_to_width
from .typography import WrappedText, styled_text, wrap_text

__all__ = [
    "THEME",
    "Region",
    "SectionScene",
    "Theme",
    "WrappedText",
    "content_area",
    "fit_in",
    "fit_width",
    "keep_inside",
    "place_in",
    "register_fonts",
    "safe_area",
    "styled_text",
    "value_to_color",
    "value_to_width",
    "wrap_text",
]
