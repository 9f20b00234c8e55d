"""Export (Markdown, JSON) and the `history` / `export` commands."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.export import export_session, safe_name, write_into
from coffeechat.scoring.report import Evidence, Metrics, Report, RuleResult
from coffeechat.store import Store
from coffeechat.transcript import Turn, parse_transcript


def _report() -> Report:
    return Report(
        score=35, capped=True,
        rules=[RuleResult(id="no_job_request", verdict="fail", weight=20,
                          evidence=[Evidence(turn=1, quote="are you hiring right now?")],
                          advice="Ask about the field, never for the job.")],
        metrics=Metrics(seeker_word_share=0.42, information_requests=2,
                        longest_seeker_turn_words=30, minutes=8.5),
    )


@pytest.fixture
def store() -> Store:
    s = Store(clock=lambda: datetime(2026, 3, 1, 9, 30, tzinfo=UTC))
    sid = s.start_session(scenario="../../etc/passwd", persona="dana-ruiz", mode="practice",
                          model="SmolLM2")
    s.add_turn(sid, 0, Turn(speaker="persona", text="Hello! I have half an hour.", minute=0))
    s.add_turn(sid, 1, Turn(speaker="seeker", text="Hi. Are you hiring right now?\nI'd love a "
                            "[b]job[/b].", minute=0.3))
    s.finish_session(sid, _report())
    return s


def test_safe_name_keeps_only_harmless_characters() -> None:
    assert safe_name("../../etc/passwd") == "etc-passwd"
    assert safe_name("Première Café!") == "premiere-cafe"
    assert safe_name("///") == "session"


def test_write_into_refuses_to_leave_the_folder(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="outside"):
        write_into(tmp_path / "out", "../evil.md", "x")
    assert not (tmp_path / "evil.md").exists()
    assert write_into(tmp_path / "out", "ok.md", "x").read_text() == "x"


def test_export_writes_both_formats_inside_the_folder(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    files = export_session(store, 1, out)
    assert [f.parent for f in files] == [out.resolve()] * 2
    assert [f.name for f in files] == ["coffeechat-1-etc-passwd-2026-03-01.md",
                                       "coffeechat-1-etc-passwd-2026-03-01.json"]
    md = files[0].read_text()
    assert "**Score: 35/100, off track**" in md and "capped" in md
    assert "> are you hiring right now?" in md
    assert "> Hi. Are you hiring right now?\n> I'd love a [b]job[/b]." in md
    transcript = parse_transcript(files[1].read_text(), "x")
    assert transcript.turns[1].text.endswith("[b]job[/b].")
    assert sorted(p.name for p in out.iterdir()) == sorted(f.name for f in files)


def test_history_command_lists_sessions(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    store.close()
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "finished" in out and "35" in out and "../../etc/passwd" in out
    assert main(["history", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["id"] == 1 and rows[0]["score"] == 35 and rows[0]["turns"] == 2


def test_history_without_a_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--json"]) == 0
    assert capsys.readouterr().out == ""


def test_export_command_to_stdout_file_and_folder(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "1", "--json"]) == 0
    assert parse_transcript(capsys.readouterr().out, "-").persona == "dana-ruiz"
    target = tmp_path / "one.md"
    assert main(["export", "1", "--md", "-o", str(target)]) == 0
    assert "## Transcript" in target.read_text()
    folder = tmp_path / "dir"
    folder.mkdir()
    assert main(["export", "1", "--json", "-o", str(folder)]) == 0
    assert [p.name for p in folder.iterdir()] == ["coffeechat-1-etc-passwd-2026-03-01.json"]


def test_export_unknown_id_is_exit_2(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "42", "--md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no session with id 42" in err
    assert main(["export", "abc", "--md"]) == 2
    assert "not a session id" in capsys.readouterr().err


def test_exports_get_normal_permissions(store: Store, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        files = export_session(store, 1, tmp_path / "out")
    finally:
        os.umask(old)
    assert {f.stat().st_mode & 0o777 for f in files} == {0o644}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f.name for f in files)
