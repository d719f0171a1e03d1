"""The wheel carries what `quorate --demo` needs when installed, not run from a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO, SAMPLE


def test_wheel_ships_sample_db_and_stylesheets(tmp_path: Path) -> None:
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"),
            *("--no-build-isolation", "--wheel-dir", str(tmp_path / "dist"), str(REPO)),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("quorate-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "store/sample.db" in names
    # The completion scripts: in the package (quorate completion bash) and where
    # bash-completion and zsh look for them.
    assert {"tui/completions/quorate.bash", "tui/completions/_quorate"} <= names
    data = "quorate-0.1.0.data/data/share"
    assert f"{data}/bash-completion/completions/quorate" in names
    assert f"{data}/zsh/site-functions/_quorate" in names
    for tcss in REPO.glob("*/**/*.tcss"):
        assert tcss.relative_to(REPO).as_posix() in names
    metadata = (tmp_path / "site" / next(n for n in names if n.endswith("METADATA"))).read_text()
    assert "License-Expression: MIT" in metadata
    assert "License-File: LICENSE" in metadata
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert "Project-URL: Source, https://github.com/quorate/quorate" in metadata
    assert "Classifier: Programming Language :: Python :: 3 :: Only" in metadata
    assert "Requires-Dist: python-dateutil<5,>=2.9" in metadata
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "quorate = tui.cli:main" in (tmp_path / "site" / entry).read_text()

    # Run from elsewhere, with only the unpacked wheel on the path: the demo
    # copy comes from inside the package.
    code = (
        "from tui.cli import demo_copy, sample_database\n"
        "print(sample_database())\n"
        "from tui.cli import main\n"
        "raise SystemExit(main(['check', str(demo_copy())]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(tmp_path / "site" / "store" / "sample.db")
    assert "Kestrel Vale" in result.stdout
    assert (tmp_path / "site" / "store" / "sample.db").read_bytes() == SAMPLE.read_bytes()


def test_the_dateutil_ci_runs_is_the_one_a_tool_install_resolves() -> None:
    # `pipx install quorate` ignores constraints.txt and takes the newest
    # python-dateutil that our range and holidays' own range both allow: CI must
    # run that one (holidays asks for <3, so it is 2.9, not 4.0).
    from importlib.metadata import requires, version

    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    pinned = next(
        line.split("==")[1]
        for line in (REPO / "constraints.txt").read_text().splitlines()
        if line.startswith("python-dateutil==")
    )
    assert version("python-dateutil") == pinned
    ours = SpecifierSet(">=2.9,<5")
    theirs = next(
        Requirement(r).specifier
        for r in requires("holidays") or []
        if Requirement(r).name == "python-dateutil"
    )
    released = ["2.9.0", "2.9.0.post0", "3.0.0", "4.0.0"]
    newest = max((v for v in released if v in ours and v in theirs), key=Version)
    assert pinned == newest
