"""Fixtures for the fault suite: the bundled content and the embedded model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat.content.loader import Library, default_content_paths, load_library
from coffeechat.content.models import Persona, Scenario
from coffeechat.llm.embedded import embedded_model_path
from coffeechat.llm.llamacpp import LlamaCppBackend

SCENARIO = "first-coffee-brand"


@pytest.fixture(scope="session")
def library() -> Library:
    lib = load_library(default_content_paths())
    assert SCENARIO in lib.scenarios, lib.problems
    return lib


@pytest.fixture(scope="session")
def scenario(library: Library) -> Scenario:
    return library.scenarios[SCENARIO]


@pytest.fixture(scope="session")
def persona(library: Library, scenario: Scenario) -> Persona:
    return library.personas[scenario.persona]


@pytest.fixture(scope="session")
def model_path() -> Path:
    return embedded_model_path()


@pytest.fixture(scope="module")
def model() -> Iterator[LlamaCppBackend]:
    """The real embedded model, loaded once per module, on one thread: these tests
    are about faults, not speed, and llama.cpp's threads slow down many times over
    when another process shares the two cores (as on a busy CI runner)."""
    backend = LlamaCppBackend(n_ctx=2048, n_threads=1)
    backend.load()
    yield backend
    backend.close()
