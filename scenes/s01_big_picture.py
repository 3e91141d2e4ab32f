"""01 The Big Picture: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class BigPicture(SectionScene):
    section_number = 1

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
