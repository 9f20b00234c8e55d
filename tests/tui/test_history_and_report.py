"""Report (evidence → transcript, trends) and History (reopen, resume, export, delete)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList, TabbedContent

from coffeechat.scoring.report import Evidence, Metrics, Report, RuleResult
from coffeechat.store import Store
from coffeechat.transcript import Turn
from coffeechat.tui.screens.confirm import ConfirmScreen
from coffeechat.tui.screens.export_dialog import ExportScreen
from coffeechat.tui.screens.history import HistoryScreen
from coffeechat.tui.screens.report import ReportScreen
from coffeechat.tui.screens.session import SessionScreen
from coffeechat.tui.widgets.chat_log import ChatLog, ChatTurn
from coffeechat.tui.widgets.transcript_view import TranscriptView
from coffeechat.tui.widgets.trend_row import RuleTrend, ScoreTrend
from tui.helpers import screen_text, settle

pytestmark = pytest.mark.asyncio

TURNS = [
    Turn(speaker="persona", text="Hi! Grab a seat.", minute=0.0),
    Turn(speaker="seeker", text="I'm exploring roasting. How did you start?", minute=0.1),
    Turn(speaker="persona", text="As a barista, in 2012.", minute=0.3),
    Turn(speaker="seeker", text="Could you pass my name to whoever hires roasters?",
         minute=0.5),
    Turn(speaker="persona", text="I'd rather keep this about the work.", minute=0.7),
]


def report(score: int, *, job: bool) -> Report:
    return Report(
        score=score, capped=job,
        rules=[
            RuleResult(id="no_job_request", verdict="fail" if job else "pass", weight=20,
                       evidence=[Evidence(turn=3, quote="pass my name to whoever hires")]
                       if job else [],
                       advice="Ask how people get into roasting, never to be put forward."),
            RuleResult(id="states_purpose", verdict="pass", weight=8,
                       evidence=[Evidence(turn=1, quote="I'm exploring roasting")]),
            RuleResult(id="shows_preparation", verdict="n/a", weight=8),
        ],
        metrics=Metrics(seeker_word_share=0.41, information_requests=2,
                        longest_seeker_turn_words=9, minutes=1.2),
    )


def finished_session(store: Store, score: int, *, job: bool) -> int:
    sid = store.start_session(scenario="roastery-visit", persona="rosa-mendes",
                              mode="practice", model="scripted")
    for i, turn in enumerate(TURNS):
        store.add_turn(sid, i, turn)
    store.finish_session(sid, report(score, job=job))
    return sid


async def open_history(pilot) -> HistoryScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("ctrl+r")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_history_lists_sessions_newest_first(make, store) -> None:
    finished_session(store, 90, job=False)
    finished_session(store, 35, job=True)
    app = make()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#sessions", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[0] for r in rows] == ["2", "1"]
        assert rows[0][3] == "Rosa Mendes" and rows[0][6:] == ["finished", "35"]


async def test_reopen_a_report_and_jump_from_evidence_to_the_turn(make, store) -> None:
    finished_session(store, 90, job=False)
    finished_session(store, 35, job=True)
    app = make()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        text = screen_text(app)
        assert "35/100" in text and "capped at 40" in text and "off track" in text
        assert "41% of the words" in text
        rules = screen.query_one("#rules", OptionList)
        assert rules.highlighted == 0  # the first missed rule
        assert "Ask how people get into roasting" in screen_text(app)
        await pilot.press("enter")  # into the evidence list
        await pilot.pause()
        evidence = screen.query_one("#evidence", OptionList)
        assert app.focused is evidence
        await pilot.press("enter")  # select the quote
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one("#tabs", TabbedContent).active == "transcript"
        view = screen.query_one(TranscriptView)
        assert view.highlighted() == 3
        assert "pass my name to whoever hires" in screen_text(app)


async def test_progress_tab_shows_score_and_rule_trends(make, store) -> None:
    for score, job in ((35, True), (70, False), (90, False)):
        finished_session(store, score, job=job)
    app = make()
    async with app.run_test(size=(120, 36)) as pilot:
        app.show_report(3)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        await pilot.press("p")
        await settle(pilot)
        assert screen.query_one("#tabs", TabbedContent).active == "progress"
        assert screen.query_one(ScoreTrend).scores == [35, 70, 90]
        job_trend = screen.query_one("#trend-no_job_request", RuleTrend)
        assert job_trend.verdicts == ["fail", "pass", "pass"]
        text = screen_text(app)
        assert "35 → 90" in text and "passed 2 of 3" in text and "▁██" in text
        # The trend never looks past the session on screen.
        app.show_report(1)
        await pilot.pause()
        assert app.screen.query_one(ScoreTrend).scores == [35]


async def test_export_writes_markdown_and_json_to_the_chosen_folder(make, store,
                                                                    tmp_path) -> None:
    finished_session(store, 35, job=True)
    app = make()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        folder = tmp_path / "my exports"
        dialog.query_one("#folder").value = str(folder)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        files = sorted(p.name for p in folder.iterdir())
        assert files == ["coffeechat-1-roastery-visit-2026-03-02.json",
                         "coffeechat-1-roastery-visit-2026-03-02.md"]
        md = (folder / files[1]).read_text()
        assert "Score: 35/100" in md and "**1. You**" in md and "Rosa Mendes" in md
        assert not (tmp_path / "exports").exists()  # only the chosen folder was written


async def test_export_to_an_unwritable_place_is_a_notice_not_a_crash(make, store,
                                                                     tmp_path) -> None:
    finished_session(store, 35, job=True)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    app = make()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#folder").value = str(blocker / "sub")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert any("Export failed" in n.message for n in app._notifications)


async def test_delete_asks_first(make, store) -> None:
    finished_session(store, 90, job=False)
    keep = finished_session(store, 35, job=True)
    app = make()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("down")  # session 1
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert len(store.sessions()) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [r.id for r in store.sessions()] == [keep]
        assert screen.query_one("#sessions", DataTable).row_count == 1


async def test_resume_an_unfinished_session(make, store) -> None:
    sid = store.start_session(scenario="roastery-visit", persona="rosa-mendes",
                              mode="practice", model="scripted",
                              prep_questions=["How did you move from barista to roasting?"])
    for i, turn in enumerate(TURNS[:3]):
        store.add_turn(sid, i, turn)
    app = make(["Weekends, mostly, for two years."])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        assert "Resume" in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.ready
        shown = [(t.speaker, t.text) for t in screen.query_one(ChatLog).query(ChatTurn)]
        assert shown[:3] == [(t.speaker, t.text) for t in TURNS[:3]]
        assert "Resumed session 1" in shown[3][1]
        app.screen.query_one("#compose").load_text("What did you practise on?")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        turns = store.turns(sid)
        assert [t.text for t in turns[3:]] == ["What did you practise on?",
                                               "Weekends, mostly, for two years."]
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert store.session(sid).status == "finished"  # type: ignore[union-attr]
        assert len(store.sessions()) == 1


async def test_history_is_empty_at_first(make) -> None:
    app = make()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        assert "No sessions yet" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"



async def test_resume_after_a_crash_mid_reply_offers_to_answer_again(make, store) -> None:
    # A kill while the persona was answering leaves the seeker's turn last.
    sid = store.start_session(scenario="roastery-visit", persona="rosa-mendes",
                              mode="practice", model="scripted")
    for i, turn in enumerate(TURNS[:2]):
        store.add_turn(sid, i, turn)
    app = make(["At a cafe counter, like you."])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(pilot)
        await pilot.press("enter")  # Enter on a running session resumes it
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.can_retry
        assert "no answer yet" in screen_text(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert [t.text for t in store.turns(sid)][-1] == "At a cafe counter, like you."
