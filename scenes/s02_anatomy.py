"""02 Neural Network Anatomy: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class NetworkAnatomy(SectionScene):
    section_number = 2

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
