"""`docket export` and `docket import`: calendars out to Outlook and Google, and back in.

icalendar is imported only inside the commands, so neither `docket --help` nor the app's
start-up pays for it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_USAGE,
    as_of_option,
    fail,
    load_or_exit,
    resolve_as_of,
    schedule_argument,
)
from tui.core.errors import DocketError


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option}: {text!r} is not an ISO date such as 2022-09-01", EXIT_USAGE)


@click.command("export")
@schedule_argument()
@click.option("-o", "--output", metavar="PATH|-", help="Where to write (default: <stem>.ics here).")
@click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Only this kind (repeatable).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Only events with this tag.")
@click.option("--venue", "venues", multiple=True, metavar="VENUE", help="Only at this venue id.")
@click.option("--from", "start", metavar="DATE", help="Only events that end on or after DATE.")
@click.option("--to", "end", metavar="DATE", help="Only events that start on or before DATE.")
@click.option(
    "--alarm",
    "alarms",
    multiple=True,
    metavar="DURATION",
    help="A reminder this long before each event: 1w, 1d, 2h, 30m, 1d12h (repeatable).",
)
@click.option(
    "--split",
    type=click.Choice(["year"]),
    help="Write one file per year: <stem>-2022.ics, ... (Google imports at most ~1 MB).",
)
@as_of_option
def export_command(
    schedule: Path | None,
    output: str | None,
    kinds: tuple[str, ...],
    tags: tuple[str, ...],
    venues: tuple[str, ...],
    start: str | None,
    end: str | None,
    alarms: tuple[str, ...],
    split: str | None,
    as_of: str | None,
) -> None:
    """Write an iCalendar (.ics) file of SCHEDULE for Outlook and Google Calendar.

    Filters combine: an event is exported when it matches any --kind given, any --tag
    given, any --venue given, and overlaps --from/--to. Events with meeting hours become
    one calendar entry per meeting block. UIDs derive from the schedule and event ids, so
    a later export updates the same entries. With SOURCE_DATE_EPOCH (or --as-of) set,
    two exports are byte-identical (DTSTAMP comes from it).
    """
    from tui.core.selection import EventSelection
    from tui.core.text import plural
    from tui.ical.alarms import AlarmError, parse_duration
    from tui.ical.export import (
        export_by_year,
        export_bytes,
        size_warning,
        vevent_count,
        write_calendar,
        year_path,
    )

    first, last = _date(start, "--from"), _date(end, "--to")
    if first and last and last < first:
        fail(f"--to {last} is before --from {first}", EXIT_USAGE)
    try:
        durations = [parse_duration(text) for text in alarms]
    except AlarmError as error:
        fail(f"--alarm: {error}", EXIT_USAGE)
    if split and output == "-":
        fail("--split year writes several files: give -o a file name, not -", EXIT_USAGE)

    loaded = load_or_exit(schedule)
    plan = loaded.schedule
    selection = EventSelection(kinds=kinds, tags=tags, venues=venues, start=first, end=last)
    unknown = selection.unknown_value(plan)
    if unknown is not None:
        option, message = unknown
        fail(f"--{option}: {message}", EXIT_USAGE)
    stamp = resolve_as_of(as_of, plan) if as_of is not None else None

    stem = plan.source.stem if plan.source else plan.id
    target = Path(output) if output and output != "-" else Path(f"{stem}.ics")
    files: dict[str | Path, bytes]  # "-" for standard output
    try:
        if split:
            years = export_by_year(plan, selection, alarms=durations, dtstamp=stamp)
            files = {year_path(target, year): data for year, data in years.items()}
        else:
            data = export_bytes(plan, selection, alarms=durations, dtstamp=stamp)
            files = {output if output == "-" else target: data}
        for path, data in files.items():
            write_calendar(path, data)
            where = "standard output" if path == "-" else str(path)
            entries = plural(vevent_count(data), "calendar entry", "calendar entries")
            click.echo(f"wrote {where}: {entries}", err=path == "-")
            warning = size_warning(data)
            if warning:
                click.echo(f"docket: warning: {where}: {warning}", err=True)
    except DocketError as error:
        fail(str(error), EXIT_INVALID)
    count = plural(selection.count(plan), "event")
    click.echo(f"exported {count} of {stem}", err=output == "-")


@click.command("import")
@click.argument("calendar", type=click.Path(path_type=Path), metavar="CALENDAR.ics")
@click.option(
    "-o", "--output", metavar="PATH|-", help="Where to write (default: <stem>.toml here)."
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def import_command(calendar: Path, output: str | None, force: bool) -> None:
    """Write a schedule TOML from an iCalendar file (docket's export, Outlook, Google...).

    Whatever a schedule cannot hold (attendees, reminders, attachments, repeat rules,
    which become one event per occurrence) is reported on standard error. An existing
    output file is never overwritten without --force.
    """
    from tui.core.atomic import write_atomic
    from tui.ical.importing import import_calendar

    try:
        data = calendar.read_bytes()
    except OSError as error:
        fail(f"{calendar}: cannot read ({error.strerror or error})", EXIT_USAGE)
    try:
        result = import_calendar(data, source_name=calendar.name)
    except DocketError as error:
        fail(f"{calendar}: {error}", EXIT_INVALID)
    for note in result.notes:
        click.echo(f"docket: note: {note}", err=True)
    text = result.toml_text.encode("utf-8")
    if output == "-":
        click.echo(result.toml_text, nl=False)
        return
    target = Path(output) if output else Path(f"{calendar.stem}.toml")
    if target.exists() and not force:
        fail(
            f"{target}: already exists; use --force to overwrite it, or -o another path",
            EXIT_INVALID,
        )
    try:
        write_atomic(target, text, exclusive=not force)
    except DocketError as error:
        fail(str(error), EXIT_INVALID)
    click.echo(f"wrote {target}: {result.event_count} events")
