"""Email addresses, phone numbers and NHS numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from store.domain.identifiers.text import KIND_NHS, KIND_PHONE, _Text

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
