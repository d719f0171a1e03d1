"""What the redactor is given and what it reports: protected people, the
error that names pseudonyms only, near misses, hits."""

# The subject here is look-alike characters; the tables have to show them.

from __future__ import annotations

import re
from dataclasses import dataclass

from store.domain.redact.folding import _BEFORE, _DROP_GAPS, _TAIL, MIN_FORM_LENGTH, _skeleton


@dataclass(frozen=True)
class Protected:
    """A person whose name must never be circulated.

    ``pseudonym`` stands in for them ("Child A", "Mother of Child A"); ``names`` is the real name
    first, then every other form it may be typed in ("Ellie-Mae Harrington", "Ellie", "Ellie-Mae",
    "Harrington"). Validation messages name the pseudonym, never the name.
    """

    pseudonym: str
    names: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(self.names))
        if not isinstance(self.pseudonym, str) or not any(c.isalnum() for c in self.pseudonym):
            raise ValueError("a pseudonym needs at least one letter or digit")
        if not self.names:
            raise ValueError(f"{self.pseudonym}: register at least the real name")
        for form in self.names:
            if not isinstance(form, str):
                raise ValueError(f"{self.pseudonym}: each name form must be text")
            if len(_skeleton(form)[0]) < MIN_FORM_LENGTH:
                raise ValueError(
                    f"{self.pseudonym}: a registered name form is shorter than "
                    f"{MIN_FORM_LENGTH} letters, which would match ordinary words"
                )


class RedactionError(Exception):
    """A finished document still holds a registered name; the message gives pseudonyms only."""

    def __init__(self, pseudonyms: tuple[str, ...], lines: tuple[int, ...] = ()) -> None:
        self.pseudonyms = pseudonyms
        self.lines = lines
        children = all(p.casefold().startswith("child ") for p in pseudonyms)
        noun = (
            ("child" if children else "person")
            if len(pseudonyms) == 1
            else ("children" if children else "people")
        )
        where = ""
        if lines:
            where = f" (line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))})"
        super().__init__(
            f"the document still names the {noun} registered as {_and(pseudonyms)}; "
            f"it was not written{where}"
        )


def _and(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class NearMiss:
    """A word one letter from a registered name form ("Kaydn" for "Kayden"): likely the name
    misspelt, left as typed for a person to look at. Offsets are into the document given to
    ``Redactor.near_misses``, ``line`` counts from 1, and only pseudonyms name anyone, so it
    is safe to show or log."""

    start: int
    end: int
    line: int
    pseudonyms: tuple[str, ...]


@dataclass(frozen=True)
class _Hit:
    start: int  # original span
    end: int
    pseudonyms: tuple[str, ...]
    possessive: str | None  # the apostrophe as typed, when the hit took it ("James'")
    isolate: bool = False  # found only in display order: the pseudonym goes in an LRI...PDI


def _compile(branches: dict[str, list[tuple[int, int, str]]]) -> re.Pattern[str] | None:
    """One alternative per first character, longest forms first (pseudonyms first on a tie)."""
    alternatives = [
        re.escape(first) + _BEFORE + "(?:" + "|".join(r for *_, r in sorted(alts)) + ")"
        for first, alts in branches.items()
    ]
    return re.compile("(?:" + "|".join(alternatives) + ")" + _TAIL) if alternatives else None


def _skeleton_of(m: re.Match[str]) -> str:
    matched = m.group().translate(_DROP_GAPS)
    return matched[:-1] if m.group().endswith("'") else matched  # the tail took "s'"
