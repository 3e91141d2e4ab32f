"""05 The Chain Rule: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class ChainRule(SectionScene):
    section_number = 5

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
