"""The twelve etiquette rules: stable ids, default weights and short titles.

This module is imported by content validation (scenario rule overrides), so it
must stay free of heavy imports.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleInfo:
    id: str
    weight: int
    title: str


RULES: tuple[RuleInfo, ...] = (
    RuleInfo("states_purpose", 8, "States a purpose early"),
    RuleInfo("leads_conversation", 10, "Leads the conversation"),
    RuleInfo("no_job_request", 20, "Never asks for a job"),
    RuleInfo("no_pitch", 10, "Does not pitch"),
    RuleInfo("no_unsolicited_resume", 8, "Keeps the résumé in the bag"),
    RuleInfo("asks_for_advice", 8, "Asks for advice"),
    RuleInfo("asks_for_referral", 12, "Asks who else to talk to, at the end"),
    RuleInfo("thanks", 8, "Says thank you at the close"),
    RuleInfo("respects_time", 8, "Respects their time"),
    RuleInfo("stays_professional", 8, "Stays professional"),
    RuleInfo("shows_preparation", 8, "Shows preparation"),
    RuleInfo("listens", 10, "Listens more than talks"),
)

RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES)
RULE_BY_ID: dict[str, RuleInfo] = {r.id: r for r in RULES}
BLOCKER_RULE = "no_job_request"
BLOCKER_CAP = 40
