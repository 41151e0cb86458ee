"""`docket web`: the app served to browsers, safe to share with a team (`tui.web`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_USAGE,
    as_of_option,
    baseline_or_exit,
    fail,
    load_or_exit,
    say,
    served_options,
)


@click.command("web")
@served_options(8026)
@click.option(
    "--secret",
    is_flag=True,
    help="Keep the link's key in the state folder, so the link survives restarts "
    "(without it, each start makes a new key).",
)
@click.option(
    "--state",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="FOLDER",
    help="Where --secret keeps the key (web-secret). Default: the user's state directory.",
)
@click.option(
    "--sessions",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Browser sessions at once (each runs its own app process).",
)
@click.option(
    "--baseline",
    metavar="REV|FILE",
    help="Draw every session against this version of the schedule (as docket open "
    "--baseline); in the browser, b takes git revisions of the schedule only.",
)
@as_of_option
def web_command(
    schedules: tuple[Path, ...],
    host: str,
    port: int,
    secret: bool,
    state: Path | None,
    sessions: int,
    baseline: str | None,
    as_of: str | None,
) -> None:
    """Serve the app on SCHEDULE files to web browsers, read-only, behind a key.

    Prints a link that holds the key: whoever has it sees the timeline, the agenda, the
    countdowns, the month and the rules, live as the file changes, and downloads the
    calendar with x. Nothing in the browser edits the schedule, runs an editor or names a
    file of this machine's. Each browser tab runs its own app, ended with the tab. Stop
    with Ctrl-C.
    """
    try:
        from tui.web.run import WebError, serve_web
        from tui.web.server import Served, WebOptions
    except ImportError as error:
        fail(
            f"docket web needs its extra ({error.name} is missing): pip install 'docket[web]'",
            EXIT_USAGE,
        )
    from tui.core.errors import DocketError
    from tui.publish.serving import is_loopback
    from tui.web.access import new_key

    served = []
    for path in schedules or (None,):
        loaded = load_or_exit(path, show_warnings=False)
        target = loaded.schedule.source or path
        assert target is not None
        baseline_or_exit(baseline, target)
        served.append(Served(target, loaded.schedule.title))
    if as_of is not None:
        from tui.cli.common import resolve_as_of

        resolve_as_of(as_of, loaded.schedule)  # exit 2 if it cannot be read

    def log(line: str) -> None:
        say(line, err=True)

    try:
        key = _kept_key(state, log) if secret else new_key()
    except DocketError as error:
        fail(str(error), EXIT_INVALID)
    if not is_loopback(host):
        log(
            f"docket: web: warning: {host} is not a loopback address: anyone who can reach "
            "it and has the link sees the schedules; put it behind a reverse proxy with TLS "
            "(README: docket web)"
        )
    options = WebOptions(key=key, sessions=sessions, baseline=baseline, as_of=as_of)
    try:
        serve_web(served, host, port, options, log=log, announce=lambda line: say(line))
    except WebError as error:
        fail(f"web: {error}", EXIT_USAGE)


def _kept_key(state: Path | None, log: Callable[[str], None]) -> str:
    from tui.publish.secret import secret_segment
    from tui.publish.serving import default_state_dir

    folder = state or default_state_dir()
    return secret_segment(folder, log, name="web-secret", command="web")
