"""The bundled personas and scenarios meet the coaching quality bar.

These files are what a new user practises against first, and the small model
says reaction lines verbatim, so gaps here show up directly in a session.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat import paths as coffeechat_paths
from coffeechat.content import Library, Persona, default_content_paths, load_library

REACTION_KINDS = ("job_request", "resume_offered", "pitch", "time_warning", "referral_given",
                  "no_referral", "goodbye", "overshare", "gossip", "cut_short")
# A time warning must plainly say the meeting is nearly over, or the scorer's
# wrap-up detector (and the seeker) will miss it. ("forty-five minutes" in a
# greeting is a total, not a warning.)
WRAP_UP_CUE = re.compile(
    r"out of time|few minutes|(?<![-\w])five minutes|wrap up|minutes left", re.I)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    # default_content_paths() also reads the user's own folders; point them at
    # an empty place so only the bundled files are judged.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        paths = default_content_paths()
        assert paths == [coffeechat_paths.bundled_persona_dir(),
                         coffeechat_paths.bundled_scenario_dir()]
        yield load_library(paths)


@pytest.fixture(scope="module")
def personas(library: Library) -> list[Persona]:
    return list(library.personas.values())


def test_library_loads_cleanly_with_enough_content(library: Library) -> None:
    assert [str(p) for p in library.problems] == []
    assert len(library.personas) >= 6
    assert len(library.scenarios) >= 8
    for (kind, ident), path in library.sources.items():
        assert Path(path).stem == ident, f"{kind} {ident} lives in {path}"


def test_dana_ruiz_matches_the_design(library: Library) -> None:
    dana = library.personas["dana-ruiz"]
    assert (dana.role, dana.company) == ("VP, Brand Marketing", "Tree Top Foods")


def test_each_persona_has_a_prepared_seeker_worth_of_material(personas: list[Persona]) -> None:
    for p in personas:
        assert len(p.public_profile) >= 3, p.id
        assert any(re.search(r"\b(19|20)\d\d\b", item) for item in p.public_profile), p.id
        assert len(p.knowledge) >= 4, p.id
        for topic in p.knowledge:
            assert len(topic.keywords) >= 5, (p.id, topic.topic)
            assert len(topic.points) >= 3, (p.id, topic.topic)
        assert 2 <= len(p.referrals) <= 3, p.id
        assert 2 <= len(p.examples) <= 4, p.id


def test_the_usual_questions_find_a_topic(personas: list[Persona]) -> None:
    # The questions every seeker asks in some form must call up grounded points.
    for p in personas:
        words = {k.lower() for t in p.knowledge for k in t.keywords}
        for needed in ("career", "day", "advice", "skills", "trends", "hiring", "hardest"):
            assert needed in words, (p.id, needed)


def test_every_reaction_has_variants_in_the_personas_voice(personas: list[Persona]) -> None:
    for p in personas:
        for kind in REACTION_KINDS:
            lines = getattr(p.reactions, kind)
            assert len(lines) >= 2, (p.id, kind)
            assert len(set(lines)) == len(lines), (p.id, kind)
            for line in lines:
                assert len(line.split()) <= 45, (p.id, kind, line)


def test_referral_lines_fill_in_every_referral(personas: list[Persona]) -> None:
    for p in personas:
        for template in p.reactions.referral_given:
            assert all(f"{{{f}}}" in template for f in ("name", "role", "why")), (p.id, template)
            for ref in p.referrals:
                said = template.format(name=ref.name, role=ref.role, why=ref.why, seeker="you")
                assert ref.name in said and "{" not in said


def test_time_warnings_say_time_is_nearly_up_and_greetings_do_not(
    personas: list[Persona],
) -> None:
    for p in personas:
        for line in p.reactions.time_warning:
            assert WRAP_UP_CUE.search(line), (p.id, line)
        assert re.search(r"minutes|hour", p.greeting), p.id
        assert not WRAP_UP_CUE.search(p.greeting), p.id


def test_personas_differ_in_voice_temperament_and_budget(personas: list[Persona]) -> None:
    greetings = [p.greeting for p in personas]
    assert len(set(greetings)) == len(greetings)
    temperaments = {(p.temperament.patience, p.temperament.warmth) for p in personas}
    assert len(temperaments) == len(personas)
    assert min(p.temperament.warmth for p in personas) <= 0.4
    assert max(p.temperament.warmth for p in personas) >= 0.8
    assert len({p.time_budget_minutes for p in personas}) >= 3
    assert len({p.industry for p in personas}) == len(personas)


def test_scenarios_cover_the_practice_situations(library: Library) -> None:
    scenarios = list(library.scenarios.values())
    for s in scenarios:
        assert s.persona in library.personas, s.id
        assert s.seeker.background.startswith("You "), s.id
        assert not s.prep_questions or 3 <= len(s.prep_questions) <= 5, s.id
    assert {s.difficulty for s in scenarios} == {"easy", "medium", "hard"}
    assert any(s.seeker.referred_by for s in scenarios)
    assert any(not s.seeker.referred_by for s in scenarios)
    assert any(s.time_budget_minutes == 20 for s in scenarios)
    assert any(s.mode == "assessment" for s in scenarios)
    assert any(s.rules for s in scenarios)
    assert any("phone call" in s.setting.lower() for s in scenarios)
    assert sum(1 for s in scenarios if s.prep_questions) >= 3
    assert len({s.persona for s in scenarios}) == len(library.personas)
