"""Data for section 07 (Gradient Descent): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class GradientDescentData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> GradientDescentData:
    return GradientDescentData(guide=section(7), walk=walkthrough(preset))
