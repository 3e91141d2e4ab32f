"""The base scene every section subclasses: theme, header, captions, shown numbers.

A section scene sets ``section_number`` and writes ``construct`` as a short list of
named steps. The base gives it the active preset, the guide's titles, the section's
data from ``backprop_core``, and helpers that keep captions and numbers on record
so tests can check what a scene said and showed.
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UL,
    UP,
    Animation,
    FadeIn,
    FadeOut,
    Mobject,
    Scene,
    Text,
    VGroup,
    Write,
    config,
    logger,
)

from backprop_core.formatting import fmt
from backprop_core.guide import GuideSection, section
from backprop_core.preset import DEFAULT_PRESET, Preset, preset_from_json

from .layout import SAFE_MARGIN, content_area, fit_width, safe_area
from .lightweight import shed_build_parts
from .theme import THEME, Theme, register_fonts
from .typography import FormulaPart, Role, WrappedText, formula_text, styled_text

PRESET_ENV_VAR = "BACKPROP_PRESET"
NARRATION_ENV_VAR = "BACKPROP_NARRATION"
RANDOM_SEED = 1986
#: Seconds of quiet after a spoken sentence before the next one starts.
SPEECH_GAP = 0.35
#: Under narration, the longest a say() leaves the picture still after its animations,
#: and the most its animations are slowed to get there.
NARRATED_HOLD = 2.0
NARRATED_MAX_STRETCH = 2.5


def stretched_run_time(run_time: float, sentence: float) -> float:
    """How long a say()'s animations play under a spoken sentence of ``sentence`` seconds:
    slowed (at most :data:`NARRATED_MAX_STRETCH` times) so that at most
    :data:`NARRATED_HOLD` seconds of the sentence are left standing still."""
    if run_time <= 0:
        return run_time
    wanted = sentence - NARRATED_HOLD
    return min(max(run_time, wanted), run_time * NARRATED_MAX_STRETCH, sentence)


@dataclass(frozen=True)
class CaptionRecord:
    """One subcaption as the scene emitted it (times in seconds of scene time)."""

    start: float
    duration: float
    text: str


@dataclass(frozen=True)
class NarrationCue:
    """One spoken sentence placed on the scene's timeline (seconds of scene time).

    ``path`` is the take's WAV (see ``render_pipeline.narration``); the render
    pipeline mixes the cues into the clip's audio track.
    """

    start: float
    text: str
    path: str
    duration: float


@dataclass(frozen=True)
class StepRecord:
    """A step of the scene (a beat of the guide): where a presenter may pause.

    ``start`` is the scene time at which the step begins; it runs until the next
    step starts (or the scene ends).
    """

    start: float
    title: str


@dataclass(frozen=True)
class ShownNumber:
    """One number the scene put on screen: the exact string and the value behind it."""

    text: str
    value: float


def active_preset() -> Preset:
    """The preset handed to this process in ``BACKPROP_PRESET`` (JSON), else the default."""
    raw = os.environ.get(PRESET_ENV_VAR, "").strip()
    return preset_from_json(raw) if raw else DEFAULT_PRESET


def active_narrator() -> Any:
    """The narrator handed to this process in ``BACKPROP_NARRATION`` (JSON), else None:
    no voice, and captions are paced by reading time (previews, the scene tests)."""
    if not os.environ.get(NARRATION_ENV_VAR, "").strip():
        return None
    from render_pipeline.narration import Narrator

    return Narrator.from_environment()


def load_section_data(number: int, preset: Preset) -> Any:
    """The section's data object from ``backprop_core.sections`` (None if that package is absent)."""
    try:
        from backprop_core.sections import section_data
    except ImportError as error:
        logger.warning("backprop_core.sections unavailable (%s); scene data is None", error)
        return None
    return section_data(number, preset)


class SectionScene(Scene):
    """Base class of every section scene.

    Subclasses set ``section_number`` (0 is the cover). After ``setup`` the scene has
    ``self.preset``, ``self.guide`` (a ``GuideSection``), ``self.data`` (the section's
    frozen dataclass), ``self.theme``, and empty records ``self.captions`` and
    ``self.shown_numbers``.
    """

    section_number: ClassVar[int]
    theme: ClassVar[Theme] = THEME

    def setup(self) -> None:
        super().setup()
        random.seed(RANDOM_SEED)
        np.random.seed(RANDOM_SEED)
        register_fonts()
        self.camera.background_color = self.theme.colors.background
        self.preset: Preset = active_preset()
        self.guide: GuideSection = section(self.section_number)
        self.data: Any = load_section_data(self.section_number, self.preset)
        self.captions: list[CaptionRecord] = []
        self.shown_numbers: list[ShownNumber] = []
        self.steps: list[StepRecord] = []
        self.narrator: Any = active_narrator()
        self.speech_cues: list[NarrationCue] = []
        self._narration_ends = -math.inf
        self._narration_in_caption = False
        self.header: Mobject | None = None
        self.heading: Mobject | None = None

    def add(self, *mobjects: Mobject) -> "SectionScene":
        """Manim's ``add``; texts shed their build-only parts first (see ``shed_build_parts``).

        Introducing animations (FadeIn, Write, Create) add their mobject before
        copying it, so texts a scene makes itself are cheap to animate too.
        """
        for mobject in mobjects:
            shed_build_parts(mobject)
        return super().add(*mobjects)

    def compile_animation_data(self, *animations: Any, **play_kwargs: Any) -> Any:
        compiled = super().compile_animation_data(*animations, **play_kwargs)
        # A transform copies its target, which is not in the scene, when it begins
        # (after this; before it, the play cache hashes what will be copied).
        for animation in self.animations or ():
            _shed_animation(animation)
        return compiled

    def add_subcaption(self, content: str, duration: float = 1, offset: float = 0) -> None:
        """Manim's subcaption (goes to the .srt), also kept in ``self.captions``.

        ``self.play(..., subcaption="…")`` comes through here too, so every caption
        a scene emits is on record. A caption that did not come from :meth:`say` or
        :meth:`caption` is spoken where it starts, without changing the scene's timing.
        """
        self.captions.append(CaptionRecord(self.time + offset, duration, content))
        if not self._narration_in_caption:
            self._narration_take(content, self.time + offset)
        super().add_subcaption(content, duration=duration, offset=offset)

    def caption(self, text: str, duration: float | None = None) -> float:
        """Start a caption now for ``duration``; returns the duration.

        The default duration is its reading time, or, when narrated, the longer of
        that and its spoken sentence plus a short gap. Does not wait: pair it with
        animations, or use :meth:`say`. When narrated, a caption never starts while
        the previous sentence is still being spoken (the scene holds until it ends).
        """
        self.finish_speech()
        spoken = self._narration_take(text, self.time)
        if duration is None:
            duration = self._narration_sentence_time(text, spoken)
        self._narration_in_caption = True
        try:
            self.add_subcaption(text, duration=duration)
        finally:
            self._narration_in_caption = False
        return duration

    def say(self, text: str, *animations: Animation | Mobject, run_time: float | None = None, **play_kwargs: Any) -> None:
        """Caption ``text``, speak it when narrated, and spend its time on screen.

        The sentence's time is its reading time, or, when narrated, the longer of
        that and the spoken sentence plus a short gap (:data:`SPEECH_GAP`). The
        animations (if any) play for ``run_time`` (default: the theme's normal run
        time, never longer than the sentence's time), then the scene holds for the
        rest of it (under a spoken sentence longer than that, the animations are
        slowed first, see :func:`stretched_run_time`, so the picture keeps moving
        under the voice). The caption and the speech start together, when ``say`` is
        called (after any sentence still being spoken has ended), and the caption
        lasts until ``say`` returns.
        """
        with self.saying(text) as sentence:
            if animations:
                anim_time = run_time if run_time is not None else min(self.theme.pacing.normal, sentence)
                if self._narration_ends > self.time:
                    anim_time = stretched_run_time(anim_time, sentence)
                self.play(*animations, run_time=anim_time, **play_kwargs)
            elif run_time:
                self.wait(run_time)

    @contextmanager
    def saying(self, text: str) -> Iterator[float]:
        """``say`` for a sequence of plays: ``with self.saying(text): self.play(...); ...``.

        Starts the caption and its speech (after any sentence still being spoken), yields
        the sentence's time, and on leaving holds for whatever of it the plays inside
        did not fill; the caption covers the time that actually passed.
        """
        self.finish_speech()
        start = self.time
        spoken = self._narration_take(text, start)
        sentence = self._narration_sentence_time(text, spoken)
        yield sentence
        remaining = sentence - (self.time - start)
        if remaining > 1e-3:
            self.wait(self._narration_frames(remaining) if spoken is not None else remaining)
        # Frames quantise time, so caption what actually elapsed: back-to-back
        # say() calls then give captions that touch but never overlap.
        elapsed = self.time - start
        self._narration_in_caption = True
        try:
            self.add_subcaption(text, duration=elapsed, offset=-elapsed)
        finally:
            self._narration_in_caption = False

    def finish_speech(self) -> None:
        """Hold until the sentence being spoken (and the gap after it) has ended."""
        if self.narrator is None:
            return
        remaining = self._narration_ends + SPEECH_GAP - self.time
        if remaining > 1e-3:
            self.wait(self._narration_frames(remaining))

    def _narration_sentence_time(self, text: str, spoken: float | None) -> float:
        reading = self.theme.pacing.reading_time(text)
        return reading if spoken is None else max(reading, spoken + SPEECH_GAP)

    def _narration_take(self, text: str, start: float) -> float | None:
        """Place the take of ``text`` at ``start``; its duration, or None when not narrated."""
        if self.narrator is None or not text.strip():
            return None
        take = self.narrator.take(text)
        if take is None:
            return None
        self.speech_cues.append(NarrationCue(start, text, take.path, take.duration))
        self._narration_ends = max(self._narration_ends, start + take.duration)
        return take.duration

    @staticmethod
    def _narration_frames(seconds: float) -> float:
        """``seconds`` rounded up to whole frames, so rendered and cached plays agree on time."""
        rate = float(config.frame_rate or 0)
        return math.ceil(seconds * rate - 1e-6) / rate if rate > 0 else seconds

    def tear_down(self) -> None:
        """A scene never ends mid-sentence: hold until the last one has been spoken."""
        self.finish_speech()
        super().tear_down()

    def step(self, title: str) -> None:
        """Mark the start of a step (a short title such as "multiply by w").

        Steps are the beats a presenter pauses between; they are recorded in
        ``self.steps`` with the scene time at which they start.
        """
        if self.steps and abs(self.steps[-1].start - self.time) < 1e-9:
            self.steps[-1] = StepRecord(self.time, title)
        else:
            self.steps.append(StepRecord(self.time, title))

    def text(self, content: str, role: Role = "body", **kwargs: Any) -> Text:
        """A ``Text`` in the theme's font and the size of ``role`` (see ``styled_text``)."""
        return styled_text(content, role, theme=self.theme, **kwargs)

    def paragraph(self, content: str, max_width: float | None = None, role: Role = "body", **kwargs: Any) -> WrappedText:
        """Wrapped prose, at most ``max_width`` wide (default: the safe area's width)."""
        width = max_width if max_width is not None else safe_area().width
        return WrappedText(content, width, role, theme=self.theme, **kwargs)

    def record_number(self, text: str, value: float) -> None:
        """Note that ``text`` (formatted from ``value``) is on screen."""
        self.shown_numbers.append(ShownNumber(text, float(value)))

    def number(
        self,
        value: float,
        digits: int | None = None,
        *,
        sign: bool = False,
        role: Role = "body",
        **text_kwargs: Any,
    ) -> Text:
        """``fmt(value, digits, sign=sign)`` as a ``Text`` in the number font, recorded as shown."""
        shown = fmt(value, digits, sign=sign)
        self.record_number(shown, value)
        return styled_text(shown, role, mono=True, theme=self.theme, **text_kwargs)

    def number_tex(self, value: float, digits: int | None = None, *, sign: bool = False, role: Role = "body", **text_kwargs: Any) -> Text:
        """The number as it appears inside formulas: the text face (Inter), like :meth:`formula`.

        Kept for scenes that built formulas from MathTex pieces; it no longer makes
        LaTeX (one maths typography). Recorded as shown.
        """
        shown = fmt(value, digits, sign=sign)
        self.record_number(shown, value)
        return styled_text(shown, role, theme=self.theme, **text_kwargs)

    def formula(self, *parts: FormulaPart, role: Role = "body", color: Any = None, font_size: float | None = None) -> Text:
        """A formula in the text face: ``self.formula("ŷ = ReLU(", Term(w, color=…), " × ", x, " + ", b, ") = ", y_hat)``.

        Strings are symbols as shown (ŷ ∂ η × − ² ·), numbers are formatted by
        ``fmt`` and recorded as shown; see :func:`~scenes.kit.typography.formula_text`
        for ``Term`` and ``.part_glyphs``. Build closed equations with
        ``backprop_core.arithmetic`` (compute the result from the shown operands).
        """
        text = formula_text(*parts, role=role, color=color, font_size=font_size, theme=self.theme)
        for shown, value in text.numbers:
            self.record_number(shown, value)
        return text

    def fmt(self, value: float, digits: int | None = None, *, sign: bool = False, tex: bool = False) -> str:
        """``fmt`` that also records the number as shown; for strings built into larger text."""
        self.record_number(fmt(value, digits, sign=sign), value)
        return fmt(value, digits, sign=sign, tex=tex)


    def make_header(self) -> VGroup:
        """The small header ("03 / 12 — Forward Pass") and the heading below it, positioned."""
        safe = safe_area()
        header = self.text(self.guide.header, "header", color=self.theme.colors.muted)
        header.to_corner(UL, buff=SAFE_MARGIN)
        heading = self.text(self.guide.heading, "heading", bold=True)
        fit_width(heading, safe.width)
        heading.next_to(header, DOWN, buff=0.22).align_to(header, LEFT)
        return VGroup(header, heading)

    def show_header(self, run_time: float | None = None) -> None:
        """Animate the section header and heading in (the cover, section 0, has neither)."""
        if self.section_number == 0:
            return
        header, heading = self.make_header()
        self.header, self.heading = header, heading
        self.play(FadeIn(header, shift=0.2 * DOWN), Write(heading), run_time=run_time or self.theme.pacing.normal)
        self.wait(self.theme.pacing.pause)

    def show_intro(self, text: str) -> WrappedText:
        """The section's opening sentence under the heading, at subheading size, captioned."""
        intro = self.paragraph(text, max_width=content_area().width, role="subheading")
        intro.next_to(self.heading, DOWN, buff=0.35).align_to(self.heading, LEFT)
        self.say(text, FadeIn(intro, shift=0.2 * UP))
        return intro

    def content_mobjects(self, keep_heading: bool = False) -> list[Mobject]:
        """Everything on screen except the header (and the heading when asked)."""
        kept = {id(self.header)}
        if keep_heading:
            kept.add(id(self.heading))
        return [mobject for mobject in self.mobjects if id(mobject) not in kept]

    def clear_content(self, run_time: float | None = None, keep_heading: bool = False) -> None:
        """Fade out everything but the header, so the next idea starts on a clean frame."""
        leaving = self.content_mobjects(keep_heading)
        if not leaving:
            return
        self.play(*(FadeOut(mobject) for mobject in leaving), run_time=run_time or self.theme.pacing.quick)
        if not keep_heading:
            self.heading = None


    def pause(self) -> None:
        """A short wait after an idea."""
        self.wait(self.theme.pacing.pause)

    def beat(self) -> None:
        """A normal wait between ideas."""
        self.wait(self.theme.pacing.beat)

    def hold(self) -> None:
        """A long hold: only for a section's big reveal."""
        self.wait(self.theme.pacing.hold)

    def end_section(self, fade: bool = True) -> None:
        """Hold the last frame briefly (and until the last sentence is spoken), then
        fade everything (header included) out."""
        self.finish_speech()
        self.wait(self.theme.pacing.beat)
        if fade and self.mobjects:
            self.play(*(FadeOut(mobject) for mobject in self.mobjects), run_time=self.theme.pacing.quick)


def _shed_animation(animation: Animation) -> None:
    """Shed the build-only parts of what ``animation`` is about to copy (groups included)."""
    for member in getattr(animation, "animations", ()):
        _shed_animation(member)
    for name in ("mobject", "target_mobject"):
        mobject = getattr(animation, name, None)
        if isinstance(mobject, Mobject):
            shed_build_parts(mobject)


__all__ = [
    "CaptionRecord",
    "NARRATION_ENV_VAR",
    "NarrationCue",
    "PRESET_ENV_VAR",
    "RANDOM_SEED",
    "SectionScene",
    "SPEECH_GAP",
    "ShownNumber",
    "StepRecord",
    "active_narrator",
    "active_preset",
    "load_section_data",
]
