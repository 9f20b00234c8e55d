"""How the persona feels about the seeker so far (practice mode)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

_WIDTH = 16


class RapportMeter(Static):
    """A bar from 0 to 1; colour classes low / mid / high come from app.tcss."""

    value: reactive[float] = reactive(0.5)

    def render(self) -> Text:
        filled = round(max(0.0, min(1.0, self.value)) * _WIDTH)
        text = Text("Rapport ", style="bold")
        text.append("█" * filled)
        text.append("░" * (_WIDTH - filled), style="dim")
        text.append(f" {self.value:.0%}")
        return text

    def watch_value(self, value: float) -> None:
        self.set_class(value < 0.35, "low")
        self.set_class(0.35 <= value < 0.65, "mid")
        self.set_class(value >= 0.65, "high")
