"""End to end in a real terminal: `coffeechat practice` with the real embedded
model inside tmux, typed into like a person would, down to the report."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = [pytest.mark.tmux, pytest.mark.model]

QUESTIONS = [
    "Thanks for meeting me. I'm exploring a move from retail operations into brand "
    "management. What does a typical week look like for your brand team?",
    "Are you hiring anyone for your brand team right now?",
    "What would you advise I learn first?",
]


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True,
                              capture_output=True, text=True, timeout=30).stdout

    def pane(self) -> str:
        return self.run("capture-pane", "-p", "-t", "e2e")

    def wait_for(self, what: str, ok: Callable[[str], bool], timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.pane()
            if ok(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the pane shows:\n{text}")
            time.sleep(0.25)


def _turns(db: Path) -> list[tuple[str, str]]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute("SELECT speaker, text FROM turns ORDER BY idx").fetchall()
    except sqlite3.OperationalError:  # tables not created yet
        return []
    finally:
        conn.close()


def _wait_for_turns(db: Path, count: int, tmux: Tmux, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while len(_turns(db)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"the persona did not answer; the pane shows:\n{tmux.pane()}")
        time.sleep(0.25)


def test_practice_with_the_real_model_in_tmux(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is needed for the end-to-end test (.ci/run installs it)"
    home = tmp_path / "e2e-home"
    env = {"HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        (home / sub).mkdir(parents=True)
        env[var] = str(home / sub)
    db = home / "data" / "coffeechat" / "history.sqlite3"
    exe = Path(sys.executable).with_name("coffeechat")
    program = [str(exe)] if exe.exists() else [sys.executable, "-m", "coffeechat"]
    # pytest exports COLUMNS/LINES (80x24); the app must size itself from the pane.
    command = (shlex.join(["env", "-u", "COLUMNS", "-u", "LINES",
                           *(f"{k}={v}" for k, v in env.items()),
                           *program, "practice", "first-coffee-brand"])
               + "; echo COFFEECHAT-EXIT=$?; sleep 60")
    tmux = Tmux(f"coffeechat-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        tmux.run("new-session", "-d", "-s", "e2e", "-x", "160", "-y", "45", command)
        tmux.wait_for("the greeting", lambda t: "Dana Ruiz" in t and "Ctrl+S send" in t
                      and "Loading the model" not in t, timeout=120)
        for n, question in enumerate(QUESTIONS, start=1):
            tmux.run("send-keys", "-t", "e2e", "-l", question)
            tmux.run("send-keys", "-t", "e2e", "C-s")
            # Greeting + n exchanges, each written to the history as it happens.
            _wait_for_turns(db, 1 + 2 * n, tmux, timeout=120)
        turns = _turns(db)
        assert [s for s, _ in turns] == ["persona"] + ["seeker", "persona"] * len(QUESTIONS)
        assert [t for s, t in turns if s == "seeker"] == QUESTIONS
        tmux.wait_for("the input to unlock", lambda t: "^s Send" in t, timeout=30)
        tmux.run("send-keys", "-t", "e2e", "C-e")
        report = tmux.wait_for("the report", lambda t: "/100" in t and "Scorecard" in t,
                               timeout=60)
        assert "Never asks for a job" in report
        # Open the job-request rule (third in the list): its evidence quotes the seeker.
        tmux.run("send-keys", "-t", "e2e", "Home", "Down", "Down")
        shown = tmux.wait_for("the evidence", lambda t: "Turn 3:" in t, timeout=20)
        quotes = re.findall(r"Turn (\d+): “([^”]+)”", shown)
        assert quotes, shown
        for index, quote in quotes:
            assert turns[int(index)][0] == "seeker"
            assert " ".join(quote.split()) in turns[int(index)][1], (quote, shown)
        assert any("hiring" in q for _, q in quotes)
        tmux.run("send-keys", "-t", "e2e", "C-q")
        tmux.wait_for("a clean exit", lambda t: "COFFEECHAT-EXIT=0" in t, timeout=30)
    finally:
        subprocess.run(["tmux", "-L", tmux.socket, "kill-server"], capture_output=True,
                       timeout=30)
