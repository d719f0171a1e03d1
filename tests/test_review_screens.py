"""The rapid review screens: the list with its figures, one review with its
clock, and the keys a chair presses to take a review from the notification to
the Panel's response, asserting on what the store holds. Snapshots of the list
and of a review on track and overdue, at 120x40 and 80x24, on a file made here
(the sample's own reviews change with the sample)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input, TextArea

from screens.reviews.review import ReviewScreen
from screens.reviews.reviews import ReviewsScreen
from store import Store
from store.domain.review_clock import MilestoneKey
from store.reviews import PARTNER_KINDS
from tests.appkit import fill, notices, press, sample_app, settle, steps
from tests.conftest import frozen_clock
from tests.test_live_store import partners
from tui.app import QuorateApp

BIG, SMALL = (120, 40), (80, 24)
TODAY = frozen_clock().date()  # Fri 27 Nov 2026


# -- data made through the store ----------------------------------------------------


def reviews_file(path: Path) -> Path:
    """A partnership with four reviews on Fri 27 Nov 2026: one open and on track,
    one open and overdue, one sent on time (the Panel agreed), one sent late."""
    s = Store.open(path, clock=frozen_clock)
    ids = partners(s)
    kayla = s.register.add(pseudonym="Child K", real_name="Kayla Brightwater").id
    milo = s.register.add(pseudonym="Child M", real_name="Milo Ashdown").id
    s.register.add(pseudonym="Child P", real_name="Poppy Renshaw")
    on_track = s.reviews.create(
        notified_on="2026-11-24",
        child_id=kayla,
        harm="serious_harm",
        la_aware_on="2026-11-20",
        notification_ref="SIN-4471",
        template_sent_on="2026-11-25",
        age="7 months",
        background="Kayla Brightwater lived with her mother and two older siblings.",
    )
    first = s.reviews.agencies(on_track.id or 0)[0]
    s.reviews.set_agency(on_track.id or 0, first.agency_id, return_in="2026-11-26")
    s.reviews.set_process(on_track.id or 0, "police_investigation", "Under way")
    overdue = s.reviews.create(
        notified_on="2026-11-02",
        child_id=milo,
        harm="death",
        notification_ref="SIN-4402",
        template_sent_on="2026-11-05",
    )
    s.reviews.set_agency(overdue.id or 0, first.agency_id, return_in="2026-11-12")
    s.reviews.set_process(overdue.id or 0, "coroner", "Inquest opened")
    s.reviews.set_process(overdue.id or 0, "child_death_review", "Notified to CDOP")
    for notified, sent, answered in (
        ("2026-10-01", "2026-10-20", "2026-11-10"),
        ("2026-06-01", "2026-07-10", None),
    ):
        done = s.reviews.create(notified_on=notified, template_sent_on=notified)
        complete(s, done.id or 0, ids, sent)
        s.reviews.send_to_panel(done.id or 0, sent)
        if answered:
            s.reviews.record_panel_response(done.id or 0, "agrees", answered)
    s.close()
    return path


def complete(s: Store, review_id: int, ids: dict[str, int], on: str) -> None:
    """Returns in, the decision and every partner's sign-off, on ``on``."""
    for row in s.reviews.agencies(review_id):
        s.reviews.set_agency(review_id, row.agency_id, return_in=on)
    s.reviews.update(review_id, lcspr=False, rationale="The learning is already known.")
    for kind in ("local_authority", "health", "police"):
        agency = s.directory.person(ids[kind]).agency_id or 0
        s.reviews.sign_off(review_id, agency, ids[kind], on)


def app_on(tmp_path: Path) -> QuorateApp:
    path = reviews_file(tmp_path / "reviews.db")
    return QuorateApp(path, clock=frozen_clock, crash_dir=tmp_path / "crash")


def partner_ids(s: Store) -> list[int]:
    return [a.id or 0 for a in s.directory.agencies() if a.statutory and a.kind in PARTNER_KINDS]


def person_of(s: Store, agency_id: int) -> int | None:
    people = s.directory.people(agency_id)
    return people[0].id if people else None


async def open_review(pilot: Any, review_id: int) -> ReviewScreen:
    """To the reviews (V), then the review itself (its row may be anywhere in
    the sample's list, so it is opened as enter on its row would)."""
    await press(pilot, "V")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReviewsScreen)
    screen = ReviewScreen(review_id)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def new_review(s: Store, notified: dt.date = dt.date(2026, 11, 23)) -> int:
    return s.reviews.create(notified_on=notified, notification_ref="SIN-T1").id or 0


# -- Pilot tests: the keys a chair presses ----------------------------------------------


async def test_n_starts_a_review_from_the_notification(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        s = app.store
        before = s.reviews.count()
        await press(pilot, "V")
        await settle(pilot)
        await press(pilot, "n")
        # No date: refused, said under the field, nothing written.
        await press(pilot, "ctrl+s")
        assert s.reviews.count() == before
        assert "notification" in str(app.screen.query_one("#error-notified_on").render())
        await fill(pilot, "23 Nov 2026")
        await press(pilot, "tab", "enter", "down", "enter")  # the first child on the register
        await press(pilot, "tab", "enter", "up", "enter")  # death, not serious harm
        await press(pilot, "tab")
        await fill(pilot, "20 Nov 2026")
        await press(pilot, "tab")
        await fill(pilot, "SIN-9001")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert s.reviews.count() == before + 1
        [review] = s.reviews.page(s_query("SIN-9001"))
        assert review.notified_on == dt.date(2026, 11, 23)
        assert review.la_aware_on == dt.date(2026, 11, 20)
        assert review.harm.value == "death" and review.child_id is not None
        # The new review opens, its clock running from the notification.
        assert isinstance(app.screen, ReviewScreen) and app.screen.review_id == review.id
        clock = str(app.screen.query_one("#review-clock").render())
        assert clock.startswith("Day 4 of 15")
        # The child by pseudonym; the real name only on v.
        child = s.register.get(review.child_id or 0)
        title = str(app.screen.query_one("#review-title").render())
        assert child.pseudonym in title and child.real_name not in title
        await press(pilot, "v")
        assert child.real_name in str(app.screen.query_one("#review-title").render())


def s_query(text: str) -> Any:
    from store.reviews import ReviewQuery

    return ReviewQuery(text=text)


async def test_page_keys_reach_the_sign_off_at_80_columns(tmp_path: Path) -> None:
    """The focus starts on the agencies' table; pagedown still pages the record,
    so the decision, the sign-off and the Panel are reached without a mouse."""
    app = app_on(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_review(pilot, 1)
        body = screen.query_one("#review-body")
        panel = screen.query_one("#review-panel")
        assert body.scroll_y == 0 and panel.region.y >= body.region.bottom
        seen = False
        for _ in range(10):
            await press(pilot, "pagedown")
            seen = seen or body.region.y <= panel.region.y < body.region.bottom
        assert seen and body.scroll_y > 0
        assert body.scroll_y == body.max_scroll_y  # the end of the record is reached
        for _ in range(10):
            await press(pilot, "pageup")
        assert body.scroll_y == 0


async def test_returns_are_marked_in_today_on_a_date_or_not_involved(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        s = app.store
        review_id = new_review(s)
        screen = await open_review(pilot, review_id)
        rows = s.reviews.agencies(review_id)
        assert len(rows) == 3 and all(r.return_in is None for r in rows)
        await press(pilot, "r")  # the first agency's return came in today
        assert s.reviews.agencies(review_id)[0].return_in == TODAY
        await press(pilot, "down", "t")
        await press(pilot, "tab")
        await fill(pilot, "25 Nov 2026")
        await press(pilot, "tab")
        await fill(pilot, "Known to health visiting since birth.")
        await press(pilot, "ctrl+s")
        second = s.reviews.agencies(review_id)[1]
        assert second.return_in == dt.date(2026, 11, 25)
        assert second.summary == "Known to health visiting since birth."
        await press(pilot, "down", "i")  # the third was not involved
        third = s.reviews.agencies(review_id)[2]
        assert not third.involved
        assert s.reviews.outstanding(review_id) == []
        assert "Every involved agency's return is in" in str(
            screen.query_one("#review-outstanding").render()
        )


async def test_a_review_from_refusal_to_the_panels_response(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        s = app.store
        review_id = new_review(s)
        await open_review(pilot, review_id)
        # p with things missing: refused, naming them.
        await press(pilot, "p")
        said = " ".join(await notices(pilot))
        assert "Not ready to send to the Panel" in said
        assert "the decision (LCSPR or not)" in said and "sign-off" in said and "return" in said
        assert s.reviews.get(review_id).sent_to_panel_on is None
        # The returns in, today.
        for _ in range(3):
            await press(pilot, "r", "down")
        # The decision: no LCSPR, criteria (a) and (c), a rationale.
        await press(pilot, "c", "enter", "up", "enter", "tab")
        await fill(pilot, "a, c")
        await press(pilot, "tab")
        await fill(pilot, "The learning about two agencies sharing information is known.")
        await press(pilot, "ctrl+s")
        review = s.reviews.get(review_id)
        assert review.lcspr is False and review.criteria == "a,c"
        assert review.rationale and review.rationale.startswith("The learning")
        # Each partner signs off: the form offers the next partner not yet signed.
        for _ in partner_ids(s):
            await press(pilot, "s", "ctrl+s")
        assert {x.agency_id for x in s.reviews.signoffs(review_id)} == set(partner_ids(s))
        assert s.reviews.missing_for_panel(review_id) == []
        # Send: the date (today by default), then a question, then written.
        await press(pilot, "p", "ctrl+s")
        assert s.reviews.get(review_id).sent_to_panel_on is None  # not before the yes
        await press(pilot, "y")
        sent = s.reviews.get(review_id)
        assert sent.sent_to_panel_on == TODAY and sent.days_taken == 4
        # The Panel's response.
        await press(pilot, "P", "enter", "down", "enter", "tab")
        await fill(pilot, "4 Dec 2026")
        await press(pilot, "ctrl+s")
        answered = s.reviews.get(review_id)
        assert answered.panel_response is not None
        assert answered.panel_response.value == "agrees"
        assert answered.panel_response_on == dt.date(2026, 12, 4)
        panel = str(app.screen.query_one("#review-panel").render())
        assert "Agrees" in panel and "after 4 working days" in panel


async def test_a_whole_review_from_the_notification_to_the_exported_record(
    tmp_path: Path,
) -> None:
    """n from the list, the meeting planned from the review and held, the
    returns, the decision, each partner's sign-off, the send, the Panel's
    response, then x: the record saved through the one writer names the child
    by pseudonym only, and the file says what the database holds."""
    from screens.common.export import ExportScreen

    app = sample_app(tmp_path)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        s = app.store
        await press(pilot, "V")
        await settle(pilot)
        await press(pilot, "n")
        await fill(pilot, "16 Nov 2026")  # a Monday: Fri 27 Nov is day 9
        await press(pilot, "tab", "enter", "down", "enter")  # the first child on the register
        await press(pilot, "tab", "tab")
        await fill(pilot, "13 Nov 2026")
        await press(pilot, "tab")
        await fill(pilot, "SIN-7001")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        [review] = s.reviews.page(s_query("SIN-7001"))
        review_id = review.id or 0
        child = s.register.get(review.child_id or 0)
        assert isinstance(app.screen, ReviewScreen) and app.screen.review_id == review_id
        assert str(app.screen.query_one("#review-clock").render()).startswith("Day 9 of 15")

        # M: no rapid review meeting to link, so a new one is planned for today.
        await press(pilot, "M", "tab")
        await fill(pilot, "27 Nov 2026")
        await press(pilot, "ctrl+s")
        meeting_id = s.reviews.get(review_id).meeting_id
        assert meeting_id is not None
        meeting = s.meetings.get(meeting_id)
        assert meeting.kind.value == "rapid_review" and meeting.date == TODAY
        assert review.reference in meeting.title and child.pseudonym not in meeting.title
        # The meeting is held (the live screens have their own tests).
        s.agenda.add(meeting_id, title="The agencies' returns and the learning")
        s.live.start(meeting_id)
        s.live.end(meeting_id)
        await app.screen.run_action("show_names")  # any reload reads the clock again
        await app.screen.run_action("show_names")
        await settle(pilot)
        held = s.reviews.clock(s.reviews.get(review_id))
        assert held.status(MilestoneKey.MEETING_HELD).done == TODAY  # type: ignore[union-attr]

        for _ in s.reviews.agencies(review_id):
            await press(pilot, "r", "down")
        assert s.reviews.outstanding(review_id) == []
        await press(pilot, "c", "enter", "up", "enter", "tab")
        await fill(pilot, "a")
        await press(pilot, "tab")
        await fill(pilot, "The learning about the health visitor's referral is known locally.")
        await press(pilot, "ctrl+s")
        for _ in partner_ids(s):
            await press(pilot, "s", "ctrl+s")
        await press(pilot, "p", "ctrl+s", "y")
        sent = s.reviews.get(review_id)
        assert sent.sent_to_panel_on == TODAY and sent.days_taken == 9
        await press(pilot, "P", "enter", "down", "enter", "tab")
        await fill(pilot, "27 Nov 2026")
        await press(pilot, "ctrl+s")
        assert s.reviews.get(review_id).panel_response is not None

        await press(pilot, "x")
        await settle(pilot)
        export = app.screen
        assert isinstance(export, ExportScreen)
        preview = export.query_one("#export-preview", TextArea).text
        assert child.pseudonym in preview and child.real_name not in preview
        export.query_one("#export-path", Input).value = str(tmp_path / "record.md")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        saved = (tmp_path / "record.md").read_text(encoding="utf-8")
        lines = saved.splitlines()
        assert lines[0] == lines[-1] == "**OFFICIAL-SENSITIVE**"
        for person in s.register.all():
            for form in person.forms:
                assert form.casefold() not in saved.casefold()
        assert f"# Rapid review {review.reference}: {child.pseudonym}" in saved
        assert "| Sent to the Panel | 27 November 2026 |" in saved
        assert "Complete: 9 working days (on time)" in saved
        assert "The learning about the health visitor's referral" in saved
        # Recorded as circulated, with the digest of what was written.
        [circulated] = [c for c in s.record.circulations() if c.file.endswith("record.md")]
        assert circulated.redacted and circulated.document == "rapid review"
        assert circulated.sha256 == hashlib.sha256(saved.encode()).hexdigest()


async def test_sections_are_written_and_not_thrown_away_without_asking(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        s = app.store
        review_id = new_review(s)
        await open_review(pilot, review_id)
        await press(pilot, "w")
        await fill(pilot, "Child lived with mother and two siblings.")
        await press(pilot, "escape")  # asks first
        await press(pilot, "n")  # keep writing
        assert isinstance(app.screen.focused, TextArea)
        await press(pilot, "ctrl+s")
        assert s.reviews.get(review_id).background == "Child lived with mother and two siblings."
        await press(pilot, "w")
        await fill(pilot, "Thrown away.")
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, ReviewScreen)
        assert s.reviews.get(review_id).background.startswith("Child lived")


async def test_an_immediate_action_goes_on_the_action_log(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        s = app.store
        review_id = new_review(s)
        await open_review(pilot, review_id)
        await press(pilot, "n")
        await fill(pilot, "Share the safety plan with the school")
        await press(pilot, "ctrl+s")
        [action] = s.reviews.immediate_actions(review_id)
        assert action.description == "Share the safety plan with the school"
        assert action.review_id == review_id


async def test_the_rapid_review_meeting_is_linked(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        s = app.store
        review_id = new_review(s)
        await open_review(pilot, review_id)
        await press(pilot, "M", "enter", "down", "enter", "ctrl+s")
        meeting_id = s.reviews.get(review_id).meeting_id
        assert meeting_id is not None
        assert s.meetings.get(meeting_id).kind.value == "rapid_review"


async def test_the_dashboard_lists_open_reviews_worst_first(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#review-deadlines").render())
        assert text.index("RR-2026-02") < text.index("RR-2026-01")
        assert "due Mon 9 Nov · 14 days late" in text and "2 open" in text


async def test_the_list_filters_and_counts(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        await press(pilot, "V")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewsScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 2  # open only
        await press(pilot, "f", "enter", "down", "down", "enter")
        await settle(pilot)
        assert table.row_count == 4
        figures = str(screen.query_one("#reviews-figures").render())
        assert "2026 50% (1 of 2)" in figures and "Open: 2, 1 past the 15 days" in figures
        await press(pilot, "escape", "escape")  # to the table, then the open ones again
        await settle(pilot)
        assert table.row_count == 2


# -- snapshots --------------------------------------------------------------------------


def test_snapshot_list_all(snap_compare: Any, tmp_path: Path) -> None:
    keys = steps("V", "f", "enter", "down", "down", "enter", "escape")
    assert snap_compare(app_on(tmp_path), run_before=keys, terminal_size=BIG)


def test_snapshot_list_all_small(snap_compare: Any, tmp_path: Path) -> None:
    keys = steps("V", "f", "enter", "down", "down", "enter", "escape")
    assert snap_compare(app_on(tmp_path), run_before=keys, terminal_size=SMALL)


def test_snapshot_review_on_track(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path), run_before=steps("V", "enter"), terminal_size=BIG)


def test_snapshot_review_on_track_small(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path), run_before=steps("V", "enter"), terminal_size=SMALL)


def test_snapshot_review_overdue(snap_compare: Any, tmp_path: Path) -> None:
    keys = steps("V", "down", "enter")
    assert snap_compare(app_on(tmp_path), run_before=keys, terminal_size=BIG)


def test_snapshot_review_overdue_small(snap_compare: Any, tmp_path: Path) -> None:
    keys = steps("V", "down", "enter")
    assert snap_compare(app_on(tmp_path), run_before=keys, terminal_size=SMALL)
