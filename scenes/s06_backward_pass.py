"""06 Backward Pass: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class BackwardPass(SectionScene):
    section_number = 6

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
