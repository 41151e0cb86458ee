"""Benchmark: what a baseline adds to each load of the app, and to drawing its lines.

    python bench/bench_baseline.py [N_EVENTS] [--runs 7]

The pair is `bench_diff`'s "some changes": a generated N_EVENTS-event schedule (default
10,000) as the baseline, and a copy edited as planners edit (about 1,200 changes). Medians
of, in the same run:

- the floor: a reload without a baseline (`load_text` + `TimelineRows`, what the load
  worker does on every save), then `baseline_view` (compare + marks + removed rows), which
  a baseline adds to every reload, and the ratio (floor + view) / floor;
- the header's line (`headline_text`: both headline countdowns) and `merged` (the rows
  with the removed ones, under a filter), which run on the event loop;
- every row's line (`row_runs`) at the quarter zoom, without marks and with them.
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_diff import edited, median_ms
from bench.generate_schedule import generate
from tui.app.baseline_view import baseline_view, headline_text
from tui.app.filtering import parse_filter
from tui.app.timeline.lines import background, row_runs
from tui.app.timeline.rows import TimelineRows
from tui.app.timeline.scale import window_for
from tui.diff.baseline_source import Baseline
from tui.schedule.loader import load_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_events", nargs="?", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    base_text = generate(args.n_events)
    new_text = edited(base_text)
    baseline = Baseline("rev1", "rev1.toml", load_text(base_text, "rev1.toml").schedule)

    def reload() -> TimelineRows:
        return TimelineRows(load_text(new_text, "plan.toml").schedule)

    rows = reload()
    schedule = rows.schedule
    assert schedule.headline_deadline is not None
    as_of = schedule.headline_deadline.start_instant - timedelta(days=400)
    view = baseline_view(baseline, rows, as_of)
    floor = median_ms(reload, args.runs)
    compare_ms = median_ms(lambda: baseline_view(baseline, rows, as_of), args.runs)
    header_ms = median_ms(lambda: headline_text(view, as_of), args.runs)
    words = parse_filter("session")
    shown = rows.filtered(words)
    merge_ms = median_ms(lambda: view.merged(rows.all, None), args.runs)
    merge_filtered_ms = median_ms(lambda: view.merged(shown, words), args.runs)
    print(
        f"{args.n_events} events, {len(view.marks)} marked ({len(view.removed)} removed), "
        f"{view.diff.change_count} changes"
    )
    print(
        f"  reload floor {floor:7.1f} ms | baseline_view {compare_ms:6.1f} ms | "
        f"ratio (floor + view) / floor {(floor + compare_ms) / floor:.2f}"
    )
    print(
        f"  header line {header_ms:6.2f} ms | merged (all rows) {merge_ms:6.2f} ms | "
        f"merged (filtered, {len(shown)} rows) {merge_filtered_ms:6.2f} ms"
    )

    merged = view.merged(rows.all, None)
    window = window_for("quarter", 80, as_of.timestamp() / 86400 + 719163, rows.first, rows.last)
    empty = background(window, window.start)

    def lines(marked: bool) -> None:
        marks = view.marks if marked else {}
        for row in merged:
            row_runs(row, window, 30, window.start, empty, 0, marks.get(row.event.id))

    plain_ms = median_ms(lambda: lines(False), args.runs)
    marked_ms = median_ms(lambda: lines(True), args.runs)
    per_line = 1000 * marked_ms / len(merged)
    print(
        f"  every line ({len(merged)}): plain {plain_ms:6.1f} ms | with marks {marked_ms:6.1f} ms"
        f" | ratio {marked_ms / plain_ms:.2f} | {per_line:.1f} µs a line with marks"
    )


if __name__ == "__main__":
    main()
