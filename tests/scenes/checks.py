"""The checks the scene tests apply to a :class:`~tests.scenes.harness.SceneRecord`.

Each check returns a list of problems (strings naming the scene, the time and the
texts); an empty list means the record passes. They are plain functions so the
fixture tests can feed them deliberately broken scenes and assert that they fail.

Layout
    Every visible text lies inside the frame minus :data:`FRAME_MARGIN` (the kit's
    safe margin, with :data:`FRAME_TOLERANCE` slack), and no two visible texts'
    bounding boxes overlap by more than :data:`OVERLAP_TOLERANCE` in both
    directions, unless one of them (or a group containing it) has
    ``allow_overlap = True``.

Provenance
    Every number token in every shown string (Text, MarkupText, Paragraph,
    Tex/MathTex source, DecimalNumber string, live readout) is a value of the
    scene's data formatted by ``fmt`` (any digits, sign, grouping; digits=0 only
    for integral values), or part of a string of the data or of the guide's
    non-computed facts (headers "03 / 12", titles, the year). See
    :class:`NumberPool` for what counts as a value of the data.

Captions
    The guide's sentences of the scene's section (see :func:`guide_sentences`) each
    appear, normalised, in the scene's captions plus its on-screen text, and no
    two caption cues overlap in time.

The film (issue 10; ``test_film.py``)
    Nothing visible in the subtitle band (:func:`subtitle_band_problems`); no play
    morphs a text into a different string (:func:`text_morph_problems`); no hold
    over 3 s without motion or a new caption, a picture within 2 s
    (:func:`dead_time_problems`), and narrated (the default build) no hold over 3 s
    at all while the sentences are spoken (:func:`narrated_hold_problems`); shown arithmetic adds up as shown
    (:func:`arithmetic_problems`); no LaTeX on screen (:func:`tex_problems`).
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import numbers
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from backprop_core.formatting import fmt

from tests.scenes.harness import SceneRecord, TextItem

GUIDE_PATH = Path(__file__).resolve().parents[1] / "guide.txt"

#: Distance kept clear at the frame's edges (the kit's SAFE_MARGIN).
FRAME_MARGIN = 0.4
#: Slack on the margin, in manim units (a glyph's ink may poke out slightly).
FRAME_TOLERANCE = 0.05
#: Two boxes overlap when they intersect by more than this in x and in y.
OVERLAP_TOLERANCE = 0.02
#: Collections with more numbers than this are pictures (curves, grids), not
#: readouts: only their first, last, smallest and largest values may be shown.
LARGE_COLLECTION = 64


def _box(item: TextItem) -> str:
    return f"[x {item.left:.2f}..{item.right:.2f}, y {item.bottom:.2f}..{item.top:.2f}]"


def layout_problems(record: SceneRecord, margin: float = FRAME_MARGIN) -> list[str]:
    """Texts outside the frame margin, and overlapping texts, at every checkpoint."""
    problems: list[str] = []
    half_w = record.frame_width / 2 - margin + FRAME_TOLERANCE
    half_h = record.frame_height / 2 - margin + FRAME_TOLERANCE
    reported: set[tuple[Any, ...]] = set()
    for checkpoint in record.checkpoints:
        texts = checkpoint.texts
        for item in texts:
            if item.left < -half_w or item.right > half_w or item.bottom < -half_h or item.top > half_h:
                key = ("frame", item.text, round(item.left, 2), round(item.top, 2))
                if key not in reported:
                    reported.add(key)
                    problems.append(
                        f"{record.label} {checkpoint.where()}: {item.kind} {item.text!r} {_box(item)} "
                        f"leaves the frame margin (|x| <= {half_w:.2f}, |y| <= {half_h:.2f})"
                    )
        for i, first in enumerate(texts):
            for second in texts[i + 1 :]:
                if first.allow_overlap or second.allow_overlap:
                    continue
                overlap_x = min(first.right, second.right) - max(first.left, second.left)
                overlap_y = min(first.top, second.top) - max(first.bottom, second.bottom)
                if overlap_x > OVERLAP_TOLERANCE and overlap_y > OVERLAP_TOLERANCE:
                    key = ("overlap", first.text, second.text, round(first.left, 2), round(second.left, 2))
                    if key not in reported:
                        reported.add(key)
                        problems.append(
                            f"{record.label} {checkpoint.where()}: {first.kind} {first.text!r} {_box(first)} "
                            f"overlaps {second.kind} {second.text!r} {_box(second)}"
                        )
    return problems


class NumberPool:
    """The numbers a scene may show: values of its data, and digit-bearing strings.

    Values come from the data object flattened recursively: dataclass fields and
    public properties, tuples, lists, dicts, numpy arrays and other objects of
    ``backprop_core``. Collections larger than :data:`LARGE_COLLECTION` add only
    their first, last, smallest and largest values. Strings found in the data
    (and the guide's facts) that contain digits are allowed verbatim.
    """

    def __init__(self, data: Any, extra_values: Iterable[float] = (), extra_strings: Iterable[str] = ()) -> None:
        self.values: list[float] = []
        self.integral: set[float] = set()
        self.strings: set[str] = set()
        self._visit(data, set(), 0)
        for value in extra_values:
            self._add(value)
        for text in extra_strings:
            self._add_string(text)
        self.values = sorted(set(self.values))
        self.digit_strings = sorted((s for s in self.strings if any(c.isdigit() for c in s)), key=len, reverse=True)

    def _add(self, value: Any) -> None:
        number = float(value)
        if math.isfinite(number):
            self.values.append(number)
            if number.is_integer():
                self.integral.add(number)

    def _add_string(self, text: str) -> None:
        self.strings.add(text)

    def _add_many(self, numbers_: list[Any]) -> None:
        if len(numbers_) > LARGE_COLLECTION:
            finite = [float(n) for n in numbers_ if math.isfinite(float(n))]
            numbers_ = [numbers_[0], numbers_[-1]] + ([min(finite), max(finite)] if finite else [])
        for number in numbers_:
            self._add(number)

    def _visit(self, obj: Any, seen: set[int], depth: int) -> None:
        if depth > 12 or obj is None:
            return
        if isinstance(obj, bool) or isinstance(obj, np.bool_):
            return
        if isinstance(obj, (numbers.Real, np.number)):
            self._add(obj)
            return
        if isinstance(obj, str):
            self._add_string(obj)
            return
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, np.ndarray):
            if obj.dtype.kind in "iuf":
                self._add_many(list(obj.ravel()))
            else:
                for item in obj.ravel().tolist():
                    self._visit(item, seen, depth + 1)
            return
        if isinstance(obj, dict):
            for value in obj.values():
                self._visit(value, seen, depth + 1)
            return
        if isinstance(obj, (list, tuple, set, frozenset)):
            items = list(obj)
            if items and all(isinstance(i, (numbers.Real, np.number)) and not isinstance(i, bool) for i in items):
                self._add_many(items)
            else:
                for item in items:
                    self._visit(item, seen, depth + 1)
            return
        if dataclasses.is_dataclass(obj):
            for data_field in dataclasses.fields(obj):
                self._visit(getattr(obj, data_field.name, None), seen, depth + 1)
            self._visit_properties(obj, seen, depth)
            return
        if type(obj).__module__.startswith("backprop_core"):
            for name, value in vars(obj).items() if hasattr(obj, "__dict__") else ():
                if not name.startswith("_"):
                    self._visit(value, seen, depth + 1)
            self._visit_properties(obj, seen, depth)

    def _visit_properties(self, obj: Any, seen: set[int], depth: int) -> None:
        for klass in type(obj).__mro__:
            for name, member in vars(klass).items():
                if isinstance(member, property) and not name.startswith("_"):
                    try:
                        value = getattr(obj, name)
                    except Exception:
                        continue
                    self._visit(value, seen, depth + 1)

    def allows(self, token: "NumberToken") -> bool:
        candidates = self._near(token.value, token.window)
        if token.binary_minus:
            candidates += self._near(-token.value, token.window)
        for value in candidates:
            for shown in _formats(value, token.decimals, value in self.integral, token.scientific):
                if shown == token.text or (token.binary_minus and shown == MINUS + token.text):
                    return True
        return False

    def _near(self, value: float, window: float) -> list[float]:
        low = bisect.bisect_left(self.values, value - window)
        high = bisect.bisect_right(self.values, value + window)
        return self.values[low:high]


MINUS = "\u2212"


def _formats(value: float, decimals: int, integral: bool, scientific: bool) -> set[str]:
    shown: set[str] = set()
    for sign in (False, True):
        for group in (False, True):
            shown.add(fmt(value, sign=sign, group=group))
            if integral:
                shown.add(fmt(int(value), sign=sign, group=group))
            if not scientific and (decimals > 0 or integral):
                shown.add(fmt(value, decimals, sign=sign, group=group))
    return shown


@dataclass(frozen=True)
class NumberToken:
    """A number found in shown text, in ``fmt``'s spelling (true minus, ×10⁻⁷)."""

    text: str
    value: float
    decimals: int
    scientific: bool
    #: Preceded by a minus that is an operator ("0.5 − 0.01"): the data may hold −0.01.
    binary_minus: bool

    @property
    def window(self) -> float:
        if self.scientific:
            return abs(self.value) * 0.1
        return 10.0 ** (-self.decimals)


_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789-", _SUPERSCRIPT_DIGITS + "⁻")
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_DIGITS + "⁻", "0123456789-")
_NUMBER = re.compile(
    r"(?P<sign>[+\-\u2212])?"
    r"(?P<body>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?P<sci>\u00d710⁻?[{_SUPERSCRIPT_DIGITS}]+)?"
)
#: A decade label of a log axis ("10⁻⁶"): the number shown is its exponent.
_DECADE = re.compile(rf"(?<![\d.,\u00d7])10(?P<exponent>⁻?[{_SUPERSCRIPT_DIGITS}]+)")
_UNARY_BEFORE = set("([{=,:;×·*/|≈→<>≤≥+-\u2212")


def tex_to_plain(tex: str) -> str:
    """LaTeX math source to text that the number regex reads like fmt's output.

    ``\\times10^{-7}`` becomes ``×10⁻⁷``; other exponents and subscripts (``^2``,
    ``w_{1}``) are notation, not shown values, and are dropped; commands and
    braces become spaces.
    """
    text = re.sub(
        r"\\times\s*10\s*\^\s*\{?\s*(-?\d+)\s*\}?",
        lambda m: "\u00d710" + m.group(1).translate(_TO_SUPERSCRIPT),
        tex,
    )
    text = text.replace("{,}", ",")
    for _ in range(3):
        text = re.sub(r"[\^_]\s*\{[^{}]*\}", " ", text)
    text = re.sub(r"[\^_]\s*\\?[A-Za-z0-9]", " ", text)
    text = re.sub(r"\\[A-Za-z]+", " ", text)
    text = re.sub(r"\\.", " ", text)
    return text.replace("{", " ").replace("}", " ").replace("&", " ")


def number_tokens(text: str) -> list[NumberToken]:
    """Number tokens in ``text`` (plain text; convert LaTeX with :func:`tex_to_plain` first).

    Digits glued to letters ("GPT-4", "w1", "2D", "10-minute") are part of a
    name, not numbers. A decade label "10⁻⁶" reads as its exponent, −6. A sign belongs to the number when it touches the digits
    and follows a space, an opening bracket or an operator.
    """
    tokens: list[NumberToken] = []
    for match in _DECADE.finditer(text):
        exponent = int(match.group("exponent").translate(_FROM_SUPERSCRIPT))
        tokens.append(NumberToken(fmt(exponent), float(exponent), 0, False, False))
    text = _DECADE.sub(lambda m: " " * len(m.group(0)), text)
    for match in _NUMBER.finditer(text):
        start, end = match.start(), match.end()
        sign = match.group("sign")
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if after and (after.isalnum() or (after in "-\u2212" and text[end + 1 : end + 2].isalpha())):
            continue
        binary_minus = False
        if sign:
            body_start = match.start("body")
            if before and (before.isalnum() or before in ")]}._"):
                # "w-0.01", "GPT-4": an operator or a hyphen, not the number's sign.
                if before.isalpha() and sign in "-\u2212":
                    continue
                binary_minus = sign in "-\u2212"
                sign = None
                start = body_start
        else:
            if before and (before.isalnum() or before in "._"):
                continue
            previous = text[:start].rstrip()
            binary_minus = previous.endswith(("-", MINUS)) and not previous[:-1].rstrip()[-1:] in _UNARY_BEFORE | {""}
        body = match.group("body")
        sci = match.group("sci") or ""
        spelled = ("+" if sign == "+" else MINUS if sign else "") + body + sci
        plain_body = body.replace(",", "")
        value = float(plain_body)
        if sci:
            value *= 10.0 ** int(sci[3:].translate(_FROM_SUPERSCRIPT))
        if sign and sign != "+":
            value = -value
        decimals = len(plain_body.split(".")[1]) if "." in plain_body else 0
        tokens.append(NumberToken(spelled, value, decimals, bool(sci), binary_minus))
    return tokens


def guide_pool_extras() -> tuple[list[float], list[str]]:
    """Non-computed facts of the guide a scene may show: counts, the year, titles."""
    from backprop_core import guide

    values: list[float] = [guide.SECTION_COUNT, guide.PAPER_YEAR]
    strings: list[str] = [guide.PAPER_AUTHORS, guide.COVER_SUBTITLE, *guide.COVER_TAGS]
    for entry in guide.SECTIONS:
        strings += [entry.title, entry.heading, entry.kicker, entry.header]
    return values, strings


def pool_for(record: SceneRecord) -> NumberPool:
    values, strings = guide_pool_extras()
    return NumberPool(record.data, values, strings)


def unexplained_numbers(text: str, is_tex: bool, pool: NumberPool) -> list[str]:
    """Number tokens of ``text`` that no value or string of ``pool`` explains."""
    plain = tex_to_plain(text) if is_tex else text
    for allowed in pool.digit_strings:
        if allowed in plain:
            plain = plain.replace(allowed, " ")
    return [token.text for token in number_tokens(plain) if not pool.allows(token)]


def provenance_problems(record: SceneRecord, pool: NumberPool | None = None) -> list[str]:
    """Shown numbers that are not fields of the scene's data, formatted by ``fmt``.

    Also: a live readout whose text is not what its value function gives at that
    checkpoint, and a number the scene recorded (``self.number``/``self.fmt``)
    whose value is not in the data or whose string is not ``fmt`` of it.
    """
    pool = pool or pool_for(record)
    problems: list[str] = []
    checked: set[tuple[str, bool]] = set()
    for checkpoint in record.checkpoints:
        for item in checkpoint.texts:
            if item.expected_text is not None and item.expected_text != item.text:
                problems.append(
                    f"{record.label} {checkpoint.where()}: live readout shows {item.text!r} "
                    f"but its value function gives {item.expected_text!r}"
                )
            if (item.text, item.is_tex) in checked:
                continue
            checked.add((item.text, item.is_tex))
            bad = unexplained_numbers(item.text, item.is_tex, pool)
            if bad:
                problems.append(
                    f"{record.label} {checkpoint.where()}: {item.kind} {item.text!r} shows "
                    f"{', '.join(repr(b) for b in bad)}, not a field of {type(record.data).__name__} formatted by fmt"
                )
    for text, value in dict.fromkeys(record.shown_numbers):
        if not any(math.isclose(value, v, rel_tol=1e-12, abs_tol=1e-15) for v in pool._near(value, 1e-9 + abs(value) * 1e-9)):
            problems.append(f"{record.label}: recorded number {text!r} = {value!r} is not a value of the data")
        if unexplained_numbers(text, False, pool):
            problems.append(f"{record.label}: recorded number {text!r} is not fmt of a data value")
    return problems


_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_QUOTES = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb`*"


def normalise(text: str) -> str:
    """Text reduced for comparison: NFKC, casefolded, one kind of dash, no quotes,
    no emoji, single spaces, no space inside brackets or before punctuation."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        " " if unicodedata.category(ch) in ("So", "Cs") else ch
        for ch in text
        if unicodedata.category(ch) not in ("Cf", "Mn") or unicodedata.combining(ch)
        if ch not in "\ufe0e\ufe0f"
    )
    text = unicodedata.normalize("NFC", text)
    for dash in _DASHES:
        text = text.replace(dash, "-")
    for quote in _QUOTES:
        text = text.replace(quote, "")
    text = text.casefold()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+([.,!?;:)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    return text.strip()


_SECTION_MARK = re.compile(r"^(\d{2}) / \d{2}\b")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)*]*$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])|(?<=[.!?][\"\u201d])\s+(?=[A-Z\"\u201c])")
#: A line without final punctuation still counts as prose from this many words.
MIN_PROSE_WORDS = 6


def guide_sections(path: Path = GUIDE_PATH) -> dict[int, list[str]]:
    """The guide's lines by section number, split at the "NN / 12" markers."""
    sections: dict[int, list[str]] = {}
    current: int | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        mark = _SECTION_MARK.match(line)
        if mark:
            current = int(mark.group(1))
            sections[current] = []
            continue
        if current is not None and line:
            sections[current].append(line)
    return sections


def counts_as_prose(line: str) -> bool:
    """Whether a guide line is narration the captions must cover.

    A line counts when it ends like a sentence (. ! ?), or when it has at least
    :data:`MIN_PROSE_WORDS` words and no "=" (the cover's subtitle, the closing
    "Repeat for N epochs ..."). Labels ("Input", "Mean Squared Error") and
    formula lines ("ŷ = ReLU(w · x + b) = ...", "Loss: L = ...") do not: their
    numbers are checked by the provenance test instead.
    """
    if _SENTENCE_END.search(line):
        return True
    return len(line.split()) >= MIN_PROSE_WORDS and "=" not in line


def guide_sentences(number: int, path: Path = GUIDE_PATH) -> list[str]:
    """The sentences of guide section ``number`` that captions and screen must cover."""
    sentences: list[str] = []
    for line in guide_sections(path).get(number, []):
        if not counts_as_prose(line):
            continue
        for sentence in _SENTENCE_SPLIT.split(line):
            if normalise(sentence):
                sentences.append(sentence.strip())
    return sentences


def caption_problems(record: SceneRecord, sentences: list[str] | None = None) -> list[str]:
    """Guide sentences of the scene's section missing from captions and screen; overlapping cues."""
    problems: list[str] = []
    if sentences is None:
        sentences = guide_sentences(record.section_number) if record.section_number is not None else []
    cues = sorted(record.captions, key=lambda c: (c.start, c.duration))
    haystack = normalise(" ".join(c.text for c in cues)) + " \u2016 " + normalise(" \u2016 ".join(record.screen_texts()))
    for sentence in sentences:
        if normalise(sentence) not in haystack:
            problems.append(f"{record.label}: guide sentence not in captions or on screen: {sentence!r}")
    for earlier, later in zip(cues, cues[1:]):
        if later.start < earlier.start + earlier.duration - 1e-6:
            problems.append(
                f"{record.label}: caption {later.text!r} at {later.start:.2f}s starts before "
                f"{earlier.text!r} ({earlier.start:.2f}s + {earlier.duration:.2f}s) ends"
            )
    for cue in cues:
        if cue.duration <= 0 or not cue.text.strip():
            problems.append(f"{record.label}: empty caption cue {cue.text!r} at {cue.start:.2f}s")
    return problems


# --- The film checks (issue 10): tests/scenes/test_film.py applies them to every scene. ---

#: Share of the frame's height at the bottom where players draw subtitles (scenes.kit.layout).
SUBTITLE_BAND_SHARE = 0.12
#: A part may reach this far into the subtitle band (a glyph's ink, a stroke's end).
BAND_TOLERANCE = 0.02
#: Longest time in which nothing moves and no caption starts.
MAX_STILL_SECONDS = 3.0
#: Longest time before the first visual that is not text.
MAX_OPENING_SECONDS = 2.0


def subtitle_band_top(record: SceneRecord, share: float = SUBTITLE_BAND_SHARE) -> float:
    """The y below which a player's subtitles go (−4 + 0.12 × 8 = −3.04 in manim's frame)."""
    return -record.frame_height / 2 + share * record.frame_height


def subtitle_band_problems(record: SceneRecord, share: float = SUBTITLE_BAND_SHARE) -> list[str]:
    """Visible content (text, shapes, lines, axes, dots) in the bottom ``share`` of the frame.

    Checked at the end of every play and wait, on each visible top-level mobject's
    parts drawn inside the frame (a full-frame backdrop does not count).
    """
    band_top = subtitle_band_top(record, share)
    problems: list[str] = []
    reported: set[tuple[str, str]] = set()
    for checkpoint in record.checkpoints:
        for shape in checkpoint.shapes:
            if shape.lowest_bottom >= band_top - BAND_TOLERANCE:
                continue
            key = (shape.kind, shape.lowest)
            if key in reported:
                continue
            reported.add(key)
            problems.append(
                f"{record.label} {checkpoint.where()}: {shape.lowest} (in a {shape.kind}) reaches down to "
                f"y = {shape.lowest_bottom:.2f}, into the subtitle band (y < {band_top:.2f})"
            )
    return problems


def _play_span(record: SceneRecord, checkpoint: Any) -> str:
    return f"{record.label} {checkpoint.kind} #{checkpoint.index} at t={checkpoint.start:.2f}-{checkpoint.time:.2f}s"


def text_morph_problems(record: SceneRecord) -> list[str]:
    """Plays that morph a text into a different string by outline interpolation.

    ``Transform``, ``ReplacementTransform``, ``TransformFromCopy``, ``.animate``/
    ``MoveToTarget``/``ApplyMethod`` (``.become``, ``set_value``) between different
    strings show scrambled glyphs for most of their run time. Clean changes:
    ``FadeTransform``, ``TransformMatchingShapes``/``TransformMatchingTex``,
    ``FadeOut`` + ``FadeIn`` (the kit's ``swap_text``), a ``LiveNumber``.
    """
    problems: list[str] = []
    for checkpoint in record.checkpoints:
        for morph in checkpoint.morphs:
            problems.append(
                f"{_play_span(record, checkpoint)}: {morph} morphs a text into a different string "
                f"(use swap_text/FadeTransform, TransformMatchingShapes or a LiveNumber)"
            )
    return problems


@dataclass(frozen=True)
class StillStretch:
    """A stretch of scene time in which nothing moves and no caption starts."""

    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


def still_stretches(record: SceneRecord) -> list[StillStretch]:
    """The still stretches of a record's timeline, in order.

    Motion is a play with an animation other than ``Wait``, or a wait during which
    an updater changed what is drawn; a caption that starts splits a stretch.
    """
    moving = sorted((c.start, c.time) for c in record.checkpoints if c.moving and c.time > c.start)
    cuts = sorted(c.start for c in record.captions)
    stretches: list[StillStretch] = []
    cursor = 0.0

    def still(start: float, end: float) -> None:
        inner = [t for t in cuts if start < t < end]
        for a, b in zip([start, *inner], [*inner, end]):
            if b > a:
                stretches.append(StillStretch(a, b))

    for start, end in moving:
        if start > cursor:
            still(cursor, start)
        cursor = max(cursor, end)
    if record.duration > cursor:
        still(cursor, record.duration)
    return stretches


def motionless_stretches(record: SceneRecord) -> list[StillStretch]:
    """Stretches in which no play moves, whether or not a caption starts in them: what a
    viewer of the narrated video sees, where a sentence being spoken does not count as
    motion."""
    moving = sorted((c.start, c.time) for c in record.checkpoints if c.moving and c.time > c.start)
    stretches: list[StillStretch] = []
    cursor = 0.0
    for start, end in moving:
        if start > cursor:
            stretches.append(StillStretch(cursor, start))
        cursor = max(cursor, end)
    if record.duration > cursor:
        stretches.append(StillStretch(cursor, record.duration))
    return stretches


def narrated_hold_problems(record: SceneRecord, max_still: float = MAX_STILL_SECONDS) -> list[str]:
    """Under narration, holds longer than ``max_still`` in which nothing moves (a caption
    or a spoken sentence that starts does not break them: the picture stands still)."""
    problems = []
    for stretch in motionless_stretches(record):
        if stretch.seconds > max_still + 1e-6:
            spoken = [c.text for c in record.captions if c.start < stretch.end and c.start + c.duration > stretch.start]
            problems.append(
                f"{record.label}: the picture stands still for {stretch.seconds:.2f}s "
                f"(t={stretch.start:.2f}-{stretch.end:.2f}s; at most {max_still:g}s)"
                + (f" while {' / '.join(repr(text[:60]) for text in spoken)} is spoken" if spoken else "")
            )
    return problems


def first_picture_time(record: SceneRecord) -> float | None:
    """When the first visual that is not text begins to appear (None: never)."""
    for checkpoint in record.checkpoints:
        if any(shape.picture for shape in checkpoint.shapes):
            return checkpoint.start
    return None


def dead_time_problems(
    record: SceneRecord, max_still: float = MAX_STILL_SECONDS, max_opening: float = MAX_OPENING_SECONDS
) -> list[str]:
    """Holds longer than ``max_still`` with no motion and no caption start; a late first picture."""
    problems: list[str] = []
    for stretch in still_stretches(record):
        if stretch.seconds > max_still + 1e-6:
            problems.append(
                f"{record.label}: nothing moves and no caption starts for {stretch.seconds:.2f}s "
                f"(t={stretch.start:.2f}-{stretch.end:.2f}s; at most {max_still:g}s)"
            )
    first = first_picture_time(record)
    if first is None:
        problems.append(f"{record.label}: no visual that is not text in the whole scene")
    elif first > max_opening + 1e-6:
        problems.append(
            f"{record.label}: the first visual that is not text appears at t={first:.2f}s "
            f"(open on a picture within {max_opening:g}s)"
        )
    return problems


def tex_to_arithmetic(tex: str) -> str:
    """LaTeX math source to plain text whose arithmetic :func:`equations_in` can read.

    ``\\times``/``\\cdot`` become × and ·, ``^2`` becomes ², ``\\frac{a}{b}`` becomes
    ``(a)/(b)``, ``\\text{ReLU}`` becomes ReLU and ``\\times10^{-7}`` fmt's ``×10⁻⁷``;
    subscripts, other exponents and other commands become symbols (so
    ``w_{new} = …`` reads as a name, never as a number).
    """
    text = re.sub(
        r"\\times\s*10\s*\^\s*\{?\s*(-?\d+)\s*\}?",
        lambda m: "\u00d710" + m.group(1).translate(_TO_SUPERSCRIPT),
        tex,
    )
    text = text.replace("{,}", ",")
    text = re.sub(r"\\(?:text|mathrm|operatorname|textrm|mathit|textit)\s*\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\hat\s*\{?\s*y\s*\}?", "\u0177", text)
    for _ in range(3):
        text = re.sub(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"(\1)/(\2)", text)
    text = re.sub(r"\\left\s*([(\[])|\\right\s*([)\]])", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"\\(?:times)(?![A-Za-z])", "\u00d7", text)
    text = re.sub(r"\\(?:cdot)(?![A-Za-z])", "\u00b7", text)
    text = re.sub(r"\^\s*\{\s*2\s*\}|\^\s*2", "\u00b2", text)
    text = re.sub(r"\^\s*\{\s*3\s*\}|\^\s*3", "\u00b3", text)
    for _ in range(3):
        text = re.sub(r"[\^_]\s*\{[^{}]*\}", "\u00a7", text)
    text = re.sub(r"[\^_]\s*\\?[A-Za-z0-9]", "\u00a7", text)
    text = re.sub(r"\\[,;:! ]", " ", text)
    text = re.sub(r"\\[A-Za-z]+", "\u00a7", text)
    text = text.replace("{", "").replace("}", "").replace("&", " ").replace("-", MINUS)
    return text


#: Texts on one line join into one string when the gap between them is at most this.
LINE_GAP = 0.6


def _same_line(first: TextItem, second: TextItem) -> bool:
    overlap = min(first.top, second.top) - max(first.bottom, second.bottom)
    smaller = min(first.top - first.bottom, second.top - second.bottom)
    return smaller > 0 and overlap >= 0.5 * smaller and -OVERLAP_TOLERANCE <= second.left - first.right <= LINE_GAP


def text_lines(items: Iterable[TextItem]) -> list[tuple[TextItem, ...]]:
    """Runs of two or more texts set side by side on one line, left to right (a label
    next to a live number, a formula built from pieces)."""
    ordered = sorted(items, key=lambda item: item.left)
    lines: list[list[TextItem]] = []
    for item in ordered:
        for line in lines:
            if _same_line(line[-1], item):
                line.append(item)
                break
        else:
            lines.append([item])
    return [tuple(line) for line in lines if len(line) > 1]


def _arithmetic_text(item: TextItem) -> str:
    return tex_to_arithmetic(item.text) if item.is_tex else item.text


def arithmetic_problems(record: SceneRecord) -> list[str]:
    """Shown equations whose result is not what the shown operands give.

    Every visible string (Text, MathTex source, DecimalNumber, live readout), and
    every line of texts set side by side, is searched for ``<arithmetic of numbers>
    = <number>`` (``backprop_core.arithmetic.equations_in``: + − × · / ² ( ) ReLU,
    chains ``a = b = c``; symbolic links are skipped). The result must equal the
    value of the expression, computed from the operands as shown, to the result's
    shown digits: "−2.6 × −0.45 = 1.18" fails (1.17).
    """
    from backprop_core.arithmetic import equations_in, evaluate, is_closed, shown_decimals

    problems: list[str] = []
    seen_texts: set[str] = set()
    reported: set[tuple[str, str]] = set()
    for checkpoint in record.checkpoints:
        sources = [(f"{item.kind} {item.text!r}", _arithmetic_text(item)) for item in checkpoint.texts]
        for line in text_lines(checkpoint.texts):
            joined = " ".join(_arithmetic_text(item) for item in line)
            sources.append((f"the line {' '.join(item.text for item in line)!r}", joined))
        for description, text in sources:
            if text in seen_texts:
                continue
            seen_texts.add(text)
            for equation in equations_in(text):
                if is_closed(equation.expression, equation.result):
                    continue
                key = (equation.expression, equation.result)
                if key in reported:
                    continue
                reported.add(key)
                value = evaluate(equation.expression)
                problems.append(
                    f"{record.label} {checkpoint.where()}: {description} shows {equation.expression} = "
                    f"{equation.result}, but the shown operands give {fmt(value, shown_decimals(equation.result) + 1)} "
                    f"(compute the result from the shown operands: backprop_core.arithmetic.closed, or show more digits)"
                )
    return problems


def tex_problems(record: SceneRecord) -> list[str]:
    """LaTeX (MathTex/Tex) on screen: maths is set in the text face (Inter), one typography.

    Use ``self.formula`` (or ``self.text``) with the symbols as characters
    (ŷ ∂ η × − ²); ``self.number_tex`` already returns Inter text.
    """
    problems: list[str] = []
    seen: set[str] = set()
    for checkpoint in record.checkpoints:
        for item in checkpoint.texts:
            if item.is_tex and item.text not in seen:
                seen.add(item.text)
                problems.append(
                    f"{record.label} {checkpoint.where()}: {item.kind} {item.text!r} is set in LaTeX "
                    f"(Computer Modern); set maths in Inter with self.formula"
                )
    return problems
