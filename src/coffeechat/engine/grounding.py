"""Retrieve the persona's knowledge points relevant to the seeker's question.

Keyword overlap with light stemming: cheap (microseconds), predictable, and
good enough for a persona's few dozen coach-written points. The chosen facts
go only into the newest user message (see prompt.py), in the first person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from coffeechat.content.models import Persona
from coffeechat.engine.text import normalise, stem, words
from coffeechat.engine.voice import first_person

STOPWORDS = frozenset(
    """a about above after again all am an and any are as at be because been before being
    between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i i'd i'll i'm i've if in into is it
    it's its just me more most my no nor not now of off on once only or other our out over
    own same she should so some such than that that's the their them then there these they
    this those through to too under until up very was we were what when where which while
    who whom why will with would you you'd you're your yours really like also maybe get
    got kind sort thing things lot much many well think know want wanted love hoping hope
    tell ask asked curious wondering wonder question questions""".split()
)
_STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)
MIN_TOPIC_SCORE = 0.5  # below this only filler words ("like", "do") matched


@dataclass(frozen=True)
class Fact:
    """One knowledge point, ready to give the model."""

    key: str  # the coach's original text: identifies the point across turns
    text: str  # the same point in the persona's first person
    topic: str


@dataclass(frozen=True)
class _Topic:
    name: str
    single: tuple[str, ...]  # stems of one-word keywords
    phrases: tuple[str, ...]  # normalised multi-word keywords
    points: tuple[tuple[str, frozenset[str]], ...]  # (point, its content stems)


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1} - _STOP_STEMS


class Grounding:
    """Knowledge retrieval for one persona."""

    def __init__(self, persona: Persona) -> None:
        self._persona = persona
        topics = []
        for t in persona.knowledge:
            single: list[str] = []
            phrases: list[str] = []
            for kw in t.keywords:
                norm = normalise(kw)
                if " " in norm:
                    phrases.append(norm)
                elif norm:
                    single.append(stem(norm))
            single.extend(stem(w) for w in words(t.topic) if w not in STOPWORDS)
            points = tuple((p, frozenset(content_stems(p))) for p in t.points)
            topics.append(_Topic(t.topic, tuple(dict.fromkeys(single)), tuple(phrases), points))
        self._topics = tuple(topics)
        # A keyword shared by many topics says little about which one is meant.
        spread = Counter(s for t in self._topics for s in set(t.single))
        self._weight = {s: 1.0 / n for s, n in spread.items()}
        self._profile = tuple((p, frozenset(content_stems(p))) for p in persona.public_profile)
        self._facts: dict[str, Fact] = {}
        self._corpus: frozenset[str] | None = None

    def _fact(self, point: str, topic: str) -> Fact:
        fact = self._facts.get(point)
        if fact is None:
            fact = Fact(point, first_person(point, self._persona), topic)
            self._facts[point] = fact
        return fact

    def topic_scores(self, question: str) -> list[tuple[float, int]]:
        """(score, topic index) for topics the question touches, best first."""
        q_words = words(question)
        q_stems = {stem(w) for w in q_words}
        q_norm = " " + " ".join(q_words) + " "
        scored = []
        for i, t in enumerate(self._topics):
            score = 0.0
            for s in t.single:
                if s in q_stems:
                    weight = self._weight.get(s, 1.0)
                    score += weight * (0.3 if s in _STOP_STEMS else 1.0)
            for phrase in t.phrases:
                if f" {phrase} " in q_norm:
                    score += 1.5
            if score > 0:
                scored.append((score, i))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return scored

    def retrieve(self, question: str, *, used: Collection[str] = (), limit: int = 2,
                 profile: bool = False) -> list[Fact]:
        """Up to ``limit`` facts for ``question``, preferring points not yet
        ``used`` (keys) so the persona does not tell the same story twice.
        ``profile``: the seeker referred to the persona's public work, so the
        matching public-profile item leads."""
        q = content_stems(question)
        facts: list[Fact] = []
        if profile:
            item = max(self._profile, key=lambda it: len(q & it[1]), default=None)
            if item is not None and len(q & item[1]) >= 2 and item[0] not in used:
                facts.append(self._fact(item[0], "public profile"))
        scores = self.topic_scores(question)
        if not scores or scores[0][0] < MIN_TOPIC_SCORE:
            return facts[:limit]
        best = scores[0][0]
        chosen_topics = [i for s, i in scores if s >= 0.8 * best][:2]
        ranked: list[tuple[int, float, int, int, str, str]] = []
        for rank, ti in enumerate(chosen_topics):
            t = self._topics[ti]
            for order, (point, p_stems) in enumerate(t.points):
                # A strong word match beats the coach's order; one shared word
                # does not (points are often written in story order).
                strong = int(len(q & p_stems) >= 2)
                ranked.append((int(point in used), -strong, rank, order, point, t.name))
        ranked.sort()
        seen_topics: Counter[str] = Counter()
        for _, _, _, _, point, topic in ranked:
            if len(facts) >= limit:
                break
            # With two topics in play, take one point from each before a second.
            if len(chosen_topics) > 1 and seen_topics[topic] >= 1 and len(seen_topics) < 2:
                continue
            facts.append(self._fact(point, topic))
            seen_topics[topic] += 1
        return facts

    def support(self, question: str = "") -> frozenset[str]:
        """Every content word the persona could truthfully use: its knowledge,
        summary and public profile (and the seeker's own question)."""
        base = self._corpus
        if base is None:
            p = self._persona
            texts = [p.summary, p.role, p.company, p.industry, *p.public_profile]
            texts += [pt for t in p.knowledge for pt in t.points]
            texts += [t.topic for t in p.knowledge]
            base = frozenset().union(*(content_stems(t) for t in texts))
            self._corpus = base
        return base | content_stems(question)

    def fallback(self, question: str, *, used: Collection[str] = ()) -> Fact | None:
        """The most relevant point at all (for when the model says nothing
        usable), even if no keyword matched; unused points first."""
        q = content_stems(question)
        best: tuple[int, int, int, str, str] | None = None
        order = 0
        for t in self._topics:
            for point, p_stems in t.points:
                cand = (int(point in used), -len(q & p_stems), order, point, t.name)
                if best is None or cand < best:
                    best = cand
                order += 1
        if best is None:
            return None
        return self._fact(best[3], best[4])
