"""The command line's answers to bad input (exit 2, one line, before anything
renders), missing system tools (exit 3), ``--list``, and the preview."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import render
from render_test_support import ENTRIES, OUTRO, run_cli

REPO_ROOT = Path(__file__).resolve().parents[2]

BAD_INPUT = [
    (["--scenes", "midle"], "unknown scene 'midle'; did you mean 'middle'?"),
    (["--scenes", "07"], "unknown scene '07'"),
    (["--quality", "ultra"], "unknown quality 'ultra'; choose from low, medium, high, 4k"),
    (["--resolution", "1280by720"], "malformed --resolution '1280by720'; expected WIDTHxHEIGHT"),
    (["--resolution", "1281x721"], "must be positive even numbers"),
    (["--fps", "0"], "--fps must be between 1 and 240"),
    (["--fps", "sixty"], "argument --fps: invalid int value: 'sixty'"),
    (["--jobs", "0"], "--jobs must be at least 1"),
    (["--set", "w"], "malformed override 'w'; expected key=value"),
    (["--set", "w=heavy"], "w must be a number; got 'heavy'"),
    (["--set", "w=99"], "w (the weight) must be a number in [-10, 10]; got 99"),
    (["--set", "lr=0"], "lr (the learning rate"),
    (["--set", "q=1"], "unknown preset key 'q' in 'q=1'; valid keys are x, w, b, y, lr"),
    (["--example", "no/such/preset.toml"], "preset file not found: no/such/preset.toml"),
    (["--formats", "webm,avi"], "unknown format 'avi'; choose from mp4, webm, gif, mov, alpha-webm"),
    (["--x264-preset", "warp"], "argument --x264-preset: invalid choice: 'warp'"),
    (["--last-frame"], "--last-frame and --watch go with --preview SCENE"),
    (["--preview", "intro", "--scenes", "middle"], "--preview takes one scene"),
    (["--preview", "intr0"], "unknown scene 'intr0'; did you mean 'intro'?"),
    (["--bogus"], "unrecognized arguments: --bogus"),
    (["--resolution", "100000x100000"], "larger than 7680x4320"),
    (["--resolution", "8000x4000"], "larger than 7680x4320"),
    (["--example", "/dev/zero"], "/dev/zero: not a preset file (not a regular file)"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_INPUT, ids=[" ".join(argv) for argv, _ in BAD_INPUT])
def test_bad_input_is_one_line_with_exit_status_2_and_renders_nothing(argv, message, tmp_path):
    out = tmp_path / "output"
    result = run_cli([*argv, "--out", str(out)])
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("render.py: error: ")
    assert message in lines[0]
    assert not out.exists()


def test_a_huge_example_file_is_refused_without_reading_it_all(tmp_path):
    preset = tmp_path / "huge.toml"
    preset.write_text("w = 0.8\n" + "# padding\n" * 20_000)
    result = run_cli(["--example", str(preset), "--out", str(tmp_path / "output")])
    assert result.code == 2
    assert f"{preset}: too large for a preset" in result.stderr


@pytest.mark.parametrize("kind", ["a file", "under a file", "unwritable"])
def test_an_output_folder_that_cannot_be_made_is_one_line_with_exit_status_2(kind, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    out = {"a file": blocker, "under a file": blocker / "output", "unwritable": Path("/proc/no/output")}[kind]
    result = run_cli(["--out", str(out)])
    assert result.code == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"render.py: error: --out {out}: ")


def test_dev_null_is_not_an_output_folder(tmp_path):
    result = run_cli(["--out", "/dev/null"])
    assert result.code == 2
    assert "render.py: error: --out /dev/null: not a folder" in result.stderr


def test_jobs_beyond_the_scenes_and_cores_are_capped_and_said(fixture_modules, tmp_path):
    result = run_cli(["--scenes", "intro", "--quality", "low", "--resolution", "64x36", "--fps", "5",
                      "--jobs", "64", "--out", str(tmp_path / "output")])
    assert result.code == 0, result.stderr
    assert "--jobs 64 capped to 1" in result.stderr


def test_invalid_example_file_names_the_file_and_the_key(tmp_path):
    preset = tmp_path / "broken.toml"
    preset.write_text("w = 0.8\nmomentum = 0.9\n")
    result = run_cli(["--example", str(preset), "--out", str(tmp_path / "output")])
    assert result.code == 2
    assert f"{preset}: unknown preset key 'momentum'; valid keys are x, w, b, y, lr" in result.stderr


def test_unknown_scene_among_the_real_scenes_suggests_the_nearest(tmp_path):
    from scenes import SCENES

    result = run_cli(["--scenes", "03", "forward-pas", "--out", str(tmp_path / "o")], entries=SCENES)
    assert result.code == 2
    assert "unknown scene 'forward-pas'; did you mean 'forward-pass'?" in result.stderr


def test_the_command_line_exits_2_from_a_shell():
    completed = subprocess.run(
        [sys.executable, "render.py", "--quality", "8k"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 2
    assert completed.stderr.strip() == "render.py: error: unknown quality '8k'; choose from low, medium, high, 4k"


def test_the_command_line_and_the_preview_client_import_neither_numpy_nor_manim():
    """What answers bad input and hands a preview to the server stays light to start."""
    probe = (
        "import sys, render, render_pipeline.preview, render_pipeline.preview_server; "
        "from backprop_core.preset import load_preset; "
        "print(sorted(name for name in ('numpy', 'manim') if name in sys.modules))"
    )
    completed = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[]"


def test_list_prints_the_scenes_in_guide_order(capsys):
    result = run_cli(["--list"], capsys=capsys)
    assert result.code == 0
    assert result.stdout.splitlines() == [
        f"{entry.number:02d}  {entry.slug:<18} {entry.title}" for entry in ENTRIES
    ]


def test_list_of_the_real_scenes_has_the_cover_and_twelve_sections(capsys):
    assert render.main(["--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 13
    assert lines[0].startswith("00  cover")
    assert lines[3].split()[:2] == ["03", "forward-pass"]


@pytest.mark.parametrize(
    ("missing", "expected"),
    [("latex", "texlive-latex-extra"), ("dvisvgm", "install dvisvgm")],
)
def test_missing_latex_tools_are_named_with_what_to_install(monkeypatch, tmp_path, missing, expected):
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == missing else real_which(name, *a, **k))
    result = run_cli(["--out", str(tmp_path / "output")])
    assert result.code == 3
    assert expected in result.stderr
    assert not (tmp_path / "output").exists()


def test_missing_cairo_is_named_with_what_to_install(monkeypatch, tmp_path):
    real_import = render.importlib.import_module

    def fake_import(name, *args, **kwargs):
        if name == "cairo":
            raise ImportError("libcairo.so.2: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(render.importlib, "import_module", fake_import)
    result = run_cli(["--out", str(tmp_path / "output")])
    assert result.code == 3
    assert "cairo (pycairo) cannot be imported" in result.stderr
    assert "libcairo2-dev libpango1.0-dev" in result.stderr


@pytest.mark.render
def test_preview_last_frame_writes_a_png_of_the_last_picture_and_prints_its_path(
    fixture_modules, stable_shared_sources, tmp_path, capsys
):
    import numpy as np
    from PIL import Image

    out = tmp_path / "output"
    result = run_cli(["--preview", "outro", "--last-frame", "--out", str(out)], capsys=capsys)
    assert result.code == 0, result.stderr
    printed = Path(result.stdout.strip())
    assert printed == (out / "preview" / f"{OUTRO.label}.png").resolve()
    with Image.open(printed) as image:
        assert image.size == (854, 480)
        pixels = np.asarray(image.convert("L"), dtype=np.float32)
    # The outro fades its triangle out; the preview shows it rather than an empty screen.
    assert pixels.std() > 1.0


@pytest.mark.render
def test_a_preview_of_a_failing_scene_says_why_with_exit_status_1(fixture_modules, tmp_path):
    from render_test_support import BROKEN

    result = run_cli(["--preview", "broken", "--last-frame", "--out", str(tmp_path / "output")], entries=(BROKEN,))
    assert result.code == 1
    assert "preview of 03-broken failed: ZeroDivisionError: the fixture fails on purpose" in result.stderr
    assert not (tmp_path / "output" / "preview" / "03-broken.png").exists()
