"""Transcript in, Report out: run the detectors once over every turn, then the rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from coffeechat.scoring.catalog import BLOCKER_CAP, BLOCKER_RULE, RULES
from coffeechat.scoring.detect import scan_all
from coffeechat.scoring.events import Event
from coffeechat.scoring.metrics import DEFAULT_BUDGET_MINUTES, clock_of
from coffeechat.scoring.report import REPORT_FORMAT, Evidence, Metrics, Report, RuleResult
from coffeechat.scoring.rules import RULE_FUNCTIONS, Session

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
    return scan_all(turns, persona)


def build_session(turns: Sequence[Turn], persona: Persona | None,
                  scenario: Scenario | None) -> Session:
    events = analyse(turns, persona)
    texts = [t.text for t in turns]
    profile = persona.public_profile if persona is not None else []
    return Session(texts, [t.speaker for t in turns], events,
                   clock_of(texts, [t.minute for t in turns]),
                   budget_minutes(persona, scenario), bool(profile),
                   profile[0] if profile else None)


def score(transcript: Transcript, persona: Persona | None = None,
          scenario: Scenario | None = None) -> Report:
    session = build_session(transcript.turns, persona, scenario)
    overrides = scenario.rules if scenario is not None else None
    results: list[RuleResult] = []
    passed = applicable = 0
    blocked = False
    for rule_id, weight, rule in _PLAN:
        override = overrides.get(rule_id) if overrides else None
        if override is not None:
            if override.weight is not None:
                weight = override.weight
            if not override.enabled:
                results.append(_construct(RuleResult, {
                    "id": rule_id, "verdict": "n/a", "weight": weight, "evidence": [],
                    "advice": "Not scored in this scenario."}))
                continue
        v = rule(session)
        verdict = v.verdict
        # Built from trusted parts without validation, which would only cost time (tests
        # check the result round-trips through validation).
        results.append(_construct(RuleResult, {
            "id": rule_id, "verdict": verdict, "weight": weight,
            "evidence": [_construct(Evidence, {"turn": t, "quote": q}) for t, q in v.evidence],
            "advice": v.advice}))
        if verdict == "n/a":
            continue
        applicable += weight
        if verdict == "pass":
            passed += weight
        elif rule_id == BLOCKER_RULE:
            blocked = True
    value = int(100 * passed / applicable + 0.5) if applicable else 100
    if blocked:
        value = min(value, BLOCKER_CAP)
    return _construct(Report, {"format": REPORT_FORMAT, "score": value, "capped": blocked,
                               "rules": results, "metrics": _metrics(session)})


_PLAN = tuple((info.id, info.weight, RULE_FUNCTIONS[info.id]) for info in RULES)
"""Each rule's id, default weight and function, in report order."""

MIN_RATE_MINUTES = 0.05
"""Below this (0.0 once rounded) a session has no questions-per-10-minutes rate."""

_M = TypeVar("_M", bound=BaseModel)
_new = object.__new__
_set_attr = object.__setattr__
# The slots BaseModel declares, set through their descriptors (a little cheaper than
# object.__setattr__, and a report holds some thirty models).
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _construct(cls: type[_M], values: dict[str, Any]) -> _M:
    """``cls.model_construct(**values)`` for plain models (no aliases, extras, private
    attributes or post-init) given every field in declaration order, minus its per-field
    bookkeeping: what pydantic's own model_construct ends up setting."""
    m = _new(cls)
    _set_attr(m, "__dict__", values)
    _set_fields_set(m, set(values))
    _set_extra(m, None)
    _set_private(m, None)
    return m


def _metrics(session: Session) -> Metrics:
    seeker = session.seeker
    total = session.total_words
    mine = session.seeker_words
    requests = session.info_requests
    # The first question of each seeker turn: events of a kind come in turn order.
    speakers = session.speakers
    asked = open_q = 0
    last = -1
    for q in session.by_kind.get("question", ()):
        if q.turn != last and speakers[q.turn] == "seeker":
            asked += 1
            open_q += q.open
            last = q.turn
    closed_q = asked - open_q
    minutes = session.clock.minutes
    return _construct(Metrics, {
        "seeker_word_share": round(mine / total, 3) if total else 0.0,
        "information_requests": requests,
        "longest_seeker_turn_words": max([t.words for t in seeker], default=0),
        "minutes": round(minutes, 1),
        "open_questions": open_q,
        "closed_questions": closed_q,
        # A rate over less than the tenth of a minute the report shows would be noise, or
        # infinite for a stamp like 1e-308.
        "questions_per_10_minutes": (round(10 * requests / minutes, 1)
                                     if minutes >= MIN_RATE_MINUTES else 0.0),
    })
