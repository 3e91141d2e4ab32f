"""00 Backpropagation: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class Cover(SectionScene):
    section_number = 0

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
