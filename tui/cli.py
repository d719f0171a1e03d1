"""The ``quorate`` command. Headless commands never import textual."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import shutil
import sys
import tempfile
from pathlib import Path

from tui import __version__
from tui.commands import (
    backup,
    backup_parser,
    check,
    check_parser,
    export,
    export_parser,
    settings,
    settings_parser,
)
from tui.common import files, refused
from tui.search_command import search, search_parser

# Above this size the integrity check (which reads the whole file) runs while the
# first screen shows, so start-up does not grow with ten years of history.
DEFER_CHECK_OVER = 8 * 1024 * 1024


def default_database() -> Path:
    """The user's own database, in the platform's data folder (made 0700)."""
    from platformdirs import user_data_path

    folder = user_data_path("quorate", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / "quorate.db"


def sample_database() -> Path:
    """sample.db as shipped: inside the installed package, or at the checkout's top."""
    import store

    here = Path(store.__file__).resolve().parent
    for candidate in (here / "sample.db", here.parent / "sample.db"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("sample.db is not installed with this copy of Quorate")


DEMO_PREFIX = "quorate-demo-"


def demo_copy() -> Path:
    """A fresh 0600 copy of sample.db in a private temporary folder. Earlier demo
    folders are removed first, unless a Quorate still has its copy open."""
    from store.db.probes import is_claimed

    for old in Path(tempfile.gettempdir()).glob(f"{DEMO_PREFIX}*"):
        with contextlib.suppress(OSError):
            if old.is_dir() and old.stat().st_uid == os.getuid():
                if not is_claimed(old / "demo.db"):
                    shutil.rmtree(old)
    folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    target = folder / "demo.db"
    shutil.copyfile(sample_database(), target)
    target.chmod(0o600)
    return target


COMMANDS = {
    "check": "is this file healthy? schema version, what it holds, meeting ids",
    "export": "minutes, the logs, rapid reviews or escalations as Markdown, redacted",
    "search": "find words anywhere in the record (minutes, decisions, actions, reviews…)",
    "backup": "a consistent copy of a database (safe while Quorate has it open)",
    "settings": "show or change the partnership's settings (name, marking, quorum rules, amber)",
    "completion": "the shell completion script for bash or zsh",
}


def build_parser(*, with_path: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quorate",
        description="Run safeguarding partnership meetings from the terminal.",
        epilog="commands (each has its own --help):\n"
        + "\n".join(f"  quorate {name:<10} {what}" for name, what in COMMANDS.items())
        + "\n\nenvironment: QUORATE_DB names the database opened when no PATH is given.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"quorate {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open a fresh copy of the sample partnership"
    )
    parser.add_argument(
        "--read-only", action="store_true", help="open the database without changing it"
    )
    if with_path:
        files(
            parser.add_argument(
                "path",
                nargs="?",
                help="the database file (created if missing); default: your data folder",
            )
        )
    return parser


def completion_parser() -> argparse.ArgumentParser:
    """Every command as one tree of sub-parsers, for scripts/build_completions.py
    (the CLI itself dispatches on the first word, which keeps start-up lean)."""
    # The first word completes to a command; a database path is completed after
    # each command (shtab cannot offer a file and a command in one place).
    root = build_parser(with_path=False)
    commands = root.add_subparsers(dest="command", metavar="COMMAND")
    for name, make in (
        ("check", check_parser),
        ("export", export_parser),
        ("search", search_parser),
        ("backup", backup_parser),
        ("settings", settings_parser),
        ("completion", completion_command_parser),
    ):
        commands.add_parser(name, parents=[make()], add_help=False, help=COMMANDS[name])
    return root


def completion_command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quorate completion",
        description="Print the completion script for your shell. bash: "
        'eval "$(quorate completion bash)" in ~/.bashrc; zsh: '
        "quorate completion zsh > ~/.zfunc/_quorate, with ~/.zfunc on your fpath.",
    )
    parser.add_argument("shell", choices=["bash", "zsh"])
    return parser


COMPLETION_FILES = {"bash": "quorate.bash", "zsh": "_quorate"}


def completion(argv: list[str]) -> int:
    """``quorate completion bash|zsh``: the script made at build time, as shipped."""
    args = completion_command_parser().parse_args(argv)
    from importlib.resources import files as package_files

    script = package_files("tui") / "completions" / COMPLETION_FILES[args.shell]
    sys.stdout.write(script.read_text(encoding="utf-8"))
    return 0


def _looks_like_a_command(path: str) -> bool:
    """A word that is not a file and could not be meant as a new one (``quorate help``
    created ./help): no folder, no suffix, not there."""
    candidate = Path(path)
    return not candidate.exists() and os.sep not in path and not candidate.suffix


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv)
    except BrokenPipeError:
        # `quorate check … | head`: the reader has gone; nothing more to say.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: list[str]) -> int:
    if argv and argv[0] == "check":
        return check(argv[1:])
    if argv and argv[0] == "export":
        return export(argv[1:])
    if argv and argv[0] == "search":
        return search(argv[1:])
    if argv and argv[0] == "backup":
        return backup(argv[1:])
    if argv and argv[0] == "settings":
        return settings(argv[1:])
    if argv and argv[0] == "completion":
        return completion(argv[1:])
    args = build_parser().parse_args(argv)
    if args.path and _looks_like_a_command(args.path):
        return refused(
            f"no command or file {args.path!r}: the commands are "
            f"{', '.join(COMMANDS)} (quorate --help); a new database needs a name "
            "ending .db"
        )
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # With no terminal, Textual spins and writes escape codes to a pipe or a file.
        return refused(
            "the app needs a terminal (standard input and output); for scripts use "
            "'quorate check' or 'quorate export'"
        )
    # Start-up allocates many objects that live as long as the app (modules,
    # classes, widgets); the cyclic collector going over them again and again
    # cost about 30 ms of the first frame. The app turns it back on, with those
    # objects frozen out of its way, once the first screen is shown.
    gc.disable()
    from store import Store
    from store.domain.errors import StoreError

    try:
        chosen = args.path or os.environ.get("QUORATE_DB")
        path = demo_copy() if args.demo else Path(chosen) if chosen else default_database()
        store = Store.open(
            path, readonly=args.read_only, defer_check_over=DEFER_CHECK_OVER, exclusive=True
        )
    except (StoreError, OSError) as exc:
        return refused(exc)
    from tui.run import run_app

    notice = None
    if args.demo:
        notice = (
            f"Demo copy of the sample partnership: {path} (removed the next time a demo starts)"
        )
    return run_app(store, collector_held=True, notice=notice)
