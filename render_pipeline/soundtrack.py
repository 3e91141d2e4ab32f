"""The narration track: mix a scene's takes on its timeline, put it into the clip as
AAC, and make one audio track for the full video.

manim's own ``add_sound`` mixes with pydub and lets the audio run longer or shorter
than the video; here the track is exactly as long as the clip's video (in samples
at 48 kHz), the clip's video packets are copied untouched, and the full video's
audio is encoded once from the clips' decoded audio, so the AAC encoder's priming
never adds a gap at a seam and the joined audio ends with the video.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

from render_pipeline.narration import SAMPLE_RATE, read_audio, read_wav

AAC_BIT_RATE = 96_000
AUDIO_TIME_BASE = Fraction(1, SAMPLE_RATE)


@dataclass(frozen=True)
class Placement:
    """A take placed on a scene's timeline: starts at ``start`` seconds of scene time."""

    start: float
    path: str
    text: str


@dataclass(frozen=True)
class MixReport:
    samples: np.ndarray
    #: (text, seconds) of takes that had to start late because the one before still spoke.
    delayed: list[tuple[str, float]]
    #: (text, seconds) of takes cut by the end of the clip.
    cut: list[tuple[str, float]]


def mix(placements: Sequence[Placement], duration: float) -> MixReport:
    """The scene's narration as float32 samples, exactly ``duration`` long.

    Takes never overlap: one placed before the previous one ends (a caption started by
    ``caption()`` or ``play(subcaption=…)`` over a still-speaking sentence) starts when
    that one ends, and is reported."""
    total = round(duration * SAMPLE_RATE)
    track = np.zeros(total, np.float32)
    delayed: list[tuple[str, float]] = []
    cut: list[tuple[str, float]] = []
    busy_until = 0
    for placement in sorted(placements, key=lambda item: item.start):
        take = read_wav(Path(placement.path))
        start = round(placement.start * SAMPLE_RATE)
        if start < busy_until:
            delayed.append((placement.text, (busy_until - start) / SAMPLE_RATE))
            start = busy_until
        end = min(total, start + take.size)
        if end < start + take.size:
            cut.append((placement.text, (start + take.size - end) / SAMPLE_RATE))
        if end > start:
            track[start:end] += take[: end - start]
        busy_until = max(busy_until, start + take.size)
    return MixReport(track, delayed, cut)


def encode_aac(samples: np.ndarray, stream: av.audio.stream.AudioStream) -> Iterator[av.Packet]:
    """AAC packets of ``samples`` (mono float32 at 48 kHz) from ``stream``'s encoder.

    The samples go in as one frame: PyAV cuts it into the encoder's frame size itself,
    about twice as fast as handing it 1024-sample frames from Python."""
    frame = av.AudioFrame.from_ndarray(
        np.ascontiguousarray(samples, dtype=np.float32).reshape(1, -1), format="fltp", layout="mono"
    )
    frame.sample_rate = SAMPLE_RATE
    frame.pts = 0
    frame.time_base = AUDIO_TIME_BASE
    if samples.size:
        yield from stream.encode(frame)
    yield from stream.encode(None)


def add_audio_stream(output: av.container.OutputContainer) -> av.audio.stream.AudioStream:
    stream = output.add_stream("aac", rate=SAMPLE_RATE, layout="mono")
    stream.bit_rate = AAC_BIT_RATE
    stream.time_base = AUDIO_TIME_BASE
    stream.metadata["language"] = "eng"
    stream.metadata["title"] = "Narration"
    return stream


def mux_with_audio(video_path: Path, samples: np.ndarray, target: Path) -> None:
    """Write ``target``: the clip's video packets copied, plus ``samples`` as AAC."""
    with av.open(str(video_path)) as source, av.open(str(target), mode="w", format="mp4",
                                                       options={"movflags": "+faststart"}) as output:
        video_in = source.streams.video[0]
        video = output.add_stream_from_template(video_in)
        audio = add_audio_stream(output)
        packets = interleave(source.demux(video_in), video, encode_aac(samples, audio), audio)
        for packet in packets:
            output.mux(packet)


def interleave(video_packets: Iterator[av.Packet], video: av.stream.Stream,
               audio_packets: Iterator[av.Packet], audio: av.stream.Stream) -> Iterator[av.Packet]:
    """Video and audio packets in time order (players streaming the file read it front to back)."""
    pending_audio = list(audio_packets)
    for packet in video_packets:
        if packet.dts is None:
            continue
        now = packet.dts * packet.time_base
        while pending_audio and (pending_audio[0].dts or 0) * AUDIO_TIME_BASE <= now:
            item = pending_audio.pop(0)
            item.stream = audio
            yield item
        packet.stream = video
        yield packet
    for item in pending_audio:
        item.stream = audio
        yield item


def has_audio(path: Path) -> bool:
    with av.open(str(path)) as container:
        return bool(container.streams.audio)


def clip_samples(path: Path, length: int) -> np.ndarray:
    """A clip's decoded audio as exactly ``length`` samples (silence if it has none)."""
    track = np.zeros(length, np.float32)
    if not has_audio(path):
        return track
    decoded = read_audio(path)
    count = min(length, decoded.size)
    track[:count] = decoded[:count]
    return track


def joined_samples(parts: Sequence[Any], chapters: Sequence[Any], mixes: Sequence[Path | None] = ()) -> np.ndarray:
    """The audio of the full video: each clip's audio (or silence) over exactly its chapter.

    ``mixes`` may name each clip's lossless mix (kept by the worker); one of the right
    length is used instead of decoding the clip's AAC, which would encode it twice."""
    pieces = []
    for index, (part, chapter) in enumerate(zip(parts, chapters)):
        length = round(chapter.end * SAMPLE_RATE) - round(chapter.start * SAMPLE_RATE)
        mix_file = mixes[index] if index < len(mixes) else None
        lossless = read_wav(mix_file) if mix_file is not None and mix_file.is_file() else None
        if lossless is not None and abs(lossless.size - length) <= 1:
            piece = np.zeros(length, np.float32)
            piece[: min(length, lossless.size)] = lossless[:length]
            pieces.append(piece)
        else:
            pieces.append(clip_samples(Path(part.path), length))
    return np.concatenate(pieces) if pieces else np.zeros(0, np.float32)


def audio_duration(path: Path) -> float | None:
    """Seconds of the first audio stream as the file declares it (None without one)."""
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        return float(stream.duration * stream.time_base) if stream.duration else None


__all__ = [
    "AAC_BIT_RATE",
    "MixReport",
    "Placement",
    "add_audio_stream",
    "audio_duration",
    "clip_samples",
    "encode_aac",
    "has_audio",
    "interleave",
    "joined_samples",
    "mix",
    "mux_with_audio",
]
