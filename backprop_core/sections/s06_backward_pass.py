"""Data for section 06 (Backward Pass): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class BackwardPassData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> BackwardPassData:
    return BackwardPassData(guide=section(6), walk=walkthrough(preset))
