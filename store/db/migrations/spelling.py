"""One spelling for every stored time (store/domain/stamps.py): the columns that
hold one, and the rewrite migrations and opening use."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# Every column that holds a time (not a date). One spelling, by store/domain/stamps.py.
TIME_COLUMNS = (
    ("meetings", "started_at"),
    ("meetings", "ended_at"),
    ("meetings", "cancelled_at"),
    ("agenda_items", "started_at"),
    ("agenda_items", "ended_at"),
    ("agenda_items", "entered_at"),
    ("audit", "at"),
    ("audit", "old"),
    ("audit", "new"),
    ("movements", "at"),
    ("quorum_events", "at"),
    ("decisions", "made_at"),
    ("decisions", "withdrawn_at"),
    ("action_updates", "at"),
)


def respell_times(db: Database) -> None:
    """Rewrite every stored time in the one spelling (sqlite-utils' own record of
    applied migrations included); anything that is not a time is left as it was."""
    from store.domain.stamps import normalised

    db.conn.create_function("quorate_time", 1, normalised, deterministic=True)
    columns = {
        (table, column)
        for table, column in (*TIME_COLUMNS, ("_sqlite_migrations", "applied_at"))
        if table in db.table_names() and column in db[table].columns_dict
    }
    for table, column in sorted(columns):
        db.execute(
            f'UPDATE "{table}" SET "{column}" = quorate_time("{column}") '
            f'WHERE "{column}" IS NOT NULL AND "{column}" != quorate_time("{column}")'
        )


def respell_applied(db: Database) -> None:
    """sqlite-utils records each applied migration with ``str(datetime)``: respell it."""
    from store.domain.stamps import normalised

    db.conn.create_function("quorate_time", 1, normalised, deterministic=True)
    db.execute(
        "UPDATE _sqlite_migrations SET applied_at = quorate_time(applied_at) "
        "WHERE applied_at != quorate_time(applied_at)"
    )
