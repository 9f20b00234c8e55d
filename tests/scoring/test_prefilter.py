"""The whole-transcript fast path (Hyperscan prefilter + bulk sentence cutting) gives
exactly the events of the per-turn path, and its cache behaves."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat import paths
from coffeechat.content.loader import load_persona
from coffeechat.content.models import Persona
from coffeechat.scoring import detect, prefilter
from coffeechat.scoring.events import Event
from coffeechat.scoring.text import turn_text, turn_texts
from coffeechat.transcript import Turn, load_transcript

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def ready() -> prefilter.Matchers:
    # Compiled once per test process (about two seconds), then held in memory.
    found = prefilter.matchers(build=True)
    assert found is not None, "hyperscan is a dependency on this platform: the fast path must work"
    return found


def reference(turns: list[Turn], persona: Persona | None) -> list[list[Event]]:
    scanner = detect.Scanner(persona)
    return [scanner.feed(t, i) for i, t in enumerate(turns)]


def personas() -> dict[str, Persona]:
    return {p.stem: load_persona(p) for p in (CORPUS / "personas").glob("*.yaml")}


def test_the_fast_path_is_taken(ready: prefilter.Matchers) -> None:
    turns = [Turn(speaker="persona", text="Happy to help. What would you like to know?"),
             Turn(speaker="seeker", text="Are you hiring right now? Thanks so much.")]
    hints = detect._hints(turns, None, ready)
    assert all(h is not None for h in hints)
    seeker = hints[1]
    assert seeker is not None
    assert "job_request" in {f.kind for fams in seeker.live for f in fams}
    assert detect.scan_all(turns) == reference(turns, None)
    assert {e.kind for e in detect.scan_all(turns)[1]} >= {"job_request", "thanks"}


def test_corpus_transcripts_agree(ready: prefilter.Matchers) -> None:
    people = personas()
    checked = 0
    for path in sorted((CORPUS / "transcripts").glob("*.json")):
        if path.name == "manifest.json":
            continue
        tr = load_transcript(path)
        persona = people.get(tr.persona or "")
        assert detect.scan_all(tr.turns, persona) == reference(tr.turns, persona), path.name
        checked += 1
    assert checked >= 60


def _mixed_transcripts(n: int, seed: int) -> list[list[Turn]]:
    """Forty turns each, sentences drawn from corpus turns of the same speaker: dense in
    events, in the corpus's mix of plain and curly punctuation."""
    pools: dict[str, list[str]] = {"seeker": [], "persona": []}
    for path in sorted((CORPUS / "transcripts").glob("*.json")):
        if path.name == "manifest.json":
            continue
        for turn in json.loads(path.read_text("utf-8"))["turns"]:
            pools[turn["speaker"]].extend(re.split(r"(?<=[.!?])\s+", turn["text"]))
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        turns = []
        for i in range(40):
            who = "persona" if i % 2 == 0 else "seeker"
            text = " ".join(rnd.choice(pools[who]) for _ in range(rnd.randint(1, 3)))
            turns.append(Turn(speaker=who, text=text))
        out.append(turns)
    return out


def test_mixed_transcripts_agree(ready: prefilter.Matchers) -> None:
    dana = load_persona(CORPUS / "personas" / "dana-ruiz.yaml")
    for turns in _mixed_transcripts(150, 5):
        for persona in (dana, None):
            assert detect.scan_all(turns, persona) == reference(turns, persona)


# Text built to hit every fallback: titles before a cut, closing quotes, double spaces,
# line breaks, the separator character itself, non-ASCII letters and control characters.
PIECES = ["Are you hiring?", "Thanks so much.", "Mr.", "Dr. Ruiz", "e.g.", "I'm", "can't",
          "\"quoted.\"", "(aside)", "  ", "\n", "\x1e", "\x1f", "\t", "résumé", "’", "…",
          "Who else should I talk to?", "I should let you go.", "We have ten minutes left.",
          "Could you tell me about yourself?", "I increased sales by 40%.", "relaunch",
          "2019", "conference", "What advice would you give me?", "my boss is an idiot",
          "keep me in mind if anything opens up", "Send me your résumé.", "-", "/", "[x]",
          "'s", "It's", "gonna", ". ", "? ", "! ", "😀", "ß", "İ"]
texts = st.one_of(st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join),
                  st.lists(st.sampled_from(PIECES), max_size=25).map("".join),
                  st.text(max_size=120))
turn_lists = st.lists(st.builds(Turn, speaker=st.sampled_from(["seeker", "persona"]),
                                text=texts), min_size=1, max_size=14)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=10))
def test_bulk_cutting_matches_turn_by_turn(chunks: list[str]) -> None:
    bulk = turn_texts(chunks)
    for text, tt in zip(chunks, bulk, strict=True):
        one = turn_text(text)
        assert [(s.orig, s.norm, s.scan) for s in tt.sentences] == [
            (s.orig, s.norm, s.scan) for s in one.sentences]
        assert tt.norm == one.norm


@SETTINGS
@given(turn_lists, st.booleans())
def test_any_turns_agree(ready: prefilter.Matchers, turns: list[Turn], with_persona: bool
                         ) -> None:
    persona = load_persona(CORPUS / "personas" / "dana-ruiz.yaml") if with_persona else None
    assert detect.scan_all(turns, persona) == reference(turns, persona)


# --- the compiled database and its cache ------------------------------------------------


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, ready: prefilter.Matchers) -> None:
    """Forget the databases held in memory, so the cache folder is what counts."""
    monkeypatch.setattr(prefilter, "_LOADED", {})


def test_not_built_unless_asked(fresh: None) -> None:
    assert prefilter.matchers() is None  # an empty cache: the per-turn path, no compile
    turns = [Turn(speaker="seeker", text="Are you hiring?")]
    assert detect.scan_all(turns) == reference(turns, None)


def test_built_once_then_loaded_from_the_cache(fresh: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert prefilter.prepare()
    cached = sorted(p.name for p in paths.cache_dir().glob("patterns-*.hsdb"))
    assert [n.split("-")[1] for n in cached] == ["persona", "seeker"]
    monkeypatch.setattr(prefilter, "_LOADED", {})
    monkeypatch.setattr(prefilter, "_compile", lambda *a: pytest.fail("compiled again"))
    assert prefilter.matchers() is not None


def test_a_damaged_cache_is_rebuilt(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert prefilter.prepare()
    for path in paths.cache_dir().glob("patterns-*.hsdb"):
        path.write_bytes(b"not a database")
    monkeypatch.setattr(prefilter, "_LOADED", {})
    assert prefilter.matchers() is None  # unreadable: not used, not trusted
    assert prefilter.prepare()
    monkeypatch.setattr(prefilter, "_LOADED", {})
    assert prefilter.matchers() is not None  # rewritten


def test_an_unwritable_cache_still_works(fresh: None, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where a folder should be
    assert prefilter.prepare()
    turns = [Turn(speaker="seeker", text="Who else should I talk to? Thank you.")]
    assert detect.scan_all(turns) == reference(turns, None)


def test_score_command_prepares_for_many_files(fresh: None, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from coffeechat.cli import main
    from coffeechat.commands.score import PREPARE_AT

    source = (CORPUS / "transcripts" / "capped-many-fails.json").read_text("utf-8")
    files = []
    for i in range(PREPARE_AT):
        path = tmp_path / f"t{i:03}.json"
        path.write_text(source, "utf-8")
        files.append(str(path))
    dana = str(CORPUS / "personas" / "dana-ruiz.yaml")
    assert main(["score", files[0], "--persona", dana, "--json"]) == 0
    assert not list(paths.cache_dir().glob("patterns-*.hsdb"))  # one file: no compile
    one = capsys.readouterr().out
    assert main(["score", *files, "--persona", dana, "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == PREPARE_AT and len(list(paths.cache_dir().glob("patterns-*.hsdb"))) == 2
    assert json.loads(lines[-1]) == json.loads(one)


def test_a_title_alone_is_a_profile_reference_on_both_paths(ready: prefilter.Matchers) -> None:
    tom = load_persona(CORPUS / "personas" / "tom-hale.yaml")
    named = [Turn(speaker="persona", text="Good to meet you."),
             Turn(speaker="seeker", text="I heard you on Small Firms, Big Buildings. How did "
                                          "you get started?")]
    generic = [named[0], Turn(speaker="seeker", text="Do small firms win big buildings often?")]
    for turns, expected in ((named, True), (generic, False)):
        fast = detect.scan_all(turns, tom)
        assert fast == reference(turns, tom)
        assert any(e.kind == "profile_reference" for e in fast[1]) is expected


def test_a_word_after_an_apostrophe_is_found_on_both_paths(ready: prefilter.Matchers) -> None:
    # "0'I" is one token, but \b finds the "i" in it: the per-turn anchors must too.
    turns = [Turn(speaker="seeker", text="0\u2018I INCREASED:0%")]
    assert detect.scan_all(turns) == reference(turns, None)
    assert [e.kind for e in reference(turns, None)[0]] == ["pitch"]
