"""Pieces shared by the subcommands: the schedule argument, `--as-of`, `--state`, loading with
exit codes.

Exit codes: 0 success (warnings allowed), 1 invalid schedule or failed work, 2 usage error
or a file that cannot be opened at all. Every failure is a message, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from tui.core.errors import ScheduleError, ScheduleFileError
from tui.core.words import plural

if TYPE_CHECKING:
    from tui.core.model import Schedule
    from tui.diff.baseline_source import Baseline
    from tui.schedule.loader import Loaded

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INVALID = 1
EXIT_USAGE = 2


def schedule_argument(required: bool = False) -> Callable[[F], F]:
    """An optional SCHEDULE path; without it, ./schedule.toml or the bundled schedule."""
    return click.argument(
        "schedule",
        required=required,
        type=click.Path(dir_okay=True, path_type=Path),
        metavar="[SCHEDULE]" if not required else "SCHEDULE",
    )


def as_of_option(func: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        metavar="WHEN",
        help="Compute as if it were WHEN (ISO date or date-time; no offset means the "
        "schedule's zone).",
    )(func)


def as_of_accepted(func: F) -> F:
    """`--as-of` on a command whose result does not depend on the moment.

    Every command takes the common options, before or after its name, so a planner can keep
    `--as-of` in an alias or a script line; here it is checked and otherwise changes nothing.
    """

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        if value is not None:
            from zoneinfo import ZoneInfo

            from tui.core.asof import AsOfError, parse_as_of

            try:
                parse_as_of(value, ZoneInfo("UTC"))
            except AsOfError as error:
                fail(f"--as-of: {error}", EXIT_USAGE)

    return click.option(
        "--as-of",
        metavar="WHEN",
        expose_value=False,
        callback=check,
        help="Accepted like every command's; it does not change this command's result.",
    )(func)


def served_options(default_port: int) -> Callable[[F], F]:
    """`[SCHEDULE]... --host --port`, for the two servers (`docket serve`, `docket web`)."""

    def decorate(func: F) -> F:
        func = click.option(
            "--port",
            default=default_port,
            show_default=True,
            type=click.IntRange(0, 65535),
            help="Port (0: any free port, printed at start).",
        )(func)
        func = click.option(
            "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
        )(func)
        return click.argument(
            "schedules", nargs=-1, type=click.Path(path_type=Path), metavar="[SCHEDULE]..."
        )(func)

    return decorate


def state_option(func: F) -> F:
    """`--state PATH`, declared once for the three commands that keep the change ledger
    (export, serve, publish); what PATH means is `tui.publish.feed.ledger_path`."""
    return click.option(
        "--state",
        type=click.Path(path_type=Path),
        metavar="PATH",
        help="The change ledger, which keeps each calendar entry's SEQUENCE and LAST-MODIFIED "
        "between runs: a file, or a folder holding one <schedule-id>.json per schedule. "
        "Default: the user's state directory (export keeps no ledger without it).",
    )(func)


def say(text: str, *, err: bool = False, nl: bool = True, data: bool = False) -> None:
    """The one way the command line prints.

    Text is shown through the sanitiser, so a title or a file name never drives the
    terminal; `data` (TOML, JSON, the schema) is printed as it is, its format having
    escaped what it holds. A closed standard output is a failure (exit 1), not silence;
    a write that fails is `StandardOutputError`, which only the entry point reports, so no
    command's handler for its files takes it for one of theirs.
    """
    import sys

    from tui.cli.failures import StandardOutputError
    from tui.core.sanitize import visible

    stream = sys.stderr if err else sys.stdout
    if stream is None and not err:
        fail("cannot write to standard output (it is closed)", EXIT_INVALID)
    try:
        click.echo(text if data else visible(text, multiline=True), err=err, nl=nl)
    except BrokenPipeError:
        raise  # the reader went away: the command line ends quietly, as `head` expects
    except (OSError, ValueError) as error:  # ValueError: I/O operation on closed file
        name = "standard error" if err else "standard output"
        raise StandardOutputError(error, name) from None


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    """One line on standard error (`docket: …`) and the exit code: a name in the message
    that holds a line break (a revision typed with one) shows it as `␊`, on the line."""
    from tui.core.sanitize import visible

    say(visible(f"docket: {message}"), err=True)
    raise SystemExit(code)


#: What `docket new` writes, and so what a command without a SCHEDULE looks for first.
LOCAL_SCHEDULE = Path("schedule.toml")


def schedule_or_default(path: Path | None, *, announce: bool = True) -> Path:
    """The given path; else ./schedule.toml when there is one; else the bundled schedule.

    With `announce`, says on standard error which one it chose, so a planner who ran
    `docket new` and then `docket countdown` knows whose countdown she reads.
    """
    if path is not None:
        return path
    from tui.schedule.peek import bundled_schedule_path

    if LOCAL_SCHEDULE.is_file():
        if announce:
            say(f"docket: using ./{LOCAL_SCHEDULE} (no SCHEDULE given)", err=True)
        return LOCAL_SCHEDULE
    if announce:
        say(
            f"docket: using the bundled schedule (no SCHEDULE given, no ./{LOCAL_SCHEDULE})",
            err=True,
        )
    return bundled_schedule_path()


def load_or_exit(path: Path | None, *, show_warnings: bool = True) -> Loaded:
    """Load a schedule or exit: 2 if it cannot be opened, 1 with located errors if invalid."""
    from tui.schedule.loader import load_path

    target = schedule_or_default(path)
    try:
        loaded = load_path(target)
    except ScheduleFileError as error:
        fail(str(error), EXIT_USAGE)
    except ScheduleError as error:
        for diagnostic in error.diagnostics:
            say(str(diagnostic), err=True)
        fail(f"{target}: invalid schedule ({plural(len(error.errors), 'error')})", EXIT_INVALID)
    if show_warnings:
        for warning in loaded.warnings:
            say(str(warning), err=True)
    return loaded


def resolve_as_of(text: str | None, schedule: Schedule) -> datetime:
    """The as-of moment: parsed `--as-of`, or now. Exit 2 with a clear message if unparseable."""
    from tui.core.asof import AsOfError, now_in, parse_as_of

    if text is None:
        return now_in(schedule.zone)
    try:
        return parse_as_of(text, schedule.zone)
    except AsOfError as error:
        fail(f"--as-of: {error}", EXIT_USAGE)


def baseline_or_exit(spec: str | None, target: Path) -> Baseline | None:
    """`--baseline SPEC` read and validated for the schedule at `target` (None: none), or
    exit 2 with its located errors, before an app or a server starts (`open`, `web`)."""
    if spec is None:
        return None
    from tui.core.errors import DocketError
    from tui.core.text import short_name
    from tui.diff.baseline_source import read_baseline

    try:
        return read_baseline(spec, target)
    except ScheduleError as error:
        for diagnostic in error.diagnostics:
            say(str(diagnostic), err=True)
        count = plural(len(error.errors), "error")
        fail(f"--baseline {short_name(spec)}: invalid schedule ({count})", EXIT_USAGE)
    except DocketError as error:
        fail(f"--baseline: {error}", EXIT_USAGE)
