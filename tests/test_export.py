"""Exports: golden files, structure checked by markdown-it-py, redaction, hostile text.

Regenerate the golden files with QUORATE_UPDATE_GOLDEN=1 (then read the diff).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from store import Store
from store.db.files import write_private
from store.domain import errors
from store.domain.redact import RedactionError
from store.exports.action_log import actions_markdown
from store.exports.decisions_log import decisions_markdown
from store.exports.minutes import minutes_markdown
from store.exports.rapid_review import review_markdown, reviews_markdown
from tests.conftest import REPO, frozen_clock

GOLDEN = Path(__file__).parent / "golden"


def commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def gfm() -> MarkdownIt:
    # GFM: tables, strikethrough and autolinks of www., scheme:// and emails
    # (linkify-it without fuzzy bare domains, which GFM does not link).
    md = MarkdownIt("gfm-like")
    md.linkify.set({"fuzzy_link": False, "fuzzy_email": True})
    return md


def tokens(text: str) -> list:  # type: ignore[type-arg]
    out = []
    for parser in (commonmark(), gfm()):
        for token in parser.parse(text):
            out.append(token)
            out.extend(token.children or [])
    return out


def assert_safe(text: str) -> None:
    kinds = {t.type for t in tokens(text)}
    assert not kinds & {"html_block", "html_inline", "link_open", "image"}, kinds


def exec_meeting(store: Store) -> int:
    return next(
        m.id or 0
        for m in store.meetings.all()
        if m.series == "executive" and m.date.isoformat() == "2026-11-19"
    )


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("QUORATE_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, (
        f"{name} differs: QUORATE_UPDATE_GOLDEN=1 to update"
    )


def test_minutes_golden_redacted_and_unredacted(sample_store: Store) -> None:
    mid = exec_meeting(sample_store)
    redacted = minutes_markdown(sample_store, mid)
    unredacted = minutes_markdown(sample_store, mid, redact=False)
    golden("minutes-executive-2026-11-19.md", redacted)
    golden("minutes-executive-2026-11-19-unredacted.md", unredacted)
    assert redacted == minutes_markdown(sample_store, mid), "same database, same bytes"
    for person in sample_store.register.all():
        for form in person.forms:
            assert form.casefold() not in redacted.casefold()
    assert "Kayden" in unredacted and "Child B's health visitor" in redacted
    assert unredacted.splitlines()[2].startswith("**UNREDACTED COPY")


def test_logs_golden(sample_store: Store) -> None:
    golden("actions.md", actions_markdown(sample_store))
    golden("decisions.md", decisions_markdown(sample_store))


def test_rapid_review_golden(sample_store: Store) -> None:
    """The record of the review that led to an LCSPR, the late one, and the list
    with its figures, on the frozen clock."""
    for reference in ("RR-2026-01", "RR-2025-01"):
        review = sample_store.reviews.by_reference(reference)
        assert review is not None and review.id is not None
        text = review_markdown(sample_store, review.id)
        golden(f"rapid-review-{reference}.md", text)
        for person in sample_store.register.all():
            for form in person.forms:
                assert form.casefold() not in text.casefold()
        assert_safe(text)
    listing = reviews_markdown(sample_store)
    golden("rapid-reviews.md", listing)
    assert_safe(listing)


def test_minutes_structure(sample_store: Store) -> None:
    mid = exec_meeting(sample_store)
    text = minutes_markdown(sample_store, mid)
    lines = text.splitlines()
    assert lines[0] == lines[-1] == "**OFFICIAL-SENSITIVE**"
    parsed = commonmark().parse(text)
    headings = []
    for i, token in enumerate(parsed):
        if token.type == "heading_open":
            headings.append((token.tag, parsed[i + 1].content))
    items = sample_store.agenda.items(mid)
    assert headings[0] == ("h1", "Safeguarding Partners Executive")
    h2 = [h for tag, h in headings if tag == "h2"]
    # Declarations are minuted at their items (and all together on the
    # declarations item), not in a section of their own.
    assert h2[:3] == ["Attendance", "Quorum", f"1. {items[0].title}"]
    assert [h for h in h2 if h[0].isdigit()] == [f"{i.position}. {i.title}" for i in items]
    # The agenda's "Date of next meeting" item gives it: no second section.
    assert h2[-2:] == ["Actions raised at this meeting", "Appendix: open action log"]
    tables = table_headers(parsed)
    assert ["Detail", "Value"] in tables
    assert ["Agency", "Name", "Role", "Attendance"] in tables
    assert ["Ref", "Action", "Owner", "Agency", "Due"] in tables
    assert ["Ref", "Action", "Status", "RAG", "Owner", "Agency", "Due"] in tables
    assert_safe(text)


def table_headers(parsed: list) -> list[list[str]]:  # type: ignore[type-arg]
    headers, current, in_head = [], [], False
    for i, token in enumerate(parsed):
        if token.type == "thead_open":
            in_head, current = True, []
        elif token.type == "thead_close":
            in_head = False
            headers.append(current)
        elif in_head and token.type == "th_open":
            current.append(parsed[i + 1].content)
    return headers


# -- hostile text -------------------------------------------------------------------------

HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(list("<>[]()!*_`#|&;:\\/-+=.~$@\"'\n\t ")),
        st.sampled_from(
            [
                *("<script>", "</div>", "[x](http://e.com)", "![i](a.png)", "www.e.org"),
                *(
                    "a@b.co",
                    "# H",
                    "|---|",
                    "---",
                    "===",
                    "&amp;",
                    "<http://x.y>",
                    "1. ",
                    "> q",
                    "`c`",
                ),
            ]
        ),
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
    ),
    max_size=25,
).map("".join)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=HOSTILE, minutes=HOSTILE, decision=HOSTILE, action=HOSTILE, place=HOSTILE)
def test_hostile_text_in_every_field_stays_text(
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    minutes: str,
    decision: str,
    action: str,
    place: str,
) -> None:
    store = Store.open(tmp_path_factory.mktemp("h") / "h.db", clock=frozen_clock)
    try:
        person = store.directory.add_person(
            name=f"Pat {place.strip()[:50]}".strip() or "Pat", initials="PT"
        )
        meeting = store.meetings.add(
            title=title.strip()[:150] or "Meeting",
            kind="executive",
            series="s",
            date="2026-11-27",
            location=place[:150] or None,
            chair_id=person.id,
        )
        mid = meeting.id or 0
        item = store.agenda.items(mid)[0]
        store.agenda.update(item.id or 0, title=title.strip()[:150] or "Item", minutes=minutes)
        if decision.strip():
            store.decisions.add(mid, item.id, decision)
        if action.strip():
            store.actions.add(action, owner_id=person.id, meeting_id=mid, item_id=item.id)
        text = minutes_markdown(store, mid)
    finally:
        store.close()
    assert_safe(text)
    parsed = commonmark().parse(text)
    h2 = [
        parsed[i + 1].content
        for i, t in enumerate(parsed)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    # Exactly the headings Quorate wrote: none came from the user's text.
    # Attendance, quorum; the six standard items; actions raised, the appendix.
    assert len(h2) == 2 + 6 + 2
    shown = [
        parsed[i + 1] for i, t in enumerate(parsed) if t.type == "heading_open" and t.tag == "h2"
    ][2]
    rendered = "".join(c.content for c in shown.children or [] if c.type in ("text", "code_inline"))
    expected = " ".join((title.strip()[:150] or "Item").split())
    assert rendered == f"1. {expected}"


NAMES = st.sampled_from(
    ["Kayden Mirfield", "Kayden", "Shannon", "Mirfield", "Ellie-Mae Harrington", "Ellie"]
)


def vary(name: str, draw: st.DrawFn) -> str:
    style = draw(
        st.sampled_from(["upper", "lower", "title", "accent", "split", "possessive", "nfd"])
    )
    if style == "upper":
        return name.upper()
    if style == "lower":
        return name.lower()
    if style == "accent":
        return name.replace("e", "é").replace("a", "á")
    if style == "split":
        return name.replace(" ", "\n").replace("-", "-\n")
    if style == "possessive":
        return name + "'s"
    if style == "nfd":
        return unicodedata.normalize("NFD", name.replace("e", "ë"))
    return name


@st.composite
def minutes_naming_children(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        parts.append(draw(st.text(alphabet=" abc.,;:\n*_", max_size=12)))
        parts.append(vary(draw(NAMES), draw))
    parts.append(draw(st.text(alphabet=" xyz.\n", max_size=8)))
    return " ".join(parts)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=minutes_naming_children())
def test_no_registered_name_survives_export(sample_path: Path, text: str) -> None:
    store = Store.open(sample_path, clock=frozen_clock)
    try:
        mid = exec_meeting(store)
        item = store.agenda.items(mid)[5]
        store.live.save_minutes(item.id or 0, text)
        exported = minutes_markdown(store, mid)
        decision = store.decisions.add(mid, item.id, text)
        exported_after = minutes_markdown(store, mid)
        store.unit.conn.execute("DELETE FROM decisions WHERE id = ?", [decision.id])
    finally:
        store.close()
    folded = fold(exported + exported_after)
    for form in ("kayden", "shannon", "mirfield", "ellie", "harrington"):
        assert form not in folded


def fold(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.replace("\\", "").replace("\u200b", "").casefold().split())


def test_the_final_check_refuses_and_names_only_the_pseudonym(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.domain.redact import Redactor
    from store.exports import Minutes, prepare

    monkeypatch.setattr(Redactor, "redact", lambda self, text: text)  # a broken redaction
    with pytest.raises(RedactionError) as info:
        prepare(sample_store, Minutes(exec_meeting(sample_store)))
    message = str(info.value)
    assert "Child B" in message and "Kayden" not in message and "Mirfield" not in message


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"real_name": "E"}, "real_name"),  # one letter would match ordinary words
        ({"real_name": "Ellie Harrington", "other_names": "Ellie\nE"}, "other_names"),
        ({"real_name": "Ellie Harrington", "other_names": "Child B"}, "other_names"),
    ],
)
def test_the_register_refuses_what_redaction_could_not_use(
    sample_store: Store, fields: dict[str, str], field: str
) -> None:
    # Kept, such an entry made every export fail with a bare error.
    before = sample_store.register.all()
    with pytest.raises(errors.InvalidValue) as info:
        sample_store.register.add(pseudonym="Child Q", **fields)
    assert field in info.value.errors
    assert "Ellie" not in str(info.value) and "Harrington" not in str(info.value)
    existing = before[0]
    with pytest.raises(errors.InvalidValue):
        sample_store.register.update(existing.id or 0, other_names="Child Q\nx")
    assert sample_store.register.all() == before
    assert actions_markdown(sample_store)  # exports still work


# -- writing files and the command line -----------------------------------------------------


def quorate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=REPO, timeout=60
    )


def test_cli_writes_a_private_file_and_refuses_a_missing_folder(
    sample_path: Path, tmp_path: Path
) -> None:
    store = Store.open(sample_path)
    mid = exec_meeting(store)
    store.close()
    out = tmp_path / "minutes.md"
    result = quorate("export", "minutes", str(sample_path), "--meeting", str(mid), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text() == (GOLDEN / "minutes-executive-2026-11-19.md").read_text()
    stdout = quorate("export", "minutes", str(sample_path), "--meeting", str(mid))
    assert stdout.stdout == out.read_text()
    missing = quorate(
        "export",
        "minutes",
        str(sample_path),
        "--meeting",
        str(mid),
        "-o",
        str(tmp_path / "no" / "m.md"),
    )
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    bad = quorate("export", "minutes", str(sample_path), "--meeting", "9999")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_cli_export_does_not_import_textual(sample_path: Path) -> None:
    code = (
        "import sys; from tui.cli import main\n"
        f"main(['export', 'decisions', {str(sample_path)!r}])\n"
        "assert 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, capture_output=True)


def test_unredacted_needs_asking_and_says_so(sample_path: Path) -> None:
    store = Store.open(sample_path)
    mid = exec_meeting(store)
    store.close()
    plain = quorate("export", "minutes", str(sample_path), "--meeting", str(mid), "--unredacted")
    assert "UNREDACTED COPY" in plain.stdout.splitlines()[2] and "Kayden" in plain.stdout


def test_a_full_disk_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    target = tmp_path / "m.md"
    target.write_text("old minutes")

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(errors.DiskFull, match="disk is full"):
        write_private(target, "new minutes")
    monkeypatch.undo()
    assert target.read_text() == "old minutes"
    assert [p.name for p in tmp_path.iterdir()] == ["m.md"]
