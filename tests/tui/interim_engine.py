"""INTERIM: a stand-in for coffeechat.engine.Session until the engine lands.
Delete once `from coffeechat.engine import Session` works."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence

from coffeechat.engine.types import (
    Hint,
    ReplyCancelled,
    ReplyChunk,
    ReplyDone,
    SeekerRecorded,
    SessionState,
)
from coffeechat.transcript import Transcript, Turn, count_words


class Session:
    def __init__(self, persona, scenario, backend, *, settings=None,  # type: ignore[no-untyped-def]
                 on_turn: Callable[[int, Turn], None] | None = None,
                 prior_turns: Sequence[Turn] = ()) -> None:
        self.persona, self.scenario, self.backend = persona, scenario, backend
        self._turns = list(prior_turns)
        self._on_turn = on_turn or (lambda i, t: None)
        self._ended: str | None = None

    @property
    def transcript(self) -> Transcript:
        return Transcript(scenario=self.scenario.id, persona=self.persona.id, turns=self._turns)

    @property
    def state(self) -> SessionState:
        words = sum(count_words(t.text) for t in self._turns)
        return SessionState(rapport=0.6, minutes=words / 130,
                            budget_minutes=self.scenario.budget_for(self.persona),
                            warned=False, ended=self._ended is not None,
                            end_reason=self._ended, referral_given=None)  # type: ignore[arg-type]

    def _add(self, speaker: str, text: str) -> tuple[int, Turn]:
        turn = Turn(speaker=speaker, text=text, minute=self.state.minutes)  # type: ignore[arg-type]
        self._turns.append(turn)
        self._on_turn(len(self._turns) - 1, turn)
        return len(self._turns) - 1, turn

    def open(self) -> Turn | None:
        if self._turns:
            return None
        return self._add("persona", self.persona.greeting)[1]

    def reply(self, seeker_text: str, *, cancel: threading.Event | None = None
              ) -> Iterator[object]:
        index, turn = self._add("seeker", seeker_text)
        hints = (Hint("job_request", "That sounded like a job request.", "warn"),) if (
            "job" in seeker_text) else (Hint("question", "Good question.", "good"),)
        yield SeekerRecorded(index, turn, (), hints)
        yield from self.retry_reply(cancel=cancel)

    def retry_reply(self, *, cancel: threading.Event | None = None) -> Iterator[object]:
        text = ""
        for chunk in self.backend.stream_chat([], max_tokens=120, cancel=cancel):
            if cancel is not None and cancel.is_set():
                break
            text += chunk
            yield ReplyChunk(chunk)
        if cancel is not None and cancel.is_set():
            yield ReplyCancelled(self.state)
            return
        if "[END]" in text:
            text = text.replace("[END]", "").strip()
            self._ended = "wrapped_up"
        index, turn = self._add("persona", text.strip())
        yield ReplyDone(index, turn, self.state)

    def end(self) -> Turn | None:
        if self._ended:
            return None
        self._ended = "seeker"
        return self._add("persona", self.persona.reactions.goodbye[0])[1]


def interim_score(transcript, persona=None, scenario=None):  # type: ignore[no-untyped-def]
    from coffeechat.scoring.report import Evidence, Metrics, Report, RuleResult

    seeker = [(i, t) for i, t in enumerate(transcript.turns) if t.speaker == "seeker"]
    job = [(i, t) for i, t in seeker if "job" in t.text.lower()]
    rules = [
        RuleResult(id="no_job_request", verdict="fail" if job else "pass", weight=20,
                   evidence=[Evidence(turn=i, quote=t.text) for i, t in job],
                   advice="Ask about the field, never for a job."),
        RuleResult(id="leads_conversation", verdict="pass" if len(seeker) >= 2 else "fail",
                   weight=10, evidence=[Evidence(turn=i, quote=t.text) for i, t in seeker],
                   advice="Drive with questions."),
    ]
    score = 100 if not job else 33
    return Report(score=score, capped=bool(job), rules=rules,
                  metrics=Metrics(seeker_word_share=0.3, information_requests=len(seeker),
                                  longest_seeker_turn_words=10, minutes=3.0))
