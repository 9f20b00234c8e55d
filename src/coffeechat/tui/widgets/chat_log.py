"""The conversation: one block per turn, the persona's reply growing as it streams."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from coffeechat.transcript import printable

Speaker = Literal["seeker", "persona", "system"]


class ChatTurn(Static):
    """One utterance. The text is shown literally: a Rich ``Text`` is never
    parsed for markup, so "[bold]" typed by the user stays "[bold]"."""

    DEFAULT_CSS = """
    ChatTurn { height: auto; margin: 0 0 1 0; padding: 0 1; }
    """

    def __init__(self, speaker: Speaker, name: str, text: str, *,
                 index: int | None = None) -> None:
        super().__init__(classes=speaker)
        self.speaker = speaker
        self.who = name
        self.text = text
        self.index = index
        self._render_text()

    def _render_text(self) -> None:
        body = Text()
        if self.speaker != "system":
            body.append(self.who, style="bold")
            body.append("\n")
        body.append(printable(self.text))
        self.update(body)

    def set_text(self, text: str) -> None:
        self.text = text
        self._render_text()


class ChatLog(VerticalScroll, can_focus=True):
    """A scrolling list of ChatTurns that follows the newest one."""

    DEFAULT_CSS = """
    ChatLog { height: 1fr; }
    """

    def _follow(self) -> None:
        self.call_after_refresh(self.scroll_end, animate=False)

    def add_turn(self, speaker: Speaker, name: str, text: str, *,
                 index: int | None = None) -> ChatTurn:
        turn = ChatTurn(speaker, name, text, index=index)
        self.mount(turn)
        self._follow()
        return turn

    def add_note(self, text: str) -> ChatTurn:
        """A line from coffeechat itself (a stopped reply, an error)."""
        return self.add_turn("system", "", text)

    def update_turn(self, turn: ChatTurn, text: str) -> None:
        at_bottom = self.scroll_offset.y >= self.max_scroll_y - 1
        turn.set_text(text)
        if at_bottom:
            self._follow()

    def turns(self) -> list[ChatTurn]:
        return [t for t in self.query(ChatTurn) if t.speaker != "system"]
