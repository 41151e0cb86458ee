"""The view cache: the timeline's rows of a file's exact bytes, to draw them at once.

Textual-free, and light to import (the first frame may need it). After every fully valid
load the rows are written, in a worker thread, to the user's cache directory
(`platformdirs.user_cache_path("docket")/rows`, or `$DOCKET_CACHE_DIR`), under a key that
hashes the file's bytes with everything else the rows depend on: docket's version, the zone
data's version, Python's and `marshal`'s versions and this cache's format. On the next
start the same bytes find their rows before the full load has run; the full load then
replaces them. Different bytes make a different key, and the entry states its key, compared
with the key of the bytes being opened, so a changed file can never show old rows.

An entry is a small header (a magic line, the format, the key, a SHA-256 of the payload)
then the payload: plain lists, tuples, strings and numbers in `marshal`'s format (twice as
fast to read as JSON: 40 ms for 50,000 rows), read only once the header and the hash match,
so a truncated, corrupt, foreign or older entry is a miss, never an error.

The cache is untrusted input all the same (`tui.core.state_files`): its directory is made
0700 and refused, with a note and no cache, when another user owns or can write it (who can
write it could feed `marshal` anything); an entry is read only if it is a regular file, never
through a link, never past `MAX_ENTRY_BYTES`, and written by replacing its name, never
through whatever is there; every value's type and range is checked (kinds, statuses, one-cell
glyphs, finite day numbers in docket's years), and every text is passed through the
sanitiser (`tui.app.shown`), so a crafted entry can show nothing a terminal obeys. The
directory is bounded (`MAX_ENTRIES`, `MAX_BYTES`; the oldest go first). `DOCKET_NO_CACHE=1`
or `--no-cache` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import math
import operator
import os
import sys
from collections.abc import Sequence
from datetime import date
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from tui.app.shown import shown
from tui.core.collection import collection_deferred
from tui.core.dates import FIRST_YEAR, LAST_YEAR
from tui.core.state_files import StateFileError, ensure_directory, read_bytes, write_bytes

#: Bumped whenever what an entry holds, or what its rows mean, changes.
FORMAT = 2
MAGIC = b"docket-rows-cache\n"
SUFFIX = ".rows"
MAX_ENTRIES = 20
MAX_BYTES = 50 * 1024 * 1024
#: An entry larger than this is not read (50,000 rows take about 10 MB).
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: Day numbers a row may hold: docket's years, with a day to spare either side.
_FIRST_DAY = date(FIRST_YEAR, 1, 1).toordinal() - 1
_LAST_DAY = date(LAST_YEAR, 12, 31).toordinal() + 2
#: The kinds and statuses a row may hold (`tui.core.model`'s, a test checks: not imported,
#: to keep this module light).
KINDS = frozenset({"session", "consultation", "meeting", "deadline", "milestone"})
STATUSES = frozenset({"confirmed", "tentative", "postponed", "cancelled"})
#: The glyphs a row may be drawn with (`tui.app.timeline.rows`' kinds' and statuses').
GLYPHS = frozenset("█▓▒◆◇╌✕")
#: The widest title or dates column an entry may ask for.
_MAX_WIDTH = 10_000


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


def open_cache(folder: Path) -> str | None:
    """Make the cache directory (0700) if it is missing; why it cannot be used (another
    user owns or can write it, or it cannot be made), or None when it can. Never raises."""
    try:
        ensure_directory(folder)
    except StateFileError as error:
        return f"{error}: the rows cache is off for this run"
    except Exception as error:  # a cache never stops the app
        return f"{folder}: the rows cache is off for this run ({type(error).__name__})"
    return None


# --- reading ---------------------------------------------------------------------------------


def read_rows(folder: Path, key: str) -> CachedRows | None:
    """The cached rows for `key`, or None on a miss (absent, unreadable, corrupt, foreign,
    or no regular file: a link, a pipe or a device at its name is never opened)."""
    entry = folder / f"{key}{SUFFIX}"
    try:
        blob = read_bytes(entry, limit=MAX_ENTRY_BYTES, follow_links=False)
        if blob is None:
            return None
        rows = decode(blob, key)
    except Exception:  # any failure of a cache is a miss
        return None
    with contextlib.suppress(OSError, NotImplementedError):
        os.utime(entry, follow_symlinks=False)  # used: the last to be evicted
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
    """Rows from a decoded entry, every value's type and range checked column by column at
    C speed, every text sanitised."""
    title, first, last = document["title"], document["first"], document["last"]
    widths = tuple(document["widths"])
    if not (isinstance(title, str) and len(widths) == 3 and _numbers(first, last, *widths)):
        raise ValueError("bad header")
    if not (_days((first, last)) and set(map(type, widths)) <= {int}):
        raise ValueError("bad header")
    if not all(0 <= width <= _MAX_WIDTH for width in widths):
        raise ValueError("bad widths")
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
    hours = list(chain.from_iterable(blocks))
    if not set(map(type, hours)) <= _NUMBER:
        raise ValueError("bad hours")
    if not set(columns[13]) <= set(range(len(offs))):
        raise ValueError("bad holidays")
    _check_values(columns, offs, hours)
    for index in (8, 9):  # the title and dates columns: shown, never sent to the terminal
        columns[index] = _sanitised(columns[index])
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
    return CachedRows(shown(title), (float(first), float(last)), sizes, rows)


def _numbers(*values: object) -> bool:
    return all(type(v) in (int, float) for v in values)


def _days(values: Sequence[float]) -> bool:
    """Whether every value is a finite day number in docket's years (NaN fails the sum)."""
    return not values or (
        math.isfinite(sum(values)) and min(values) >= _FIRST_DAY and max(values) <= _LAST_DAY
    )


def _check_values(columns: list[list[Any]], offs: list[frozenset[int]], hours: list[float]) -> None:
    """What a valid load's rows hold: known kinds and statuses, the glyphs of a kind or
    status, spans of finite day numbers in docket's years that do not end before
    they start, holidays on such days and meeting hours within a day."""
    if not set(columns[1]) <= KINDS or not set(columns[2]) <= STATUSES:
        raise ValueError("unknown kind or status")
    if not (set(columns[10]) | set(columns[11])) <= GLYPHS:
        raise ValueError("bad glyph")
    # No span ends before it starts (a NaN compares false, so none passes this either),
    # so the earliest start and the latest end bound them all.
    if not all(map(operator.le, columns[6], columns[7])):
        raise ValueError("a span that ends before it starts, or not a number")
    if columns[6] and not (min(columns[6]) >= _FIRST_DAY and max(columns[7]) <= _LAST_DAY):
        raise ValueError("a span outside docket's years")
    if not _days([day for off in offs for day in off]):
        raise ValueError("bad holidays")
    if hours and not (math.isfinite(sum(hours)) and min(hours) >= 0 and max(hours) <= 1):
        raise ValueError("bad hours")


def _sanitised(column: list[str]) -> list[str]:
    """The texts of a column as `shown` makes them (one C-speed test when all are clean:
    whatever `shown` changes, controls, bidi controls, surrogates, is not printable)."""
    if " ".join(column).isprintable():
        return column
    return list(map(shown, column))


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
        # The name is the cache's own: whatever is there (a link, a pipe) is replaced.
        write_bytes(folder / f"{key}{SUFFIX}", encode(key, title, rows), follow_links=False)
        prune(folder, keep=key)
    except Exception:
        return False
    return True


def prune(folder: Path, *, keep: str | None = None) -> None:
    """Delete the oldest entries until at most MAX_ENTRIES and MAX_BYTES remain."""
    entries: list[tuple[int, int, Path]] = []
    for path in folder.glob(f"*{SUFFIX}"):
        with contextlib.suppress(OSError):
            info = path.lstat()  # a link counts as itself: never what it leads to
            entries.append((info.st_mtime_ns, info.st_size, path))
    entries.sort(key=lambda e: (e[2].stem == keep, e[0]), reverse=True)
    size = 0
    for count, (_mtime, bytes_, path) in enumerate(entries, 1):
        size += bytes_
        if count > MAX_ENTRIES or size > MAX_BYTES:
            with contextlib.suppress(OSError):
                path.unlink()
