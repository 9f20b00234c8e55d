"""Property tests: no text or turn sequence crashes the detectors or the scorer."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.scoring import score
from coffeechat.scoring.detect import detect_turn
from coffeechat.scoring.hsmatch import scannable as _scannable
from coffeechat.scoring.report import Evidence, Report, RuleResult
from coffeechat.scoring.scorer import _construct
from coffeechat.scoring.text import (
    _SHORTHAND,
    _SHORTHAND_SUBS,
    Sentence,
    _bulk_simple,
    _shorthand_in,
    normalise,
    scan_keys,
    shorthand_in_words,
    space_glued,
    split_sentences,
    word_count,
)
from coffeechat.transcript import Transcript, Turn, count_words

# Plain text, plus words and punctuation the patterns care about, so generated turns
# actually reach the interesting code paths.
VOCAB = ["hiring", "résumé", "job", "thanks", "who", "else", "talk", "?", "!", ".", ",",
         "I'm", "not", "can't", "don't", "you're", "openings", "minutes", "run", "keep me in mind",
         "advice", "should", "I", "my", "boss", "idiot", "\n", "  ", "—", "’", "…", "2019",
         "relaunch", "tell me about yourself", "¿", "😀", "\u00a0", "'s", "''", "n't"]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(VOCAB), max_size=40).map(" ".join),
)
turns = st.builds(Turn, speaker=st.sampled_from(["seeker", "persona"]), text=texts,
                  minute=st.one_of(st.none(), st.floats(min_value=0, max_value=500)))

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(turns, min_size=1, max_size=12), st.data())
def test_detect_turn_never_crashes(ts: list[Turn], data: st.DataObject) -> None:
    i = data.draw(st.integers(min_value=0, max_value=len(ts) - 1))
    for event in detect_turn(ts, i):
        assert event.turn == i
        assert event.why
        assert len(event.quote) <= 240


@SETTINGS
@given(st.lists(turns, max_size=20))
def test_score_never_crashes_and_stays_in_range(ts: list[Turn]) -> None:
    report = score(Transcript(turns=ts))
    assert 0 <= report.score <= 100
    assert not report.capped or report.score <= 40
    assert 0.0 <= report.metrics.seeker_word_share <= 1.0
    assert Report.model_validate_json(report.model_dump_json()) == report
    for r in report.rules:
        for ev in r.evidence:
            assert 0 <= ev.turn < len(ts)


@SETTINGS
@given(texts)
def test_word_count_matches_the_transcript_definition(text: str) -> None:
    assert word_count(text) == count_words(text)
    normalise(text)  # never raises


@SETTINGS
@given(texts)
def test_fast_sentence_split_agrees_with_the_regex(text: str) -> None:
    from coffeechat.scoring.text import _SENTENCE_END, _raw_sentences

    expected = [o for o in (raw.strip() for raw in _SENTENCE_END.split(text)) if o]
    assert _raw_sentences(text) == expected


def test_contractions_are_spelled_out() -> None:
    assert normalise("I'm sure you're right, it's what we'd've... can't, won't, "
                     "didn't; Dana's team, let's go") == (
        "i am sure you are right, it is what we would have... can not, will not, "
        "did not; dana's team, let us go")


def test_chat_shorthand_is_spelled_out_but_not_inside_other_words() -> None:
    assert normalise("r u hiring rn? tbh im not sure, idk. id love to hear, pls") == (
        "are you hiring right now? to be honest i am not sure, i do not know. i would love "
        "to hear, please")
    for kept in ("We do R&D in the U.S.", "a U-turn", "my ID badge", "r/place", "ur-text"):
        assert normalise(kept) == " ".join(kept.lower().split())


# --- the fast paths do what their plain definitions do ----------------------------------

_GLUE_PLAIN = re.compile(r"(?<![a-z0-9])(['\"(\[/-])(?=[a-z0-9])")
_TOKEN_PLAIN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@SETTINGS
@given(texts)
def test_text_fast_paths_match_their_definitions(text: str) -> None:
    low = normalise(text)
    assert space_glued(low) == _GLUE_PLAIN.sub(r"\1 ", low)
    assert scan_keys(low) == frozenset(t[:4] for t in _TOKEN_PLAIN.findall(low)) | frozenset(
        run[:4] for run in re.findall(r"[a-z0-9]+", low))
    for s in split_sentences(text):  # a turn glued in one pass reads as if cut first
        assert s.scan == Sentence(s.orig, s.norm).scan


_CLOSER_PLAIN = re.compile(r"[.!?][\"')\]]")
_FOREIGN_PLAIN = re.compile(r"[^\n\x1e\x20-\x7e]")
# Mostly printable, so the later checks are reached; now and then a character that is not.
ASCII_BITS = st.text(st.sampled_from(list(".!?\"')][(/ ab\x1e") * 8 + list("\n\x1f\t\x7f\u00e9")),
                     max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, ASCII_BITS))
def test_byte_checks_match_their_regex_definitions(text: str) -> None:
    for separators in {0, text.count("\x1e")}:
        simple = (text.isascii() and "  " not in text and text.count("\x1e") == separators
                  and not _FOREIGN_PLAIN.search(text.replace("\n", "\x00"))
                  and _CLOSER_PLAIN.search(text) is None)
        assert _bulk_simple(text, separators) == simple
        assert _scannable(text, separators) == (
            text.isascii() and text.count("\x1e") == separators
            and not _FOREIGN_PLAIN.search(text))


def test_reports_are_built_as_model_construct_builds_them() -> None:
    ev = {"turn": 3, "quote": "q"}
    rr = {"id": "thanks", "verdict": "pass", "weight": 8, "evidence": [], "advice": "a"}
    for cls, values in ((Evidence, ev), (RuleResult, rr)):
        fast, slow = _construct(cls, dict(values)), cls.model_construct(**values)
        assert fast == slow and fast.model_fields_set == slow.model_fields_set
        assert fast.model_dump_json() == slow.model_dump_json()


def test_a_session_of_no_time_has_no_question_rate() -> None:
    # Found by the property test above: a tiny stamp made the rate infinite, and the
    # report JSON unreadable.
    ts = [Turn(speaker="seeker", text="TELL ME"), Turn(speaker="seeker", text="", minute=1e-308)]
    report = score(Transcript(turns=ts))
    assert report.metrics.minutes == 0.0
    assert report.metrics.questions_per_10_minutes == 0.0
    assert Report.model_validate_json(report.model_dump_json()) == report


SHORTHAND_BITS = st.lists(st.sampled_from(
    [*_SHORTHAND, "r&d", "u.s.", "u-turn", "r/place", "_u", "u_", "\x1e", "\n", "é", "\x1f",
     ".", "'", "you", "are"]), max_size=20)


@SETTINGS
@given(st.one_of(texts, SHORTHAND_BITS.map(" ".join), SHORTHAND_BITS.map("".join)))
def test_shorthand_found_in_one_pass_as_word_by_word(text: str) -> None:
    # Hyperscan's pass may find more words than the split (\b differs), never fewer that
    # change the text: both lists spell out the same.
    low = text.lower()

    def spelled(words: list[str]) -> str:
        out = low
        for w in words:
            out = _SHORTHAND_SUBS[w].sub(_SHORTHAND[w], out)
        return out

    assert spelled(_shorthand_in(low)) == spelled(shorthand_in_words(low))
