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
from typing import Any

from tui import __version__

EXIT_REFUSED = 2
# Above this size the integrity check (which reads the whole file) runs while the
# first screen shows, so start-up does not grow with ten years of history.
DEFER_CHECK_OVER = 8 * 1024 * 1024


def refused(problem: Exception | str) -> int:
    """Say why in one line on stderr; the exit code for a refused file."""
    print(f"quorate: {problem}", file=sys.stderr)
    return EXIT_REFUSED


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
    from store.db.opening import is_claimed

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
    "export": "minutes, the action log or the decisions log as Markdown, redacted",
    "backup": "a consistent copy of a database (safe while Quorate has it open)",
    "settings": "show or change the partnership's settings (name, marking, quorum, amber)",
    "completion": "the shell completion script for bash or zsh",
}

# The settings a chair can change: (field of store.domain.models.Settings, option, what it is).
# Listed here rather than read from the model, so `--help` loads no pydantic; a
# test checks this list against the model.
SETTINGS = (
    ("partnership_name", "--partnership-name", "the partnership's name, as the minutes head it"),
    ("classification", "--classification", "the marking on every page (OFFICIAL-SENSITIVE)"),
    ("user_name", "--user-name", "the name the audit trail records ('' for your login name)"),
    ("quorum_members", "--quorum-members", "quorum of a new board or sub-group ('' for none)"),
    ("amber_days", "--amber-days", "an open action due within this many days is amber"),
)


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


# What shtab completes a file argument with (shtab.FILE), spelt here so the CLI
# never imports shtab: the completion scripts are made at build time.
FILE_COMPLETION = {"bash": "_shtab_compgen_files", "zsh": "_files"}


def files(action: argparse.Action) -> argparse.Action:
    """Mark an argument as a file name for the completion scripts."""
    action.complete = FILE_COMPLETION  # type: ignore[attr-defined]
    return action


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


def backup(argv: list[str]) -> int:
    """``quorate backup PATH DEST``: a consistent copy through SQLite's backup API."""
    args = backup_parser().parse_args(argv)
    from store import Store
    from store.db.files import backup_database
    from store.domain.errors import StoreError

    try:
        Store.open(args.path, readonly=True, create=False).close()  # refuses a bad file
        written = backup_database(args.path, args.dest)
    except StoreError as exc:
        return refused(exc)
    print(f"backed up to {written}")
    return 0


def backup_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quorate backup",
        description="Copy a Quorate database safely, even while the app has it open "
        "(SQLite's backup API, never a plain file copy). The copy is as sensitive as "
        "the file: keep it where your organisation allows OFFICIAL-SENSITIVE records.",
    )
    files(parser.add_argument("path", help="the Quorate database"))
    files(parser.add_argument("dest", help="the new file (must not exist), or a folder"))
    return parser


def settings_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quorate settings",
        description="Show a Quorate database's settings, or change them (each change "
        "is validated and kept in the audit trail). Refused while the app has the file open.",
    )
    files(parser.add_argument("path", help="the Quorate database"))
    for _field, option, what in SETTINGS:
        parser.add_argument(option, metavar="VALUE", help=what)
    return parser


def settings(argv: list[str]) -> int:
    """``quorate settings PATH [--amber-days 14 …]``: show or change the settings."""
    args = settings_parser().parse_args(argv)
    changes: dict[str, object] = {}
    for field, option, _what in SETTINGS:
        value = getattr(args, field)
        if value is None:
            continue
        if field in ("quorum_members", "amber_days"):
            text = value.strip()
            if not text and field == "quorum_members":
                changes[field] = None
                continue
            if not (text.isascii() and text.isdigit()):
                return refused(
                    f"{option}: a whole number, such as 6 (not {value!r}); nothing changed"
                )
            changes[field] = int(text)
        else:
            changes[field] = value
    from store import Store
    from store.db.opening import is_claimed
    from store.domain.errors import InvalidValue, StoreError

    if changes:
        path = Path(args.path)
        if path.is_file() and is_claimed(path):
            return refused(
                f"{path} is open in Quorate: change the settings there (S), or close it first"
            )
    try:
        store = Store.open(args.path, readonly=not changes, create=False)
    except StoreError as exc:
        return refused(exc)
    try:
        if changes:
            if store.readonly:
                return refused(f"{args.path} is read-only; nothing changed")
            try:
                store.settings.update(**changes)
            except InvalidValue as exc:
                options = {field: option for field, option, _ in SETTINGS}
                problems = "; ".join(
                    f"{options.get(field, field)}: {message}"
                    for field, message in exc.errors.items()
                )
                return refused(f"{problems}; nothing changed")
        current = store.settings.get()
    except StoreError as exc:
        return refused(exc)
    finally:
        store.close()
    for field, option, _what in SETTINGS:
        value = getattr(current, field)
        shown = "(none)" if value is None else value
        print(f"{option[2:]}: {shown}")
    if changes:
        print(f"changed: {', '.join(option for field, option, _ in SETTINGS if field in changes)}")
    return 0


def check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quorate check", description="Check a Quorate database without changing it."
    )
    files(parser.add_argument("path", help="the Quorate database"))
    return parser


def check(argv: list[str]) -> int:
    """``quorate check PATH``: report on a file's health without a terminal UI."""
    args = check_parser().parse_args(argv)
    from store import Store
    from store.db.migrations import latest_version
    from store.db.opening import probe_write_lock
    from store.domain.errors import StoreError

    try:
        store = Store.open(args.path, readonly=True, create=False)
        probe_write_lock(args.path)
    except StoreError as exc:
        return refused(exc)
    try:
        settings = store.settings.get()
        counts = store.dashboard.counts()
        meetings = store.meetings.all()
        # What check prints may be pasted into an email or a ticket: a meeting
        # titled with a child's name shows the pseudonym, as an export would.
        redacted = store.register.redacted
        titles = {m.id: redacted(m.title) for m in meetings}
        partnership = redacted(settings.partnership_name)
    except StoreError as exc:
        return refused(exc)
    finally:
        store.close()
    writable = os.access(args.path, os.W_OK)
    print(f"{args.path}: healthy Quorate database{'' if writable else ' (read-only)'}")
    print(f"schema version: {store.version} (this Quorate: {latest_version()})")
    print(f"partnership: {partnership}")
    print(f"classification: {settings.classification}")
    from store.db.opening import is_claimed, loose_permissions

    loose = loose_permissions(Path(args.path))
    if loose is not None:
        print(loose)
    if is_claimed(Path(args.path)):  # the store is closed: the probe cannot drop its locks
        print("in use: another Quorate has this file open")
    for name, count in counts.items():
        print(f"{name}: {count}")
    for meeting in meetings:
        print(
            f"  meeting {meeting.id}: {meeting.date} {titles[meeting.id]} ({meeting.status.label})"
        )
    return 0


def export(argv: list[str]) -> int:
    """``quorate export minutes|actions|decisions PATH``: Markdown without a terminal UI."""
    args = export_parser().parse_args(argv)
    return _export(args)


def export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quorate export",
        description="Write minutes, the action log or the decisions log as Markdown "
        "(names on the register are replaced by pseudonyms unless --unredacted). "
        "A document that may still identify a child (a date of birth, an address, a "
        "postcode, an NHS or phone number, an email address, a name misspelt) is "
        "refused with a line per finding unless --accept-identifiers.",
    )
    parser.add_argument("what", choices=["minutes", "actions", "decisions"])
    files(parser.add_argument("path", help="the Quorate database"))
    parser.add_argument("--meeting", type=int, help="meeting id (minutes; filter for the logs)")
    output = parser.add_argument(
        "-o",
        "--output",
        help="file to write (0600), or a folder to write the suggested name in; "
        "default or '-': standard output",
    )
    files(output)
    parser.add_argument(
        "--unredacted",
        action="store_true",
        help="keep children's names (marked UNREDACTED at the top; not for circulation)",
    )
    parser.add_argument(
        "--accept-identifiers",
        action="store_true",
        help="write even though the checks found possible identifiers (you have read them)",
    )
    parser.add_argument(
        "--status",
        action="append",
        default=[],
        type=_status,
        help="actions: open, in progress, done or dropped (may be repeated)",
    )
    parser.add_argument("--rag", choices=["red", "amber", "green", "closed"], help="actions: RAG")
    parser.add_argument("--owner", type=int, help="actions: owner's person id")
    parser.add_argument("--agency", type=int, help="actions: agency id")
    parser.add_argument("--search", default="", help="actions and decisions: words to find")
    parser.add_argument("--sort", choices=["due", "reference"], default="due")
    return parser


def _export(args: argparse.Namespace) -> int:
    from store import Store
    from store.domain.errors import StoreError
    from store.domain.redact import RedactionError
    from store.exports import IdentifiersFound, write

    try:
        store = Store.open(args.path, readonly=True, create=False)
    except StoreError as exc:
        return refused(exc)
    try:
        to_stream = args.output in (None, "-")
        write(
            store,
            _request(args),
            None if to_stream else args.output,
            redacted=not args.unredacted,
            accepted=args.accept_identifiers,
            stream=sys.stdout if to_stream else None,
        )
    except IdentifiersFound as exc:
        for finding in exc.findings:
            print(f"quorate: {finding.describe()}", file=sys.stderr)
        n = len(exc.findings)
        return refused(
            f"not written: {n} possible identifier{'s' if n != 1 else ''} of a child "
            "(above; the values are not shown). Edit the record, or give "
            "--accept-identifiers once you have read each one."
        )
    except (StoreError, RedactionError) as exc:
        return refused(exc)
    finally:
        store.close()
    return 0


def _status(text: str) -> str:
    from store.domain.kinds import ActionStatus

    value = "_".join(text.strip().lower().replace("-", " ").split())
    if value not in {s.value for s in ActionStatus}:
        allowed = ", ".join(s.label.lower() for s in ActionStatus)
        raise argparse.ArgumentTypeError(f"{text!r} is not a status: use {allowed}")
    return value


def _request(args: argparse.Namespace) -> Any:
    from store.actions import ActionQuery
    from store.domain.errors import InvalidValue
    from store.exports import ActionLog, DecisionsLog, Minutes

    if args.what == "minutes":
        if args.meeting is None:
            raise InvalidValue(
                {"--meeting": "which meeting? give its id (quorate check lists them)"}
            )
        return Minutes(args.meeting)
    if args.what == "actions":
        query = ActionQuery(
            statuses=tuple(args.status),
            rag=args.rag,
            owner_id=args.owner,
            agency_id=args.agency,
            meeting_id=args.meeting,
            text=args.search,
            sort=args.sort,
        )
        return ActionLog(query)
    return DecisionsLog(args.search, args.meeting)


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
