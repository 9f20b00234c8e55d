"""Session: loading, streaming, locking, cancelling, hints, prep, ending."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import TextArea

from coffeechat.llm.base import BackendError
from coffeechat.llm.scripted import ScriptedBackend
from coffeechat.tui.screens.model_error import ModelErrorScreen
from coffeechat.tui.screens.report import ReportScreen
from coffeechat.tui.screens.session import SessionScreen
from coffeechat.tui.settings import ModelChoice
from coffeechat.tui.widgets.chat_log import ChatLog, ChatTurn
from coffeechat.tui.widgets.hint_list import HintList
from coffeechat.tui.widgets.prep_checklist import PrepChecklist, PrepItem
from tui.helpers import screen_text, settle

pytestmark = pytest.mark.asyncio

# The engine releases the reply sentence by sentence (its guards check whole
# sentences), so streaming shows up as the reply growing a sentence at a time.
LONG = ("I started behind the counter in 2012, pulling shots six days a week. "
        "On Saturdays the head roaster let me watch the first batches. "
        "That is how I learned to hear first crack and smell when a roast was turning.")
LONGER = ("Green coffee arrives in jute bags from three farms we visit every other year. "
          "Each lot gets sample roasted and cupped before we commit to a full contract. "
          "Then we plan the year's roast schedule around when each harvest lands at port.")


async def start(pilot, scenario_down: int = 0) -> SessionScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    for _ in range(scenario_down):
        await pilot.press("down")
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen) and screen.ready
    return screen


async def say(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#compose", TextArea).load_text(text)
    await pilot.press("ctrl+s")


def chat(screen: SessionScreen) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in screen.query_one(ChatLog).query(ChatTurn)]


async def test_model_loads_in_a_worker_with_progress_before_the_greeting(make) -> None:
    gate = threading.Event()

    class SlowBackend(ScriptedBackend):
        def load(self, progress=None):  # type: ignore[no-untyped-def]
            if progress:
                progress(0.5)
            gate.wait(10)
            super().load(progress)

    app = make()
    app.backend_factory = lambda choice: SlowBackend(["Sure."])
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        for _ in range(20):
            await pilot.pause(0.02)
        screen = app.screen
        assert isinstance(screen, SessionScreen) and not screen.ready
        assert screen.query_one("#loading").display
        assert screen.query_one("#load-progress").progress == 0.5  # type: ignore[attr-defined]
        assert "locked" in screen.query_one("#compose", TextArea).classes
        gate.set()
        await settle(pilot)
        assert screen.ready and not screen.query_one("#loading").display
        assert chat(screen)[0][1].startswith("Hi! Grab a seat.")


async def test_typing_ahead_is_kept_while_the_persona_speaks(make, store) -> None:
    app = make([LONG, "Happy to."], delay=0.05)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await start(pilot)
        await say(pilot, "How did you get from the counter into roasting?")
        assert screen.busy
        await pilot.press(*"Next", "ctrl+s")  # typed and "sent" mid-reply
        assert screen.busy
        await settle(pilot)
        compose = screen.query_one("#compose", TextArea)
        assert compose.text == "Next"  # nothing the user typed was thrown away
        assert [s for s, _ in chat(screen)].count("seeker") == 1  # and nothing was sent early
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert chat(screen)[-2:] == [("seeker", "Next"), ("persona", "Happy to.")]


async def test_reply_streams_in_batches_while_sending_is_locked(make, store) -> None:
    app = make([LONG], delay=0.01)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await start(pilot)
        await say(pilot, "How did you get from the counter into roasting?")
        seen: list[str] = []
        locked_while_streaming = []
        for _ in range(200):
            await pilot.pause(0.01)
            turns = screen.query_one(ChatLog).query(ChatTurn)
            last = list(turns)[-1]
            if screen.busy:
                locked_while_streaming.append(
                    "locked" in screen.query_one("#compose", TextArea).classes)
                if last.speaker == "persona" and last.text not in ("…", *seen):
                    seen.append(last.text)
            else:
                break
        await settle(pilot)
        assert len(seen) >= 2, "the reply should appear piece by piece"
        assert all(LONG.startswith(s) for s in seen) and seen[0] != LONG
        assert locked_while_streaming and all(locked_while_streaming)
        words = len(LONG.split())
        assert 1 < screen.stream_posts < words  # batched, not one update per word
        assert chat(screen)[-1] == ("persona", LONG)
        assert "locked" not in screen.query_one("#compose", TextArea).classes
        # Both turns are in the history already, before the meeting ends.
        assert [t.speaker for t in store.turns(screen.session_id)] == [
            "persona", "seeker", "persona"]


async def test_escape_stops_the_reply_and_ctrl_r_asks_again(make, store) -> None:
    app = make([LONGER], delay=0.04)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await start(pilot)
        await say(pilot, "What was your first roast like?")
        for _ in range(200):
            await pilot.pause(0.02)
            last = list(screen.query_one(ChatLog).query(ChatTurn))[-1]
            if last.speaker == "persona" and len(last.text) > 20:
                break  # the first sentence is on screen; the second is streaming
        assert screen.busy
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.busy and screen.can_retry
        kinds = chat(screen)
        assert kinds[-2] == ("seeker", "What was your first roast like?")
        assert kinds[-1][0] == "system" and "stopped" in kinds[-1][1]
        assert [t.speaker for t in store.turns(screen.session_id)] == ["persona", "seeker"]
        assert "Ask again" in screen_text(app)
        await pilot.press("ctrl+r")
        await settle(pilot, rounds=8)
        assert chat(screen)[-1] == ("persona", LONGER)
        assert [t.speaker for t in store.turns(screen.session_id)] == [
            "persona", "seeker", "persona"]


async def test_a_failed_reply_is_shown_and_can_be_retried(make) -> None:
    calls = []

    def flaky(messages):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            raise BackendError("the server at http://127.0.0.1:9 stopped answering")
        return "Second time lucky."

    app = make(flaky)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await start(pilot)
        await say(pilot, "How do you choose farms?")
        await settle(pilot)
        note = chat(screen)[-1]
        assert note[0] == "system" and "stopped answering" in note[1]
        assert screen.can_retry and not screen.busy
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert chat(screen)[-1] == ("persona", "Second time lucky.")


async def test_user_and_model_text_is_shown_literally(make) -> None:
    app = make(["Sure [bold red]not bold[/] and [link=http://x]no link[/link]."])
    async with app.run_test(size=(110, 36)) as pilot:
        await start(pilot)
        await say(pilot, "Is [b]this[/b] bold? [/]")
        await settle(pilot)
        text = screen_text(app)
        assert "Is [b]this[/b] bold? [/]" in text
        assert "Sure [bold red]not bold[/] and [link=http://x]no link[/link]." in text


async def test_practice_mode_shows_hints_and_ticks_prep_questions(make) -> None:
    app = make(["I moved over after two years of weekend roasting."])
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await start(pilot)
        items = list(screen.query_one(PrepChecklist).query(PrepItem))
        assert [i.done for i in items] == [False, False, False]
        await say(pilot, "I'm exploring a move from the cafe counter into roasting. How did "
                  "you move from barista to roasting?")
        await settle(pilot)
        assert [i.done for i in items] == [True, False, False]
        assert screen.query_one(HintList).messages()


async def test_assessment_mode_has_no_live_hints(make) -> None:
    app = make(["We buy through two importers."])
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await start(pilot, scenario_down=1)
        assert screen.mode == "assessment"
        await say(pilot, "Can I have a job here?")
        await settle(pilot)
        assert not screen.query(HintList)
        assert "Hints" not in screen_text(app)


async def test_ctrl_e_ends_the_meeting_and_shows_the_report(make, store) -> None:
    app = make(["I started as a barista."])
    async with app.run_test(size=(110, 36)) as pilot:
        await start(pilot)
        await say(pilot, "How did you start?")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        [record] = store.sessions()
        assert record.status == "finished" and record.score is not None
        assert app.screen.report is not None and app.screen.report.score == record.score
        turns = store.turns(record.id)
        assert turns[-1].speaker == "persona"  # the goodbye is recorded too
        assert turns[1].text == "How did you start?"


async def test_ctrl_e_while_the_persona_speaks_stops_then_ends(make, store) -> None:
    app = make([LONGER], delay=0.04)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await start(pilot)
        await say(pilot, "Tell me about the roastery.")
        await pilot.pause(0.2)
        assert screen.busy
        await pilot.press("ctrl+e")
        await settle(pilot, rounds=8)
        assert isinstance(app.screen, ReportScreen)
        assert store.sessions()[0].status == "finished"


async def test_model_failure_screen_and_a_way_back(make) -> None:
    app = make(fail_load="cannot open /models/broken.gguf: not a GGUF file "
               "(bad magic); download it again", model=ModelChoice(model="/models/broken.gguf"))
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ModelErrorScreen)
        text = screen_text(app)
        assert "bad magic" in text and "What to do" in text
        assert "Choose another model" in text
        # Pick the embedded model: the meeting starts with it.
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.click("#kind-embedded")
        await pilot.click("#use")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen) and app.screen.ready
        assert app.model_choice.kind == "embedded"


async def test_model_failure_back_to_scenarios(make) -> None:
    app = make(fail_load="could not reach http://127.0.0.1:9/v1: connection refused",
               model=ModelChoice(server="http://127.0.0.1:9/v1"))
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ModelErrorScreen)
        assert "python -m llama_cpp.server" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.return_code is None  # still running, no traceback exit


async def test_a_stray_backend_error_gets_the_failure_screen(make) -> None:
    app = make()
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        app._handle_exception(BackendError("the model file vanished"))
        await settle(pilot)
        assert isinstance(app.screen, ModelErrorScreen)
        assert "the model file vanished" in screen_text(app)
        assert app._exception is None


async def test_the_persona_cuts_the_meeting_short_after_repeated_slips(make, store) -> None:
    app = make(["Roasting is mostly patience."])
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await start(pilot)
        for ask in ("Are you hiring roasters right now?",
                    "Could you pass my résumé to whoever does the hiring here?",
                    "If a roaster job opens up, would you keep me in mind for it?"):
            await say(pilot, ask)
            await settle(pilot)
            if screen.finished:
                break
        assert screen.finished and screen.ended_by == "cut_short"
        text = screen_text(app)
        assert "They cut the meeting short." in text and "See your report" in text
        assert not screen.query_one("#compose").display
        await pilot.press("enter")  # the focused "See your report" button
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert app.screen.report is not None and app.screen.report.score <= 40
        assert store.sessions()[0].status == "finished"


async def test_saying_goodbye_ends_the_meeting_with_their_goodbye_on_screen(make) -> None:
    app = make(["Happy to help."])
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await start(pilot)
        await say(pilot, "Thank you so much for your time today, goodbye!")
        await settle(pilot)
        assert screen.finished and screen.ended_by == "seeker"
        assert "Good luck, and thanks for coming by." in screen_text(app)
        assert "They said goodbye" in screen_text(app)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)


async def _open_with_real_backend(library, store, choice: ModelChoice):  # type: ignore[no-untyped-def]
    from coffeechat.tui.app import make_app
    from coffeechat.tui.settings import AppSettings

    return make_app(AppSettings(model=choice), store=store, library=library)


async def test_a_corrupt_gguf_file_gets_the_failure_screen(library, store, tmp_path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\x00" * 64)  # the magic, then nothing usable
    app = await _open_with_real_backend(library, store, ModelChoice(model=str(bad)))
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=8)
        assert isinstance(app.screen, ModelErrorScreen), screen_text(app)
        text = screen_text(app)
        assert "broken.gguf" in text and "complete .gguf model file" in text
        assert store.sessions() == []  # nothing recorded for a meeting that never began


async def test_an_unreachable_server_gets_the_failure_screen(library, store) -> None:
    app = await _open_with_real_backend(library, store,
                                        ModelChoice(server="http://127.0.0.1:9/v1"))
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=8)
        assert isinstance(app.screen, ModelErrorScreen), screen_text(app)
        assert "127.0.0.1:9" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "server http://127.0.0.1:9/v1" in screen_text(app)  # home shows the model


async def test_an_unwritable_history_is_a_notice_and_back_home(make, tmp_path) -> None:
    from coffeechat.store import Store

    bad = tmp_path / "history.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    app = make()
    app.store = Store(bad)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("not a usable history file" in n.message for n in app._notifications)


async def test_time_running_out_makes_the_persona_wrap_up(make, library) -> None:
    scenario = library.scenarios["roastery-visit"]
    library.scenarios["roastery-visit"] = scenario.model_copy(
        update={"time_budget_minutes": 5})
    answers = [f"Answer {n}: we roast six days a week and cup every batch the next morning. "
               "Most of the craft is tasting, logging and adjusting the next profile. "
               "Green buying takes the rest of my week, mostly calls with importers."
               for n in range(12)]
    app = make(answers)
    long_question = ("Could you walk me through how the tasting, the logging and the green "
                     "buying fit together in a normal week at the roastery, what happens "
                     "when the orders pile up before a holiday, how the cafe team hears "
                     "about a new profile, which part of that rhythm took the longest to "
                     "learn, and what a newcomer on the roasting floor usually gets wrong "
                     "in the first months, before the habits of cupping every batch and "
                     "writing everything down finally settle in for good?")
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await start(pilot)
        for n in range(12):
            await say(pilot, f"{long_question} How does week {n} usually go?")
            await settle(pilot)
            if screen.finished:
                break
        assert screen.finished and screen.ended_by == "wrapped_up"
        assert "Time is up" in screen_text(app)
        clock = screen.query_one("#clock")
        assert clock.has_class("over") or clock.has_class("near")
