"""`docket move` and `docket set`: the app's edits, for scripts.

    docket move EVENT (--by DURATION | --to DATE) [-f SCHEDULE] [--dry-run]
    docket set EVENT KEY=VALUE… [-f SCHEDULE] [--dry-run]

Both go through `tui.edit.session.EditSession`, so they rewrite only the values they
change, refuse an edit that makes the schedule invalid with the loader's message, and
write through the same checked, atomic save as the app. What changed is printed as
`docket diff` prints it. Without `-f`, ./schedule.toml; the bundled schedule is docket's
own and is never written (a dry run may look at it).

Exit codes: 0 done (or nothing to change); 1 the edit was refused, the schedule is
invalid or the file could not be written; 2 a usage error or a file that cannot be opened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from tui.cli.common import EXIT_INVALID, EXIT_USAGE, as_of_option, fail, resolve_as_of, say
from tui.core.errors import DocketError, InputError, ScheduleError, ScheduleFileError
from tui.core.words import plural
from tui.edit.edits import FIELDS, Edit, Move, SetFields, Value, find_event
from tui.edit.form_values import parse_date, parse_field
from tui.edit.spans import EditError

if TYPE_CHECKING:
    from tui.core.model import Event
    from tui.edit.session import EditSession

T = TypeVar("T")

_FILE = click.option(
    "-f",
    "--file",
    "schedule",
    type=click.Path(dir_okay=True, path_type=Path),
    metavar="SCHEDULE",
    help="The schedule to edit (default ./schedule.toml).",
)
_DRY = click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")


@click.command("move")
@click.argument("event")
@click.option("--by", "by", metavar="DURATION", help="Shift by whole days: 2w, -3d, 1w2d.")
@click.option("--to", "to", metavar="DATE", help="Start on DATE (ISO), keeping the length.")
@_FILE
@_DRY
@as_of_option
def move_command(
    event: str,
    by: str | None,
    to: str | None,
    schedule: Path | None,
    dry_run: bool,
    as_of: str | None,
) -> None:
    """Move EVENT (start and end alike) by a DURATION or to a DATE, and save.

    Only its start and end values are rewritten; comments and everything else stay as
    written. Prints the change as `docket diff` does.
    """
    if (by is None) == (to is None):
        fail("give one of --by DURATION or --to DATE", EXIT_USAGE)
    session = _open(schedule, dry_run)
    if by is not None:
        from tui.core.durations import parse_day_shift

        days = _typed(lambda: parse_day_shift(by), "--by")
    else:
        assert to is not None
        target = _typed(lambda: parse_date(to), "--to")
        _, found = _event(session, event)
        start = found.start
        first = start.date() if isinstance(start, datetime) else start
        days = (target - first).days
    _run(session, Move(event, days), dry_run, as_of)


@click.command("set")
@click.argument("event")
@click.argument("assignments", nargs=-1, required=True, metavar="KEY=VALUE…")
@_FILE
@_DRY
@as_of_option
def set_command(
    event: str,
    assignments: tuple[str, ...],
    schedule: Path | None,
    dry_run: bool,
    as_of: str | None,
) -> None:
    """Set fields of EVENT, and save: KEY=VALUE for title, status, venue, start, end,
    hours, tags, notes, url. `KEY=` (empty) removes the key; dates are ISO (2023-04-11
    or 2023-04-11T10:00); tags and hours are comma-separated (the app's form reads
    values the same way: `tui.edit.form_values`).
    """
    session = _open(schedule, dry_run)
    _event(session, event)
    values: dict[str, Value] = {}
    for assignment in assignments:
        key, equals, raw = assignment.partition("=")
        key = key.strip()
        if not equals:
            fail(f"{assignment!r}: write KEY=VALUE (KEY= to remove)", EXIT_USAGE)
        if key not in FIELDS:
            from tui.core.text import suggest

            fail(f"{key!r} is not a field set can change{suggest(key, FIELDS)}", EXIT_USAGE)
        try:
            values[key] = parse_field(key, raw)
        except InputError as error:
            fail(f"{key}: {error}", EXIT_USAGE)
    _run(session, SetFields.of(event, values), dry_run, as_of)


def _typed(read: Callable[[], T], option: str) -> T:
    try:
        return read()
    except InputError as error:
        fail(f"{option}: {error}", EXIT_USAGE)


def _open(schedule: Path | None, dry_run: bool) -> EditSession:
    from tui.cli.common import LOCAL_SCHEDULE
    from tui.edit.session import EditSession

    if schedule is None:
        if LOCAL_SCHEDULE.is_file():
            schedule = LOCAL_SCHEDULE
        elif dry_run:
            from tui.schedule.peek import bundled_schedule_path

            schedule = bundled_schedule_path()
            say("docket: using the bundled schedule (dry run: nothing is written)", err=True)
        else:
            fail(
                f"no ./{LOCAL_SCHEDULE} here: give -f SCHEDULE (the bundled schedule is "
                "never edited; try --dry-run)",
                EXIT_USAGE,
            )
    try:
        return EditSession.open(schedule, journal=False)
    except ScheduleFileError as error:
        fail(str(error), EXIT_USAGE)
    except ScheduleError as error:
        for diagnostic in error.diagnostics:
            say(str(diagnostic), err=True)
        fail(f"{schedule}: invalid schedule ({plural(len(error.errors), 'error')})", EXIT_INVALID)


def _event(session: EditSession, event_id: str) -> tuple[int, Event]:
    try:
        return find_event(session.loaded, event_id)
    except EditError as error:
        fail(f"{session.path}: {error}", EXIT_INVALID)


def _run(session: EditSession, edit: Edit, dry_run: bool, as_of: str | None) -> None:
    from tui.cli.diff import render_report
    from tui.edit.session import EditRefused

    try:
        loaded = session.apply(edit)
    except EditRefused as refused:
        for diagnostic in refused.diagnostics:
            say(str(diagnostic), err=True)
        fail(f"{session.path}: {refused}", EXIT_INVALID)
    diff = session.changes(resolve_as_of(as_of, loaded.schedule))
    name = str(session.path)
    say(render_report(diff, name, f"{name} ({'dry run' if dry_run else 'saved'})"), data=True)
    if dry_run or not session.dirty:
        if dry_run:
            say(f"docket: dry run: {name} not written", err=True)
        return
    try:
        session.save()
    except DocketError as error:
        fail(str(error), EXIT_INVALID)
