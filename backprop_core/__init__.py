"""backprop_core: every number the backpropagation explainer shows, computed and tested.

Pure numpy; never imports manim. Scenes read the frozen dataclasses that
:func:`backprop_core.sections.section_data` returns and format numbers with :func:`fmt`.
"""

from . import diagnostics, landscapes, network, optim, training
from .autograd import Graph, GraphEdge, GraphNode, Value
from .formatting import MINUS, fmt
from .guide import PAPER_AUTHORS, PAPER_YEAR, SECTION_COUNT, SECTIONS, GuideSection, section
from .preset import (
    DEFAULT_PRESET,
    FIELD_SPECS,
    PRESET_KEYS,
    Preset,
    PresetError,
    apply_overrides,
    load_preset,
    preset_from_json,
    preset_from_mapping,
)
from .walkthrough import Walkthrough, closed_form, finite_difference_dw, neuron, walkthrough

__all__ = [
    "DEFAULT_PRESET",
    "FIELD_SPECS",
    "Graph",
    "GraphEdge",
    "GraphNode",
    "GuideSection",
    "MINUS",
    "PAPER_AUTHORS",
    "PAPER_YEAR",
    "PRESET_KEYS",
    "Preset",
    "PresetError",
    "SECTIONS",
    "SECTION_COUNT",
    "Value",
    "Walkthrough",
    "apply_overrides",
    "closed_form",
    "diagnostics",
    "landscapes",
    "network",
    "optim",
    "training",
    "finite_difference_dw",
    "fmt",
    "load_preset",
    "neuron",
    "preset_from_json",
    "preset_from_mapping",
    "section",
    "walkthrough",
]
