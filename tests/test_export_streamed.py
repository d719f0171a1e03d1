"""The logs are written a page at a time (store/exports/streamed.py): the same
bytes, the same findings and the same refusals as the whole-document check
(``writer.prepare``), in memory that does not grow with the number of rows."""

from __future__ import annotations

import hashlib
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from store import Store
from store.domain.redact import RedactionError
from store.exports import ActionLog, DecisionsLog, IdentifiersFound, prepare, streamed, write
from store.exports import action_log as action_log_module
from store.exports import decisions_log as decisions_log_module
from store.exports.writer import Finding, reader_blocks
from tests.conftest import REPO
from tests.test_export import exec_meeting

# Text a chair might type into an action, hostile or not: Markdown syntax, pipes,
# addresses, identifiers, a near miss of a registered name, accents.
ACTION_TEXTS = [
    "Share the neglect toolkit with schools",
    "Report on *attendance* at strategy meetings | health",
    "Check www.kestrel.gov.uk/safeguarding for the updated threshold document",
    "Write to shannon.m@example.com about the referral",
    "NHS number 943 476 5919 to be checked with the GP",
    "Kaydn's school to send its records",
    "Review the `code` and [link](http://example.org) in the <b>guidance</b>",
    "Café visit to Zoë's nursery — follow up & report back",
    "Escape \\| a pipe, a back\\slash and 100% of the _underscores_",
    "Lives at 14 Larch Close, Kestrel KV3 7QP (check)",
]


def fill_log(store: Store, n: int) -> None:
    people = [p.id for p in store.directory.people()]
    for k in range(n):
        store.actions.add(
            f"{ACTION_TEXTS[k % len(ACTION_TEXTS)]} ({k})",
            owner_id=people[k % len(people)],
            due=f"2027-0{1 + k % 9}-1{k % 10}",
        )


def test_the_streamed_log_is_the_whole_document_and_its_findings(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages of 3 rows (so every kind of text falls across a page's edge): the file
    written is byte for byte the document ``prepare`` checks, and the findings (kind,
    line, key) are its findings, so keys accepted on the screen's preview are the keys
    the write asks for."""
    store = Store.open(sample_path)
    fill_log(store, 40)
    monkeypatch.setattr(action_log_module, "PAGE", 3)
    monkeypatch.setattr(decisions_log_module, "PAGE", 2)
    found: dict[str, int] = {}
    for request in (ActionLog(), DecisionsLog()):
        target = tmp_path / f"{type(request).__name__}.md"
        whole = prepare(store, request)
        try:
            written = write(store, request, target)
            seen: list[Finding] = []
        except IdentifiersFound as exc:
            seen = list(exc.findings)
            assert not target.exists()
            written = write(store, request, target, accepted={f.key for f in seen})
        assert [(f.kind, f.line, f.key) for f in seen] == [
            (f.kind, f.line, f.key) for f in whole.outstanding(())
        ], request
        found[type(request).__name__] = len(seen)
        assert written.path is not None
        assert written.path.read_text(encoding="utf-8") == whole.text, request
        assert written.recorded is not None
        assert written.recorded.sha256 == hashlib.sha256(written.path.read_bytes()).hexdigest()
        assert written.recorded.id in {c.id for c in store.record.circulations()}
    assert found["ActionLog"] >= 15, found  # the hostile rows were asked about
    store.close()


def test_a_name_a_reader_would_see_on_a_later_page_leaves_nothing_behind(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cell the builder got wrong (a registered name that survives as the reader
    sees it) on the fifth page: refused, no file and no temporary file left."""
    store = Store.open(sample_path)
    fill_log(store, 20)
    monkeypatch.setattr(action_log_module, "PAGE", 3)
    real_cells = action_log_module._cells
    calls = 0

    def cells(x: object, row: object) -> list[str]:
        nonlocal calls
        calls += 1
        out = real_cells(x, row)  # type: ignore[arg-type]
        if calls == 14:
            out[1] = "K<i></i>ay**den** to be seen"
        return out

    monkeypatch.setattr(action_log_module, "_cells", cells)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RedactionError) as caught:
        write(store, ActionLog(), out / "log.md")
    assert calls > 14
    assert "Child B" in str(caught.value) and "Kayden" not in str(caught.value)
    assert list(out.iterdir()) == [], "nothing is left beside the target"
    before = len(store.record.circulations())
    store.close()
    assert before == len(Store.open(sample_path).record.circulations())


def test_the_unredacted_log_is_streamed_unchecked(sample_path: Path, tmp_path: Path) -> None:
    store = Store.open(sample_path)
    fill_log(store, 12)
    whole = prepare(store, ActionLog(), redacted=False)
    written = write(store, ActionLog(), tmp_path / "u.md", redacted=False)
    assert written.path is not None
    assert written.path.read_text(encoding="utf-8") == whole.text
    store.close()


def test_to_standard_output_the_same_bytes(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    store = Store.open(sample_path)
    out = io.StringIO()
    written = write(store, DecisionsLog(), stream=out)
    assert written.path is None and out.getvalue() == prepare(store, DecisionsLog()).text
    store.close()


def test_a_full_disk_mid_write_leaves_nothing(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from store.domain import errors

    store = Store.open(sample_path)
    fill_log(store, 12)
    monkeypatch.setattr(action_log_module, "PAGE", 3)
    real_enter = streamed._Sink.__enter__

    class Filling:
        """The temporary file, on a disk that fills at the third page."""

        def __init__(self, file: Any) -> None:
            self.file, self.writes = file, 0

        def write(self, data: bytes) -> int:
            self.writes += 1
            if self.writes == 3:
                raise OSError(errno.ENOSPC, "No space left on device")
            return int(self.file.write(data))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.file, name)

    def enter(self: streamed._Sink) -> streamed._Sink:
        sink = real_enter(self)
        sink.file = Filling(sink.file)  # type: ignore[assignment]
        return sink

    monkeypatch.setattr(streamed._Sink, "__enter__", enter)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(errors.DiskFull, match="disk is full"):
        write(store, ActionLog(), out / "log.md", accepted=True)
    assert list(out.iterdir()) == []
    store.close()


def test_memory_does_not_grow_with_the_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Peak memory of the write with four times the rows grows by a small part of
    the larger file: the document is never held. (A first write, untraced, loads
    what any write loads once: the parser, the models.)"""
    from tests.conftest import copy_sample

    monkeypatch.setattr(action_log_module, "PAGE", 50)
    peaks = []
    for n, name in ((10, "warm"), (150, "small"), (600, "large")):
        path = copy_sample(tmp_path / f"{name}.db")
        store = Store.open(path)
        fill_log(store, n)
        tracemalloc.start()
        write(store, ActionLog(), tmp_path / f"{name}.md", accepted=True)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        store.close()
    _, small, large = peaks
    grown = (tmp_path / "large.md").stat().st_size - (tmp_path / "small.md").stat().st_size
    assert large < small * 1.3, peaks
    assert large - small < grown / 4, (peaks, grown)  # the document is not held


# -- the fast reading of plain rows, held to markdown-it's --------------------------------

HEAD = "| A | B | C |\n| --- | --- | --- |\n"
PARSER = MarkdownIt("gfm-like")
CELL = st.lists(
    st.sampled_from([*"abc Kay.:@/\\|*_`[]<>&%#!-~()éw", "www.", "http://", ".org", "&amp;"]),
    max_size=10,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CELL, min_size=3, max_size=3))
def test_a_plain_row_reads_as_markdown_it_reads_it(cells: list[str]) -> None:
    from store.domain import markdown as md

    row = md.table(["A", "B", "C"], [[md.field(c) for c in cells]]).split("\n")[2]
    fast = streamed._plain_row(row, 3, PARSER)
    if fast is None:
        return  # left to markdown-it
    slow = [b.text for b in reader_blocks(HEAD + row + "\n", parser=PARSER) if b.line > 2]
    assert [c for c in fast if c] == [t for t in slow if t], (row, fast, slow)


@pytest.mark.parametrize(
    "row",
    ["| a | b \\| c | d |", "| a | www.x.org | c |", "| a*b* | c | d |", "| a | b |"],
)
def test_rows_with_syntax_or_the_wrong_shape_go_to_markdown_it(row: str) -> None:
    fast = streamed._plain_row(row, 3, PARSER)
    slow = [b.text for b in reader_blocks(HEAD + row + "\n", parser=PARSER) if b.line > 2]
    assert fast is None or [c for c in fast if c] == [t for t in slow if t]


def test_only_the_writer_reaches_the_streamed_path() -> None:
    import ast

    importers = []
    for package in ("store", "screens", "tui"):
        for path in (REPO / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and node.module == "store.exports.streamed":
                    importers.append(path.relative_to(REPO).as_posix())
                if isinstance(node, ast.ImportFrom) and node.module == "store.exports":
                    if any(a.name == "streamed" for a in node.names):
                        importers.append(path.relative_to(REPO).as_posix())
    assert importers == ["store/exports/writer.py"], importers


def test_the_cli_writes_every_row_once(sample_path: Path, tmp_path: Path) -> None:
    """Through the CLI, as the business manager runs it: every row there once."""
    from tui import cli

    store = Store.open(sample_path)
    exec_meeting(store)
    before = store.actions.count()
    store.close()
    out = tmp_path / "actions.md"
    assert cli.main(["export", "actions", str(sample_path), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| A-")]
    assert len(rows) == before and len(set(rows)) == before
    assert text.startswith("**OFFICIAL-SENSITIVE**") and text.rstrip().endswith(
        "**OFFICIAL-SENSITIVE**"
    )
