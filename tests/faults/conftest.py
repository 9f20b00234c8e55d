"""Fixtures for the fault suite: the bundled content and the embedded model's file
(the loaded model itself is the session-wide ``embedded_backend``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coffeechat.content.loader import Library, default_content_paths, load_library
from coffeechat.content.models import Persona, Scenario
from coffeechat.llm.embedded import embedded_model_path

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
