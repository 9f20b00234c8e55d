"""Fixtures for engine tests: a small test persona, scenarios around it, and
bundled personas."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coffeechat.content.loader import load_persona
from coffeechat.content.models import Persona, Scenario, SeekerRole

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def rosa() -> Persona:
    return load_persona(FIXTURES / "personas" / "rosa-mendes.yaml")


def make_scenario(persona: Persona, **changes: Any) -> Scenario:
    seeker = changes.pop("seeker", SeekerRole(background="You are a barista.",
                                              goal="Learn about roasting."))
    data: dict[str, Any] = {"id": "test-scenario", "title": "Test", "persona": persona.id,
                            "setting": "A cafe.", "seeker": seeker}
    data.update(changes)
    return Scenario(**data)


@pytest.fixture
def scenario(rosa: Persona) -> Scenario:
    return make_scenario(rosa)


@pytest.fixture
def with_persona() -> Callable[..., Persona]:
    """Copy a persona with some fields changed (models are frozen)."""

    def change(persona: Persona, **fields: Any) -> Persona:
        return persona.model_copy(update=fields)

    return change
