"""The seeker's prep questions, ticked off as the conversation covers them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from coffeechat.tui.prep import covered


class PrepItem(Static):
    DEFAULT_CSS = """
    PrepItem { height: auto; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question
        self.done = False
        self._draw()

    def _draw(self) -> None:
        self.update(Text(("☑ " if self.done else "☐ ") + self.question))
        self.set_class(self.done, "done")

    def mark(self, done: bool) -> None:
        if done != self.done:
            self.done = done
            self._draw()


class PrepChecklist(VerticalScroll, can_focus=False):
    """Shows each prep question with a box that fills once it is covered."""

    def __init__(self, questions: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.questions = questions

    def compose(self) -> ComposeResult:
        if not self.questions:
            yield Static(Text("No prep questions (add some on the home screen)."),
                         classes="empty")
        for q in self.questions:
            yield PrepItem(q)

    def refresh_from(self, seeker_turns: list[str]) -> None:
        for item, done in zip(self.query(PrepItem), covered(self.questions, seeker_turns),
                              strict=False):
            item.mark(done)

    def done_count(self) -> int:
        return sum(item.done for item in self.query(PrepItem))
