"""Measure the detectors and rules against a labelled corpus.

    python -m coffeechat.scoring.evaluate [CORPUS_DIR] [--verbose]

CORPUS_DIR (default ./tests/scoring/corpus) holds ``utterances.jsonl`` (one
labelled utterance a line: text, speaker, labels, optional context and
persona id), ``transcripts/*.json`` with ``manifest.json`` (expected verdict per
rule) and the ``personas/`` and ``scenarios/`` they name. Prints precision,
recall and F1 per event kind and per rule (on detecting a fail).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coffeechat.content.loader import Library
    from coffeechat.content.models import Persona
    from coffeechat.transcript import Turn

DEFAULT_CORPUS = Path("tests/scoring/corpus")
SEEKER_OPENING = "Hi, good to meet you."
PERSONA_OPENING = ("Hi, good to meet you.", "Thanks for making the time.")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass
class Results:
    events: dict[str, Tally]
    rules: dict[str, Tally]
    utterances: int
    transcripts: int
    verdicts_right: int
    verdicts_total: int


class CorpusError(Exception):
    """The corpus is missing or malformed (one line)."""


def load_library_for(corpus: Path) -> Library:
    from coffeechat.content.loader import load_library

    folders = [p for p in (corpus / "personas", corpus / "scenarios") if p.is_dir()]
    lib = load_library(folders)
    if lib.problems:
        raise CorpusError(f"corpus content has problems: {lib.problems[0]}")
    return lib


def _turns(rec: dict[str, Any]) -> list[Turn]:
    from coffeechat.transcript import Turn

    ctx = rec.get("context")
    if ctx is None:
        if rec["speaker"] == "seeker":
            ctx = [{"speaker": "persona", "text": SEEKER_OPENING}]
        else:
            ctx = [{"speaker": "persona", "text": PERSONA_OPENING[0]},
                   {"speaker": "seeker", "text": PERSONA_OPENING[1]}]
    turns = [Turn(speaker=c["speaker"], text=c["text"]) for c in ctx]
    turns.append(Turn(speaker=rec["speaker"], text=rec["text"]))
    return turns


def read_utterances(path: Path) -> list[dict[str, Any]]:
    records = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not JSON: {exc.msg}") from exc
        rec["_line"] = n
        records.append(rec)
    return records


def evaluate_utterances(records: Sequence[dict[str, Any]], personas: dict[str, Persona],
                        events: dict[str, Tally]) -> None:
    from coffeechat.scoring.detect import detect_turn

    for rec in records:
        persona = personas.get(rec["persona"]) if rec.get("persona") else None
        turns = _turns(rec)
        got = {e.kind for e in detect_turn(turns, len(turns) - 1, persona)}
        want = set(rec["labels"])
        for kind in got | want:
            tally = events.setdefault(kind, Tally())
            if kind in got and kind in want:
                tally.tp += 1
            elif kind in got:
                tally.fp += 1
                tally.misses.append(f"line {rec['_line']}: extra {kind}: {rec['text']}")
            else:
                tally.fn += 1
                tally.misses.append(f"line {rec['_line']}: missed {kind}: {rec['text']}")


def evaluate_transcripts(folder: Path, lib: Library,
                         rules: dict[str, Tally]) -> tuple[int, int, int]:
    from coffeechat.scoring.scorer import score
    from coffeechat.transcript import TranscriptError, load_transcript

    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{manifest_path}: cannot read the manifest: {exc}") from exc
    right = total = 0
    for name, entry in sorted(manifest.items()):
        try:
            transcript = load_transcript(folder / name)
        except TranscriptError as exc:
            raise CorpusError(str(exc)) from exc
        scenario = lib.scenarios.get(transcript.scenario or "")
        pid = transcript.persona or (scenario.persona if scenario else None)
        persona = lib.personas.get(pid or "")
        report = score(transcript, persona, scenario)
        verdicts = {r.id: r.verdict for r in report.rules}
        for rule_id, want in entry["expected"].items():
            got = verdicts[rule_id]
            total += 1
            right += got == want
            tally = rules.setdefault(rule_id, Tally())
            if got == "fail" and want == "fail":
                tally.tp += 1
            elif got == "fail":
                tally.fp += 1
            elif want == "fail":
                tally.fn += 1
            if got != want:
                tally.misses.append(f"{name}: {rule_id} expected {want}, got {got}")
    return len(manifest), right, total


def evaluate(corpus: Path) -> Results:
    if not corpus.is_dir():
        raise CorpusError(f"{corpus}: no such corpus folder (pass its path)")
    lib = load_library_for(corpus)
    events: dict[str, Tally] = {}
    rules: dict[str, Tally] = {}
    records: list[dict[str, Any]] = []
    utt = corpus / "utterances.jsonl"
    if utt.exists():
        records = read_utterances(utt)
        evaluate_utterances(records, lib.personas, events)
    n_tr, right, total = 0, 0, 0
    if (corpus / "transcripts").is_dir():
        n_tr, right, total = evaluate_transcripts(corpus / "transcripts", lib, rules)
    return Results(events, rules, len(records), n_tr, right, total)


def _table(title: str, rows: dict[str, Tally], order: Sequence[str]) -> list[str]:
    lines = [f"{title:<26} {'prec':>6} {'recall':>6} {'f1':>6} {'support':>8}"]
    for key in [k for k in order if k in rows] + sorted(set(rows) - set(order)):
        t = rows[key]
        lines.append(f"{key:<26} {t.precision:>6.3f} {t.recall:>6.3f} {t.f1:>6.3f} "
                     f"{t.support:>8}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    from coffeechat.scoring.catalog import RULE_IDS

    parser = argparse.ArgumentParser(prog="python -m coffeechat.scoring.evaluate",
                                     description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help=f"corpus folder (default: ./{DEFAULT_CORPUS})")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    try:
        res = evaluate(args.corpus)
    except CorpusError as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 2
    from typing import get_args

    from coffeechat.scoring.events import EventKind

    print(f"corpus: {args.corpus} ({res.utterances} utterances, {res.transcripts} transcripts)")
    print()
    print("\n".join(_table("event (per utterance)", res.events, get_args(EventKind))))
    print()
    print("\n".join(_table("rule (fail detection)", res.rules, RULE_IDS)))
    if res.verdicts_total:
        print(f"\nverdicts matching the labels: {res.verdicts_right}/{res.verdicts_total} "
              f"({res.verdicts_right / res.verdicts_total:.1%})")
    if args.verbose:
        for tallies in (res.events, res.rules):
            for t in tallies.values():
                for miss in t.misses:
                    print("  " + miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
