"""Data for section 01 (The Big Picture): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class BigPictureData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> BigPictureData:
    return BigPictureData(guide=section(1), walk=walkthrough(preset))
