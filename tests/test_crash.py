"""The crash hook (tui/crash.py): the traceback goes to a private file without
local variables, and the terminal gets one sentence."""

from __future__ import annotations

import stat
from pathlib import Path

from rich.console import Console

from tui.crash import Crashed, crashed, message, write_crash_log


def _boom() -> RuntimeError:
    try:
        child_name = "Zebedee Quartermaine"  # a local that must not be written anywhere
        raise RuntimeError(f"boom {len(child_name)}")
    except RuntimeError as error:
        return error


def test_the_log_is_private_and_holds_no_locals(tmp_path: Path) -> None:
    path = write_crash_log(_boom(), tmp_path / "logs")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text()
    assert "RuntimeError: boom 20" in text and "Zebedee" not in text


def test_two_crashes_in_the_same_second_keep_both_logs(tmp_path: Path) -> None:
    first = write_crash_log(_boom(), tmp_path)
    second = write_crash_log(_boom(), tmp_path)
    assert first != second and first.exists() and second.exists()


def test_the_terminal_gets_one_sentence_naming_the_log(tmp_path: Path) -> None:
    report = crashed(_boom(), tmp_path)
    assert isinstance(report, Crashed) and isinstance(report.__cause__, RuntimeError)
    assert report.log is not None and report.log.exists()
    # Textual shows the error through its __rich__: nothing at all (no locals, and
    # no sentence wrapped at the terminal's width; tui/run.py prints that).
    console = Console(width=40, record=True, file=open("/dev/null", "w"))
    console.print(report)
    assert console.export_text().strip() == ""
    shown = message(report.log)
    assert "\n" not in shown
    assert f"the details are in {report.log}" in shown and "Zebedee" not in shown


def test_a_log_that_cannot_be_written_is_said_not_raised(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")  # a file where the folder should be
    report = crashed(_boom(), blocked / "logs")
    assert report.log is None
    assert "no log could be written" in str(report)
