"""Anchor words for a pattern: words that every match must contain.

The detectors hold a few hundred patterns; trying each on every sentence would
be far too slow. So each pattern is indexed by anchors read off its own regex.
Reading the parse tree, every literal word the pattern cannot match without
(or a set of words, one of which it needs, as in "hire|hiring") is an anchor
set. A sentence only meets the patterns whose anchor sets it satisfies, all
of them. Words are keyed by their first four letters ("hiri" stands for
hiring; "resu" for resume and resumes), which a sentence gives cheaply.

Because the anchors come from the regex itself, indexing can never hide a
match; a pattern with no usable anchor is simply tried on every sentence.
"""

from __future__ import annotations

import importlib
import itertools
import math
from dataclasses import dataclass
from typing import Any

# Python 3.11+ keeps the regex parser in re._parser (sre_parse is its deprecated alias).
_c: Any = importlib.import_module("re._constants")
_p: Any = importlib.import_module("re._parser")

KEY_LEN = 4
_MAX_COMBINATIONS = 16

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'")


def key(word: str) -> str:
    return word[:KEY_LEN]


@dataclass(frozen=True, slots=True)
class Anchors:
    index: frozenset[str] | None
    """The rarest required set: the pattern is filed under each of these keys."""
    requires: tuple[frozenset[str], ...]
    """Every required set; a sentence must meet each before the regex is tried."""


class _Seq:
    def __init__(self, word_start: bool) -> None:
        self.sets: list[frozenset[str]] = []
        self.cur = ""
        self.cur_start = False
        self.word_start = word_start

    def flush(self, word_end: bool) -> None:
        frag, self.cur = self.cur, ""
        if frag and self.cur_start and (len(frag) >= KEY_LEN or word_end):
            self.sets.append(frozenset({key(frag)}))


def _ends_word(items: list[Any], i: int, tail_boundary: bool) -> bool:
    """Does what follows position ``i`` start with a non-word character or a boundary?"""
    if i + 1 >= len(items):
        return tail_boundary
    op, av = items[i + 1]
    if op is _c.LITERAL:
        return chr(av) not in _WORD_CHARS
    return op is _c.AT and av in (_c.AT_BOUNDARY, _c.AT_END, _c.AT_END_STRING)


def _walk(items: list[Any], word_start: bool, tail_boundary: bool) -> tuple[
        list[frozenset[str]], bool]:
    """Required anchor sets of a sequence, and whether it ends at a word start."""
    s = _Seq(word_start)
    for i, (op, av) in enumerate(items):
        if op is _c.LITERAL:
            ch = chr(av)
            if ch in _WORD_CHARS:
                if not s.cur:
                    s.cur_start = s.word_start
                s.cur += ch
                s.word_start = False
            else:
                s.flush(word_end=True)
                s.word_start = True
            continue
        if op is _c.AT:
            boundary = av in (_c.AT_BOUNDARY, _c.AT_END, _c.AT_END_STRING)
            s.flush(word_end=boundary)
            if av in (_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
                s.word_start = True
            continue
        ends_here = _ends_word(items, i, tail_boundary)
        if op is _c.SUBPATTERN:
            s.flush(word_end=False)
            sets, ends = _walk(list(av[-1]), s.word_start, ends_here)
            s.sets.extend(sets)
            s.word_start = ends
        elif op is _c.BRANCH:
            s.flush(word_end=False)
            ranked: list[list[frozenset[str]]] = []
            ends_all = True
            for alt in av[1]:
                sets, ends = _walk(list(alt), s.word_start, ends_here)
                ends_all = ends_all and ends
                usable = sorted({c for c in sets if c}, key=likelihood)
                if not usable:
                    ranked = []
                    break
                ranked.append(usable)
            # Every match goes through one alternative and so meets each of its sets: the
            # union of one set from every alternative is required. The rarest sets give the
            # index; the next ranks add filters (e.g. "minutes|hour" behind common verbs).
            if ranked and math.prod(len(r) for r in ranked) <= _MAX_COMBINATIONS:
                s.sets.extend(frozenset().union(*combo) for combo in itertools.product(*ranked))
            else:
                for rank in range(max((len(r) for r in ranked), default=0)):
                    s.sets.append(frozenset().union(*(r[min(rank, len(r) - 1)]
                                                      for r in ranked)))
            s.word_start = ends_all
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            s.flush(word_end=False)
            sets, ends = _walk(list(sub), s.word_start, False)
            if lo >= 1:
                s.sets.extend(sets)
            # After an optional part we are at a word start only if both paths are.
            s.word_start = ends and (s.word_start or lo >= 1)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            s.flush(word_end=False)  # zero-width: requires nothing of the text it peeks at
        else:  # IN, ANY, CATEGORY, NOT_LITERAL, GROUPREF...: a character we cannot name
            s.flush(word_end=False)
            s.word_start = False
    s.flush(word_end=tail_boundary)
    return s.sets, s.word_start


# Share of sentences holding each key, measured on the transcript corpus; other keys
# are taken as rare (1%). Only used to order work, never to decide a match.
_FREQ = {k: float(v) for k, v in (kv.split(":") for kv in """
    you:0.287 i:0.258 a:0.248 the:0.236 to:0.223 and:0.208 is:0.131 for:0.126 what:0.124
    woul:0.112 in:0.112 than:0.104 that:0.102 it:0.102 of:0.098 have:0.087 do:0.084 on:0.081
    with:0.08 at:0.078 how:0.074 abou:0.073 your:0.073 so:0.069 me:0.069 am:0.065 peop:0.064
    who:0.061 my:0.056 work:0.053 an:0.053 are:0.051 firs:0.05 some:0.05 bran:0.047 they:0.046
    talk:0.046 will:0.046 from:0.045 rese:0.044 year:0.043 ther:0.042 thin:0.042 good:0.038
    else:0.037 much:0.037 like:0.037 not:0.037 meet:0.036 time:0.035 mana:0.035 we:0.035
    team:0.035 if:0.034 whic:0.033 most:0.032 real:0.032 inte:0.031 anal:0.031 stud:0.03
    move:0.03 can:0.03 know:0.03 buil:0.03 befo:0.029 one:0.029 desi:0.029 did:0.029
    proj:0.029 half:0.029 was:0.028 lear:0.028 whet:0.028 unde:0.028 ques:0.028 into:0.027
    out:0.026 be:0.026 ever:0.026 beca:0.026 smal:0.026 hour:0.026 read:0.026 expl:0.025
    hi:0.025 star:0.024 look:0.024 but:0.024 more:0.024 when:0.023 comp:0.022 data:0.022
    them:0.022 shou:0.022 us:0.021 cons:0.021 next:0.021 or:0.021 usua:0.021 tell:0.021
    """.split())}
_RARE = 0.01


def likelihood(keys: frozenset[str]) -> float:
    """Rough chance that a sentence holds one of ``keys``."""
    return min(1.0, sum(_FREQ.get(k, _RARE) for k in keys))


def choose(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective required set."""
    best: frozenset[str] | None = None
    for c in sets:
        if c and (best is None or likelihood(c) < likelihood(best)):
            best = c
    return best


def analyse(pattern: str) -> Anchors:
    """Anchors of ``pattern``, a regex over normalised (lower-case) text. The required
    sets are ordered rarest first, so a failing sentence is turned away quickly."""
    sets, _ = _walk(list(_p.parse(pattern)), word_start=False, tail_boundary=False)
    uniq = sorted(dict.fromkeys(s for s in sets if s), key=likelihood)
    return Anchors(choose(uniq), tuple(uniq))
