"""The decisions log as Markdown for circulation: one table, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.domain import markdown as md
from store.exports.builder import Builder

if TYPE_CHECKING:
    from store import Store


def decisions_markdown(
    store: Store, text: str = "", meeting_id: int | None = None, *, redact: bool = True
) -> str:
    """The decisions log, newest first."""
    x = Builder(store, redact=redact)
    rows = [
        [
            x.f(decision.reference),
            x.f(decision.made_at.strftime("%d %b %Y")),
            x.f(meeting_title),
            x.f(item_title),
            x.f(decision.text)
            + (
                f" *(withdrawn on {x.f(decision.withdrawn_at.strftime('%d %b %Y'))})*"
                if decision.withdrawn_at is not None
                else ""
            ),
        ]
        for decision, meeting_title, item_title in store.decisions.page(
            text, meeting_id, 0, store.decisions.count(text, meeting_id)
        )
    ]
    body = [
        f"# Decisions log: {x.f(x.settings.partnership_name)}",
        md.table(["Ref", "Date", "Meeting", "Item", "Decision"], rows) if rows else "No decisions.",
    ]
    return x.wrap(body)
