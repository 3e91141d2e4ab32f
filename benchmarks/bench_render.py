"""Benchmark ``render.py`` against plain manim and print a table of the results.

    python benchmarks/bench_render.py --parts low                 # 480p15 only (a few minutes)
    python benchmarks/bench_render.py --parts low,high,baseline   # everything the targets need
    python benchmarks/bench_render.py --scenes 00 03 05 --parts low
    python benchmarks/bench_render.py --scenes 00 04 --parts batch      # two presets: local vs LocalCluster

Parts:
  low       cold full build at 480p15 with --jobs 1 and with all cores, then a
            no-change rebuild, a one-scene-changed rebuild, and preview latency
  high      the same cold builds at 1080p60 (the default quality)
  baseline  plain ``manim -qh`` rendering the same scenes one after another at its
            own defaults (x264 medium, crf 23): the reference for the 0.6x target
  preview   last-frame preview latency of every scene, in the command's own
            process and through the resident preview server

Every build starts from an empty output folder (no clip, manim or LaTeX cache),
so "cold" means cold. A scene "changed" by marking its sidecar out of date, which
is what editing its source does, without touching the repository's files.
Run it on an otherwise idle machine: the numbers are wall-clock ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from scenes import SCENES, find_scene  # noqa: E402


@dataclass
class Row:
    name: str
    wall: float
    video_seconds: float | None = None
    size_bytes: int | None = None
    note: str = ""


def run(command: list[str], env: dict[str, str] | None = None) -> float:
    """Run a command from the repository root; return its wall time, fail loudly."""
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-3000:])
        raise SystemExit(f"benchmark step failed ({completed.returncode}): {' '.join(command)}")
    return wall


def render_command(out: Path, scenes: list[str], extra: list[str]) -> list[str]:
    return [sys.executable, "render.py", "--out", str(out), "--scenes", *scenes, *extra]


def clips_summary(out: Path, labels: list[str]) -> tuple[float, int]:
    seconds, size = 0.0, 0
    for label in labels:
        sidecar = json.loads((out / "clips" / f"{label}.json").read_text(encoding="utf-8"))
        seconds += sidecar["duration"]
        size += (out / "clips" / f"{label}.mp4").stat().st_size
    return seconds, size


def rendered_note(out: Path) -> str:
    """What the last build really rendered: sources edited while the benchmark runs
    (a shared working tree) make a "nothing changed" rebuild render again."""
    rendered = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["last_build"]["rendered"]
    return f"re-rendered: {', '.join(rendered)}" if rendered else "all clips reused"


def bench_quality(quality: str, scenes: list[str], labels: list[str], cores: int, work: Path, rows: list[Row],
                  follow_ups: bool) -> None:
    for jobs in sorted({1, cores}):
        out = work / f"{quality}-j{jobs}"
        wall = run(render_command(out, scenes, ["--quality", quality, "--jobs", str(jobs)]))
        seconds, size = clips_summary(out, labels)
        rows.append(Row(f"{quality} cold, --jobs {jobs}", wall, seconds, size))
    if not follow_ups:
        return
    out = work / f"{quality}-j{cores}"
    wall = run(render_command(out, scenes, ["--quality", quality, "--jobs", str(cores)]))
    rows.append(Row(f"{quality} rebuild, nothing changed", wall, note=rendered_note(out)))
    changed = labels[len(labels) // 2]
    sidecar_file = out / "clips" / f"{changed}.json"
    sidecar = json.loads(sidecar_file.read_text(encoding="utf-8"))
    sidecar["fingerprint"] = "stale"
    sidecar_file.write_text(json.dumps(sidecar), encoding="utf-8")
    wall = run(render_command(out, scenes, ["--quality", quality, "--jobs", str(cores)]))
    rows.append(Row(f"{quality} rebuild, one scene changed", wall, note=f"{changed}; {rendered_note(out)}"))
    preview_scene = scenes[len(scenes) // 2]
    try:
        for attempt in ("first, starts the server", "server, 1st", "server, 2nd"):
            wall = run(preview_command(out, preview_scene))
            rows.append(Row(f"preview --last-frame ({attempt})", wall, note=preview_scene))
            if attempt.startswith("first"):
                wait_for_server(out)
    finally:
        stop_server(out)


def bench_batch(scenes: list[str], cores: int, work: Path, rows: list[Row]) -> None:
    """Two presets at 480p15: the local workers, then a LocalCluster of as many single-threaded
    worker processes (the same jobs through the Dask executor, files coming back as bytes)."""
    presets = [str(REPO_ROOT / "assets" / "presets" / name) for name in ("default.toml", "overshoot.toml")]
    batch = ["--quality", "low", "--example", *presets]
    out = work / "batch-local"
    wall = run(render_command(out, scenes, [*batch, "--jobs", str(cores)]))
    rows.append(Row(f"batch of 2 presets, low, local --jobs {cores}", wall, note="cold"))
    from distributed import LocalCluster

    # The cluster's worker processes inherit these: the project importable, manim's cache keys stable.
    os.environ.update(PYTHONHASHSEED="0", PYTHONPATH=str(REPO_ROOT))
    env = dict(os.environ)
    cluster = LocalCluster(n_workers=cores, threads_per_worker=1, dashboard_address=None, silence_logs=50)
    try:
        out = work / "batch-dask"
        command = render_command(out, scenes, [*batch, "--executor", "dask", "--scheduler", cluster.scheduler_address])
        wall = run(command, env=env)
        rows.append(Row(f"batch of 2 presets, low, LocalCluster of {cores}", wall, note="cold (workers started before)"))
        wall = run(command, env=env)
        rows.append(Row("batch of 2 presets, LocalCluster, nothing changed", wall, note="all clips reused"))
    finally:
        cluster.close()


def preview_command(out: Path, scene: str, *extra: str) -> list[str]:
    return [sys.executable, "render.py", "--out", str(out), "--preview", scene, "--last-frame", *extra]


def wait_for_server(out: Path, seconds: float = 30.0) -> None:
    """Wait until the preview server the first preview started takes requests."""
    from render_pipeline import preview_server

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and preview_server._connect(preview_server.socket_path(out), 0.2) is None:
        time.sleep(0.1)


def stop_server(out: Path) -> None:
    subprocess.run([sys.executable, "render.py", "--out", str(out), "--stop-server"], cwd=REPO_ROOT, capture_output=True)


def bench_previews(scenes: list[str], work: Path, rows: list[Row]) -> None:
    """Last-frame preview latency of every scene: in the command's own process
    (``--no-server``) and through the preview server. Each scene is previewed once
    first, so its LaTeX and text caches are warm, as they are while editing; each
    row is the best of two."""
    out = work / "previews"
    try:
        for scene in scenes:
            run(preview_command(out, scene, "--no-server"))
            alone = min(run(preview_command(out, scene, "--no-server")) for _ in range(2))
            rows.append(Row(f"preview {scene}, own process", alone))
        run(preview_command(out, scenes[0]))
        wait_for_server(out)
        for scene in scenes:
            served = min(run(preview_command(out, scene)) for _ in range(2))
            rows.append(Row(f"preview {scene}, server", served))
    finally:
        stop_server(out)


def bench_baseline(entries: list, work: Path, rows: list[Row]) -> None:
    """Plain manim at -qh, one scene after another, each in a fresh media folder."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    total_wall, total_size, total_seconds = 0.0, 0, 0.0
    import av

    for entry in entries:
        media = work / "baseline" / entry.label
        total_wall += run(
            [sys.executable, "-m", "manim", "render", "-qh", "--media_dir", str(media), entry.module_file,
             entry.class_name],
            env=env,
        )
        video = next((media / "videos").rglob(f"{entry.class_name}.mp4"))
        total_size += video.stat().st_size
        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            total_seconds += float(stream.duration * stream.time_base)
    rows.append(Row("baseline: manim -qh, one by one", total_wall, total_seconds, total_size))


def print_table(rows: list[Row]) -> None:
    header = f"{'run':<36} {'wall s':>8} {'video s':>8} {'wall/video':>10} {'MB':>7}  note"
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = f"{row.wall / row.video_seconds:10.2f}" if row.video_seconds else f"{'':>10}"
        video = f"{row.video_seconds:8.1f}" if row.video_seconds else f"{'':>8}"
        size = f"{row.size_bytes / 1e6:7.2f}" if row.size_bytes else f"{'':>7}"
        print(f"{row.name:<36} {row.wall:8.2f} {video} {ratio} {size}  {row.note}")
    by_name = {row.name: row for row in rows}
    print()
    for quality in ("low", "high"):
        one = by_name.get(f"{quality} cold, --jobs 1")
        many = [row for name, row in by_name.items() if name.startswith(f"{quality} cold, --jobs ") and row is not one]
        if one and many:
            print(f"{quality}: parallel speedup {one.wall / many[0].wall:.2f}x "
                  f"(--jobs N / --jobs 1 wall = {many[0].wall / one.wall:.2f}, target <= 0.75)")
        cold = many[0] if many else one
        rebuild = by_name.get(f"{quality} rebuild, nothing changed")
        if cold and rebuild:
            print(f"{quality}: no-change rebuild / cold build = {rebuild.wall / cold.wall:.3f} (target <= 0.1)")
    baseline = by_name.get("baseline: manim -qh, one by one")
    high = [row for name, row in by_name.items() if name.startswith("high cold, --jobs ") and not name.endswith(" 1")]
    high = high or [row for name, row in by_name.items() if name.startswith("high cold")]
    if baseline and high:
        print(f"high cold build / plain manim -qh = {high[0].wall / baseline.wall:.2f} (target <= 0.6); "
              f"file size ratio {high[0].size_bytes / baseline.size_bytes:.2f} (target <= 1.5)")
    previews = [row for name, row in by_name.items() if name.startswith("preview --last-frame")]
    for row in previews:
        print(f"{row.name}: {row.wall:.2f} s (target <= 3 s)")
    for mode in ("own process", "server"):
        latencies = [row.wall for name, row in by_name.items() if name.startswith("preview ") and name.endswith(mode)]
        if latencies:
            within = sum(wall <= 3.0 for wall in latencies)
            print(f"last-frame previews, {mode}: {within} of {len(latencies)} scenes within 3 s; "
                  f"median {sorted(latencies)[len(latencies) // 2]:.2f} s, slowest {max(latencies):.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", default="low",
                        help="comma-separated: low, high, baseline, preview, batch (default: low)")
    parser.add_argument("--scenes", nargs="+", help="scene numbers or slugs (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="'all cores' (default: os.cpu_count())")
    parser.add_argument("--keep", action="store_true", help="keep the output folders and print where")
    args = parser.parse_args()
    parts = {part.strip() for part in args.parts.split(",") if part.strip()}
    unknown = parts - {"low", "high", "baseline", "preview", "batch"}
    if unknown:
        parser.error(f"unknown part {sorted(unknown)[0]!r}; choose from low, high, baseline, preview, batch")
    entries = [find_scene(token) for token in args.scenes] if args.scenes else list(SCENES)
    scenes = [f"{entry.number:02d}" for entry in entries]
    labels = [entry.label for entry in entries]
    work = Path(tempfile.mkdtemp(prefix="bench-render-"))
    rows: list[Row] = []
    try:
        if "low" in parts:
            bench_quality("low", scenes, labels, args.jobs, work, rows, follow_ups=True)
        if "high" in parts:
            bench_quality("high", scenes, labels, args.jobs, work, rows, follow_ups="low" not in parts)
        if "baseline" in parts:
            bench_baseline(entries, work, rows)
        if "preview" in parts:
            bench_previews(scenes, work, rows)
        if "batch" in parts:
            bench_batch(scenes, args.jobs, work, rows)
    finally:
        print_table(rows)
        if args.keep:
            print(f"\noutputs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
