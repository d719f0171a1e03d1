"""The minutes are the record: what was true at the meeting (frozen when it
closed), agreed and then locked, amended only with a reason, every circulated
copy recorded with a hash of its content; a closed meeting loses nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from store.domain import errors
from store.domain.kinds import ItemKind
from store.exports import Minutes, write
from store.exports.minutes import minutes_markdown
from tests.conftest import Clock
from tests.test_live_store import START, executive, partners


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def s(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    store = Store.open(tmp_path / "record.db", clock=clock)
    yield store
    store.close()


def held(s: Store, clock: Clock, ids: dict[str, int]) -> int:
    """An executive meeting on 3 Dec, everyone present, an action raised at it and
    one from an earlier meeting reviewed at it, then closed; a next meeting planned."""
    earlier = s.meetings.add(title="Executive", kind="executive", series="exec", date="2026-11-05")
    old = s.actions.add(
        "Audit strategy meeting attendance",
        owner_id=ids["police"],
        due="2026-12-07",
        meeting_id=earlier.id,
    )
    s.live.start(earlier.id or 0)
    s.live.end(earlier.id or 0)
    meeting = executive(s)
    mid = meeting.id or 0
    for person in ids.values():
        s.attendance.mark(mid, person, "present")
    s.live.start(mid)
    arising = next(i for i in s.agenda.items(mid) if i.kind is ItemKind.MATTERS_ARISING)
    s.actions.update(old.id or 0, update="Audit half done.", meeting_id=mid)
    s.actions.add(
        "Circulate the neglect strategy",
        owner_id=ids["local_authority"],
        due="2027-01-15",
        meeting_id=mid,
        item_id=arising.id,
    )
    clock.advance(90)
    s.live.end(mid)
    s.meetings.add(title="Executive", kind="executive", series="exec", date="2027-01-14")
    return mid


def test_the_same_minutes_come_out_after_any_later_change_elsewhere(s: Store, clock: Clock) -> None:
    ids = partners(s)
    mid = held(s, clock, ids)
    before = minutes_markdown(s, mid)
    assert "A-2026-001" in before and "Open" in before

    # Later, elsewhere: the action closes, a title and an agency's name change,
    # the next meeting moves, the marking changes.
    clock.advance(60 * 24 * 20)
    old = s.actions.by_reference("A-2026-001")
    assert old is not None
    s.actions.close(old.id or 0)
    s.directory.update_person(ids["police"], job_title="Detective Chief Superintendent")
    police = s.directory.person(ids["police"]).agency_id
    s.directory.update_agency(police or 0, name="Kestrel Vale and District Police")
    nxt = s.meetings.next_in_series(mid)
    assert nxt is not None
    s.meetings.update(nxt.id or 0, date="2027-01-21")
    s.settings.update(classification="OFFICIAL")

    assert minutes_markdown(s, mid) == before
    # A meeting not yet held shows things as they are now.
    assert "Kestrel Vale and District Police" not in before


def test_minutes_agreed_at_the_next_meeting_are_locked_and_amended_with_a_reason(
    s: Store, clock: Clock
) -> None:
    ids = partners(s)
    mid = held(s, clock, ids)
    nxt = s.meetings.next_in_series(mid)
    assert nxt is not None
    item = s.agenda.items(mid)[4]
    s.live.save_minutes(item.id or 0, "Corrected before they were agreed.")  # a correction

    clock.advance(60 * 24 * 40)
    agreement = s.record.agree(mid, at_meeting_id=nxt.id, amendments="Item 5: a name spelt.")
    assert agreement.at_meeting_id == nxt.id
    with pytest.raises(errors.NotNow):
        s.record.agree(mid)

    # Locked: the minutes, the agenda and the meeting's details.
    with pytest.raises(errors.NotNow, match="agreed"):
        s.live.save_minutes(item.id or 0, "Changed quietly.")
    with pytest.raises(errors.NotNow):
        s.agenda.update(item.id or 0, title="Something else")
    with pytest.raises(errors.NotNow):
        s.agenda.add(mid, title="Added later")
    with pytest.raises(errors.NotNow):
        s.meetings.update(mid, kind="sub_group")
    assert s.agenda.item(item.id or 0).minutes == "Corrected before they were agreed."

    # An amendment needs a reason; it is kept with the earlier text in the audit.
    with pytest.raises(errors.InvalidValue):
        s.record.amend(mid, item.id or 0, "Amended text.", "  ")
    amendment = s.record.amend(mid, item.id or 0, "Amended text.", "The ICB was named wrongly.")
    assert amendment.reason == "The ICB was named wrongly."
    assert s.agenda.item(item.id or 0).minutes == "Amended text."
    trail = [(e.field, e.old, e.new) for e in s.audit_trail("agenda_items", item.id)]
    assert ("minutes", "Corrected before they were agreed.", "Amended text.") in trail
    assert [a.id for a in s.record.amendments(mid)] == [amendment.id]

    # The next meeting's minutes say so, on its previous minutes item.
    s.live.start(nxt.id or 0)
    s.live.end(nxt.id or 0)
    text = minutes_markdown(s, nxt.id or 0)
    section = text.split("## 3. Minutes of the previous meeting", 1)[1].split("\n## ", 1)[0]
    assert "were agreed as an accurate record at this meeting" in section
    assert "with these amendments: Item 5: a name spelt." in section
    assert "Reason: The ICB was named wrongly." in section
    own = minutes_markdown(s, mid)
    assert "These minutes were agreed as an accurate record on 12 January 2027" in own


def test_minutes_are_agreed_only_once_the_meeting_has_closed(s: Store) -> None:
    meeting = executive(s)
    with pytest.raises(errors.NotNow):
        s.record.agree(meeting.id or 0)
    with pytest.raises(errors.NotNow):
        s.record.amend(meeting.id or 0, s.agenda.items(meeting.id or 0)[0].id or 0, "x", "y")


def test_each_circulated_copy_is_recorded_with_a_hash_of_its_content(
    s: Store, clock: Clock, tmp_path: Path
) -> None:
    ids = partners(s)
    mid = held(s, clock, ids)
    written = write(s, Minutes(mid), tmp_path)
    assert written.path is not None
    copies = s.record.circulations(mid)
    assert len(copies) == 1
    copy = copies[0]
    assert copy.file == str(written.path)
    assert copy.sha256 == hashlib.sha256(written.path.read_bytes()).hexdigest()
    assert copy.redacted and copy.document == "minutes" and copy.at == clock.now
    write(s, Minutes(mid), tmp_path / "second.md", redacted=False)
    assert [c.redacted for c in s.record.circulations(mid)] == [False, True]


def test_a_closed_meeting_keeps_its_agenda_items(s: Store, clock: Clock) -> None:
    ids = partners(s)
    mid = held(s, clock, ids)
    item = s.agenda.items(mid)[4]
    with pytest.raises(errors.NotNow, match="closed"):
        s.agenda.remove(item.id or 0)
    with pytest.raises(errors.NotNow):
        s.agenda.move(item.id or 0, 1)
    assert item.id in [i.id for i in s.agenda.items(mid)]


def test_a_live_item_holding_minutes_or_decisions_is_kept(s: Store) -> None:
    partners(s)
    meeting = executive(s)
    mid = meeting.id or 0
    s.live.start(mid)
    typed, decided = s.agenda.items(mid)[4:6]
    s.live.save_minutes(typed.id or 0, "Discussed at length.")
    s.decisions.add(mid, decided.id, "Agreed the plan.")
    with pytest.raises(errors.InUse, match="minutes"):
        s.agenda.remove(typed.id or 0)
    with pytest.raises(errors.InUse, match="decisions"):
        s.agenda.remove(decided.id or 0)
    empty = s.agenda.add(mid, title="Added by mistake")
    s.agenda.remove(empty.id or 0)  # nothing on record: it may go


def test_corrections_after_closing_list_details_and_attendance(s: Store, clock: Clock) -> None:
    ids = partners(s)
    mid = held(s, clock, ids)
    clock.advance(60)
    s.meetings.update(mid, location="Room 2, Civic Centre")
    s.attendance.mark(mid, ids["education"], "apologies")
    what = [c.what for c in s.meetings.corrections(mid)]
    assert "Meeting location" in what
    assert any(w.startswith("Attendance: Di Eve") for w in what)


def test_minutes_write_every_date_one_way_and_the_next_meeting_once(s: Store, clock: Clock) -> None:
    ids = partners(s)
    mid = held(s, clock, ids)
    text = minutes_markdown(s, mid)
    assert not re.search(r"\b\d{2} [A-Z][a-z]{2} \d{4}\b", text), "no '07 Dec 2026'"
    assert "due 7 December 2026" in text
    assert text.count("Thursday 14 January 2027") == 1
    assert "## Date of next meeting" not in text  # the agenda's own item gives it
    next_item = text.split("Date of next meeting\n", 1)[1]
    assert next_item.lstrip().startswith("*For information*\n\nThursday 14 January 2027")


def test_minutes_end_with_the_open_action_log_as_reviewed(s: Store, clock: Clock) -> None:
    ids = partners(s)
    mid = held(s, clock, ids)
    text = minutes_markdown(s, mid)
    appendix = text.split("## Appendix: open action log", 1)[1]
    assert "| Ref | Action | Status | RAG | Owner | Agency | Due |" in appendix
    assert "| A-2026-001 | Audit strategy meeting attendance | Open | Amber | Cy Dale | KVP |" in (
        appendix
    )
    assert "| A-2026-002 | Circulate the neglect strategy | Open | Green | Ann Lee | KVC |" in (
        appendix
    )


def test_matters_arising_gives_each_update_its_own_line(s: Store, clock: Clock) -> None:
    ids = partners(s)
    mid = held(s, clock, ids)
    old = s.actions.by_reference("A-2026-001")
    assert old is not None
    # Another change at the same meeting (corrected in afterwards).
    s.actions.update(old.id or 0, due="2027-01-31", meeting_id=mid)
    text = minutes_markdown(s, mid)
    section = text.split("Matters arising and the action log", 1)[1].split("\n## ", 1)[0]
    assert "    - Audit half done.\n" in section
    assert "    - Re-dated: due 31 January 2027" in section
    assert "; " not in section


def test_declarations_are_minuted_at_their_item(s: Store, clock: Clock) -> None:
    ids = partners(s)
    meeting = executive(s)
    mid = meeting.id or 0
    s.attendance.mark(mid, ids["education"], "present")
    item = s.agenda.items(mid)[4]
    s.attendance.declare(mid, ids["education"], item.id, "Governor of the school reviewed", True)
    text = minutes_markdown(s, mid)
    section = text.split(f"## 5. {item.title}", 1)[1].split("\n## ", 1)[0]
    assert "**Declarations of interest**" in section
    assert "Di Eve: Governor of the school reviewed They left the room for the item." in section
    listed = text.split("## 2. Declarations of interest", 1)[1].split("\n## ", 1)[0]
    assert f"| Item 5: {item.title} |" in listed
    assert "\\." not in listed, "no visible backslash in the item column"


def test_statutory_partners_come_first_in_the_attendance(s: Store, clock: Clock) -> None:
    school = s.directory.add_agency(name="Abbey School", short_name="AS", kind="education")
    s.directory.add_person(name="Al Ford", initials="AF", agency_id=school.id)
    ids = partners(s)
    meeting = executive(s)
    mid = meeting.id or 0
    for person in s.directory.people():
        s.attendance.mark(mid, person.id or 0, "present")
    text = minutes_markdown(s, mid)
    table = text.split("## Attendance", 1)[1].split("\n\n## ", 1)[0]
    order = [line.split(" | ")[0].strip("| ") for line in table.splitlines() if "|" in line][2:]
    assert order[:3] == ["KVC", "ICB", "KVP"], order
    assert ids


def test_the_migration_marks_the_previous_minutes_and_next_meeting_items(s: Store) -> None:
    meeting = executive(s)
    kinds = {i.title: i.kind for i in s.agenda.items(meeting.id or 0)}
    assert kinds["Minutes of the previous meeting"] is ItemKind.PREVIOUS_MINUTES
    assert kinds["Date of next meeting"] is ItemKind.NEXT_MEETING
    # The widened check takes the new kinds and still refuses others.
    s.agenda.add(meeting.id or 0, title="Open escalations", kind=ItemKind.ESCALATIONS)
    with pytest.raises(Exception, match="CHECK"):
        with s.unit.write() as db:
            db.execute(
                "UPDATE agenda_items SET kind = 'nonsense' WHERE meeting_id = ?", [meeting.id]
            )


def test_facts_are_frozen_once_when_the_meeting_closes(s: Store, clock: Clock) -> None:
    ids = partners(s)
    mid = held(s, clock, ids)
    assert s.record.frozen(mid)
    first = s.record.facts(mid)
    assert first.taken_at == START + dt.timedelta(minutes=90)
    s.directory.update_person(ids["police"], job_title="Superintendent")
    assert s.record.freeze(mid) == first
    assert s.record.facts(mid).people[ids["police"]].job_title != "Superintendent"


def test_the_minutes_say_who_changed_the_quorum_and_during_which_item(
    s: Store, clock: Clock
) -> None:
    ids = partners(s)
    meeting = executive(s)
    mid = meeting.id or 0
    for person in ids.values():
        s.attendance.mark(mid, person, "present")
    s.attendance.mark(mid, ids["police"], "absent")
    s.live.start(mid)  # 10:00, not quorate: no police
    item = s.agenda.items(mid)[4]
    s.live.go_to(mid, item.id or 0)
    clock.advance(5)
    s.attendance.change_status(mid, ids["police"], "present")  # `1` at 10:05
    clock.advance(35)
    s.attendance.record_movement(mid, ids["health"], "left")  # 10:40
    clock.advance(20)
    s.live.end(mid)
    text = minutes_markdown(s, mid)
    section = text.split("## Quorum", 1)[1].split("\n## ", 1)[0]
    assert "The meeting was not quorate at 10:00 (no one from the police)." in section
    assert (
        f"The meeting became quorate at 10:05 when Cy Dale (KVP) arrived, during item 5, {item.title}."
        in (section)
    )
    assert f"Quorum lost at 10:40 when Bo Chan (ICB) left, during item 5, {item.title}" in section
    attendance = text.split("## Attendance", 1)[1].split("\n## ", 1)[0]
    assert "Present (arrived 10:05 during item 5)" in attendance
    assert "Present (left 10:40 during item 5)" in attendance


def test_the_minutes_keep_the_deputy_of_a_member_who_came_late(s: Store, clock: Clock) -> None:
    ids = partners(s)
    police = s.directory.person(ids["police"]).agency_id
    deputy = s.directory.add_person(name="Ed Fry", initials="EF", agency_id=police).id or 0
    meeting = executive(s)
    mid = meeting.id or 0
    for person in ids.values():
        s.attendance.mark(mid, person, "present")
    s.attendance.mark(mid, ids["police"], "apologies", deputy_id=deputy)
    s.live.start(mid)
    clock.advance(30)
    s.attendance.record_movement(mid, ids["police"], "arrived")
    clock.advance(10)
    s.attendance.record_movement(mid, deputy, "left")
    s.live.end(mid)
    text = minutes_markdown(s, mid)
    row = next(line for line in text.splitlines() if "Cy Dale" in line and "|" in line)
    assert "Present (arrived 10:30" in row
    assert "deputy until then: Ed Fry (left 10:40" in row


def test_a_meeting_closed_before_facts_were_kept_is_frozen_when_first_exported(
    s: Store, clock: Clock
) -> None:
    ids = partners(s)
    mid = held(s, clock, ids)
    with s.unit.write() as db:  # as a file upgraded from version 9 holds it
        db.execute("DELETE FROM meeting_records WHERE meeting_id = ?", [mid])
    first = minutes_markdown(s, mid)
    assert s.record.frozen(mid)
    s.directory.update_person(ids["police"], name="Cyril Dale")
    assert minutes_markdown(s, mid) == first
