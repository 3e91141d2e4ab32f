"""Golden frames: key frames of each scene compared with control images in tests/golden/.

Regenerate the control images on purpose (after a deliberate visual change) with::

    python -m tests.scenes.golden --update            # every scene
    python -m tests.scenes.golden --update 03 chain-rule   # some scenes

and without ``--update`` the same command reports how far each scene is from its
control images. Key frames are taken with the default preset at
``harness.PIXEL_WIDTH`` × ``harness.PIXEL_HEIGHT``: for each fraction in
:data:`KEY_FRACTIONS` of the scene's duration, the held frame of the last
``wait`` that ended by then (a scene without waits has no key frames). Files are ``tests/golden/<label>_<k>.png``
(``03-forward-pass_1.png``) with the checkpoint time stored in the PNG.

A missing control image fails its test with a message naming the command above;
set ``BACKPROP_GOLDEN_MISSING=skip`` to skip instead (for work in progress only,
never in CI).

Frames match when the mean absolute difference (0–255 scale, over all channels)
is at most :data:`MEAN_TOLERANCE` and at most :data:`CHANGED_FRACTION_TOLERANCE`
of the pixels differ by more than :data:`PIXEL_THRESHOLD` in some channel.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden"
UPDATE_COMMAND = "python -m tests.scenes.golden --update"
MISSING_ENV_VAR = "BACKPROP_GOLDEN_MISSING"

KEY_FRACTIONS: tuple[float, ...] = (0.25, 0.5, 0.75)
MEAN_TOLERANCE = 1.5
PIXEL_THRESHOLD = 48
CHANGED_FRACTION_TOLERANCE = 0.002


@dataclass(frozen=True)
class FrameComparison:
    mean_abs_diff: float
    changed_fraction: float
    same_shape: bool

    @property
    def matches(self) -> bool:
        return (
            self.same_shape
            and self.mean_abs_diff <= MEAN_TOLERANCE
            and self.changed_fraction <= CHANGED_FRACTION_TOLERANCE
        )

    def describe(self) -> str:
        if not self.same_shape:
            return "frame sizes differ"
        return (
            f"mean |diff| {self.mean_abs_diff:.2f} (max {MEAN_TOLERANCE}), "
            f"{self.changed_fraction:.2%} of pixels changed by > {PIXEL_THRESHOLD} (max {CHANGED_FRACTION_TOLERANCE:.2%})"
        )


def compare_frames(expected: np.ndarray, actual: np.ndarray) -> FrameComparison:
    """How far ``actual`` (H×W×3 uint8) is from ``expected``."""
    if expected.shape != actual.shape:
        return FrameComparison(float("inf"), 1.0, False)
    diff = np.abs(expected.astype(np.int16) - actual.astype(np.int16))
    changed = float(np.mean(diff.max(axis=2) > PIXEL_THRESHOLD))
    return FrameComparison(float(diff.mean()), changed, True)


def key_checkpoints(times: list[float], duration: float) -> list[int]:
    """For each key fraction of ``duration``, the index of the last of ``times`` up to it."""
    chosen: list[int] = []
    for fraction in KEY_FRACTIONS:
        target = fraction * duration + 1e-9
        before = [i for i, t in enumerate(times) if t <= target]
        chosen.append(before[-1] if before else 0)
    return chosen


def keep_key_frames(record: Any) -> None:
    """Drop every captured frame of ``record`` except its key frames (kept by key number)."""
    held = sorted(record.frames)
    if not held:
        record.frames = {}
        return
    times = [record.checkpoints[index].time for index in held]
    chosen = [held[i] for i in key_checkpoints(times, record.duration)]
    record.key_times = {number: record.checkpoints[index].time for number, index in enumerate(chosen, start=1)}
    record.frames = {number: record.frames[index] for number, index in enumerate(chosen, start=1)}


def golden_path(label: str, number: int, directory: Path = GOLDEN_DIR) -> Path:
    return directory / f"{label}_{number}.png"


def write_png(path: Path, frame: np.ndarray, time: float | None = None) -> None:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    if time is not None:
        info.add_text("checkpoint_time", f"{time:.3f}")
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(frame.astype(np.uint8), "RGB").save(path, pnginfo=info, optimize=True)


def read_png(path: Path) -> tuple[np.ndarray, float | None]:
    from PIL import Image

    with Image.open(path) as image:
        time = image.text.get("checkpoint_time") if hasattr(image, "text") else None
        return np.asarray(image.convert("RGB")), float(time) if time is not None else None


def golden_problems(label: str, frames: dict[int, np.ndarray], key_times: dict[int, float], directory: Path = GOLDEN_DIR) -> tuple[list[str], list[Path]]:
    """Mismatches of ``frames`` against the control images, and missing control images."""
    problems: list[str] = []
    missing: list[Path] = []
    for number, frame in sorted(frames.items()):
        path = golden_path(label, number, directory)
        if not path.is_file():
            missing.append(path)
            continue
        expected, expected_time = read_png(path)
        comparison = compare_frames(expected, frame)
        if not comparison.matches:
            timing = ""
            now = key_times.get(number)
            if expected_time is not None and now is not None and abs(expected_time - now) > 1e-3:
                timing = f"; the scene's timing changed (control t={expected_time:.2f}s, now t={now:.2f}s)"
            problems.append(f"{label} key frame {number}: {comparison.describe()}{timing}")
    return problems, missing


def update_goldens(labels: list[str], directory: Path = GOLDEN_DIR) -> list[Path]:
    """Render the scenes and write their key frames as control images."""
    from scenes import SCENES, find_scene

    from tests.scenes.harness import scene_record

    entries = [find_scene(label) for label in labels] if labels else list(SCENES)
    written: list[Path] = []
    for entry in entries:
        record = scene_record(entry, "default")
        if record.error:
            raise SystemExit(f"{entry.label} failed to build:\n{record.error}")
        for old in directory.glob(f"{entry.label}_*.png"):
            old.unlink()
        for number, frame in sorted(record.frames.items()):
            path = golden_path(entry.label, number, directory)
            write_png(path, frame, record.key_times.get(number))
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare or regenerate the golden key frames of the scenes.")
    parser.add_argument("scenes", nargs="*", help="scene numbers, slugs or class names (default: all)")
    parser.add_argument("--update", action="store_true", help="overwrite the control images in tests/golden/")
    args = parser.parse_args(argv)
    if args.update:
        for path in update_goldens(args.scenes):
            print(f"wrote {path.relative_to(GOLDEN_DIR.parents[1])}")
        return 0
    from scenes import SCENES, find_scene

    from tests.scenes.harness import scene_record

    failed = False
    for entry in [find_scene(label) for label in args.scenes] if args.scenes else SCENES:
        record = scene_record(entry, "default")
        if record.error:
            print(f"{entry.label}: failed to build")
            failed = True
            continue
        problems, missing = golden_problems(entry.label, record.frames, record.key_times)
        for line in problems + [f"{entry.label}: missing {path.name}" for path in missing]:
            print(line)
        failed = failed or bool(problems or missing)
        if not problems and not missing:
            print(f"{entry.label}: matches")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
