"""Indexing patterns by anchor words must never change what the detectors find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coffeechat.scoring import detect
from coffeechat.scoring import patterns as P
from coffeechat.scoring.anchors import analyse, key
from coffeechat.scoring.evaluate import _turns, load_library_for
from coffeechat.transcript import Transcript, Turn

CORPUS = Path(__file__).parent / "corpus"


def test_anchors_are_read_off_the_regex() -> None:
    a = analyse(r"\b(?:are|is) you (?:currently )?(?:hiring|recruiting)\b")
    assert a.requires  # every required set is found...
    assert frozenset({"hiri", "recr"}) in a.requires
    assert a.index == frozenset({"hiri", "recr"})  # ...and the rarest is the index
    assert frozenset({"curr"}) not in a.requires  # optional words are never required
    assert analyse(r"\bthank you\b(?! note)").requires == (frozenset({"than"}),
                                                            frozenset({"you"}))
    assert analyse(r"[a-z]+ing").index is None  # nothing to anchor on: always tried
    assert key("hiring") == "hiri" and key("cv") == "cv"


def test_every_pattern_compiles_and_most_have_an_anchor() -> None:
    fams = P.seeker_families() + P.persona_families()
    unanchored = [f.name for f in fams if f.anchors.index is None]
    assert len(unanchored) <= 0.1 * len(fams), unanchored


def _all_turn_lists() -> list[tuple[list[Turn], str | None]]:
    out: list[tuple[list[Turn], str | None]] = []
    for line in (CORPUS / "utterances.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        out.append((_turns(rec), rec.get("persona")))
    for path in sorted((CORPUS / "transcripts").glob("*.json")):
        if path.name != "manifest.json":
            tr = Transcript.model_validate_json(path.read_text("utf-8"))
            out.append((list(tr.turns), tr.persona))
    return out


class _Everything(detect._Index):
    def candidates(self, keys: frozenset[str]) -> list[P.Family]:
        return list(self.families)


def test_indexing_and_gates_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    lib = load_library_for(CORPUS)
    cases = _all_turn_lists()

    def run() -> list[list[tuple[str, int, str]]]:
        out = []
        for turns, pid in cases:
            persona = lib.personas.get(pid or "")
            scanner = detect.Scanner(persona)
            out.append([(e.kind, e.turn, e.quote) for i, t in enumerate(turns)
                        for e in scanner.feed(t, i)])
        return out

    fast = run()
    monkeypatch.setattr(detect, "_seeker_index", lambda: _Everything(P.seeker_families()))
    monkeypatch.setattr(detect, "_persona_index", lambda: _Everything(P.persona_families()))
    monkeypatch.setattr(detect, "_live", lambda index, norm, keys: list(index.families))
    slow = run()
    assert fast == slow
