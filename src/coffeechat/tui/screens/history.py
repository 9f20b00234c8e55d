"""History: past sessions; reopen a report, resume, export, delete."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from coffeechat.store import SessionRecord, StoreError

if TYPE_CHECKING:
    from coffeechat.tui.app import CoffeeChatApp


def export_with_dialog(app: CoffeeChatApp, session_id: int) -> None:
    """Ask for a folder, then write the Markdown and JSON exports into it."""
    from coffeechat.tui.screens.export_dialog import ExportScreen

    def chosen(folder: Path | None) -> None:
        if folder is None:
            return
        from coffeechat.export import export_session

        record = app.store.session(session_id)
        name = app.persona_name(record.persona) if record else None
        try:
            files = export_session(app.store, session_id, folder, persona_name=name)
        except (OSError, StoreError) as exc:
            app.notify(f"Export failed: {exc}", severity="error", markup=False)
            return
        app.notify("Wrote " + " and ".join(f.name for f in files) + f" to {files[0].parent}",
                   title="Exported", markup=False)

    start = app.settings.export_folder or Path.cwd()
    app.push_screen(ExportScreen(session_id, start), chosen)


class HistoryScreen(Screen[None]):
    """Every stored session, newest first."""

    BINDINGS = [
        Binding("o", "open", "Open"),
        Binding("r", "resume", "Resume"),
        Binding("e", "export", "Export"),
        Binding("d,delete", "delete", "Delete"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._records: dict[str, SessionRecord] = {}

    @property
    def chat_app(self) -> CoffeeChatApp:
        return cast("CoffeeChatApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="history-empty")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "history"
        table = self.query_one("#sessions", DataTable)
        table.add_columns("ID", "Started", "Scenario", "Meeting", "Mode", "Model", "Status",
                          "Score")
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#sessions", DataTable)
        keep = self.selected()
        table.clear()
        try:
            records = self.chat_app.store.sessions()
        except StoreError as exc:
            records = []
            self.notify(str(exc), severity="error", markup=False)
        self._records = {str(r.id): r for r in records}
        for r in records:
            table.add_row(
                str(r.id), r.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                Text(r.scenario), Text(self.chat_app.persona_name(r.persona)), r.mode,
                Text(r.model), r.status, "" if r.score is None else str(r.score),
                key=str(r.id),
            )
        empty = self.query_one("#history-empty", Static)
        empty.display = not records
        empty.update(Text("No sessions yet. Pick a scenario on the home screen to start."))
        table.display = bool(records)
        if keep is not None and str(keep.id) in {str(r.id) for r in records}:
            table.move_cursor(row=table.get_row_index(str(keep.id)))
        self.refresh_bindings()

    def selected(self) -> SessionRecord | None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._records.get(key) if key is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"open", "export", "delete", "resume"}:
            record = self.selected() if self._records else None
            if record is None:
                return None
            if action == "resume":
                return True if record.status == "running" else None
        return True

    @on(DataTable.RowHighlighted, "#sessions")
    def _moved(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#sessions")
    def _chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        record = self.selected()
        if record is None:
            return
        if record.status == "running":
            self.action_resume()
        else:
            self.chat_app.show_report(record.id)

    def action_resume(self) -> None:
        record = self.selected()
        if record is None:
            return
        if record.status != "running":
            self.notify("That session is finished; open it to see the report.")
            return
        self.chat_app.resume_session(record.id)

    def action_export(self) -> None:
        record = self.selected()
        if record is not None:
            export_with_dialog(self.chat_app, record.id)

    def action_delete(self) -> None:
        from coffeechat.tui.screens.confirm import ConfirmScreen

        record = self.selected()
        if record is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.chat_app.store.delete_session(record.id)
                self.notify(f"Deleted session {record.id}.")
                self.reload()

        self.app.push_screen(
            ConfirmScreen(f"Delete session {record.id} ({record.scenario}, "
                          f"{record.turn_count} turns)? This cannot be undone.",
                          yes="Delete"), answered)

    def action_back(self) -> None:
        self.app.pop_screen()
