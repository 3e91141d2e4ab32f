"""The resident preview server: it takes over after the first preview, sees every
edit, reports a scene's failure like an in-process preview, steps aside when out of
date, and goes away when idle or told to."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from render_pipeline import preview_server
from render_test_support import BROKEN, FixtureEntry, run_cli

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(not preview_server.supported(), reason="the preview server needs fork and Unix sockets"),
]

EDITABLE = FixtureEntry(5, "editable", "Editable", "fixture_editable", "FixtureMiddle")
STUCK = FixtureEntry(6, "stuck", "Stuck", "fixture_stuck", "FixtureStuck")


def _wait_for(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _serving(out: Path) -> bool:
    connection = preview_server._connect(preview_server.socket_path(out), 0.2)
    if connection is None:
        return False
    connection.close()
    return True


def _pixels(result) -> np.ndarray:
    with Image.open(result.stdout.strip()) as image:
        return np.asarray(image.convert("RGB"))


def _previews_served(out: Path) -> int:
    log = out / ".cache" / "preview" / "server.log"
    return log.read_text().count("preview in ") if log.exists() else 0


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(preview_server.ENVIRONMENT_SWITCH, "1")
    folder = tmp_path / "output"
    yield folder
    preview_server.stop(folder)


def test_the_first_preview_starts_a_server_that_renders_the_next(fixture_modules, out, capsys):
    first = run_cli(["--preview", "middle", "--last-frame", "--out", str(out)], capsys=capsys)
    assert first.code == 0, first.stderr
    assert "started a preview server" in first.stderr
    assert _wait_for(lambda: _serving(out))
    second = run_cli(["--preview", "middle", "--last-frame", "--out", str(out)], capsys=capsys)
    assert second.code == 0, second.stderr
    assert "started a preview server" not in second.stderr
    assert _wait_for(lambda: _previews_served(out) == 1, 10)
    assert np.array_equal(_pixels(first), _pixels(second))
    video = run_cli(["--preview", "middle", "--out", str(out)], capsys=capsys)
    assert video.code == 0, video.stderr
    assert video.stdout.strip().endswith("01-middle.mp4") and Path(video.stdout.strip()).stat().st_size > 0
    assert _wait_for(lambda: _previews_served(out) == 2, 10)


def test_the_server_renders_the_scene_as_it_is_now(fixture_modules, out, capsys):
    source = fixture_modules / "fixture_editable.py"
    shutil.copy(fixture_modules / "fixture_middle.py", source)
    assert preview_server.start(out, wait=True)
    pictures = []
    for edit, use_server in ((None, True), (("ORANGE", "BLUE"), True), (None, False)):
        if edit is not None:
            source.write_text(source.read_text().replace(*edit))
        flags = [] if use_server else ["--no-server"]
        result = run_cli(
            ["--preview", "editable", "--last-frame", *flags, "--out", str(out)], entries=(EDITABLE,), capsys=capsys
        )
        assert result.code == 0, result.stderr
        pictures.append(_pixels(result))
    before, after, here = pictures
    assert _wait_for(lambda: _previews_served(out) == 2, 10)
    assert not np.array_equal(before, after)
    assert np.array_equal(after, here)


def test_a_scene_failing_in_the_server_is_reported_as_in_this_process(fixture_modules, out):
    assert preview_server.start(out, wait=True)
    result = run_cli(["--preview", "broken", "--last-frame", "--out", str(out)], entries=(BROKEN,))
    assert result.code == 1
    assert "preview of 03-broken failed: ZeroDivisionError: the fixture fails on purpose" in result.stderr
    assert _wait_for(lambda: _previews_served(out) == 1, 10)
    assert not (out / "preview" / "03-broken.png").exists()


def test_a_server_of_another_version_steps_aside_for_a_current_one(fixture_modules, out, capsys):
    path = preview_server.socket_path(out)
    preview_server._private_folder(path.parent)
    old = subprocess.Popen(
        [sys.executable, "-m", "render_pipeline.preview_server", "--socket", str(path), "--idle", "60", "--version", "old"],
        cwd=Path(preview_server.__file__).resolve().parent.parent,
        stdout=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(lambda: _serving(out))
        result = run_cli(["--preview", "middle", "--last-frame", "--out", str(out)], capsys=capsys)
        assert result.code == 0, result.stderr
        assert old.wait(timeout=10) == 0
        assert "started a preview server" in result.stderr
        assert _wait_for(lambda: _serving(out))
    finally:
        if old.poll() is None:
            old.kill()


def test_a_preview_its_client_abandons_is_stopped_and_the_server_serves_on(fixture_modules, out, capsys):
    import render
    from render_pipeline.preview import _job

    assert preview_server.start(out, wait=True)
    job = _job(STUCK, "{}", render.PREVIEW_SETTINGS, True, out)
    connection = preview_server._connect(preview_server.socket_path(out), 2.0)
    assert connection is not None
    preview_server._send(connection, preview_server.preview_request(job))
    time.sleep(1.0)
    connection.close()  # what Ctrl-C in the client does
    log = out / ".cache" / "preview" / "server.log"
    assert _wait_for(lambda: "the client went away" in log.read_text(), seconds=10)
    result = run_cli(["--preview", "middle", "--last-frame", "--out", str(out)], capsys=capsys)
    assert result.code == 0, result.stderr
    assert _wait_for(lambda: _previews_served(out) == 1, 10)


def test_an_idle_server_exits_and_cleans_up(out):
    assert preview_server.start(out, idle_seconds=1.0, wait=True)
    path = preview_server.socket_path(out)
    assert _wait_for(lambda: not path.exists() and not path.with_suffix(".pid").exists(), seconds=20)
    assert "idle for 1 s; exiting" in (out / ".cache" / "preview" / "server.log").read_text()


def test_no_server_renders_here_and_starts_none(fixture_modules, out, capsys):
    result = run_cli(["--preview", "middle", "--last-frame", "--no-server", "--out", str(out)], capsys=capsys)
    assert result.code == 0, result.stderr
    assert "preview server" not in result.stderr
    assert not _serving(out) and not preview_server.socket_path(out).exists()


def test_the_environment_can_switch_the_server_off(fixture_modules, out, capsys, monkeypatch):
    monkeypatch.setenv(preview_server.ENVIRONMENT_SWITCH, "0")
    result = run_cli(["--preview", "middle", "--last-frame", "--out", str(out)], capsys=capsys)
    assert result.code == 0, result.stderr
    assert not preview_server.socket_path(out).exists()


def test_stop_server_stops_it(out, capsys):
    assert preview_server.start(out, wait=True)
    result = run_cli(["--stop-server", "--out", str(out)], capsys=capsys)
    assert result.code == 0
    assert "stopped the preview server" in result.stdout
    assert not _serving(out)
    again = run_cli(["--stop-server", "--out", str(out)], capsys=capsys)
    assert "no preview server runs" in again.stdout


def test_the_socket_lives_in_a_folder_only_this_user_can_open(tmp_path):
    path = preview_server.socket_path(tmp_path / "a" / "deeply" / "nested" / ("long" * 30) / "output")
    assert len(str(path)) < 100
    preview_server._private_folder(path.parent)
    assert path.parent.stat().st_mode & 0o077 == 0


def test_a_socket_folder_that_is_not_private_is_never_used(out, monkeypatch, fixture_modules, capsys):
    path = preview_server.socket_path(out)
    preview_server._private_folder(path.parent)
    assert preview_server.start(out, wait=True)
    path.parent.chmod(0o755)  # as if another user could have put a socket there
    try:
        assert preview_server.ask(out, object()) is None
        assert not preview_server.start(out)
        result = run_cli(["--preview", "middle", "--last-frame", "--out", str(out)], capsys=capsys)
        assert result.code == 0, result.stderr
        assert _wait_for(lambda: _previews_served(out) == 0, 1)
    finally:
        path.parent.chmod(0o700)
