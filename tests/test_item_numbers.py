"""Reading which items a note names, as a chair types it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.item_numbers import item_numbers


@pytest.mark.parametrize(
    ("note", "numbers"),
    [
        ("for item 6", {6}),
        ("for items 7 to 9", {7, 8, 9}),
        ("items 7-9", {7, 8, 9}),
        ("Items 7 \u2013 9", {7, 8, 9}),  # an en dash, as Word types it
        ("7, 8 and 9", {7, 8, 9}),
        ("for items 4 and 10 to 12", {4, 10, 11, 12}),
        ("9 to 7", {7, 8, 9}),
        ("", set()),
        (None, set()),
        ("for the budget item", set()),
        ("item ²", set()),  # not an ASCII digit
        ("item 0", set()),
        ("items 1 to 500", set()),  # a slip, not five hundred items
        ("12", {12}),
    ],
)
def test_notes_as_typed(note: str | None, numbers: set[int]) -> None:
    assert item_numbers(note) == numbers


@given(st.text())
def test_any_text_is_read_without_raising(note: str) -> None:
    numbers = item_numbers(note)
    assert all(1 <= n <= 200 for n in numbers)
