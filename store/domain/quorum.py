"""Is the meeting quorate? The rules of domain.md, as a pure function.

- executive and rapid review: the local authority, the ICB and the police are
  each represented (by a member present, or a deputy who came instead);
- child death review: the local authority and the ICB;
- partnership board and sub-groups: at least ``quorum_members`` members present;
- learning events: no quorum.
Someone "in attendance" for an item is not a member and does not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.domain.kinds import AgencyKind, AttendanceStatus, MeetingKind

if TYPE_CHECKING:
    from store.domain.models import Agency, Attendance


PARTNERS = {
    AgencyKind.LOCAL_AUTHORITY: "the local authority",
    AgencyKind.HEALTH: "the ICB",
    AgencyKind.POLICE: "the police",
}
NEEDED: dict[MeetingKind, tuple[AgencyKind, ...]] = {
    MeetingKind.EXECUTIVE: (AgencyKind.LOCAL_AUTHORITY, AgencyKind.HEALTH, AgencyKind.POLICE),
    MeetingKind.RAPID_REVIEW: (AgencyKind.LOCAL_AUTHORITY, AgencyKind.HEALTH, AgencyKind.POLICE),
    MeetingKind.CHILD_DEATH_REVIEW: (AgencyKind.LOCAL_AUTHORITY, AgencyKind.HEALTH),
}


@dataclass(frozen=True)
class Quorum:
    applies: bool
    quorate: bool
    missing: tuple[str, ...]
    present: int

    @property
    def summary(self) -> str:
        """One line for the screen and the minutes."""
        if not self.applies:
            return "No quorum applies to this meeting."
        if self.quorate:
            return "Quorate."
        return "Not quorate: " + "; ".join(self.missing) + "."


def room_person(record: Attendance) -> int:
    """Who is (or was) in the room for this record: the deputy, if one came
    instead of a member who sent apologies; else the person themself."""
    if record.status is AttendanceStatus.APOLOGIES and record.deputy_id is not None:
        return record.deputy_id
    return record.person_id


def puts_in_room(record: Attendance) -> bool:
    """Whether the record's status puts someone in the room: a member present,
    a deputy who came, or someone in attendance (who does not count for the quorum)."""
    if record.status is AttendanceStatus.APOLOGIES:
        return record.deputy_id is not None
    return record.status in (AttendanceStatus.PRESENT, AttendanceStatus.IN_ATTENDANCE)


def counts_for_quorum(record: Attendance) -> bool:
    """A member present, or the deputy of one who sent apologies: not someone in
    attendance for an item."""
    return puts_in_room(record) and record.status is not AttendanceStatus.IN_ATTENDANCE


def in_the_room(
    attendance: Iterable[Attendance], departed: set[int]
) -> list[tuple[int, Attendance]]:
    """(person actually there, their record) for every member counted as present.

    A member who sent apologies with a deputy is represented by the deputy.
    """
    return [
        (room_person(record), record)
        for record in attendance
        if counts_for_quorum(record) and room_person(record) not in departed
    ]


def assess(
    kind: MeetingKind,
    quorum_members: int | None,
    attendance: Iterable[Attendance],
    agency_of: dict[int, Agency | None],
    departed: set[int] | None = None,
) -> Quorum:
    """Whether a meeting of ``kind`` is quorate with these people in the room.

    ``agency_of`` maps each person id to their agency (or None); ``departed``
    holds the people who have left the room.
    """
    here = in_the_room(attendance, departed or set())
    if kind in NEEDED:
        represented = set()
        for who, _record in here:
            agency = agency_of.get(who)
            if agency is not None and agency.statutory:
                represented.add(agency.kind)
        missing = tuple(
            f"no one from {PARTNERS[need]}" for need in NEEDED[kind] if need not in represented
        )
        return Quorum(True, not missing, missing, len(here))
    if kind in (MeetingKind.PARTNERSHIP_BOARD, MeetingKind.SUB_GROUP):
        if quorum_members is None:
            return Quorum(False, True, (), len(here))
        short = quorum_members - len(here)
        missing = (f"{short} more member{'s' if short != 1 else ''} needed",) if short > 0 else ()
        return Quorum(True, short <= 0, missing, len(here))
    return Quorum(False, True, (), len(here))
