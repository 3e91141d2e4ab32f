"""The visual kit shared by every scene: theme, base scene, layout, text and pictures.

Importing the kit also makes manim faster for every scene, however it is rendered
(``render.py``, plain ``manim``, the tests): parsed SVGs are kept on disk
(:mod:`.svg_cache`) and mobjects copy without the generic ``deepcopy`` machinery
(:mod:`.fast_copy`). Neither changes a pixel.
"""

from . import fast_copy, svg_cache
from .base import CaptionRecord, SectionScene, ShownNumber, StepRecord, active_preset
from .icons import ICON_NAMES, icon
from .lightweight import shed_build_parts
from .layout import (
    SUBTITLE_BAND_SHARE,
    Region,
    content_area,
    fit_in,
    fit_width,
    frame_region,
    keep_inside,
    place_in,
    safe_area,
    subtitle_band_top,
)
from .pictures import Card, ChainStage, ComputationChain, LossPlot, NetworkDiagram, Neuron, Slider, activation_glyph
from .readout import LiveNumber, LiveReadout
from .edges import WeightEdge
from .theme import THEME, Theme, is_dashed, register_fonts, value_to_color, value_to_opacity, value_to_width
from .transitions import swap_text
from .typography import Term, WrappedText, formula_text, styled_text, wrap_text

svg_cache.install()
fast_copy.install()

__all__ = [
    "ICON_NAMES",
    "THEME",
    "CaptionRecord",
    "Card",
    "ChainStage",
    "ComputationChain",
    "LiveNumber",
    "LiveReadout",
    "LossPlot",
    "NetworkDiagram",
    "Neuron",
    "Region",
    "SectionScene",
    "ShownNumber",
    "StepRecord",
    "Slider",
    "Theme",
    "WrappedText",
    "activation_glyph",
    "active_preset",
    "content_area",
    "fit_in",
    "fit_width",
    "frame_region",
    "icon",
    "keep_inside",
    "place_in",
    "register_fonts",
    "safe_area",
    "subtitle_band_top",
    "SUBTITLE_BAND_SHARE",
    "shed_build_parts",
    "styled_text",
    "swap_text",
    "Term",
    "WeightEdge",
    "formula_text",
    "is_dashed",
    "value_to_color",
    "value_to_opacity",
    "value_to_width",
    "wrap_text",
]
