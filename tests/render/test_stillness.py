"""Still stretches measured on clips encoded right here: a hold is found where it is,
motion is counted, and the closing second is left out."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from render_pipeline.stillness import measure_stillness


def encode_clip(path: Path, moving: list[bool], *, width: int = 160, height: int = 90, fps: int = 10) -> Path:
    """One frame per entry of ``moving``: a bar that steps right on a moving frame, stays on a still one."""
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=fps, options={"crf": "18", "preset": "veryfast"})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        position = 0
        for moves in moving:
            position += 4 if moves else 0
            pixels = np.full((height, width, 3), 20, dtype=np.uint8)
            pixels[30:60, position % (width - 20) : position % (width - 20) + 20] = 230
            for packet in stream.encode(av.VideoFrame.from_ndarray(pixels, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def test_a_hold_is_measured_where_it_is_and_motion_is_counted(tmp_path: Path) -> None:
    # 1 s of motion, a 4 s hold, 2 s of motion, then a 2 s hold of which the last 1 s is "the fade".
    frames = [True] * 10 + [False] * 40 + [True] * 20 + [False] * 20
    result = measure_stillness(encode_clip(tmp_path / "clip.mp4", frames))
    assert result.duration == pytest.approx(9.0, abs=0.05)
    assert result.longest_still == pytest.approx(4.0, abs=0.15)
    assert result.longest_still_start == pytest.approx(0.9, abs=0.15)
    assert result.over
    assert result.motion_share == pytest.approx(3.0 / 7.9, abs=0.05)
    assert set(result.as_dict()) == {"longest_still", "longest_still_start", "motion_share"}


def test_a_clip_that_keeps_moving_has_no_long_still(tmp_path: Path) -> None:
    result = measure_stillness(encode_clip(tmp_path / "clip.mp4", [True, True, False] * 20))
    assert result.longest_still < 0.5 and not result.over
    assert result.motion_share > 0.6
