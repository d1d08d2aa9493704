"""Dates in the text: absolute and relative expressions resolved against the article's date."""

from __future__ import annotations

import pytest

from lagebild.dates import find_dates, normalize_date, resolve_date


@pytest.mark.parametrize(
    "expression, anchor, expected",
    [
        ("Am 8. April 2025", None, "2025-04-08"),
        ("am 21. August", "2025-06-23", "2025-08-21"),  # the closest such day to the anchor
        ("am 21. Dezember", "2025-01-05", "2024-12-21"),
        ("am 21. August", None, None),  # no year, no anchor
        ("am Montag", "2023-03-13", "2023-03-13"),  # the anchor is a Monday: the same day
        ("am späten Sonntag", "2023-03-13", "2023-03-12"),
        ("Sonntagabend", "2023-03-13", "2023-03-12"),
        ("vergangenen Montag", "2023-03-13", "2023-03-06"),
        ("kommenden Freitag", "2023-03-13", "2023-03-17"),
        ("gestern", "2023-03-13", "2023-03-12"),
        ("vorgestern", "2023-03-13", "2023-03-11"),
        ("vergangene Woche", "2023-03-15", "2023-03-06"),  # Monday of that week
        ("vor drei Tagen", "2023-03-13", "2023-03-10"),
        ("am Montag", None, None),
        ("03.04.2022", None, "2022-04-03"),
        ("im März 2022", None, "2022-03-01"),
    ],
)
def test_resolve_german(expression, anchor, expected):
    assert resolve_date(expression, anchor, "de") == expected


@pytest.mark.parametrize(
    "expression, anchor, expected",
    [
        ("on Monday", "2023-03-15", "2023-03-13"),
        ("April 8, 2025", None, "2025-04-08"),
        ("8 April 2025", None, "2025-04-08"),
        ("yesterday", "2023-03-13", "2023-03-12"),
        ("last week", "2023-03-15", "2023-03-06"),
        ("two days ago", "2023-03-13", "2023-03-11"),
    ],
)
def test_resolve_english(expression, anchor, expected):
    assert resolve_date(expression, anchor, "en") == expected


def test_find_dates_keeps_words_and_offsets():
    text = "Lukaschenko traf am späten Sonntag ein; am Montag begann das Treffen."
    found = find_dates(text, "de", "2023-03-13", offset=100)
    assert [(d.text, d.date) for d in found] == [
        ("am späten Sonntag", "2023-03-12"),
        ("am Montag", "2023-03-13"),
    ]
    assert found[0].start == 100 + text.index("am späten") and found[0].end - found[0].start == len(
        "am späten Sonntag"
    )


def test_morning_is_not_tomorrow():
    found = find_dates("Er kam heute morgen an.", "de", "2023-03-13")
    assert [(d.text, d.date) for d in found] == [("heute morgen", "2023-03-13")]


def test_normalize_date_unchanged():
    assert normalize_date("2025-06-23T10:00:00") == "2025-06-23"
    assert normalize_date("23. Juni 2025") == "2025-06-23"
    assert normalize_date("") is None
