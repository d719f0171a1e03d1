"""Full-text search as a chair types it: words to an FTS5 query that never raises."""

from __future__ import annotations


def fts_query(text: str) -> str:
    """Words typed by a chair, as an FTS5 query of prefixes (never FTS syntax errors)."""
    words = ["".join(ch for ch in w if ch.isalnum()) for w in text.split()]
    return " ".join(f'"{w}"*' for w in words if w)
