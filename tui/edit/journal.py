"""The journal of pending edits: what a killed app offers back the next time.

While edits are pending, the session writes them to `<user state dir>/docket/edits/
<hash of the file's resolved path>.json` after every apply, undo and redo, and removes the
file on save or discard. Each journal says which file it is for and the signature
(SHA-256 and size) of the text the edits were made on, so a later session can tell
whether they still apply as they were made or must be re-applied onto a changed file.

The journal is a state file like any other (`tui.core.state_files`): read only if it is a
regular file, bounded, JSON nesting checked, and every value type-checked here (format
name, version, edit types and fields, sizes); a damaged or foreign one is set aside and
reported in one line, never a traceback, and its edits are not offered.

Format (version 1): `{"format": "docket-edit-journal", "version": 1, "file": PATH,
"base": {"sha256": HEX, "size": N}, "edits": [EDIT…]}`; an edit is `{"type": "Move" |
"Resize" | "SetStatus" | "SetFields" | "AddEvent" | "DeleteEvent", …fields}` with values
tagged by type: `{"str": …}`, `{"date": ISO}`, `{"datetime": ISO, "zone": NAME|null}`,
`{"list": [str…]}`, `null`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tui.core.state_files import read_state, write_json
from tui.edit.edits import FIELDS, AddEvent, DeleteEvent, Edit, Move, Resize, SetFields, SetStatus
from tui.edit.edits import Value as FieldValue

FORMAT: Final = "docket-edit-journal"
VERSION: Final = 1
#: More edits than this in one journal is no journal docket wrote.
MAX_EDITS: Final = 100_000
#: Longest string a journal value may hold (a title or notes typed in the app).
MAX_TEXT: Final = 8 * 1024 * 1024
#: Largest whole-day shift a journaled move or resize may hold.
MAX_DAYS: Final = 366_000


@dataclass(frozen=True, slots=True)
class FileSignature:
    """What a file held: the SHA-256 of its bytes and their number."""

    sha256: str
    size: int

    @classmethod
    def of(cls, data: bytes) -> FileSignature:
        return cls(hashlib.sha256(data).hexdigest(), len(data))


@dataclass(frozen=True)
class Journal:
    """Pending edits found in the state directory: for `file`, made on `base`."""

    file: str
    base: FileSignature
    edits: tuple[Edit, ...]


def journal_path(path: Path) -> Path:
    """Where the journal of the schedule at `path` is kept (keyed by its resolved path)."""
    from platformdirs import user_state_path

    key = hashlib.sha256(os.fsencode(_resolved(path))).hexdigest()[:32]
    return user_state_path("docket", appauthor=False) / "edits" / f"{key}.json"


def _resolved(path: Path) -> str:
    return os.path.realpath(path)


def write_journal(path: Path, base: FileSignature, edits: tuple[Edit, ...]) -> None:
    """Journal `edits` (made on `base`) for the file at `path`; `WriteError` if it cannot."""
    write_json(
        journal_path(path),
        {
            "format": FORMAT,
            "version": VERSION,
            "file": _resolved(path),
            "base": {"sha256": base.sha256, "size": base.size},
            "edits": [edit_to_json(edit) for edit in edits],
        },
    )


def remove_journal(path: Path) -> None:
    """Remove the journal of the file at `path`, if there is one (nothing else is touched)."""
    target = journal_path(path)
    try:
        if target.is_file() and not target.is_symlink():
            target.unlink()
    except OSError:
        pass  # a journal that cannot be removed is found and checked against the file later


def read_journal(path: Path) -> tuple[Journal | None, str | None]:
    """The journal of the file at `path` and a problem: (journal, None); (None, None) when
    there is none; (None, one line) when it cannot be used (it is set aside)."""
    journal, problem = read_state(journal_path(path), _parse, "edit journal")
    if journal is not None and journal.file != _resolved(path):
        return None, None  # another file's (a hash collision or a moved state directory)
    return journal, problem


# -- JSON -------------------------------------------------------------------------------------


def edit_to_json(edit: Edit) -> dict[str, Any]:
    """One edit as the journal stores it."""
    out: dict[str, Any] = {"type": type(edit).__name__}
    match edit:
        case Move():
            out |= {"event_id": edit.event_id, "days": edit.days}
        case Resize():
            out |= {"event_id": edit.event_id, "end_days": edit.end_days}
        case SetStatus():
            out |= {"event_id": edit.event_id, "status": edit.status}
        case SetFields():
            out |= {"event_id": edit.event_id, "values": [[k, _value(v)] for k, v in edit.values]}
        case AddEvent():
            out |= {
                "kind": edit.kind,
                "title": edit.title,
                "start": _value(edit.start),
                "end": _value(edit.end),
                "event_id": edit.event_id,
                "extra": [[k, _value(v)] for k, v in edit.extra],
            }
        case DeleteEvent():
            out |= {"event_id": edit.event_id}
    return out


def _value(value: FieldValue) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return {"str": value}
    if isinstance(value, datetime):
        zone = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
        moment = value.replace(tzinfo=None) if zone is not None else value
        return {"datetime": moment.isoformat(), "zone": zone}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return {"list": list(value)}


def _parse(data: Any) -> Journal:
    """A journal from its JSON, every value checked (`ValueError`/`TypeError` otherwise)."""
    _require(isinstance(data, dict), "not a JSON object")
    _require(data.get("format") == FORMAT, "not a docket edit journal")
    _require(data.get("version") == VERSION, f"journal version {data.get('version')!r} unknown")
    base = data.get("base")
    _require(isinstance(base, dict), "no base signature")
    sha, size = base.get("sha256"), base.get("size")
    _require(
        isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha),
        "base sha256 is not a SHA-256",
    )
    _require(_is_int(size) and 0 <= size <= 1 << 40, "base size out of range")
    edits = data.get("edits")
    _require(isinstance(edits, list) and len(edits) <= MAX_EDITS, "edits is not a list")
    return Journal(
        _text(data.get("file")), FileSignature(sha, size), tuple(map(edit_from_json, edits))
    )


def edit_from_json(item: Any) -> Edit:
    """One journaled edit, every field type- and range-checked."""
    _require(isinstance(item, dict), "an edit is not an object")
    kind = item.get("type")
    if kind == "Move":
        return Move(_slug(item.get("event_id")), _days(item.get("days")))
    if kind == "Resize":
        return Resize(_slug(item.get("event_id")), _days(item.get("end_days")))
    if kind == "SetStatus":
        return SetStatus(_slug(item.get("event_id")), _text(item.get("status")))
    if kind == "SetFields":
        return SetFields(_slug(item.get("event_id")), _pairs(item.get("values")))
    if kind == "DeleteEvent":
        return DeleteEvent(_slug(item.get("event_id")))
    if kind == "AddEvent":
        start = _when(item.get("start"))
        _require(start is not None, "an added event has no start")
        assert start is not None
        event_id = item.get("event_id")
        return AddEvent(
            _text(item.get("kind")),
            _text(item.get("title")),
            start,
            _when(item.get("end")),
            None if event_id is None else _slug(event_id),
            _pairs(item.get("extra")),
        )
    raise ValueError(f"unknown edit type {str(kind)[:40]!r}")


def _pairs(items: Any) -> tuple[tuple[str, FieldValue], ...]:
    _require(isinstance(items, list) and len(items) <= len(FIELDS), "values is not a list")
    out = []
    for pair in items:
        _require(isinstance(pair, list) and len(pair) == 2, "a value is not a [key, value] pair")
        key = _text(pair[0])
        _require(key in FIELDS, f"{key[:40]!r} is not a field")
        out.append((key, _field(pair[1])))
    return tuple(out)


def _field(value: Any) -> FieldValue:
    if value is None:
        return None
    _require(isinstance(value, dict) and len(value) in (1, 2), "a value is not tagged")
    if "str" in value:
        return _text(value["str"])
    if "list" in value:
        items = value["list"]
        _require(isinstance(items, list) and len(items) <= 10_000, "a list value is too long")
        return tuple(_text(item) for item in items)
    when = _when(value)
    _require(when is not None, "a value of no known type")
    return when


def _when(value: Any) -> date | datetime | None:
    if value is None:
        return None
    _require(isinstance(value, dict), "a date is not tagged")
    if "date" in value:
        return date.fromisoformat(_text(value["date"])[:10])
    moment = datetime.fromisoformat(_text(value.get("datetime"))[:40])
    zone = value.get("zone")
    if zone is None:
        return moment
    _require(moment.tzinfo is None, "a zoned date-time with an offset")
    try:
        return moment.replace(tzinfo=ZoneInfo(_text(zone)[:100]))
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ValueError(f"unknown zone in the journal ({error})") from None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    _require(len(value) <= MAX_TEXT, "a text value is too long")
    return value


def _slug(value: Any) -> str:
    text = _text(value)
    _require(0 < len(text) <= 1000, "an event id out of range")
    return text


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _days(value: Any) -> int:
    _require(_is_int(value) and abs(value) <= MAX_DAYS, "a shift of days out of range")
    return int(value)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)
