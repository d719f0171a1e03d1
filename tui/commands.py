"""The headless commands: ``quorate check``, ``export``, ``backup`` and ``settings``.
None imports textual; each imports the store only once its arguments are read,
so ``--help`` and a mistyped option answer at once."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.common import files, refused

if TYPE_CHECKING:
    from store import Store
    from store.domain.fields import SettingsFields

# The settings a chair can change: (field of store.domain.models.Settings, option, what it is).
# Listed here rather than read from the model, so `--help` loads no pydantic; a
# test checks this list against the model.
SETTINGS = (
    ("partnership_name", "--partnership-name", "the partnership's name, as the minutes head it"),
    ("classification", "--classification", "the marking on every page (OFFICIAL-SENSITIVE)"),
    ("user_name", "--user-name", "the name the audit trail records ('' for your login name)"),
    ("quorum_members", "--quorum-members", "quorum of a new board or sub-group ('' for none)"),
    ("amber_days", "--amber-days", "an open action due within this many days is amber"),
    (
        "quorum_rules",
        "--quorum-rules",
        "when each kind of meeting is quorate: 'executive: local authority, ICB, police, "
        "by leads; rapid review: local authority, ICB, police; board: members; "
        "learning event: none' (kinds not named are left as they are)",
    ),
    (
        "each_local_authority",
        "--each-local-authority",
        "yes: where several local authorities are partners, each must be represented; "
        "no: any one of them",
    ),
    (
        "reports_to",
        "--reports-to",
        "whose matters arising takes the actions of another body: 'rapid review: "
        "executive; sub group: executive; outside: executive' ('' for none); replaces the list",
    ),
    (
        "review_milestones",
        "--review-milestones",
        "the rapid review's milestones in working days: 'template 2; returns 5; meeting "
        "7-13; panel 2 after meeting; complete 15' ('' for these, domain.md's)",
    ),
    (
        "review_day0",
        "--review-day0",
        "day 0 of the rapid review's clock: notification (the default) or referral",
    ),
    (
        "escalation_policy",
        "--escalation-policy",
        "the escalation stages in order, each 'name (who holds it) working days', and the "
        "urgent route: 'Practitioners (practitioner to practitioner) 5; Line managers "
        "(designated safeguarding leads) 5; Senior managers (heads of service) 5; "
        "Executive (the executive, with the scrutineer) 14; urgent 24 hours' ('' for "
        "domain.md's)",
    ),
)


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
    parser.add_argument(
        "--closure-days",
        metavar="DAYS",
        help="the partnership's own closure days, which working-day deadlines skip: "
        "'29 Dec 2026 Christmas closure, 30/12/2026' ('' for none); replaces the list",
    )
    return parser


def settings(argv: list[str]) -> int:
    """``quorate settings PATH [--amber-days 14 …]``: show or change the settings."""
    args = settings_parser().parse_args(argv)
    changes = _setting_changes(args)
    from store import Store
    from store.db.probes import is_claimed
    from store.domain.errors import InvalidValue, StoreError

    typed = (args.quorum_rules, args.reports_to, args.each_local_authority)
    changing = bool(changes) or args.closure_days is not None
    changing = changing or any(value is not None for value in typed)
    if changing:
        path = Path(args.path)
        if path.is_file() and is_claimed(path):
            return refused(
                f"{path} is open in Quorate: change the settings there (S), or close it first"
            )
    try:
        store = Store.open(args.path, readonly=not changing, create=False)
    except StoreError as exc:
        return refused(exc)
    try:
        if changing:
            if store.readonly:
                return refused(f"{args.path} is read-only; nothing changed")
            try:
                changes |= _typed_changes(store, args)
                closures = None
                if args.closure_days is not None:
                    from store.domain.closures import read_closure_days

                    closures = read_closure_days(args.closure_days, today=store.clock().date())
                if changes:
                    store.settings.update(**changes)
                if closures is not None:
                    store.settings.set_closure_days(closures)
            except InvalidValue as exc:
                options = {field: option for field, option, _ in SETTINGS}
                options["closure_days"] = "--closure-days"
                problems = "; ".join(
                    f"{options.get(field.split('.')[0], field)}: {message}"
                    for field, message in exc.errors.items()
                )
                return refused(f"{problems}; nothing changed")
        current = store.settings.get()
        closure_days = store.settings.closure_days()
    except StoreError as exc:
        return refused(exc)
    finally:
        store.close()
    for field, option, _what in SETTINGS:
        print(f"{option[2:]}: {_shown(field, getattr(current, field))}")
    listed = ", ".join(day.describe() for day in closure_days)
    print(f"closure-days: {listed or '(none)'}")
    if changing:
        named = [option for field, option, _ in SETTINGS if field in changes]
        named += ["--closure-days"] if args.closure_days is not None else []
        print(f"changed: {', '.join(named)}")
    return 0


def _setting_changes(args: argparse.Namespace) -> SettingsFields:
    """The changes asked for, as typed (the store reads and checks them)."""
    changes: SettingsFields = {}
    if args.partnership_name is not None:
        changes["partnership_name"] = args.partnership_name
    if args.classification is not None:
        changes["classification"] = args.classification
    if args.user_name is not None:
        changes["user_name"] = args.user_name
    if args.quorum_members is not None:
        changes["quorum_members"] = args.quorum_members
    if args.amber_days is not None:
        changes["amber_days"] = args.amber_days
    if args.review_milestones is not None:
        changes["review_milestones"] = args.review_milestones
    if args.review_day0 is not None:
        changes["review_day0"] = args.review_day0.strip().lower()
    if args.escalation_policy is not None:
        changes["escalation_policy"] = args.escalation_policy
    return changes


def _yes_no(text: str) -> bool:
    word = text.strip().lower()
    if word in ("yes", "y", "true", "on", "1"):
        return True
    if word in ("no", "n", "false", "off", "0"):
        return False
    from store.domain.errors import InvalidValue

    raise InvalidValue({"each_local_authority": f"{text!r}: yes or no"})


def _typed_changes(store: Any, args: argparse.Namespace) -> SettingsFields:
    """The quorum rules, reporting lines and yes or no as typed, read over the
    current settings (a rule for one kind leaves the others as they are)."""
    from store.domain.quorum import read_rules

    changes: SettingsFields = {}
    if args.each_local_authority is not None:
        changes["each_local_authority"] = _yes_no(args.each_local_authority)
    if args.quorum_rules is not None:
        current = store.settings.get().quorum_rules
        rules = {kind.value: rule.model_dump(mode="json") for kind, rule in current.items()}
        rules |= {kind.value: rule for kind, rule in read_rules(args.quorum_rules).items()}
        changes["quorum_rules"] = rules
    if args.reports_to is not None:
        changes["reports_to"] = read_reports(args.reports_to)
    return changes


def read_reports(text: str) -> dict[str, str]:
    """Reporting lines as typed: "rapid review: executive; outside: executive"
    (a kind of meeting, or outside a meeting, to the kind whose matters arising
    takes its actions); '' for none."""
    from store.domain.errors import InvalidValue
    from store.domain.models.directory import OUTSIDE
    from store.domain.quorum import kind_named

    lines: dict[str, str] = {}
    for part in (p for p in text.split(";") if p.strip()):
        body, colon, to = part.partition(":")
        source = OUTSIDE if body.strip().lower() in (OUTSIDE, "outside a meeting") else None
        kind = kind_named(body)
        target = kind_named(to)
        if not colon or (source is None and kind is None) or target is None:
            raise InvalidValue(
                {
                    "reports_to": f"{part.strip()!r}: use a kind of meeting (or outside), "
                    "a colon and the kind of meeting it reports to"
                }
            )
        lines[source or (kind.value if kind else "")] = target.value
    return lines


def _shown(field: str, value: Any) -> str:
    """A setting as ``quorate settings`` prints it (the way it is typed)."""
    if value is None:
        return "(none)"
    if field == "each_local_authority":
        return "yes" if value else "no"
    if field == "quorum_rules":
        from store.domain.quorum import rule_text

        return "; ".join(f"{kind.label.lower()}: {rule_text(rule)}" for kind, rule in value.items())
    if field == "reports_to":
        from store.domain.quorum import kind_named

        def named(body: str) -> str:
            kind = kind_named(body)
            return kind.label.lower() if kind else body

        listed = "; ".join(f"{named(body)}: {to.label.lower()}" for body, to in value.items())
        return listed or "(none)"
    return str(value)


def check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quorate check", description="Check a Quorate database without changing it."
    )
    files(parser.add_argument("path", help="the Quorate database"))
    parser.add_argument(
        "--all",
        action="store_true",
        help=f"list every meeting (by default the upcoming ones and the last {RECENT_HELD} held)",
    )
    return parser


# How many past meetings check lists by default: its answer must not grow with
# ten years of history (--all lists every one).
RECENT_HELD = 20


def check(argv: list[str]) -> int:
    """``quorate check PATH``: report on a file's health without a terminal UI."""
    args = check_parser().parse_args(argv)
    from store import Store
    from store.db.migrations import latest_version
    from store.db.probes import probe_write_lock
    from store.domain.errors import StoreError

    try:
        store = Store.open(args.path, readonly=True, create=False)
        probe_write_lock(args.path)
    except StoreError as exc:
        return refused(exc)
    try:
        settings = store.settings.get()
        counts = store.dashboard.counts()
        today = store.clock().date()
        upcoming, past = store.meetings.listed_count(today)
        shown = upcoming + past if args.all else upcoming + min(past, RECENT_HELD)
        meetings = store.meetings.listed(today, 0, shown, upcoming)
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
    from store.db.probes import is_claimed, loose_permissions

    loose = loose_permissions(Path(args.path))
    if loose is not None:
        print(loose)
    if is_claimed(Path(args.path)):  # the store is closed: the probe cannot drop its locks
        print("in use: another Quorate has this file open")
    for name, count in counts.items():
        print(f"{name}: {count}")
    left_out = upcoming + past - len(meetings)
    if left_out:
        print(
            f"  ({left_out:,} earlier meeting{'' if left_out == 1 else 's'} not listed: "
            f"quorate check {args.path} --all lists every one)"
        )
    for meeting in meetings:
        print(
            f"  meeting {meeting.id}: {meeting.date} {titles[meeting.id]} ({meeting.status.label})"
        )
    return 0


def export(argv: list[str]) -> int:
    """``quorate export minutes|actions|decisions|rapid-review|reviews|escalations PATH``:
    Markdown without a terminal UI."""
    args = export_parser().parse_args(argv)
    return _export(args)


def export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quorate export",
        description="Write minutes, the action log, the decisions log, a rapid review's "
        "record, the list of rapid reviews or the escalations summary (for the executive "
        "and the scrutineer) as Markdown "
        "(names on the register are replaced by pseudonyms unless --unredacted). "
        "A document that may still identify a child (a date of birth, an address, a "
        "postcode, an NHS or phone number, an email address, a name misspelt) is "
        "refused with a line per finding unless --accept-identifiers.",
    )
    parser.add_argument(
        "what",
        choices=["minutes", "actions", "decisions", "rapid-review", "reviews", "escalations"],
    )
    files(parser.add_argument("path", help="the Quorate database"))
    parser.add_argument("--meeting", type=int, help="meeting id (minutes; filter for the logs)")
    parser.add_argument("--review", help="rapid-review: the review's reference (RR-2026-03)")
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
    parser.add_argument(
        "--rag", choices=["red", "amber", "green", "no_date", "closed"], help="actions: RAG"
    )
    parser.add_argument("--owner", type=int, help="actions: owner's person id")
    parser.add_argument(
        "--agency", type=int, help="actions: agency id; escalations: an agency on either side"
    )
    parser.add_argument("--search", default="", help="actions and decisions: words to find")
    parser.add_argument("--sort", choices=["due", "reference"], default="due")
    parser.add_argument("--stage", type=int, help="escalations: only those at this stage")
    parser.add_argument(
        "--all",
        action="store_true",
        help="escalations: list the resolved and closed ones too, not only the open",
    )
    return parser


def _export(args: argparse.Namespace) -> int:
    from store import Store
    from store.domain.errors import StoreError
    from store.domain.redact import RedactionError
    from store.exports import IdentifiersFound, write

    # Opened for writing where it can be, so that the copy is recorded as
    # circulated (when, which file, its hash); a file that cannot be written is
    # read, and the copy is written but not recorded.
    path = Path(args.path).expanduser()
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    try:
        store = Store.open(path, readonly=not writable, create=False)
    except StoreError as exc:
        return refused(exc)
    try:
        to_stream = args.output in (None, "-")
        written = write(
            store,
            _request(args, store),
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
    if written.path is not None:
        if written.recorded is not None:
            print(
                f"quorate: wrote {written.path}; recorded as circulated "
                f"(SHA-256 {written.recorded.sha256})",
                file=sys.stderr,
            )
        else:
            print(
                f"quorate: wrote {written.path}; not recorded as circulated "
                "(the database is read-only)",
                file=sys.stderr,
            )
    return 0


def _status(text: str) -> str:
    from store.domain.kinds import ActionStatus

    value = "_".join(text.strip().lower().replace("-", " ").split())
    if value not in {s.value for s in ActionStatus}:
        allowed = ", ".join(s.label.lower() for s in ActionStatus)
        raise argparse.ArgumentTypeError(f"{text!r} is not a status: use {allowed}")
    return value


def _request(args: argparse.Namespace, store: Store) -> Any:
    from store.actions import ActionQuery
    from store.domain.errors import InvalidValue
    from store.exports import (
        ActionLog,
        DecisionsLog,
        EscalationsSummary,
        Minutes,
        RapidReviewRecord,
        ReviewsList,
    )

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
    if args.what == "rapid-review":
        if not args.review:
            raise InvalidValue({"--review": "which review? give its reference (RR-2026-03)"})
        review = store.reviews.by_reference(args.review)
        if review is None:
            raise InvalidValue({"--review": f"no rapid review {args.review.strip().upper()}"})
        return RapidReviewRecord(review.id or 0)
    if args.what == "reviews":
        return ReviewsList()
    if args.what == "escalations":
        from store.escalations import EscalationQuery

        return EscalationsSummary(
            EscalationQuery(
                state="" if args.all else "open", stage=args.stage, agency_id=args.agency
            )
        )
    return DecisionsLog(args.search, args.meeting)
