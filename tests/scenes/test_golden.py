"""Key frames of each scene (default preset, 256×144) match the control images in tests/golden/.

Regenerate after a deliberate visual change with ``python -m tests.scenes.golden --update``
(see ``tests/scenes/golden.py``). A missing control image fails; with
``BACKPROP_GOLDEN_MISSING=skip`` it skips instead.
"""

from __future__ import annotations

import os

import pytest

from scenes import SCENES
from tests.scenes.golden import MISSING_ENV_VAR, UPDATE_COMMAND, golden_problems
from tests.scenes.harness import scene_record

pytestmark = pytest.mark.render


@pytest.mark.parametrize("entry", SCENES, ids=lambda entry: entry.label)
def test_key_frames_match_golden(entry, tmp_path) -> None:
    record = scene_record(entry, "default")
    if record.error:
        pytest.skip("scene does not build (see test_smoke)")
    assert record.frames, f"{entry.label} has no held frame (no wait) to compare"
    problems, missing = golden_problems(entry.label, record.frames, record.key_times)
    if missing:
        names = ", ".join(path.name for path in missing)
        message = f"no control image {names} in tests/golden/: run `{UPDATE_COMMAND} {entry.number:02d}`"
        if os.environ.get(MISSING_ENV_VAR) == "skip":
            pytest.skip(message)
        pytest.fail(message)
    if problems:
        from tests.scenes.golden import write_png

        for number, frame in record.frames.items():
            write_png(tmp_path / f"{entry.label}_{number}.png", frame)
        problems.append(f"actual frames written to {tmp_path}; if the change is intended run `{UPDATE_COMMAND} {entry.number:02d}`")
    assert not problems, "\n".join(problems)
