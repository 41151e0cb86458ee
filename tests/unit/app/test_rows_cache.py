"""The view cache, Textual-free: keys, entries, bounds, and rows drawn as the real ones."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from tests.conftest import BUNDLED
from tui.app import rows_cache
from tui.app.rows_cache import CachedRow
from tui.app.timeline.rows import Row, TimelineRows


@pytest.fixture(scope="module")
def rows(schedule) -> TimelineRows:
    return TimelineRows(schedule)


def test_a_cached_row_has_everything_a_row_has(rows: TimelineRows, tmp_path: Path) -> None:
    public = {name for name in dir(Row) if not name.startswith("_")}
    public |= {field.name for field in dataclasses.fields(Row)}
    missing = public - {name for name in dir(CachedRow) if not name.startswith("_")}
    assert not missing, f"CachedRow lacks {missing}: add them (and bump FORMAT)"
    assert rows_cache.write_rows(tmp_path, "k", "T", rows)
    cached = rows_cache.read_rows(tmp_path, "k")
    assert cached is not None
    assert (cached.title, cached.first, cached.last, cached.widths) == (
        "T",
        rows.first,
        rows.last,
        rows.widths,
    )
    for real, copy in zip(rows.all, cached.all, strict=True):
        for name in ("t0", "t1", "title", "dates", "glyph", "bar_glyph", "daily", "off", "point"):
            assert getattr(real, name) == getattr(copy, name), name
        assert real.hours == tuple(tuple(block) for block in copy.hours)
        for name in ("id", "kind", "status", "is_off", "is_point", "is_session"):
            assert getattr(real.event, name) == getattr(copy.event, name), name
        assert all(real.meets_on(day) == copy.meets_on(day) for day in range(738000, 738014))


def test_the_key_changes_with_any_byte_and_with_the_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = BUNDLED.read_bytes()
    key = rows_cache.cache_key(data)
    assert key == rows_cache.cache_key(bytes(data))
    assert key != rows_cache.cache_key(data[:-1])
    assert key != rows_cache.cache_key(data[:100] + b"x" + data[101:])
    import tui

    monkeypatch.setattr(tui, "__version__", "99.0")
    assert key != rows_cache.cache_key(data)
    monkeypatch.undo()
    monkeypatch.setattr(rows_cache, "zone_data_version", lambda: "2099z")
    assert key != rows_cache.cache_key(data)


def test_an_entry_under_another_key_is_a_miss(rows: TimelineRows, tmp_path: Path) -> None:
    rows_cache.write_rows(tmp_path, "a", "T", rows)
    os.rename(tmp_path / "a.rows", tmp_path / "b.rows")
    assert rows_cache.read_rows(tmp_path, "b") is None
    assert rows_cache.read_rows(tmp_path / "missing", "b") is None


@pytest.mark.parametrize("cut", [0, 1, 10, 100, -1])
def test_every_truncation_is_a_miss(rows: TimelineRows, tmp_path: Path, cut: int) -> None:
    blob = rows_cache.encode("k", "T", rows)
    (tmp_path / "k.rows").write_bytes(blob[:cut])
    assert rows_cache.read_rows(tmp_path, "k") is None


def test_well_formed_entries_with_wrong_values_are_misses(tmp_path: Path) -> None:
    import hashlib
    import marshal

    def forged(document: object) -> bytes:
        payload = marshal.dumps(document)
        digest = hashlib.sha256(payload).hexdigest()
        return rows_cache.MAGIC + f"format {rows_cache.FORMAT}\nk\n{digest}\n\n".encode() + payload

    day = 738000.0  # a day number in docket's years
    row = ("a", "session", "confirmed", False, False, True, day, day + 1, "A", "d", "█", "█")
    row += (True, 0, ((0.1, 0.2),), 0)
    base = {"title": "T", "first": day, "last": day + 1, "widths": [1, 1, 0]}
    base["offs"] = [frozenset()]

    def entry(*rows: tuple[object, ...], **changes: object) -> dict[str, object]:
        columns = [list(column) for column in zip(*rows, strict=True)]
        return {**base, "columns": columns, **changes}

    (tmp_path / "k.rows").write_bytes(forged(entry(row, row)))
    assert rows_cache.read_rows(tmp_path, "k") is not None
    for bad in (
        (*row[:6], "1.0", *row[7:]),  # a string for a number
        (*row[:13], 5, *row[14:]),  # no such holiday set
        (*row[:14], ((0.1,),), row[15]),  # a block of one
        (*row[:14], (("a", "b"),), row[15]),
        (*row[:14], [[0.1, 0.2]], row[15]),
        (*row[:15], -1),  # a title's distinguishing end before its start
        (*row[:15], "3"),
    ):
        (tmp_path / "k.rows").write_bytes(forged(entry(row, bad)))
        assert rows_cache.read_rows(tmp_path, "k") is None, bad
    short = entry(row, row)
    short["columns"][3].pop()  # type: ignore[index]
    for document in (
        short,
        entry(row, offs=[[1]]),
        entry(row, title=3),
        entry(row, widths=[1, 1]),  # the first format's widths
        {**entry(row), "columns": entry(row)["columns"][:-1]},  # type: ignore[index]
        [],
        None,
    ):
        (tmp_path / "k.rows").write_bytes(forged(document))
        assert rows_cache.read_rows(tmp_path, "k") is None, document


def test_the_directory_is_bounded(
    rows: TimelineRows, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(rows_cache.MAX_ENTRIES + 5):
        assert rows_cache.write_rows(tmp_path, f"k{index:02}", "T", rows)
        stamp = 1_000_000 + index
        os.utime(tmp_path / f"k{index:02}.rows", (stamp, stamp))
    rows_cache.prune(tmp_path)
    kept = sorted(path.stem for path in tmp_path.glob("*.rows"))
    assert kept == [f"k{index:02}" for index in range(5, rows_cache.MAX_ENTRIES + 5)]
    size = (tmp_path / "k10.rows").stat().st_size
    monkeypatch.setattr(rows_cache, "MAX_BYTES", size * 3 + 1)
    rows_cache.write_rows(tmp_path, "new", "T", rows)  # the newest always stays
    assert sorted(path.stem for path in tmp_path.glob("*.rows")) == ["k23", "k24", "new"]


def test_cache_directory_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCKET_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("DOCKET_NO_CACHE", raising=False)
    assert rows_cache.cache_dir() == tmp_path
    for off in ("1", "yes", "true"):
        monkeypatch.setenv("DOCKET_NO_CACHE", off)
        assert rows_cache.cache_dir() is None
    monkeypatch.setenv("DOCKET_NO_CACHE", "0")
    assert rows_cache.cache_dir() == tmp_path
    monkeypatch.delenv("DOCKET_CACHE_DIR")
    assert rows_cache.cache_dir() is not None


def test_an_unwritable_cache_is_no_error(rows: TimelineRows, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert rows_cache.write_rows(blocker / "sub", "k", "T", rows) is False
