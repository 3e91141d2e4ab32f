"""A resident preview process, so a preview does not pay manim's import every time.

Importing manim and its libraries takes about 1.3 s of a 2-core machine, half of
a last-frame preview. The first ``--preview`` renders in its own process as usual
and starts this server in the background; later previews into the same output
folder ask the server, which has manim imported and renders each preview in a
fork of itself. The fork imports this project's code (scenes, kit, core, render
pipeline) fresh, so every edit is seen; only third-party libraries are shared.

The server listens on a Unix socket in a folder only its user can open, renders
one preview at a time, and exits after :data:`IDLE_SECONDS` without a request, or
at once when it finds that it is out of date (its own code, Python or manim
changed). Anything unexpected on the client's side (no server, no fork on this
system, a server that dies) falls back to rendering in the client's process, so
the server only ever makes a preview faster. ``--no-server`` or
``BACKPROP_PREVIEW_SERVER=0`` in the environment keep it from starting.

This module is run as ``python -m render_pipeline.preview_server``; it imports no
code of the project at module level, so the server holds none of it.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import pickle
import select
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

IDLE_SECONDS = 600.0
ENVIRONMENT_SWITCH = "BACKPROP_PREVIEW_SERVER"
CONNECT_TIMEOUT = 2.0
START_TIMEOUT = 20.0
#: Libraries a preview needs that take long to import and never change while the server runs.
PRELOADED = ("manim", "numpy", "PIL.Image", "cairo", "manimpango", "svgelements")
_HEADER = struct.Struct("!Q")


def supported() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and sys.platform.startswith("linux")


def enabled_by_environment() -> bool:
    return os.environ.get(ENVIRONMENT_SWITCH, "1").strip().lower() not in ("0", "off", "no", "false")


def server_version() -> str:
    """What the server and its client must agree on: this file, the interpreter and manim."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        manim_version = version("manim")
    except PackageNotFoundError:
        manim_version = "none"
    recipe = b"\0".join((Path(__file__).read_bytes(), sys.executable.encode(), sys.version.encode(), manim_version.encode()))
    return hashlib.sha256(recipe).hexdigest()[:16]


def socket_path(out: Path) -> Path:
    """The server's socket for output folder ``out`` (short: Unix socket paths are
    limited to about 100 bytes)."""
    folder = Path(tempfile.gettempdir()) / f"backprop-preview-{os.getuid()}"
    key = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
    return folder / f"{key}.sock"


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, exist_ok=True)
    if not _is_private(folder):
        raise PermissionError(f"{folder} must belong to this user and be private to it")


def _is_private(folder: Path) -> bool:
    """Whether ``folder`` belongs to this user and nobody else can enter it: only then
    is a socket in it this user's own server (the messages are pickles)."""
    try:
        status = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(status.st_mode) and status.st_uid == os.getuid() and not status.st_mode & 0o077


def _send(connection: socket.socket, message: Any) -> None:
    if isinstance(message, Reply):
        # Plain data: the server runs as ``__main__``, whose classes the client cannot load.
        message = {"reply": asdict(message)}
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    connection.sendall(_HEADER.pack(len(payload)) + payload)


def _receive(connection: socket.socket) -> Any:
    header = _read_exactly(connection, _HEADER.size)
    (length,) = _HEADER.unpack(header)
    return pickle.loads(_read_exactly(connection, length))


def _read_exactly(connection: socket.socket, size: int) -> bytes:
    chunks = io.BytesIO()
    while chunks.tell() < size:
        chunk = connection.recv(min(size - chunks.tell(), 1 << 20))
        if not chunk:
            raise ConnectionError("the preview server closed the connection")
        chunks.write(chunk)
    return chunks.getvalue()


@dataclass(frozen=True)
class Reply:
    """The server's answer to one preview: the file, or why the scene failed."""

    ok: bool
    path: str = ""
    summary: str = ""
    details: str = ""
    output: str = ""
    stale: bool = False


class PreviewFailed(Exception):
    """The scene raised inside the server; ``summary`` reads like the in-process error."""

    def __init__(self, summary: str, details: str) -> None:
        super().__init__(summary)
        self.summary = summary
        self.details = details


def _connect(path: Path, timeout: float) -> socket.socket | None:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(timeout)
    try:
        connection.connect(str(path))
    except OSError:
        connection.close()
        return None
    return connection


def _exchange(out: Path, message: dict[str, Any]) -> Any:
    """Send ``message`` to the server of ``out`` and return its answer; ``None`` when
    there is no server or it fails to answer (a server dying, or of another version)."""
    if not supported() or not _is_private(socket_path(out).parent):
        return None
    connection = _connect(socket_path(out), CONNECT_TIMEOUT)
    if connection is None:
        return None
    with connection:
        try:
            _send(connection, message)
            connection.settimeout(None)  # a preview takes as long as its scene
            return _receive(connection)
        except Exception:
            return None


def preview_request(job: Any) -> dict[str, Any]:
    """The message that asks a server for ``job``: the job, and where this process
    imports from, so the fork imports the same code."""
    return {
        "kind": "preview",
        "version": server_version(),
        "job": pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL),
        "sys_path": list(sys.path),
        "cwd": os.getcwd(),
    }


def ask(out: Path, job: Any) -> Reply | None:
    """Have the server of ``out`` render ``job`` (a ``PreviewJob``); ``None`` when there
    is no usable server (the caller renders itself, and may start one)."""
    answer = _exchange(out, preview_request(job))
    try:
        reply = Reply(**answer["reply"])
    except (KeyError, TypeError):
        return None
    return None if reply.stale else reply


def _pid_file(path: Path) -> Path:
    return path.with_suffix(".pid")


def _running(path: Path) -> bool:
    """Whether a server for socket ``path`` is serving, or was started moments ago and
    is still importing (its pid file is young and its process alive)."""
    connection = _connect(path, 0.2)
    if connection is not None:
        connection.close()
        return True
    pid_file = _pid_file(path)
    try:
        young = time.time() - pid_file.stat().st_mtime < START_TIMEOUT
        os.kill(int(pid_file.read_text().strip()), 0)
    except (OSError, ValueError):
        return False
    return young


def start(out: Path, idle_seconds: float = IDLE_SECONDS, wait: bool = False) -> bool:
    """Start a server for ``out`` in the background, in its own session (so Ctrl-C in
    the terminal does not reach it), unless one is already starting or running.
    True when a server was started; with ``wait``, only once it takes requests."""
    if not supported():
        return False
    path = socket_path(out)
    try:
        _private_folder(path.parent)
    except OSError:
        return False  # someone else's folder: previews render in their own process
    if _running(path):
        return False
    log = out / ".cache" / "preview" / "server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    environment = dict(os.environ, PYTHONHASHSEED="0")  # as the render workers: stable animation hashes
    environment["PYTHONPATH"] = os.pathsep.join(path_entry for path_entry in sys.path if path_entry)
    with open(log, "ab") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "render_pipeline.preview_server", "--socket", str(path), "--idle", str(idle_seconds),
             "--version", server_version()],
            cwd=Path(__file__).resolve().parent.parent,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            start_new_session=True,
            close_fds=True,
        )
    _pid_file(path).write_text(f"{process.pid}\n")
    if not wait:
        return True
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        connection = _connect(path, 0.2)
        if connection is not None:
            connection.close()
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.05)
    return False


def stop(out: Path) -> bool:
    """Ask the server of ``out`` to exit; True if one was running."""
    if _exchange(out, {"kind": "stop"}) is None:
        return False
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while _pid_file(socket_path(out)).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return True


def _render_in_child(connection: socket.socket, request: dict[str, Any]) -> None:
    """In the fork: import the project fresh, render, reply. Never returns."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    status = 0
    captured = tempfile.TemporaryFile()
    try:
        sys.path[:] = request["sys_path"]
        os.chdir(request["cwd"])
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(captured.fileno(), 1)
        os.dup2(captured.fileno(), 2)
        try:
            from render_pipeline.worker import render_preview

            job = pickle.loads(request["job"])
            reply = Reply(ok=True, path=render_preview(job))
        except BaseException as error:  # the scene's error goes back to the client
            message = str(error).strip().splitlines()[0] if str(error).strip() else ""
            summary = f"{type(error).__name__}: {message}" if message else type(error).__name__
            reply = Reply(ok=False, summary=summary, details="".join(traceback.format_exception(error)))
        sys.stdout.flush()
        sys.stderr.flush()
        captured.seek(0)
        output = captured.read().decode("utf-8", "replace")[-20000:]
        _send(connection, Reply(reply.ok, reply.path, reply.summary, reply.details, output))
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _wait_unless_abandoned(child: int, connection: socket.socket) -> bool:
    """Wait for the preview in ``child``; kill it if its client goes away (Ctrl-C), so a
    scene stuck in a loop cannot block every later preview. True if it finished."""
    while True:
        finished, _ = os.waitpid(child, os.WNOHANG)
        if finished:
            return True
        readable, _, _ = select.select([connection], [], [], 0.1)
        if readable:
            try:
                gone = connection.recv(1, socket.MSG_PEEK) == b""  # the client sends nothing more
            except OSError:
                gone = True
            if gone:
                # A client also hangs up once it has read the reply, while the child
                # exits: give the child a moment before taking it as abandoned.
                deadline = time.monotonic() + 2.0
                while time.monotonic() < deadline:
                    if os.waitpid(child, os.WNOHANG)[0]:
                        return True
                    time.sleep(0.02)
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)
                return False


def serve(path: Path, version: str, idle_seconds: float) -> None:
    """Listen on ``path`` until idle for ``idle_seconds``, told to stop, or out of date."""
    import importlib

    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    _private_folder(path.parent)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    path.unlink(missing_ok=True)
    listener.bind(str(path))
    own_socket = path.stat().st_ino
    listener.listen(8)
    listener.settimeout(idle_seconds)
    print(f"preview server {os.getpid()} listening (version {version})", flush=True)
    try:
        while True:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                print(f"idle for {idle_seconds:g} s; exiting", flush=True)
                return
            with connection:
                connection.settimeout(CONNECT_TIMEOUT)
                try:
                    request = _receive(connection)
                except (OSError, ConnectionError, pickle.UnpicklingError, struct.error, EOFError):
                    continue
                if request.get("kind") == "stop":
                    _send(connection, Reply(ok=True))
                    print("asked to stop; exiting", flush=True)
                    return
                if request.get("version") != version:
                    _forget(path, own_socket)  # so the client can start a current server at once
                    _send(connection, Reply(ok=False, stale=True))
                    print("a client of another version asked; exiting", flush=True)
                    return
                connection.settimeout(None)
                started = time.perf_counter()
                child = os.fork()
                if child == 0:
                    listener.close()
                    _render_in_child(connection, request)
                if _wait_unless_abandoned(child, connection):
                    print(f"preview in {time.perf_counter() - started:.2f} s (child {child})", flush=True)
                else:
                    print(f"the client went away; stopped its preview (child {child})", flush=True)
    finally:
        listener.close()
        _forget(path, own_socket)


def _forget(path: Path, own_socket: int) -> None:
    """Remove this server's socket and pid file, unless a newer server owns them now."""
    try:
        if path.stat().st_ino == own_socket:
            path.unlink()
    except FileNotFoundError:
        pass
    try:
        if int(_pid_file(path).read_text().strip()) == os.getpid():
            _pid_file(path).unlink()
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--socket", required=True, type=Path)
    parser.add_argument("--idle", type=float, default=IDLE_SECONDS)
    parser.add_argument("--version", required=True)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serve(args.socket, args.version, args.idle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
