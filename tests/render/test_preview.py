"""The last-frame preview: the picture it shows, and that it does no work nobody sees
(drawing fast-forwarded plays, copying mobjects to interpolate fades)."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from render_test_support import FADES, MIDDLE, run_cli


def _count_draws(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from manim.camera.camera import Camera

    draws: list[int] = []
    original = Camera.capture_mobjects

    def counting(self, *args, **kwargs):
        draws.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Camera, "capture_mobjects", counting)
    return draws


def _manims_own_last_frame(scene_class: type, folder: Path) -> np.ndarray:
    """The last frame as plain manim draws it in its last-frame mode."""
    from manim import tempconfig

    options = {
        "media_dir": str(folder), "pixel_width": 854, "pixel_height": 480, "frame_rate": 15,
        "format": "png", "output_file": "reference", "disable_caching": True,
        "verbosity": "WARNING", "progress_bar": "none", "preview": False,
    }
    with tempconfig(options):
        scene = scene_class()
        scene.render()
        return scene.renderer.get_frame()


@pytest.mark.render
def test_a_last_frame_preview_draws_only_the_picture_before_the_fade_and_the_last_one(
    fixture_modules, tmp_path, capsys, monkeypatch
):
    draws = _count_draws(monkeypatch)
    result = run_cli(["--preview", "outro", "--last-frame", "--out", str(tmp_path / "output")], capsys=capsys)
    assert result.code == 0, result.stderr
    # Two plays, one of them a fade-out: manim's last-frame mode alone would draw each
    # play's end state too.
    assert len(draws) == 2


@pytest.mark.render
def test_a_last_frame_preview_shows_what_manims_last_frame_mode_shows(fixture_modules, tmp_path, capsys):
    result = run_cli(["--preview", "middle", "--last-frame", "--out", str(tmp_path / "output")], capsys=capsys)
    assert result.code == 0, result.stderr
    with Image.open(result.stdout.strip()) as image:
        preview = np.asarray(image.convert("RGB"))
    scene_class = getattr(importlib.import_module(MIDDLE.module), MIDDLE.class_name)
    reference = _manims_own_last_frame(scene_class, tmp_path / "reference")[..., :3]
    assert preview.shape == reference.shape
    assert np.array_equal(preview, reference)
    assert preview.std() > 1.0


def _preview_pixels(result) -> np.ndarray:
    with Image.open(result.stdout.strip()) as image:
        return np.asarray(image.convert("RGB"))


@pytest.mark.render
def test_fast_forwarded_fades_leave_the_same_last_frame_as_manims_fades(fixture_modules, tmp_path, capsys):
    result = run_cli(["--preview", "fades", "--last-frame", "--out", str(tmp_path / "output")], entries=(FADES,), capsys=capsys)
    assert result.code == 0, result.stderr
    preview = _preview_pixels(result)
    scene_class = getattr(importlib.import_module(FADES.module), FADES.class_name)
    reference = _manims_own_last_frame(scene_class, tmp_path / "reference")[..., :3]
    assert preview.shape == reference.shape
    assert np.array_equal(preview, reference)


@pytest.mark.render
def test_a_last_frame_preview_copies_no_mobject_for_a_fade(fixture_modules, tmp_path, capsys, monkeypatch):
    from manim import Mobject

    copies: list[str] = []
    original = Mobject.copy

    def counting(self, *args, **kwargs):
        copies.append(type(self).__name__)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Mobject, "copy", counting)
    result = run_cli(["--preview", "fades", "--last-frame", "--out", str(tmp_path / "output")], entries=(FADES,), capsys=capsys)
    assert result.code == 0, result.stderr
    fades_only = len(copies)
    copies.clear()
    scene_class = getattr(importlib.import_module(FADES.module), FADES.class_name)
    _manims_own_last_frame(scene_class, tmp_path / "reference")
    # Each fade copies its mobject twice in manim's own fast-forward (start and target);
    # what is left in the preview are the copies of the other animations.
    assert fades_only < len(copies) - 2 * 6


def test_only_a_play_that_takes_everything_off_the_screen_empties_it() -> None:
    from manim import Circle, FadeIn, FadeOut, Scene, Square, VGroup

    from render_pipeline.last_frame import empties_the_screen

    scene = Scene()
    circle, square = Circle(), Square()
    scene.add(circle, square)
    assert not empties_the_screen(scene, (FadeOut(circle),))
    assert not empties_the_screen(scene, (FadeIn(Circle()),))
    assert empties_the_screen(scene, (FadeOut(circle), FadeOut(square)))
    assert empties_the_screen(scene, (FadeOut(VGroup(circle, square)),))
