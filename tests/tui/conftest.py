"""Fixtures for the TUI tests: small fixture content, a store with a fixed clock,
and an app factory wired to the scripted backend."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coffeechat.content.loader import Library, load_library
from coffeechat.llm.base import BackendError
from coffeechat.llm.scripted import ScriptedBackend
from coffeechat.store import Store
from coffeechat.tui.app import CoffeeChatApp, make_app
from coffeechat.tui.settings import AppSettings, ModelChoice

CONTENT = Path(__file__).parent / "content"


class Ticker:
    """A wall clock for the store that starts at a fixed time and moves one
    minute per reading, so history rows and file names are stable."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def library() -> Library:
    lib = load_library([CONTENT / "personas", CONTENT / "scenarios"])
    assert not lib.problems, lib.problems
    return lib


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "history.sqlite3", clock=Ticker())


AppMaker = Callable[..., CoffeeChatApp]


@pytest.fixture
def make(library: Library, store: Store, tmp_path: Path) -> AppMaker:
    """Build the app with scripted replies; keyword arguments go to AppSettings."""

    def build(replies: Sequence[str] | Callable[..., str] = ("Happy to help.",), *,
              delay: float = 0.0, fail_load: str | None = None,
              backends: list[ScriptedBackend] | None = None, **settings: Any) -> CoffeeChatApp:
        def factory(choice: ModelChoice) -> ScriptedBackend:
            if fail_load is not None and choice.kind != "embedded":
                raise BackendError(fail_load)
            backend = ScriptedBackend(replies, delay=delay, name=f"scripted ({choice.kind})")
            if backends is not None:
                backends.append(backend)
            return backend

        settings.setdefault("export_folder", tmp_path / "exports")
        return make_app(AppSettings(**settings), backend_factory=factory, store=store,
                        library=library)

    return build
