"""The quorate command: check, --version, refused files, the demo copy."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from store import Store
from store.migrations import latest_version
from tests.conftest import REPO, SAMPLE, digest
from tests.test_open import CASES, refused_cases
from tui import cli


def quorate(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_version() -> None:
    result = quorate("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "quorate 0.1.0"


def test_check_healthy_sample(sample_path: Path) -> None:
    before = digest(sample_path)
    result = quorate("check", str(sample_path))
    assert result.returncode == 0, result.stderr
    assert "healthy Quorate database" in result.stdout
    assert "partnership: Kestrel Vale Safeguarding Children Partnership" in result.stdout
    assert f"schema version: {latest_version()}" in result.stdout
    assert digest(sample_path) == before


def test_check_does_not_import_textual(sample_path: Path) -> None:
    code = (
        "import sys; from tui.cli import main\n"
        f"rc = main(['check', {str(sample_path)!r}])\n"
        "assert rc == 0\n"
        "assert 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, capture_output=True)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["check", "open"])
def test_refused_files_one_line_exit_2(tmp_path: Path, case: str, command: str) -> None:
    path, _ = refused_cases(tmp_path)[case]
    before = digest(path) if path.is_file() else None
    if command == "check":
        result = quorate("check", str(path))
        returncode, stderr, stdout = result.returncode, result.stderr, result.stdout
    else:  # the app needs a terminal, so it is opened in one
        from tests.support.ptyterm import PtyTerminal

        with PtyTerminal([sys.executable, "-m", "tui", str(path)], cwd=REPO) as term:
            returncode, _ = term.wait(timeout=30)
            stderr, stdout = term.transcript(), ""
    assert returncode == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("quorate: "), stderr
    assert "needs a terminal" not in stderr
    assert "Traceback" not in stderr and stdout == ""
    if before is not None:
        assert digest(path) == before


def test_check_reports_a_locked_file(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "busy.db"
    Store.open(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = quorate("check", str(path))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.returncode == 2
    assert "locked by another program" in result.stderr


def test_demo_copy_is_fresh_and_private(tmp_path: Path) -> None:
    before = digest(SAMPLE)
    first = cli.demo_copy()
    second = cli.demo_copy()
    assert first != second and first.read_bytes() == SAMPLE.read_bytes()
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    s = Store.open(first)
    s.update_settings(partnership_name="Changed in the demo")
    s.close()
    assert digest(SAMPLE) == before


def test_default_database_lives_in_a_private_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = cli.default_database()
    assert path.parent == tmp_path / "data" / "quorate"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_run_app_reports_a_crash_in_one_line(
    sample_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tui import app as app_module
    from tui import run

    def explode(self: object, *args: object, **kwargs: object) -> int:
        child_name = "Zebedee Quartermaine"  # a local that must not reach the log
        raise RuntimeError(f"boom {len(child_name)}")

    monkeypatch.setattr(app_module.QuorateApp, "run", explode)
    monkeypatch.setattr(app_module, "write_crash_log", _log_into(tmp_path))
    code = run.run_app(Store.open(sample_path))
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and "details are in" in err[0]
    log = Path(err[0].rsplit(" ", 1)[-1])
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "RuntimeError: boom 20" in text and "Zebedee" not in text


def _log_into(folder: Path):  # type: ignore[no-untyped-def]
    from tui.app import write_crash_log

    return lambda error, _folder=None: write_crash_log(error, folder)


def test_the_app_with_no_terminal_refuses_in_one_line(sample_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", str(sample_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr
    assert result.stdout == ""
