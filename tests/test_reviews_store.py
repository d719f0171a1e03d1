"""Rapid reviews, the store's side: the record from a notification, the clock's
deadlines from the calendar, the agencies' returns, what is missing before it
can go to the Panel, the figures a chair reports, and the exported record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from store.domain import errors
from store.domain.models.reviews import RapidReview
from store.domain.review_clock import MilestoneKey, ReviewClock, review_clock
from store.exports import RapidReviewRecord, ReviewsList, prepare, suggested_name, write
from store.reviews import ReviewQuery
from tests.conftest import Clock
from tests.test_live_store import partners

NOW = dt.datetime(2026, 12, 14, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def s(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    store = Store.open(tmp_path / "reviews.db", clock=clock)
    yield store
    store.close()


def child(s: Store) -> int:
    return (
        s.register.add(pseudonym="Child K", real_name="Kayla Brightwater", other_names="Kayla").id
        or 0
    )


def test_a_review_starts_from_its_notification_with_the_clock_from_the_calendar(
    s: Store,
) -> None:
    ids = partners(s)
    # Notified Fri 18 Dec 2026: 25 and 28 Dec (Boxing Day's substitute) and
    # 1 Jan 2027 are bank holidays. Working days: 21, 22, 23, 24 Dec (1-4),
    # 29, 30, 31 Dec (5-7), 4-8 Jan (8-12), 11, 12, 13 Jan (13-15).
    review = s.reviews.create(notified_on="2026-12-18", child_id=child(s), harm="death")
    assert review.reference == "RR-2026-01"
    assert review.complete_by == dt.date(2027, 1, 13)
    listed = s.reviews.agencies(review.id or 0)
    assert len(listed) == 3 and all(a.involved for a in listed)
    # Returns within 5 working days: Tue 29 Dec.
    assert {a.return_due for a in listed} == {dt.date(2026, 12, 29)}
    assert s.reviews.create(notified_on="2026-12-21").reference == "RR-2026-02"
    assert ids


def test_no_review_without_a_notification_and_dates_in_order(s: Store) -> None:
    with pytest.raises(errors.InvalidValue):
        s.reviews.create(notified_on="")
    with pytest.raises(errors.InvalidValue) as bad:
        s.reviews.create(notified_on="2026-12-01", la_aware_on="2026-12-03")
    assert "notified_on" in bad.value.errors
    with pytest.raises(errors.InvalidValue):
        s.reviews.create(notified_on="2026-12-01", reference="RR/1")
    with pytest.raises(errors.InvalidValue):
        s.reviews.create(notified_on="2026-12-01", child_id=999)
    assert s.reviews.count() == 0


def test_the_record_goes_to_the_panel_only_when_complete(s: Store, clock: Clock) -> None:
    ids = partners(s)
    review = s.reviews.create(notified_on="2026-12-01", child_id=child(s))
    rid = review.id or 0
    missing = s.reviews.missing_for_panel(rid)
    assert "the decision (LCSPR or not)" in missing
    assert "KVC's sign-off" in missing and "KVC's return" in missing
    with pytest.raises(errors.NotNow, match="missing"):
        s.reviews.send_to_panel(rid, "2026-12-14")
    for agency in s.reviews.agencies(rid):
        s.reviews.set_agency(rid, agency.agency_id, return_in="2026-12-05", summary="Known.")
    s.reviews.update(rid, lcspr=False)
    assert s.reviews.missing_for_panel(rid)[0] == "the decision's rationale"
    s.reviews.update(rid, rationale="The learning is known.", criteria="a, c")
    assert s.reviews.get(rid).criteria == "a,c"
    for kind in ("local_authority", "health", "police"):
        agency = s.directory.person(ids[kind]).agency_id or 0
        s.reviews.sign_off(rid, agency, ids[kind], "2026-12-11")
    assert s.reviews.missing_for_panel(rid) == []
    sent = s.reviews.send_to_panel(rid, "2026-12-14")
    # 1 Dec to 14 Dec 2026: 2-4, 7-11, 14 Dec = 9 working days.
    assert (sent.sent_to_panel_on, sent.days_taken) == (dt.date(2026, 12, 14), 9)
    with pytest.raises(errors.InvalidValue):
        s.reviews.record_panel_response(rid, "agrees", "2026-12-10")
    answered = s.reviews.record_panel_response(rid, "agrees", "2026-12-30")
    assert answered.panel_response is not None and answered.panel_response.value == "agrees"
    clock_now = s.reviews.clock(answered)
    complete = next(x for x in clock_now.statuses if x.milestone.key is MilestoneKey.COMPLETE)
    assert complete.state.value == "done_on_time"
    fields = {e.field for e in s.audit_trail("rapid_reviews", rid)}
    assert {"sent_to_panel_on", "rationale", "panel_response"} <= fields


def test_sign_off_is_by_a_safeguarding_partner(s: Store) -> None:
    ids = partners(s)
    review = s.reviews.create(notified_on="2026-12-01")
    school = s.directory.person(ids["education"]).agency_id or 0
    with pytest.raises(errors.InvalidValue):
        s.reviews.sign_off(review.id or 0, school, ids["education"], "2026-12-05")
    la = s.directory.person(ids["local_authority"]).agency_id or 0
    with pytest.raises(errors.InvalidValue):
        s.reviews.sign_off(review.id or 0, la, ids["local_authority"], "2026-11-20")


def test_the_figures_are_the_on_time_share_and_the_medians(s: Store) -> None:
    ids = partners(s)
    done = []
    for notified, sent in (("2026-03-02", "2026-03-20"), ("2026-06-01", "2026-07-10")):
        review = s.reviews.create(notified_on=notified)
        rid = review.id or 0
        s.reviews.update(rid, lcspr=False, rationale="Known learning.")
        for agency in s.reviews.agencies(rid):
            s.reviews.set_agency(rid, agency.agency_id, return_in=notified)
        for kind in ("local_authority", "health", "police"):
            agency = s.directory.person(ids[kind]).agency_id or 0
            s.reviews.sign_off(rid, agency, ids[kind], sent)
        done.append(s.reviews.send_to_panel(rid, sent))
        s.reviews.record_panel_response(
            rid, "agrees", dt.date.fromisoformat(sent) + dt.timedelta(days=10)
        )
    s.reviews.create(notified_on="2026-11-02")  # open and overdue by 14 Dec
    s.reviews.create(notified_on="2026-12-10")  # open, on track
    # 2 Mar to 20 Mar 2026: 14 working days (on time); 1 Jun to 10 Jul: 29.
    assert [r.days_taken for r in done] == [14, 29]
    figures = s.reviews.figures()
    assert (figures.completed_year, figures.on_time_year) == (2, 1)
    assert figures.median_days == 21.5
    assert (figures.open, figures.overdue) == (2, 1)
    assert figures.median_panel_days == 10
    assert s.reviews.count(ReviewQuery(state="open")) == 2
    assert [r.reference for r in s.reviews.page(ReviewQuery(state="sent"))] == [
        "RR-2026-02",
        "RR-2026-01",
    ]


def test_day_zero_may_be_the_referral(s: Store) -> None:
    review = s.reviews.create(notified_on="2026-12-08", referral_on="2026-12-01")
    # From Tue 8 Dec: 9-11 (3), 14-18 (8), 21-24 (12); 25 and 28 Dec are bank
    # holidays (Boxing Day falls on a Saturday); 29, 30, 31 Dec (13-15).
    assert review.complete_by == dt.date(2026, 12, 31)
    with s.unit.write() as db:
        db.execute("UPDATE settings SET review_day0 = 'referral' WHERE id = 1")
    again = s.reviews.update(review.id or 0, age="3 months")
    # From Tue 1 Dec: 2-4 (3), 7-11 (8), 14-18 (13), 21, 22 (15).
    assert again.complete_by == dt.date(2026, 12, 22)


def test_the_exported_record_names_the_child_only_by_pseudonym(s: Store, tmp_path: Path) -> None:
    partners(s)
    review = s.reviews.create(
        notified_on="2026-12-01",
        child_id=child(s),
        background="Kayla Brightwater lived with her mother; Kayla was 3 months old.",
    )
    request = RapidReviewRecord(review.id or 0)
    document = prepare(s, request)
    assert "Kayla" not in document.text
    assert "# Rapid review RR-2026-01: Child K" in document.text
    assert "## Timeline" in document.text and "## Agency involvement" in document.text
    name = suggested_name(s, request)
    assert name == "2026-12-01-rr-2026-01-rapid-review.md"
    written = write(s, request, tmp_path)
    assert written.path is not None and "Kayla" not in written.path.read_text()
    assert s.record.circulations()[0].document == "rapid review"
    listing = prepare(s, ReviewsList()).text
    assert "| RR-2026-01 | Child K |" in listing and "Kayla" not in listing


def test_the_cli_exports_a_review_and_the_list(tmp_path: Path) -> None:
    from tests.test_cli import quorate

    path = tmp_path / "cli.db"
    store = Store.open(path)
    partners(store)
    store.reviews.create(notified_on="2026-12-01", child_id=child(store), background="Kayla.")
    store.close()
    one = quorate("export", "rapid-review", str(path), "--review", "rr-2026-01")
    assert one.returncode == 0, one.stderr
    assert "# Rapid review RR-2026-01: Child K" in one.stdout and "Kayla" not in one.stdout
    listing = quorate("export", "reviews", str(path))
    assert listing.returncode == 0 and "| RR-2026-01 | Child K |" in listing.stdout
    for bad in (["--review", "RR-2026-09"], []):
        refused = quorate("export", "rapid-review", str(path), *bad)
        assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
        assert "Traceback" not in refused.stderr


def test_a_page_of_clocks_is_each_review_s_own(sample_store: Store) -> None:
    """clocks() reads the returns and the meetings for many reviews at once: each
    review's clock must be the one it has alone (no review's returns or meeting
    counted for another), on days before, during and after the sample's reviews."""
    listed = sample_store.reviews.page(ReviewQuery(), 0, 50)
    assert len(listed) >= 5 and any(r.meeting_id for r in listed)
    for today in (dt.date(2026, 11, 27), dt.date(2026, 10, 20), dt.date(2027, 3, 1)):
        together = sample_store.reviews.clocks(listed, today)
        assert together == [one_by_one(sample_store, r, today) for r in listed]
    assert sample_store.reviews.clocks([]) == []


def one_by_one(s: Store, review: RapidReview, today: dt.date) -> ReviewClock:
    """The clock worked out from the review's own rows, read one at a time."""
    involved = [a for a in s.reviews.agencies(review.id or 0) if a.involved]
    returned = [a.return_in for a in involved if a.return_in is not None]
    held = None
    if review.meeting_id is not None:
        meeting = s.meetings.get(review.meeting_id)
        if meeting.status.value in ("live", "closed"):
            held = meeting.date
    done = {
        MilestoneKey.TEMPLATE_SENT: review.template_sent_on,
        MilestoneKey.RETURNS_IN: max(returned)
        if involved and len(returned) == len(involved)
        else None,
        MilestoneKey.MEETING_HELD: held,
        MilestoneKey.SENT_TO_PANEL: review.sent_to_panel_on,
        MilestoneKey.COMPLETE: review.sent_to_panel_on,
    }
    return review_clock(
        s.reviews.day0(review), done, today, s.settings.review_milestones(), s.settings.closures()
    )
