"""Labelled trend lines over past sessions: the score, and each rule's verdicts."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Sparkline, Static

PASS, FAIL, NA = "█", "▁", "·"


def verdict_strip(verdicts: Sequence[str]) -> str:
    """One glyph per session, oldest first: a full bar for a pass, a floor for a
    fail, a dot where the rule did not apply. (A Sparkline scales to the data's
    own range, so a rule passed every time would draw as a floor.)"""
    return "".join(PASS if v == "pass" else FAIL if v == "fail" else NA for v in verdicts)


def verdict_summary(verdicts: Sequence[str]) -> str:
    applicable = [v for v in verdicts if v != "n/a"]
    if not applicable:
        return "not applicable yet"
    return f"passed {sum(v == 'pass' for v in applicable)} of {len(applicable)}"


class ScoreTrend(Horizontal):
    """The score over past sessions as a Sparkline, with first → last."""

    DEFAULT_CSS = """
    ScoreTrend { height: 3; }
    ScoreTrend > .trend-label { width: 28; }
    ScoreTrend > Sparkline { width: 30; height: 3; }
    ScoreTrend > .trend-summary { width: 1fr; padding-left: 1; }
    """

    def __init__(self, scores: Sequence[int], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scores = list(scores)

    def compose(self) -> ComposeResult:
        n = len(self.scores)
        yield Static(Text(f"Score, last {n} session{'s' * (n != 1)}"), classes="trend-label")
        yield Sparkline([float(s) for s in self.scores], summary_function=max)
        if n > 1:
            summary = f"{self.scores[0]} → {self.scores[-1]}"
        else:
            summary = f"{self.scores[0]}" if self.scores else ""
        yield Static(Text(summary), classes="trend-summary")


class RuleTrend(Horizontal):
    """A rule's title, its verdict strip and "passed k of n"."""

    DEFAULT_CSS = """
    RuleTrend { height: 1; }
    RuleTrend > .trend-label { width: 28; }
    RuleTrend > .trend-strip { width: auto; min-width: 12; }
    RuleTrend > .trend-summary { width: 1fr; padding-left: 1; }
    """

    def __init__(self, rule_id: str, title: str, verdicts: Sequence[str]) -> None:
        super().__init__(id=f"trend-{rule_id}")
        self.rule_id = rule_id
        self.title = title
        self.verdicts = list(verdicts)

    def compose(self) -> ComposeResult:
        yield Static(Text(self.title), classes="trend-label")
        yield Static(Text(verdict_strip(self.verdicts)), classes="trend-strip")
        yield Static(Text(verdict_summary(self.verdicts)), classes="trend-summary")
