"""Markdown that shows user text exactly as typed, in CommonMark and GFM.

Two kinds of user text:
- fields (titles, names, decisions, table cells): every ASCII punctuation
  character is backslash-escaped, so nothing in them is syntax;
- minutes: a chair may use simple Markdown (paragraphs, lists, emphasis), so
  those survive; everything else (raw HTML, links, images, headings, tables,
  code, block quotes, rules) is escaped to show as text.
In both, web and email addresses get a zero-width space so that GFM's bare
autolinks do not turn them into links: a link in a circulated paper must
never come from what someone typed.
"""

from __future__ import annotations

import re

ZWSP = "\u200b"
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# What GFM would autolink: www., scheme://, and emails.
_AUTOLINK = re.compile(r"(?i)(www)(\.)|(://)|(@)")
# In minutes, these are escaped wherever they appear.
_MINUTES_ESCAPE = set("\\<>[]!`|#&~$")
_LIST = re.compile(r"^(\s{0,6})([-*+]|\d{1,9}[.)])(\s+)(.*)$")
_RULE_OR_UNDERLINE = re.compile(r"^\s*([-=*_])(\s*\1){2,}\s*$|^\s*=+\s*$")


def _break_autolinks(text: str) -> str:
    def insert(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + ZWSP + match.group(2)
        return ZWSP + match.group(0)

    return _AUTOLINK.sub(insert, text)


# Punctuation that is Markdown syntax wherever it stands (emphasis, code, links,
# images, HTML, tables, headings, strikethrough, entities, maths in some
# renderers). Other punctuation (.,:;'"()-) is only syntax at the start of a line,
# which ``_guard_start`` handles; leaving it bare keeps the file readable.
_FIELD_ESCAPE = set("\\`*_[]<>!|#~&$")


def _guard_start(text: str) -> str:
    """Escape what would open a block (list, quote, heading underline) at line start."""
    match = re.match(r"^(\d{1,9})([.)])", text)
    if match:
        return f"{match.group(1)}\\{match.group(2)}{text[match.end() :]}"
    if text[:1] in "-+=":
        return "\\" + text
    return text


def field(text: str | None) -> str:
    """A one-line field shown exactly as typed: syntax escaped, line breaks as spaces."""
    if not text:
        return ""
    flat = _break_autolinks(" ".join(text.split()))
    return _guard_start("".join("\\" + ch if ch in _FIELD_ESCAPE else ch for ch in flat))


def minutes(text: str) -> str:
    """Typed minutes as Markdown: paragraphs, lists and emphasis kept, nothing else."""
    out: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            out.append("")
            continue
        if _RULE_OR_UNDERLINE.match(line):
            # A rule, or an underline that would make the line above a heading.
            out.append("".join("\\" + ch if ch in _PUNCT else ch for ch in line.strip()))
            continue
        match = _LIST.match(line)
        if match:
            indent, marker, _gap, rest = match.groups()
            if marker[-1] in ".)":
                marker = marker[:-1] + "\\" + marker[-1] if len(indent) > 3 else marker
            out.append(f"{' ' * min(len(indent), 6)}{marker} {_inline(rest)}")
            continue
        out.append(_inline(line.lstrip()))
    # Collapse runs of blank lines; no leading or trailing blanks.
    text_out = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return text_out


def _inline(text: str) -> str:
    escaped = "".join("\\" + ch if ch in _MINUTES_ESCAPE else ch for ch in _break_autolinks(text))
    # A line that starts like a block of its own (heading, quote, list) is text.
    if escaped[:1] in "+-*=" and not _LIST.match(text) and len(escaped) > 1 and escaped[1] == " ":
        escaped = "\\" + escaped
    if re.match(r"^\d{1,9}[.)]\s", escaped):
        escaped = re.sub(r"^(\d{1,9})([.)])", r"\1\\\2", escaped)
    return escaped


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A GFM table; cells must already be escaped with ``field`` (which escapes pipes)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(c if c else " " for c in row) + " |")
    return "\n".join(lines)
