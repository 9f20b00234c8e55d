"""Text plumbing for the detectors: normalising, sentence and clause splitting,
negation scopes and question shape. Plain functions over strings, built for
speed (the scorer runs tens of thousands of turns a second)."""

from __future__ import annotations

import re
from functools import lru_cache

from coffeechat.scoring import hsmatch

# Curly quotes, accents and dashes folded so patterns can be written in plain ASCII.
_FOLD_PAIRS = (
    ("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("`", "'"), ("\u201c", '"'),
    ("\u201d", '"'), ("\u00e9", "e"), ("\u00e8", "e"), ("\u00ea", "e"), ("\u00e1", "a"),
    ("\u00e0", "a"), ("\u00ed", "i"), ("\u00f3", "o"), ("\u00fa", "u"), ("\u00f1", "n"),
    ("\u00e7", "c"), ("\u00fc", "u"), ("\u00f6", "o"), ("\u2013", " - "), ("\u2014", " - "),
    ("\u2026", ". "), ("\u00a0", " "),
)


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text.translate`` of the pairs, for non-ASCII text: there ``str.translate`` looks
    every character up in a dict (about 70 ns each), while a ``replace`` per character
    present is a C search. No replacement holds a character of the pairs, so the order
    does not matter."""
    for c, f in pairs:
        if c in text:
            text = text.replace(c, f)
    return text


# Contractions spelled out so patterns need only one form ("i am", "do not"). Done with
# plain replaces and small literal-led regexes: far cheaper than one regex with callbacks.
# Each regex opens with the literal it needs, checking what comes before it with a
# lookbehind after the fact: the regex engine then skips to that literal in C instead of
# trying the lookbehind at every character.
_NT = re.compile(r"n't(?<=\wn't)\b")
_SUFFIX_SUBS = tuple((f"'{suf}", re.compile(rf"'{suf}(?<=\w'{suf})\b"), f" {full}")
                     for suf, full in (("m", "am"), ("re", "are"), ("ve", "have"), ("ll", "will"),
                                       ("d", "would")))
_IS_WORDS = (
    "it that what there here who where how he she this everyone everything nothing "
    "something someone anyone anything nobody life whoever whatever when why somebody "
    "everybody anybody one"
).split()
# "it's" -> "it is": the "'s" after one of these words (replaced with a constant, so no
# per-match template expansion).
_IS = re.compile("'s(?:" + "|".join(rf"(?<=\b{w}'s)" for w in _IS_WORDS) + r")\b")
_SHORTHAND = {
    "u": "you", "ur": "your", "r": "are", "ya": "you", "pls": "please", "plz": "please",
    "rn": "right now", "tbh": "to be honest", "ngl": "honestly", "idk": "i do not know",
    "lmk": "let me know", "abt": "about", "bc": "because", "cuz": "because", "coz": "because",
    "ty": "thank you", "tysm": "thank you so much", "thnx": "thanks", "thanx": "thanks",
    "ppl": "people", "b4": "before", "wud": "would", "wld": "would", "cud": "could",
    "shud": "should", "smth": "something", "sth": "something", "imo": "in my opinion",
    "btw": "by the way", "rly": "really", "shd": "should", "cld": "could", "hmu": "hit me up",
    "im": "i am", "ive": "i have", "youre": "you are",
    "youve": "you have", "youd": "you would", "theyre": "they are", "thats": "that is",
    "whats": "what is", "theres": "there is", "dont": "do not", "cant": "can not",
    "wont": "will not", "isnt": "is not", "arent": "are not", "didnt": "did not",
    "doesnt": "does not", "wasnt": "was not", "werent": "were not", "havent": "have not",
    "hasnt": "has not", "couldnt": "could not", "wouldnt": "would not",
    "shouldnt": "should not",
}
# "id" is "I'd" only before what usually follows it ("my ID badge" is left alone).
_ID = re.compile(r"id(?<=\bid)(?= (?:love|like|be|really|rather|want|say|need|have|"
                 r"appreciate|hate|prefer|probably|definitely|never|just|also)\b)")
# Not inside "u.s.", "r&d", "u-turn" or "r/place".
_SHORTHAND_SUBS = {w: re.compile(rf"{re.escape(w)}(?<=\b{re.escape(w)})\b(?![.'&/-]\w)"
                                 rf"(?<![.'&/-]{re.escape(w)})")
                   for w in _SHORTHAND}
# Everything but letters and digits becomes a space, so split() gives the words.
_WORDS_ONLY = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})
_SPACES = re.compile(r"\s+")


_SHORTHAND_WORDS = tuple(_SHORTHAND)
_SHORTHAND_FINDER = tuple(rf"\b{re.escape(w)}\b" for w in _SHORTHAND_WORDS)


def _shorthand_in(low: str) -> list[str]:
    """The shorthand words ``low`` holds (perhaps a few more, which their regexes then
    turn away): one Hyperscan pass where it can, else one split into words."""
    finder = hsmatch.word_matcher(_SHORTHAND_FINDER)
    mask = finder.found(low) if finder is not None else None
    if mask is None:
        return shorthand_in_words(low)
    out = []
    while mask:
        bit = mask & -mask
        out.append(_SHORTHAND_WORDS[bit.bit_length() - 1])
        mask ^= bit
    return out


def shorthand_in_words(low: str) -> list[str]:
    """``_shorthand_in`` without Hyperscan: the text's words, each looked up."""
    return sorted(_SHORTHAND.keys() & set(low.translate(_WORDS_ONLY).split()))


def _shorthand(low: str) -> str:
    for word in _shorthand_in(low):
        low = _SHORTHAND_SUBS[word].sub(_SHORTHAND[word], low)
    if "id " in low:
        low = _ID.sub("i would", low)
    return low


def _contractions(low: str) -> str:
    if "n't" in low:
        low = (low.replace("won't", "will not").replace("can't", "can not")
               .replace("shan't", "shall not").replace("ain't", "is not"))
        low = _NT.sub(" not", low)
    for marker, pattern, full in _SUFFIX_SUBS:
        if marker in low:
            low = pattern.sub(full, low)
    if "'s" in low:
        low = _IS.sub(" is", low.replace("let's", "let us"))
    return low


_HSPACES = re.compile(r"[^\S\n]+")


def _fold(text: str) -> str:
    low = text.lower()
    if not low.isascii():
        low = _replace_all(low, _FOLD_PAIRS)
    elif "`" in low:
        low = low.replace("`", "'")
    if "'" in low:
        low = _contractions(low)
    return _shorthand(low)


def fold_accents(text: str) -> str:
    """Curly quotes, accented letters and dashes as plain ASCII ("Nestlé" -> "Nestle")."""
    return _replace_all(text, _FOLD_PAIRS) if not text.isascii() else text


def normalise(text: str) -> str:
    """Lower case, ASCII quotes and accents, contractions spelled out, single spaces."""
    low = _fold(text)
    # Any whitespace but " " is unprintable: without it and without "  " there is nothing
    # to squeeze, and the regex would only cost time.
    if "  " in low or not low.isprintable():
        low = _SPACES.sub(" ", low)
    return low.strip()


# A sentence ends at . ! ? (followed by space) or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


class Sentence:
    """One sentence of a turn: the original words (for quotes) and the normalised form.
    ``asks`` and ``keys`` are worked out on first use: most sentences never need them."""

    __slots__ = ("orig", "norm", "scan", "_asks", "_keys")

    def __init__(self, orig: str, norm: str, scan: str | None = None) -> None:
        self.orig = orig
        self.norm = norm
        self.scan = " " + space_glued(norm) if scan is None else scan
        """What patterns run on: ``norm`` with a space before every word, so a pattern can
        open with a literal space (fast) instead of \\b."""
        self._asks: bool | None = None
        self._keys: frozenset[str] | None = None

    @property
    def asks(self) -> bool:
        """Ends with a question mark or opens like a question or a request for information."""
        if self._asks is None:
            self._asks = _asks(self.orig, self.norm)
        return self._asks

    @property
    def keys(self) -> frozenset[str]:
        """First four letters of each word: what pattern anchors are matched against."""
        if self._keys is None:
            self._keys = scan_keys(self.norm)
        return self._keys

    def __repr__(self) -> str:
        return f"Sentence({self.orig!r})"


# Punctuation glued to the start of a word ("(hiring", '"are') gets a space after it.
_GLUERS = "'\"([/-"
# One literal-led regex per character, replaced with a constant: what
# ``(?<![a-z0-9])(['"(\[/-])(?=[a-z0-9])`` -> ``\1 `` does, several times faster.
_GLUE_SUBS = tuple(
    (c, re.compile(re.escape(c) + r"(?<![a-z0-9]" + re.escape(c) + r")(?=[a-z0-9])"), c + " ")
    for c in _GLUERS)


def space_glued(text: str) -> str:
    """A space after punctuation glued to a word's start; only the characters present
    cost a pass."""
    for c, pattern, rep in _GLUE_SUBS:
        if c in text:
            text = pattern.sub(rep, text)
    return text


class TurnText:
    """A turn cut into sentences, normalised in one go. ``norm`` joins the sentences'
    normalised forms with line breaks, so one regex pass can test a whole turn."""

    __slots__ = ("sentences", "_norm", "_keys")

    def __init__(self, sentences: tuple[Sentence, ...]) -> None:
        self.sentences = sentences
        self._norm: str | None = None
        self._keys: frozenset[str] | None = None

    @property
    def norm(self) -> str:
        if self._norm is None:  # worked out on first use: the fast path never needs it
            self._norm = "\n".join(s.scan for s in self.sentences)
        return self._norm

    @property
    def keys(self) -> frozenset[str]:
        if self._keys is None:
            self._keys = scan_keys(self.norm)
        return self._keys


# When none of these occur, splitting at ". " "? " "! " gives what _SENTENCE_END gives.
_SPLIT_NEEDS_REGEX = re.compile(r"[.!?][\"')\]]|\s\s|[\t\n\r\f\v]")
# In printable ASCII the only space is " ", so the same test is a substring test and one
# charset-led regex (cheap: the engine skips to the punctuation in C).
_CLOSER_AFTER_END = re.compile(r"[.!?][\"')\]]")


def _simple_split(text: str) -> bool:
    if not text.isascii():
        return False
    if text.isprintable():
        return "  " not in text and _CLOSER_AFTER_END.search(text) is None
    return _SPLIT_NEEDS_REGEX.search(text) is None


# Titles whose full stop does not end a sentence ("Thanks, Mr. Sorensen").
_TITLES = frozenset({"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "e.g.", "i.e."})


def _raw_sentences(text: str) -> list[str]:
    if _simple_split(text):
        parts = text.replace(". ", ".\n").replace("? ", "?\n").replace("! ", "!\n").split("\n")
    else:
        parts = _SENTENCE_END.split(text)
    out: list[str] = []
    for raw in parts:
        part = raw.strip()
        if not part:
            continue
        if out and out[-1].rsplit(None, 1)[-1].lower() in _TITLES:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def split_sentences(text: str) -> list[Sentence]:
    origs = _raw_sentences(text)
    if not origs:
        return []
    folded = _fold("\n".join(origs))
    lines = folded.split("\n")
    if len(lines) != len(origs):  # a fold changed the line structure: do it one by one
        lines = [normalise(o) for o in origs]
    elif ("  " not in folded and "\t" not in folded and "\r" not in folded
          and folded.isascii()):
        # Single spaces already: glue the whole turn in one pass. Gluing only adds a space
        # between punctuation and a letter, never at a line's edge, so it commutes with
        # cutting into lines and stripping them.
        scans = space_glued(folded).split("\n")
        return [Sentence(orig, line.strip(), " " + scan.strip())
                for orig, line, scan in zip(origs, lines, scans, strict=True) if line.strip()]
    out = []
    for orig, line in zip(origs, lines, strict=True):
        if "  " in line or "\t" in line or "\r" in line or not line.isascii():
            line = _HSPACES.sub(" ", line)
        norm = line.strip()
        if norm:
            out.append(Sentence(orig, norm))
    return out


# Without an apostrophe a token is a run of letters and digits, so its key (first four
# characters) can be captured by the regex itself, with no slicing in Python.
_KEY = re.compile(r"([a-z0-9]{1,4})[a-z0-9]*")


def scan_keys(scan: str) -> frozenset[str]:
    """First four characters of every ``_TOKEN`` in ``scan``, and of every run of letters
    and digits: a pattern's word can sit inside a token with an apostrophe ("i" in "0'i",
    where ``\b`` finds it), and the keys only pick which patterns to try."""
    keys = _KEY.findall(scan)
    if "'" in scan:
        keys += [t[:4] for t in _TOKEN.findall(scan)]
    return frozenset(keys)


@lru_cache(maxsize=4096)
def turn_text(text: str) -> TurnText:
    """Cached: the engine and the scorer often look at the same turn twice."""
    return TurnText(tuple(split_sentences(text)))


# Deleting these bytes leaves nothing of a text made of printable ASCII and separators.
_PRINTABLE_OR_TURN = bytes(range(0x20, 0x7F)) + b"\x1e"
# Sentence ends become "." and closing quotes and brackets ")": one search for ".)" then
# finds what _CLOSER_AFTER_END finds (bytes passes in C, where the regex tries every
# character).
_ENDS_AND_CLOSERS = bytes.maketrans(b"!?\"']", b"..)))")


def _bulk_simple(text: str, separators: int) -> bool:
    if not text.isascii() or "  " in text or text.count("\x1e") != separators:
        return False
    raw = text.encode("ascii")
    return not raw.translate(None, _PRINTABLE_OR_TURN) and (
        b".)" not in raw.translate(_ENDS_AND_CLOSERS))


# A title right before a cut in lower-cased text (_raw_sentences joins those parts back):
# led by the literal the cut leaves, so the regex engine skips from cut to cut in C.
_TITLE_CUT = re.compile(r"\.\n(?:" + "|".join(
    rf"(?<=^{re.escape(t[:-1])}\.\n)|(?<=[ \n\x1e]{re.escape(t[:-1])}\.\n)"
    for t in sorted(_TITLES)) + ")")
_TURN = "\n\x1e\n"


# Accented letters and curly quotes that fold to one ASCII character, in either case: a
# text that reads as printable ASCII through these cuts into sentences as its ASCII self
# does ("résumé", "it’s"). Spaces, dashes and ellipses are left out: they change how a
# text cuts or spaces.
_ONE_TO_ONE = tuple((c, f) for c, f in _FOLD_PAIRS
                    if len(f) == 1 and not c.isascii() and not f.isspace())
_AS_ASCII = _ONE_TO_ONE + tuple(
    (c.upper(), f.upper()) for c, f in _ONE_TO_ONE
    if len(c.upper()) == 1 and c.upper() != c and c.upper().lower() == c)


def _bulk_ready(text: str, separators: int) -> bool:
    """Can ``turn_texts`` cut and fold this text in bulk?"""
    return _bulk_simple(text if text.isascii() else _replace_all(text, _AS_ASCII), separators)


def turn_texts(texts: list[str]) -> list[TurnText]:
    """``turn_text`` of each text, cut and folded all at once where they take
    ``split_sentences``' simple path (printable ASCII once accents fold, single spaces, no
    closing quote after a full stop, no title such as "Mr." before a cut): a few passes
    over the joined text in C instead of a dozen per turn. Others go turn by turn. Same
    result either way."""
    joined = "\x1e".join(texts)
    if not _bulk_ready(joined, len(texts) - 1):
        # Bulk the turns that can be, the others one by one.
        simple = [k for k, t in enumerate(texts) if _bulk_ready(t, 0)]
        if not simple or len(simple) == len(texts):
            return [turn_text(t) for t in texts]
        bulk = dict(zip(simple, turn_texts([texts[k] for k in simple]), strict=True))
        return [bulk[k] if k in bulk else turn_text(t) for k, t in enumerate(texts)]
    # Each turn separated by a line of its own, so one split gives every part.
    cut = (joined.replace(". ", ".\n").replace("? ", "?\n").replace("! ", "!\n")
           .replace("\x1e", _TURN))
    # Folding and gluing never add or remove a line break or a separator, and each works
    # within a word and its neighbours, so they commute with the cutting.
    folded = _fold(cut)
    if "  " in folded or not folded.isascii():  # the regex path handles those
        return [turn_text(t) for t in texts]
    out: list[TurnText] = []
    sents: list[Sentence] = []
    for o, f, g in zip(cut.split("\n"), folded.split("\n"), space_glued(folded).split("\n"),
                       strict=True):
        if o == "\x1e":
            out.append(TurnText(tuple(sents)))
            sents = []
            continue
        o = o.strip()
        if o:
            sents.append(Sentence(o, f.strip(), " " + g.strip()))
    out.append(TurnText(tuple(sents)))
    for m in _TITLE_CUT.finditer(folded):
        k = folded.count("\x1e", 0, m.start())
        out[k] = turn_text(texts[k])
    return out


def sentences(text: str) -> tuple[Sentence, ...]:
    return turn_text(text).sentences


def tokens(norm: str) -> list[str]:
    return _TOKEN.findall(norm)


# --- questions -------------------------------------------------------------------------

_WH = frozenset("what how why where who whom whose which when".split())
_AUX = frozenset(
    "is are am was were do does did can could would will should shall have has had may might"
    .split()
)
_SUBJECT = frozenset(
    "you i we they there it he she people anyone someone your this that these those most "
    "everyone companies employers teams managers folks things".split()
)
# Requests for information that do not end in a question mark ("tell me about...",
# "I'd love to hear how..."), at the start of a sentence or of a clause in it.
_REQUEST_CORE = (
    r"(?:(?:could|can|would|will) you (?:please )?|please |if you (?:could|would|do not mind),? )?"
    r"(?:tell me|walk me through|talk me through|take me through|describe|explain|share|"
    r"help me understand|say (?:a bit |a little )?more|give me (?:a sense|an idea|a picture)|"
    r"paint (?:me )?a picture|fill me in|"
    r"i would (?:\w+ )?(?:love|like|be (?:curious|interested|keen|glad)) to (?:hear|know|learn|"
    r"understand|get your|find out|ask)|"
    r"(?:i )?(?:really |just |also |mainly |mostly )?(?:want|wanted) to (?:hear|know|ask|learn)|"
    r"i (?:am|was) (?:\w+ ){0,2}(?:curious|wondering|interested to (?:hear|know))|i wonder|"
    r"(?:just |really |also |so )?(?:curious|wondering) (?:about|what|how|why|whether|if|"
    r"which|where|who|when)\b|"
    r"i (?:also )?wanted to ask|can i ask|may i ask|i have a question|"
    r"i (?:was|am) hoping (?:that )?you (?:might|would|could|can)(?: be willing to| be able to)? "
    r"(?:share|tell|explain|walk|describe|say)|"
    r"any (?:advice|tips|thoughts|suggestions|recommendations|pointers|ideas)|"
    r"what about|how about|"
    r"i would (?:\w+ )?(?:love|like|appreciate|value|welcome) (?:your|to get your|to hear your|"
    r"any) (?:honest )?(?:take|thoughts|perspective|view|advice|opinion|read|feedback|input|"
    r"guidance))"
)
_LEADERS = (r"(?:(?:so|and|also|okay|ok|well|now|oh|great|cool|right|actually|then|first|lastly|"
            r"finally|and finally|one more thing|last question|one last thing|basically|honestly)"
            r"[, ]+)*")
_REQUEST_OPENER = re.compile(r"^" + _LEADERS + _REQUEST_CORE)
_REQUEST_CLAUSE = re.compile(r"(?:[,;:] |\b(?:and|so|but|because|since) )" + _REQUEST_CORE)
_TAG_ONLY = re.compile(
    r"^(?:(?:oh|wow|ah|huh|hm+|and|so)[, ]*)*(?:really|right|seriously|is that so|is that right|"
    r"you know|know what i mean|does that make sense|if that makes sense|make sense|huh|no way|"
    r"is not it|do not you think|am i right|yeah|okay|ok|sorry|pardon)[?!. ]*$"
)
_LEAD_FILLER = re.compile(
    r"^(?:(?:so|and|also|okay|ok|well|now|oh|great|cool|right|actually|then|sure|yes|yeah|"
    r"got it|i see|interesting|that makes sense|makes sense|thanks|thank you|perfect|wow|"
    r"fair enough|understood|one more thing|(?:first|next|another|my|one|a|last|one last|"
    r"final|quick) (?:quick )?question|"
    r"lastly|finally|and finally|first|but|hmm|ah)[,.!:; -]+)+"
)


def strip_lead(norm: str) -> str:
    """Drop discourse fillers ("so,", "okay,") from the start of a sentence."""
    m = _LEAD_FILLER.match(norm)
    return norm[m.end():] if m else norm


# "..., you know?" is a filler; "..., do you know?" asks.
_FILLER_TAG = re.compile(r"(?:,|\.\.\.|-)? ?(?:(?<!do )(?<!would )(?<!did )you know|"
                         r"know what i mean|if that makes sense)[?!. ]*$")


_CLAUSE_HINTS = re.compile(
    r"tell|walk|talk|take me|describe|explain|share|help me|say |give me|paint|fill me|love|"
    r"like|want|curious|wonder|interested|ask|question|any |about|appreciate|value|welcome|"
    r"keen|glad"
)


def _asks(orig: str, norm: str) -> bool:
    tail = orig.rstrip(" \"')]*")
    if tail.endswith("?"):
        # Every _FILLER_TAG match holds "know" or "makes sense": skip the search without.
        return not _TAG_ONLY.match(norm) and not (
            ("know" in norm or "makes sense" in norm) and _FILLER_TAG.search(norm))
    if _TAG_ONLY.match(norm):
        return False
    core = strip_lead(norm)
    if _REQUEST_OPENER.match(core):
        return True
    # A request clause opens after ", " "; " ": " or and/so/but/because/since: substring
    # tests turn most sentences away before either regex runs.
    if (("and " in core or ", " in core or "so " in core or "but " in core or "; " in core
         or ": " in core or "because " in core or "since " in core)
            and _CLAUSE_HINTS.search(core) and _REQUEST_CLAUSE.search(core)):
        return True
    # A question typed without its mark, after a comma: "..., what was that like",
    # "..., is it ok for beginners" (not "..., which is why": a relative clause).
    if ", " in core and _CLAUSE_QUESTION.search(core):
        return True
    first, _, rest = core.partition(" ")
    second = rest.split(" ", 1)[0] if rest else ""
    if first in _WH:
        # "What I want is..." is a statement; "What skills matter?" is a question.
        return second not in {"i", "we", "he", "she", "they", "it", "you", "a", "an", "the"}
    if first in _AUX:
        return second in _SUBJECT
    return False


_CLAUSE_QUESTION = re.compile(
    r"[,;] (?:(?:what|how|why)(?: much| many| long| often)? (?:is|was|are|were|do|does|did|"
    r"would|could|should|can|will|has|have|had)|(?:where|when|who|which) (?:do|does|did|would|"
    r"could|should|can)|(?:is|are|was|were|do|does|did|can|could|would|will|should|has|have) "
    r"(?:it|that|this|there|you|they|he|she))\b"
)


_OPEN_START = re.compile(
    r"^(?:what|how|why|where|who|whom|whose|which|when|tell me|walk me|talk me|take me|describe|"
    r"explain|share|help me|say more|give me|paint|fill me|i would|i am|i was|i wonder|"
    r"(?:could|can|would|will) you (?:please )?(?:tell|walk|talk|take|describe|explain|share|"
    r"help|say|give|paint|fill)|please|any|in what|from what|at what|for what|of all|"
    r"if you (?:were|had|could))"
)


def is_open_question(norm: str) -> bool:
    """An open question cannot be answered with yes or no."""
    return bool(_OPEN_START.match(strip_lead(norm)))


# --- negation -------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    r"[,;:()\"\n]| - | (?:but|though|although|however|except|so|yet|because|since|whereas|"
    r"while|and then|unless|instead)\b"
)
_NEG_CUE = re.compile(
    r"\b(?:not|never|no|nor|without|neither|rather than|instead of|last thing|far from|"
    r"hardly|nothing|nobody|no one)\b"
)
# Negative words that do not negate what follows ("I don't know if you're hiring").
_NEG_HEDGE = re.compile(
    r"\b(?:not sure|not certain|do not know (?:if|whether|how|what)|did not know (?:if|whether)|"
    r"do not suppose|would not mind|do not mind|not to be (?:pushy|rude|forward)|no pressure|"
    r"no worries|no rush|why not|not only|no doubt|(?:would|could|will|can|do|does|is|are|"
    r"should) not (?:you|your|there|the|it)|no matter|not yet sure|never mind|"
    r"if not|or not|whether or not|no longer|not just|nothing (?:opens|comes|is open)|"
    r"(?:not|never) regret|can not thank you|can not stand|could not stand|"
    r"(?:can|could) not (?:pay|afford|cover)|no other|not (?:one|a single)|"
    r"not (?:too much )?(?:trouble|a bother|a problem|an imposition|too much to ask))\b"
)
_POST_NEG = re.compile(
    r"^[^,;:\n]{0,40}?\b(?:is|are|was|would be|will be) (?:not|never|the last thing|not at all)\b"
    r"(?! (?:a|an|the|too|very|so|that|easy|possible|only|just)\b)"
)


def negated(norm: str, start: int, end: int = -1, window: int = 60) -> bool:
    """Is the match at ``start`` inside a negation scope? The scope is the clause the
    match sits in, up to ``window`` characters before it, or a trailing "... is not
    (why I'm here)" right after it."""
    lo = max(0, start - window)
    before = norm[lo:start]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(before):
        cut = m.end()
    scope = before[cut:]
    if _NEG_CUE.search(scope):
        hedged = _NEG_HEDGE.sub(" ", scope)
        if _NEG_CUE.search(hedged):
            return True
    if end >= 0 and _POST_NEG.match(norm[end:end + 60]):
        return True
    return False


def first_unnegated(pattern: re.Pattern[str], norm: str) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``norm`` that no negation covers."""
    for m in pattern.finditer(norm):
        if not negated(norm, m.start(), m.end()):
            return m
    return None


# --- words ----------------------------------------------------------------------------

# ASCII fast path: delete every character that is neither a letter, a digit nor a space
# (bytes.translate runs in C), map the separators bytes.split does not know (\x1c-\x1f) to
# spaces, and count what is left: a token without a letter or digit vanishes.
_WS_TO_SPACE = bytes(32 if chr(c).isspace() else c for c in range(256))
_NOT_WORD_CHARS = bytes(c for c in range(128) if not chr(c).isalnum() and not chr(c).isspace())


def word_count(text: str) -> int:
    """Same count as ``coffeechat.transcript.count_words``: whitespace-separated tokens
    holding a letter or digit."""
    if text.isascii():
        return len(text.encode("ascii").translate(_WS_TO_SPACE, _NOT_WORD_CHARS).split())
    toks = text.split()
    n = len(toks)
    for tok in toks:
        if not tok[0].isalnum() and not tok[-1].isalnum() and not any(
                ch.isalnum() for ch in tok):
            n -= 1
    return n
