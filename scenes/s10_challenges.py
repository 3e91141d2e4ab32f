"""10 Challenges: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class Challenges(SectionScene):
    section_number = 10

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
