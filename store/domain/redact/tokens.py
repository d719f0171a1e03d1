"""The words a near miss is looked for in, and the one-edit neighbourhoods that
find a misspelt name quickly."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A word as the folded text has it: letters, with hyphens, apostrophes, invisible marks and
# emphasis markers inside ("O'Brian", "Ellie-Mea", "Kay*dn*"), standing alone.
_TOKEN = re.compile(r"(?<![^\W_])[^\W\d_]+(?:[\x00*_~'\-]+[^\W\d_]+)*(?![^\W_])")
_PIECE = re.compile(r"[^\W\d_]+")
_JOINERS = "\x00*_~'-"
_DROP_JOINERS = str.maketrans("", "", _JOINERS)


def _deletions(word: str) -> set[str]:
    """``word`` and every way of leaving out one letter but the first: two words within
    one edit (OSA: a letter changed, added, dropped, or two neighbours swapped) that start
    with the same letter always share one of these."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(1, len(word)))}


def _candidates(token: str) -> Iterator[tuple[int, int, str]]:
    """Where in ``token`` a misspelt name may be: the whole word (a possessive ``'s`` left
    off), then each of its parts when it has several, as (start, end, letters)."""
    if token.endswith("'s"):
        token = token[:-2].rstrip(_JOINERS)
    letters = token.translate(_DROP_JOINERS)
    yield 0, len(token), letters
    if len(letters) != len(token):
        for piece in _PIECE.finditer(token):
            yield piece.start(), piece.end(), piece.group()
