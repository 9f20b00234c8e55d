"""`coffeechat score FILE... [--persona YAML] [--json]`: grade transcripts.

A readable report by default; ``--json`` prints the coffeechat.report/1 JSON
(one line per file, JSON Lines, when there are several). Unusable files are
reported on stderr in one line each; the others are still scored, and the exit
code is 2 at the end.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.cli import EXIT_OK, EXIT_UNUSABLE, UsageError

if TYPE_CHECKING:
    from coffeechat.content.loader import Library
    from coffeechat.content.models import Persona, Scenario
    from coffeechat.scoring.report import Report
    from coffeechat.transcript import Transcript

WIDTH = 88
PREPARE_AT = 200
"""From this many files on, compiling the fast scoring path (about 2 s, once per
machine: it is cached) pays for itself."""


def run(args: argparse.Namespace, *_: Any) -> int:
    from coffeechat.scoring import prepare, score
    from coffeechat.transcript import TranscriptError, load_transcript

    if len(args.files) >= PREPARE_AT:
        prepare()
    override = _load_persona(args.persona) if args.persona else None
    resolver = _Resolver()
    bad = False
    several = len(args.files) > 1
    first = True
    for name in args.files:
        try:
            transcript = load_transcript(Path(name))
        except TranscriptError as exc:
            print(f"coffeechat: {exc}", file=sys.stderr)
            bad = True
            continue
        persona, scenario, notes = resolver.resolve(transcript, override)
        for note in notes:
            print(f"coffeechat: {name}: {note}", file=sys.stderr)
        report = score(transcript, persona, scenario)
        if args.json:
            print(report.model_dump_json() if several else report.model_dump_json(indent=2))
        else:
            if not first:
                print()
            print(render(name, transcript, report, persona, scenario))
        first = False
        sys.stdout.flush()
    return EXIT_UNUSABLE if bad else EXIT_OK


def _load_persona(path: str) -> Persona:
    from coffeechat.content.loader import ContentError, load_persona

    try:
        return load_persona(Path(path))
    except ContentError as exc:
        first = exc.problems[0] if exc.problems else "unreadable persona"
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        raise UsageError(f"{first}{more}") from exc
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from exc


class _Resolver:
    """Finds a transcript's persona and scenario by id in the bundled and user library,
    loading the library only when a transcript needs it."""

    def __init__(self) -> None:
        self._lib: Library | None = None

    def library(self) -> Library:
        if self._lib is None:
            from coffeechat.content.loader import default_content_paths, load_library

            self._lib = load_library(default_content_paths())
        return self._lib

    def resolve(self, transcript: Transcript, override: Persona | None) -> tuple[
            Persona | None, Scenario | None, list[str]]:
        notes: list[str] = []
        scenario = None
        if transcript.scenario:
            scenario = self.library().scenarios.get(transcript.scenario)
            if scenario is None:
                notes.append(f"no scenario {transcript.scenario!r} in the library; using the "
                             "default time budget and rule weights")
        if override is not None:
            return override, scenario, notes
        pid = transcript.persona or (scenario.persona if scenario else None)
        persona = None
        if pid:
            persona = self.library().personas.get(pid)
            if persona is None:
                notes.append(f"no persona {pid!r} in the library; scoring without it "
                             "(pass --persona YAML to use one)")
        return persona, scenario, notes


def render(name: str, transcript: Transcript, report: Report, persona: Persona | None,
           scenario: Scenario | None) -> str:
    """The plain-text report: score, a table of verdicts, then quotes and advice."""
    from coffeechat.scoring.catalog import RULE_BY_ID
    from coffeechat.transcript import printable

    lines = [f"{name}: {report.score}/100 ({report.band()})"]
    if report.capped:
        lines.append("  capped at 40: asking for a job outweighs everything else")
    who = f"{persona.name} ({persona.id})" if persona else "unknown persona"
    context = [who]
    if scenario is not None:
        context.append(f"scenario {scenario.id}")
    m = report.metrics
    budget = _budget(persona, scenario)
    context.append(f"{m.minutes:.1f} of {budget} minutes")
    lines.append("  " + " \u00b7 ".join(context))
    lines.append("")
    lines.append(f"  {'verdict':<8} {'rule':<24} {'weight':>6}  what it checks")
    for r in report.rules:
        info = RULE_BY_ID.get(r.id)
        title = info.title if info else ""
        verdict = {"pass": "pass", "fail": "FAIL", "n/a": "n/a"}[r.verdict]
        lines.append(f"  {verdict:<8} {r.id:<24} {r.weight:>6}  {title}")
    fails = [r for r in report.rules if r.verdict == "fail"]
    if fails:
        lines.append("")
        lines.append("Where points went:")
        for r in fails:
            lines.append(f"  {r.id} (-{r.weight})")
            for ev in r.evidence:
                lines.extend(textwrap.wrap(f"turn {ev.turn}: \u201c{printable(ev.quote)}\u201d",
                                           WIDTH, initial_indent="    ",
                                           subsequent_indent="      "))
            lines.extend(textwrap.wrap(r.advice, WIDTH, initial_indent="    \u2192 ",
                                       subsequent_indent="      "))
    lines.append("")
    turns = sum(1 for t in transcript.turns if t.speaker == "seeker")
    lines.extend(textwrap.wrap(
        f"You spoke {m.seeker_word_share:.0%} of the words over {turns} turns (longest "
        f"{m.longest_seeker_turn_words} words); {m.information_requests} information "
        f"request{'s' * (m.information_requests != 1)} "
        f"({m.open_questions} open, {m.closed_questions} closed questions), "
        f"{m.questions_per_10_minutes:g} per 10 minutes.", WIDTH))
    return "\n".join(lines)


def _budget(persona: Persona | None, scenario: Scenario | None) -> int:
    from coffeechat.scoring.scorer import budget_minutes

    return budget_minutes(persona, scenario)
