"""One escalation: where it stands (its stage, who holds it, when it is due),
the parties and their positions, the history of its stages (kept, never
changed) and how it ended. ``e`` escalates it, ``r`` resolves it, ``c`` closes
it unresolved, ``w`` corrects the record. The child is shown by pseudonym;
``v`` shows the real name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from screens.common.base import QuorateScreen, plain
from screens.common.child_record import ChildRecordScreen
from screens.escalations.common import due_text, standing_text
from screens.reviews.common import day_text
from screens.widgets.keybar import KeyBar
from store.domain.kinds import EscalationStatus

if TYPE_CHECKING:
    from store.domain.models.escalations import Escalation

WRITING = frozenset({"escalate", "resolve", "close", "correct"})
MOVES = frozenset({"escalate", "resolve", "close"})


def open_form(
    screen: QuorateScreen, kind: str, escalation: Escalation, meeting_id: int | None, done: Any
) -> None:
    """The form that moves ``escalation`` on (escalate, resolve, close), from
    its own screen or from a live meeting (then minuted there)."""
    from screens.escalations import forms

    form = {"escalate": forms.EscalateForm, "resolve": forms.ResolveForm, "close": forms.CloseForm}
    screen.app.push_screen(form[kind](screen.store, escalation, meeting_id), done)


def can_move(screen: QuorateScreen, kind: str, escalation: Escalation | None) -> bool:
    """Whether ``kind`` applies: the escalation is open and, to escalate, not at
    its policy's last stage."""
    if escalation is None or escalation.status is not EscalationStatus.OPEN:
        return False
    if kind == "escalate":
        return escalation.stage < screen.store.escalations.policy(escalation).last
    return True


class EscalationScreen(ChildRecordScreen):
    CSS_PATH = "escalation.tcss"
    BODY_ID = "escalation-body"
    WRITES = QuorateScreen.WRITES | WRITING
    BINDINGS = [
        Binding("e", "move('escalate')", "Escalate", id="escalation-escalate"),
        Binding("r", "move('resolve')", "Resolve", id="escalation-resolve"),
        Binding("c", "move('close')", "Close unresolved", id="escalation-close"),
        Binding("w", "correct", "Correct", id="escalation-correct"),
        Binding("v", "show_names", "Show/hide real names", id="escalation-names", show=False),
        Binding("escape,backspace", "back", "Back", id="escalation-back", key_display="esc"),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]

    def __init__(self, escalation_id: int):
        super().__init__()
        self.escalation_id = escalation_id
        self.escalation: Escalation | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="escalation-body"):
            yield Static(id="escalation-title")
            yield Static(id="escalation-standing")
            yield Static("The disagreement (w corrects it)", classes="section-heading")
            yield Static(id="escalation-details")
            yield Static("Positions", classes="section-heading")
            yield Static(id="escalation-positions")
            yield Static("Stages (kept as they happened)", classes="section-heading")
            yield Static(id="escalation-history")
            yield Static("Outcome", classes="section-heading")
            yield Static(id="escalation-outcome")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#escalation-body", VerticalScroll).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        store = self.store
        e = self.escalation = store.escalations.get(self.escalation_id)
        now = store.clock()
        policy = store.escalations.policy(e)
        self.agencies = {a.id or 0: a for a in store.directory.agencies()}
        self.people = {p.id or 0: p for p in store.directory.people()}
        self.sub_title = e.reference
        self._title(e)
        line = Text()
        label = policy.label(e.stage)
        if e.status is EscalationStatus.OPEN:
            name = policy.stage(e.stage).name if e.stage <= policy.last else ""
            line.append(
                f"Stage {e.stage} of {policy.last}" + (f" ({name})" if name else ""), style="bold"
            )
            line.append(f" · held by {self._holder(e.holder_id, e.holder)}")
            line.append(f" · due {due_text(e)} · ")
            line.append_text(standing_text(self.app, store, e, now))
            if e.stage_due_at is None:
                line.append(" (working days)", style="dim")
        else:
            line.append(f"{e.status.label} at {label[0].lower()}{label[1:]}", style="bold")
            line.append(f" on {day_text(e.closed_on)}")
            if e.referred_to is not None:
                line.append(f", referred to {e.referred_to.label}")
        working = store.escalations.days_open(e, now.date())
        since = "since it was raised" if e.closed_on is None else "from raised to closed"
        line.append(f"\n{working} working days {since}", style="dim")
        self.query_one("#escalation-standing", Static).update(line)
        self.query_one("#escalation-details", Static).update(self._details(e))
        self.query_one("#escalation-positions", Static).update(self._positions(e))
        self.query_one("#escalation-history", Static).update(self._history())
        self.query_one("#escalation-outcome", Static).update(self._outcome(e))
        self.refresh_bindings()

    def _title(self, e: Escalation) -> None:
        title = self.title_text(e.reference, e.child_id, "no child chosen from the register (w)")
        title.append(f"  ·  {e.category.label}")
        if e.urgent:
            title.append("  ·  URGENT (24-hour route)", style="bold")
        self.query_one("#escalation-title", Static).update(title)

    def _agency(self, agency_id: int | None) -> str:
        agency = self.agencies.get(agency_id or 0)
        return agency.name if agency else "?"

    def _holder(self, person_id: int | None, role: str | None) -> str:
        person = self.people.get(person_id or 0)
        who = person.name if person else ""
        if role:
            who = f"{who} ({role})" if who else role
        return who or "not recorded"

    def _details(self, e: Escalation) -> Text:
        text = Text()
        text.append("Raised on ", style="bold")
        text.append(day_text(e.raised_on))
        text.append("  by ", style="bold")
        by = self._holder(e.raised_by_id, e.raised_by_role)
        agency = self._agency(e.raised_by_agency_id)
        text.append(plain(agency if by == "not recorded" else f"{by}, {agency}"))
        text.append("\nRaised with ", style="bold")
        text.append(plain(self._agency(e.raised_with_agency_id)))
        text.append("\nThe decision disputed: ", style="bold")
        text.append(plain(self.shown(e.decision_disputed) or "not recorded"))
        return text

    def _positions(self, e: Escalation) -> Text:
        text = Text()
        for agency_id, position in (
            (e.raised_by_agency_id, e.raiser_position),
            (e.raised_with_agency_id, e.other_position),
        ):
            text.append(f"{self._agency(agency_id)}: ", style="bold")
            text.append(plain(self.shown(position) or "not recorded"))
            text.append("\n")
        text.rstrip()
        return text

    def _history(self) -> Text:
        """Each stage as it happened, its note in full (wrapped, not cut)."""
        store = self.store
        text = Text()
        meetings: dict[int, str] = {}
        for stage in store.escalations.stages(self.escalation_id):
            due = f"{stage.due_at:%a %d %b %H:%M}" if stage.due_at else f"{stage.due:%a %d %b}"
            text.append(f"{stage.stage}. {stage.name}", style="bold")
            text.append(f"  entered {stage.entered_on:%a %d %b %Y} · due {due}")
            if stage.left_on is not None:
                text.append(f" · left {stage.left_on:%a %d %b}")
            text.append("\n   held by ")
            text.append(plain(self._holder(stage.holder_id, stage.holder)))
            if stage.meeting_id is not None:
                if stage.meeting_id not in meetings:
                    m = store.meetings.get(stage.meeting_id)
                    meetings[stage.meeting_id] = f"{m.date:%d %b %Y}"
                text.append(f" · minuted at the meeting of {meetings[stage.meeting_id]}")
            if stage.note:
                text.append("\n   ")
                note = plain(self.shown(stage.note))
                note.stylize("italic")
                text.append_text(note)
            text.append("\n")
        text.rstrip()
        return text

    def _outcome(self, e: Escalation) -> Text:
        if e.status is EscalationStatus.OPEN:
            return Text("Open: e escalates it, r resolves it, c closes it unresolved.", style="dim")
        text = Text()
        text.append(f"{e.status.label} on {day_text(e.closed_on)}", style="bold")
        if e.closed_meeting_id is not None:
            meeting = self.store.meetings.get(e.closed_meeting_id)
            text.append(f" (minuted at the meeting of {meeting.date:%d %b %Y})")
        text.append("\n")
        text.append(plain(self.shown(e.outcome) or "No outcome recorded."))
        if e.learning_theme:
            text.append("\nLearning theme: ", style="bold")
            text.append(plain(e.learning_theme))
        return text

    # -- keys -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move" and parameters:
            if self.store.readonly or not can_move(self, str(parameters[0]), self.escalation):
                return None
        return super().check_action(action, parameters)

    def action_move(self, kind: str) -> None:
        if not can_move(self, kind, self.escalation) or self.escalation is None:
            return

        def done(result: int | None) -> None:
            if result:
                self.notify(f"{self.store.escalations.get(result).reference}: recorded.")

        open_form(self, kind, self.escalation, None, done)

    def action_correct(self) -> None:
        from screens.escalations.forms import EditForm

        if self.escalation is not None:
            self.app.push_screen(EditForm(self.store, self.escalation))
