"""`coffeechat bench [--model PATH | --server URL] [--turns N] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coffeechat.cli import EXIT_OK, UsageError

BENCH_PERSONA = "dana-ruiz"


def run(args: argparse.Namespace, *_: Any) -> int:
    from coffeechat.content.loader import ContentError, load_persona
    from coffeechat.engine.bench import format_result, run_bench
    from coffeechat.llm.base import BackendError
    from coffeechat.llm.factory import make_backend
    from coffeechat.paths import bundled_persona_dir

    turns = args.turns
    if turns < 2 or turns > 500:
        raise UsageError("--turns must be between 2 and 500")
    try:
        persona = load_persona(bundled_persona_dir() / f"{BENCH_PERSONA}.yaml")
    except ContentError as exc:
        raise UsageError(f"the bundled persona for the bench is unusable: {exc}") from None
    try:
        backend = make_backend(args.model, args.server, args.server_model)
    except BackendError as exc:
        raise UsageError(str(exc)) from None

    def progress(message: str) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\r  {message}   ", end="", file=sys.stderr, flush=True)

    try:
        result = run_bench(backend, persona, turns=turns, progress=progress)
    except BackendError as exc:
        raise UsageError(str(exc)) from None
    finally:
        backend.close()
    if not args.json and sys.stderr.isatty():
        print("\r" + " " * 60 + "\r", end="", file=sys.stderr)
    if args.json:
        print(json.dumps(result.summary(), indent=2))
    else:
        print("\n".join(format_result(result)))
    return EXIT_OK
