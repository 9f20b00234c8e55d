"""The coffeechat.report/1 JSON (DESIGN.md §5)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

REPORT_FORMAT: Literal["coffeechat.report/1"] = "coffeechat.report/1"


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    turn: int
    """0-based index into the transcript's turns."""

    quote: str
    """The words that back the verdict."""


class RuleResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    verdict: Literal["pass", "fail", "n/a"]
    weight: int
    evidence: list[Evidence] = Field(default_factory=list)
    advice: str = ""


class Metrics(BaseModel):
    model_config = ConfigDict(frozen=True)

    seeker_word_share: float
    information_requests: int
    longest_seeker_turn_words: int
    minutes: float
    open_questions: int = 0
    closed_questions: int = 0
    questions_per_10_minutes: float = 0.0


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)

    format: Literal["coffeechat.report/1"] = REPORT_FORMAT
    score: int
    capped: bool
    rules: list[RuleResult]
    metrics: Metrics

    def band(self) -> str:
        """A word for the score, for people."""
        if self.score >= 85:
            return "excellent"
        if self.score >= 70:
            return "good"
        if self.score >= 50:
            return "needs work"
        return "off track"
