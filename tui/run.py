"""Running the App from the command line: exit codes and the crash message."""

from __future__ import annotations

import sys

from store import Store


def run_app(store: Store, *, collector_held: bool = False, notice: str | None = None) -> int:
    """``collector_held``: the caller turned the cyclic collector off for start-up;
    the app turns it back on after the first frame."""
    from tui.app import QuorateApp
    from tui.common import refused
    from tui.crash import crashed, message

    app = QuorateApp(store, collector_held=collector_held, notice=notice)
    app.watch_for_exit()  # a signal or a closed window while it starts is not missed
    try:
        code = app.run()
    except Exception as exc:  # noqa: BLE001 - anything that escaped Textual itself
        app.save_all()
        app.crash_log = crashed(exc, app.crash_dir).log
        app.crashed = True
        code = 1
    finally:
        store.close()
    if app.refused is not None:
        return refused(app.refused)
    if app.crashed:
        print(message(app.crash_log), file=sys.stderr)
        return 1
    return int(code or 0) if app.return_code in (None, 0) else int(app.return_code)
