"""Build sample.db, the fictional Kestrel Vale partnership, from store/sample/data.py.

Everything goes through the Store's public methods (so the sample is validated
and audited like real data) under a fixed clock, so two builds hold the same data.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, cast

from store import Store
from store.sample import data

Records = list[dict[str, Any]]
PARTNERSHIP = cast(dict[str, Any], data.PARTNERSHIP)
AGENCIES = cast(Records, data.AGENCIES)
PEOPLE = cast(Records, data.PEOPLE)
MEETINGS = cast(Records, data.MEETINGS)
ACTIONS = cast(list[tuple[Any, ...]], data.ACTIONS)
PROTECTED = cast(Records, data.PROTECTED)
MINUTES_TYPED: list[tuple[str, str, str]] = data.MINUTES_TYPED
DECISIONS: list[tuple[str, str, str]] = data.DECISIONS

BUILD_TIME = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
BUILDER = "sample builder"


def build_sample(path: str | os.PathLike[str]) -> Path:
    """Write a new sample database at ``path`` (replacing any file there)."""
    target = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    store = Store.open(target, clock=lambda: BUILD_TIME, who=BUILDER)
    try:
        _fill(store)
    finally:
        store.close()
    return target


def _fill(store: Store) -> None:
    meeting_ids, person_ids = _people_and_meetings(store)
    _actions(store, meeting_ids, person_ids)
    _register_and_records(store, meeting_ids)


def _item(store: Store, meeting_id: int, starts: str) -> Any:
    return next(i for i in store.agenda.items(meeting_id) if i.title.startswith(starts))


def _register_and_records(store: Store, meeting_ids: dict[str, int]) -> None:
    for entry in PROTECTED:
        store.register.add(**entry)
    for key, starts, text in MINUTES_TYPED:
        item = _item(store, meeting_ids[key], starts)
        store.agenda.update(item.id or 0, minutes=f"{item.minutes}\n\n{text}")
    for key, starts, text in DECISIONS:
        meeting = store.meetings.get(meeting_ids[key])
        store.clock = _at(meeting.date)
        store.decisions.add(meeting.id or 0, _item(store, meeting.id or 0, starts).id, text)
    store.clock = lambda: BUILD_TIME


def _actions(store: Store, meeting_ids: dict[str, int], person_ids: dict[str, int]) -> None:
    for key, item_start, text, owner, due, status, updates in ACTIONS:
        meeting = store.meetings.get(meeting_ids[key])
        item = next(
            i for i in store.agenda.items(meeting.id or 0) if i.title.startswith(item_start)
        )
        store.clock = _at(meeting.date)
        action = store.actions.add(
            text,
            owner_id=person_ids[owner],
            due=due,
            meeting_id=meeting.id,
            item_id=item.id,
        )
        for on, note in updates:
            store.clock = _at(dt.date.fromisoformat(on))
            later = [m for k, m in meeting_ids.items() if MEETING_DATES[k] == on]
            store.actions.update(
                action.id or 0, update=note, meeting_id=later[0] if later else None
            )
        if status != "open":
            store.actions.update(action.id or 0, status=status)
    store.clock = lambda: BUILD_TIME


def _at(day: dt.date) -> Any:
    moment = dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)
    return lambda: moment


MEETING_DATES = {m["key"]: m["date"] for m in MEETINGS}


def _people_and_meetings(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    people_by_key: dict[str, dict[str, Any]] = {p["key"]: p for p in PEOPLE}
    user = people_by_key.get(PARTNERSHIP["user_name"], {}).get("name", PARTNERSHIP["user_name"])
    store.settings.update(
        partnership_name=PARTNERSHIP["name"],
        classification=PARTNERSHIP["classification"],
        user_name=user,
        quorum_members=PARTNERSHIP["quorum_members"],
    )
    agency_ids: dict[str, int] = {}
    for agency in AGENCIES:
        fields = {k: v for k, v in agency.items() if k != "key"}
        agency_ids[agency["key"]] = store.directory.add_agency(**fields).id or 0
    person_ids: dict[str, int] = {}
    for person in PEOPLE:
        fields = {k: v for k, v in person.items() if k not in {"key", "agency"}}
        fields["agency_id"] = agency_ids[person["agency"]]
        person_ids[person["key"]] = store.directory.add_person(**fields).id or 0
    standing = {t.title for t in store.agenda.standard_items()}
    meeting_ids: dict[str, int] = {}
    for spec in MEETINGS:
        meeting = store.meetings.add(
            title=spec["title"],
            kind=spec["kind"],
            series=spec["series"],
            date=spec["date"],
            start_time=spec["start"],
            location=spec["location"],
            chair_id=person_ids[spec["chair"]],
            status=spec["status"],
            quorum_members=spec["quorum_members"],
            standard_agenda=False,  # the sample spells out every item itself
        )
        meeting_id = meeting.id or 0
        meeting_ids[spec["key"]] = meeting_id
        for item in spec["items"]:
            store.agenda.add(
                meeting_id,
                title=item["title"],
                purpose=item["purpose"],
                presenter_id=person_ids[item["presenter"]] if item["presenter"] else None,
                planned_minutes=item["planned_minutes"],
                minutes=item["minutes"],
                standing=item["title"] in standing,
            )
        for entry in spec["attendance"]:
            store.attendance.mark(
                meeting_id,
                person_ids[entry["person"]],
                entry["status"],
                deputy_id=person_ids[entry["deputy"]] if entry["deputy"] else None,
            )
    return meeting_ids, person_ids
