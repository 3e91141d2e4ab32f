"""07 Gradient Descent: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class GradientDescent(SectionScene):
    section_number = 7

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
