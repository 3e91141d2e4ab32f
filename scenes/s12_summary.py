"""12 Summary: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class KeyTakeaways(SectionScene):
    section_number = 12

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
