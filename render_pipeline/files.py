"""Atomic output files and the output folder's lock.

Every file under an output name is first written to a hidden ``.part`` name in
the same folder and then renamed with ``os.replace``, which is atomic on one
filesystem: a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PART_MARKER = ".part-"


def part_path(final: Path) -> Path:
    """The temporary name a file is written under before it takes ``final``'s place."""
    return final.with_name(f".{final.name}{PART_MARKER}{os.getpid()}")


@contextlib.contextmanager
def atomic_output(final: Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``final``, on any failure
    (including Ctrl-C) it is deleted and ``final`` is left as it was."""
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = part_path(final)
    try:
        yield temporary
        os.replace(temporary, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def write_text_atomic(final: Path, text: str) -> None:
    with atomic_output(final) as temporary:
        temporary.write_text(text, encoding="utf-8")


def move_atomic(source: Path, final: Path) -> None:
    """Move a finished file into place; a copy first when it sits on another filesystem."""
    final.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, final)
    except OSError:
        with atomic_output(final) as temporary:
            temporary.write_bytes(source.read_bytes())
        source.unlink()


def remove_leftover_parts(folder: Path) -> list[Path]:
    """Delete ``.part`` files that a killed build (SIGKILL, power loss) left behind."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for candidate in folder.rglob(f".*{PART_MARKER}*"):
        if candidate.is_file() and ".cache" not in candidate.relative_to(folder).parts:
            candidate.unlink(missing_ok=True)
            removed.append(candidate)
    return removed


class JoinError(RuntimeError):
    """Clips that cannot be joined by copying packets (different codec settings)."""


class OutputLocked(RuntimeError):
    """Another build or preview is writing into the same output folder."""


class FolderLock:
    """An exclusive ``flock`` on a file in the output folder, released when the
    process ends in any way (the kernel drops it), so a crash never leaves it stuck."""

    def __init__(self, lock_file: Path, purpose: str) -> None:
        self.lock_file = lock_file
        self.purpose = purpose
        self._handle: IO[str] | None = None

    def __enter__(self) -> "FolderLock":
        self.lock_file.parent.mkdir(parents=True, exist_ok=True)
        handle = self.lock_file.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise OutputLocked(
                f"{self.lock_file.parent} is in use by {holder}; wait for it to finish "
                f"or choose another folder with --out"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{self.purpose} (pid {os.getpid()})")
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
