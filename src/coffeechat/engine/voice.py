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
    out = out[0].upper() + out[1:]
    if not re.search(r"[.!?…][\"'”’)]*$", out):
        out += "."
    return out
