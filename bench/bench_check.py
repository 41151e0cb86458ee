"""`docket check` against `tomllib.loads` alone, on generated schedules.

    python bench/bench_check.py [--runs 7]

The spec asks for `check` to be faster than the standard library merely parsing the same
text. Two measures, both medians of several runs in this one process/run:
- in-process: `load_text` (parse, validate, build the model, warnings) vs `tomllib.loads`;
- whole command: `python -m tui check FILE` vs `python -c "tomllib.loads(...)"`.
Also reports growth from 10,000 to 50,000 events (should be about 5x: linear).

    python bench/bench_check.py --errors [--runs 3]

Files full of errors instead: 10,000 and 20,000 of each kind, each located and reported
(unknown tables, venues without a zone, events naming unknown venues among as many
declared ones). Locating each by a scan of the file made the time grow as the square
(20,000 unknown tables took 18 s); the 2x/1x ratio should be about 2.
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
from tui.core.errors import ScheduleError
from tui.schedule.loader import load_text

_HEAD = '[schedule]\nid = "t"\ntitle = "T"\n\n'
#: Files with n errors of one kind each.
ERROR_FILES = {
    "unknown tables": lambda n: _HEAD + "".join(f"[t{i}]\nx = 1\n\n" for i in range(n)),
    "venues without a zone": lambda n: (
        _HEAD + "".join(f'[venues.v{i}]\nname = "V{i}"\n\n' for i in range(n))
    ),
    "unknown venues among as many": lambda n: (
        _HEAD
        + "".join(f'[venues.v{i}]\nname = "V"\ntimezone = "UTC"\n' for i in range(n))
        + "".join(
            f'[[events]]\nid = "e{i}"\nkind = "meeting"\ntitle = "E"\nstart = 2024-03-05\n'
            f'venue = "w{i}x"\n'
            for i in range(n)
        )
    ),
}


def median_ms(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _report(text: str) -> int:
    try:
        load_text(text, "errors.toml")
    except ScheduleError as error:
        return len(error.errors)
    return 0


def errors(runs: int) -> None:
    """Time to report 10,000 and 20,000 located errors, and the ratio of the two."""
    for name, make in ERROR_FILES.items():
        times = {}
        for n in (10_000, 20_000):
            text = make(n)
            reported = _report(text)
            assert reported >= n, (name, reported)
            times[n] = median_ms(lambda t=text: _report(t), runs)
            print(f"{name:>30}: {n:>6} errors {times[n]:8.1f} ms", flush=True)
        print(f"{name:>30}: 20k/10k = {times[20_000] / times[10_000]:.2f} (linear = 2)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--errors", action="store_true", help="time files full of errors")
    args = parser.parse_args()
    if args.errors:
        errors(args.runs)
        return
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
