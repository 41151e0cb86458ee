"""The view cache: the timeline's rows of a file's exact bytes, to draw them at once.

Textual-free, and light to import (the first frame may need it). After every fully valid
load the rows are written, in a worker thread, to the user's cache directory
(`platformdirs.user_cache_path("docket")/rows`, or `$DOCKET_CACHE_DIR`), under a key that
hashes the file's bytes with everything else the rows depend on: docket's version, the
zone data's version and this cache's format. On the next start the same bytes find their
rows before the full load has run; the full load then replaces them. Different bytes make a
different key, so a changed file can never show old rows, and the rows shown before the
load validates were valid when they were cached.

An entry is a small header (a magic line, the format, the key, a SHA-256 of the payload)
then the payload: plain lists, tuples, strings and numbers in `marshal`'s format (twice as fast to
read as JSON: 40 ms for 50,000 rows), read only once the header and the hash match, so a
truncated, corrupt, foreign or older entry is a miss, never an error; every value's type is
then checked too. (`marshal` is no defence against a crafted file, and needs none here: who
can write the user's cache directory can write the user's schedule.) The
directory is bounded (`MAX_ENTRIES`, `MAX_BYTES`; the oldest go first). `DOCKET_NO_CACHE=1`
or `--no-cache` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from tui.core.collection import collection_deferred

#: Bumped whenever what an entry holds, or what its rows mean, changes.
FORMAT = 2
MAGIC = b"docket-rows-cache\n"
SUFFIX = ".rows"
MAX_ENTRIES = 20
MAX_BYTES = 50 * 1024 * 1024


class CachedEvent(NamedTuple):
    """What the first screen reads of an event (a row's `event`): a plain record."""

    id: str
    kind: str
    status: str
    is_off: bool
    is_point: bool
    is_session: bool


class CachedRow(NamedTuple):
    """A timeline row as the cache keeps it (`tui.app.timeline.rows.Row`'s every field and
    property, a test checks): drawn exactly as the row it was made from. Tuples, built at C
    speed: 50,000 of them are read in a few tens of milliseconds."""

    event: CachedEvent
    t0: float
    t1: float
    title: str
    dates: str
    glyph: str
    bar_glyph: str
    daily: bool
    off: frozenset[int]
    hours: tuple[tuple[float, float], ...]
    distinct: int

    @property
    def point(self) -> bool:
        return self.event.is_point

    @property
    def removed(self) -> bool:
        """A cached row is never a baseline's removed event (`tui.app.timeline.rows.Row`)."""
        return False

    def meets_on(self, day: int) -> bool:
        return (day + 6) % 7 < 5 and day not in self.off


class CachedRows:
    """The rows of one file's bytes, with the schedule's title and the rows' bounds."""

    __slots__ = ("all", "first", "last", "title", "widths")

    def __init__(
        self,
        title: str,
        bounds: tuple[float, float],
        widths: tuple[int, int, int],
        rows: list[CachedRow],
    ) -> None:
        self.title = title
        self.first, self.last = bounds
        self.widths = widths
        self.all = rows

    def __len__(self) -> int:
        return len(self.all)


# --- where, and under which key ----------------------------------------------------------------


def cache_disabled() -> bool:
    return os.environ.get("DOCKET_NO_CACHE", "").strip() not in ("", "0")


def cache_dir() -> Path | None:
    """The directory of entries, or None when the cache is off."""
    if cache_disabled():
        return None
    chosen = os.environ.get("DOCKET_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_path

    return user_cache_path("docket", appauthor=False) / "rows"


def zone_data_version() -> str:
    """The version of the zone data `zoneinfo` reads (the system's first, then tzdata's)."""
    import zoneinfo

    for folder in zoneinfo.TZPATH:
        with contextlib.suppress(OSError), open(os.path.join(folder, "tzdata.zi"), "rb") as file:
            return file.readline(64).decode("ascii", "replace").strip()
    try:
        from importlib import import_module

        return f"tzdata {import_module('tzdata').IANA_VERSION}"
    except ImportError:
        return "no zone data version"


def cache_key(data: bytes) -> str:
    """The key of a file's bytes: everything the rows drawn from them depend on."""
    from tui import __version__

    digest = hashlib.sha256(data)
    python = f"python {sys.version_info[0]}.{sys.version_info[1]} marshal {marshal.version}"
    digest.update(f"\0docket {__version__}\0{zone_data_version()}\0{python}".encode())
    digest.update(f"\0format {FORMAT}".encode())
    return digest.hexdigest()


# --- reading ---------------------------------------------------------------------------------


def read_rows(folder: Path, key: str) -> CachedRows | None:
    """The cached rows for `key`, or None on a miss (absent, unreadable, corrupt, foreign)."""
    entry = folder / f"{key}{SUFFIX}"
    try:
        rows = decode(entry.read_bytes(), key)
    except Exception:  # any failure of a cache is a miss
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # used: the last to be evicted
    return rows


def decode(blob: bytes, key: str) -> CachedRows:
    """Rows from an entry's bytes; ValueError (or another error) if it is not one for `key`."""
    head, _, payload = blob.partition(b"\n\n")
    lines = head.split(b"\n")
    if len(lines) != 4 or (lines[0] + b"\n") != MAGIC:
        raise ValueError("not a docket rows cache entry")
    if lines[1] != f"format {FORMAT}".encode() or lines[2] != key.encode():
        raise ValueError("another format or key")
    if lines[3] != hashlib.sha256(payload).hexdigest().encode():
        raise ValueError("truncated or corrupt")
    with collection_deferred():
        document = marshal.loads(payload)
        return _rows_from(document)


_TEXT: set[type] = {str}
_FLAG: set[type] = {bool}
_NUMBER: set[type] = {int, float}
_INDEX: set[type] = {int}
_TUPLE: set[type] = {tuple}
#: The types of each column of an entry's rows, in order (see `encode`).
_COLUMNS: tuple[set[type], ...] = (
    (_TEXT,) * 3 + (_FLAG,) * 3 + (_NUMBER,) * 2 + (_TEXT,) * 4 + (_FLAG, _INDEX, _TUPLE, _INDEX)
)


def _rows_from(document: Any) -> CachedRows:
    """Rows from a decoded entry, every value's type checked column by column at C speed."""
    title, first, last = document["title"], document["first"], document["last"]
    widths = tuple(document["widths"])
    if not (isinstance(title, str) and len(widths) == 3 and _numbers(first, last, *widths)):
        raise ValueError("bad header")
    offs = document["offs"]
    if not (type(offs) is list and set(map(type, offs)) <= {frozenset}):
        raise ValueError("bad holidays")
    if not set(map(type, chain.from_iterable(offs))) <= {int}:
        raise ValueError("bad holidays")
    columns = document["columns"]
    if type(columns) is not list or len(columns) != len(_COLUMNS):
        raise ValueError("bad rows")
    if len(set(map(len, columns))) != 1:
        raise ValueError("columns of different lengths")
    for column, types in zip(columns, _COLUMNS, strict=True):
        if type(column) is not list or not set(map(type, column)) <= types:
            raise ValueError("bad rows")
    blocks = list(chain.from_iterable(columns[14]))
    if not set(map(type, blocks)) <= {tuple} or not set(map(len, blocks)) <= {2}:
        raise ValueError("bad hours")
    if not set(map(type, chain.from_iterable(blocks))) <= _NUMBER:
        raise ValueError("bad hours")
    if not set(columns[13]) <= set(range(len(offs))):
        raise ValueError("bad holidays")
    events = map(partial(tuple.__new__, CachedEvent), zip(*columns[:6], strict=True))
    off = map(offs.__getitem__, columns[13])
    rows = list(
        map(
            partial(tuple.__new__, CachedRow),
            zip(events, *columns[6:13], off, columns[14], columns[15], strict=True),
        )
    )
    if any(end < 0 for end in columns[15]):
        raise ValueError("bad title ends")
    sizes = (int(widths[0]), int(widths[1]), int(widths[2]))
    return CachedRows(title, (float(first), float(last)), sizes, rows)


def _numbers(*values: object) -> bool:
    return all(type(v) in (int, float) for v in values)


# --- writing ---------------------------------------------------------------------------------


def encode(key: str, title: str, rows: Any) -> bytes:
    """An entry for `rows` (`TimelineRows` or `CachedRows`: `all`, `first`, `last`, `widths`):
    one list per attribute (columns read faster than rows), holiday sets stored once."""
    offs: dict[frozenset[int], int] = {}
    columns: list[list[Any]] = [[] for _ in _COLUMNS]
    for r in rows.all:
        e = r.event
        values: tuple[Any, ...] = (e.id, e.kind, e.status, bool(e.is_off), bool(r.point))
        values += (bool(e.is_session),)
        values += (r.t0, r.t1, r.title, r.dates, r.glyph, r.bar_glyph, bool(r.daily))
        values += (offs.setdefault(frozenset(r.off), len(offs)), tuple(map(tuple, r.hours)))
        values += (r.distinct,)
        for column, value in zip(columns, values, strict=True):
            column.append(value)
    document = {
        "title": title,
        "first": rows.first,
        "last": rows.last,
        "widths": list(rows.widths),
        "offs": list(offs),
        "columns": columns,
    }
    payload = marshal.dumps(document)
    digest = hashlib.sha256(payload).hexdigest()
    return MAGIC + f"format {FORMAT}\n{key}\n{digest}\n\n".encode() + payload


def write_rows(folder: Path, key: str, title: str, rows: Any) -> bool:
    """Write the entry for `key` atomically and keep the directory in bounds; never raises
    (a cache that cannot be written is only a cache). Call it off the event loop."""
    try:
        from tui.core.atomic import write_file

        folder.mkdir(parents=True, exist_ok=True)
        write_file(folder / f"{key}{SUFFIX}", encode(key, title, rows))
        prune(folder, keep=key)
    except Exception:
        return False
    return True


def prune(folder: Path, *, keep: str | None = None) -> None:
    """Delete the oldest entries until at most MAX_ENTRIES and MAX_BYTES remain."""
    entries: list[tuple[int, int, Path]] = []
    for path in folder.glob(f"*{SUFFIX}"):
        with contextlib.suppress(OSError):
            info = path.stat()
            entries.append((info.st_mtime_ns, info.st_size, path))
    entries.sort(key=lambda e: (e[2].stem == keep, e[0]), reverse=True)
    size = 0
    for count, (_mtime, bytes_, path) in enumerate(entries, 1):
        size += bytes_
        if count > MAX_ENTRIES or size > MAX_BYTES:
            with contextlib.suppress(OSError):
                path.unlink()
