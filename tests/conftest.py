"""Shared fixtures: every test runs with its own XDG folders, so nothing reads
or writes the developer's real config or history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        (home / sub).mkdir(parents=True)
        monkeypatch.setenv(var, str(home / sub))
    return home


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def embedded_backend() -> Iterator[Any]:
    """The real embedded SmolLM2, loaded once for the whole test session (a
    LlamaCppBackend; tests that use it are marked ``model``)."""
    from coffeechat.llm.llamacpp import LlamaCppBackend, available_cores

    # A fixed thread count: tests judge what the model says, and llama.cpp's sums (so
    # its tokens) can differ with the thread count, which would otherwise follow
    # whatever else the machine runs (see llm/cpuload.py, tested on its own).
    backend = LlamaCppBackend(n_ctx=2048, n_threads=available_cores())
    backend.load()
    yield backend
    backend.close()
