"""The lecture deck: steps in the sidecars and the manifest, the offline page, the
PowerPoint file, and the page driven through its keys in a real (headless) Chromium."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from render_pipeline.deck import DECK_FOLDER, DECK_PAGE, PPTX_NAME, collect_scenes, pptx_trims, slides_of
from render_pipeline.worker import step_ranges
from render_test_support import ENTRIES, INTRO, TINY, run_cli

pytestmark = pytest.mark.render


def mark(start: float, title: str) -> SimpleNamespace:
    return SimpleNamespace(start=start, title=title)


def test_step_ranges_cover_the_clip_from_zero_to_its_end():
    ranges = step_ranges([mark(0.4, "one"), mark(1.5, "two"), mark(3.0, "three")], 4.0, "Scene")
    assert ranges == [
        {"title": "one", "start": 0.0, "end": 1.5},
        {"title": "two", "start": 1.5, "end": 3.0},
        {"title": "three", "start": 3.0, "end": 4.0},
    ]


def test_a_scene_without_marks_is_one_step_and_repeated_or_late_marks_collapse():
    assert step_ranges([], 2.0, "Scene") == [{"title": "Scene", "start": 0.0, "end": 2.0}]
    assert step_ranges([mark(0.0, "a"), mark(0.0, "b"), mark(2.0, "after the end")], 2.0, "S") == [
        {"title": "b", "start": 0.0, "end": 2.0}
    ]


@pytest.fixture(scope="module")
def deck_build(fixture_modules: Path, stable_shared_sources: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("deck") / "output"
    started = time.perf_counter()
    result = run_cli([*TINY, "--out", str(out)])
    build_seconds = time.perf_counter() - started
    assert result.code == 0, result.stderr
    started = time.perf_counter()
    result = run_cli([*TINY, "--out", str(out), "--deck"])
    assert result.code == 0, result.stderr
    print(f"build {build_seconds:.1f} s; deck on top of an up-to-date build {time.perf_counter() - started:.1f} s")
    return out


def test_steps_reach_the_sidecar_and_the_manifest(deck_build: Path):
    sidecar = json.loads((deck_build / "clips" / f"{INTRO.label}.json").read_text())
    assert [step["title"] for step in sidecar["steps"]] == ["a square", "the weight"]
    assert sidecar["steps"][0]["start"] == 0.0
    assert sidecar["steps"][-1]["end"] == pytest.approx(sidecar["duration"])
    assert sidecar["steps"][0]["end"] == pytest.approx(0.6, abs=0.11)
    manifest = json.loads((deck_build / "manifest.json").read_text())
    assert [len(clip["steps"]) for clip in manifest["clips"]] == [2, 1, 1]


def test_the_page_is_self_contained_and_lists_every_step(deck_build: Path):
    page = (deck_build / DECK_FOLDER / DECK_PAGE).read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page  # offline: no CDN, no network
    data = json.loads(page.split('<script id="deck-data" type="application/json">')[1].split("</script>")[0])
    assert [slide["title"] for slide in data["slides"]] == ["a square", "the weight", "The Middle", "Outro"]
    assert data["scenes"][INTRO.label]["clip"] == f"../clips/{INTRO.label}.mp4"
    assert (deck_build / DECK_FOLDER / data["scenes"][INTRO.label]["clip"]).exists()
    assert any(cue[2] == "A square" for cue in data["scenes"][INTRO.label]["cues"])


def test_the_powerpoint_has_a_slide_per_step_with_its_clip_trimmed_to_it(deck_build: Path):
    from pptx import Presentation

    path = deck_build / DECK_FOLDER / PPTX_NAME
    presentation = Presentation(str(path))
    slides = list(presentation.slides)
    steps = slides_of(collect_scenes(deck_build / "clips", ENTRIES))
    assert len(slides) == 1 + len(steps)
    media = {part.partname for part in presentation.part.package.iter_parts() if part.partname.startswith("/ppt/media/media")}
    assert len(media) == len(ENTRIES)  # each clip stored once, however many steps show it
    for slide in slides[1:]:
        movies = [shape for shape in slide.shapes if shape.shape_type == 16 or "movie" in type(shape).__name__.lower()]
        assert movies, slide.name
    trims = pptx_trims(path)
    assert [(name.split(" step")[0], start) for name, start, _ in trims][:2] == [(INTRO.label, 0), (INTRO.label, steps[1].start * 1000)]
    intro_duration = collect_scenes(deck_build / "clips", ENTRIES)[0].duration
    assert trims[0][2] == round((intro_duration - steps[0].end) * 1000)
    assert trims[1][2] == 0


def test_deck_without_clips_is_a_clear_error(tmp_path: Path, fixture_modules: Path):
    from render_pipeline.deck import DeckError, write_deck

    with pytest.raises(DeckError, match="render them first"):
        write_deck(tmp_path, ENTRIES, "T")


def test_deck_does_not_go_with_preview(tmp_path: Path):
    result = run_cli(["--preview", "intro", "--deck", "--out", str(tmp_path / "o")])
    assert result.code == 2
    assert "--deck goes with a build" in result.stderr


def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def browser(deck_build: Path):
    found = _chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium and chromedriver (.ci/setup.sh installs them)")
        pytest.skip("no chromium/chromedriver here")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--autoplay-policy=no-user-gesture-required", "--window-size=960,600", "--mute-audio"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(found[1]), options=options)
    driver.set_page_load_timeout(30)
    driver.get((deck_build / DECK_FOLDER / DECK_PAGE).resolve().as_uri())
    yield driver
    driver.quit()


def _wait(driver, condition: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script(f"return Boolean({condition});"):
            return
        time.sleep(0.05)
    state = driver.execute_script("return {index: deck.index, t: deck.currentTime, playing: deck.playing, clip: deck.currentClip};")
    raise AssertionError(f"timed out waiting for {condition}; deck state {state}")


def _press(driver, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def _settled_in(driver, index: int) -> None:
    """The deck is on slide ``index``, has stopped, and holds a frame inside that step."""
    _wait(driver, f"deck.index === {index} && !deck.playing && deck.currentClip === deck.slides[{index}].label")
    slide = driver.execute_script(f"return deck.slides[{index}];")
    time_now = driver.execute_script("return deck.currentTime;")
    assert slide["start"] - 0.01 <= time_now <= slide["end"], (slide, time_now)


def _frame_at(clip: Path, seconds: float) -> np.ndarray:
    import av

    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        chosen = None
        for frame in container.decode(stream):
            if frame.time is not None and frame.time > seconds + 1e-6:
                break
            chosen = frame
    return np.asarray(chosen.to_image().convert("L").resize((32, 18)), dtype=float)


def test_keys_walk_the_deck_in_a_real_browser(browser, deck_build: Path):
    from selenium.webdriver.common.keys import Keys

    driver = browser
    _settled_in(driver, 0)
    _press(driver, Keys.ARROW_RIGHT)
    _settled_in(driver, 1)
    _press(driver, " ")
    _settled_in(driver, 2)
    assert driver.execute_script("return deck.currentClip;") == ENTRIES[1].label
    _press(driver, Keys.ARROW_LEFT)
    _settled_in(driver, 1)
    _press(driver, "2")  # the section numbered 2: the outro
    _settled_in(driver, 3)
    _press(driver, "0")
    _settled_in(driver, 0)
    assert driver.execute_script("return deck.captionsOn;") is False
    _press(driver, "c")
    assert driver.execute_script("return deck.captionsOn && !document.getElementById('caption').hidden;") is True
    _press(driver, "s")
    assert driver.execute_script("return !document.getElementById('presenter').hidden;") is True
    assert driver.find_element("id", "p-next").text == "the weight"
    _press(driver, "m")
    assert driver.execute_script("return !document.getElementById('menu').hidden;") is True
    _press(driver, Keys.ESCAPE)


def test_the_held_frame_on_screen_is_the_steps_last_frame(browser, deck_build: Path):
    from PIL import Image
    import io

    driver = browser
    driver.execute_script("document.getElementById('presenter').hidden = true; deck.jump(1);")
    _settled_in(driver, 2)
    time_now = driver.execute_script("return deck.currentTime;")
    video = driver.find_element("id", "video")
    shot = Image.open(io.BytesIO(video.screenshot_as_png)).convert("L")
    width, height = shot.size
    # The clip is letterboxed inside the element: crop to its 16:9 picture.
    picture_height = min(height, round(width * 9 / 16))
    top = (height - picture_height) // 2
    shot = shot.crop((0, top, width, top + picture_height)).resize((32, 18))
    expected = _frame_at(deck_build / "clips" / f"{ENTRIES[1].label}.mp4", time_now)
    difference = np.abs(np.asarray(shot, dtype=float) - expected).mean()
    assert difference < 12, f"screenshot differs from the clip's frame at {time_now:.2f} s by {difference:.1f} levels"
