"""Joining clips with PyAV, on clips encoded right here (no manim): exact length,
every frame decodable, chapters, and a clear refusal for clips that differ."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from render_pipeline.captions import Cue
from render_pipeline.media import JoinError, JoinPart, join_clips, probe_clip


def encode_clip(path: Path, frames: int, *, width: int = 64, height: int = 36, fps: int = 10) -> Path:
    """A clip encoded the way manim's segment encoder does (x264, yuv420p, crf 23)."""
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=fps, options={"crf": "23", "preset": "veryfast"})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for index in range(frames):
            pixels = np.full((height, width, 3), (index * 37) % 256, dtype=np.uint8)
            pixels[:, : (index * 5) % width] = 255
            for packet in stream.encode(av.VideoFrame.from_ndarray(pixels, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def test_joined_video_has_every_frame_and_the_exact_length(tmp_path):
    lengths = [3, 25, 1, 12]  # short clips have other decoder delays than long ones
    parts = [JoinPart(encode_clip(tmp_path / f"c{i}.mp4", n), f"Part {i}") for i, n in enumerate(lengths)]
    target = tmp_path / "joined.mp4"
    chapters = join_clips(parts, [Cue(0, 200, "hello"), Cue(3000, 3500, "later")], target, title="T")
    info = probe_clip(target)
    assert info.frames == sum(lengths)
    assert info.duration == pytest.approx(sum(lengths) / 10)
    with av.open(str(target)) as container:
        assert sum(1 for _ in container.decode(video=0)) == sum(lengths)
        assert [c["metadata"]["title"] for c in container.chapters()] == ["Part 0", "Part 1", "Part 2", "Part 3"]
        assert container.metadata["title"] == "T"
    assert [chapter.start for chapter in chapters] == pytest.approx([0.0, 0.3, 2.8, 2.9])
    assert chapters[-1].end == pytest.approx(4.1)
    assert all(chapter.time_base == Fraction(info.time_base) for chapter in chapters)


@pytest.mark.parametrize(("options", "mismatch"), [({"width": 80}, "size"), ({"fps": 12}, "frame rate")])
def test_clips_that_differ_are_refused_by_name(tmp_path, options, mismatch):
    first = encode_clip(tmp_path / "a.mp4", 4)
    second = encode_clip(tmp_path / "b.mp4", 4, **options)
    with pytest.raises(JoinError, match=f"b.mp4 differs from the first clip in .*{mismatch}"):
        join_clips([JoinPart(first, "A"), JoinPart(second, "B")], [], tmp_path / "joined.mp4", title="T")


def encode_clip_in_ticks(path: Path, frames: int, *, uneven: bool, fps: int = 10) -> Path:
    """A clip timed in 1/1024 frame ticks, like manim's. With ``uneven`` one frame step is
    shorter, as manim writes when it concatenates partial movies of animations whose run
    times are not whole frames (seen in scenes 05, 06, 07, 09 and 11): the average rate
    is then a hair off the nominal one."""
    ticks = 1024 * fps
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=fps, options={"crf": "23", "preset": "veryfast"})
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        stream.codec_context.time_base = Fraction(1, ticks)
        pts = 0
        for index in range(frames):
            frame = av.VideoFrame.from_ndarray(np.full((36, 64, 3), index * 9 % 256, dtype=np.uint8), format="rgb24")
            frame.pts, frame.time_base = pts, Fraction(1, ticks)
            pts += 1019 if uneven and index == frames // 2 else 1024
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def test_clips_with_uneven_frame_steps_still_join(tmp_path):
    first = encode_clip_in_ticks(tmp_path / "a.mp4", 12, uneven=False)
    uneven = encode_clip_in_ticks(tmp_path / "b.mp4", 12, uneven=True)
    with av.open(str(uneven)) as container:
        assert container.streams.video[0].average_rate != 10
    target = tmp_path / "joined.mp4"
    join_clips([JoinPart(first, "A"), JoinPart(uneven, "B")], [], target, title="T")
    with av.open(str(target)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 24


def test_the_thumbnail_is_not_the_black_end_of_a_fade(tmp_path):
    from render_pipeline.media import pick_thumbnail

    clip = encode_clip(tmp_path / "clip.mp4", 30)
    black = np.zeros((36, 64, 4), dtype=np.uint8)
    chosen = pick_thumbnail(clip, black)
    assert chosen.shape == (36, 64, 3)
    assert chosen.std() > 10
