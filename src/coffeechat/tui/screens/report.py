"""Report: the score, each rule with its evidence and advice, the transcript, trends."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Footer,
    Header,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from coffeechat.scoring.catalog import RULE_BY_ID
from coffeechat.transcript import printable
from coffeechat.tui.widgets.transcript_view import TranscriptView
from coffeechat.tui.widgets.trend_row import RuleTrend, ScoreTrend

if TYPE_CHECKING:
    from coffeechat.scoring.report import Report, RuleResult
    from coffeechat.store import SessionRecord
    from coffeechat.transcript import Transcript
    from coffeechat.tui.app import CoffeeChatApp

_MARK = {"pass": "✓", "fail": "✗", "n/a": "–"}


def rule_title(rule_id: str) -> str:
    info = RULE_BY_ID.get(rule_id)
    return info.title if info else rule_id


def metrics_line(report: Report) -> str:
    m = report.metrics
    return (f"You spoke {m.seeker_word_share:.0%} of the words · "
            f"{m.information_requests} information request"
            f"{'s' * (m.information_requests != 1)} · "
            f"longest turn {m.longest_seeker_turn_words} words · {m.minutes:.1f} min")


class ReportScreen(Screen[None]):
    """The scorecard of one session."""

    BINDINGS = [
        Binding("escape", "home", "Home"),
        Binding("s", "tab('scorecard')", "Scorecard"),
        Binding("t", "tab('transcript')", "Transcript"),
        Binding("p", "tab('progress')", "Progress"),
        Binding("e", "export", "Export"),
        Binding("h", "history", "History"),
    ]

    def __init__(self, record: SessionRecord, report: Report | None, transcript: Transcript,
                 persona_name: str, trends: list[tuple[SessionRecord, Report]], *,
                 error: str | None = None) -> None:
        super().__init__()
        self.record = record
        self.report = report
        self.transcript = transcript
        self.persona_name = persona_name
        self.trends = trends
        self.error = error

    @property
    def chat_app(self) -> CoffeeChatApp:
        return cast("CoffeeChatApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._banner(), id="score-banner")
        if self.report is not None:
            yield Static(Text(metrics_line(self.report)), id="metrics-line")
        with TabbedContent(initial="scorecard" if self.report else "transcript", id="tabs"):
            with TabPane("Scorecard", id="scorecard"):
                if self.report is not None:
                    with Horizontal(id="scorecard-body"):
                        yield OptionList(*self._rule_options(), id="rules")
                        with VerticalScroll(id="rule-detail"):
                            yield Static(id="rule-heading")
                            yield Static(id="rule-advice")
                            yield Label("Evidence (Enter shows the turn in the transcript)",
                                        classes="section-title")
                            yield OptionList(id="evidence")
                            yield Vertical(id="rule-trend")
                else:
                    yield Static(Text("No scorecard for this session."))
            with TabPane("Transcript", id="transcript"):
                yield TranscriptView(self.transcript.turns, self.persona_name,
                                     id="transcript-view")
            with TabPane("Progress", id="progress"):
                with VerticalScroll(id="progress-body"):
                    yield from self._progress()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"session {self.record.id}: {self.record.scenario}"
        if self.report is not None:
            # Start on the first missed rule: that is where the advice matters.
            verdicts = [r.verdict for r in self.report.rules]
            rules = self.query_one("#rules", OptionList)
            rules.highlighted = verdicts.index("fail") if "fail" in verdicts else 0
            rules.focus()

    # -- content -------------------------------------------------------------------

    def _banner(self) -> Text:
        if self.report is None:
            why = f": {self.error}" if self.error else " (the meeting did not finish)"
            return Text(f"Not scored{why}")
        text = Text(f"{self.report.score}/100", style="bold")
        text.append(f"  {self.report.band()}")
        if self.report.capped:
            text.append("  · capped at 40 because you asked for a job")
        text.append(f"\n{self.persona_name} · {self.record.mode} · {self.record.model}",
                    style="dim")
        return text

    def _rule_options(self) -> list[Option]:
        assert self.report is not None
        options = []
        for rule in self.report.rules:
            prompt = Text(f"{_MARK[rule.verdict]} ")
            prompt.append(rule_title(rule.id))
            prompt.append(f"  {rule.weight}" if rule.verdict != "n/a" else "  n/a", style="dim")
            options.append(Option(prompt, id=rule.id))
        return options

    def rule(self, rule_id: str) -> RuleResult | None:
        if self.report is None:
            return None
        return next((r for r in self.report.rules if r.id == rule_id), None)

    def verdict_history(self, rule_id: str) -> list[str]:
        """This rule's verdicts over the trend window, oldest first."""
        verdicts: list[str] = []
        for _, report in self.trends:
            found = next((r for r in report.rules if r.id == rule_id), None)
            verdicts.append(found.verdict if found else "n/a")
        return verdicts

    def _progress(self) -> ComposeResult:
        if not self.trends:
            yield Static(Text("Finish a scored session to see your progress."))
            return
        yield ScoreTrend([r.score for _, r in self.trends], id="score-trend")
        yield Label(f"Each rule over your last {len(self.trends)} sessions "
                    "(█ passed, ▁ missed, · did not apply)", classes="section-title")
        rule_ids = [r.id for r in self.trends[-1][1].rules]
        for rule_id in rule_ids:
            yield RuleTrend(rule_id, rule_title(rule_id), self.verdict_history(rule_id))

    # -- interaction ---------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#rules")
    def _rule_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        rule = self.rule(event.option.id or "")
        if rule is None:
            return
        heading = Text(f"{_MARK[rule.verdict]} {rule_title(rule.id)}: ", style="bold")
        heading.append({"pass": "passed", "fail": "missed", "n/a": "did not apply"}[rule.verdict])
        self.query_one("#rule-heading", Static).update(heading)
        self.query_one("#rule-advice", Static).update(Text(rule.advice or ""))
        evidence = self.query_one("#evidence", OptionList)
        evidence.clear_options()
        if rule.evidence:
            evidence.add_options(
                Option(Text(f"Turn {ev.turn}: “{printable(ev.quote)}”"),
                       id=f"ev-{k}-{ev.turn}")
                for k, ev in enumerate(rule.evidence)
            )
        else:
            evidence.add_option(Option(Text("No quotes for this rule."), disabled=True))
        holder = self.query_one("#rule-trend", Vertical)
        holder.remove_children()
        if self.trends:
            holder.mount(RuleTrend(rule.id, "Your last sessions", self.verdict_history(rule.id)))

    @on(OptionList.OptionSelected, "#rules")
    def _rule_selected(self) -> None:
        evidence = self.query_one("#evidence", OptionList)
        if evidence.option_count and not evidence.get_option_at_index(0).disabled:
            evidence.highlighted = 0
            evidence.focus()

    @on(OptionList.OptionSelected, "#evidence")
    def _evidence_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if not option_id.startswith("ev-"):
            return
        self.show_turn(int(option_id.rsplit("-", 1)[1]))

    def show_turn(self, index: int) -> None:
        """Switch to the transcript and highlight turn ``index``."""
        self.action_tab("transcript")
        view = self.query_one("#transcript-view", TranscriptView)
        self.call_after_refresh(view.highlight, index)

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab
        # Focus follows the tab: left inside the hidden pane, it would pull the
        # tabs back to that pane.
        target = {"scorecard": "#rules", "transcript": "#transcript-view",
                  "progress": "#progress-body"}[tab]
        for widget in self.query(target):
            widget.focus()

    def action_home(self) -> None:
        self.chat_app.go_home()

    def action_history(self) -> None:
        self.chat_app.show_history()

    def action_export(self) -> None:
        from coffeechat.tui.screens.history import export_with_dialog

        export_with_dialog(self.chat_app, self.record.id)
