"""detect_turn: the live API the engine uses, and the hard cases named in the brief."""

from __future__ import annotations

import pytest

from coffeechat.content.models import Persona
from coffeechat.scoring.detect import detect_turn
from coffeechat.scoring.events import Event
from coffeechat.transcript import Turn


def kinds(text: str, *before: tuple[str, str], speaker: str = "seeker",
          persona: Persona | None = None) -> set[str]:
    turns = [Turn(speaker="persona" if s == "P" else "seeker", text=t) for s, t in before]
    if not turns:
        turns = [Turn(speaker="persona", text="Hi, nice to meet you.")]
        if speaker == "persona":
            turns.append(Turn(speaker="seeker", text="Thanks for meeting me."))
    turns.append(Turn(speaker=speaker, text=text))  # type: ignore[arg-type]
    return {e.kind for e in detect_turn(turns, len(turns) - 1, persona)}


@pytest.mark.parametrize("text", [
    "I'm not here to ask for a job.",
    "I won't take up your time asking about openings.",
    "Is the field growing, are there opportunities?",
    "What do employers look for in entry-level analysts?",
    "How does hiring usually work at a company like yours?",
    "I know you're not hiring, and that's fine.",
])
def test_not_job_requests(text: str) -> None:
    assert "job_request" not in kinds(text)


@pytest.mark.parametrize("text", [
    "If anything opens up, keep me in mind.",
    "How could I get hired here?",
    "Are you hiring right now?",
    "Could you pass my résumé to the hiring manager?",
    "I know you're not hiring, but if a role opens up please think of me.",
])
def test_job_requests(text: str) -> None:
    assert "job_request" in kinds(text)


def test_field_question_still_counts_as_a_question() -> None:
    assert kinds("Is the field growing, are there opportunities?") == {"question"}


def test_persona_asking_for_the_resume_licenses_sending_it() -> None:
    offer = "Great, I'll email you my résumé tonight."
    assert "resume_offer" in kinds(offer)
    assert "resume_offer" not in kinds(offer, ("P", "Hi."), ("S", "Thanks."),
                                       ("P", "Do you have a CV? Send it over."))
    # ...but a persona saying they do not want it does not.
    assert "resume_offer" in kinds(offer, ("P", "Hi."), ("S", "Thanks."),
                                   ("P", "Please don't send me your CV."))


def test_who_said_what() -> None:
    assert kinds("I have to run in five minutes.", speaker="persona") == {"wrap_up"}
    assert "wrap_up" not in kinds("I have to run in five minutes.")  # a seeker saying it
    assert kinds("Send me your CV after this.", speaker="persona") == {"resume_request"}
    assert kinds("Tell me a bit about yourself?", speaker="persona") == {
        "self_description_request"}


def test_wrap_up_needs_a_conversation_first() -> None:
    greeting = [Turn(speaker="persona", text="Hi! I have about 20 minutes, then I have to run.")]
    assert {e.kind for e in detect_turn(greeting, 0)} == {"time_signal"}


def test_events_carry_quote_why_and_turn() -> None:
    turns = [Turn(speaker="persona", text="Hi."),
             Turn(speaker="seeker", text="Lovely to meet you. Are you hiring at the moment?")]
    events = detect_turn(turns, 1)
    job = next(e for e in events if e.kind == "job_request")
    assert isinstance(job, Event) and job.turn == 1
    assert job.quote == "Are you hiring at the moment?"
    assert job.why and "job" in job.why.lower()


def test_detect_turn_checks_the_index() -> None:
    with pytest.raises(IndexError):
        detect_turn([Turn(speaker="persona", text="Hi.")], 3)


def test_long_answer_is_no_pitch_when_asked() -> None:
    story = ("I spent six years in retail operations, first as a store manager and then "
             "running replenishment for forty stores, where I built the weekly forecast and "
             "worked with buyers on promotions, and I found I liked the consumer side more "
             "than the logistics side, which is why I started my MBA last year and why I "
             "keep ending up in marketing electives.")
    assert "pitch" in kinds(story)
    assert "pitch" not in kinds(story, ("P", "Hi."), ("S", "Thanks for meeting."),
                                ("P", "First, tell me about your background?"))


def test_profile_reference_counts_only_before_the_persona_raises_it(
        ) -> None:
    p = Persona.model_validate(dict(
        id="pat-kim", name="Pat Kim", role="Designer", company="Acme", industry="Design",
        summary="Designs things.", personality="Kind.", greeting="Hello.",
        public_profile=["Led the 2019 relaunch of the Acme juice line"],
        reactions=dict(job_request=["No."], resume_offered=["No."], pitch=["No."],
                       time_warning=["Soon."], referral_given=["{name}"], no_referral=["No."],
                       goodbye=["Bye."])))
    text = "I read about the 2019 juice relaunch you led."
    assert "profile_reference" in kinds(text, persona=p)
    assert "profile_reference" not in kinds(
        text, ("P", "Back in 2019 I led a relaunch of our juice line."), persona=p)
    assert "profile_reference" not in kinds("I love Acme juice.", persona=p)


def test_detect_turn_agrees_with_a_full_scan() -> None:
    from pathlib import Path

    from coffeechat.scoring.detect import Scanner
    from coffeechat.scoring.evaluate import load_library_for
    from coffeechat.transcript import Transcript

    corpus = Path(__file__).parent / "corpus"
    lib = load_library_for(corpus)
    for path in sorted((corpus / "transcripts").glob("*.json"))[:25]:
        if path.name == "manifest.json":
            continue
        tr = Transcript.model_validate_json(path.read_text("utf-8"))
        persona = lib.personas.get(tr.persona or "")
        scanner = Scanner(persona)
        for i, turn in enumerate(tr.turns):
            assert detect_turn(tr.turns, i, persona) == scanner.feed(turn, i), (path.name, i)


@pytest.mark.parametrize(("text", "is_open"), [
    ("So, what was your first year like?", True),
    ("Thanks. I'd love to hear how you got started.", True),
    ("Is the work mostly remote? What surprised you?", False),  # the first question counts
    ("Do you enjoy it?", False),
    ("What advice would you give someone in my shoes?", True),
])
def test_a_question_knows_whether_it_is_open(text: str, is_open: bool) -> None:
    turns = [Turn(speaker="persona", text="Hi."), Turn(speaker="seeker", text=text)]
    question = next(e for e in detect_turn(turns, 1) if e.kind == "question")
    assert question.open is is_open
