"""Clock and word counts for a session (DESIGN.md §5 "Terms")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from typing import TYPE_CHECKING

from coffeechat.scoring.text import word_count

if TYPE_CHECKING:
    from coffeechat.transcript import Turn

WORDS_PER_MINUTE = 130  # same as coffeechat.transcript.WORDS_PER_MINUTE
DEFAULT_BUDGET_MINUTES = 30


@dataclass(frozen=True, slots=True)
class Clock:
    words: tuple[int, ...]
    """Words per turn."""
    starts: tuple[float, ...]
    """Minute at which each turn starts: its stamp, or estimated from the last stamp."""
    minutes: float
    """Length of the session: the last turn's start plus its words at 130 a minute."""


# ``text.word_count`` without building a token list, for clock(), which counts every turn:
# letters and digits become "a", whitespace a space, other ASCII goes (a token of
# punctuation alone vanishes), and each word is one " a" once a space leads the text.
# Bytes of non-ASCII characters count as letters too, which is right as long as every such
# character is a letter or digit (``\w`` outside ASCII is exactly ``str.isalnum``).
_WORD_TABLE = bytes(32 if chr(c).isspace() and c < 128 else 97 if chr(c).isalnum() or c >= 128
                    else c for c in range(256))
_NOT_WORD = bytes(c for c in range(1, 128) if not chr(c).isalnum() and not chr(c).isspace())
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]")


def _word_counts(texts: list[str]) -> list[int]:
    """``[word_count(t) for t in texts]`` with one encode and one translate for them all."""
    joined = " " + "\0 ".join(texts)  # turns kept apart by NUL...
    if joined.count("\0") != len(texts) - 1:  # ...unless a turn holds one itself
        return [word_count(t) for t in texts]
    raw = joined.encode("utf-8", "surrogatepass")
    parts = raw.translate(_WORD_TABLE, _NOT_WORD).split(b"\0")
    words = list(map(bytes.count, parts, repeat(b" a")))
    if not joined.isascii():
        # Count again the turns with a non-ASCII space or punctuation mark.
        for i, t in enumerate(texts):
            if not t.isascii() and _NON_ASCII_NON_WORD.search(t):
                words[i] = word_count(t)
    return words


def clock(turns: Sequence[Turn]) -> Clock:
    return clock_of([turn.text for turn in turns], [turn.minute for turn in turns])


def clock_of(texts: list[str], stamps: list[float | None]) -> Clock:
    """``clock`` given each turn's text and stamp (the scorer reads them once for all)."""
    words = _word_counts(texts)
    if stamps.count(None) == len(stamps):
        # No stamps (the common case): each start is the running sum, the same additions
        # in the same order as the loop below.
        ends = list(accumulate(map(WORDS_PER_MINUTE.__rtruediv__, words), initial=0.0))
        return Clock(tuple(words), tuple(ends[:-1]), ends[-1])
    starts: list[float] = []
    now = 0.0
    for stamp, n in zip(stamps, words, strict=True):
        if stamp is not None:
            now = float(stamp)
        starts.append(now)
        now += n / WORDS_PER_MINUTE
    return Clock(tuple(words), tuple(starts), now)
