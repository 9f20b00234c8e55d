"""Files on disk: an export never writes outside the chosen folder (hostile
ids, symlinks), never overwrites, and a failing disk is one clear line that
leaves no partial file. A history that cannot be written (read-only data
folder or file) is refused in one line before the app starts."""

from __future__ import annotations

import os
import resource
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coffeechat import paths
from coffeechat.export import export_session, write_into
from coffeechat.store import Store, StoreError
from coffeechat.transcript import Turn, parse_transcript
from faults.helpers import Ran, assert_one_line_error, child_env, run_cli


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


@pytest.fixture
def store() -> Iterator[Store]:
    """The user's own history (in this test's XDG folders), with one session."""
    s = Store()
    sid = s.start_session(scenario="first-coffee-brand", persona="dana-ruiz",
                          mode="practice", model="SmolLM2")
    s.add_turn(sid, 0, Turn(speaker="persona", text="Hi! I have half an hour.", minute=0))
    s.add_turn(sid, 1, Turn(speaker="seeker", text="Thanks for meeting me.", minute=0.2))
    yield s
    s.close()


# -- ids ------------------------------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["../../x", "1/../../x", "/etc/passwd", "1; rm -rf ~",
                                    "", "-1", "99999999999999999999999"])
def test_export_refuses_ids_that_are_not_session_ids(bad_id: str, store: Store,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = _files(tmp_path)
    ran = run_cli("export", bad_id, "--md", "-o", str(out))
    assert_one_line_error(ran)
    assert "session" in ran.err  # "not a session id" / "no session with id"
    assert _files(tmp_path) == before


def test_hostile_scenario_and_persona_ids_cannot_leave_the_folder(tmp_path: Path) -> None:
    s = Store(tmp_path / "h.sqlite3")
    hostile = ["../../../../tmp/evil", "/etc/cron.d/x", "..\\..\\win", "a/b/../../..",
               "x" * 500, "日本語のシナリオ", "nul\x00byte\x1b[31m", ".", ".."]
    out = tmp_path / "exports"
    before = _files(tmp_path)
    for sid_text in hostile:
        sid = s.start_session(scenario=sid_text, persona=sid_text, mode="practice", model="m")
        s.add_turn(sid, 0, Turn(speaker="persona", text="hello"))
        written = export_session(s, sid, out)
        for path in written:
            assert path.parent == out.resolve()
            assert len(path.name.encode()) <= 120
            assert path.name.startswith(f"coffeechat-{sid}-")
        assert parse_transcript(written[1].read_text(), "x").scenario == sid_text
    s.close()
    after = _files(tmp_path)
    new_outside = {p for p in after - before if out not in p.parents}
    assert new_outside <= {tmp_path / f"h.sqlite3{end}" for end in ("", "-wal", "-shm")}
    assert len(_files(out)) == 2 * len(hostile)
    with pytest.raises(OSError, match="outside"):
        write_into(out, "../escape.md", "x")
    with pytest.raises(OSError, match="outside"):
        write_into(out, "..", "x")


# -- symlinks and overwriting -----------------------------------------------------------


def test_symlinks_at_the_target_names_are_never_followed(store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.md"
    victim.write_text("precious")
    out = tmp_path / "exports"
    first = export_session(store, 1, out)  # learn the names, then booby-trap them
    for path in first:
        path.unlink()
    md, js = first
    md.symlink_to(victim)  # points at an existing file outside
    js.symlink_to(outside / "created.json")  # dangling: would create a file outside
    inside = out / "other.md"
    inside.write_text("keep me")
    written = export_session(store, 1, out)
    assert victim.read_text() == "precious"
    assert not (outside / "created.json").exists()
    assert md.is_symlink() and js.is_symlink()  # left alone
    assert all(p.parent == out.resolve() and not p.is_symlink() for p in written)
    assert [p.name for p in written] == [f"{md.stem}-2.md", f"{js.stem}-2.json"]
    assert "Thanks for meeting me." in written[0].read_text()
    assert inside.read_text() == "keep me"


def test_exporting_again_never_overwrites(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    first = export_session(store, 1, out)
    first[0].write_text("my own notes, added after the export")
    second = export_session(store, 1, out)
    third = export_session(store, 1, out)
    assert len({*first, *second, *third}) == 6
    assert first[0].read_text() == "my own notes, added after the export"
    assert [p.name.rsplit("-", 1)[1] for p in third] == ["3.md", "3.json"]

    # The command line: a folder picks a new name; an explicit file is never replaced.
    target = tmp_path / "mine.md"
    assert run_cli("export", "1", "--md", "-o", str(target)).code == 0
    target.write_text("edited by hand")
    ran = run_cli("export", "1", "--md", "-o", str(target))
    assert_one_line_error(ran, str(target), "already exists")
    assert target.read_text() == "edited by hand"
    ran = run_cli("export", "1", "--json", "-o", str(out))
    assert ran.code == 0 and "-4.json" in ran.err


# -- a full disk ------------------------------------------------------------------------


def _limit_file_size(limit: int) -> None:
    # Any write past ``limit`` bytes fails with EFBIG, as writes on a full disk
    # fail with ENOSPC: the same error path, without needing a tiny filesystem.
    # (Python ignores SIGXFSZ, so the process is not killed.)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _run_limited(limit: int, *args: str) -> Ran:
    proc = subprocess.run([sys.executable, "-m", "coffeechat", *args], capture_output=True,
                          text=True, timeout=120, env=child_env(), stdin=subprocess.DEVNULL,
                          preexec_fn=lambda: _limit_file_size(limit))
    return Ran(proc.returncode, proc.stdout, proc.stderr)


def test_an_export_that_cannot_be_written_is_one_line_and_leaves_nothing(
    store: Store, tmp_path: Path
) -> None:
    paste = "I pasted my whole cover letter here by mistake. " * 3000  # ~150 KB
    store.add_turn(1, 2, Turn(speaker="seeker", text=paste))
    store.close()
    out = tmp_path / "exports"
    out.mkdir()
    ran = _run_limited(64 * 1024, "export", "1", "--md", "-o", str(out))
    assert_one_line_error(ran, str(out), "cannot write", "File too large")
    assert list(out.iterdir()) == []  # no partial file, no temporary file
    ran = run_cli("export", "1", "--md", "-o", str(out))  # with room, it works
    assert ran.code == 0 and paste.strip()[:60] in next(out.iterdir()).read_text()


def test_a_turn_that_cannot_be_saved_is_a_store_error_not_a_crash(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    Store(db).close()
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from coffeechat.store import Store, StoreError\n"
        "from coffeechat.transcript import Turn\n"
        f"s = Store(Path({str(db)!r}))\n"
        "sid = s.start_session(scenario='s', persona='p', mode='practice', model='m')\n"
        "try:\n"
        "    for i in range(1000):\n"
        "        s.add_turn(sid, i, Turn(speaker='seeker', text='x' * 5000))\n"
        "except StoreError as exc:\n"
        "    print('StoreError', i, exc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=child_env(),
                          preexec_fn=lambda: _limit_file_size(256 * 1024))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout.startswith("StoreError "), proc.stdout
    failed_at = int(proc.stdout.split()[1])
    assert 0 < failed_at < 1000 and "\n" not in proc.stdout.strip()
    store = Store(db)  # what was saved before the disk filled is intact
    [record] = store.sessions()
    assert record.turn_count == failed_at
    store.close()
    conn_check = subprocess.run(
        [sys.executable, "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
         "print(c.execute('PRAGMA integrity_check').fetchone()[0])", str(db)],
        capture_output=True, text=True, timeout=60)
    assert conn_check.stdout.strip() == "ok"


# -- an unwritable history ----------------------------------------------------------------


def _read_only(path: Path) -> Callable[[], None]:
    """Make ``path`` unwritable for this user; return the undo. Permissions mean
    nothing to root, so a root test run marks it immutable instead."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        return lambda: path.chmod(mode)
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, (
        f"running as root, and `chattr +i` failed ({done.stderr.strip()}): this test needs "
        "an ordinary user, or root with CAP_LINUX_IMMUTABLE on ext4/xfs/btrfs")
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_history_is_refused_at_startup(what: str) -> None:
    data = paths.data_dir()
    data.mkdir(parents=True)
    db = paths.history_db()
    if what == "file":  # an existing history that became read-only
        s = Store(db)
        s.start_session(scenario="s", persona="p", mode="practice", model="m")
        s.close()
        undo = _read_only(db)
    else:  # a data folder this user may not write
        undo = _read_only(data)
    try:
        for args in (["practice", "first-coffee-brand"], []):
            ran = run_cli(*args)
            line = assert_one_line_error(ran, str(db))
            assert "writable" in line or "cannot open" in line, line
            assert "move it aside" not in line  # the file is fine; never tell them to drop it
        if what == "file":
            # Reading still works: the history can be listed.
            listed = run_cli("history", "--json")
            assert listed.code == 0 and '"scenario": "s"' in listed.out, listed.err
    finally:
        undo()


def test_a_data_folder_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    paths.data_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.data_dir().write_text("not a folder")
    for args in (["practice", "first-coffee-brand"], []):
        ran = run_cli(*args)
        assert_one_line_error(ran, str(paths.history_db()), "cannot open the history file")
    with pytest.raises(StoreError, match="cannot open"):
        Store().sessions()


@pytest.mark.parametrize("damage", ["garbage", "newer"])
def test_an_unusable_history_is_one_line_and_left_untouched(damage: str) -> None:
    db = paths.history_db()
    db.parent.mkdir(parents=True)
    if damage == "garbage":
        db.write_bytes(b"\x00\x01 not sqlite at all " * 500)
        needle = "not a usable history file"
    else:
        s = Store(db)
        s.start_session(scenario="s", persona="p", mode="practice", model="m")
        s.close()
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
        needle = "written by a newer coffeechat"
    before = db.read_bytes()
    for args in (["practice", "first-coffee-brand"], ["history"], ["export", "1", "--md"]):
        ran = run_cli(*args)
        assert_one_line_error(ran, str(db), needle)
    assert db.read_bytes() == before  # nothing overwritten or "repaired" behind their back


def test_history_into_a_closed_pipe_is_quiet() -> None:
    store = Store()
    store.schema_version()  # creates the file
    store.close()
    conn = sqlite3.connect(paths.history_db())
    with conn:  # well over a pipe buffer of output, in one transaction
        conn.executemany("INSERT INTO sessions (scenario, persona, mode, model, started_at) "
                         "VALUES (?, 'p', 'practice', 'm', '2026-01-01T09:00:00+00:00')",
                         [(f"scenario-{k}",) for k in range(2500)])
    conn.close()
    proc = subprocess.Popen([sys.executable, "-m", "coffeechat", "history"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `coffeechat history | head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and err == "", err
