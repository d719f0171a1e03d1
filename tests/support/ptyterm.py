"""Run a command in a real pseudo-terminal and watch its screen.

Standard library only (POSIX).  Used by the start-up benchmark
(``benchmarks/startup.py``) and by tests that drive the app as a user would
(typing, signals, SIGKILL).

    with PtyTerminal([sys.executable, "app.py"], size=(120, 40)) as term:
        seconds = term.wait_for(["Ready", "Next meetings"], timeout=20)
        term.type("hello", interval=0.05)
        term.press("enter")
        returncode, max_rss_kib = term.terminate()

What it does:

* The child gets a fresh pty (``os.openpty``) sized with ``TIOCSWINSZ``
  before it starts, becomes a session leader with the pty as its
  controlling terminal (so ``/dev/tty`` and ``SIGWINCH`` work as in a real
  terminal), and ``TERM=xterm-256color``.  The parent's environment is
  passed through (minus ``COLUMNS``/``LINES``, which would override the pty
  size in ``shutil.get_terminal_size``) plus any overrides.
* A background thread drains the pty continuously (the child never blocks
  on a full pty buffer), timestamps every chunk when it is read, and feeds
  it to a small VT100/xterm screen model (:class:`Screen`).  "Screen text"
  is what a user would see: the grid of cells, one line per row.
* Like a real terminal it answers the usual queries (device attributes,
  cursor position, DECRQM mode reports, colour and size queries), so an
  app that waits for an answer is not delayed by a silent terminal.  It
  reports modes it does not implement (e.g. synchronized output 2026) as
  "not recognised", as a plain xterm would.  Queries seen are recorded in
  :attr:`PtyTerminal.queries`.
* Every wait has a timeout; :meth:`close` (also on leaving the ``with``
  block) SIGKILLs the child's process group and reaps it, so no child is
  left running.
"""

from __future__ import annotations

import atexit
import codecs
import errno
import fcntl
import os
import re
import select
import shutil
import signal as _signal
import struct
import sys
import termios
import threading
import time
import unicodedata
import warnings
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence

__all__ = [
    "KEYS",
    "PtyError",
    "PtyExited",
    "PtyTerminal",
    "PtyTimeout",
    "Screen",
    "strip_ansi",
]

DEFAULT_SIZE = (120, 40)  # columns, rows

#: Byte sequences a terminal sends for common keys (legacy xterm encoding,
#: which is what an app gets when the terminal does not speak the kitty
#: keyboard protocol).  In raw mode Enter is a carriage return.
KEYS: dict[str, str] = {
    "enter": "\r",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "escape": "\x1b",
    "backspace": "\x7f",
    "delete": "\x1b[3~",
    "insert": "\x1b[2~",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "space": " ",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    **{f"ctrl+{chr(c)}": chr(c - 96) for c in range(ord("a"), ord("z") + 1)},
}


class PtyError(RuntimeError):
    """Base class for harness errors; ``screen`` holds the last screen text."""

    def __init__(self, message: str, screen: str = "") -> None:
        super().__init__(message)
        self.screen = screen


class PtyTimeout(PtyError, TimeoutError):
    """A wait did not succeed in time."""


class PtyExited(PtyError):
    """The child exited before what was waited for appeared."""


# --------------------------------------------------------------------------
# Escape-sequence tokenizer and screen model
# --------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
      (?P<text>[^\x00-\x1f\x7f-\x9f]+)
    | \x1b\[(?P<priv>[<=>?]?)(?P<params>[0-9;:]*)(?P<inter>[\x20-\x2f]*)(?P<final>[\x40-\x7e])
    | \x1b\](?P<osc>[^\x07\x1b]*)(?:\x07|\x1b\\)
    | \x1b[P_^X][^\x1b]*\x1b\\
    | \x1b(?![\[\]P_^X])(?P<esc>[\x20-\x2f]*[\x30-\x7e])
    | (?P<ctl>[\x00-\x1a\x1c-\x1f\x7f-\x9f])
    """,
    re.VERBOSE | re.DOTALL,
)
_STRING_STARTS = ("\x1b]", "\x1bP", "\x1b_", "\x1b^", "\x1bX")
_MAX_PENDING = 1 << 20
_CURSOR_MOVES = frozenset("ABCDEFGHfd`")

_KNOWN_PRIVATE_MODES = frozenset(
    {1, 6, 7, 12, 25, 47, 1000, 1002, 1003, 1004, 1005, 1006, 1015, 1016, 1047, 1048, 1049, 2004}
)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def strip_ansi(text: str) -> str:
    """Remove escape sequences and control characters (keeps ``\\n``)."""
    out = []
    for m in _TOKEN.finditer(text):
        if m.group("text") is not None:
            out.append(m.group("text"))
        elif m.group("ctl") == "\n":
            out.append("\n")
    return "".join(out)


class Screen:
    """A minimal xterm-like screen: enough to know what a user would see.

    Implements printing (with wide characters and optional autowrap), C0
    controls, cursor movement, erase/insert/delete, scroll regions, the
    alternate screen and save/restore cursor.  Colours and other attributes
    are ignored.  ``reply`` (if given) receives answers to terminal queries.
    """

    def __init__(
        self,
        cols: int = DEFAULT_SIZE[0],
        rows: int = DEFAULT_SIZE[1],
        reply: Callable[[str], None] | None = None,
    ) -> None:
        self.cols, self.rows = cols, rows
        self.reply = reply
        self.queries: list[str] = []
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._transcript: list[str] = []
        self.modes: set[int] = {7, 25}  # autowrap, cursor visible
        self._main = self._blank_grid()
        self._alt = self._blank_grid()
        self.grid = self._main
        self.x = self.y = 0
        self.top, self.bottom = 0, rows - 1
        self._saved = (0, 0)

    # -- public ----------------------------------------------------------
    def feed(self, data: bytes | str) -> None:
        text = self._decoder.decode(data) if isinstance(data, bytes) else data
        text = self._pending + text
        self._pending = ""
        pos, end = 0, len(text)
        while pos < end:
            m = _TOKEN.match(text, pos)
            if m is None:  # an escape sequence, incomplete or malformed
                rest = text[pos:]
                if rest.startswith(_STRING_STARTS):
                    incomplete = len(rest) < _MAX_PENDING and "\x1b" not in rest[2:].replace(
                        "\x1b\\", ""
                    )
                else:
                    incomplete = len(rest) < 64 and not any(c < " " for c in rest[1:])
                if incomplete:
                    self._pending = rest
                    return
                pos += 1  # drop the stray ESC and carry on
                continue
            pos = m.end()
            kind = m.lastgroup
            if kind == "text":
                self._print(m.group("text"))
            elif kind == "final":
                self._csi(m.group("priv"), m.group("params"), m.group("inter"), m.group("final"))
            elif kind == "osc":
                self._osc(m.group("osc"))
            elif kind == "esc":
                self._esc(m.group("esc"))
            elif kind == "ctl":
                self._control(m.group("ctl"))
            # DCS/APC/PM/SOS strings are ignored.

    @property
    def lines(self) -> list[str]:
        return ["".join(row).rstrip() for row in self.grid]

    @property
    def text(self) -> str:
        """The visible screen, one line per row (trailing blanks removed)."""
        return "\n".join(self.lines)

    @property
    def transcript(self) -> str:
        """All printed text so far, escape sequences removed; cursor jumps
        and line feeds become newlines."""
        return "".join(self._transcript)

    @property
    def cursor(self) -> tuple[int, int]:
        """(column, row), zero-based."""
        return min(self.x, self.cols - 1), self.y

    def resize(self, cols: int, rows: int) -> None:
        for name in ("_main", "_alt"):
            old = getattr(self, name)
            new = [(row + [" "] * cols)[:cols] for row in old[:rows]]
            new += [[" "] * cols for _ in range(rows - len(new))]
            if self.grid is old:
                self.grid = new
            setattr(self, name, new)
        self.cols, self.rows = cols, rows
        self.top, self.bottom = 0, rows - 1
        self.x, self.y = min(self.x, cols - 1), min(self.y, rows - 1)

    # -- internals -------------------------------------------------------
    def _blank_grid(self) -> list[list[str]]:
        return [[" "] * self.cols for _ in range(self.rows)]

    def _print(self, run: str) -> None:
        self._transcript.append(run)
        cols, wrap = self.cols, 7 in self.modes
        if run.isascii():
            while run:
                if self.x >= cols:
                    if wrap:
                        self.x = 0
                        self._linefeed()
                    else:
                        self.x = cols - 1
                room = cols - self.x
                if not wrap and len(run) > room:  # overwrite the last column
                    run = run[: room - 1] + run[-1]
                chunk, run = run[:room], run[room:]
                self.grid[self.y][self.x : self.x + len(chunk)] = chunk
                self.x += len(chunk)
            return
        for ch in run:
            width = _char_width(ch)
            if width == 0:
                if self.x > 0:
                    self.grid[self.y][self.x - 1] += ch
                continue
            if self.x + width > cols:
                if wrap:
                    self.x = 0
                    self._linefeed()
                else:
                    self.x = cols - width
            row = self.grid[self.y]
            row[self.x] = ch
            if width == 2 and self.x + 1 < cols:
                row[self.x + 1] = ""
            self.x += width

    def _linefeed(self) -> None:
        if self.y == self.bottom:
            self._scroll_up(1)
        elif self.y < self.rows - 1:
            self.y += 1

    def _scroll_up(self, n: int) -> None:
        for _ in range(min(n, self.bottom - self.top + 1)):
            del self.grid[self.top]
            self.grid.insert(self.bottom, [" "] * self.cols)

    def _scroll_down(self, n: int) -> None:
        for _ in range(min(n, self.bottom - self.top + 1)):
            del self.grid[self.bottom]
            self.grid.insert(self.top, [" "] * self.cols)

    def _control(self, ch: str) -> None:
        if ch in "\n\x0b\x0c":
            self._transcript.append("\n")
            self._linefeed()
        elif ch == "\r":
            self.x = 0
        elif ch == "\b":
            self.x = max(0, min(self.x, self.cols - 1) - 1)
        elif ch == "\t":
            self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)

    def _esc(self, seq: str) -> None:
        if seq == "7":
            self._saved = (self.x, self.y)
        elif seq == "8":
            self.x, self.y = self._saved
        elif seq == "D":
            self._linefeed()
        elif seq == "E":
            self.x = 0
            self._linefeed()
        elif seq == "M":
            if self.y == self.top:
                self._scroll_down(1)
            elif self.y > 0:
                self.y -= 1
        elif seq == "c":
            self.__init__(self.cols, self.rows, self.reply)  # type: ignore[misc]

    def _erase(self, row: list[str], start: int, stop: int) -> None:
        row[start:stop] = [" "] * (stop - start)

    def _csi(self, priv: str, params: str, inter: str, final: str) -> None:
        args = [int(p.split(":")[0] or 0) if p else 0 for p in params.split(";")] if params else []

        def arg(i: int = 0, default: int = 1) -> int:
            v = args[i] if i < len(args) else 0
            return v if v else default

        if final in _CURSOR_MOVES:
            self._transcript.append("\n")
        if inter:
            if inter == "$" and final == "p":  # DECRQM
                mode = arg(0, 0)
                self.queries.append(f"DECRQM {priv}{mode}")
                if priv == "?":
                    state = (1 if mode in self.modes else 2) if mode in _KNOWN_PRIVATE_MODES else 0
                else:
                    state = 0
                self._reply(f"\x1b[{priv}{mode};{state}$y")
            return
        if priv in ("?", ""):
            if final in "hl" and priv == "?":
                for mode in args:
                    self._set_mode(mode, final == "h")
                return
        if priv == "":
            x, y = min(self.x, self.cols - 1), self.y
            if final in "Hf":
                self.y = min(arg(0) - 1, self.rows - 1)
                self.x = min(arg(1) - 1, self.cols - 1)
            elif final == "A":
                self.y = max(0, y - arg())
            elif final in "Be":
                self.y = min(self.rows - 1, y + arg())
            elif final in "Ca":
                self.x = min(self.cols - 1, x + arg())
            elif final == "D":
                self.x = max(0, x - arg())
            elif final == "E":
                self.x, self.y = 0, min(self.rows - 1, y + arg())
            elif final == "F":
                self.x, self.y = 0, max(0, y - arg())
            elif final in "G`":
                self.x = min(arg() - 1, self.cols - 1)
            elif final == "d":
                self.y = min(arg() - 1, self.rows - 1)
            elif final == "J":
                mode = arg(0, 0)
                if mode == 0:
                    self._erase(self.grid[y], x, self.cols)
                    rows = range(y + 1, self.rows)
                elif mode == 1:
                    self._erase(self.grid[y], 0, x + 1)
                    rows = range(0, y)
                else:
                    rows = range(self.rows)
                for r in rows:
                    self._erase(self.grid[r], 0, self.cols)
            elif final == "K":
                mode = arg(0, 0)
                start, stop = {0: (x, self.cols), 1: (0, x + 1)}.get(mode, (0, self.cols))
                self._erase(self.grid[y], start, stop)
            elif final == "X":
                self._erase(self.grid[y], x, min(self.cols, x + arg()))
            elif final == "P":
                row = self.grid[y]
                n = min(arg(), self.cols - x)
                del row[x : x + n]
                row.extend([" "] * n)
            elif final == "@":
                row = self.grid[y]
                n = min(arg(), self.cols - x)
                row[x:x] = [" "] * n
                del row[self.cols :]
            elif final in "LM" and self.top <= y <= self.bottom:
                for _ in range(min(arg(), self.bottom - y + 1)):
                    if final == "L":
                        del self.grid[self.bottom]
                        self.grid.insert(y, [" "] * self.cols)
                    else:
                        del self.grid[y]
                        self.grid.insert(self.bottom, [" "] * self.cols)
            elif final == "S":
                self._scroll_up(arg())
            elif final == "T":
                self._scroll_down(arg())
            elif final == "r":
                top, bottom = arg(0) - 1, arg(1, self.rows) - 1
                if 0 <= top < bottom < self.rows:
                    self.top, self.bottom = top, bottom
                    self.x = self.y = 0
            elif final == "s":
                self._saved = (self.x, self.y)
            elif final == "u":
                self.x, self.y = self._saved
            elif final == "n":
                self.queries.append(f"DSR {arg(0, 0)}")
                if arg(0, 0) == 5:
                    self._reply("\x1b[0n")
                elif arg(0, 0) == 6:
                    self._reply(f"\x1b[{y + 1};{x + 1}R")
            elif final == "c":
                self.queries.append("DA1")
                self._reply("\x1b[?62;22c")
            elif final == "t":
                self.queries.append(f"XTWINOPS {params}")
                if arg(0, 0) == 18:
                    self._reply(f"\x1b[8;{self.rows};{self.cols}t")
                elif arg(0, 0) == 14:
                    self._reply(f"\x1b[4;{self.rows * 16};{self.cols * 8}t")
        elif priv == ">" and final == "c":
            self.queries.append("DA2")
            self._reply("\x1b[>41;370;0c")
        elif final == "u" and priv == "?":
            # Kitty keyboard protocol query: not supported, so no answer
            # (apps are expected to follow it with a DA1 query).
            self.queries.append("KITTY-KEYBOARD?")

    def _set_mode(self, mode: int, on: bool) -> None:
        if mode in (47, 1047, 1049):
            if on and self.grid is self._main:
                if mode == 1049:
                    self._saved = (self.x, self.y)
                self._alt = self._blank_grid()
                self.grid = self._alt
            elif not on and self.grid is self._alt:
                self.grid = self._main
                if mode == 1049:
                    self.x, self.y = self._saved
        if on:
            self.modes.add(mode)
        else:
            self.modes.discard(mode)

    def _osc(self, body: str) -> None:
        code, _, rest = body.partition(";")
        if code in ("10", "11", "12") and rest == "?":
            self.queries.append(f"OSC {code} ?")
            rgb = "rgb:0000/0000/0000" if code == "11" else "rgb:e5e5/e5e5/e5e5"
            self._reply(f"\x1b]{code};{rgb}\x1b\\")

    def _reply(self, answer: str) -> None:
        if self.reply is not None:
            self.reply(answer)


# --------------------------------------------------------------------------
# The terminal: a child process on a pty
# --------------------------------------------------------------------------


def _needles(texts: str | Iterable[str]) -> tuple[str, ...]:
    return (texts,) if isinstance(texts, str) else tuple(texts)


class PtyTerminal:
    """A child process running in a pseudo-terminal of a fixed size.

    Args:
        argv: the command (``argv[0]`` is searched on ``PATH``).
        size: ``(columns, rows)``.
        env: overrides on top of the parent's environment (a value of
            ``None`` removes the variable).
        cwd: working directory of the child.
        term: value of ``TERM``.
        answer_queries: answer terminal queries as a real terminal would.
        inherit_env: start from ``os.environ`` (else from an empty env).
    """

    def __init__(
        self,
        argv: Sequence[str],
        *,
        size: tuple[int, int] = DEFAULT_SIZE,
        env: Mapping[str, str | None] | None = None,
        cwd: str | os.PathLike[str] | None = None,
        term: str = "xterm-256color",
        answer_queries: bool = True,
        inherit_env: bool = True,
    ) -> None:
        if not argv:
            raise ValueError("empty command")
        self.argv = [os.fspath(a) for a in argv]
        self.cols, self.rows = size
        child_env = dict(os.environ) if inherit_env else {}
        for name in ("COLUMNS", "LINES"):  # would override the pty size
            child_env.pop(name, None)
        child_env["TERM"] = term
        for key, value in (env or {}).items():
            if value is None:
                child_env.pop(key, None)
            else:
                child_env[key] = value
        self.env = child_env
        executable = self.argv[0]
        if os.sep not in executable:
            found = shutil.which(executable, path=child_env.get("PATH", os.defpath))
            if found is None:
                raise FileNotFoundError(errno.ENOENT, "command not found", executable)
            executable = found

        self._lock = threading.Condition()
        self._chunks: list[tuple[float, bytes]] = []
        self._eof = False
        self._closing = False
        self._status: tuple[int, int] | None = None  # (returncode, maxrss KiB)
        self._exit_time: float | None = None
        self._waiters: list[list] = []  # [needles, where, found_time | None]
        self.screen = Screen(self.cols, self.rows, self._reply if answer_queries else None)

        master, slave = os.openpty()
        self._fd = master
        try:
            fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
            err_r, err_w = os.pipe()  # both close-on-exec (PEP 446)
            env_b = {k.encode(): v.encode() for k, v in child_env.items()}
            cwd_s = os.fspath(cwd) if cwd is not None else None
            self.start_time = time.perf_counter()
            with warnings.catch_warnings():  # 3.12+: fork() with threads
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
            if pid == 0:  # child: as little Python as possible, then exec
                try:
                    os.close(master)
                    os.close(err_r)
                    os.setsid()
                    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                    for fd in (0, 1, 2):
                        os.dup2(slave, fd)
                    if slave > 2:
                        os.close(slave)
                    for sig in (_signal.SIGPIPE, _signal.SIGXFSZ, _signal.SIGINT):
                        _signal.signal(sig, _signal.SIG_DFL)
                    _signal.pthread_sigmask(_signal.SIG_SETMASK, [])
                    if cwd_s is not None:
                        os.chdir(cwd_s)
                    os.execve(executable, self.argv, env_b)
                except BaseException as exc:  # noqa: BLE001 - report and die
                    try:
                        os.write(err_w, f"{type(exc).__name__}: {exc}".encode())
                    finally:
                        os._exit(127)
            self.pid = pid
        finally:
            os.close(slave)
        os.close(err_w)
        try:
            failure = b""
            while chunk := os.read(err_r, 4096):
                failure += chunk
        finally:
            os.close(err_r)
        if failure:
            os.waitpid(pid, 0)
            os.close(master)
            self._fd = None
            raise PtyError(f"could not start {self.argv!r}: {failure.decode(errors='replace')}")
        os.set_blocking(master, False)
        _LIVE.add(self)
        self._reader = threading.Thread(target=self._read_loop, name=f"ptyterm-{pid}", daemon=True)
        self._reader.start()

    # -- context manager -------------------------------------------------
    def __enter__(self) -> PtyTerminal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - best effort at interpreter exit
            pass

    # -- reading ---------------------------------------------------------
    def _read_loop(self) -> None:
        fd = self._fd
        poller = select.poll()  # not select(): no FD_SETSIZE limit
        poller.register(fd, select.POLLIN)
        while not self._closing:
            try:
                ready = poller.poll(50)
            except OSError:
                break
            if not ready:
                continue
            chunks = []
            for _ in range(64):  # drain what is there (bounded), timestamping each read
                try:
                    data = os.read(fd, 65536)
                except BlockingIOError:
                    break
                except OSError:  # EIO: every slave fd is closed
                    data = b""
                now = time.perf_counter()
                if not data:
                    self._eof = True
                    break
                chunks.append((now, data))
            with self._lock:
                for now, data in chunks:
                    self._chunks.append((now, data))
                    self.screen.feed(data)
                    self._check_waiters(now)
                if self._eof:
                    self._lock.notify_all()
                    break
        with self._lock:
            self._eof = True
            self._lock.notify_all()

    def _check_waiters(self, now: float) -> None:
        screen_text = None
        for waiter in self._waiters:
            if waiter[2] is not None:
                continue
            if waiter[1] == "screen":
                if screen_text is None:
                    screen_text = self.screen.text
                haystack = screen_text
            else:
                haystack = self.screen.transcript
            if all(n in haystack for n in waiter[0]):
                waiter[2] = now
                self._lock.notify_all()

    def _first_seen(self, needles: tuple[str, ...], where: str) -> float | None:
        """Replay the output so far to find when ``needles`` first showed."""
        replay = Screen(self.cols, self.rows)
        for when, data in self._chunks:
            replay.feed(data)
            haystack = replay.text if where == "screen" else replay.transcript
            if all(n in haystack for n in needles):
                return when
        return None

    def _reply(self, answer: str) -> None:
        if self._fd is None:
            return
        try:
            os.write(self._fd, answer.encode())
        except OSError:  # full (EAGAIN) or gone: a real terminal would not block either
            pass

    def wait_for(
        self,
        texts: str | Iterable[str],
        timeout: float = 10.0,
        *,
        where: str = "screen",
    ) -> float:
        """Wait until the screen shows every one of ``texts`` at once.

        Returns the seconds from spawn to the read of the output that first
        made it so (if it already was, the time it first was).  ``where`` is
        ``"screen"`` (the visible grid; a text must be on one row) or
        ``"transcript"`` (all output ever printed, escapes removed).

        Raises :class:`PtyExited` if the child exits (and its output is
        drained) first, :class:`PtyTimeout` after ``timeout`` seconds.
        """
        needles = _needles(texts)
        if where not in ("screen", "transcript"):
            raise ValueError(f"where must be 'screen' or 'transcript', not {where!r}")
        deadline = time.monotonic() + timeout
        with self._lock:
            now_text = self.screen.text if where == "screen" else self.screen.transcript
            if all(n in now_text for n in needles):
                found = self._first_seen(needles, where)
                if found is not None:
                    return found - self.start_time
            waiter: list = [needles, where, None]
            self._waiters.append(waiter)
            try:
                while waiter[2] is None:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise PtyTimeout(
                            f"{list(needles)!r} not on screen after {timeout:g}s "
                            f"(command {self.argv!r})",
                            self.screen.text,
                        )
                    if self._eof or self._exited_for(0.5):
                        status = self.poll()
                        raise PtyExited(
                            f"{self.argv!r} exited (returncode {status[0] if status else '?'}) "
                            f"before {list(needles)!r} appeared",
                            self.screen.text,
                        )
                    self._lock.wait(min(remaining, 0.05))
                return waiter[2] - self.start_time
            finally:
                self._waiters.remove(waiter)

    def _exited_for(self, grace: float) -> bool:
        """True once the child has exited at least ``grace`` s ago (output
        held open by a grandchild would otherwise never reach EOF)."""
        self.poll()
        return self._exit_time is not None and time.monotonic() - self._exit_time > grace

    # -- screen access ---------------------------------------------------
    def screen_text(self) -> str:
        with self._lock:
            return self.screen.text

    def screen_lines(self) -> list[str]:
        with self._lock:
            return self.screen.lines

    def transcript(self) -> str:
        with self._lock:
            return self.screen.transcript

    def output(self) -> bytes:
        """Everything the child wrote so far, raw."""
        with self._lock:
            return b"".join(data for _, data in self._chunks)

    @property
    def queries(self) -> list[str]:
        """Terminal queries the child sent (and that were answered if
        ``answer_queries``), e.g. ``"DECRQM ?2026"``."""
        with self._lock:
            return list(self.screen.queries)

    # -- input -----------------------------------------------------------
    def send(self, data: bytes | str, timeout: float = 5.0) -> None:
        """Write bytes to the terminal's input, as if typed/pasted at once."""
        buf = data.encode() if isinstance(data, str) else bytes(data)
        deadline = time.monotonic() + timeout
        while buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PtyTimeout(f"input not accepted within {timeout:g}s", self.screen_text())
            if self._fd is None:
                raise PtyError("terminal closed")
            poller = select.poll()
            poller.register(self._fd, select.POLLOUT)
            writable = poller.poll(max(1, int(min(remaining, 0.05) * 1000)))
            if not writable:
                continue
            try:
                written = os.write(self._fd, buf)
            except BlockingIOError:
                continue
            except OSError as exc:
                raise PtyError(f"cannot write to terminal: {exc}") from exc
            buf = buf[written:]

    def type(self, text: str, interval: float = 0.0, timeout: float = 5.0) -> int:
        """Type ``text`` one character at a time, a character every
        ``interval`` seconds on a fixed schedule (so the rate stays steady
        even if a write is slow).  Returns the number of characters sent."""
        start = time.monotonic()
        for i, ch in enumerate(text):
            if interval:
                delay = start + i * interval - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            self.send(ch, timeout=timeout)
        return len(text)

    def press(self, *keys: str) -> None:
        """Send named keys, e.g. ``press("ctrl+s", "enter")`` (see :data:`KEYS`)."""
        for key in keys:
            self.send(KEYS[key.lower()])

    def resize(self, cols: int, rows: int) -> None:
        """Change the window size (the kernel sends the child SIGWINCH)."""
        with self._lock:
            self.cols, self.rows = cols, rows
            self.screen.resize(cols, rows)
        fcntl.ioctl(self._fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    # -- process control -------------------------------------------------
    @property
    def running(self) -> bool:
        return self.poll() is None

    def signal(self, sig: int, *, group: bool = False) -> None:
        """Send ``sig`` to the child (or to its whole process group)."""
        if self._status is not None:
            return
        try:
            (os.killpg if group else os.kill)(self.pid, sig)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        """SIGKILL the child's process group (the child and anything it started)."""
        self.signal(_signal.SIGKILL, group=True)

    def poll(self) -> tuple[int, int] | None:
        """``(returncode, max_rss_kib)`` if the child has exited, else None."""
        if self._status is None:
            try:
                pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            except ChildProcessError:
                self._status = (-1, 0)
                self._exit_time = time.monotonic()
                return self._status
            if pid == 0:
                return None
            maxrss = usage.ru_maxrss
            if sys.platform == "darwin":  # bytes there, KiB on Linux
                maxrss //= 1024
            self._status = (os.waitstatus_to_exitcode(status), maxrss)
            self._exit_time = time.monotonic()
        return self._status

    def wait(self, timeout: float = 10.0) -> tuple[int, int]:
        """Wait for the child to exit; returns ``(returncode, max_rss_kib)``.

        ``returncode`` is negative for death by signal (as in subprocess);
        ``max_rss_kib`` is the child's peak resident set size (from
        ``wait4``; it includes reaped descendants).  Raises PtyTimeout.
        """
        deadline = time.monotonic() + timeout
        delay = 0.001
        while (status := self.poll()) is None:
            if time.monotonic() >= deadline:
                raise PtyTimeout(
                    f"{self.argv!r} still running after {timeout:g}s", self.screen_text()
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.02)
        return status

    def terminate(self, timeout: float = 5.0) -> tuple[int, int]:
        """SIGTERM, wait up to ``timeout`` s, then SIGKILL.  Returns ``wait()``."""
        self.signal(_signal.SIGTERM)
        try:
            return self.wait(timeout)
        except PtyTimeout:
            self.kill()
            return self.wait(timeout)

    def hang_up(self) -> float:
        """Close the terminal as a closed window does: the master side of the pty
        goes away (the kernel then sends SIGHUP to the child's session, and every
        read or write on its terminal fails). The child is left running, to be
        waited for. Returns the ``time.monotonic()`` of the close."""
        fd = getattr(self, "_fd", None)
        if fd is None:
            return time.monotonic()
        self._closing = True
        reader = getattr(self, "_reader", None)
        if reader is not None and reader is not threading.current_thread():
            reader.join(2.0)
        self._fd = None
        self._hung_up = True
        closed_at = time.monotonic()
        os.close(fd)
        return closed_at

    def exit_time(self) -> float | None:
        """``time.monotonic()`` when the child was first seen to have exited."""
        return self._exit_time

    def _kill_and_reap(self) -> None:
        try:
            os.killpg(self.pid, _signal.SIGKILL)  # also reaches grandchildren
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.wait(10.0)
        except PtyTimeout:
            pass

    def close(self) -> None:
        """Kill the child's process group if still there, reap it, stop the
        reader and close the pty.  Idempotent."""
        if getattr(self, "_fd", None) is None:
            if getattr(self, "_hung_up", False) and self._status is None:
                self._hung_up = False  # the pty is closed already; the child may not be
                self._kill_and_reap()
                _LIVE.discard(self)
            return
        if not hasattr(self, "pid"):  # failed before the child existed
            os.close(self._fd)
            self._fd = None
            return
        self._kill_and_reap()
        self._closing = True
        reader = getattr(self, "_reader", None)
        if reader is not None and reader is not threading.current_thread():
            reader.join(2.0)
        fd, self._fd = self._fd, None
        _LIVE.discard(self)
        try:
            os.close(fd)
        except OSError:
            pass


_LIVE: weakref.WeakSet[PtyTerminal] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    """Never leave a child behind, even if a caller forgot ``close()``."""
    for term in list(_LIVE):
        term.close()
