"""backprop_core: every number the backpropagation explainer shows, computed and tested.

Pure numpy; never imports manim. Scenes read the frozen dataclasses that
:func:`backprop_core.sections.section_data` returns and format numbers with :func:`fmt`.
"""

from importlib import import_module
from typing import Any

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

# The numpy parts load on first use: the command line reads presets and answers bad
# input without paying for numpy (a tenth of a second and more on a small machine).
_LAZY_MODULES = {"diagnostics", "landscapes", "network", "optim", "training", "walkthrough"}
# ``backprop_core.walkthrough`` is the module (Python binds a submodule to its package
# once it is imported); the function is ``backprop_core.walkthrough.walkthrough``.
_LAZY_NAMES = {name: "walkthrough" for name in ("Walkthrough", "closed_form", "finite_difference_dw", "neuron")}


def __getattr__(name: str) -> Any:
    if name in _LAZY_NAMES:
        value = getattr(import_module(f".{_LAZY_NAMES[name]}", __name__), name)
    elif name in _LAZY_MODULES:
        value = import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


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
