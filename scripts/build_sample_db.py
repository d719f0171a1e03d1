"""Rebuild sample.db from store/sample/partnership.toml: python scripts/build_sample_db.py [PATH]."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.sample.builder import build_sample

if __name__ == "__main__":
    target = build_sample(sys.argv[1] if len(sys.argv) > 1 else "sample.db")
    print(f"wrote {target}")
