"""The kit's speed-ups change no result: the SVG cache gives back what manim parses,
and the fast copy copies what manim's own copy copies."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from manim import (
    Axes,
    Circle,
    DecimalNumber,
    Dot,
    Group,
    MarkupText,
    MathTex,
    Paragraph,
    Square,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
    tempconfig,
)
from manim.mobject.mobject import Mobject
from manim.mobject.svg.svg_mobject import SVG_HASH_TO_MOB_MAP, SVGMobject

from scenes.kit import THEME, fast_copy, svg_cache
from scenes.kit.typography import TabularText


@pytest.fixture
def text_folder(tmp_path: Path) -> Iterator[Path]:
    """A fresh manim text/Tex folder, so every test starts with an empty cache."""
    with tempconfig({"media_dir": str(tmp_path / "media"), "text_dir": str(tmp_path / "texts"), "tex_dir": str(tmp_path / "tex")}):
        yield tmp_path / "texts"


def forget_parsed_svgs() -> None:
    """Empty manim's in-memory SVG cache, so the next build reads the disk cache."""
    SVG_HASH_TO_MOB_MAP.clear()


def _parsed_by_manim(build):
    svg_cache.uninstall()
    try:
        return build()
    finally:
        svg_cache.install()


def _picture(mobject: Mobject) -> list[tuple[str, np.ndarray, np.ndarray, np.ndarray, float]]:
    return [
        (type(part).__name__, part.points, part.fill_rgbas, part.stroke_rgbas, float(part.stroke_width))
        for part in mobject.get_family()
    ]


def _assert_same_picture(first: Mobject, second: Mobject) -> None:
    left, right = _picture(first), _picture(second)
    assert len(left) == len(right)
    for (name_a, *arrays_a), (name_b, *arrays_b) in zip(left, right):
        assert name_a == name_b
        for a, b in zip(arrays_a, arrays_b):
            assert np.array_equal(a, b)


BUILDS = {
    "text": lambda: Text("Gradients \u2212 3.6", font=THEME.fonts.sans, color=THEME.colors.forward),
    "mono": lambda: Text("\u22123.6", font=THEME.fonts.mono),
    "tabular": lambda: TabularText("\u22123.60", font=THEME.fonts.sans),
    "markup": lambda: MarkupText('a <span foreground="#E69F00">b</span>', font=THEME.fonts.sans),
    "paragraph": lambda: Paragraph("first line", "second line", font=THEME.fonts.sans),
    "tex": lambda: MathTex(r"\frac{\partial L}{\partial w}", "=", "-3.6"),
}


class TestSvgCache:
    @pytest.mark.parametrize("name", sorted(BUILDS))
    def test_a_cached_parse_is_the_parse(self, name: str, text_folder: Path) -> None:
        build = BUILDS[name]
        reference = _parsed_by_manim(build)
        forget_parsed_svgs()
        first = build()  # parses and stores
        assert list(text_folder.glob(f"*{svg_cache.SUFFIX}"))
        forget_parsed_svgs()
        second = build()  # loads
        _assert_same_picture(reference, first)
        _assert_same_picture(reference, second)
        for made, expected in zip(second.get_family(), reference.get_family()):
            if isinstance(expected, SVGMobject):
                assert set(made.id_to_vgroup_dict) == set(expected.id_to_vgroup_dict)

    def test_the_cache_is_read_not_parsed_again(self, text_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        Text("only once", font=THEME.fonts.sans)
        forget_parsed_svgs()
        parses: list[str] = []
        original = svg_cache._original_generate_mobject
        monkeypatch.setattr(svg_cache, "_original_generate_mobject", lambda mobject: parses.append("x") or original(mobject))
        Text("only once", font=THEME.fonts.sans)
        assert parses == []
        Text("something new", font=THEME.fonts.sans)
        assert parses == ["x"]

    def test_a_damaged_cache_file_is_parsed_again_and_replaced(self, text_folder: Path) -> None:
        reference = _parsed_by_manim(lambda: Text("damaged", font=THEME.fonts.sans))
        Text("damaged", font=THEME.fonts.sans)
        (stored,) = text_folder.glob(f"*{svg_cache.SUFFIX}")
        stored.write_bytes(stored.read_bytes()[:40])
        forget_parsed_svgs()
        _assert_same_picture(reference, Text("damaged", font=THEME.fonts.sans))
        assert len(stored.read_bytes()) > 40
        assert not list(text_folder.glob(".*.tmp"))

    def test_what_the_parse_reads_is_in_the_key(self, text_folder: Path) -> None:
        plain = SVGMobject.__new__(SVGMobject)
        plain.svg_default = {"color": None, "stroke_width": 0}
        plain.path_string_config = {}
        other_style = copy.copy(plain)
        other_style.svg_default = {"color": "#FFFFFF", "stroke_width": 0}
        other_config = copy.copy(plain)
        other_config.path_string_config = {"long_lines": True}
        svg = b"<svg/>"
        keys = {svg_cache.cache_key(mobject, svg) for mobject in (plain, other_style, other_config)}
        keys.add(svg_cache.cache_key(plain, b"<svg></svg>"))
        assert len(keys) == 4
        assert svg_cache.cache_key(plain, svg) == svg_cache.cache_key(copy.copy(plain), svg)


def _with_manims_copy(mobject: Mobject) -> Mobject:
    fast_copy.uninstall()
    try:
        return copy.deepcopy(mobject)
    finally:
        fast_copy.install()


def _assert_same_structure(first: object, second: object, seen: set[tuple[int, int]] | None = None) -> None:
    """Equal values, same sharing: walks two copies in step."""
    seen = set() if seen is None else seen
    if (id(first), id(second)) in seen:
        return
    seen.add((id(first), id(second)))
    assert type(first) is type(second)
    if isinstance(first, np.ndarray):
        assert np.array_equal(first, second)
    elif isinstance(first, Mobject):
        assert first.__dict__.keys() == second.__dict__.keys()
        for key in first.__dict__:
            if key != "original_id":
                _assert_same_structure(first.__dict__[key], second.__dict__[key], seen)
    elif isinstance(first, (list, tuple)):
        assert len(first) == len(second)
        for a, b in zip(first, second):
            _assert_same_structure(a, b, seen)
    elif isinstance(first, dict):
        assert first.keys() == second.keys()
        for key in first:
            _assert_same_structure(first[key], second[key], seen)
    elif hasattr(first, "__dict__") and not callable(first):
        _assert_same_structure(vars(first), vars(second), seen)
    elif not callable(first):
        assert first == second


def _samples() -> dict[str, Mobject]:
    tracker = ValueTracker(1.5)
    follower = Dot().add_updater(lambda mobject: mobject.set_x(tracker.get_value()))
    shared = Circle()
    return {
        "text": Text("copy me", font=THEME.fonts.sans),
        "tex": MathTex("a", "=", "b"),
        "number": DecimalNumber(-3.6, num_decimal_places=1),
        "axes": Axes(x_range=(0, 3, 1), y_range=(0, 2, 1)),
        "nested": VGroup(VGroup(Square(), shared), shared.copy()),
        "shared": VGroup(shared, VGroup(shared)),
        "follower": Group(follower, tracker),
    }


SAMPLE_NAMES = ("axes", "follower", "nested", "number", "shared", "tex", "text")


class TestFastCopy:
    @pytest.mark.parametrize("name", SAMPLE_NAMES)
    def test_the_copy_is_manims_copy(self, name: str, text_folder: Path) -> None:
        mobject = _samples()[name]
        _assert_same_structure(copy.deepcopy(mobject), _with_manims_copy(mobject))

    @pytest.mark.parametrize("name", SAMPLE_NAMES)
    def test_the_copy_shares_no_mutable_state_with_the_original(self, name: str, text_folder: Path) -> None:
        mobject = _samples()[name]
        def state(of: Mobject) -> list[tuple[np.ndarray, np.ndarray]]:
            return [(part.points.copy(), part.get_fill_rgbas().copy()) for part in of.get_family() if isinstance(part, VMobject)]

        before = state(mobject)
        copied = mobject.copy()
        for part in copied.get_family():
            part.points += 1.0
            if isinstance(part, VMobject):
                part.set_fill("#123456", opacity=0.25)
        copied.add(Dot())
        after = state(mobject)
        assert len(before) == len(after)
        for (points_a, fill_a), (points_b, fill_b) in zip(before, after):
            assert np.array_equal(points_a, points_b) and np.array_equal(fill_a, fill_b)

    def test_a_mobject_twice_in_a_family_is_copied_once(self) -> None:
        shared = Circle()
        group = VGroup(shared, VGroup(shared))
        copied = group.copy()
        assert copied[0] is copied[1][0]
        assert copied[0] is not shared

    def test_updaters_keep_working_on_the_copy(self) -> None:
        tracker = ValueTracker(2.0)
        follower = Dot().add_updater(lambda mobject: mobject.set_x(tracker.get_value()))
        copied = follower.copy()
        copied.update()
        assert copied.get_x() == pytest.approx(2.0)
