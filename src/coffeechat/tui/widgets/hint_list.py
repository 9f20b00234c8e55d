"""Live coaching hints (practice mode), newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

if TYPE_CHECKING:
    from coffeechat.engine import Hint

MAX_SHOWN = 8


class HintItem(Static):
    DEFAULT_CSS = """
    HintItem { height: auto; margin-bottom: 1; }
    """

    def __init__(self, hint: Hint) -> None:
        mark = "✓ " if hint.tone == "good" else "! "
        super().__init__(Text(mark + hint.message), classes=hint.tone)
        self.hint = hint


class HintList(VerticalScroll):
    """Hints from the engine as the seeker speaks."""

    def add_hints(self, hints: tuple[Hint, ...]) -> None:
        for hint in hints:
            self.mount(HintItem(hint), before=0 if self.children else None)
        for old in list(self.query(HintItem))[MAX_SHOWN:]:
            old.remove()
        if hints:
            self.scroll_home(animate=False)

    def messages(self) -> list[str]:
        return [item.hint.message for item in self.query(HintItem)]
