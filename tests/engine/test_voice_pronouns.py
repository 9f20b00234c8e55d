"""Pronouns in coach notes that the first-person rewrite must get right."""

from __future__ import annotations

import pytest

from coffeechat.engine.voice import first_person


@pytest.mark.parametrize(("note", "spoken"), [
    ("Her manager asked her to lead the relaunch.", "My manager asked me to lead the relaunch."),
    ("Her own team ships twice a year.", "My own team ships twice a year."),
    ("His own shop grew from one van.", "My own shop grew from one van."),
    ("The first award was hers.", "The first award was mine."),
    ("A mentor pulled her into brand work.", "A mentor pulled me into brand work."),
])
def test_object_and_possessive_pronouns(note: str, spoken: str) -> None:
    assert first_person(note) == spoken
