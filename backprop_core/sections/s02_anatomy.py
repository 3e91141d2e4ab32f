"""Data for section 02 (Neural Network Anatomy): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class AnatomyData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> AnatomyData:
    return AnatomyData(guide=section(2), walk=walkthrough(preset))
