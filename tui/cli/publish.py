"""`docket publish`: keep a CalDAV calendar identical to the schedule (one-way).

The work is `tui.publish.caldav.publish`; this module reads the options, finds the
password (an environment variable or ~/.netrc, never the command line), shows progress on
a terminal and says the outcome: a plan with `--dry-run`, else one summary line. Exit 0
when the calendar is current, 1 when the work failed or a conflict was left (the list
says which events), 2 for a bad URL, a missing password variable or an unusable
~/.netrc. Nothing it prints holds the password (see `_Scrub`).
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
    state_option,
)

if TYPE_CHECKING:
    from tui.publish.caldav.plan import Kind
    from tui.publish.caldav.publish import Outcome


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
@state_option
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=3600),
    default=120.0,
    show_default=True,
    metavar="SECONDS",
    help="The most one request may take, its whole answer included.",
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
    timeout: float,
) -> None:
    """Publish SCHEDULE to a CalDAV calendar, one resource per calendar entry.

    Creates what is new (If-None-Match), updates what changed (If-Match, only when the
    content differs), deletes docket's events that left the schedule, and never touches
    anything else in the calendar. An event someone edited on the server is reported as
    a conflict and left alone unless --force. An interrupted run is completed by the next.
    The ledger is the one `docket serve` keeps, so the calendar and a feed of the same
    schedule carry the same SEQUENCEs; the record of ETags sits beside it.
    """
    from tui.core.errors import DocketError
    from tui.publish.caldav.credentials import credentials
    from tui.publish.caldav.publish import PublishOptions, publish
    from tui.publish.caldav.urls import PublishUsageError, parse_target

    try:
        target = parse_target(url)
        auth = credentials(target, user, password_env)
    except PublishUsageError as error:
        fail(str(error), EXIT_USAGE)
    scrub = _Scrub(auth, target.url)
    if auth is not None and target.scheme == "http" and not _loopback(target.host):
        scrub.say(f"docket: warning: the password goes to {target.host} unencrypted (http)")
    loaded = load_or_exit(schedule)
    options = PublishOptions(target, auth, state, dry_run, force, timeout)
    progress = _Progress() if sys.stderr is not None and sys.stderr.isatty() else None
    try:
        outcome = publish(
            loaded.schedule,
            options,
            datetime.now(UTC),
            log=scrub.say,
            progress=progress,
        )
    except DocketError as error:
        if progress is not None:
            progress.clear()
        fail(scrub(str(error)), EXIT_INVALID)
    if progress is not None:
        progress.clear()
    _report(outcome, dry_run, scrub)


class _Scrub:
    """What this command prints, with the password (and its Basic token and encodings)
    replaced by `***` wherever a server echoed it back into a reason, a Location or an
    href: the last guard before a terminal or a CI log. The collection's URL, docket's
    own text, is left whole (a password may be a word of it)."""

    def __init__(self, auth: tuple[str, str] | None, url: str) -> None:
        self.url = url
        import base64
        from urllib.parse import quote

        self.secrets: list[str] = []
        if auth and len(auth[1]) >= 4:  # shorter, the stars would hide half the message
            user, password = auth
            token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            encoded = {password, quote(password, safe=""), quote(password), token}
            self.secrets = sorted(encoded, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        parts = text.split(self.url)
        for secret in self.secrets:
            parts = [part.replace(secret, "***") for part in parts]
        return self.url.join(parts)

    def say(self, text: str, *, err: bool = True) -> None:
        say(self(text), err=err)


def _loopback(host: str) -> bool:
    from tui.publish.serving import is_loopback

    return is_loopback(host)


class _Progress:
    """`publishing 120/4800` on standard error, redrawn in place (a terminal only, so a
    log file or a pipe never gets carriage returns)."""

    def __init__(self) -> None:
        self._drawn_at = 0.0
        self._drawn = False

    def __call__(self, what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done != total and now - self._drawn_at < 0.1:
            return
        self._drawn_at, self._drawn = now, True
        click.echo(f"\r{what} {done}/{total}\x1b[K", err=True, nl=False)

    def clear(self) -> None:
        if self._drawn:
            click.echo("\r\x1b[K", err=True, nl=False)
            self._drawn = False


def _report(outcome: Outcome, dry_run: bool, scrub: _Scrub) -> None:
    from tui.publish.caldav.plan import Kind
    from tui.publish.caldav.resources import label

    conflicts = outcome.all_conflicts()
    if dry_run:
        if outcome.missing_calendar:
            scrub.say(f"would create the calendar {outcome.url}", err=False)
        for action in sorted(outcome.plan.actions, key=lambda a: (_ORDER[a.kind], a.uid)):
            scrub.say(f"{action.kind.value:<9}  {label(action.uid)}", err=False)
        n = {kind: len(outcome.plan.of(kind)) for kind in Kind}
        scrub.say(
            f"dry run for {outcome.url}: would create {n[Kind.CREATE]}, update "
            f"{n[Kind.UPDATE]}, delete {n[Kind.DELETE]}; {n[Kind.UNCHANGED]} unchanged, "
            f"{_plural(len(conflicts), 'conflict')}; nothing changed",
            err=False,
        )
        if conflicts:
            _conflicts(conflicts, scrub)
            raise SystemExit(EXIT_INVALID)
        return
    if outcome.created_calendar:
        scrub.say(f"docket: created the calendar {outcome.url}")
    done = dict(outcome.done)
    done[Kind.UNCHANGED] = len(outcome.plan.of(Kind.UNCHANGED))
    scrub.say(_summary(outcome.url, done, len(conflicts), len(outcome.refused)), err=False)
    for uid, reason in outcome.refused:
        scrub.say(f"docket: not published: {label(uid)}: {reason}")
    if conflicts:
        _conflicts(conflicts, scrub)
    if conflicts or outcome.refused:
        raise SystemExit(EXIT_INVALID)


def _summary(url: str, done: dict[Kind, int], conflicts: int, refused: int) -> str:
    """`published to URL: 3 created, …, 0 conflicts`, then what is true of the calendar:
    `(nothing to change)` only when it was already current; when events were left out,
    how many, so a conflict never reads as "nothing to change"."""
    from tui.publish.caldav.plan import Kind

    counts = (
        f"{done[Kind.CREATE]} created, {done[Kind.UPDATE]} updated, "
        f"{done[Kind.DELETE]} deleted, {done[Kind.UNCHANGED]} unchanged, "
        f"{_plural(conflicts, 'conflict')}"
    )
    if refused:
        counts += f", {refused} refused by the server"
    if conflicts or refused:
        left = _plural(conflicts + refused, "event")
        return f"published to {url}: {counts} (not current: {left} left out, listed below)"
    if not any(done[kind] for kind in (Kind.CREATE, Kind.UPDATE, Kind.DELETE)):
        return f"published to {url}: {counts} (nothing to change)"
    return f"published to {url}: {counts}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


_ORDER = {"create": 0, "update": 1, "delete": 2, "conflict": 3, "unchanged": 4}


def _conflicts(conflicts: list[tuple[str, str]], scrub: _Scrub) -> None:
    from tui.publish.caldav.resources import label

    for uid, reason in conflicts:
        scrub.say(f"docket: conflict: {label(uid)}: {reason}")
    scrub.say("docket: conflicts were left as they are; --force overwrites them")
