"""Data for section 04 (The Loss): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class LossData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> LossData:
    return LossData(guide=section(4), walk=walkthrough(preset))
