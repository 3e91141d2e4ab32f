"""08 Interactive Demo: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class TryItYourself(SectionScene):
    section_number = 8

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
