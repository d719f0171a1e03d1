"""The slips a new user tripped on (issue 16), each pressed as a chair would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable, Label

from screens.directory.people import PeopleScreen
from screens.register.register import ProtectedForm
from screens.widgets.confirm import ConfirmScreen
from store.domain.deadlines import due_from_now
from store.domain.kinds import MeetingKind
from tests.appkit import SIZE, notices, press, sample_app, settle


async def test_someone_referred_to_is_not_asked_about_but_told_why_at_once(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    chair = app.store.meetings.all()[0].chair_id
    name = app.store.directory.person(chair or 0).name
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "p")
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        table = screen.query_one("#people-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(chair)))
        await press(pilot, "delete")
        assert not isinstance(app.screen, ConfirmScreen), "no question before the refusal"
        said = [n for n in await notices(pilot) if "cannot be removed" in n]
        assert said and said[0].startswith(f"{name} cannot be removed: they ")
        assert "chair of" in said[0]
    assert app.store.directory.person(chair or 0).name == name


async def test_the_registers_hint_names_the_next_free_pseudonym(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    taken = {p.pseudonym for p in app.store.register.all()}
    free = app.store.register.next_pseudonym()
    assert free not in taken
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "R")
        await settle(pilot)
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, ProtectedForm)
        labels = [str(label.render()) for label in form.query(Label)]
        hint = next(text for text in labels if text.startswith("Pseudonym"))
        assert hint == f"Pseudonym (blank: the next free, {free})"
        assert not any(f"{t})" in hint for t in taken)


def test_a_due_date_far_off_is_said_once() -> None:
    today = dt.date(2026, 12, 2)
    assert due_from_now(dt.date(2026, 12, 7), today) == "in 5 days"
    assert due_from_now(dt.date(2027, 1, 14), today) == "in 6 weeks"
    assert due_from_now(dt.date(2027, 4, 2), today) == "in 4 months"
    assert "Jan" not in due_from_now(dt.date(2027, 1, 14), today)


def test_the_sub_group_is_spelt_as_partnerships_spell_it() -> None:
    assert MeetingKind.SUB_GROUP.label == "Sub-group"
    assert MeetingKind.RAPID_REVIEW.label == "Rapid review"


def test_one_day_is_a_day() -> None:
    from screens.reviews.common import days_left

    assert [days_left(n) for n in (-2, -1, 0, 1, 2)] == [
        "2 days late",
        "1 day late",
        "due today",
        "1 day left",
        "2 days left",
    ]
