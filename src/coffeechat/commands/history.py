"""`coffeechat history` and `coffeechat export ID`: past sessions, without Textual."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from coffeechat.cli import EXIT_OK, UsageError

if TYPE_CHECKING:
    from coffeechat.store import Store


def run(args: argparse.Namespace) -> int:
    from coffeechat.store import Store, StoreError

    store = Store()
    try:
        if args.command == "export":
            return _export(store, args)
        return _history(store, as_json=bool(args.json))
    except StoreError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        store.close()


def _history(store: Store, *, as_json: bool) -> int:
    if not store.path.exists():
        if not as_json:
            print("no sessions yet: run `coffeechat` to practise")
        return EXIT_OK
    records = store.sessions()
    if as_json:
        for r in records:
            print(json.dumps({
                "id": r.id, "scenario": r.scenario, "persona": r.persona, "mode": r.mode,
                "model": r.model, "started_at": r.started_at.isoformat(),
                "ended_at": r.ended_at.isoformat() if r.ended_at else None,
                "status": r.status, "score": r.score, "turns": r.turn_count,
            }, ensure_ascii=False))
        return EXIT_OK
    if not records:
        print("no sessions yet: run `coffeechat` to practise")
        return EXIT_OK
    print(f"{'ID':>4}  {'STARTED':16}  {'STATUS':8}  {'SCORE':>5}  {'TURNS':>5}  SCENARIO")
    for r in records:
        score = "" if r.score is None else str(r.score)
        started = r.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{r.id:>4}  {started:16}  {r.status:8}  {score:>5}  {r.turn_count:>5}  "
              f"{r.scenario}")
    return EXIT_OK


def _export(store: Store, args: argparse.Namespace) -> int:
    from coffeechat.export import file_name, render, write_into

    try:
        session_id = int(args.id)
    except ValueError:
        raise UsageError(f"{args.id!r} is not a session id; see `coffeechat history`") from None
    if not 0 < session_id < 2**63:  # SQLite integers; a bigger one would crash the query
        raise UsageError(f"no session with id {session_id}; see `coffeechat history`")
    if not store.path.exists() or store.session(session_id) is None:
        raise UsageError(f"no session with id {session_id}; see `coffeechat history`")
    fmt: Literal["md", "json"] = "md" if args.md else "json"
    record, content = render(store, session_id, fmt)
    if not args.output:
        sys.stdout.write(content)
        return EXIT_OK
    out = Path(args.output).expanduser()
    try:
        if out.is_dir() or args.output.endswith(("/", "\\")):
            written = write_into(out, file_name(record, fmt), content)
        else:
            # An explicit file name is never replaced silently, nor renamed.
            written = write_into(out.parent, out.name, content, new_name_if_taken=False)
    except OSError as exc:
        raise UsageError(f"{out}: cannot write: {exc.strerror or exc}") from exc
    print(f"wrote {written}", file=sys.stderr)
    return EXIT_OK

