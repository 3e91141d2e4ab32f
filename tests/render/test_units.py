"""Pure helpers of the pipeline: captions, atomic files, settings, fingerprints."""

from __future__ import annotations

import pytest

from render_pipeline.captions import Cue, clamp_cues, shift_cues, to_srt, to_vtt, trim_overlaps
from render_pipeline.files import FolderLock, OutputLocked, atomic_output, remove_leftover_parts
from render_pipeline import fingerprint
from render_pipeline.fingerprint import REPO_ROOT, changed_inputs, scene_specific_sources
from render_pipeline.settings import RenderSettings, SettingsError, parse_formats, resolve_settings


def test_overlapping_cues_end_where_the_next_begins():
    cues = [Cue(0, 1000, "a"), Cue(400, 900, "b"), Cue(900, 1200, "c")]
    assert trim_overlaps(cues) == [Cue(0, 400, "a"), Cue(400, 900, "b"), Cue(900, 1200, "c")]


def test_cues_past_the_clip_are_cut_or_dropped():
    cues = [Cue(0, 500, "kept"), Cue(800, 5000, "cut"), Cue(1000, 1200, "dropped"), Cue(100, 200, "")]
    assert clamp_cues(cues, 1000) == [Cue(0, 500, "kept"), Cue(800, 1000, "cut")]


def test_srt_and_vtt_timestamps():
    cues = shift_cues([Cue(0, 1500, "Hello --> world")], 3_723_004)
    assert "01:02:03,004 --> 01:02:04,504" in to_srt(cues)
    vtt = to_vtt(cues)
    assert vtt.startswith("WEBVTT\n")
    assert "01:02:03.004 --> 01:02:04.504\nHello \u2192 world" in vtt


def test_atomic_output_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "video.mp4"
    target.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(target) as temporary:
            temporary.write_bytes(b"half a vid")
            raise KeyboardInterrupt
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["video.mp4"]
    with atomic_output(target) as temporary:
        temporary.write_bytes(b"new")
    assert target.read_bytes() == b"new"


def test_leftover_parts_of_a_killed_build_are_removed(tmp_path):
    (tmp_path / "clips").mkdir()
    leftover = tmp_path / "clips" / ".03-forward-pass.mp4.part-4242"
    leftover.write_bytes(b"x")
    keep = tmp_path / "clips" / "03-forward-pass.mp4"
    keep.write_bytes(b"y")
    assert remove_leftover_parts(tmp_path) == [leftover]
    assert keep.exists()


def test_the_lock_refuses_a_second_holder_and_names_the_first(tmp_path):
    with FolderLock(tmp_path / ".lock", "build A"):
        with pytest.raises(OutputLocked, match="in use by build A"):
            with FolderLock(tmp_path / ".lock", "build B"):
                pass
    with FolderLock(tmp_path / ".lock", "build B"):
        pass


def test_quality_presets_and_overrides():
    assert resolve_settings(None, None, None).identity()["width"] == 1920
    low = resolve_settings("low", None, None)
    assert (low.width, low.height, low.fps) == (854, 480, 15)
    custom = resolve_settings("medium", "320x180", 12)
    assert (custom.width, custom.height, custom.fps) == (320, 180, 12)
    assert RenderSettings(320, 180, 12).encoder_options == {"crf": "23", "preset": "veryfast"}
    with pytest.raises(SettingsError, match="choose from low, medium, high, 4k"):
        resolve_settings("ultra", None, None)
    assert parse_formats("mp4, GIF,webm,gif") == ("gif", "webm")


def test_a_scene_depends_on_its_own_section_data_and_what_that_imports(tmp_path, monkeypatch):
    sections = tmp_path / "backprop_core" / "sections"
    scenes = tmp_path / "scenes"
    sections.mkdir(parents=True)
    scenes.mkdir()
    (sections / "s03_forward_pass.py").write_text("X = 1\n")
    (sections / "s04_loss.py").write_text("from .s03_forward_pass import X\n")
    (sections / "s05_chain_rule.py").write_text("Y = 2\n")
    (scenes / "s04_loss.py").write_text("from backprop_core.sections import s04_loss\n")
    (scenes / "s05_chain_rule.py").write_text("import scenes.s04_loss\n")
    monkeypatch.setattr(fingerprint, "SECTION_BUILDERS", sections)
    monkeypatch.setattr(fingerprint, "SCENE_MODULES", scenes)
    monkeypatch.setattr(fingerprint, "module_source", lambda module: scenes / (module.split(".")[-1] + ".py"))

    def names(module: str, number: int) -> list[str]:
        return [path.relative_to(tmp_path).as_posix() for path in scene_specific_sources(module, number)]

    assert names("scenes.s04_loss", 4) == [
        "backprop_core/sections/s03_forward_pass.py",
        "backprop_core/sections/s04_loss.py",
        "scenes/s04_loss.py",
    ]
    assert names("scenes.s05_chain_rule", 5) == [
        "backprop_core/sections/s03_forward_pass.py",
        "backprop_core/sections/s04_loss.py",
        "backprop_core/sections/s05_chain_rule.py",
        "scenes/s04_loss.py",
        "scenes/s05_chain_rule.py",
    ]


def test_the_real_cover_does_not_depend_on_other_sections():
    sources = [path.relative_to(REPO_ROOT).as_posix() for path in scene_specific_sources("scenes.s00_cover", 0)]
    assert "scenes/s00_cover.py" in sources
    assert not [name for name in sources if name.startswith("scenes/s") and name != "scenes/s00_cover.py"]


def test_changed_inputs_names_what_differs():
    assert changed_inputs({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"}) == ["b", "c"]


def test_watch_reacts_to_the_scene_its_data_the_kit_and_the_core_only():
    from render_pipeline.preview import _relevant

    own_builders = sorted((REPO_ROOT / "backprop_core" / "sections").glob("s00_*.py"))
    other_builders = sorted((REPO_ROOT / "backprop_core" / "sections").glob("s09_*.py"))
    assert _relevant(REPO_ROOT / "scenes" / "s00_cover.py", "scenes.s00_cover", 0)
    assert _relevant(REPO_ROOT / "scenes" / "kit" / "theme.py", "scenes.s00_cover", 0)
    assert _relevant(REPO_ROOT / "scenes" / "kit" / "new_picture.py", "scenes.s00_cover", 0)
    assert _relevant(REPO_ROOT / "backprop_core" / "formatting.py", "scenes.s00_cover", 0)
    assert all(_relevant(path, "scenes.s00_cover", 0) for path in own_builders)
    assert not _relevant(REPO_ROOT / "scenes" / "s09_going_deeper.py", "scenes.s00_cover", 0)
    assert not any(_relevant(path, "scenes.s00_cover", 0) for path in other_builders)
    assert not _relevant(REPO_ROOT / "scenes" / "kit" / "__pycache__" / "theme.cpython-311.pyc", "scenes.s00_cover", 0)
    assert not _relevant(REPO_ROOT / "tests" / "core" / "test_preset.py", "scenes.s00_cover", 0)
