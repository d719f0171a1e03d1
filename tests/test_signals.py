"""The real app in a pseudo-terminal: SIGTERM and SIGHUP end it cleanly."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.ptyterm import PtyTerminal, strip_ansi


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


def quorate_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "check", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def test_a_second_window_on_the_same_file_opens_read_only(sample_path: Path) -> None:
    """The window closed, the chair opens the file again while the first process still
    has it: the second must never type into the same minutes."""
    argv = [sys.executable, "-m", "tui", str(sample_path)]
    with PtyTerminal(argv, cwd=REPO, size=(120, 36)) as first:
        first.wait_for("Next meetings", timeout=30)
        with PtyTerminal(argv, cwd=REPO, size=(120, 36)) as second:
            second.wait_for(["Another Quorate has this file open", "(read-only)"], timeout=30)
            check = quorate_check(sample_path)
            assert "in use: another Quorate has this file open" in check.stdout
        first.signal(signal.SIGTERM)
        first.wait(timeout=15)
    # The first is gone: the file is the next window's to write.
    with PtyTerminal(argv, cwd=REPO, size=(120, 36)) as third:
        third.wait_for("Next meetings", timeout=30)
        assert "Another Quorate" not in third.screen_text()


def test_a_file_others_may_read_is_reported_and_made_private(sample_path: Path) -> None:
    import os
    import stat

    sample_path.chmod(0o644)
    check = quorate_check(sample_path)
    assert "permissions: 0644" in check.stdout
    assert stat.S_IMODE(os.stat(sample_path).st_mode) == 0o644, "check changes nothing"
    from store import Store

    Store.open(sample_path).close()
    assert stat.S_IMODE(os.stat(sample_path).st_mode) == 0o600


CRASHING = """
import sys
from screens.directory.people import PeopleScreen

def explode(self):
    child_name = "Zebedee Quartermaine"  # a local that must not be shown
    raise RuntimeError(f"boom {len(child_name)}")

PeopleScreen.action_new = explode
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_crash_in_a_terminal_is_one_line_naming_its_log(
    sample_path: Path, tmp_path: Path
) -> None:
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    argv = [sys.executable, "-c", CRASHING, str(sample_path)]
    with PtyTerminal(argv, cwd=REPO, size=(80, 24), env=env) as term:
        term.wait_for("Next meetings")
        term.send("p")
        term.wait_for("New person")
        term.send("n")
        returncode, _ = term.wait(timeout=30)
        output = strip_ansi(term.output().decode("utf-8", "replace"))
    assert returncode == 1
    said = [line for line in output.splitlines() if "stopped after an unexpected error" in line]
    # One line, however narrow the terminal, with the whole path in it.
    assert len(said) == 1, output
    log = Path(said[0].strip().rsplit(" ", 1)[-1])
    assert log.parent == tmp_path / "state" / "quorate" / "log" and log.exists()
    assert "RuntimeError: boom 20" in log.read_text()
    assert "Zebedee" not in output and "Traceback" not in output
