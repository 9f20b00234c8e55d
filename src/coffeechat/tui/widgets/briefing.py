"""The briefing for a scenario: who you meet, what you found, who you are, the rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from coffeechat.content.models import Persona, Scenario

# The etiquette, in the project's own words.
ETIQUETTE_TIPS: tuple[str, ...] = (
    "You asked for this meeting, so you run it: open by saying what you hope to "
    "learn, then steer with your own questions.",
    "You are here to learn, not to be hired. Don't ask for a job or about openings, "
    "and keep your résumé out of sight unless they ask for it.",
    "Ask what they would advise you to do next, and near the end ask who else you "
    "could talk to.",
    "Their time is a gift: let them do most of the talking, stay within the time, "
    "and thank them before you leave.",
)


def briefing_text(scenario: Scenario, persona: Persona) -> Text:
    """The briefing as plain Rich Text (all coach text shown literally)."""
    out = Text()

    def heading(label: str) -> None:
        out.append(("\n" if out.plain else "") + label + "\n", style="bold underline")

    out.append(scenario.title + "\n", style="bold")
    heading("Who you are meeting")
    out.append(f"{persona.name}", style="bold")
    out.append(f", {persona.role} at {persona.company} ({persona.industry})\n")
    out.append(f"Where: {scenario.setting}\n")
    budget = scenario.budget_for(persona)
    out.append(f"Time: they can give you {budget} minutes\n")
    if scenario.seeker.referred_by:
        out.append(f"Referred by: {scenario.seeker.referred_by}\n")
    if persona.public_profile:
        heading("What you found online")
        for item in persona.public_profile:
            out.append(f" • {item}\n")
    heading("You")
    out.append(scenario.seeker.background + "\n")
    out.append("Your goal: ", style="bold")
    out.append(scenario.seeker.goal + "\n")
    heading("Etiquette")
    for tip in ETIQUETTE_TIPS:
        out.append(f" • {tip}\n")
    out.rstrip()
    return out


class Briefing(Static):
    """Shows the briefing for the highlighted scenario."""

    def show(self, scenario: Scenario, persona: Persona) -> None:
        self.update(briefing_text(scenario, persona))
