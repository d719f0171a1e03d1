"""What the minutes, the action log and the decisions log share: ``Builder``, which
runs every field and every piece of typed text through redaction and then escaping.

Redaction is the default: ``Builder.f`` and ``Builder.m`` replace each registered
name by its pseudonym before escaping. The documents (``minutes``, ``action_log``,
``decisions_log``) only build text: the one way a document reaches a file or a screen
is ``store.exports.writer``, which runs the final checks. The same database gives
byte-identical output: nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from store.domain import markdown as md
from store.domain.redact import Protected, Redactor

if TYPE_CHECKING:
    from store import Store
    from store.domain.models import Agency, Person
    from store.domain.models.record import MeetingFacts

UNREDACTED_BANNER = (
    "**UNREDACTED COPY: it names children. Not for circulation; keep it with the record.**"
)


class Builder:
    """Builds one document: ``f`` and ``m`` run user text through redaction, then escaping."""

    def __init__(self, store: Store, *, redact: bool = True, facts: MeetingFacts | None = None):
        """``facts``: what was true at a meeting (its people and agencies as they
        were, the marking then); anyone not in them is taken as they are now."""
        self.store = store
        self.redact = redact
        self.redactor = Redactor(
            Protected(p.pseudonym, p.redacted_forms) for p in store.register.all()
        )
        self.settings = store.settings.get()
        self.classification = facts.classification if facts else self.settings.classification
        self.people: dict[int | None, Person] = {p.id: p for p in store.directory.people()}
        self.agencies: dict[int | None, Agency] = {a.id: a for a in store.directory.agencies()}
        if facts is not None:
            self.people.update(dict(facts.people.items()))
            self.agencies.update(dict(facts.agencies.items()))

    def redacted(self, text: str | None) -> str:
        """``text`` with every registered name replaced (unless this is an unredacted copy)."""
        if not text:
            return ""
        return self.redactor.redact(text) if self.redact else text

    def f(self, text: str | None) -> str:
        """A field: redacted, then every piece of Markdown syntax escaped."""
        return md.field(self.redacted(text))

    def m(self, text: str) -> str:
        """Typed minutes: redacted, simple Markdown kept."""
        return md.minutes(self.redacted(text))

    def person(self, person_id: int | None, *, initials: bool = False) -> str:
        """A person's name from the directory, as a field ("" for nobody)."""
        person = self.people.get(person_id)
        if person is None:
            return ""
        text = f"{person.name} ({person.initials})" if initials else person.name
        return self.f(text)

    def agency(self, person: Person | None) -> Agency | None:
        """The agency ``person`` belongs to, if any."""
        return self.agencies.get(person.agency_id) if person else None

    def wrap(self, body: list[str]) -> str:
        """The finished document: ``body`` between the classification marks."""
        mark = f"**{self.f(self.classification)}**"
        parts = [mark]
        if not self.redact:
            parts.append(UNREDACTED_BANNER)
        parts.extend(body)
        parts.append(mark)
        # The checks are the writer's (store/exports/writer.py), on the finished text.
        return "\n\n".join(p.strip("\n") for p in parts if p.strip()) + "\n"


def long_date(day: dt.date) -> str:
    """ "Thursday 19 November 2026": our own order, whatever the locale's."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def day(value: dt.date) -> str:
    """ "4 December 2026": how every other date in a document is written."""
    return f"{value.day} {value:%B %Y}"
