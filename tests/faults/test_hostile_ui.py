"""Hostile text in the app (scripted backend; the model is beside the point):
markup, escapes and control characters from the seeker, the model or an error
message are shown literally and never crash the screen; a 100 KB paste goes
through; empty input is refused without a turn."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from textual.widgets import Label, TextArea

from coffeechat.content.loader import Library
from coffeechat.llm.base import BackendError, Message
from coffeechat.llm.scripted import ScriptedBackend
from coffeechat.store import Store
from coffeechat.tui.app import CoffeeChatApp, make_app
from coffeechat.tui.screens.session import SessionScreen
from coffeechat.tui.settings import AppSettings, ModelChoice
from coffeechat.tui.widgets.chat_log import ChatLog, ChatTurn
from tui.helpers import screen_text, settle

pytestmark = pytest.mark.asyncio

SCENARIO = "first-coffee-brand"
MARKUP = "Is [bold red]this[/] a [link=https://x]link[/link]? [/oops] [b]"
ESCAPES = "Hi\x1b[31m red\x1b[0m \x1b]0;pwned\x07 bell\x07 back\x08 nul\x00 end"
WORLD = "你好！ مرحبا بك שלום ☕️👩🏽‍💼🚀 Ça va?"


def _app(tmp_path: Path, library: Library,
         replies: Sequence[str] | Callable[[Sequence[Message]], str],
         model: ModelChoice | None = None) -> tuple[CoffeeChatApp, Store]:
    store = Store(tmp_path / "history.sqlite3")
    app = make_app(AppSettings(start_scenario=SCENARIO, model=model or ModelChoice(),
                               export_folder=tmp_path / "exports"),
                   backend_factory=lambda choice: ScriptedBackend(replies),
                   store=store, library=library)
    return app, store


async def _session(pilot) -> SessionScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen) and screen.ready
    return screen


async def _say(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#compose", TextArea).load_text(text)
    await pilot.press("ctrl+s")
    await settle(pilot)


def _chat(screen: SessionScreen) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in screen.query_one(ChatLog).query(ChatTurn)]


async def test_markup_from_seeker_and_model_is_shown_literally(tmp_path: Path,
                                                               library: Library) -> None:
    reply = f"Sure, ask me about {MARKUP} anytime."
    app, store = _app(tmp_path, library, [reply])
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        screen = await _session(pilot)
        await _say(pilot, MARKUP)
        turns = store.turns(screen.session_id or 0)
        assert turns[1].text == MARKUP and MARKUP in turns[2].text
        assert _chat(screen)[-2:] == [("seeker", MARKUP), ("persona", turns[2].text)]
        shown = screen_text(app)
        assert MARKUP in shown and turns[2].text in shown


async def test_escapes_control_characters_and_world_scripts_do_not_break_the_screen(
    tmp_path: Path, library: Library
) -> None:
    app, store = _app(tmp_path, library, [f"Of course. {ESCAPES} {WORLD}"])
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        screen = await _session(pilot)
        await _say(pilot, f"{ESCAPES} {WORLD}")
        shown = screen_text(app)
        assert "你好" in shown and "مرحبا" in shown and "🚀" in shown
        for control in ("\x1b", "\x07", "\x08", "\x00"):
            assert control not in shown  # never sent to the terminal raw
        turns = store.turns(screen.session_id or 0)
        assert turns[1].text == f"{ESCAPES} {WORLD}"  # but kept exactly in the history
        assert not screen.busy and screen.ready


async def test_an_error_message_with_markup_is_shown_literally(tmp_path: Path,
                                                               library: Library) -> None:
    error = "the model server reported an error: out of memory [bold red]boom[/] [/oops]"
    calls: list[int] = []

    def flaky(messages: Sequence[Message]) -> str:
        calls.append(1)
        if len(calls) == 1:
            raise BackendError(error)
        return "Happy to help."

    app, store = _app(tmp_path, library, flaky)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        screen = await _session(pilot)
        await _say(pilot, "What does a typical week look like?")
        assert screen.can_retry and not screen.busy
        note = _chat(screen)[-1]
        assert note[0] == "system" and error in note[1]
        shown = screen_text(app)
        assert "[bold red]boom[/] [/oops]" in shown  # in the chat note and the toast
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert _chat(screen)[-1] == ("persona", "Happy to help.")
        assert [t.speaker for t in store.turns(screen.session_id or 0)] == [
            "persona", "seeker", "persona"]


async def test_a_model_path_with_brackets_is_shown_literally(tmp_path: Path,
                                                             library: Library) -> None:
    odd = tmp_path / "[bold red]llama[q4_K_M].gguf"
    app, _ = _app(tmp_path, library, ["Hello."], model=ModelChoice(model=str(odd)))
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        screen = await _session(pilot)
        label = screen.query_one("#loading-label", Label)
        assert "[bold red]llama[q4_K_M].gguf (GGUF file)" in str(label.render())


async def test_a_100_kb_paste_goes_through_and_is_stored_whole(tmp_path: Path,
                                                              library: Library) -> None:
    paste = ("Here are my notes from the last job, pasted in full: shelf resets, "
             "vendor calls, weekly volume reports. ") * 1000
    paste = paste[:100_000]
    app, store = _app(tmp_path, library, ["That is a lot to take in. What would you ask me?"])
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        screen = await _session(pilot)
        await _say(pilot, paste)
        chat = _chat(screen)
        assert chat[-2] == ("seeker", paste.strip())
        assert chat[-1][0] == "persona" and chat[-1][1]
        assert not screen.busy
        stored = store.turns(screen.session_id or 0)
        assert stored[1].text == paste.strip() and len(stored) == 3


async def test_empty_input_is_refused_without_a_turn(tmp_path: Path, library: Library) -> None:
    app, store = _app(tmp_path, library, ["Hello."])
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        screen = await _session(pilot)
        before = _chat(screen)
        for blank in ("", "   ", "\n\n\t  \n"):
            await _say(pilot, blank)
            assert _chat(screen) == before
        assert "Type what you want to say first." in screen_text(app)
        assert len(store.turns(screen.session_id or 0)) == 1  # the greeting only
        assert not screen.busy and screen.ready


async def test_a_history_that_cannot_be_written_stops_the_meeting_with_a_message(
    tmp_path: Path, library: Library
) -> None:
    # The data "folder" is a file (brackets in its name, too): the meeting
    # cannot be recorded, so it must not start, and the user must be told why.
    blocker = tmp_path / "[bold red]data"
    blocker.write_text("not a folder")
    store = Store(blocker / "history.sqlite3")
    app = make_app(AppSettings(start_scenario=SCENARIO),
                   backend_factory=lambda choice: ScriptedBackend(["Hello."]),
                   store=store, library=library)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, SessionScreen)
        toasts = [str(t.render()) for t in app.screen.query("Toast")]
        assert any(str(blocker) in text and "cannot" in text for text in toasts), toasts
