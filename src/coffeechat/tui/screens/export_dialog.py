"""Choose the folder to export a session into."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the folder to write into, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session_id: int, folder: Path) -> None:
        super().__init__()
        self.session_id = session_id
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Export session {self.session_id}: a Markdown file (transcript "
                              "and scorecard) and the transcript JSON."), classes="dialog-text")
            yield Label("Folder")
            yield Input(str(self.folder), id="folder")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#folder", Input).focus()

    def _submit(self) -> None:
        value = self.query_one("#folder", Input).value.strip()
        if not value:
            self.notify("Type a folder.", severity="warning")
            return
        self.dismiss(Path(value).expanduser())

    @on(Input.Submitted, "#folder")
    def _entered(self) -> None:
        self._submit()

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self._submit()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
