"""Longest still stretch and share of motion of rendered clips, worst first.

    python benchmarks/still_frames.py                  # output/clips/*.mp4
    python benchmarks/still_frames.py path/to/clips --max 3.0

Each clip is decoded once (PyAV) and consecutive frames compared at 160x90
greyscale: a frame moves when more than 0.05 % of its pixels change by more
than 8 levels; the closing 1 s fade is not measured (see
``render_pipeline/stillness.py``). Prints one line per clip and the worst; exits
with status 1 when a clip stands still longer than ``--max`` seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from render_pipeline.stillness import MAX_STILL_SECONDS, SKIP_END_SECONDS, measure_stillness  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("clips", nargs="?", default=str(REPO_ROOT / "output" / "clips"), help="folder of .mp4 clips")
    parser.add_argument("--max", type=float, default=MAX_STILL_SECONDS, help="longest allowed still stretch (s)")
    parser.add_argument("--skip-end", type=float, default=SKIP_END_SECONDS, help="seconds of closing fade to ignore")
    args = parser.parse_args(argv)
    paths = sorted(Path(args.clips).glob("*.mp4"))
    if not paths:
        print(f"no .mp4 clips in {args.clips}")
        return 1
    results = []
    for path in paths:
        started = time.perf_counter()
        result = measure_stillness(path, args.skip_end)
        results.append((path.name, result))
        flag = "OVER" if result.longest_still > args.max else "ok"
        print(
            f"{path.name:32s} {result.duration:6.1f} s  longest still {result.longest_still:5.1f} s "
            f"at {result.longest_still_start:5.1f} s  motion {result.motion_share:4.0%}  {flag}"
            f"  ({time.perf_counter() - started:.1f} s to measure)"
        )
    name, worst = max(results, key=lambda item: item[1].longest_still)
    print(f"worst: {name} still for {worst.longest_still:.1f} s at {worst.longest_still_start:.1f} s")
    return 1 if any(result.longest_still > args.max for _, result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
