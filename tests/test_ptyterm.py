"""Tests of the pseudo-terminal harness (tests/support/ptyterm.py) itself.

No assertion here is about how fast anything is: only about what is seen.
"""

from __future__ import annotations

import os
import signal
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.support.ptyterm import KEYS, PtyExited, PtyTerminal, PtyTimeout, Screen, strip_ansi

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals only")

REPO = Path(__file__).resolve().parent.parent
BASELINE = REPO / "benchmarks" / "baseline_app.py"
TIMEOUT = 30.0  # generous: a slow CI machine must not fail these


def py(code: str) -> list[str]:
    """argv running a small stdlib-only Python child."""
    return [sys.executable, "-c", textwrap.dedent(code)]


SLEEPER = py(
    """
    import time
    print("READY", flush=True)
    while True:
        time.sleep(1)
    """
)


def gone(pid: int, timeout: float = 10.0) -> bool:
    """True once ``pid`` no longer exists or is a zombie (not ours to reap)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


# -- with the real baseline Textual app --------------------------------------


def test_baseline_app_is_seen_and_ends_with_peak_memory() -> None:
    with PtyTerminal([sys.executable, str(BASELINE)], cwd=REPO) as term:
        seconds = term.wait_for("Baseline ready", TIMEOUT)
        assert seconds > 0
        # Asking again answers with the same first moment it showed.
        assert term.wait_for("Baseline ready", TIMEOUT) == seconds
        lines = term.screen_lines()
        assert len(lines) == 40
        assert all(len(line) <= 120 for line in lines)
        returncode, max_rss_kib = term.terminate(timeout=TIMEOUT)
    assert returncode != 0  # it was ended, it did not finish on its own
    assert max_rss_kib > 0


def test_screen_model_is_independent_of_how_output_is_chunked() -> None:
    with PtyTerminal([sys.executable, str(BASELINE)], cwd=REPO) as term:
        term.wait_for("Baseline ready", TIMEOUT)
        output = term.output()
        expected = term.screen_lines()
    whole = Screen(120, 40)
    whole.feed(output)
    assert whole.lines == expected
    bytewise = Screen(120, 40)
    for i in range(len(output)):
        bytewise.feed(output[i : i + 1])
    assert bytewise.lines == expected
    assert "Baseline ready" in strip_ansi(output.decode())


# -- with small stdlib children ------------------------------------------------


def test_size_term_and_controlling_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # must not override the pty size
    child = py(
        """
        import os, shutil
        size = shutil.get_terminal_size()
        fd = os.open("/dev/tty", os.O_RDWR)  # only works with a controlling tty
        os.close(fd)
        print(f"SIZE {size.columns}x{size.lines} TERM {os.environ['TERM']} "
              f"EXTRA {os.environ.get('PTYTERM_EXTRA')} SID {os.getsid(0) == os.getpid()}")
        """
    )
    with PtyTerminal(child, size=(100, 30), env={"PTYTERM_EXTRA": "yes"}) as term:
        term.wait_for("SIZE", TIMEOUT)
        assert term.wait(TIMEOUT)[0] == 0
        text = term.screen_text()
    assert "SIZE 100x30 TERM xterm-256color EXTRA yes SID True" in text


def test_typing_in_line_mode() -> None:
    child = py(
        """
        import sys
        print("READY", flush=True)
        for line in sys.stdin:
            print("GOT:" + line.strip(), flush=True)
        """
    )
    with PtyTerminal(child) as term:
        term.wait_for("READY", TIMEOUT)
        term.send("hello\r")
        term.wait_for("GOT:hello", TIMEOUT)
        assert term.type("steady", interval=0.01) == 6
        term.press("enter")
        term.wait_for(["GOT:hello", "GOT:steady"], TIMEOUT)
        term.send(b"\x04")  # ctrl+d: end of input in line mode
        assert term.wait(TIMEOUT)[0] == 0


def test_keys_arrive_as_bytes_in_raw_mode() -> None:
    child = py(
        """
        import os, sys, tty
        tty.setraw(0)
        os.write(1, b"READY\\r\\n")
        data = b""
        while not data.endswith(b"."):
            data += os.read(0, 1024)
        os.write(1, b"KEYS " + data.hex().encode() + b"\\r\\n")
        """
    )
    with PtyTerminal(child) as term:
        term.wait_for("READY", TIMEOUT)
        term.press("up", "ctrl+c", "enter")
        term.send(".")
        term.wait_for("KEYS", TIMEOUT)
        expected = (KEYS["up"] + "\x03\r.").encode().hex()
        assert f"KEYS {expected}" in term.screen_text()
        assert term.wait(TIMEOUT)[0] == 0


def test_sigterm_ends_the_child_and_wait_reports_memory() -> None:
    with PtyTerminal(SLEEPER) as term:
        term.wait_for("READY", TIMEOUT)
        assert term.running
        term.signal(signal.SIGTERM)
        returncode, max_rss_kib = term.wait(TIMEOUT)
    assert returncode == -signal.SIGTERM
    assert max_rss_kib > 0


def test_terminate_falls_back_to_sigkill() -> None:
    child = py(
        """
        import signal, time
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("READY", flush=True)
        while True:
            time.sleep(1)
        """
    )
    with PtyTerminal(child) as term:
        term.wait_for("READY", TIMEOUT)
        returncode, _ = term.terminate(timeout=0.5)
    assert returncode == -signal.SIGKILL


def test_sigkill_mid_typing() -> None:
    with PtyTerminal(SLEEPER) as term:
        term.wait_for("READY", TIMEOUT)
        term.type("abc", interval=0.01)
        term.kill()
        returncode, _ = term.wait(TIMEOUT)
    assert returncode == -signal.SIGKILL


def test_close_leaves_no_process_behind() -> None:
    child = py(
        """
        import subprocess, sys, time
        grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
        print(f"GRANDCHILD {grandchild.pid}", flush=True)
        while True:
            time.sleep(1)
        """
    )
    with PtyTerminal(child) as term:
        term.wait_for("GRANDCHILD", TIMEOUT)
        line = next(x for x in term.screen_lines() if x.startswith("GRANDCHILD"))
        grandchild = int(line.split()[1])
        pid = term.pid
    assert term.poll() is not None  # reaped
    assert gone(pid)
    assert gone(grandchild)


def test_wait_for_times_out_with_the_screen() -> None:
    with PtyTerminal(SLEEPER) as term:
        term.wait_for("READY", TIMEOUT)
        with pytest.raises(PtyTimeout) as caught:
            term.wait_for(["READY", "never shown"], timeout=0.3)
        assert "READY" in caught.value.screen


def test_wait_for_stops_when_the_child_exits() -> None:
    with PtyTerminal(py("import sys; print('bye'); sys.exit(3)")) as term:
        with pytest.raises(PtyExited):
            term.wait_for("never shown", TIMEOUT)
        assert term.wait(TIMEOUT)[0] == 3
        assert "bye" in term.screen_text()


def test_unknown_command_fails_at_once() -> None:
    with pytest.raises(FileNotFoundError):
        PtyTerminal(["surely-not-a-command-ptyterm"])


QUERIER = py(
    """
    import os, select, tty
    tty.setraw(0)
    os.write(1, b"\\x1b[6n\\x1b[?2026$p")
    reply = b""
    while select.select([0], [], [], 1.0)[0]:
        reply += os.read(0, 1024)
        if reply.endswith(b"$y"):
            break
    os.write(1, b"\\r\\nREPLY " + (reply.hex().encode() or b"none") + b"\\r\\n")
    """
)


def test_terminal_queries_are_answered() -> None:
    with PtyTerminal(QUERIER) as term:
        term.wait_for("REPLY", TIMEOUT)
        assert term.wait(TIMEOUT)[0] == 0
        expected = b"\x1b[1;1R\x1b[?2026;0$y".hex()
        assert f"REPLY {expected}" in term.screen_text()
        assert term.queries == ["DSR 6", "DECRQM ?2026"]


def test_terminal_queries_can_go_unanswered() -> None:
    with PtyTerminal(QUERIER, answer_queries=False) as term:
        term.wait_for("REPLY", TIMEOUT)
        assert "REPLY none" in term.screen_text()


# -- the screen model on its own -----------------------------------------------


def test_screen_cursor_moves_erase_and_alternate_screen() -> None:
    screen = Screen(20, 5)
    screen.feed("main text")
    screen.feed("\x1b[?1049h\x1b[3;5Hhello\x1b[1;1Hxx\x1b[2K")
    assert screen.lines[2] == "    hello"
    assert screen.lines[0] == ""
    assert "main text" not in screen.text
    screen.feed("\x1b[3;7H\x1b[K")
    assert screen.lines[2] == "    he"
    screen.feed("\x1b[?1049l")
    assert screen.lines[0] == "main text"


def test_screen_wrapping_wide_characters_and_split_sequences() -> None:
    screen = Screen(10, 3)
    screen.feed("0123456789AB")  # autowrap is on by default
    assert screen.lines[:2] == ["0123456789", "AB"]
    screen.feed("\x1b[?7l\x1b[3;1Habcdefghijklm")  # no wrap: last column overwritten
    assert screen.lines[2] == "abcdefghim"
    screen = Screen(10, 2)
    for part in ("\x1b", "[2", ";3", "H漢", "字".encode()[:2], "字".encode()[2:], "!"):
        screen.feed(part)
    assert screen.lines[1] == "  漢字!"
    assert screen.cursor == (7, 1)
