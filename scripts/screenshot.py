"""Save the README screenshot: the app itself renders docs/screenshot.svg.

python scripts/screenshot.py [KEYS...]   (e.g. `m` for the meetings list)
"""

import asyncio
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.app import QuorateApp  # noqa: E402

NOW = dt.datetime(2026, 11, 27, 14, 30, tzinfo=dt.UTC)


async def main(keys: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "demo.db"
        shutil.copyfile(REPO / "sample.db", copy)
        app = QuorateApp(copy, clock=lambda: NOW)
        async with app.run_test(size=(120, 32)) as pilot:
            if keys:
                await pilot.press(*keys)
            await pilot.pause()
            app.save_screenshot(str(REPO / "docs" / "screenshot.svg"))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
