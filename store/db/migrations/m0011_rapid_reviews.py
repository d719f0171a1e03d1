"""Migration 0011_rapid_reviews. Released: never edit it; add a new one instead.

The rapid review (issue 13): the record of one review against the national
15-working-day clock, one row per agency's involvement and return, the parallel
processes, each safeguarding partner's sign-off; immediate actions are actions
in the action log linked to their review. The milestones and what day 0 is are
settings (NULL: domain.md's defaults, day 0 the notification).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE rapid_reviews (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            reference TEXT NOT NULL UNIQUE,
            child_id INTEGER REFERENCES protected_people(id),
            meeting_id INTEGER REFERENCES meetings(id),
            harm TEXT NOT NULL DEFAULT 'serious_harm'
                CHECK (harm IN ('death', 'serious_harm')),
            age TEXT,
            sex TEXT,
            ethnicity TEXT,
            disability TEXT,
            legal_status TEXT CHECK (legal_status IS NULL OR legal_status IN
                ('none', 'child_in_need', 'child_protection_plan', 'looked_after', 'care_leaver')),
            siblings TEXT,
            incident_on TEXT,
            la_aware_on TEXT,
            notified_on TEXT NOT NULL,
            referral_on TEXT,
            notification_ref TEXT,
            template_sent_on TEXT,
            background TEXT NOT NULL DEFAULT '',
            practice_episodes TEXT NOT NULL DEFAULT '',
            good_practice TEXT NOT NULL DEFAULT '',
            learning_local TEXT NOT NULL DEFAULT '',
            learning_national TEXT NOT NULL DEFAULT '',
            inequality TEXT NOT NULL DEFAULT '',
            lcspr INTEGER CHECK (lcspr IS NULL OR lcspr IN (0, 1)),
            criteria TEXT NOT NULL DEFAULT '',
            rationale TEXT,
            other_learning TEXT,
            national_review INTEGER NOT NULL DEFAULT 0,
            sent_to_panel_on TEXT,
            panel_response TEXT CHECK (panel_response IS NULL OR panel_response IN
                ('agrees', 'disagrees', 'more_information')),
            panel_response_on TEXT,
            late_reason TEXT,
            lcspr_started_on TEXT,
            lcspr_reviewer TEXT,
            -- Kept as the clock gives them, so the figures are counted in SQL:
            -- the day the whole review is due, and the working days it took.
            complete_by TEXT NOT NULL,
            days_taken INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE INDEX rapid_reviews_notified ON rapid_reviews(notified_on);
        CREATE INDEX rapid_reviews_open ON rapid_reviews(notified_on) WHERE sent_to_panel_on IS NULL;

        CREATE TABLE review_agencies (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            review_id INTEGER NOT NULL REFERENCES rapid_reviews(id),
            agency_id INTEGER NOT NULL REFERENCES agencies(id),
            involved INTEGER NOT NULL DEFAULT 1,
            return_due TEXT,
            return_in TEXT,
            summary TEXT NOT NULL DEFAULT '',
            UNIQUE (review_id, agency_id)
        );

        CREATE TABLE review_processes (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            review_id INTEGER NOT NULL REFERENCES rapid_reviews(id),
            kind TEXT NOT NULL CHECK (kind IN ('police_investigation', 'coroner',
                'child_death_review', 'domestic_homicide_review', 'adult_review', 'lado')),
            status TEXT NOT NULL DEFAULT '',
            UNIQUE (review_id, kind)
        );

        CREATE TABLE review_signoffs (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            review_id INTEGER NOT NULL REFERENCES rapid_reviews(id),
            agency_id INTEGER NOT NULL REFERENCES agencies(id),
            person_id INTEGER REFERENCES people(id),
            signed_on TEXT NOT NULL,
            UNIQUE (review_id, agency_id)
        );

        ALTER TABLE actions ADD COLUMN review_id INTEGER REFERENCES rapid_reviews(id);
        CREATE INDEX actions_review ON actions(review_id) WHERE review_id IS NOT NULL;

        ALTER TABLE settings ADD COLUMN review_milestones TEXT;
        ALTER TABLE settings ADD COLUMN review_day0 TEXT NOT NULL DEFAULT 'notification'
            CHECK (review_day0 IN ('notification', 'referral'));
        """,
    )
