"""The standing agenda items the live meeting treats specially, known by title.

Agenda items have no field that says which is which (a kind column would need a
migration), so the titles the standard agenda gives them are read, in any case:
"Declarations of interest" (or "Declaration of interests") lists every
declaration; "Matters arising…" shows the open actions of earlier meetings.
"""

from __future__ import annotations

import re

DECLARATIONS_TITLE = re.compile(r"\s*declarations? of interests?\b", re.IGNORECASE)
MATTERS_ARISING_TITLE = re.compile(r"matters arising", re.IGNORECASE)


def is_declarations_item(title: str) -> bool:
    """Whether an agenda item is the one on which every declaration is listed."""
    return DECLARATIONS_TITLE.match(title) is not None


def is_matters_arising_item(title: str) -> bool:
    """Whether an agenda item is where the earlier meetings' actions are taken."""
    return MATTERS_ARISING_TITLE.match(title) is not None
