"""Helpers for the fault suite: child processes that run with the test's own
XDG folders, and the one-line-error check."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child process: the XDG folders the autouse
    fixture set up for this test, and the source tree on the path."""
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    env.update(extra)
    return env


def run_cli(*args: str, timeout: float = 120, **env: str) -> Ran:
    """`coffeechat ARGS` in a child process, without a terminal."""
    proc = subprocess.run([sys.executable, "-m", "coffeechat", *args], capture_output=True,
                          text=True, timeout=timeout, env=child_env(**env),
                          stdin=subprocess.DEVNULL)
    return Ran(proc.returncode, proc.stdout, proc.stderr)


def assert_one_line_error(ran: Ran, *needles: str) -> str:
    """Exit 2, exactly one line on stderr, no traceback; the line holds ``needles``."""
    assert ran.code == 2, (ran.code, ran.err)
    assert "Traceback" not in ran.err, ran.err
    lines = ran.err.splitlines()
    assert len(lines) == 1, ran.err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]
