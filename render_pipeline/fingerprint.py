"""Fingerprints that decide whether a clip is up to date.

A clip is reused, without running its scene at all, when the fingerprint stored
in its sidecar JSON equals the one computed now. The fingerprint covers:

- the scene's own source file, and any other scene module it imports;
- the shared code every scene runs: ``scenes/__init__.py``, ``scenes/kit/**``,
  ``backprop_core/**`` except the per-section data builders;
- the data builders of the scene's own section (``backprop_core/sections/sNN_*.py``
  with the scene's number) and those it or they import, so editing one section's
  data re-renders only the scenes that use it;
- the shipped assets (fonts, icons), the preset, the render settings, the
  versions of manim, PyAV and Python, and the worker code that writes clips.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import platform
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SECTION_BUILDERS = REPO_ROOT / "backprop_core" / "sections"
SCENE_MODULES = REPO_ROOT / "scenes"
_NUMBERED = re.compile(r"s(\d\d)_\w+\.py")
# Bump when the clip-making code changes in a way that is not in the hashed sources.
PIPELINE_VERSION = "1"


def module_source(module: str) -> Path:
    """The source file of ``module`` without importing it (only its parent packages)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        raise ModuleNotFoundError(f"cannot find the source of module {module!r}")
    return Path(spec.origin).resolve()


def _imported_modules(source: Path, module: str) -> set[str]:
    """Absolute names that ``source`` imports, including ``from pkg import name`` as ``pkg.name``."""
    try:
        tree = ast.parse(source.read_bytes(), filename=str(source))
    except SyntaxError:
        return set()  # the render itself will report the syntax error
    package_parts = module.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            names.add(prefix)
            names.update(f"{prefix}.{alias.name}" for alias in node.names)
    return names


def _numbered_file(folder: Path, package: str, name: str) -> Path | None:
    """``scenes.s03_forward_pass`` -> ``scenes/s03_forward_pass.py`` when it exists."""
    if not name.startswith(package + "."):
        return None
    leaf = name[len(package) + 1 :]
    candidate = folder / f"{leaf}.py"
    if "." in leaf or not _NUMBERED.fullmatch(candidate.name) or not candidate.exists():
        return None
    return candidate


def scene_specific_sources(module: str, number: int) -> list[Path]:
    """The scene's own file, plus the numbered scene and data-builder modules it depends on."""
    own = module_source(module)
    found: dict[Path, str] = {own: module}
    for builder in sorted(SECTION_BUILDERS.glob(f"s{number:02d}_*.py")):
        found.setdefault(builder.resolve(), f"backprop_core.sections.{builder.stem}")
    queue = list(found.items())
    while queue:
        path, name = queue.pop()
        for imported in _imported_modules(path, name):
            for folder, package in ((SECTION_BUILDERS, "backprop_core.sections"), (SCENE_MODULES, "scenes")):
                candidate = _numbered_file(folder, package, imported)
                if candidate is not None and candidate.resolve() not in found:
                    found[candidate.resolve()] = imported
                    queue.append((candidate.resolve(), imported))
    return sorted(found)


def _shared_files() -> list[Path]:
    files: list[Path] = [SCENE_MODULES / "__init__.py"]
    files += sorted(path for path in (SCENE_MODULES / "kit").rglob("*") if path.is_file())
    for path in sorted((REPO_ROOT / "backprop_core").rglob("*.py")):
        if path.parent == SECTION_BUILDERS and _NUMBERED.fullmatch(path.name):
            continue
        files.append(path)
    for folder in ("fonts", "icons"):
        files += sorted(path for path in (REPO_ROOT / "assets" / folder).rglob("*") if path.is_file())
    pipeline = Path(__file__).resolve().parent
    files += [pipeline / "worker.py", pipeline / "narration.py", pipeline / "soundtrack.py"]
    return [path for path in files if path.exists() and "__pycache__" not in path.parts]


def _file_digests(files: Iterable[Path]) -> dict[str, str]:
    digests: dict[str, str] = {}
    for path in files:
        try:
            name = path.relative_to(REPO_ROOT).as_posix()
        except ValueError:
            name = path.name  # a scene outside the repository (test fixtures)
        digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return digests


def tool_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    versions = {"python": platform.python_version()}
    for package in ("manim", "av", "numpy", "manimpango", "pycairo"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "absent"
    return versions


@dataclass(frozen=True)
class Fingerprint:
    """A scene's fingerprint and the digests of what went into it (kept in the
    sidecar, so a rebuild can say which input changed)."""

    value: str
    inputs: dict[str, str]


def changed_inputs(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Names of the inputs that differ between two fingerprints' ``inputs``."""
    return sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))


@dataclass
class Fingerprinter:
    """Computes scene fingerprints for one build; the shared part is hashed once."""

    preset_json: str
    settings_identity: dict[str, object]
    #: What changes the clips' sound and timing (voice, recordings); None: not narrated.
    narration_identity: dict[str, object] | None = None
    _shared: dict[str, str] | None = field(default=None, init=False)

    def shared_inputs(self) -> dict[str, str]:
        if self._shared is None:
            def short(value: object) -> str:
                return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]

            shared = {
                "<pipeline>": PIPELINE_VERSION,
                "<preset>": short(json.loads(self.preset_json)),
                "<settings>": short(self.settings_identity),
                "<versions>": short(tool_versions()),
            }
            if self.narration_identity is not None:
                shared["<narration>"] = short(self.narration_identity)
            shared.update(_file_digests(_shared_files()))
            self._shared = shared
        return self._shared

    def scene_fingerprint(self, module: str, class_name: str, number: int) -> Fingerprint:
        inputs = dict(self.shared_inputs())
        inputs["<scene>"] = f"{module}:{class_name}:{number}"
        inputs.update(_file_digests(scene_specific_sources(module, number)))
        value = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
        return Fingerprint(value, inputs)
