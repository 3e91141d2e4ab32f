"""Every scene of the registry builds, fast-forwarded at tiny resolution, under each preset."""

from __future__ import annotations

import pytest

from scenes import SCENES
from tests.scenes.harness import PRESET_NAMES, scene_record

pytestmark = pytest.mark.render


@pytest.mark.parametrize("preset_name", PRESET_NAMES)
@pytest.mark.parametrize("entry", SCENES, ids=lambda entry: entry.label)
def test_scene_builds(entry, preset_name: str) -> None:
    record = scene_record(entry, preset_name)
    assert record.error is None, f"{entry.label} failed under the {preset_name} preset:\n{record.error}"
    assert record.checkpoints, f"{entry.label} plays nothing"
    assert record.data is not None, f"{entry.label} has no section data"
