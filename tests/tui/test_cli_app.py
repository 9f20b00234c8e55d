"""`coffeechat practice SCENARIO` argument handling and the app's import hygiene."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.commands.app import _library_for

CONTENT = Path(__file__).parent / "content"
SRC_TUI = Path(__file__).resolve().parents[2] / "src" / "coffeechat" / "tui"


def test_unknown_scenario_is_one_line_with_close_matches(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["practice", "first-cofee-brand"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown scenario 'first-cofee-brand'" in err and "first-coffee-brand" in err


def test_scenario_by_path_finds_the_persona_next_door() -> None:
    lib, start = _library_for(str(CONTENT / "scenarios" / "roastery-visit.yaml"))
    assert start == "roastery-visit"
    assert lib.scenarios[start].persona in lib.personas
    assert lib.sources[("scenario", start)].name == "roastery-visit.yaml"


def test_scenario_path_without_its_persona(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    lonely = tmp_path / "scenarios" / "roastery-visit.yaml"
    lonely.parent.mkdir()
    shutil.copy(CONTENT / "scenarios" / "roastery-visit.yaml", lonely)
    assert main(["practice", str(lonely)]) == 2
    assert "no persona with id 'rosa-mendes'" in capsys.readouterr().err


def test_broken_scenario_file_is_reported_with_its_line(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: x\npersona: rosa-mendes\nsetting: here\nseeker: 3\n")
    assert main(["practice", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"coffeechat: {bad}:5:") and err.count("\n") == 1


def test_the_app_needs_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    # Under pytest stdin is not a terminal: a clear line, not a garbled screen.
    assert main(["practice", "first-coffee-brand"]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_tui_never_imports_llama_cpp_or_loads_a_model_on_import() -> None:
    for path in SRC_TUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "llama_cpp" for n in names), path
    code = ("import sys, coffeechat.tui.app, coffeechat.commands.app;"
            "from coffeechat.tui.app import make_app;"
            "bad = [m for m in ('llama_cpp', 'coffeechat.engine', 'coffeechat.llm.llamacpp')"
            " if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.strip() == "[]"


def test_model_options_before_the_subcommand_are_kept() -> None:
    from coffeechat.cli import build_parser

    args = build_parser().parse_args(["--model", "x.gguf", "practice", "first-coffee-brand"])
    assert args.model == "x.gguf" and args.server is None
    args = build_parser().parse_args(["practice", "s", "--server", "http://h/v1",
                                      "--server-model", "m"])
    assert (args.model, args.server, args.server_model) == (None, "http://h/v1", "m")
