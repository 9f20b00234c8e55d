"""Screenshot tests: home, session and report at a fixed size, with fixed
content, a seeded engine and a fixed store clock, so the pictures are stable.
Update after a deliberate UI change with `pytest tests/tui --snapshot-update`."""

from __future__ import annotations

import re
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea

from coffeechat.engine import EngineSettings
from coffeechat.scoring.report import Evidence, Metrics, Report, RuleResult
from coffeechat.store import Store
from coffeechat.transcript import Turn
from tui.helpers import settle

SIZE = (110, 34)
SEED = EngineSettings(seed=7)
REPLY = ("I started as a barista in 2012 and roasted on weekends for two years. "
         "When the founder stepped back in 2018, I took over production.")


def test_home(make, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make(engine=SEED), terminal_size=SIZE)


def test_home_light_theme(make, snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = make(engine=SEED)

    async def light(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=light)


def test_session_after_one_exchange(make, snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = make([REPLY], engine=SEED)

    async def converse(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        pilot.app.screen.query_one("#compose", TextArea).load_text(
            "I'm exploring a move from the counter into roasting. How did you move from "
            "barista to roasting?")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=converse)


def _stored_report(store: Store) -> int:
    turns = [
        Turn(speaker="persona", text="Hi! Grab a seat. I have about twenty minutes.",
             minute=0.0),
        Turn(speaker="seeker", text="I'm exploring roasting. How did you get started?",
             minute=0.1),
        Turn(speaker="persona", text="As a barista in 2012, roasting on weekends.", minute=0.3),
        Turn(speaker="seeker", text="Are you hiring roasters right now?", minute=0.5),
        Turn(speaker="persona", text="I'd rather keep this about the work.", minute=0.6),
    ]
    rules = [
        RuleResult(id="states_purpose", verdict="pass", weight=8,
                   evidence=[Evidence(turn=1, quote="I'm exploring roasting.")],
                   advice="You said what you hoped to learn, so they could aim their answers."),
        RuleResult(id="no_job_request", verdict="fail", weight=20,
                   evidence=[Evidence(turn=3, quote="Are you hiring roasters right now?")],
                   advice="They agreed to share what they know, not to screen you. Ask how "
                          "people usually get into roasting instead."),
        RuleResult(id="asks_for_referral", verdict="fail", weight=12,
                   advice="Near the end, ask who else you could learn from."),
        RuleResult(id="shows_preparation", verdict="n/a", weight=8),
    ]
    for score in (55, 72):
        sid = store.start_session(scenario="roastery-visit", persona="rosa-mendes",
                                  mode="practice", model="scripted")
        store.finish_session(sid, Report(
            score=score, capped=False, rules=[r.model_copy(update={"verdict": "pass"})
                                              if r.id == "no_job_request" else r
                                              for r in rules],
            metrics=Metrics(seeker_word_share=0.3, information_requests=3,
                            longest_seeker_turn_words=12, minutes=9.0)))
    sid = store.start_session(scenario="roastery-visit", persona="rosa-mendes",
                              mode="practice", model="scripted")
    for i, t in enumerate(turns):
        store.add_turn(sid, i, t)
    store.finish_session(sid, Report(
        score=40, capped=True, rules=rules,
        metrics=Metrics(seeker_word_share=0.38, information_requests=2,
                        longest_seeker_turn_words=8, minutes=1.2)))
    return sid


def test_report(make, store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    sid = _stored_report(store)
    app = make()

    async def open_report(pilot: Pilot[None]) -> None:
        await pilot.pause()
        pilot.app.show_report(sid)  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_report)


def test_stylesheet_uses_theme_variables_only() -> None:
    css = (Path(__file__).resolve().parents[2] / "src/coffeechat/tui/app.tcss").read_text()
    values = [v for _, v in re.findall(r"([\w-]+)\s*:\s*([^;{}]+);", css)]
    colour_words = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsl|\b(?:red|green|blue|white|"
                              r"black|yellow|grey|gray|orange|purple)\b")
    assert values and not [v for v in values if colour_words.search(v)]
