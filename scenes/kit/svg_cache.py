"""Keep parsed SVGs on disk, so a text is parsed once, not once per process.

Every ``Text``, ``MarkupText`` and ``MathTex`` is an SVG that manim writes to its
text or Tex folder (named by a hash of the text and its style, so it is written
once) and then parses on every run: the XML, then ``svgelements``, then one
``VMobject`` per glyph. That parse is most of a scene's ``construct`` time (about
3 s of a 9 s last-frame preview of scene 10). Manim keeps parsed SVGs only in
memory, for the life of one process, and a preview or a render worker is a new
process.

This module keeps the parsed glyphs as a pickle beside the SVG files, in
``config.text_dir``, named by a hash of everything the parse reads: the SVG's
bytes, the mobject's class, its ``svg_default`` style and ``path_string_config``,
the renderer and manim's version. A later parse of the same SVG loads the pickle
instead: the same points and styles, so the same pixels. Anything unreadable in
the cache (a half-written file, another manim version) is parsed again and
rewritten; files are written under a temporary name and renamed, so parallel
workers never read half a file.

The pickles are written and read only by this project's own renders, in its own
cache folders, like manim's compiled Tex files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

import manim
from manim import config
from manim.mobject.svg.svg_mobject import SVGMobject, VMobjectFromSVGPath

#: Bumped when what is stored changes shape.
CACHE_FORMAT = 1
SUFFIX = ".mobjects.pickle"

_original_generate_mobject = SVGMobject.generate_mobject


def cache_key(mobject: SVGMobject, svg_bytes: bytes) -> str:
    """The name of ``mobject``'s parsed SVG in the cache: everything the parse depends on."""
    kind = type(mobject)
    recipe = repr(
        (
            CACHE_FORMAT,
            manim.__version__,
            f"{kind.__module__}.{kind.__qualname__}",
            sorted((key, repr(value)) for key, value in mobject.svg_default.items()),
            sorted((key, repr(value)) for key, value in mobject.path_string_config.items()),
            str(config.renderer),
        )
    )
    return hashlib.sha256(recipe.encode() + b"\0" + svg_bytes).hexdigest()[:32]


def cache_folder() -> Path:
    return Path(config.get_dir("text_dir"))


def _load(path: Path) -> tuple[list[Any], dict[str, Any]] | None:
    try:
        submobjects, groups = pickle.loads(path.read_bytes())
    except Exception:  # not there yet, half-written, or from another version: parse again
        return None
    if not isinstance(submobjects, list) or not isinstance(groups, dict):
        return None
    return submobjects, groups


def _store(path: Path, submobjects: list[Any], groups: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps((submobjects, groups), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a cache that cannot be written only costs speed


def generate_mobject(self: SVGMobject) -> SVGMobject:
    """Manim's ``SVGMobject.generate_mobject``, through the disk cache."""
    try:
        svg_bytes = self.get_file_path().read_bytes()
    except (OSError, ValueError):
        return _original_generate_mobject(self)  # manim raises its own clear error
    target = cache_folder() / f"{cache_key(self, svg_bytes)}{SUFFIX}"
    cached = _load(target)
    if cached is not None:
        submobjects, groups = cached
        self.add(*submobjects)
        self.id_to_vgroup_dict = groups
        return self
    _original_generate_mobject(self)
    # The parsed path objects are needed only to compute the points (see lightweight.py).
    for part in self.get_family():
        if isinstance(part, VMobjectFromSVGPath):
            part.path_obj = None
    _store(target, list(self.submobjects), dict(self.id_to_vgroup_dict))
    return self


def install() -> None:
    """Route manim's SVG parsing through the cache (idempotent)."""
    SVGMobject.generate_mobject = generate_mobject  # type: ignore[method-assign]


def uninstall() -> None:
    SVGMobject.generate_mobject = _original_generate_mobject  # type: ignore[method-assign]


__all__ = ["CACHE_FORMAT", "SUFFIX", "cache_folder", "cache_key", "generate_mobject", "install", "uninstall"]
