"""Documents for circulation: built in ``minutes``, ``action_log``, ``decisions_log``,
``rapid_review`` and ``escalations`` (on ``builder``), written only by ``writer``."""

from store.exports.writer import (
    ActionLog,
    DecisionsLog,
    Document,
    EscalationsSummary,
    Finding,
    IdentifiersFound,
    Minutes,
    RapidReviewRecord,
    Request,
    ReviewsList,
    Written,
    document_kind,
    prepare,
    suggested_name,
    write,
)

__all__ = [
    "ActionLog",
    "DecisionsLog",
    "Document",
    "EscalationsSummary",
    "Finding",
    "IdentifiersFound",
    "Minutes",
    "RapidReviewRecord",
    "Request",
    "ReviewsList",
    "Written",
    "document_kind",
    "prepare",
    "suggested_name",
    "write",
]
