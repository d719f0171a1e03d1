"""Putting it together: every identifier a reader of the text would see."""

from __future__ import annotations

from collections.abc import Iterable

from store.domain.identifiers.dates import _dates_of_birth
from store.domain.identifiers.numbers import _ALLOWED, _emails, _numbers, _phone_keys
from store.domain.identifiers.places import _addresses, _insurance_numbers, _postcodes
from store.domain.identifiers.text import (
    KIND_ADDRESS,
    KIND_DOB,
    KIND_EMAIL,
    KIND_NI,
    KIND_POSTCODE,
    Finding,
    _Text,
)

# ---- putting it together --------------------------------------------------------------------


def find_identifiers(
    text: str, *, allowed_emails: Iterable[str] = (), allowed_phones: Iterable[str] = ()
) -> list[Finding]:
    """Every personal identifier other than a name in ``text``: dates of birth, postcodes, street
    addresses, NHS, phone and National Insurance numbers, email addresses (see the module's
    docstring for the rules). Sorted by ``start``, never overlapping; offsets index ``text``.

    ``allowed_emails`` and ``allowed_phones`` are the professionals' own contact details: an
    email address equal to one ignoring case, or a phone number with the same digits, is not a
    finding."""
    folded = _Text(text)
    s = folded.s
    emails = {_Text(e).s.strip().casefold() for e in allowed_emails}
    phones: set[str] = set()
    for phone in allowed_phones:
        phones |= _phone_keys(phone)

    # In order of precedence: where two overlap, the earlier kind keeps the span.
    candidates: list[tuple[str, int, int]] = []
    for a, b in _emails(s):
        candidates.append((_ALLOWED if s[a:b].casefold() in emails else KIND_EMAIL, a, b))
    candidates += ((KIND_DOB, a, b) for a, b in _dates_of_birth(folded.lower))
    candidates += _numbers(s, phones)
    candidates += ((KIND_NI, a, b) for a, b in _insurance_numbers(s))
    candidates += ((KIND_POSTCODE, a, b) for a, b in _postcodes(s, folded.upper))
    candidates += ((KIND_ADDRESS, a, b) for a, b in _addresses(s, folded.lower))

    taken = bytearray(len(s))
    kept: list[tuple[int, int, str]] = []
    for kind, start, end in candidates:
        if 1 not in taken[start:end]:
            taken[start:end] = b"\x01" * (end - start)
            kept.append((start, end, kind))
    kept.sort()
    return [
        Finding(kind, *folded.original(start, end)) for start, end, kind in kept if kind != _ALLOWED
    ]
