"""PyAV work on finished clips: probing, thumbnails, and joining clips into the
full video without re-encoding (packets are copied and their timestamps shifted),
with one chapter per clip and a soft subtitle track."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image

from render_pipeline.captions import Cue
from render_pipeline.files import JoinError

SUBTITLE_TIME_BASE = Fraction(1, 1000)
THUMBNAIL_WIDTH = 640

# mov_text refuses to open without an ASS header; players ignore its styling.
_ASS_HEADER = (
    "[Script Info]\nScriptType: v4.00+\nPlayResX: 384\nPlayResY: 288\n\n"
    "[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
    "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, "
    "Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
    "Style: Default,Sans,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0\n\n"
    "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
).encode()


@dataclass(frozen=True)
class ClipInfo:
    """What the pipeline needs to know about one encoded clip."""

    duration_ticks: int
    time_base: Fraction
    frames: int
    width: int
    height: int
    fps: Fraction
    codec: str
    pixel_format: str

    @property
    def duration(self) -> float:
        return float(self.duration_ticks * self.time_base)

    @property
    def duration_ms(self) -> int:
        return round(self.duration_ticks * self.time_base * 1000)


def probe_clip(path: Path) -> ClipInfo:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        duration = stream.duration
        frames = stream.frames
        if not duration or not frames:
            # Some muxers leave the header empty; count the packets instead.
            end = 0
            frames = 0
            for packet in container.demux(stream):
                if packet.pts is None:
                    continue
                frames += 1
                end = max(end, packet.pts + (packet.duration or 0))
            duration = end
        context = stream.codec_context
        return ClipInfo(
            duration_ticks=int(duration),
            time_base=Fraction(stream.time_base),
            frames=int(frames),
            width=context.width,
            height=context.height,
            fps=Fraction(stream.average_rate or stream.guessed_rate or 0),
            codec=context.name,
            pixel_format=context.pix_fmt or "",
        )


def _contrast(pixels: np.ndarray) -> float:
    """How much there is to see: the spread of brightness over a coarse grid."""
    sample = pixels[::4, ::4, :3].astype(np.float32)
    return float(sample.mean(axis=2).std())


def is_empty(pixels: np.ndarray) -> bool:
    """One flat colour: the background alone, e.g. after a scene's closing fade-out."""
    return _contrast(pixels) < 1.0


def frames_at(path: Path, fractions: tuple[float, ...]) -> list[np.ndarray]:
    """RGB frames at these fractions of a clip, found by seeking to the keyframe before
    each point and decoding from there (not the whole clip)."""
    frames: list[np.ndarray] = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        for fraction in fractions:
            wanted = int((stream.duration or 0) * fraction)
            container.seek(wanted, stream=stream)
            for frame in container.decode(stream):
                if frame.pts is None or frame.pts >= wanted:
                    frames.append(frame.to_ndarray(format="rgb24"))
                    break
    return frames


def pick_thumbnail(path: Path, last_frame: np.ndarray | None) -> np.ndarray:
    """The frame with the most contrast among the last one and a few from the second
    half of the clip: scenes tend to end on a fade, and to build up to their picture."""
    candidates = frames_at(path, (0.5, 0.7, 0.9))
    if last_frame is not None:
        candidates.append(np.ascontiguousarray(last_frame[..., :3]))
    if not candidates:
        raise JoinError(f"{path.name} has no frames")
    # Ties go to the latest frame: the scene's picture is most complete there.
    scores = [_contrast(frame) for frame in candidates]
    best = max(range(len(candidates)), key=lambda index: (round(scores[index], 1), index))
    return candidates[best]


def write_thumbnail(pixels: np.ndarray, target: Path) -> None:
    """Save an RGB(A) frame as a PNG at most ``THUMBNAIL_WIDTH`` wide."""
    image = Image.fromarray(np.ascontiguousarray(pixels[..., :3]).astype(np.uint8), "RGB")
    if image.width > THUMBNAIL_WIDTH:
        height = round(image.height * THUMBNAIL_WIDTH / image.width)
        image = image.resize((THUMBNAIL_WIDTH, height), Image.Resampling.LANCZOS)
    image.save(target, format="PNG")


@dataclass(frozen=True)
class JoinPart:
    """One clip of the full video and the chapter it becomes."""

    path: Path
    chapter_title: str


@dataclass(frozen=True)
class JoinedChapter:
    title: str
    start_ticks: int
    end_ticks: int
    time_base: Fraction

    @property
    def start(self) -> float:
        return float(self.start_ticks * self.time_base)

    @property
    def end(self) -> float:
        return float(self.end_ticks * self.time_base)


def _check_joinable(first: av.video.stream.VideoStream, other: av.video.stream.VideoStream, name: str) -> None:
    a, b = first.codec_context, other.codec_context
    mismatches = [
        label
        for label, left, right in (
            ("codec", a.name, b.name),
            ("size", (a.width, a.height), (b.width, b.height)),
            ("pixel format", a.pix_fmt, b.pix_fmt),
            ("frame rate", first.guessed_rate, other.guessed_rate),
            ("time base", first.time_base, other.time_base),
            # One MP4 track has one set of H.264 parameter sets (SPS/PPS) for all clips.
            ("codec parameters", a.extradata, b.extradata),
        )
        if left != right
    ]
    if mismatches:
        raise JoinError(f"{name} differs from the first clip in {', '.join(mismatches)}; re-render all clips")


def plan_chapters(parts: Sequence[JoinPart]) -> list[JoinedChapter]:
    """Where each part will start and end in the joined video (from the clips' exact lengths)."""
    chapters: list[JoinedChapter] = []
    offset = 0
    time_base: Fraction | None = None
    for part in parts:
        with av.open(str(part.path)) as container:
            stream = container.streams.video[0]
            time_base = time_base or Fraction(stream.time_base)
            if Fraction(stream.time_base) != time_base:
                raise JoinError(f"{part.path.name} differs from the first clip in time base; re-render all clips")
            length = int(stream.duration or 0)
        chapters.append(JoinedChapter(part.chapter_title, offset, offset + length, time_base))
        offset += length
    return chapters


def join_clips(
    parts: Sequence[JoinPart],
    cues: Sequence[Cue],
    target: Path,
    *,
    title: str,
    metadata: dict[str, str] | None = None,
    narrated: bool = False,
    mixes: Sequence[Path | None] = (),
) -> list[JoinedChapter]:
    """Write ``target`` (an MP4, any file name) from ``parts`` in order: the video
    packets copied with shifted timestamps, a chapter per part (see :func:`plan_chapters`),
    and ``cues`` (already in full-video time, without overlaps) as a ``mov_text`` track.

    ``narrated``: add one AAC track made from the clips' audio (silence for a clip
    without any), exactly as long as the joined video. It is encoded once from the
    clips' mixes (``mixes``, else their decoded audio) rather than copied, so no encoder
    priming lands at the seams."""
    if not parts:
        raise JoinError("no clips to join")
    inputs = [av.open(str(part.path)) for part in parts]
    try:
        streams = [container.streams.video[0] for container in inputs]
        for part, stream in zip(parts[1:], streams[1:]):
            _check_joinable(streams[0], stream, part.path.name)
        chapters = plan_chapters(parts)
        time_base = chapters[0].time_base
        with av.open(str(target), mode="w", format="mp4", options={"movflags": "+faststart"}) as output:
            output.metadata["title"] = title
            for key, value in (metadata or {}).items():
                output.metadata[key] = value
            video = output.add_stream_from_template(streams[0])
            audio_packets: list[av.Packet] = []
            audio = None
            if narrated:
                from render_pipeline.soundtrack import add_audio_stream, encode_aac, joined_samples

                audio = add_audio_stream(output)
                audio_packets = list(encode_aac(joined_samples(parts, chapters, mixes), audio))
            subtitles = output.add_stream("mov_text")
            subtitles.codec_context.subtitle_header = _ASS_HEADER
            subtitles.time_base = SUBTITLE_TIME_BASE
            subtitles.metadata["language"] = "eng"
            subtitles.metadata["title"] = "Captions"
            output.set_chapters(
                [
                    {
                        "id": number,
                        "start": chapter.start_ticks,
                        "end": chapter.end_ticks,
                        "time_base": time_base,
                        "metadata": {"title": chapter.title},
                    }
                    for number, chapter in enumerate(chapters, start=1)
                ]
            )
            pending_cues = list(cues)

            def mux_cues_until(milliseconds: float) -> None:
                # Interleave captions with the video so a player streaming the file
                # does not have to read to the end to find them.
                while pending_cues and pending_cues[0].start_ms <= milliseconds:
                    cue = pending_cues.pop(0)
                    payload = cue.text.encode("utf-8")
                    packet = av.Packet(len(payload).to_bytes(2, "big") + payload)
                    packet.pts = packet.dts = cue.start_ms
                    packet.duration = cue.end_ms - cue.start_ms
                    packet.time_base = SUBTITLE_TIME_BASE
                    packet.stream = subtitles
                    output.mux(packet)

            last_dts: int | None = None
            for chapter, container, stream in zip(chapters, inputs, streams):
                for packet in container.demux(stream):
                    if packet.dts is None:
                        continue  # the flush packet demux yields at the end
                    packet.pts += chapter.start_ticks
                    dts = packet.dts + chapter.start_ticks
                    # Clips can start with different decoder delays; keep dts strictly
                    # increasing across the seam (it stays <= pts, a keyframe opens each clip).
                    if last_dts is not None and dts <= last_dts:
                        dts = last_dts + 1
                    packet.dts = last_dts = dts
                    mux_cues_until(float(dts * time_base * 1000))
                    while audio_packets and audio_packets[0].dts * audio_packets[0].time_base <= dts * time_base:
                        sound = audio_packets.pop(0)
                        sound.stream = audio
                        output.mux(sound)
                    packet.stream = video
                    output.mux(packet)
            mux_cues_until(float("inf"))
            for sound in audio_packets:
                sound.stream = audio
                output.mux(sound)
        return chapters
    finally:
        for container in inputs:
            container.close()
