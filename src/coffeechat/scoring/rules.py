"""The twelve rules (DESIGN.md §5): events and the clock in, one verdict each out.

Each rule function sees the whole session (``Session``) and returns a
``Verdict`` with evidence (turn index + quote) and advice in plain words. The
thresholds are module constants so tests can name the exact boundaries.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from coffeechat.scoring.events import Event
from coffeechat.scoring.metrics import Clock

MAX_SHARE = 0.40
MAX_TURN_WORDS = 120
TIME_SLACK = 1.10
MAX_NEW_QUESTIONS_AFTER_WRAP = 1
MIN_INFORMATION_REQUESTS = 4
MAX_SILENT_STREAK = 2
"""At most this many seeker turns in a row without an information request."""
MAX_EVIDENCE = 5

INFO_KINDS = frozenset({"question", "advice_request", "referral_request"})
PROFESSIONAL_KINDS = ("overshare", "gossip", "pry", "desperation")


class TurnInfo:
    """One seeker turn as the rules see it. A plain slotted class: the scorer builds twenty
    of these per transcript, and a frozen dataclass's ``__init__`` costs several times more."""

    __slots__ = ("index", "text", "words", "events", "info_request")

    def __init__(self, index: int, text: str, words: int, events: Sequence[Event]) -> None:
        self.index = index
        self.text = text
        self.words = words
        self.events = events
        self.info_request = False
        """Holds a question, advice or referral request."""
        for e in events:
            if e.kind in INFO_KINDS:
                self.info_request = True
                break

    def has(self, kind: str) -> bool:
        for e in self.events:
            if e.kind == kind:
                return True
        return False

    def get(self, kind: str) -> Event | None:
        for e in self.events:
            if e.kind == kind:
                return e
        return None


class Session:
    """What the rules see: the turns with their events, the clock, and what several rules
    need worked out once (the seeker's turns, events by kind, word totals). Rules find an
    event's turn by ``Event.turn``, so each event's ``turn`` must be its turn's index."""

    __slots__ = ("texts", "speakers", "events", "clock", "budget", "has_profile",
                 "profile_example", "seeker", "by_kind", "total_words", "seeker_words",
                 "info_requests")

    def __init__(self, texts: list[str], speakers: list[str], events: Sequence[Sequence[Event]],
                 clock: Clock, budget: int, has_profile: bool,
                 profile_example: str | None = None) -> None:
        self.texts = texts
        """Each turn's text, by turn index."""
        self.speakers = speakers
        """Each turn's speaker, by turn index."""
        self.events = events
        """Each turn's events, by turn index."""
        self.clock = clock
        self.budget = budget
        self.has_profile = has_profile
        self.profile_example = profile_example
        words = clock.words
        texts = self.texts
        self.seeker = [TurnInfo(i, texts[i], words[i], events[i])
                       for i, who in enumerate(self.speakers) if who == "seeker"]
        """The seeker's turns, in order."""
        by_kind: dict[str, list[Event]] = {}
        for found in events:
            for e in found:
                same = by_kind.get(e.kind)
                if same is None:
                    by_kind[e.kind] = [e]
                else:
                    same.append(e)
        self.by_kind = by_kind
        """Every event of each kind, in turn order (and in order within a turn)."""
        self.total_words = sum(words)
        self.seeker_words = sum([t.words for t in self.seeker])
        self.info_requests = sum([t.info_request for t in self.seeker])
        """How many seeker turns hold an information request."""


VerdictName = Literal["pass", "fail", "n/a"]


@dataclass
class Verdict:
    verdict: VerdictName
    evidence: list[tuple[int, str]] = field(default_factory=list)
    advice: str = ""


def _opening(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > 20 else limit - 1] + "\u2026"


def _turn_list(indices: Sequence[int]) -> str:
    items = [str(i) for i in indices]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _events(session: Session, kind: str) -> list[Event]:
    return session.by_kind.get(kind, [])


def _seeker_events(s: Session, kind: str) -> list[Event]:
    speakers = s.speakers
    return [e for e in s.by_kind.get(kind, ()) if speakers[e.turn] == "seeker"]


def _evidence(events: Sequence[Event]) -> list[tuple[int, str]]:
    return [(e.turn, e.quote) for e in events[:MAX_EVIDENCE]]


# --- the rules ------------------------------------------------------------------------


def states_purpose(s: Session) -> Verdict:
    seeker = s.seeker
    early = seeker[:2]
    for t in early:
        e = t.get("purpose_statement")
        if e:
            return Verdict("pass", [(e.turn, e.quote)],
                           "You said early on what you hoped to learn, which let them aim "
                           "their answers at your situation.")
    if not early:
        return Verdict("fail", [], "The seeker never spoke. Open by saying what you are "
                       "exploring and what you hope to take away.")
    # The early turns held none, so every purpose statement of the seeker's came later.
    later = _seeker_events(s, "purpose_statement")
    where = f"turn{'s' if len(early) > 1 else ''} {_turn_list([t.index for t in early])}"
    if later:
        return Verdict("fail", _evidence(later),
                       f"You explained what you were after only at turn {later[0].turn}. Say it "
                       f"in your first or second turn (here {where}): the move you are weighing "
                       f"and what you hope to understand, so every answer can be aimed at it.")
    return Verdict("fail", [], f"Your opening ({where}) never said what you hoped to learn or "
                   "decide. A line like \u201cI'm weighing a move from X into Y and want to "
                   "understand Z\u201d tells them why you are there and what would help; a bare "
                   "\u201ctell me about your path\u201d leaves them guessing.")


def leads_conversation(s: Session) -> Verdict:
    seeker = s.seeker
    asked = s.info_requests
    # The first run of more than MAX_SILENT_STREAK turns without a request after the
    # opening, cut to that length.
    worst: list[TurnInfo] = []
    streak: list[TurnInfo] = []
    for t in seeker[1:]:
        streak = [] if t.info_request else [*streak, t]
        if len(streak) > MAX_SILENT_STREAK:
            worst = streak
            break
    problems = []
    evidence: list[tuple[int, str]] = []
    if asked < MIN_INFORMATION_REQUESTS:
        problems.append(f"you made {asked} information request"
                        f"{'' if asked == 1 else 's'} (at least "
                        f"{MIN_INFORMATION_REQUESTS} keep the meeting yours to steer)")
    if worst:
        problems.append(f"turns {_turn_list([t.index for t in worst])} went by without a "
                        "question, so they had to carry the conversation")
        evidence = [(t.index, _opening(t.text)) for t in worst]
    if not problems:
        return Verdict("pass", [], f"You drove the meeting with {asked} questions and "
                       "requests, and never let it drift for long.")
    if not evidence and seeker:
        evidence = [(t.index, _opening(t.text)) for t in seeker if not t.info_request][:3]
    return Verdict("fail", evidence, "You asked for the meeting, so you lead it: "
                   + "; ".join(problems) + ". Come with questions and follow their answers "
                   "with the next one.")


def no_job_request(s: Session) -> Verdict:
    found = _events(s, "job_request")
    if not found:
        return Verdict("pass", [], "You never asked for a job or about openings, which keeps "
                       "their trust: they agreed to share what they know, not to recruit.")
    return Verdict("fail", _evidence(found),
                   "Asking for a job, about openings, or to be put forward turns a favour into "
                   "a job interview they never agreed to. Ask about the field and how people "
                   "get in; if they want to help you further, they will offer.")


def no_pitch(s: Session) -> Verdict:
    found = _events(s, "pitch")
    if not found:
        return Verdict("pass", [], "No selling: you kept the focus on learning from them.")
    return Verdict("fail", _evidence(found),
                   "This meeting is for learning, not selling a product or yourself. Keep "
                   "your own story short unless they ask, and let what you ask show what "
                   "you are made of.")


def no_unsolicited_resume(s: Session) -> Verdict:
    found = _events(s, "resume_offer")
    if not found:
        return Verdict("pass", [], "You kept the résumé out of it unless they asked.")
    return Verdict("fail", _evidence(found),
                   "Producing a résumé they did not ask for makes the meeting about getting "
                   "hired. Keep it in the bag; if they ask to see it, send it afterwards.")


def asks_for_advice(s: Session) -> Verdict:
    found = _events(s, "advice_request")
    if found:
        return Verdict("pass", _evidence(found[:1]),
                       "You asked what they would do in your place, which is what people in "
                       "their seat are best placed to give.")
    return Verdict("fail", [], "You never asked for their advice on your own next step. Ask "
                   "something like \u201cIf you were in my position, what would you do "
                   "first?\u201d: advice is the one thing they can give that no article can.")


def asks_for_referral(s: Session) -> Verdict:
    seeker = s.seeker
    n = len(seeker)
    if n == 0:
        return Verdict("fail", [], "The seeker never spoke. Near the end, ask who else you "
                       "should talk to.")
    k = math.ceil(n / 3)
    closing = seeker[-k:]
    first = closing[0].index
    asked = _seeker_events(s, "referral_request")
    for e in asked:  # in turn order: the first in the closing turns, if any
        if e.turn >= first:
            return Verdict("pass", [(e.turn, e.quote)],
                           "You closed by asking who else to talk to: that is how one "
                           "conversation leads to the next.")
    early = asked
    last = _turn_list([t.index for t in closing])
    span = f"your last {k} turn{'s' if k > 1 else ''} {'were' if k > 1 else 'was'} {last}"
    if early:
        return Verdict("fail", _evidence(early),
                       f"You asked who else to talk to at turn {early[0].turn}, before they "
                       f"knew you. Ask near the end ({span}), once the conversation has "
                       "shown them who would actually help you.")
    return Verdict("fail", [], f"You never asked who else you should talk to. Ask near the end "
                   f"({span}): \u201cIs there anyone else you think I should speak with?\u201d "
                   "turns one meeting into the next.")


def thanks(s: Session) -> Verdict:
    seeker = s.seeker
    closing = seeker[-2:]
    for t in reversed(closing):
        e = t.get("thanks")
        if e:
            return Verdict("pass", [(e.turn, e.quote)],
                           "You thanked them at the close. A short note the same day is the "
                           "other half.")
    # None in the closing turns, so every thanks of the seeker's came earlier.
    earlier = _seeker_events(s, "thanks")
    last = _turn_list([t.index for t in closing]) or "none"
    if earlier:
        return Verdict("fail", _evidence(earlier[:1]),
                       f"You said thanks at turn {earlier[0].turn} but not at the end (your "
                       f"last turns were {last}). Thank them plainly as you close: they gave "
                       "you their time for nothing in return.")
    return Verdict("fail", [], f"You never said thank you at the close (your last turns were "
                   f"{last}). Someone gave you their time for free; say \u201cthank you\u201d "
                   "before you leave, then follow up with a note.")


def respects_time(s: Session) -> Verdict:
    limit = s.budget * TIME_SLACK
    minutes = s.clock.minutes
    problems = []
    evidence: list[tuple[int, str]] = []
    if minutes > limit + 1e-9:
        starts = s.clock.starts
        over = next((i for i, start in enumerate(starts) if start > limit),
                    len(starts) - 1 if starts else None)
        problems.append(f"the meeting ran {minutes:.1f} minutes against the {s.budget} they "
                        f"offered (up to {limit:.0f} is fine)")
        if over is not None:
            evidence.append((over, _opening(s.texts[over])))
    speakers = s.speakers
    # The persona's first wrap-up (the first of its turn).
    wrap = next((e for e in _events(s, "wrap_up") if speakers[e.turn] == "persona"), None)
    if wrap is not None:
        new = [t for t in s.seeker if t.index > wrap.turn
               and (t.has("question") or t.has("advice_request"))
               and not t.has("referral_request")]
        if len(new) > MAX_NEW_QUESTIONS_AFTER_WRAP:
            evidence.append((wrap.turn, wrap.quote))
            for t in new[MAX_NEW_QUESTIONS_AFTER_WRAP:]:
                q = t.get("question") or t.get("advice_request")
                evidence.append((t.index, q.quote if q else _opening(t.text)))
            problems.append(f"after they signalled the end at turn {wrap.turn} you asked "
                            f"{len(new)} new questions")
    if not problems:
        return Verdict("pass", [], f"You kept to their time ({minutes:.1f} of "
                       f"{s.budget} minutes) and wound down when they signalled.")
    return Verdict("fail", evidence[:MAX_EVIDENCE], "Their time is the gift: "
                   + "; ".join(problems) + ". When they say time is nearly up, ask who else "
                   "to talk to, thank them, and let them go.")


_PRO_ADVICE = {
    "overshare": "keep private troubles out of it",
    "gossip": "say nothing unkind about people or employers",
    "pry": "do not ask for pay, plans or deals they cannot share",
    "desperation": "do not plead; pressure makes people step back",
}


def stays_professional(s: Session) -> Verdict:
    if not any(k in s.by_kind for k in PROFESSIONAL_KINDS):
        return Verdict("pass", [], "You kept it professional throughout.")
    # In turn order, and in order within a turn: walk the turns that have any.
    turns = sorted({e.turn for k in PROFESSIONAL_KINDS for e in _events(s, k)})
    found = [e for i in turns for e in s.events[i] if e.kind in PROFESSIONAL_KINDS]
    kinds = [k for k in PROFESSIONAL_KINDS if any(e.kind == k for e in found)]
    return Verdict("fail", _evidence(found),
                   "Keep the meeting to your professional life: "
                   + "; ".join(_PRO_ADVICE[k] for k in kinds) + ".")


def shows_preparation(s: Session) -> Verdict:
    if not s.has_profile:
        return Verdict("n/a", [], "Not scored: this persona has no public profile to prepare "
                       "from.")
    found = _events(s, "profile_reference")
    if found:
        return Verdict("pass", _evidence(found[:1]),
                       "You showed you had done your homework on them before they brought it "
                       "up.")
    hint = f" (for instance: \u201c{_opening(s.profile_example, 120)}\u201d)" if (
        s.profile_example) else ""
    return Verdict("fail", [], "You never mentioned anything you could have found about them "
                   f"beforehand{hint}. Bringing up their work early shows you came prepared "
                   "and lets you ask sharper questions.")


def listens(s: Session) -> Verdict:
    total = s.total_words
    seeker = s.seeker
    mine = s.seeker_words
    share = mine / total if total else 0.0
    long = [t for t in seeker if t.words > MAX_TURN_WORDS]
    problems = []
    if share > MAX_SHARE:
        problems.append(f"you spoke {share:.0%} of the words (aim for {MAX_SHARE:.0%} or less)")
    if long:
        problems.append(f"turn{'s' if len(long) > 1 else ''} "
                        f"{_turn_list([t.index for t in long])} ran over {MAX_TURN_WORDS} words")
    if not problems:
        return Verdict("pass", [], f"You let them talk: {share:.0%} of the words were yours.")
    evidence_turns = long or sorted(seeker, key=lambda t: -t.words)[:1]
    return Verdict("fail", [(t.index, _opening(t.text)) for t in evidence_turns[:MAX_EVIDENCE]],
                   "You came to listen: " + "; ".join(problems) + ". Ask, then let them "
                   "answer; a short follow-up beats a long story.")


RULE_FUNCTIONS: dict[str, Callable[[Session], Verdict]] = {
    "states_purpose": states_purpose,
    "leads_conversation": leads_conversation,
    "no_job_request": no_job_request,
    "no_pitch": no_pitch,
    "no_unsolicited_resume": no_unsolicited_resume,
    "asks_for_advice": asks_for_advice,
    "asks_for_referral": asks_for_referral,
    "thanks": thanks,
    "respects_time": respects_time,
    "stays_professional": stays_professional,
    "shows_preparation": shows_preparation,
    "listens": listens,
}
