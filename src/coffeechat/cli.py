"""The `coffeechat` command: argument parsing and dispatch only.

Each subcommand lives in its own module, imported when it runs, so that
`--help`, `check` and `score` start fast and never load Textual or llama.cpp.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from coffeechat import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2


class UsageError(Exception):
    """Unusable input: printed as one line on stderr, exit code 2."""


def _model_options(p: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    # Subcommands default to SUPPRESS so that `coffeechat --model X practice S`
    # keeps the top-level value instead of the subparser resetting it to None.
    g = p.add_mutually_exclusive_group()
    g.add_argument("--model", metavar="PATH.gguf", default=default,
                   help="a GGUF model file to run in-process (default: the embedded SmolLM2)")
    g.add_argument("--server", metavar="URL", default=default,
                   help="an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1")
    p.add_argument("--server-model", metavar="NAME", default=default,
                   help="model name to request from --server (default: the server's first)")


def build_parser() -> argparse.ArgumentParser:
    from coffeechat import paths

    parser = argparse.ArgumentParser(
        prog="coffeechat",
        description="Rehearse informational interviews against a local LLM persona. "
        "Run without a subcommand to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"coffeechat {__version__}")
    _model_options(parser, default=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("practice", help="go straight into a session with a scenario")
    p.add_argument("scenario", help="scenario id (see `coffeechat check`) or a scenario YAML path")
    _model_options(p)
    p.add_argument("--mode", choices=["practice", "assessment"], default=None,
                   help="override the scenario's mode")

    p = sub.add_parser("score", help="grade transcript JSON files against the etiquette")
    p.add_argument("files", nargs="+", metavar="FILE", help="coffeechat.transcript/1 JSON files")
    p.add_argument("--persona", metavar="YAML",
                   help="persona file (default: resolved from the transcript's persona id)")
    p.add_argument("--json", action="store_true",
                   help="print the report JSON (JSON Lines for several files)")

    p = sub.add_parser(
        "check",
        help="validate persona and scenario YAML files",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Validate personas and scenarios.\n\n"
        "With no PATH: the bundled content plus your own folders\n"
        f"  {paths.user_persona_dir()}\n  {paths.user_scenario_dir()}\n\n"
        "Exit 0 when clean, 1 on findings, 2 when nothing usable was given.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check")
    p.add_argument("--simulate", nargs="?", const="*", metavar="PERSONA", default=None,
                   help="also run scripted seekers against the persona(s) with the model "
                   "and print what happened")
    p.add_argument("--seekers", metavar="NAMES", default=None,
                   help="with --simulate: comma-separated seekers to run (default: all of "
                   "exemplary, job-asker, pitcher, rambler, over-time, prompt-injector)")
    _model_options(p)

    p = sub.add_parser("schema", help="print the JSON Schema for persona or scenario YAML")
    p.add_argument("kind", choices=["persona", "scenario", "transcript"])

    p = sub.add_parser("bench", help="measure model and engine speed on this machine")
    _model_options(p)
    p.add_argument("--turns", type=int, default=20, help="conversation turns to run (default 20)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")

    p = sub.add_parser("history", help="list past sessions")
    p.add_argument("--json", action="store_true", help="print as JSON Lines")

    p = sub.add_parser("export", help="export a past session")
    p.add_argument("id", help="session id from `coffeechat history`")
    fmt = p.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--md", action="store_true", help="Markdown: transcript and scorecard")
    fmt.add_argument("--json", action="store_true", help="transcript JSON")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="write to this file or folder instead of standard output")
    return parser


Handler = Callable[[argparse.Namespace], int]


def _handler(command: str | None) -> Handler:
    # Imported here so each subcommand pays only for what it uses.
    if command == "check":
        from coffeechat.commands.check import run as check
        return check
    if command == "schema":
        from coffeechat.commands.schema import run as schema
        return schema
    if command == "score":
        from coffeechat.commands.score import run as score
        return score
    if command == "bench":
        from coffeechat.commands.bench import run as bench
        return bench
    if command in {"history", "export"}:
        from coffeechat.commands.history import run as history
        return history
    from coffeechat.commands.app import run as app
    return app


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _handler(args.command)(args)
    except UsageError as exc:
        print(f"coffeechat: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("coffeechat: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # last resort: a line for the user, the trace in a log
        log = _log_crash()
        print(f"coffeechat: internal error: {type(exc).__name__}: {exc} "
              f"(details in {log})", file=sys.stderr)
        return 70


def _log_crash() -> str:
    import traceback

    from coffeechat import paths

    try:
        path = paths.data_dir() / "crash.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc() + "\n")
        return str(path)
    except OSError:
        return "nowhere: the data folder is not writable"
