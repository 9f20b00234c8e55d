"""`coffeechat check --simulate [PERSONA]`: scripted seekers meet a persona
through the real engine and model; print what happened, for coaches."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from coffeechat.cli import EXIT_FINDINGS, EXIT_OK, UsageError


def run(args: argparse.Namespace, lib: Any) -> int:
    from coffeechat.engine.qa import SEEKER_NAMES, describe, qa_scenario, run_persona
    from coffeechat.llm.base import BackendError
    from coffeechat.llm.factory import make_backend

    wanted = args.simulate
    personas = dict(lib.personas)
    if wanted != "*":
        if wanted not in personas:
            known = ", ".join(sorted(personas)) or "none"
            raise UsageError(f"no persona {wanted!r} among the checked files (found: {known})")
        personas = {wanted: personas[wanted]}
    if not personas:
        raise UsageError("no personas to simulate in the checked files")
    seekers = list(SEEKER_NAMES)
    if getattr(args, "seekers", None):
        seekers = [s.strip() for s in args.seekers.split(",") if s.strip()]
        unknown = [s for s in seekers if s not in SEEKER_NAMES]
        if unknown:
            raise UsageError(f"unknown seeker {unknown[0]!r}; choose from "
                             + ", ".join(SEEKER_NAMES))
    try:
        backend = make_backend(args.model, args.server, args.server_model)
        backend.load()
    except BackendError as exc:
        raise UsageError(str(exc)) from None
    failed = 0
    try:
        for pid, persona in sorted(personas.items()):
            budget = qa_scenario(persona).budget_for(persona)
            print(f"Simulating {pid} ({persona.name}) with {backend.name}; "
                  f"{budget}-minute meeting", flush=True)

            def show(run: Any) -> None:
                print("\n".join(describe(run)), flush=True)

            runs = run_persona(persona, backend, seekers=seekers, on_run=show)
            bad = [r.seeker for r in runs if not r.ok]
            failed += len(bad)
            verdict = ("all as expected" if not bad
                       else f"look at: {', '.join(bad)}")
            print(f"{pid}: {len(runs)} seeker{'s' * (len(runs) != 1)}, {verdict}\n",
                  flush=True)
    except BackendError as exc:
        raise UsageError(str(exc)) from None
    finally:
        backend.close()
    if failed:
        print(f"{failed} simulated meeting{'s' * (failed != 1)} did not go as a coach would "
              "expect; see the lines marked [ ] above", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK
