"""Quotes read as the seeker wrote them: titles don't cut a sentence, and
control characters in a quote never reach the terminal raw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.scoring.text import split_sentences


def test_a_title_does_not_end_a_sentence() -> None:
    got = [s.orig for s in split_sentences("Thanks for meeting me, Mr. Sorensen. Dr. Lee sent me.")]
    assert got == ["Thanks for meeting me, Mr. Sorensen.", "Dr. Lee sent me."]


def test_score_prints_quotes_with_controls_made_visible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"format": "coffeechat.transcript/1", "turns": [
        {"speaker": "persona", "text": "Hi, I have half an hour."},
        {"speaker": "seeker", "text": "Are you hiring? \x1b[2J I'd love a job with you."},
    ]}))
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u241b" in out
    assert "1 information request " in out or "information requests" in out
