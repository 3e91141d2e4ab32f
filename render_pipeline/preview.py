"""``--preview``: one scene at low quality, once or every time its sources change."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import TextIO

from render_pipeline import preview_server
from render_pipeline.files import FolderLock, OutputLocked
from render_pipeline.fingerprint import REPO_ROOT, _shared_files, module_source, scene_specific_sources
from render_pipeline.pool import worker_pool
from render_pipeline.settings import RenderSettings
from render_pipeline.worker import PreviewJob, render_preview, warm_up

WATCHED_FOLDERS = ("scenes", "backprop_core", "assets")
DEBOUNCE_SECONDS = 0.3


def _job(entry: object, preset_json: str, settings: RenderSettings, last_frame: bool, out: Path) -> PreviewJob:
    label = entry.label  # type: ignore[attr-defined]
    suffix = ".png" if last_frame else ".mp4"
    return PreviewJob(
        label=label,
        module=entry.module,  # type: ignore[attr-defined]
        class_name=entry.class_name,  # type: ignore[attr-defined]
        preset_json=preset_json,
        settings=settings,
        last_frame=last_frame,
        target=str((out / "preview" / f"{label}{suffix}").resolve()),
        # Its own cache, so a preview never shares a Tex folder with a running build.
        cache_dir=str((out / ".cache" / "preview").resolve()),
    )


def seed_from_build_cache(out: Path, label: str) -> int:
    """Copy the build's compiled LaTeX and Pango SVGs of this scene into the preview's
    own cache, so a first preview after a build does not compile them again. Done only
    while no build holds the folder: a running build may be writing these files."""
    copied = 0
    try:
        with FolderLock(out / ".lock", "a render.py preview (copying the Tex cache)"):
            for kind in ("tex", "text"):
                source = out / ".cache" / kind / label
                target = out / ".cache" / "preview" / kind / label
                if not source.is_dir():
                    continue
                target.mkdir(parents=True, exist_ok=True)
                for file in source.iterdir():
                    if file.is_file() and not (target / file.name).exists():
                        shutil.copy2(file, target / file.name)
                        copied += 1
    except OutputLocked:
        pass
    return copied


def render_preview_once(
    entry: object,
    preset_json: str,
    settings: RenderSettings,
    last_frame: bool,
    out: Path,
    *,
    use_server: bool = True,
    stream: TextIO | None = None,
) -> Path:
    """Render one preview and return the file.

    With ``use_server``, the output folder's preview server renders it (see
    :mod:`render_pipeline.preview_server`); when there is none yet, one is started in
    the background (it imports manim on the other core while this preview renders)
    and this preview renders here: a last frame in this process (manim's animation
    cache plays no part in it, and a new process would cost its start-up), a video
    in one fresh worker with the build's fixed hash seed."""
    job = _job(entry, preset_json, settings, last_frame, out)
    seed_from_build_cache(out, job.label)
    use_server = use_server and preview_server.supported() and preview_server.enabled_by_environment()
    with FolderLock(out / ".preview.lock", "a render.py preview"):
        if use_server:
            reply = preview_server.ask(out, job)
            if reply is not None:
                if reply.output.strip() and stream is not None:
                    stream.write(reply.output if reply.output.endswith("\n") else reply.output + "\n")
                if not reply.ok:
                    raise preview_server.PreviewFailed(reply.summary, reply.details)
                return Path(reply.path)
            if preview_server.start(out) and stream is not None:
                print(
                    f"render.py: started a preview server: later previews into {out} skip manim's start-up "
                    f"(it exits after {preview_server.IDLE_SECONDS / 60:g} idle minutes; --no-server to do without)",
                    file=stream,
                )
        if last_frame:
            return Path(render_preview(job))
        with worker_pool(1) as executor:
            return Path(executor.submit(render_preview, job).result())


def _relevant(path: Path, module: str, number: int) -> bool:
    """Whether a changed file can change this scene: the same inputs as its fingerprint,
    plus new files in the kit or the shared core."""
    if "__pycache__" in path.parts or path.name.startswith(".") or path.suffix in (".pyc", ".swp", ".tmp"):
        return False
    resolved = path.resolve()
    try:
        inputs = set(_shared_files()) | set(scene_specific_sources(module, number))
    except (ImportError, OSError):
        return True  # the scene's own module is broken or moving; render to show why
    if resolved in {item.resolve() for item in inputs}:
        return True
    try:
        relative = resolved.relative_to(REPO_ROOT)
    except ValueError:
        return False
    if relative.parts[:2] == ("scenes", "kit") or relative.parts[:1] == ("assets",):
        return True
    is_section_builder = relative.parts[:2] == ("backprop_core", "sections") and relative.name[:1] == "s"
    return relative.parts[:1] == ("backprop_core",) and path.suffix == ".py" and not is_section_builder


def watch(entry: object, preset_json: str, settings: RenderSettings, last_frame: bool, out: Path, stream: TextIO) -> Path:
    """Render now, then again after every change to the scene, the kit, the core or the
    assets, until Ctrl-C. A fresh worker is started ahead of each change, so a
    re-render does not wait for manim's import."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    job = _job(entry, preset_json, settings, last_frame, out)
    number = entry.number  # type: ignore[attr-defined]
    scene_file = module_source(job.module)
    changed = threading.Event()
    reasons: list[str] = []

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            for raw in (event.src_path, getattr(event, "dest_path", "")):
                if raw and _relevant(Path(str(raw)), job.module, number):
                    reasons.append(Path(str(raw)).name)
                    changed.set()

    observer = Observer()
    folders = {REPO_ROOT / name for name in WATCHED_FOLDERS} | {scene_file.parent}
    for folder in folders:
        if folder.is_dir():
            observer.schedule(Handler(), str(folder), recursive=True)
    observer.start()
    last = Path(job.target)

    def render_with(executor: object) -> None:
        nonlocal last
        started = time.perf_counter()
        try:
            last = Path(executor.submit(render_preview, job).result())  # type: ignore[attr-defined]
            print(f"{last}  ({time.perf_counter() - started:.1f} s)", file=stream, flush=True)
        except Exception as error:  # the edit may be half-done; keep watching
            print(f"preview failed: {type(error).__name__}: {error}", file=stream, flush=True)

    seed_from_build_cache(out, job.label)
    try:
        with FolderLock(out / ".preview.lock", "a render.py preview --watch"):
            with worker_pool(1) as executor:
                render_with(executor)
            while True:
                # Each render needs fresh imports of the edited modules, hence a new
                # worker, started (and manim imported) while we wait for the edit.
                with worker_pool(1) as executor:
                    executor.submit(warm_up)
                    print(f"watching {job.label}'s sources (Ctrl-C to stop)", file=stream, flush=True)
                    changed.wait()
                    time.sleep(DEBOUNCE_SECONDS)  # editors save in several steps
                    changed.clear()
                    print(f"changed: {', '.join(sorted(set(reasons)))}", file=stream, flush=True)
                    reasons.clear()
                    render_with(executor)
    finally:
        observer.stop()
        observer.join()
    return last
