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
INSIDE_THE_STORE = "inside the store: parts over the database over the rules"
INSIDE_THE_SCREENS = "inside the screens: areas over the common screens over the widgets"
THROUGH_THE_PARTS = "screens reach the file only through the store's parts"


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
        ("store/domain/bad.py", "import sqlite3\n", "the rules touch no database"),
        ("store/domain/bad.py", "import store.db.unit\n", "the rules touch no database"),
        ("store/db/bad.py", "import store.actions\n", INSIDE_THE_STORE),
        ("store/dashboard.py", "import store.exports\n", INSIDE_THE_STORE),
        ("screens/bad.py", "import sqlite_utils\n", THROUGH_THE_PARTS),
        ("screens/bad.py", "from store.db.unit import Unit\n", THROUGH_THE_PARTS),
        ("screens/widgets/bad.py", "import screens.common.base\n", INSIDE_THE_SCREENS),
        ("screens/common/bad.py", "import screens.meetings.live\n", INSIDE_THE_SCREENS),
        (
            "tui/bad.py",
            "import store.sample.builder\n",
            "the app never builds the sample at run time",
        ),
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


@pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed")
def test_the_project_keeps_every_contract() -> None:
    result = subprocess.run([str(LINT)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    assert "7 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("package", "contract"), [("store", INSIDE_THE_STORE), ("screens", INSIDE_THE_SCREENS)]
)
def test_every_module_of_a_package_is_in_a_layer(package: str, contract: str) -> None:
    """A module that no layer names would escape the contract."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    [inside] = [c for c in config["contracts"] if c["name"] == contract]
    named = {part.strip() for layer in inside["layers"] for part in re.split("[:|]", layer)}
    found = {
        path.stem if path.is_file() else path.name
        for path in (REPO / package).iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    assert found == named
