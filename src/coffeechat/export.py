"""Export a stored session: Markdown (transcript + scorecard) or transcript JSON.

Used by `coffeechat export` and the History screen; no Textual here.
Files are only ever written inside the folder the user chose.
"""

from __future__ import annotations

import errno
import os
import re
import unicodedata
import uuid
from pathlib import Path
from typing import Literal

from coffeechat.scoring.catalog import RULE_BY_ID
from coffeechat.scoring.report import Report
from coffeechat.store import SessionRecord, Store
from coffeechat.transcript import Transcript, printable

Format = Literal["md", "json"]

_VERDICT = {"pass": "pass", "fail": "FAIL", "n/a": "n/a"}


def safe_name(text: str, *, fallback: str = "session", limit: int = 60) -> str:
    """A file-name fragment of ASCII letters, digits, dots and dashes only, so an
    id like ``../../etc`` or ``con`` cannot escape or misname the file."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:limit].strip("-")
    return cleaned or fallback


def file_name(record: SessionRecord, fmt: Format) -> str:
    day = record.started_at.strftime("%Y-%m-%d")
    return f"coffeechat-{record.id}-{safe_name(record.scenario)}-{day}.{fmt}"


def _quote_block(text: str) -> str:
    # printable(): a Markdown file is often read with `cat`, in a terminal.
    lines = printable(text.replace("\r\n", "\n")).split("\n")
    return "\n".join("> " + line if line else ">" for line in lines)


def render_markdown(record: SessionRecord, transcript: Transcript, report: Report | None,
                    *, persona_name: str | None = None) -> str:
    """The transcript and the scorecard as one Markdown document."""
    who = persona_name or record.persona
    out = [f"# coffeechat session {record.id}: {record.scenario}", ""]
    out.append(f"- Met: {who}")
    out.append(f"- Mode: {record.mode}")
    out.append(f"- Model: {record.model}")
    out.append(f"- Started: {record.started_at.isoformat(timespec='minutes')}")
    out.append(f"- Status: {record.status}")
    out.append("")
    if report is not None:
        capped = " (capped: a job request caps the score at 40)" if report.capped else ""
        out += ["## Scorecard", "", f"**Score: {report.score}/100, {report.band()}**{capped}",
                "", "| Rule | Verdict | Weight |", "|---|---|---|"]
        for rule in report.rules:
            title = RULE_BY_ID[rule.id].title if rule.id in RULE_BY_ID else rule.id
            out.append(f"| {title} (`{rule.id}`) | {_VERDICT[rule.verdict]} | {rule.weight} |")
        out.append("")
        for rule in report.rules:
            if not rule.evidence and not rule.advice:
                continue
            title = RULE_BY_ID[rule.id].title if rule.id in RULE_BY_ID else rule.id
            out += [f"### {title}: {_VERDICT[rule.verdict]}", ""]
            for ev in rule.evidence:
                out += [f"Turn {ev.turn}:", "", _quote_block(ev.quote), ""]
            if rule.advice:
                out += [rule.advice, ""]
        m = report.metrics
        out += ["### Metrics", "",
                f"- Your share of the words: {m.seeker_word_share:.0%}",
                f"- Questions and requests for information: {m.information_requests}",
                f"- Longest turn: {m.longest_seeker_turn_words} words",
                f"- Length: {m.minutes:.1f} minutes", ""]
    else:
        out += ["_Not scored: the session was not finished._", ""]
    out += ["## Transcript", ""]
    for i, turn in enumerate(transcript.turns):
        speaker = "You" if turn.speaker == "seeker" else who
        stamp = f" ({turn.minute:.1f} min)" if turn.minute is not None else ""
        out += [f"**{i}. {speaker}**{stamp}", "", _quote_block(turn.text), ""]
    return "\n".join(out).rstrip() + "\n"


def render(store: Store, session_id: int, fmt: Format, *,
           persona_name: str | None = None) -> tuple[SessionRecord, str]:
    record = store.session(session_id)
    if record is None:
        from coffeechat.store import StoreError

        raise StoreError(f"no session with id {session_id}")
    transcript = store.transcript(session_id)
    if fmt == "json":
        return record, transcript.to_json() + "\n"
    return record, render_markdown(record, transcript, store.report(session_id),
                                   persona_name=persona_name)


def write_into(folder: Path, name: str, content: str, *, new_name_if_taken: bool = True
               ) -> Path:
    """Write ``content`` as ``folder/name`` atomically and return the path written.
    Never overwrites: a taken name becomes ``stem-2.ext`` (or, with
    ``new_name_if_taken=False``, FileExistsError). Refuses any name that would
    land outside ``folder``; an existing symlink is a taken name, never followed."""
    folder = folder.expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    base = folder.resolve()
    if name in ("", ".", "..") or Path(name).name != name:
        raise OSError(f"refusing to write {name!r} outside {base}")
    target = base / name
    if os.path.lexists(target):
        if not new_name_if_taken:
            raise FileExistsError(errno.EEXIST, "already exists; delete it or choose "
                                  "another name", str(target))
        target = _free_name(base, name)
    # A fresh name opened with "x" gets the user's normal permissions (umask),
    # unlike mkstemp's private 0600; os.replace makes the write atomic.
    tmp = base / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with tmp.open("x", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _free_name(base: Path, name: str) -> Path:
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while os.path.lexists(base / f"{stem}-{number}{suffix}"):
        number += 1
    return base / f"{stem}-{number}{suffix}"


def export_session(store: Store, session_id: int, folder: Path,
                   formats: tuple[Format, ...] = ("md", "json"), *,
                   persona_name: str | None = None) -> list[Path]:
    """Write the chosen formats into ``folder``; return the files written."""
    written = []
    for fmt in formats:
        record, content = render(store, session_id, fmt, persona_name=persona_name)
        written.append(write_into(folder, file_name(record, fmt), content))
    return written
