"""Where things may go on screen: the safe area, the content area, fitting helpers.

Manim's frame is 8 units tall; its width follows the aspect ratio (14.2 at 16:9).
Everything here reads the current ``config`` so it holds at any resolution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import Mobject, config

#: Margin kept clear on every side of the frame, in manim units.
SAFE_MARGIN = 0.4
#: Vertical band at the top reserved for the section header and heading.
HEADER_BAND = 1.9
#: Share of the frame's height kept free at the bottom: video players draw soft
#: subtitles there (VLC, mpv, QuickTime and HTML5 <track> use about the bottom 10-12 %).
SUBTITLE_BAND_SHARE = 0.12


@dataclass(frozen=True)
class Region:
    """An axis-aligned rectangle of the frame, in manim units."""

    left: float
    right: float
    bottom: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def center(self) -> np.ndarray:
        return np.array([(self.left + self.right) / 2, (self.bottom + self.top) / 2, 0.0])

    def contains(self, mobject: Mobject, tolerance: float = 1e-6) -> bool:
        """Whether the mobject's bounding box lies inside this region."""
        return (
            mobject.get_left()[0] >= self.left - tolerance
            and mobject.get_right()[0] <= self.right + tolerance
            and mobject.get_bottom()[1] >= self.bottom - tolerance
            and mobject.get_top()[1] <= self.top + tolerance
        )


def frame_region() -> Region:
    """The whole frame."""
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    return Region(-half_w, half_w, -half_h, half_h)


def subtitle_band_top() -> float:
    """The y above which content must stay: below it a player draws its subtitles."""
    frame = frame_region()
    return frame.bottom + SUBTITLE_BAND_SHARE * config.frame_height


def safe_area(margin: float = SAFE_MARGIN) -> Region:
    """The frame minus a margin on every side and the subtitle band at the bottom:
    nothing should be drawn outside it."""
    frame = frame_region()
    bottom = max(frame.bottom + margin, subtitle_band_top())
    return Region(frame.left + margin, frame.right - margin, bottom, frame.top - margin)


def content_area(margin: float = SAFE_MARGIN) -> Region:
    """The safe area below the header band: where a section's pictures live."""
    safe = safe_area(margin)
    return Region(safe.left, safe.right, safe.bottom, frame_region().top - HEADER_BAND)


def fit_width(mobject: Mobject, max_width: float) -> Mobject:
    """Shrink ``mobject`` (never enlarge it) so that it is at most ``max_width`` wide."""
    if mobject.width > max_width > 0:
        mobject.scale_to_fit_width(max_width)
    return mobject


def fit_in(mobject: Mobject, max_width: float, max_height: float) -> Mobject:
    """Shrink ``mobject`` (never enlarge it) to fit a ``max_width`` × ``max_height`` box."""
    fit_width(mobject, max_width)
    if mobject.height > max_height > 0:
        mobject.scale_to_fit_height(max_height)
    return mobject


def place_in(mobject: Mobject, region: Region | None = None) -> Mobject:
    """Shrink ``mobject`` to fit ``region`` (default: the content area) and centre it there."""
    region = region or content_area()
    fit_in(mobject, region.width, region.height)
    mobject.move_to(region.center)
    return mobject


def keep_inside(mobject: Mobject, region: Region | None = None) -> Mobject:
    """Shift ``mobject`` the least amount needed to bring it inside ``region`` (default: safe area)."""
    region = region or safe_area()
    fit_in(mobject, region.width, region.height)
    shift = np.zeros(3)
    if mobject.get_left()[0] < region.left:
        shift[0] = region.left - mobject.get_left()[0]
    elif mobject.get_right()[0] > region.right:
        shift[0] = region.right - mobject.get_right()[0]
    if mobject.get_bottom()[1] < region.bottom:
        shift[1] = region.bottom - mobject.get_bottom()[1]
    elif mobject.get_top()[1] > region.top:
        shift[1] = region.top - mobject.get_top()[1]
    mobject.shift(shift)
    return mobject
