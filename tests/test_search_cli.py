"""``quorate search``: redacted by default, filters, refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from store import Store
from store.search import KINDS
from tests.conftest import REPO
from tui import search_command


def quorate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def typed(sample_path: Path) -> tuple[Path, str, str]:
    """The sample with a registered child's real name typed into an item's minutes:
    the file, the name and its pseudonym."""
    s = Store.open(sample_path)
    person = s.register.all()[0]
    item = int(s.unit.scalar("SELECT min(id) FROM agenda_items"))
    s.live.save_minutes(item, f"The lyrebirdword plan for {person.real_name} was agreed.")
    s.close()
    return sample_path, person.real_name, person.pseudonym


def test_the_kinds_are_the_stores() -> None:
    assert search_command.KIND_CHOICES == KINDS


def test_redacted_by_default(typed: tuple[Path, str, str]) -> None:
    path, name, pseudonym = typed
    result = quorate("search", str(path), "lyrebirdword")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Minutes (1)\n")
    assert f"**lyrebirdword** plan for {pseudonym}" in result.stdout
    for part in name.replace("-", " ").split():
        assert part not in result.stdout


def test_a_name_searched_for_shows_as_its_pseudonym(typed: tuple[Path, str, str]) -> None:
    path, name, pseudonym = typed
    result = quorate("search", str(path), name)
    assert result.returncode == 0, result.stderr
    assert pseudonym in result.stdout
    for part in name.replace("-", " ").split():
        assert part not in result.stdout


def test_unredacted_shows_the_name(typed: tuple[Path, str, str]) -> None:
    path, name, _ = typed
    result = quorate("search", str(path), "lyrebirdword", "--unredacted")
    assert result.returncode == 0, result.stderr
    assert name in result.stdout


def test_kind_and_since_filter(sample_path: Path) -> None:
    every = quorate("search", str(sample_path), "safeguarding", "--limit", "500")
    assert "Minutes (" in every.stdout and "Decisions (" in every.stdout
    decisions = quorate("search", str(sample_path), "safeguarding", "--kind", "decision")
    assert decisions.returncode == 0, decisions.stderr
    headings = [line for line in decisions.stdout.splitlines() if not line.startswith(" ")]
    assert len(headings) == 1 and headings[0].startswith("Decisions (")
    since = quorate("search", str(sample_path), "safeguarding", "--since", "2026-11-01",
                    "--limit", "500")  # fmt: skip
    days = [line.split()[0] for line in since.stdout.splitlines() if line.startswith("  2")]
    assert days and min(days) >= "2026-11-01"
    assert len(since.stdout) < len(every.stdout)


def test_a_bad_date_is_one_line_exit_2(sample_path: Path) -> None:
    result = quorate("search", str(sample_path), "neglect", "--since", "31 Febtember")
    assert result.returncode == 2
    assert result.stderr.startswith("quorate: --since:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_nothing_found_exit_1(sample_path: Path) -> None:
    result = quorate("search", str(sample_path), '"', "NEAR(", "*")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_a_read_only_file_searches_what_is_indexed(
    typed: tuple[Path, str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, _, _ = typed  # migrated, its minutes typed but not indexed
    # As if the file could not be written (chmod does not stop root, who runs CI).
    monkeypatch.setattr(search_command.os, "access", lambda *_: False)
    assert search_command.search([str(path), "lyrebirdword"]) == 1
    assert "read-only: searched what is indexed (" in capsys.readouterr().err
    monkeypatch.undo()
    s = Store.open(path)
    s.search.catch_up()
    s.close()
    monkeypatch.setattr(search_command.os, "access", lambda *_: False)
    assert search_command.search([str(path), "lyrebirdword"]) == 0
    out = capsys.readouterr()
    assert "Minutes (1)" in out.out
    assert "not yet indexed" not in out.err
