"""What the app is built from: settings, the model choice and the injectable parts.

No Textual and no model imports here, so the CLI and tests can build these cheaply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from coffeechat.content.models import Persona, Scenario
    from coffeechat.engine import EngineSettings
    from coffeechat.llm.base import ChatBackend
    from coffeechat.scoring.report import Report
    from coffeechat.transcript import Transcript

Mode = Literal["practice", "assessment"]


@dataclass(frozen=True)
class ModelChoice:
    """Which model plays the persona: the embedded one, a GGUF file or a server."""

    model: str | None = None
    """Path of a GGUF file to run in-process."""

    server: str | None = None
    """Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1."""

    server_model: str | None = None
    """Model name to ask the server for (default: its first)."""

    @property
    def kind(self) -> Literal["embedded", "gguf", "server"]:
        if self.server:
            return "server"
        if self.model:
            return "gguf"
        return "embedded"

    @property
    def label(self) -> str:
        if self.server:
            suffix = f" ({self.server_model})" if self.server_model else ""
            return f"server {self.server}{suffix}"
        if self.model:
            return f"{Path(self.model).name} (GGUF file)"
        return "SmolLM2-135M (embedded)"


@dataclass(frozen=True)
class AppSettings:
    """How this run of the app behaves."""

    model: ModelChoice = ModelChoice()
    """The model to start with; switchable from the home screen."""

    mode: Mode | None = None
    """Force practice or assessment mode (default: each scenario's own)."""

    start_scenario: str | None = None
    """A scenario id to go straight into (`coffeechat practice`)."""

    engine: EngineSettings | None = None
    """Engine tuning (seed, temperature...); None for the engine's defaults."""

    trend_sessions: int = 10
    """How many past sessions the report's trend lines cover."""

    stream_interval: float = 0.05
    """Seconds between screen updates while a reply streams (about 20 per second)."""

    export_folder: Path | None = None
    """Where the History screen suggests exporting to (default: the current folder)."""


BackendFactory = Callable[[ModelChoice], "ChatBackend"]
Scorer = Callable[["Transcript", "Persona | None", "Scenario | None"], "Report"]
Clock = Callable[[], datetime]


def default_backend_factory(choice: ModelChoice) -> ChatBackend:
    """Build (not load) the backend; llama.cpp is imported only by the factory."""
    from coffeechat.llm.factory import make_backend

    return make_backend(choice.model, choice.server, choice.server_model)


def default_scorer(transcript: Transcript, persona: Persona | None,
                   scenario: Scenario | None) -> Report:
    from coffeechat.scoring import score

    return score(transcript, persona, scenario)


def utcnow() -> datetime:
    return datetime.now(UTC)
