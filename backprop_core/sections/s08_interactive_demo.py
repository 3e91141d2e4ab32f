"""Data for section 08 (Interactive Demo): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class InteractiveDemoData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> InteractiveDemoData:
    return InteractiveDemoData(guide=section(8), walk=walkthrough(preset))
