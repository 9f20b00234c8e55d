"""The coffeechat.transcript/1 format: round trip, word counting, clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coffeechat.transcript import (
    Transcript,
    TranscriptError,
    Turn,
    count_words,
    load_transcript,
)


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    t = Transcript(scenario="s", persona="p", turns=[
        Turn(speaker="persona", text="Hi! I have half an hour.", minute=0.0),
        Turn(speaker="seeker", text="Thanks for making the time."),
    ])
    path = tmp_path / "out" / "t.json"
    t.save(path)
    data = json.loads(path.read_text())
    assert data["format"] == "coffeechat.transcript/1"
    assert "minute" not in data["turns"][1]  # absent stays absent
    assert load_transcript(path) == t
    assert not list(path.parent.glob(".tmp-*"))  # the atomic write left nothing behind


def test_minimal_transcript_from_design_doc(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"format": "coffeechat.transcript/1", "turns": [
        {"speaker": "persona", "text": "Hi!"}, {"speaker": "seeker", "text": "Hello"}]}))
    t = load_transcript(path)
    assert [x.speaker for x in t.turns] == ["persona", "seeker"]
    assert t.scenario is None and t.persona is None


@pytest.mark.parametrize(("text", "words"), [
    ("Thanks so much!", 3),
    ("  — well, 20 years - ok ", 4),
    ("", 0),
    ("... !!! ?", 0),
    ("résumé naïve café", 3),
])
def test_count_words_follows_the_definition(text: str, words: int) -> None:
    assert count_words(text) == words


@pytest.mark.parametrize(("raw", "message"), [
    ('{"turns": []', "not valid JSON"),
    ('{"format": "coffeechat.transcript/2", "turns": []}', '"format" must be'),
    ('{"format": "coffeechat.transcript/1", "turns": [{"speaker": "x", "text": "a"}]}',
     "turns.0.speaker"),
    ('{"format": "coffeechat.transcript/1", "turns": [{"speaker": "seeker", "text": "a", '
     '"minute": -1}]}', "turns.0.minute"),
    ('{"format": "coffeechat.transcript/1", "turns": [], "extra": 1}', "extra"),
])
def test_bad_transcripts_give_one_line(tmp_path: Path, raw: str, message: str) -> None:
    path = tmp_path / "t.json"
    path.write_text(raw)
    with pytest.raises(TranscriptError) as info:
        load_transcript(path)
    text = str(info.value)
    assert text.startswith(f"{path}") and message in text and "\n" not in text
