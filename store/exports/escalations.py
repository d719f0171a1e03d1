"""The escalations summary for the partnership executive and the independent
scrutineer: the figures (open by stage, agency and category; resolved at which
stage and how fast; closed unresolved and where they went; the learning themes),
then each open escalation. Built with ``Builder`` (redaction, then escaping):
the child appears by pseudonym only and whoever holds an escalation by role and
agency, never by name; written only by ``store.exports.writer``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from store.domain import markdown as md
from store.domain.kinds import EscalationStatus
from store.exports.builder import Builder, day

if TYPE_CHECKING:
    from store import Store
    from store.domain.escalation_policy import Policy
    from store.domain.models.escalations import Escalation
    from store.escalations import Count, EscalationQuery

# The list is for a meeting's papers: past this many rows the rest are counted.
LISTED = 500


def escalations_markdown(
    store: Store, query: EscalationQuery | None = None, *, redact: bool = True
) -> str:
    """The figures and the list of escalations (the open ones unless ``query``
    says otherwise), ready to circulate."""
    from store.escalations import EscalationQuery

    x = Builder(store, redact=redact)
    query = query or EscalationQuery()
    now = store.clock()
    parts = store.escalations
    policy = parts.policy()  # the setting now: the figures use its stage names
    figures = parts.figures(now)
    body = [
        "# Escalations: summary for the executive and the scrutineer",
        x.f(f"{x.settings.partnership_name}. As at {day(now.date())}."),
    ]
    median = (
        f"median {figures.median_days:g} working days from raised to resolved"
        if figures.median_days is not None
        else "none yet"
    )
    summary = [
        [
            "Open",
            x.f(
                f"{figures.open} ({figures.overdue} overdue, {figures.urgent_open} on the urgent "
                "route)"
            ),
        ],
        ["Resolved", x.f(f"{figures.resolved} ({median})" if figures.resolved else "None yet")],
        [
            "Closed unresolved",
            x.f(
                f"{figures.closed} ({figures.to_executive} referred to the partnership "
                f"executive, {figures.to_scrutineer} to the independent scrutineer)"
            ),
        ],
        ["Reached the final stage", x.f(str(figures.reached_last))],
    ]
    body.append("## Figures\n\n" + md.table(["Figure", "Value"], summary))
    body.append(
        "## Open, by stage\n\n"
        + md.table(["Stage", "Open"], _by_stage(x, policy, figures.open_by_stage))
    )
    body.append(
        "## Open, by agency\n\nAn escalation is counted for each of the two agencies in it.\n\n"
        + _counts(x, "Agency", "Open", figures.open_by_agency)
    )
    body.append(
        "## Open, by category\n\n" + _counts(x, "Category", "Open", figures.open_by_category)
    )
    body.append(
        "## Resolved, by the stage reached\n\n"
        + (
            md.table(["Stage", "Resolved"], _by_stage(x, policy, figures.resolved_by_stage, True))
            if figures.resolved_by_stage
            else "None yet."
        )
    )
    body.append(
        "## Learning themes\n\nFrom the escalations resolved or closed.\n\n"
        + _counts(x, "Theme", "Escalations", figures.themes)
    )
    body.append(_listing(x, store, query, now))
    return x.wrap(body)


def _by_stage(
    x: Builder, policy: Policy, counts: tuple[Count, ...], only_counted: bool = False
) -> list[list[str]]:
    """Each stage of the policy as set now (with its count, 0 if none), then any
    later stage an escalation reached under a longer policy it started under."""
    by_number = {int(c.label.removeprefix("Stage ")): c.count for c in counts}
    numbers = sorted(set(by_number) | (set() if only_counted else set(range(1, policy.last + 1))))
    return [[x.f(policy.label(n)), x.f(str(by_number.get(n, 0)))] for n in numbers]


def _counts(x: Builder, what: str, counted: str, counts: tuple[Count, ...]) -> str:
    if not counts:
        return "None."
    return md.table([what, counted], [[x.f(c.label), x.f(str(c.count))] for c in counts])


def _listing(x: Builder, store: Store, query: EscalationQuery, now: dt.datetime) -> str:
    parts = store.escalations
    total = parts.count(query, now)
    listed = parts.page(query, 0, LISTED, now)
    pseudonyms = {p.id: p.pseudonym for p in store.register.all()}
    heading = "## Open escalations" if query.state == "open" else "## Escalations"
    if query.stage is not None:
        heading += f" at stage {query.stage}"
    rows = [_row(x, store, escalation, now, pseudonyms) for escalation in listed]
    if not rows:
        return heading + "\n\nNone."
    table = md.table(
        [
            "Ref",
            "Child",
            "Category",
            "Between",
            "Stage",
            "Held by",
            "Raised",
            "Working days open",
            "Due",
            "State",
        ],
        rows,
    )
    if total > len(listed):
        table += "\n\n" + x.f(
            f"The first {len(listed)} of {total} are listed here; the other "
            f"{total - len(listed)} are in Quorate."
        )
    return heading + "\n\n" + table


def _row(
    x: Builder,
    store: Store,
    escalation: Escalation,
    now: dt.datetime,
    pseudonyms: dict[int | None, str],
) -> list[str]:
    parts = store.escalations
    raised_by = x.agencies.get(escalation.raised_by_agency_id)
    raised_with = x.agencies.get(escalation.raised_with_agency_id)
    between = (
        f"{raised_by.short_name if raised_by else '?'} → "
        f"{raised_with.short_name if raised_with else '?'}"
    )
    # Who holds it by role, with the agency of the person named as holder: a
    # circulated paper names professionals in case work by role and agency.
    holder_agency = x.agency(x.people.get(escalation.holder_id))
    held = escalation.holder or ""
    if holder_agency is not None:
        held = f"{held}, {holder_agency.short_name}" if held else holder_agency.short_name
    return [
        x.f(escalation.reference),
        x.f(pseudonyms.get(escalation.child_id, "")) or "Not recorded",
        x.f(escalation.category.label),
        x.f(between),
        x.f(parts.policy(escalation).label(escalation.stage)),
        x.f(held) or "Not recorded",
        x.f(day(escalation.raised_on)),
        x.f(str(parts.days_open(escalation, now.date()))),
        x.f(_due(escalation, now)),
        x.f(_state(store, escalation, now)),
    ]


def _due(escalation: Escalation, now: dt.datetime) -> str:
    if escalation.status is not EscalationStatus.OPEN:
        return ""
    if escalation.stage_due_at is not None:
        # The urgent route runs on hours: the moment, in the clock's zone.
        moment = escalation.stage_due_at.astimezone(now.tzinfo)
        return f"{day(moment.date())}, {moment:%H:%M} (urgent)"
    return day(escalation.stage_due) if escalation.stage_due else ""


def _state(store: Store, escalation: Escalation, now: dt.datetime) -> str:
    if escalation.status is EscalationStatus.OPEN:
        return "Overdue" if store.escalations.overdue(escalation, now) else "Open"
    when = f" {day(escalation.closed_on)}" if escalation.closed_on else ""
    referred = (
        f", referred to {escalation.referred_to.label}"
        if escalation.status is EscalationStatus.CLOSED and escalation.referred_to
        else ""
    )
    return f"{escalation.status.label}{when}{referred}"


__all__ = ["LISTED", "escalations_markdown"]
