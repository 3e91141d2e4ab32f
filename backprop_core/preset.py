"""The worked example as a validated preset: x, w, b, y and the learning rate.

Presets come from code (:data:`DEFAULT_PRESET`), from TOML files
(:func:`load_preset`) or from ``key=value`` overrides (:func:`apply_overrides`).
Every route goes through one validator, so bad input always gets the same clear
message naming the key and its allowed range.
"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Mapping


class PresetError(ValueError):
    """A preset that cannot be used; the message names the key and what is allowed."""


@dataclass(frozen=True)
class FieldSpec:
    """What a preset key means and which values it accepts (``low < value <= high``
    when ``low_open``; otherwise ``low <= value <= high``)."""

    description: str
    low: float
    high: float
    low_open: bool = False

    def describe_range(self) -> str:
        left = "(" if self.low_open else "["
        return f"{left}{self.low:g}, {self.high:g}]"

    def accepts(self, value: float) -> bool:
        above_low = value > self.low if self.low_open else value >= self.low
        return above_low and value <= self.high


FIELD_SPECS: dict[str, FieldSpec] = {
    "x": FieldSpec("the input", -10.0, 10.0),
    "w": FieldSpec("the weight", -10.0, 10.0),
    "b": FieldSpec("the bias", -10.0, 10.0),
    "y": FieldSpec("the true target", -10.0, 10.0),
    "lr": FieldSpec("the learning rate \u03b7", 0.0, 1.0, low_open=True),
}


@dataclass(frozen=True)
class Preset:
    """The single-neuron example: ŷ = ReLU(w·x + b), L = (y − ŷ)², step size lr."""

    x: float = 2.0
    w: float = 0.5
    b: float = 0.1
    y: float = 2.0
    lr: float = 0.01

    def __post_init__(self) -> None:
        for spec_field in fields(self):
            key = spec_field.name
            raw = getattr(self, key)
            object.__setattr__(self, key, _validated(key, raw))

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), sort_keys=True)

    def replace(self, **changes: Any) -> "Preset":
        return preset_from_mapping({**self.as_dict(), **changes})


def _validated(key: str, raw: Any) -> float:
    spec = FIELD_SPECS[key]
    allowed = f"{key} ({spec.description}) must be a number in {spec.describe_range()}"
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise PresetError(f"{allowed}; got {raw!r}")
    value = float(raw)
    if not math.isfinite(value):
        raise PresetError(f"{allowed}; got {raw!r}")
    if not spec.accepts(value):
        raise PresetError(f"{allowed}; got {value:g}")
    return value


DEFAULT_PRESET = Preset()
#: A preset is a few lines of TOML; anything bigger (or endless, like /dev/zero) is refused unread.
MAX_PRESET_BYTES = 64 * 1024

PRESET_KEYS: tuple[str, ...] = tuple(FIELD_SPECS)


def preset_from_mapping(mapping: Mapping[str, Any], *, base: Preset | None = None) -> Preset:
    """Build a preset from a mapping; keys left out keep the values of ``base``."""
    unknown = sorted(set(mapping) - set(FIELD_SPECS))
    if unknown:
        raise PresetError(
            f"unknown preset key {unknown[0]!r}; valid keys are {', '.join(PRESET_KEYS)}"
        )
    values = (base or DEFAULT_PRESET).as_dict()
    values.update(mapping)
    return Preset(**values)


def load_preset(path: str | Path, *, base: Preset | None = None) -> Preset:
    """Read a preset from a TOML file of ``key = number`` lines (keys as in :data:`FIELD_SPECS`).

    A top-level ``[example]`` table is accepted too, and a ``name``/``description``
    string is allowed for the reader's benefit.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise PresetError(f"{path}: not a preset file (a folder)")
        if path.exists() and not path.is_file():
            raise PresetError(f"{path}: not a preset file (not a regular file)")
        with path.open("rb") as handle:
            raw = handle.read(MAX_PRESET_BYTES + 1)
        if len(raw) > MAX_PRESET_BYTES:
            raise PresetError(f"{path}: too large for a preset (over {MAX_PRESET_BYTES // 1024} KiB; a preset is a few lines)")
        document = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise PresetError(f"preset file not found: {path}") from None
    except UnicodeDecodeError:
        raise PresetError(f"{path}: not a text file (a preset is TOML in UTF-8)") from None
    except OSError as error:
        raise PresetError(f"{path}: cannot read it ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise PresetError(f"{path}: not valid TOML ({error})") from None
    table = document.get("example", document)
    if not isinstance(table, dict):
        raise PresetError(f"{path}: [example] must be a table of numbers")
    values = {key: value for key, value in table.items() if key not in ("name", "description")}
    try:
        return preset_from_mapping(values, base=base)
    except PresetError as error:
        raise PresetError(f"{path}: {error}") from None


def parse_override(text: str) -> tuple[str, float]:
    """Parse one ``key=value`` override such as ``w=0.8``."""
    key, separator, raw = text.partition("=")
    key, raw = key.strip(), raw.strip()
    if not separator or not key or not raw:
        raise PresetError(f"malformed override {text!r}; expected key=value, e.g. w=0.8")
    if key not in FIELD_SPECS:
        raise PresetError(f"unknown preset key {key!r} in {text!r}; valid keys are {', '.join(PRESET_KEYS)}")
    try:
        value = float(raw)
    except ValueError:
        raise PresetError(f"{key} must be a number; got {raw!r} in {text!r}") from None
    _validated(key, value)
    return key, value


def apply_overrides(preset: Preset, overrides: list[str] | tuple[str, ...]) -> Preset:
    """Apply ``key=value`` strings in order; the last one for a key wins."""
    changes = dict(parse_override(text) for text in overrides)
    return preset_from_mapping(changes, base=preset)


def preset_from_json(text: str) -> Preset:
    """Inverse of :meth:`Preset.to_json` (used to hand a preset to render workers)."""
    try:
        mapping = json.loads(text)
    except json.JSONDecodeError as error:
        raise PresetError(f"preset JSON is malformed: {error}") from None
    if not isinstance(mapping, dict):
        raise PresetError("preset JSON must be an object of key: number")
    return preset_from_mapping(mapping)
