"""The escalation policy: the stages a professional disagreement between agencies
moves through, who holds each one and its time limit, and the urgent route.

Pure functions, like ``store.domain.review_clock``: no database, no clock. The
default is domain.md's: four stages of 5, 5, 5 and 14 working days, and an
urgent route (a child at significant risk) on which every stage has 24 hours,
counted in calendar hours, not working days.

Choices, so that the screens, the figures and the tests agree:

- **A stage's due date** is ``add_working_days(entered, limit)``: the limit-th
  working day after the day the stage was entered, that day not counted (as the
  rapid review's clock counts from day 0). A stage entered on a Saturday is due
  as if entered on the Friday before.
- **An urgent stage** is due ``urgent_hours`` after the moment it was entered,
  whatever the day; its due date is that moment's date.
- **Overdue** means still at the stage after its due date (a working-day stage)
  or after its due moment (an urgent one).
- **Kept with the record:** an escalation stores the policy it started under
  (``policy_json``), so a partnership that renames its stages or changes a limit
  does not move the deadlines of escalations already open.
- The setting as a chair types it, one stage per part:
  ``Practitioners (practitioner to practitioner) 5; Line managers (line managers
  and designated safeguarding leads) 5; …; urgent 24 hours`` (see
  ``read_policy``): a name, who holds it in brackets, the working days.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from store.domain.workdays import add_working_days

__all__ = [
    "DEFAULT_POLICY",
    "MAX_STAGES",
    "Policy",
    "Stage",
    "policy_from_json",
    "policy_text",
    "read_policy",
]

MAX_STAGES = 6
MAX_DAYS = 60
MAX_HOURS = 168


@dataclass(frozen=True)
class Stage:
    """One stage: its name, who holds it (a role), its limit in working days."""

    name: str
    holder: str
    days: int


@dataclass(frozen=True)
class Policy:
    stages: tuple[Stage, ...]
    urgent_hours: int = 24

    def stage(self, number: int) -> Stage:
        """Stage ``number`` (1 is the first); ``ValueError`` past the last."""
        if not 1 <= number <= len(self.stages):
            raise ValueError(f"the policy has {len(self.stages)} stages, not {number}")
        return self.stages[number - 1]

    @property
    def last(self) -> int:
        return len(self.stages)

    def label(self, number: int) -> str:
        """ "Stage 2 (Line managers)", or "Stage 7" past the policy's stages."""
        if 1 <= number <= len(self.stages):
            return f"Stage {number} ({self.stages[number - 1].name})"
        return f"Stage {number}"

    def due(
        self,
        number: int,
        entered: dt.datetime,
        *,
        urgent: bool,
        closures: frozenset[dt.date] = frozenset(),
    ) -> tuple[dt.date, dt.datetime | None]:
        """When stage ``number`` entered at ``entered`` is due: (the date, and
        for the urgent route the moment, ``urgent_hours`` later)."""
        if urgent:
            moment = entered + dt.timedelta(hours=self.urgent_hours)
            return moment.date(), moment
        return add_working_days(entered.date(), self.stage(number).days, closures), None

    def to_json(self) -> str:
        return json.dumps(
            {
                "stages": [
                    {"name": s.name, "holder": s.holder, "days": s.days} for s in self.stages
                ],
                "urgent_hours": self.urgent_hours,
            },
            sort_keys=True,
        )


DEFAULT_POLICY = Policy(
    (
        Stage("Practitioners", "practitioner to practitioner", 5),
        Stage("Line managers", "line managers and designated safeguarding leads", 5),
        Stage("Senior managers", "senior managers and heads of service", 5),
        Stage("Partnership executive", "the partnership executive, with the scrutineer", 14),
    ),
    24,
)


def policy_from_json(text: str | None) -> Policy:
    """The policy an escalation keeps (its ``policy_json``); the default for none
    or for text another tool has spoiled."""
    if not text:
        return DEFAULT_POLICY
    try:
        data = json.loads(text)
        stages = tuple(
            Stage(str(s["name"]), str(s["holder"]), int(s["days"])) for s in data["stages"]
        )
        hours = int(data.get("urgent_hours", 24))
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError):
        return DEFAULT_POLICY
    # Only what ``read_policy`` could have read: anything else (no stages, a
    # limit of 0 or less) would give due dates that make no sense.
    if (
        not 2 <= len(stages) <= MAX_STAGES
        or not all(1 <= s.days <= MAX_DAYS for s in stages)
        or not 1 <= hours <= MAX_HOURS
    ):
        return DEFAULT_POLICY
    return Policy(stages, hours)


def policy_text(policy: Policy) -> str:
    """The setting as the form shows it and ``read_policy`` reads it back."""
    parts = [f"{s.name} ({s.holder}) {s.days}" for s in policy.stages]
    parts.append(f"urgent {policy.urgent_hours} hours")
    return "; ".join(parts)


_EXAMPLE = "write each stage like “Line managers (designated safeguarding leads) 5”"
_STAGE = re.compile(
    r"(?P<name>[^()]+?)\s*\((?P<holder>[^()]*)\)\s*(?P<days>\d+)(?:\s+(?:working\s+)?days?)?"
)
_URGENT = re.compile(r"urgent\s+(?:route\s+)?(?P<hours>\d+)\s*(?:hours?|h)?", re.IGNORECASE)


def read_policy(text: str) -> Policy:
    """Read the setting as a chair types it: stages in order, separated by ";" or
    new lines, each a name, who holds it in brackets and the working days; and
    optionally "urgent 24 hours" (24 if left out). Between 2 and 6 stages, each
    of 1 to 60 working days. Anything else is a ``ValueError`` in words."""
    stages: list[Stage] = []
    hours = DEFAULT_POLICY.urgent_hours
    problems: list[str] = []
    for raw in re.split(r"[;\n]", text):
        part = " ".join(raw.split())
        if not part:
            continue
        urgent = _URGENT.fullmatch(part)
        if urgent is not None:
            hours = int(urgent["hours"])
            if not 1 <= hours <= MAX_HOURS:
                problems.append(f"the urgent route needs 1 to {MAX_HOURS} hours, not {hours}")
            continue
        match = _STAGE.fullmatch(part)
        if match is None:
            problems.append(f"“{part}” cannot be read: {_EXAMPLE}")
            continue
        days = int(match["days"])
        if not 1 <= days <= MAX_DAYS:
            problems.append(f"“{match['name']}” needs 1 to {MAX_DAYS} working days, not {days}")
            continue
        if not match["holder"].strip():
            problems.append(f"“{match['name']}”: say who holds it, in brackets")
            continue
        stages.append(Stage(match["name"].strip(), match["holder"].strip(), days))
    if not problems and not 2 <= len(stages) <= MAX_STAGES:
        problems.append(f"give 2 to {MAX_STAGES} stages ({_EXAMPLE})")
    names = [s.name.lower() for s in stages]
    if len(set(names)) != len(names):
        problems.append("two stages have the same name")
    if problems:
        raise ValueError("; ".join(problems))
    return Policy(tuple(stages), hours)
