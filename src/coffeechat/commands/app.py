"""`coffeechat` (the app) and `coffeechat practice SCENARIO` (straight into a session)."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from coffeechat.cli import EXIT_OK, UsageError
from coffeechat.content.loader import Library

if TYPE_CHECKING:
    from coffeechat.store import Store


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
    check_model_file(args.model)
    store = _writable_store()
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise UsageError("the app needs a terminal; for scripts use `coffeechat score`")

    from coffeechat.tui.app import make_app

    app = make_app(settings, library=library, store=store)
    app.run()
    return app.return_code or EXIT_OK


def check_model_file(model: str | None) -> None:
    """A --model file that cannot work is unusable input: say why in one line
    now, not after the app has opened. Reads the header only (instant); files
    that pass still get the app's model-failure screen if llama.cpp refuses them."""
    if model is None:
        return
    from coffeechat.llm.base import BackendError
    from coffeechat.llm.gguf import check_ram, read_gguf
    from coffeechat.llm.llamacpp import DEFAULT_N_CTX

    try:
        info = read_gguf(Path(model).expanduser())
        check_ram(info, min(DEFAULT_N_CTX, info.n_ctx_train or DEFAULT_N_CTX))
    except BackendError as exc:
        raise UsageError(str(exc)) from None


def _writable_store() -> Store:
    """The history, opened and found writable before the app starts: a read-only
    data folder is a one-line error, not a session that cannot save its turns."""
    from coffeechat.store import Store, StoreError

    store = Store()
    try:
        store.check_writable()
    except StoreError as exc:
        store.close()
        raise UsageError(str(exc)) from None
    return store
