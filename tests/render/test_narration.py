"""Narration end to end on a tiny kit scene: the AAC track in the clip and the full
video, captions in sync with the speech (measured from the audio's energy), the
synthesis cache, recorded takes, and every kind of bad input.

The fast espeak-ng voice stands in for Festival here (the code path is the same);
the tests skip where it is not installed (``.ci/setup.sh`` installs it)."""

from __future__ import annotations

import json
import math
import shutil
import wave
from pathlib import Path

import av
import numpy as np
import pytest

from render_pipeline import narration
from render_pipeline.captions import read_srt
from render_pipeline.narration import SAMPLE_RATE, read_audio, recording_key
from render_pipeline.soundtrack import Placement, audio_duration, mix
from render_test_support import FixtureEntry, run_cli

NARRATED = FixtureEntry(0, "narrated", "Narrated", "fixture_narrated", "FixtureNarrated")
ONE = ["--resolution", "160x90", "--fps", "10", "--jobs", "1"]
VOICE = ["--voice", "espeak-ng"]
SENTENCES = ("A square appears.", "It fades away.", "Done.", "Gone.")
needs_voice = pytest.mark.skipif(not narration.voice_installed("espeak-ng"), reason="espeak-ng is not installed")


def speech_onsets(path: Path, threshold: float = 0.02) -> list[float]:
    """Where speech starts after at least 0.25 s of quiet (10 ms windows of RMS energy)."""
    samples = read_audio(path)
    window = SAMPLE_RATE // 100
    energy = np.sqrt((samples[: samples.size // window * window].reshape(-1, window) ** 2).mean(axis=1))
    loud = energy > threshold
    return [index / 100 for index in range(loud.size) if loud[index] and not loud[max(0, index - 25): index].any()]


def assert_cues_start_with_speech(clip: Path) -> None:
    cues = read_srt(clip.with_suffix(".srt"))
    onsets = speech_onsets(clip)
    assert cues and len(onsets) >= len(cues)
    for cue in cues:
        nearest = min(onsets, key=lambda onset: abs(onset - cue.start_ms / 1000))
        assert abs(nearest - cue.start_ms / 1000) <= 0.1, (cue, onsets)


def video_and_audio_seconds(path: Path) -> tuple[float, float | None]:
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        assert len(container.streams.audio) <= 1
        if container.streams.audio:
            assert container.streams.audio[0].codec_context.name == "aac"
        return float(video.duration * video.time_base), audio_duration(path)


def write_tone(path: Path, seconds: float, rate: int = 22_050, amplitude: float = 0.4) -> None:
    """A short generated 'recording': a 220 Hz tone with 0.2 s of silence around it."""
    quiet = np.zeros(int(0.2 * rate))
    tone = amplitude * np.sin(2 * math.pi * 220 * np.arange(int(seconds * rate)) / rate)
    pcm = (np.concatenate([quiet, tone, quiet]) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(rate)
        output.writeframes(pcm.tobytes())


def sidecar(out: Path) -> dict:
    return json.loads((out / "clips" / f"{NARRATED.label}.json").read_text())


@pytest.fixture(scope="module")
def narrated(fixture_modules: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not narration.voice_installed("espeak-ng"):
        pytest.skip("espeak-ng is not installed")
    out = tmp_path_factory.mktemp("narrated") / "output"
    result = run_cli([*ONE, *VOICE, "--out", str(out)], entries=(NARRATED,))
    assert result.code == 0, result.stderr
    return out


@needs_voice
def test_clip_and_full_video_carry_one_aac_track_as_long_as_the_video(narrated: Path) -> None:
    for path in (narrated / "clips" / f"{NARRATED.label}.mp4", narrated / "backpropagation.mp4"):
        video, audio = video_and_audio_seconds(path)
        assert audio is not None and abs(audio - video) < 1e-3, (path.name, video, audio)
    record = sidecar(narrated)["narration"]
    assert record["audio"] and record["takes"] == 5 and record["synthesized"] == 5


@needs_voice
def test_every_caption_starts_with_its_spoken_sentence(narrated: Path) -> None:
    assert_cues_start_with_speech(narrated / "clips" / f"{NARRATED.label}.mp4")
    assert_cues_start_with_speech(narrated / "backpropagation.mp4")


@needs_voice
def test_the_speech_sets_the_pace(narrated: Path) -> None:
    cues = read_srt(narrated / "clips" / f"{NARRATED.label}.srt")
    # The number sentence is read "... minus three point six ...": longer than its reading time.
    gradient = next(cue for cue in cues if "3.6" in cue.text)
    assert (gradient.end_ms - gradient.start_ms) / 1000 > len(gradient.text) / 15.0


@needs_voice
def test_a_rebuild_synthesises_nothing_and_a_changed_sentence_one_take(
    narrated: Path, fixture_modules: Path, tmp_path: Path
) -> None:
    out = tmp_path / "output"
    shutil.copytree(narrated, out)
    assert run_cli([*ONE, *VOICE, "--out", str(out)], entries=(NARRATED,)).code == 0
    assert sidecar(out)["narration"]["synthesized"] == 5  # reused: not rendered again
    assert run_cli([*ONE, *VOICE, "--out", str(out), "--force"], entries=(NARRATED,)).code == 0
    assert (sidecar(out)["narration"]["synthesized"], sidecar(out)["narration"]["cached"]) == (0, 5)
    module = fixture_modules / "fixture_narrated.py"
    original = module.read_text()
    try:
        module.write_text(original.replace('"Done."', '"All done."'))
        assert run_cli([*ONE, *VOICE, "--out", str(out)], entries=(NARRATED,)).code == 0
    finally:
        module.write_text(original)
    assert (sidecar(out)["narration"]["synthesized"], sidecar(out)["narration"]["cached"]) == (1, 4)


@needs_voice
def test_recorded_takes_replace_the_voice_and_the_script_lists_the_rest(fixture_modules: Path, tmp_path: Path) -> None:
    recordings = tmp_path / "takes"
    recordings.mkdir()
    script = tmp_path / "script.txt"
    out = tmp_path / "output"
    listed = run_cli(["--narration-script", str(script), "--recordings", str(recordings), "--out", str(out)],
                     entries=(NARRATED,))
    assert listed.code == 0, listed.stderr
    text = script.read_text()
    for sentence in SENTENCES:
        assert sentence in text and recording_key(sentence) in text
    assert "(read: The gradient the gradient of the loss with respect to w is minus three point six" in text
    assert "5 sentences in 1 scenes, 0 recorded, 5 missing" in listed.stderr

    write_tone(recordings / f"{recording_key('Done.')}.wav", 2.5)
    built = run_cli([*ONE, *VOICE, "--narration", "recorded", "--recordings", str(recordings), "--out", str(out)],
                    entries=(NARRATED,))
    assert built.code == 0, built.stderr
    record = sidecar(out)["narration"]
    assert (record["recorded"], len(record["missing"]), record["synthesized"]) == (1, 4, 4)
    assert "4 recordings missing (the synthetic voice filled in" in built.stderr
    assert recording_key("A square appears.") in built.stderr
    cues = read_srt(out / "clips" / f"{NARRATED.label}.srt")
    done = next(cue for cue in cues if cue.text == "Done.")
    assert done.end_ms - done.start_ms >= 2500  # re-timed by the take
    assert_cues_start_with_speech(out / "clips" / f"{NARRATED.label}.mp4")

    listed = run_cli(["--narration-script", str(script), "--recordings", str(recordings), "--out", str(out)],
                     entries=(NARRATED,))
    assert "1 recorded, 4 missing" in listed.stderr

    strict = run_cli([*ONE, *VOICE, "--narration", "recorded", "--strict", "--recordings", str(recordings),
                      "--out", str(tmp_path / "strict")], entries=(NARRATED,))
    assert strict.code == 1
    assert "NarrationError: no recording of 'A square appears.'" in strict.stderr
    assert recording_key("A square appears.") in strict.stderr


@pytest.mark.parametrize(
    ("content", "problem"),
    [("text", "is not audio"), ("silence", "is silent")],
)
def test_a_recording_that_is_not_usable_stops_the_build_before_rendering(
    tmp_path: Path, content: str, problem: str
) -> None:
    recordings = tmp_path / "takes"
    recordings.mkdir()
    bad = recordings / "a-square-appears-0000.wav"
    if content == "text":
        bad.write_text("this is not a recording")
    else:
        write_tone(bad, 1.0, amplitude=0.0)
    out = tmp_path / "output"
    result = run_cli([*ONE, "--narration", "recorded", "--recordings", str(recordings), "--out", str(out)],
                     entries=(NARRATED,))
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(bad) in result.stderr and problem in result.stderr
    assert not (out / "clips").exists()


@needs_voice
def test_a_recording_too_long_for_its_sentence_fails_its_scene(fixture_modules: Path, tmp_path: Path) -> None:
    recordings = tmp_path / "takes"
    recordings.mkdir()
    write_tone(recordings / f"{recording_key('Done.')}.wav", 20.0)
    result = run_cli([*ONE, *VOICE, "--narration", "recorded", "--recordings", str(recordings),
                      "--out", str(tmp_path / "output")], entries=(NARRATED,))
    assert result.code == 1
    assert f"{recording_key('Done.')}.wav is 20." in result.stderr
    assert "s long, too long for its sentence (5 characters, at most 15.0 s)" in result.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--voice", "nosuch"], "unknown voice 'nosuch'; choose from auto, festival-slt, espeak-ng"),
        (["--voice-command", "false {wav}"], "voice command 'false {wav}' failed (exit status 1)"),
        (["--voice-command", "no-such-tts --out {wav}"], "voice command 'no-such-tts --out {wav}' failed (exit status 127)"),
        (["--voice-command", "echo hello"], "has no {wav}"),
        (["--voice-command", "tts {wav} {voice}"], "unknown placeholder"),
        (["--strict"], "--strict goes with --narration recorded"),
        (["--narration", "loud"], "argument --narration: invalid choice: 'loud'"),
        (["--narration", "recorded", "--recordings", "no-such-folder"], "recordings folder no-such-folder does not exist"),
    ],
)
def test_bad_narration_input_is_one_line_and_exit_2(argv: list[str], message: str, tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = run_cli([*ONE, *argv, "--out", str(out)], entries=(NARRATED,))
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("render.py: error: ") and message in lines[0], result.stderr
    assert not (out / "clips").exists()


def test_without_a_voice_the_build_says_how_to_get_one_and_renders_silent(
    fixture_modules: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(narration, "voice_installed", lambda name: False)
    out = tmp_path / "output"
    result = run_cli([*ONE, "--out", str(out)], entries=(NARRATED,))
    assert result.code == 0, result.stderr
    assert result.stderr.count("no voice is installed") == 1
    assert "apt-get install --no-install-recommends festival festvox-us-slt-hts espeak-ng" in result.stderr
    assert video_and_audio_seconds(out / "backpropagation.mp4")[1] is None
    assert len(read_srt(out / "clips" / f"{NARRATED.label}.srt")) == 5


@needs_voice
def test_a_voice_command_template(fixture_modules: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = run_cli([*ONE, "--voice-command", "espeak-ng -w {wav} --stdin", "--out", str(out)], entries=(NARRATED,))
    assert result.code == 0, result.stderr
    assert sidecar(out)["narration"]["takes"] == 5
    assert_cues_start_with_speech(out / "clips" / f"{NARRATED.label}.mp4")


def test_mixing_never_overlaps_takes_and_fills_the_clip(tmp_path: Path) -> None:
    take = tmp_path / "take.wav"
    narration.write_wav(np.full(SAMPLE_RATE, 0.5, np.float32), take)  # 1 s
    report = mix([Placement(0.0, str(take), "first"), Placement(0.5, str(take), "second")], 3.0)
    assert report.samples.size == 3 * SAMPLE_RATE
    assert report.delayed == [("second", 0.5)]
    assert float(report.samples.max()) <= 0.5 + 1e-3  # the two never add up
    assert mix([Placement(2.5, str(take), "late")], 3.0).cut == [("late", 0.5)]


def test_the_synthesis_cache_is_keyed_by_voice_and_text(tmp_path: Path) -> None:
    one = narration.Voice("command", "tts-a {wav}")
    other = narration.Voice("command", "tts-b {wav}")
    assert narration.synthesis_path(tmp_path, one, "hello") == narration.synthesis_path(tmp_path, one, "hello")
    assert narration.synthesis_path(tmp_path, one, "hello") != narration.synthesis_path(tmp_path, other, "hello")
    assert narration.synthesis_path(tmp_path, one, "hello") != narration.synthesis_path(tmp_path, one, "hello!")


def test_recording_keys_follow_the_sentence() -> None:
    key = recording_key("The gradient \u22123.6 tells us: increase w.")
    assert key.startswith("the-gradient-3-6-tells-us-")
    assert recording_key("The gradient \u22123.6 tells us: increase w.") == key
    assert recording_key("The gradient 0.0 tells us: increase w.") != key
    assert recording_key("A\u00a0b  c") == recording_key("A b c")


@needs_voice
def test_a_real_scene_speaks_in_sync_and_its_numbers_follow_the_preset(tmp_path: Path) -> None:
    from scenes import SCENES

    out = tmp_path / "output"
    result = run_cli([*ONE, *VOICE, "--scenes", "06", "--out", str(out)], entries=SCENES)
    assert result.code == 0, result.stderr
    label = next(entry.label for entry in SCENES if entry.number == 6)
    record = json.loads((out / "clips" / f"{label}.json").read_text())["narration"]
    assert record["audio"] and record["takes"] >= 3 and not record["delayed"] and not record["cut"]
    assert_cues_start_with_speech(out / "clips" / f"{label}.mp4")
    video, audio = video_and_audio_seconds(out / "clips" / f"{label}.mp4")
    assert audio is not None and abs(audio - video) < 1e-3
    spoken = " ".join(sentence["spoken"] for sentence in record["sentences"])
    assert "minus three point six" in spoken and "\u2212" not in spoken

    script = tmp_path / "dead.txt"
    dead = run_cli(["--narration-script", str(script), "--scenes", "06", "--example",
                    "assets/presets/dead-relu.toml", "--out", str(out)], entries=SCENES)
    assert dead.code == 0, dead.stderr
    read = [line for line in script.read_text().splitlines() if line.strip().startswith("(read:")]
    assert read and not any("minus three point six" in line for line in read)
    assert any("zero point zero" in line for line in read)
