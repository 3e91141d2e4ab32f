"""Render the backpropagation explainer: preview one scene, build clips, build the full video.

    python render.py                              every scene at 1080p60, then the full video
    python render.py --scenes 03 backward-pass    only these clips
    python render.py --quality low --jobs 2       480p15 on two worker processes
    python render.py --preview forward-pass --last-frame
    python render.py --list
    python render.py --stop-server                stop the resident preview process
    python render.py --narration recorded --recordings takes/
    python render.py --narration-script           the sentences to record, and which are missing

Scenes render in parallel worker processes, clips that are up to date are
reused without running their scene, and the full video is joined from the clips
without re-encoding. Every output is written under a temporary name and renamed
into place, so an interrupted build never leaves a broken file behind.

Exit status: 0 done, 1 a scene failed, 2 bad command-line input, 3 something
to install is missing, 4 the output folder is in use, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import difflib
import importlib
import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from backprop_core.preset import DEFAULT_PRESET, Preset, PresetError, apply_overrides, load_preset
from render_pipeline.deck import DeckError
from render_pipeline.executors import ExecutorUnavailable
from render_pipeline.files import FolderLock, JoinError, OutputLocked, remove_leftover_parts
from render_pipeline.settings import (
    EXTRA_FORMATS,
    QUALITY_PRESETS,
    X264_PRESETS,
    RenderSettings,
    SettingsError,
    parse_formats,
    resolve_settings,
)

FULL_VIDEO_NAME = "backpropagation"
VIDEO_TITLE = "Backpropagation"
EXIT_OK, EXIT_SCENE_FAILED, EXIT_USAGE, EXIT_MISSING_TOOL, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
PREVIEW_SETTINGS = RenderSettings(width=854, height=480, fps=15, x264_preset="ultrafast")
NARRATION_MODES = ("tts", "recorded", "none")
BUILTIN_VOICE_NAMES = ("festival-slt", "espeak-ng")
SCRIPT_SETTINGS = RenderSettings(width=256, height=144, fps=5, x264_preset="ultrafast")


class SceneLike(Protocol):
    """What the pipeline needs of a scene entry (``scenes.SceneEntry`` or a test fixture)."""

    number: int
    slug: str
    title: str
    module: str
    class_name: str

    @property
    def label(self) -> str: ...


class UsageError(ValueError):
    """Bad command-line input; reported as one line with exit status 2."""


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM: stop the workers, keep every output as it was."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def available_cores() -> int:
    """The cores this process may run on (respects taskset and CPU affinity)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="render.py",
        description="Render the backpropagation explainer: clips per scene and the full video.",
        epilog="Outputs: OUT/backpropagation.mp4 (+ .srt, .vtt), OUT/clips/NN-slug.{mp4,srt,vtt,png,json}, "
        "OUT/manifest.json. See docs-render.md.",
    )
    pick = parser.add_argument_group("what to render")
    pick.add_argument("--scenes", nargs="+", metavar="SCENE", help="numbers or slugs, e.g. 03 backward-pass (default: all)")
    pick.add_argument("--list", action="store_true", help="list the scenes in order and exit")
    pick.add_argument("--preview", metavar="SCENE", help="render one scene fast at 480p15 and print its path")
    pick.add_argument("--last-frame", action="store_true", help="with --preview: only the last frame, as a PNG")
    pick.add_argument("--watch", action="store_true", help="with --preview: render again whenever the sources change")
    pick.add_argument("--no-server", action="store_true",
                      help="with --preview: render in this process; neither use nor start the resident preview server")
    pick.add_argument("--stop-server", action="store_true", help="stop the preview server of --out, if one runs, and exit")
    look = parser.add_argument_group("how it looks")
    look.add_argument("--quality", help=f"one of {', '.join(QUALITY_PRESETS)} (default: high = 1920x1080, 60 fps)")
    look.add_argument("--resolution", metavar="WxH", help="frame size, e.g. 1280x720 (overrides --quality's)")
    look.add_argument("--fps", type=int, metavar="N", help="frame rate (overrides --quality's)")
    look.add_argument("--formats", default="", metavar="LIST",
                      help=f"extra clip formats, comma-separated: {', '.join(EXTRA_FORMATS)}")
    look.add_argument("--crf", type=int, default=23, help="x264 quality, lower is better (default: 23, manim's)")
    look.add_argument("--x264-preset", default="veryfast", choices=X264_PRESETS, metavar="NAME",
                      help="x264 speed preset (default: veryfast)")
    data = parser.add_argument_group("the worked example")
    data.add_argument("--example", nargs="+", metavar="FILE.toml",
                      help="preset file(s) or folder(s) of them, e.g. assets/presets/overshoot.toml; several make a "
                           "batch: one video per preset in OUT/NAME/")
    data.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="overrides",
                      help="override one preset value (x, w, b, y, lr); repeatable")
    run = parser.add_argument_group("how it runs")
    run.add_argument("--jobs", type=int, default=available_cores(), metavar="N",
                     help="worker processes (default: all cores)")
    run.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output/)")
    run.add_argument("--force", action="store_true", help="render even the clips that are up to date")
    run.add_argument("--executor", choices=EXECUTOR_CHOICES, default="local", metavar="NAME",
                     help="where scenes render: local (worker processes here, the default) or dask (a Dask cluster)")
    run.add_argument("--scheduler", metavar="ADDRESS", help="with --executor dask: the scheduler, e.g. tcp://host:8786")
    run.add_argument("--deck", action="store_true",
                     help="also write the lecture deck: OUT/deck/index.html (step by step, offline) and a PowerPoint")
    voice = parser.add_argument_group("narration")
    voice.add_argument("--narration", choices=NARRATION_MODES,
                       help="tts: a voice reads the captions; recorded: your recordings (the voice fills in "
                       "missing ones); none: silent, paced by reading time (default: tts where a voice is installed)")
    voice.add_argument("--voice", metavar="NAME",
                       help=f"auto (default: the first installed), {', '.join(BUILTIN_VOICE_NAMES)}")
    voice.add_argument("--voice-command", metavar="TEMPLATE",
                       help="your own TTS command: writes a WAV to {wav}; the text is {text} (quoted), "
                       "in the file {text_file}, or on standard input")
    voice.add_argument("--recordings", default="recordings", metavar="DIR",
                       help="folder of recorded takes, one file per sentence named by its key (default: recordings/)")
    voice.add_argument("--narration-script", nargs="?", const="", metavar="FILE",
                       help="write the sentences to record, per scene with each file's key, report which "
                       "recordings are missing, and exit (default FILE: OUT/narration-script.txt)")
    voice.add_argument("--strict", action="store_true",
                       help="with --narration recorded: a missing recording fails its scene instead of being synthesised")
    return parser


EXECUTOR_CHOICES = ("local", "dask")


def default_entries() -> tuple[SceneLike, ...]:
    from scenes import SCENES

    return SCENES


def find_entry(token: str, entries: Sequence[SceneLike]) -> SceneLike:
    """Look a scene up by number, slug, label or class name; unknown names get the nearest match."""
    wanted = token.strip().lower()
    for entry in entries:
        names = {entry.slug.lower(), entry.label.lower(), entry.class_name.lower(), entry.title.lower()}
        if wanted in names or (wanted.isdigit() and int(wanted) == entry.number):
            return entry
    if tuple(entries) == tuple(default_entries()):
        from scenes import UnknownSceneError, find_scene

        try:
            return find_scene(token)
        except UnknownSceneError as error:
            raise UsageError(str(error)) from None
    choices = [entry.slug for entry in entries] + [entry.class_name for entry in entries]
    nearest = difflib.get_close_matches(token, choices, n=1, cutoff=0.4)
    hint = f"; did you mean {nearest[0]!r}?" if nearest else ""
    raise UsageError(f"unknown scene {token!r}{hint} (choose from {', '.join(entry.slug for entry in entries)})")


@dataclass(frozen=True)
class Request:
    """The validated command line."""

    entries: tuple[SceneLike, ...]
    selected: tuple[SceneLike, ...]
    preset: Preset
    settings: RenderSettings
    jobs: int
    out: Path
    force: bool
    preview: SceneLike | None
    last_frame: bool
    watch: bool
    use_server: bool = True
    deck: bool = False
    #: Every preset of the build as (name, preset); one unless --example named several.
    presets: tuple[tuple[str, Preset], ...] = ()
    #: Whether outputs go to OUT/NAME (several presets, or a folder of them).
    batch: bool = False
    executor: str = "local"
    scheduler: str | None = None

    def outputs(self) -> list[tuple[str, Preset, Path, Path]]:
        """(name, preset, output folder, cache folder) of each preset of the build."""
        presets = self.presets or (("", self.preset),)
        if not self.batch:
            return [(presets[0][0], presets[0][1], self.out, self.out / ".cache")]
        return [(name, preset, self.out / name, self.out / ".cache") for name, preset in presets]
    #: ``render_pipeline.narration.NarrationConfig``; None: silent, paced by reading time.
    narration: Any = None
    #: Said once before the build (e.g. how to get a voice when none is installed).
    narration_notice: str = ""
    #: ``--narration-script``: where to write the script (then exit without rendering).
    script: Path | None = None
    recordings: Path = Path("recordings")


def parse_request(argv: Sequence[str], entries: Sequence[SceneLike]) -> Request | None:
    """Validate everything before any rendering; ``None`` means ``--list`` was handled."""
    args = build_parser().parse_args(list(argv))
    if args.list:
        for entry in entries:
            print(f"{entry.number:02d}  {entry.slug:<18} {entry.title}")
        return None
    if args.stop_server:
        from render_pipeline import preview_server

        stopped = preview_server.stop(Path(args.out))
        print(f"stopped the preview server of {args.out}" if stopped else f"no preview server runs for {args.out}")
        return None
    if args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1; got {args.jobs}")
    if (args.last_frame or args.watch) and not args.preview:
        raise UsageError("--last-frame and --watch go with --preview SCENE")
    if args.no_server and not args.preview:
        raise UsageError("--no-server goes with --preview SCENE")
    if args.deck and args.preview:
        raise UsageError("--deck goes with a build, not with --preview")
    if args.preview and args.scenes:
        raise UsageError("--preview takes one scene; leave out --scenes")
    try:
        settings = resolve_settings(
            args.quality, args.resolution, args.fps,
            crf=args.crf, x264_preset=args.x264_preset, extra_formats=parse_formats(args.formats),
        )
    except SettingsError as error:
        raise UsageError(str(error)) from None
    presets, batch = load_presets(args.example or [], args.overrides)
    if batch and args.preview:
        raise UsageError("--preview takes one preset; give --example one file")
    if args.executor == "dask" and not args.scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler goes with --executor dask")
    if args.executor == "dask" and args.preview:
        raise UsageError("--preview renders here; leave out --executor dask")
    preset = presets[0][1]
    selected: list[SceneLike] = []
    for token in args.scenes or []:
        entry = find_entry(token, entries)
        if entry not in selected:
            selected.append(entry)
    ordered = tuple(entry for entry in entries if entry in selected) if selected else tuple(entries)
    preview = find_entry(args.preview, entries) if args.preview else None
    prepare_output_folder(Path(args.out))
    out = Path(args.out)
    narration, notice = (None, "") if args.preview else resolve_narration(args, out)
    script = None
    if args.narration_script is not None:
        script = Path(args.narration_script) if args.narration_script else out / "narration-script.txt"
    return Request(
        entries=tuple(entries),
        selected=ordered,
        preset=preset,
        settings=settings,
        jobs=args.jobs,
        out=Path(args.out),
        force=args.force,
        preview=preview,
        last_frame=args.last_frame,
        watch=args.watch,
        use_server=not args.no_server,
        deck=args.deck,
        presets=tuple(presets),
        batch=batch,
        executor=args.executor,
        scheduler=args.scheduler,
        narration=narration,
        narration_notice=notice,
        script=script,
        recordings=Path(args.recordings),
    )


def load_presets(sources: Sequence[str], overrides: Sequence[str]) -> tuple[list[tuple[str, Preset]], bool]:
    """The presets named by ``--example`` (files, or folders of ``*.toml``), each with
    the ``--set`` overrides applied, named by their file's stem; and whether they make
    a batch (several presets, or any folder)."""
    files: list[Path] = []
    batch = len(sources) > 1
    for source in sources:
        path = Path(source)
        if path.is_dir():
            batch = True
            found = sorted(path.glob("*.toml"))
            if not found:
                raise UsageError(f"--example {source}: a folder with no .toml presets in it")
            files.extend(found)
        else:
            files.append(path)
    presets: list[tuple[str, Preset]] = []
    try:
        for path in files:
            presets.append((path.stem, apply_overrides(load_preset(path), overrides)))
        if not files:
            presets.append(("default", apply_overrides(DEFAULT_PRESET, overrides)))
    except PresetError as error:
        raise UsageError(str(error)) from None
    names = [name for name, _ in presets]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise UsageError(f"--example: two presets named {repeated[0]!r}; each preset's file name names its output folder")
    bad = [name for name in names if name.startswith(".") or name in ("clips", "deck", "preview")]
    if batch and bad:
        raise UsageError(f"--example: a preset may not be named {bad[0]!r} (it names an output folder)")
    return presets, batch


def prepare_output_folder(out: Path) -> None:
    """Check that ``--out`` is, or can be made, a writable folder (last of the checks),
    so that an unusable one is one line of bad input, not a failure halfway through a
    build. Folders made to find out are removed again: nothing is left behind."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: not a folder")
    made: list[Path] = []
    try:
        for folder in reversed([out, *out.parents]):
            if not folder.exists():
                folder.mkdir()
                made.append(folder)
    except OSError as error:
        raise UsageError(f"--out {out}: cannot create it ({error.strerror or error})") from None
    finally:
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
    if out.exists() and not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(f"--out {out}: not writable")


def resolve_narration(args: argparse.Namespace, out: Path) -> tuple[Any, str]:
    """The narration a build asked for, validated before anything renders: the voice
    exists and speaks (a short probe, cached), the recordings are audio and not silent.
    Returns (config or None, a notice to say once)."""
    from render_pipeline.narration import (
        VOICE_HELP, NarrationConfig, NarrationError, VoiceError, check_recordings, check_voice,
        folder_digest, pick_voice,
    )

    if args.strict and args.narration != "recorded":
        raise UsageError("--strict goes with --narration recorded")
    if args.narration == "none":
        return None, ""
    try:
        voice = pick_voice(args.voice, args.voice_command)
    except VoiceError as error:
        raise UsageError(str(error)) from None
    cache = out / ".cache" / "narration"
    if voice is not None and voice.name == "command":
        # A built-in voice was checked by looking for its files; a user's command is
        # tried once on a short sentence (cached, so only a changed command costs it).
        try:
            check_voice(voice, cache)
        except VoiceError as error:
            raise UsageError(str(error)) from None
    mode = args.narration or "tts"
    recordings = Path(args.recordings)
    if mode == "recorded":
        try:
            check_recordings(recordings)
        except NarrationError as error:
            raise UsageError(str(error)) from None
    elif voice is None:
        if args.narration_script is not None:
            return None, ""
        return None, f"no voice is installed, so the video is silent; {VOICE_HELP}"
    config = NarrationConfig(
        mode=mode,
        voice_name=voice.name if voice else None,
        voice_template=voice.template if voice else None,
        cache_dir=str(cache.resolve()),
        recordings=str(recordings.resolve()) if mode == "recorded" else None,
        strict=args.strict,
        recordings_digest=folder_digest(recordings) if mode == "recorded" else "",
    )
    notice = "" if voice is not None else f"no voice is installed: sentences without a recording are silent; {VOICE_HELP}"
    return config, notice


def missing_tools() -> list[str]:
    """What manim needs from the system that is not there, each with what to install."""
    problems: list[str] = []
    tex = "texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended cm-super-minimal"
    if shutil.which("latex") is None:
        problems.append(f"LaTeX ('latex' not on PATH): install {tex} (Debian/Ubuntu: apt-get install {tex} dvisvgm)")
    if shutil.which("dvisvgm") is None:
        problems.append("dvisvgm (turns LaTeX output into SVG): install dvisvgm (Debian/Ubuntu: apt-get install dvisvgm)")
    for module, what in (("cairo", "cairo (pycairo)"), ("manimpango", "pango (manimpango)")):
        try:
            importlib.import_module(module)
        except ImportError as error:
            problems.append(
                f"{what} cannot be imported ({error}): install libcairo2-dev libpango1.0-dev pkg-config "
                "(apt), then pip install --force-reinstall manim"
            )
    return problems


class Progress:
    """Scenes done, running and left: one rewritten line on a terminal, plain lines otherwise."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.tty = stream.isatty()
        self.done: list[str] = []
        self.running: dict[str, float] = {}
        self.started = time.perf_counter()

    def _status(self) -> str:
        left = self.total - len(self.done) - len(self.running)
        running = ", ".join(self.running) or "-"
        elapsed = time.perf_counter() - self.started
        return f"[{len(self.done)}/{self.total} done] running: {running} | left: {left} | {elapsed:5.1f} s"

    def _say(self, line: str | None) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
            if line:
                self.stream.write(line + "\n")
            self.stream.write(self._status())
        elif line:
            self.stream.write(f"{line}  {self._status()}\n")
        self.stream.flush()

    def reused(self, label: str) -> None:
        self.done.append(label)
        self._say(f"up to date  {label}")

    def start(self, label: str, reason: str = "") -> None:
        self.running[label] = time.perf_counter()
        self._say(f"rendering   {label}" + (f" ({reason})" if reason else ""))

    def finish(self, label: str, ok: bool, seconds: float) -> None:
        self.running.pop(label, None)
        self.done.append(label)
        self._say(f"{'rendered' if ok else 'FAILED':<11} {label} ({seconds:.1f} s)")

    def tick(self) -> None:
        if self.tty:
            self._say(None)

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()


@dataclass
class BuildReport:
    """What a build did; the command line's exit status follows from it."""

    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    full_video: Path | None = None
    full_video_reused: bool = False
    manifest: Path | None = None
    deck: list[Path] = field(default_factory=list)


@contextmanager
def _interrupts_raise() -> Iterator[None]:
    """Turn SIGTERM into the same clean stop as Ctrl-C while a build runs."""

    def stop(signum: int, frame: Any) -> None:
        raise Interrupted(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _plan_formats(sidecar: dict[str, Any] | None, fingerprint: str, settings: RenderSettings,
                  clips: Path, force: bool) -> tuple[str, ...]:
    """The formats a scene still needs: none when its clip set is complete and current."""
    from render_pipeline.worker import FORMAT_PLANS

    everything = ("mp4", *settings.extra_formats)
    if force or sidecar is None or sidecar.get("fingerprint") != fingerprint:
        return everything
    base_files = [sidecar.get("formats", {}).get("mp4"), sidecar.get("srt"), sidecar.get("vtt"), sidecar.get("thumbnail")]
    if not all(name and (clips / name).is_file() for name in base_files):
        return everything
    have = sidecar.get("formats", {})
    return tuple(
        fmt for fmt in settings.extra_formats
        if fmt not in have or not (clips / f"{sidecar['label']}{FORMAT_PLANS[fmt][2]}").is_file()
    )


def _why(sidecar: dict[str, Any] | None, inputs: dict[str, str], formats: tuple[str, ...], force: bool) -> str:
    """A few words on why a scene renders: shown in the progress lines."""
    from render_pipeline.fingerprint import changed_inputs

    if force:
        return "forced"
    if sidecar is None:
        return "no clip yet"
    changed = changed_inputs(sidecar.get("inputs", {}), inputs)
    if not changed:
        return "missing " + ", ".join(formats) if "mp4" not in formats else "clip files missing"
    shown = ", ".join(name.strip("<>") for name in changed[:3])
    return f"changed: {shown}" + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")


def _expected_cost(sidecar: dict[str, Any] | None, entry: SceneLike) -> float:
    """Seconds the last render of this scene took, else a guess from its source size
    (longer scenes have longer files); used to start the slowest scenes first."""
    if sidecar and sidecar.get("render_seconds"):
        return float(sidecar["render_seconds"])
    from render_pipeline.fingerprint import module_source

    try:
        return module_source(entry.module).stat().st_size / 1000
    except (ImportError, OSError):
        return 0.0


def build(request: Request, *, stream: TextIO = sys.stderr) -> BuildReport:
    """Render the selected scenes (reusing up-to-date clips), then, when every scene
    was selected and all succeeded, join the full video; always refresh the manifest."""
    return build_batch(request, stream=stream)[0][1]


def build_batch(request: Request, *, stream: TextIO = sys.stderr) -> list[tuple[str, BuildReport]]:
    """The build of every preset of the request: one output folder each (``OUT/NAME``
    for a batch, ``OUT`` for a single preset), their jobs run together on one executor,
    LaTeX and text caches shared in ``OUT/.cache``. Returns (name, report) per preset."""
    from render_pipeline.executors import job_name

    builds = [_SinglePresetBuild(name, dataclasses.replace(request, preset=preset, out=out), cache)
              for name, preset, out, cache in request.outputs()]
    with contextlib.ExitStack() as locks:
        for single in builds:
            locks.enter_context(FolderLock(single.request.out / ".lock", "a render.py build"))
        progress = Progress(len(request.selected) * len(builds), stream)
        jobs = [job for single in builds for job in single.plan(progress)]
        if jobs:
            reports = {(job.batch, job.label): single.report for single in builds for job in single.jobs}
            costs = {(job.batch, job.label): single.cost[job.label] for single in builds for job in single.jobs}

            def started(job: Any) -> None:
                progress.start(job_name(job), reports[job.batch, job.label].reasons.get(job.label, ""))

            def finished(job: Any, result: Any) -> None:
                report = reports[job.batch, job.label]
                if result.ok:
                    report.rendered.append(job.label)
                else:
                    report.failed[job.label] = result.error
                    log = Path(job.cache_dir) / "logs" / f"{job.label}.log"
                    log.parent.mkdir(parents=True, exist_ok=True)
                    log.write_text(result.details or result.error, encoding="utf-8")
                progress.finish(job_name(job), result.ok, result.seconds)
                progress.tick()

            _run_jobs(request, jobs, lambda job: costs[job.batch, job.label], started, finished, stream)
        progress.close()
        for single in builds:
            single.finish()
    return [(single.name, single.report) for single in builds]


class _SinglePresetBuild:
    """One preset's part of a build: plan its jobs, then join and describe its outputs."""

    def __init__(self, name: str, request: Request, cache: Path) -> None:
        self.name = name
        self.request = request
        self.cache = cache
        self.report = BuildReport()
        self.jobs: list[Any] = []
        self.cost: dict[str, float] = {}

    def plan(self, progress: Progress) -> list[Any]:
        from render_pipeline.fingerprint import Fingerprinter
        from render_pipeline.worker import RenderJob, read_sidecar

        request, report = self.request, self.report
        out, clips = request.out, request.out / "clips"
        batch = self.name if len(request.outputs()) > 1 or request.batch else ""
        shown = (lambda label: f"{batch}/{label}") if batch else (lambda label: label)
        remove_leftover_parts(out)
        preset_json = request.preset.to_json()
        narration_json = request.narration.to_json() if request.narration is not None else ""
        fingerprints = Fingerprinter(
            preset_json, request.settings.identity(),
            request.narration.identity() if request.narration is not None else None,
        )
        for entry in request.selected:
            try:
                fingerprint = fingerprints.scene_fingerprint(entry.module, entry.class_name, entry.number)
            except (ImportError, OSError) as error:
                report.failed[entry.label] = f"{type(error).__name__}: {error}"
                progress.finish(shown(entry.label), False, 0.0)
                continue
            sidecar = read_sidecar(clips, entry.label)
            formats = _plan_formats(sidecar, fingerprint.value, request.settings, clips, request.force)
            if not formats:
                report.reused.append(entry.label)
                progress.reused(shown(entry.label))
                continue
            report.reasons[entry.label] = _why(sidecar, fingerprint.inputs, formats, request.force)
            self.cost[entry.label] = _expected_cost(sidecar, entry)
            self.jobs.append(
                RenderJob(
                    label=entry.label, number=entry.number, title=entry.title, module=entry.module,
                    class_name=entry.class_name, preset_json=preset_json, settings=request.settings,
                    formats=formats, fingerprint=fingerprint.value, inputs=fingerprint.inputs,
                    clips_dir=str(clips.resolve()), cache_dir=str(self.cache.resolve()), batch=batch,
                    narration_json=narration_json,
                )
            )
        return self.jobs

    def finish(self) -> None:
        from render_pipeline.worker import read_sidecar

        request, report = self.request, self.report
        out, clips = request.out, request.out / "clips"
        entries_with_clips = [entry for entry in request.entries if read_sidecar(clips, entry.label)]
        everything = len(request.selected) == len(request.entries)
        if everything and not report.failed:
            if _full_video_current(request, clips, out):
                report.full_video_reused = True
                report.full_video = out / f"{FULL_VIDEO_NAME}.mp4"
            else:
                report.full_video = _join_full_video(request, clips, out, self.cache)
        report.manifest = _write_manifest(request, clips, out, entries_with_clips, report)
        if request.deck:
            from render_pipeline.deck import write_deck, write_pptx

            report.deck = [write_deck(out, request.entries, VIDEO_TITLE), write_pptx(out, request.entries, VIDEO_TITLE)]


def _run_jobs(request: Request, jobs: list[Any], cost: Any, started: Any, finished: Any, stream: TextIO) -> None:
    """Hand the jobs to the request's executor (see ``render_pipeline.executors``)."""
    from render_pipeline import executors

    if request.executor == "dask":
        client = executors.connect(request.scheduler)
        try:
            workers = len(client.scheduler_info().get("workers", {}))
            stream.write(f"rendering {len(jobs)} scene(s) on the Dask cluster at {request.scheduler} "
                         f"({workers} worker(s))\n")
            executors.run_dask(client, jobs, cost, started, finished)
        finally:
            client.close()
        return
    workers = min(request.jobs, len(jobs), available_cores())
    if workers < request.jobs:
        limit = f"{len(jobs)} scene(s) to render" if workers == len(jobs) else f"{workers} core(s)"
        stream.write(f"--jobs {request.jobs} capped to {workers}: there are only {limit}\n")
    executors.run_local(jobs, workers, cost, started, finished)


def _clip_fingerprints(entries: Sequence[SceneLike], clips: Path) -> list[str | None]:
    from render_pipeline.worker import read_sidecar

    return [(read_sidecar(clips, entry.label) or {}).get("fingerprint") for entry in entries]


def _full_video_current(request: Request, clips: Path, out: Path) -> bool:
    """The full video was joined from exactly the clips there are now."""
    try:
        video = json.loads((out / "manifest.json").read_text(encoding="utf-8")).get("video") or {}
    except (OSError, ValueError):
        return False
    files = [out / name for name in (video.get("file"), video.get("srt"), video.get("vtt")) if name]
    return (
        len(files) == 3
        and all(path.is_file() for path in files)
        and video.get("clip_fingerprints") == _clip_fingerprints(request.entries, clips)
        and [chapter.get("title") for chapter in video.get("chapters", [])] == [e.title for e in request.entries]
    )


def _join_full_video(request: Request, clips: Path, out: Path, cache: Path | None = None) -> Path:
    from render_pipeline.captions import read_srt, shift_cues, to_srt, to_vtt, trim_overlaps
    from render_pipeline.files import atomic_output, write_text_atomic
    from render_pipeline.media import JoinPart, join_clips, plan_chapters
    from render_pipeline.worker import mix_path, read_sidecar

    parts: list[JoinPart] = []
    clip_cues = []
    narrated = False
    mixes: list[Path | None] = []
    for entry in request.entries:
        sidecar = read_sidecar(clips, entry.label)
        assert sidecar is not None, entry.label
        narrated = narrated or bool((sidecar.get("narration") or {}).get("audio"))
        mixes.append(mix_path(cache or out / ".cache", entry.label, sidecar.get("fingerprint") or ""))
        parts.append(JoinPart(clips / sidecar["formats"]["mp4"], entry.title))
        clip_cues.append(read_srt(clips / sidecar["srt"]))
    chapters = plan_chapters(parts)
    cues = trim_overlaps(
        [cue for chapter, own in zip(chapters, clip_cues) for cue in shift_cues(own, round(chapter.start * 1000))]
    )
    target = out / f"{FULL_VIDEO_NAME}.mp4"
    with atomic_output(target) as temporary:
        join_clips(parts, cues, temporary, title=VIDEO_TITLE, narrated=narrated, mixes=mixes)
    write_text_atomic(out / f"{FULL_VIDEO_NAME}.srt", to_srt(cues))
    write_text_atomic(out / f"{FULL_VIDEO_NAME}.vtt", to_vtt(cues))
    return target


def _write_manifest(request: Request, clips: Path, out: Path, entries: list[SceneLike], report: BuildReport) -> Path:
    from render_pipeline.files import write_text_atomic
    from render_pipeline.fingerprint import tool_versions
    from render_pipeline.media import probe_clip
    from render_pipeline.worker import read_sidecar

    target = out / "manifest.json"
    previous: dict[str, Any] = {}
    if target.exists():
        try:
            previous = json.loads(target.read_text(encoding="utf-8"))
        except ValueError:
            previous = {}
    clip_records = []
    for entry in entries:
        sidecar = read_sidecar(clips, entry.label) or {}
        clip_records.append(
            {
                "number": entry.number, "slug": entry.slug, "title": entry.title, "label": entry.label,
                "files": {**{fmt: f"clips/{name}" for fmt, name in sidecar.get("formats", {}).items()},
                          "srt": f"clips/{sidecar.get('srt')}", "vtt": f"clips/{sidecar.get('vtt')}",
                          "thumbnail": f"clips/{sidecar.get('thumbnail')}"},
                "duration": sidecar.get("duration"), "captions": sidecar.get("captions"),
                "longest_still": sidecar.get("longest_still"), "motion_share": sidecar.get("motion_share"),
                "steps": sidecar.get("steps"),
                "preset": sidecar.get("preset"), "settings": sidecar.get("settings"),
                "fingerprint": sidecar.get("fingerprint"), "render_seconds": sidecar.get("render_seconds"),
                "narration": sidecar.get("narration"),
                "rendered_at": sidecar.get("rendered_at"),
            }
        )
    video = previous.get("video") if (out / f"{FULL_VIDEO_NAME}.mp4").exists() else None
    if report.full_video is not None and not report.full_video_reused:
        info = probe_clip(report.full_video)
        start = 0.0
        chapters = []
        for record in clip_records:
            chapters.append({"number": record["number"], "title": record["title"], "label": record["label"],
                             "start": round(start, 6), "duration": record["duration"]})
            start += record["duration"] or 0.0
        video = {
            "file": report.full_video.name, "srt": f"{FULL_VIDEO_NAME}.srt", "vtt": f"{FULL_VIDEO_NAME}.vtt",
            "duration": info.duration, "width": info.width, "height": info.height, "fps": float(info.fps),
            "preset": request.preset.as_dict(), "settings": request.settings.identity(), "chapters": chapters,
            "clip_fingerprints": _clip_fingerprints(request.entries, clips),
            "narration": _narration_summary(request),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
    if video is not None:
        # A build of some scenes leaves the full video as it was; say whether it still
        # matches the clips beside it.
        video["matches_clips"] = video.get("clip_fingerprints") == _clip_fingerprints(request.entries, clips)
    manifest = {
        "title": VIDEO_TITLE,
        "versions": tool_versions(),
        "last_build": {
            "preset": request.preset.as_dict(), "settings": request.settings.identity(),
            "scenes": [entry.label for entry in request.selected], "rendered": report.rendered,
            "reused": report.reused, "failed": report.failed, "narration": _narration_summary(request),
        },
        "video": video,
        "clips": clip_records,
    }
    write_text_atomic(target, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return target


def _narration_summary(request: Request) -> dict[str, Any] | None:
    config = request.narration
    if config is None:
        return None
    return {"mode": config.mode, "voice": config.voice_name, "voice_command": config.voice_template
            if config.voice_name == "command" else None, "strict": config.strict}


def write_narration_script(request: Request, *, stream: TextIO = sys.stderr) -> int:
    """Run the selected scenes without drawing, collect their sentences, write the script
    (per scene: each sentence, the key its recording must have, how the voice reads it)
    and report which recordings are missing."""
    from backprop_core.spoken import speak
    from render_pipeline.narration import AUDIO_SUFFIXES, find_recording, recording_key
    from render_pipeline.pool import worker_pool
    from render_pipeline.worker import ScriptJob, collect_sentences

    assert request.script is not None
    recordings = request.recordings
    cache = (request.out / ".cache").resolve()
    jobs = [
        ScriptJob(entry.label, entry.module, entry.class_name, request.preset.to_json(), SCRIPT_SETTINGS, str(cache))
        for entry in request.selected
    ]
    import multiprocessing

    events = multiprocessing.get_context("spawn").Queue()
    sentences: dict[str, list[str]] = {}
    with worker_pool(min(request.jobs, len(jobs)), events) as executor:
        for job, result in zip(jobs, executor.map(collect_sentences, jobs)):
            if isinstance(result, str):
                print(f"render.py: {job.label} failed while collecting its sentences: {result}", file=stream)
                return EXIT_SCENE_FAILED
            sentences[job.label] = result
    events.close()
    lines = [
        "# Narration script: record each sentence as one audio file in the recordings folder",
        f"# ({recordings}), named by its key plus one of {' '.join(AUDIO_SUFFIXES)}; then render with",
        "# --narration recorded. A sentence with numbers changes with the example (and so does its key).",
        f"# Example: {request.preset.to_json()}",
        "",
    ]
    missing: list[tuple[str, str, str]] = []
    total = 0
    for label, texts in sentences.items():
        lines.append(f"## {label}")
        for text in texts:
            total += 1
            key = recording_key(text)
            found = find_recording(recordings, text) if recordings.is_dir() else None
            if found is None:
                missing.append((label, key, text))
            lines += [f"{key}  [{'recorded: ' + found.name if found else 'missing'}]", f"    {text}"]
            spoken = speak(text)
            if spoken != text:
                lines.append(f"    (read: {spoken})")
        lines.append("")
    from render_pipeline.files import write_text_atomic

    request.script.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(request.script, "\n".join(lines))
    print(f"{total} sentences in {len(sentences)} scenes, {total - len(missing)} recorded, {len(missing)} missing "
          f"(recordings: {recordings})", file=stream)
    for label, key, text in missing:
        print(f"  missing {label}: {key}  {text}", file=stream)
    print(request.script)
    return EXIT_OK


def preview(request: Request, *, stream: TextIO = sys.stderr) -> Path:
    """Render one scene at 480p15 (or only its last frame) as fast as manim allows."""
    from render_pipeline.preview import render_preview_once, watch

    assert request.preview is not None
    if request.watch:
        return watch(request.preview, request.preset.to_json(), PREVIEW_SETTINGS, request.last_frame, request.out, stream)
    return render_preview_once(
        request.preview, request.preset.to_json(), PREVIEW_SETTINGS, request.last_frame, request.out,
        use_server=request.use_server, stream=stream,
    )


def main(argv: Sequence[str] | None = None, *, entries: Sequence[SceneLike] | None = None,
         stream: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (see the module docstring)."""
    stream = stream or sys.stderr
    try:
        request = parse_request(sys.argv[1:] if argv is None else argv, entries or default_entries())
    except UsageError as error:
        print(f"render.py: error: {error}", file=stream)
        return EXIT_USAGE
    if request is None:
        return EXIT_OK
    problems = missing_tools()
    if problems:
        for problem in problems:
            print(f"render.py: missing {problem}", file=stream)
        return EXIT_MISSING_TOOL
    if request.narration_notice:
        print(f"render.py: {request.narration_notice}", file=stream)
    try:
        with _interrupts_raise():
            if request.script is not None:
                return write_narration_script(request, stream=stream)
            if request.preview is not None:
                try:
                    print(preview(request, stream=stream))
                except (Exception, SystemExit) as error:
                    reason = getattr(error, "summary", None) or f"{type(error).__name__}: {error}"
                    print(f"render.py: preview of {request.preview.label} failed: {reason}", file=stream)
                    return EXIT_SCENE_FAILED
                return EXIT_OK
            reports = build_batch(request, stream=stream)
    except ExecutorUnavailable as error:
        print(f"render.py: error: {error}", file=stream)
        return EXIT_USAGE
    except OutputLocked as error:
        print(f"render.py: {error}", file=stream)
        return EXIT_LOCKED
    except JoinError as error:
        print(f"render.py: the full video was not written: {error}", file=stream)
        return EXIT_SCENE_FAILED
    except DeckError as error:
        print(f"render.py: the deck was not written: {error}", file=stream)
        return EXIT_SCENE_FAILED
    except (Interrupted, KeyboardInterrupt):
        print("render.py: interrupted; finished files are kept, nothing half-written was left", file=stream)
        return EXIT_INTERRUPTED
    if not request.batch:
        return _summarise(reports[0][1], request, stream)
    statuses = []
    for name, report in reports:
        print(f"{name}:", file=stream)
        statuses.append(_summarise(report, dataclasses.replace(request, out=request.out / name), stream))
    return max(statuses)


def _summarise(report: BuildReport, request: Request, stream: TextIO) -> int:
    print(f"{len(report.rendered)} rendered, {len(report.reused)} up to date, {len(report.failed)} failed",
          file=stream)
    for label, error in report.failed.items():
        print(f"  FAILED {label}: {error}", file=stream)
    if report.failed:
        print(f"  full tracebacks: {request.out / '.cache' / 'logs'}", file=stream)
        if len(request.selected) == len(request.entries):
            print("  the full video was not written (the previous one, if any, is unchanged)", file=stream)
        return EXIT_SCENE_FAILED
    _report_narration(request, stream)
    for path in report.deck:
        print(path)
    if report.full_video is not None:
        print(report.full_video)
    else:
        for label in [*report.rendered, *report.reused]:
            print(request.out / "clips" / f"{label}.mp4")
    return EXIT_OK


def _report_narration(request: Request, stream: TextIO) -> None:
    """After a narrated build: the recordings that were missing, and sentences that
    had to start late because a scene started them over a sentence still being spoken."""
    if request.narration is None:
        return
    from render_pipeline.worker import read_sidecar

    missing: list[str] = []
    late: list[str] = []
    for entry in request.selected:
        narration = (read_sidecar(request.out / "clips", entry.label) or {}).get("narration") or {}
        missing += [f"  {entry.label}: {item['key']}  {item['text']}" for item in narration.get("missing", [])]
        late += [f"  {entry.label}: {item['seconds']:.2f} s late: {item['text']}" for item in narration.get("delayed", [])]
    if missing:
        filler = "left silent" if request.narration.voice_name is None else "the synthetic voice filled in"
        print(f"narration: {len(missing)} recordings missing ({filler}; see --narration-script):", file=stream)
        print("\n".join(missing), file=stream)
    if late:
        print(f"narration: {len(late)} sentences started late (their scene started them while another was spoken):",
              file=stream)
        print("\n".join(late), file=stream)


if __name__ == "__main__":
    sys.exit(main())
