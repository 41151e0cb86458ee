"""`docket open [SCHEDULE]`: the app (also what plain `docket` and `docket FILE.toml` run).

The first frame comes before the schedule is parsed: the file is only checked to be
readable here (exit 2 if not), and the app loads it in a worker right after its first
frame. If the file turns out invalid at start, the app closes at once and this prints the
located errors and exits 1, as `docket check` would.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import click

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_USAGE,
    as_of_option,
    baseline_or_exit,
    fail,
    say,
    schedule_argument,
    schedule_or_default,
)
from tui.core.words import plural

if TYPE_CHECKING:
    pass


@click.command("open")
@schedule_argument()
@as_of_option
@click.option(
    "--theme",
    metavar="NAME",
    help="Colour theme, e.g. textual-dark (default) or textual-light.",
)
@click.option(
    "--baseline",
    metavar="REV|FILE",
    help="Draw the schedule against another version: a git revision of it (HEAD~1, a tag), "
    "REV:PATH, or a file. Moved events show their old dates as a ghost bar.",
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Look, never change: every edit key (and e, the external editor) is refused.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not draw or keep the rows cached for the file's bytes (also DOCKET_NO_CACHE=1).",
)
@click.option(
    "--web",
    is_flag=True,
    hidden=True,
    help="Served to a browser by `docket web`: read-only, and nothing typed names a file.",
)
def open_command(
    schedule: Path | None,
    as_of: str | None,
    theme: str | None,
    baseline: str | None,
    read_only: bool,
    no_cache: bool,
    web: bool,
) -> None:
    """Open the app on SCHEDULE (default: ./schedule.toml if there is one, else the bundled
    2022-2024 schedule).

    The app reloads the file whenever it changes on disk. Keys are in the footer;
    press ? for all of them.
    """
    open_app(
        schedule,
        as_of,
        theme,
        cache=not no_cache,
        baseline=baseline,
        read_only=read_only,
        web=web,
    )


def open_app(
    schedule: Path | None,
    as_of: str | None,
    theme: str | None,
    *,
    cache: bool = True,
    baseline: str | None = None,
    read_only: bool = False,
    web: bool = False,
) -> None:
    """What `docket open` does, without click's parsing: `tui.cli.main.run` calls it directly
    for the plain forms (`docket`, `docket FILE.toml` with --as-of, --theme, --baseline,
    --no-cache). A baseline that cannot be read, or is invalid, is exit 2 before the app
    starts, with its located errors (as `docket diff` reports an invalid side)."""
    from tui.core.errors import ScheduleError, ScheduleFileError
    from tui.schedule.peek import check_readable

    target = schedule_or_default(schedule, announce=False)
    try:
        check_readable(target)
    except ScheduleFileError as error:
        fail(str(error), EXIT_USAGE)
    if as_of is not None:
        from tui.core.asof import AsOfError, parse_as_of

        try:
            parse_as_of(as_of, ZoneInfo("UTC"))  # syntax only; the zone comes with the file
        except AsOfError as error:
            fail(f"--as-of: {error}", EXIT_USAGE)

    from tui.app.factory import build_app

    app = build_app(
        target,
        as_of,
        cache=cache,
        baseline=baseline_or_exit(baseline, target),
        read_only=read_only,
        web=web,
    )
    if theme is not None:
        if theme not in app.available_themes:
            names = ", ".join(sorted(app.available_themes))
            fail(f"--theme: unknown theme {theme!r}; choose one of: {names}", EXIT_USAGE)
        app.theme = theme
    result = app.run()
    if isinstance(result, ScheduleError):
        for diagnostic in result.diagnostics:
            say(str(diagnostic), err=True)
        fail(f"{target}: invalid schedule ({plural(len(result.errors), 'error')})", EXIT_INVALID)
    if isinstance(result, ScheduleFileError):
        fail(str(result), EXIT_USAGE)
    if app.return_code:
        raise SystemExit(app.return_code)
