"""Transcript in, Report out: run the detectors once over every turn, then the rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from coffeechat.scoring.catalog import BLOCKER_CAP, BLOCKER_RULE, RULES
from coffeechat.scoring.detect import Scanner
from coffeechat.scoring.events import Event
from coffeechat.scoring.metrics import DEFAULT_BUDGET_MINUTES, clock
from coffeechat.scoring.report import REPORT_FORMAT, Evidence, Metrics, Report, RuleResult
from coffeechat.scoring.rules import RULE_FUNCTIONS, Session, TurnInfo
from coffeechat.scoring.text import is_open_question, normalise

if TYPE_CHECKING:
    from coffeechat.content.models import Persona, Scenario
    from coffeechat.transcript import Transcript, Turn


def budget_minutes(persona: Persona | None, scenario: Scenario | None) -> int:
    """The scenario's budget, else the persona's, else 30 minutes."""
    if scenario is not None and scenario.time_budget_minutes:
        return scenario.time_budget_minutes
    if persona is not None:
        return persona.time_budget_minutes
    return DEFAULT_BUDGET_MINUTES


def analyse(turns: Sequence[Turn], persona: Persona | None = None) -> list[list[Event]]:
    """Events for every turn, in one pass (the same as ``detect_turn`` turn by turn)."""
    scanner = Scanner(persona)
    return [scanner.feed(turn, i) for i, turn in enumerate(turns)]


def build_session(turns: Sequence[Turn], persona: Persona | None,
                  scenario: Scenario | None) -> Session:
    events = analyse(turns, persona)
    clk = clock(turns)
    words, starts = clk.words, clk.starts
    infos = tuple([TurnInfo(i, t.speaker, t.text, words[i], starts[i], tuple(events[i]))
                   for i, t in enumerate(turns)])
    profile = list(persona.public_profile) if persona is not None else []
    return Session.make(infos, clk, budget_minutes(persona, scenario), bool(profile),
                        profile[0] if profile else None)


def score(transcript: Transcript, persona: Persona | None = None,
          scenario: Scenario | None = None) -> Report:
    session = build_session(transcript.turns, persona, scenario)
    overrides = scenario.rules if scenario is not None else {}
    results: list[RuleResult] = []
    passed = applicable = 0
    blocked = False
    for info in RULES:
        override = overrides.get(info.id)
        weight = info.weight if override is None or override.weight is None else override.weight
        if override is not None and not override.enabled:
            results.append(_construct(RuleResult, {
                "id": info.id, "verdict": "n/a", "weight": weight, "evidence": [],
                "advice": "Not scored in this scenario."}))
            continue
        v = RULE_FUNCTIONS[info.id](session)
        # Built from trusted parts without validation, which would only cost time (tests
        # check the result round-trips through validation).
        results.append(_construct(RuleResult, {
            "id": info.id, "verdict": v.verdict, "weight": weight,
            "evidence": [_construct(Evidence, {"turn": t, "quote": q}) for t, q in v.evidence],
            "advice": v.advice,
        }))
        if v.verdict == "n/a":
            continue
        applicable += weight
        if v.verdict == "pass":
            passed += weight
        elif info.id == BLOCKER_RULE:
            blocked = True
    value = int(100 * passed / applicable + 0.5) if applicable else 100
    if blocked:
        value = min(value, BLOCKER_CAP)
    return _construct(Report, {"format": REPORT_FORMAT, "score": value, "capped": blocked,
                               "rules": results, "metrics": _metrics(session)})


_M = TypeVar("_M", bound=BaseModel)
_set_attr = object.__setattr__


def _construct(cls: type[_M], values: dict[str, Any]) -> _M:
    """``cls.model_construct(**values)`` for plain models (no aliases, extras, private
    attributes or post-init) given every field in declaration order, minus its per-field
    bookkeeping: what pydantic's own model_construct ends up setting."""
    m = cls.__new__(cls)
    _set_attr(m, "__dict__", values)
    _set_attr(m, "__pydantic_fields_set__", set(values))
    _set_attr(m, "__pydantic_extra__", None)
    _set_attr(m, "__pydantic_private__", None)
    return m


def _metrics(session: Session) -> Metrics:
    seeker = session.seeker
    total = sum(t.words for t in session.turns)
    mine = sum(t.words for t in seeker)
    requests = [t for t in seeker if t.info_request]
    open_q = closed_q = 0
    for t in seeker:
        q = t.get("question")
        if q is None:
            continue
        if is_open_question(normalise(q.quote)):
            open_q += 1
        else:
            closed_q += 1
    minutes = session.clock.minutes
    return _construct(Metrics, {
        "seeker_word_share": round(mine / total, 3) if total else 0.0,
        "information_requests": len(requests),
        "longest_seeker_turn_words": max((t.words for t in seeker), default=0),
        "minutes": round(minutes, 1),
        "open_questions": open_q,
        "closed_questions": closed_q,
        "questions_per_10_minutes": (round(10 * len(requests) / minutes, 1) if minutes > 0
                                     else 0.0),
    })
