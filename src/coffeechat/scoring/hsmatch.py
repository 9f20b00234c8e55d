"""Hyperscan matchers over many segments of text at once, and its text limits.

Hyperscan is optional (no wheel for some platforms): every user of this module has
a plain-Python path for when ``hyperscan_module`` gives None, and for text Hyperscan
would read differently from ``re``, which ``scannable`` tells.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import Any

SEPARATOR = "\n\x1e\n"
"""Between segments (sentences) in a scanned text: a line of its own, so ``^`` and ``$``
work per segment as they do on its own, holding a character no scanned segment has."""

# Outside printable ASCII, re and Hyperscan may disagree (\w, \s and \b are Unicode in
# re, ASCII in Hyperscan; re's \s also takes \x1c-\x1f): such text takes the slow path.
_SCANNABLE = bytes(range(0x20, 0x7F)) + b"\n\x1e"

@lru_cache(maxsize=1)
def hyperscan_module() -> Any:
    """The hyperscan module, or None where it cannot be used."""
    try:
        import hyperscan
    except (ImportError, OSError):  # no wheel for this platform, or a CPU it cannot use
        return None
    return hyperscan


def scannable(text: str, separators: int) -> bool:
    # Deleting printable ASCII, line breaks and separators leaves nothing (a bytes pass in
    # C, where the regex tries every character).
    return (text.isascii() and text.count("\x1e") == separators
            and not text.encode("ascii").translate(None, _SCANNABLE))


class Matcher:
    """A compiled database of numbered patterns; scans many sentences at a time."""

    def __init__(self, hs: Any, db: Any) -> None:
        db.scratch = hs.Scratch(db)
        self._db = db
        self._lock = threading.Lock()  # one scratch space: one scan at a time

    def masks(self, segments: Sequence[str]) -> list[int | None]:
        """For each segment (a sentence or a turn, as the patterns see it), a bitmask of
        the patterns that may match in it; None for a segment that cannot be scanned."""
        return self._scan(SEPARATOR.join(segments), segments)

    def _scan(self, text: str, segments: Sequence[str]) -> list[int | None]:
        skip: list[int] = []
        if not scannable(text, len(segments) - 1):
            # Leave out just the segments that cannot be scanned.
            skip = [k for k, seg in enumerate(segments) if not scannable(seg, 0)]
            if len(skip) == len(segments):
                return [None] * len(segments)
            kept = list(segments)
            for k in skip:
                kept[k] = ""
            text = SEPARATOR.join(kept)
            segments = kept
        # Where each segment starts: the lengths before it plus a separator each (all in
        # C: a hundred-odd sentences a transcript).
        step = len(SEPARATOR)
        starts = list(map(add, accumulate(map(len, segments), initial=0),
                          range(0, step * len(segments), step)))
        masks: list[int | None] = [0] * len(segments)

        def on_match(pattern: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
            # A hit belongs to the segment holding its last character.
            k = bisect_right(starts, end - 1) - 1
            masks[k] |= 1 << pattern  # type: ignore[operator]

        with self._lock:
            self._db.scan(text.encode("ascii"), match_event_handler=on_match)
        for k in skip:
            masks[k] = None
        return masks

    def found(self, text: str) -> int | None:
        """A bitmask of the patterns that match anywhere in ``text`` (separators and line
        breaks allowed); None when it cannot be scanned."""
        if not scannable(text, text.count("\x1e")):
            return None
        mask = 0

        def on_match(pattern: int, _start: int, _end: int, _flags: int, _ctx: object) -> None:
            nonlocal mask
            mask |= 1 << pattern

        with self._lock:
            self._db.scan(text.encode("ascii"), match_event_handler=on_match)
        return mask


def compile_db(hs: Any, expressions: list[bytes], flags: list[int]) -> Any:
    """A block-mode database of the expressions, numbered in order; None when Hyperscan
    cannot take one of them."""
    db = hs.Database(mode=hs.HS_MODE_BLOCK)
    try:
        db.compile(expressions=expressions, ids=list(range(len(expressions))), flags=flags)
    except hs.error:
        return None
    return db


@lru_cache(maxsize=64)
def word_matcher(patterns: tuple[str, ...]) -> Matcher | None:
    """Exact matches of each of ``patterns`` (one regex per word, for lower-cased text):
    which of them a text holds. Small, so compiled in memory (about 10 ms) on first use;
    None without Hyperscan or when it cannot take them."""
    hs = hyperscan_module()
    if hs is None or not patterns or not all(p.isascii() for p in patterns):
        return None
    db = compile_db(hs, [p.encode("ascii") for p in patterns],
                    [hs.HS_FLAG_MULTILINE] * len(patterns))
    return Matcher(hs, db) if db is not None else None
