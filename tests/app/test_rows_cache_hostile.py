"""The rows cache in the running app, attacked: a crafted entry's escape sequences are shown
as visible text, never sent; a pipe at an entry's name blocks neither the load nor `q`; a
directory another user can write is not used, and the app says so."""

from __future__ import annotations

import os
from pathlib import Path

from textual.pilot import Pilot

from tests.app.conftest import make_app, until
from tests.app.test_rows_cache import (  # the same fixtures, once
    Held,
    cache,
    entries,
    run,
    slow_load,
    timeline,
)
from tui.app import rows_cache
from tui.app.rows_cache import CachedEvent, CachedRow, CachedRows
from tui.app.widgets.timeline import Timeline

__all__ = ["cache", "slow_load"]

EVIL = "\x1b[2J\x1b]0;owned\x07Evil\x9b"


def crafted_entry(schedule: Path, folder: Path) -> None:
    """An entry under the key of `schedule`'s bytes whose rows carry terminal controls."""
    key = rows_cache.cache_key(schedule.read_bytes())
    event = CachedEvent("evil", "session", "confirmed", False, False, True)
    day = 738_800.0
    rows = [CachedRow(event, day, day + 2, EVIL, EVIL, "█", "█", True, frozenset(), (), 0)]
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = CachedRows(EVIL, (day - 5, day + 5), (30, 12, 0), rows)
    (folder / f"{key}{rows_cache.SUFFIX}").write_bytes(rows_cache.encode(key, EVIL, data))


def screen_text(pilot: Pilot) -> str:
    widget = pilot.app.query_one(Timeline)
    lines = (widget.render_line(y) for y in range(widget.size.height))
    return "".join(segment.text for line in lines for segment in line)


def test_a_crafted_entry_shows_its_controls_as_visible_text(
    schedule_copy: Path, cache: Path, slow_load: Held
) -> None:
    crafted_entry(schedule_copy, cache)

    async def scenario(pilot: Pilot) -> None:
        await until(pilot, lambda: len(timeline(pilot).rows) == 1, what="the crafted row")
        [shown] = timeline(pilot).rows
        assert "\x1b" not in shown.title and "\x07" not in shown.title
        assert shown.title.startswith("␛[2J␛]0;owned␇Evil")
        text = screen_text(pilot)
        assert "␛[2J" in text and "\x1b" not in text and "\x9b" not in text
        assert "\x1b" not in pilot.app.main.header.title  # type: ignore[attr-defined]
        slow_load.set()
        main = pilot.app.main  # type: ignore[attr-defined]
        await until(pilot, lambda: main.prepared is not None, what="the full load")
        assert len(timeline(pilot).rows) == 21  # the real rows replace the crafted one

    run(make_app(schedule_copy, cache=True), scenario)


def test_a_pipe_at_the_entry_blocks_neither_the_load_nor_quitting(
    schedule_copy: Path, cache: Path
) -> None:
    cache.mkdir(mode=0o700)
    key = rows_cache.cache_key(schedule_copy.read_bytes())
    os.mkfifo(cache / f"{key}{rows_cache.SUFFIX}")

    async def scenario(pilot: Pilot) -> None:
        main = pilot.app.main  # type: ignore[attr-defined]
        await until(pilot, lambda: main.prepared is not None, what="the load")
        assert len(timeline(pilot).rows) == 21
        await pilot.press("q")
        await until(pilot, lambda: pilot.app.return_code is not None, what="the app to quit")

    run(make_app(schedule_copy, cache=True), scenario)


def test_a_cache_directory_others_can_write_is_not_used_and_said(
    schedule_copy: Path, cache: Path
) -> None:
    cache.mkdir()
    cache.chmod(0o777)
    crafted_entry(schedule_copy, cache)
    said: list[str] = []

    async def scenario(pilot: Pilot) -> None:
        main = pilot.app.main  # type: ignore[attr-defined]
        real_notify = pilot.app.notify

        def notify(message: str, **options: object) -> None:
            said.append(message)
            real_notify(message, **options)  # type: ignore[arg-type]

        pilot.app.notify = notify  # type: ignore[method-assign]
        await until(pilot, lambda: main.prepared is not None, what="the load")
        await until(pilot, lambda: any("rows cache is off" in m for m in said), what="a note")
        assert all(row.event.id != "evil" for row in timeline(pilot).rows)

    run(make_app(schedule_copy, cache=True), scenario)
    assert len(entries(cache)) == 1  # nothing written there
