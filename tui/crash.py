"""The crash hook, and why Quorate has one.

Textual's own handler for an unexpected error prints the traceback with every
frame's local variables. In Quorate those locals can hold a child's real name
(a register entry, a line of minutes), and the terminal's scroll-back is not a
place for it. So the traceback goes, without locals, to a new file only the user
can read (0600, in the user's log folder), and the terminal gets one sentence.

Textual offers no public hook for this: the app overrides ``_handle_exception``
and hands over a ``Crashed`` error, whose ``__rich__`` is empty: Textual ends the
app with return code 1 (and, under a test's Pilot, raises it in the test) but
prints nothing of it; tui/run.py prints ``message`` once the terminal is back.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

from rich.text import Text


class Crashed(Exception):
    """An unexpected error, already written to ``log``; raised from the original."""

    def __init__(self, log: Path | None) -> None:
        self.log = log
        super().__init__(message(log))

    def __rich__(self) -> Text:
        # Nothing of Textual's: tui/run.py prints the sentence once the terminal is
        # restored, as one line (Textual would wrap or crop it at the terminal's
        # width, and the path must be copied from it whole).
        return Text("", end="")


def message(log: Path | None) -> str:
    """The one sentence the terminal gets."""
    where = f"the details are in {log}" if log is not None else "no log could be written"
    return f"quorate: stopped after an unexpected error; your work was saved and {where}"


def write_crash_log(error: BaseException, folder: Path | None = None) -> Path:
    """Write the traceback, without local variables, to a new 0600 file."""
    if folder is None:
        from platformdirs import user_log_path

        folder = user_log_path("quorate", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = "".join(traceback.format_exception(error))
    for attempt in range(100):  # a new file each time, never one that is there
        suffix = f"-{attempt}" if attempt else ""
        path = folder / f"crash-{stamp}-{os.getpid()}{suffix}.log"
        try:
            fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(path)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def crashed(error: BaseException, folder: Path | None) -> Crashed:
    """The error to hand Textual: written to its log first (if the disk allows)."""
    try:
        log: Path | None = write_crash_log(error, folder)
    except OSError:
        log = None
    result = Crashed(log)
    result.__cause__ = error
    return result
