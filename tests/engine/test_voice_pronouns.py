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


@pytest.mark.parametrize(("note", "spoken"), [
    ("She started in sales and mentors two associates.",
     "I started in sales and mentor two associates."),
    ("She mentors two associates and wants to move into product.",
     "I mentor two associates and want to move into product."),
    ("I mentor two associates and wants to move into product.",
     "I mentor two associates and want to move into product."),
    ("She manages the budget and is proud of it.", "I manage the budget and am proud of it."),
    ("He leads the crew and always says yes.", "I lead the crew and always say yes."),
    ("She runs the shop but misses the field.", "I run the shop but miss the field."),
    ("She hires juniors and trains them herself.", "I hire juniors and train them myself."),
    ("She handles pricing and sales and runs the team.",
     "I handle pricing and sales and run the team."),
    ("Started as a clerk and now runs a team of ten.",
     "I started as a clerk and now run a team of ten."),
])
def test_a_second_verb_after_and_agrees_with_i(note: str, spoken: str) -> None:
    assert first_person(note) == spoken


@pytest.mark.parametrize(("note", "spoken"), [
    # Plural nouns after "and" stay as they are.
    ("She handles pricing and sales.", "I handle pricing and sales."),
    ("She tracks budgets and costs.", "I track budgets and costs."),
    ("She reads the trade press and news every morning.",
     "I read the trade press and news every morning."),
    ("She writes memos and reports to the council.", "I write memos and reports to the council."),
    ("She studies customer wants and needs.", "I study customer wants and needs."),
    ("She bills by the hour, and associates at her firm target 1,900 hours.",
     "I bill by the hour, and associates at my firm target 1,900 hours."),
    ("He trains electricians and apprentices.", "I train electricians and apprentices."),
    # The verb after "and" belongs to someone else.
    ("She meets someone who wants a bakery and has no idea.",
     "I meet someone who wants a bakery and has no idea."),
    ("She knows the team works hard and has fun.", "I know the team works hard and has fun."),
    ("He founded the shop; the company now has vans and has grown.",
     "I founded the shop; the company now has vans and has grown."),
])
def test_and_leaves_nouns_and_other_subjects_alone(note: str, spoken: str) -> None:
    assert first_person(note) == spoken
