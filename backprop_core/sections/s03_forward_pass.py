"""Data for section 03 (Forward Pass): every number that scene shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import GuideSection, section
from ..preset import Preset
from ..walkthrough import Walkthrough, walkthrough


@dataclass(frozen=True)
class ForwardPassData:
    guide: GuideSection
    walk: Walkthrough


def build(preset: Preset) -> ForwardPassData:
    return ForwardPassData(guide=section(3), walk=walkthrough(preset))
