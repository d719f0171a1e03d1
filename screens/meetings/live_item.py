"""What the live screen shows under the minutes: what is on record for the
current item so far (interests declared, who is in attendance for it, its
decisions and actions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from screens.common.forms import short_date
from store.domain.item_numbers import item_numbers
from store.domain.kinds import AttendanceStatus, ItemKind

if TYPE_CHECKING:
    from store import Store
    from store.domain.models import AgendaItem, Person


def item_record(
    store: Store, meeting_id: int, item: AgendaItem | None, items: Sequence[AgendaItem]
) -> Text:
    """Who declared an interest in this item and who is in attendance for it;
    the decisions and actions recorded on it so far."""
    item_id = item.id if item else None
    people = {p.id: p for p in store.directory.people()}
    text = interests(store, meeting_id, item, items, people)
    if item is not None and item.kind is ItemKind.PREVIOUS_MINUTES:
        text.append_text(previous_minutes(store, meeting_id))
    for decision in store.decisions.of_meeting(meeting_id):
        if decision.item_id == item_id:
            text.append(f"Decision {decision.reference}: ", style="bold")
            text.append(decision.text + "\n")
    today = store.clock().date()
    for action in store.actions.of_meeting(meeting_id):
        if action.item_id == item_id:
            text.append(f"Action {action.reference}: ", style="bold")
            text.append(action.description)
            owner = people[action.owner_id].name if action.owner_id in people else None
            due = f"due {short_date(action.due, today)}" if action.due else "no due date"
            text.append(f" ({owner or 'no owner'}, {due})\n", style="italic")
    return text


def previous_minutes(store: Store, meeting_id: int) -> Text:
    """On the "minutes of the previous meeting" item: whether they are agreed."""
    text = Text()
    previous = store.record.previous(meeting_id)
    if previous is None:
        text.append("No earlier meeting of this series is on record.\n", style="italic")
        return text
    title = store.register.redacted(previous.title)
    when = f"{previous.date.day} {previous.date:%B %Y}"
    agreement = store.record.agreement(previous.id or 0)
    text.append("Previous minutes: ", style="bold")
    if agreement is None:
        text.append(f"{title}, {when}: not yet agreed. ctrl+l records them as agreed.\n")
    else:
        where = " at this meeting" if agreement.at_meeting_id == meeting_id else ""
        text.append(
            f"{title}, {when}: agreed {agreement.agreed_at.day} "
            f"{agreement.agreed_at:%B %Y}{where}"
            + (f", with amendments: {agreement.amendments}" if agreement.amendments else "")
            + ".\n"
        )
    return text


def interests(
    store: Store,
    meeting_id: int,
    item: AgendaItem | None,
    items: Sequence[AgendaItem],
    people: dict[int | None, Person],
) -> Text:
    """Declarations of interest on this item (all of them on the declarations
    item), and the people in attendance for it ("for items 7 to 9")."""
    text = Text()
    if item is None:
        return text
    positions = {i.id: i.position for i in items}
    every = item.kind is ItemKind.DECLARATIONS
    for declaration in store.attendance.declarations(meeting_id):
        if not every and declaration.item_id != item.id:
            continue
        who = people[declaration.person_id].name if declaration.person_id in people else "?"
        text.append("Interest declared: ", style="bold")
        text.append(who)
        where = positions.get(declaration.item_id)
        if every:
            text.append(f" (item {where})" if where else " (no item)")
        text.append(f": {declaration.nature}")
        if declaration.left_room:
            text.append(" · left the room for the item", style="italic")
        text.append("\n")
    agencies = {a.id: a.short_name for a in store.directory.agencies()}
    for record in store.attendance.of(meeting_id):
        if record.status is not AttendanceStatus.IN_ATTENDANCE:
            continue
        if item.position not in item_numbers(record.note):
            continue
        person = people.get(record.person_id)
        if person is None:
            continue
        agency = agencies.get(person.agency_id)
        text.append("In attendance for this item: ", style="bold")
        text.append(person.name + (f" ({agency})" if agency else "") + "\n")
    return text
