"""`coffeechat score`: readable and JSON output, persona resolution, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coffeechat import paths
from coffeechat.cli import main

CORPUS = Path(__file__).parent / "corpus"
MODEL = CORPUS / "transcripts" / "dana-model.json"
CAPPED = CORPUS / "transcripts" / "capped-many-fails.json"
DANA = CORPUS / "personas" / "dana-ruiz.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["score", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(CAPPED), "--persona", str(DANA))
    assert code == 0 and err == ""
    assert "/100" in out and "capped at 40" in out
    assert "FAIL     no_job_request" in out
    assert "turn 1: \u201cSo, are you hiring?\u201d" in out
    assert "Dana Ruiz" in out


def test_json_single_and_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(MODEL), "--persona", str(DANA), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["format"] == "coffeechat.report/1" and report["score"] == 100
    assert {r["id"] for r in report["rules"]} >= {"no_job_request", "listens"}
    code, out, _ = run(capsys, str(MODEL), str(CAPPED), "--persona", str(DANA), "--json")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 2
    assert [json.loads(x)["capped"] for x in lines] == [False, True]


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, str(MODEL), str(tmp_path / "missing.json"), str(broken),
                         str(CAPPED), "--json")
    assert code == 2
    assert len(out.strip().splitlines()) == 2
    errs = err.strip().splitlines()
    assert len(errs) >= 2
    assert any("missing.json: no such file" in e for e in errs)
    assert any("broken.json:1:" in e and "not valid JSON" in e for e in errs)
    assert "Traceback" not in err


def test_bad_persona_is_one_line_exit_2(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nname: [unclosed\n", encoding="utf-8")
    code, out, err = run(capsys, str(MODEL), "--persona", str(bad))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "bad.yaml" in err
    code, _, err = run(capsys, str(MODEL), "--persona", str(tmp_path / "none.yaml"))
    assert code == 2 and "none.yaml" in err


def test_persona_and_scenario_resolved_from_the_user_library(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Ids of their own, so they cannot clash with the bundled library.
    user_personas = paths.user_persona_dir()
    user_personas.mkdir(parents=True)
    (user_personas / "corpus-dana.yaml").write_text(
        DANA.read_text("utf-8").replace("id: dana-ruiz", "id: corpus-dana"), encoding="utf-8")
    user_scenarios = paths.user_scenario_dir()
    user_scenarios.mkdir(parents=True)
    (user_scenarios / "corpus-relaxed.yaml").write_text(
        (CORPUS / "scenarios" / "dana-relaxed.yaml").read_text("utf-8")
        .replace("id: dana-relaxed", "id: corpus-relaxed")
        .replace("persona: dana-ruiz", "persona: corpus-dana"), encoding="utf-8")
    doc = json.loads(MODEL.read_text("utf-8"))
    doc["scenario"] = "corpus-relaxed"
    del doc["persona"]  # found through the scenario
    t = tmp_path / "t.json"
    t.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, str(t), "--json")
    assert code == 0, err
    rules = {r["id"]: r for r in json.loads(out)["rules"]}
    assert rules["shows_preparation"]["verdict"] == "pass"  # the persona was found
    assert rules["listens"]["verdict"] == "n/a"              # the scenario turned it off
    assert rules["thanks"]["weight"] == 12


def test_unknown_persona_id_is_noted_not_fatal(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(MODEL.read_text("utf-8"))
    doc["persona"] = "nobody-here"
    t = tmp_path / "t.json"
    t.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, str(t), "--json")
    assert code == 0
    assert "nobody-here" in err
    rules = {r["id"]: r["verdict"] for r in json.loads(out)["rules"]}
    assert rules["shows_preparation"] == "n/a"
