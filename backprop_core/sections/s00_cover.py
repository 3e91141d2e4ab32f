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


def screen_subtitle(subtitle: str = COVER_SUBTITLE) -> str:
    """The guide's subtitle as the film shows it: a video is not interactive, so that word goes."""
    words = subtitle.split(" ")
    if len(words) > 1 and words[1].lower() == "interactive":
        article = "An" if words[2][:1].lower() in "aeiou" else "A"
        words = [article] + words[2:]
    return " ".join(words)


@dataclass(frozen=True)
class CoverData:
    guide: GuideSection
    walk: Walkthrough
    title: str
    heading: str
    subtitle: str
    #: The subtitle as shown on screen (the caption keeps the guide's sentence).
    screen_subtitle: str
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
        screen_subtitle=screen_subtitle(),
        tags=COVER_TAGS,
        forward_label=FORWARD_LABEL,
        backward_label=BACKWARD_LABEL,
        pulse=story_network(preset),
    )
