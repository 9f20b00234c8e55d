"""Scoring: detectors (per turn) -> rules (per session) -> Report.

Kept light: ``coffeechat.content.models`` imports ``scoring.catalog`` through
this package, so nothing heavy (or anything importing content) loads here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coffeechat.content.models import Persona, Scenario
    from coffeechat.scoring.report import Report
    from coffeechat.transcript import Transcript

__all__ = ["prepare", "score"]


def score(transcript: Transcript, persona: Persona | None = None,
          scenario: Scenario | None = None) -> Report:
    """Grade a transcript against the twelve rules (DESIGN.md §5)."""
    from coffeechat.scoring.scorer import score as _score

    return _score(transcript, persona, scenario)


def prepare() -> bool:
    """Get ready to score many transcripts: compile every detector pattern into one
    Hyperscan database (a second or two, once; then cached in the user's cache folder).
    Scores are the same either way. False when hyperscan is not installed."""
    from coffeechat.scoring import prefilter

    return prefilter.prepare()
