"""Tick off prep questions as the seeker covers them, by keyword overlap.

Deliberately simple and fast (runs on the UI thread after each turn): a
question counts as covered when a seeker turn shares enough of its content
words. Light stemming lets "careers" match "career" and "moved" match "move".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_STOP = frozenset("""
a about above after again all also am an and any are as at be been before being both
but by can could did do does doing for from had has have having he her here hers him his
how i if in into is it its just like me more most my no not now of off on once only or
other our out over own same she should so some such than that the their them then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself anything something really
think tell ask asked know want wanted love much many get got go going kind sort way ways
""".split())

_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*")


def _stem(word: str) -> str:
    word = word.strip("'-").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry its topic, stemmed."""
    return {_stem(w) for w in _WORD.findall(text.lower())
            if w not in _STOP and len(w) > 2 and _stem(w) not in _STOP}


def needed_overlap(question_words: int) -> int:
    """Half the question's content words, at least 1 and at most 3."""
    return max(1, min(3, (question_words + 1) // 2))


def covers(question: str, seeker_text: str) -> bool:
    words = content_words(question)
    if not words:
        return False
    return len(words & content_words(seeker_text)) >= needed_overlap(len(words))


def covered(questions: Iterable[str], seeker_turns: Iterable[str]) -> list[bool]:
    """For each question, whether any seeker turn covers it."""
    turns = [content_words(t) for t in seeker_turns]
    result = []
    for q in questions:
        words = content_words(q)
        need = needed_overlap(len(words))
        result.append(bool(words) and any(len(words & t) >= need for t in turns))
    return result


def parse_questions(text: str) -> list[str]:
    """Prep questions from the editor: one per line, bullets and blanks ignored."""
    out = []
    for line in text.splitlines():
        line = line.strip().lstrip("-*•").strip()
        line = re.sub(r"^\d+[.)]\s*", "", line)
        if line:
            out.append(line)
    return out
