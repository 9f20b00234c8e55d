"""Home: pick a scenario, read the briefing, edit prep questions, choose mode and model."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Label,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)

from coffeechat.tui.prep import parse_questions
from coffeechat.tui.widgets.briefing import Briefing

if TYPE_CHECKING:
    from coffeechat.content.models import Scenario
    from coffeechat.tui.app import CoffeeChatApp
    from coffeechat.tui.settings import Mode

_LEVEL = {"easy": 0, "medium": 1, "hard": 2}


class HomeScreen(Screen[None]):
    """The scenario list and the briefing for the highlighted one."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start meeting"),
        Binding("ctrl+o", "change_model", "Change model"),
        Binding("ctrl+r", "history", "History"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._prep: dict[str, str] = {}
        self._mode: dict[str, Mode] = {}
        self._current: str | None = None

    @property
    def chat_app(self) -> CoffeeChatApp:
        return cast("CoffeeChatApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="scenario-pane"):
                yield Label("Scenarios", classes="pane-title")
                yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
                yield Static(id="model-label")
                yield Button("Change model", id="change-model")
            with VerticalScroll(id="brief-pane"):
                yield Briefing(id="briefing")
                yield Label("Your prep questions, one per line", classes="section-title")
                yield TextArea(id="prep", soft_wrap=True)
                yield Label("Mode", classes="section-title")
                with RadioSet(id="mode"):
                    yield RadioButton("Practice: live hints as you go", id="mode-practice",
                                      value=True)
                    yield RadioButton("Assessment: feedback only at the end",
                                      id="mode-assessment")
                yield Button("Start the meeting", id="start", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#scenarios", DataTable)
        table.add_column("Scenario", width=27, key="scenario")
        table.add_column("Level", key="level")
        table.add_column("Min", key="minutes")
        app = self.chat_app
        scenarios = sorted(app.playable_scenarios(),
                           key=lambda s: (_LEVEL.get(s.difficulty, 1), s.title))
        for sc in scenarios:
            persona = app.library.personas[sc.persona]
            cell = Text(sc.title, overflow="ellipsis", no_wrap=True)
            cell.append(f"\n{persona.name}", style="dim")
            table.add_row(cell, sc.difficulty, str(sc.budget_for(persona)), key=sc.id,
                          height=2)
        if not scenarios:
            self.query_one("#briefing", Briefing).update(Text(
                "No scenarios found. Add scenario and persona YAML files to "
                f"{app.user_content_hint()} and check them with `coffeechat check`."))
            self.query_one("#start", Button).disabled = True
        self.refresh_model()
        table.focus()
        if scenarios:
            self._show(scenarios[0].id)

    def on_screen_resume(self) -> None:
        # The model may have been switched on another screen (the failure screen).
        if self.is_mounted:
            self.refresh_model()

    def refresh_model(self) -> None:
        label = Text("Model: ", style="bold")
        label.append(self.chat_app.model_choice.label)
        self.query_one("#model-label", Static).update(label)

    # -- scenario selection --------------------------------------------------------

    def _save_current(self) -> None:
        if self._current is not None:
            self._prep[self._current] = self.query_one("#prep", TextArea).text
            self._mode[self._current] = self.selected_mode()

    def _show(self, scenario_id: str) -> None:
        if scenario_id == self._current:
            return
        self._save_current()
        app = self.chat_app
        scenario = app.library.scenarios[scenario_id]
        persona = app.library.personas[scenario.persona]
        self._current = scenario_id
        self.query_one("#briefing", Briefing).show(scenario, persona)
        default_prep = "\n".join(scenario.prep_questions)
        self.query_one("#prep", TextArea).load_text(self._prep.get(scenario_id, default_prep))
        mode = self._mode.get(scenario_id, app.settings.mode or scenario.mode)
        self.query_one(f"#mode-{mode}", RadioButton).value = True
        self.query_one("#brief-pane", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowHighlighted, "#scenarios")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show(event.row_key.value)

    @on(DataTable.RowSelected, "#scenarios")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._show(event.row_key.value)
            self.action_start()

    def selected_scenario(self) -> Scenario | None:
        if self._current is None:
            return None
        return self.chat_app.library.scenarios[self._current]

    def selected_mode(self) -> Mode:
        pressed = self.query_one("#mode", RadioSet).pressed_button
        return "assessment" if pressed is not None and pressed.id == "mode-assessment" else (
            "practice")

    def prep_questions(self) -> list[str]:
        return parse_questions(self.query_one("#prep", TextArea).text)

    # -- actions -------------------------------------------------------------------

    def action_start(self) -> None:
        scenario = self.selected_scenario()
        if scenario is None:
            self.notify("Pick a scenario first.", severity="warning")
            return
        self._save_current()
        self.chat_app.start_session(scenario.id, self.prep_questions(), self.selected_mode())

    def action_change_model(self) -> None:
        self.chat_app.choose_model(lambda _: self.refresh_model())

    def action_history(self) -> None:
        self.chat_app.show_history()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#change-model")
    def _model_pressed(self) -> None:
        self.action_change_model()
