"""A table's columns, and how they share a window's width (VirtualTable uses it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """A column's title and least width; columns with a ``flex`` weight share the
    spare width in proportion (the last column does, if none has a weight).

    A column with a ``drop`` rank is left out when the window is too narrow for
    every column at its least width: the highest rank goes first, so the most
    important columns stay (an 80-column window beside the papers)."""

    title: str
    width: int
    flex: int = 0
    drop: int = 0  # 0: always shown


def layout_widths(columns: Sequence[Column], available: int) -> list[int]:
    """Each column's width in ``available`` cells (one between columns); 0 for
    a column dropped because the window is too narrow."""
    shown = [True] * len(columns)

    def needed() -> int:
        kept = [c.width for c, on in zip(columns, shown, strict=True) if on]
        return sum(kept) + max(len(kept) - 1, 0)

    ranks = sorted((c.drop, n) for n, c in enumerate(columns) if c.drop > 0)
    while ranks and needed() > available:
        shown[ranks.pop()[1]] = False
    widths = [c.width if on else 0 for c, on in zip(columns, shown, strict=True)]
    spare = available - needed()
    weights = [max(c.flex, 0) if on else 0 for c, on in zip(columns, shown, strict=True)]
    total = sum(weights)
    if spare > 0 and total > 0:
        shares = [spare * w // total for w in weights]
        shares[weights.index(max(weights))] += spare - sum(shares)
        widths = [w + s for w, s in zip(widths, shares, strict=True)]
    return widths
