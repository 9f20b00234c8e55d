"""`coffeechat check` and `coffeechat schema` as a coach uses them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coffeechat.cli import main

from support import PERSONA, SCENARIO, write


def test_check_clean_files_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "personas", "sam-lee.yaml", PERSONA)
    write(tmp_path / "scenarios", "first-pm-chat.yaml", SCENARIO)
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "checked 2 files: 1 persona, 1 scenario, 0 problems" in out


def test_check_findings_exit_one_with_file_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "personas", "sam-lee.yaml", PERSONA.replace("greeting:", "greting:"))
    assert main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert f"{path}:8:1: greting: unknown field `greting`; did you mean `greeting`?" \
        in captured.out
    assert "1 problem" in captured.err or "2 problems" in captured.err


def test_check_missing_path_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"coffeechat: {tmp_path / 'nope.yaml'}: no such file or folder"


def test_check_folder_without_yaml_exits_two(tmp_path: Path) -> None:
    assert main(["check", str(tmp_path)]) == 2


def test_scenario_checked_alone_resolves_user_personas(
    tmp_path: Path, isolated_home: Path
) -> None:
    # A coach's own persona lives in the XDG config folder; a scenario file
    # checked on its own finds it there.
    write(isolated_home / "config" / "coffeechat" / "personas", "sam-lee.yaml", PERSONA)
    scenario = write(tmp_path / "scenarios", "first-pm-chat.yaml", SCENARIO)
    assert main(["check", str(scenario)]) == 0


def test_check_default_includes_user_folder(isolated_home: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    write(isolated_home / "config" / "coffeechat" / "personas", "sam-lee.yaml",
          PERSONA.replace("name: Sam Lee", "name: 7: x"))
    assert main(["check"]) == 1
    assert "sam-lee.yaml:2:" in capsys.readouterr().out


def test_check_help_shows_user_folder(capsys: pytest.CaptureFixture[str],
                                      isolated_home: Path) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert str(isolated_home / "config" / "coffeechat" / "personas") in out


@pytest.mark.parametrize("kind", ["persona", "scenario"])
def test_schema_is_json_schema_with_descriptions(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", kind]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].endswith("/2020-12/schema")
    assert schema["additionalProperties"] is False
    props = schema["properties"]
    assert all(prop.get("description") for prop in props.values())
    if kind == "persona":
        assert "public_profile" in props
        temperament = schema["$defs"]["Temperament"]["properties"]["patience"]
        assert temperament["minimum"] == 0 and temperament["maximum"] == 1


def test_committed_schema_files_match_the_models(repo_root: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("persona", "scenario"):
        main(["schema", kind])
        live = json.loads(capsys.readouterr().out)
        committed = json.loads((repo_root / "schema" / f"{kind}.json").read_text())
        assert committed == live, f"regenerate schema/{kind}.json: coffeechat schema {kind}"


def test_check_and_score_do_not_load_textual_or_llama(tmp_path: Path) -> None:
    write(tmp_path / "personas", "sam-lee.yaml", PERSONA)
    code = (
        "import sys\n"
        "from coffeechat.cli import main\n"
        f"main(['check', {str(tmp_path)!r}])\n"
        "bad = [m for m in ('textual', 'llama_cpp') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_help_lists_every_subcommand() -> None:
    run = subprocess.run([sys.executable, "-m", "coffeechat", "--help"],
                         capture_output=True, text=True)
    assert run.returncode == 0
    for command in ("practice", "score", "check", "schema", "bench", "history", "export"):
        assert command in run.stdout
