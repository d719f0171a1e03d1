"""The quorum, counted in people and by the rules in the settings: who is in the
room, who represents each partner, and its history through the meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from store.domain import errors
from store.domain.models import Attendance
from store.domain.models.directory import DEFAULT_QUORUM_RULES, QuorumRule
from store.domain.quorum import Role, assess, counted, read_rules, rule_text
from tests.conftest import Clock

START = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


def minutes(n: int) -> dt.datetime:
    return START + dt.timedelta(minutes=n)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def s(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    store = Store.open(tmp_path / "quorum.db", clock=clock)
    yield store
    store.close()


class Partnership:
    """Three partners, each with a lead, a delegated partner and an officer."""

    def __init__(self, s: Store, *, leads: bool = True) -> None:
        self.s = s
        self.agency: dict[str, int] = {}
        self.people: dict[str, int] = {}
        for kind, short in [("local_authority", "KVC"), ("health", "ICB"), ("police", "KVP")]:
            agency = s.directory.add_agency(name=short, short_name=short, kind=kind, statutory=True)
            self.agency[kind] = agency.id or 0
            for role in ("lead", "delegated", "officer"):
                name = f"{short} {role}".title()
                self.add(f"{kind} {role}", name, agency.id)
            if leads:
                s.directory.update_agency(
                    agency.id or 0,
                    lead_partner_id=self.people[f"{kind} lead"],
                    delegated_partner_id=self.people[f"{kind} delegated"],
                )

    def add(self, key: str, name: str, agency_id: int | None = None) -> int:
        initials = "".join(w[0] for w in name.split() if w[0].isalpha()).upper() or "X"
        person = self.s.directory.add_person(name=name, initials=initials, agency_id=agency_id)
        self.people[key] = person.id or 0
        return self.people[key]

    def __getitem__(self, key: str) -> int:
        return self.people[key]


def meeting(s: Store, kind: str = "executive", quorum_members: int | None = None) -> int:
    made = s.meetings.add(
        title=kind.title(), kind=kind, series=kind, date="2026-12-03", quorum_members=quorum_members
    )
    return made.id or 0


# -- counting people, not records -----------------------------------------------------


def test_a_deputy_for_two_members_who_is_also_present_is_counted_once(s: Store) -> None:
    p = Partnership(s, leads=False)
    board = meeting(s, "partnership_board", quorum_members=4)
    deputy = p["police officer"]
    s.attendance.mark(board, p["local_authority officer"], "present")
    s.attendance.mark(board, p["health officer"], "present")
    s.attendance.mark(board, p["police lead"], "apologies", deputy_id=deputy)
    s.attendance.mark(board, p["police delegated"], "apologies", deputy_id=deputy)
    s.attendance.mark(board, deputy, "present")
    quorum = s.attendance.quorum(board)
    # Five records count for someone; three people are in the room.
    assert (quorum.quorate, quorum.present, quorum.missing) == (
        False,
        3,
        ("1 more member needed",),
    )
    s.attendance.mark(board, p["health lead"], "present")
    assert s.attendance.quorum(board).quorate


def test_counted_leaves_out_those_who_left_and_those_in_attendance() -> None:
    def rec(person: int, status: str, deputy: int | None = None) -> Attendance:
        return Attendance.model_validate(
            {"meeting_id": 1, "person_id": person, "status": status, "deputy_id": deputy}
        )

    records = [
        rec(1, "present"),
        rec(2, "apologies", 9),
        rec(3, "apologies", 9),
        rec(9, "present"),
        rec(4, "in_attendance"),
        rec(5, "present", 6),  # came late; their deputy is still here
    ]
    assert counted(records) == {1, 9, 5, 6}
    assert counted(records, departed={9, 5}) == {1, 6}


# -- a late member and their deputy ----------------------------------------------------


def test_a_late_member_keeps_the_deputy_with_both_times(s: Store, clock: Clock) -> None:
    p = Partnership(s)
    mid = meeting(s)
    deputy = p["police officer"]
    s.attendance.mark(mid, p["local_authority delegated"], "present")
    s.attendance.mark(mid, p["health delegated"], "present")
    s.attendance.mark(mid, p["police lead"], "apologies", deputy_id=deputy)
    s.live.start(mid)
    item = s.meetings.get(mid).current_item_id
    clock.advance(30)
    s.attendance.change_status(mid, p["police lead"], "present")
    record = next(r for r in s.attendance.of(mid) if r.person_id == p["police lead"])
    assert (record.status.value, record.deputy_id) == ("present", deputy)
    # Both in the room, each once.
    assert s.attendance.quorum(mid).present == 4
    clock.advance(20)
    quorum = s.attendance.record_movement(mid, deputy, "left")
    assert quorum.quorate, "the lead represents the police now"
    police = next(r for r in quorum.represented if r.partner == "the police")
    assert (police.person_id, police.role) == (p["police lead"], Role.LEAD)
    moves = [(m.person_id, m.kind.value, m.at, m.item_id) for m in s.attendance.movements(mid)]
    assert moves == [
        (p["police lead"], "arrived", minutes(30), item),
        (deputy, "left", minutes(50), item),
    ]


def test_a_late_member_arriving_by_movement_keeps_the_deputy(s: Store, clock: Clock) -> None:
    p = Partnership(s)
    mid = meeting(s)
    deputy = p["health officer"]
    s.attendance.mark(mid, p["health lead"], "apologies", deputy_id=deputy)
    s.live.start(mid)
    clock.advance(15)
    s.attendance.record_movement(mid, p["health lead"], "arrived")
    record = s.attendance.of(mid)[0]
    assert (record.status.value, record.deputy_id) == ("present", deputy)
    assert s.attendance.in_room(mid) == {p["health lead"], deputy}
    with pytest.raises(errors.InvalidValue) as bad:
        s.attendance.mark(mid, p["health lead"], "absent", deputy_id=deputy)
    assert "deputy" in bad.value.errors["deputy_id"]


# -- status changes during the meeting are the quorum's history ---------------------------


def test_status_changes_after_the_start_are_movements_and_quorum_events(
    s: Store, clock: Clock
) -> None:
    p = Partnership(s)
    mid = meeting(s)
    for kind in ("local_authority", "health", "police"):
        s.attendance.mark(mid, p[f"{kind} delegated"], "invited")
    s.attendance.mark(mid, p["local_authority delegated"], "present")
    s.attendance.mark(mid, p["health delegated"], "present")
    s.live.start(mid)
    first = s.meetings.get(mid).current_item_id
    clock.advance(5)
    s.attendance.change_status(mid, p["police delegated"], "present")
    s.live.step(mid, 1)
    second = s.meetings.get(mid).current_item_id
    clock.advance(35)
    s.attendance.change_status(mid, p["police delegated"], "absent")
    events = [
        (e.at, e.quorate, e.person_id, e.item_id, e.change) for e in s.attendance.quorum_events(mid)
    ]
    assert events == [
        (START, False, None, first, "start"),
        (minutes(5), True, p["police delegated"], first, "arrived"),
        (minutes(40), False, p["police delegated"], second, "left"),
    ]
    assert s.attendance.quorum_events(mid)[-1].missing == "no one from the police"
    moves = [(m.person_id, m.kind.value, m.item_id) for m in s.attendance.movements(mid)]
    assert moves == [
        (p["police delegated"], "arrived", first),
        (p["police delegated"], "left", second),
    ]


def test_marking_in_attendance_changes_the_quorum_without_a_movement(
    s: Store, clock: Clock
) -> None:
    p = Partnership(s)
    mid = meeting(s)
    for kind in ("local_authority", "health", "police"):
        s.attendance.mark(mid, p[f"{kind} delegated"], "present")
    s.live.start(mid)
    clock.advance(10)
    s.attendance.change_status(mid, p["police delegated"], "in_attendance")
    assert s.attendance.movements(mid) == []
    last = s.attendance.quorum_events(mid)[-1]
    assert (last.quorate, last.person_id, last.change) == (
        False,
        p["police delegated"],
        "marked in attendance",
    )


# -- the rules are settings --------------------------------------------------------------


def test_the_rules_come_from_the_settings(s: Store) -> None:
    p = Partnership(s, leads=False)
    rapid = meeting(s, "rapid_review")
    s.attendance.mark(rapid, p["local_authority officer"], "present")
    s.attendance.mark(rapid, p["health officer"], "present")
    assert s.attendance.quorum(rapid).missing == ("no one from the police",)
    rules = {k.value: r.model_dump(mode="json") for k, r in DEFAULT_QUORUM_RULES.items()}
    rules["rapid_review"] = {"partners": ["local_authority", "health"]}
    s.settings.update(quorum_rules=rules)
    assert s.attendance.quorum(rapid).quorate
    # A learning event given a quorum of members has one; a board given none has none.
    rules["learning_event"] = {"members": True}
    rules["partnership_board"] = {}
    s.settings.update(quorum_rules=rules)
    event = meeting(s, "learning_event", quorum_members=3)
    assert s.attendance.quorum(event).missing == ("3 more members needed",)
    board = meeting(s, "partnership_board", quorum_members=3)
    assert not s.attendance.quorum(board).applies


def test_each_local_authority_must_be_represented_when_the_setting_says_so(s: Store) -> None:
    p = Partnership(s, leads=False)
    second = s.directory.add_agency(
        name="Harrow Fields Council", short_name="HFC", kind="local_authority", statutory=True
    )
    p.add("hfc officer", "Harrow Officer", second.id)
    rapid = meeting(s, "rapid_review")
    for key in ("local_authority officer", "health officer", "police officer"):
        s.attendance.mark(rapid, p[key], "present")
    assert s.attendance.quorum(rapid).quorate, "any one local authority, by default"
    s.settings.update(each_local_authority=True)
    quorum = s.attendance.quorum(rapid)
    assert quorum.missing == ("no one from HFC",)
    assert [r.partner for r in quorum.represented] == ["KVC", "HFC", "the ICB", "the police"]
    s.attendance.mark(rapid, p["hfc officer"], "present")
    assert s.attendance.quorum(rapid).quorate


def test_the_executive_is_represented_only_by_leads_delegated_partners_or_their_deputies(
    s: Store,
) -> None:
    p = Partnership(s)
    mid = meeting(s)
    s.attendance.mark(mid, p["local_authority lead"], "present")
    s.attendance.mark(mid, p["health officer"], "present")
    s.attendance.mark(mid, p["police officer"], "present")
    quorum = s.attendance.quorum(mid)
    assert quorum.missing == (
        "no lead or delegated partner for the ICB",
        "no lead or delegated partner for the police",
    )
    # A deputy the delegated partner named does represent the partner.
    s.attendance.mark(mid, p["health delegated"], "apologies", deputy_id=p["health officer"])
    s.attendance.mark(mid, p["police delegated"], "present")
    quorum = s.attendance.quorum(mid)
    assert quorum.quorate and quorum.unrecorded == ()
    assert [(r.partner, r.person_id, r.role, r.deputy_for) for r in quorum.represented] == [
        ("the local authority", p["local_authority lead"], Role.LEAD, None),
        ("the ICB", p["health officer"], Role.DEPUTY, p["health delegated"]),
        ("the police", p["police delegated"], Role.DELEGATED, None),
    ]
    assert s.attendance.representation(mid) == quorum.represented
    assert quorum.representation == (
        "the local authority: Kvc Lead (lead partner); the ICB: Icb Officer (deputy); "
        "the police: Kvp Delegated (delegated partner)"
    )
    # At a rapid review anyone from each partner will do.
    rapid = meeting(s, "rapid_review")
    for key in ("local_authority officer", "health officer", "police officer"):
        s.attendance.mark(rapid, p[key], "present")
    assert s.attendance.quorum(rapid).quorate


def test_a_partner_with_no_lead_on_file_is_represented_by_anyone_and_it_is_said(
    s: Store,
) -> None:
    p = Partnership(s)
    police = p.agency["police"]
    s.directory.update_agency(police, lead_partner_id=None, delegated_partner_id=None)
    mid = meeting(s)
    s.attendance.mark(mid, p["local_authority delegated"], "present")
    s.attendance.mark(mid, p["health delegated"], "present")
    s.attendance.mark(mid, p["police officer"], "present")
    quorum = s.attendance.quorum(mid)
    assert quorum.quorate and quorum.unrecorded == ("KVP",)
    assert quorum.unrecorded_note == "Lead partner not recorded for KVP: anyone from it counts."
    police_rep = quorum.represented[-1]
    assert (police_rep.role, police_rep.lead_recorded) == (Role.MEMBER, False)


def test_a_rule_reads_back_as_it_is_shown() -> None:
    for kind, rule in DEFAULT_QUORUM_RULES.items():
        assert read_rules(f"{kind.value}: {rule_text(rule)}") == {
            kind: rule.model_dump(include={"partners", "by_partner_leads", "members"})
        }
    rules = read_rules("Sub-group: LA, police, members")
    assert QuorumRule.model_validate(next(iter(rules.values()))) == QuorumRule(
        partners=["local_authority", "police"],  # type: ignore[list-item]
        members=True,
    )
    with pytest.raises(errors.InvalidValue):
        read_rules("executive: everybody")


def test_assess_with_no_rule_is_no_quorum() -> None:
    quorum = assess(QuorumRule(), 4, [], {})
    assert not quorum.applies and quorum.summary == "No quorum applies to this meeting."


# -- the directory records the leads --------------------------------------------------------


def test_an_agencys_lead_and_delegated_partner_are_people_on_file(s: Store) -> None:
    p = Partnership(s, leads=False)
    police = p.agency["police"]
    with pytest.raises(errors.InvalidValue) as bad:
        s.directory.update_agency(police, lead_partner_id=9999)
    assert bad.value.errors == {"lead_partner_id": "no such person"}
    with pytest.raises(errors.InvalidValue) as same:
        s.directory.add_agency(
            name="X",
            short_name="X",
            kind="police",
            lead_partner_id=p["police lead"],
            delegated_partner_id=p["police lead"],
        )
    assert "delegated_partner_id" in same.value.errors
    s.directory.update_agency(police, lead_partner_id=p["police lead"])
    assert s.directory.agency(police).lead_partner_id == p["police lead"]
    assert "an agency's lead or delegated partner" in s.directory.person_references(
        p["police lead"]
    )
    with pytest.raises(errors.InUse):
        s.directory.remove_person(p["police lead"])


# -- a closed meeting's list --------------------------------------------------------------


def test_a_closed_meetings_attendance_is_corrected_with_an_audit_and_no_one_removed(
    s: Store, clock: Clock
) -> None:
    p = Partnership(s)
    mid = meeting(s)
    s.attendance.mark(mid, p["police officer"], "present")
    s.attendance.mark(mid, p["health officer"], "absent")
    s.live.start(mid)
    clock.advance(60)
    s.live.end(mid)
    events_before = s.attendance.quorum_events(mid)
    clock.advance(60 * 24)
    corrected = s.attendance.change_status(mid, p["health officer"], "apologies")
    entry = s.audit_trail("attendance", corrected.id)[-1]
    assert (entry.field, entry.old, entry.new, entry.at) == (
        "status",
        "absent",
        "apologies",
        minutes(60 * 25),
    )
    assert s.attendance.quorum_events(mid) == events_before, "the history is not rewritten"
    assert s.attendance.movements(mid) == []
    with pytest.raises(errors.NotNow) as refused:
        s.attendance.remove(mid, p["health officer"])
    assert "closed" in str(refused.value) and "audit trail" in str(refused.value)
    assert len(s.attendance.of(mid)) == 2
