"""The scorer's aggregation fast paths (everything after detection) give what their plain
definitions give: word counts, the report models, and the rules and metrics that read
events by kind instead of walking every turn. Events are generated freely here (any kind
on any speaker's turn, several per turn), beyond what the detectors emit today."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.scoring import rules
from coffeechat.scoring.events import Event, EventKind
from coffeechat.scoring.metrics import WORDS_PER_MINUTE, clock
from coffeechat.scoring.report import Evidence, RuleResult
from coffeechat.scoring.rules import MAX_EVIDENCE, PROFESSIONAL_KINDS, TIME_SLACK, Session
from coffeechat.scoring.scorer import _construct, _metrics
from coffeechat.scoring.text import is_open_question, normalise
from coffeechat.transcript import Turn, count_words

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Bits that make word counting differ: every kind of space, punctuation alone, NUL (the
# fast path's separator), letters outside ASCII (Σ lower-cases by context), surrogates.
WORDS = ["what", "So,", "okay", "how", "do", "you", "can't", "it's", "I'm", "tell", "me",
         "gonna", "résumé", "naïve", "—", "-", "...", "?", "(", "'", "\x00", "\u00a0",
         "\u2003", "\x1c", "\t", "\n", "  ", "’", "…", "😀", "2019", "Σ", "ΑΣ", "\ud800"]
texts = st.one_of(st.text(max_size=60),
                  st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
# Mostly the kinds the by-kind rules read, so the odd cases (a wrap-up on a seeker's turn,
# two kinds in one turn) come up often.
KINDS = st.one_of(st.sampled_from(get_args(EventKind)), st.sampled_from(
    ["wrap_up", "question", "advice_request", "referral_request", "thanks",
     "purpose_statement", "pry", "gossip"]))


@SETTINGS
@given(st.lists(st.tuples(texts, st.one_of(st.none(), st.floats(0, 90))), max_size=8))
def test_clock_matches_its_definition(spec: list[tuple[str, float | None]]) -> None:
    turns = [Turn(speaker="seeker", text=t, minute=m) for t, m in spec]
    got = clock(turns)
    words = [count_words(t) for t, _ in spec]
    starts, now = [], 0.0
    for (_, m), n in zip(spec, words, strict=True):
        now = float(m) if m is not None else now
        starts.append(now)
        now += n / WORDS_PER_MINUTE
    assert (list(got.words), list(got.starts), got.minutes) == (words, starts, now)


def test_report_models_are_built_as_model_construct_builds_them() -> None:
    ev = _construct(Evidence, {"turn": 3, "quote": "q"})
    assert ev == Evidence.model_construct(turn=3, quote="q")
    assert ev.model_fields_set == {"turn", "quote"}
    rr = _construct(RuleResult, {"id": "thanks", "verdict": "fail", "weight": 8,
                                 "evidence": [ev], "advice": "a"})
    slow = RuleResult.model_construct(id="thanks", verdict="fail", weight=8, evidence=[ev],
                                      advice="a")
    assert rr == slow and rr.model_fields_set == slow.model_fields_set
    assert rr.model_dump_json() == slow.model_dump_json()
    assert RuleResult.model_validate_json(rr.model_dump_json()) == rr


# --- the plain definitions: walk every turn, as the rules once did ---------------------


@dataclass
class Plain:
    index: int
    speaker: str
    text: str
    words: int
    start: float
    events: list[Event]

    def get(self, kind: str) -> Event | None:
        return next((e for e in self.events if e.kind == kind), None)


def _of(turns: list[Plain], kind: str) -> list[Event]:
    return [e for t in turns for e in t.events if e.kind == kind]


def _cut(events: list[Event]) -> list[tuple[int, str]]:
    return [(e.turn, e.quote) for e in events[:MAX_EVIDENCE]]


def plain_verdicts(turns: list[Plain], budget: int, minutes: float) -> dict[str, object]:
    seeker = [t for t in turns if t.speaker == "seeker"]
    out: dict[str, object] = {}
    early = next((e for t in seeker[:2] if (e := t.get("purpose_statement"))), None)
    out["states_purpose"] = ("pass", [(early.turn, early.quote)]) if early else (
        "fail", _cut(_of(seeker[2:], "purpose_statement")) if seeker else [])
    if seeker:
        k = math.ceil(len(seeker) / 3)
        late = next((e for t in seeker[-k:] if (e := t.get("referral_request"))), None)
        out["asks_for_referral"] = ("pass", [(late.turn, late.quote)]) if late else (
            "fail", _cut(_of(seeker[:-k], "referral_request")))
    else:
        out["asks_for_referral"] = ("fail", [])
    close = next((e for t in reversed(seeker[-2:]) if (e := t.get("thanks"))), None)
    out["thanks"] = ("pass", [(close.turn, close.quote)]) if close else (
        "fail", _cut(_of(seeker[:-2], "thanks"))[:1])
    limit = budget * TIME_SLACK
    evidence: list[tuple[int, str]] = []
    if minutes > limit + 1e-9:
        over = next((t for t in turns if t.start > limit), turns[-1] if turns else None)
        if over is not None:
            evidence.append((over.index, rules._opening(over.text)))
    wrap = next((t for t in turns if t.speaker == "persona" and t.get("wrap_up")), None)
    failed = bool(evidence) or minutes > limit + 1e-9
    if wrap is not None:
        new = [t for t in seeker if t.index > wrap.index and (t.get("question") or t.get(
            "advice_request")) and not t.get("referral_request")]
        if len(new) > rules.MAX_NEW_QUESTIONS_AFTER_WRAP:
            failed = True
            e = wrap.get("wrap_up")
            assert e is not None
            evidence.append((e.turn, e.quote))
            for t in new[rules.MAX_NEW_QUESTIONS_AFTER_WRAP:]:
                q = t.get("question") or t.get("advice_request")
                evidence.append((t.index, q.quote if q else rules._opening(t.text)))
    out["respects_time"] = ("fail", evidence[:MAX_EVIDENCE]) if failed else ("pass", [])
    asks = [any(e.kind in rules.INFO_KINDS for e in t.events) for t in seeker]
    streak: list[Plain] = []
    worst: list[Plain] = []
    for t, asked in zip(seeker[1:], asks[1:], strict=True):
        streak = [] if asked else [*streak, t]
        if len(streak) > rules.MAX_SILENT_STREAK and not worst:
            worst = streak
    quiet = worst or [t for t, asked in zip(seeker, asks, strict=True) if not asked][:3]
    out["leads_conversation"] = ("pass", []) if (
        sum(asks) >= rules.MIN_INFORMATION_REQUESTS and not worst) else (
        "fail", [(t.index, rules._opening(t.text)) for t in quiet])
    pro = [e for t in turns for e in t.events if e.kind in PROFESSIONAL_KINDS]
    out["stays_professional"] = ("fail", _cut(pro)) if pro else ("pass", [])
    out["requests"] = sum(asks)
    firsts = [q for t in seeker if (q := t.get("question"))]
    out["open"] = sum(q.open for q in firsts)
    out["closed"] = len(firsts) - out["open"]  # type: ignore[operator]
    return out


@st.composite
def sessions(draw: st.DrawFn) -> tuple[list[Turn], list[list[Event]]]:
    n = draw(st.integers(0, 14))
    turns, events = [], []
    for i in range(n):
        who = draw(st.sampled_from(["seeker", "persona"]))
        text = draw(st.sampled_from(["So what do you do?", "Thanks!", "Is it hard?",
                                     "I — well ... " * 30, "hmm"]))
        turns.append(Turn(speaker=who, text=text, minute=draw(st.one_of(
            st.none(), st.floats(0, 60)))))
        kinds = draw(st.lists(KINDS, max_size=3))
        quotes = [draw(st.sampled_from(["How do you do it?", "Is it?", f"q{i}"])) for _ in kinds]
        # A question's openness is worked out by the detectors from its sentence.
        events.append([Event(k, i, q, "why", is_open_question(normalise(q)))
                       for k, q in zip(kinds, quotes, strict=True)])
    return turns, events


@SETTINGS
@given(sessions(), st.integers(5, 30))
def test_rules_read_by_kind_as_their_plain_definitions_read_turns(
        spec: tuple[list[Turn], list[list[Event]]], budget: int) -> None:
    turns, events = spec
    clk = clock(turns)
    session = Session([t.text for t in turns], [t.speaker for t in turns], events, clk, budget,
                      True, None)
    plain = [Plain(i, t.speaker, t.text, clk.words[i], clk.starts[i], events[i])
             for i, t in enumerate(turns)]
    want = plain_verdicts(plain, budget, clk.minutes)
    for rule_id in ("states_purpose", "leads_conversation", "asks_for_referral", "thanks",
                    "respects_time", "stays_professional"):
        v = rules.RULE_FUNCTIONS[rule_id](session)
        assert (v.verdict, v.evidence) == want[rule_id], rule_id
    metrics = _metrics(session)
    assert metrics.information_requests == want["requests"]
    assert (metrics.open_questions, metrics.closed_questions) == (want["open"], want["closed"])
    assert session.total_words == sum(clk.words)
    assert session.seeker_words == sum(t.words for t in plain if t.speaker == "seeker")
