"""Generate a large, valid schedule TOML for the benchmarks.

    python bench/generate_schedule.py 10000 big.toml [--seed 0]

`generate(n_events, seed)` returns the text: exactly `n_events` events over five venues in
different zones, laid end to end so no two sessions overlap, starting and ending on working
days (so `docket check` finds no warnings), with a mix of every kind, meeting hours, timed
meetings, venue holidays inside sessions, tags and notes. The last event is the headline
deadline. The same (n_events, seed) always gives the same text.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

VENUES: dict[str, tuple[str, str, str, str]] = {
    # id: (name, city, country, zone)
    "new-york": ("United Nations Headquarters", "New York", "United States", "America/New_York"),
    "vienna": ("Vienna International Centre", "Vienna", "Austria", "Europe/Vienna"),
    "geneva": ("Palais des Nations", "Geneva", "Switzerland", "Europe/Zurich"),
    "nairobi": ("United Nations Office at Nairobi", "Nairobi", "Kenya", "Africa/Nairobi"),
    "bangkok": ("United Nations Conference Centre", "Bangkok", "Thailand", "Asia/Bangkok"),
}

#: Relative weights of the kinds of event generated.
KIND_WEIGHTS = {"session": 4, "consultation": 2, "meeting": 2, "deadline": 1, "milestone": 1}

TAGS = ("substantive", "intersessional", "informal", "plenary", "working-group", "budget")


def _q(text: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these ASCII texts)."""
    return json.dumps(text, ensure_ascii=False)


def _next_working_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _working_days_from(start: date, count: int, skip: set[date]) -> list[date]:
    """The first `count` working days from `start` (a working day), not counting `skip`."""
    days: list[date] = []
    day = start
    while len(days) < count:
        if day.weekday() < 5 and day not in skip:
            days.append(day)
        day += timedelta(days=1)
    return days


@dataclass
class _Builder:
    rng: random.Random
    cursor: date = date(2022, 1, 3)
    holidays: dict[str, list[date]] = field(default_factory=lambda: {v: [] for v in VENUES})
    blocks: list[str] = field(default_factory=list)
    #: Start every event but the last on the Saturday before (a warning each, and sessions
    #: that overlap): the realistic warning density that takes the loader's slow path.
    dense_warnings: bool = False

    def add(self, number: int, kind: str) -> None:
        venue = self.rng.choice(list(VENUES))
        tag = self.rng.choice(TAGS)
        lines = [
            "[[events]]",
            f'id = "{kind}-{number}"',
            f'kind = "{kind}"',
            f"title = {_q(f'{kind.title()} {number} ({VENUES[venue][1]})')}",
        ]
        start = _next_working_day(self.cursor)
        if self.dense_warnings and kind != "deadline":
            start -= timedelta(days=start.weekday() + 2)
        if kind == "session":
            # A working week (short, so 50,000 events stay within the years docket accepts);
            # sometimes a venue holiday on the third day, which pushes the end on.
            holiday: set[date] = set()
            if self.rng.random() < 0.2:
                third = _working_days_from(start, 3, set())[-1]
                holiday = {third}
                self.holidays[venue].append(third)
            end = _working_days_from(start, 5, holiday)[-1]
            lines += [f"start = {start}", f"end = {end}"]
            lines.append('hours = ["10:00-13:00", "15:00-18:00"]')
            self.cursor = end + timedelta(days=3)
        elif kind == "consultation":
            end = _working_days_from(start, 2, set())[-1]
            lines += [f"start = {start}", f"end = {end}", 'hours = ["10:00-13:00"]']
            self.cursor = end + timedelta(days=1)
        elif kind == "meeting":
            hour = self.rng.choice((9, 10, 14, 15))
            lines += [f"start = {start}T{hour:02d}:00:00", f"end = {start}T{hour + 2:02d}:00:00"]
            self.cursor = start + timedelta(days=1)
        else:  # deadline or milestone: a point, on the same day as what comes next
            lines.append(f"start = {start}")
        lines += [f'venue = "{venue}"', f"tags = [{_q(tag)}]"]
        if self.rng.random() < 0.1:
            lines.append('status = "tentative"')
        if self.rng.random() < 0.3:
            lines.append(f'url = "https://example.org/events/{kind}-{number}"')
        if self.rng.random() < 0.5:
            lines.append(f"notes = {_q(f'Generated {kind} number {number}; room {number % 40}.')}")
        self.blocks.append("\n".join(lines))


def generate(n_events: int, seed: int = 0, *, dense_warnings: bool = False) -> str:
    """A valid schedule TOML of exactly `n_events` events (at least 1); deterministic per
    seed. `dense_warnings`: about one warning per event (`_Builder.dense_warnings`)."""
    if n_events < 1:
        raise ValueError("n_events must be at least 1")
    builder = _Builder(random.Random(seed), dense_warnings=dense_warnings)
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    for number in range(1, n_events):
        builder.add(number, builder.rng.choices(kinds, weights)[0])
    builder.add(n_events, "deadline")  # last, so no session ends after the headline deadline

    out = [
        f"# Generated by bench/generate_schedule.py: {n_events} events, seed {seed}.",
        "",
        "[schedule]",
        f'id = "generated-{n_events}-{seed}"',
        f"title = {_q(f'Generated schedule of {n_events} events')}",
        'timezone = "Europe/Vienna"',
        f'deadline = "deadline-{n_events}"',
        "",
    ]
    for venue_id, (name, city, country, zone) in VENUES.items():
        out += [
            f"[venues.{venue_id}]",
            f"name = {_q(name)}",
            f"city = {_q(city)}",
            f"country = {_q(country)}",
            f"timezone = {_q(zone)}",
        ]
        if builder.holidays[venue_id]:
            out.append(f"holidays = [{', '.join(str(d) for d in builder.holidays[venue_id])}]")
        out.append("")
    out.append("\n\n".join(builder.blocks))
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a generated schedule TOML.")
    parser.add_argument("n_events", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dense-warnings", action="store_true", help="a warning per event")
    args = parser.parse_args()
    text = generate(args.n_events, args.seed, dense_warnings=args.dense_warnings)
    args.path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
