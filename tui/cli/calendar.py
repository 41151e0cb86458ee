"""`docket export` and `docket import`: calendars out to Outlook and Google, and back in.

`docket export` is a thin front end over the one export flow, `tui.ical.export_plan`, which
the app's `x` dialog goes through too: it gathers the options into an `ExportRequest`, runs
the flow's steps (check, plan, write), maps an `ExportFailure` to its message and exit
code, and says the plan's report. The flow writes through `tui.core.atomic` (`-o -` to
standard output, `--split year` as a set replaced only once every file of it is ready).
icalendar is imported only inside the commands, so neither `docket --help` nor the app's
start-up pays for it. Every message goes through `say`/`fail`, which show control
characters of file names and calendar text instead of sending them to the terminal.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

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

if TYPE_CHECKING:
    from tui.ical.export_plan import ExportPlan
    from tui.ical.stamping import Stamper
    from tui.publish.ledger import Ledger

#: A calendar larger than this is refused before it is read in full (`/dev/zero` too).
MAX_CALENDAR_BYTES = 64 * 1024 * 1024


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
@click.option(
    "--no-blocks",
    is_flag=True,
    help="One calendar entry per event: a session with meeting hours as one all-day entry "
    "for its dates (its hours kept for docket import), not one entry per meeting block.",
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
    no_blocks: bool,
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
    from tui.ical.export_plan import ExportRequest, check_request, plan_export

    request = ExportRequest(
        output=output,
        kinds=kinds,
        tags=tags,
        venues=venues,
        start=start,
        end=end,
        alarms=alarms,
        split_year=split == "year",
        blocks=not no_blocks,
    )
    choices = _attempt(lambda: check_request(request))  # before the schedule is read
    loaded = load_or_exit(schedule)
    moment = resolve_as_of(as_of, loaded.schedule) if as_of is not None else None
    ledger = _LedgerStamping(loaded.schedule.id, state) if state is not None else None
    plan = _attempt(lambda: plan_export(loaded.schedule, choices, as_of=moment, stamping=ledger))
    _write(plan, ledger)
    _say_report(plan)


_T = TypeVar("_T")


def _attempt(step: Callable[[], _T]) -> _T:
    """One step of the export flow; its `ExportFailure` is the message and the exit code
    (2 when the input was at fault, else 1)."""
    from tui.ical.export_plan import ExportFailure

    try:
        return step()
    except ExportFailure as failure:
        fail(str(failure), EXIT_USAGE if failure.usage else EXIT_INVALID)


class _LedgerStamping:
    """`--state`: the change ledger, read when the flow asks for its stamps (so a filter
    typo is refused before the ledger is looked at) and saved only once the calendar is
    written, since what it records is what clients can see."""

    def __init__(self, schedule_id: str, state: Path) -> None:
        self.schedule_id, self.state = schedule_id, state
        self.ledger: Ledger | None = None
        self.path: Path | None = None

    def __call__(self, now: datetime) -> Stamper:
        from tui.publish.feed import ledger_for, ledger_stamper

        self.ledger, self.path = ledger_for(self.schedule_id, self.state)
        if self.ledger.problem:
            say(f"docket: note: {self.ledger.problem}", err=True)
        return ledger_stamper(self.ledger, now)

    def save(self) -> None:
        if self.ledger is not None and self.path is not None:
            self.ledger.save(self.path)


def _write(plan: ExportPlan, ledger: _LedgerStamping | None) -> None:
    from tui.ical.export_plan import write_export

    _attempt(lambda: write_export(plan))
    if ledger is not None:
        try:
            ledger.save()
        except DocketError as error:
            fail(str(error), EXIT_INVALID)


def _say_report(plan: ExportPlan) -> None:
    """The flow's report: what was written on standard output (standard error when the
    calendar itself went there), warnings and notes on standard error."""
    for line in plan.report:
        if line.level == "said":
            say(line.text, err=plan.to_stdout)
        else:
            say(f"docket: {line.level}: {line.text}", err=True)


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
