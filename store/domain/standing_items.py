"""The standing agenda items the meeting treats specially, and how an item gets
its kind.

An agenda item's ``kind`` (store.domain.kinds.ItemKind, a column since migration
0009) says which it is, so renaming "Matters arising and the action log" to
"Action log" keeps it the matters-arising item. The title is read once, when an
item is made without a kind (typed, pasted, or from an old template) and when
migration 0009 gave the items already there their kind: "Declarations of
interest" (or "Declaration of interests") lists every declaration; "Matters
arising…" shows the open actions of earlier meetings; "Minutes of the previous
meeting" is where they are agreed; "Date of next meeting" gives it (migration
0010 marked those already there); "Open escalations…" shows the open
escalations (migration 0012 marked those already there).
"""

from __future__ import annotations

import re

from store.domain.kinds import ItemKind

DECLARATIONS_TITLE = re.compile(r"\s*declarations? of interests?\b", re.IGNORECASE)
MATTERS_ARISING_TITLE = re.compile(r"matters arising", re.IGNORECASE)
PREVIOUS_MINUTES_TITLE = re.compile(
    r"\s*(approval of |agree(ing)? )?(the )?minutes of (the )?(previous|last)( meeting)?",
    re.IGNORECASE,
)
ESCALATIONS_TITLE = re.compile(r"\s*(open |the )?escalations\b", re.IGNORECASE)
NEXT_MEETING_TITLE = re.compile(
    r"\s*(the )?date(,? time)?( and (venue|place))? of (the )?next meeting", re.IGNORECASE
)


def is_declarations_item(title: str) -> bool:
    """Whether an agenda item is the one on which every declaration is listed."""
    return DECLARATIONS_TITLE.match(title) is not None


def is_matters_arising_item(title: str) -> bool:
    """Whether an agenda item is where the earlier meetings' actions are taken."""
    return MATTERS_ARISING_TITLE.match(title) is not None


def kind_of_title(title: str) -> ItemKind | None:
    """The kind an item made with this title gets (None: an ordinary item)."""
    if is_declarations_item(title):
        return ItemKind.DECLARATIONS
    if is_matters_arising_item(title):
        return ItemKind.MATTERS_ARISING
    if PREVIOUS_MINUTES_TITLE.match(title):
        return ItemKind.PREVIOUS_MINUTES
    if NEXT_MEETING_TITLE.match(title):
        return ItemKind.NEXT_MEETING
    if ESCALATIONS_TITLE.match(title):
        return ItemKind.ESCALATIONS
    return None
