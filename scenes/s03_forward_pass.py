"""03 Forward Pass: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class ForwardPass(SectionScene):
    section_number = 3

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
