"""Narration: voices, the synthesis cache, recorded takes and the configuration
that ``render.py`` hands to the scene processes.

A *take* is one spoken sentence as a normalised WAV (48 kHz mono, 16-bit, leading
and trailing silence trimmed, peak at -1 dBFS) with its duration. Scenes ask a
:class:`Narrator` for the take of each caption (``SectionScene.say``); the
narrator looks for the creator's recording of that sentence (``--narration
recorded``), else synthesises it with the voice, through a cache keyed by
(voice, spoken text), so an unchanged sentence is never synthesised twice.

The voice speaks :func:`backprop_core.spoken.speak` of the caption: numbers and
symbols in words. A recording is keyed by the caption text itself (what the
creator reads from the narration script).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
import wave
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from backprop_core.spoken import speak

SAMPLE_RATE = 48_000
NARRATION_ENV_VAR = "BACKPROP_NARRATION"
AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".opus", ".mp3", ".m4a", ".aac")
#: Below this peak (about -54 dBFS) a take counts as silent.
SILENT_PEAK = 2e-3
#: Energy threshold for trimming, relative to the take's loudest 10 ms (about -30 dB).
TRIM_RELATIVE = 0.03
TRIM_PAD_START = 0.01
TRIM_PAD_END = 0.05
SYNTHESIS_TIMEOUT = 120
#: The text the voice check synthesises before a build.
PROBE_TEXT = "Backpropagation, explained in motion."
FESTIVAL_SLT_DIR = Path("/usr/share/festival/voices/us/cmu_us_slt_arctic_hts")
VOICE_HELP = (
    "install a voice: apt-get install --no-install-recommends festival festvox-us-slt-hts espeak-ng "
    "(or bash .ci/setup.sh), or pass --voice-command"
)


class VoiceError(RuntimeError):
    """A voice that is unknown, not installed, or failed to speak."""


class NarrationError(RuntimeError):
    """A recording that cannot be used, or a missing one under ``--strict``."""


@dataclass(frozen=True)
class Voice:
    """A way to turn text into a WAV: a built-in voice or a user's command template.

    ``template`` is a shell command with ``{wav}`` (the WAV to write) and optionally
    ``{text}`` (the text, shell-quoted) or ``{text_file}`` (a UTF-8 file holding it);
    with neither, the text comes on standard input.
    """

    name: str
    template: str

    @property
    def identity(self) -> str:
        """What the cache key and the clips' fingerprints know the voice by."""
        return f"{self.name}\n{self.template}"

    @property
    def slug(self) -> str:
        if self.name != "command":
            return self.name
        return "command-" + hashlib.sha1(self.template.encode()).hexdigest()[:10]

    def synthesize(self, text: str, target: Path) -> None:
        """Speak ``text`` into the WAV file ``target`` (raises :class:`VoiceError`)."""
        with tempfile.TemporaryDirectory(prefix="voice-") as folder:
            text_file = Path(folder) / "text.txt"
            text_file.write_text(text + "\n", encoding="utf-8")
            command = self.template.format(
                wav=shlex.quote(str(target)), text=shlex.quote(text), text_file=shlex.quote(str(text_file))
            )
            reads_stdin = "{text}" not in self.template and "{text_file}" not in self.template
            try:
                result = subprocess.run(
                    ["sh", "-c", command], input=text.encode() if reads_stdin else None,
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=SYNTHESIS_TIMEOUT,
                    stdin=None if reads_stdin else subprocess.DEVNULL,
                )
            except subprocess.TimeoutExpired:
                raise VoiceError(f"voice {self.describe()} took more than {SYNTHESIS_TIMEOUT} s for one sentence") from None
        errors = [line for line in result.stderr.decode(errors="replace").splitlines() if line.strip()]
        # text2wave exits 0 even when Festival fails ("SIOD ERROR"), so look at the file too.
        if result.returncode != 0 or not target.is_file() or target.stat().st_size <= 44:
            why = f"exit status {result.returncode}" if result.returncode else "no WAV written"
            detail = f": {errors[-1].strip()}" if errors else ""
            raise VoiceError(f"voice {self.describe()} failed ({why}){detail}")

    def describe(self) -> str:
        return f"command {self.template!r}" if self.name == "command" else repr(self.name)


BUILTIN_VOICES: dict[str, Voice] = {
    # hts_engine's "-r 1.2": 20 % faster than the voice's default pace, which is slow for
    # an explainer (the video's length is mostly speech; at 1.1 it ran past 10 minutes).
    "festival-slt": Voice(
        "festival-slt",
        'text2wave -eval "(voice_cmu_us_slt_arctic_hts)" '
        '-eval \'(set! hts_engine_params (append hts_engine_params (list (list "-r" 1.2))))\' -o {wav} {text_file}',
    ),
    "espeak-ng": Voice("espeak-ng", "espeak-ng -v en-us -s 165 -w {wav} -f {text_file}"),
}
#: What each built-in voice needs, for the "not installed" message.
VOICE_PACKAGES = {"festival-slt": "festival festvox-us-slt-hts", "espeak-ng": "espeak-ng"}


def voice_installed(name: str) -> bool:
    if name == "festival-slt":
        return shutil.which("text2wave") is not None and FESTIVAL_SLT_DIR.is_dir()
    if name == "espeak-ng":
        return shutil.which("espeak-ng") is not None
    return False


def default_voice() -> Voice | None:
    """The first installed built-in voice (Festival's slt, then espeak-ng), or None."""
    for name, voice in BUILTIN_VOICES.items():
        if voice_installed(name):
            return voice
    return None


def pick_voice(name: str | None, command: str | None) -> Voice | None:
    """The voice the command line asks for; None when none was named and none is installed.

    Raises :class:`VoiceError` (one line) for an unknown voice, a built-in one that is
    not installed, or a command template without ``{wav}``.
    """
    if command is not None:
        if name not in (None, "command"):
            raise VoiceError("--voice and --voice-command name two voices; give one")
        if "{wav}" not in command:
            raise VoiceError(f"--voice-command {command!r} has no {{wav}} for the WAV file it must write")
        try:
            command.format(wav="", text="", text_file="")
        except (KeyError, IndexError, ValueError) as error:
            raise VoiceError(f"--voice-command {command!r}: unknown placeholder {error}; use {{wav}}, {{text}}, {{text_file}}") from None
        return Voice("command", command)
    if name is None or name == "auto":
        return default_voice()
    if name not in BUILTIN_VOICES:
        raise VoiceError(f"unknown voice {name!r}; choose from auto, {', '.join(BUILTIN_VOICES)} (or use --voice-command)")
    if not voice_installed(name):
        raise VoiceError(f"voice {name!r} is not installed: apt-get install --no-install-recommends {VOICE_PACKAGES[name]}")
    return BUILTIN_VOICES[name]


# --- audio files -------------------------------------------------------------------


def read_audio(path: Path) -> np.ndarray:
    """Any audio file PyAV can decode, as float32 mono samples at :data:`SAMPLE_RATE`."""
    import av

    chunks: list[np.ndarray] = []
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise NarrationError(f"{path} is not audio (it has no audio stream)")
            resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(container.streams.audio[0]):
                for converted in resampler.resample(frame):
                    chunks.append(converted.to_ndarray().reshape(-1))
            for converted in resampler.resample(None):
                chunks.append(converted.to_ndarray().reshape(-1))
    except NarrationError:
        raise
    except (av.FFmpegError, OSError, ValueError) as error:
        raise NarrationError(f"{path} is not audio ({type(error).__name__}: {str(error).strip() or 'unreadable'})") from None
    samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
    return samples


def write_wav(samples: np.ndarray, target: Path) -> None:
    """16-bit mono WAV at :data:`SAMPLE_RATE`, written atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    try:
        with wave.open(name, "wb") as output:
            output.setnchannels(1)
            output.setsampwidth(2)
            output.setframerate(SAMPLE_RATE)
            output.writeframes(pcm.tobytes())
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def read_wav(path: Path) -> np.ndarray:
    """A WAV written by :func:`write_wav`, as float32 samples."""
    with wave.open(str(path), "rb") as source:
        return np.frombuffer(source.readframes(source.getnframes()), "<i2").astype(np.float32) / 32767


def speech_bounds(samples: np.ndarray, rate: int = SAMPLE_RATE) -> tuple[int, int] | None:
    """First and last sample of speech (10 ms windows above a threshold relative to the
    loudest one); None when the audio is silent."""
    if samples.size == 0 or float(np.max(np.abs(samples))) < SILENT_PEAK:
        return None
    window = rate // 100
    count = samples.size // window
    if count == 0:
        return 0, samples.size
    energy = np.sqrt(np.mean(samples[: count * window].reshape(count, window) ** 2, axis=1))
    loud = np.flatnonzero(energy >= max(float(energy.max()) * TRIM_RELATIVE, SILENT_PEAK / 4))
    return int(loud[0]) * window, min(samples.size, (int(loud[-1]) + 1) * window)


def normalise_take(samples: np.ndarray, source: Path) -> np.ndarray:
    """Trim the silence around the speech and set the peak to -1 dBFS, so every take
    starts speaking at once (its caption starts with it) and all are equally loud."""
    bounds = speech_bounds(samples)
    if bounds is None:
        raise NarrationError(f"{source} is silent")
    start = max(0, bounds[0] - int(TRIM_PAD_START * SAMPLE_RATE))
    end = min(samples.size, bounds[1] + int(TRIM_PAD_END * SAMPLE_RATE))
    trimmed = samples[start:end]
    return (trimmed * (0.89 / float(np.max(np.abs(trimmed))))).astype(np.float32)


# --- recordings ---------------------------------------------------------------------


def _canonical(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def recording_key(caption: str) -> str:
    """The file name (without suffix) a recording of ``caption`` must have: its first
    words, for people, and a hash of the whole sentence, so a changed sentence
    (a changed number) needs a new take."""
    text = _canonical(caption)
    words = re.findall(r"[a-z0-9]+", text.lower())[:6]
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return "-".join([*words, digest]) if words else digest


def find_recording(folder: Path, caption: str) -> Path | None:
    key = recording_key(caption)
    for suffix in AUDIO_SUFFIXES:
        candidate = folder / f"{key}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def recording_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.is_file() and path.suffix.lower() in AUDIO_SUFFIXES)


def check_recordings(folder: Path) -> None:
    """Every audio file in the folder decodes and is not silent (raises NarrationError
    naming the first one that fails)."""
    if not folder.is_dir():
        raise NarrationError(f"recordings folder {folder} does not exist (create it, or see --narration-script)")
    for path in recording_files(folder):
        normalise_take(read_audio(path), path)


def longest_take(caption: str) -> float:
    """How long a recording of ``caption`` may be: three times a slow reading of it,
    at least 15 s. A longer file is almost surely the wrong take."""
    return max(15.0, 3 * len(_canonical(caption)) / 15.0)


def folder_digest(folder: Path) -> str:
    """A hash of the recordings' names and contents (for the clips' fingerprints)."""
    digest = hashlib.sha1()
    if folder.is_dir():
        for path in recording_files(folder):
            digest.update(path.name.encode() + b"\0" + hashlib.sha1(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


# --- the configuration handed to scenes, and the narrator -------------------------------


@dataclass(frozen=True)
class NarrationConfig:
    """How scenes narrate: ``mode`` tts or recorded, the voice (None: recorded only, and
    silent where a recording is missing), the cache folder, the recordings folder."""

    mode: str
    voice_name: str | None
    voice_template: str | None
    cache_dir: str
    recordings: str | None = None
    strict: bool = False
    recordings_digest: str = ""

    @property
    def voice(self) -> Voice | None:
        if self.voice_name is None or self.voice_template is None:
            return None
        return Voice(self.voice_name, self.voice_template)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> "NarrationConfig":
        return cls(**json.loads(raw))

    def identity(self) -> dict[str, Any]:
        """What changes a clip's sound or timing (the cache folder does not)."""
        return {
            "mode": self.mode,
            "voice": self.voice.identity if self.voice else None,
            "recordings": self.recordings_digest if self.mode == "recorded" else None,
            "strict": self.strict,
        }


@dataclass(frozen=True)
class Take:
    """One sentence ready to place: a normalised WAV and how long it speaks."""

    caption: str
    spoken: str
    path: str
    duration: float
    source: str


@dataclass
class Narrator:
    """Gives scenes the take of each caption; counts what it synthesised and what was missing."""

    config: NarrationConfig
    synthesized: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    recorded: list[str] = field(default_factory=list)
    takes: list[Take] = field(default_factory=list)
    synthesis_seconds: float = 0.0
    missing: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def from_environment(cls) -> "Narrator | None":
        raw = os.environ.get(NARRATION_ENV_VAR, "").strip()
        return cls(NarrationConfig.from_json(raw)) if raw else None

    @property
    def cache(self) -> Path:
        return Path(self.config.cache_dir)

    def take(self, caption: str) -> Take | None:
        """The take for ``caption``; None when nothing can speak it (then the scene
        paces it by reading time)."""
        found = None
        if self.config.mode == "recorded" and self.config.recordings:
            found = self._recorded(caption)
        voice = self.config.voice
        if found is None and voice is not None:
            found = self._synthesized(caption, voice)
        if found is not None:
            self.takes.append(found)
        return found

    def _recorded(self, caption: str) -> Take | None:
        folder = Path(self.config.recordings or "")
        path = find_recording(folder, caption)
        if path is None:
            key = recording_key(caption)
            self.missing.append({"key": key, "text": _canonical(caption)})
            if self.config.strict:
                raise NarrationError(
                    f"no recording of {_canonical(caption)!r}: expected {folder / key}.wav "
                    "(--strict; see render.py --narration-script)"
                )
            return None
        content = hashlib.sha1(path.read_bytes()).hexdigest()[:16]
        target = self.cache / "recorded" / f"{content}.wav"
        if not target.is_file():
            write_wav(normalise_take(read_audio(path), path), target)
        duration = _wav_duration(target)
        if duration > longest_take(caption):
            raise NarrationError(
                f"recording {path} is {duration:.1f} s long, too long for its sentence "
                f"({len(_canonical(caption))} characters, at most {longest_take(caption):.1f} s): is it the right take?"
            )
        self.recorded.append(path.name)
        return Take(caption, _canonical(caption), str(target), duration, f"recorded:{path.name}")

    def _synthesized(self, caption: str, voice: Voice) -> Take | None:
        spoken = speak(caption)
        if not re.search(r"\w", spoken):
            return None
        target = synthesis_path(self.cache, voice, spoken)
        if target.is_file():
            self.cached.append(spoken)
        else:
            started = time.perf_counter()
            synthesize_take(voice, spoken, target)
            self.synthesis_seconds += time.perf_counter() - started
            self.synthesized.append(spoken)
        return Take(caption, spoken, str(target), _wav_duration(target), f"tts:{voice.slug}")

    def summary(self) -> dict[str, Any]:
        return {
            "synthesized": len(self.synthesized), "cached": len(self.cached), "recorded": len(self.recorded),
            "synthesis_seconds": round(self.synthesis_seconds, 3),
            "missing": list(self.missing),
            "sentences": [
                {"text": take.caption, "spoken": take.spoken, "source": take.source, "seconds": round(take.duration, 3)}
                for take in self.takes
            ],
        }


def synthesis_path(cache: Path, voice: Voice, spoken: str) -> Path:
    """The cache file of ``spoken`` in ``voice``: keyed by (voice, text)."""
    key = hashlib.sha256(f"{voice.identity}\n{spoken}".encode("utf-8")).hexdigest()[:24]
    return cache / "tts" / voice.slug / f"{key}.wav"


def synthesize_take(voice: Voice, spoken: str, target: Path) -> None:
    """Synthesise, normalise and store one take at ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="take-", dir=target.parent) as folder:
        raw = Path(folder) / "raw.wav"
        voice.synthesize(spoken, raw)
        try:
            samples = normalise_take(read_audio(raw), raw)
        except NarrationError as error:
            raise VoiceError(f"voice {voice.describe()} wrote no usable speech ({error})") from None
    write_wav(samples, target)


def check_voice(voice: Voice, cache: Path) -> None:
    """Synthesise a short probe sentence (cached like any take) so a broken voice
    stops the build before anything renders."""
    target = synthesis_path(cache, voice, PROBE_TEXT)
    if not target.is_file():
        synthesize_take(voice, PROBE_TEXT, target)


def _wav_duration(path: Path) -> float:
    with wave.open(str(path), "rb") as source:
        return source.getnframes() / source.getframerate()


__all__ = [
    "AUDIO_SUFFIXES",
    "BUILTIN_VOICES",
    "NARRATION_ENV_VAR",
    "NarrationConfig",
    "NarrationError",
    "Narrator",
    "SAMPLE_RATE",
    "Take",
    "Voice",
    "VoiceError",
    "check_recordings",
    "check_voice",
    "default_voice",
    "find_recording",
    "folder_digest",
    "pick_voice",
    "read_audio",
    "read_wav",
    "recording_key",
    "speech_bounds",
    "synthesis_path",
    "write_wav",
]
