"""Running `docket publish`: export with the ledger, list the collection, plan, send.

Every run starts from what the server holds (a PROPFIND of the ETags, then the content of
whatever docket has not seen at that ETag), so a run cut short by a server error or a
dropped connection leaves a collection whose every resource is whole (each is one PUT or
DELETE) and that the next run completes. The ledger is saved before the first write, so
the SEQUENCE and LAST-MODIFIED that reached the server are the ones the next run (and the
feed) computes again; the record of ETags is saved after the last write, or when the run
stops on an error.

The run's outcome is returned, not printed: the command line says it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

from tui.core.errors import DocketError
from tui.core.model import Schedule
from tui.core.sanitize import visible
from tui.ical.export import export_bytes
from tui.publish.caldav.client import DEADLINE, DavClient, Response
from tui.publish.caldav.multistatus import DavItem
from tui.publish.caldav.plan import (
    Action,
    Kind,
    Plan,
    Record,
    Remote,
    Wanted,
    owned,
    plan,
    to_read,
)
from tui.publish.caldav.resources import Resource, equivalent, read_uid, split_export
from tui.publish.caldav.state import load_state, state_path
from tui.publish.caldav.urls import PublishError, Target, encode_path, member_kind, shown_href
from tui.publish.feed import ledger_for, ledger_stamper

#: Resources read per calendar-multiget REPORT.
BATCH = 200
Log = Callable[[str], None]
#: (what, done, total): "reading" the collection, then "publishing" the changes.
Progress = Callable[[str, int, int], None]
_LISTING = "<D:getetag/><D:resourcetype/>"


@dataclass(frozen=True)
class PublishOptions:
    target: Target
    auth: tuple[str, str] | None = None
    state: Path | None = None
    dry_run: bool = False
    force: bool = False
    #: The most one request may take (the whole answer included).
    deadline: float = DEADLINE


@dataclass
class Outcome:
    """What a run did (or, dry, would do): the plan, and per kind what was carried out."""

    url: str
    plan: Plan
    done: dict[Kind, int] = field(default_factory=lambda: dict.fromkeys(Kind, 0))
    #: Conflicts found while sending (a 412): (uid, reason).
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    #: Resources the server refused (a 4xx other than 401, 403, 412): (uid, reason).
    refused: list[tuple[str, str]] = field(default_factory=list)
    created_calendar: bool = False
    missing_calendar: bool = False

    def all_conflicts(self) -> list[tuple[str, str]]:
        planned = [(a.uid, a.reason) for a in self.plan.of(Kind.CONFLICT)]
        return sorted(planned + self.conflicts)


def publish(
    schedule: Schedule,
    options: PublishOptions,
    now: datetime,
    *,
    log: Log,
    progress: Progress | None = None,
) -> Outcome:
    """Make the collection hold exactly the schedule's entries among docket's resources."""
    state_file = options.state
    if state_file is not None and state_file.is_dir():  # a folder of ledgers, as serve's
        state_file = state_file / f"{schedule.id}.json"
    ledger, ledger_path = ledger_for(schedule.id, state_file)
    if ledger.problem:
        log(f"docket: publish: {ledger.problem}")
    calendar = export_bytes(schedule, stamper=ledger_stamper(ledger, now))
    resources = split_export(calendar)
    target = options.target
    wanted = {uid: Wanted(uid, _href(target, res), res.digest) for uid, res in resources.items()}
    records_path = state_path(ledger_path)
    state = load_state(records_path)
    if state.problem:
        log(f"docket: publish: {state.problem}")
    records = state.records(target.url)
    client = DavClient(target, options.auth, deadline=options.deadline)
    try:
        outcome = Outcome(target.url, Plan())
        remotes = _survey(client, schedule, options, records, resources, outcome, progress)
        outcome.plan = plan(remotes, wanted, records, schedule.id, force=options.force)
        if options.dry_run:
            return outcome
        ledger.save(ledger_path)
        for action in outcome.plan.of(Kind.UNCHANGED):
            records[action.href] = Record(action.uid, action.etag or "", wanted[action.uid].digest)
        try:
            _carry_out(client, outcome, resources, records, options.force, progress)
        except BaseException:
            _forget_missing(records, remotes, outcome)
            try:  # keep what was done; the failure that stopped the run is the one to tell
                state.save(records_path)
            except DocketError as error:
                log(f"docket: publish: {error}")
            raise
        _forget_missing(records, remotes, outcome)
        state.save(records_path)
        return outcome
    finally:
        client.close()
        _tell_bad_etags(client, log)


def _tell_bad_etags(client: DavClient, log: Log) -> None:
    """One line for the ETags that were not entity-tags (each was dropped, never sent)."""
    if client.bad_etags:
        count = len(set(client.bad_etags))
        log(
            f"docket: publish: the server gave {count} ETag{'' if count == 1 else 's'} that "
            f"{'is' if count == 1 else 'are'} not valid (first for "
            f"{shown_href(encode_path(client.bad_etags[0]))}): ignored, and no resource is "
            "changed without a valid one"
        )


def _href(target: Target, resource: Resource) -> str:
    """The decoded path of a resource (paths are compared decoded, sent encoded)."""
    return target.path + unquote(resource.name)


def _survey(
    client: DavClient,
    schedule: Schedule,
    options: PublishOptions,
    records: dict[str, Record],
    resources: Mapping[str, Resource],
    outcome: Outcome,
    progress: Progress | None = None,
) -> list[Remote]:
    """What the collection holds: listed ETags, and the content where it is needed."""
    path = options.target.path
    found = client.propfind(path, 0, _LISTING)
    top = [item for item in found if member_kind(item.href, options.target) == "self"]
    if not top:
        if options.dry_run:
            outcome.missing_calendar = True
            return []
        _make_calendar(client, path, schedule.title)
        outcome.created_calendar = True
    elif not top[0].calendar:
        raise PublishError(
            f"{options.target.url} is not a calendar collection: give the URL of a calendar "
            "(docket creates it when it does not exist)"
        )
    listing = {
        item.href: item.etag or ""
        for item in client.propfind(path, 1, _LISTING)
        if member_kind(item.href, options.target) == "member"
        and not item.collection
        and item.status == 200
    }
    remotes: list[Remote] = []
    unread = set(to_read(listing, records))
    for href, etag in listing.items():
        record = records.get(href)
        if href not in unread and record is not None:
            remotes.append(Remote(href, etag, record.uid, None))
    for href, etag, data in _read(client, sorted(unread), listing, progress):
        uid = read_uid(data) if data is not None else None
        resource = resources.get(uid) if uid is not None else None
        same = resource is not None and data is not None and equivalent(data, resource)
        remotes.append(Remote(href, etag, uid, same))
        if uid is not None and not owned(uid, schedule.id):
            records[href] = Record(uid, etag, None)  # foreign: not read again at this ETag
    return remotes


def _make_calendar(client: DavClient, path: str, title: str) -> None:
    answer = client.mkcalendar(path, visible(title))
    if answer.status in (200, 201):
        return
    url = client.target.url
    if answer.status in (403, 405, 501):
        raise PublishError(
            f"{url} does not exist and the server does not let docket create it "
            f"({answer.status}): create the calendar in its web interface, then publish"
        )
    if answer.status == 409:
        raise PublishError(f"{url} does not exist, nor does the folder above it (409)")
    raise client.failure(answer, "MKCALENDAR", path)


def _read(
    client: DavClient,
    hrefs: list[str],
    listing: Mapping[str, str],
    progress: Progress | None = None,
) -> list[tuple[str, str, bytes | None]]:
    """(href, ETag, content) of each resource, by calendar-multiget, else one GET each."""
    found: list[tuple[str, str, bytes | None]] = []
    for start in range(0, len(hrefs), BATCH):
        if progress is not None:
            progress("reading", start, len(hrefs))
        batch = hrefs[start : start + BATCH]
        items: list[DavItem] | None = client.multiget(batch)
        if items is None:
            found.extend(_get_each(client, hrefs[start:]))
            break
        seen = {item.href: item for item in items if item.status == 200}
        for href in batch:
            item = seen.get(href)
            if item is not None:
                found.append((href, item.etag or listing[href], item.data))
            # not answered: gone since the listing; the next run will not see it either
    return found


def _get_each(client: DavClient, hrefs: list[str]) -> list[tuple[str, str, bytes | None]]:
    found: list[tuple[str, str, bytes | None]] = []
    for href in hrefs:
        answer = client.get(href)
        if answer.status == 200:
            found.append((href, answer.etag or "", answer.body))
    return found


def _carry_out(
    client: DavClient,
    outcome: Outcome,
    resources: Mapping[str, Resource],
    records: dict[str, Record],
    force: bool,
    progress: Progress | None,
) -> None:
    """Send each change; a 412 is a conflict (re-read and resent once with `force`); a
    resource the server refuses is reported and the others still sent."""
    changes = outcome.plan.changes
    for number, action in enumerate(changes, 1):
        if progress is not None:
            progress("publishing", number, len(changes))
        try:
            if action.kind is not Kind.CREATE and not action.etag:
                raise _Refused(_NO_ETAG)
            if action.kind is Kind.DELETE:
                done = _delete(client, action, records, force)
            else:
                done = _put(client, action, resources[action.uid], records, force)
        except _Refused as refusal:
            outcome.refused.append((action.uid, str(refusal)))
            continue
        if done is None:
            outcome.done[action.kind] += 1
        else:
            outcome.conflicts.append((action.uid, done))


def _put(
    client: DavClient,
    action: Action,
    resource: Resource,
    records: dict[str, Record],
    force: bool,
) -> str | None:
    """Create or update; None when done, else why it is a conflict."""
    etag = action.etag if action.kind is Kind.UPDATE else None
    answer = client.put(action.href, resource.body, if_match=etag)
    if answer.status == 412 and force:
        current = _current(client, action.href, action.uid)
        if current is None:
            return "changed on the server while publishing, and is no longer docket's"
        answer = client.put(action.href, resource.body, if_match=current or None)
    if answer.status == 412:
        return "changed on the server while publishing (--force overwrites)"
    if answer.status == 404 and etag is not None:  # deleted meanwhile: create it again
        answer = client.put(action.href, resource.body, if_match=None)
    _check(client, answer, {200, 201, 204}, "PUT", action.href)
    tag = answer.etag
    if not tag or tag.startswith("W/"):  # RFC 4791 §5.3.4: the server changed it; re-read
        tag = _etag(client, action.href)
    records[action.href] = Record(action.uid, tag or "", resource.digest)
    return None


def _delete(
    client: DavClient, action: Action, records: dict[str, Record], force: bool
) -> str | None:
    answer = client.delete(action.href, if_match=action.etag or "")
    if answer.status == 412 and force:
        current = _current(client, action.href, action.uid)
        if current is None:
            return "changed on the server while publishing, and is no longer docket's"
        if not current:  # gone meanwhile: what the delete wanted
            records.pop(action.href, None)
            return None
        answer = client.delete(action.href, if_match=current)
    if answer.status == 412:
        return "changed on the server while publishing (--force deletes it)"
    if answer.status not in (404, 410):
        _check(client, answer, {200, 204}, "DELETE", action.href)
    records.pop(action.href, None)
    return None


class _Refused(Exception):
    """The server refused one resource (the run goes on with the others)."""


def _check(client: DavClient, answer: Response, ok: set[int], method: str, href: str) -> None:
    if answer.status in ok:
        return
    if 400 <= answer.status < 500 and answer.status not in (401, 403, 407):
        reason = visible(answer.reason or "")
        raise _Refused(f"refused by the server ({answer.status} {reason}) for {method}")
    raise client.failure(answer, method, href)


#: Why an update or delete is not sent: without an ETag it would have no precondition.
_NO_ETAG = "the server gave no valid ETag for it: not changed without one"


def _current(client: DavClient, href: str, uid: str) -> str | None:
    """The ETag of `href` now ("" when it is gone), or None when it holds another UID;
    _Refused when it is there but the server gives no valid ETag for it."""
    answer = client.get(href)
    if answer.status != 200:
        return ""
    if read_uid(answer.body) != uid:
        return None
    tag = answer.etag or _etag(client, href)
    if not tag:
        raise _Refused(_NO_ETAG)
    return tag


def _etag(client: DavClient, href: str) -> str | None:
    items = client.propfind(href, 0, "<D:getetag/>")
    return next((item.etag for item in items if item.etag), None)


def _forget_missing(records: dict[str, Record], remotes: list[Remote], outcome: Outcome) -> None:
    """Drop records of resources no longer in the collection (deleted by anyone)."""
    present = {remote.href for remote in remotes}
    present.update(a.href for a in outcome.plan.of(Kind.CREATE))
    for href in [href for href in records if href not in present]:
        del records[href]
