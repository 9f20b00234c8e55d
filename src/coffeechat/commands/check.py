"""`coffeechat check`: validate personas and scenarios for coaches."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coffeechat.cli import EXIT_FINDINGS, EXIT_OK, UsageError
from coffeechat.content.loader import default_content_paths, load_library, yaml_files


def run(args: argparse.Namespace) -> int:
    if args.paths:
        paths = [Path(p) for p in args.paths]
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise UsageError(f"{missing[0]}: no such file or folder")
        # Scenarios name personas by id, so a scenario checked on its own is
        # resolved against the bundled and user personas as well.
        extra = [p for p in default_content_paths() if p.name == "personas"]
    else:
        paths = default_content_paths()
        extra = []
    files = yaml_files(paths)
    if not files:
        raise UsageError("no .yaml files found in " + ", ".join(str(p) for p in paths))
    resolve = load_library(extra) if extra else None
    lib = load_library(paths, resolve_with=resolve)
    for problem in lib.problems:
        print(problem)
    summary = (f"checked {lib.files} file{'s' * (lib.files != 1)}: "
               f"{len(lib.personas)} persona{'s' * (len(lib.personas) != 1)}, "
               f"{len(lib.scenarios)} scenario{'s' * (len(lib.scenarios) != 1)}, "
               f"{len(lib.problems)} problem{'s' * (len(lib.problems) != 1)}")
    print(summary, file=sys.stderr if lib.problems else sys.stdout)
    if lib.problems:
        return EXIT_FINDINGS
    if getattr(args, "simulate", None):
        from coffeechat.commands.simulate import run as simulate

        return simulate(args, lib)
    return EXIT_OK
