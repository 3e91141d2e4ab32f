"""Data for section 10 (Challenges): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class ChallengesData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> ChallengesData:
    return ChallengesData(guide=section(10), walk=walkthrough(preset))
