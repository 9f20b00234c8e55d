"""The simulated meeting clock: every turn advances it by its words spoken at
130 per minute (the same measure the scoring uses, so the persona's sense of
time and the report agree)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coffeechat.transcript import WORDS_PER_MINUTE, Turn, count_words

WARN_MINUTES_BEFORE = 5
SHORT_BUDGET = 15  # below this, warn at 80% instead of five minutes before
OVERRUN_LIMIT = 1.10  # respects_time fails beyond 110% of the budget


def minutes_for(text: str) -> float:
    return count_words(text) / WORDS_PER_MINUTE


@dataclass
class Clock:
    budget: int
    now: float = 0.0

    @property
    def warn_at(self) -> float:
        """When the persona says time is nearly up (once)."""
        if self.budget < SHORT_BUDGET:
            return self.budget * 0.8
        return float(self.budget - WARN_MINUTES_BEFORE)

    @property
    def over(self) -> bool:
        return self.now >= self.budget

    @property
    def far_over(self) -> bool:
        return self.now >= self.budget * OVERRUN_LIMIT

    def stamp(self, text: str) -> float:
        """The minute stamp for a turn starting now; advances past it."""
        start = round(self.now, 2)
        self.now += minutes_for(text)
        return start

    def after(self, text: str) -> float:
        """The clock once ``text`` has been said (without advancing)."""
        return self.now + minutes_for(text)

    @classmethod
    def resume(cls, budget: int, turns: Sequence[Turn]) -> Clock:
        """Continue from earlier turns: the last stamp plus the words since,
        as DESIGN.md defines minutes for partly stamped transcripts."""
        now = 0.0
        for turn in turns:
            if turn.minute is not None:
                now = turn.minute
            now += minutes_for(turn.text)
        return cls(budget, now)
