"""The live meeting's side panel: the item's clock, the projected finish, the
quorum and the items to come. The screen hands it what to show; it asks the
store nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

if TYPE_CHECKING:
    from store.domain.agenda_times import Projection
    from store.domain.models import AgendaItem
    from store.domain.quorum import Quorum

WARN_AT = 0.8  # the clock turns amber once this share of the item's time has gone
# The partners as the narrow side panel names them (a local authority's own short
# name stands when each of several must be represented).
SHORT_PARTNER = {"the local authority": "LA", "the ICB": "ICB", "the police": "Police"}


def clock_text(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02}:{secs:02}" if hours else f"{sign}{minutes}:{secs:02}"


def minutes_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if hours and rest else f"{hours} h" if hours else f"{rest} min"


def finish_text(projected: dt.datetime, planned: dt.datetime, width: int = 0) -> Text:
    """The finish as the agenda plans it ("Planned finish 14:55"), then the projection and how far
    it is from that: "Projected 15:05 (10 min over)", the gap on its own line
    when the line would not fit in ``width``. Both are compared as the clock on
    the wall reads them."""
    gap = projected.replace(tzinfo=None) - planned.replace(tzinfo=None)
    minutes = int(gap.total_seconds() / 60)  # whole minutes: under one is on time
    if minutes > 0:
        status = f"{minutes_text(minutes)} over"
    elif minutes < 0:
        status = f"{minutes_text(-minutes)} early"
    else:
        status = "on time"
    line = f"Projected {projected:%H:%M} ({status})"
    if width and len(line) > width:  # a narrow panel: the gap on a line of its own
        line = f"Projected {projected:%H:%M}\n({status})"
    text = Text(f"Planned finish {planned:%H:%M}\n")
    text.append(line, style="bold" if minutes > 0 else "")
    return text


class LiveSide(Vertical):
    """The side panel; styled by the live screen's stylesheet (by id), except that
    the quorum's lines, one per partner, are cut with "…" rather than wrapped, so
    a narrow panel keeps one line each."""

    DEFAULT_CSS = """
    LiveSide #quorum.-partners {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    _finish: tuple[dt.datetime, dt.datetime] | None = None  # projected, planned

    def compose(self) -> ComposeResult:
        yield Static(id="item-clock")
        yield Static(id="meeting-finish")
        yield Static(id="quorum")
        yield Static(id="next-items")

    def show_clock(self, p: Projection, planned_finish: dt.datetime) -> None:
        """The current item's time used and left; the finish the agenda plans
        (``planned_finish``, its wall-clock time) and the one projected from where
        the meeting is."""
        clock = self.query_one("#item-clock", Static)
        over = p.elapsed > p.planned
        text = Text()
        text.append(clock_text(p.elapsed), style="bold")
        text.append(f" of {clock_text(p.planned)}\n")
        text.append(
            f"{clock_text(p.overrun)} over" if over else f"{clock_text(p.planned - p.elapsed)} left"
        )
        clock.update(text)
        clock.set_class(over, "-overrun")
        clock.set_class(not over and p.elapsed >= p.planned * WARN_AT, "-warning")
        self._finish = (p.finish, planned_finish)
        self._show_finish()

    def _show_finish(self) -> None:
        finish = self.query_one("#meeting-finish", Static)
        if self._finish is not None:
            finish.update(finish_text(*self._finish, finish.content_size.width))

    def on_resize(self) -> None:
        self._show_finish()  # the first clock came before the panel had its width

    def show_correcting(self) -> None:
        """A closed meeting reopened to correct its minutes: no clock runs."""
        clock = self.query_one("#item-clock", Static)
        clock.update(Text("Correcting the minutes\n(meeting closed)", style="bold"))
        clock.set_class(False, "-overrun")
        clock.set_class(False, "-warning")
        self._finish = None
        self.query_one("#meeting-finish", Static).update("")

    def show_quorum(self, quorum: Quorum) -> None:
        """The quorum, who represents each partner it needs (a line each), and
        whether a partner's lead is missing from the directory (so anyone from it
        counts)."""
        widget = self.query_one("#quorum", Static)
        partners = quorum.represented if quorum.applies else ()
        widget.set_class(bool(partners), "-partners")  # before the update: its height
        if not partners:
            widget.update(Text(quorum.summary))
        else:
            text = Text("Quorate." if quorum.quorate else "Not quorate:")
            # The missing entries name the partners no one represents, in order, then
            # anything else (members short).
            gaps = iter(quorum.missing)
            for r in partners:
                text.append(f"\n{SHORT_PARTNER.get(r.partner, r.partner)}: ", style="bold")
                if r.person_id is not None:
                    text.append(f"{r.name} ({r.role.value})" if r.role else r.name)
                else:
                    gap = next(gaps, "")
                    text.append("no lead or delegate" if gap.startswith("no lead") else "no one")
            for rest in gaps:
                text.append(f"\n{rest}")
            if quorum.unrecorded:
                note = "\nLead partner not recorded: " + ", ".join(quorum.unrecorded)
                text.append(note, style="italic")
            widget.update(text)
        widget.set_class(quorum.applies and not quorum.quorate, "-inquorate")

    def show_next(self, item: AgendaItem | None, items: Sequence[AgendaItem]) -> None:
        """The next few items after ``item``, with their planned minutes."""
        upcoming = [it for it in items if item is not None and it.position > item.position][:4]
        nxt = Text(no_wrap=True, overflow="ellipsis")
        nxt.append("Next\n", style="bold")
        for it in upcoming:
            nxt.append(f"{it.planned_minutes:>3}m  ", style="italic")
            nxt.append(f"{it.position}. ")
            nxt.append(it.title + "\n")
        if not upcoming:
            nxt.append("This is the last item.\n", style="italic")
        self.query_one("#next-items", Static).update(nxt)
