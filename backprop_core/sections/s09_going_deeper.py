"""Data for section 09 (Going Deeper): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class GoingDeeperData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> GoingDeeperData:
    return GoingDeeperData(guide=section(9), walk=walkthrough(preset))
