"""Per-turn detectors: what one turn did, given the turns before it.

``detect_turn`` is the live API (the engine calls it as each turn lands);
``Scanner`` walks a whole transcript once, carrying the context forward, for
the scorer. Both give the same events. Pure functions of the text: no model.

Speed: each pattern is filed under its anchor words (``scoring.anchors``), so a
sentence only meets the few patterns whose words it actually contains. Scoring a
whole transcript (``scan_all``) can go faster still: one Hyperscan pass
(``scoring.prefilter``) tells every turn which patterns to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache, reduce
from operator import or_
from typing import TYPE_CHECKING

from coffeechat.scoring import hsmatch, prefilter
from coffeechat.scoring import patterns as P
from coffeechat.scoring.anchors import analyse
from coffeechat.scoring.events import Event, EventKind
from coffeechat.scoring.text import (
    Sentence,
    TurnText,
    fold_accents,
    is_open_question,
    negated,
    turn_text,
    turn_texts,
    word_count,
)

if TYPE_CHECKING:
    from coffeechat.content.models import Persona
    from coffeechat.transcript import Turn

QUOTE_MAX = 240
LONG_TURN_WORDS = 60
"""An unprompted turn about oneself longer than this is a monologue (no_pitch)."""


_RANKS = 6
"""Required sets per pattern used to pick candidates (the rarest ones). Only a filter: a
candidate that cannot match is turned away by its regex."""


class _Index:
    """Patterns filed by anchor words, tried in a fixed order.

    Pattern i is bit ``r * n + i`` of an int for its r-th rarest required set (n patterns,
    ``_RANKS`` ranks). ``masks[key]`` has the bits of every (pattern, rank) whose set holds
    ``key``, so OR-ing the masks of a turn's keys tells, per rank, which patterns' sets the
    turn meets; AND-ing the ranks gives the candidates. A few C-level big-int operations
    instead of a loop over patterns."""

    def __init__(self, families: Iterable[P.Family]) -> None:
        self.families = tuple(families)
        n = len(self.families)
        masks: dict[str, int] = {}
        free = 0  # a pattern with fewer sets passes the missing ranks whatever the keys
        for i, fam in enumerate(self.families):
            for r in range(_RANKS):
                bit = 1 << (r * n + i)
                if r >= len(fam.anchors.requires):
                    free |= bit
                    continue
                for k in fam.anchors.requires[r]:
                    masks[k] = masks.get(k, 0) | bit
        self.masks = masks
        self.filed = frozenset(masks)
        self.free = free
        self.width = n
        self.all = (1 << n) - 1

    def candidates(self, keys: frozenset[str]) -> list[P.Family]:
        """Patterns whose rarest anchor sets all meet ``keys``, in index order."""
        met = reduce(or_, map(self.masks.__getitem__, keys & self.filed), self.free)
        n = self.width
        live = met & self.all
        for r in range(1, _RANKS):
            if not live:
                return []
            live &= met >> (r * n)
        return _bits(live, self.families)


@cache
def _seeker_index() -> _Index:
    return _Index(P.seeker_families())


@cache
def _persona_index() -> _Index:
    return _Index(P.persona_families())

# Kinds that make a sentence something other than an honest information request.
_BLOCKING: frozenset[str] = frozenset({"job_request", "resume_offer", "pitch"})
_ASKS = "Asks them a question."
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|mine)\b")
_NUMBER_WORDS = {"eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "sixty": 60, "half": 30, "hour": 60}
_ACHIEVEMENT_HINT = re.compile(r"\d|percent|million|record|award")


@cache
def _achievement_anchors() -> tuple[frozenset[str], ...]:
    """Words every ``P.ACHIEVEMENT`` match holds: a turn lacking them needs no search."""
    return analyse(P.ACHIEVEMENT.pattern).requires


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= QUOTE_MAX:
        return text
    cut = text.rfind(" ", 0, QUOTE_MAX - 1)
    return text[: cut if cut > 40 else QUOTE_MAX - 1] + "\u2026"


def _match(fam: P.Family, s: Sentence) -> bool:
    if fam.question_only and not s.asks:
        return False
    for m in fam.pattern.finditer(s.scan):
        if fam.negatable and negated(s.scan, m.start(), m.end()):
            continue
        if fam.check is not None and not fam.check(m, s):
            continue
        return True
    return False


# --- profile references ---------------------------------------------------------------

_STOP = frozenset(
    """small big great good best large top high low long short old young open public private
    full whole real true major main key local national global annual early late recent
    a an the and or of in on at to for with from by about as into over under after before
    during is was were are be been being has have had do did does i you he she they we it its
    his her their our my your me him them us this that these those who whom which what when
    where why how led lead leads leading worked work works working team teams company role
    roles years year job also then than there here very more most some any all new first
    one two three based including part member helped help helps started start""".split()
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'+-]*")
# Two or more capitalised words in a row, with small joining words between ("Masters of
# Marketing", "Small Firms, Big Buildings"); matched in text with any spacing or commas.
_TITLE_RUN = re.compile(r"\b[A-Z][\w'&+-]*(?:(?:,? (?:(?:of|the|and|for|on|in|at|&) )*)[A-Z]"
                        r"[\w'&+-]*)+")
_TITLE_SPLIT = re.compile(r"[ ,]+")
_TITLE_JOINERS = frozenset("of the and for on in at &".split())
_TITLE_GAP = r"[ ,]+"


def _stem(word: str) -> str:
    w = word.lower().strip("'-")
    for suffix in ("'s", "ing", "ed", "es", "s"):
        # -ing and -ed come off only a stem of five letters or more: "evening" is not
        # "even", nor "leaving" "leav".
        least = 5 if suffix in ("ing", "ed") else 4
        if len(w) >= len(suffix) + least and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


@dataclass(frozen=True, slots=True)
class ProfileItem:
    text: str
    weights: dict[str, int]
    total: int


@dataclass(frozen=True, slots=True)
class Profile:
    items: tuple[ProfileItem, ...]
    keys: frozenset[str]
    """First four letters of every telling word (and of each part of a hyphenated one): a
    turn sharing none of them is skipped."""
    any_word: re.Pattern[str]
    """Finds any telling word at all: turns without one are skipped cheaply."""
    any_word_lower: re.Pattern[str]
    """``any_word`` without IGNORECASE, for lower-cased ASCII text (several times faster;
    for ASCII, lower-casing first finds exactly what IGNORECASE finds)."""
    words: tuple[str, ...]
    """One regex per telling word, any of its forms: what ``any_word`` finds, word by
    word (the prefilter compiles these)."""
    titles: tuple[tuple[int, re.Pattern[str]], ...]
    """Capitalised names of two or more words in an item ("Small Firms, Big Buildings"),
    as (item index, regex over lower-cased text): naming one refers to its item even
    when its words are generic one by one."""
    aliases: dict[str, str]
    """Other forms of a telling word (see ``_aliases``), each to the word it stands for."""


@lru_cache(maxsize=256)
def _profile(items: tuple[str, ...], exclude: tuple[str, ...]) -> Profile:
    skip = {_stem(w) for name in exclude for w in _WORD.findall(fold_accents(name))}
    out = []
    titles = []
    title_words: set[str] = set()
    for k, raw_item in enumerate(items):
        item = fold_accents(raw_item)
        for run in _TITLE_RUN.finditer(item):
            parts = [w.lower() for w in _TITLE_SPLIT.split(run.group(0)) if w]
            if run.start() == 0:  # the item's first word is capitalised anyway
                parts = parts[1:]
                while parts and parts[0] in _TITLE_JOINERS:
                    parts = parts[1:]
            if len(parts) >= 2 and {_stem(w) for w in parts} - skip - _STOP:
                title_words.update(parts)
                titles.append((k, re.compile(
                    r"\b" + _TITLE_GAP.join(map(re.escape, parts)) + r"\b")))
        weights: dict[str, int] = {}
        for pos, m in enumerate(_WORD.finditer(item)):
            raw = m.group(0)
            stem = _stem(raw)
            if len(stem) < 3 and not stem.isdigit() or stem in _STOP or stem in skip:
                continue
            distinctive = (any(c.isdigit() for c in raw) or (pos > 0 and raw[0].isupper())
                           or len(raw) >= 7 or raw.isupper())
            weights[stem] = max(weights.get(stem, 0), 2 if distinctive else 1)
        total = sum(weights.values())
        # The long parts of a hyphenated word name it too ("readmission" for
        # "readmission-risk"), though less surely: weight 1, not counted in the total.
        for stem in [w for w in weights if "-" in w]:
            for part in (_stem(p) for p in stem.split("-")):
                if len(part) >= 7 and part not in weights and part not in skip:
                    weights[part] = 1
        out.append(ProfileItem(raw_item, weights, total))
    own = {s for it in out for s in it.weights}
    aliases = {a: s for s in own for a in _aliases(s) if a not in own and a not in _STOP}
    stems = sorted([*own, *aliases], key=len, reverse=True)
    # The same word forms _stem folds together: relaunch, relaunches, relaunched...
    forms = r"(?:'s|ing|ed|es|s)?\b"
    pattern = r"\b(" + "|".join(map(re.escape, stems)) + ")" + forms if stems else r"(?!)"
    keys = frozenset(part[:4] for s in [*stems, *title_words]
                     for part in re.split(r"[-'+]", s) if part)
    return Profile(tuple(out), keys, re.compile("(?i)" + pattern), re.compile(pattern),
                   tuple(r"\b" + re.escape(s) + forms for s in stems), tuple(titles), aliases)


_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _aliases(stem: str) -> list[str]:
    """Other ways a text names a telling word: a number under 100 in words ("40",
    "forty")."""
    if stem.isdigit() and 0 < int(stem) < 100 and stem[0] != "0":
        n = int(stem)
        if n < 20:
            return [_ONES[n]]
        tens, ones = divmod(n, 10)
        word = _TENS[tens - 2]
        return [word] if not ones else [f"{word}-{_ONES[ones]}", f"{word} {_ONES[ones]}"]
    return []


def _profile_for(persona: Persona | None) -> Profile | None:
    """Telling words of each public-profile item. Words of the persona's name, company,
    role, industry and summary do not count: the persona talks about those anyway, so
    using them shows no homework."""
    if persona is None or not persona.public_profile:
        return None
    return _profile(tuple(persona.public_profile), (persona.company, persona.name, persona.role,
                                                    persona.industry, persona.summary))


PROFILE_MIN_SCORE = 3
PROFILE_MIN_COVERAGE = 0.3
PROFILE_STRONG_SCORE = 4
"""Two telling words such as a year and a name are enough even in a long profile item."""


def _profile_hits(text: str, profile: Profile, keys: frozenset[str] | None = None) -> list[int]:
    """Profile items the text refers to: at least two of the item's telling words (names,
    numbers and long words weigh 2, others 1), weighing 4, or 3 if they cover 30% of the
    item. Generic words (small, big, the persona's own field) never count, so "small firms"
    is not knowing the podcast "Small Firms, Big Buildings"."""
    if keys is not None and keys.isdisjoint(profile.keys):
        return []
    if not text.isascii():
        text = fold_accents(text)
    low = text.lower()
    named = {k for k, title in profile.titles if title.search(low)}
    if text.isascii():
        found = {m.group(1) for m in profile.any_word_lower.finditer(low)}
    else:
        found = {m.group(1).lower() for m in profile.any_word.finditer(text)}
    stems = {profile.aliases.get(w, w) for w in found}
    if len(stems) < 2 and not named:
        return []
    hits = []
    for i, item in enumerate(profile.items):
        matched = [wt for stem, wt in item.weights.items() if stem in stems]
        score = sum(matched)
        if i in named or len(matched) >= 2 and (score >= PROFILE_STRONG_SCORE or (
                score >= PROFILE_MIN_SCORE and score >= PROFILE_MIN_COVERAGE * item.total)):
            hits.append(i)
    return hits


def _best_profile_sentence(sents: Sequence[Sentence], item: ProfileItem) -> str:
    best, best_score = "", -1
    for s in sents:
        stems = {_stem(w) for w in _WORD.findall(s.orig)}
        score = sum(wt for stem, wt in item.weights.items() if stem in stems)
        if score > best_score:
            best, best_score = s.orig, score
    return best


# --- context --------------------------------------------------------------------------


@dataclass
class Context:
    """What a turn's meaning depends on from the turns before it."""

    resume_requested: bool = False
    prompted: bool = False
    """The latest persona turn asked the seeker about themselves."""
    seeker_turns: int = 0
    profile_mentioned: set[int] = field(default_factory=set)


def _live(index: _Index, norm: str, keys: frozenset[str]) -> list[P.Family]:
    """Patterns that match somewhere in the whole turn (before negation and checks): only
    these can match a sentence of it, since a turn's sentences are its lines."""
    return [f for f in index.candidates(keys) if f.pattern.search(norm)]


def _to_try(text: str, index: _Index, hint: Hint | None
            ) -> tuple[TurnText, list[list[P.Family]]]:
    """The turn's sentences and, for each, the patterns to try on it: the hint's, else
    those the anchor index finds for the whole turn."""
    if hint is not None:
        return hint.tt, hint.live
    tt = turn_text(text)
    return tt, [_live(index, tt.norm, tt.keys)] * len(tt.sentences)


def _seeker(text: str, index: int, ctx: Context, profile: Profile | None,
            hint: Hint | None = None) -> list[Event]:
    tt, per_sentence = _to_try(text, _seeker_index(), hint)
    sents = tt.sentences
    found: dict[str, Event] = {}

    def add(kind: EventKind, quote: str, why: str) -> None:
        if kind not in found:
            found[kind] = Event(kind, index, _quote(quote), why)

    def asked(s: Sentence) -> None:
        found["question"] = Event("question", index, _quote(s.orig), _ASKS,
                                  is_open_question(s.norm))

    for s, live in zip(sents, per_sentence, strict=True):
        if not live:  # the common case: nothing but perhaps a question
            if "question" not in found and s.asks:  # one question a turn is all it takes
                asked(s)
            continue
        here: dict[str, P.Family] = {}
        # No per-sentence search first: _match's own finditer turns a sentence away as
        # cheaply, and a matching sentence is then searched once, not twice.
        for fam in live:
            if fam.kind in here:
                continue
            if fam.kind == "resume_offer" and ctx.resume_requested:
                continue
            if fam.unprompted_only and ctx.prompted:
                continue
            if _match(fam, s):
                here[fam.kind] = fam
        blocked = False
        if here:
            blocked = not _BLOCKING.isdisjoint(here)
            if blocked:
                here.pop("referral_request", None)
                here.pop("advice_request", None)
            if "referral_request" in here:
                here.pop("advice_request", None)
            for fam in here.values():
                add(fam.kind, s.orig, fam.why)
        # Advice and referral asks are information requests by definition.
        if not blocked and "question" not in found and (
                here.get("referral_request") or here.get("advice_request") or s.asks):
            asked(s)
    if not ctx.prompted and "pitch" not in found:
        if hint is not None:
            maybe = hint.achievement
        else:
            maybe = bool(_ACHIEVEMENT_HINT.search(tt.norm)) and all(
                not tt.keys.isdisjoint(req) for req in _achievement_anchors())
        for s in sents if maybe else ():
            if _ACHIEVEMENT_HINT.search(s.norm) and P.ACHIEVEMENT.search(s.norm):
                add("pitch", s.orig, "Lists achievements nobody asked about, which sells "
                    "rather than asks.")
                break
        if "pitch" not in found and text.count(" ") >= LONG_TURN_WORDS:
            words = word_count(text)
            if words > LONG_TURN_WORDS:
                first = sum(len(_FIRST_PERSON.findall(s.norm)) for s in sents)
                if first >= 4 and first / words >= 0.05:
                    add("pitch", text,
                        f"A {words}-word stretch about yourself that nobody asked for: over "
                        f"{LONG_TURN_WORDS} words unprompted turns a chat into a pitch.")
    if profile is not None:
        for hit in _profile_hits(text, profile, tt.keys):
            if hit not in ctx.profile_mentioned:
                item = profile.items[hit]
                add("profile_reference", _best_profile_sentence(sents, item),
                    f"Refers to something from their public profile "
                    f"(\u201c{_quote(item.text)}\u201d), which shows preparation.")
                break
    return list(found.values())


_MINUTES = re.compile(r"\b(\d+|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|half|hour)"
                      r"\b(?:[ -]\w+)? ?(?:minutes?|mins?|hour)")


def _big_amount(text: str) -> bool:
    """'We have twenty minutes left' is not the end of a meeting."""
    for m in _MINUTES.finditer(text):
        if text.endswith(("the ", "on the ", "at the "), 0, m.start()) or text.startswith(
                (" to get", " to drive", " to walk", " to travel", " to head"), m.end()):
            # "coming up on the half hour" is a time of day, "twenty minutes to get across
            # town" a journey: neither is time left in the meeting.
            continue
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 0)
        if value > 10:
            return True
    return False


def _persona(text: str, index: int, ctx: Context, hint: Hint | None = None) -> list[Event]:
    tt, per_sentence = _to_try(text, _persona_index(), hint)
    found: dict[str, Event] = {}
    for s, live in zip(tt.sentences, per_sentence, strict=True):
        for fam in live:
            if fam.kind in found:
                continue
            if fam.kind == "self_description_request" and P.NOT_SELF_DESC.search(s.norm):
                continue
            if not _match(fam, s):
                continue
            if fam.kind == "wrap_up" and (ctx.seeker_turns == 0 or _big_amount(s.norm)):
                continue
            found[fam.kind] = Event(fam.kind, index, _quote(s.orig), fam.why)
    if "wrap_up" in found:
        found.pop("time_signal", None)
    return list(found.values())


@dataclass(slots=True)  # not frozen: a frozen init costs four times more, forty per transcript
class Hint:
    """What a whole-transcript prefilter learnt about one turn (``scan_all``)."""

    live: list[list[P.Family]]
    """For each sentence, patterns of the turn's speaker that may match in it (a superset
    of those that do, in index order)."""
    profile: bool
    """The turn may name two or more of the public profile's telling words."""
    achievement: bool
    """A seeker turn may hold a ``P.ACHIEVEMENT`` match."""
    tt: TurnText
    """The turn cut into sentences (what ``turn_text`` gives)."""


class Scanner:
    """Walks turns in order, keeping the context each turn's meaning depends on."""

    def __init__(self, persona: Persona | None = None) -> None:
        self.ctx = Context()
        self.profile = _profile_for(persona)

    def feed(self, turn: Turn, index: int, hint: Hint | None = None) -> list[Event]:
        """The turn's events. A ``hint`` only saves work: the events are the same."""
        profile = self.profile if hint is None or hint.profile else None
        if turn.speaker == "seeker":
            events = _seeker(turn.text, index, self.ctx, profile, hint)
            self.ctx.seeker_turns += 1
            return events
        events = _persona(turn.text, index, self.ctx, hint)
        kinds = {e.kind for e in events}
        if "resume_request" in kinds:
            self.ctx.resume_requested = True
        self.ctx.prompted = "self_description_request" in kinds
        if profile is not None:
            tt = turn_text(turn.text) if hint is None else hint.tt
            self.ctx.profile_mentioned.update(_profile_hits(turn.text, profile, tt.keys))
        return events


def _bits(mask: int, items: Sequence[P.Family]) -> list[P.Family]:
    """The items whose bits are set in ``mask``, in index order."""
    out = []
    while mask:
        low = mask & -mask
        out.append(items[low.bit_length() - 1])
        mask ^= low
    return out


def _hints(turns: Sequence[Turn], profile: Profile | None,
           found: prefilter.Matchers) -> list[Hint | None]:
    """One prefilter pass over the seeker turns' sentences, one over the persona turns'
    and one for the profile's words; a turn gets None where its text could not be
    scanned."""
    tts = turn_texts([t.text for t in turns])
    live: dict[int, list[list[P.Family]]] = {}
    achieved: set[int] = set()
    seeker = [i for i, t in enumerate(turns) if t.speaker == "seeker"]
    persona = [i for i, t in enumerate(turns) if t.speaker != "seeker"]
    for idx, matcher, fams in ((seeker, found.seeker, P.seeker_families()),
                               (persona, found.persona, P.persona_families())):
        if not idx:
            continue
        masks = matcher.masks([s.scan for i in idx for s in tts[i].sentences])
        n = len(fams)
        every = (1 << n) - 1
        pos = 0
        for i in idx:
            got = masks[pos:pos + len(tts[i].sentences)]
            pos += len(got)
            if None in got:
                continue  # a sentence it could not scan: this turn takes the per-turn path
            live[i] = [_bits(m & every, fams) if m else [] for m in got]
            if reduce(or_, got, 0) >> n:
                achieved.add(i)  # the extra pattern after the seeker families
    # Unknown (no matcher, or text it cannot take) counts as "may name them".
    named = [profile is not None] * len(turns)
    words = (hsmatch.word_matcher(profile.words + tuple(t.pattern for _, t in profile.titles))
             if profile is not None else None)
    if profile is not None and words is not None:
        n = len(profile.words)
        every = (1 << n) - 1
        # Two telling words, or a title (the bits past the words).
        named = [m is None or (m & every).bit_count() >= 2 or m >> n > 0
                 # Folded as _profile_hits folds, so accented turns can be scanned too.
                 for m in words.masks([fold_accents(t.text).lower() for t in turns])]
    return [Hint(live[i], named[i], i in achieved, tts[i]) if i in live else None
            for i in range(len(turns))]


def scan_all(turns: Sequence[Turn], persona: Persona | None = None) -> list[list[Event]]:
    """Every turn's events, as ``Scanner.feed`` turn by turn gives them. With the
    prefilter ready (``prefilter.matchers``), a few passes over the whole transcript
    tell each turn which patterns to try first."""
    scanner = Scanner(persona)
    found = prefilter.matchers()
    if found is None:
        return [scanner.feed(turn, i) for i, turn in enumerate(turns)]
    hints = _hints(turns, scanner.profile, found)
    return [scanner.feed(turn, i, hints[i]) for i, turn in enumerate(turns)]


@lru_cache(maxsize=2048)
def _persona_context(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """What an earlier persona turn contributes to context: its event kinds (wrap-ups
    aside, which do not change how later turns read) and its word keys. Cached, so the
    engine can call ``detect_turn`` on every turn of a long session cheaply."""
    events = _persona(text, 0, Context(seeker_turns=1))
    return frozenset(e.kind for e in events), turn_text(text).keys


def detect_turn(turns: Sequence[Turn], index: int, persona: Persona | None = None) -> list[Event]:
    """Events for ``turns[index]``, read in the light of the turns before it.

    Seeker turns give the etiquette events (job_request, question, thanks...);
    persona turns give wrap_up, resume_request, self_description_request and
    time_signal. Every event carries the quote that shows it and a ``why``."""
    if not 0 <= index < len(turns):
        raise IndexError(f"turn index {index} out of range for {len(turns)} turns")
    scanner = Scanner(persona)
    ctx = scanner.ctx
    for i in range(index):
        turn = turns[i]
        if turn.speaker == "seeker":
            ctx.seeker_turns += 1
            continue
        kinds, keys = _persona_context(turn.text)
        if "resume_request" in kinds:
            ctx.resume_requested = True
        ctx.prompted = "self_description_request" in kinds
        if scanner.profile is not None:
            ctx.profile_mentioned.update(_profile_hits(turn.text, scanner.profile, keys))
    return scanner.feed(turns[index], index)
