from __future__ import annotations

import datetime as dt
import hashlib
import shutil
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
    target = tmp_path / "sample-copy.db"
    shutil.copyfile(SAMPLE, target)
    return target


@pytest.fixture
def sample_store(sample_path: Path) -> Iterator[Store]:
    s = Store.open(sample_path, clock=frozen_clock)
    yield s
    s.close()
