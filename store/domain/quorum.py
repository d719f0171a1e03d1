"""Is the meeting quorate? The rules of domain.md, as pure functions.

The rule for each kind of meeting is a setting (``Settings.quorum_rules``,
``store.domain.models.directory.QuorumRule``), with domain.md's table as the
default:

- executive: the local authority, the ICB and the police each represented by
  their lead or delegated safeguarding partner, or the deputy one of them named;
- rapid review: someone from each of the three;
- child death review: the local authority and the ICB;
- partnership board and sub-groups: at least ``quorum_members`` members present;
- learning events: no quorum.

People are counted, not records: a deputy who came for two members, or who is
also on the list as present, is one person in the room. Someone "in attendance"
for an item is in the room but does not count, and whoever has left is not there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from store.domain.kinds import AgencyKind, AttendanceStatus, MeetingKind

if TYPE_CHECKING:
    from store.domain.models import Agency, Attendance
    from store.domain.models.directory import QuorumRule


PARTNERS = {
    AgencyKind.LOCAL_AUTHORITY: "the local authority",
    AgencyKind.HEALTH: "the ICB",
    AgencyKind.POLICE: "the police",
}


class Role(StrEnum):
    """How someone represented a safeguarding partner."""

    LEAD = "lead"  # the Lead Safeguarding Partner
    DELEGATED = "delegated"  # the Delegated Safeguarding Partner
    DEPUTY = "deputy"  # came instead of a member who sent apologies
    MEMBER = "member"  # anyone else from the agency

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.LEAD: "lead partner",
    Role.DELEGATED: "delegated partner",
    Role.DEPUTY: "deputy",
    Role.MEMBER: "member",
}
_RANK = {Role.LEAD: 0, Role.DELEGATED: 1, Role.DEPUTY: 2, Role.MEMBER: 3}


@dataclass(frozen=True)
class Representation:
    """Who represented one partner the rule needs (``person_id`` None: no one).

    ``partner`` is how the partner is named ("the police", or a local
    authority's short name when each must be represented); ``agency_id`` the
    agency represented; ``deputy_for`` the member a deputy came for;
    ``lead_recorded`` False when the agency names neither its lead nor its
    delegated partner, so that anyone from it counted."""

    partner: str
    kind: AgencyKind
    agency_id: int | None
    person_id: int | None
    name: str = ""
    role: Role | None = None
    deputy_for: int | None = None
    lead_recorded: bool = True

    @property
    def text(self) -> str:
        """ "the police: Imran Qureshi (delegated partner)", or "the ICB: no one"."""
        if self.person_id is None:
            return f"{self.partner}: no one"
        role = f" ({self.role.label})" if self.role else ""
        return f"{self.partner}: {self.name or f'person {self.person_id}'}{role}"


@dataclass(frozen=True)
class Quorum:
    applies: bool
    quorate: bool
    missing: tuple[str, ...]
    present: int  # distinct people in the room who count for the quorum
    represented: tuple[Representation, ...] = ()
    # Partners whose lead and delegated partner are not on file (anyone from them counted).
    unrecorded: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """One line for the screen and the minutes."""
        if not self.applies:
            return "No quorum applies to this meeting."
        if self.quorate:
            return "Quorate."
        return "Not quorate: " + "; ".join(self.missing) + "."

    @property
    def representation(self) -> str:
        """Who represented each partner, on one line ("" when no partner is needed)."""
        return "; ".join(r.text for r in self.represented)

    @property
    def unrecorded_note(self) -> str:
        """ "Lead partner not recorded for KV Constabulary: anyone from it counts." or ""."""
        if not self.unrecorded:
            return ""
        names = ", ".join(self.unrecorded)
        them = "them" if len(self.unrecorded) > 1 else "it"
        return f"Lead partner not recorded for {names}: anyone from {them} counts."


def room_person(record: Attendance) -> int:
    """Who the record's row stands for in the room: the deputy, if one came
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


def has_deputy(record: Attendance) -> bool:
    """A deputy came for this member: they sent apologies, or arrived late and
    the deputy stayed (both are kept, each with their own times)."""
    return record.deputy_id is not None and record.status in (
        AttendanceStatus.APOLOGIES,
        AttendanceStatus.PRESENT,
    )


def record_people(record: Attendance) -> tuple[int, ...]:
    """Everyone the record puts in the room (unless they have left): the member
    if present or in attendance, and the deputy who came for them."""
    people: list[int] = []
    if record.status in (AttendanceStatus.PRESENT, AttendanceStatus.IN_ATTENDANCE):
        people.append(record.person_id)
    if has_deputy(record) and record.deputy_id is not None:
        people.append(record.deputy_id)
    return tuple(people)


def counted(attendance: Iterable[Attendance], departed: set[int] | None = None) -> set[int]:
    """The distinct people in the room who count for the quorum: members present
    and the deputies who came, less anyone who has left."""
    people: set[int] = set()
    for record in attendance:
        if record.status is AttendanceStatus.PRESENT:
            people.add(record.person_id)
        if has_deputy(record) and record.deputy_id is not None:
            people.add(record.deputy_id)
    return people - (departed or set())


def in_the_room(attendance: Iterable[Attendance], departed: set[int] | None = None) -> set[int]:
    """Everyone in the room now, whether they count or not (in attendance)."""
    people: set[int] = set()
    for record in attendance:
        people.update(record_people(record))
    return people - (departed or set())


def assess(
    rule: QuorumRule,
    quorum_members: int | None,
    attendance: Iterable[Attendance],
    agency_of: Mapping[int, Agency | None],
    departed: set[int] | None = None,
    *,
    agencies: Sequence[Agency] | None = None,
    each_local_authority: bool = False,
    names: Mapping[int, str] | None = None,
) -> Quorum:
    """Whether a meeting under ``rule`` is quorate with these people in the room.

    ``agency_of`` maps each person id to their agency (or None); ``departed``
    holds the people who have left the room; ``agencies`` every agency on file
    (default: those in ``agency_of``), for the partners and their leads;
    ``each_local_authority``: where several local authorities are partners,
    each must be represented (else any one); ``names`` names the representatives.
    """
    records = list(attendance)
    here = counted(records, departed)
    if agencies is None:
        seen: dict[int, Agency] = {}
        for agency in agency_of.values():
            if agency is not None and agency.id is not None:
                seen.setdefault(agency.id, agency)
        agencies = list(seen.values())
    missing: list[str] = []
    represented: list[Representation] = []
    unrecorded: list[str] = []
    deputies: dict[int, list[int]] = {}  # deputy -> the members they came for
    for record in records:
        if has_deputy(record) and record.deputy_id in here:
            deputies.setdefault(record.deputy_id or 0, []).append(record.person_id)
    for kind in rule.partners:
        partners = [a for a in agencies if a.statutory and a.kind is kind]
        if kind is AgencyKind.LOCAL_AUTHORITY and each_local_authority and len(partners) > 1:
            groups = [(a.short_name, [a]) for a in partners]
        else:
            groups = [(PARTNERS.get(kind, kind.label), partners)]
        for label, group in groups:
            if rule.by_partner_leads:
                unrecorded += [a.short_name for a in group if not _leads(a)]
            best = _represent(
                label, kind, group, rule.by_partner_leads, here, deputies, agency_of, names or {}
            )
            represented.append(best)
            if best.person_id is None:
                # Someone from the partner, but not one who may represent it?
                from_it = any(_member(agency_of.get(p), group) for p in here) or any(
                    _member(agency_of.get(m), group) for ms in deputies.values() for m in ms
                )
                missing.append(
                    f"no lead or delegated partner for {label}"
                    if from_it
                    else f"no one from {label}"
                )
    applies = bool(rule.partners)
    if rule.members and quorum_members is not None:
        applies = True
        short = quorum_members - len(here)
        if short > 0:
            missing.append(f"{short} more member{'s' if short != 1 else ''} needed")
    if not applies:
        return Quorum(False, True, (), len(here))
    return Quorum(
        True, not missing, tuple(missing), len(here), tuple(represented), tuple(unrecorded)
    )


def _leads(agency: Agency) -> tuple[int, ...]:
    return tuple(p for p in (agency.lead_partner_id, agency.delegated_partner_id) if p is not None)


def _represent(
    label: str,
    kind: AgencyKind,
    group: Sequence[Agency],
    by_leads: bool,
    here: set[int],
    deputies: Mapping[int, list[int]],
    agency_of: Mapping[int, Agency | None],
    names: Mapping[int, str],
) -> Representation:
    """The best representative of one partner (lead, then delegated partner, then
    a deputy, then anyone from it, by name), or a Representation of no one."""
    candidates: list[tuple[int, str, int, Representation]] = []
    for agency in group:
        leads = _leads(agency)
        strict = by_leads and bool(leads)
        for person in here:
            role: Role | None = None
            deputy_for: int | None = None
            if person == agency.lead_partner_id:
                role = Role.LEAD
            elif person == agency.delegated_partner_id:
                role = Role.DELEGATED
            else:
                came_for = [
                    m
                    for m in deputies.get(person, [])
                    if (m in leads if strict else _same(agency_of.get(m), agency))
                ]
                if came_for:
                    role, deputy_for = Role.DEPUTY, came_for[0]
                elif not strict and _same(agency_of.get(person), agency):
                    role = Role.MEMBER
            if role is None:
                continue
            name = names.get(person, "")
            found = Representation(
                label, kind, agency.id, person, name, role, deputy_for, bool(leads)
            )
            candidates.append((_RANK[role], name.lower(), person, found))
    if candidates:
        return min(candidates, key=lambda c: c[:3])[3]
    only = group[0] if len(group) == 1 else None
    return Representation(
        label,
        kind,
        only.id if only else None,
        None,
        lead_recorded=all(_leads(a) for a in group) if group else True,
    )


def _member(agency: Agency | None, group: Sequence[Agency]) -> bool:
    return agency is not None and any(agency.id == a.id for a in group)


def _same(agency: Agency | None, other: Agency) -> bool:
    return agency is not None and agency.id == other.id


# -- the rules as a chair reads and types them (quorate settings, the settings form) --

_PARTNER_WORDS = {
    AgencyKind.LOCAL_AUTHORITY: "local authority",
    AgencyKind.HEALTH: "ICB",
    AgencyKind.POLICE: "police",
}
_PARTNER_ALIASES = {
    "local authority": AgencyKind.LOCAL_AUTHORITY,
    "la": AgencyKind.LOCAL_AUTHORITY,
    "local_authority": AgencyKind.LOCAL_AUTHORITY,
    "icb": AgencyKind.HEALTH,
    "health": AgencyKind.HEALTH,
    "police": AgencyKind.POLICE,
}
BY_LEADS = "by leads"


def rule_text(rule: QuorumRule) -> str:
    """A rule in the words ``read_rules`` reads back: "local authority, ICB,
    police, by leads"; "members"; "none"."""
    terms = [_PARTNER_WORDS.get(kind, kind.value) for kind in rule.partners]
    if rule.partners and rule.by_partner_leads:
        terms.append(BY_LEADS)
    if rule.members:
        terms.append("members")
    return ", ".join(terms) or "none"


def rule_label(rule: QuorumRule) -> str:
    """A rule as a sentence, for a list to choose from."""
    names = [PARTNERS.get(kind, kind.label) for kind in rule.partners]
    listed = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    parts = []
    if names:
        how = (
            "each by its lead or delegated partner, or their deputy"
            if rule.by_partner_leads
            else "someone from each"
        )
        parts.append(f"{listed}: {how}")
    if rule.members:
        parts.append("a set number of members (the meeting's own quorum)")
    text = "; and ".join(parts) if parts else "no quorum"
    return text[0].upper() + text[1:]


def kind_named(text: str) -> MeetingKind | None:
    """A kind of meeting as typed: "rapid review", "rapid_review", "Sub-group",
    "board" (the partnership board)."""
    key = "_".join(text.strip().lower().replace("-", " ").split())
    if key == "board":
        return MeetingKind.PARTNERSHIP_BOARD
    try:
        return MeetingKind(key)
    except ValueError:
        return None


def read_rules(text: str) -> dict[MeetingKind, dict[str, object]]:
    """Rules as typed, one kind after another: "executive: local authority, ICB,
    police, by leads; board: members; learning event: none". Only the kinds
    named are returned (each a QuorumRule's fields); ``InvalidValue`` on
    ``quorum_rules`` names the first thing not understood."""
    from store.domain.errors import InvalidValue

    def bad(message: str) -> InvalidValue:
        return InvalidValue({"quorum_rules": message})

    rules: dict[MeetingKind, dict[str, object]] = {}
    for part in (p for p in text.split(";") if p.strip()):
        named, colon, spec = part.partition(":")
        kind = kind_named(named)
        if not colon or kind is None:
            raise bad(f"{part.strip()!r}: start with a kind of meeting and a colon")
        partners: list[AgencyKind] = []
        leads = members = False
        for term in (t.strip().lower() for t in spec.split(",") if t.strip()):
            if term in _PARTNER_ALIASES:
                if _PARTNER_ALIASES[term] not in partners:
                    partners.append(_PARTNER_ALIASES[term])
            elif term in (BY_LEADS, "leads", "by partner leads"):
                leads = True
            elif term == "members":
                members = True
            elif term != "none":
                raise bad(
                    f"{term!r} is not understood: use local authority, ICB, police, "
                    "by leads, members or none"
                )
        if leads and not partners:
            raise bad(f"{named.strip()}: by leads needs the partners to be named")
        rules[kind] = {"partners": partners, "by_partner_leads": leads, "members": members}
    return rules
