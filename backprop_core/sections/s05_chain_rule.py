"""Data for section 05 (The Chain Rule): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class ChainRuleData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> ChainRuleData:
    return ChainRuleData(guide=section(5), walk=walkthrough(preset))
