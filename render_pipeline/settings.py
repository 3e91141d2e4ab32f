"""What a render is asked to produce: frame size, frame rate, encoder, extra formats."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

QUALITY_PRESETS: dict[str, tuple[int, int, int]] = {
    "low": (854, 480, 15),
    "medium": (1280, 720, 30),
    "high": (1920, 1080, 60),
    "4k": (3840, 2160, 60),
}
DEFAULT_QUALITY = "high"

# manim's own default is crf 23 at x264's "medium" preset. We keep the crf (same
# visual quality target) and pick "veryfast": x264 is about half of the render
# time at 1080p60, and veryfast cut a scene's wall time to ~0.73x here.
DEFAULT_CRF = 23
#: The largest frame accepted (8K UHD): a bigger one would need tens of GiB per frame buffer.
MAX_WIDTH, MAX_HEIGHT = 7680, 4320
DEFAULT_X264_PRESET = "veryfast"
X264_PRESETS: tuple[str, ...] = (
    "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow",
)

# Extra clip formats for slides; the MP4 clip is always made.
EXTRA_FORMATS: dict[str, str] = {
    "webm": "VP9 WebM (opaque)",
    "gif": "animated GIF",
    "mov": "transparent QuickTime MOV (qtrle, alpha)",
    "alpha-webm": "transparent VP9 WebM (alpha)",
}


class SettingsError(ValueError):
    """A render setting that cannot be used; the message names the valid choices."""


@dataclass(frozen=True)
class RenderSettings:
    """Everything about the pixels and the encoding that changes a clip's bytes."""

    width: int
    height: int
    fps: int
    crf: int = DEFAULT_CRF
    x264_preset: str = DEFAULT_X264_PRESET
    extra_formats: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0 or self.width % 2 or self.height % 2:
            raise SettingsError(
                f"resolution {self.width}x{self.height} is not usable; width and height must be "
                "positive even numbers (H.264 with 4:2:0 chroma), e.g. 1280x720"
            )
        if self.width > MAX_WIDTH or self.height > MAX_WIDTH or self.width * self.height > MAX_WIDTH * MAX_HEIGHT:
            raise SettingsError(
                f"resolution {self.width}x{self.height} is larger than {MAX_WIDTH}x{MAX_HEIGHT} (8K), "
                "the largest frame this tool renders"
            )
        if not 1 <= self.fps <= 240:
            raise SettingsError(f"--fps must be between 1 and 240; got {self.fps}")
        if not 0 <= self.crf <= 51:
            raise SettingsError(f"--crf must be between 0 and 51; got {self.crf}")
        if self.x264_preset not in X264_PRESETS:
            raise SettingsError(
                f"unknown x264 preset {self.x264_preset!r}; choose one of {', '.join(X264_PRESETS)}"
            )
        unknown = [name for name in self.extra_formats if name not in EXTRA_FORMATS]
        if unknown:
            raise SettingsError(
                f"unknown format {unknown[0]!r}; choose from {', '.join(EXTRA_FORMATS)}"
            )

    @property
    def encoder_options(self) -> dict[str, str]:
        """x264 options for manim's segment encoder (``config.video_encoder_options``)."""
        return {"crf": str(self.crf), "preset": self.x264_preset}

    @property
    def folder_name(self) -> str:
        """``1080p60``: clips of different sizes keep separate manim caches."""
        return f"{self.width}x{self.height}p{self.fps}"

    def identity(self) -> dict[str, object]:
        """The byte-affecting part of the settings, for fingerprints and the manifest."""
        values = asdict(self)
        values.pop("extra_formats")
        values["codec"] = "libx264"
        values["pixel_format"] = "yuv420p"
        return values


def parse_resolution(text: str) -> tuple[int, int]:
    """Parse ``1280x720`` (also ``1280X720``, ``1280×720``)."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX\u00d7]\s*(\d+)\s*", text)
    if not match:
        raise SettingsError(f"malformed --resolution {text!r}; expected WIDTHxHEIGHT, e.g. 1280x720")
    return int(match.group(1)), int(match.group(2))


def parse_formats(text: str) -> tuple[str, ...]:
    """Parse ``webm,gif`` into known extra format names, in the order given, without repeats."""
    names: list[str] = []
    for raw in text.split(","):
        name = raw.strip().lower()
        if not name or name == "mp4":
            continue
        if name not in EXTRA_FORMATS:
            raise SettingsError(f"unknown format {raw.strip()!r}; choose from mp4, {', '.join(EXTRA_FORMATS)}")
        if name not in names:
            names.append(name)
    return tuple(names)


def resolve_settings(
    quality: str | None,
    resolution: str | None,
    fps: int | None,
    *,
    crf: int = DEFAULT_CRF,
    x264_preset: str = DEFAULT_X264_PRESET,
    extra_formats: tuple[str, ...] = (),
) -> RenderSettings:
    """Start from a quality preset; ``--resolution`` and ``--fps`` override its parts."""
    name = (quality or DEFAULT_QUALITY).lower()
    if name not in QUALITY_PRESETS:
        raise SettingsError(f"unknown quality {quality!r}; choose from {', '.join(QUALITY_PRESETS)}")
    width, height, preset_fps = QUALITY_PRESETS[name]
    if resolution is not None:
        width, height = parse_resolution(resolution)
    return RenderSettings(
        width=width,
        height=height,
        fps=preset_fps if fps is None else fps,
        crf=crf,
        x264_preset=x264_preset,
        extra_formats=extra_formats,
    )
