"""Crashes and the history: a process killed mid-reply loses nothing that was
said and the session resumes; the file stays in WAL mode, upgrades in order
(and survives a kill during an upgrade); several processes can write at once."""

from __future__ import annotations

import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from coffeechat import paths
from coffeechat.content.models import Persona, Scenario
from coffeechat.engine import EngineSettings, ReplyDone, Session
from coffeechat.llm.llamacpp import LlamaCppBackend
from coffeechat.scoring import score
from coffeechat.store import _UPGRADES, Store
from coffeechat.transcript import Turn
from faults.helpers import child_env, run_cli

HERE = Path(__file__).resolve().parent
QUESTIONS = [
    "Thanks for meeting me. I'm exploring a move from retail operations into brand "
    "management and hoped to learn how you got started.",
    "What does a typical week look like for your brand team?",
    "Looking back at the 2019 juice relaunch, what surprised you most?",
]


def _integrity(db: Path) -> tuple[str, str]:
    conn = sqlite3.connect(db)
    try:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    return mode, check


def _lines(proc: subprocess.Popen[str]) -> queue.Queue[dict[str, Any]]:
    found: queue.Queue[dict[str, Any]] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("{"):
                found.put(json.loads(line))

    threading.Thread(target=pump, daemon=True).start()
    return found


@pytest.mark.model
def test_kill_9_mid_reply_keeps_every_turn_and_the_session_resumes(
    model: LlamaCppBackend, persona: Persona, scenario: Scenario
) -> None:
    db = paths.history_db()
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "session_driver.py"), str(db), scenario.id, *QUESTIONS],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env())
    events = _lines(proc)
    said: dict[int, tuple[str, str]] = {}
    killed_during = None
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            try:
                event = events.get(timeout=1)
            except queue.Empty:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                continue
            if event["event"] == "turn":
                said[event["index"]] = (event["speaker"], event["text"])
            # Two full exchanges are stored, the third question too, and the
            # model is streaming its answer: pull the plug.
            if event["event"] == "token" and event["reply"] == len(QUESTIONS):
                assert sorted(said) == list(range(6)), said
                os.kill(proc.pid, signal.SIGKILL)
                killed_during = event
                break
    finally:
        if proc.poll() is None and killed_during is None:
            proc.kill()
        proc.wait(timeout=30)
    assert killed_during is not None, "the third reply never started streaming"
    assert proc.returncode == -signal.SIGKILL

    # The turns were committed to the write-ahead log, not yet to the main file.
    wal = Path(f"{db}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert _integrity(db) == ("wal", "ok")

    # Restart: a new process lists the session as unfinished with every turn.
    ran = run_cli("history", "--json")
    assert ran.code == 0, ran.err
    [row] = [json.loads(line) for line in ran.out.splitlines()]
    assert (row["status"], row["turns"], row["score"]) == ("running", 6, None)

    store = Store(db)
    [record] = store.sessions()
    turns = store.turns(record.id)
    assert [(t.speaker, t.text) for t in turns] == [said[i] for i in range(6)]
    assert turns[-1] == Turn(speaker="seeker", text=QUESTIONS[-1], minute=turns[-1].minute)

    # Resume: the unanswered question is kept and answered, then the talk goes on.
    def on_turn(index: int, turn: Turn) -> None:
        store.add_turn(record.id, index, turn)

    session = Session(persona, scenario, model, prior_turns=turns, on_turn=on_turn,
                      settings=EngineSettings(seed=7, max_reply_tokens=32))
    assert session.open() is None and session.awaiting_reply
    done = list(session.retry_reply())[-1]
    assert isinstance(done, ReplyDone) and done.index == 6 and done.turn.text.strip()
    assert session.transcript.turns[5].text == QUESTIONS[-1]
    items = list(session.reply("Thank you, this was really helpful."))
    assert isinstance(items[-1], ReplyDone) and items[-1].index == 8
    stored = store.turns(record.id)
    assert [t.text for t in stored] == [t.text for t in session.transcript.turns]
    assert len(stored) == 9
    store.finish_session(record.id, score(session.transcript, persona, scenario))
    finished = store.session(record.id)
    assert finished is not None and finished.status == "finished"
    assert finished.score is not None
    store.close()


# -- the schema -----------------------------------------------------------------------

# The version-1 layout exactly as the first release wrote it, spelled out here so
# that an in-place edit of step 1 (instead of a new step) cannot go unnoticed.
V1_LAYOUT = [
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT, scenario TEXT NOT NULL,
        persona TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
        model TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT,
        status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished')),
        score INTEGER, report TEXT, scenario_source TEXT,
        prep_questions TEXT NOT NULL DEFAULT '[]')""",
    """CREATE TABLE turns (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker TEXT NOT NULL CHECK (speaker IN ('seeker', 'persona')),
        text TEXT NOT NULL, minute REAL, PRIMARY KEY (session_id, idx))""",
    "CREATE INDEX sessions_started ON sessions(started_at)",
]


def _v1_database(db: Path) -> None:
    """A history written by version 1, in the old rollback-journal mode."""
    conn = sqlite3.connect(db)
    for statement in V1_LAYOUT:
        conn.execute(statement)
    conn.execute("INSERT INTO sessions (scenario, persona, mode, model, started_at, "
                 "prep_questions) VALUES ('first-coffee-brand', 'dana-ruiz', 'practice', "
                 "'SmolLM2', '2025-01-02T09:00:00+00:00', '[\"How did you start?\"]')")
    conn.executemany("INSERT INTO turns VALUES (1, ?, ?, ?, ?)", [
        (0, "persona", "Hi! I have half an hour.", 0.0),
        (1, "seeker", "Thanks for meeting me.", 0.2)])
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_an_empty_file_left_by_a_crash_at_creation_is_a_fresh_history(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    db.write_bytes(b"")
    store = Store(db)
    assert store.schema_version() == len(_UPGRADES)
    sid = store.start_session(scenario="s", persona="p", mode="practice", model="m")
    store.add_turn(sid, 0, Turn(speaker="persona", text="hello"))
    store.close()
    assert _integrity(db) == ("wal", "ok")


def test_a_version_1_history_upgrades_in_order_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    _v1_database(db)
    assert _integrity(db) == ("delete", "ok")
    store = Store(db)
    assert store.schema_version() == len(_UPGRADES)
    [record] = store.sessions()
    assert record.prep_questions == ("How did you start?",)
    assert [t.text for t in store.turns(record.id)] == ["Hi! I have half an hour.",
                                                       "Thanks for meeting me."]
    store.add_turn(record.id, 2, Turn(speaker="persona", text="Ask away."))
    store.close()
    assert _integrity(db) == ("wal", "ok")

    # A later release adds two steps: both run, in order, once.
    later = (*_UPGRADES,
             ("ALTER TABLE sessions ADD COLUMN notes TEXT",
              "UPDATE sessions SET notes = 'step ' || (SELECT COUNT(*) FROM turns)"),
             ("UPDATE sessions SET notes = notes || ', then step 3'",))
    store = Store(db, upgrades=later)
    assert store.schema_version() == len(_UPGRADES) + 2
    assert store.turns(record.id)[-1].text == "Ask away."
    with store._db() as conn:
        assert conn.execute("SELECT notes FROM sessions").fetchone()[0] == "step 3, then step 3"
    store.close()
    store = Store(db, upgrades=later)  # reopening applies nothing twice
    with store._db() as conn:
        assert conn.execute("SELECT notes FROM sessions").fetchone()[0] == "step 3, then step 3"
    store.close()


SLOW_STEP = ("CREATE TABLE filler AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
             "SELECT x + 1 FROM c WHERE x < 200000000) SELECT x, hex(randomblob(16)) AS y FROM c")


def test_kill_9_during_an_upgrade_leaves_the_old_version_intact(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    _v1_database(db)
    Store(db).close()  # now in WAL mode, at the current version
    code = (
        "import sys; from pathlib import Path\n"
        "from coffeechat.store import _UPGRADES, Store\n"
        f"Store(Path({str(db)!r}), upgrades=(*_UPGRADES, ({SLOW_STEP!r},))).sessions()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env=child_env(),
                            stderr=subprocess.PIPE)
    wal = Path(f"{db}-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 2**20):
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.05)
    assert proc.poll() is None, "the upgrade should still be running"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    store = Store(db)
    assert store.schema_version() == len(_UPGRADES)
    [record] = store.sessions()
    assert record.turn_count == 2
    with store._db() as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "filler" not in tables
    store.close()
    assert _integrity(db) == ("wal", "ok")
    quick = (*_UPGRADES, ("CREATE TABLE filler (x INTEGER)",))
    store = Store(db, upgrades=quick)
    assert store.schema_version() == len(_UPGRADES) + 1
    store.close()


# -- several processes ----------------------------------------------------------------


def _writers(db: Path, go: Path, names: list[str], sessions: int,
             turns: int) -> list[subprocess.Popen[str]]:
    return [subprocess.Popen(
        [sys.executable, str(HERE / "store_writer.py"), str(db), str(go), name,
         str(sessions), str(turns)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env())
        for name in names]


def _finish(procs: list[subprocess.Popen[str]]) -> list[str]:
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0 and "Traceback" not in err, err
        results.append(out.strip())
    return results


def test_processes_creating_the_history_at_the_same_moment_all_succeed(tmp_path: Path) -> None:
    # Each round: four processes open a history that does not exist yet, together.
    for round_ in range(3):
        db = tmp_path / f"race{round_}.sqlite3"
        go = tmp_path / f"go{round_}"
        procs = _writers(db, go, [f"p{k}" for k in range(4)], sessions=1, turns=2)
        time.sleep(1.0)  # let every interpreter start and wait at the line
        go.touch()
        results = _finish(procs)
        assert all(r.startswith("ok ") for r in results), results
        store = Store(db)
        assert len(store.sessions()) == 4 and store.schema_version() == len(_UPGRADES)
        store.close()


def test_two_processes_writing_many_turns_at_once_do_not_corrupt_the_history(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    go = tmp_path / "go"
    sessions, turns = 3, 300
    procs = _writers(db, go, ["alpha", "beta"], sessions, turns)
    time.sleep(1.0)
    go.touch()
    results = _finish(procs)
    assert all(r.startswith("ok ") for r in results), results  # no "database is locked"
    assert _integrity(db) == ("wal", "ok")
    store = Store(db)
    records = store.sessions()
    assert len(records) == 2 * sessions
    assert len({r.id for r in records}) == 2 * sessions
    for record in records:
        name, s = record.scenario.split("-")
        assert record.model == name and record.turn_count == turns
        texts = [t.text for t in store.turns(record.id)]
        assert texts == [f"{name}/{s}/{i}" for i in range(turns)]
    store.close()
