"""What `docket publish` remembers of a collection: per resource, the UID and the ETag it
last saw, and for its own resources the digest of what it put there.

Two things need it. Conflicts: a resource whose ETag moved since docket put it was
changed by someone else, which a listing alone cannot tell from a schedule change; the
record tells them apart, so the next publish reports a conflict instead of silently
overwriting the colleague's edit. Cost: a resource whose ETag is the recorded one need
not be read again, so a second publish of 48,000 unchanged entries reads ETags only.

The file sits beside the change ledger (`<ledger>.caldav.json`), one section per
collection URL, read and written as a state file (`tui.core.state_files`: a regular file
only, bounded, atomic, 0600 in a 0700 folder). Losing it is harmless: the next run reads
every resource and compares contents; only conflict detection waits a run. A damaged or
foreign file is reported and set aside, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.core.state_files import read_state, write_json
from tui.publish.caldav.plan import Record

FORMAT = "docket-caldav-state"
VERSION = 1


def state_path(ledger_path: Path) -> Path:
    """`<ledger stem>.caldav.json` beside the ledger."""
    return ledger_path.with_name(ledger_path.stem + ".caldav.json")


class PublishState:
    """Records per collection URL (credentials never part of the key)."""

    def __init__(self, collections: dict[str, dict[str, Record]] | None = None) -> None:
        self.collections = collections or {}
        #: Why the file on disk was not used, when it was corrupt or foreign.
        self.problem: str | None = None

    def records(self, url: str) -> dict[str, Record]:
        return self.collections.setdefault(url, {})

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "collections": {
                url: {
                    href: {"uid": rec.uid, "etag": rec.etag, "digest": rec.digest}
                    for href, rec in sorted(records.items())
                }
                for url, records in sorted(self.collections.items())
            },
        }

    def save(self, path: Path) -> None:
        """Write as a state file; raises WriteError (tui.core.errors) when it cannot."""
        write_json(path, self.to_json())


def load_state(path: Path) -> PublishState:
    """The state at `path`; an empty one when there is none or it cannot be used (its
    `problem` says why; a damaged file is set aside, as `tui.core.state_files` says)."""
    state, problem = read_state(path, _parse, "docket publish state")
    if state is None:
        state = PublishState()
        state.problem = problem
    return state


def _parse(data: Any) -> PublishState:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("no format marker")
    if data.get("version") != VERSION:
        raise ValueError("another version")
    collections: dict[str, dict[str, Record]] = {}
    if not isinstance(data["collections"], dict):
        raise TypeError("collections: expected an object")
    for url, records in data["collections"].items():
        parsed: dict[str, Record] = {}
        if not isinstance(records, dict):
            raise TypeError("a collection: expected an object")
        for href, item in records.items():
            uid, etag, digest = item["uid"], item["etag"], item["digest"]
            if not isinstance(href, str) or not isinstance(etag, str):
                raise TypeError("bad record")
            if not (uid is None or isinstance(uid, str)):
                raise TypeError("bad uid")
            if not (digest is None or isinstance(digest, str)):
                raise TypeError("bad digest")
            parsed[href] = Record(uid, etag, digest)
        collections[str(url)] = parsed
    return PublishState(collections)
