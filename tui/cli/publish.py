"""`docket publish`: keep a CalDAV calendar identical to the schedule (one-way).

The work is `tui.publish.caldav_publish`; this module reads the options, finds the
password (an environment variable or ~/.netrc, never the command line), shows progress on
a terminal and says the outcome: a plan with `--dry-run`, else one summary line. Exit 0
when the calendar is current, 1 when the work failed or a conflict was left (the list
says which events), 2 for a bad URL or a missing password variable.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tui.cli.common import (
    EXIT_INVALID,
    EXIT_USAGE,
    as_of_accepted,
    fail,
    load_or_exit,
    say,
    schedule_argument,
)

if TYPE_CHECKING:
    from tui.publish.caldav_plan import Kind
    from tui.publish.caldav_publish import Outcome


@click.command("publish")
@schedule_argument()
@click.option(
    "--to",
    "url",
    required=True,
    metavar="URL",
    help="The calendar collection's URL (created when it does not exist).",
)
@click.option("--user", metavar="USER", help="User name (else the URL's, or ~/.netrc's).")
@click.option(
    "--password-env",
    metavar="NAME",
    help="Read the password from environment variable NAME (else ~/.netrc, machine = host).",
)
@click.option("--dry-run", is_flag=True, help="Print the plan; change nothing.")
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite (or delete) docket's events that were changed on the server.",
)
@click.option(
    "--state",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="The change ledger file. Default: the user's state directory.",
)
@as_of_accepted
def publish_command(
    schedule: Path | None,
    url: str,
    user: str | None,
    password_env: str | None,
    dry_run: bool,
    force: bool,
    state: Path | None,
) -> None:
    """Publish SCHEDULE to a CalDAV calendar, one resource per calendar entry.

    Creates what is new (If-None-Match), updates what changed (If-Match, only when the
    content differs), deletes docket's events that left the schedule, and never touches
    anything else in the calendar. An event someone edited on the server is reported as
    a conflict and left alone unless --force. An interrupted run is completed by the next.
    """
    from tui.core.errors import DocketError
    from tui.publish.caldav_client import PublishUsageError, parse_target
    from tui.publish.caldav_publish import PublishOptions, credentials, publish

    try:
        target = parse_target(url)
        auth = credentials(target, user, password_env)
    except PublishUsageError as error:
        fail(str(error), EXIT_USAGE)
    if auth is not None and target.scheme == "http" and not _loopback(target.host):
        say(f"docket: warning: the password goes to {target.host} unencrypted (http)", err=True)
    loaded = load_or_exit(schedule)
    options = PublishOptions(target, auth, state, dry_run, force)
    progress = _Progress() if sys.stderr is not None and sys.stderr.isatty() else None
    try:
        outcome = publish(
            loaded.schedule,
            options,
            datetime.now(UTC),
            log=lambda line: say(line, err=True),
            progress=progress,
        )
    except DocketError as error:
        if progress is not None:
            progress.clear()
        fail(str(error), EXIT_INVALID)
    if progress is not None:
        progress.clear()
    _report(outcome, dry_run)


def _loopback(host: str) -> bool:
    from tui.publish.serving import is_loopback

    return is_loopback(host)


class _Progress:
    """`publishing 120/4800` on standard error, redrawn in place (a terminal only, so a
    log file or a pipe never gets carriage returns)."""

    def __init__(self) -> None:
        self._shown = 0.0
        self._drawn = False

    def __call__(self, what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done != total and now - self._shown < 0.1:
            return
        self._shown, self._drawn = now, True
        click.echo(f"\r{what} {done}/{total}\x1b[K", err=True, nl=False)

    def clear(self) -> None:
        if self._drawn:
            click.echo("\r\x1b[K", err=True, nl=False)
            self._drawn = False


def _report(outcome: Outcome, dry_run: bool) -> None:
    from tui.publish.caldav_plan import Kind
    from tui.publish.caldav_resources import label

    conflicts = outcome.all_conflicts()
    if dry_run:
        if outcome.missing_calendar:
            say(f"would create the calendar {outcome.url}")
        for action in sorted(outcome.plan.actions, key=lambda a: (_ORDER[a.kind], a.uid)):
            say(f"{action.kind.value:<9}  {label(action.uid)}")
        n = {kind: len(outcome.plan.of(kind)) for kind in Kind}
        say(
            f"dry run for {outcome.url}: would create {n[Kind.CREATE]}, update "
            f"{n[Kind.UPDATE]}, delete {n[Kind.DELETE]}; {n[Kind.UNCHANGED]} unchanged, "
            f"{len(conflicts)} conflict{'' if len(conflicts) == 1 else 's'}; nothing changed"
        )
        if conflicts:
            _conflicts(conflicts)
            raise SystemExit(EXIT_INVALID)
        return
    if outcome.created_calendar:
        say(f"docket: created the calendar {outcome.url}", err=True)
    done = dict(outcome.done)
    done[Kind.UNCHANGED] = len(outcome.plan.of(Kind.UNCHANGED))
    summary = f"published to {outcome.url}: " + _counts(done, len(conflicts))
    if not any(done[kind] for kind in (Kind.CREATE, Kind.UPDATE, Kind.DELETE)):
        summary += " (nothing to change)"
    say(summary)
    for uid, reason in outcome.refused:
        say(f"docket: not published: {label(uid)}: {reason}", err=True)
    if conflicts:
        _conflicts(conflicts)
    if conflicts or outcome.refused:
        raise SystemExit(EXIT_INVALID)


_ORDER = {"create": 0, "update": 1, "delete": 2, "conflict": 3, "unchanged": 4}


def _counts(counts: dict[Kind, int], conflicts: int) -> str:
    from tui.publish.caldav_plan import Kind

    return (
        f"{counts[Kind.CREATE]} created, {counts[Kind.UPDATE]} updated, "
        f"{counts[Kind.DELETE]} deleted, {counts[Kind.UNCHANGED]} unchanged, "
        f"{conflicts} conflict{'' if conflicts == 1 else 's'}"
    )


def _conflicts(conflicts: list[tuple[str, str]]) -> None:
    from tui.publish.caldav_resources import label

    for uid, reason in conflicts:
        say(f"docket: conflict: {label(uid)}: {reason}", err=True)
    say("docket: conflicts were left as they are; --force overwrites them", err=True)
