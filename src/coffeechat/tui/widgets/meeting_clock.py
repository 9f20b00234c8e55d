"""The simulated meeting clock against the persona's time budget."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static


class MeetingClock(Static):
    """"Clock 12.5 / 30 min", turning to a warning near and past the budget."""

    minutes: reactive[float] = reactive(0.0)
    budget: reactive[int] = reactive(30)

    def render(self) -> Text:
        text = Text("Clock ", style="bold")
        text.append(f"{self.minutes:.1f} / {self.budget} min")
        return text

    def _update_classes(self) -> None:
        used = self.minutes / self.budget if self.budget else 0.0
        self.set_class(0.85 <= used <= 1.0, "near")
        self.set_class(used > 1.0, "over")

    def watch_minutes(self) -> None:
        self._update_classes()

    def watch_budget(self) -> None:
        self._update_classes()
