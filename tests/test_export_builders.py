"""The documents are built in store/exports/minutes.py, action_log.py and
decisions_log.py, and only built: the writer is the one path to a file.

``test_circulation.test_only_the_writer_writes_a_document_file`` checks that
nothing but the writer calls ``write_private``; this checks the builders touch no
file in any other way either, and that each request is built by its own module.
"""

from __future__ import annotations

import ast
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from store import Store
from store.actions import ActionQuery
from store.exports import (
    ActionLog,
    DecisionsLog,
    Minutes,
    action_log,
    decisions_log,
    minutes,
    prepare,
)
from tests.conftest import REPO
from tests.test_export import exec_meeting

EXPORTS = REPO / "store" / "exports"
BUILDERS = (
    "builder.py",
    "minutes.py",
    "action_log.py",
    "decisions_log.py",
    "rapid_review.py",
    "escalations.py",
)
# Calls that reach a file (open(), Path.write_text, the database's own file
# helpers), and the modules that do (os.replace, tempfile, shutil ...).
FILE_CALLS = {
    "open",
    "write_text",
    "write_bytes",
    "write_private",
    "rename",
    "mkstemp",
    "NamedTemporaryFile",
    "fdopen",
    "chmod",
}
FILE_MODULES = {"os", "io", "shutil", "tempfile", "pathlib", "store.db.files", "store.db"}


def test_the_exports_package_holds_the_writer_and_the_builders_only() -> None:
    # streamed.py is the writer's own path for the logs (reached only from writer.py:
    # tests/test_export_streamed.py), so it is not a builder.
    here = {p.name for p in EXPORTS.glob("*.py")} - {"__init__.py", "writer.py", "streamed.py"}
    assert here == set(BUILDERS)


@pytest.mark.parametrize("module", BUILDERS)
def test_a_builder_touches_no_file(module: str) -> None:
    tree = ast.parse((EXPORTS / module).read_text())
    calls, imports = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in FILE_CALLS:
                calls.append(f"{name} (line {node.lineno})")
        elif isinstance(node, ast.Import):
            imports += [a.name for a in node.names if a.name.split(".")[0] in FILE_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module in FILE_MODULES or node.module.split(".")[0] in FILE_MODULES:
                imports.append(node.module)
    assert calls == [], calls
    assert imports == [], imports


@pytest.mark.parametrize(
    ("module", "builder"),
    [
        (minutes, "minutes_markdown"),
        (action_log, "actions_markdown"),
        (decisions_log, "decisions_markdown"),
    ],
    ids=["minutes", "action log", "decisions log"],
)
def test_each_request_is_built_by_its_own_module(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch, module: ModuleType, builder: str
) -> None:
    store = Store.open(sample_path)
    try:
        mid = exec_meeting(store)
        request, arguments = {
            minutes: (Minutes(mid), (mid,)),
            action_log: (ActionLog(), (ActionQuery(),)),
            decisions_log: (DecisionsLog(), ("", None)),
        }[module]
        real = getattr(module, builder)
        calls: list[bool] = []

        def counting(*args: Any, redact: bool = True) -> str:
            calls.append(redact)
            text: str = real(*args, redact=redact)
            return text

        monkeypatch.setattr(module, builder, counting)
        document = prepare(store, request)
        assert calls == [True]
        assert document.text == real(store, *arguments, redact=True)
    finally:
        store.close()
