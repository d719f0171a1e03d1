from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample.db"
# A Friday afternoon in late November: some sample meetings are past, some planned.
FROZEN_NOW = dt.datetime(2026, 11, 27, 14, 30, tzinfo=dt.UTC)


def frozen_clock() -> dt.datetime:
    return FROZEN_NOW


class Clock:
    """A clock the test moves on by hand (inject it as the store's clock)."""

    def __init__(self, now: dt.datetime = FROZEN_NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += dt.timedelta(minutes=minutes)

    def at(self, day: dt.date, hour: int, minute: int) -> dt.datetime:
        self.now = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)
        return self.now


def copy_sample(target: Path) -> Path:
    """A consistent copy of sample.db (store.db.files.copy_database: the backup API)."""
    from store.db.files import copy_database

    return copy_database(SAMPLE, target)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "test.db", clock=frozen_clock)
    yield s
    s.close()


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """A private copy of sample.db: nothing writes to the committed file."""
    return copy_sample(tmp_path / "sample-copy.db")


@pytest.fixture
def sample_store(sample_path: Path) -> Iterator[Store]:
    s = Store.open(sample_path, clock=frozen_clock)
    yield s
    s.close()
