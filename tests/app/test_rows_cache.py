"""The view cache in the running app: cached rows of exactly these bytes first, then the
full load; never rows of other bytes, never a crash on a bad entry; off when asked."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot

from tests.app.conftest import make_app, until
from tui.app import rows_cache
from tui.app.rows_cache import CachedRow
from tui.app.timeline.rows import Row
from tui.app.widgets.status_bars import ErrorBar
from tui.app.widgets.timeline import Timeline
from tui.schedule import loader


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary cache directory: tests never touch the user's cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DOCKET_CACHE_DIR", str(folder))
    monkeypatch.delenv("DOCKET_NO_CACHE", raising=False)
    return folder


class Held(threading.Event):
    """Set: the full load goes on. `waiting` is set once a load is held, which is after
    the cache was read (and any rows it had sent to the screen)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()

    def clear(self) -> None:
        """Hold the loads again, none of them held yet."""
        super().clear()
        self.waiting.clear()


@pytest.fixture
def slow_load(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    """The full load waits until the test sets the event, so what shows before is seen."""
    go = Held()
    real = loader.load_text

    def waiting(*args, **kwargs):  # type: ignore[no-untyped-def]
        go.waiting.set()
        go.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_text", waiting)
    yield go
    go.set()


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{rows_cache.SUFFIX}")) if folder.exists() else []


def run(app, scenario) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await scenario(pilot)

    asyncio.run(main())


def fill_cache(path: Path, folder: Path) -> None:
    """Open the app once on `path` and wait for its rows to be cached."""

    async def scenario(pilot: Pilot) -> None:
        await until(pilot, lambda: pilot.app.main.prepared is not None)  # type: ignore[attr-defined]
        await until(pilot, lambda: entries(folder), what="the rows to be cached")

    run(make_app(path, cache=True), scenario)
    assert len(entries(folder)) == 1


def timeline(pilot: Pilot) -> Timeline:
    return pilot.app.query_one(Timeline)


def test_a_hit_draws_the_cached_rows_then_the_full_load_replaces_them(
    schedule_copy: Path, cache: Path, slow_load: Held
) -> None:
    slow_load.set()
    fill_cache(schedule_copy, cache)
    slow_load.clear()

    async def scenario(pilot: Pilot) -> None:
        await until(pilot, lambda: len(timeline(pilot).rows) == 21, what="cached rows")
        main = pilot.app.main  # type: ignore[attr-defined]
        assert main.prepared is None
        assert all(isinstance(row, CachedRow) for row in timeline(pilot).rows)
        await pilot.press("j", "l")  # keys work on cached rows
        chosen = main.selected_id
        slow_load.set()
        await until(pilot, lambda: main.prepared is not None, what="the full load")
        assert all(isinstance(row, Row) for row in timeline(pilot).rows)
        assert main.selected_id == chosen
        cached = [(r.event.id, r.title, r.t0, r.t1, r.dates) for r in main.prepared.rows.all]
        assert cached == [(r.event.id, r.title, r.t0, r.t1, r.dates) for r in timeline(pilot).rows]

    run(make_app(schedule_copy, cache=True), scenario)


def test_one_changed_byte_never_shows_old_rows(
    schedule_copy: Path, cache: Path, slow_load: Held
) -> None:
    slow_load.set()
    fill_cache(schedule_copy, cache)
    slow_load.clear()
    text = schedule_copy.read_bytes()
    schedule_copy.write_bytes(text.replace(b'title = "Third session', b'title = "Third sessioN', 1))

    async def scenario(pilot: Pilot) -> None:
        # The load is held past its look in the cache: a hit would have sent its rows.
        await until(pilot, slow_load.waiting.is_set, what="the load to be held")
        await pilot.pause()
        assert timeline(pilot).rows == []  # a miss: nothing until the full load
        slow_load.set()
        main = pilot.app.main  # type: ignore[attr-defined]
        await until(pilot, lambda: main.prepared is not None)
        assert any("sessioN" in row.title for row in timeline(pilot).rows)

    run(make_app(schedule_copy, cache=True), scenario)


@pytest.mark.parametrize("damage", ["corrupt", "truncated", "foreign", "version", "empty"])
def test_a_bad_entry_is_a_miss_and_never_a_crash(
    schedule_copy: Path, cache: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_cache(schedule_copy, cache)
    [entry] = entries(cache)
    blob = entry.read_bytes()
    if damage == "corrupt":
        middle = len(blob) // 2
        entry.write_bytes(blob[:middle] + bytes([blob[middle] ^ 0xFF]) + blob[middle + 1 :])
    elif damage == "truncated":
        entry.write_bytes(blob[: len(blob) // 3])
    elif damage == "foreign":
        entry.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # an entry of an older format under the same name
        current = f"format {rows_cache.FORMAT}\n".encode()
        entry.write_bytes(blob.replace(current, f"format {rows_cache.FORMAT - 1}\n".encode(), 1))
    assert rows_cache.read_rows(cache, entry.stem) is None

    async def scenario(pilot: Pilot) -> None:
        main = pilot.app.main  # type: ignore[attr-defined]
        await until(pilot, lambda: main.prepared is not None)
        assert len(timeline(pilot).rows) == 21

    run(make_app(schedule_copy, cache=True), scenario)


def test_an_invalid_file_with_a_forged_entry_shows_the_error_not_rows(
    schedule_copy: Path, cache: Path
) -> None:
    fill_cache(schedule_copy, cache)
    [entry] = entries(cache)
    bad = schedule_copy.read_bytes().replace(b'id = "session-3"', b'id = "session-3"\nstrat = 1', 1)
    schedule_copy.write_bytes(bad)
    # The valid file's entry, renamed to the key of the invalid bytes.
    entry.rename(cache / f"{rows_cache.cache_key(bad)}{rows_cache.SUFFIX}")

    async def scenario(pilot: Pilot) -> None:
        main = pilot.app.main  # type: ignore[attr-defined]

        def error_shown() -> bool:  # checked at every look: never a row, until the error
            assert timeline(pilot).rows == []
            return main.ready and pilot.app.query_one(ErrorBar).display

        await until(pilot, error_shown, what="the error bar")
        assert timeline(pilot).rows == []
        assert pilot.app.main.prepared is None  # type: ignore[attr-defined]

    run(make_app(schedule_copy, cache=True, exit_on_invalid=False), scenario)


def test_no_cache_environment_variable_bypasses_it(
    schedule_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCKET_NO_CACHE", "1")

    async def scenario(pilot: Pilot) -> None:
        await until(pilot, lambda: pilot.app.main.prepared is not None)  # type: ignore[attr-defined]

    run(make_app(schedule_copy, cache=True), scenario)
    for writer in threading.enumerate():  # a write to the cache would be under way in one
        if writer.name == "docket rows cache":
            writer.join(30)
    assert entries(cache) == []


class _FakeApp:
    available_themes: ClassVar[dict[str, object]] = {}
    return_code = 0

    def run(self) -> None:
        return None


@pytest.mark.parametrize(
    ("args", "cache"),
    [
        (["open", "schedule.toml"], True),
        (["open", "--no-cache", "schedule.toml"], False),
        (["schedule.toml", "--no-cache"], False),
    ],
)
def test_no_cache_option_reaches_the_app(
    schedule_copy: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], cache: bool
) -> None:
    from tui.app import factory
    from tui.cli.main import _plain_open, main

    seen: list[bool] = []

    def fake_build_app(path, as_of=None, *, cache: bool = False, **_):  # type: ignore[no-untyped-def]
        seen.append(cache)
        return _FakeApp()

    monkeypatch.setattr(factory, "build_app", fake_build_app)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert seen == [cache]
    assert _plain_open(args) == (Path("schedule.toml"), None, None, None, cache)
