"""Build sample.db, the fictional Kestrel Vale partnership, from partnership.toml.

Everything goes through the Store's public methods (so the sample is validated
and audited like real data) under a fixed clock, so two builds hold the same data.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from store import Store
from store.sample.load import DATA, Sample, load

if TYPE_CHECKING:
    from store.domain.models import AgendaItem

BUILD_TIME = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
BUILDER = "sample builder"

Ids = dict[str, int]


def build_sample(path: str | os.PathLike[str], source: str | os.PathLike[str] = DATA) -> Path:
    """Write a new sample database at ``path`` (replacing any file there) from
    ``source`` (partnership.toml beside this module)."""
    sample = load(source)
    target = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    store = Store.open(target, clock=lambda: BUILD_TIME, who=BUILDER)
    try:
        _fill(store, sample)
    finally:
        store.close()
    return target


def _fill(store: Store, sample: Sample) -> None:
    person_ids = _directory(store, sample)
    meeting_ids = _meetings(store, sample, person_ids)
    _actions(store, sample, meeting_ids, person_ids)
    _register_and_records(store, sample, meeting_ids)


def _directory(store: Store, sample: Sample) -> Ids:
    partnership = sample.partnership
    store.settings.update(
        partnership_name=partnership.name,
        classification=partnership.classification,
        user_name=partnership.user_name,
        quorum_members=partnership.quorum_members,
    )
    agency_ids: Ids = {}
    for agency in sample.agencies:
        added = store.directory.add_agency(
            name=agency.name,
            short_name=agency.short_name,
            kind=agency.kind,
            statutory=agency.statutory,
        )
        agency_ids[agency.key] = added.id or 0
    person_ids: Ids = {}
    for person in sample.people:
        added_person = store.directory.add_person(
            name=person.name,
            initials=person.initials,
            job_title=person.job_title,
            agency_id=agency_ids[person.agency],
            email=person.email,
        )
        person_ids[person.key] = added_person.id or 0
    return person_ids


def _meetings(store: Store, sample: Sample, person_ids: Ids) -> Ids:
    def person(key: str | None) -> int | None:
        return person_ids[key] if key else None

    standing = {t.title for t in store.agenda.standard_items()}
    meeting_ids: Ids = {}
    for spec in sample.meetings:
        meeting = store.meetings.add(
            title=spec.title,
            kind=spec.kind,
            series=spec.series,
            date=spec.date,
            start_time=spec.start_time,
            location=spec.location,
            chair_id=person_ids[spec.chair],
            status=spec.status,
            quorum_members=spec.quorum_members,
            standard_agenda=False,  # the sample spells out every item itself
        )
        meeting_id = meeting.id or 0
        meeting_ids[spec.key] = meeting_id
        for item in spec.items:
            store.agenda.add(
                meeting_id,
                title=item.title,
                purpose=item.purpose,
                presenter_id=person(item.presenter),
                planned_minutes=item.planned_minutes,
                minutes=item.minutes,
                standing=item.title in standing,
            )
        for entry in spec.attendance:
            store.attendance.mark(
                meeting_id,
                person_ids[entry.person],
                entry.status,
                deputy_id=person(entry.deputy),
            )
    return meeting_ids


def _actions(store: Store, sample: Sample, meeting_ids: Ids, person_ids: Ids) -> None:
    for spec in sample.actions:
        meeting = store.meetings.get(meeting_ids[spec.meeting])
        item = _item(store, meeting.id or 0, spec.item)
        store.clock = _at(meeting.date)
        action = store.actions.add(
            spec.description,
            owner_id=person_ids[spec.owner],
            due=spec.due,
            meeting_id=meeting.id,
            item_id=item.id,
        )
        for update in spec.updates:
            # A note made on a meeting's day was made at that meeting.
            held = [meeting_ids[m.key] for m in sample.meetings if m.date == update.on]
            store.clock = _at(update.on)
            store.actions.update(
                action.id or 0, update=update.note, meeting_id=held[0] if held else None
            )
        if spec.status != "open":
            store.actions.update(action.id or 0, status=spec.status)
    store.clock = lambda: BUILD_TIME


def _register_and_records(store: Store, sample: Sample, meeting_ids: Ids) -> None:
    for entry in sample.protected:
        store.register.add(
            pseudonym=entry.pseudonym,
            real_name=entry.real_name,
            other_names=entry.other_names,
            relation=entry.relation,
        )
    for typed in sample.typed_minutes:
        item = _item(store, meeting_ids[typed.meeting], typed.item)
        store.agenda.update(item.id or 0, minutes=f"{item.minutes}\n\n{typed.text}")
    for decision in sample.decisions:
        meeting = store.meetings.get(meeting_ids[decision.meeting])
        store.clock = _at(meeting.date)
        store.decisions.add(
            meeting.id or 0, _item(store, meeting.id or 0, decision.item).id, decision.text
        )
    store.clock = lambda: BUILD_TIME


def _item(store: Store, meeting_id: int, starts: str) -> AgendaItem:
    """The meeting's first item whose title starts with ``starts``."""
    return next(i for i in store.agenda.items(meeting_id) if i.title.startswith(starts))


def _at(day: dt.date) -> Callable[[], dt.datetime]:
    moment = dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)
    return lambda: moment
