"""Minutes autosave: typed text reaches the database within ``delay`` seconds.

The UI thread only hands over the latest text (cheap); a background thread
writes it, so a slow disk never makes typing feel slower. Text is written no
later than ``delay`` after the first unsaved change, however fast the chair
types (a fixed deadline, not a debounce that typing keeps pushing back), so a
``kill -9`` loses at most about that much.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from store.domain.errors import StoreError

Save = Callable[[int, str], None]


class MinutesSaver:
    def __init__(
        self,
        save: Save,
        *,
        delay: float = 0.2,
        on_error: Callable[[StoreError], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
    ):
        """``on_error`` is called (on the saver's thread) when a write fails, once per
        failure run; ``on_recovered`` when a write succeeds after failures."""
        self._save = save
        self._delay = delay
        self._on_error = on_error
        self._on_recovered = on_recovered
        self._failing = False
        self._cond = threading.Condition()
        self._pending: dict[int, str] = {}
        self._dirty_since: float | None = None
        self._writing = False
        self._flush_now = False
        self._closed = False
        self._failed = False
        self._thread = threading.Thread(target=self._run, name="minutes-autosave", daemon=True)
        self._thread.start()

    def changed(self, item_id: int, text: str) -> None:
        """The text of an item changed; it will be written within ``delay`` seconds."""
        with self._cond:
            self._pending[item_id] = text
            if self._dirty_since is None:
                self._dirty_since = time.monotonic()
                self._cond.notify_all()

    @property
    def unsaved(self) -> bool:
        with self._cond:
            return bool(self._pending) or self._writing

    def flush(self, timeout: float = 5.0) -> bool:
        """Write everything now; True when nothing is left unsaved."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._flush_now = True
            self._failed = False
            self._cond.notify_all()
            while (self._pending or self._writing) and not self._failed:
                left = deadline - time.monotonic()
                if left <= 0 or not self._thread.is_alive():
                    break
                self._cond.wait(left)
            self._flush_now = False
            return not (self._pending or self._writing)

    def close(self) -> None:
        """Flush, then stop the thread."""
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed:
                    if self._pending and (self._flush_now or self._due()):
                        break
                    timeout = None
                    if self._pending and self._dirty_since is not None:
                        timeout = max(self._dirty_since + self._delay - time.monotonic(), 0.0)
                    self._cond.wait(timeout)
                if self._closed and not self._pending:
                    return
                batch, self._pending = self._pending, {}
                self._dirty_since = None
                self._writing = True
            error = self._write(batch)
            with self._cond:
                self._writing = False
                if error is not None:
                    # Keep the text: newer typing wins, older unsaved text is retried.
                    for item_id, text in batch.items():
                        self._pending.setdefault(item_id, text)
                    self._dirty_since = time.monotonic()
                    self._failed = True
                self._cond.notify_all()
            if error is not None:
                # Told once per run of failures, not at every retry: one warning
                # stays up rather than a notice a second covering the editor.
                if not self._failing and self._on_error is not None:
                    self._on_error(error)
                self._failing = True
                with self._cond:  # a full disk will not clear in a millisecond
                    if self._closed:
                        return  # closing with the disk still full: the caller was told
                    self._cond.wait(1.0)
            elif self._failing:
                self._failing = False
                if self._on_recovered is not None:
                    self._on_recovered()

    def _due(self) -> bool:
        return self._dirty_since is not None and time.monotonic() >= self._dirty_since + self._delay

    def _write(self, batch: dict[int, str]) -> StoreError | None:
        for item_id, text in batch.items():
            try:
                self._save(item_id, text)
            except StoreError as exc:
                return exc
        return None
