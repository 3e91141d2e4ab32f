"""Where a narrated scene stands still: the recorded timeline under the real voice.

The scene tests check holds on the silent timeline (reading time). Narrated, a
sentence lasts as long as it is spoken, and a scene that starts a caption and then
waits, or lets a short play run under a long sentence, stands still for the rest.
This builds scenes the way the scene tests do (fast-forwarded, tiny frames) but with
the narrator the full build uses, and prints every stretch longer than ``--max``
seconds in which no play moves (caption starts do not count here: a viewer sees a
still picture either way), with the captions around it.

    python benchmarks/narrated_timeline.py 05 07        # numbers, slugs or class names
    python benchmarks/narrated_timeline.py --all --max 3

The takes are synthesised once into ``--cache`` (default ``output/.cache/narration``,
the full build's cache) and reused. The rendered clips remain the ground truth
(``render_pipeline/stillness.py``); a play that moves very little counts as motion here.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def narration_json(cache: Path) -> str:
    from render_pipeline.narration import NarrationConfig, pick_voice

    voice = pick_voice(None, None)
    if voice is None:
        raise SystemExit("narrated_timeline: no voice is installed (festival-slt or espeak-ng)")
    return NarrationConfig(
        mode="tts", voice_name=voice.name, voice_template=voice.template, cache_dir=str(cache.resolve())
    ).to_json()


def stills(record, limit: float) -> list[tuple[float, float]]:
    moving = sorted((c.start, c.time) for c in record.checkpoints if c.moving and c.time > c.start)
    found, cursor = [], 0.0
    for start, end in moving:
        if start - cursor > limit:
            found.append((cursor, start))
        cursor = max(cursor, end)
    if record.duration - cursor > limit:
        found.append((cursor, record.duration))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenes", nargs="*")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--max", type=float, default=3.0)
    parser.add_argument("--preset", default="default", help="default, dead-relu or overshoot")
    parser.add_argument("--cache", type=Path, default=ROOT / "output" / ".cache" / "narration")
    args = parser.parse_args()

    os.environ["BACKPROP_NARRATION"] = narration_json(args.cache)
    from scenes import SCENES, find_scene  # noqa: E402
    from tests.scenes.harness import load_presets, record_scene  # noqa: E402

    entries = list(SCENES) if args.all or not args.scenes else [find_scene(s) for s in args.scenes]
    preset = load_presets()[args.preset]
    worst = 0.0
    for entry in entries:
        record = record_scene(entry.load(), preset, args.preset)
        if record.error:
            print(f"{entry.label}: failed\n{record.error}")
            return 1
        found = stills(record, args.max)
        longest = max((b - a for a, b in stills(record, 0.0)), default=0.0)
        worst = max(worst, longest)
        print(f"{entry.label:28s} {record.duration:6.1f} s  longest still {longest:4.1f} s  "
              f"{'over' if found else 'ok'}")
        for a, b in found:
            print(f"    still {b - a:4.1f} s at {a:6.1f}-{b:6.1f} s")
            for caption in record.captions:
                if caption.start < b and caption.start + caption.duration > a - 0.5:
                    print(f"      caption {caption.start:6.1f} +{caption.duration:4.1f}  {caption.text[:90]}")
    return 1 if worst > args.max else 0


if __name__ == "__main__":
    sys.exit(main())
