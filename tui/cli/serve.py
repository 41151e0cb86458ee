"""`docket serve`: a live subscription feed of one or more schedules over HTTP."""

from __future__ import annotations

from pathlib import Path

import click

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_USAGE,
    as_of_accepted,
    fail,
    say,
    schedule_or_default,
    served_options,
    state_option,
)


@click.command("serve")
@served_options(8025)
@click.option(
    "--secret",
    is_flag=True,
    help="Serve the feeds under an unguessable path segment (a private address).",
)
@click.option(
    "--refresh",
    default="1h",
    show_default=True,
    metavar="DURATION",
    help="How often clients should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL): 30m, 1h, 1d.",
)
@state_option
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    metavar="SECONDS",
    help="How long a connection may stay idle, or take to send a request, before it is closed.",
)
@as_of_accepted
def serve_command(
    schedules: tuple[Path, ...],
    host: str,
    port: int,
    secret: bool,
    refresh: str,
    state: Path | None,
    timeout: float,
) -> None:
    """Serve SCHEDULE files as iCalendar feeds that Outlook, Google and others subscribe to.

    GET /<schedule-id>.ics gives the calendar (with ETag and Last-Modified, so polls are
    cheap 304s); / is a page with subscribe links. Files are watched: a valid save is served
    within a second; an invalid one keeps the last valid feed and logs the errors, and a
    save that breaks a rule is served with the rule's failure in the log. Every connection
    is bounded in time (--timeout) and size; request bodies are refused. Stop with Ctrl-C.
    """
    from tui.core.errors import DocketError, InputError, ScheduleError, ScheduleFileError
    from tui.publish.bounds import Limits
    from tui.publish.feed import refresh_interval
    from tui.publish.serving import ServeOptions, serve

    try:
        interval = refresh_interval(refresh)
    except InputError as error:
        fail(f"--refresh: {error}", EXIT_USAGE)
    paths = list(schedules) or [schedule_or_default(None)]
    limits = Limits(idle_seconds=timeout, head_seconds=timeout)
    options = ServeOptions(host, port, secret, interval, state, limits)
    try:
        serve(paths, options, log=lambda line: say(line, err=True))
    except ScheduleFileError as error:
        fail(str(error), EXIT_USAGE)
    except ScheduleError as error:
        for diagnostic in error.diagnostics:
            say(str(diagnostic), err=True)
        fail("cannot serve an invalid schedule: fix it, then start again", EXIT_INVALID)
    except DocketError as error:
        fail(str(error), EXIT_INVALID)
    except OSError as error:  # not output: name what failed, never "standard output"
        where = f"{error.filename}: " if error.filename else ""
        fail(f"serve: {where}{error.strerror or error}", EXIT_INVALID)
