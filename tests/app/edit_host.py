"""A tiny host app for the edit dialogs' tests: it pushes one dialog and keeps what it
dismisses with; and the helpers that read what the dialog shows and make its edit on a
copy of the bundled schedule (an `EditSession`, saved, the file read again)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Label

import tui.app
from tests.app.conftest import NARROW, WIDE, until
from tests.app.hostile import widget_text
from tests.conftest import BUNDLED
from tui.core.model import Event
from tui.edit.session import EditSession
from tui.schedule.loader import Loaded, load_path

HUGE = (200, 60)
ALL_SIZES = pytest.mark.parametrize("size", [WIDE, NARROW, HUGE], ids=["120x40", "60x15", "200x60"])
#: Markup that would vanish or raise if read, a terminal escape, a bidi override.
MARKUP = "[bold]x[/] [--a=/b] \x1b[31m red \u202e evil"
MARKUP_SHOWN = "[bold]x[/] [--a=/b] ␛[31m red \\u202e evil"


class Host(App[None]):
    """Pushes one dialog and keeps what it dismisses with."""

    CSS_PATH = str(Path(tui.app.__file__).parent / "app.tcss")

    def __init__(self, dialog: Screen[object]) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


Scenario = Callable[[Pilot[None], Screen[object]], Awaitable[None]]


def run(dialog: Screen[object], scenario: Scenario, size: tuple[int, int] = WIDE) -> list[object]:
    """Open `dialog` in a terminal of `size`, play `scenario`; what it dismissed with."""
    app = Host(dialog)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await until(pilot, lambda: app.screen is dialog and dialog.is_mounted)
            await pilot.pause()
            await scenario(pilot, dialog)
            await pilot.pause()

    asyncio.run(main())
    return app.results


def pressing(*keys: str) -> Scenario:
    """A scenario that presses `keys`."""
    return lambda pilot, _dialog: press(pilot, *keys)


def event_of(loaded: Loaded, event_id: str) -> Event:
    return next(event for event in loaded.schedule.events if event.id == event_id)


def made(edit: object, tmp_path: Path) -> Loaded:
    """`edit` made on a copy of the bundled schedule, saved, and the file read again."""
    copy = tmp_path / "schedule.toml"
    shutil.copyfile(BUNDLED, copy)
    session = EditSession.open(copy, journal=False)
    session.apply(edit)  # type: ignore[arg-type]
    session.save()
    return load_path(copy)


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def field(dialog: Screen[object], key: str) -> Input:
    return dialog.query_one(f"#form-{key}", Input)


def note(dialog: Screen[object], key: str) -> str:
    label = dialog.query_one(f"#form-{key}-note", Label)
    return widget_text(dialog.app, label) if label.display else ""  # type: ignore[arg-type]
