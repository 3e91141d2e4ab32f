"""The ordered registry of the video's scenes: the cover, then sections 01–12.

Order is explicit here because ``manim -a`` renders scenes alphabetically. Scene
classes are imported lazily, so listing scenes is instant and one broken scene
does not stop the others from rendering.
"""

from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass

from backprop_core.guide import SECTIONS


@dataclass(frozen=True)
class SceneEntry:
    """One scene of the video: its guide section, and where its class lives."""

    number: int
    slug: str
    title: str
    module: str
    class_name: str

    @property
    def label(self) -> str:
        """``03-forward-pass``: the stem of this scene's output files."""
        return f"{self.number:02d}-{self.slug}"

    @property
    def module_file(self) -> str:
        """Path of the scene's source file, relative to the repository root."""
        return self.module.replace(".", "/") + ".py"

    def load(self) -> type:
        """Import the scene module and return the scene class."""
        return getattr(importlib.import_module(self.module), self.class_name)


_CLASSES: dict[int, tuple[str, str]] = {
    0: ("s00_cover", "Cover"),
    1: ("s01_big_picture", "BigPicture"),
    2: ("s02_anatomy", "NetworkAnatomy"),
    3: ("s03_forward_pass", "ForwardPass"),
    4: ("s04_loss", "MeasureError"),
    5: ("s05_chain_rule", "ChainRule"),
    6: ("s06_backward_pass", "BackwardPass"),
    7: ("s07_gradient_descent", "GradientDescent"),
    8: ("s08_interactive_demo", "TryItYourself"),
    9: ("s09_going_deeper", "DeepNetworks"),
    10: ("s10_challenges", "Challenges"),
    11: ("s11_full_algorithm", "FullAlgorithm"),
    12: ("s12_summary", "KeyTakeaways"),
}

SCENES: tuple[SceneEntry, ...] = tuple(
    SceneEntry(
        number=guide_section.number,
        slug=guide_section.slug,
        title=guide_section.title,
        module=f"scenes.{_CLASSES[guide_section.number][0]}",
        class_name=_CLASSES[guide_section.number][1],
    )
    for guide_section in SECTIONS
)


class UnknownSceneError(LookupError):
    """A scene name that matches no scene; the message suggests the nearest one."""


def find_scene(token: str) -> SceneEntry:
    """Look a scene up by number (``3``, ``03``), slug (``forward-pass``), label
    (``03-forward-pass``) or class name (``ForwardPass``), case-insensitively."""
    wanted = token.strip().lower()
    for entry in SCENES:
        names = {entry.slug, entry.label, entry.class_name.lower(), entry.title.lower()}
        if wanted in names or (wanted.isdigit() and int(wanted) == entry.number):
            return entry
    choices = [entry.slug for entry in SCENES] + [entry.class_name for entry in SCENES]
    nearest = difflib.get_close_matches(token, choices, n=1, cutoff=0.4)
    hint = f"; did you mean {nearest[0]!r}?" if nearest else ""
    raise UnknownSceneError(
        f"unknown scene {token!r}{hint} (choose a number 00-{len(SCENES) - 1:02d} or a slug; see --list)"
    )
