"""Write the bash and zsh completion scripts from the CLI's own parsers (shtab).

Run at build time (`make completions`); tests/test_cli.py fails when the
committed scripts differ from what this writes, so they never go stale. The
app never imports shtab: completion costs nothing at start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import shtab

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.cli import COMPLETION_FILES, completion_parser  # noqa: E402

FOLDER = REPO / "tui" / "completions"


def scripts() -> dict[str, str]:
    """Each shell's script, as it should be committed."""
    return {shell: shtab.complete(completion_parser(), shell=shell) for shell in COMPLETION_FILES}


def main() -> None:
    FOLDER.mkdir(exist_ok=True)
    for shell, text in scripts().items():
        target = FOLDER / COMPLETION_FILES[shell]
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
