"""Planning a publish: from what the collection holds and what the schedule wants, the
actions, per resource. Pure: no network, no files, so every rule is tested on its own.

The rules (the contract of `docket publish`):

- a resource is docket's only when its UID ends `@<schedule-id>.docket`; any other
  resource (another UID, none, unreadable) gets no action at all, whatever the options;
- an entry of the schedule with no resource is created at `<percent-encoded UID>.ics`
  (`If-None-Match: *`); one whose resource sits elsewhere (a client imported the .ics
  under its own names) is updated where it is, since a collection holds one object per
  UID; a name already taken by a resource with another UID is a conflict, never touched;
- a resource is updated (`If-Match` its ETag) only when it does not say what docket would
  PUT; an owned resource whose entry left the schedule is deleted (`If-Match`);
- a name held by docket's own leftover (a resource whose UID left the schedule) is freed
  by its delete, which runs before the creates;
- a resource docket published but someone changed on the server since (its ETag moved
  from the one docket recorded, and it no longer says what docket would PUT) is a
  conflict, left alone, unless `force`.

`Remote.same` is None for a resource not read this run because its ETag is the one
recorded: the record then tells what it holds (the digest of what docket put).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class Remote:
    """A resource in the collection: its path (decoded), ETag, UID (None when it has none
    or cannot be read) and whether it says what docket would PUT (None: not read)."""

    href: str
    etag: str
    uid: str | None
    same: bool | None = None


@dataclass(frozen=True, slots=True)
class Wanted:
    """An entry of the schedule: its UID, the path docket gives it, its content digest."""

    uid: str
    href: str
    digest: str


@dataclass(frozen=True, slots=True)
class Record:
    """What docket last knew of a resource it saw: UID, ETag, and for its own resources
    the digest of what it holds (None for a resource that is not docket's)."""

    uid: str | None
    etag: str
    digest: str | None


@dataclass(frozen=True, slots=True)
class Action:
    kind: Kind
    uid: str
    href: str
    #: The ETag for If-Match (update, delete), or None (create: If-None-Match: *).
    etag: str | None = None
    reason: str = ""


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    #: Resources in the collection that are not docket's: never touched, counted.
    foreign: int = 0

    def of(self, kind: Kind) -> list[Action]:
        return [action for action in self.actions if action.kind is kind]

    @property
    def changes(self) -> list[Action]:
        """What to send, deletes first: a name freed by a delete may be created again."""
        order = (Kind.DELETE, Kind.UPDATE, Kind.CREATE)
        return [action for kind in order for action in self.of(kind)]


def owned(uid: str | None, schedule_id: str) -> bool:
    return uid is not None and uid.endswith(f"@{schedule_id}.docket")


def to_read(listing: Mapping[str, str], records: Mapping[str, Record]) -> list[str]:
    """The resources whose content must be read: new ones, and those whose ETag moved."""
    return sorted(
        href
        for href, etag in listing.items()
        if (record := records.get(href)) is None or record.etag != etag or not record.etag
    )


def plan(
    remotes: Sequence[Remote],
    wanted: Mapping[str, Wanted],
    records: Mapping[str, Record],
    schedule_id: str,
    *,
    force: bool = False,
) -> Plan:
    """The actions that make the collection hold exactly `wanted` among docket's resources."""
    result = Plan()
    by_href = {remote.href: remote for remote in remotes}
    holders: dict[str, list[Remote]] = {}
    for remote in remotes:
        if owned(remote.uid, schedule_id):
            assert remote.uid is not None
            holders.setdefault(remote.uid, []).append(remote)
        else:
            result.foreign += 1
    claimed: set[str] = set()
    for uid in sorted(wanted):
        entry = wanted[uid]
        candidates = holders.get(uid, [])
        holder = _holder(candidates, entry.href)
        if holder is None:
            occupant = by_href.get(entry.href)
            # docket's leftover holding this name is deleted below (deletes run first),
            # unless it is a conflict itself
            if _freed(occupant, wanted, records, schedule_id, force):
                occupant = None
            result.actions.append(_place(entry, occupant))
            continue
        claimed.update(r.href for r in candidates)  # duplicates of a wanted UID: left alone
        result.actions.append(_keep(entry, holder, records.get(holder.href), force))
    for remote in sorted(remotes, key=lambda r: r.href):
        if remote.href in claimed or not owned(remote.uid, schedule_id):
            continue
        assert remote.uid is not None
        if _edited(remote, records.get(remote.href)) and not force:
            reason = "left the schedule, but was changed on the server since docket put it"
            result.actions.append(Action(Kind.CONFLICT, remote.uid, remote.href, None, reason))
        else:
            result.actions.append(Action(Kind.DELETE, remote.uid, remote.href, remote.etag))
    return result


def _holder(candidates: list[Remote], href: str) -> Remote | None:
    """The resource of a UID: the one at docket's name for it, else the first by path."""
    for candidate in candidates:
        if candidate.href == href:
            return candidate
    return min(candidates, key=lambda r: r.href) if candidates else None


def _freed(
    occupant: Remote | None,
    wanted: Mapping[str, Wanted],
    records: Mapping[str, Record],
    schedule_id: str,
    force: bool,
) -> bool:
    """The name is held by docket's resource for an entry no longer in the schedule, which
    this plan deletes."""
    if occupant is None or not owned(occupant.uid, schedule_id) or occupant.uid in wanted:
        return False
    return force or not _edited(occupant, records.get(occupant.href))


def _place(entry: Wanted, occupant: Remote | None) -> Action:
    """A new entry: created, unless its name holds a resource with another UID."""
    if occupant is None:
        return Action(Kind.CREATE, entry.uid, entry.href)
    reason = "its address holds another calendar entry (another UID): not touched"
    return Action(Kind.CONFLICT, entry.uid, entry.href, None, reason)


def _keep(entry: Wanted, remote: Remote, record: Record | None, force: bool) -> Action:
    if _same(remote, record, entry):
        return Action(Kind.UNCHANGED, entry.uid, remote.href, remote.etag)
    if _edited(remote, record) and not force:
        reason = "changed on the server since docket put it (--force overwrites)"
        return Action(Kind.CONFLICT, entry.uid, remote.href, remote.etag, reason)
    return Action(Kind.UPDATE, entry.uid, remote.href, remote.etag)


def _same(remote: Remote, record: Record | None, entry: Wanted) -> bool:
    if remote.same is not None:
        return remote.same
    return record is not None and record.etag == remote.etag and record.digest == entry.digest


def _edited(remote: Remote, record: Record | None) -> bool:
    """Docket put this resource, and its ETag moved since: someone else changed it."""
    if record is None or record.digest is None or not record.etag:
        return False  # not docket's, or docket never learnt its ETag: no evidence
    return record.etag != remote.etag
