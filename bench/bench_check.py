"""`docket check` against `tomllib.loads` alone, on generated schedules.

    python bench/bench_check.py [--runs 7]

The spec asks for `check` to be faster than the standard library merely parsing the same
text. Two measures, both medians of several runs in this one process/run:
- in-process: `load_text` (parse, validate, build the model, warnings) vs `tomllib.loads`;
- whole command: `python -m tui check FILE` vs `python -c "tomllib.loads(...)"`.
Also reports growth from 10,000 to 50,000 events (should be about 5x: linear).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate_schedule import generate
from tui.schedule.loader import load_text


def median_ms(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    results = {}
    floors = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (10_000, 50_000):
            text = generate(n)
            path = Path(tmp) / f"gen-{n}.toml"
            path.write_text(text, encoding="utf-8")
            baseline = median_ms(lambda t=text: tomllib.loads(t), args.runs)
            ours = median_ms(lambda t=text: load_text(t, "gen.toml"), args.runs)
            results[n] = ours
            floors[n] = baseline
            print(
                f"{n:>6} events ({len(text) / 1e6:.1f} MB): tomllib.loads {baseline:7.1f} ms | "
                f"docket load+validate {ours:7.1f} ms | ratio {ours / baseline:.2f}"
            )
            if n == 10_000:
                cmd_base = [
                    sys.executable,
                    "-c",
                    f"import tomllib; tomllib.loads(open({str(path)!r}, encoding='utf-8').read())",
                ]
                cmd_ours = [sys.executable, "-m", "tui", "check", "-q", str(path)]
                base_p = median_ms(lambda c=cmd_base: subprocess.run(c, check=True), args.runs)
                ours_p = median_ms(
                    lambda c=cmd_ours: subprocess.run(c, check=True, capture_output=True), args.runs
                )
                print(
                    f"       whole process: python+tomllib {base_p:7.1f} ms | "
                    f"docket check {ours_p:7.1f} ms | ratio {ours_p / base_p:.2f}"
                )
    print(
        f"growth 10k -> 50k events: {results[50_000] / results[10_000]:.2f}x "
        f"(linear = 5x; tomllib.loads in the same run: {floors[50_000] / floors[10_000]:.2f}x)"
    )


if __name__ == "__main__":
    main()
