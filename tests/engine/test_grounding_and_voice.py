"""Retrieval of knowledge points, and the first-person rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from coffeechat.content.loader import load_persona
from coffeechat.content.models import Persona
from coffeechat.engine.grounding import Grounding
from coffeechat.engine.text import similarity, split_sentences, stem
from coffeechat.engine.voice import first_person


@pytest.fixture(scope="module")
def dana(repo_root: Path) -> Persona:
    return load_persona(repo_root / "personas" / "dana-ruiz.yaml")


@pytest.mark.parametrize(
    ("question", "topic"),
    [("How did you get started in brand marketing?", "career path"),
     ("What does a typical week look like?", "a typical day and week"),
     ("Which skills matter most?", "skills that matter"),
     ("What's the hardest part of your job?", "the hard and unglamorous parts"),
     ("Is the industry growing - what trends do you see?", "trends in consumer packaged goods"),
     ("How do companies like yours hire brand managers?",
      "how hiring works in brand management"),
     ("What would you advise someone coming from retail operations?",
      "advice for someone exploring brand marketing")],
)
def test_questions_find_their_topic(dana: Persona, question: str, topic: str) -> None:
    facts = Grounding(dana).retrieve(question)
    assert facts and facts[0].topic == topic


def test_chooses_two_points_and_rotates_through_unused_ones(dana: Persona) -> None:
    g = Grounding(dana)
    first = g.retrieve("How did you get started?")
    second = g.retrieve("How did you get started?", used={f.key for f in first})
    assert len(first) == 2 and len(second) == 2
    assert not {f.key for f in first} & {f.key for f in second}


def test_story_order_wins_over_one_shared_word(dana: Persona) -> None:
    facts = Grounding(dana).retrieve("How did you get started?")
    assert facts[0].text.startswith("I graduated with a business degree in 2004")


def test_off_topic_questions_get_no_facts(dana: Persona) -> None:
    assert Grounding(dana).retrieve("Do you like the weather here?") == []


def test_public_profile_only_when_the_seeker_referred_to_it(dana: Persona) -> None:
    g = Grounding(dana)
    question = "I read about the 2019 relaunch of the Tree Top juice line. What did you learn?"
    assert g.retrieve(question, profile=True)[0].topic == "public profile"
    assert all(f.topic != "public profile" for f in g.retrieve(question))


def test_fallback_finds_something_relevant(dana: Persona) -> None:
    fact = Grounding(dana).fallback("Tell me about trade spend")
    assert fact is not None and "trade spend" in fact.text.lower()


def test_support_covers_what_the_persona_knows(dana: Persona) -> None:
    support = Grounding(dana).support("zebra question")
    assert {stem("retailer"), stem("forecast"), stem("zebra")} <= support
    assert stem("submarine") not in support


@pytest.mark.parametrize(
    ("note", "spoken"),
    [("Started behind the counter in 2012.", "I started behind the counter in 2012."),
     ("She leads a team of fourteen and says it is the best job she has had",
      "I lead a team of fourteen and I'd say it is the best job I have had."),
     ("Dana Ruiz runs her own numbers every Monday.", "I run my own numbers every Monday."),
     ("She says most briefs are four pages of wishes.", "Most briefs are four pages of wishes."),
     ("He always asks why.", "I always ask why."),
     ("Most of the week is not advertising.", "Most of the week is not advertising.")],
)
def test_first_person(dana: Persona, note: str, spoken: str) -> None:
    assert first_person(note, dana) == spoken


def test_sentences_and_stems() -> None:
    assert split_sentences("Hi Dr. Smith. I was at Nestle, e.g. in sales! Really?") == [
        "Hi Dr. Smith.", "I was at Nestle, e.g. in sales!", "Really?"]
    assert stem("careers") == stem("career")
    assert stem("hiring") == stem("hired") == stem("hire")
    assert similarity("I started in sales.", "I started in sales!") == 1.0
