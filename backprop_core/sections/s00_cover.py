"""Data for section 00 (Backpropagation): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class CoverData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> CoverData:
    return CoverData(guide=section(0), walk=walkthrough(preset))
