"""Postcodes, National Insurance numbers and street addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator

# ---- postcodes, National Insurance numbers, street addresses ----------------------------------
# These read the text in capitals (``_Text.upper``); the case as typed is checked after.

# From the inward code (a digit and two letters, rarer than a capital) back to the outward one.
_INWARD = re.compile(r"[0-9][ABD-HJLNP-UW-Z]{2}(?![^\W_])(?![\-/][^\W_])")
_OUTWARD = re.compile(
    r"(?<![^\W_])(?<![^\W_][\-/])"
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]|GIR)[ ]?\Z"
)


def _postcodes(s: str, upper: str) -> Iterator[tuple[int, int]]:
    for inward in _INWARD.finditer(upper):
        at = inward.start()
        outward = _OUTWARD.search(upper, max(0, at - 5), at)
        if outward is None or (outward[0].startswith("GIR") and inward[0] != "0AA"):
            continue
        value = s[outward.start() : inward.end()]
        if value.isupper() or (value.islower() and " " in value):
            yield outward.start(), inward.end()


# From the six digits back to the two letters.
_NI_DIGITS = re.compile(r"[0-9](?<=[A-Z ][0-9])[0-9][ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[A-D](?![^\W_])")
_NI_PREFIX = re.compile(
    r"(?<![^\W_])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z](?<!BG|GB|KN|NK|NT|TN|ZZ)[ ]?\Z"
)


def _insurance_numbers(s: str) -> Iterator[tuple[int, int]]:
    for digits in _NI_DIGITS.finditer(s):
        at = digits.start()
        prefix = _NI_PREFIX.search(s, max(0, at - 3), at)
        if prefix is not None:
            yield prefix.start(), digits.end()


_SUFFIXES = (
    "Street St Road Rd Lane Ln Avenue Ave Close Drive Dr Way Crescent Cres Court Ct Place Pl Grove "
    "Gardens Gdns Terrace Tce Walk Mews Row Square Sq Hill View Park Parade Rise Croft Chase Wharf"
).split()
_CALENDAR = (
    "Jan January Feb February Mar March Apr April May Jun June Jul July Aug August Sep Sept "
    "September Oct October Nov November Dec December Mon Monday Tue Tues Tuesday Wed Wednesday "
    "Thu Thur Thurs Thursday Fri Friday Sat Saturday Sun Sunday"
).split()
_COURTS = frozenset(
    "family crown county high magistrates magistrates' youth coroner's coroners coroners' "
    "supreme appeal".split()
)


# A number, a space and a capital: where an address may start (or a flat number, before one).
_ADDRESS_START = re.compile(
    r"[0-9](?<![^\W_].)(?<![\-/.,:£$#].)[0-9]{0,3}[A-Za-z]?(?:-[0-9]{1,3}[A-Za-z]?)?,?[ ](?=[A-Z])"
    rf"(?!(?:{'|'.join(_CALENDAR)}|{'|'.join(_CALENDAR).upper()})(?![^\W_]))"
)
_FLAT_WORDS = r"(?:Flat|FLAT|Apartment|APARTMENT|Apt\.?|APT\.?|Unit|UNIT)"
_FLAT_BEFORE = re.compile(rf"(?<![^\W_]){_FLAT_WORDS}[ ](?:[0-9]{{1,4}}[A-Za-z]?,?[ ])?\Z")
_FLAT_WINDOW = 20
# A number after one of these words counts something else: "Year 6 Moorside Park" is a class.
_COUNTED = re.compile(
    r"(?<![^\W_])(?:year|key stage|stage|level|section|item|priority|phase|tier|room|chapter|part"
    r"|appendix|annex|page|paragraph|para|step|table|figure|slide|option|recommendation|action"
    r"|objective|outcome|standard|theme|question|version|week|day|month|wave|round|cohort|group)"
    r"s?[ ]\Z"
)
_COUNTED_WINDOW = 16


def _address_pattern(word: str, the: str, suffixes: list[str], calendar: list[str]) -> str:
    number = r"[1-9][0-9]{0,2}[A-Za-z]?(?:-[1-9][0-9]{0,2}[A-Za-z]?)?[ ]"
    flat = rf"{_FLAT_WORDS}[ ][0-9]{{1,4}}[A-Za-z]?,?[ ]"
    not_first = rf"(?!(?:{the}|{'|'.join(calendar)})(?![^\W_]))"
    suffix = rf"(?:{'|'.join(suffixes)})(?![^\W_])"
    name = (
        rf"(?:{the}[ ](?:{word}[ ]){{0,2}}{suffix}(?![ ][A-Z][a-z])"
        rf"|{not_first}(?:{word}[ ]){{1,3}}{suffix})"
    )
    return rf"(?:{flat}(?:{number})?|{number}){name}"


_WORD = r"(?:St\.|[A-Z][a-z]+(?:'[a-z]+)?(?:-[A-Z]?[a-z]+)*)"
_WORD_CAPS = r"(?:ST\.|[A-Z]{2,}(?:'[A-Z]+)?(?:-[A-Z]+)*)"
_ADDRESS = re.compile(_address_pattern(_WORD, "The", _SUFFIXES, _CALENDAR))
_ADDRESS_CAPS = re.compile(
    _address_pattern(
        _WORD_CAPS, "THE", [x.upper() for x in _SUFFIXES], [x.upper() for x in _CALENDAR]
    )
)


def _addresses(s: str, lower: str) -> Iterator[tuple[int, int]]:
    end = 0
    for start in _ADDRESS_START.finditer(s):
        at = start.start()
        if at < end:
            continue
        if _COUNTED.search(lower, max(0, at - _COUNTED_WINDOW), at):
            continue
        flat = _FLAT_BEFORE.search(s, max(0, at - _FLAT_WINDOW), at)
        at = flat.start() if flat else at
        match = _ADDRESS.match(s, at) or _ADDRESS_CAPS.match(s, at)
        if match is None:
            continue
        words = match[0].split()
        if words[-1].lower() in ("court", "ct") and words[-2].lower() in _COURTS:
            continue
        end = match.end()
        yield match.span()
