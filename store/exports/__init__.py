"""Documents for circulation: built in store/exports/documents.py, written only by ``writer``."""

from store.exports.writer import (
    ActionLog,
    DecisionsLog,
    Document,
    Finding,
    IdentifiersFound,
    Minutes,
    Request,
    Written,
    prepare,
    suggested_name,
    write,
)

__all__ = [
    "ActionLog",
    "DecisionsLog",
    "Document",
    "Finding",
    "IdentifiersFound",
    "Minutes",
    "Request",
    "Written",
    "prepare",
    "suggested_name",
    "write",
]
