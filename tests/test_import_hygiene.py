"""What importing the store brings with it, checked at run time in a fresh
interpreter (the import contracts check the source; this checks what Python
really loads, lazy imports and plugins included)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

EVERY_MODULE = """
import importlib, json, pkgutil, sys, types
if {alone!r}:
    # The package's parents stand empty, so only the package itself is loaded
    # (store/__init__.py opens SQLite; store.domain must do without it).
    parent = types.ModuleType("store")
    parent.__path__ = ["store"]
    sys.modules["store"] = parent
import {package}
names = sorted(
    m.name for m in pkgutil.walk_packages({package}.__path__, "{package}.")
)
for name in names:
    importlib.import_module(name)
print(json.dumps({{"modules": names, "loaded": sorted(sys.modules)}}))
"""


def imported_with(package: str, *, alone: bool = False) -> tuple[list[str], set[str]]:
    """Every module of ``package`` imported; the modules it took to do so."""
    out = subprocess.run(
        [sys.executable, "-c", EVERY_MODULE.format(package=package, alone=alone)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    found = json.loads(out.stdout)
    return found["modules"], {name.split(".")[0] for name in found["loaded"]}


def test_the_whole_store_loads_no_terminal_ui() -> None:
    modules, loaded = imported_with("store")
    # The walk really found the store's parts, its database code and its rules.
    for name in ("store.actions", "store.db.unit", "store.domain.workdays", "store.exports.writer"):
        assert name in modules
    assert not loaded & {"textual", "rich", "screens", "tui"}


def test_the_rules_load_no_database() -> None:
    modules, loaded = imported_with("store.domain", alone=True)
    assert "store.domain.redact.redactor" in modules and "store.domain.quorum" in modules
    assert not loaded & {"sqlite3", "_sqlite3", "sqlite_utils", "textual", "rich"}


def test_the_screens_load_no_sqlite_of_their_own() -> None:
    # The store brings sqlite3 (it must); the screens must not bring sqlite_utils
    # at import (the first frame would wait for it) nor the sample builder.
    modules, loaded = imported_with("screens")
    assert "screens.meetings.live" in modules
    assert "sqlite_utils" not in loaded
