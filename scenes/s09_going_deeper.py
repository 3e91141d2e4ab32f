"""09 Going Deeper: placeholder until the scene is written."""

from __future__ import annotations

from scenes.kit.base import SectionScene


class DeepNetworks(SectionScene):
    section_number = 9

    def construct(self) -> None:
        self.show_header()
        self.wait(1)
