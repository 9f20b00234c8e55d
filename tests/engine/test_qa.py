"""Persona QA with the real embedded model: six scripted seekers meet every
bundled persona (and the test persona), and the outcomes a coach expects
hold, with no guard violation in any persona turn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coffeechat.content.loader import default_content_paths, load_library
from coffeechat.content.models import Persona
from coffeechat.engine.qa import SEEKER_NAMES, SEEKERS, SeekerRun, reply_problems, run_seeker
from coffeechat.transcript import Transcript, Turn

from .conftest import FIXTURES

pytestmark = pytest.mark.model


def _personas() -> dict[str, Persona]:
    lib = load_library([p for p in default_content_paths() if p.name == "personas"])
    personas = dict(lib.personas)
    fixture = load_library([FIXTURES / "personas"])
    personas.update(fixture.personas)
    return personas


PERSONAS = _personas()
_RUNS: dict[tuple[str, str], SeekerRun] = {}


@pytest.fixture
def qa(embedded_backend: Any) -> Any:
    def get(persona_id: str, seeker: str) -> SeekerRun:
        key = (persona_id, seeker)
        if key not in _RUNS:
            script = next(s for s in SEEKERS if s.name == seeker)
            _RUNS[key] = run_seeker(PERSONAS[persona_id], embedded_backend, script)
        return _RUNS[key]

    return get


def test_every_bundled_persona_is_covered() -> None:
    bundled = {p.stem for p in (Path(__file__).parents[2] / "personas").glob("*.yaml")}
    assert bundled and bundled <= set(PERSONAS)


@pytest.mark.parametrize("seeker", SEEKER_NAMES)
@pytest.mark.parametrize("persona_id", sorted(PERSONAS))
def test_persona_behaves_as_the_coach_intended(qa: Any, persona_id: str, seeker: str) -> None:
    run = qa(persona_id, seeker)
    missed = [e.text for e in run.expectations if not e.met]
    assert not missed, f"{persona_id} / {seeker}: {missed}\n" + "\n".join(
        f"  {t.speaker}: {t.text}" for t in run.transcript.turns)
    assert not run.problems, run.problems
    for turn in run.transcript.turns:
        if turn.speaker == "persona":
            assert not reply_problems(turn.text), turn.text


def test_the_checks_can_fail() -> None:
    """Fed a meeting that went wrong, the checks say so."""
    persona = PERSONAS["rosa-mendes"]
    transcript = Transcript(turns=[Turn(speaker="persona", text="As an AI, sure. Seeker: ok")])
    bad = SeekerRun(seeker="job-asker", transcript=transcript, rapport=[0.7, 0.8],
                    start_rapport=0.7, warned=False, referral_asked=True,
                    referral="Theo Park", end_reason="seeker")
    checks = {s.name: s.check for s in SEEKERS}
    assert not any(e.met for e in checks["job-asker"](bad, persona))
    assert not any(e.met for e in checks["over-time"](bad, persona))
    assert not all(e.met for e in checks["prompt-injector"](bad, persona))
    assert len(reply_problems(transcript.turns[0].text)) == 3  # AI, seeker line, cut off
    assert reply_problems("") == ["empty reply"]
    assert reply_problems("I started in 2012 and then")[0].startswith("not sentence-bounded")
