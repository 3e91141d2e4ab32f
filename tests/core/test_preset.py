from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backprop_core.preset import (
    DEFAULT_PRESET,
    FIELD_SPECS,
    MAX_PRESET_BYTES,
    Preset,
    PresetError,
    apply_overrides,
    load_preset,
    parse_override,
    preset_from_json,
    preset_from_mapping,
)

PRESETS = Path(__file__).resolve().parents[2] / "assets" / "presets"


def test_default_is_the_guide_example():
    assert DEFAULT_PRESET.as_dict() == {"x": 2.0, "w": 0.5, "b": 0.1, "y": 2.0, "lr": 0.01}
    assert load_preset(PRESETS / "default.toml") == DEFAULT_PRESET


def test_shipped_presets_load():
    dead = load_preset(PRESETS / "dead-relu.toml")
    assert (dead.x, dead.w, dead.b, dead.y) == (1.5, -0.3, 0.4, 1.0)
    assert load_preset(PRESETS / "overshoot.toml").w == 1.2


def test_preset_is_frozen():
    with pytest.raises(AttributeError):
        DEFAULT_PRESET.w = 0.8  # type: ignore[misc]


def test_overrides_apply_in_order():
    assert apply_overrides(DEFAULT_PRESET, ["w=0.8"]).w == 0.8
    assert apply_overrides(DEFAULT_PRESET, ["w=0.8", "w = -1", "lr=0.1"]).as_dict() == {
        **DEFAULT_PRESET.as_dict(),
        "w": -1.0,
        "lr": 0.1,
    }


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("w", "malformed override 'w'"),
        ("=3", "malformed override"),
        ("q=1", "unknown preset key 'q'"),
        ("w=abc", "w must be a number"),
        ("w=nan", "w (the weight) must be a number in [-10, 10]"),
        ("w=inf", "[-10, 10]"),
        ("x=11", "x (the input) must be a number in [-10, 10]; got 11"),
        ("lr=0", "lr (the learning rate \u03b7) must be a number in (0, 1]; got 0"),
        ("lr=-0.1", "(0, 1]"),
        ("lr=2", "(0, 1]"),
    ],
)
def test_bad_overrides_name_the_key_and_range(override, message):
    with pytest.raises(PresetError) as error:
        apply_overrides(DEFAULT_PRESET, [override])
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("x = 2.0\nspeed = 3\n", "unknown preset key 'speed'"),
        ('w = "half"\n', "w (the weight) must be a number"),
        ("w = nan\n", "w (the weight) must be a number"),
        ("y = inf\n", "y (the true target) must be a number"),
        ("lr = 0.0\n", "(0, 1]"),
        ("w = true\n", "w (the weight) must be a number"),
        ("w = [1, 2]\n", "w (the weight) must be a number"),
        ("w = = 1\n", "not valid TOML"),
        ("example = 3\n", "[example] must be a table"),
    ],
)
def test_bad_toml_files(tmp_path, toml, message):
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(PresetError) as error:
        load_preset(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_missing_file(tmp_path):
    with pytest.raises(PresetError, match="not found"):
        load_preset(tmp_path / "nope.toml")


def test_example_table_and_partial_files(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[example]\nname = "mine"\nw = 0.8\n')
    assert load_preset(path) == Preset(w=0.8)


def test_json_round_trip_and_errors():
    preset = Preset(x=1.5, w=-0.3, b=0.4, y=1.0, lr=0.05)
    assert preset_from_json(preset.to_json()) == preset
    with pytest.raises(PresetError):
        preset_from_json("{not json")
    with pytest.raises(PresetError):
        preset_from_json("[1, 2]")


def test_constructor_validates_too():
    with pytest.raises(PresetError):
        Preset(lr=0)
    with pytest.raises(PresetError):
        preset_from_mapping({"w": "0.5"})


def test_parse_override_accepts_scientific_notation():
    assert parse_override("lr=1e-3") == ("lr", 0.001)


def _value_strategy(key):
    spec = FIELD_SPECS[key]
    return st.floats(min_value=spec.low, max_value=spec.high, allow_nan=False).filter(spec.accepts)


@given(st.fixed_dictionaries({key: _value_strategy(key) for key in FIELD_SPECS}))
def test_every_value_in_range_is_accepted_and_round_trips(values):
    preset = preset_from_mapping(values)
    assert preset.as_dict() == values
    assert apply_overrides(DEFAULT_PRESET, [f"{k}={v!r}" for k, v in values.items()]) == preset


@given(st.sampled_from(sorted(FIELD_SPECS)), st.floats(min_value=10.0001, max_value=1e9))
def test_every_value_out_of_range_is_rejected(key, magnitude):
    for value in (magnitude, -magnitude):
        with pytest.raises(PresetError, match=key):
            preset_from_mapping({key: value})


def test_endless_and_huge_files_are_refused_unread(tmp_path):
    with pytest.raises(PresetError, match="not a regular file"):
        load_preset("/dev/zero")
    huge = tmp_path / "huge.toml"
    huge.write_text("w = 0.8\n" + " " * (MAX_PRESET_BYTES + 1))
    with pytest.raises(PresetError, match="too large for a preset"):
        load_preset(huge)
    with pytest.raises(PresetError, match="a folder"):
        load_preset(tmp_path)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00w")
    with pytest.raises(PresetError, match="not a text file"):
        load_preset(binary)
