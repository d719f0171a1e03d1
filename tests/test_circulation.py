"""Nothing circulated names a child: the one writer, file names, the register kept,
identifiers other than names, what a reader sees, and every field redacted alike."""

from __future__ import annotations

import ast
import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from store import Store
from store.domain.redact import RedactionError
from store.exports import (
    ActionLog,
    DecisionsLog,
    IdentifiersFound,
    Minutes,
    prepare,
    suggested_name,
    write,
)
from store.exports import writer as writer_module
from tests.conftest import REPO
from tests.test_export import exec_meeting, quorate

KAYDEN_FORMS = ("kayden", "mirfield")


def visible(document: str) -> str:
    """What a reader sees, folded for searching."""
    return " ".join(b.text for b in writer_module.reader_blocks(document)).casefold()


def no_name(text: str, forms: tuple[str, ...] = KAYDEN_FORMS) -> bool:
    low = text.casefold()
    return not any(form in low for form in forms)


def item_of(store: Store, meeting_id: int, starts: str) -> Any:
    return next(i for i in store.agenda.items(meeting_id) if i.title.startswith(starts))


def add_minutes(store: Store, meeting_id: int, text: str) -> None:
    item = store.agenda.items(meeting_id)[-2]
    store.agenda.update(item.id or 0, minutes=f"{item.minutes}\n\n{text}")


# -- 1. names the app suggests or prints -------------------------------------------------


def test_the_suggested_file_name_is_redacted(sample_path: Path, tmp_path: Path) -> None:
    store = Store.open(sample_path)
    mid = exec_meeting(store)
    store.meetings.update(mid, title="Board review of Kayden Mirfield")
    for redacted in (True, False):
        name = suggested_name(store, Minutes(mid), redacted=redacted)
        assert no_name(name), name
        assert "child-b" in name
    store.close()
    # -o naming a folder writes the suggested name in it, as the screen would
    out = tmp_path / "out"
    out.mkdir()
    result = quorate("export", "minutes", str(sample_path), "--meeting", str(mid), "-o", str(out))
    assert result.returncode == 0, result.stderr
    written = [p.name for p in out.iterdir()]
    assert written == ["2026-11-19-board-review-of-child-b-minutes.md"]


def test_a_file_name_the_chair_types_with_a_name_is_refused(
    sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    store = Store.open(sample_path)
    with pytest.raises(RedactionError):
        write(store, Minutes(exec_meeting(store)), out / "kayden-minutes.md")
    store.close()
    assert list(out.iterdir()) == []


def test_check_never_prints_a_registered_name(sample_path: Path) -> None:
    store = Store.open(sample_path)
    store.meetings.update(exec_meeting(store), title="Review of Kayden Mirfield")
    store.close()
    result = quorate("check", str(sample_path))
    assert result.returncode == 0, result.stderr
    assert "Review of Child B" in result.stdout
    assert no_name(result.stdout)


def test_output_dash_is_standard_output(sample_path: Path) -> None:
    result = quorate("export", "decisions", str(sample_path), "-o", "-")
    assert result.returncode == 0 and result.stdout.startswith("**OFFICIAL-SENSITIVE**")
    assert not (REPO / "-").exists()


# -- 3. the register is kept ------------------------------------------------------------


def test_a_retired_entry_stays_redacted_for_ever(sample_path: Path) -> None:
    store = Store.open(sample_path)
    mid = exec_meeting(store)
    before = prepare(store, Minutes(mid)).text
    child_b = next(p for p in store.register.all() if p.pseudonym == "Child B")
    store.register.retire(child_b.id or 0, on=dt.date(2026, 12, 1))
    assert prepare(store, Minutes(mid)).text == before
    assert no_name(visible(before))
    retired = store.register.get(child_b.id or 0)
    assert retired.retired_on == dt.date(2026, 12, 1)
    assert child_b.id not in {p.id for p in store.register.current()}
    assert child_b.id in {p.id for p in store.register.all()}
    assert not hasattr(store, "remove_protected_person")
    store.close()


def test_renaming_keeps_the_old_forms_redacted(sample_path: Path) -> None:
    store = Store.open(sample_path)
    mid = exec_meeting(store)
    child_b = next(p for p in store.register.all() if p.pseudonym == "Child B")
    # Renamed, and the nickname "Kay" and surname taken out of the other forms.
    store.register.update(child_b.id or 0, real_name="Kayden Ashby", other_names="Kayden\nAshby")
    entry = store.register.get(child_b.id or 0)
    assert set(entry.former) == {"Kayden Mirfield", "Kay", "Mirfield"}
    add_minutes(store, mid, "Kay Mirfield and Kayden Ashby were discussed.")
    text = prepare(store, Minutes(mid)).text
    assert no_name(visible(text), ("kayden", "mirfield", "ashby", "kay "))
    # Putting a former form back makes it current again, not twice.
    store.register.update(child_b.id or 0, other_names="Kayden\nAshby\nKay")
    assert set(store.register.get(child_b.id or 0).former) == {"Kayden Mirfield", "Mirfield"}
    store.close()


# -- 4. identifiers other than names ------------------------------------------------------

HOSTILE = (
    "Child B (DOB 03/01/2016) lives at 14 Larch Close, Kestrel KV3 7QP. "
    "NHS number 943 476 5919. Mother's mobile 07700 900123, email shannon.m@example.com."
)
KINDS = {"date of birth", "street address", "postcode", "NHS number", "phone number"}


def test_identifiers_are_found_and_listed_without_their_values(sample_path: Path) -> None:
    store = Store.open(sample_path)
    mid = exec_meeting(store)
    add_minutes(store, mid, HOSTILE)
    document = prepare(store, Minutes(mid))
    kinds = {f.kind for f in document.findings}
    assert KINDS | {"email address"} <= kinds, kinds
    for finding in document.findings:
        described = finding.describe()
        for value in ("03/01/2016", "Larch", "KV3", "943", "07700", "shannon"):
            assert value not in described
        line = document.text.splitlines()[finding.line - 1]
        assert finding.line > 0 and line.strip(), finding
    with pytest.raises(IdentifiersFound):
        write(store, Minutes(mid), sample_path.parent / "m.md")
    assert not (sample_path.parent / "m.md").exists()
    # Every finding accepted by its key: written. The keys are stable across builds.
    keys = {f.key for f in prepare(store, Minutes(mid)).findings}
    assert keys == {f.key for f in document.findings}
    assert write(store, Minutes(mid), sample_path.parent / "m.md", accepted=keys).path
    # The unredacted copy for the record is not checked.
    assert not prepare(store, Minutes(mid), redacted=False).findings
    store.close()


def test_the_cli_refuses_identifiers_unless_accepted(sample_path: Path, tmp_path: Path) -> None:
    store = Store.open(sample_path)
    mid = exec_meeting(store)
    add_minutes(store, mid, HOSTILE)
    store.close()
    out = tmp_path / "m.md"
    args = ("export", "minutes", str(sample_path), "--meeting", str(mid), "-o", str(out))
    refused = quorate(*args)
    assert refused.returncode == 2 and not out.exists()
    lines = refused.stderr.strip().splitlines()
    assert len(lines) >= 6 and all(line.startswith("quorate: ") for line in lines)
    assert "date of birth" in refused.stderr and "Traceback" not in refused.stderr
    for value in ("03/01/2016", "Larch", "KV3", "943 476", "07700", "shannon"):
        assert value not in refused.stderr
    accepted = quorate(*args, "--accept-identifiers")
    assert accepted.returncode == 0, accepted.stderr
    assert "KV3 7QP" in out.read_text()


def test_the_sample_partnership_raises_no_false_alarm(sample_path: Path) -> None:
    store = Store.open(sample_path)
    requests = [Minutes(m.id or 0) for m in store.meetings.all()] + [ActionLog(), DecisionsLog()]
    findings = [(r, f.describe()) for r in requests for f in prepare(store, r).findings]
    store.close()
    assert findings == []


def test_a_name_one_letter_off_is_flagged(sample_path: Path) -> None:
    store = Store.open(sample_path)
    mid = exec_meeting(store)
    add_minutes(store, mid, "Kaydn's school was asked for its records.")
    kinds = [f.kind for f in prepare(store, Minutes(mid)).findings]
    assert any("misspelling" in k and "Child B" in k for k in kinds), kinds
    store.close()


# -- 5 and 7. what a reader sees -----------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Kay*den* attended with her mother.",
        "**Kay**den attended.",
        "Mir_field_ family.",
        "K\u0430yden attended.",  # Cyrillic a
        "Kayd\u200ben attended.",
        "\u202enedyaK attended.",  # displayed reversed: Kayden
        "Kay\u3164den attended.",  # a filler that draws as blank
    ],
)
def test_names_as_a_reader_sees_them_never_leave(sample_path: Path, typed: str) -> None:
    store = Store.open(sample_path)
    mid = exec_meeting(store)
    add_minutes(store, mid, typed)
    document = prepare(store, Minutes(mid))
    assert no_name(visible(document.text)), typed
    store.close()


def test_the_writer_checks_the_rendered_text(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a builder produced, a name a reader would see is refused."""
    store = Store.open(sample_path)
    monkeypatch.setattr(
        writer_module,
        "_build",
        lambda store, request, redact: "**OFFICIAL-SENSITIVE**\n\n# T\n\nK<i></i>ay**den** ok\n",
    )
    with pytest.raises(RedactionError) as caught:
        prepare(store, Minutes(exec_meeting(store)))
    assert "Child B" in str(caught.value) and "Kayden" not in str(caught.value)
    store.close()


# -- 8. every field through the same redaction ---------------------------------------------


def test_every_field_of_every_export_is_redacted_alike(sample_path: Path) -> None:
    store = Store.open(sample_path)
    settings = store.settings.get()
    place = settings.partnership_name.split()[0]  # "Kestrel": a child's surname here
    agency = next(a for a in store.directory.agencies())
    store.register.add(
        real_name=f"Rowan {place}", other_names=f"{place}\n{agency.name}", relation="child"
    )
    mid = exec_meeting(store)
    for request in (Minutes(mid), ActionLog(), DecisionsLog()):
        text = prepare(store, request).text  # refused before: a field missed redaction
        assert place.casefold() not in visible(text), request
        assert agency.name.casefold() not in visible(text), request
    store.close()


# -- 2 and the one path: the export screen ------------------------------------------------


def test_only_the_writer_writes_a_document_file() -> None:
    """No module but the writer calls the file writer (checked on the source)."""
    callers = []
    for package in ("store", "screens", "tui"):
        for path in (REPO / package).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                name = getattr(node, "attr", None) or getattr(node, "id", None)
                if name == "write_private":
                    callers.append(path.relative_to(REPO).as_posix())
    assert set(callers) == {"store/exports/writer.py"}, callers


def test_every_export_goes_through_the_writer(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's file and stdout paths all go through the writer's checks (patched to
    count): writer.prepare for a document, its streamed path for a log."""
    from store.exports import streamed
    from tui import cli

    calls: list[object] = []
    real = writer_module.prepare
    real_streamed = streamed.write_streamed

    def counting(store: Store, request: Any, *, redacted: bool = True) -> Any:
        calls.append(request)
        return real(store, request, redacted=redacted)

    def counting_streamed(store: Store, request: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(request)
        return real_streamed(store, request, *args, **kwargs)

    monkeypatch.setattr(writer_module, "prepare", counting)
    monkeypatch.setattr(streamed, "write_streamed", counting_streamed)
    store = Store.open(sample_path)
    mid = exec_meeting(store)
    store.close()
    assert cli.main(["export", "minutes", str(sample_path), "--meeting", str(mid)]) == 0
    assert cli.main(["export", "actions", str(sample_path), "-o", str(tmp_path / "a.md")]) == 0
    assert cli.main(["export", "decisions", str(sample_path), "-o", str(tmp_path)]) == 0
    assert calls == [Minutes(mid), ActionLog(), DecisionsLog()]


async def test_a_stale_build_never_shows_under_redacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+u, y, ctrl+u quickly with a slow unredacted build: the redacted one wins,
    and the file written is the redacted document."""
    from tests.appkit import SIZE, press, sample_app, settle
    from tests.test_export_screen import open_export

    real = writer_module._build
    release = threading.Event()

    def slow(store: Store, request: Any, redact: bool) -> str:
        if not redact:
            release.wait(5)
        return real(store, request, redact)

    monkeypatch.setattr(writer_module, "_build", slow)
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot, tmp_path)
        await press(pilot, "ctrl+u", "y", "ctrl+u")
        release.set()
        for _ in range(50):
            await pilot.pause(0.05)
            if screen.document is not None and not any(w.is_running for w in app.workers):
                break
        await settle(pilot)
        assert screen.document is not None and screen.document.redacted
        preview = screen.query_one("#export-preview").text  # type: ignore[attr-defined]
        assert "Kayden" not in preview and "UNREDACTED" not in preview
        path = screen.query_one("#export-path")
        path.value = str(tmp_path / "m.md")  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        await settle(pilot)
        time.sleep(0.2)
        await settle(pilot)
    assert no_name((tmp_path / "m.md").read_text())


async def test_the_chair_confirms_each_identifier_before_saving(tmp_path: Path) -> None:
    from tests.appkit import SIZE, press, sample_app, settle
    from tests.test_export_screen import open_export

    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        mid = exec_meeting(app.store)
        add_minutes(app.store, mid, "Seen at 14 Larch Close; DOB 03/01/2016.")
        screen = await open_export(pilot, tmp_path)
        assert screen.document is not None
        assert len(screen.document.findings) == 2
        status = str(screen.query_one("#export-status").render())
        assert "2 possible identifiers" in status and "Larch" not in status
        target = tmp_path / "m.md"
        screen.query_one("#export-path").value = str(target)  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s", "n")  # the first one refused: nothing written
        await settle(pilot)
        assert not target.exists()
        await press(pilot, "ctrl+s", "y", "y")
        await settle(pilot)
        time.sleep(0.2)
        await settle(pilot)
    assert target.exists() and "Larch Close" in target.read_text()
