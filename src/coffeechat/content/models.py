"""Persona and Scenario: the YAML a career coach writes (DESIGN.md §2-3).

Field docstrings become the JSON Schema descriptions coaches see in their
editor, so they are written for coaches.
"""

from __future__ import annotations

import string
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from coffeechat.scoring.catalog import RULE_IDS

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=64),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

PLACEHOLDERS = ("name", "role", "why", "seeker")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


def _check_template(text: str) -> str:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise ValueError(f"broken placeholder: {exc}; write {{{{ for a literal brace") from exc
    for name in fields:
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise ValueError(f"unknown placeholder {{{name}}}; use only {known}")
    return text


Template = Annotated[Text, AfterValidator(_check_template)]


class Temperament(_Model):
    patience: float = Field(0.5, ge=0.0, le=1.0)
    """0 = bristles at the first slip, 1 = forgives a lot. Scales how much rapport an
    etiquette slip (job request, pitch, résumé) costs."""

    warmth: float = Field(0.5, ge=0.0, le=1.0)
    """0 = reserved and brisk, 1 = friendly and generous. Sets starting rapport and how
    readily the persona offers a referral."""


class KnowledgeTopic(_Model):
    topic: Short
    """A short label for the topic, e.g. "career path"."""

    keywords: list[Short] = Field(min_length=1)
    """Words in the seeker's question that call up this topic (matched loosely, so
    "career" also finds "careers")."""

    points: list[Text] = Field(min_length=1)
    """Concrete facts the persona can draw on when this topic comes up. Specific beats
    general: names, numbers, years, what surprised them."""


class Referral(_Model):
    name: Short
    """The person the persona could introduce the seeker to."""

    role: Short
    """Their role and organisation, e.g. "Director of Innovation, Meguiar's"."""

    why: Text
    """Why the seeker would learn from them; used in the {why} placeholder."""


class Reactions(_Model):
    """Coach-written lines for etiquette moments. Small models say one verbatim; larger
    models take it as direction. Placeholders: {name}, {role}, {why} (a referral) and
    {seeker} (the seeker's name if known)."""

    job_request: list[Template] = Field(min_length=1)
    """When the seeker asks for a job, an opening or to be put forward."""

    resume_offered: list[Template] = Field(min_length=1)
    """When the seeker offers or hands over a résumé nobody asked for."""

    pitch: list[Template] = Field(min_length=1)
    """When the seeker sells something or pitches themselves."""

    time_warning: list[Template] = Field(min_length=1)
    """Said once, a few minutes before the time budget runs out."""

    referral_given: list[Template] = Field(min_length=1)
    """When the seeker asks who else to talk to and has earned it; use {name}, {role}, {why}."""

    no_referral: list[Template] = Field(min_length=1)
    """When the seeker asks who else to talk to but rapport is too low."""

    goodbye: list[Template] = Field(min_length=1)
    """The persona's closing line."""

    overshare: list[Template] = Field(default_factory=list)
    """Optional: when the seeker pours out private troubles."""

    gossip: list[Template] = Field(default_factory=list)
    """Optional: when the seeker badmouths someone or pries for confidential information."""

    cut_short: list[Template] = Field(default_factory=list)
    """Optional: the persona ends the meeting early after repeated slips."""


class Example(_Model):
    seeker: Text
    """What the seeker says."""

    persona: Text
    """How this persona answers, in their own voice."""


class Persona(_Model):
    """A professional the seeker meets, written by a coach."""

    id: Slug
    """Unique slug, the same as the file name without .yaml (e.g. dana-ruiz)."""

    name: Short
    """Full name as the seeker would address them."""

    role: Short
    """Job title."""

    company: Short
    """Employer or own business."""

    industry: Short
    """Field or industry."""

    summary: Text
    """Who they are and what they have done; goes into the model's instructions."""

    personality: Text
    """How they talk and how they react to the seeker."""

    greeting: Text
    """The first thing they say when the meeting starts."""

    time_budget_minutes: int = Field(30, ge=5, le=120)
    """How many minutes they have for the meeting (5 to 120)."""

    temperament: Temperament = Field(default_factory=Temperament)
    """How hard etiquette slips hit rapport."""

    public_profile: list[Text] = Field(default_factory=list)
    """Facts a prepared seeker could have found online (articles, talks, LinkedIn).
    Mentioning one before the persona does earns shows_preparation."""

    knowledge: list[KnowledgeTopic] = Field(default_factory=list)
    """Talking points, retrieved per question to keep replies grounded."""

    referrals: list[Referral] = Field(default_factory=list)
    """People the persona may suggest the seeker talk to next, when earned."""

    reactions: Reactions
    """Lines for etiquette moments."""

    examples: list[Example] = Field(default_factory=list)
    """Example exchanges that set the persona's voice."""


class SeekerRole(_Model):
    """The part the user plays."""

    background: Text
    """Who the seeker is, in the second person ("You are ...")."""

    goal: Text
    """What the seeker wants to find out in this meeting."""

    referred_by: Short | None = None
    """Who connected the seeker with the persona, if anyone."""

    name: Short | None = None
    """The seeker's name, used in {seeker} placeholders (optional)."""


class RuleOverride(_Model):
    weight: int | None = Field(None, ge=0, le=100)
    """A different weight for this rule in this scenario."""

    enabled: bool = True
    """false to leave this rule out of the score."""


class Scenario(_Model):
    """A practice situation: who the seeker meets, where, and as whom."""

    id: Slug
    """Unique slug, the same as the file name without .yaml."""

    title: Short
    """What the home screen shows."""

    persona: Slug
    """The id of the persona the seeker meets."""

    difficulty: Literal["easy", "medium", "hard"] = "medium"
    """easy, medium or hard."""

    setting: Text
    """Where and when the meeting happens (coffee shop, office, phone call...)."""

    seeker: SeekerRole
    """The role the user plays."""

    prep_questions: list[Text] = Field(default_factory=list)
    """Suggested questions; the user can edit them before starting."""

    mode: Literal["practice", "assessment"] = "practice"
    """practice shows live hints; assessment gives feedback only at the end."""

    time_budget_minutes: int | None = Field(None, ge=5, le=120)
    """Overrides the persona's time budget for this scenario (e.g. a 20-minute slot)."""

    rules: dict[str, RuleOverride] = Field(default_factory=dict)
    """Per-rule overrides, keyed by rule id: {listens: {weight: 12}} or {enabled: false}."""

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, rules: dict[str, RuleOverride]) -> dict[str, RuleOverride]:
        import difflib

        for rule_id in rules:
            if rule_id not in RULE_IDS:
                close = difflib.get_close_matches(rule_id, RULE_IDS, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise ValueError(f"unknown rule id {rule_id!r}{hint}")
        return rules

    def budget_for(self, persona: Persona) -> int:
        """Minutes available in this scenario."""
        return self.time_budget_minutes or persona.time_budget_minutes
