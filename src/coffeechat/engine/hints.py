"""Live coaching hints for practice mode, from a seeker turn's events.

Short, in the project's own words, and about the moment rather than the
rule: the full explanation comes in the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coffeechat.engine.types import Hint
from coffeechat.scoring.events import Event

_WARN: dict[str, str] = {
    "job_request": "That sounded like a job request. They agreed to share what they know, "
                   "not to screen you - and they already know you're looking. Ask about the "
                   "work or the field instead.",
    "resume_offer": "Keep the résumé in your bag. If they want it they'll ask, and you can "
                    "email it afterwards.",
    "pitch": "That came across as a pitch. You're here to learn from them, not to sell - "
             "turn it into a question about their experience.",
    "overshare": "That's more personal than this meeting can carry. Bring the focus back to "
                 "your career question.",
    "gossip": "Steer clear of talking about other people or anything confidential; it puts "
              "them in an awkward spot.",
    "pry": "That asks for something they can't share. Ask how things work in general instead.",
    "desperation": "Try not to sound desperate: frame it as curiosity about the path, not as "
                   "needing rescue.",
}
_GOOD: dict[str, str] = {
    "purpose_statement": "Good start: saying what you hope to learn lets them help you.",
    "profile_reference": "Nice - mentioning their work shows you did your homework.",
    "advice_request": "Asking for their advice is exactly what this meeting is for.",
    "referral_request": "Good close: asking who else to talk to keeps your search moving.",
    "thanks": "Thanking them for their time leaves a good impression.",
}
_ORDER = tuple(_WARN) + tuple(_GOOD)


def hints_for(events: Iterable[Event], *, already: Sequence[str] = ()) -> tuple[Hint, ...]:
    """Hints for one seeker turn. Warnings always show; praise shows the first
    time only (``already`` lists kinds praised earlier in the session)."""
    kinds = {e.kind for e in events}
    hints: list[Hint] = []
    for kind in _ORDER:
        if kind not in kinds:
            continue
        if kind in _WARN:
            hints.append(Hint(kind=kind, message=_WARN[kind], tone="warn"))
        elif kind not in already:
            hints.append(Hint(kind=kind, message=_GOOD[kind], tone="good"))
    # A slip and praise in one turn: the slip matters more.
    if any(h.tone == "warn" for h in hints):
        hints = [h for h in hints if h.tone == "warn"]
    return tuple(hints)
