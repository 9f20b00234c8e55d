"""Each rule at its exact boundaries (DESIGN.md §5), the score formula and overrides."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from coffeechat.content.models import Persona, Scenario
from coffeechat.scoring import score
from coffeechat.scoring.metrics import clock
from coffeechat.scoring.report import Report
from coffeechat.transcript import Transcript, Turn

FILLER = "word "  # one word per repetition


def words(n: int, lead: str = "") -> str:
    """A text of exactly ``n`` words (counting the lead), no question, no events."""
    base = lead.split()
    return " ".join(base + ["fine"] * (n - len(base)))


def tr(*turns: tuple[str, str] | tuple[str, str, float]) -> Transcript:
    out = []
    for t in turns:
        out.append(Turn(speaker="persona" if t[0] == "P" else "seeker", text=t[1],
                        minute=t[2] if len(t) > 2 else None))  # type: ignore[misc]
    return Transcript(turns=out)


def verdict(report: Report, rule: str) -> str:
    return next(r.verdict for r in report.rules if r.id == rule)


def result(report: Report, rule: str):  # type: ignore[no-untyped-def]
    return next(r for r in report.rules if r.id == rule)


def persona(**kw: object) -> Persona:
    data: dict[str, object] = dict(
        id="pat-kim", name="Pat Kim", role="Designer", company="Acme", industry="Design",
        summary="Designs things.", personality="Kind.", greeting="Hello, I have 30 minutes.",
        reactions=dict(job_request=["No."], resume_offered=["No."], pitch=["No."],
                       time_warning=["Soon."], referral_given=["{name}"], no_referral=["No."],
                       goodbye=["Bye."]))
    data.update(kw)
    return Persona.model_validate(data)


def scenario(**kw: object) -> Scenario:
    data: dict[str, object] = dict(id="s", title="S", persona="pat-kim", setting="Cafe",
                                   seeker=dict(background="You.", goal="Learn."))
    data.update(kw)
    return Scenario.model_validate(data)


GOOD = [
    ("P", "Hello there, nice to meet you, I have about thirty minutes today."),
    ("S", "Thanks for meeting me. I'm exploring a move into design research."),
    ("P", words(60, "Happy to help")),
    ("S", "What does a normal week look like?"),
    ("P", words(60, "Mostly studies")),
    ("S", "If you were in my shoes, what would you do first?"),
    ("P", words(60, "I would")),
    ("S", "How do you pick which studies to run?"),
    ("P", words(60, "It depends")),
    ("S", "Who else do you think I should talk to?"),
    ("P", words(30, "Talk to Jo")),
    ("S", "Thank you so much for your time."),
]


def test_a_model_session_passes_everything() -> None:
    report = score(tr(*GOOD))
    assert {r.id: r.verdict for r in report.rules if r.verdict != "pass"} == {
        "shows_preparation": "n/a"}
    assert report.score == 100 and not report.capped


# --- listens: 40% share and 120 words -------------------------------------------------


def _share_session(seeker_words: int, persona_words: int) -> Transcript:
    # Seeker turns are questions so leads_conversation is not in play; sizes are exact.
    return tr(("P", words(persona_words)), ("S", words(seeker_words, "What about this?")))


@pytest.mark.parametrize(("mine", "theirs", "expected"), [
    (40, 60, "pass"),   # exactly 40%
    (41, 59, "fail"),   # just over
    (39, 61, "pass"),
])
def test_listens_share_boundary(mine: int, theirs: int, expected: str) -> None:
    report = score(_share_session(mine, theirs))
    assert report.metrics.seeker_word_share == pytest.approx(mine / 100, abs=1e-3)
    assert verdict(report, "listens") == expected


@pytest.mark.parametrize(("n", "expected"), [(120, "pass"), (121, "fail")])
def test_listens_longest_turn_boundary(n: int, expected: str) -> None:
    report = score(tr(("P", words(1000)), ("S", words(n, "What about this?"))))
    assert report.metrics.longest_seeker_turn_words == n
    assert verdict(report, "listens") == expected
    if expected == "fail":
        assert result(report, "listens").evidence[0].turn == 1


# --- respects_time: 110% of the budget, and new questions after a wrap-up ------------


@pytest.mark.parametrize(("budget", "end", "expected"), [
    (20, 22.0, "pass"), (20, 22.1, "fail"), (30, 33.0, "pass"), (30, 33.2, "fail")])
def test_time_budget_boundary(budget: int, end: float, expected: str) -> None:
    # The last turn has one word: minutes = stamp + 1/130.
    last_stamp = end - 1 / 130
    t = tr(("P", "Hello.", 0.0), ("S", "What do you do?", 1.0), ("P", "Well.", last_stamp))
    report = score(t, persona(time_budget_minutes=budget))
    assert report.metrics.minutes == pytest.approx(end, abs=0.05)
    assert verdict(report, "respects_time") == expected


def test_budget_comes_from_scenario_then_persona_then_30() -> None:
    t = tr(("P", "Hello.", 0.0), ("S", "What do you do?", 1.0), ("P", "Well.", 25.0))
    assert verdict(score(t), "respects_time") == "pass"  # 30 by default
    assert verdict(score(t, persona(time_budget_minutes=20)), "respects_time") == "fail"
    assert verdict(score(t, persona(time_budget_minutes=20),
                         scenario(time_budget_minutes=25)), "respects_time") == "pass"


def test_minutes_continue_from_the_last_stamp_at_130_wpm() -> None:
    t = tr(("P", words(130), 0.0), ("S", words(65)), ("P", words(130), 10.0), ("S", words(65)))
    clk = clock(t.turns)
    assert clk.starts == (0.0, 1.0, 10.0, 11.0)
    assert clk.minutes == pytest.approx(11.5)
    unstamped = tr(("P", words(130)), ("S", words(65)))
    assert clock(unstamped.turns).minutes == pytest.approx(1.5)


def _wrap(after: Sequence[str]) -> Transcript:
    turns: list[tuple[str, str]] = [
        ("P", "Hi, I have half an hour."), ("S", "What do you do?"),
        ("P", "I design things. I have to run in five minutes, though.")]
    for text in after:
        turns += [("S", text), ("P", "Sure.")]
    return tr(*turns)


def test_one_new_question_after_the_wrap_up_is_fine() -> None:
    report = score(_wrap(["What tools do you use?", "Who else should I talk to?",
                          "Thank you so much!"]))
    assert verdict(report, "respects_time") == "pass"


def test_two_new_questions_after_the_wrap_up_fail_with_evidence() -> None:
    report = score(_wrap(["What tools do you use?", "What about research?",
                          "Thank you so much!"]))
    r = result(report, "respects_time")
    assert r.verdict == "fail"
    assert [e.turn for e in r.evidence] == [2, 5]  # the wrap-up, then the second question


def test_the_greeting_stating_the_time_is_not_a_wrap_up() -> None:
    t = tr(("P", "Hi! I only have fifteen minutes today."), ("S", "What do you do?"),
           ("P", "Design."), ("S", "What tools?"), ("P", "Pens."), ("S", "Why pens?"))
    assert verdict(score(t), "respects_time") == "pass"


# --- asks_for_referral: one of the last ceil(n/3) seeker turns -------------------------


def _referral_at(position: int, n: int) -> Transcript:
    turns: list[tuple[str, str]] = []
    for i in range(n):
        turns.append(("P", "Go on."))
        turns.append(("S", "Who else should I talk to?" if i == position else "What else?"))
    return tr(*turns)


@pytest.mark.parametrize(("n", "position", "expected"), [
    (6, 4, "pass"),   # ceil(6/3)=2: last two seeker turns are 4 and 5
    (6, 3, "fail"),
    (7, 4, "pass"),   # ceil(7/3)=3: positions 4, 5, 6
    (7, 3, "fail"),
    (1, 0, "pass"),
])
def test_referral_window_is_the_last_third(n: int, position: int, expected: str) -> None:
    r = result(score(_referral_at(position, n)), "asks_for_referral")
    assert r.verdict == expected
    if expected == "fail":
        assert r.evidence and r.evidence[0].turn == 2 * position + 1
        assert "near the end" in r.advice or "end" in r.advice


def test_missing_referral_advice_names_the_closing_turns() -> None:
    t = tr(("P", "Hi."), ("S", "What is it like?"), ("P", "Fun."), ("S", "How so?"),
           ("P", "Hm."), ("S", "Why?"))
    r = result(score(t), "asks_for_referral")
    assert r.verdict == "fail" and not r.evidence
    assert "your last 1 turn was 5" in r.advice


# --- thanks: one of the last two seeker turns ----------------------------------------


@pytest.mark.parametrize(("where", "expected"), [(-1, "pass"), (-2, "pass"), (-3, "fail")])
def test_thanks_in_the_last_two_seeker_turns(where: int, expected: str) -> None:
    seeker = ["What is it like?", "How so?", "Why?", "And then?"]
    seeker[where] = "Thank you so much."
    turns: list[tuple[str, str]] = []
    for s in seeker:
        turns += [("P", "Well."), ("S", s)]
    assert verdict(score(tr(*turns)), "thanks") == expected


def test_promised_note_is_not_thanks() -> None:
    t = tr(("P", "Hi."), ("S", "What is it like?"), ("P", "Fun."),
           ("S", "You've given me a lot to think about. I'll send you a thank-you note."))
    assert verdict(score(t), "thanks") == "fail"


# --- states_purpose: first two seeker turns ------------------------------------------


@pytest.mark.parametrize(("where", "expected"), [(0, "pass"), (1, "pass"), (2, "fail")])
def test_purpose_in_the_first_two_turns(where: int, expected: str) -> None:
    seeker = ["Hi!", "What is it like?", "How so?"]
    seeker[where] = "I'm weighing a move into research and want to understand the work."
    turns: list[tuple[str, str]] = []
    for s in seeker:
        turns += [("P", "Well."), ("S", s)]
    r = result(score(tr(*turns)), "states_purpose")
    assert r.verdict == expected
    if expected == "fail":
        assert r.evidence[0].turn == 5


# --- leads_conversation: 4 requests, never 3 silent seeker turns after the first -------


def _leads(seeker: list[str]) -> str:
    turns: list[tuple[str, str]] = []
    for s in seeker:
        turns += [("P", "Well."), ("S", s)]
    return verdict(score(tr(*turns)), "leads_conversation")


def test_leads_needs_four_information_requests() -> None:
    assert _leads(["Hi.", "What?", "Why?", "How?", "When?"]) == "pass"
    assert _leads(["Hi.", "What?", "Why?", "How?", "Okay."]) == "fail"


def test_leads_allows_two_silent_turns_but_not_three() -> None:
    assert _leads(["Hi.", "What?", "Okay.", "Sure.", "Why?", "How?", "When?"]) == "pass"
    assert _leads(["Hi.", "What?", "Okay.", "Sure.", "Right.", "Why?", "How?",
                   "When?"]) == "fail"
    # The seeker's first turn does not start a streak.
    assert _leads(["Hi.", "Okay.", "Sure.", "What?", "Why?", "How?", "When?"]) == "pass"


def test_a_job_request_is_not_an_information_request() -> None:
    assert _leads(["Hi.", "What?", "Why?", "How?", "Are you hiring?"]) == "fail"


# --- no_pitch: an unprompted turn about oneself over 60 words --------------------------


def _monologue(n: int, prompt: str) -> str:
    text = words(n, "I have worked in retail for years and I think I know my customers and my")
    return verdict(score(tr(("P", prompt), ("S", text))), "no_pitch")


def test_long_turn_about_oneself_is_a_pitch_unless_asked() -> None:
    assert _monologue(61, "Hello.") == "fail"
    assert _monologue(60, "Hello.") == "pass"
    assert _monologue(90, "So tell me about yourself?") == "pass"


# --- no_unsolicited_resume: licensed by the persona's ask ------------------------------


def test_resume_offer_is_fine_after_the_persona_asked() -> None:
    offer = "I'll send you my resume tonight."
    assert verdict(score(tr(("P", "Hi."), ("S", offer))), "no_unsolicited_resume") == "fail"
    asked = tr(("P", "Could you send me your resume?"), ("S", offer))
    assert verdict(score(asked), "no_unsolicited_resume") == "pass"


# --- shows_preparation -------------------------------------------------------------------


def test_preparation_is_na_without_a_profile_and_counts_before_the_persona() -> None:
    t = tr(("P", "Hi."), ("S", "I loved your SXSW talk on pricing experiments."))
    assert verdict(score(t), "shows_preparation") == "n/a"
    assert verdict(score(t, persona()), "shows_preparation") == "n/a"
    p = persona(public_profile=["Gave a SXSW 2023 talk on pricing experiments"])
    assert verdict(score(t, p), "shows_preparation") == "pass"
    late = tr(("P", "Hi, I just gave a SXSW talk about pricing experiments."),
              ("S", "I loved your SXSW talk on pricing experiments."))
    r = result(score(late, p), "shows_preparation")
    assert r.verdict == "fail" and "SXSW" in r.advice


# --- score formula, cap, overrides ------------------------------------------------------


TOTAL = 118  # the twelve default weights
PREP = 8     # shows_preparation is n/a without a persona


def test_score_is_passed_weight_over_applicable_weight() -> None:
    report = score(tr(*GOOD[:-1], ("S", "Bye.")))  # no thanks at the end
    assert verdict(report, "thanks") == "fail"
    applicable = TOTAL - PREP
    assert report.score == int(100 * (applicable - 8) / applicable + 0.5)  # 102/110 -> 93


def test_job_request_caps_the_score_at_40() -> None:
    turns = list(GOOD)
    turns[3] = ("S", "Are you hiring?")
    report = score(tr(*turns))
    assert report.capped and report.score == 40
    assert result(report, "no_job_request").evidence[0].quote == "Are you hiring?"


def test_scenario_overrides_weights_and_disables_rules() -> None:
    sc = scenario(rules={"thanks": {"weight": 30}, "listens": {"enabled": False}})
    report = score(tr(*GOOD[:-1], ("S", "Bye.")), None, sc)
    assert result(report, "thanks").weight == 30
    assert verdict(report, "listens") == "n/a"
    passed = TOTAL - PREP - 10 - 8    # everything but listens (off) and thanks (failed)
    applicable = passed + 30          # thanks now weighs 30
    assert report.score == int(100 * passed / applicable + 0.5)


def test_every_fail_has_evidence_or_advice_and_every_rule_is_reported() -> None:
    report = score(tr(("P", "Hi."), ("S", "Are you hiring? I brought my resume.")))
    assert [r.id for r in report.rules][:3] == ["states_purpose", "leads_conversation",
                                                "no_job_request"]
    for r in report.rules:
        if r.verdict == "fail":
            assert r.evidence or r.advice


def test_empty_transcript_scores_without_crashing() -> None:
    report = score(Transcript(turns=[]))
    assert 0 <= report.score <= 100
    assert report.metrics.minutes == 0
