"""Turn a coach's third-person notes into the persona's first person.

Coaches write knowledge points as notes ("Started in sales at Nestle",
"She says most briefs are four pages of wishes"). A small model copies the
facts it is given almost word for word, so giving them in the first person
("I started in sales at Nestle") keeps its reply in character.
"""

from __future__ import annotations

import re

from coffeechat.content.models import Persona

_IRREGULAR_PAST = frozenset(
    "ran led spent took made began left built grew wrote went got won became moved "
    "sold taught met found gave kept learned learnt lost paid saw set told thought "
    "brought bought chose felt heard held knew quit read rose sat spoke stood swore "
    "tried was worked joined started graduated".split()
)
_VERB_3RD = {"is": "am", "has": "have", "does": "do", "goes": "go", "was": "was",
             "says": "say", "isn't": "am not", "doesn't": "don't", "hasn't": "haven't",
             "wasn't": "wasn't"}
_AFTER_OBJECT = "|".join(
    "how to into about that and or in on at with from for the a an as back up out off "
    "over through when why what where if because".split()
)
_NOT_VERBS = frozenset("always also still often never only just really now usually".split())

# A second verb joined to an "I" clause ("I mentor two associates and wants
# to...") must agree too. "and sales", "and costs", "and associates at my
# firm" are nouns, so a word after "and"/"but" only counts as a verb when:
# it is never a noun (is, has); or it is a verb that is rarely a plural noun
# and is followed by what follows a verb (an object, "to", a preposition);
# or, any other -s word, followed by an object ("and mentors two associates").
_NEVER_NOUNS = frozenset("is has does says goes isn't hasn't doesn't".split())
_RARELY_NOUNS = frozenset(
    "wants needs tries spends thinks believes knows seems becomes teaches manages "
    "sends writes speaks enjoys loves hates helps gives gets keeps tells brings finds "
    "sees feels lets sells pays learns stays works likes makes takes buys meets "
    "travels visits".split()
)
_PLURAL_NOUNS = frozenset(
    "sales news costs series means species ethics economics politics physics "
    "statistics analytics logistics operations finances goods earnings savings "
    "odds thanks premises headquarters clothes".split()
)
_OBJECT_START = frozenset(
    "a an the my your his her its our their this that these those every each some "
    "any all both no one two three four five six seven eight nine ten twelve "
    "twenty dozens hundreds me him them it us".split()
)
_VERB_FOLLOWER = _OBJECT_START | frozenset(
    "to with on at in for about from into up out back off over through around "
    "across under hard well".split()
)
# Words that end the "I" clause: a new subject or a clause of its own
# ("someone who wants ... and has", "I say the team works and has").
_CLAUSE_END = re.compile(
    r"[.;:!?()\"]|\s[-\u2013\u2014]\s|\u2014|\b(?:who|which|that|whose|where|when|while|"
    r"because|if|so|than|though|although|I|you|we|they|he|she)\b"
)
# "I think/say/know X and has": what follows is someone else's clause.
_REPORTING = frozenset(
    "say think believe know feel find hope guess suppose notice mean expect warn tell "
    "said thought believed knew felt found hoped noticed learned learnt realised "
    "realized warned told wish agree argue argued doubt".split()
)
_JOINED = re.compile(
    rf"\b(?:and|but)\s+(?:(?:{'|'.join(sorted(_NOT_VERBS))})\s+)?([a-z']+)\b"
    r"(?=(?:\s+([A-Za-z0-9']+))?)"  # the next word, left for the next match
)


def _base_verb(word: str) -> str:
    lower = word.lower()
    if lower in _VERB_3RD:
        return _VERB_3RD[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if re.search(r"(ss|sh|ch|x|z|o)es$", lower):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 2:
        return lower[:-1]
    return lower


def _agree(rest: str) -> str:
    """Make the verb after a new "I" agree: "leads" -> "lead", "is" -> "am"
    (skipping an adverb: "always says" -> "always say")."""
    m = re.match(r"(\s+)([A-Za-z']+)(\s+[A-Za-z']+)?", rest)
    if not m:
        return rest
    first = m.group(2)
    if first.lower() in _NOT_VERBS and m.group(3):
        second = m.group(3).strip()
        return (m.group(1) + first + " " + _base_verb(second)
                + rest[m.end(3):])
    return m.group(1) + _base_verb(first) + rest[m.end(2):]


def _joined_verb(word: str, following: str | None) -> bool:
    """Is ``word``, after "and"/"but" in an "I" clause, a third-person verb?"""
    if word in _NEVER_NOUNS:
        return True
    if word in _PLURAL_NOUNS or not word.endswith("s") or _base_verb(word) == word:
        return False
    nxt = (following or "").lower()
    if nxt.isdigit() or nxt in _OBJECT_START:
        return True
    return word in _RARELY_NOUNS and nxt in _VERB_FOLLOWER


def _agree_joined(text: str) -> str:
    """"I lead a team and mentors two associates" -> "... and mentor two ..."."""
    out = text
    for subject in reversed(list(re.finditer(r"\bI(?=\s)", text))):
        start = subject.end()
        end = _CLAUSE_END.search(out, start)
        scope = out[start:end.start() if end else len(out)]
        words = [w for w in scope.lower().split() if w not in _NOT_VERBS]
        if words and words[0] in _REPORTING:
            continue

        def fix(m: re.Match[str]) -> str:
            if not _joined_verb(m.group(1), m.group(2)):
                return m.group(0)
            return m.group(0)[: m.start(1) - m.start(0)] + _base_verb(m.group(1))

        out = out[:start] + _JOINED.sub(fix, scope) + out[start + len(scope):]
    return out


def first_person(text: str, persona: Persona | None = None) -> str:
    """The note in the persona's own voice, as one tidy sentence or more."""
    out = " ".join(text.split())
    if not out:
        return out
    names = []
    if persona is not None:
        names = [re.escape(persona.name), re.escape(persona.name.split()[0])]
    # "She says (that) X" -> "X": the speaker is the persona already.
    out = re.sub(r"\b(?:She|He) (?:says|thinks|believes|notes|finds)(?: that)? ([a-z])",
                 lambda m: m.group(1).upper(), out)
    out = re.sub(r"\b(?:she|he) (?:says|thinks|believes)(?: that)? ", "I'd say ", out)
    out = re.sub(r"\b(and|but) (?:says|thinks|believes)\b", r"\1 I'd say", out)
    for name in names:
        out = re.sub(rf"\b{name}'s\b", "my", out)
        out = re.sub(rf"\b{name}\b(?=\s)", "I", out)
    # Subject pronouns, then fix the verb that follows each new "I".
    out = re.sub(r"\b(She|He|she|he)\b(?=\s)", "I", out)
    out = re.sub(r"\bI(\s+[A-Za-z']+(?:\s+[A-Za-z']+)?)",
                 lambda m: "I" + _agree(m.group(1)), out)
    out = re.sub(r"\b(herself|himself)\b", "myself", out)
    out = re.sub(r"\b(?:her|his) own\b", "my own", out)
    out = re.sub(r"\bhers\b", "mine", out)
    # "taught her how", "asked her to": "her" before these words is an object.
    out = re.sub(rf"\bher\b(?=\s+(?:{_AFTER_OBJECT})\b)", "me", out)
    # "her team" -> "my team"; a trailing "her" is an object -> "me".
    out = re.sub(r"\b(her|his)\b(?=\s+[A-Za-z0-9])", "my", out)
    out = re.sub(r"\b(Her|His)\b(?=\s+[A-Za-z0-9])", "My", out)
    out = re.sub(r"\b(her|him)\b", "me", out)
    # Subject-less notes starting with a past-tense verb: "Started in sales".
    first = out.split(" ", 1)[0]
    bare = first.rstrip(",").lower()
    if first[:1].isupper() and (bare in _IRREGULAR_PAST or
                                (bare.endswith("ed") and len(bare) > 4)):
        out = "I " + first[0].lower() + first[1:] + out[len(first):]
    out = _agree_joined(out)
    out = out[0].upper() + out[1:]
    if not re.search(r"[.!?…][\"'”’)]*$", out):
        out += "."
    return out
