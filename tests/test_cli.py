"""The quorate command: check, --version, refused files, the demo copy."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from store import Store
from store.db.migrations import latest_version
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
    assert first.read_bytes() == SAMPLE.read_bytes()
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    s = Store.open(first)
    s.settings.update(partnership_name="Changed in the demo")
    s.close()
    assert digest(SAMPLE) == before
    # A demo copy no Quorate has open is removed when the next demo starts ...
    second = cli.demo_copy()
    assert second != first and not first.parent.exists()
    # ... and one still open (another window) is kept.
    in_use = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from store.db.probes import claim; "
            "from pathlib import Path; claim(Path(sys.argv[1])); print('held', flush=True); "
            "time.sleep(30)",
            str(second),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert in_use.stdout is not None and in_use.stdout.readline().strip() == "held"
        third = cli.demo_copy()
        assert second.exists() and third.exists()
    finally:
        in_use.kill()
        in_use.wait()
    last = cli.demo_copy()
    assert not second.parent.exists() and not third.parent.exists()
    shutil.rmtree(last.parent)


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
    from tui import crash, run

    def explode(self: object, *args: object, **kwargs: object) -> int:
        child_name = "Zebedee Quartermaine"  # a local that must not reach the log
        raise RuntimeError(f"boom {len(child_name)}")

    monkeypatch.setattr(app_module.QuorateApp, "run", explode)
    monkeypatch.setattr(crash, "write_crash_log", _log_into(tmp_path))
    code = run.run_app(Store.open(sample_path))
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and "details are in" in err[0]
    log = Path(err[0].rsplit(" ", 1)[-1])
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "RuntimeError: boom 20" in text and "Zebedee" not in text


def _log_into(folder: Path):  # type: ignore[no-untyped-def]
    from tui.crash import write_crash_log

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


def test_help_lists_every_command_and_each_has_its_own(tmp_path: Path) -> None:
    top = quorate("--help")
    assert top.returncode == 0
    for command in ("check", "export", "backup"):
        assert f"quorate {command}" in top.stdout
    sub = quorate("export", "minutes", "--help")
    assert (
        sub.returncode == 0 and "--meeting" in sub.stdout and "--accept-identifiers" in sub.stdout
    )


def test_a_mistyped_command_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=30,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 2 and "no command or file 'help'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_status_filter_values(sample_path: Path) -> None:
    good = quorate("export", "actions", str(sample_path), "--status", "in progress")
    assert good.returncode == 0, good.stderr
    assert "In progress" in good.stdout and "| Open |" not in good.stdout
    bad = quorate("export", "actions", str(sample_path), "--status", "bogus")
    assert bad.returncode == 2 and "open, in progress, done, dropped" in bad.stderr
    one = quorate("export", "actions", str(sample_path), "--search", "strategy")
    assert "; 2 actions." in one.stdout, one.stdout[:400]


def test_check_piped_to_head_ends_quietly(sample_path: Path) -> None:
    result = subprocess.run(
        f"{sys.executable} -m tui check {sample_path} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert "Traceback" not in result.stderr and result.stdout.count("\n") == 1


def test_backup_copies_safely_and_never_overwrites(sample_path: Path, tmp_path: Path) -> None:
    dest = tmp_path / "copy.db"
    made = quorate("backup", str(sample_path), str(dest))
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert quorate("check", str(dest)).returncode == 0
    again = quorate("backup", str(sample_path), str(dest))
    assert again.returncode == 2 and "already exists" in again.stderr
