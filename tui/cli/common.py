"""Pieces shared by the subcommands: the schedule argument, `--as-of`, loading with exit codes.

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

if TYPE_CHECKING:
    from tui.core.model import Schedule
    from tui.schedule.loader import Loaded

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INVALID = 1
EXIT_USAGE = 2


def schedule_argument(required: bool = False) -> Callable[[F], F]:
    """An optional SCHEDULE path; without it, commands use the bundled schedule."""
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


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    click.echo(f"docket: {message}", err=True)
    raise SystemExit(code)


def load_or_exit(path: Path | None, *, show_warnings: bool = True) -> Loaded:
    """Load a schedule or exit: 2 if it cannot be opened, 1 with located errors if invalid."""
    from tui.schedule.loader import bundled_schedule_path, load_path

    target = path if path is not None else bundled_schedule_path()
    try:
        loaded = load_path(target)
    except ScheduleFileError as error:
        fail(str(error), EXIT_USAGE)
    except ScheduleError as error:
        for diagnostic in error.diagnostics:
            click.echo(str(diagnostic), err=True)
        fail(f"{target}: invalid schedule ({len(error.errors)} error(s))", EXIT_INVALID)
    if show_warnings:
        for warning in loaded.warnings:
            click.echo(str(warning), err=True)
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
