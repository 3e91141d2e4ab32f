"""The one theme of the video: colour roles, fonts, type sizes and pacing.

One meaning per colour, declared here and nowhere else. Colour roles follow the
Okabe-Ito palette (made for colour-blind viewers), lifted a little for a dark
background: forward signal and values in sky blue, gradients and the backward
pass in orange, the loss in reddish purple, the target y in bluish green,
highlights ("you are here") in yellow. Weights are none of these: they take the
neutral ``weight`` colour (light grey-white), their magnitude shows as stroke
width and opacity and their sign as dashing (negative weights dashed), so blue
and orange keep meaning "forward" and "gradient" only.

One face for everything the viewer reads: maths and every number are set in the
text face (Inter). Numbers that change while the viewer watches (``LiveNumber``,
``LiveReadout``, ``styled_text(..., mono=True)``, ``self.number``) use Inter's
tabular figures (OpenType ``tnum``: every digit one width), so a readout never
jitters while it counts. The monospace face is for code only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import manimpango
from manim import ManimColor, interpolate_color

FONTS_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
ICONS_DIR = Path(__file__).resolve().parents[2] / "assets" / "icons"


@dataclass(frozen=True)
class Palette:
    """Colour roles, as hex strings. Scenes name a role, never a hex value."""

    background: str = "#0B1020"
    panel: str = "#161D33"
    panel_edge: str = "#33406A"
    text: str = "#F4F6FB"
    muted: str = "#A3ACC2"
    faint: str = "#4A5575"
    forward: str = "#56B4E9"
    gradient: str = "#F5A524"
    loss: str = "#E283C0"
    target: str = "#2FC79B"
    accent: str = "#F0E442"
    #: Weights (any sign): magnitude by width and opacity, sign by dashing.
    weight: str = "#D9DEEA"
    #: Dim and bright blue for filling cells by a value's size (a brighter forward
    #: value). Deprecated: the negative pair no longer means anything; use
    #: ``value_to_color(v, m, role="forward")``.
    positive_low: str = "#1F4C6E"
    positive_high: str = "#8FD0FA"
    negative_low: str = "#6E4210"
    negative_high: str = "#FFC062"
    #: Categories that are not roles (e.g. optimisers in a race), in order: hues kept apart from
    #: every role above (blue, orange, reddish purple, green, yellow), and from each other.
    #: White, cyan, lime, violet: no tan (it reads as the gradient's orange) and the violet last.
    categories: tuple[str, ...] = ("#F4F6FB", "#5FE0E6", "#B5E655", "#9C8CFF")


@dataclass(frozen=True)
class TypeSizes:
    """Manim ``font_size`` values, chosen so text stays readable at 480p.

    At 480p one manim unit is 60 px; font_size 36 gives letters about 30 px tall.
    """

    title: float = 72
    heading: float = 48
    subheading: float = 40
    body: float = 36
    label: float = 32
    caption: float = 30
    header: float = 26


@dataclass(frozen=True)
class Fonts:
    """Font family names (as Pango sees them) and the shipped files that provide them.

    ``sans`` is the one face for text, maths and numbers (live numbers with its
    tabular figures); ``mono`` is for code snippets only (``styled_text(..., code=True)``).
    """

    sans: str = "Inter"
    mono: str = "JetBrains Mono"
    files: tuple[str, ...] = (
        "Inter-Regular.otf",
        "Inter-Bold.otf",
        "JetBrainsMono-Regular.ttf",
        "JetBrainsMono-Bold.ttf",
    )


@dataclass(frozen=True)
class Pacing:
    """Standard run times and waits in seconds (DESIGN: most animations 1–2 s)."""

    quick: float = 0.6
    normal: float = 1.2
    slow: float = 2.0
    pause: float = 0.6
    beat: float = 1.0
    hold: float = 2.5
    reading_chars_per_second: float = 15.0
    min_caption: float = 2.0

    def reading_time(self, text: str) -> float:
        """Seconds a viewer needs to read ``text`` (at least :attr:`min_caption`)."""
        return max(self.min_caption, len(text) / self.reading_chars_per_second)


@dataclass(frozen=True)
class Strokes:
    """Stroke widths (in manim's pixel-like units at 1080p; they scale with the frame)."""

    thin: float = 2.0
    normal: float = 4.0
    thick: float = 6.0
    edge_min: float = 1.0
    edge_max: float = 9.0


@dataclass(frozen=True)
class Theme:
    """Everything visual that is declared once: colours, fonts, sizes, pacing."""

    colors: Palette = field(default_factory=Palette)
    sizes: TypeSizes = field(default_factory=TypeSizes)
    fonts: Fonts = field(default_factory=Fonts)
    pacing: Pacing = field(default_factory=Pacing)
    strokes: Strokes = field(default_factory=Strokes)
    corner_radius: float = 0.18


THEME = Theme()


@cache
def register_fonts(fonts_dir: Path = FONTS_DIR) -> tuple[str, ...]:
    """Make the shipped fonts visible to Pango for the rest of this process.

    Registered once per process (cached) so that every ``Text`` built anywhere,
    in any scene method, finds "Inter" and "JetBrains Mono" instead of silently
    falling back to DejaVu.
    """
    registered = []
    for name in THEME.fonts.files:
        path = fonts_dir / name
        if not path.is_file():
            raise FileNotFoundError(f"font file missing: {path}")
        if not manimpango.register_font(str(path)):
            raise RuntimeError(f"Pango refused to register {path}")
        registered.append(str(path))
    return tuple(registered)


def _magnitude_fraction(value: float, max_abs: float) -> float:
    if max_abs <= 0:
        return 0.0
    return min(1.0, abs(float(value)) / float(max_abs))


#: Colour roles a value can be drawn in (see :func:`value_to_color`).
VALUE_ROLES = ("weight", "forward", "gradient", "loss", "target", "accent")
#: Share of the role colour at magnitude 0 (the rest of the way from ``faint``).
_LOW_SHARE = 0.3
#: Stroke opacity of an edge at magnitude 0 and at ``max_abs``.
OPACITY_MIN, OPACITY_MAX = 0.35, 1.0


def value_to_color(value: float, max_abs: float, theme: Theme = THEME, *, role: str = "weight") -> ManimColor:
    """The colour of ``role`` for a value: dim for small ``|value|``, full at ``max_abs``.

    The hue never depends on the sign (a colour has one meaning): weights are the
    neutral ``weight`` colour, a forward value is blue, a gradient orange. Show
    the sign by dashing (:func:`is_dashed`) or a "−".
    """
    if role not in VALUE_ROLES:
        raise ValueError(f"unknown colour role {role!r}; choose one of {VALUE_ROLES}")
    colors = theme.colors
    alpha = _magnitude_fraction(value, max_abs)
    return interpolate_color(ManimColor(colors.faint), ManimColor(getattr(colors, role)), _LOW_SHARE + (1 - _LOW_SHARE) * alpha)


def value_to_width(value: float, max_abs: float, theme: Theme = THEME) -> float:
    """Stroke width for a value: thin for small ``|value|``, thick for ``|value| = max_abs``."""
    strokes = theme.strokes
    alpha = _magnitude_fraction(value, max_abs)
    return strokes.edge_min + alpha * (strokes.edge_max - strokes.edge_min)


def value_to_opacity(value: float, max_abs: float) -> float:
    """Stroke opacity for a value: faint for small ``|value|``, opaque at ``max_abs``."""
    return OPACITY_MIN + _magnitude_fraction(value, max_abs) * (OPACITY_MAX - OPACITY_MIN)


def is_dashed(value: float) -> bool:
    """Whether a weight of this value is drawn dashed: negative weights are."""
    return float(value) < 0
