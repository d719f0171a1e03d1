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

import re
import string
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise

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

KIND_DOB = "date of birth"
KIND_POSTCODE = "postcode"
KIND_ADDRESS = "street address"
KIND_NHS = "NHS number"
KIND_PHONE = "phone number"
KIND_EMAIL = "email address"
KIND_NI = "National Insurance number"
KINDS = (KIND_DOB, KIND_POSTCODE, KIND_ADDRESS, KIND_NHS, KIND_PHONE, KIND_EMAIL, KIND_NI)


@dataclass(frozen=True)
class Finding:
    """One identifier: its kind (a ``KIND_*`` label) and where it is, never its value."""

    kind: str
    start: int
    end: int


# ---- the comparison form ----------------------------------------------------------------------

_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d")
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_SPECIAL = re.compile(r"[^\n -~]")  # what the fold may change in ASCII: control characters
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
_APOSTROPHES = frozenset("\u2018\u2019\u201b\u02bc\u2032\u00b4\uff07")


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    """One character for one: offsets survive the fold."""
    if c in _LINE_BREAKS:
        return "\n"
    if c.isspace():
        return " "
    if c in _DASHES:
        return "-"
    if c in _APOSTROPHES:
        return "'"
    if c.isdecimal():
        return str(unicodedata.decimal(c))
    compatible = unicodedata.normalize("NFKC", c)
    if len(compatible) == 1 and compatible.isascii() and compatible.isprintable():
        return compatible
    return c


class _Text:
    """The comparison form of a text, and the way back to the original offsets."""

    def __init__(self, text: str) -> None:
        if text.isascii():
            special = set(_SPECIAL.findall(text))
        else:
            special = {c for c in set(text) if not (" " <= c <= "~" or c == "\n")}
        invisible = {
            c for c in special if unicodedata.category(c) in ("Cf", "Cc") and not c.isspace()
        }
        # For each left-out character, the comparison offset where it stood.
        self.removed: list[int] = []
        if invisible:
            pattern = re.compile("[" + "".join(map(re.escape, sorted(invisible))) + "]")
            for n, match in enumerate(pattern.finditer(text)):
                self.removed.append(match.start() - n)
            text = pattern.sub("", text)
        # One replace() per character that changes: translate() is slow on a text that is not
        # ASCII, and a text holds few distinct characters.
        for c in special - invisible:
            if (folded := _fold_char(c)) != c:
                text = text.replace(c, folded)
        self.s = text

    @cached_property
    def lower(self) -> str:
        """The comparison form in lower case, offset for offset."""
        low = self.s.lower()
        return low if len(low) == len(self.s) else self.s.translate(_ASCII_LOWER)

    @cached_property
    def upper(self) -> str:
        up = self.s.upper()
        return up if len(up) == len(self.s) else self.s.translate(_ASCII_UPPER)

    def original(self, start: int, end: int) -> tuple[int, int]:
        if not self.removed:
            return start, end
        first = start + bisect_right(self.removed, start)
        last = end - 1 + bisect_right(self.removed, end - 1)
        return first, last + 1


# ---- email ----------------------------------------------------------------------------------

# Found from each "@": a pattern that must try every position of a long text is the slow part.
_LOCAL = re.compile(r"(?<![\w.%+'\-])[\w%+'\-](?:[\w.%+'\-]*[\w%+'\-])?\Z")
_DOMAIN = re.compile(r"@(?:[^\W_](?:[\w\-]*[^\W_])?\.)+[^\W\d_]{2,}(?![\w\-]|\.[^\W_])")
_LOCAL_MAX = 64  # RFC 5321


def _emails(s: str) -> Iterator[tuple[int, int]]:
    at = s.find("@")
    while at >= 0:
        domain = _DOMAIN.match(s, at)
        local = _LOCAL.search(s, max(0, at - _LOCAL_MAX), at) if domain else None
        if domain and local:
            yield local.start(), domain.end()
            at = s.find("@", domain.end())
        else:
            at = s.find("@", at + 1)


# ---- phone and NHS numbers ------------------------------------------------------------------

# Digits and what may join their groups, 9 characters or more ("+" and 8 digits is the
# shortest number taken); split below into groups and joins.
_RUN = re.compile(r"[0-9][0-9()+ .\-]{8,}")
_TOKEN = re.compile(r"\(\+?[0-9]+\)|\+?[0-9]+")
_JOINS = frozenset(" .-")
_MAX_GROUPS = 6  # "+44 (0) 7700 900 123" is five
_MIN_DIGITS, _MAX_DIGITS = 8, 15  # E.164 allows 15; "+44 (0)20 7946 0000" has 13
# After the leading 0 (or +44): how long the national number is, by its first digit.
_NSN_LENGTHS = {
    "1": (9, 10),
    "2": (10,),
    "3": (10,),
    "5": (10,),
    "7": (10,),
    "8": (9, 10),
    "9": (10,),
}


def _left_ok(s: str, at: int) -> bool:
    """Nothing before a number that makes it part of something else (A-2026-, 12:, 3., £)."""
    if at == 0:
        return True
    before = s[at - 1]
    if before.isalnum() or before in "_£$€#@&":
        return False
    if before in "-/.,:" and at >= 2 and s[at - 2].isalnum():
        return before == ":" and not s[at - 2].isdigit()  # "Tel:07700 900123"
    return True


def _right_ok(s: str, at: int) -> bool:
    if at >= len(s):
        return True
    after = s[at]
    if after.isalnum() or after in "_%£$€@":
        return False
    return not (after in "-/.,:" and at + 1 < len(s) and s[at + 1].isalnum())


def _phone_key(parts: list[str]) -> str | None:
    """The national number of a UK phone number (``+`` and digits for another country's), if
    ``parts`` (its digit groups as written) are shaped like one; else None."""
    bare = [p.strip("()+") for p in parts]
    if "+" in "".join(parts[1:]) or not all(bare) or not all(b.isdigit() for b in bare):
        return None
    bracketed = [p.startswith("(") for p in parts]
    plus = "+" in parts[0]
    if plus or bare[0].startswith("00"):
        code = bare[0] if plus else bare[0][2:]
        if plus and not code.startswith(("44", "0")):
            return _foreign(bare, bracketed)
        if not code.startswith("44"):
            return None
        groups, flags = [code[2:], *bare[1:]], [bracketed[0], *bracketed[1:]]
        if not groups[0]:  # "+44 7700 ...": the code was a group of its own
            groups, flags = groups[1:], flags[1:]
        elif flags[0]:  # "(+44)7700 ..."
            return None
        if groups and groups[0] == "0" and flags[0]:  # "+44 (0)20 ..."
            groups, flags = groups[1:], flags[1:]
        if any(flags) or not groups or len(groups) > 4 or min(map(len, groups)) < 2:
            return None
        national = "".join(groups)
        national = national[1:] if national.startswith("0") else national
    else:
        if not bare[0].startswith("0") or any(bracketed[1:]) or len(bare) > 4:
            return None
        if len(bare) > 1 and not (3 <= len(bare[0]) <= 6 and min(map(len, bare)) >= 2):
            return None
        national = "".join(bare)[1:]
    if len(national) not in _NSN_LENGTHS.get(national[:1], ()):
        return None
    return national


def _foreign(bare: list[str], bracketed: list[bool]) -> str | None:
    if any(bracketed[:1]) or any(f and b != "0" for b, f in zip(bare, bracketed, strict=True)):
        return None
    digits = "".join(b for b, f in zip(bare, bracketed, strict=True) if not f)
    if len(bare) > 5 or not 8 <= len(digits) <= 15:
        return None
    return "+" + digits


def _nhs_shaped(parts: list[str], joins: list[str]) -> bool:
    if not all(p.isdigit() for p in parts):
        return False
    lengths = [len(p) for p in parts]
    if lengths == [10]:
        return True
    return lengths == [3, 3, 4] and joins[0] == joins[1] and joins[0] in (" ", "-")


def _nhs_valid(digits: str) -> bool:
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return check != 10 and check == int(digits[9])


def _phone_keys(phone: str) -> set[str]:
    """What an allowed phone number is compared by: its digits, and its national number."""
    s = _Text(phone).s
    keys = {"".join(c for c in s if c.isdigit())}
    key = _phone_key(_TOKEN.findall(s))
    if key:
        keys.add(key)
    keys.discard("")
    return keys


_ALLOWED = ""  # the kind of a span that hides what is inside it but is not a finding


def _numbers(s: str, allowed: set[str]) -> Iterator[tuple[str, int, int]]:
    for run in _RUN.finditer(s):
        if sum(c.isdigit() for c in run[0]) < _MIN_DIGITS:
            continue
        start = run.start()  # take in a "+", "(" or "(+" just before
        start -= 2 if s[max(0, start - 2) : start] == "(+" else s[max(0, start - 1) : start] in "+("
        tokens = [m.span() for m in _TOKEN.finditer(s, start, run.end())]
        # Split the run where groups are joined by anything but one space, hyphen or dot (or
        # nothing, next to a bracket): "2026 - 2029", "1) 2".
        group: list[tuple[int, int]] = []
        for token in tokens:
            if group:
                join = s[group[-1][1] : token[0]]
                glued = join == "" and (s[group[-1][1] - 1] == ")" or s[token[0]] == "(")
                if not (join in _JOINS or glued):
                    yield from _in_group(s, group, allowed)
                    group = []
            group.append(token)
        yield from _in_group(s, group, allowed)


def _in_group(
    s: str, tokens: list[tuple[int, int]], allowed: set[str]
) -> Iterator[tuple[str, int, int]]:
    """Numbers in one run of groups, each cut where a space joins two groups."""
    if tokens and s[tokens[-1][0]] == "(":  # "(07700900123)": brackets round the whole number
        a, b = tokens[-1]
        tokens = [*tokens[:-1], (a + 1, b - 1)]
    if not tokens or tokens[-1][1] - tokens[0][0] < 8:
        return
    joins = [s[tokens[k - 1][1] : tokens[k][0]] for k in range(1, len(tokens))]
    digits = [0]
    for a, b in tokens:
        digits.append(digits[-1] + b - a - sum(c in "+()" for c in s[a:b]))
    left, right = _left_ok(s, tokens[0][0]), _right_ok(s, tokens[-1][1])
    i = 0
    while i < len(tokens):
        found = None
        # Only a phone number starts with 0, + or a bracket, and an NHS number's first group
        # has 3 or 10 digits: a cheap first look, for a long run of small numbers.
        maybe = s[tokens[i][0]] in "0+(" or digits[i + 1] - digits[i] in (3, 10)
        if maybe and (left if i == 0 else joins[i - 1] == " "):
            found = _longest(s, tokens, joins, digits, i, right, allowed)
        if found is None:
            i += 1
            continue
        j, kind = found
        yield kind, tokens[i][0], tokens[j - 1][1]
        i = j


def _longest(
    s: str,
    tokens: list[tuple[int, int]],
    joins: list[str],
    digits: list[int],
    i: int,
    right: bool,
    allowed: set[str],
) -> tuple[int, str] | None:
    """The longest number that starts at token ``i`` and ends where a space (or the run) does.
    ``digits[k]`` counts the digits of the tokens before token ``k``."""
    n = len(tokens)
    for j in range(min(n, i + _MAX_GROUPS), i, -1):
        if not _MIN_DIGITS <= digits[j] - digits[i] <= _MAX_DIGITS:
            continue
        if (j == n and right) or (j < n and joins[j - 1] == " "):
            kind = _classify(s, tokens[i:j], joins[i : j - 1], allowed)
            if kind is not None:
                return j, kind
    return None


def _classify(
    s: str, tokens: list[tuple[int, int]], joins: list[str], allowed: set[str]
) -> str | None:
    parts = [s[a:b] for a, b in tokens]
    digits = "".join(c for c in "".join(parts) if c.isdigit())
    key = _phone_key(parts)
    if allowed and (digits in allowed or (key is not None and key in allowed)):
        return _ALLOWED
    if _nhs_shaped(parts, joins) and _nhs_valid(digits):
        return KIND_NHS
    return KIND_PHONE if key is not None else None


# ---- dates of birth -------------------------------------------------------------------------
# These patterns read the text in lower case (``_Text.lower``): IGNORECASE costs several times
# as much. A pattern starts with a literal or a character set, and any look-behind comes after
# its first character, so that the regex engine can skip ahead to where a match may start.

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![^\W_])\.?"
)
_WEEKDAY = (
    r"(?:(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?(?![^\W_])\.?,?[ ]+)?"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (
    r"(?:"
    rf"(?:19|20)[0-9]{{2}}[/.\-](?:1[0-2]|0?[1-9])[/.\-]{_DAY}"  # 2016-01-03
    rf"|{_DAY}[/.\-]{_DAY}[/.\-](?:[0-9]{{4}}|[0-9]{{2}})"  # 03/01/2016, 3.1.16, 1/25/2016
    rf"|{_WEEKDAY}{_DAY}{_ORD}(?:[ ]+of)?[ \-]+{_MONTH},?[ \-]+(?:[0-9]{{4}}|'?[0-9]{{2}})"
    rf"|{_WEEKDAY}{_MONTH}[ ]+{_DAY}{_ORD},?[ ]+[0-9]{{4}}"  # January 3, 2016
    rf"|{_MONTH},?[ ]+(?:19|20)[0-9]{{2}}"  # March 2015
    rf"|(?:1[0-2]|0?[1-9])[/.\-](?:19|20)[0-9]{{2}}"  # 03/2015
    rf"|{_WEEKDAY}{_DAY}{_ORD}(?:[ ]+of)?[ ]+{_MONTH}"  # 3 March
    rf"|{_WEEKDAY}{_MONTH}[ ]+{_DAY}{_ORD}"  # March 3
    r")(?![0-9]|[/.\-][0-9])"
)
# A cue: "dob", "d.o.b", "date of birth", "birth date", "birthday", "born", or "b." after a word
# or a bracket. ``trailing`` is set for the cues that may also follow their date.
_CUE = re.compile(
    r"[bd](?<![^\W_][bd])(?<!\.[bd])(?:"
    r"(?<=d)(?P<trailing>\.?[ ]?o\.?[ ]?b(?![^\W_])\.?|ate[ ]+of[ ]+birth(?![^\W_]))"
    r"|(?<=b)(?:irth[ ]?date|irthday|orn)(?![^\W_])"
    r"|(?<=b)\.(?:(?<=\(b\.)|(?<=[^\W_][ ,]b\.)|(?<=[^\W_][,)][ ]b\.))"
    r")"
)
_GAP = r"(?:[ \n:*_|=(\[,\-]|(?<![^\W_])(?:on|in|is|was|of|as)(?![^\W_])){0,12}"
_DATE_AFTER = re.compile(rf"{_GAP}(?P<date>{_DATE})")
_DATE_BEFORE = re.compile(rf"(?<![\w/.\-:£$])(?P<date>{_DATE})[ ]*[(\[,:\-]?[ ]*[*_]*\Z")
_BEFORE_WINDOW = 40  # "wednesday 23rd of september, 2016" is 33
# A cheap first look: what stands before a trailing cue ends in a digit or a letter.
_DATE_ENDS_HERE = re.compile(r"[0-9a-z.][ ]*[(\[,:\-]?[ ]*[*_]*\Z")
_MORE_DATES = re.compile(rf"[ ]*(?:,|;|&|and)[ ]*(?P<date>{_DATE})")
_DATE_CELL = re.compile(rf"[ *_]*(?P<date>{_DATE})[ *_]*")
_CUE_CELL = re.compile(
    r"[ *_]*(?:d\.?[ ]?o\.?[ ]?b\.?|date[ ]+of[ ]+birth|birth[ ]?date|born|birthday)[ *_:]*"
)


def _dates_of_birth(low: str) -> Iterator[tuple[int, int]]:
    cues = 0
    for cue in _CUE.finditer(low):
        cues += 1
        if after := _DATE_AFTER.match(low, cue.end()):
            yield after.span("date")
            at = after.end()
            while more := _MORE_DATES.match(low, at):
                yield more.span("date")
                at = more.end()
        if cue["trailing"] is not None and _DATE_ENDS_HERE.search(
            low, max(0, cue.start() - 12), cue.start()
        ):
            before = _DATE_BEFORE.search(low, max(0, cue.start() - _BEFORE_WINDOW), cue.start())
            if before:
                yield before.span("date")
    if cues and "|" in low:
        yield from _date_columns(low)


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    bounds = [-1, *(i for i, c in enumerate(line) if c == "|"), len(line)]
    return [(offset + a + 1, offset + b) for a, b in pairwise(bounds)]


def _date_columns(s: str) -> Iterator[tuple[int, int]]:
    """Dates in a pipe-table column whose header is a birth cue."""
    columns: set[int] = set()
    offset = 0
    for line in s.split("\n"):
        if "|" not in line:
            columns = set()
        else:
            for k, (a, b) in enumerate(_cells(line, offset)):
                if k in columns and (date := _DATE_CELL.fullmatch(s, a, b)):
                    yield date.span("date")
                elif _CUE_CELL.fullmatch(s, a, b):
                    columns.add(k)
        offset += len(line) + 1


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
