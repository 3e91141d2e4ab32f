"""Data for section 11 (The Full Algorithm): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class FullAlgorithmData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> FullAlgorithmData:
    return FullAlgorithmData(guide=section(11), walk=walkthrough(preset))
