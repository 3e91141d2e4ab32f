"""Code that runs inside the render worker processes.

Workers are started with the ``spawn`` method and ``PYTHONHASHSEED=0`` in their
environment (so manim's per-animation cache keys are stable across runs), import
manim once in :func:`start_worker`, and then render one scene per task. Each
task gets its own manim config (``tempconfig``) with the scene's own Tex and text
folders: parallel manim processes sharing a Tex folder delete each other's files.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from render_pipeline.captions import clamp_cues, read_srt, to_srt, to_vtt, trim_overlaps
from render_pipeline.files import atomic_output, move_atomic, write_text_atomic
from render_pipeline.last_frame import LastPictureKeeper, fast_forward_last_frame
from render_pipeline.settings import RenderSettings

PRESET_ENVIRONMENT_VARIABLE = "BACKPROP_PRESET"
NARRATION_ENVIRONMENT_VARIABLE = "BACKPROP_NARRATION"
SIDECAR_SCHEMA = 2
RENDERED_MARKER = "rendered-once"

# Extra format -> (manim format, transparent, file suffix).
FORMAT_PLANS: dict[str, tuple[str, bool, str]] = {
    "mp4": ("mp4", False, ".mp4"),
    "webm": ("webm", False, ".webm"),
    "gif": ("gif", False, ".gif"),
    "mov": ("mov", True, ".mov"),
    "alpha-webm": ("webm", True, ".alpha.webm"),
}

_events: Any = None


def start_worker(events: Any) -> None:
    """Pool initializer: leave Ctrl-C to the parent (it stops workers itself and
    cleans up), pay manim's import once per worker instead of once per scene, and
    convert held frames once (see :mod:`render_pipeline.static_frames`)."""
    global _events
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _events = events
    import manim  # noqa: F401

    from render_pipeline.static_frames import install

    install()


def warm_up() -> int:
    """A no-op task that makes the pool start its worker (and import manim) now."""
    return os.getpid()


@dataclass(frozen=True)
class RenderJob:
    """One scene to render into the clips folder, in the formats listed."""

    label: str
    number: int
    title: str
    module: str
    class_name: str
    preset_json: str
    settings: RenderSettings
    formats: tuple[str, ...]
    fingerprint: str
    inputs: dict[str, str]
    clips_dir: str
    cache_dir: str
    #: The batch folder (the preset's name) when the build renders several presets.
    batch: str = ""
    #: ``NarrationConfig.to_json()``; empty: no narration (reading-time pacing, no audio).
    narration_json: str = ""


@dataclass(frozen=True)
class RenderResult:
    label: str
    ok: bool
    seconds: float
    sidecar: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    details: str = ""


@dataclass(frozen=True)
class PreviewJob:
    """One scene at preview settings: a video, or only its last frame as a PNG."""

    label: str
    module: str
    class_name: str
    preset_json: str
    settings: RenderSettings
    last_frame: bool
    target: str
    cache_dir: str


@dataclass(frozen=True)
class ScriptJob:
    """Run one scene without drawing, to collect the sentences it says (``--narration-script``)."""

    label: str
    module: str
    class_name: str
    preset_json: str
    settings: RenderSettings
    cache_dir: str


def sidecar_path(clips_dir: Path, label: str) -> Path:
    return clips_dir / f"{label}.json"


def read_sidecar(clips_dir: Path, label: str) -> dict[str, Any] | None:
    try:
        data = json.loads(sidecar_path(clips_dir, label).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("schema") == SIDECAR_SCHEMA else None


def _manim_config(
    *,
    cache_dir: Path,
    label: str,
    settings: RenderSettings,
    manim_format: str,
    transparent: bool,
    encoder_options: dict[str, str],
    stage: str,
) -> dict[str, Any]:
    media = cache_dir / "media" / settings.folder_name / label / stage
    return {
        "media_dir": str(media),
        "video_dir": str(media),
        "images_dir": str(media),
        "partial_movie_dir": str(media / "partial_movie_files"),
        # One Tex/text folder per scene: only one worker renders a scene at a time,
        # and the compiled formulas stay warm across builds.
        "tex_dir": str(cache_dir / "tex" / label),
        "text_dir": str(cache_dir / "text" / label),
        "pixel_width": settings.width,
        "pixel_height": settings.height,
        "frame_rate": settings.fps,
        "format": manim_format,
        "transparent": transparent,
        "video_encoder_options": encoder_options,
        "output_file": label,
        "verbosity": "WARNING",
        "progress_bar": "none",
        "preview": False,
        "max_files_cached": 1000,
        "disable_caching": not _has_animation_cache(media / "partial_movie_files"),
        # Lets a worker draw the next animation while the last one is still encoding.
        "max_inflight_encoders": 2,
    }


@contextmanager
def preset_environment(preset_json: str, narration_json: str = "") -> Iterator[None]:
    """Hand the preset (and the narration, if any) to the scene (its ``setup`` reads
    them) and restore the variables afterwards, which matters when a preview renders
    inside the command's own process."""
    values = {PRESET_ENVIRONMENT_VARIABLE: preset_json, NARRATION_ENVIRONMENT_VARIABLE: narration_json}
    saved = {name: os.environ.get(name) for name in values}
    for name, value in values.items():
        if value:
            os.environ[name] = value
        else:
            os.environ.pop(name, None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _has_animation_cache(partial_movie_dir: Path) -> bool:
    """Whether manim's per-animation cache is worth using for this render.

    Hashing every animation costs a good part of a cold render (a fifth to a third
    of a 480p15 one here) and cannot hit when the scene has never been rendered at
    these settings. So the first render runs without it; once the scene has been
    rendered, its next renders keep a cache, and edits redraw only what changed.
    """
    return (partial_movie_dir / RENDERED_MARKER).exists()


def _after_render(options: dict[str, Any]) -> None:
    """Mark the scene as rendered at these settings; drop the uncached segments,
    which nothing can reuse (their names are play numbers, not content hashes)."""
    partial_movie_dir = Path(options["partial_movie_dir"])
    if not options["disable_caching"] or not partial_movie_dir.is_dir():
        return
    for segment in partial_movie_dir.glob("uncached_*"):
        segment.unlink(missing_ok=True)
    (partial_movie_dir / RENDERED_MARKER).touch()


def _load_scene_class(module: str, class_name: str) -> type:
    return getattr(importlib.import_module(module), class_name)


def step_ranges(marks: Any, duration: float, title: str) -> list[dict[str, Any]]:
    """A scene's step marks (objects with ``start`` and ``title``, in scene time) as
    consecutive time ranges that cover the clip: the first starts at 0, each ends where
    the next begins, the last at ``duration``; empty ranges are dropped. A scene that
    marks no steps is one step titled ``title``."""
    starts: list[tuple[float, str]] = []
    for mark in marks or ():
        start = min(max(float(mark.start), 0.0), duration)
        if starts and start - starts[-1][0] < 1e-3:
            starts[-1] = (starts[-1][0], str(mark.title))
        else:
            starts.append((start, str(mark.title)))
    if not starts:
        starts = [(0.0, title)]
    starts[0] = (0.0, starts[0][1])
    ranges = []
    for index, (start, name) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else duration
        if end - start > 1e-3:
            ranges.append({"title": name, "start": round(start, 6), "end": round(end, 6)})
    return ranges


@dataclass
class RenderedScene:
    """What one manim render left: the file, its captions, the last frame, the step marks."""

    artifact: Path
    subtitles: Path | None
    frame: Any
    steps: list[Any]
    #: The scene's narration cues (``NarrationCue``), its narrator (or None) and its caption texts.
    cues: list[Any] = field(default_factory=list)
    narrator: Any = None
    captions: list[str] = field(default_factory=list)


def _render_once(
    scene_class: type, options: dict[str, Any], keeper: LastPictureKeeper | None = None
) -> RenderedScene:
    """Render ``scene_class`` under ``options``."""
    from manim import tempconfig

    # A scene without animations writes no video; never pick up a stale one.
    for stale in Path(options["video_dir"]).glob(f"{options['output_file']}*"):
        if stale.is_file():
            stale.unlink()
    with tempconfig(options):
        scene = scene_class()
        if options["format"] == "png":
            fast_forward_last_frame(scene)
        if keeper is not None:
            keeper.attach(scene)
        scene.render()
        _after_render(options)
        steps = list(getattr(scene, "steps", None) or ())
        plan = scene.manager.file_writer.output_plan
        cues = list(getattr(scene, "speech_cues", None) or ())
        narrator = getattr(scene, "narrator", None)
        captions = [record.text for record in getattr(scene, "captions", None) or ()]
        frame = scene.renderer.get_frame() if hasattr(scene.renderer, "get_frame") else None
    artifact = plan.primary_artifact
    if artifact is None or not artifact.exists():
        raise RuntimeError(f"{scene_class.__name__} produced no {options['format']} output (does it play any animation?)")
    subtitles = plan.subcaption_file if plan.subcaption_file is not None and plan.subcaption_file.exists() else None
    return RenderedScene(artifact, subtitles, frame, steps, cues, narrator, captions)


def _encoder_options(fmt: str, settings: RenderSettings) -> dict[str, str]:
    if fmt in ("mp4", "gif"):
        return settings.encoder_options
    return {}  # manim's defaults for VP9 and qtrle


def _error_summary(error: BaseException, module: str) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    module_file = module.rsplit(".", 1)[-1] + ".py"
    located = [frame for frame in frames if Path(frame.filename).name == module_file] or frames[-1:]
    where = f" (at {Path(located[-1].filename).name}:{located[-1].lineno} in {located[-1].name})" if located else ""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {message}{where}" if message else f"{type(error).__name__}{where}"


def render_scene(job: RenderJob) -> RenderResult:
    """Render one scene into ``clips_dir``: the MP4 clip with its captions and
    thumbnail (when ``"mp4"`` is in ``job.formats``) and any extra formats, then
    its sidecar JSON, which is written last so it only ever vouches for whole sets."""
    started = time.perf_counter()
    if _events is not None:
        _events.put(("start", f"{job.batch}/{job.label}" if job.batch else job.label, os.getpid()))
    try:
        from render_pipeline.media import pick_thumbnail, probe_clip, write_thumbnail
        from render_pipeline.stillness import measure_stillness

        scene_class = _load_scene_class(job.module, job.class_name)
        clips_dir = Path(job.clips_dir)
        cache_dir = Path(job.cache_dir)
        previous = read_sidecar(clips_dir, job.label)
        if "mp4" in job.formats or previous is None or previous.get("fingerprint") != job.fingerprint:
            sidecar_path(clips_dir, job.label).unlink(missing_ok=True)
            sidecar: dict[str, Any] = {}
            # Extra formats of the old version would silently show outdated pictures.
            for fmt, (_, _, suffix) in FORMAT_PLANS.items():
                if fmt != "mp4" and fmt not in job.formats:
                    (clips_dir / f"{job.label}{suffix}").unlink(missing_ok=True)
        else:
            sidecar = dict(previous)
        formats: dict[str, str] = dict(sidecar.get("formats", {}))
        for fmt in job.formats:
            manim_format, transparent, suffix = FORMAT_PLANS[fmt]
            options = _manim_config(
                cache_dir=cache_dir,
                label=job.label,
                settings=job.settings,
                manim_format=manim_format,
                transparent=transparent,
                encoder_options=_encoder_options(fmt, job.settings),
                stage=fmt,
            )
            with preset_environment(job.preset_json, job.narration_json):
                rendered = _render_once(scene_class, options)
            artifact, subtitles, frame = rendered.artifact, rendered.subtitles, rendered.frame
            target = clips_dir / f"{job.label}{suffix}"
            if fmt != "mp4":
                move_atomic(artifact, target)
                formats[fmt] = target.name
                continue
            narration = _add_narration(artifact, rendered, mix_path(Path(job.cache_dir), job.label, job.fingerprint)) if job.narration_json else {}
            move_atomic(artifact, target)
            info = probe_clip(target)
            cues = trim_overlaps(clamp_cues(read_srt(subtitles) if subtitles else [], info.duration_ms))
            write_text_atomic(clips_dir / f"{job.label}.srt", to_srt(cues))
            write_text_atomic(clips_dir / f"{job.label}.vtt", to_vtt(cues))
            pixels = pick_thumbnail(target, frame)
            with atomic_output(clips_dir / f"{job.label}.png") as temporary:
                write_thumbnail(pixels, temporary)
            formats["mp4"] = target.name
            # Decoded at 160x90 grey, this costs a few percent of the render.
            still = measure_stillness(target).as_dict()
            sidecar.update(
                {
                    "schema": SIDECAR_SCHEMA,
                    "label": job.label,
                    "number": job.number,
                    "title": job.title,
                    "scene": f"{job.module}.{job.class_name}",
                    "fingerprint": job.fingerprint,
                    "inputs": job.inputs,
                    "duration": info.duration,
                    "duration_ticks": info.duration_ticks,
                    "time_base": f"{info.time_base.numerator}/{info.time_base.denominator}",
                    "frames": info.frames,
                    "width": info.width,
                    "height": info.height,
                    "fps": float(info.fps),
                    "captions": len(cues),
                    "longest_still": still["longest_still"],
                    "longest_still_start": still["longest_still_start"],
                    "motion_share": still["motion_share"],
                    "steps": step_ranges(rendered.steps, info.duration, job.title),
                    "srt": f"{job.label}.srt",
                    "vtt": f"{job.label}.vtt",
                    "thumbnail": f"{job.label}.png",
                    "preset": json.loads(job.preset_json),
                    "settings": job.settings.identity(),
                    "narration": narration,
                    "render_seconds": round(time.perf_counter() - started, 3),
                    "rendered_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                }
            )
        sidecar["formats"] = formats
        write_text_atomic(sidecar_path(clips_dir, job.label), json.dumps(sidecar, indent=2, sort_keys=True) + "\n")
        return RenderResult(job.label, True, time.perf_counter() - started, sidecar=sidecar)
    except (Exception, SystemExit) as error:
        return RenderResult(
            job.label,
            False,
            time.perf_counter() - started,
            error=_error_summary(error, job.module),
            details="".join(traceback.format_exception(error)),
        )


def collect_sentences(job: ScriptJob) -> list[str] | str:
    """The scene's caption sentences in order (each once), or an error summary."""
    try:
        scene_class = _load_scene_class(job.module, job.class_name)
        options = _manim_config(
            cache_dir=Path(job.cache_dir), label=job.label, settings=job.settings, manim_format="png",
            transparent=False, encoder_options={}, stage="script",
        )
        with preset_environment(job.preset_json):
            rendered = _render_once(scene_class, options)
        texts = rendered.captions
        return list(dict.fromkeys(text for text in texts if text.strip()))
    except (Exception, SystemExit) as error:
        return _error_summary(error, job.module)


def mix_path(cache_dir: Path, label: str, fingerprint: str) -> Path:
    """Where a clip's narration mix is kept losslessly, for the full video's track."""
    return cache_dir / "narration" / "mix" / f"{label}-{fingerprint[:16]}.wav"


def _add_narration(clip: Path, rendered: RenderedScene, mix_file: Path) -> dict[str, Any]:
    """Mix the scene's takes into an AAC track of exactly the clip's length and mux it
    into ``clip`` (in place); keep the mix as a WAV in the cache (the full video's
    track is made from it, so its audio is encoded once); return what the sidecar
    records about it."""
    from render_pipeline.media import probe_clip
    from render_pipeline.narration import write_wav
    from render_pipeline.soundtrack import Placement, mix, mux_with_audio

    cues = rendered.cues
    narrator = rendered.narrator
    record: dict[str, Any] = narrator.summary() if narrator is not None else {}
    record["takes"] = len(cues)
    if not cues:
        record["audio"] = False
        return record
    started = time.perf_counter()
    duration = probe_clip(clip).duration
    report = mix([Placement(cue.start, cue.path, cue.text) for cue in cues], duration)
    with atomic_output(clip) as temporary:
        mux_with_audio(clip, report.samples, temporary)
    write_wav(report.samples, mix_file)
    record.update(
        audio=True,
        speech_seconds=round(sum(cue.duration for cue in cues), 3),
        delayed=[{"text": text, "seconds": round(seconds, 3)} for text, seconds in report.delayed],
        cut=[{"text": text, "seconds": round(seconds, 3)} for text, seconds in report.cut],
        mux_seconds=round(time.perf_counter() - started, 3),
    )
    return record


def render_preview(job: PreviewJob) -> str:
    """Render a preview and move it to ``job.target``; return that path."""
    scene_class = _load_scene_class(job.module, job.class_name)
    options = _manim_config(
        cache_dir=Path(job.cache_dir),
        label=job.label,
        settings=job.settings,
        manim_format="png" if job.last_frame else "mp4",
        transparent=False,
        encoder_options=job.settings.encoder_options,
        stage="preview-png" if job.last_frame else "preview",
    )
    keeper = LastPictureKeeper() if job.last_frame else None
    with preset_environment(job.preset_json):
        artifact = _render_once(scene_class, options, keeper).artifact
    if keeper is not None and keeper.frame is not None:
        import numpy as np
        from PIL import Image

        from render_pipeline.media import is_empty

        with Image.open(artifact) as image:
            empty = is_empty(np.asarray(image.convert("RGB")))
        if empty:
            Image.fromarray(np.ascontiguousarray(keeper.frame[..., :3])).save(artifact, format="PNG")
    target = Path(job.target)
    move_atomic(artifact, target)
    return str(target)
