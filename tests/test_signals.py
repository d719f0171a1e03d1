"""The real app in a pseudo-terminal: SIGTERM and SIGHUP end it cleanly."""

from __future__ import annotations

import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.ptyterm import PtyTerminal


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_ends_the_app_cleanly(sample_path: Path, sig: int) -> None:
    with PtyTerminal(
        [sys.executable, "-m", "tui", str(sample_path)], cwd=REPO, size=(120, 36)
    ) as term:
        term.wait_for(
            ["Kestrel Vale Safeguarding Children Partnership", "Next meetings"], timeout=30
        )
        term.send("p")
        term.wait_for("Job title", timeout=10)
        term.signal(sig)
        returncode, _ = term.wait(timeout=15)
    assert returncode == 0
    conn = sqlite3.connect(sample_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    wal = Path(f"{sample_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the WAL was checkpointed on the way out"


def test_bad_file_in_a_terminal_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "minutes.docx"
    bad.write_bytes(b"PK\x03\x04 not a database at all" * 10)
    with PtyTerminal([sys.executable, "-m", "tui", str(bad)], cwd=REPO) as term:
        returncode, _ = term.wait(timeout=30)
        text = term.transcript()
    assert returncode == 2
    assert "not a database file" in text and "Traceback" not in text
