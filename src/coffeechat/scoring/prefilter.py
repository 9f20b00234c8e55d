"""Every detector pattern over a whole transcript in one pass, with Hyperscan.

The per-turn path (``detect._Index``) files patterns under anchor words and tries
the few whose words a turn holds: about 75 us a turn, most of it Python going
from pattern to pattern. Scoring many transcripts wants one pass for all:
Hyperscan compiles every pattern into one automaton and reports, for each place
a pattern may match, which pattern and where the match ends.

Only a prefilter. Patterns are compiled in Hyperscan's prefilter mode, which
matches a superset of what Python's ``re`` matches (lookarounds, which it
lacks, are widened), so a hit only says which patterns to try on which turn;
each is then confirmed by its own ``re`` pattern on the sentence, exactly as on
the per-turn path. Both paths give the same events (tests/scoring/test_prefilter.py).

Hyperscan is optional (no wheel for some platforms) and compiling the patterns
takes a second or two, so the database is kept in the user's cache folder and
the fast path runs only when it is at hand (``matchers``) or was asked for
(``prepare``). Text Hyperscan would read differently from ``re`` (anything but
printable ASCII and line breaks, after folding) takes the per-turn path.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass
from typing import Any

from coffeechat import paths
from coffeechat.scoring import patterns as P
from coffeechat.scoring.hsmatch import Matcher, hyperscan_module
from coffeechat.scoring.hsmatch import compile_db as _compile

__all__ = ["Matcher", "Matchers", "matchers", "prepare"]

_COMPILE_LOCK = threading.Lock()
_LOADED: dict[str, Matcher | None] = {}


@dataclass(frozen=True, slots=True)
class Matchers:
    seeker: Matcher
    """Over seeker turns' sentences (``Sentence.scan``): ``P.seeker_families()``, then
    ``P.ACHIEVEMENT``."""
    persona: Matcher
    """Over persona turns' sentences: ``P.persona_families()``."""


def matchers(*, build: bool = False) -> Matchers | None:
    """The compiled databases: in memory, else from the cache folder, else compiled when
    ``build`` (a second or two, then cached). None without hyperscan, or when not built."""
    seeker = _matcher("seeker", build)
    persona = _matcher("persona", build) if seeker is not None else None
    return Matchers(seeker, persona) if seeker is not None and persona is not None else None


def prepare() -> bool:
    """Make the fast path ready (compiling once if need be); True when it is."""
    return matchers(build=True) is not None


def _patterns(kind: str) -> list[re.Pattern[str]]:
    if kind == "persona":
        return [f.pattern for f in P.persona_families()]
    # Seeker turns also get the achievement pattern, after the families. It runs on a
    # sentence's norm, while hits come from its scan (a space after each opening quote or
    # bracket): the prefilter copy allows for those extra spaces in its gap.
    gap = "{0,60}"
    assert gap in P.ACHIEVEMENT.pattern
    widened = re.compile(P.ACHIEVEMENT.pattern.replace(gap, "{0,120}"), P.ACHIEVEMENT.flags)
    return [f.pattern for f in P.seeker_families()] + [widened]


def _matcher(kind: str, build: bool) -> Matcher | None:
    if kind in _LOADED:
        return _LOADED[kind]
    hs = hyperscan_module()
    if hs is None:
        return None
    with _COMPILE_LOCK:
        if kind in _LOADED:
            return _LOADED[kind]
        pats = _patterns(kind)
        expressions = [p.pattern.encode("ascii") for p in pats]
        flags = [_flags(hs, p.flags) for p in pats]
        digest = hashlib.sha256(repr((hs.__version__, expressions, flags)).encode()).hexdigest()
        path = paths.cache_dir() / f"patterns-{kind}-{digest[:24]}.hsdb"
        db = _load(hs, path)
        if db is None:
            if not build:
                return None
            db = _compile(hs, expressions, flags)
            if db is None:
                _LOADED[kind] = None
                return None
            _save(hs, db, path)
        _LOADED[kind] = Matcher(hs, db)
        return _LOADED[kind]


def _flags(hs: Any, re_flags: int) -> int:
    out: int = hs.HS_FLAG_PREFILTER
    if re_flags & re.MULTILINE:
        out |= hs.HS_FLAG_MULTILINE
    if re_flags & re.IGNORECASE:
        out |= hs.HS_FLAG_CASELESS
    if re_flags & re.DOTALL:
        out |= hs.HS_FLAG_DOTALL
    return out


def _load(hs: Any, path: os.PathLike[str]) -> Any:
    try:
        with open(path, "rb") as fh:
            return hs.loadb(fh.read(), hs.HS_MODE_BLOCK)
    except (OSError, hs.error):  # missing, unreadable, damaged or from another CPU
        return None


def _save(hs: Any, db: Any, path: os.PathLike[str]) -> None:
    """Written beside and renamed, so a reader never sees half a database. A cache that
    cannot be written only means compiling again next time."""
    tmp = f"{os.fspath(path)}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(tmp), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(hs.dumpb(db))
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
