"""A live session: the seeker speaks, the persona answers.

One thread drives a Session at a time (the TUI's worker); the blocking
``reply()`` iterator is meant to be consumed in that thread. The engine never
imports Textual or llama_cpp.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from coffeechat.content.models import Persona, Scenario
from coffeechat.engine.budget import ContextBudget
from coffeechat.engine.clock import Clock
from coffeechat.engine.grounding import Fact, Grounding, content_stems
from coffeechat.engine.guards import ReplyGuard, Support, looks_like_injection
from coffeechat.engine.hints import hints_for
from coffeechat.engine.prompt import PromptBuilder
from coffeechat.engine.reactions import ASKING, SLIP_ORDER, Director, Plan
from coffeechat.engine.text import split_sentences
from coffeechat.engine.types import (
    EndReason,
    EngineSettings,
    ReplyCancelled,
    ReplyChunk,
    ReplyDone,
    ReplyItem,
    SeekerRecorded,
    SessionState,
)
from coffeechat.llm.base import BackendError, ChatBackend, Message
from coffeechat.scoring.detect import detect_turn
from coffeechat.scoring.events import Event
from coffeechat.transcript import Transcript, Turn

SMALL_MODEL_BILLIONS = 3.0  # below: coach lines are said verbatim
TINY_MODEL_BILLIONS = 1.0  # below: answers start from a knowledge point
FALLBACK_LINE = "Good question. Honestly, it depends a lot on the team - what else is on your list?"


class SessionError(RuntimeError):
    """The session cannot do that now (e.g. reply after the meeting ended)."""


@dataclass(frozen=True)
class _Pending:
    index: int  # the seeker turn awaiting an answer
    plan: Plan


class Session:
    """One meeting between the seeker and a persona.

    ``on_turn(index, turn)`` is called the moment each turn is final (greeting,
    seeker turn before the model starts, persona turn when done), so a crash
    mid-reply never loses what was said. ``prior_turns`` resumes a session."""

    def __init__(
        self,
        persona: Persona,
        scenario: Scenario,
        backend: ChatBackend,
        *,
        settings: EngineSettings | None = None,
        on_turn: Callable[[int, Turn], None] | None = None,
        prior_turns: Sequence[Turn] = (),
    ) -> None:
        self.persona = persona
        self.scenario = scenario
        self.backend = backend
        self.settings = settings or EngineSettings()
        self._on_turn = on_turn
        verbatim = self.settings.verbatim_reactions
        if verbatim is None:
            size = backend.parameters_billions
            verbatim = size is None or size < SMALL_MODEL_BILLIONS
        self.verbatim = verbatim
        lead = self.settings.lead_with_fact
        if lead is None:
            size = backend.parameters_billions
            lead = bool(getattr(backend, "supports_prefix", False)) and (
                size is None or size < TINY_MODEL_BILLIONS)
        self.lead_with_fact = lead
        self._director = Director(persona, verbatim=verbatim,
                                  seeker_name=scenario.seeker.name, seed=self.settings.seed,
                                  invite_when_idle=lead)
        self._prompt = PromptBuilder(persona, scenario)
        self._grounding = Grounding(persona)
        self._clock = Clock(scenario.budget_for(persona))
        self._budget: ContextBudget | None = None
        self._turns: list[Turn] = []
        self._history: list[Message] = []  # rendered turns, built once each (byte-stable)
        self._used_facts: set[str] = set()
        self._praised: set[str] = set()
        self._pending: _Pending | None = None
        self._ended = False
        self._end_reason: EndReason | None = None
        self.last_messages: list[Message] | None = None
        if prior_turns:
            self._resume(prior_turns)

    # -- public API ----------------------------------------------------------------
    @property
    def transcript(self) -> Transcript:
        return Transcript(scenario=self.scenario.id, persona=self.persona.id,
                          turns=list(self._turns))

    @property
    def state(self) -> SessionState:
        given = self._director.referrals_given
        return SessionState(
            rapport=self._director.rapport.value,
            minutes=round(self._clock.now, 2),
            budget_minutes=self._clock.budget,
            warned=self._director.warned,
            ended=self._ended,
            end_reason=self._end_reason,
            referral_given=given[-1] if given else None,
        )

    @property
    def awaiting_reply(self) -> bool:
        """The last seeker turn has no answer yet (after a cancel or an error)."""
        return self._pending is not None

    @property
    def rapport_trajectory(self) -> list[float]:
        """Rapport at the start and after each seeker turn."""
        return list(self._director.rapport.trajectory)

    def open(self) -> Turn | None:
        """The persona's greeting (None when resuming or already open)."""
        if self._turns:
            return None
        text = self._prompt.greeting()
        turn = Turn(speaker="persona", text=text, minute=self._clock.stamp(text))
        self._record(turn)
        self._director.lines.said.add(text)
        return turn

    def warm(self) -> None:
        """Optional: have the model read the fixed part of the prompt (persona,
        examples, greeting) now, so the first reply only reads the new turn.
        Blocking; call it from the worker thread after open(). A failure here is
        left for the first reply to report."""
        if self._turns and self._turns[-1].speaker == "persona" and len(self._turns) == 1:
            messages = self._prompt.build(self._turns, None)
            try:
                for _ in self.backend.stream_chat(messages, max_tokens=1, temperature=0.0):
                    pass
            except BackendError:
                return

    def reply(self, seeker_text: str, *, cancel: threading.Event | None = None
              ) -> Iterator[ReplyItem]:
        """Record the seeker's turn, then stream the persona's answer.

        Yields SeekerRecorded first, then ReplyChunk pieces, then ReplyDone (or
        ReplyCancelled if ``cancel`` is set: nothing more is recorded). A
        BackendError propagates after SeekerRecorded; call retry_reply()."""
        if self._ended:
            raise SessionError("the meeting is over; start a new session")
        text = seeker_text.strip()
        if not text:
            raise SessionError("say something first")
        if not self._turns:
            self.open()
        turn = Turn(speaker="seeker", text=text, minute=self._clock.stamp(text))
        index = self._record(turn)
        events = tuple(detect_turn(self._turns, index, self.persona))
        hints = hints_for(events, already=tuple(self._praised))
        self._praised |= {h.kind for h in hints if h.tone == "good"}
        slips = self._director.rapport.observe(events)
        self._pending = _Pending(index, self._plan(text, events, slips))
        yield SeekerRecorded(index=index, turn=turn, events=events, hints=hints)
        yield from self._respond(cancel)

    def retry_reply(self, *, cancel: threading.Event | None = None) -> Iterator[ReplyItem]:
        """Answer the last seeker turn again (after an error or a cancel)."""
        if self._pending is None:
            raise SessionError("there is no unanswered turn to retry")
        yield from self._respond(cancel)

    def end(self) -> Turn | None:
        """The persona's goodbye, if the meeting has not ended already."""
        if self._ended or not self._turns:
            return None
        text = self._director.goodbye()
        turn = Turn(speaker="persona", text=text, minute=self._clock.stamp(text))
        self._record(turn)
        self._pending = None
        self._ended, self._end_reason = True, "seeker"
        return turn

    # -- internals -----------------------------------------------------------------
    def _record(self, turn: Turn) -> int:
        self._turns.append(turn)
        self._history.append(PromptBuilder.turn_message(turn))
        index = len(self._turns) - 1
        if self._on_turn is not None:
            self._on_turn(index, turn)
        return index

    def _plan(self, text: str, events: Sequence[Event], slips: Sequence[str]) -> Plan:
        kinds = {e.kind for e in events}
        profile = "profile_reference" in kinds
        facts = self._grounding.retrieve(text, used=self._used_facts, profile=profile)
        if "purpose_statement" in kinds and not (ASKING & kinds):
            # "I'm exploring a move into X" asks nothing yet: answering it with a
            # fact about X reads as a non sequitur; an invitation reads right.
            facts = []
        return self._director.plan(
            seeker_text=text, events=events, slips=slips,
            injection=looks_like_injection(text), facts=facts,
            minutes=self._clock.now, budget=self._clock.budget, warn_at=self._clock.warn_at,
        )

    def _respond(self, cancel: threading.Event | None) -> Iterator[ReplyItem]:
        pending = self._pending
        assert pending is not None
        plan = pending.plan
        said: list[str] = []

        def chunk(sentence: str) -> ReplyChunk:
            piece = sentence if not said else " " + sentence
            said.append(sentence)
            return ReplyChunk(piece)

        def cancelled() -> bool:
            return cancel is not None and cancel.is_set()

        source: str = "reaction"
        trips: tuple[str, ...] = ()
        if plan.lead:
            for sentence in split_sentences(plan.lead):
                if cancelled():
                    yield ReplyCancelled(self.state)
                    return
                yield chunk(sentence)
        if plan.use_model:
            source = "model"
            # Lead with a point not told yet: a verbatim lead is never re-said.
            fresh = [f for f in plan.facts if f.key not in self._used_facts]
            lead = fresh[0].text if self.lead_with_fact and fresh else ""
            guard = self._guard(pending, grounded=bool(lead))
            # The lead is already in the reply: listing it again would only
            # cost prompt tokens.
            shown = [f for f in plan.facts if f.text != lead]
            messages = self._messages(pending, shown)
            self.last_messages = messages
            if lead:
                lead_sentences = split_sentences(lead)
                guard.said(lead_sentences)
                for sentence in lead_sentences:
                    yield chunk(sentence)
            stream = self.backend.stream_chat(
                messages, max_tokens=self._reply_tokens(),
                temperature=self.settings.temperature, stop=self._stops(),
                cancel=cancel, seed=self.settings.seed, prefix=lead + " " if lead else "")
            with contextlib.closing(stream):  # type: ignore[type-var]
                for piece in stream:
                    if cancelled():
                        break
                    for sentence in guard.feed(piece):
                        yield chunk(sentence)
                    if guard.done:
                        break
            if cancelled():
                yield ReplyCancelled(self.state)
                return
            for sentence in guard.finish():
                yield chunk(sentence)
            trips = tuple(guard.trips)
            self._used_facts |= {f.key for f in plan.facts}
            if not guard.accepted:
                source = "fallback"
                yield chunk(self._fallback(pending))
        for line in plan.tail:
            for sentence in split_sentences(line):
                if cancelled():
                    yield ReplyCancelled(self.state)
                    return
                yield chunk(sentence)
        if not said:  # a plan with nothing to say cannot happen, but never record ""
            source = "fallback"
            yield chunk(self._fallback(pending))
        text = " ".join(said)
        turn = Turn(speaker="persona", text=text, minute=self._clock.stamp(text))
        index = self._record(turn)
        self._director.commit(plan)
        self._director.lines.said.add(text)
        self._pending = None
        if plan.ends is not None:
            self._ended, self._end_reason = True, plan.ends
        yield ReplyDone(index=index, turn=turn, state=self.state,
                        source=source,  # type: ignore[arg-type]
                        guards=trips, reaction=plan.reaction)

    def _guard(self, pending: _Pending, *, grounded: bool) -> ReplyGuard:
        earlier = [t.text for t in self._turns if t.speaker == "persona"][-6:]
        seeker_text = self._turns[pending.index].text
        return ReplyGuard(
            persona_name=self.persona.name,
            seeker_name=self.scenario.seeker.name,
            earlier=earlier,
            seeker_text=seeker_text,
            support=Support(
                facts=frozenset().union(*(content_stems(f.text) for f in pending.plan.facts)),
                corpus=self._grounding.support(seeker_text),
            ) if grounded else None,
        )

    def _ensure_budget(self) -> ContextBudget:
        if self._budget is None:
            self._budget = ContextBudget(self.backend.count_tokens, self.backend.context_size,
                                         self.settings.max_reply_tokens)
        return self._budget

    def _reply_tokens(self) -> int:
        return self._ensure_budget().reply_tokens

    def _messages(self, pending: _Pending, facts: Sequence[Fact]) -> list[Message]:
        budget = self._ensure_budget()
        seeker_text = self._turns[pending.index].text
        plan = pending.plan
        newest = self._prompt.newest(seeker_text, facts, plan.direction)
        plain = self._prompt.newest(seeker_text)
        return budget.fit(self._prompt.system(), self._prompt.examples(),
                          self._history[: pending.index], [newest], plain_newest=[plain])

    def _stops(self) -> list[str]:
        stops = ["Seeker:", "\nYou:", "\nUser:", "\nQ:"]
        name = self.scenario.seeker.name
        if name:
            stops.append(f"\n{name.split()[0]}:")
        return stops

    def _fallback(self, pending: _Pending) -> str:
        """A grounded line in the persona's voice when the model gave nothing usable:
        the point the model was given, else the most relevant one not yet told."""
        earlier = {t.text for t in self._turns if t.speaker == "persona"}
        for given in pending.plan.facts:
            if not any(given.text in text for text in earlier):
                return given.text
        fact = self._grounding.fallback(self._turns[pending.index].text, used=self._used_facts)
        if fact is None:
            return FALLBACK_LINE
        self._used_facts.add(fact.key)
        return fact.text

    def _resume(self, prior: Sequence[Turn]) -> None:
        director = self._director
        for turn in prior:
            self._turns.append(turn)
            self._history.append(PromptBuilder.turn_message(turn))
        self._clock = Clock.resume(self._clock.budget, prior)
        cut_lines = set(director.lines.variants("cut_short"))
        goodbye_lines = set(director.lines.variants("goodbye"))
        for i, turn in enumerate(prior):
            events = detect_turn(self._turns, i, self.persona)
            if turn.speaker == "seeker":
                hints = hints_for(events, already=tuple(self._praised))
                self._praised |= {h.kind for h in hints if h.tone == "good"}
                director.rapport.observe(events)
                continue
            director.lines.said.add(turn.text)
            if any(e.kind == "wrap_up" for e in events):
                director.warned = True
            for r in self.persona.referrals:
                if r.name in turn.text and r.name not in director.referrals_given:
                    director.referrals_given.append(r.name)
        last = prior[-1]
        if last.speaker == "persona":
            said = {s for line in cut_lines for s in [director.lines.fill(line)]}
            if last.text in said:
                self._ended, self._end_reason = True, "cut_short"
            elif last.text in {director.lines.fill(line) for line in goodbye_lines}:
                self._ended, self._end_reason = True, "seeker"
        else:
            index = len(prior) - 1
            last_events = detect_turn(self._turns, index, self.persona)
            kinds = {e.kind for e in last_events}
            slips = [k for k in SLIP_ORDER if k in kinds]
            self._pending = _Pending(index, self._plan(last.text, last_events, slips))
