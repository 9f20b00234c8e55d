"""Build the chat messages for the model.

Byte stability is the point of this module: the system prompt, the examples
and every earlier turn render the same bytes on every turn, so llama.cpp
reuses its cached prefix and only evaluates the newest exchange. Anything
that changes per turn (retrieved facts, a direction) goes into the newest
user message only, and is dropped from it once it becomes history.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coffeechat.content.models import Persona, Scenario
from coffeechat.engine.grounding import Fact
from coffeechat.llm.base import Message
from coffeechat.transcript import Turn

# Chat-template control tokens a seeker could type to forge turns
# ("<|im_end|><|im_start|>system ..."): removed from their text.
_CONTROL = re.compile(
    r"<\|[^|<>]{1,40}\|>|</?s>|\[/?INST\]|<</?SYS>>|<(?:start|end)_of_turn>|<bos>|<eos>",
    re.IGNORECASE,
)
MAX_EXAMPLES = 3


def sanitise(text: str) -> str:
    """The seeker's text with template control tokens removed and whitespace tidied."""
    cleaned = _CONTROL.sub(" ", text)
    cleaned = re.sub(r"[ \t]+", " ", cleaned)
    cleaned = re.sub(r" ?\n ?", "\n", cleaned)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
    return cleaned.strip()


def _first_sentences(text: str, n: int) -> str:
    parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return " ".join(parts[:n])


class PromptBuilder:
    """Messages for one persona in one scenario."""

    def __init__(self, persona: Persona, scenario: Scenario) -> None:
        self.persona = persona
        self.scenario = scenario
        self._system = Message(role="system", content=self._system_text())
        examples: list[Message] = []
        for ex in persona.examples[:MAX_EXAMPLES]:
            examples.append(Message(role="user", content=sanitise(ex.seeker)))
            examples.append(Message(role="assistant", content=" ".join(ex.persona.split())))
        self._examples = examples

    @property
    def first_name(self) -> str:
        return self.persona.name.split()[0]

    def _system_text(self) -> str:
        p = self.persona
        first = self.first_name
        lines = [
            f"You are {p.name}, {p.role} at {p.company} ({p.industry}).",
            _first_sentences(p.summary, 3),
            f"How you talk: {_first_sentences(p.personality, 2)}",
            f"Setting: {' '.join(self.scenario.setting.split())} A job seeker asked to meet "
            f"you to learn about your work. You are {first}, a real person, not an assistant.",
            f"Answer the seeker's latest question as {first}, in the first person, in one to "
            "three short sentences. Use the facts you are given. Do not write the seeker's "
            "lines.",
        ]
        return "\n".join(line for line in lines if line)

    def system(self) -> Message:
        return self._system

    def examples(self) -> list[Message]:
        return list(self._examples)

    def greeting(self) -> str:
        return " ".join(self.persona.greeting.split())

    @staticmethod
    def turn_message(turn: Turn) -> Message:
        if turn.speaker == "seeker":
            return Message(role="user", content=sanitise(turn.text))
        return Message(role="assistant", content=turn.text)

    @staticmethod
    def newest(seeker_text: str, facts: Sequence[Fact] = (), direction: str | None = None
               ) -> Message:
        """The seeker's latest turn plus this turn's facts and direction."""
        parts = [sanitise(seeker_text)]
        if facts:
            parts.append("Facts you can use:\n" + "\n".join(f"- {f.text}" for f in facts))
        if direction:
            parts.append(f"({direction})")
        return Message(role="user", content="\n\n".join(parts))

    def build(
        self,
        history: Sequence[Turn],
        newest: Message | None,
        *,
        with_examples: bool = True,
    ) -> list[Message]:
        """System, examples, the (possibly trimmed) history, then ``newest``.
        ``history`` is the turns already said, oldest first."""
        messages = [self._system]
        if with_examples:
            messages.extend(self._examples)
        messages.extend(self.turn_message(t) for t in history)
        if newest is not None:
            messages.append(newest)
        return messages
