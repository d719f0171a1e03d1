"""The import contracts in pyproject.toml (run by `make lint`) catch a broken layer."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

LINT = Path(sys.executable).with_name("lint-imports")


def contracts_only() -> str:
    """The [tool.importlinter] tables of the project's pyproject.toml, as written."""
    text = (REPO / "pyproject.toml").read_text()
    start = text.index("[tool.importlinter]")
    following = re.search(r"^\[(?!\[?tool\.importlinter)", text[start + 1 :], re.M)
    return text[start : start + 1 + following.start()] if following else text[start:]


@pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed")
@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("store/bad.py", "import screens.common.base\n", "tui over screens over store"),
        ("screens/bad.py", "import tui.app\n", "tui over screens over store"),
        ("store/bad.py", "import rich.text\n", "the store needs no terminal UI"),
    ],
)
def test_a_wrong_import_breaks_a_contract(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    for package in ("tui", "screens", "store"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("*.db"))
    (tmp_path / module).write_text(line)
    (tmp_path / "pyproject.toml").write_text(contracts_only())
    result = subprocess.run(
        [str(LINT)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode != 0, result.stdout
    assert f"{broken} BROKEN" in result.stdout
