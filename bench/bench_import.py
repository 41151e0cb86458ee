"""Benchmark: `docket import` of large calendars, its time and its peak memory.

    python bench/bench_import.py [N_EVENTS ...] [--runs 1]

For each N (default 10,000, 50,000 and 100,000) writes a calendar of N VEVENTs as
Outlook writes them (UID, DTSTAMP, DTSTART and DTEND with a TZID, SUMMARY, LOCATION,
DESCRIPTION; one VTIMEZONE), and imports it in a fresh subprocess: each run's peak
resident memory is that process's own (`resource.getrusage(RUSAGE_SELF).ru_maxrss`), so
runs do not mix. Prints the time of `import_calendar`, the peak memory, the memory the
interpreter and the importer's modules take before the import (the baseline), and the
ratio of what the import added to the size of the file. The floor, measured the same way
in the same run: icalendar alone parsing the whole file (`Calendar.from_ical`), which
the import once did before anything else. Run by hand on a quiet machine, never in the
test suite.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

VTIMEZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n"
    "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
)

#: Run in the subprocess: the baseline after the imports, then the import, as JSON.
CHILD = """
import json, resource, sys, time
from icalendar import Calendar
from tui.ical.importing import import_calendar
import tui.schedule.loader
data = open(sys.argv[1], "rb").read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
began = time.perf_counter()
if sys.argv[2] == "floor":
    events = len(Calendar.from_ical(data).events)
else:
    events = import_calendar(data, source_name="bench.ics").event_count
seconds = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "base_kb": base, "peak_kb": peak, "events": events}))
"""


def calendar(count: int) -> bytes:
    """N VEVENTs one hour each on working days from 2024, in one Windows-named zone."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//import//EN"]
    head = "\r\n".join(lines) + "\r\n" + VTIMEZONE
    parts = [head]
    for number in range(count):
        day, hour = divmod(number, 8)
        year, rest = divmod(day, 240)
        month, mday = divmod(rest, 20)
        stamp = f"{2024 + year % 900:04d}{month + 1:02d}{mday + 1:02d}"
        parts.append(
            "BEGIN:VEVENT\r\n"
            f"UID:{number:08d}-bench-4a1e@example.com\r\n"
            "DTSTAMP:20240101T000000Z\r\n"
            f"DTSTART;TZID=W. Europe Standard Time:{stamp}T{9 + hour:02d}0000\r\n"
            f"DTEND;TZID=W. Europe Standard Time:{stamp}T{9 + hour:02d}5000\r\n"
            f"SUMMARY:Working group {number % 97}\r\n"
            f"LOCATION:Room {number % 13}\\, Palais\r\n"
            "DESCRIPTION:Agenda item\r\n"
            "END:VEVENT\r\n"
        )
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode()


def measure(path: Path, what: str = "import") -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), what],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    ).stdout
    return dict(json.loads(output.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[10_000, 50_000, 100_000])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    names = ("events", "file MB", "seconds", "peak MB", "added MB", "ratio", "floor s", "floor x")
    print(" ".join(f"{name:>9}" for name in names))
    with tempfile.TemporaryDirectory() as folder:
        for count in args.counts:
            path = Path(folder, f"bench-{count}.ics")
            path.write_bytes(calendar(count))
            size = path.stat().st_size
            row: list[float] = []
            for what in ("import", "floor"):
                runs = [measure(path, what) for _ in range(args.runs)]
                peak = statistics.median(run["peak_kb"] for run in runs) * 1024
                added = peak - statistics.median(run["base_kb"] for run in runs) * 1024
                row += [statistics.median(run["seconds"] for run in runs), peak, added]
            seconds, peak, added, floor_seconds, _, floor_added = row
            print(
                f"{count:>9,} {size / 1e6:>9.1f} {seconds:>9.2f} {peak / 1e6:>9.0f} "
                f"{added / 1e6:>9.0f} {added / size:>9.1f} {floor_seconds:>9.2f} "
                f"{floor_added / size:>9.1f}"
            )


if __name__ == "__main__":
    main()
