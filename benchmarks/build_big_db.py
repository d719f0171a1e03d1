"""Build a big Quorate database: ten years of a busy partnership, for benchmarks.

    python benchmarks/build_big_db.py PATH [--scale 1.0] [--seed 1] [--json COUNTS.json]

At scale 1.0: about 2,500 meetings (2017 to early 2027), 25,000 agenda items,
30,000 attendance records, 10,000 decisions and 50,000 actions with about
200,000 updates; then 400 rapid reviews (about 40 a year: agencies' returns,
parallel processes, sign-offs, the Panel's response; 4 still open), their 400
children on the register as "Child A", "Child B"... and 1,400 escalations (about
140 a year, 2,339 stages of history, 7 still open). The names are the fictional
Kestrel Vale partnership's (store/sample/partnership.toml) plus invented
colleagues and children; nothing is real.

The file is made by ``Store.open`` (so it is created and migrated as the app
would) and the settings, agencies and people go through the store. The bulk
rows are inserted with plain SQL in one transaction, for speed; the FTS5
triggers index actions and decisions as they go in. No audit rows are written
for the bulk rows, and ANALYZE is not run (the app never runs it, so a real
file has no statistics either).

Rapid reviews and escalations come after every other row, from a generator of
their own (so the rows above are the same for a seed as before they existed),
and go through the store's public methods as store/sample/builder.py makes the
sample's: the deadlines, stages, policy and figures' columns are the store's
(audited like any write). Their children go on the register as plain rows,
checked once with one redactor: ``register.add`` builds a redactor over the
whole register on every call, which is quadratic over 400 names.

"Today" is 2026-11-27, as for sample.db: meetings before it are closed with
minutes, later ones planned; recent actions are open, some overdue. The same
seed and scale give the same data. Smaller scales thin each meeting series
(keeping its spread over the years) and the actions with it.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from store import Store  # noqa: E402
from store.sample.load import load as load_sample  # noqa: E402

TODAY = dt.date(2026, 11, 27)
FIRST_DAY = dt.date(2017, 1, 1)
PLANNED_UNTIL = dt.date(2027, 2, 28)
LONDON = ZoneInfo("Europe/London")
BUILD_TIME = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
TARGET_ACTIONS = 50_000
TARGET_DECISIONS = 10_000
EXTRA_PEOPLE = 120
# Actions raised per meeting, relative: an Executive raises more than a learning event.
ACTION_WEIGHT = {
    "executive": 30,
    "partnership_board": 25,
    "sub_group": 22,
    "rapid_review": 14,
    "child_death_review": 10,
    "learning_event": 5,
}
DECISION_WEIGHT = {
    "executive": 7,
    "partnership_board": 8,
    "sub_group": 4,
    "rapid_review": 4,
    "child_death_review": 3,
    "learning_event": 1,
}


@dataclass(frozen=True)
class Series:
    key: str
    title: str
    kind: str
    chair: str  # a sample person key
    core: tuple[str, ...]  # sample person keys who sit on it
    extras: int  # invented members, drawn again every three years
    start: str
    rule: str  # "monthly:N:W" (Nth weekday W), "quarterly:N:W", "fortnightly:W", "random:PER_YEAR"
    topics: tuple[str, ...]
    locations: tuple[str, ...]


CIVIC = "Committee Room 2, Kestrel Vale Civic Centre"
CHAMBER = "Council Chamber, Kestrel Vale Civic Centre"
TEAMS = "Microsoft Teams"
HARRIER = "Board Room, Harrier House, Kestrel Vale"
KINGFISHER = "Kingfisher Suite, Kestrel Vale Constabulary Headquarters"
WREN = "The Wren Centre, Millbrook, Kestrel Vale"
HUB = "Millbrook Family Hub, Kestrel Vale"
PARTNERS = ("chair", "bm", "dsp-la", "dsp-icb", "dsp-police", "des-nurse", "des-doctor")

# The vocabulary and the schedule are tables: kept compact, one entry or one
# series to a line, rather than one argument to a line as the formatter would.
# fmt: off
FORMAL_TOPICS = (
    "Quarterly performance dashboard: exceptions", "Neglect Strategy: progress report",
    "Harm outside the home: partnership response", "Section 11 and Section 175 self-assessments",
    "Partner financial contributions and business unit budget",
    "Open escalations (resolution of professional disagreements)",
    "Learning from rapid reviews and LCSPRs: action plan",
    "Multi-agency training offer: evaluation", "Annual Report: draft for comment",
    "Independent scrutiny report", "Voice of the child: Youth Forum feedback",
    "Multi-agency audit findings and recommendations", "Threshold document refresh",
    "Domestic abuse and children: MARAC links",
    "Children missing education and elective home education",
    "Early help: step-up and step-down", "Online safety: schools and parents",
    "Safer sleep and infants: campaign update", "MASH information sharing: review",
    "LADO annual report", "Risk register: partnership risks",
    "Policy and procedures: updates for approval",
)
CDOP_TOPICS = (
    "Notifications of child deaths since the last panel", "Case review for closure",
    "Modifiable factors: themes", "Regional CDOP update", "Safer sleep findings",
    "Expected deaths: end-of-life care plans", "Coroner's inquests: updates",
    "Neonatal deaths: themes from the maternity review",
)
MACE_TOPICS = (
    "Children at risk of exploitation: new referrals", "Locations and hotspots",
    "Persons of concern", "Disruption activity", "Missing episodes: return interviews",
    "Children reviewed for closure", "National Referral Mechanism decisions",
    "Transport hubs and night-time economy",
)
REVIEW_TOPICS = (
    "Case summary and background", "Agency returns and key practice episodes",
    "Immediate actions to keep children safe", "Parallel processes",
    "Decision on a Local Child Safeguarding Practice Review",
)
EVENT_TOPICS = (
    "Key messages from reviews", "Effective implementation", "Practitioner workshop",
    "Identifying themes and innovation", "Implementation action planning",
)
S, T = Series, FORMAL_TOPICS
SERIES = (
    S("executive", "Safeguarding Partners Executive", "executive", "chair",
      (*PARTNERS, "qa-officer", "deputy-la"), 2, "10:00", "monthly:3:3", T,
      (CIVIC, CIVIC, KINGFISHER, TEAMS)),
    S("partnership-board", "Safeguarding Children Partnership Board", "partnership_board", "chair",
      (*PARTNERS, "head-teacher", "early-years", "named-nurse", "mh-named", "gp-lead", "housing",
       "vcs-lead", "probation"), 3, "14:00", "quarterly:4:3", T, (CHAMBER,)),
    S("qap-subgroup", "Quality Assurance and Performance Sub-group", "sub_group", "des-nurse",
      ("qa-officer", "bm", "deputy-la", "named-nurse", "deputy-police", "hos-csc"), 5, "13:30",
      "monthly:2:3", T[:12], (TEAMS, CIVIC)),
    S("learning-development", "Learning and Development Sub-group", "sub_group", "bm",
      ("qa-officer", "early-years", "researcher", "named-nurse"), 5, "10:00", "monthly:1:1",
      T[5:15], (TEAMS, HUB)),
    S("child-exploitation", "Child Exploitation Sub-group", "sub_group", "dsp-police",
      ("deputy-police", "di-cait", "hos-csc", "mh-named", "vcs-lead"), 6, "10:00", "monthly:2:2",
      T[2:20], (KINGFISHER, TEAMS)),
    S("neglect-subgroup", "Neglect Sub-group", "sub_group", "deputy-la",
      ("des-nurse", "early-years", "housing", "gp-lead"), 5, "14:00", "monthly:3:1", T[1:14],
      (TEAMS, HUB)),
    S("education-safeguarding", "Education Safeguarding Sub-group", "sub_group", "head-teacher",
      ("early-years", "lado", "named-nurse"), 6, "15:30", "monthly:4:2", T[8:22], (TEAMS, WREN)),
    S("health-safeguarding", "Health Safeguarding Sub-group", "sub_group", "des-doctor",
      ("des-nurse", "named-nurse", "mh-named", "gp-lead", "cdr-coordinator"), 5, "09:30",
      "monthly:1:3", T[:18], (TEAMS,)),
    S("policy-procedures", "Policy and Procedures Sub-group", "sub_group", "legal",
      ("bm", "lado", "deputy-police", "des-nurse"), 4, "13:00", "monthly:2:0", T[10:22],
      (TEAMS, CIVIC)),
    S("case-review", "Case Review Sub-group", "sub_group", "deputy-la",
      ("bm", "des-nurse", "deputy-police", "researcher"), 4, "10:00", "monthly:1:2", T[6:16],
      (HARRIER, TEAMS)),
    S("domestic-abuse", "Domestic Abuse and Children Sub-group", "sub_group", "deputy-police",
      ("hos-csc", "housing", "probation", "vcs-lead", "mh-named"), 5, "10:00", "monthly:3:0",
      T[9:22], (TEAMS, KINGFISHER)),
    S("online-safety", "Online Safety Sub-group", "sub_group", "head-teacher",
      ("di-cait", "early-years", "vcs-lead"), 5, "15:30", "monthly:4:0", T[12:22], (TEAMS,)),
    S("voice-of-the-child", "Voice of the Child Forum", "sub_group", "vcs-lead",
      ("qa-officer", "early-years", "mh-named"), 6, "16:00", "monthly:2:1", T[8:18], (HUB, WREN)),
    S("cdop", "Child Death Overview Panel", "child_death_review", "des-doctor",
      ("cdr-coordinator", "des-nurse", "di-cait", "named-nurse"), 4, "09:30", "monthly:1:3",
      CDOP_TOPICS, (TEAMS,)),
    S("mace", "Multi-Agency Child Exploitation Meeting", "sub_group", "deputy-police",
      ("di-cait", "hos-csc", "mh-named", "housing", "vcs-lead"), 6, "10:00", "fortnightly:1",
      MACE_TOPICS, (KINGFISHER, TEAMS)),
    *(S(f"locality-{area.lower()}", f"{area} Locality Safeguarding Forum", "sub_group", "hos-csc",
        ("early-years", "named-nurse", "housing"), 7, "14:00", f"monthly:{n}:4", T[11:22],
        (HUB, TEAMS))
      for n, area in ((1, "North"), (2, "South"), (3, "East"), (4, "West"))),
    S("rapid-review", "Rapid Review", "rapid_review", "chair",
      ("bm", "dsp-la", "des-nurse", "deputy-police", "hos-csc", "named-nurse"), 2, "14:00",
      "random:20", REVIEW_TOPICS, (TEAMS, HARRIER)),
    S("learning-events", "Learning Event", "learning_event", "chair",
      ("bm", "qa-officer", "researcher"), 8, "12:30", "random:8", EVENT_TOPICS, (WREN, HUB)),
)
OPENING = (
    ("Welcome, introductions and apologies", "information", 5),
    ("Declarations of interest", "information", 5),
    ("Minutes of the previous meeting", "decision", 5),
    ("Matters arising and the action log", "discussion", 15),
)
CLOSING = (("Any other business", "discussion", 10), ("Date of next meeting", "information", 5))
INFORMAL_OPENING = (("Introductions and purpose of the meeting", "information", 5),)
INFORMAL_CLOSING = (("Agreed actions and next steps", "decision", 10),)
STANDING_MINUTES = {
    "Welcome, introductions and apologies":
        "{who} welcomed members. Apologies were noted; the meeting was quorate.",
    "Declarations of interest": "None declared.",
    "Minutes of the previous meeting": "Agreed as an accurate record.",
    "Matters arising and the action log":
        "{who} took members through the action log; the updates are recorded against each action.",
    "Any other business": "None.",
    "Date of next meeting": "As in the schedule of meetings.",
}
MINUTES = (
    "{who} presented the item. Members discussed the findings and the gaps in information "
    "sharing between agencies.",
    "{who} gave a verbal update. The item was noted.",
    "Members considered the report from {who}. Questions were raised about capacity in the "
    "front door and about the quality of referrals.",
    "{who} reported progress against the plan; two areas remain amber.",
)
# An action's description is VERB OBJECT [QUALIFIER].
VERBS = (
    "Circulate", "Review", "Audit", "Report on", "Draft", "Update", "Confirm", "Escalate", "Share",
    "Arrange a briefing on", "Chase", "Publish", "Refresh", "Map", "Evaluate", "Agree", "Present",
    "Seek assurance on", "Scope", "Embed",
)
OBJECTS = (
    "the neglect toolkit", "the multi-agency threshold document",
    "outstanding Section 11 returns", "the MASH information-sharing protocol",
    "the bruising in non-mobile babies protocol", "the escalation policy",
    "the child exploitation risk assessment tool",
    "the learning brief from the {child} rapid review",
    "the notification pathway for children leaving school rolls",
    "training evaluation returns", "the quarterly performance dashboard",
    "the early help assessment", "the LADO annual report",
    "the domestic abuse referral pathway", "the safer sleep guidance",
    "strategy discussion attendance figures", "the {child} LCSPR action plan",
    "the practitioner survey results", "the private fostering awareness campaign",
    "the return home interview offer",
    "health attendance at initial child protection conferences",
    "the missing from home protocol", "supervision standards for frontline staff",
    "the Youth Forum's recommendations", "the elective home education register",
    "the online safety guidance for parents", "the was-not-brought policy",
    "the transitional safeguarding protocol", "the contextual safeguarding pilot",
    "the dental neglect pathway", "the graded care profile roll-out",
    "the {child} immediate actions",
)
QUALIFIERS = (
    "with designated safeguarding leads", "for the next meeting", "to all partner agencies",
    "by the end of the quarter", "with the ICB safeguarding team",
    "and report back to the Executive", "with the business unit", "in the newsletter",
    "with GP practices", "with Kestrel Vale Homes", "for the Annual Report",
    "with the voluntary sector", "across the three localities", "", "", "",
)
UPDATES = (
    "Draft circulated for comment; responses due by the end of the month.",
    "Awaiting comments from {agency}.", "Discussed at the meeting; on track.",
    "Delayed by staff absence; a new date was agreed.",
    "First draft complete; with the business unit for checking.",
    "{agency} has confirmed its part is done.", "Briefing held; slides shared with members.",
    "Data requested from {agency}; partial return received.",
    "Work under way; update at the next meeting.", "Escalated to the Executive for a decision.",
    "Pilot running in the {area} locality; evaluation to follow.",
    "Not started; owner to confirm capacity.",
    "Survey closed with {n} responses; analysis under way.",
)
DONE_NOTE = "Complete; evidence filed with the business unit."
DECISIONS = (
    "The {topic} was agreed.", "Members approved the recommendations in the {topic} report.",
    "The Board agreed to commission an LCSPR for {child}.",
    "It was agreed not to commission a review for {child}; learning to be shared through a brief.",
    "The {topic} was noted; an update to come back in three months.",
    "Members agreed the revised terms of reference.", "The budget for {year} was agreed.",
    "The risk on the {topic} was raised to red on the risk register.",
)
FIRST_NAMES = (
    "Amira", "Ben", "Carys", "Deepak", "Eilidh", "Femi", "Gemma", "Hamza", "Isla", "Jonah",
    "Kiran", "Lowri", "Marcus", "Nadia", "Oliver", "Parveen", "Quentin", "Rhiannon", "Sanjay",
    "Tamsin", "Usman", "Vicky", "Wesley", "Xena", "Yusuf", "Zoe", "Aled", "Bronwen", "Callum",
    "Dionne", "Ewan", "Farah", "Gareth", "Holly",
)
SURNAMES = (
    "Abbott", "Bhatti", "Carver", "Dunmore", "Ellison", "Fenwick", "Gallagher", "Hughes",
    "Iqbal", "Jennings", "Kaur", "Lindqvist", "Mensah", "Norris", "O'Neill", "Patel", "Quayle",
    "Rowntree", "Sutcliffe", "Thorne", "Underwood", "Vaughan", "Whitlock", "Yates", "Ziegler",
    "Achebe", "Brannigan", "Clough", "Dempsey", "Evans",
)
ROLES = (
    "Safeguarding Lead", "Service Manager", "Team Manager", "Named Professional",
    "Practice Lead", "Safeguarding Adviser", "Designated Safeguarding Lead", "Head of Service",
)
AREAS = ("North", "South", "East", "West")
# fmt: on


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="the new database file (must not exist)")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 50,000 actions")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the counts here")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    if args.path.exists():
        parser.error(f"{args.path} exists; the builder only writes a new file")
    started = time.perf_counter()
    try:
        counts = build(args.path, scale=args.scale, seed=args.seed)
    except BaseException:
        # A half-built file would pass for a small database later: never leave one.
        for part in (args.path, Path(f"{args.path}-wal"), Path(f"{args.path}-shm")):
            part.unlink(missing_ok=True)
        raise
    seconds = time.perf_counter() - started
    for name, n in counts.items():
        print(f"{name:>20}: {n:,}")
    size = args.path.stat().st_size / 2**20
    print(
        f"built {args.path} (scale {args.scale}, seed {args.seed}) in {seconds:.1f} s, {size:.0f} MiB"
    )
    if args.json:
        report = {
            "path": str(args.path),
            "scale": args.scale,
            "seed": args.seed,
            "seconds": seconds,
            "counts": counts,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


def build(path: Path, *, scale: float = 1.0, seed: int = 1) -> dict[str, int]:
    """Write a new database at ``path`` and return how many rows of each kind it holds."""
    rng = random.Random(seed)
    store = Store.open(path, clock=lambda: BUILD_TIME, who="big database builder")
    try:
        with store.unit.write():
            people = _directory(store, rng)
        builder = _Builder(rng, people, scale)
        builder.make()
        with store.unit.write():
            builder.insert(store)
        # Drawn from their own generator, after every other row: the rows above
        # are the same for a seed as before rapid reviews and escalations came.
        cases = _Cases(random.Random(f"cases-{seed}"), store, people, builder.meetings, scale)
        with store.unit.write():
            cases.make()
        counts = {
            table: int(store.unit.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in (
                "agencies",
                "people",
                "meetings",
                "agenda_items",
                "attendance",
                "decisions",
                "actions",
                "action_updates",
                "protected_people",
                "rapid_reviews",
                "review_agencies",
                "review_processes",
                "review_signoffs",
                "escalations",
                "escalation_stages",
            )
        }
        counts["open actions"] = int(
            store.unit.conn.execute(
                "SELECT count(*) FROM actions WHERE status IN ('open', 'in_progress')"
            ).fetchone()[0]
        )
        counts["overdue actions"] = int(
            store.unit.conn.execute(
                "SELECT count(*) FROM actions WHERE status IN ('open', 'in_progress') AND due < ?",
                [TODAY.isoformat()],
            ).fetchone()[0]
        )
        counts["open rapid reviews"] = int(
            store.unit.conn.execute(
                "SELECT count(*) FROM rapid_reviews WHERE sent_to_panel_on IS NULL"
            ).fetchone()[0]
        )
        counts["open escalations"] = int(
            store.unit.conn.execute(
                "SELECT count(*) FROM escalations WHERE status = 'open'"
            ).fetchone()[0]
        )
        # The search index as the app keeps it (a file used for ten years has it):
        # otherwise every benchmark run would time the app indexing ten years.
        counts["search entries"] = store.search.catch_up()
        return counts
    finally:
        store.close()


@dataclass
class People:
    ids: dict[str, int]  # sample key -> id
    names: dict[int, str]
    initials: dict[int, str]
    agency_of: dict[int, int]
    agency_names: dict[int, str]
    extras: list[int]


def _directory(store: Store, rng: random.Random) -> People:
    """Settings, agencies and people, through the store (validated and audited)."""
    kv = load_sample()
    store.settings.update(
        partnership_name=kv.partnership.name,
        classification=kv.partnership.classification,
        user_name=kv.partnership.user_name,
    )
    agency_ids: dict[str, int] = {}
    agency_names: dict[int, str] = {}
    domains: dict[int, str] = {}
    for agency in kv.agencies:
        agency_id = (
            store.directory.add_agency(
                name=agency.name,
                short_name=agency.short_name,
                kind=agency.kind,
                statutory=agency.statutory,
            ).id
            or 0
        )
        agency_ids[agency.key] = agency_id
        agency_names[agency_id] = agency.short_name
        domains[agency_id] = agency.key.replace("-", "") + ".kestrelvale.example"
    ids: dict[str, int] = {}
    names: dict[int, str] = {}
    initials: dict[int, str] = {}
    agency_of: dict[int, int] = {}
    for person in kv.people:
        person_id = (
            store.directory.add_person(
                name=person.name,
                initials=person.initials,
                job_title=person.job_title,
                agency_id=agency_ids[person.agency],
                email=person.email,
            ).id
            or 0
        )
        ids[person.key] = person_id
        names[person_id] = person.name
        initials[person_id] = person.initials
        agency_of[person_id] = agency_ids[person.agency]
    taken = set(names.values())
    extras: list[int] = []
    agencies = list(agency_ids.values())
    while len(extras) < EXTRA_PEOPLE:
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        name = f"{first} {last}"
        if name in taken:
            continue
        taken.add(name)
        agency_id = rng.choice(agencies)
        colleague = store.directory.add_person(
            name=name,
            initials=first[0] + last.replace("'", "")[0],
            job_title=rng.choice(ROLES),
            agency_id=agency_id,
            email=f"{first[0].lower()}.{last.replace(chr(39), '').lower()}@{domains[agency_id]}",
        )
        person_id = colleague.id or 0
        extras.append(person_id)
        names[person_id] = name
        initials[person_id] = colleague.initials
        agency_of[person_id] = agency_id
    return People(ids, names, initials, agency_of, agency_names, extras)


def _dates(rule: str, rng: random.Random) -> list[dt.date]:
    """Every meeting date of a series from FIRST_DAY to PLANNED_UNTIL."""
    kind, *args = rule.split(":")
    out: list[dt.date] = []
    if kind in ("monthly", "quarterly"):
        nth, weekday = int(args[0]), int(args[1])
        months = range(1, 13) if kind == "monthly" else (3, 6, 9, 12)
        for year in range(FIRST_DAY.year, PLANNED_UNTIL.year + 1):
            for month in months:
                if kind == "monthly" and month == 8:
                    continue  # no sub-groups in August
                first = dt.date(year, month, 1)
                day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
                out.append(day)
    elif kind == "fortnightly":
        day = FIRST_DAY + dt.timedelta(days=(int(args[0]) - FIRST_DAY.weekday()) % 7)
        while day <= PLANNED_UNTIL:
            out.append(day)
            day += dt.timedelta(days=14)
    else:  # random: about N a year, on weekdays, none planned far ahead
        span = (TODAY - FIRST_DAY).days
        count = round(int(args[0]) * span / 365.25)
        for _ in range(count):
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
            out.append(day - dt.timedelta(days=max(day.weekday() - 4, 0)))
        out.append(TODAY + dt.timedelta(days=12))
    return sorted(d for d in out if FIRST_DAY <= d <= PLANNED_UNTIL)


def _thin(dates: list[dt.date], scale: float, recent: int) -> list[dt.date]:
    """Keep a share of a series' meetings: the latest ``recent`` past ones in a row
    (so matters arising has earlier meetings to look at), the rest evenly spread."""
    past = [d for d in dates if d < TODAY]
    future = [d for d in dates if d >= TODAY]
    if scale >= 1 or not past:
        return dates
    recent = min(recent, len(past))
    keep = min(len(past), max(recent, round(len(past) * scale)))
    older, latest = past[: len(past) - recent], past[len(past) - recent :]
    spread = keep - len(latest)
    chosen = [older[round(i * (len(older) - 1) / max(spread - 1, 1))] for i in range(spread)]
    return chosen + latest + future[: max(1 if recent > 1 else 0, round(len(future) * scale))]


def _at(day: dt.date, clock: dt.time, minutes: float = 0) -> str:
    moment = dt.datetime.combine(day, clock, tzinfo=LONDON) + dt.timedelta(minutes=minutes)
    return moment.isoformat()


class _Builder:
    """Makes every bulk row in memory (ids given here), then inserts them."""

    def __init__(self, rng: random.Random, people: People, scale: float):
        self.rng = rng
        self.people = people
        self.scale = scale
        self.meetings: list[tuple[Any, ...]] = []
        self.items: list[tuple[Any, ...]] = []
        self.attendance: list[tuple[Any, ...]] = []
        self.decisions: list[tuple[Any, ...]] = []
        self.actions: list[tuple[Any, ...]] = []
        self.updates: list[tuple[Any, ...]] = []
        # Per past meeting: (id, date, start, kind, series, topical item ids, members).
        self.held: list[tuple[int, dt.date, dt.time, str, str, list[int], list[int]]] = []
        self.series_meetings: dict[str, tuple[list[dt.date], list[int]]] = {}

    def make(self) -> None:
        self._meetings()
        self._decisions()
        self._actions()

    # -- meetings, agendas, attendance ----------------------------------------------

    def _meetings(self) -> None:
        rng, p = self.rng, self.people
        planned: list[tuple[dt.date, dt.time, Series]] = []
        for series in SERIES:
            recent = 3 if series.key in ("executive", "partnership-board", "qap-subgroup") else 1
            start = dt.time.fromisoformat(series.start)
            for day in _thin(_dates(series.rule, rng), self.scale, recent):
                planned.append((day, start, series))
        planned.sort(key=lambda m: (m[0], m[1], m[2].key))
        members_by_era: dict[tuple[str, int], list[int]] = {}
        child_number = 0
        for meeting_id, (day, start, series) in enumerate(planned, 1):
            closed = day < TODAY
            era = (day.year - FIRST_DAY.year) // 3
            members = members_by_era.get((series.key, era))
            if members is None:
                members = [p.ids[k] for k in series.core if k != series.chair]
                members += rng.sample(p.extras, series.extras)
                members_by_era[(series.key, era)] = members
            title = series.title
            if series.kind == "rapid_review":
                child_number += 1
                title = f"Rapid Review: {_child(child_number)}"
            elif series.kind == "learning_event":
                title = f"Learning Event: {rng.choice(series.topics)}"
            chair_id = p.ids[series.chair]
            items = self._agenda(meeting_id, series, day, start, closed, [chair_id, *members])
            length = sum(i[11] for i in items) / 60
            self.meetings.append(
                (
                    meeting_id,
                    title,
                    series.kind,
                    series.key,
                    day.isoformat(),
                    start.isoformat(),
                    rng.choice(series.locations),
                    chair_id,
                    "closed" if closed else "planned",
                    4 if series.kind in ("partnership_board", "sub_group") else None,
                    _at(day, start, rng.randint(0, 4)) if closed else None,
                    _at(day, start, length + rng.randint(-10, 20)) if closed else None,
                )
            )
            self.items.extend(items)
            self._attend(meeting_id, chair_id, members, closed)
            if closed:
                topical = [i[0] for i in items if not i[10]] or [items[0][0]]
                self.held.append(
                    (meeting_id, day, start, series.kind, series.key, topical, members)
                )
                dates, ids = self.series_meetings.setdefault(series.key, ([], []))
                dates.append(day)
                ids.append(meeting_id)

    def _agenda(
        self,
        meeting_id: int,
        series: Series,
        day: dt.date,
        start: dt.time,
        closed: bool,
        people: list[int],
    ) -> list[tuple[Any, ...]]:
        rng = self.rng
        formal = series.kind in ("executive", "partnership_board", "sub_group")
        topics = rng.sample(series.topics, min(len(series.topics), rng.randint(4, 7)))
        first, last = (OPENING, CLOSING) if formal else (INFORMAL_OPENING, INFORMAL_CLOSING)
        plan = [(t, p, m, formal) for t, p, m in first]
        plan += [
            (
                t,
                rng.choice(("decision", "discussion", "information")),
                rng.choice((10, 15, 20, 30)),
                False,
            )
            for t in topics
        ]
        plan += [(t, p, m, formal) for t, p, m in last]
        rows = []
        elapsed = 0.0
        first_id = len(self.items) + 1
        for position, (title, purpose, planned, standing) in enumerate(plan, 1):
            presenter = people[0] if standing else rng.choice(people)
            spent = max(60, int(planned * 60 * rng.uniform(0.6, 1.5))) if closed else 0
            minutes = ""
            if closed:
                template = STANDING_MINUTES.get(title) or rng.choice(MINUTES)
                minutes = template.format(who=self.people.initials[presenter])
            rows.append(
                (
                    first_id + position - 1,
                    meeting_id,
                    position,
                    title,
                    purpose,
                    presenter,
                    planned,
                    minutes,
                    _at(day, start, elapsed) if closed else None,
                    _at(day, start, elapsed + spent / 60) if closed else None,
                    int(standing),
                    spent,
                )
            )
            elapsed += spent / 60
        return rows

    def _attend(self, meeting_id: int, chair_id: int, members: list[int], closed: bool) -> None:
        rng, p = self.rng, self.people
        next_id = len(self.attendance) + 1
        minute_taker = p.ids["minute-taker"]
        if not closed:
            rows: list[tuple[int, str, int | None]] = [
                (chair_id, "present", None),
                (minute_taker, "in_attendance", None),
            ]
        else:
            rows = [(chair_id, "present", None)]
            for person in members:
                if person in (chair_id, minute_taker):
                    continue
                roll = rng.random()
                if roll < 0.8:
                    rows.append((person, "present", None))
                elif roll < 0.94:
                    colleagues = [
                        q
                        for q in p.extras[:40]
                        if p.agency_of[q] == p.agency_of[person]
                        and q not in members
                        and q != chair_id
                    ]
                    deputy = rng.choice(colleagues) if colleagues and rng.random() < 0.4 else None
                    rows.append((person, "apologies", deputy))
                else:
                    rows.append((person, "absent", None))
            rows.append((minute_taker, "in_attendance", None))
        for offset, (person, status, deputy) in enumerate(rows):
            self.attendance.append((next_id + offset, meeting_id, person, status, deputy, None))

    # -- decisions ------------------------------------------------------------------

    def _decisions(self) -> None:
        rng = self.rng
        total = round(TARGET_DECISIONS * self.scale)
        per_meeting = _share(total, [DECISION_WEIGHT[m[3]] for m in self.held])
        rows = []
        for (meeting_id, day, start, _kind, _series, topical, _m), n in zip(
            self.held, per_meeting, strict=True
        ):
            for k in range(n):
                item = rng.choice(topical)
                text = rng.choice(DECISIONS).format(
                    topic=self.items[item - 1][3].split(":")[0].lower(),
                    child=_child(rng.randrange(1, 400)),
                    year=f"{day.year}-{(day.year + 1) % 100}",
                )
                rows.append((day, _at(day, start, 30 + 10 * k), meeting_id, item, text))
        rows.sort(key=lambda r: (r[1], r[2]))
        counter: Counter[int] = Counter()
        for decision_id, (day, made_at, meeting_id, item, text) in enumerate(rows, 1):
            counter[day.year] += 1
            self.decisions.append(
                (
                    decision_id,
                    meeting_id,
                    item,
                    text,
                    made_at,
                    f"D-{day.year}-{counter[day.year]:03d}",
                )
            )
        self.decision_counters = counter

    # -- actions and their updates ------------------------------------------------------

    def _actions(self) -> None:
        rng, p = self.rng, self.people
        total = round(TARGET_ACTIONS * self.scale)
        loose = total // 50  # raised between meetings, with no meeting
        per_meeting = _share(total - loose, [ACTION_WEIGHT[m[3]] for m in self.held])
        drafts: list[tuple[dt.date, int, int | None, int | None, str | None, int]] = []
        for (meeting_id, day, _s, _k, series, topical, members), n in zip(
            self.held, per_meeting, strict=True
        ):
            for _ in range(n):
                drafts.append(
                    (
                        day,
                        meeting_id,
                        rng.choice(topical),
                        self._owner(members),
                        series,
                        len(drafts),
                    )
                )
        span = (TODAY - FIRST_DAY).days
        for _ in range(loose):
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
            drafts.append((day, 0, None, self._owner(p.extras), None, len(drafts)))
        drafts.sort(key=lambda d: (d[0], d[1], d[5]))
        counter: Counter[int] = Counter()
        for action_id, (day, meeting_id, item, owner, in_series, _n) in enumerate(drafts, 1):
            counter[day.year] += 1
            reference = f"A-{day.year}-{counter[day.year]:03d}"
            self._action(action_id, reference, day, meeting_id or None, item, owner, in_series)
        self.action_counters = counter

    def _owner(self, members: list[int]) -> int | None:
        roll = self.rng.random()
        if roll < 0.02:
            return None
        if roll < 0.12:  # the business unit carries a large share
            return self.people.ids[self.rng.choice(("bm", "qa-officer"))]
        return self.rng.choice(members)

    def _action(
        self,
        action_id: int,
        reference: str,
        raised: dt.date,
        meeting_id: int | None,
        item: int | None,
        owner: int | None,
        series: str | None,
    ) -> None:
        rng, p = self.rng, self.people
        due: dt.date | None = raised + dt.timedelta(days=rng.choice((14, 28, 42, 56, 90, 120, 180)))
        if rng.random() < 0.05:
            due = None
        age = (TODAY - raised).days
        roll = rng.random()
        if age > 540:  # a few old ones were never closed: long overdue
            status = "done" if roll < 0.87 else "dropped" if roll < 0.995 else "open"
        elif age > 180:
            status = (
                "done"
                if roll < 0.8
                else "dropped"
                if roll < 0.92
                else "open"
                if roll < 0.96
                else "in_progress"
            )
        else:
            status = (
                "done"
                if roll < 0.3
                else "dropped"
                if roll < 0.33
                else "open"
                if roll < 0.7
                else "in_progress"
            )
        is_open = status in ("open", "in_progress")
        closed_on = None
        if not is_open:
            latest = min(TODAY - dt.timedelta(days=1), (due or raised) + dt.timedelta(days=60))
            closed_on = raised + dt.timedelta(days=rng.randint(3, max(3, (latest - raised).days)))
            closed_on = min(closed_on, TODAY - dt.timedelta(days=1))
        end = closed_on or TODAY - dt.timedelta(days=1)
        # Progress is reported at later meetings of the same series (its matters arising).
        n = rng.choices((0, 1, 2, 3, 4, 5, 6), (22, 24, 20, 14, 9, 6, 5))[0]
        stops = self._later_meetings(series, raised, end, n)
        updates: list[tuple[str, dt.date, int | None, str, str]] = [
            (
                _at(raised, dt.time(11, 0), rng.randint(0, 90)),
                raised,
                meeting_id,
                "created",
                "Raised",
            )
        ]
        latest_text, latest_on = None, None
        agency = p.agency_names.get(p.agency_of.get(owner or 0, 0), "the ICB")
        for day, at_meeting in stops:
            text = rng.choice(UPDATES).format(
                agency=agency, area=rng.choice(AREAS), n=rng.randint(12, 400)
            )
            updates.append(
                (_at(day, dt.time(10, 20), rng.randint(0, 200)), day, at_meeting, "update", text)
            )
            latest_text, latest_on = text, day
        if due is not None and rng.random() < 0.12 and stops:
            day, at_meeting = stops[-1]
            due = max(due, day) + dt.timedelta(days=rng.choice((28, 56, 91)))
            updates.append(
                (_at(day, dt.time(10, 40)), day, at_meeting, "due", f"Due date: {due:%d %b %Y}")
            )
        if owner is not None and rng.random() < 0.03 and stops:
            day, at_meeting = stops[0]
            owner = rng.choice(p.extras)
            updates.append(
                (_at(day, dt.time(10, 45)), day, at_meeting, "owner", f"Owner: {p.names[owner]}")
            )
        if status == "in_progress":
            day, at_meeting = stops[0] if stops else (min(raised + dt.timedelta(days=7), end), None)
            updates.append(
                (_at(day, dt.time(10, 50)), day, at_meeting, "status", "Status: In progress")
            )
        if status == "done" and self.rng.random() < 0.6:
            updates.append((_at(end, dt.time(14, 55)), end, None, "update", DONE_NOTE))
            latest_text, latest_on = DONE_NOTE, end
        if closed_on is not None:
            updates.append(
                (
                    _at(closed_on, dt.time(15, 0)),
                    closed_on,
                    None,
                    "status",
                    f"Status: {status.capitalize()}",
                )
            )
        updates.sort(key=lambda u: u[0])
        next_id = len(self.updates) + 1
        for offset, (at, day, at_meeting, kind, text) in enumerate(updates):
            self.updates.append(
                (next_id + offset, action_id, at, day.isoformat(), at_meeting, kind, text)
            )
        child = _child(rng.randrange(1, 400))
        description = " ".join(
            w
            for w in (
                rng.choice(VERBS),
                rng.choice(OBJECTS).format(child=child),
                rng.choice(QUALIFIERS),
            )
            if w
        )
        self.actions.append(
            (
                action_id,
                reference,
                description,
                owner,
                p.agency_of.get(owner) if owner else None,
                meeting_id,
                item,
                raised.isoformat(),
                due.isoformat() if due else None,
                status,
                int(is_open and rng.random() < 0.06),
                closed_on.isoformat() if closed_on else None,
                latest_text,
                latest_on.isoformat() if latest_on else None,
            )
        )

    def _later_meetings(
        self, series: str | None, after: dt.date, until: dt.date, n: int
    ) -> list[tuple[dt.date, int | None]]:
        """Up to ``n`` dates after ``after`` up to ``until``: the series' meetings if it has them."""
        if n == 0 or until <= after:
            return []
        dates, ids = self.series_meetings.get(series or "", ([], []))
        lo, hi = bisect.bisect_right(dates, after), bisect.bisect_right(dates, until)
        if hi > lo:
            picks = sorted(self.rng.sample(range(lo, hi), min(n, hi - lo)))
            return [(dates[i], ids[i]) for i in picks]
        days = sorted(self.rng.randint(1, (until - after).days) for _ in range(n))
        return [(after + dt.timedelta(days=d), None) for d in days]

    # -- writing --------------------------------------------------------------------

    def insert(self, store: Store) -> None:
        # sqlite-utils 4's Database has no executemany; its connection does, and
        # the caller's store.unit.write() holds the transaction on that same connection.
        db = store.unit.db.conn
        db.executemany(
            "INSERT INTO meetings (id, title, kind, series, date, start_time, location, chair_id, "
            "status, quorum_members, started_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            self.meetings,
        )
        db.executemany(
            "INSERT INTO agenda_items (id, meeting_id, position, title, purpose, presenter_id, "
            "planned_minutes, minutes, started_at, ended_at, standing, elapsed_seconds) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            self.items,
        )
        db.executemany(
            "INSERT INTO attendance (id, meeting_id, person_id, status, deputy_id, note) "
            "VALUES (?,?,?,?,?,?)",
            self.attendance,
        )
        db.executemany(
            "INSERT INTO decisions (id, meeting_id, item_id, text, made_at, reference) "
            "VALUES (?,?,?,?,?,?)",
            self.decisions,
        )
        db.executemany(
            "INSERT INTO actions (id, reference, description, owner_id, agency_id, meeting_id, "
            "item_id, raised_on, due, status, blocked, closed_on, latest_update, "
            "latest_update_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            self.actions,
        )
        db.executemany(
            "INSERT INTO action_updates (id, action_id, at, on_date, meeting_id, kind, text) "
            "VALUES (?,?,?,?,?,?,?)",
            self.updates,
        )
        counters = [("A", y, n) for y, n in sorted(self.action_counters.items())]
        counters += [("D", y, n) for y, n in sorted(self.decision_counters.items())]
        db.executemany(
            "INSERT INTO reference_counters (prefix, year, last) VALUES (?, ?, ?) "
            "ON CONFLICT (prefix, year) DO UPDATE SET last = excluded.last",
            counters,
        )


# -- rapid reviews and escalations ------------------------------------------------------

TARGET_REVIEWS = 400  # about 40 a year
TARGET_ESCALATIONS = 1_400  # about 140 a year
OPEN_REVIEWS = 4  # notified in the last three weeks, not yet sent to the Panel
# fmt: off
CHILD_FIRST = (
    "Alfie", "Bella", "Caleb", "Daisy", "Elijah", "Freya", "George", "Harper", "Isaac", "Jasmine",
    "Kai", "Lily", "Mason", "Nova", "Oscar", "Poppy", "Reggie", "Sienna", "Theo", "Willow",
    "Archie", "Evie", "Finley", "Ivy", "Leo", "Maisie", "Noah", "Ruby", "Teddy", "Zara",
)
CHILD_SURNAMES = (
    "Ashdown", "Birchall", "Cottam", "Drinkwater", "Eccleston", "Fairclough", "Greenhalgh",
    "Hindle", "Ingham", "Jolley", "Kershaw", "Lomax", "Marsden", "Nuttall", "Ormerod", "Pilling",
    "Quinlan", "Rigby", "Sowerby", "Tattersall", "Unsworth", "Wolstenholme", "Yarwood",
    "Aspinall", "Bleasdale", "Catterall", "Duckworth", "Entwistle", "Fishwick", "Gregson",
)
FINDINGS = (
    "Agencies shared information promptly once the referral was made.",
    "The health visitor's concerns were not passed to children's social care.",
    "Strategy discussions did not include health or education.",
    "The impact of parental mental health was not explored.",
    "Professional curiosity about the adults in the household was limited.",
)
POSITIONS = (
    "The referral meets the threshold for a child protection enquiry.",
    "The assessment did not take account of the school's concerns.",
    "Information was not shared before the strategy discussion.",
    "The case was closed without a step-down to early help.",
    "The agency responsible for the next step has not been agreed.",
)
OUTCOMES = (
    "Agreed: a strategy discussion to be convened.", "Agreed: the assessment to be reopened.",
    "Agreed: a step-down to early help with a named lead.",
    "Agreed: information shared and the plan updated.",
)
# fmt: on


class _Cases:
    """Rapid reviews (with their children on the register as "Child A", ...) and
    escalations, through the store's public methods as store/sample/builder.py
    makes the sample's: the clock, the deadlines, the stages and the figures'
    columns are the store's own."""

    def __init__(
        self,
        rng: random.Random,
        store: Store,
        people: People,
        meetings: list[tuple[Any, ...]],
        scale: float,
    ):
        self.rng, self.store, self.people, self.scale = rng, store, people, scale
        self.closures = store.settings.closures()
        # The rapid review meetings held, each for the child in its title.
        self.review_meetings = [
            (int(m[0]), dt.date.fromisoformat(m[4]), str(m[1]).rpartition(": ")[2])
            for m in meetings
            if m[2] == "rapid_review" and m[8] == "closed"
        ]
        self.children: dict[str, int] = {}  # pseudonym -> register id

    def make(self) -> None:
        self._reviews()
        self._escalations()

    def add_days(self, day: dt.date, n: int) -> dt.date:
        from store.domain.workdays import add_working_days

        return add_working_days(day, n, self.closures)

    def between(self, a: dt.date, b: dt.date) -> int:
        from store.domain.workdays import working_days_between

        return working_days_between(a, b, self.closures)

    def working(self, day: dt.date) -> bool:
        from store.domain.workdays import is_working_day

        return is_working_day(day, self.closures)

    def _register(self, pseudonyms: list[str]) -> None:
        """The children on the register, as plain rows checked once: the store's
        ``register.add`` builds a redactor over the whole register on every add
        (about 50 s of the build at 400 names), which is right for a chair's one name
        and quadratic for a build."""
        from store.domain.models import ProtectedPerson
        from store.domain.redact import Protected, Redactor

        records = []
        for n, pseudonym in enumerate(pseudonyms):
            first = CHILD_FIRST[n % len(CHILD_FIRST)]
            last = CHILD_SURNAMES[(n // len(CHILD_FIRST)) % len(CHILD_SURNAMES)]
            records.append(ProtectedPerson(pseudonym=pseudonym, real_name=f"{first} {last}"))
        Redactor([Protected(r.pseudonym, r.redacted_forms) for r in records])  # raises if not
        conn = self.store.unit.db.conn
        for record in records:
            cursor = conn.execute(
                "INSERT INTO protected_people (pseudonym, real_name, other_names, relation) "
                "VALUES (?, ?, ?, ?)",
                [record.pseudonym, record.real_name, record.other_names, record.relation.value],
            )
            self.children[record.pseudonym] = int(cursor.lastrowid or 0)

    def _working_day_before(self, day: dt.date) -> dt.date:
        while not self.working(day):
            day -= dt.timedelta(days=1)
        return day

    def _reviews(self) -> None:
        rng = self.rng
        total = max(1, round(TARGET_REVIEWS * self.scale))
        recent = max(1, round(OPEN_REVIEWS * self.scale))
        # (notified, meeting id, child): first the reviews held at a meeting, the
        # child as in the meeting's title; then the rest, children numbered on.
        plans: list[tuple[dt.date, int | None, str]] = []
        for held, day, child in self.review_meetings[: total - recent]:
            plans.append((self._working_day_before(day - dt.timedelta(days=rng.randint(7, 12))),
                          held, child))  # fmt: skip
        number = len(self.review_meetings) + 1
        span = (TODAY - FIRST_DAY).days - 40
        for k in range(total - len(plans)):
            if k < recent:
                day = TODAY - dt.timedelta(days=rng.randint(2, 20))
            else:
                day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
            plans.append((self._working_day_before(day), None, _child(number)))
            number += 1
        plans.sort(key=lambda p: (p[0], p[2]))
        self._register(sorted({p[2] for p in plans}, key=lambda c: (len(c), c)))
        for n, (notified, meeting_id, child) in enumerate(plans):
            self._review(n, notified, meeting_id, self.children[child])

    def _review(self, n: int, notified: dt.date, meeting_id: int | None, child_id: int) -> None:
        rng, reviews = self.rng, self.store.reviews
        yesterday = TODAY - dt.timedelta(days=1)
        aware = notified - dt.timedelta(days=rng.randint(0, 2))
        review = reviews.create(
            notified_on=notified,
            child_id=child_id,
            harm=rng.choice(("serious_harm", "serious_harm", "death")),
            age=f"{rng.randint(0, 17)} years",
            sex=rng.choice(("female", "male")),
            legal_status=rng.choice(
                ("none", "child_in_need", "child_protection_plan", "looked_after")
            ),
            incident_on=aware - dt.timedelta(days=rng.randint(0, 3)),
            la_aware_on=aware,
            notification_ref=f"SIN-{notified.year}-{n + 1:04d}",
            background="Known to children's social care; the family moved into the area.",
        )
        rid = review.id or 0
        if meeting_id is not None:
            reviews.update(rid, meeting_id=meeting_id)
        template = self.add_days(notified, 1)
        if template > yesterday:
            return
        reviews.update(rid, template_sent_on=template)
        for agency in reviews.agencies(rid):
            returned = self.add_days(notified, rng.randint(4, 9))
            if returned <= yesterday:
                reviews.set_agency(rid, agency.agency_id, return_in=returned,
                                   summary=rng.choice(FINDINGS))  # fmt: skip
        for kind in rng.sample(("police_investigation", "coroner", "lado"), rng.randint(0, 2)):
            reviews.set_process(rid, kind, "Under way")
        meeting_day = next((d for m, d, _c in self.review_meetings if m == meeting_id), None)
        decided = meeting_day or self.add_days(notified, rng.randint(8, 12))
        sent = self.add_days(decided, rng.randint(1, 6))
        if sent > yesterday or reviews.outstanding(rid):
            return  # still open: the returns or the decision are to come
        lcspr = rng.random() < 0.25
        reviews.update(
            rid,
            lcspr=lcspr,
            criteria=rng.choice(("a", "a,c", "b,d")) if lcspr else "",
            rationale="The criteria are met: learning for the whole partnership."
            if lcspr
            else "The learning can be shared through a practice brief.",
            learning_local=rng.choice(FINDINGS),
        )
        for partner in reviews.partners():
            reviews.sign_off(rid, partner.id or 0, None, min(sent, self.add_days(decided, 1)))
        if self.between(notified, sent) > 15:
            reviews.update(rid, late_reason="Agency returns came in late.")
        reviews.send_to_panel(rid, sent)
        answered = sent + dt.timedelta(days=rng.randint(10, 45))
        if answered <= yesterday:
            reviews.record_panel_response(
                rid, rng.choices(("agrees", "disagrees", "more_information"), (8, 1, 1))[0],
                answered,
            )  # fmt: skip
            started = answered + dt.timedelta(days=rng.randint(7, 30))
            if lcspr and started <= yesterday:
                reviews.update(rid, lcspr_started_on=started,
                               lcspr_reviewer="Independent reviewer")  # fmt: skip

    def _escalations(self) -> None:
        rng, p = self.rng, self.people
        escalations = self.store.escalations
        last = escalations.policy().last
        total = round(TARGET_ESCALATIONS * self.scale)
        span = (TODAY - FIRST_DAY).days
        days = sorted(
            self._working_day_before(FIRST_DAY + dt.timedelta(days=rng.randrange(2, span)))
            for _ in range(total)
        )
        agencies = sorted(set(p.agency_of.values()))
        by_agency: dict[int, list[int]] = {}
        for person, agency in p.agency_of.items():
            by_agency.setdefault(agency, []).append(person)
        children = list(self.children.values())
        categories = ("thresholds", "assessment_outcome", "roles", "services",
                      "information_sharing", "other")  # fmt: skip
        for raised in days:
            raiser, other = rng.sample(agencies, 2)
            escalation = escalations.add(
                raised_on=raised,
                raised_by_agency_id=raiser,
                raised_with_agency_id=other,
                category=rng.choice(categories),
                urgent=rng.random() < 0.04,
                child_id=rng.choice(children) if children and rng.random() < 0.6 else None,
                raised_by_id=rng.choice(by_agency[raiser]),
                decision_disputed="The outcome of the referral.",
                raiser_position=rng.choice(POSITIONS),
                other_position="The threshold was applied as the guidance says.",
            )
            eid = escalation.id or 0
            entered = raised
            while True:
                due = escalation.stage_due or entered
                moved = self.add_days(
                    entered, rng.randint(1, max(1, self.between(entered, due)) + 3)
                )
                if moved >= TODAY:
                    break  # still open
                stage = escalation.stage
                if stage < last and rng.random() > (0.55, 0.6, 0.7, 1.0)[min(stage, 4) - 1]:
                    escalation = escalations.escalate(eid, moved, note="Not agreed at this stage.")
                    entered = moved
                elif stage < last or rng.random() < 0.6:
                    escalations.resolve(eid, moved, rng.choice(OUTCOMES))
                    break
                else:
                    referral = rng.choice(("executive", "executive", "scrutineer"))
                    escalations.close_unresolved(eid, moved, referral, "Not agreed.")
                    break


def _share(total: int, weights: list[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainders), summing exactly."""
    if not weights:
        return []
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    out = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (out[i] - exact[i], i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def _child(n: int) -> str:
    """Children appear only by pseudonym: Child A ... Child Z, then Child AA ..."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Child {letters}"


if __name__ == "__main__":
    raise SystemExit(main())
