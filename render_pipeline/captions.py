"""Caption cues: read manim's ``.srt``, shift them into the full video, write SRT and WebVTT.

Times are kept in integer milliseconds so that shifting and trimming are exact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import srt


@dataclass(frozen=True)
class Cue:
    """One caption: shown from ``start_ms`` to ``end_ms`` (exclusive)."""

    start_ms: int
    end_ms: int
    text: str


def read_srt(path: Path) -> list[Cue]:
    """Cues of an ``.srt`` file in time order; a missing file means no captions."""
    if not path.exists():
        return []
    cues = [
        Cue(
            start_ms=round(subtitle.start.total_seconds() * 1000),
            end_ms=round(subtitle.end.total_seconds() * 1000),
            text=subtitle.content.strip(),
        )
        for subtitle in srt.parse(path.read_text(encoding="utf-8"))
    ]
    return sorted(cues, key=lambda cue: (cue.start_ms, cue.end_ms))


def clamp_cues(cues: list[Cue], duration_ms: int) -> list[Cue]:
    """Drop cues that start after the clip ends and cut the others at its end.

    A caption's clock keeps running in manim even where no frame follows, so the
    last caption can outlast the video; players then show it over the next chapter.
    """
    kept: list[Cue] = []
    for cue in cues:
        if not cue.text or cue.start_ms >= duration_ms:
            continue
        end = min(cue.end_ms, duration_ms)
        if end > cue.start_ms:
            kept.append(replace(cue, end_ms=end))
    return kept


def trim_overlaps(cues: list[Cue]) -> list[Cue]:
    """End each cue where the next one starts: MP4 text tracks shift overlapping
    cues later instead of stacking them, which would put captions out of sync."""
    ordered = sorted(cues, key=lambda cue: (cue.start_ms, cue.end_ms))
    trimmed: list[Cue] = []
    for index, cue in enumerate(ordered):
        end = cue.end_ms
        if index + 1 < len(ordered):
            end = min(end, ordered[index + 1].start_ms)
        if end > cue.start_ms:
            trimmed.append(replace(cue, end_ms=end))
    return trimmed


def shift_cues(cues: list[Cue], offset_ms: int) -> list[Cue]:
    return [replace(cue, start_ms=cue.start_ms + offset_ms, end_ms=cue.end_ms + offset_ms) for cue in cues]


def to_srt(cues: list[Cue]) -> str:
    subtitles = [
        srt.Subtitle(
            index=number,
            start=timedelta(milliseconds=cue.start_ms),
            end=timedelta(milliseconds=cue.end_ms),
            content=cue.text,
        )
        for number, cue in enumerate(cues, start=1)
    ]
    return srt.compose(subtitles, reindex=False)


def _vtt_time(milliseconds: int) -> str:
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def to_vtt(cues: list[Cue]) -> str:
    blocks = ["WEBVTT\n"]
    for number, cue in enumerate(cues, start=1):
        # "-->" inside a cue would end the cue text early in a WebVTT parser.
        text = cue.text.replace("-->", "\u2192")
        blocks.append(f"{number}\n{_vtt_time(cue.start_ms)} --> {_vtt_time(cue.end_ms)}\n{text}\n")
    return "\n".join(blocks)
