"""04 The Loss: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class MeasureError(SectionScene):
    section_number = 4

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
