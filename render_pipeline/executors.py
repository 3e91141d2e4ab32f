"""Where a build's jobs run: this machine's worker processes, or a Dask cluster.

A job is one scene at one preset and one quality (a :class:`RenderJob`). The build
plans the jobs (reusing up-to-date clips by fingerprint, on this machine) and hands
the rest to an executor, which reports each job's start and result back.

Both executors share one rule: two jobs of the same scene never run at the same
time (they would share the scene's LaTeX and text folders, and parallel manim
processes sharing those delete each other's files), and among the jobs that may
start, the longest goes first.

``local`` is a pool of spawned worker processes that stay alive between scenes.
``dask`` submits the jobs to a Dask distributed scheduler. Its workers need only the
project installed: each job renders into a folder of the worker's own, and the
clip, its captions, thumbnail, extra formats and sidecar come back to this machine
as bytes, which are written here atomically, sidecar last, exactly as a local
worker writes them. A worker that dies has its job resubmitted by Dask.
"""

from __future__ import annotations

import concurrent.futures as futures
import dataclasses
import json
import multiprocessing
import os
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from render_pipeline.files import atomic_output, write_text_atomic
from render_pipeline.worker import FORMAT_PLANS, RenderJob, RenderResult, sidecar_path

EXECUTORS = ("local", "dask")
#: Seconds to wait for a Dask scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = 5.0
#: Where a Dask worker keeps its manim caches between jobs (its own disk).
WORKER_CACHE_VARIABLE = "BACKPROP_WORKER_CACHE"

StartCallback = Callable[[RenderJob], None]
DoneCallback = Callable[[RenderJob, RenderResult], None]


class ExecutorUnavailable(RuntimeError):
    """The executor cannot be used (no scheduler at that address, distributed not installed)."""


class JobQueue:
    """The jobs not yet started; hands out the longest one whose scene is not running."""

    def __init__(self, jobs: Sequence[RenderJob], cost: Callable[[RenderJob], float]) -> None:
        self.waiting = sorted(jobs, key=lambda job: -cost(job))
        self.running_scenes: set[str] = set()

    def __bool__(self) -> bool:
        return bool(self.waiting)

    def take(self) -> RenderJob | None:
        for index, job in enumerate(self.waiting):
            if job.label not in self.running_scenes:
                self.running_scenes.add(job.label)
                return self.waiting.pop(index)
        return None

    def finished(self, job: RenderJob) -> None:
        self.running_scenes.discard(job.label)


def job_name(job: RenderJob) -> str:
    """How progress lines name a job: the scene, and its batch folder when it has one."""
    return f"{job.batch}/{job.label}" if job.batch else job.label


def run_local(jobs: Sequence[RenderJob], workers: int, cost: Callable[[RenderJob], float],
              on_start: StartCallback, on_done: DoneCallback) -> None:
    """Run the jobs on ``workers`` spawned processes of this machine."""
    from concurrent.futures.process import BrokenProcessPool

    from render_pipeline.pool import worker_pool

    from render_pipeline.worker import render_scene

    queue = JobQueue(jobs, cost)
    events = multiprocessing.get_context("spawn").Queue()
    by_name = {job_name(job): job for job in jobs}
    with worker_pool(workers, events) as executor:
        running: dict[futures.Future[RenderResult], RenderJob] = {}
        while queue or running:
            while len(running) < workers:
                job = queue.take()
                if job is None:
                    break
                running[executor.submit(render_scene, job)] = job
            done, _ = futures.wait(list(running), timeout=0.2, return_when=futures.FIRST_COMPLETED)
            while not events.empty():
                kind, name, _pid = events.get_nowait()
                if kind == "start" and name in by_name:
                    on_start(by_name[name])
            for future in done:
                job = running.pop(future)
                queue.finished(job)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    result = RenderResult(job.label, False, 0.0,
                                          error="a worker process died while this scene was queued or rendering (out of memory?)")
                on_done(job, result)
    events.close()


# --- Dask -------------------------------------------------------------------------

_render_lock = threading.Lock()


def render_remote(job: RenderJob, previous_sidecar: str | None) -> tuple[RenderResult, dict[str, bytes]]:
    """A Dask task: render ``job`` in a folder of this worker's and return the result
    with the bytes of every file it wrote for the scene (sidecar included).

    manim's config is one global per process, so a worker process renders one scene
    at a time whatever its thread count."""
    from render_pipeline.worker import render_scene, start_worker

    with _render_lock:
        _ready_worker(start_worker)
        cache = Path(os.environ.get(WORKER_CACHE_VARIABLE) or Path(tempfile.gettempdir()) / "backprop-explainer-worker")
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="clips-", dir=cache) as folder:
            clips = Path(folder)
            if previous_sidecar is not None:
                sidecar_path(clips, job.label).write_text(previous_sidecar, encoding="utf-8")
            local_job = dataclasses.replace(
                job, clips_dir=str(clips), cache_dir=str(cache / "cache"),
                narration_json=_local_narration(job.narration_json, cache / "cache" / "narration"),
            )
            result = render_scene(local_job)
            files = {path.name: path.read_bytes() for path in clips.iterdir() if path.is_file() and path.name.startswith(job.label + ".")}
    return result, files


def _local_narration(narration_json: str, cache: Path) -> str:
    """The narration with this worker's synthesis cache (the client's folder is not here);
    recordings keep their path, so recorded takes need that folder on every worker."""
    if not narration_json:
        return ""
    from render_pipeline.narration import NarrationConfig

    return dataclasses.replace(NarrationConfig.from_json(narration_json), cache_dir=str(cache)).to_json()


_worker_started = False


def _ready_worker(start_worker: Callable[[Any], None]) -> None:
    global _worker_started
    if not _worker_started:
        try:
            start_worker(None)
        except ValueError:
            # signal handlers can only be set in the main thread; Dask runs tasks in others.
            import manim  # noqa: F401

            from render_pipeline.static_frames import install

            install()
        _worker_started = True


def install_files(clips_dir: Path, label: str, files: dict[str, bytes]) -> None:
    """Write a remote job's files into ``clips_dir`` as a local worker would: the old
    sidecar goes first, each file is renamed into place whole, the new sidecar comes
    last, and extra formats the new sidecar no longer lists are removed."""
    sidecar_name = sidecar_path(clips_dir, label).name
    sidecar_path(clips_dir, label).unlink(missing_ok=True)
    clips_dir.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        if name == sidecar_name or "/" in name or name.startswith("."):
            continue
        with atomic_output(clips_dir / name) as temporary:
            temporary.write_bytes(data)
    if sidecar_name in files:
        sidecar = json.loads(files[sidecar_name])
        listed = set(sidecar.get("formats", {}).values())
        for fmt, (_, _, suffix) in FORMAT_PLANS.items():
            if fmt != "mp4" and f"{label}{suffix}" not in listed:
                (clips_dir / f"{label}{suffix}").unlink(missing_ok=True)
        write_text_atomic(sidecar_path(clips_dir, label), files[sidecar_name].decode("utf-8"))


def connect(scheduler: str, timeout: float = CONNECT_TIMEOUT) -> Any:
    """A Dask client of ``scheduler``; :class:`ExecutorUnavailable` within ``timeout`` if
    there is none."""
    try:
        from distributed import Client
    except ImportError:
        raise ExecutorUnavailable(
            "--executor dask needs the 'distributed' package: pip install -e \".[cluster]\""
        ) from None
    import logging

    for name in ("distributed.client", "distributed.comm.core", "distributed.core"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        return Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ExecutorUnavailable(f"cannot reach the Dask scheduler at {scheduler} ({reason})") from None


def run_dask(client: Any, jobs: Sequence[RenderJob], cost: Callable[[RenderJob], float],
             on_start: StartCallback, on_done: DoneCallback) -> None:
    """Run the jobs on the cluster behind ``client``, as many at once as it has worker
    processes, and write each finished job's files on this machine."""
    from distributed import as_completed

    slots = max(1, len(client.scheduler_info().get("workers", {})))
    queue = JobQueue(jobs, cost)
    running: dict[Any, RenderJob] = {}
    completed: Any = None

    def submit_ready() -> None:
        nonlocal completed
        while len(running) < slots:
            job = queue.take()
            if job is None:
                return
            previous = sidecar_path(Path(job.clips_dir), job.label)
            previous_text = previous.read_text(encoding="utf-8") if previous.exists() else None
            future = client.submit(render_remote, job, previous_text, pure=False, retries=2,
                                   key=f"render-{job_name(job)}-{time.monotonic_ns()}")
            running[future] = job
            if completed is None:
                completed = as_completed([future], loop=client.loop)
            else:
                completed.add(future)
            on_start(job)

    submit_ready()
    for future in completed or ():
        job = running.pop(future)
        queue.finished(job)
        try:
            result, files = future.result()
        except Exception as error:  # a task that failed on every try, or a worker lost for good
            result, files = RenderResult(job.label, False, 0.0, error=f"on the cluster: {type(error).__name__}: {error}"), {}
        if result.ok:
            install_files(Path(job.clips_dir), job.label, files)
        on_done(job, result)
        submit_ready()
