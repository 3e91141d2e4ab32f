"""The held-frame shortcut must write exactly what manim's own encoder writes."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

pytest.importorskip("manim")

from manim._config.video_encoder import VideoEncoderSpec  # noqa: E402
from manim.scene.video_segment_encoder import VideoSegmentEncoder  # noqa: E402

from render_pipeline import static_frames  # noqa: E402


def _frames() -> list[tuple[np.ndarray, int]]:
    sequence = []
    for index, repeat in enumerate([1, 7, 1, 1, 12, 3]):
        pixels = np.zeros((36, 64, 4), dtype=np.uint8)
        pixels[..., 3] = 255
        pixels[4:30, index * 8 : index * 8 + 20, :3] = (40 * index, 200, 255 - 30 * index)
        sequence.append((pixels, repeat))
    return sequence


def _encode(target: Path) -> list[bytes]:
    spec = VideoEncoderSpec("mp4", "libx264", "yuv420p", 64, 36, Fraction(10), (("crf", "23"), ("preset", "veryfast")))
    encoder = VideoSegmentEncoder(target=target, spec=spec)
    for pixels, repeat in _frames():
        encoder.write_frame(pixels, repeat=repeat)
    encoder.finish()
    with av.open(str(target)) as container:
        return [bytes(packet) for packet in container.demux(video=0) if packet.pts is not None]


def test_held_frames_encode_to_the_same_bytes_as_manims_encoder(tmp_path):
    original = VideoSegmentEncoder.write_frame
    reference = _encode(tmp_path / "reference.mp4")
    try:
        assert static_frames.install()
        assert VideoSegmentEncoder.write_frame is not original
        patched = _encode(tmp_path / "patched.mp4")
    finally:
        VideoSegmentEncoder.write_frame = original
        static_frames._installed = False
    assert len(reference) == sum(repeat for _, repeat in _frames())
    assert patched == reference
