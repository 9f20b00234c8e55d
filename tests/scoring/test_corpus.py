"""The labelled corpus: detectors and rules must keep precision and recall >= 0.95."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest

from coffeechat.scoring.catalog import RULE_IDS
from coffeechat.scoring.evaluate import Results, evaluate
from coffeechat.scoring.events import EventKind

CORPUS = Path(__file__).parent / "corpus"
FLOOR = 0.95


@pytest.fixture(scope="module")
def results() -> Results:
    return evaluate(CORPUS)


def test_corpus_is_big_enough_and_covers_every_rule_and_event() -> None:
    manifest = json.loads((CORPUS / "transcripts" / "manifest.json").read_text("utf-8"))
    assert len(manifest) >= 60
    for name, entry in manifest.items():
        assert (CORPUS / "transcripts" / name).is_file(), name
        assert set(entry["expected"]) == set(RULE_IDS), name
    fails = {rule for e in manifest.values() for rule, v in e["expected"].items() if v == "fail"}
    assert fails == set(RULE_IDS), f"rules never labelled fail: {set(RULE_IDS) - fails}"
    lines = (CORPUS / "utterances.jsonl").read_text("utf-8").splitlines()
    assert len(lines) >= 300
    labels = {label for line in lines for label in json.loads(line)["labels"]}
    assert labels == set(get_args(EventKind))


@pytest.mark.parametrize("kind", get_args(EventKind))
def test_event_precision_and_recall(results: Results, kind: str) -> None:
    tally = results.events[kind]
    assert tally.precision >= FLOOR and tally.recall >= FLOOR, "\n".join(tally.misses)


@pytest.mark.parametrize("rule", RULE_IDS)
def test_rule_fail_detection(results: Results, rule: str) -> None:
    tally = results.rules[rule]
    assert tally.support > 0
    assert tally.precision >= FLOOR and tally.recall >= FLOOR, "\n".join(tally.misses)


def test_evaluate_cli_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    from coffeechat.scoring.evaluate import main

    assert main([str(CORPUS)]) == 0
    out = capsys.readouterr().out
    for name in (*RULE_IDS, *get_args(EventKind)):
        assert name in out


def test_evaluate_cli_reports_a_missing_corpus(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from coffeechat.scoring.evaluate import main

    assert main([str(tmp_path / "nope")]) == 2
    assert "no such corpus folder" in capsys.readouterr().err


FRESH = Path(__file__).parent / "fresh"


def test_fresh_sessions_keep_their_verdicts() -> None:
    # Whole sessions written blind to the detectors (see fresh/README.md): a few
    # judgement calls may differ, but not more than one verdict in twenty.
    res = evaluate(FRESH)
    assert res.transcripts == 24 and res.verdicts_total == 24 * len(RULE_IDS)
    assert res.verdicts_right / res.verdicts_total >= FLOOR
