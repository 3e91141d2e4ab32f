"""The lecture deck: the clips' steps as slides, in a browser page and a PowerPoint file.

A step is a time range of a clip (``steps`` in the clip's sidecar: the beats the scene
marked with ``self.step``). The deck never cuts or re-encodes video: a slide plays its
clip from the step's start and holds on the step's last frame. Cutting without
re-encoding could only cut at keyframes (every few seconds in x264's output), so steps
would start early or late; time ranges are exact and cost nothing to build.

``write_deck`` writes ``OUT/deck/index.html``: one self-contained page (styles, script,
the slide list and the caption cues inline, so it works from ``file://`` without a
server or network) that plays ``../clips/NN-slug.mp4``. ``write_pptx`` writes
``OUT/deck/backpropagation.pptx``: a slide per step with its clip embedded once per
scene and trimmed to the step on each slide.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from render_pipeline.captions import read_srt
from render_pipeline.files import atomic_output, write_text_atomic

DECK_FOLDER = "deck"
DECK_PAGE = "index.html"
PPTX_NAME = "backpropagation.pptx"


class DeckError(RuntimeError):
    """The deck cannot be built (no clips yet, python-pptx missing, ...)."""


@dataclass(frozen=True)
class Slide:
    """One step of one scene: what a presenter shows between two key presses."""

    section: int
    section_title: str
    label: str
    title: str
    start: float
    end: float
    step: int
    steps: int


@dataclass(frozen=True)
class DeckScene:
    """A rendered scene as the deck sees it: its clip, thumbnail, captions and steps."""

    number: int
    title: str
    label: str
    clip: str
    thumbnail: str
    duration: float
    width: int
    height: int
    steps: tuple[dict[str, Any], ...]
    cues: tuple[tuple[float, float, str], ...]


def collect_scenes(clips_dir: Path, entries: Sequence[Any]) -> list[DeckScene]:
    """The scenes of ``entries`` that have a clip in ``clips_dir``, in order."""
    from render_pipeline.worker import read_sidecar

    scenes: list[DeckScene] = []
    for entry in entries:
        sidecar = read_sidecar(clips_dir, entry.label)
        if not sidecar or "mp4" not in sidecar.get("formats", {}):
            continue
        duration = float(sidecar.get("duration") or 0.0)
        steps = sidecar.get("steps") or [{"title": entry.title, "start": 0.0, "end": duration}]
        cues = tuple(
            (cue.start_ms / 1000, cue.end_ms / 1000, cue.text)
            for cue in read_srt(clips_dir / str(sidecar.get("srt", f"{entry.label}.srt")))
        )
        scenes.append(
            DeckScene(
                number=entry.number, title=entry.title, label=entry.label,
                clip=sidecar["formats"]["mp4"], thumbnail=str(sidecar.get("thumbnail", "")),
                duration=duration, width=int(sidecar.get("width", 1920)), height=int(sidecar.get("height", 1080)),
                steps=tuple(steps), cues=cues,
            )
        )
    return scenes


def slides_of(scenes: Sequence[DeckScene]) -> list[Slide]:
    """Every step of every scene, in order."""
    return [
        Slide(scene.number, scene.title, scene.label, str(step["title"]), float(step["start"]), float(step["end"]),
              index + 1, len(scene.steps))
        for scene in scenes
        for index, step in enumerate(scene.steps)
    ]


def deck_data(scenes: Sequence[DeckScene], title: str) -> dict[str, Any]:
    """What the page's script reads: the scenes (clip, captions) and the slides."""
    return {
        "title": title,
        "scenes": {
            scene.label: {
                "number": scene.number, "title": scene.title, "clip": f"../clips/{scene.clip}",
                "poster": f"../clips/{scene.thumbnail}" if scene.thumbnail else "",
                "duration": scene.duration, "cues": [list(cue) for cue in scene.cues],
            }
            for scene in scenes
        },
        "slides": [slide.__dict__ for slide in slides_of(scenes)],
    }


def write_deck(out: Path, entries: Sequence[Any], title: str) -> Path:
    """Write ``OUT/deck/index.html`` from the clips in ``OUT/clips``; return its path."""
    scenes = collect_scenes(out / "clips", entries)
    if not scenes:
        raise DeckError(f"no clips in {out / 'clips'} to make a deck of; render them first")
    data = json.dumps(deck_data(scenes, title), ensure_ascii=False).replace("</", "<\\/")
    page = _PAGE.replace("__TITLE__", html.escape(title)).replace("__DATA__", data)
    target = out / DECK_FOLDER / DECK_PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, page)
    return target


def write_pptx(out: Path, entries: Sequence[Any], title: str) -> Path:
    """Write ``OUT/deck/backpropagation.pptx``: a title slide, then a slide per step with
    the scene's clip embedded (stored once per scene) and trimmed to the step."""
    try:
        from pptx import Presentation
        from pptx.util import Emu, Pt
    except ImportError:
        raise DeckError("the PowerPoint deck needs python-pptx: pip install python-pptx") from None
    scenes = collect_scenes(out / "clips", entries)
    if not scenes:
        raise DeckError(f"no clips in {out / 'clips'} to make a deck of; render them first")
    clips = out / "clips"
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(12192000), Emu(6858000)  # 16:9
    blank = presentation.slide_layouts[6]
    cover = presentation.slides.add_slide(presentation.slide_layouts[0])
    cover.shapes.title.text = title
    cover.placeholders[1].text = f"{len(scenes)} scenes, {len(slides_of(scenes))} steps"
    width = presentation.slide_width
    for scene in scenes:
        video_height = int(width * scene.height / max(scene.width, 1))
        top = (presentation.slide_height - video_height) // 2
        for index, step in enumerate(scene.steps):
            slide = presentation.slides.add_slide(blank)
            poster = clips / scene.thumbnail if scene.thumbnail and (clips / scene.thumbnail).exists() else None
            movie = slide.shapes.add_movie(
                str(clips / scene.clip), 0, top, width, video_height,
                poster_frame_image=str(poster) if poster else None, mime_type="video/mp4",
            )
            _trim(movie, float(step["start"]), float(step["end"]), scene.duration)
            slide.name = f"{scene.label} step {index + 1}: {step['title']}"
            notes = slide.notes_slide.notes_text_frame
            notes.text = f"{scene.title} — step {index + 1} of {len(scene.steps)}: {step['title']}"
            spoken = [text for start, end, text in scene.cues if start < float(step["end"]) and end > float(step["start"])]
            if spoken:
                notes.add_paragraph().text = " ".join(spoken)
            notes.paragraphs[0].runs[0].font.size = Pt(14)
    target = out / DECK_FOLDER / PPTX_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target) as temporary:
        presentation.save(str(temporary))
    return target


P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"


def _trim(movie: Any, start: float, end: float, duration: float) -> None:
    """Trim the movie to [start, end] on its slide: PowerPoint 2010's ``p14:trim``, whose
    ``st`` is the milliseconds cut from the start and ``end`` those cut from the end."""
    from lxml import etree

    media = movie._element.find(f".//{{{P14}}}media")
    if media is None:
        raise DeckError("python-pptx wrote a movie without its p14:media element; cannot trim it to the step")
    trim = etree.SubElement(media, f"{{{P14}}}trim")
    trim.set("st", str(round(start * 1000)))
    trim.set("end", str(max(0, round((duration - end) * 1000))))


def pptx_trims(path: Path) -> list[tuple[str, int, int | None]]:
    """(slide name, start ms, end-cut ms) of every trimmed movie in a deck; for tests."""
    from pptx import Presentation

    trims = []
    for slide in Presentation(str(path)).slides:
        for element in slide.shapes._spTree.iter(f"{{{P14}}}trim"):
            end = element.get("end")
            trims.append((slide.name, int(element.get("st", "0")), int(end) if end is not None else None))
    return trims


_PAGE = r"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__ — lecture deck</title>
<style>
  :root { --bg: #0B1020; --panel: #161D33; --edge: #33406A; --text: #F4F6FB; --muted: #A3ACC2; --accent: #F0E442; }
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; background: var(--bg); color: var(--text);
               font: 16px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; overflow: hidden; }
  #app { display: flex; height: 100%; }
  #main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
  #stage { position: relative; flex: 1; display: flex; align-items: center; justify-content: center; background: #000; }
  video { max-width: 100%; max-height: 100%; width: 100%; height: 100%; object-fit: contain; background: #000; }
  #caption { position: absolute; left: 8%; right: 8%; bottom: 3%; text-align: center; pointer-events: none; }
  #caption span { background: rgba(0,0,0,.78); padding: .15em .5em; border-radius: .2em; font-size: clamp(16px, 2.6vw, 34px);
                  box-decoration-break: clone; -webkit-box-decoration-break: clone; line-height: 1.5; }
  #bar { display: flex; gap: 1em; align-items: center; padding: .4em .8em; background: var(--panel);
         border-top: 1px solid var(--edge); font-size: 14px; white-space: nowrap; }
  #where { color: var(--accent); font-variant-numeric: tabular-nums; }
  #title { flex: 1; overflow: hidden; text-overflow: ellipsis; }
  #help { color: var(--muted); }
  #progress { position: absolute; left: 0; bottom: 0; height: 3px; background: var(--accent); width: 0; }
  #menu { position: absolute; inset: 5% 20%; overflow: auto; background: var(--panel); border: 1px solid var(--edge);
          border-radius: 8px; padding: 1em 1.5em; z-index: 2; }
  #menu h2 { margin: .2em 0 .6em; font-size: 20px; }
  #menu ol { margin: 0; padding-left: 2.2em; }
  #menu li { margin: .25em 0; cursor: pointer; }
  #menu li.current { color: var(--accent); }
  #menu li ol { font-size: 13px; color: var(--muted); }
  #presenter { width: 32%; max-width: 520px; background: var(--panel); border-left: 1px solid var(--edge);
               padding: 1em 1.2em; overflow: auto; }
  #presenter h3 { margin: 1em 0 .3em; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
  #p-now { font-size: 22px; } #p-next { font-size: 18px; color: var(--accent); } #p-caption { font-size: 18px; }
  #p-clock { margin-top: 1.5em; font-size: 28px; font-variant-numeric: tabular-nums; color: var(--muted); }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<div id="app">
  <div id="main">
    <div id="stage">
      <video id="video" preload="auto" playsinline></video>
      <div id="caption" hidden></div>
      <div id="progress"></div>
      <nav id="menu" hidden><h2>Sections</h2><ol id="menu-list"></ol></nav>
    </div>
    <div id="bar">
      <span id="where"></span><span id="title"></span>
      <span id="help">→/space next · ← back · 0–12 or m: section · f full screen · c captions · s presenter · u sound</span>
    </div>
  </div>
  <aside id="presenter" hidden>
    <h3>Now</h3><div id="p-now"></div>
    <h3>Next</h3><div id="p-next"></div>
    <h3>Caption</h3><div id="p-caption"></div>
    <div id="p-clock">0:00</div>
  </aside>
</div>
<script id="deck-data" type="application/json">__DATA__</script>
<script>
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("deck-data").textContent);
  const slides = data.slides;
  const video = document.getElementById("video");
  const caption = document.getElementById("caption");
  const menu = document.getElementById("menu");
  const presenter = document.getElementById("presenter");
  const HOLD = 0.05;  // seconds before a step's end where it stops: its last frame stays on screen
  const state = { index: 0, playing: false, captions: false, loaded: "", pendingDigits: "", digitTimer: 0, started: Date.now() };
  const sections = [];
  slides.forEach((slide, i) => { if (!sections.some(s => s.number === slide.section)) sections.push({ number: slide.section, title: slide.section_title, first: i }); });

  function cueAt(scene, t) {
    for (const [start, end, text] of scene.cues) if (t >= start && t < end) return text;
    return "";
  }
  function load(slide) {
    const scene = data.scenes[slide.label];
    if (state.loaded === slide.label) return Promise.resolve();
    state.loaded = slide.label;
    return new Promise(resolve => {
      const done = () => { video.removeEventListener("loadedmetadata", done); resolve(); };
      video.addEventListener("loadedmetadata", done);
      video.poster = scene.poster; video.src = scene.clip; video.load();
    });
  }
  function seek(t) {
    return new Promise(resolve => {
      if (Math.abs(video.currentTime - t) < 1e-3) { resolve(); return; }
      const done = () => { video.removeEventListener("seeked", done); resolve(); };
      video.addEventListener("seeked", done);
      video.currentTime = t;
    });
  }
  async function show(index, play) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    state.index = index;
    const slide = slides[index];
    state.playing = false;
    video.pause();
    render();
    await load(slide);
    if (state.index !== index) return;
    const end = Math.max(slide.start, slide.end - HOLD);
    await seek(play ? slide.start : end);
    if (state.index !== index) return;
    if (play) {
      state.playing = true;
      try { await video.play(); } catch (error) { state.playing = false; }
    }
    render();
  }
  function tick() {
    const slide = slides[state.index];
    if (slide && state.loaded === slide.label) {
      const end = Math.max(slide.start, slide.end - HOLD);
      if (state.playing && (video.currentTime >= end || video.ended)) {
        state.playing = false; video.pause(); if (video.currentTime > end) video.currentTime = end;
      }
      const scene = data.scenes[slide.label];
      const text = cueAt(scene, video.currentTime);
      const span = caption.firstChild;
      if (!span || span.textContent !== text) caption.innerHTML = text ? "<span></span>" : "";
      if (text) caption.firstChild.textContent = text;
      document.getElementById("p-caption").textContent = text;
      const length = Math.max(slide.end - slide.start, 1e-3);
      document.getElementById("progress").style.width = (100 * Math.min(1, Math.max(0, (video.currentTime - slide.start) / length))) + "%";
    }
    const seconds = Math.floor((Date.now() - state.started) / 1000);
    document.getElementById("p-clock").textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    requestAnimationFrame(tick);
  }
  function render() {
    const slide = slides[state.index];
    const next = slides[state.index + 1];
    document.getElementById("where").textContent =
      String(slide.section).padStart(2, "0") + " · " + slide.step + "/" + slide.steps + "  (" + (state.index + 1) + "/" + slides.length + ")";
    document.getElementById("title").textContent = slide.section_title + " — " + slide.title;
    document.getElementById("p-now").textContent = slide.section_title + ": " + slide.title;
    document.getElementById("p-next").textContent = next ? (next.section !== slide.section ? next.section_title + ": " : "") + next.title : "(end of the deck)";
    caption.hidden = !state.captions;
    for (const item of document.querySelectorAll("#menu-list > li")) item.classList.toggle("current", Number(item.dataset.section) === slide.section);
  }
  function jumpToSection(number) {
    const section = sections.find(s => s.number === number);
    if (section) { menu.hidden = true; show(section.first, true); }
  }
  function typedDigit(digit) {
    clearTimeout(state.digitTimer);
    const typed = state.pendingDigits + digit;
    const exact = sections.some(s => s.number === Number(typed));
    const longer = sections.some(s => String(s.number).length > typed.length && String(s.number).startsWith(typed) && typed !== "0");
    if (longer && typed.length < 2) {
      state.pendingDigits = typed;
      state.digitTimer = setTimeout(() => { state.pendingDigits = ""; if (exact) jumpToSection(Number(typed)); }, 600);
      return;
    }
    state.pendingDigits = "";
    if (exact) jumpToSection(Number(typed));
  }
  function buildMenu() {
    const list = document.getElementById("menu-list");
    list.start = 0;
    for (const section of sections) {
      const item = document.createElement("li");
      item.value = section.number; item.dataset.section = section.number;
      item.textContent = section.title;
      const steps = document.createElement("ol");
      slides.forEach((slide, i) => {
        if (slide.section !== section.number) return;
        const step = document.createElement("li");
        step.textContent = slide.title;
        step.addEventListener("click", event => { event.stopPropagation(); menu.hidden = true; show(i, true); });
        steps.appendChild(step);
      });
      item.appendChild(steps);
      item.addEventListener("click", () => jumpToSection(section.number));
      list.appendChild(item);
    }
  }
  document.addEventListener("keydown", event => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (key === "ArrowRight" || key === " " || key === "PageDown" || key === "Enter") show(state.index + 1, true);
    else if (key === "ArrowLeft" || key === "PageUp" || key === "Backspace") show(state.index - 1, false);
    else if (key === "Home") show(0, true);
    else if (key === "End") show(slides.length - 1, false);
    else if (/^[0-9]$/.test(key)) typedDigit(key);
    else if (key === "m") menu.hidden = !menu.hidden;
    else if (key === "Escape") menu.hidden = true;
    else if (key === "c") { state.captions = !state.captions; render(); }
    else if (key === "s") presenter.hidden = !presenter.hidden;
    else if (key === "u") video.muted = !video.muted;
    else if (key === "f") {
      if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen().catch(() => {});
    } else return;
    event.preventDefault();
  });
  video.addEventListener("click", () => show(state.index + 1, true));
  buildMenu();
  window.deck = {
    slides, sections, state,
    get index() { return state.index; },
    get playing() { return state.playing; },
    get captionsOn() { return state.captions; },
    get currentTime() { return video.currentTime; },
    get currentClip() { return state.loaded; },
    next: () => show(state.index + 1, true), back: () => show(state.index - 1, false), jump: jumpToSection,
  };
  requestAnimationFrame(tick);
  show(0, false);
})();
</script>
</body>
</html>
"""
