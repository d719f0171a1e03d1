"""Keeping the record: cancelling a meeting, a meeting's corrections after it
closed, and one decision (changed or withdrawn, its earlier wording kept)."""

from __future__ import annotations

import difflib
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from screens.common.base import QuorateScreen
from screens.common.form import Field, FormScreen
from screens.widgets.keybar import KeyBar
from store import Store
from store.domain.errors import InvalidValue, StoreError


class CancelMeetingForm(FormScreen):
    """Why the meeting is cancelled; it is kept, marked cancelled."""

    def __init__(self, store: Store, meeting_id: int):
        self.store = store
        self.meeting_id = meeting_id
        meeting = store.meetings.get(meeting_id)
        super().__init__(
            f"Cancel {meeting.title} on {meeting.date:%a %d %b %Y}? It is kept, marked "
            "cancelled, and leaves the upcoming list.",
            [Field("reason", "Reason (shown with the meeting)", placeholder="Chair unwell")],
        )

    def save(self, values: dict[str, Any]) -> int:
        self.store.meetings.cancel(self.meeting_id, values["reason"] or None)
        return self.meeting_id


class DecisionTextForm(FormScreen):
    def __init__(self, store: Store, decision_id: int):
        self.store = store
        self.decision_id = decision_id
        decision = store.decisions.get(decision_id)
        super().__init__(
            f"Change {decision.reference} (the earlier wording is kept)",
            [
                Field("text", "Decision", decision.text),
                Field("rationale", "Rationale (why)", decision.rationale),
                Field("decided_by", "Decided by (blank: the meeting)", decision.decided_by),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        self.store.decisions.update(
            self.decision_id,
            values["text"],
            rationale=values["rationale"] or None,
            decided_by=values["decided_by"] or None,
        )
        return self.decision_id


class WithdrawDecisionForm(FormScreen):
    def __init__(self, store: Store, decision_id: int):
        self.store = store
        self.decision_id = decision_id
        decision = store.decisions.get(decision_id)
        super().__init__(
            f"Withdraw {decision.reference}? It is kept, marked withdrawn, with the reason.",
            [Field("reason", "Why it is withdrawn", placeholder="Recorded twice")],
        )

    def save(self, values: dict[str, Any]) -> int:
        reason = values["reason"] or ""
        if not reason.strip():
            raise InvalidValue({"reason": "say why it is withdrawn"})
        self.store.decisions.withdraw(self.decision_id, reason)
        return self.decision_id


def changes(old: str | None, new: str | None) -> Text:
    """What a correction changed, line by line: removed lines in red with "-",
    added ones in green with "+"; unchanged lines are left out."""
    out = Text()
    for line in difflib.ndiff((old or "").splitlines(), (new or "").splitlines()):
        if line.startswith("- "):
            out.append(f"  - {line[2:]}\n", style="red")
        elif line.startswith("+ "):
            out.append(f"  + {line[2:]}\n", style="green")
    return out


class CorrectionsScreen(QuorateScreen):
    """Every change to a meeting's minutes after it closed, and to its decisions:
    when, who, what, and the lines changed."""

    CSS_PATH = "record.tcss"
    BINDINGS = [
        Binding("escape,backspace", "back", "Back", id="corrections-back", key_display="esc"),
    ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="corrections"):
            yield Static(id="corrections-heading", classes="section-heading")
            yield Static(id="corrections-list")
        yield KeyBar()

    def on_mount(self) -> None:
        meeting = self.store.meetings.get(self.meeting_id)
        self.sub_title = self.store.register.redacted(meeting.title)
        found = self.store.meetings.corrections(self.meeting_id)
        self.query_one("#corrections-heading", Static).update(
            Text(
                f"Corrections to the record of {meeting.title}, {meeting.date:%d %b %Y}: "
                f"{len(found)}",
                style="bold",
            )
        )
        body = Text()
        if not found:
            body.append(
                "None. Minutes changed after the meeting is closed (r on the meeting "
                "screen), and changes to its decisions, are listed here with who made "
                "them and when.",
                style="italic",
            )
        for correction in found:
            entry = correction.entry
            body.append(f"{entry.at:%d %b %Y %H:%M} · {entry.who} · ", style="bold")
            body.append(f"{correction.what}\n", style="bold")
            if entry.field == "withdrawn_reason" and entry.old is None:
                body.append(f"  reason: {entry.new}\n")
            else:
                body.append_text(changes(entry.old, entry.new))
            body.append("\n")
        body.append_text(self._kept())
        self.query_one("#corrections-list", Static).update(body)

    def _kept(self) -> Text:
        """The minutes' agreement, each amendment's reason, each copy circulated."""
        record = self.store.record
        text = Text()
        agreement = record.agreement(self.meeting_id)
        text.append("Agreed as an accurate record: ", style="bold")
        if agreement is None:
            text.append("not yet (A on the meeting screen)\n")
        else:
            text.append(f"{agreement.agreed_at:%d %b %Y %H:%M}")
            if agreement.at_meeting_id is not None:
                at = self.store.meetings.get(agreement.at_meeting_id)
                text.append(f" at {self.store.register.redacted(at.title)}, {at.date:%d %b %Y}")
            if agreement.amendments:
                text.append(f", with amendments: {agreement.amendments}")
            text.append("\n")
        for amendment in record.amendments(self.meeting_id):
            text.append(f"Amended {amendment.at:%d %b %Y %H:%M} · {amendment.what}", style="bold")
            text.append(f"\n  reason: {amendment.reason}\n")
        copies = record.circulations(self.meeting_id)
        text.append("\nCopies circulated: ", style="bold")
        text.append(f"{len(copies)}\n" if copies else "none yet (x exports the minutes)\n")
        for copy in copies:
            kind = "redacted" if copy.redacted else "UNREDACTED"
            text.append(f"{copy.at:%d %b %Y %H:%M} · {kind} · {copy.file}\n")
            text.append(f"  SHA-256 {copy.sha256}\n", style="dim")
        return text

    def action_back(self) -> None:
        self.dismiss()


class DecisionScreen(QuorateScreen):
    """One decision: where and when it was made, its wording, and its history."""

    WRITES = frozenset({"edit", "withdraw"})
    CSS_PATH = "record.tcss"
    BINDINGS = [
        Binding("e", "edit", "Change", id="decision-edit"),
        Binding("w", "withdraw", "Withdraw", id="decision-withdraw"),
        Binding("escape,backspace", "back", "Back", id="decision-back", key_display="esc"),
    ]

    def __init__(self, decision_id: int):
        super().__init__()
        self.decision_id = decision_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="decision"):
            yield Static(id="decision-heading", classes="section-heading")
            yield Static(id="decision-text")
            yield Static("History", classes="section-heading")
            yield Static(id="decision-history")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        store = self.store
        decision = store.decisions.get(self.decision_id)
        meeting = store.meetings.get(decision.meeting_id)
        item = next(
            (i for i in store.agenda.items(meeting.id or 0) if i.id == decision.item_id), None
        )
        heading = Text(f"{decision.reference}", style="bold")
        heading.append(f" · {meeting.title}, {meeting.date:%a %d %b %Y}")
        heading.append(f" · item {item.position}: {item.title}" if item else " · no item")
        self.query_one("#decision-heading", Static).update(heading)
        text = Text(decision.text + "\n")
        text.append("\nRationale: ", style="bold")
        text.append(decision.rationale or "not recorded")
        text.append("\nDecided by: ", style="bold")
        text.append((decision.decided_by or "the meeting") + "\n")
        if decision.withdrawn_at is not None:
            text.append(
                f"\nWithdrawn on {decision.withdrawn_at:%d %b %Y at %H:%M}: "
                f"{decision.withdrawn_reason or ''}",
                style="bold red",
            )
        self.query_one("#decision-text", Static).update(text)
        history = Text()
        history.append(f"{decision.made_at:%d %b %Y %H:%M}  recorded\n")
        trail = store.decisions.history(self.decision_id)
        first = min((entry.at for entry in trail), default=None)
        for entry in trail:
            if entry.old is None and entry.field != "withdrawn_reason" and entry.at == first:
                continue  # the first recording, shown above
            when = f"{entry.at:%d %b %Y %H:%M}  {entry.who}: "
            if entry.field == "text":
                history.append(when + "wording changed\n")
                history.append_text(changes(entry.old, entry.new))
            elif entry.field in ("rationale", "decided_by"):
                label = "rationale" if entry.field == "rationale" else "decided by"
                history.append(when + f"{label} changed\n")
                history.append_text(changes(entry.old, entry.new))
            elif entry.field == "withdrawn_reason":
                history.append(when + f"withdrawn ({entry.new})\n")
        self.query_one("#decision-history", Static).update(history)
        self.sub_title = store.register.redacted(meeting.title)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.WRITES:
            try:
                if self.store.decisions.get(self.decision_id).withdrawn:
                    return None
            except StoreError:
                return None
        return super().check_action(action, parameters)

    def action_edit(self) -> None:
        self.app.push_screen(DecisionTextForm(self.store, self.decision_id))

    def action_withdraw(self) -> None:
        self.app.push_screen(WithdrawDecisionForm(self.store, self.decision_id))

    def action_back(self) -> None:
        self.dismiss()
