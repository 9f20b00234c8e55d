"""Turn and Transcript: the coffeechat.transcript/1 JSON format (DESIGN.md §4)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

FORMAT = "coffeechat.transcript/1"
WORDS_PER_MINUTE = 130
MAX_TRANSCRIPT_BYTES = 20_000_000


class Turn(BaseModel):
    """One utterance."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    speaker: Literal["seeker", "persona"]
    """Who spoke."""

    text: str
    """What they said."""

    minute: float | None = Field(None, ge=0)
    """Simulated clock at the start of the turn, in minutes (optional)."""


class Transcript(BaseModel):
    """A whole session, as saved, exported and scored."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    format: Literal["coffeechat.transcript/1"] = "coffeechat.transcript/1"
    """Always coffeechat.transcript/1."""

    scenario: str | None = None
    """The scenario id, if known."""

    persona: str | None = None
    """The persona id, if known."""

    turns: list[Turn] = Field(default_factory=list)
    """The utterances in order."""

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_none=True)

    def save(self, path: Path) -> None:
        """Write atomically so a crash never leaves half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(self.to_json() + "\n")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class TranscriptError(Exception):
    """A transcript file cannot be used; the message is one line."""


# C0 controls except tab and newline, DEL and C1 controls, as their Unicode
# "control pictures" (ESC shows as ␛): a pasted escape sequence is shown,
# never executed by the terminal that displays or `cat`s a turn.
_CONTROL_PICTURES = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_CONTROL_PICTURES |= {0x7F: 0x2421, **{c: 0xFFFD for c in range(0x80, 0xA0)}}


def printable(text: str) -> str:
    """``text`` safe to put on a terminal: control characters made visible."""
    return text.translate(_CONTROL_PICTURES)


def count_words(text: str) -> int:
    """Words per DESIGN.md: whitespace-separated tokens with a letter or digit."""
    return sum(1 for tok in text.split() if any(ch.isalnum() for ch in tok))


def parse_transcript(raw: str, name: str) -> Transcript:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise TranscriptError(
            f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}"
        ) from exc
    except RecursionError as exc:
        raise TranscriptError(f"{name}: JSON nesting is too deep") from exc
    if not isinstance(data, dict):
        raise TranscriptError(f"{name}: expected a JSON object with \"format\" and \"turns\"")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise TranscriptError(f"{name}: \"format\" must be {FORMAT!r} (got {fmt!r})")
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise TranscriptError(f"{name}: {where}: {err['msg']}{more}") from exc


def load_transcript(path: Path) -> Transcript:
    """Read a transcript JSON file or raise TranscriptError with a one-line reason."""
    try:
        if path.stat().st_size > MAX_TRANSCRIPT_BYTES:
            raise TranscriptError(f"{path}: file is over the 20 MB limit")
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise TranscriptError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise TranscriptError(f"{path}: is a folder, not a transcript file") from exc
    except OSError as exc:
        raise TranscriptError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TranscriptError(f"{path}: not UTF-8 text (byte offset {exc.start})") from exc
    return parse_transcript(text.removeprefix("\ufeff"), str(path))
