"""A read-only transcript where one turn can be highlighted (report evidence)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from coffeechat.transcript import printable

if TYPE_CHECKING:
    from coffeechat.transcript import Turn


class TranscriptTurn(Static):
    DEFAULT_CSS = """
    TranscriptTurn { height: auto; padding: 0 1; margin-bottom: 1; }
    """

    def __init__(self, index: int, turn: Turn, who: str) -> None:
        super().__init__(id=f"turn-{index}", classes=turn.speaker)
        self.index = index
        label = Text(f"{index}. ", style="dim")
        label.append(who, style="bold")
        if turn.minute is not None:
            label.append(f"  {turn.minute:.1f} min", style="dim")
        label.append("\n")
        label.append(printable(turn.text))
        self.update(label)


class TranscriptView(VerticalScroll, can_focus=True):
    """Every turn, numbered as in the report's evidence."""

    def __init__(self, turns: Sequence[Turn], persona_name: str, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self._turns = list(turns)
        self._persona_name = persona_name

    def compose(self) -> ComposeResult:
        for i, turn in enumerate(self._turns):
            who = "You" if turn.speaker == "seeker" else self._persona_name
            yield TranscriptTurn(i, turn, who)

    def highlight(self, index: int) -> TranscriptTurn | None:
        """Mark turn ``index`` and bring it into view."""
        found = None
        for item in self.query(TranscriptTurn):
            item.set_class(item.index == index, "highlight")
            if item.index == index:
                found = item
        if found is not None:
            self.scroll_to_widget(found, animate=False, center=True)
        return found

    def highlighted(self) -> int | None:
        for item in self.query(TranscriptTurn):
            if item.has_class("highlight"):
                return item.index
        return None
