"""Judging the bundled schedule's rules, against loading it, in the same run.

    python bench/bench_rules.py [--runs 21]

The app judges the rules on every load (and, with editing, on every key), so this reports
the median of `evaluate` on the bundled schedule and its ratio to `load_path` of the same
file: the rules should cost a small fraction of a load. This used to be a timed unit test;
timings belong here, never in the suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.rules import evaluate
from tui.schedule.loader import bundled_schedule_path, load_path


def median_ms(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    path = bundled_schedule_path()
    schedule = load_path(path).schedule
    evaluate(schedule)
    rules = median_ms(lambda: evaluate(schedule), args.runs)
    load = median_ms(lambda: load_path(path), args.runs)
    print(f"bundled: evaluate {rules:.2f} ms, load {load:.2f} ms, ratio {rules / load:.3f}x")


if __name__ == "__main__":
    main()
