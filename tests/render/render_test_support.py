"""Fixture scene entries and a way to run the command line in-process, for the render tests."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest

import render

FIXTURE_SOURCES = Path(__file__).resolve().parent / "fixtures"
TINY = ["--resolution", "160x90", "--fps", "10", "--jobs", "2"]


@dataclass(frozen=True)
class FixtureEntry:
    """Shaped like ``scenes.SceneEntry``, pointing at a fixture scene."""

    number: int
    slug: str
    title: str
    module: str
    class_name: str

    @property
    def label(self) -> str:
        return f"{self.number:02d}-{self.slug}"


INTRO = FixtureEntry(0, "intro", "Intro \u2014 the start", "fixture_intro", "FixtureIntro")
MIDDLE = FixtureEntry(1, "middle", "The Middle", "fixture_middle", "FixtureMiddle")
OUTRO = FixtureEntry(2, "outro", "Outro", "fixture_outro", "FixtureOutro")
BROKEN = FixtureEntry(3, "broken", "Broken", "fixture_broken", "FixtureBroken")
FADES = FixtureEntry(4, "fades", "Fades", "fixture_fades", "FixtureFades")
ENTRIES = (INTRO, MIDDLE, OUTRO)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(argv: list[str], entries: tuple[FixtureEntry, ...] = ENTRIES,
            capsys: pytest.CaptureFixture[str] | None = None) -> Run:
    """Run ``render.main`` in this process (workers are still separate processes)."""
    errors = io.StringIO()
    if capsys is not None:
        capsys.readouterr()
    code = render.main(argv, entries=entries, stream=errors)
    stdout = capsys.readouterr().out if capsys is not None else ""
    return Run(code, stdout, errors.getvalue())
