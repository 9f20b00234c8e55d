"""Detector events: what a single turn did, with the words that show it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EventKind = Literal[
    "job_request",
    "resume_offer",
    "pitch",
    "question",
    "advice_request",
    "referral_request",
    "thanks",
    "purpose_statement",
    "overshare",
    "gossip",
    "pry",
    "desperation",
    "profile_reference",
    "time_signal",
    "wrap_up",
    "resume_request",
    "self_description_request",
]


@dataclass(frozen=True)
class Event:
    """One finding in one turn. ``quote`` is the span of the turn that shows it
    and ``why`` says, for the user, why it was flagged."""

    kind: EventKind
    turn: int
    quote: str
    why: str
    open: bool = False
    """For a question: one that cannot be answered with yes or no (the metrics count
    them), worked out on the sentence the quote comes from."""
