"""Data for section 00 (the cover): the title, subtitle and tags, and the story
network pulsing behind them.

The network is section 02's story network, the one the guide's neuron lives in
(see :mod:`backprop_core.sections.s02_anatomy`): the forward pulse is the example's
activations on the way to the output, the backward pulse the size of each
weight's gradient for the example's error on the way back.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import COVER_SUBTITLE, COVER_TAGS, GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough
from .s02_anatomy import StoryNetwork, story_network

#: What the two pulses are, said on screen while they run.
FORWARD_LABEL = "forward: a prediction"
BACKWARD_LABEL = "backward: what to fix"


@dataclass(frozen=True)
class CoverData:
    guide: GuideSection
    walk: Walkthrough
    title: str
    heading: str
    subtitle: str
    tags: tuple[str, ...]
    forward_label: str
    backward_label: str
    pulse: StoryNetwork


def build(preset: Preset) -> CoverData:
    guide = section(0)
    return CoverData(
        guide=guide,
        walk=walkthrough(preset),
        title=guide.title,
        heading=guide.heading,
        subtitle=COVER_SUBTITLE,
        tags=COVER_TAGS,
        forward_label=FORWARD_LABEL,
        backward_label=BACKWARD_LABEL,
        pulse=story_network(preset),
    )
