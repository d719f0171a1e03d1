"""What every ``quorate`` command shares: the one-line refusal and the mark on a
file argument for the completion scripts. Imports nothing heavy."""

from __future__ import annotations

import argparse
import sys

EXIT_REFUSED = 2


def refused(problem: Exception | str) -> int:
    """Say why in one line on stderr; the exit code for a refused file."""
    print(f"quorate: {problem}", file=sys.stderr)
    return EXIT_REFUSED


# What shtab completes a file argument with (shtab.FILE), spelt here so the CLI
# never imports shtab: the completion scripts are made at build time.
FILE_COMPLETION = {"bash": "_shtab_compgen_files", "zsh": "_files"}


def files(action: argparse.Action) -> argparse.Action:
    """Mark an argument as a file name for the completion scripts."""
    action.complete = FILE_COMPLETION  # type: ignore[attr-defined]
    return action
