"""Data for section 12 (Summary): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class SummaryData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> SummaryData:
    return SummaryData(guide=section(12), walk=walkthrough(preset))
