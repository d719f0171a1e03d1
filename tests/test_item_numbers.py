"""Reading which items a note names, as a chair types it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.domain.item_numbers import MAX_ITEM, item_numbers

ASCII_DIGITS = "0123456789"
numbers = st.integers(min_value=1, max_value=MAX_ITEM)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("for item 6", {6}),
        ("for items 7 to 9", {7, 8, 9}),
        ("items 7-9", {7, 8, 9}),
        ("Items 7 \u2013 9", {7, 8, 9}),  # an en dash, as Word types it
        ("7, 8 and 9", {7, 8, 9}),
        ("for items 4 and 10 to 12", {4, 10, 11, 12}),
        ("9 to 7", {7, 8, 9}),
        ("ITEMS 3 THROUGH 5", {3, 4, 5}),
        ("", set()),
        (None, set()),
        ("for the budget item", set()),
        ("item ²", set()),  # not an ASCII digit
        ("item \u0666", set()),  # an Arabic-Indic six
        ("item 0", set()),
        ("items 1 to 500", set()),  # a slip, not five hundred items
        ("item 1000", set()),
        ("12", {12}),
        # A clock time is not an item number.
        ("for item 6, from 10:30", {6}),
        ("items 7-9 (14:00 to 15:15)", {7, 8, 9}),
        ("arrives 9.45am for item 3", {3}),
    ],
)
def test_notes_as_typed(note: str | None, expected: set[int]) -> None:
    assert item_numbers(note) == expected


@given(st.text())
def test_any_text_is_read_without_raising(note: str) -> None:
    found = item_numbers(note)
    assert isinstance(found, frozenset)
    assert all(1 <= n <= MAX_ITEM for n in found)


@given(st.text().filter(lambda note: not any(c in ASCII_DIGITS for c in note)))
def test_without_an_ascii_digit_no_item_is_named(note: str) -> None:
    assert item_numbers(note) == frozenset()


@given(numbers, st.sampled_from(["for item {}", "item {}", "{}", "Item {} only", "(item {})"]))
def test_one_item(number: int, form: str) -> None:
    assert item_numbers(form.format(number)) == {number}


@given(numbers, numbers, st.sampled_from([" to ", "-", " - ", "\u2013", " until "]))
def test_a_range_either_way_round(a: int, b: int, between: str) -> None:
    assert item_numbers(f"for items {a}{between}{b}") == set(range(min(a, b), max(a, b) + 1))


@given(st.lists(numbers, min_size=1, max_size=8))
def test_a_list_of_items(items: list[int]) -> None:
    *rest, last = items
    note = f"items {', '.join(map(str, rest))} and {last}" if rest else f"item {last}"
    assert item_numbers(note) == set(items)


@given(st.text(), st.text())
def test_text_around_a_note_adds_nothing_without_digits(before: str, after: str) -> None:
    def clean(s: str) -> str:
        return "".join(c for c in s if c not in ASCII_DIGITS)

    note = f"{clean(before)} for item 6 {clean(after)}"
    assert item_numbers(note) == {6}
