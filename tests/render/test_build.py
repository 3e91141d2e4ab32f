"""Builds of the fixture scenes, checked with PyAV: streams, durations, chapters,
captions, the reuse of up-to-date clips, a failing scene, and the lock."""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from pathlib import Path

import av
import pytest

from render_test_support import BROKEN, ENTRIES, INTRO, MIDDLE, OUTRO, TINY, run_cli
from render_pipeline.captions import read_srt
from render_pipeline.files import FolderLock

pytestmark = pytest.mark.render


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _video_ticks(path: Path) -> tuple[int, Fraction]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return int(stream.duration), Fraction(stream.time_base)


def _subtitle_cues(path: Path) -> list[tuple[int, int, str]]:
    """The non-empty ``mov_text`` samples as (start ms, end ms, text)."""
    cues = []
    with av.open(str(path)) as container:
        stream = container.streams.subtitles[0]
        for packet in container.demux(stream):
            payload = bytes(packet)
            if packet.pts is None or len(payload) <= 2:
                continue
            start = round(packet.pts * packet.time_base * 1000)
            end = round((packet.pts + packet.duration) * packet.time_base * 1000)
            cues.append((start, end, payload[2:].decode("utf-8")))
    return cues


def _leftovers(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if ".part-" in path.name and ".cache" not in path.parts]


def test_full_video_has_one_video_and_one_subtitle_stream(built):
    out, _ = built
    with av.open(str(out / "backpropagation.mp4")) as container:
        assert len(container.streams.video) == 1
        assert len(container.streams.subtitles) == 1
        video = container.streams.video[0]
        assert (video.codec_context.name, video.width, video.height) == ("h264", 160, 90)
        assert video.codec_context.pix_fmt == "yuv420p"
        assert video.average_rate == 10
        assert container.streams.subtitles[0].codec_context.name == "mov_text"


def test_full_video_lasts_exactly_the_sum_of_the_clips(built):
    out, _ = built
    clip_ticks = [_video_ticks(out / "clips" / f"{entry.label}.mp4") for entry in ENTRIES]
    full_ticks, full_base = _video_ticks(out / "backpropagation.mp4")
    assert {base for _, base in clip_ticks} == {full_base}
    assert full_ticks == sum(ticks for ticks, _ in clip_ticks)
    with av.open(str(out / "backpropagation.mp4")) as container:
        frames = sum(1 for packet in container.demux(video=0) if packet.pts is not None)
    assert frames == sum(json.loads((out / "clips" / f"{e.label}.json").read_text())["frames"] for e in ENTRIES)


def test_one_chapter_per_scene_titled_by_the_scene(built):
    out, _ = built
    with av.open(str(out / "backpropagation.mp4")) as container:
        chapters = container.chapters()
    assert [chapter["metadata"]["title"] for chapter in chapters] == [entry.title for entry in ENTRIES]
    starts = [float(chapter["start"] * chapter["time_base"]) for chapter in chapters]
    durations = [_video_ticks(out / "clips" / f"{e.label}.mp4") for e in ENTRIES]
    expected, offset = [], 0.0
    for ticks, base in durations:
        expected.append(offset)
        offset += float(ticks * base)
    assert starts == pytest.approx(expected, abs=1e-3)


def test_captions_are_shifted_trimmed_and_clamped(built):
    out, _ = built
    intro_end = 1000  # FixtureIntro: 0.6 s + 0.4 s of animation
    middle_end = 2000
    expected = [
        (0, 300, "Intro starts"),  # trimmed where "A square" starts (0.3 s offset)
        (300, 900, "A square"),
        (intro_end, intro_end + 500, "A circle grows"),
        (middle_end, middle_end + 800, "The end"),  # a 5 s caption cut at the video's end
    ]
    assert _subtitle_cues(out / "backpropagation.mp4") == expected
    srt_cues = [(cue.start_ms, cue.end_ms, cue.text) for cue in read_srt(out / "backpropagation.srt")]
    assert srt_cues == expected
    vtt = (out / "backpropagation.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n")
    assert "00:00:02.000 --> 00:00:02.800\nThe end" in vtt
    outro = read_srt(out / "clips" / f"{OUTRO.label}.srt")
    assert [(cue.start_ms, cue.end_ms) for cue in outro] == [(0, 800)]


def test_each_clip_has_captions_thumbnail_and_sidecar(built):
    out, _ = built
    for entry in ENTRIES:
        for suffix in (".mp4", ".srt", ".vtt", ".png", ".json"):
            assert (out / "clips" / f"{entry.label}{suffix}").is_file(), entry.label + suffix
        with av.open(str(out / "clips" / f"{entry.label}.png")) as image:
            frame = next(image.decode(video=0))
            assert (frame.width, frame.height) == (160, 90)
    assert (out / "clips" / f"{INTRO.label}.vtt").read_text().count("-->") == 2


def test_manifest_lists_scenes_offsets_preset_and_versions(built):
    out, _ = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [clip["label"] for clip in manifest["clips"]] == [entry.label for entry in ENTRIES]
    for clip in manifest["clips"]:
        assert 0.0 <= clip["longest_still"] <= clip["duration"] and 0.0 <= clip["motion_share"] <= 1.0
    chapters = manifest["video"]["chapters"]
    assert [chapter["start"] for chapter in chapters] == pytest.approx([0.0, 1.0, 2.0])
    assert manifest["video"]["duration"] == pytest.approx(sum(clip["duration"] for clip in manifest["clips"]))
    assert manifest["video"]["preset"] == {"x": 2.0, "w": 0.5, "b": 0.1, "y": 2.0, "lr": 0.01}
    assert set(manifest["versions"]) >= {"manim", "av", "python"}
    assert manifest["video"]["matches_clips"] is True


def test_a_rebuild_with_nothing_changed_renders_nothing(built, built_copy, capsys):
    out = built_copy()
    video_before = (out / "backpropagation.mp4").stat().st_mtime_ns
    result = run_cli([*TINY, "--out", str(out)], capsys=capsys)
    assert result.code == 0, result.stderr
    assert "0 rendered, 3 up to date, 0 failed" in result.stderr
    assert (out / "backpropagation.mp4").stat().st_mtime_ns == video_before


def test_editing_one_scene_re_renders_only_that_scene(built, built_copy, fixture_modules, capsys):
    out = built_copy()
    clips_before = {entry.label: _digest(out / "clips" / f"{entry.label}.json") for entry in ENTRIES}
    source = fixture_modules / f"{MIDDLE.module}.py"
    original = source.read_text()
    source.write_text(original.replace("run_time=0.5)\n", "run_time=0.7)\n", 1))
    try:
        result = run_cli([*TINY, "--out", str(out)], capsys=capsys)
    finally:
        source.write_text(original)
    assert result.code == 0, result.stderr
    assert "1 rendered, 2 up to date, 0 failed" in result.stderr
    assert f"{MIDDLE.label} (changed: {MIDDLE.module}.py)" in result.stderr
    clips_after = {entry.label: _digest(out / "clips" / f"{entry.label}.json") for entry in ENTRIES}
    assert [label for label in clips_before if clips_before[label] != clips_after[label]] == [MIDDLE.label]
    full_ticks, base = _video_ticks(out / "backpropagation.mp4")
    assert float(full_ticks * base) == pytest.approx(1.0 + 1.2 + 0.8)

    result = run_cli([*TINY, "--out", str(out), "--scenes", "middle", "--force"], capsys=capsys)
    assert result.code == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["video"]["matches_clips"] is False  # a partial build leaves the old full video


def test_a_failing_scene_is_reported_and_blocks_the_full_video(built, built_copy, capsys):
    out = built_copy()
    previous_video = _digest(out / "backpropagation.mp4")
    result = run_cli([*TINY, "--out", str(out), "--force"], entries=(*ENTRIES, BROKEN), capsys=capsys)
    assert result.code == 1
    assert f"FAILED {BROKEN.label}: ZeroDivisionError: the fixture fails on purpose" in result.stderr
    assert "fixture_broken.py:9" in result.stderr
    assert "3 rendered, 0 up to date, 1 failed" in result.stderr
    assert "backpropagation.mp4" not in result.stdout
    assert _digest(out / "backpropagation.mp4") == previous_video  # the old one stays whole
    assert not (out / "clips" / f"{BROKEN.label}.mp4").exists()
    assert _leftovers(out) == []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["last_build"]["failed"]) == [BROKEN.label]


def test_a_failing_scene_in_a_fresh_folder_writes_no_full_video(fixture_modules, tmp_path, capsys):
    out = tmp_path / "output"
    result = run_cli([*TINY, "--out", str(out), "--jobs", "1", "--scenes", "intro", "broken"],
                     entries=(INTRO, BROKEN), capsys=capsys)
    assert result.code == 1
    assert (out / "clips" / f"{INTRO.label}.mp4").is_file()
    assert not (out / "backpropagation.mp4").exists()
    assert _leftovers(out) == []


def test_extra_formats_are_added_without_re_rendering_the_mp4(built, built_copy, capsys):
    out = built_copy()
    mp4_before = _digest(out / "clips" / f"{OUTRO.label}.mp4")
    result = run_cli([*TINY, "--out", str(out), "--scenes", "outro", "--formats", "gif,webm"], capsys=capsys)
    assert result.code == 0, result.stderr
    assert "missing gif, webm" in result.stderr
    assert _digest(out / "clips" / f"{OUTRO.label}.mp4") == mp4_before
    with av.open(str(out / "clips" / f"{OUTRO.label}.gif")) as gif:
        assert gif.streams.video[0].codec_context.name == "gif"
    with av.open(str(out / "clips" / f"{OUTRO.label}.webm")) as webm:
        assert webm.streams.video[0].codec_context.name in {"vp9", "libvpx-vp9"}
    sidecar = json.loads((out / "clips" / f"{OUTRO.label}.json").read_text())
    assert set(sidecar["formats"]) == {"mp4", "gif", "webm"}

    result = run_cli([*TINY, "--out", str(out), "--scenes", "outro", "--force"], capsys=capsys)
    assert result.code == 0, result.stderr
    assert not (out / "clips" / f"{OUTRO.label}.gif").exists()  # it would show the old version
    assert not (out / "clips" / f"{OUTRO.label}.webm").exists()


def test_a_second_build_into_a_locked_folder_is_refused(built, built_copy):
    out = built_copy()
    with FolderLock(out / ".lock", "a test build"):
        result = run_cli([*TINY, "--out", str(out)])
    assert result.code == 4
    assert "in use by a test build" in result.stderr
    assert "--out" in result.stderr
