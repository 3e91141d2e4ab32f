"""Fixtures for the render pipeline tests: tiny fixture scenes (not the real ones,
which are written in parallel) rendered at 160x90, 10 fps, into temporary folders."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from render_pipeline import fingerprint
from render_test_support import FIXTURE_SOURCES, TINY, Run, run_cli


@pytest.fixture(scope="session")
def fixture_modules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture scenes copied to a folder on ``sys.path`` (spawned workers inherit it),
    so a test can edit one without touching the repository."""
    folder = tmp_path_factory.mktemp("fixture_scenes")
    for source in FIXTURE_SOURCES.glob("fixture_*.py"):
        shutil.copy(source, folder / source.name)
    sys.path.insert(0, str(folder))
    yield folder
    sys.path.remove(str(folder))


@pytest.fixture(autouse=True)
def no_preview_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Previews render in the test's process unless a test asks for the resident server
    (``test_preview_server.py``), so no test leaves a server behind."""
    monkeypatch.setenv("BACKPROP_PREVIEW_SERVER", "0")


@pytest.fixture(scope="session", autouse=True)
def stable_shared_sources() -> None:
    """Fingerprint only the worker code as "shared sources": the kit and the core are
    being edited by others while these tests run, and the fixtures do not use them."""
    original = fingerprint._shared_files
    fingerprint._shared_files = lambda: [Path(fingerprint.__file__).resolve().parent / "worker.py"]
    yield
    fingerprint._shared_files = original


@pytest.fixture(scope="session")
def built(fixture_modules: Path, stable_shared_sources: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    """One cold build of the three fixture scenes and the full video, shared by the tests
    that only read it; tests that change things work on a copy (see ``built_copy``)."""
    out = tmp_path_factory.mktemp("built") / "output"
    result = run_cli([*TINY, "--out", str(out)])
    assert result.code == 0, result.stderr
    return out, result


@pytest.fixture
def built_copy(built: tuple[Path, Run], tmp_path: Path) -> Callable[[], Path]:
    def copy() -> Path:
        target = tmp_path / "output"
        shutil.copytree(built[0], target, ignore=shutil.ignore_patterns(".lock"))
        return target

    return copy
