"""Batches of presets and the Dask executor: one video per preset in OUT/NAME, the
same clips (video stream byte for byte) from a LocalCluster as from the local
workers, reuse on a second run, a worker killed mid-job, an unreachable scheduler."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from render_test_support import ENTRIES, TINY, FixtureEntry, run_cli

pytestmark = pytest.mark.render

distributed = pytest.importorskip("distributed")

SLOW = FixtureEntry(5, "slow", "Slow", "fixture_slow", "FixtureSlow")
TINY_ONE_JOB = [argument if argument != "2" else "1" for argument in TINY]


def write_presets(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    first, second = folder / "guide.toml", folder / "heavier.toml"
    first.write_text("w = 0.5\n")
    second.write_text("w = 0.8\n")
    return [first, second]


def video_packets(path: Path) -> list[bytes]:
    import av

    with av.open(str(path)) as container:
        return [bytes(packet) for packet in container.demux(container.streams.video[0]) if packet.size]


@pytest.fixture(scope="module")
def cluster(fixture_modules: Path):
    """A LocalCluster of two single-threaded worker processes that can import the fixtures."""
    saved = {name: os.environ.get(name) for name in ("PYTHONPATH", "PYTHONHASHSEED")}
    repo = str(Path(__file__).resolve().parents[2])
    os.environ["PYTHONPATH"] = os.pathsep.join([str(fixture_modules), repo] + ([saved["PYTHONPATH"]] if saved["PYTHONPATH"] else []))
    os.environ["PYTHONHASHSEED"] = "0"
    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                     silence_logs=50)
    try:
        yield local
    finally:
        local.close()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def test_a_batch_renders_one_video_per_preset_and_shares_the_caches(fixture_modules, stable_shared_sources, tmp_path):
    presets = write_presets(tmp_path / "presets")
    out = tmp_path / "output"
    result = run_cli([*TINY, "--out", str(out), "--example", *map(str, presets)])
    assert result.code == 0, result.stderr
    for name, w in (("guide", 0.5), ("heavier", 0.8)):
        assert (out / name / "backpropagation.mp4").exists()
        sidecar = json.loads((out / name / "clips" / f"{ENTRIES[0].label}.json").read_text())
        assert sidecar["preset"]["w"] == w
    assert (out / ".cache" / "tex").exists() or (out / ".cache" / "text").exists() or (out / ".cache").exists()
    assert not (out / "guide" / ".cache").exists()  # one cache for the batch
    assert "guide/00-intro" in result.stderr and "heavier/00-intro" in result.stderr
    again = run_cli([*TINY, "--out", str(out), "--example", str(tmp_path / "presets")])
    assert again.code == 0, again.stderr
    assert "rendering" not in again.stderr


def test_the_cluster_builds_the_same_clips_as_the_local_workers_and_reuses_them(
    fixture_modules, stable_shared_sources, cluster, tmp_path
):
    presets = write_presets(tmp_path / "presets")
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert run_cli([*TINY, "--out", str(local), "--example", *map(str, presets)]).code == 0
    address = cluster.scheduler_address
    result = run_cli([*TINY, "--out", str(remote), "--example", *map(str, presets), "--executor", "dask", "--scheduler", address])
    assert result.code == 0, result.stderr
    assert "on the Dask cluster" in result.stderr
    for name in ("guide", "heavier"):
        for entry in ENTRIES:
            clip = f"{name}/clips/{entry.label}.mp4"
            assert video_packets(remote / clip) == video_packets(local / clip), clip
            for suffix in (".srt", ".vtt", ".png"):
                assert (remote / name / "clips" / f"{entry.label}{suffix}").exists()
        assert (remote / name / "backpropagation.mp4").exists()
    again = run_cli([*TINY, "--out", str(remote), "--example", *map(str, presets), "--executor", "dask", "--scheduler", address])
    assert again.code == 0, again.stderr
    assert "rendering" not in again.stderr and "on the Dask cluster" not in again.stderr


def test_a_worker_killed_mid_job_does_not_stop_the_build(fixture_modules, stable_shared_sources, cluster, tmp_path):
    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    killed: list[str] = []

    def kill_the_worker_rendering_the_slow_scene() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for worker, keys in client.processing().items():
                if any("05-slow" in str(key) for key in keys):
                    time.sleep(1.0)  # well inside the scene's four seconds
                    pids = client.run(os.getpid, workers=[worker])
                    os.kill(pids[worker], 9)
                    killed.append(worker)
                    return
            time.sleep(0.1)

    killer = threading.Thread(target=kill_the_worker_rendering_the_slow_scene, daemon=True)
    killer.start()
    try:
        result = run_cli([*TINY, "--out", str(tmp_path / "output"), "--scenes", "slow", "intro",
                          "--executor", "dask", "--scheduler", cluster.scheduler_address],
                         entries=(*ENTRIES, SLOW))
    finally:
        killer.join(timeout=70)
        client.close()
    assert killed, "the slow scene was never seen rendering on a worker"
    assert result.code == 0, result.stderr
    assert (tmp_path / "output" / "clips" / "05-slow.mp4").exists()


def test_an_unreachable_scheduler_is_one_line_with_exit_status_2(tmp_path):
    started = time.monotonic()
    result = run_cli([*TINY, "--out", str(tmp_path / "output"), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("render.py: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9"), result.stderr
    assert time.monotonic() - started < 15


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--executor", "dask"], "--executor dask needs --scheduler ADDRESS"),
        (["--scheduler", "tcp://h:8786"], "--scheduler goes with --executor dask"),
        (["--executor", "ray"], "argument --executor: invalid choice: 'ray'"),
    ],
)
def test_executor_options_are_checked_before_rendering(argv, message, tmp_path):
    result = run_cli([*argv, "--out", str(tmp_path / "output")])
    assert result.code == 2
    assert message in result.stderr
