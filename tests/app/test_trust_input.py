"""What a planner types or pastes is text: into every input (go-to, as-of, baseline, filter,
each field of the export, the command palette), hostile text is shown as typed, never read
as markup, and its controls are shown, never sent.

`textual.markup.escape` is Rich's, and Textual's markup reads tags it leaves alone: `[--a=/b]`
raised MarkupError from the go-to dialog's error line; `[$x]` and `[-a=b]` vanished. A paste
reached an Input with its C1 controls and bidi overrides, which the Input drew raw.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Label
from textual.widgets._toast import Toast

from tests.app.conftest import burst, drive, loaded, make_app, until
from tests.app.hostile import PAYLOAD, assert_nothing_sent, screen_text, widget_text
from tests.conftest import BUNDLED
from tui.app.docket_app import DocketApp
from tui.app.screens.dialog import MESSAGE_LENGTH
from tui.app.shown import pasted
from tui.app.widgets.status_bars import ErrorBar, FilterBar
from tui.core.errors import ScheduleFileError
from tui.schedule.loader import load_path

#: Markup Textual reads (or fails to read), controls, bidi overrides, line breaks.
HOSTILE = (
    "[bold",
    "[--a=/b]",
    "[/]",
    "[$x]",
    "[-a=b]",
    "[b]bold[/b][/x]",
    "[@click=app.quit]quit",
    "\\[b]\\",
    PAYLOAD,
    "\x9b2J\x85\x90",
    "\u202eevil\u2066 \u200f",
    "first\rsecond\nthird",
    "\x00\x7f\t",
)
MEGABYTE = "[--a=/b]\x9b" * 116_509  # about 1 MB


def alive(app: DocketApp) -> None:
    assert app.is_running and app._exception is None and app.return_code is None


def no_controls(value: str) -> None:
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in value), repr(value[:80])
    assert not any(c in value for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


async def paste(pilot: Pilot, text: str) -> None:
    """A paste as the terminal sends it: to the app, which hands it to the focused widget."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def to_main(pilot: Pilot) -> None:
    for _ in range(4):
        if pilot.app.screen is pilot.app.screen_stack[0]:
            return
        await burst(pilot, "escape")


async def open_input(pilot: Pilot, surface: str) -> Input:
    """Open the input `surface` names and focus it: `g`, `a`, `b`, `/`, `x:FIELD`, palette."""
    app = pilot.app
    await to_main(pilot)
    key, _, field = surface.partition(":")
    await burst(pilot, {"palette": "ctrl+p", "/": "slash"}.get(key, key))
    if key == "/":
        await until(pilot, lambda: app.query_one(FilterBar).input.has_focus)
        app.query_one(FilterBar).input.value = ""
        await pilot.pause()
        return app.query_one(FilterBar).input
    await until(pilot, lambda: app.screen is not app.screen_stack[0] and app.screen.query(Input))
    found = app.screen.query_one(f"#export-{field}", Input) if field else app.screen.query(Input)
    box = found if isinstance(found, Input) else found.first()
    box.focus()
    box.value = ""
    await pilot.pause()
    return box


SURFACES = ("g", "a", "b", "/", "palette", *(f"x:{f}" for f in ("path", "kinds", "start")))


@pytest.mark.parametrize("surface", SURFACES)
def test_hostile_text_pasted_into_an_input_is_shown_as_typed(
    surface: str, schedule_copy: Path
) -> None:
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        for text in HOSTILE:
            box = await open_input(pilot, surface)
            await paste(pilot, text)
            expected = pasted(text).split("\n")[0]
            assert box.value == expected, (surface, text)
            no_controls(box.value)
            assert_nothing_sent(app)
            await burst(pilot, "enter")  # a refusal quotes the text in the dialog's error
            await pilot.pause()
            alive(app)
            assert_nothing_sent(app)
            for label in app.screen.query(Label):
                no_controls(str(label.render()))
        await to_main(pilot)
        alive(app)

    drive(make_app(schedule_copy, exit_on_invalid=False), scenario)


@pytest.mark.parametrize("surface", ["g", "/", "x:path"])
def test_a_megabyte_pasted_is_shown_briefly_and_costs_no_crash(
    surface: str, schedule_copy: Path
) -> None:
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        box = await open_input(pilot, surface)
        await paste(pilot, MEGABYTE)
        assert len(box.value) > 1_000_000
        no_controls(box.value[:1000])
        await burst(pilot, "end", "enter")
        await pilot.pause()
        alive(app)
        for label in app.screen.query(".dialog-error"):
            assert len(str(label.render())) <= MESSAGE_LENGTH
        assert_nothing_sent(app)

    drive(make_app(schedule_copy, exit_on_invalid=False), scenario)


def test_markup_in_a_file_name_shown_in_an_error_is_text(tmp_path: Path) -> None:
    """A schedule at `.../[--a=/b].toml` (a folder `[--a=` and a file `b].toml`): its path in
    the error bar, a toast, the export dialog and the baseline dialog's error."""
    folder = tmp_path / "[--a=" / "[$x]"
    folder.mkdir(parents=True)
    target = folder / "b][-a=b].toml"
    shutil.copyfile(BUNDLED, target)
    shown_name = "[--a=/[$x]/b][-a=b].toml"
    app = make_app(target, exit_on_invalid=False)

    async def scenario(pilot: Pilot) -> None:
        app.main.reload()
        await until(pilot, lambda: app._notifications, what="the reload toast")
        assert any("b][-a=b].toml" in n.message for n in app._notifications)
        await burst(pilot, "x")
        await until(pilot, lambda: app.screen.query("#export-path"))
        assert app.screen.query_one("#export-path", Input).value.endswith(".ics")
        box = app.screen.query_one("#export-path", Input)
        box.value = str(folder / "nowhere" / "[--a=/b].ics")  # a folder that is not there
        await burst(pilot, "enter")
        await until(pilot, lambda: app.screen.query("#export-error"), what="the dialog again")
        await until(pilot, lambda: "[--a=" in str(app.screen.query_one("#export-error").render()))
        alive(app)
        await to_main(pilot)
        target.unlink()
        app.main.reload()  # cannot be read: the error bar quotes the path
        bar = app.query_one(ErrorBar)
        await until(pilot, lambda: bar.display, what="the error bar")
        await pilot.pause()
        text = widget_text(app, bar)
        assert "no such file" in text and "b][-a=b].toml" in text, text
        assert shown_name[:5] in screen_text(app)
        alive(app)

    drive(app, scenario)


def test_a_long_path_never_hides_why_the_file_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However long the path, the reason is on the bar's first line, and a toast shown at
    the same time sits above the bar, not over it."""
    folder = tmp_path
    for step in range(6):
        folder = folder / f"{step}-{'deep' * 10}"
    folder.mkdir(parents=True)
    target = folder / "plan.toml"
    shutil.copyfile(BUNDLED, target)
    monkeypatch.chdir(tmp_path)
    assert len(str(target)) > 240
    unreadable = ScheduleFileError(f"{target}: cannot be read (Input/output error)")

    calls: list[Path] = []

    def load(path: Path):
        calls.append(path)
        if len(calls) > 1:
            raise unreadable
        return load_path(path)

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        bar = app.query_one(ErrorBar)
        for width, height in ((120, 40), (60, 15), (300, 50)):
            await pilot.resize_terminal(width, height)
            app.notify("A toast at the same time " * 4, timeout=30)
            app.main.reload()
            await until(pilot, lambda: bar.display, what="the error bar")
            await pilot.pause()
            lines = screen_text(app).splitlines()[bar.content_region.y : bar.region.bottom]
            assert "cannot be read (Input/output error)" in lines[0], lines
            place = next(line for line in lines if "plan.toml" in line)  # this line or next
            assert "…" in place and lines.index(place) <= 1, lines  # the path, shortened
            for toast in app.screen.query(Toast):
                assert toast.region.bottom <= bar.region.y, (toast.region, bar.region)
            app.clear_notifications()

    app = make_app(target, load=load, exit_on_invalid=False)

    async def main() -> None:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await loaded(pilot)
            await scenario(pilot)

    asyncio.run(main())


def test_pasted_text_keeps_its_line_breaks_for_the_input_to_split() -> None:
    assert pasted("a\x9bb\r\nc") == "a\\x9bb\nc"
    assert pasted("one\ttwo") == "one two"
    assert pasted("\u202e") == "\\u202e"
    assert os.linesep not in pasted("x")


def test_controls_typed_as_keys_are_not_inserted(schedule_copy: Path) -> None:
    """A terminal may deliver a C1 control or a bidi override as a key: not printable, so
    no Input inserts it (only pastes carry them, and those are made visible)."""

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        box = await open_input(pilot, "g")
        assert app._driver is not None
        for char in ("\x9b", "\x85", "\u202e", "\u2066", "\x1b", "\x07"):
            app._driver.send_message(events.Key(f"ctrl+{ord(char)}", char))
        app._driver.send_message(events.Key("a", "a"))
        await pilot.pause()
        assert box.value == "a"
        assert_nothing_sent(app)

    drive(make_app(schedule_copy), scenario)
