"""Fixtures for driving the real app: a fixed as-of moment, a fixed viewer zone, no clock,
no cursor blink, and schedules copied to a temporary directory when a test edits them."""

from __future__ import annotations

import asyncio
import shutil
import time
import unicodedata
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual import events
from textual.app import App
from textual.command import CommandPalette
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.widgets import DataTable, Input
from textual.worker import WorkerState

from tests.conftest import BUNDLED
from tui.app.docket_app import DocketApp
from tui.app.factory import build_app

#: Every app test computes as of this moment (the third session's sixth day).
AS_OF = datetime(2022, 9, 6, 10, 0, tzinfo=ZoneInfo("America/New_York"))
#: The "your zone" of the details panel in tests.
VIEWER = ZoneInfo("Europe/Vienna")
WIDE = (120, 40)
NARROW = (60, 15)
#: The group of the command palette's search worker (Textual's name for it).
PALETTE_SEARCH = CommandPalette._GATHER_COMMANDS_GROUP


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs keep their cursor steady, so screenshots do not depend on timing."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture(autouse=True)
def _no_real_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    """`e` in a test (a random program presses it) runs `true`, never the user's editor: it
    would wait for a terminal it does not have (and read the user's setting)."""
    monkeypatch.setenv("VISUAL", "true")
    monkeypatch.delenv("EDITOR", raising=False)


def make_app(path: Path | None = None, **options) -> DocketApp:
    options.setdefault("viewer_zone", VIEWER)
    options.setdefault("tick", False)
    options.setdefault("watch", False)
    return build_app(path, options.pop("as_of", AS_OF), **options)


async def until(
    pilot: Pilot, condition: Callable[[], object], timeout: float = 30.0, what: str = ""
) -> float:
    """Let the app run until `condition()` holds; returns how long it took (seconds)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")
        await pilot.pause(0.02)
    return time.monotonic() - start


def idle(app: App[object], *groups: str) -> bool:
    """No worker of these groups is waiting to run or running (a condition for `until`)."""
    busy = (WorkerState.PENDING, WorkerState.RUNNING)
    return not any(w.group in groups and w.state in busy for w in app.workers)


async def burst(pilot: Pilot, *keys: str) -> None:
    """Press `keys` as fast as a person typing ahead would, then let the app settle once.

    `pilot.press` waits for the app to go idle after every key (about 60 ms each); this sends
    them all first. Keys that open a dialog may reach the screen before its input has focus,
    so type into dialogs with `answer` instead."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:  # as `App._press_keys` names them, without its waits
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(
                _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
            )
        except KeyError:
            char = key if len(key) == 1 else None
        driver.send_message(events.Key(key, char))
    await pilot.pause()


async def answer(pilot: Pilot, key: str, text: str) -> bool:
    """Open a dialog with `key`, give its input `text` and press enter; if the dialog is still
    open (it refused the text), close it with escape. Returns whether it accepted."""
    app = pilot.app
    await burst(pilot, key)
    dialog = app.screen
    if dialog is app.screen_stack[0] or not dialog.query(Input):
        return False  # the key opened nothing here (no schedule yet, another dialog)
    dialog.query(Input).first().value = text
    await burst(pilot, "enter")
    if app.screen is dialog:
        await burst(pilot, "escape")
        return False
    return True


async def filled(pilot: Pilot, table_type: type[DataTable]) -> DataTable:
    """Wait until a view's table is mounted and has its rows (they come from a worker)."""
    await until(
        pilot,
        lambda: pilot.app.query(table_type) and pilot.app.query_one(table_type).row_count,
        what=f"the {table_type.__name__} rows",
    )
    return pilot.app.query_one(table_type)


async def loaded(pilot: Pilot) -> None:
    """Wait until the schedule is on screen (or the first load failed)."""
    app = pilot.app
    assert isinstance(app, DocketApp)
    await until(
        pilot,
        lambda: app.main.prepared or app.main.last_error or not app.is_running,
        what="the schedule to load",
    )
    await pilot.pause()
    app.clear_notifications()
    await pilot.pause()


def drive(app: DocketApp, scenario: Callable[[Pilot], Awaitable[None]], size=WIDE) -> None:
    """Run `scenario` against the app in a headless terminal of `size`."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            await scenario(pilot)

    asyncio.run(main())


@pytest.fixture
def schedule_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled schedule copied to a temporary directory, which is also the cwd (so
    messages name it by its short relative path, the same on every machine)."""
    target = tmp_path / "schedule.toml"
    shutil.copyfile(BUNDLED, target)
    monkeypatch.chdir(tmp_path)
    return Path("schedule.toml")
