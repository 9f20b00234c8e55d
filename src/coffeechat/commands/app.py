"""`coffeechat` (the app) and `coffeechat practice SCENARIO` (straight into a session)."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from coffeechat.cli import EXIT_OK, UsageError
from coffeechat.content.loader import Library


def _library_for(scenario_arg: str | None) -> tuple[Library, str | None]:
    """The content library, plus the id of the scenario to start (if any).

    A scenario given as a YAML path is loaded and added to the library; its
    persona is looked up among the bundled and user personas and in a
    ``personas/`` folder next to the scenario's folder."""
    from coffeechat.content.loader import (
        ContentError,
        default_content_paths,
        load_library,
        load_scenario,
    )

    content = default_content_paths()
    if scenario_arg is None:
        return load_library(content), None
    path = Path(scenario_arg)
    if path.suffix in {".yaml", ".yml"} or path.exists():
        if not path.is_file():
            raise UsageError(f"{path}: no such scenario file")
        try:
            scenario = load_scenario(path)
        except ContentError as exc:
            raise UsageError(str(exc.problems[0]) + (
                f" (and {len(exc.problems) - 1} more; run `coffeechat check {path}`)"
                if len(exc.problems) > 1 else "")) from exc
        sibling = path.resolve().parent.parent / "personas"
        lib = load_library([*content, *([sibling] if sibling.is_dir() else [])])
        if scenario.persona not in lib.personas:
            raise UsageError(f"{path}: no persona with id {scenario.persona!r} (put it in "
                             f"{sibling} or your personas folder)")
        lib.scenarios[scenario.id] = scenario
        lib.sources[("scenario", scenario.id)] = path.resolve()
        return lib, scenario.id
    lib = load_library(content)
    playable = [sid for sid, s in lib.scenarios.items() if s.persona in lib.personas]
    if scenario_arg not in playable:
        close = difflib.get_close_matches(scenario_arg, playable, n=3, cutoff=0.4)
        if close:
            hint = "did you mean " + ", ".join(close) + "?"
        elif playable:
            hint = "available: " + ", ".join(sorted(playable))
        else:
            hint = "no scenarios are installed"
        raise UsageError(f"unknown scenario {scenario_arg!r}; {hint}")
    return lib, scenario_arg


def run(args: argparse.Namespace) -> int:
    from coffeechat.tui.settings import AppSettings, ModelChoice

    scenario_arg = args.scenario if args.command == "practice" else None
    library, start = _library_for(scenario_arg)
    settings = AppSettings(
        model=ModelChoice(model=args.model, server=args.server,
                          server_model=args.server_model),
        mode=getattr(args, "mode", None),
        start_scenario=start,
    )
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise UsageError("the app needs a terminal; for scripts use `coffeechat score`")

    from coffeechat.tui.app import make_app

    app = make_app(settings, library=library)
    app.run()
    return app.return_code or EXIT_OK
