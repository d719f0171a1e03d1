"""Full-text search as a chair types it: words to an FTS5 query that never raises."""

from __future__ import annotations

import re
import unicodedata

# A run of characters the FTS5 tokenizer (unicode61) keeps in one token: letters,
# digits, combining marks (dropped by remove_diacritics) and private-use
# characters. Everything else separates tokens, as it does in the index.
_QUOTED = re.compile(r'"([^"]*)("|$)')


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    current: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        category = unicodedata.category(ch)
        if category[0] in "LNM" or category == "Co":
            current.append(ch)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def _phrase(tokens: list[str]) -> str:
    # Quoted, every FTS5 keyword (AND, NEAR, OR) and character is a plain word.
    return f'"{" ".join(tokens)}"*'


def fts_query(text: str) -> str:
    """Words typed by a chair, as an FTS5 query (never an FTS syntax error).

    Each word is a prefix ("negl" finds "neglect"); words in double quotes are a
    phrase, its last word a prefix ("strategy meet" finds "strategy meetings"; an
    unclosed quote runs to the end). A word with punctuation inside is a phrase of
    its parts, as the index splits it ("A-2026-014" finds that reference). Every
    word must match. Case and accents are the index's to ignore (its tokenizer
    folds both). Blank, or nothing but punctuation: "".
    """
    parts: list[str] = []
    position = 0
    for quoted in _QUOTED.finditer(text):
        parts.extend(_phrase(_tokens(word)) for word in text[position : quoted.start()].split())
        parts.append(_phrase(_tokens(quoted.group(1))))
        position = quoted.end()
    parts.extend(_phrase(_tokens(word)) for word in text[position:].split())
    return " ".join(part for part in parts if part != '""*')
