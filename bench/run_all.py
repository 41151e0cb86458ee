"""Run every benchmark in turn (`make bench`): every `bench_*.py` beside this file.

Each script prints medians and ratios against a floor measured in the same run; run them
by hand on a quiet machine, never in the test suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Every benchmark here, the quick ones first (a new script is run without being listed).
SCRIPTS = tuple(sorted(p.name for p in HERE.glob("bench_*.py")))


def main() -> int:
    status = 0
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        result = subprocess.run([sys.executable, str(HERE / script)])
        status = status or result.returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
