"""Session history in SQLite, written turn by turn.

Every turn is committed the moment the engine reports it, so a crash or a
kill loses at most the reply being streamed. The schema version lives in
``PRAGMA user_version``; ``_UPGRADES`` lists the steps that bring an older
file up to date, applied in order inside one transaction each.

The engine calls ``add_turn`` from a worker thread while the UI thread reads,
so one connection is shared behind a lock (sqlite3 objects are not safe to use
from two threads at once).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from coffeechat.scoring.report import Report
from coffeechat.transcript import Transcript, Turn

Status = Literal["running", "finished"]
Clock = Callable[[], datetime]

_UPGRADES: tuple[tuple[str, ...], ...] = (
    # 1: sessions and their turns.
    (
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scenario TEXT NOT NULL,
            persona TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
            model TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished')),
            score INTEGER,
            report TEXT,
            scenario_source TEXT,
            prep_questions TEXT NOT NULL DEFAULT '[]'
        )""",
        """CREATE TABLE turns (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            speaker TEXT NOT NULL CHECK (speaker IN ('seeker', 'persona')),
            text TEXT NOT NULL,
            minute REAL,
            PRIMARY KEY (session_id, idx)
        )""",
        "CREATE INDEX sessions_started ON sessions(started_at)",
    ),
)


class StoreError(Exception):
    """The history file cannot be used; the message says why, in one line."""


@dataclass(frozen=True)
class SessionRecord:
    """One row of the history list."""

    id: int
    scenario: str
    persona: str
    mode: Literal["practice", "assessment"]
    model: str
    started_at: datetime
    ended_at: datetime | None
    status: Status
    score: int | None
    scenario_source: str | None
    prep_questions: tuple[str, ...]
    turn_count: int


def _set_wal(conn: sqlite3.Connection) -> None:
    # Switching a new file to WAL takes an exclusive lock and SQLite does not
    # call the busy handler for it, so two processes creating the history at
    # once would see "database is locked": wait and retry instead.
    for attempt in range(100):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 99:
                raise
            time.sleep(0.05)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class Store:
    """The history database. Opened on first use; folders are created then."""

    def __init__(self, path: Path | None = None, *, clock: Clock = _utcnow,
                 upgrades: Sequence[Sequence[str]] = _UPGRADES) -> None:
        self._path = path
        self._clock = clock
        self._upgrades = tuple(tuple(step) for step in upgrades)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    @property
    def path(self) -> Path:
        if self._path is None:
            from coffeechat import paths

            self._path = paths.history_db()
        return self._path

    # -- connection -----------------------------------------------------------------

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                self._conn = self._open()
            try:
                yield self._conn
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: {exc}") from exc

    def _open(self) -> sqlite3.Connection:
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{path}: cannot open the history file: {exc}") from exc
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            _set_wal(conn)
            conn.execute("PRAGMA foreign_keys = ON")
            self._upgrade(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            reason = str(exc).lower()
            if any(word in reason for word in ("readonly", "read-only", "unable to open")):
                # The file is fine; the user may not write it or its folder.
                raise StoreError(f"{path}: cannot write the history ({exc}); check that "
                                 f"{path.parent} and the file are writable") from exc
            if "locked" in reason:
                raise StoreError(f"{path}: the history is busy in another program ({exc}); "
                                 "try again") from exc
            raise StoreError(f"{path}: not a usable history file ({exc}); move it aside "
                             "to start a fresh history") from exc
        except StoreError:
            conn.close()
            raise
        return conn

    def _upgrade(self, conn: sqlite3.Connection) -> None:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(self._upgrades):
            raise StoreError(f"{self.path}: written by a newer coffeechat (schema "
                             f"{version}, this one knows {len(self._upgrades)}); upgrade "
                             "coffeechat")
        for number, step in enumerate(self._upgrades[version:], start=version + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process opening the same file may have applied this
                # step while we waited for the write lock: re-read under it.
                if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= number:
                    conn.execute("COMMIT")
                    continue
                for statement in step:
                    conn.execute(statement)
                # PRAGMA takes no parameters; number is our own int.
                conn.execute(f"PRAGMA user_version = {int(number)}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def schema_version(self) -> int:
        with self._db() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def check_writable(self) -> None:
        """Raise StoreError unless turns can be saved. SQLite opens a read-only
        file happily and fails only at the first write, which would be mid-session;
        this writes (and rolls back) one header field to find out at start-up."""
        with self._lock, self._db() as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(f"PRAGMA user_version = {version}")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: cannot write the history ({exc}); check "
                                 "that the file and its folder are writable") from exc
            finally:
                conn.execute("ROLLBACK")

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- writing --------------------------------------------------------------------

    def start_session(self, *, scenario: str, persona: str,
                      mode: Literal["practice", "assessment"], model: str,
                      scenario_source: str | None = None,
                      prep_questions: Sequence[str] = ()) -> int:
        """Record a new running session and return its id."""
        with self._db() as conn:
            cur = conn.execute(
                "INSERT INTO sessions (scenario, persona, mode, model, started_at, "
                "scenario_source, prep_questions) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (scenario, persona, mode, model, _iso(self._clock()), scenario_source,
                 json.dumps(list(prep_questions))),
            )
            if cur.lastrowid is None:  # pragma: no cover - sqlite always sets it
                raise StoreError("the new session got no id")
            return int(cur.lastrowid)

    def add_turn(self, session_id: int, index: int, turn: Turn) -> None:
        """Write one turn and commit (autocommit mode), replacing a turn at the
        same index (a retried reply)."""
        with self._db() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO turns (session_id, idx, speaker, text, minute) "
                "VALUES (?, ?, ?, ?, ?)",
                (session_id, index, turn.speaker, turn.text, turn.minute),
            )

    def finish_session(self, session_id: int, report: Report | None) -> None:
        """Mark a session finished, with its report when it could be scored."""
        with self._db() as conn:
            conn.execute(
                "UPDATE sessions SET status = 'finished', ended_at = ?, score = ?, report = ? "
                "WHERE id = ?",
                (_iso(self._clock()), report.score if report else None,
                 report.model_dump_json() if report else None, session_id),
            )

    def delete_session(self, session_id: int) -> bool:
        """Delete a session and its turns; False when there was no such session."""
        with self._db() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("DELETE FROM turns WHERE session_id = ?", (session_id,))
                cur = conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return cur.rowcount > 0

    # -- reading --------------------------------------------------------------------

    _SELECT = (
        "SELECT s.id, s.scenario, s.persona, s.mode, s.model, s.started_at, s.ended_at, "
        "s.status, s.score, s.scenario_source, s.prep_questions, "
        "(SELECT COUNT(*) FROM turns t WHERE t.session_id = s.id) FROM sessions s"
    )

    @staticmethod
    def _record(row: tuple[object, ...]) -> SessionRecord:
        (sid, scenario, persona, mode, model, started, ended, status, score, source,
         prep, count) = row
        try:
            questions = tuple(str(q) for q in json.loads(str(prep)))
        except (json.JSONDecodeError, TypeError):
            questions = ()
        return SessionRecord(
            id=int(str(sid)), scenario=str(scenario), persona=str(persona),
            mode="assessment" if mode == "assessment" else "practice", model=str(model),
            started_at=datetime.fromisoformat(str(started)),
            ended_at=datetime.fromisoformat(str(ended)) if ended else None,
            status="finished" if status == "finished" else "running",
            score=int(str(score)) if score is not None else None,
            scenario_source=str(source) if source else None,
            prep_questions=questions, turn_count=int(str(count)),
        )

    def sessions(self, *, limit: int | None = None) -> list[SessionRecord]:
        """Past sessions, newest first."""
        sql = self._SELECT + " ORDER BY s.started_at DESC, s.id DESC"
        params: tuple[int, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        with self._db() as conn:
            return [self._record(r) for r in conn.execute(sql, params).fetchall()]

    def session(self, session_id: int) -> SessionRecord | None:
        with self._db() as conn:
            row = conn.execute(self._SELECT + " WHERE s.id = ?", (session_id,)).fetchone()
        return self._record(row) if row else None

    def turns(self, session_id: int) -> list[Turn]:
        with self._db() as conn:
            rows = conn.execute(
                "SELECT speaker, text, minute FROM turns WHERE session_id = ? ORDER BY idx",
                (session_id,),
            ).fetchall()
        return [Turn(speaker=speaker, text=text, minute=minute) for speaker, text, minute in rows]

    def transcript(self, session_id: int) -> Transcript:
        record = self.session(session_id)
        if record is None:
            raise StoreError(f"no session with id {session_id}")
        return Transcript(scenario=record.scenario, persona=record.persona,
                          turns=self.turns(session_id))

    def report(self, session_id: int) -> Report | None:
        with self._db() as conn:
            row = conn.execute("SELECT report FROM sessions WHERE id = ?",
                               (session_id,)).fetchone()
        if not row or not row[0]:
            return None
        try:
            return Report.model_validate_json(row[0])
        except ValidationError:
            return None

    def recent_reports(self, *, limit: int = 10,
                       up_to: int | None = None) -> list[tuple[SessionRecord, Report]]:
        """The last ``limit`` finished, scored sessions (oldest first), for trends;
        ``up_to`` leaves out sessions after that one."""
        sql = (self._SELECT + " WHERE s.status = 'finished' AND s.report IS NOT NULL")
        params: list[int] = []
        if up_to is not None:
            sql += " AND s.id <= ?"
            params.append(up_to)
        sql += " ORDER BY s.started_at DESC, s.id DESC LIMIT ?"
        params.append(limit)
        with self._db() as conn:
            rows = conn.execute(sql, params).fetchall()
        found: list[tuple[SessionRecord, Report]] = []
        for row in reversed(rows):
            record = self._record(row)
            report = self.report(record.id)
            if report is not None:
                found.append((record, report))
        return found
