"""Hostile seeker input through the whole pipeline with the real model:
engine -> history -> scorer -> export, and back. World scripts, markup,
escape sequences, control characters, a question longer than the model's
context and a 100 KB paste are kept exactly in the history and the JSON
export, shown harmlessly in Markdown, and never break the model call (the
prompt always fits the context); empty input is refused without a turn."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coffeechat.content.models import Persona, Scenario
from coffeechat.engine import EngineSettings, ReplyDone, Session, SessionError
from coffeechat.export import export_session
from coffeechat.llm.llamacpp import LlamaCppBackend
from coffeechat.scoring import score
from coffeechat.store import Store
from coffeechat.transcript import Turn, parse_transcript

WORLD = "你好！我在考虑转行做品牌管理。 مرحبا، ما أهم مهارة في عملك؟ שלום ☕️👩🏽‍💼🚀 Ça va?"
MARKUP = "Is [bold red]brand work[/] a [link=https://x]creative[/link] job? [/oops] [b]"
ESCAPES = ("What surprised you\x1b[31m most\x1b[0m about the \x1b]0;pwned\x07relaunch?"
           "\x08\x00\r\n\tThanks.")
PASTE = ("Here is my whole résumé so you can see my background: five years of retail "
         "operations, shelf resets, vendor calls and weekly volume reports. ") * 700
PASTE = PASTE[:100_000]
# About 2,500 tokens: more than the 2,048-token context on its own.
LONG_QUESTION = ("How do brand teams decide which products to launch, and how do they measure "
                 "whether a launch worked? ") * 125
CONTROLS = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)] + ["\x7f"]


@pytest.mark.model
def test_hostile_turns_round_trip_through_engine_store_scorer_and_export(
    model: LlamaCppBackend, persona: Persona, scenario: Scenario, tmp_path: Path
) -> None:
    store = Store(tmp_path / "history.sqlite3")
    sid = store.start_session(scenario=scenario.id, persona=persona.id, mode="practice",
                              model=model.name)
    session = Session(persona, scenario, model,
                      on_turn=lambda i, t: store.add_turn(sid, i, t),
                      settings=EngineSettings(seed=5, max_reply_tokens=32))
    session.open()
    for text in (WORLD, MARKUP, ESCAPES, LONG_QUESTION):
        done = list(session.reply(text))[-1]
        assert isinstance(done, ReplyDone) and done.turn.text.strip()
        assert session.transcript.turns[done.index - 1].text == text.strip()
        stats = model.last_stats
        if done.source != "reaction":  # the model was asked: the prompt was made to fit
            assert stats is not None
            assert stats.prompt_tokens + 32 <= model.context_size
    assert model.count_tokens(LONG_QUESTION) > model.context_size

    # Empty input: refused, nothing recorded anywhere.
    count = len(store.turns(sid))
    for blank in ("", "   ", "\n\t \n"):
        with pytest.raises(SessionError):
            list(session.reply(blank))
    assert len(store.turns(sid)) == count == len(session.transcript.turns)

    # 100 KB takes two hours to say: recorded whole, and the persona wraps up.
    done = list(session.reply(PASTE))[-1]
    assert isinstance(done, ReplyDone) and done.state.ended
    assert session.transcript.turns[-2].text == PASTE.strip()
    with pytest.raises(SessionError):
        list(session.reply("One more question?"))
    transcript = session.transcript
    assert store.turns(sid) == transcript.turns  # exactly, control characters and all

    report = score(transcript, persona, scenario)
    assert 0 <= report.score <= 100
    for rule in report.rules:
        for ev in rule.evidence:  # quotes may be shortened with an ellipsis
            said = " ".join(transcript.turns[ev.turn].text.split())
            parts = [" ".join(p.split()) for p in ev.quote.split("…") if p.strip()]
            assert parts and all(p in said for p in parts), (rule.id, ev)
    listens = next(r for r in report.rules if r.id == "listens")
    assert listens.verdict == "fail"  # a 100 KB monologue is not listening
    store.finish_session(sid, report)

    md_path, json_path = export_session(store, sid, tmp_path / "exports")
    back = parse_transcript(json_path.read_text(encoding="utf-8"), str(json_path))
    assert back.turns == transcript.turns
    assert json.loads(json_path.read_text(encoding="utf-8"))["turns"][1]["text"] == WORLD
    md = md_path.read_text(encoding="utf-8")
    assert WORLD in md and MARKUP in md and PASTE[:2000] in md
    assert not any(c in md for c in CONTROLS if c != "\r")  # safe to `cat`
    assert "\r" not in md and "\u241b" in md  # ESC shown as its symbol
    stored = store.session(sid)
    assert stored is not None and stored.status == "finished"
    assert stored.score == report.score
    store.close()


def test_a_turn_full_of_nothing_but_controls_is_still_a_turn(persona: Persona,
                                                            scenario: Scenario) -> None:
    # Not blank to the engine (it is not whitespace), so recorded and answered;
    # what matters is that nothing downstream chokes on it.
    from coffeechat.llm.scripted import ScriptedBackend

    saved: list[Turn] = []
    session = Session(persona, scenario, ScriptedBackend(["Could you say that again?"]),
                      on_turn=lambda i, t: saved.append(t))
    session.open()
    done = list(session.reply("\x1b\x00\x07"))[-1]
    assert isinstance(done, ReplyDone)
    report = score(session.transcript, persona, scenario)
    assert 0 <= report.score <= 100
    assert saved[1].text == "\x1b\x00\x07"
