"""A record's reference as the file keeps it: its prefix, the year and a number
("RR-2026-03", "ESC-2026-07"), in capitals; blank until the store numbers it."""

from __future__ import annotations

import re

from pydantic import AfterValidator


def reference_format(prefix: str, example: str) -> AfterValidator:
    """The check for a model's ``reference`` field: the value trimmed and in
    capitals, refused (with ``example`` in the message) when it is not
    ``prefix``-year-number."""
    pattern = re.compile(rf"^{re.escape(prefix)}-\d{{4}}-\d{{2,3}}$")

    def check(value: str) -> str:
        value = value.strip().upper()
        if value and not pattern.match(value):
            raise ValueError(f"use a reference such as {example}")
        return value

    return AfterValidator(check)
