"""How much of a clip stands still: the longest stretch of visibly identical frames.

Consecutive frames are compared at 160x90 greyscale (the decoder scales them, so
a 1080p clip costs little more than decoding it): a frame *moves* when more
than 0.05 % of its pixels change by more than 8 grey levels. The closing second
(the fade-out every scene ends with) is left out. The film rule: no still
stretch over 3 s (``MAX_STILL_SECONDS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

#: Size frames are compared at, and what counts as a visible change.
COMPARE_WIDTH, COMPARE_HEIGHT = 160, 90
CHANGED_LEVELS = 8
CHANGED_SHARE = 0.0005
#: Seconds at the end of a clip that are not measured (the closing fade).
SKIP_END_SECONDS = 1.0
MAX_STILL_SECONDS = 3.0


@dataclass(frozen=True)
class Stillness:
    """The longest still stretch of a clip (seconds, and where it starts) and its share of motion."""

    longest_still: float
    longest_still_start: float
    motion_share: float
    duration: float

    @property
    def over(self) -> bool:
        return self.longest_still > MAX_STILL_SECONDS

    def as_dict(self) -> dict[str, float]:
        return {
            "longest_still": round(self.longest_still, 3),
            "longest_still_start": round(self.longest_still_start, 3),
            "motion_share": round(self.motion_share, 4),
        }


def measure_stillness(path: Path | str, skip_end: float = SKIP_END_SECONDS) -> Stillness:
    """Decode ``path`` once and measure its still stretches (see the module docstring)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        duration = float(container.duration or 0) / 1e6
        if not duration and stream.duration is not None:
            duration = float(stream.duration * stream.time_base)
        previous: np.ndarray | None = None
        still_start = longest = longest_at = moving = last_t = 0.0
        for frame in container.decode(stream):
            t = float(frame.pts * stream.time_base) if frame.pts is not None else last_t
            if t > duration - skip_end:
                break
            small = frame.reformat(width=COMPARE_WIDTH, height=COMPARE_HEIGHT, format="gray", interpolation="AREA")
            image = small.to_ndarray().astype(np.int16)
            if previous is not None:
                changed = np.count_nonzero(np.abs(image - previous) > CHANGED_LEVELS) > CHANGED_SHARE * image.size
                if changed:
                    moving += t - last_t
                    still_start = t
                elif t - still_start > longest:
                    longest, longest_at = t - still_start, still_start
            previous, last_t = image, t
    return Stillness(longest, longest_at, moving / max(last_t, 1e-9), duration)


__all__ = ["MAX_STILL_SECONDS", "Stillness", "measure_stillness"]
