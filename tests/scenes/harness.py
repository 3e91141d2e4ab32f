"""Record what a scene shows, once per (scene, preset), for the scene tests.

A scene is built at tiny resolution with animations fast-forwarded (manim's
``skip_animations``: every ``play``/``wait`` jumps to its final state without
drawing in-between frames, and nothing is encoded). After every ``play`` and
``wait`` the harness takes a *checkpoint*: the scene time and every visible
text-bearing mobject (its class, the string it shows, its bounding box), plus
optionally the frame as pixels. Smoke, layout, provenance, caption and golden
tests all read the same cached :class:`SceneRecord`, so each (scene, preset)
pair is constructed once per test session.

Each checkpoint also keeps, per visible top-level mobject, a :class:`ShapeItem`
(its bounding box, its lowest visible part, whether it draws anything that is not
text), the animations of the play it ends (class names, and every
:func:`text_morphs` they make: a text morphed by outline interpolation into a
different string), when that play started, and whether anything moved during it.

Text-bearing mobjects are manim's ``Text``, ``MarkupText``, ``Paragraph``,
``Tex``/``MathTex`` (any ``SingleStringMathTex``, and a ``MathTex``'s parts shown
on their own), ``DecimalNumber``/``Integer``,
and live readouts: any mobject with a callable ``value_function`` and a string
``text`` (the kit's ``LiveNumber``). The harness does not descend into them.

Set ``BACKPROP_TEST_MEDIA_DIR`` to keep manim's LaTeX and text caches between
runs (a directory outside the repository); by default a temporary directory is
used and removed at exit.
"""

from __future__ import annotations

import atexit
import html
import os
import re
import shutil
import tempfile
import time as wallclock
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
PRESETS_DIR = REPO_ROOT / "assets" / "presets"
PRESET_ENV_VAR = "BACKPROP_PRESET"
MEDIA_ENV_VAR = "BACKPROP_TEST_MEDIA_DIR"

#: Pixel size of every recorded frame (16:9, so manim's frame stays 14.2 × 8 units).
PIXEL_WIDTH = 256
PIXEL_HEIGHT = 144
FRAME_RATE = 5

#: Preset names the scene tests run with: the guide's example, a dead ReLU
#: (every gradient zero) and an overshoot (positive gradient).
PRESET_NAMES: tuple[str, ...] = ("default", "dead-relu", "overshoot")

#: The guide's example as the default build makes it: spoken (by :class:`ModelNarrator`).
NARRATED = "narrated"

#: Seconds the shipped voice (Festival's slt at the shipped pace) takes per character of
#: the spoken sentence: a least-squares fit over every caption of the video (95
#: sentences, residual 0.4 s).
SECONDS_PER_SPOKEN_CHARACTER = 0.056


@dataclass(frozen=True)
class ModelTake:
    """What a narrator's take gives a scene: where its sound is, how long it speaks."""

    path: str
    duration: float


class ModelNarrator:
    """A narrator that speaks nothing but takes as long as the shipped voice would.

    Scenes pace a spoken sentence by its take's duration; this gives them that
    duration without a speech synthesiser, so the scene tests can check the
    narrated timeline (what the default build renders) deterministically.
    """

    def take(self, caption: str) -> ModelTake | None:
        from backprop_core.spoken import speak

        spoken = speak(caption).strip()
        if not re.search(r"\w", spoken):
            return None
        return ModelTake("", max(0.5, SECONDS_PER_SPOKEN_CHARACTER * len(spoken)))

#: Mobject attribute that allows a text to overlap other texts (set it on the
#: text or on any group that contains it).
ALLOW_OVERLAP_ATTRIBUTE = "allow_overlap"


@dataclass(frozen=True)
class TextItem:
    """One visible text-bearing mobject at a checkpoint."""

    kind: str
    text: str
    is_tex: bool
    left: float
    right: float
    bottom: float
    top: float
    allow_overlap: bool
    #: For live readouts: the string its value function gives now (None otherwise).
    expected_text: str | None = None


@dataclass(frozen=True)
class ShapeItem:
    """One visible top-level mobject at a checkpoint (texts, shapes, lines, axes, groups).

    Only parts drawn inside the frame count, and a backdrop that covers the whole
    frame is left out. ``lowest`` names the part that reaches lowest (a text by its
    string, a shape by its class) and ``lowest_bottom`` is that part's bottom;
    ``picture`` says whether any visible part is not text.
    """

    kind: str
    left: float
    right: float
    bottom: float
    top: float
    lowest: str
    lowest_bottom: float
    picture: bool


@dataclass(frozen=True)
class Checkpoint:
    """The state of the scene at the end of one ``play`` or ``wait``."""

    index: int
    time: float
    kind: str
    texts: tuple[TextItem, ...]
    shapes: tuple[ShapeItem, ...] = ()
    #: Scene time at which the play (or wait) began.
    start: float = 0.0
    #: Whether anything moved during it: an animation other than ``Wait``, or an
    #: updater that changed what is drawn during a wait.
    moving: bool = False
    #: Class names of the play's animations (groups listed by their own class).
    animations: tuple[str, ...] = ()
    #: Texts the play morphs into a different string by outline interpolation.
    morphs: tuple[str, ...] = ()

    def where(self) -> str:
        return f"t={self.time:.2f}s (end of {self.kind} #{self.index})"


@dataclass(frozen=True)
class Caption:
    start: float
    duration: float
    text: str


@dataclass
class SceneRecord:
    """Everything the scene tests need from one construction of a scene."""

    name: str
    preset_name: str
    section_number: int | None
    data: Any
    captions: tuple[Caption, ...] = ()
    shown_numbers: tuple[tuple[str, float], ...] = ()
    checkpoints: tuple[Checkpoint, ...] = ()
    #: Captured frames: by checkpoint index while recording, then by key-frame number.
    frames: dict[int, np.ndarray] = field(default_factory=dict)
    key_times: dict[int, float] = field(default_factory=dict)
    duration: float = 0.0
    frame_width: float = 0.0
    frame_height: float = 0.0
    error: str | None = None
    build_seconds: float = 0.0

    @property
    def label(self) -> str:
        return f"{self.name}[{self.preset_name}]"

    def screen_texts(self) -> list[str]:
        """Every distinct string shown on screen, in order of first appearance."""
        seen: dict[str, None] = {}
        for checkpoint in self.checkpoints:
            for item in checkpoint.texts:
                seen.setdefault(item.text, None)
        return list(seen)


def load_presets() -> dict[str, Any]:
    """The presets the scene tests use, by name (``default`` is the guide's example)."""
    from backprop_core.preset import DEFAULT_PRESET, load_preset

    presets: dict[str, Any] = {"default": DEFAULT_PRESET}
    for name in PRESET_NAMES[1:]:
        presets[name] = load_preset(PRESETS_DIR / f"{name}.toml")
    return presets


_MEDIA_DIR: Path | None = None


def media_dir() -> Path:
    """Where manim writes its caches for this session (outside the repository)."""
    global _MEDIA_DIR
    if _MEDIA_DIR is None:
        configured = os.environ.get(MEDIA_ENV_VAR, "").strip()
        if configured:
            _MEDIA_DIR = Path(configured)
            _MEDIA_DIR.mkdir(parents=True, exist_ok=True)
        else:
            _MEDIA_DIR = Path(tempfile.mkdtemp(prefix="backprop-scene-tests-"))
            atexit.register(shutil.rmtree, _MEDIA_DIR, True)
    return _MEDIA_DIR


def _text_types() -> tuple[type, ...]:
    from manim import DecimalNumber, MarkupText, Paragraph, SingleStringMathTex, Text
    from manim.mobject.text.tex_mobject import MathTexPart

    # A MathTex's parts (``MathTex(a, b, c)[i]``) are shown on their own when a scene
    # adds or writes them one by one.
    return (Text, MarkupText, Paragraph, SingleStringMathTex, MathTexPart, DecimalNumber)


def is_live_readout(mobject: Any) -> bool:
    return callable(getattr(mobject, "value_function", None)) and isinstance(getattr(mobject, "text", None), str)


def shown_text(mobject: Any) -> tuple[str, bool]:
    """The string a text-bearing mobject shows, and whether it is LaTeX source."""
    from manim import DecimalNumber, MarkupText, Paragraph, SingleStringMathTex

    if is_live_readout(mobject):
        return mobject.text, False
    if isinstance(mobject, DecimalNumber):
        return mobject._get_num_string(mobject.number), False
    if isinstance(mobject, SingleStringMathTex) or type(mobject).__name__ == "MathTexPart":
        return mobject.tex_string, True
    if isinstance(mobject, Paragraph):
        return mobject.lines_text.original_text.replace("\n", " "), False
    if isinstance(mobject, MarkupText):
        return html.unescape(re.sub(r"<[^>]+>", "", mobject.original_text)), False
    return getattr(mobject, "original_text", None) or getattr(mobject, "text", ""), False


def _part_opacity(part: Any) -> float:
    best = 0.0
    fill = getattr(part, "fill_rgbas", None)
    if fill is not None and len(fill):
        best = max(best, float(np.max(fill[:, 3])))
    stroke = getattr(part, "stroke_rgbas", None)
    if stroke is not None and len(stroke) and float(getattr(part, "stroke_width", 0) or 0) > 0:
        best = max(best, float(np.max(stroke[:, 3])))
    return best


def visible_opacity(mobject: Any) -> float:
    """The largest opacity any drawn part of ``mobject`` has (0 when nothing shows)."""
    return max((_part_opacity(part) for part in mobject.get_family() if len(getattr(part, "points", ())) > 0), default=0.0)


def visible_bounds(mobject: Any, min_opacity: float = 0.02) -> tuple[float, float, float, float] | None:
    """(left, right, bottom, top) of the parts of ``mobject`` that are drawn.

    Invisible helpers (a live readout's anchor line) do not count.
    """
    points = [
        part.points
        for part in mobject.get_family()
        if len(getattr(part, "points", ())) > 0 and _part_opacity(part) >= min_opacity
    ]
    if not points:
        return None
    stacked = np.vstack(points)
    return (
        float(stacked[:, 0].min()),
        float(stacked[:, 0].max()),
        float(stacked[:, 1].min()),
        float(stacked[:, 1].max()),
    )


def collect_texts(mobjects: list[Any], min_opacity: float = 0.02) -> list[TextItem]:
    """Visible text-bearing mobjects among ``mobjects`` and their descendants."""
    text_types = _text_types()
    items: list[TextItem] = []
    seen: set[int] = set()

    def visit(mobject: Any, allowed: bool) -> None:
        if id(mobject) in seen:
            return
        seen.add(id(mobject))
        allowed = allowed or bool(getattr(mobject, ALLOW_OVERLAP_ATTRIBUTE, False))
        if isinstance(mobject, text_types) or is_live_readout(mobject):
            bounds = visible_bounds(mobject, min_opacity)
            if bounds is None or (bounds[1] - bounds[0] <= 1e-6 and bounds[3] - bounds[2] <= 1e-6):
                return
            text, is_tex = shown_text(mobject)
            expected = None
            if is_live_readout(mobject) and callable(getattr(mobject, "format", None)):
                expected = mobject.format(mobject.value_function())
            items.append(
                TextItem(
                    kind=type(mobject).__name__,
                    text=text,
                    is_tex=is_tex,
                    left=bounds[0],
                    right=bounds[1],
                    bottom=bounds[2],
                    top=bounds[3],
                    allow_overlap=allowed,
                    expected_text=expected,
                )
            )
            return
        for child in mobject.submobjects:
            visit(child, allowed)

    for mobject in mobjects:
        visit(mobject, False)
    return items


#: A part wider and taller than this share of the frame is a backdrop, not content.
BACKDROP_SHARE = 0.95


def _is_text_bearing(mobject: Any, text_types: tuple[type, ...]) -> bool:
    return isinstance(mobject, text_types) or is_live_readout(mobject)


def _unit_description(mobject: Any, text_types: tuple[type, ...]) -> str:
    if _is_text_bearing(mobject, text_types):
        return f"{type(mobject).__name__} {shown_text(mobject)[0]!r}"
    return type(mobject).__name__


def collect_shapes(
    mobjects: list[Any], frame_width: float, frame_height: float, min_opacity: float = 0.02
) -> list[ShapeItem]:
    """A :class:`ShapeItem` for each top-level mobject that draws something inside the frame.

    A text-bearing mobject counts as one part (its visible outline box); any
    other mobject with points counts on its own.
    """
    text_types = _text_types()
    half_w, half_h = frame_width / 2, frame_height / 2
    items: list[ShapeItem] = []

    for top_level in mobjects:
        units: list[tuple[Any, tuple[float, float, float, float], bool]] = []
        seen: set[int] = set()

        def visit(mobject: Any) -> None:
            if id(mobject) in seen:
                return
            seen.add(id(mobject))
            if _is_text_bearing(mobject, text_types):
                bounds = visible_bounds(mobject, min_opacity)
                if bounds is not None:
                    units.append((mobject, bounds, False))
                return
            points = getattr(mobject, "points", ())
            if len(points) > 0 and _part_opacity(mobject) >= min_opacity:
                units.append(
                    (
                        mobject,
                        (
                            float(points[:, 0].min()),
                            float(points[:, 0].max()),
                            float(points[:, 1].min()),
                            float(points[:, 1].max()),
                        ),
                        True,
                    )
                )
            for child in mobject.submobjects:
                visit(child)

        visit(top_level)
        inside = [
            (mobject, bounds, picture)
            for mobject, bounds, picture in units
            if bounds[1] > -half_w and bounds[0] < half_w and bounds[3] > -half_h and bounds[2] < half_h
            and not (
                bounds[1] - bounds[0] >= BACKDROP_SHARE * frame_width and bounds[3] - bounds[2] >= BACKDROP_SHARE * frame_height
            )
        ]
        if not inside:
            continue
        lowest, lowest_bounds, _ = min(inside, key=lambda unit: unit[1][2])
        items.append(
            ShapeItem(
                kind=type(top_level).__name__,
                left=min(bounds[0] for _, bounds, _ in inside),
                right=max(bounds[1] for _, bounds, _ in inside),
                bottom=lowest_bounds[2],
                top=max(bounds[3] for _, bounds, _ in inside),
                lowest=_unit_description(lowest, text_types),
                lowest_bottom=lowest_bounds[2],
                picture=any(picture for _, _, picture in inside),
            )
        )
    return items


def shown_strings(mobject: Any, min_opacity: float = 0.02) -> tuple[tuple[str, ...], bool]:
    """The strings of the text-bearing mobjects in ``mobject`` (family order), and
    whether any of them is visible."""
    text_types = _text_types()
    strings: list[str] = []
    visible = False

    def visit(part: Any) -> None:
        nonlocal visible
        if _is_text_bearing(part, text_types):
            strings.append(shown_text(part)[0])
            visible = visible or visible_opacity(part) >= min_opacity
            return
        for child in part.submobjects:
            visit(child)

    visit(mobject)
    return tuple(strings), visible


def clean_text_changes() -> tuple[type, ...]:
    """Animation classes that change a text cleanly: cross-fades and matched-glyph transforms."""
    from manim import FadeTransform
    from manim.animation.fading import _Fade
    from manim.animation.transform_matching_parts import TransformMatchingAbstractBase

    return (FadeTransform, TransformMatchingAbstractBase, _Fade)


def _transform_target(animation: Any) -> Any:
    from manim import Mobject

    target = getattr(animation, "target_mobject", None)
    placeholder = target is None or (type(target) is Mobject and not target.submobjects and len(target.points) == 0)
    if placeholder:
        # ApplyMethod, ApplyFunction and their kin build the target when they begin.
        try:
            target = animation.create_target()
        except Exception:
            return None
    return target


def text_morphs(animations: list[Any]) -> list[str]:
    """Descriptions of the transforms among ``animations`` that morph a text into a different string.

    A transform (``Transform``, ``ReplacementTransform``, ``TransformFromCopy``,
    ``MoveToTarget``/``.animate``, ``ApplyMethod``, ...) interpolates outlines point
    by point: when the visible strings of its source and target differ (in order),
    the frames in between show scrambled glyphs (unless no text is visible on
    either side). Cross-fades (``FadeTransform``,
    ``FadeTransformPieces``, ``FadeIn``/``FadeOut``) and matched-glyph transforms
    (``TransformMatchingShapes``/``TransformMatchingTex``) are clean. Read the
    animations before they begin (the mobjects still show their start).
    """
    from manim import AnimationGroup, Transform, TransformFromCopy

    clean = clean_text_changes()
    found: list[str] = []

    def visit(animation: Any) -> None:
        if isinstance(animation, clean):
            return
        if isinstance(animation, AnimationGroup):
            for member in animation.animations:
                visit(member)
            return
        if not isinstance(animation, Transform):
            return
        source, target = animation.mobject, _transform_target(animation)
        if target is None:
            return
        if isinstance(animation, TransformFromCopy):
            source, target = target, source
        (before, seen_before), (after, seen_after) = shown_strings(source), shown_strings(target)
        if before != after and (seen_before or seen_after):
            found.append(f"{type(animation).__name__} {list(before)} -> {list(after)}")

    for animation in animations:
        visit(animation)
    return found


#: Attributes that say which string a text-bearing mobject shows.
_TEXT_IDENTITY = ("text", "original_text", "tex_string", "tex_strings", "number", "lines_text", "lines")


def _text_parts(mobject: Any, text_types: tuple[type, ...]) -> list[Any]:
    parts: list[Any] = []

    def visit(part: Any) -> None:
        if _is_text_bearing(part, text_types):
            parts.append(part)
            return
        for child in part.submobjects:
            visit(child)

    visit(mobject)
    return parts


def _take_string(mobject: Any, source: Any, text_types: tuple[type, ...]) -> None:
    """Give each text of ``mobject`` the string of the text of ``source`` it now looks like."""
    texts, sources = _text_parts(mobject, text_types), _text_parts(source, text_types)
    if len(texts) != len(sources):
        return
    for text, origin in zip(texts, sources):
        if text is origin:
            continue
        for name in _TEXT_IDENTITY:
            if name in vars(origin) and name in vars(text):
                setattr(text, name, vars(origin)[name])


@contextmanager
def strings_follow_shapes() -> Iterator[None]:
    """While recording, a text that takes another's outlines also takes its string.

    manim's ``become`` and ``Transform`` copy points only: after
    ``Text("a").become(Text("b"))`` or ``play(Transform(a, b))`` the text draws "b"
    but still says "a", so the checks would read the wrong string (and a play of
    ``.animate.become(...)`` would look like a move of the same text).
    """
    from manim import Mobject, Transform

    become_original, finish_original = Mobject.become, Transform.finish
    text_types = _text_types()

    def become(self: Any, mobject: Any, *args: Any, **kwargs: Any) -> Any:
        result = become_original(self, mobject, *args, **kwargs)
        _take_string(self, mobject, text_types)
        return result

    def finish(self: Any) -> None:
        finish_original(self)
        target = getattr(self, "target_mobject", None)
        if target is not None and not isinstance(self, clean_text_changes()):
            _take_string(self.mobject, target, text_types)

    Mobject.become, Transform.finish = become, finish
    try:
        yield
    finally:
        Mobject.become, Transform.finish = become_original, finish_original


def animation_names(animations: list[Any]) -> tuple[str, ...]:
    return tuple(type(animation).__name__ for animation in animations)


def drawn_fingerprint(scene: Any) -> tuple[Any, ...]:
    """A cheap summary of everything drawn: changes when any visible part moves or recolours."""
    summary: list[Any] = []
    for part in scene.get_mobject_family_members():
        points = getattr(part, "points", ())
        if len(points) == 0:
            continue
        summary.append((id(part), points.shape, round(float(points.sum()), 6), round(float(np.abs(points).sum()), 6), round(_part_opacity(part), 4)))
        fill = getattr(part, "fill_rgbas", None)
        if fill is not None and len(fill):
            summary.append(round(float(fill.sum()), 6))
    return tuple(summary)


def _time_based_updates(scene: Any) -> bool:
    return bool(scene.updaters) or any(
        mobject.has_time_based_updater() for mobject in scene.get_mobject_family_members()
    )


def _recording_class(scene_class: type, capture_frames: bool, narrator: Any = None) -> type:
    """A subclass of ``scene_class`` that takes a checkpoint after every play and wait.

    With ``capture_frames`` the frame at the end of every ``wait`` is kept: the
    held frames a lecturer would pause on are the golden tests' key frames. With a
    ``narrator`` the scene speaks through it (see :class:`ModelNarrator`).
    """
    from manim import Wait, config
    from manim.renderer.cairo_renderer import CairoRenderer

    def compile_animation_data(self: Any, *args: Any, **kwargs: Any) -> Any:
        compiled = scene_class.compile_animation_data(self, *args, **kwargs)
        animations = list(self.animations or ())
        self.__dict__["_harness_play"] = (animation_names(animations), tuple(text_morphs(animations)))
        return compiled

    def play(self: Any, *args: Any, **kwargs: Any) -> None:
        start = float(self.time)
        self.__dict__["_harness_play"] = ((), ())
        kind = "wait" if len(args) == 1 and isinstance(args[0], Wait) else "play"
        before = drawn_fingerprint(self) if kind == "wait" and _time_based_updates(self) else None
        scene_class.play(self, *args, **kwargs)
        # Fast-forwarded plays skip the final updater pass a full render makes.
        self.update_mobjects(0)
        names, morphs = self.__dict__["_harness_play"]
        if kind == "wait":
            moving = before is not None and drawn_fingerprint(self) != before
        else:
            moving = any(name != "Wait" for name in names)
        checkpoints = self.__dict__.setdefault("_harness_checkpoints", [])
        index = len(checkpoints)
        mobjects = list(self.mobjects)
        checkpoints.append(
            Checkpoint(
                index,
                float(self.time),
                kind,
                tuple(collect_texts(mobjects)),
                shapes=tuple(collect_shapes(mobjects, config.frame_width, config.frame_height)),
                start=start,
                moving=moving,
                animations=names,
                morphs=morphs,
            )
        )
        if capture_frames and kind == "wait":
            self.renderer.static_image = None
            CairoRenderer.update_frame(self.renderer, self, ignore_skipping=True)
            self.__dict__.setdefault("_harness_frames", {})[index] = self.renderer.get_frame()[:, :, :3].copy()

    def setup(self: Any) -> None:
        scene_class.setup(self)
        if narrator is not None:
            self.narrator = narrator

    return type(
        scene_class.__name__,
        (scene_class,),
        {
            "play": play,
            "compile_animation_data": compile_animation_data,
            "setup": setup,
            "__module__": scene_class.__module__,
        },
    )


def _skip_drawing(scene: Any) -> None:
    """Stop the renderer drawing frames nobody sees (it does so even while skipping)."""
    scene.renderer.update_frame = lambda *args, **kwargs: None
    scene.renderer.save_static_frame_data = lambda *args, **kwargs: None


def record_scene(
    scene_class: type,
    preset: Any,
    preset_name: str = "default",
    *,
    capture_frames: bool = False,
    narrator: Any = None,
) -> SceneRecord:
    """Build ``scene_class`` with ``preset`` fast-forwarded at tiny resolution and record it
    (spoken through ``narrator`` when one is given; silent, paced by reading time, if not).

    Never raises for errors inside the scene: they are returned in ``.error``.
    """
    from manim import tempconfig

    name = scene_class.__name__
    started = wallclock.perf_counter()
    previous = os.environ.get(PRESET_ENV_VAR)
    os.environ[PRESET_ENV_VAR] = preset.to_json()
    scene = None
    error = None
    settings = {
        "pixel_width": PIXEL_WIDTH,
        "pixel_height": PIXEL_HEIGHT,
        "frame_rate": FRAME_RATE,
        "dry_run": True,
        "disable_caching": True,
        "media_dir": str(media_dir()),
        "verbosity": "ERROR",
        "progress_bar": "none",
        "preview": False,
    }
    try:
        with tempconfig(settings), strings_follow_shapes():
            from manim import config

            frame_width, frame_height = float(config.frame_width), float(config.frame_height)
            scene = _recording_class(scene_class, capture_frames, narrator)(skip_animations=True)
            _skip_drawing(scene)
            scene.render()
    except Exception:
        error = traceback.format_exc()
        frame_width, frame_height = 0.0, 0.0
    finally:
        if previous is None:
            os.environ.pop(PRESET_ENV_VAR, None)
        else:
            os.environ[PRESET_ENV_VAR] = previous
    record = SceneRecord(name=name, preset_name=preset_name, section_number=getattr(scene_class, "section_number", None), data=None)
    record.error = error
    record.frame_width, record.frame_height = frame_width, frame_height
    if scene is not None:
        record.data = getattr(scene, "data", None)
        record.captions = tuple(
            Caption(float(c.start), float(c.duration), str(c.text)) for c in getattr(scene, "captions", ())
        )
        record.shown_numbers = tuple((str(n.text), float(n.value)) for n in getattr(scene, "shown_numbers", ()))
        record.checkpoints = tuple(scene.__dict__.get("_harness_checkpoints", ()))
        record.frames = dict(scene.__dict__.get("_harness_frames", {}))
        record.duration = float(scene.time) if scene.renderer is not None else 0.0
    record.build_seconds = wallclock.perf_counter() - started
    return record


_CACHE: dict[tuple[str, str], SceneRecord] = {}
_PLANNED: list[tuple[Any, str]] = []
WORKERS_ENV_VAR = "BACKPROP_TEST_WORKERS"


def workers() -> int:
    """Processes that build records in parallel: ``BACKPROP_TEST_WORKERS``, else up to 2."""
    configured = os.environ.get(WORKERS_ENV_VAR, "").strip()
    if configured:
        return max(1, int(configured))
    return max(1, min(2, os.cpu_count() or 1))


def plan(pairs: list[tuple[Any, str]]) -> None:
    """Announce the (entry, preset name) records a test run will ask for, so the
    first request can build them all in parallel processes."""
    _PLANNED[:] = list(dict.fromkeys(pairs))


def scene_record(entry: Any, preset_name: str) -> SceneRecord:
    """The cached record of registry ``entry`` under ``preset_name`` (built on first use).

    Records of the default preset keep their golden key frames (see ``golden``).
    """
    key = (entry.label, preset_name)
    if key not in _CACHE and _PLANNED:
        pending = [(e, p) for e, p in _PLANNED if (e.label, p) not in _CACHE]
        _PLANNED.clear()
        if len(pending) > 1 and workers() > 1:
            _build_in_parallel(pending)
    if key not in _CACHE:
        _CACHE[key] = _build(entry, preset_name)
    return _CACHE[key]


def _build(entry: Any, preset_name: str) -> SceneRecord:
    from tests.scenes.golden import keep_key_frames

    narrated = preset_name == NARRATED
    preset = load_presets()["default" if narrated else preset_name]
    try:
        scene_class = entry.load()
    except Exception:
        record = SceneRecord(name=entry.class_name, preset_name=preset_name, section_number=entry.number, data=None)
        record.error = traceback.format_exc()
        return record
    record = record_scene(
        scene_class,
        preset,
        preset_name,
        capture_frames=preset_name == "default",
        narrator=ModelNarrator() if narrated else None,
    )
    keep_key_frames(record)
    return record


def _worker_start(parent_media: str) -> None:
    # Each process gets its own media folder: manim's LaTeX and SVG temporaries collide otherwise.
    import multiprocessing

    global _MEDIA_DIR
    identity = multiprocessing.current_process()._identity
    _MEDIA_DIR = Path(parent_media) / f"worker-{identity[-1] if identity else os.getpid()}"
    _MEDIA_DIR.mkdir(parents=True, exist_ok=True)


def _build_by_label(label: str, preset_name: str) -> SceneRecord:
    from scenes import find_scene

    return _build(find_scene(label), preset_name)


def _build_in_parallel(pairs: list[tuple[Any, str]]) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers(), mp_context=context, initializer=_worker_start, initargs=(str(media_dir()),)) as pool:
        futures = {(e.label, p): pool.submit(_build_by_label, e.label, p) for e, p in pairs}
        for key, future in futures.items():
            try:
                _CACHE[key] = future.result()
            except Exception:
                # A record that cannot come back from a worker is built here instead.
                pass


def build_times() -> dict[tuple[str, str], float]:
    """Seconds each cached record took to build (for the timing report)."""
    return {key: record.build_seconds for key, record in _CACHE.items()}
