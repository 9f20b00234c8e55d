"""Session: the meeting itself.

Threads: one worker loads the model and opens the meeting; one
``@work(thread=True, exclusive=True)`` worker at a time owns the engine while
the persona speaks. Workers only post messages (``coffeechat.tui.messages``);
this screen handles them and owns the input lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Header,
    Label,
    LoadingIndicator,
    ProgressBar,
    Static,
    TextArea,
)
from textual.worker import get_current_worker

from coffeechat.tui import messages as msg
from coffeechat.tui.widgets.chat_log import ChatLog, ChatTurn
from coffeechat.tui.widgets.hint_list import HintList
from coffeechat.tui.widgets.meeting_clock import MeetingClock
from coffeechat.tui.widgets.prep_checklist import PrepChecklist
from coffeechat.tui.widgets.rapport_meter import RapportMeter

if TYPE_CHECKING:
    from coffeechat.content.models import Persona, Scenario
    from coffeechat.engine import Session, SessionState
    from coffeechat.transcript import Turn
    from coffeechat.tui.app import CoffeeChatApp
    from coffeechat.tui.settings import Mode

SEEKER = "You"
_END_REASONS = {
    "wrapped_up": "Time is up: they wrapped up the meeting.",
    "cut_short": "They cut the meeting short.",
    "seeker": "They said goodbye: the meeting is over.",
}


class _Batcher:
    """Collects streamed text in the worker thread and posts it at most every
    ``interval`` seconds, so a fast model cannot flood the screen with updates."""

    def __init__(self, post: Callable[[msg.ReplyStreamed], object], interval: float) -> None:
        self._post = post
        self._interval = interval
        self._last = 0.0
        self.text = ""
        self._dirty = False
        self.posts = 0

    def add(self, chunk: str) -> None:
        self.text += chunk
        self._dirty = True
        now = time.monotonic()
        if now - self._last >= self._interval:
            self.flush()
            self._last = now

    def flush(self) -> None:
        if self._dirty:
            self._post(msg.ReplyStreamed(self.text))
            self._dirty = False
            self.posts += 1


class SessionScreen(Screen[None]):
    """The conversation with the persona, the clock, the prep list and hints."""

    BINDINGS = [
        Binding("ctrl+s,ctrl+enter", "send", "Send", tooltip="Send what you typed"),
        Binding("escape", "stop_reply", "Stop reply", tooltip="Stop the persona's reply"),
        Binding("ctrl+r", "retry", "Ask again", tooltip="Have the persona answer again"),
        # Priority, or the text box would take Ctrl+E as "end of line".
        Binding("ctrl+e", "end", "End meeting", priority=True,
                tooltip="Say goodbye and see your report"),
    ]

    def __init__(self, scenario: Scenario, persona: Persona, prep_questions: list[str],
                 mode: Mode, *, resume_id: int | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.persona = persona
        self.prep_questions = prep_questions
        self.mode: Mode = mode
        self.resume_id = resume_id
        self.engine_session: Session | None = None
        self.session_id: int | None = resume_id
        self.ready = False
        self.busy = False
        self.finished = False
        self.can_retry = False
        self.ended_by: str | None = None
        self.seeker_texts: list[str] = []
        self.stream_posts = 0
        self._cancel: threading.Event | None = None
        self._stream_turn: ChatTurn | None = None
        self._end_requested = False
        self._user_ended = False
        self._error: str | None = None

    @property
    def chat_app(self) -> CoffeeChatApp:
        return cast("CoffeeChatApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="session"):
            with Vertical(id="talk"):
                with Vertical(id="loading"):
                    yield Label(Text(f"Loading the model ({self.chat_app.model_choice.label})…"),
                                id="loading-label")
                    yield ProgressBar(total=1.0, show_eta=False, id="load-progress")
                    yield LoadingIndicator()
                yield ChatLog(id="chat")
                with Horizontal(id="over"):
                    yield Static(id="over-text")
                    yield Button("See your report", id="see-report", variant="primary")
                yield TextArea(id="compose", soft_wrap=True, classes="locked")
                yield Static(Text("Ctrl+S send · Enter new line · Esc stop reply · "
                                  "Ctrl+E end"), id="compose-help")
            with Vertical(id="sidebar"):
                who = Text(self.persona.name, style="bold")
                who.append(f"\n{self.persona.role}, {self.persona.company}")
                yield Static(who, id="who")
                yield MeetingClock(id="clock")
                if self.mode == "practice":
                    yield RapportMeter(id="rapport")
                yield Label("Prep questions", classes="section-title")
                yield PrepChecklist(self.prep_questions, id="prep-list")
                if self.mode == "practice":
                    yield Label("Hints", classes="section-title")
                    yield HintList(id="hints")
                else:
                    yield Static(Text("Assessment mode: feedback comes at the end."),
                                 id="assessment-note")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.scenario.title} ({self.mode})"
        self.query_one("#chat", ChatLog).display = False
        self.query_one("#over").display = False
        budget = self.scenario.budget_for(self.persona)
        self.query_one("#clock", MeetingClock).budget = budget
        self.load_and_open()

    def on_unmount(self) -> None:
        # Leaving (or quitting) mid-reply: stop the model rather than let the
        # worker thread run the reply to its end.
        if self._cancel is not None:
            self._cancel.set()

    # -- opening -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open")
    def load_and_open(self) -> None:
        """Load the model (with progress), record the session and open it."""
        from coffeechat.engine import Session
        from coffeechat.llm.base import BackendError
        from coffeechat.store import StoreError

        worker = get_current_worker()
        app = self.chat_app

        def progress(fraction: float) -> None:
            self.post_message(msg.ModelProgressed(fraction))

        try:
            backend = app.acquire_backend(progress)
        except BackendError as exc:
            self.post_message(msg.ModelLoadFailed(str(exc)))
            return
        if worker.is_cancelled:
            return
        store = app.store
        try:
            if self.resume_id is not None:
                sid = self.resume_id
                prior = store.turns(sid)
            else:
                sid = store.start_session(
                    scenario=self.scenario.id, persona=self.persona.id, mode=self.mode,
                    model=backend.name, prep_questions=self.prep_questions,
                    scenario_source=_source(app, self.scenario.id),
                )
                prior = []

            def on_turn(index: int, turn: Turn) -> None:
                store.add_turn(sid, index, turn)

            session = Session(self.persona, self.scenario, backend,
                              settings=app.settings.engine, on_turn=on_turn,
                              prior_turns=prior)
            session.open()
        except BackendError as exc:
            self.post_message(msg.ModelLoadFailed(str(exc)))
            return
        except StoreError as exc:
            self.post_message(msg.SessionFailed(f"The meeting cannot start: {exc}"))
            return
        self.engine_session = session
        self.post_message(msg.SessionOpened(sid, list(session.transcript.turns), session.state,
                                            awaiting_reply=session.awaiting_reply))

    @on(msg.ModelProgressed)
    def _progress(self, event: msg.ModelProgressed) -> None:
        self.query_one("#load-progress", ProgressBar).update(progress=event.fraction)

    @on(msg.ModelLoadFailed)
    def _load_failed(self, event: msg.ModelLoadFailed) -> None:
        scenario, persona, prep, mode = (self.scenario, self.persona, self.prep_questions,
                                         self.mode)
        resume = self.resume_id

        def again() -> Screen[None]:
            return SessionScreen(scenario, persona, prep, mode, resume_id=resume)

        self.chat_app.show_model_error(event.error, again)

    @on(msg.SessionFailed)
    def _session_failed(self, event: msg.SessionFailed) -> None:
        self.app.notify(event.error, title="History problem", severity="error", timeout=12,
                        markup=False)
        self.app.pop_screen()

    @on(msg.SessionOpened)
    def _opened(self, event: msg.SessionOpened) -> None:
        self.session_id = event.session_id
        self.query_one("#loading").display = False
        chat = self.query_one("#chat", ChatLog)
        chat.display = True
        for i, turn in enumerate(event.turns):
            if turn.speaker == "seeker":
                chat.add_turn("seeker", SEEKER, turn.text, index=i)
                self.seeker_texts.append(turn.text)
            else:
                chat.add_turn("persona", self.persona.name, turn.text, index=i)
        if self.resume_id is not None:
            chat.add_note(f"Resumed session {self.resume_id}: carry on where you left off.")
        if event.awaiting_reply:
            self.can_retry = True
            chat.add_note("Your last question has no answer yet: press Ctrl+R to have them "
                          "answer it, or say something new.")
        self.query_one("#prep-list", PrepChecklist).refresh_from(self.seeker_texts)
        self._apply_state(event.state)
        self.ready = True
        self._unlock()
        if event.state.ended:
            self._finish()

    # -- the conversation ----------------------------------------------------------

    def _lock(self) -> None:
        # Sending is locked while the persona speaks, typing is not: keys
        # pressed during a reply must never be thrown away.
        self.busy = True
        compose = self.query_one("#compose", TextArea)
        compose.add_class("locked")
        self.refresh_bindings()

    def _unlock(self) -> None:
        self.busy = False
        compose = self.query_one("#compose", TextArea)
        if not self.finished:
            compose.read_only = False
            compose.remove_class("locked")
            compose.focus()
        self.refresh_bindings()

    def _apply_state(self, state: SessionState) -> None:
        clock = self.query_one("#clock", MeetingClock)
        clock.budget = state.budget_minutes
        clock.minutes = state.minutes
        for meter in self.query(RapportMeter):
            meter.value = state.rapport

    def action_send(self) -> None:
        if self.busy and not self.finished:
            self.notify("Let them finish first (Esc stops the reply); your text is kept.",
                        severity="warning")
            return
        if not self.ready or self.finished:
            return
        compose = self.query_one("#compose", TextArea)
        text = compose.text.strip()
        if not text:
            self.notify("Type what you want to say first.", severity="warning")
            return
        compose.clear()
        self.query_one("#chat", ChatLog).add_turn("seeker", SEEKER, text)
        self._start_reply(text)

    def action_retry(self) -> None:
        if self.ready and not self.busy and not self.finished and self.can_retry:
            self._start_reply(None)

    def _start_reply(self, text: str | None) -> None:
        self.can_retry = False
        self._lock()
        self._stream_turn = self.query_one("#chat", ChatLog).add_turn(
            "persona", self.persona.name, "…")
        self._stream_turn.add_class("streaming")
        self._cancel = threading.Event()
        self.stream_reply(text, self._cancel)

    @work(thread=True, exclusive=True, group="reply")
    def stream_reply(self, text: str | None, cancel: threading.Event) -> None:
        """Run the engine for one reply (``text`` None: answer the last turn again)."""
        from coffeechat import engine
        from coffeechat.engine import SessionError
        from coffeechat.llm.base import BackendError
        from coffeechat.store import StoreError

        worker = get_current_worker()
        session = self.engine_session
        assert session is not None
        batch = _Batcher(self.post_message, self.chat_app.settings.stream_interval)
        try:
            items = (session.reply(text, cancel=cancel) if text is not None
                     else session.retry_reply(cancel=cancel))
            for item in items:
                if worker.is_cancelled:
                    cancel.set()
                if isinstance(item, engine.ReplyChunk):
                    batch.add(item.text)
                elif isinstance(item, engine.SeekerRecorded):
                    self.post_message(msg.SeekerRecorded(item.index, item.turn, item.hints))
                elif isinstance(item, engine.ReplyDone):
                    batch.flush()
                    self.post_message(msg.ReplyFinished(item.index, item.turn, item.state))
                elif isinstance(item, engine.ReplyCancelled):
                    self.post_message(msg.ReplyCancelled(item.state))
        except (BackendError, StoreError, SessionError) as exc:
            self.post_message(msg.ReplyFailed(str(exc)))
        finally:
            self.stream_posts += batch.posts

    def action_stop_reply(self) -> None:
        if self.busy and self._cancel is not None:
            self._cancel.set()

    @on(msg.SeekerRecorded)
    def _seeker_recorded(self, event: msg.SeekerRecorded) -> None:
        self.seeker_texts.append(event.turn.text)
        self.query_one("#prep-list", PrepChecklist).refresh_from(self.seeker_texts)
        for hints in self.query(HintList):
            hints.add_hints(event.hints)

    @on(msg.ReplyStreamed)
    def _streamed(self, event: msg.ReplyStreamed) -> None:
        if self._stream_turn is not None:
            self.query_one("#chat", ChatLog).update_turn(self._stream_turn, event.text)

    def _drop_stream_turn(self) -> None:
        if self._stream_turn is not None:
            self._stream_turn.remove()
            self._stream_turn = None

    @on(msg.ReplyFinished)
    def _finished(self, event: msg.ReplyFinished) -> None:
        if self._stream_turn is not None:
            self._stream_turn.remove_class("streaming")
            self._stream_turn.index = event.index
            self.query_one("#chat", ChatLog).update_turn(self._stream_turn, event.turn.text)
            self._stream_turn = None
        self._apply_state(event.state)
        self._unlock()
        if self._end_requested or event.state.ended:
            self._finish()

    @on(msg.ReplyCancelled)
    def _cancelled(self, event: msg.ReplyCancelled) -> None:
        self._drop_stream_turn()
        self._apply_state(event.state)
        self.can_retry = True
        self._unlock()
        if self._end_requested:
            self._finish()
            return
        self.query_one("#chat", ChatLog).add_note(
            "You stopped the reply. Carry on, or press Ctrl+R to have them answer again.")

    @on(msg.ReplyFailed)
    def _failed(self, event: msg.ReplyFailed) -> None:
        self._drop_stream_turn()
        self.can_retry = self.engine_session is not None
        self._unlock()
        if self._end_requested and self.engine_session is not None:
            self._finish()
            return
        self.query_one("#chat", ChatLog).add_note(
            f"The model failed: {event.error}\nPress Ctrl+R to try again, or Ctrl+E to end "
            "the meeting.")
        self.notify(event.error, title="Model problem", severity="error", markup=False)

    # -- ending --------------------------------------------------------------------

    def action_end(self) -> None:
        if self.finished:
            self.action_see_report()
            return
        self._user_ended = True
        if not self.ready:
            # Still loading: leave; the loaded model is kept for the next session.
            self.workers.cancel_group(self, "open")
            self.app.pop_screen()
            return
        if self.busy:
            self._end_requested = True
            if self._cancel is not None:
                self._cancel.set()
            return
        self._finish()

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        self._lock()
        self.end_meeting()

    @work(thread=True, exclusive=True, group="reply")
    def end_meeting(self) -> None:
        """Let the persona say goodbye, score the meeting and store the result."""
        from coffeechat.llm.base import BackendError
        from coffeechat.store import StoreError

        session = self.engine_session
        assert session is not None and self.session_id is not None
        app = self.chat_app
        goodbye = None
        try:
            goodbye = session.end()
        except (BackendError, StoreError) as exc:
            app.call_from_thread(app.notify, f"Goodbye not recorded: {exc}", severity="warning")
        report = None
        error = None
        try:
            report = app.scorer(session.transcript, self.persona, self.scenario)
        except Exception as exc:  # a scoring bug must not lose the session
            error = f"{type(exc).__name__}: {exc}"
        try:
            app.store.finish_session(self.session_id, report)
        except StoreError as exc:
            error = str(exc)
        self.ended_by = session.state.end_reason or "seeker"
        self.post_message(msg.SessionFinished(goodbye, report, error))

    @on(msg.SessionFinished)
    def _session_finished(self, event: msg.SessionFinished) -> None:
        if event.goodbye is not None:
            self.query_one("#chat", ChatLog).add_turn("persona", self.persona.name,
                                                      event.goodbye.text)
        self.busy = False
        self.refresh_bindings()
        self._error = event.error
        if self._user_ended and event.error is None:
            self.action_see_report()
            return
        reason = _END_REASONS.get(self.ended_by or "seeker", "The meeting is over.")
        score = f" Score: {event.report.score}." if event.report else ""
        problem = f" It could not be scored: {event.error}" if event.error else ""
        self.query_one("#over-text", Static).update(Text(reason + score + problem))
        self.query_one("#over").display = True
        self.query_one("#compose").display = False
        self.query_one("#compose-help").display = False
        self.query_one("#see-report", Button).focus()

    @on(Button.Pressed, "#see-report")
    def action_see_report(self) -> None:
        if self.session_id is not None and self.finished:
            self.chat_app.show_report(self.session_id, replace=True,
                                      error=self._error)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send":
            if self.finished:
                return False
            return True if self.ready else None
        if action == "stop_reply":
            if self.finished:
                return False
            return True if self.busy else None
        if action == "retry":
            return self.can_retry and not self.busy and not self.finished
        if action == "end":
            return None if self.finished and self.busy else True
        return True


def _source(app: CoffeeChatApp, scenario_id: str) -> str | None:
    path = app.library.sources.get(("scenario", scenario_id))
    return str(path) if path else None
