"""The order a reader sees: UAX #9, cut down to what moves letters (step 4)."""

# The subject here is look-alike characters; the tables have to show them.

from __future__ import annotations

import re
import unicodedata

# ---- the order a reader sees (UAX #9, cut down to what moves letters) -------------------------

# Any character that can make a line display out of its typed order: right-to-left letters
# (Hebrew, Arabic, Syriac, Thaana, NKo ...), RLM, ALM, RLE, RLO, RLI. Without one, every
# line reads in typed order and no second scan is made.
_RTL = re.compile(
    "[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefc"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_PARAGRAPH = re.compile("[\n\r\x1c-\x1e\x85\u2029]")
_SEPARATOR = "|"  # between the typed text and its reordered copy: not a letter, not a join


def _first_strong(chars: str, start: int) -> str:
    for c in chars[start:]:
        kind = unicodedata.bidirectional(c)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
        if kind == "PDI":
            break
    return "L"


def _visual_order(chars: str, base: int) -> list[int]:
    """The indices of one line in the order it is displayed, paragraph level ``base``.

    UAX #9 cut down to what can move letters: the explicit embeddings, overrides and
    isolates (X1-X8, the removed controls kept as neutrals); strong types only, numbers
    counting as neutral; neutrals between two strong runs of one direction take it (N1),
    others the embedding's (N2), looking past an isolate's content as an isolating run
    sequence does; implicit levels (I1-I2); then reversal (L2)."""
    n = len(chars)
    levels = [base] * n
    types = ["N"] * n
    stack: list[tuple[int, str, bool]] = [(base, "", False)]  # level, override, isolate
    chains: list[list[int]] = [[]]  # indices outside the open isolates, innermost last
    closed: list[list[int]] = []
    for i, c in enumerate(chars):
        kind = unicodedata.bidirectional(c)
        level, override, _ = stack[-1]
        levels[i] = level
        chains[-1].append(i)
        if kind in ("RLE", "LRE", "RLO", "LRO"):
            new = (level + 1) | 1 if kind[0] == "R" else (level + 2) & ~1
            if new <= 125:
                stack.append((new, kind[0] if kind[2] == "O" else "", False))
        elif kind == "PDF":
            if len(stack) > 1 and not stack[-1][2]:
                stack.pop()
        elif kind in ("RLI", "LRI", "FSI"):
            types[i] = override or "N"
            rtl = kind == "RLI" or (kind == "FSI" and _first_strong(chars, i + 1) == "R")
            new = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new <= 125:
                stack.append((new, "", True))
                chains.append([])
        elif kind == "PDI":
            if len(chains) > 1:
                while not stack.pop()[2]:
                    pass
                chains[-1].pop()
                closed.append(chains.pop())
                chains[-1].append(i)
            level, override, _ = stack[-1]
            levels[i] = level
            types[i] = override or "N"
        else:
            strong = "L" if kind == "L" else "R" if kind in ("R", "AL") else "N"
            types[i] = override or strong
    for chain in closed + chains:  # neutrals, one level run of each chain at a time
        i = 0
        while i < len(chain):
            j = i
            while j < len(chain) and levels[chain[j]] == levels[chain[i]]:
                j += 1
            level = levels[chain[i]]
            own = "R" if level % 2 else "L"
            prev = "R" if max(level, levels[chain[i - 1]] if i else base) % 2 else "L"
            after = "R" if max(level, levels[chain[j]] if j < len(chain) else base) % 2 else "L"
            k = i
            while k < j:
                if types[chain[k]] != "N":
                    prev = types[chain[k]]
                    k += 1
                    continue
                m = k
                while m < j and types[chain[m]] == "N":
                    m += 1
                fill = prev if prev == (types[chain[m]] if m < j else after) else own
                for x in chain[k:m]:
                    types[x] = fill
                k = m
            i = j
    for x in range(n):
        if levels[x] % 2 != (types[x] == "R"):
            levels[x] += 1
    odd = [level for level in levels if level % 2]
    order = list(range(n))
    if not odd:
        return order
    pairs = list(zip(levels, order, strict=True))
    for level in range(max(levels), min(odd) - 1, -1):
        x = 0
        while x < n:
            if pairs[x][0] < level:
                x += 1
                continue
            y = x
            while y < n and pairs[y][0] >= level:
                y += 1
            pairs[x:y] = pairs[x:y][::-1]
            x = y
    return [i for _, i in pairs]


def _reordered(text: str) -> list[int]:
    """Unit indices of every line of ``text`` that displays out of typed order, in display
    order, each line after a -1 (the separator). Both paragraph directions are tried: a
    Markdown renderer may set it (``dir="auto"`` takes the first strong letter) or not."""
    out: list[int] = []
    pos = 0
    for brk in [*_PARAGRAPH.finditer(text), None]:
        end = brk.start() if brk is not None else len(text)
        line = text[pos:end]
        if _RTL.search(line):
            seen = {tuple(range(len(line)))}
            for base in (0, 1):
                order = _visual_order(line, base)
                if tuple(order) not in seen:
                    seen.add(tuple(order))
                    out.append(-1)
                    out.extend(pos + i for i in order)
        pos = end + 1
    return out
