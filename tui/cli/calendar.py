"""`docket export` and `docket import`: calendars out to Outlook and Google, and back in.

icalendar is imported only inside the commands, so neither `docket --help` nor the app's
start-up pays for it. Every file goes out through `tui.core.atomic` (`-o -` through its
`write_stream`, `--split year` through `write_many`, so the set is replaced only once every
file of it is ready), and every message through `say`/`fail`, which show control
characters of file names and calendar text instead of sending them to the terminal.
"""

from __future__ import annotations

import stat
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
    say,
    schedule_argument,
    state_option,
)
from tui.core.errors import DocketError

#: A calendar larger than this is refused before it is read in full (`/dev/zero` too).
MAX_CALENDAR_BYTES = 64 * 1024 * 1024


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
@state_option
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
    state: Path | None,
    as_of: str | None,
) -> None:
    """Write an iCalendar (.ics) file of SCHEDULE for Outlook and Google Calendar.

    Filters combine: an event is exported when it matches any --kind given, any --tag
    given, any --venue given, and overlaps --from/--to. Events with meeting hours become
    one calendar entry per meeting block. UIDs derive from the schedule and event ids, so
    a calendar that subscribes to the file (or `docket serve`/`publish`) keeps each event
    the same entry; re-importing a file is not an update: Outlook duplicates the events and
    Google refuses UIDs it already has (README: "Updating a calendar you already
    imported"). With SOURCE_DATE_EPOCH (or --as-of) set,
    two exports are byte-identical (DTSTAMP comes from it). With --state, each entry
    carries the ledger's SEQUENCE and LAST-MODIFIED, as `docket serve` gives them, for a
    file you host for subscribers.
    """
    from tui.core.selection import EventSelection
    from tui.core.words import plural
    from tui.ical.alarms import AlarmError, parse_duration
    from tui.ical.export import (
        empty_note,
        export_by_year,
        export_bytes,
        size_warning,
        vevent_count,
        write_calendar,
        write_calendars,
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
    to_stdout = output == "-"
    ledger = stamper = ledger_file = None
    if state is not None:
        from tui.ical.export import stamp_for
        from tui.publish.feed import ledger_for, ledger_stamper

        ledger, ledger_file = ledger_for(plan.id, state)
        if ledger.problem:
            say(f"docket: note: {ledger.problem}", err=True)
        stamper = ledger_stamper(ledger, stamp_for(stamp))
    try:
        if split:
            years = export_by_year(
                plan, selection, alarms=durations, dtstamp=stamp, stamper=stamper
            )
            files = {year_path(target, year): data for year, data in sorted(years.items())}
            write_calendars(files)
        else:
            data = export_bytes(plan, selection, alarms=durations, dtstamp=stamp, stamper=stamper)
            files = {target: data}
            write_calendar("-" if to_stdout else target, data)
        if ledger is not None and ledger_file is not None:
            ledger.save(ledger_file)  # only once the calendar is written: what clients can see
    except DocketError as error:
        fail(str(error), EXIT_INVALID)
    for path, data in files.items():
        where = "standard output" if to_stdout else str(path)
        entries = plural(vevent_count(data), "calendar entry", "calendar entries")
        say(f"wrote {where}: {entries}", err=to_stdout)
        warning = size_warning(data)
        if warning:
            say(f"docket: warning: {where}: {warning}", err=True)
    note = empty_note(plan, selection)
    if note is not None:
        if split:
            note = note.replace("wrote an empty calendar", "no file written (none has events)")
        say(f"docket: note: {note}", err=True)
    say(f"exported {plural(selection.count(plan), 'event')} of {stem}", err=to_stdout)


def _occupied(target: Path) -> bool:
    """Whether writing `target` would replace a file (through links), or create the file a
    dangling link names: what `--force` must be asked for. Writing into a device, a pipe
    or a terminal replaces nothing."""
    try:
        return stat.S_ISREG(target.stat().st_mode)
    except FileNotFoundError:
        return target.is_symlink()
    except OSError:
        return False  # the write itself says why it cannot go there


def _read_calendar(calendar: Path) -> bytes:
    """The calendar's bytes; exit 2 if it cannot be opened, 1 if it is far too large."""
    try:
        with calendar.open("rb") as handle:
            data = handle.read(MAX_CALENDAR_BYTES + 1)
    except OSError as error:
        fail(f"{calendar}: cannot read ({error.strerror or error})", EXIT_USAGE)
    if len(data) > MAX_CALENDAR_BYTES:
        fail(f"{calendar}: larger than {MAX_CALENDAR_BYTES >> 20} MB: not imported", EXIT_INVALID)
    return data


@click.command("import")
@click.argument("calendar", type=click.Path(path_type=Path), metavar="CALENDAR.ics")
@click.option(
    "-o", "--output", metavar="PATH|-", help="Where to write (default: <stem>.toml here)."
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def import_command(calendar: Path, output: str | None, force: bool) -> None:
    """Write a schedule TOML from an iCalendar file (docket's export, Outlook, Google...).

    Whatever a schedule cannot hold (attendees, reminders, attachments, repeat rules,
    which become one event per occurrence) is reported on standard error, and so is any
    value that could not be read (the event is skipped or the value left out). An
    existing output file is never overwritten without --force.
    """
    from tui.core.atomic import write_file, write_stream
    from tui.core.words import plural
    from tui.ical.importing import import_calendar

    data = _read_calendar(calendar)
    try:
        result = import_calendar(data, source_name=calendar.name)
    except DocketError as error:
        fail(f"{calendar}: {error}", EXIT_INVALID)
    for note in result.notes:
        say(f"docket: note: {note}", err=True)
    text = result.toml_text.encode("utf-8")
    target = Path(output) if output and output != "-" else Path(f"{calendar.stem}.toml")
    try:
        if output == "-":
            write_stream(text)
            return
        if _occupied(target) and not force:
            fail(
                f"{target}: already exists; use --force to overwrite it, or -o another path",
                EXIT_INVALID,
            )
        write_file(target, text, exclusive=not force)
    except DocketError as error:
        fail(str(error), EXIT_INVALID)
    say(f"wrote {target}: {plural(result.event_count, 'event')}")
