"""Benchmark: `docket diff` of two generated schedules, against loading them.

    python bench/bench_diff.py [N_EVENTS] [--runs 7]

Two pairs of N_EVENTS-event schedules (default 10,000; bench/generate_schedule.py):

- **some changes**: the generated schedule and a copy edited as planners edit: every 30th
  session a week later, every 25th event postponed, every 35th at another venue, every
  40th retitled, every 200th removed (about 1,200 changes);
- **all changed**: seeds 0 and 1, whose events share ids but little else (nearly every
  event changes kind, dates, venue or text).

For each pair, medians of: the floor, loading both texts (`load_text` twice: parse,
validate, build, warnings — what any diff must do first, measured in the same run);
`compare` alone; the report (sentences and JSON); and the whole in-process diff (load both
+ compare + report), with its ratio to the floor. Then the whole `docket diff` process
against `docket check -q` of the same two files (which also loads both).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate_schedule import generate
from tui.diff.compare import compare
from tui.diff.json_report import as_json
from tui.diff.report import text_lines
from tui.schedule.loader import load_text

_DATE = re.compile(r"^(start|end) = (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def median_ms(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def _later(match: re.Match[str]) -> str:
    day = date.fromisoformat(match.group(2)) + timedelta(days=7)
    return f"{match.group(1)} = {day.isoformat()}"


def edited(text: str) -> str:
    """The generated text with a planner's edits (see the module docstring)."""
    head, *blocks = text.split("[[events]]")
    out = []
    for number, block in enumerate(blocks[:-1], start=1):  # the headline deadline stays
        if number % 200 == 0:
            continue
        if number % 30 == 0 and 'kind = "session"' in block:
            block = _DATE.sub(_later, block)
        if number % 25 == 0:
            block = re.sub(r"^status = .*\n", "", block, flags=re.MULTILINE)
            block = block.replace("\ntitle = ", '\nstatus = "postponed"\ntitle = ', 1)
        if number % 35 == 0:
            block = re.sub(r'^venue = ".*"$', 'venue = "geneva"', block, flags=re.MULTILINE)
        if number % 40 == 0:
            block = re.sub(r'^title = "', 'title = "Renamed ', block, count=1, flags=re.MULTILINE)
        out.append(block)
    out.append(blocks[-1])
    return head + "".join("[[events]]" + block for block in out)


def measure(label: str, old_text: str, new_text: str, runs: int) -> None:
    def load_both() -> tuple[object, object]:
        return load_text(old_text, "old.toml").schedule, load_text(new_text, "new.toml").schedule

    old, new = load_text(old_text, "old").schedule, load_text(new_text, "new").schedule
    as_of = old.headline_deadline.start_instant - timedelta(days=400)  # type: ignore[union-attr]
    result = compare(old, new, as_of)

    def report() -> None:
        text_lines(result, "old.toml", "new.toml")
        as_json(result, "old.toml", "new.toml")

    def whole() -> None:
        a, b = load_both()
        report_of = compare(a, b, as_of)  # type: ignore[arg-type]
        text_lines(report_of, "old.toml", "new.toml")
        as_json(report_of, "old.toml", "new.toml")

    floor = median_ms(load_both, runs)
    compare_ms = median_ms(lambda: compare(old, new, as_of), runs)
    report_ms = median_ms(report, runs)
    whole_ms = median_ms(whole, runs)
    print(
        f"{label}: {len(old.events)} vs {len(new.events)} events, "
        f"{result.change_count} changes in {len(result.events)} events"
    )
    print(
        f"  floor (load both) {floor:7.1f} ms | compare {compare_ms:7.1f} ms | "
        f"report {report_ms:7.1f} ms | whole diff {whole_ms:7.1f} ms | "
        f"ratio whole/floor {whole_ms / floor:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_events", nargs="?", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    base = generate(args.n_events)
    # The edited copy sends some events to Geneva, which the generator may not have defined.
    some = edited(base)
    if "[venues.geneva]" not in some:
        raise SystemExit("the generator no longer defines a Geneva venue")
    measure("some changes", base, some, args.runs)
    other = generate(args.n_events, seed=1)
    measure("all changed", base, other, args.runs)

    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = Path(tmp) / "old.toml", Path(tmp) / "new.toml"
        old_path.write_text(base, encoding="utf-8")
        new_path.write_text(some, encoding="utf-8")
        command = [sys.executable, "-m", "tui"]
        check = [*command, "check", "-q", str(old_path), str(new_path)]
        diff = [*command, "diff", str(old_path), str(new_path)]
        check_ms = median_ms(lambda: subprocess.run(check, capture_output=True), args.runs)
        diff_ms = median_ms(lambda: subprocess.run(diff, capture_output=True), args.runs)
        print(
            f"whole process, some changes: docket check -q (both files) {check_ms:7.1f} ms | "
            f"docket diff {diff_ms:7.1f} ms | ratio {diff_ms / check_ms:.2f}"
        )


if __name__ == "__main__":
    main()
