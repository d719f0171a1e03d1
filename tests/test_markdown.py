"""store.domain.markdown: what someone typed stays text in CommonMark, GFM and pandoc.

Each output is parsed the way its recipients will read it: markdown-it's
CommonMark, markdown-it's GFM with linkify (autolinks of bare domains too, which
is stricter than GitHub), and pandoc's own Markdown reader (the Word route),
read as its JSON AST. Only paragraphs, lists and emphasis may come out of
minutes, only plain text out of a field, and in both the text a reader sees is
the text that was typed. Inline code appears only around an email address.

pandoc costs 30-80 ms a call, so many outputs go through it in one document,
between separator paragraphs.
"""

from __future__ import annotations

import html.parser
import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pypandoc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from store.domain import markdown as md

# -- readers ----------------------------------------------------------------------------------


def commonmark() -> MarkdownIt:
    # With GFM tables: the table checks need them, and they make minutes checks stricter.
    return MarkdownIt("commonmark").enable("table")


def gfm() -> MarkdownIt:
    # linkify-it's defaults link bare domains ("gov.uk") as well, which GitHub
    # does not: stricter than GFM, so anything it lets through GitHub does too.
    return MarkdownIt("gfm-like")


READERS = {"commonmark": commonmark(), "gfm": gfm()}

MINUTES_BLOCKS = {
    "paragraph_open",
    "paragraph_close",
    "bullet_list_open",
    "bullet_list_close",
    "ordered_list_open",
    "ordered_list_close",
    "list_item_open",
    "list_item_close",
    "inline",
}
MINUTES_INLINE = {
    "text",
    "softbreak",
    "em_open",
    "em_close",
    "strong_open",
    "strong_close",
    "code_inline",
}
FIELD_INLINE = {"text", "code_inline"}
ADDRESS = re.compile(r"[^\s`]*@[^\s`]*")

PANDOC_MINUTES_BLOCKS = {"Para", "Plain", "BulletList", "OrderedList"}
PANDOC_MINUTES_INLINE = {"Str", "Space", "SoftBreak", "Emph", "Strong", "Code", "Quoted"}
# pandoc's smart typography is harmless: quotes, dashes and ellipses.
PANDOC_FIELD_INLINE = {"Str", "Space", "Code", "Quoted"}
SMART = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."}


def squeeze(text: str) -> str:
    """Text without whitespace or invisible control characters, for comparing."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cc")


def short(text: str) -> str:
    """A test id: the start of the text, escaped."""
    return repr(text)[1:41]


def unsmart(text: str) -> str:
    text = text.replace("\u2014", "---").replace("\u2013", "--")
    return "".join(SMART.get(ch, ch) for ch in text)


def shown_by(reader: str, source: str, *, inline: set[str]) -> tuple[str, str]:
    """What a markdown-it reader shows: the text, and the text with list and emphasis marks.

    Fails on any token outside the allowed structure.
    """
    text: list[str] = []
    marked: list[str] = []
    for token in READERS[reader].parse(source):
        assert token.type in MINUTES_BLOCKS, (reader, token.type, source)
        if token.type == "list_item_open":
            marked.append(token.info + token.markup)
        for child in token.children or []:
            assert child.type in inline, (reader, child.type, source)
            if child.type in ("text", "code_inline"):
                if child.type == "code_inline":
                    assert ADDRESS.fullmatch(child.content), (reader, child.content, source)
                text.append(child.content)
                marked.append(child.content)
            elif child.type != "softbreak":
                marked.append(child.markup)
            marked.append(" ")
    return "".join(text), "".join(marked)


def assert_minutes_safe(typed: str) -> str:
    """Minutes through both markdown-it readers; returns the text they show."""
    source = md.minutes(typed)
    shown = {}
    for reader in READERS:
        text, marked = shown_by(reader, source, inline=MINUTES_INLINE)
        # Every character typed is on the page, or was a list or emphasis mark.
        assert squeeze(marked) == squeeze(typed), (reader, typed, source)
        shown[reader] = text
    assert squeeze(shown["commonmark"]) == squeeze(shown["gfm"]), source
    return shown["commonmark"]


def assert_field_safe(typed: str) -> None:
    """A field shows exactly as typed, alone, in a heading, a table cell and a list item."""
    source = md.field(typed)
    for reader in READERS:
        text, _ = shown_by(reader, source, inline=FIELD_INLINE)
        assert squeeze(text) == squeeze(typed), (reader, typed, source)
        for prefix, shown in (("# ", ""), ("## 3. ", "3. "), ("- A-1: ", "A-1: ")):
            context = prefix + source
            assert squeeze(line_text(reader, context)) == squeeze(shown + typed), (reader, context)
        cells = table_cells(reader, md.table(["Ref", "Text"], [["A-1", source], [source, "x"]]))
        assert [squeeze(c) for c in cells] == [squeeze(c) for c in ["A-1", typed, typed, "x"]], (
            reader,
            source,
        )


def line_text(reader: str, source: str) -> str:
    tokens = READERS[reader].parse(source)
    allowed = {"heading_open", "heading_close", "inline"} | MINUTES_BLOCKS
    assert {t.type for t in tokens} <= allowed, (reader, source)
    assert len([t for t in tokens if t.type == "inline"]) == 1, (reader, source)
    return "".join(text_of(tokens))


def table_cells(reader: str, source: str) -> list[str]:
    tokens = READERS[reader].parse(source)
    allowed = {"table", "thead", "tbody", "tr", "th", "td"}
    cells = []
    for token in tokens:
        if token.type == "inline":
            cells.append("".join(text_of([token])))
        else:
            assert token.type.rsplit("_", 1)[0] in allowed, (reader, token.type, source)
    assert len(cells) == 6, (reader, source)
    return cells[2:]


def text_of(tokens: list[Token]) -> Iterator[str]:
    for token in tokens:
        for child in token.children or []:
            assert child.type in FIELD_INLINE, child.type
            yield child.content


# -- pandoc ------------------------------------------------------------------------------------

SEPARATOR = "QSEPARATORQ"


def pandoc_documents(sources: list[str]) -> list[list[Any]]:
    """pandoc's blocks for each source, read as one document in one call."""
    document = f"\n\n{SEPARATOR}\n\n".join(sources) + "\n"
    blocks = json.loads(pypandoc.convert_text(document, "json", format="markdown"))["blocks"]
    segments: list[list[Any]] = [[]]
    for block in blocks:
        if block == {"t": "Para", "c": [{"t": "Str", "c": SEPARATOR}]}:
            segments.append([])
        else:
            segments[-1].append(block)
    assert len(segments) == len(sources), "a separator was swallowed"
    return segments


def pandoc_text(node: Any, blocks: set[str], inlines: set[str]) -> Iterator[str]:
    """The text pandoc shows, failing on any element outside the allowed ones."""
    if isinstance(node, list):
        for item in node:
            yield from pandoc_text(item, blocks, inlines)
        return
    kind = node["t"]
    assert kind in blocks | inlines, kind
    content = node.get("c")
    if kind == "Str":
        yield content
    elif kind in ("Space", "SoftBreak"):
        yield " "
    elif kind == "Code":
        assert content[0] == ["", [], []] and ADDRESS.fullmatch(content[1]), content
        yield content[1]
    elif kind == "Quoted":
        mark = "'" if content[0]["t"] == "SingleQuote" else '"'
        yield mark
        yield from pandoc_text(content[1], blocks, inlines)
        yield mark
    elif kind == "OrderedList":
        yield from pandoc_text(content[1], blocks, inlines)
    else:
        yield from pandoc_text(content, blocks, inlines)


def assert_pandoc_agrees(minutes: list[str], fields: list[str]) -> None:
    """pandoc builds only allowed elements and shows the text markdown-it shows."""
    expected = [assert_minutes_safe(text) for text in minutes]
    sources = [md.minutes(text) for text in minutes] + [md.field(text) for text in fields]
    # A field also goes in as a heading and as a table cell.
    sources += [f"# {md.field(text)}" for text in fields]
    sources += [md.table(["Ref", "Text"], [["A-1", md.field(text)]]) for text in fields]
    segments = pandoc_documents(sources)
    for typed, want, blocks in zip(minutes, expected, segments, strict=False):
        shown = "".join(pandoc_text(blocks, PANDOC_MINUTES_BLOCKS, PANDOC_MINUTES_INLINE))
        assert squeeze(unsmart(shown)) == squeeze(unsmart(want)), (typed, md.minutes(typed))
    n = len(fields)
    start = len(minutes)
    for i, typed in enumerate(fields):
        para = segments[start + i]
        shown = "".join(pandoc_text(para, {"Para", "Plain"}, PANDOC_FIELD_INLINE))
        assert squeeze(unsmart(shown)) == squeeze(unsmart(typed)), (typed, md.field(typed))
        [heading] = segments[start + n + i]
        assert heading["t"] == "Header" and heading["c"][1][1:] == [[], []], heading
        shown = "".join(pandoc_text(heading["c"][2], set(), PANDOC_FIELD_INLINE))
        assert squeeze(unsmart(shown)) == squeeze(unsmart(typed)), (typed, md.field(typed))
        [grid] = segments[start + 2 * n + i]
        assert grid["t"] == "Table" and grid["c"][1] == [None, []], grid
        assert len(grid["c"][2]) == 2, "two columns"
        cell = grid["c"][4][0][3][0][1][1][4]
        shown = "".join(pandoc_text(cell, {"Plain"}, PANDOC_FIELD_INLINE))
        assert squeeze(unsmart(shown)) == squeeze(unsmart(typed)), (typed, md.field(typed))


# -- GitHub's own renderer, where it is installed -----------------------------------------------


class VisibleHtml(html.parser.HTMLParser):
    """The tags and the text of rendered HTML."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.code: list[str] = []
        self.in_code = False
        cmarkgfm = pytest.importorskip("cmarkgfm")
        # Unsafe: raw HTML shown as the tags it makes, not dropped unseen.
        unsafe = cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE
        self.feed(cmarkgfm.github_flavored_markdown_to_html(source, options=unsafe))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.in_code = tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self.in_code = self.in_code and tag != "code"

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.in_code:
            self.code.append(data)


def assert_github_agrees(typed: str) -> None:
    page = VisibleHtml(md.minutes(typed))
    assert page.tags <= {"p", "ul", "ol", "li", "em", "strong", "code"}, (page.tags, typed)
    assert squeeze("".join(page.text)) == squeeze(assert_minutes_safe(typed)), typed
    assert all(ADDRESS.fullmatch(code) for code in page.code), page.code
    source = md.field(typed)
    for context, shown, tags in (
        (source, "", {"p"}),
        (f"# {source}", "", {"h1"}),
        (f"- A-1: {source}", "A-1: ", {"ul", "li"}),
        (md.table(["R", "T"], [["A-1", source]]), "RTA-1", {"table", "thead", "tbody", "tr"}),
    ):
        page = VisibleHtml(context)
        assert page.tags <= tags | {"code", "th", "td"}, (page.tags, context)
        assert squeeze("".join(page.text)) == squeeze(shown + typed), context


# -- the known holes ----------------------------------------------------------------------------


def test_an_empty_bullet_does_not_underline_a_heading() -> None:
    typed = "Actions agreed:\n- \n- JO to circulate the plan"
    source = md.minutes(typed)
    assert source == "Actions agreed:\n\\-\n\n- JO to circulate the plan"
    assert squeeze(assert_minutes_safe(typed)) == "Actionsagreed:-JOtocirculatetheplan"
    assert_pandoc_agrees([typed, "Notes\n-", "Notes\n=", "Notes\n  ---"], [])


def test_deeply_indented_lines_are_list_items_and_text_never_code() -> None:
    typed = (
        "Points raised:\n\n    - sub-bullet\n\n    1. item\n\n        2) deeper still"
        "\n\n            A pasted paragraph, indented twelve spaces."
        "\n\n\t\t- tabbed bullet"
    )
    source = md.minutes(typed)
    assert source == (
        "Points raised:\n\n- sub-bullet\n\n1. item\n\n   2) deeper still"
        "\n\nA pasted paragraph, indented twelve spaces.\n\n- tabbed bullet"
    )
    shown = assert_minutes_safe(typed)
    assert "\\" not in shown, "a backslash nobody typed"
    kinds = [t.type for t in commonmark().parse(source)]
    assert kinds.count("list_item_open") == 4 and "code_block" not in kinds
    assert_pandoc_agrees([typed], [])


def test_a_rule_inside_a_list_item_is_text() -> None:
    for typed in ("- * * *", "- - - -", "+ ___", "1. ***", "- ---\n- ==="):
        assert_minutes_safe(typed)
    assert md.minutes("- * * *") == "- \\* \\* \\*"
    assert_pandoc_agrees(["- * * *", "- - - -", "* - -"], [])


PANDOC_SYNTAX = [
    'Review {.hidden onclick="steal()"}',
    "Review {#top .hidden}",
    "::: warning\nHidden\n:::",
    "::: {.danger}",
    "^superscript^ and ~subscript~ and ~~struck~~",
    "[text]{.class} and [text]{style=x}",
    "as @smith says, [@smith, p. 3] and -@smith",
    "(@) an example\n(@good) another, as in (@good)",
    "a note[^1]\n\n[^1]: the note",
    "an inline note^[hidden]",
    "Term\n: definition",
    "Term\n\n:   definition\n\n~ another",
    "| a line block\n| another",
    "$x^2$ and $$y$$ and \\(z\\)",
    "a hard break\\\nhere",
    "<!-- hidden -->",
    "<span>x</span> and <div>y</div>",
    "#. fancy\n#. markers",
    "a) letter\nb) list",
    "i. roman\nii. list",
    "(1) numbered\n(2) list",
    "A.  Capital letter list",
    "% Title block\n% Author",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "a | b\n--|--\n1 | 2",
    "+---+---+\n| a | b |\n+---+---+",
    "  a     b\n ---   ---\n  1     2",
    "-------- --------\nsimple   table\n-------- --------",
    "`code`{=html} and `x`{.y}",
    "```{=html}\n<b>raw</b>\n```",
    "\\textbf{raw tex} and \\begin{itemize}",
    "\\newcommand{\\x}{y}",
    "---\ntitle: yaml\n---",
    "Table: a caption",
    ": a caption",
    "[Attendance] and [Quorum][]",
    "- [ ] a task\n- [x] done",
    "'smart' \"quotes\" -- and --- dashes...",
    "<https://example.org> and <jo@example.org>",
    "![image](x.png)",
    "line one  \nline two with a hard break",
    "a\\ nonbreaking space",
    "&copy; &#169; &#xA9; &amp;",
]


@pytest.mark.parametrize("typed", PANDOC_SYNTAX, ids=short)
def test_pandoc_syntax_stays_text_in_markdown_it(typed: str) -> None:
    assert_minutes_safe(typed)
    assert_field_safe(typed)


def test_pandoc_syntax_stays_text_in_pandoc() -> None:
    assert_pandoc_agrees(PANDOC_SYNTAX, PANDOC_SYNTAX)


ADDRESSES = [
    "https://kvscp.org.uk/annual-report",
    "http://example.org/a?b=c&d=e#f",
    "ftp://files.example.org",
    "www.kvscp.org.uk",
    "WWW.EXAMPLE.ORG/path",
    "(www.example.org)",
    "gov.uk",
    "see kvscp.org.uk.",
    "jo.okafor@kestrelvale.gov.uk",
    "mailto:jo@example.org",
    "mailto:@example.org",
    "xmpp:jo@example.org/desk",
    "first.last+tag@sub.example.co.uk, then a@b.c",
    "//server.example.org/share",
    "a@.b.c",
    "☃.com and é.fr",
    "localhost:8080 and http://localhost",
]


@pytest.mark.parametrize("typed", ADDRESSES, ids=short)
def test_addresses_are_not_links_and_copy_as_typed(typed: str) -> None:
    for source in (md.minutes(typed), md.field(typed)):
        assert "\u200b" not in source
    # Exactly as typed, not only modulo whitespace: what a recipient copies.
    for reader in READERS:
        text, _ = shown_by(reader, md.field(typed), inline=FIELD_INLINE)
        assert text == typed, reader
    assert assert_minutes_safe(typed) == typed
    assert_field_safe(typed)


def test_addresses_are_not_links_in_pandoc() -> None:
    assert_pandoc_agrees(ADDRESSES, ADDRESSES)


def test_an_email_address_is_inline_code() -> None:
    # GitHub finds email addresses after escapes are resolved: only code stops it.
    assert md.field("Email jo@example.org.") == "Email `jo@example.org`."
    assert md.minutes("see https://x.org or www.x.org") == "see https:/\\/x\\.org or www\\.x\\.org"
    assert not hasattr(md, "ZWSP")


# -- what the chair may use ---------------------------------------------------------------------


def test_paragraphs_lists_and_emphasis_are_kept() -> None:
    typed = (
        "**Decision:** the budget was *agreed*, with _one_ change.\n"
        "Second line.\n\n"
        "Actions agreed:\n"
        "- PR to write\n"
        "  - by **4 December**\n"
        "* JO to check\n"
        "1. first\n"
        "2. second\n"
        "3) third"
    )
    source = md.minutes(typed)
    assert source == (
        "**Decision:** the budget was *agreed*, with _one_ change.\n"
        "Second line.\n\n"
        "Actions agreed:\n\n"
        "- PR to write\n"
        "  - by **4 December**\n"
        "* JO to check\n"
        "1. first\n"
        "2. second\n\n"
        "3) third"
    )
    kinds = [t.type for t in commonmark().parse(source)]
    assert kinds.count("bullet_list_open") == 3 and kinds.count("ordered_list_open") == 2
    inline = [c.type for t in commonmark().parse(source) for c in t.children or []]
    assert inline.count("strong_open") == 2 and inline.count("em_open") == 2
    assert_pandoc_agrees([typed], [])


def test_a_list_that_interrupts_text_starts_after_a_blank_line() -> None:
    # pandoc's reader needs the blank line; CommonMark needs it for "2." under text.
    assert md.minutes("Noted:\n- a") == "Noted:\n\n- a"
    assert md.minutes("- a\n  2. b\n3. c") == "- a\n\n  2. b\n\n3. c"
    assert md.minutes("1. a\n1. b") == "1. a\n1. b"


@pytest.mark.parametrize(
    ("typed", "source"),
    [
        ("a *b* c", "a *b* c"),
        ("*a*b", "\\*a\\*b"),  # no emphasis inside a word: pandoc and CommonMark differ
        ("snake_case_name", "snake\\_case\\_name"),
        ("2*3*4", "2\\*3\\*4"),
        ("**a _b_ c**", "**a _b_ c**"),
        ("***both***", "\\*\\*\\*both\\*\\*\\*"),
        ("a * b * c", "a \\* b \\* c"),
        ('*"quoted"*', '\\*"quoted"\\*'),  # pandoc's smart quotes would take the closer
        ("*children's*", "*children's*"),
        ("(*aside*)", "(*aside*)"),
    ],
)
def test_emphasis_only_where_every_reader_agrees(typed: str, source: str) -> None:
    assert md.minutes(typed) == source
    assert_minutes_safe(typed)


# -- a corpus of hostile text -------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</div><div>",
    "<!-- comment -->",
    "[link](https://evil.example)",
    "[ref]: https://evil.example",
    "![image](https://evil.example/x.png)",
    "<https://evil.example>",
    "[click][1]\n\n[1]: https://evil.example",
    "# Heading",
    "###### Heading",
    "Heading\n=======",
    "Heading\n-------",
    "> quoted",
    "    indented code",
    "```\nfenced\n```",
    "~~~\nfenced\n~~~",
    "`code`",
    "``co`de``",
    "---",
    "***",
    "___",
    "- - -",
    "| a | b |\n| - | - |",
    "a|b\n-|-",
    "&lt;b&gt; &#x3C; &nbsp;",
    "\\*not emphasis\\*",
    "trailing backslash\\",
    "> [!WARNING]\n> alert",
    ":smile: :+1:",
    "1) one\n2) two",
    "1234567890. not a list",
    "0. zero",
    "- \n-\n*\n1.",
    "a\n\n\n\n\nb",
    "\t\ttabs\tinside",
    "\r\nwindows\r\nlines\rold mac",
    "\u2028line separator\u2029paragraph separator",
    "nul\x00and\x07bell\x1b[31m",
    "nbsp\u00a0and\u202fnarrow",
    "zero\u200bwidth",
    "right-to-left \u202eevil",
    "e.g. i.e. Ph.D. 10.30am v1.2",
    "children's services & health",
    "45/30/20/5 and 2027-28 and 4%",
    "*" * 50,
    "_" * 50,
    "(" * 30 + "*a*" + ")" * 30,
    "- a\n" + "".join(" " * (2 * i) + f"- level {i}\n" for i in range(1, 30)),
    "x" * 5000 + " www.example.org",
    "*unclosed emphasis",
    "**unclosed strong",
    "a *b **c* d**",
    "_a *b_ c*",
]


@pytest.mark.parametrize("typed", HOSTILE, ids=short)
def test_hostile_text_stays_text(typed: str) -> None:
    assert_minutes_safe(typed)
    assert_field_safe(typed)


def test_hostile_text_stays_text_in_pandoc() -> None:
    assert_pandoc_agrees(HOSTILE, HOSTILE)


def test_hostile_text_in_githubs_renderer() -> None:
    pytest.importorskip("cmarkgfm")
    for typed in HOSTILE + ADDRESSES + PANDOC_SYNTAX:
        assert_github_agrees(typed)


# -- property tests -----------------------------------------------------------------------------

PIECES = [
    *("*", "**", "_", "__", "`", "\\", "[", "]", "(", ")", "<", ">", "!", "#", "|", "&", ";"),
    *(":", "-", "+", "=", ".", "~", "^", "$", "@", "{", "}", "%", "/", '"', "'", ",", "?"),
    *(" ", "  ", "    ", "\t", "\n", "\n", "\n\n", "\n  ", "\n    ", "\u00a0", "\r"),
    *("- ", "* ", "+ ", "1. ", "2) ", "\n- ", "\n  - ", "\n1. ", "\n    1. ", "(1) ", "a) "),
    *("i. ", "#. ", "(@) ", "A.  ", "::: ", ": ", "| ", "% ", "Table: ", "---", "===", "***"),
    *("+---+", "```", "~~~", "$$", "^[", "[^1]", "{.c}", "{=html}", "<!--", "-->", "&amp;"),
    *("&#60;", "@key", "www.", "http://", "https://", "//", "a@b.co", "mailto:", "gov.uk"),
    *("*a*", "**a**", "_a_", "(*", "*)", "'*", "*'", "e.g.", "10:00", "☃", "é", "\u200b"),
    *("[ ] ", "[x] ", "\n- [ ] ", ":smile:", "xmpp:", "\n\t", "\u2028", "\x00"),
]
TYPED = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(typed=TYPED)
def test_typed_minutes_only_ever_make_paragraphs_lists_and_emphasis(typed: str) -> None:
    assert_minutes_safe(typed)


@settings(max_examples=300, deadline=None)
@given(typed=TYPED)
def test_a_field_always_shows_as_typed(typed: str) -> None:
    assert_field_safe(typed)


@settings(max_examples=12, deadline=None)
@given(minutes=st.lists(TYPED, min_size=40, max_size=40), fields=st.lists(TYPED, max_size=20))
def test_pandoc_reads_what_markdown_it_reads(minutes: list[str], fields: list[str]) -> None:
    # One pandoc call for each example: about sixty outputs in one document.
    assert_pandoc_agrees(minutes, fields)


@settings(max_examples=200, deadline=None)
@given(typed=TYPED)
def test_githubs_renderer_reads_what_markdown_it_reads(typed: str) -> None:
    pytest.importorskip("cmarkgfm")
    assert_github_agrees(typed)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"aZ09 ,;'?!-.:()#*_|&/\\", "B.", "iv)", "(a)", "Table", "1.", ". "]),
        max_size=12,
    ).map("".join)
)
def test_a_plain_field_is_what_the_full_escaping_gives(text: str) -> None:
    """``field``'s shortcut for a cell with no syntax gives what ``_render`` gives."""
    from store.domain.markdown import _render

    line = " ".join(text.split())
    assert md.field(text) == (_render(line, emphasis=False) if line else "")
