"""The engine's public value types (see coffeechat.engine)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coffeechat.scoring.events import Event
from coffeechat.transcript import Turn

EndReason = Literal["seeker", "wrapped_up", "cut_short"]


@dataclass(frozen=True)
class EngineSettings:
    """How the engine drives the model."""

    verbatim_reactions: bool | None = None
    """Say the coach's reaction lines word for word (True), or give them to the
    model as direction (False). None: verbatim when the model is small (<3B or
    unknown), because small models do not follow direction reliably."""

    max_reply_tokens: int = 120
    """Upper bound on a generated reply; the guards cap it to 1-3 sentences."""

    temperature: float = 0.6
    """Sampling temperature for generated replies."""

    seed: int | None = None
    """Fixes sampling and the choice of reaction variants, for repeatable runs."""

    lead_with_fact: bool | None = None
    """Start each answer with the best-matching knowledge point and let the model
    continue from it (assistant prefill), keeping only continuations the
    persona's knowledge supports. None: on for models under 1B parameters (or of
    unknown size) whose backend can prefill; tiny models rarely use facts
    otherwise."""


@dataclass(frozen=True)
class Hint:
    """A live coaching hint (practice mode)."""

    kind: str  # an EventKind
    message: str
    tone: Literal["good", "warn"]


@dataclass(frozen=True)
class SessionState:
    """Where the meeting stands after the latest turn."""

    rapport: float
    """0..1: how the persona feels about the seeker; slips lower it."""

    minutes: float
    """The simulated clock now (all words so far at 130 per minute)."""

    budget_minutes: int
    warned: bool
    """The persona has said time is nearly up."""

    ended: bool
    end_reason: EndReason | None
    referral_given: str | None
    """Name of the last person the persona suggested talking to, if any."""


@dataclass(frozen=True)
class SeekerRecorded:
    """The seeker's turn is saved (``on_turn`` has run); events and hints for it."""

    index: int
    turn: Turn
    events: tuple[Event, ...]
    hints: tuple[Hint, ...]


@dataclass(frozen=True)
class ReplyChunk:
    """A piece of the persona's reply, final as shown: joining every chunk of a
    reply gives exactly the text of the turn in ReplyDone."""

    text: str


@dataclass(frozen=True)
class ReplyDone:
    """The persona's turn is saved (``on_turn`` has run)."""

    index: int
    turn: Turn
    state: SessionState
    source: Literal["model", "reaction", "fallback"] = "model"
    """Where the words came from: the model, a coach-written line, or the
    engine's grounded fallback when the model produced nothing usable."""

    guards: tuple[str, ...] = ()
    """Guards that changed the model's text (e.g. "seeker_line", "ai_disclosure",
    "repeat", "length", "fragment", "empty"); for the QA harness and logs."""

    reaction: str | None = None
    """The etiquette moment the reply answered ("job_request", "pitch", "deflect",
    "cut_short", "goodbye"...), or None for an ordinary answer."""


@dataclass(frozen=True)
class ReplyCancelled:
    """The reply was stopped; no persona turn was recorded. Call retry_reply()
    to try again, or reply() with new text."""

    state: SessionState


ReplyItem = SeekerRecorded | ReplyChunk | ReplyDone | ReplyCancelled
