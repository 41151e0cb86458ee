"""Run every benchmark in turn (`make bench`): check, export, import, then the app.

Each script prints medians and ratios against a floor measured in the same run; run them
by hand on a quiet machine, never in the test suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = (
    "bench_check.py",
    "bench_export.py",
    "bench_import.py",
    "bench_app.py",
    "bench_edit_app.py",
    "bench_web.py",
)


def main() -> int:
    status = 0
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        result = subprocess.run([sys.executable, str(HERE / script)])
        status = status or result.returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
