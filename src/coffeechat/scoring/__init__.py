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

__all__ = ["score"]


def score(transcript: Transcript, persona: Persona | None = None,
          scenario: Scenario | None = None) -> Report:
    """Grade a transcript against the twelve rules (DESIGN.md §5)."""
    from coffeechat.scoring.scorer import score as _score

    return _score(transcript, persona, scenario)
