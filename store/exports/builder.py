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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.domain import markdown as md
from store.domain.redact import Protected, redactor_for

if TYPE_CHECKING:
    from store import Store
    from store.domain.models import Agency, Person
    from store.domain.models.record import MeetingFacts

UNREDACTED_BANNER = (
    "**UNREDACTED COPY: it names children. Not for circulation; keep it with the record.**"
)


# How many fields ``Builder.f`` remembers (about 2 MB of text at most).
FIELD_MEMO = 8192


@dataclass(frozen=True)
class Rows:
    """Rows of a table, streamed: ``text`` is whole lines (each ending in a line
    break) that continue the table whose header and delimiter lines are ``head``.
    The writer checks them as that table would be read (store/exports/writer.py)."""

    head: str
    text: str


# A streamed document: its text in order, as pieces of text and ``Rows``.
Chunk = str | Rows


class Builder:
    """Builds one document: ``f`` and ``m`` run user text through redaction, then escaping."""

    def __init__(self, store: Store, *, redact: bool = True, facts: MeetingFacts | None = None):
        """``facts``: what was true at a meeting (its people and agencies as they
        were, the marking then); anyone not in them is taken as they are now."""
        self.store = store
        self.redact = redact
        self.redactor = redactor_for(
            Protected(p.pseudonym, p.redacted_forms) for p in store.register.all()
        )
        self.settings = store.settings.get()
        self.classification = facts.classification if facts else self.settings.classification
        self._fields: dict[str, str] = {}
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
        """A field: redacted, then every piece of Markdown syntax escaped.

        Both steps are pure functions of the text (and the register, fixed for the
        document), so a value seen before is looked up: a log's owners, agencies,
        dates, statuses and stock updates repeat on thousands of rows."""
        if not text:
            return ""
        done = self._fields.get(text)
        if done is None:
            if len(self._fields) >= FIELD_MEMO:
                self._fields.clear()  # bounded, whatever the number of rows
            done = self._fields[text] = md.field(self.redacted(text))
        return done

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

    def table_chunks(
        self,
        heading: list[str],
        headers: list[str],
        pages: Iterable[list[list[str]]],
        empty: str,
    ) -> Iterator[Chunk]:
        """A document of ``heading`` then one table, streamed: the same text as
        ``wrap(heading + [md.table(headers, rows) if rows else empty])`` for all
        the rows of ``pages`` (cells escaped), one page held at a time."""
        mark = f"**{self.f(self.classification)}**"
        parts = [mark]
        if not self.redact:
            parts.append(UNREDACTED_BANNER)
        parts.extend(heading)
        top = "\n\n".join(p.strip("\n") for p in parts if p.strip()) + "\n\n"
        head = md.table(headers, [])
        started = False
        for rows in pages:
            if not rows:
                continue
            if not started:
                yield top + head + "\n"
                started = True
            yield Rows(head, md.table(headers, rows).split("\n", 2)[2] + "\n")
        if not started:
            yield top + empty.strip("\n") + "\n\n" + mark + "\n"
        else:
            yield "\n" + mark + "\n"

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
