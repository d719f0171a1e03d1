"""Find personal identifiers other than names in the text a reader of a circulated paper sees.

A circulated paper must never let a child be identified: no name, date of birth or address. Names
are the redactor's job (store/domain/redact.py); this module looks for the rest, so that the exporter can
list each finding (where, and what kind, never the value) and let the chair confirm or edit it
before the file is written. It is a pure function of the text: no database, no terminal.

``find_identifiers(text)`` returns ``Finding(kind, start, end)`` items sorted by ``start`` and never
overlapping; ``start``/``end`` index the string as given. The professionals' own contact details
(``allowed_emails``, ``allowed_phones``, from the directory) are not findings.

Before matching, the text is read in a comparison form that keeps every offset: invisible format
and control characters (zero-width space, soft hyphen, bidi marks, NUL ...) are left out, so
``07700<ZWSP>900123`` and ``name<ZWSP>@example.org`` are still found; each other character is
read as one character: any space (NBSP, thin space, tab) as a space, line separators as a line
break, dashes and minus signs as ``-``, apostrophe look-alikes (U+2019 and kin) as ``'``, decimal
digits of any script (full-width U+FF10 to U+FF19, Arabic-Indic ...) as ``0``-``9``, and
compatibility forms (full-width letters and U+FF20, the full-width ``@``) as their ASCII
character.

Rules by kind
-------------
- **email address**: ``local@domain.tld`` (a dotted domain, a letter-only top-level part of two or
  more letters). Allowed if it equals, ignoring case, one of ``allowed_emails``. An allowed
  address still hides whatever is inside it (a phone-like local part is not reported).
- **date of birth**: a date tied to a cue: ``DOB``, ``D.O.B``, ``date of birth``, ``birth date``,
  ``birthday``, ``born``, or ``b.`` (only after a word or an opening bracket on the same line, as
  in ``Child A (b. 3/1/2016)``, so that a lettered list ``b. 12 December`` is not one). Between the
  cue and the date only punctuation (``: | - ( , * _``), spaces, line breaks and the words on, in,
  is, was, of, as may stand (``born on``, ``DOB | 03/01/2016``, ``date of birth is``); a cue after
  the date also counts (``3 January 2016 (DOB)``), as does a date in a pipe-table column headed by
  a cue. More dates may follow one cue, joined by ``,`` ``;`` ``&`` ``and``. Date spellings: ISO
  ``2016-01-03``; numeric day, month, year with ``/ . -`` (two- or four-digit year, either order of
  day and month); ``[weekday] 3[rd] [of] Jan[uary][,] 2016`` (or ``'16``); ``January 3, 2016``;
  **month and year** (``born in March 2015``, ``DOB 03/2015``), because with an age and a pseudonym
  that is nearly the whole date and the cue makes a false alarm rare; **day and month**
  (``born on 3 March``), because the age gives the year. A year alone (``born in 2015``) is *not*
  a finding: an age says as much, and ``born in 2015`` is the kind of thing an annual report says
  of a cohort. The finding covers the date only, not the cue. A date with no cue (a meeting date,
  a due date, ``Thursday 14 January 2027``) is never a finding.
- **NHS number**: ten digits, as one run or grouped 3-3-4 with spaces or hyphens, whose last digit
  is the modulus-11 check digit of the first nine (weights 10 to 2). One that fails the check is
  not an NHS number; it is reported as a phone number if it is shaped like one (a mistyped NHS
  number and a 10-digit ``01`` landline look the same), else not at all. Ten equal digits
  (``0000000000``) pass the check but are placeholders, never issued, and are skipped.
- **phone number**: UK numbers in the usual groupings, separated by a space, hyphen or dot:
  ``07700 900123``, ``07700 900 123``, ``020 7946 0000``, ``0113 496 0000``, ``01632 960000``,
  ``(01632) 960000``, ``0800 123 456``, ``+44 7700 900123``, ``+44 (0)20 7946 0000``, ``0044 ...``;
  after the ``0`` (or ``+44``) the number must have the lengths Ofcom's plan gives (9 or 10 digits
  for 01 and 08, 10 for 02, 03, 05, 07, 09), the first group 3 to 6 digits, no group of one digit,
  at most four groups. Other countries: ``+`` and a country code, 8 to 15 digits. Allowed if its
  digits, or its national number (``+44 7700 900123`` and ``07700 900123`` are the same), equal
  those of one of ``allowed_phones``. A number glued to a letter, a ``£``, ``%``, a reference
  (``A-2026-014``), a time (``10:30``) or a decimal point is not read as a phone, and a date
  written with ``/`` never is. Brackets round a whole number (``(07700 900123)``) are left out
  of the finding. In a run of numbers joined by spaces, the longest number that fits is taken
  from the left (``07700 900123 12 times`` -> ``07700 900123``).
- **National Insurance number**: ``AB 12 34 56 C`` or ``AB123456C``, capitals only, with HMRC's
  letter rules (no D F I Q U V in the prefix, no O second, not BG GB KN NK NT TN ZZ, suffix A-D).
- **postcode**: the six UK shapes (``A9 9AA`` ``A99 9AA`` ``A9A 9AA`` ``AA9 9AA`` ``AA99 9AA``
  ``AA9A 9AA``) and ``GIR 0AA``, with Royal Mail's letter rules (no Q V X first; no I J Z second;
  the inward code never uses C I K M O V), as a whole word. In capitals with or without the space;
  in lower case only with the space (``ab1 2cd``); mixed case is not read as a postcode.
- **street address**: a house number (1-3 digits, an optional letter, or a range ``12-14``),
  optionally after ``Flat/Apartment/Apt/Unit N,``, then one to three capitalised words (or ``The``
  and up to two) and a street suffix: Street St Road Rd Lane Ln Avenue Ave Close Drive Dr Way
  Crescent Cres Court Ct Place Pl Grove Gardens Gdns Terrace Tce Walk Mews Row Square Sq Hill View
  Park Parade Rise Croft Chase Wharf; or ``Flat N, Larch Court`` with no house number. All in
  capitals works too. Not an address: a first word that is a month or weekday (``on 3 June Court
  hearing``), a court (``2 Family Court``, Crown, County, High, Magistrates', Youth, Coroner's),
  ``2 The Way Forward`` (``The`` followed by another capitalised word), a number that counts
  something (after year, key stage, level, section, item, priority, room, table, week ...:
  ``Year 6 Moorside Park``), a number glued to a reference or an amount.

Not detected, on purpose
------------------------
- A street name without a house number (``Larch Close``), a house name, a town, a school: they
  name places many people share, and matching them means a gazetteer and many false alarms.
  The postcode, which is what makes an address identifying, is found on its own.
- A year of birth alone, and ages (``aged 4``); a date whose birth cue is further away than the
  words listed above (``born in Kestrel Vale on 3 May 2016``), which would make every meeting date
  after the word "born" a finding.
- Identifiers spread across separate table cells other than a DOB column, digits spelt as words,
  numbers broken by line breaks, and other documents' numbers (passport, driving licence, Unique
  Pupil Number, hospital or case numbers): those have no shape this module can tell from a
  reference number.
- Office addresses (``Kestrel House, 1 Civic Way``), helplines and professionals' phone numbers
  that are not in the allowed lists are findings all the same: the chair confirms them.
- Email addresses on the partnership's own domains: only the explicit list is allowed for now.

Speed (measured once, not asserted, on a 2-core machine): 170,000 characters of minutes like
sample.db's in about 17 ms, a 494,000-character action log in about 55 ms. The cost is linear
in the text; the worst inputs found (13,000 NHS numbers in a row, 85,000 ``1 1 1 ...``) take
up to about 0.6 s for 170,000 characters. Each scan starts from a literal, a character class or
an ``@``, and no pattern runs over the whole text with IGNORECASE: both cost several times as
much.
"""

from __future__ import annotations

from store.domain.identifiers.finder import find_identifiers
from store.domain.identifiers.text import (
    KIND_ADDRESS,
    KIND_DOB,
    KIND_EMAIL,
    KIND_NHS,
    KIND_NI,
    KIND_PHONE,
    KIND_POSTCODE,
    KINDS,
    Finding,
)

__all__ = [
    "KINDS",
    "KIND_ADDRESS",
    "KIND_DOB",
    "KIND_EMAIL",
    "KIND_NHS",
    "KIND_NI",
    "KIND_PHONE",
    "KIND_POSTCODE",
    "Finding",
    "find_identifiers",
]
