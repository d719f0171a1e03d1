"""The autosave thread: deadline, flush, and a failing disk that loses nothing."""

from __future__ import annotations

import threading
import time

from store.db.autosave import MinutesSaver
from store.domain.errors import DiskFull


def test_text_is_written_within_the_delay_even_while_typing() -> None:
    written: list[tuple[float, str]] = []
    saver = MinutesSaver(lambda i, t: written.append((time.monotonic(), t)), delay=0.1)
    start = time.monotonic()
    text = ""
    while time.monotonic() - start < 1.0:  # typing without a pause
        text += "x"
        saver.changed(1, text)
        time.sleep(0.005)
    saver.close()
    # A debounce would write once, after typing stops; a deadline writes as it goes.
    assert len(written) >= 2, "the autosave waited for a pause in typing"
    assert written[-1][1] == text


def test_flush_writes_at_once() -> None:
    written: dict[int, str] = {}
    saver = MinutesSaver(written.__setitem__, delay=60)
    saver.changed(3, "Apologies noted")
    assert saver.flush(timeout=2)
    assert written == {3: "Apologies noted"}
    saver.close()


def test_a_failed_write_keeps_the_text_and_reports_once_per_failure() -> None:
    fail = threading.Event()
    fail.set()
    written: dict[int, str] = {}
    errors: list[Exception] = []

    def save(item_id: int, text: str) -> None:
        if fail.is_set():
            raise DiskFull("disk full")
        written[item_id] = text

    saver = MinutesSaver(save, delay=0.01, on_error=errors.append)
    saver.changed(1, "Minutes so far")
    assert not saver.flush(timeout=0.5)
    assert errors and written == {}
    fail.clear()
    assert saver.flush(timeout=3)
    assert written == {1: "Minutes so far"}
    saver.close()
