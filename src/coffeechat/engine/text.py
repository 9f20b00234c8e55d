"""Small text helpers shared by the engine: sentences, words, stems."""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st vs etc e.g i.e inc co jr sr no prof approx dept u.s a.m p.m".split()
)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def _is_abbreviation(before: str) -> bool:
    token = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.strip() else ""
    token = token.lstrip("(\"'“‘")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


class SentenceSplitter:
    """Cuts streamed text into sentences as soon as each one is complete: a
    terminal mark followed by whitespace, or a line break. ``rest`` is the
    unfinished tail."""

    def __init__(self) -> None:
        self.rest = ""

    def feed(self, chunk: str) -> list[str]:
        self.rest += chunk
        out: list[str] = []
        while True:
            cut = self._next_cut()
            if cut is None:
                return out
            piece, self.rest = self.rest[:cut], self.rest[cut:]
            piece = piece.strip()
            if piece:
                out.append(piece)

    def _next_cut(self) -> int | None:
        newline = self.rest.find("\n")
        for match in _END.finditer(self.rest):
            if newline != -1 and newline < match.start():
                break
            if match.group().startswith(".") and _is_abbreviation(self.rest[: match.start()]):
                continue
            return match.end()
        if newline != -1:
            return newline + 1
        return None


def split_sentences(text: str) -> list[str]:
    """Complete sentences of ``text``, with an unfinished tail as the last item."""
    splitter = SentenceSplitter()
    parts = splitter.feed(text + "\n")
    return parts


def ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?…][\"'”’)\]]*\s*$", text))


def words(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits, inner apostrophes kept)."""
    return _WORD.findall(text.lower().replace("’", "'"))


def normalise(text: str) -> str:
    """For comparing sentences: lower case, words only."""
    return " ".join(words(text))


def stem(word: str) -> str:
    """A light suffix stripper so "careers", "hiring" and "hired" meet "career"
    and "hire". Deliberately crude: it only has to make keywords meet."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: -len(suffix)] + keep
            if suffix == "s" and w.endswith("ss"):
                continue
            if suffix == "es" and not re.search(r"(ss|x|ch|sh|z)$", base):
                base = w[:-1]  # "roles" -> "role", not "rol"
            if suffix in ("ing", "ed") and len(base) >= 3 and base[-1] == base[-2] \
                    and base[-1] not in "ls":
                base = base[:-1]  # "planned" -> "plan"
            return _e_fold(base)
    return _e_fold(w)


def _e_fold(w: str) -> str:
    # "hire" and "hir(ing)" meet at "hir"; "manage"/"manag(ed)" at "manag".
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


def similarity(a: str, b: str) -> float:
    """Word-set overlap (Jaccard) of two sentences, 0..1."""
    sa, sb = set(words(a)), set(words(b))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)
