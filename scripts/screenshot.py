"""Save the README screenshot: the app itself renders docs/screenshot.svg.

python scripts/screenshot.py [KEYS...]   (e.g. `m` for the meetings list)

The app runs as the snapshot tests run it (tests/appkit.py): on a private copy
of sample.db with the clock frozen, keys pressed one at a time, cursors still.
"""

import asyncio
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.appkit import sample_app, steps  # noqa: E402


async def main(keys: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = sample_app(Path(folder))
        async with app.run_test(size=(120, 32)) as pilot:
            await steps(*keys)(pilot)
            app.save_screenshot(str(REPO / "docs" / "screenshot.svg"))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
