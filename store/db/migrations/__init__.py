"""Ordered schema migrations, one module per migration (``m0001_foundation.py``…).
Append only: never edit, rename or reorder a released one.

Each migration is a function ``apply`` of the sqlite-utils ``Database``. The
list's length is the schema version, mirrored in ``PRAGMA user_version`` so that
a header read can tell a newer file without opening it. The modules are imported
only when a file is created or upgraded, which keeps start-up quick.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from store.db.migrations.spelling import TIME_COLUMNS, respell_applied, respell_times

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "quorate"

# Append only. The names are what the file records; never rename one.
NAMES = (
    "0001_foundation",
    "0002_live_meeting",
    "0003_actions",
    "0004_protected_names",
    "0005_register_kept",
    "0006_search_indexes_for_other_tools",
    "0007_settings_cancelled_withdrawn_one_time_spelling",
    "0008_closure_days",
    "0009_agenda_item_kinds",
    "0010_the_record",
    "0011_rapid_reviews",
    "0012_escalations",
    "0013_search",
    "0014_reference_order",
)


def migration(name: str) -> Callable[[Database], None]:
    """The function of the migration called ``name``."""
    module = importlib.import_module(f"store.db.migrations.m{name}")
    function: Callable[[Database], None] = module.apply
    return function


def migrations() -> list[tuple[str, Callable[[Database], None]]]:
    """Every migration this version knows, in order, with its function."""
    return [(name, migration(name)) for name in NAMES]


@functools.cache
def migration_set() -> Migrations:
    """The sqlite-utils ``Migrations``, built on first use: sqlite-utils is only
    imported when a file is created or upgraded, which keeps start-up quick."""
    from sqlite_utils.migrations import Migrations

    result = Migrations(MIGRATION_SET)
    for name, function in migrations():
        result(name=name)(function)
    return result


def known_names() -> list[str]:
    """The names of every migration this version knows, in order."""
    return list(NAMES)


def latest_version() -> int:
    return len(NAMES)


__all__ = [
    "MIGRATION_SET",
    "NAMES",
    "TIME_COLUMNS",
    "known_names",
    "latest_version",
    "migration",
    "migration_set",
    "migrations",
    "respell_applied",
    "respell_times",
]
