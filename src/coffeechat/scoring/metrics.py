"""Clock and word counts for a session (DESIGN.md §5 "Terms")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


def clock(turns: Sequence[Turn]) -> Clock:
    words: list[int] = []
    starts: list[float] = []
    now = 0.0
    for turn in turns:
        n = word_count(turn.text)
        if turn.minute is not None:
            now = float(turn.minute)
        starts.append(now)
        words.append(n)
        now += n / WORDS_PER_MINUTE
    return Clock(tuple(words), tuple(starts), now)
