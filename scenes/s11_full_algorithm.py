"""11 The Full Algorithm: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class FullAlgorithm(SectionScene):
    section_number = 11

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
