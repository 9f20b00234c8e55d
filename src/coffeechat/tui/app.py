"""The Textual app: navigation between screens and the parts they share.

Nothing slow happens here at import or before the first frame: the model is
built and loaded by the Session screen's worker, and the engine, llm and
scoring packages are imported only inside functions.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import WorkerFailed

from coffeechat.content.loader import Library
from coffeechat.store import Store, StoreError
from coffeechat.tui.settings import (
    AppSettings,
    BackendFactory,
    Mode,
    ModelChoice,
    Scorer,
    default_backend_factory,
    default_scorer,
)

if TYPE_CHECKING:
    from coffeechat.content.models import Persona, Scenario
    from coffeechat.llm.base import ChatBackend


class CoffeeChatApp(App[None]):
    """Rehearse an informational interview: home → session → report, and history."""

    CSS_PATH = "app.tcss"
    TITLE = "coffeechat"
    SUB_TITLE = "rehearse the coffee chat"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, settings: AppSettings, *, backend_factory: BackendFactory,
                 scorer: Scorer, store: Store, library: Library) -> None:
        super().__init__()
        self.settings = settings
        self.backend_factory = backend_factory
        self.scorer = scorer
        self.store = store
        self.library = library
        self.model_choice = settings.model
        self._backend: ChatBackend | None = None
        self._backend_choice: ModelChoice | None = None
        self._backend_lock = threading.Lock()

    # -- start-up ------------------------------------------------------------------

    def on_mount(self) -> None:
        from coffeechat.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        start = self.settings.start_scenario
        if start is not None:
            scenario = self.library.scenarios[start]
            self.start_session(start, list(scenario.prep_questions),
                               self.settings.mode or scenario.mode)

    def playable_scenarios(self) -> list[Scenario]:
        """Scenarios whose persona is known."""
        return [s for s in self.library.scenarios.values() if s.persona in self.library.personas]

    def user_content_hint(self) -> str:
        from coffeechat import paths

        return str(paths.user_scenario_dir())

    # -- the model -----------------------------------------------------------------

    def acquire_backend(self, progress: Callable[[float], None] | None = None) -> ChatBackend:
        """The loaded backend for the current model choice; builds and loads it the
        first time. Called from a worker thread; raises BackendError."""
        with self._backend_lock:
            choice = self.model_choice
            if self._backend is not None and self._backend_choice == choice:
                return self._backend
            if self._backend is not None:
                old, self._backend = self._backend, None
                old.close()
            backend = self.backend_factory(choice)
            try:
                backend.load(progress)
            except BaseException:
                backend.close()
                raise
            self._backend, self._backend_choice = backend, choice
            return backend

    def set_model(self, choice: ModelChoice) -> None:
        """Use ``choice`` from the next session on (loaded when that session starts)."""
        self.model_choice = choice

    def choose_model(self, then: Callable[[bool], None] | None = None) -> None:
        """Open the model picker; ``then(changed)`` runs when it closes."""
        from coffeechat.tui.screens.model_picker import ModelPickerScreen

        def picked(choice: ModelChoice | None) -> None:
            changed = choice is not None and choice != self.model_choice
            if choice is not None:
                self.set_model(choice)
                self.notify(f"Model: {choice.label}. It loads when the meeting starts.",
                            markup=False)
            if then is not None:
                then(changed)

        self.push_screen(ModelPickerScreen(self.model_choice), picked)

    def show_model_error(self, error: str, retry: Callable[[], Screen[None]] | None) -> None:
        """Replace the current screen with the model-failure screen."""
        from coffeechat.tui.screens.model_error import ModelErrorScreen

        screen = ModelErrorScreen(error, self.model_choice, retry)
        if len(self.screen_stack) > 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- navigation ----------------------------------------------------------------

    def start_session(self, scenario_id: str, prep_questions: list[str], mode: Mode) -> None:
        from coffeechat.tui.screens.session import SessionScreen

        scenario = self.library.scenarios[scenario_id]
        persona = self.library.personas[scenario.persona]
        self.push_screen(SessionScreen(scenario, persona, prep_questions, mode))

    def resume_session(self, session_id: int) -> None:
        from coffeechat.tui.screens.session import SessionScreen

        record = self.store.session(session_id)
        if record is None:
            self.notify(f"Session {session_id} is gone.", severity="error")
            return
        found = self._scenario_for(record.scenario, record.scenario_source)
        if found is None:
            self.notify(f"Cannot resume: scenario {record.scenario!r} is no longer installed.",
                        severity="error")
            return
        scenario, persona = found
        self.push_screen(SessionScreen(scenario, persona, list(record.prep_questions),
                                       record.mode, resume_id=session_id))

    def _scenario_for(self, scenario_id: str,
                      source: str | None) -> tuple[Scenario, Persona] | None:
        scenario = self.library.scenarios.get(scenario_id)
        if scenario is None and source:
            from coffeechat.content.loader import ContentError, load_scenario

            try:
                scenario = load_scenario(Path(source))
            except ContentError:
                return None
        if scenario is None or scenario.persona not in self.library.personas:
            return None
        return scenario, self.library.personas[scenario.persona]

    def persona_name(self, persona_id: str) -> str:
        persona = self.library.personas.get(persona_id)
        return persona.name if persona else persona_id

    def show_report(self, session_id: int, *, replace: bool = False,
                    error: str | None = None) -> None:
        from coffeechat.tui.screens.report import ReportScreen

        try:
            record = self.store.session(session_id)
            if record is None:
                self.notify(f"Session {session_id} is gone.", severity="error")
                return
            screen = ReportScreen(
                record, self.store.report(session_id), self.store.transcript(session_id),
                self.persona_name(record.persona),
                self.store.recent_reports(limit=self.settings.trend_sessions, up_to=session_id),
                error=error,
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_history(self) -> None:
        from coffeechat.tui.screens.history import HistoryScreen

        if isinstance(self.screen, HistoryScreen):
            return
        self.push_screen(HistoryScreen())

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    # -- command palette and errors ------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        # Every binding the current screen shows in its footer is also a command.
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if (not binding.show or not binding.description or not active.enabled
                    or active.node is not screen or binding.action in seen):
                continue
            seen.add(binding.action)
            help_text = f"Key: {self.get_key_display(binding)}"
            if binding.tooltip:
                help_text = f"{binding.tooltip} ({help_text})"
            yield SystemCommand(binding.description, help_text,
                                partial(self.run_action, binding.action, screen))

    def _handle_exception(self, error: Exception) -> None:
        # A model failure that escaped a screen's own handling still gets the
        # model-failure screen, never a traceback.
        from coffeechat.llm.base import BackendError

        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, BackendError):
            self.call_later(self.show_model_error, str(cause), None)
            return
        super()._handle_exception(error)


def make_app(settings: AppSettings | None = None, *,
             backend_factory: BackendFactory | None = None,
             scorer: Scorer | None = None,
             store: Store | None = None,
             library: Library | None = None) -> CoffeeChatApp:
    """Build the app; the CLI and the tests both come through here."""
    if library is None:
        from coffeechat.content.loader import default_content_paths, load_library

        library = load_library(default_content_paths())
    return CoffeeChatApp(
        settings or AppSettings(),
        backend_factory=backend_factory or default_backend_factory,
        scorer=scorer or default_scorer,
        store=store or Store(),
        library=library,
    )
