"""Guards on what the model says, applied sentence by sentence as it streams.

The persona never writes the seeker's lines, never says it is an AI, does not
repeat itself or echo the question, stays within a few sentences, ends on a
sentence boundary, and is never empty (the session falls back to a grounded
knowledge point). Each guard that changes the text is recorded in ``trips``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coffeechat.engine.grounding import content_stems
from coffeechat.engine.text import (
    SentenceSplitter,
    ends_sentence,
    similarity,
    split_sentences,
    words,
)

MAX_SENTENCES = 3
MAX_WORDS = 80
REPEAT_SIMILARITY = 0.8
SUPPORT_SHARE = 0.6
MIN_FACT_STEMS = 3
MAX_FREE_STEMS = 2  # "Good question." needs no support


@dataclass(frozen=True)
class Support:
    """What a grounded reply may build on (content-word stems)."""

    facts: frozenset[str]  # this turn's facts
    corpus: frozenset[str]  # everything the persona knows, plus the question

AI_DISCLOSURE = re.compile(
    r"\b(as an ai\b|an ai (?:language )?model|language model|\bllm\b|"
    r"i(?:'m| am) (?:just |only |merely )?an? (?:ai|a\.i\.|bot|robot|chatbot|computer program)\b|"
    r"i(?:'m| am) not (?:a )?(?:real|human|a real person|a person)\b|"
    r"i(?:'m| am) (?:just |only )?an? (?:helpful |virtual |digital )?(?:ai )?assistant\b(?![ -]\w)|"
    r"ai assistant|virtual assistant|artificial intelligence|chat ?bot|openai|chatgpt|"
    r"hugging ?face|smollm|trained (?:by|on) |my training|my programming|my (?:system )?"
    r"instructions|system prompt|i (?:can ?not|can't|don't|do not) have (?:personal |real )?"
    r"(?:feelings|experiences|opinions|a body|a career))",
    re.IGNORECASE,
)
_META = re.compile(
    r"facts you can use|\byou can use (?:this|these|that|them)\b|^\(?direction\b|^\(?note:|"
    r"^\(?stage direction|\bthe facts (?:given|provided|above)\b",
    re.IGNORECASE,
)
INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[\w\s,]{0,40}?\b(?:instructions?|prompts?|"
    r"rules|guidelines|directions|programming|system|persona|character)\b|"
    r"system prompt|\bjailbreak|developer mode|reveal your (?:instructions|prompt|rules)|"
    r"\bpretend (?:to be|you(?:'re| are))|\broleplay as\b|\bstop being\b|"
    r"\byou are (?:now |really |actually )?(?:an? )?(?:ai|a\.i\.|chatbot|bot|language model|"
    r"assistant|llm)\b|"
    r"\bare you (?:an? |actually |really |just )?(?:an? )?(?:ai|a\.i\.|bot|robot|chatbot|"
    r"language model|llm|real person|human)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•]+|\d+[.)])\s+")
_MARKUP = re.compile(r"\*\*|__|^#+\s*|`")


def looks_like_injection(seeker_text: str) -> bool:
    """The seeker is trying to break the persona ("ignore your instructions",
    "are you an AI?")."""
    return bool(INJECTION.search(seeker_text))


def _speaker_pattern(names: Iterable[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True) if n)
    return re.compile(rf"(?:^|(?<=\s)|(?<=[.!?]))(?:{alts})\s*:", re.IGNORECASE)


class ReplyGuard:
    """Filters one streamed reply. ``feed`` returns the sentences that are final;
    ``done`` says the model should be stopped (the rest would be discarded)."""

    def __init__(
        self,
        *,
        persona_name: str,
        seeker_name: str | None = None,
        earlier: Iterable[str] = (),
        seeker_text: str = "",
        max_sentences: int = MAX_SENTENCES,
        max_words: int = MAX_WORDS,
        support: Support | None = None,
    ) -> None:
        first = persona_name.split()[0]
        seeker_labels = ["Seeker", "Job seeker", "You", "User", "Human", "Me", "Q",
                         "Interviewer", "Student", "Guest", "Candidate"]
        if seeker_name:
            seeker_labels += [seeker_name, seeker_name.split()[0]]
        self._seeker_re = _speaker_pattern(seeker_labels)
        self._self_re = re.compile(
            rf"^\s*(?:{re.escape(persona_name)}|{re.escape(first)}|Assistant|A|Answer|Persona)"
            r"\s*:\s*", re.IGNORECASE)
        self._earlier = [s for text in earlier for s in split_sentences(text)]
        self._seeker_sentences = split_sentences(seeker_text)
        self._max_sentences = max_sentences
        self._max_words = max_words
        self._support = support
        self._splitter = SentenceSplitter()
        self.accepted: list[str] = []
        self.trips: list[str] = []
        self.done = False

    def _trip(self, name: str) -> None:
        if name not in self.trips:
            self.trips.append(name)

    def said(self, sentences: Iterable[str]) -> None:
        """Sentences already given (a prefix the model continues from)."""
        self.accepted.extend(sentences)

    @property
    def text(self) -> str:
        return " ".join(self.accepted)

    def feed(self, chunk: str) -> list[str]:
        if self.done:
            return []
        out = []
        for sentence in self._splitter.feed(chunk):
            # The splitter cuts at an end mark or a line break; no end mark
            # means a whole line (a list item, a heading).
            out.extend(self._take(sentence, complete=ends_sentence(sentence), line=True))
            if self.done:
                return out
        # A seeker label in the unfinished tail: stop now rather than let the
        # model write a whole line for the seeker.
        match = self._seeker_re.search(self._splitter.rest)
        if match:
            head = self._splitter.rest[: match.start()]
            self._splitter.rest = ""
            self._trip("seeker_line")
            for sentence in split_sentences(head):
                out.extend(self._take(sentence, complete=ends_sentence(sentence), line=False))
            self.done = True
        return out

    def finish(self) -> list[str]:
        """The tail once the model has stopped. Unfinished text is dropped."""
        if self.done:
            return []
        tail = self._splitter.rest.strip()
        self._splitter.rest = ""
        out: list[str] = []
        if tail:
            out.extend(self._take(tail, complete=ends_sentence(tail), line=False))
        if not self.accepted:
            self._trip("empty")
        return out

    def _take(self, raw: str, *, complete: bool, line: bool) -> list[str]:
        if self.done:
            return []
        sentence = self._self_re.sub("", raw, count=1)
        sentence = _MARKUP.sub("", _BULLET.sub("", sentence)).strip()
        sentence = sentence.strip("\"“”").strip()
        if not sentence:
            return []
        match = self._seeker_re.search(sentence)
        if match:
            self._trip("seeker_line")
            self.done = True
            sentence = sentence[: match.start()].strip()
            complete = ends_sentence(sentence)
            if not sentence:
                return []
        if not any(ch.isalpha() for ch in sentence):
            return []
        if _META.search(sentence):
            self._trip("meta")
            return []
        if AI_DISCLOSURE.search(sentence):
            self._trip("ai_disclosure")
            return []
        if not complete:
            # A whole line without an end mark reads as a sentence if it is
            # long enough; a tail cut off by the token limit never does.
            if line and len(words(sentence)) >= 4 and not self.done:
                sentence = sentence.rstrip(",;:- ") + "."
            else:
                self._trip("fragment")
                return []
        if len(words(sentence)) >= 3:
            for seen in (*self._earlier, *self.accepted):
                if similarity(sentence, seen) >= REPEAT_SIMILARITY:
                    self._trip("repeat")
                    return []
            for asked in self._seeker_sentences:
                if similarity(sentence, asked) >= REPEAT_SIMILARITY:
                    self._trip("echo")
                    return []
        if self._support is not None and not self._supported(sentence):
            self._trip("ungrounded")
            return []
        total = sum(len(words(s)) for s in self.accepted)
        if self.accepted and total + len(words(sentence)) > self._max_words:
            self._trip("length")
            self.done = True
            return []
        self.accepted.append(sentence)
        if len(self.accepted) >= self._max_sentences:
            self.done = True
        return [sentence]

    def _supported(self, sentence: str) -> bool:
        """The sentence builds on this turn's facts and most of its content words
        are things the persona knows (short pleasantries pass): a tiny model's
        inventions do not."""
        stems = content_stems(sentence)
        if len(stems) <= MAX_FREE_STEMS:
            return True
        support = self._support
        assert support is not None
        from_facts = len(stems & support.facts)
        known = len(stems & support.corpus) / len(stems)
        return from_facts >= MIN_FACT_STEMS and known >= SUPPORT_SHARE
