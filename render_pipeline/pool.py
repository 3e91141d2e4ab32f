"""The parent side of the worker processes."""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from render_pipeline.worker import start_worker


@contextmanager
def worker_pool(workers: int, events: Any = None) -> Iterator[futures.ProcessPoolExecutor]:
    """Persistent spawned workers (manim imported once each) with ``PYTHONHASHSEED=0``,
    which makes manim's per-animation cache keys the same in every run. On any
    exception (Ctrl-C included) the workers are stopped at once, not drained."""
    saved = os.environ.get("PYTHONHASHSEED")
    os.environ["PYTHONHASHSEED"] = "0"
    context = multiprocessing.get_context("spawn")
    executor = futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=start_worker, initargs=(events,)
    )
    try:
        yield executor
    except BaseException:
        stop_workers(executor)
        raise
    else:
        executor.shutdown(wait=True)
    finally:
        if saved is None:
            os.environ.pop("PYTHONHASHSEED", None)
        else:
            os.environ["PYTHONHASHSEED"] = saved


def stop_workers(executor: futures.ProcessPoolExecutor) -> None:
    """Terminate this pool's own worker processes and wait for them."""
    # The executor has no public way to stop running tasks before Python 3.14.
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)
