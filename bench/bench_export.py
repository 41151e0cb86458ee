"""Benchmark: `docket export` against icalendar building and serialising bare VEVENTs.

    python bench/bench_export.py [N_EVENTS] [--runs 5]

On a generated schedule of N_EVENTS events (default 10,000; bench/generate_schedule.py),
times our export (filters, meeting blocks, VTIMEZONEs, every property, serialisation) and,
as the floor measured in the same run, icalendar building the same number of bare VEVENTs
(UID, DTSTAMP, DTSTART, DTEND, SUMMARY) in a Calendar and serialising it. Prints the
median of each and their ratio; the target is a ratio of at most 1.25. Loading the TOML
is not timed (it is the loader's benchmark).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from icalendar import Calendar, Event

from bench.generate_schedule import generate
from tui.ical.export import export_bytes, vevent_count
from tui.schedule.loader import load_text

TARGET = 1.25
STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def bare_export(count: int) -> bytes:
    """The floor: icalendar building and serialising `count` bare VEVENTs."""
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", "-//bench//bare//EN")
    first = datetime(2022, 1, 3, 10, tzinfo=UTC)
    for number in range(count):
        event = Event()
        event.add("UID", f"event-{number}@bench")
        event.add("DTSTAMP", STAMP)
        event.add("DTSTART", first + timedelta(hours=number))
        event.add("DTEND", first + timedelta(hours=number, minutes=30))
        event.add("SUMMARY", f"Event {number}")
        calendar.add_component(event)
    return calendar.to_ical()


def timed(function, *args, **kwargs) -> tuple[float, object]:
    began = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - began, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_events", nargs="?", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    schedule = load_text(generate(args.n_events), "generated.toml").schedule
    data = export_bytes(schedule, dtstamp=STAMP)
    count = vevent_count(data)
    ours, floor = [], []
    for _ in range(args.runs):  # interleaved, so drift on a noisy machine hits both alike
        ours.append(timed(export_bytes, schedule, dtstamp=STAMP)[0])
        floor.append(timed(bare_export, count)[0])
    ratio = statistics.median(ours) / statistics.median(floor)
    print(f"schedule: {args.n_events} events -> {count} VEVENTs, {len(data) / 1e6:.1f} MB")
    print(f"docket export:        median {statistics.median(ours):.3f} s of {args.runs}")
    print(f"icalendar bare floor: median {statistics.median(floor):.3f} s of {args.runs}")
    print(f"ratio: {ratio:.2f} (target <= {TARGET})  {'OK' if ratio <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
