"""The history database: schema upgrades, turn-by-turn durability, reading back."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coffeechat import paths
from coffeechat.scoring.report import Evidence, Metrics, Report, RuleResult
from coffeechat.store import _UPGRADES, Store, StoreError
from coffeechat.transcript import Turn


def make_report(score: int, *, thanks: str = "pass") -> Report:
    return Report(
        score=score, capped=False,
        rules=[
            RuleResult(id="no_job_request", verdict="pass", weight=20),
            RuleResult(id="thanks", verdict=thanks, weight=8,  # type: ignore[arg-type]
                       evidence=[Evidence(turn=1, quote="thanks a lot")], advice="Say thanks."),
        ],
        metrics=Metrics(seeker_word_share=0.3, information_requests=4,
                        longest_seeker_turn_words=20, minutes=12.0),
    )


class Ticker:
    """A clock that moves one minute per call, so ordering by start time is exact."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def test_nothing_is_created_until_first_use() -> None:
    store = Store()
    assert not paths.data_dir().exists()
    assert store.sessions() == []
    assert paths.history_db().exists()
    store.close()


def test_wal_busy_timeout_and_schema_version(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.sqlite3")
    assert store.schema_version() == len(_UPGRADES)
    with store._db() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    store.close()


def test_round_trip_of_a_session(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.sqlite3", clock=Ticker())
    sid = store.start_session(scenario="first-coffee", persona="dana", mode="practice",
                              model="SmolLM2 (embedded)", prep_questions=["How did you start?"])
    store.add_turn(sid, 0, Turn(speaker="persona", text="Hi [bold]there[/]", minute=0.0))
    store.add_turn(sid, 1, Turn(speaker="seeker", text="Thanks for meeting!", minute=0.2))
    rec = store.session(sid)
    assert rec is not None
    assert (rec.status, rec.score, rec.turn_count) == ("running", None, 2)
    assert rec.prep_questions == ("How did you start?",)
    store.finish_session(sid, make_report(81))
    rec = store.session(sid)
    assert rec is not None and rec.status == "finished" and rec.score == 81
    assert rec.ended_at is not None and rec.ended_at > rec.started_at
    report = store.report(sid)
    assert report is not None and report.rules[1].evidence[0].quote == "thanks a lot"
    transcript = store.transcript(sid)
    assert transcript.scenario == "first-coffee"
    assert [t.text for t in transcript.turns] == ["Hi [bold]there[/]", "Thanks for meeting!"]
    store.close()


def test_retried_turn_replaces_the_one_at_the_same_index(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.sqlite3")
    sid = store.start_session(scenario="s", persona="p", mode="assessment", model="m")
    store.add_turn(sid, 0, Turn(speaker="persona", text="first try"))
    store.add_turn(sid, 0, Turn(speaker="persona", text="second try"))
    assert [t.text for t in store.turns(sid)] == ["second try"]


def test_each_turn_survives_a_killed_process(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    code = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from coffeechat.store import Store
        from coffeechat.transcript import Turn
        s = Store(Path({str(db)!r}))
        sid = s.start_session(scenario="s", persona="p", mode="practice", model="m")
        s.add_turn(sid, 0, Turn(speaker="persona", text="hello"))
        s.add_turn(sid, 1, Turn(speaker="seeker", text="hi, thanks"))
        os._exit(9)  # no close, no cleanup: like a kill
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.returncode == 9, proc.stderr
    store = Store(db)
    [rec] = store.sessions()
    assert rec.status == "running"
    assert [t.text for t in store.turns(rec.id)] == ["hello", "hi, thanks"]


def test_a_second_reader_sees_turns_at_once(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    writer = Store(db)
    sid = writer.start_session(scenario="s", persona="p", mode="practice", model="m")
    writer.add_turn(sid, 0, Turn(speaker="persona", text="hello"))
    reader = sqlite3.connect(db)
    assert reader.execute("SELECT text FROM turns").fetchall() == [("hello",)]
    reader.close()


def test_upgrade_steps_run_in_order_and_keep_data(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    old = Store(db)
    sid = old.start_session(scenario="s", persona="p", mode="practice", model="m")
    old.close()
    newer = (*_UPGRADES, ("ALTER TABLE sessions ADD COLUMN note TEXT",
                          "UPDATE sessions SET note = 'migrated'"))
    store = Store(db, upgrades=newer)
    assert store.schema_version() == len(_UPGRADES) + 1
    assert store.session(sid) is not None
    with store._db() as conn:
        assert conn.execute("SELECT note FROM sessions").fetchone()[0] == "migrated"


def test_a_failing_upgrade_rolls_back(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    Store(db).schema_version()
    broken = (*_UPGRADES, ("ALTER TABLE sessions ADD COLUMN x TEXT", "NOT SQL AT ALL"))
    with pytest.raises(StoreError):
        Store(db, upgrades=broken).sessions()
    store = Store(db)
    assert store.schema_version() == len(_UPGRADES)
    with store._db() as conn:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(sessions)")]
    assert "x" not in cols


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer coffeechat"):
        Store(db).sessions()


def test_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    db.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(StoreError, match="not a usable history file"):
        Store(db).sessions()


def test_delete_removes_session_and_turns(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.sqlite3")
    keep = store.start_session(scenario="a", persona="p", mode="practice", model="m")
    gone = store.start_session(scenario="b", persona="p", mode="practice", model="m")
    store.add_turn(gone, 0, Turn(speaker="persona", text="bye"))
    store.add_turn(keep, 0, Turn(speaker="persona", text="stay"))
    assert store.delete_session(gone) is True
    assert store.delete_session(gone) is False
    assert [r.id for r in store.sessions()] == [keep]
    with store._db() as conn:
        assert conn.execute("SELECT COUNT(*) FROM turns").fetchone()[0] == 1


def test_recent_reports_oldest_first_and_only_scored(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.sqlite3", clock=Ticker())
    ids = []
    for score in (40, 60, 80):
        sid = store.start_session(scenario="s", persona="p", mode="practice", model="m")
        store.finish_session(sid, make_report(score))
        ids.append(sid)
    store.start_session(scenario="s", persona="p", mode="practice", model="m")  # running
    unscored = store.start_session(scenario="s", persona="p", mode="practice", model="m")
    store.finish_session(unscored, None)
    got = store.recent_reports(limit=2)
    assert [r.score for _, r in got] == [60, 80]
    assert [rec.id for rec, _ in store.recent_reports(limit=5, up_to=ids[1])] == ids[:2]
    assert [r.id for r in store.sessions()][0] == unscored
