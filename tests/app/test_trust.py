"""The app never dies, never loses the last good schedule, and text from a file never drives
the terminal: one Pilot test for each way it once did (see tests/app/hostile.py)."""

from __future__ import annotations

import asyncio
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._toast import Toast

from tests.app.conftest import answer, burst, drive, filled, loaded, make_app, until
from tests.app.hostile import (
    PAYLOAD,
    SHOWN,
    assert_nothing_sent,
    hostile,
    hostile_warning,
    loads,
    raising,
    real,
    screen_text,
)
from tests.conftest import BUNDLED
from tui.app.docket_app import DocketApp
from tui.app.screens.goto import GoToDateScreen
from tui.app.timeline.scale import EARLIEST, LATEST
from tui.app.widgets.agenda import AgendaTable
from tui.app.widgets.countdowns import CountdownsDashboard
from tui.app.widgets.status_bars import ErrorBar
from tui.app.widgets.timeline import Timeline
from tui.core.errors import ScheduleError, ScheduleFileError

TITLE = "Ad Hoc Committee on Cybercrime, 2022–2024"


def alive(app: DocketApp) -> None:
    assert app.is_running and app._exception is None and app.return_code is None


def timeline(pilot: Pilot) -> Timeline:
    return pilot.app.query_one(Timeline)


# --- 1. resizing while rows move ---------------------------------------------------------------


def test_resizing_through_sizes_with_a_key_between_never_ends_the_app() -> None:
    # Each size either brings or removes the timeline's scrollbar (21 rows: the chart's width
    # changes with no resize event of its own), and each key redraws rows from the caches.
    steps = [
        ((120, 15), "j"),
        ((120, 40), "j"),
        ((61, 15), "l"),
        ((200, 60), "plus"),
        ((100, 12), "k"),
        ((100, 50), "pagedown"),
        ((45, 10), "h"),
        ((300, 80), "minus"),
        ((77, 13), "end"),
        ((40, 30), "home"),
    ]

    async def scenario(pilot: Pilot) -> None:
        for (width, height), key in steps:
            await pilot.resize_terminal(width, height)
            await burst(pilot, key)
            alive(pilot.app)
            assert timeline(pilot).window.width == timeline(pilot).chart_width

    drive(make_app(), scenario)


# --- 2. the years docket supports ----------------------------------------------------------------


def test_navigation_stays_inside_the_years_docket_supports() -> None:
    async def scenario(pilot: Pilot) -> None:
        chart = timeline(pilot)
        for zoom in ("year", "quarter", "month", "week"):
            await burst(pilot, "plus")
            assert chart.zoom == zoom
            for day, keys, edge in (
                ("2999-12-31", ["l"] * 6 + ["ctrl+pagedown"] * 6, lambda w: w.end == LATEST),
                ("1900-01-01", ["h"] * 6 + ["ctrl+pageup"] * 6, lambda w: w.start == EARLIEST),
            ):
                assert await answer(pilot, "g", day)
                await burst(pilot, *keys)
                alive(pilot.app)
                assert edge(chart.window), (zoom, day, chart.window)
        await burst(pilot, "minus", "minus", "minus", "minus")  # the whole schedule again
        assert chart.zoom == "all"
        assert chart.window.start >= EARLIEST and chart.window.end <= LATEST
        await burst(pilot, "t")  # back from the edge to the as-of day
        alive(pilot.app)
        assert chart.selected is not None and chart.selected.event.id == "session-3"

    drive(make_app(), scenario)


def test_go_to_a_year_docket_does_not_support_says_so() -> None:
    async def scenario(pilot: Pilot) -> None:
        for typed in ("9999", "0000", "1899-12", "99991231"):
            await burst(pilot, "g")
            pilot.app.screen.query_one(Input).value = typed
            await burst(pilot, "enter")
            screen = pilot.app.screen
            assert isinstance(screen, GoToDateScreen), typed
            error = str(screen.query_one("#goto-error").render())
            assert "outside the years docket supports (1900 to 2999)" in error, typed
            await burst(pilot, "escape")
        assert await answer(pilot, "g", "2999")
        alive(pilot.app)

    drive(make_app(), scenario)


# --- 3. text from the file on screen -----------------------------------------------------------


@pytest.mark.parametrize("name", ["plan[$x]y.toml", "plan[b]bold[@click=app.quit]x.toml"])
def test_a_file_name_is_shown_as_it_is_never_read_as_markup(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    shutil.copyfile(BUNDLED, target)
    app = make_app(target)

    async def main() -> None:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await loaded(pilot)
            app.main.reload()
            await until(pilot, lambda: app.screen.query(Toast), what="the reload notification")
            await pilot.pause()
            toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
            assert any(f"Reloaded {name}" in toast for toast in toasts), toasts
            alive(app)

    asyncio.run(main())


def test_escape_sequences_from_the_schedule_are_shown_never_sent(tmp_path: Path) -> None:
    """Every view, the details, the header, a notification and the error bar, with the
    payload in every text field of the schedule and in the file's name."""
    target = tmp_path / f"plan{PAYLOAD.replace('/', '_')}.toml"
    shutil.copyfile(BUNDLED, target)

    def with_warning(path: Path):
        result = hostile(real(path))
        return replace(result, warnings=[hostile_warning(path)])

    failing = raising(ScheduleFileError(f"{target}: cannot be read ({PAYLOAD})"))
    app = make_app(target, load=loads(lambda p: hostile(real(p)), with_warning, failing))

    async def main() -> None:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await loaded(pilot)
            text = assert_nothing_sent(app)  # header, timeline rows, details
            assert SHOWN in text and "PWNED" in text
            await burst(pilot, "enter")
            assert SHOWN in assert_nothing_sent(app)  # the notes have room for all of it
            for key, table in (("2", AgendaTable), ("3", CountdownsDashboard), ("1", None)):
                await burst(pilot, "escape", key)
                if table is not None:
                    await filled(pilot, table)
                    await pilot.pause()
                assert "␛]0;PWNED␇" in assert_nothing_sent(app), key
            await pilot.resize_terminal(60, 15)  # details in place of the timeline
            await burst(pilot, "enter", "pagedown")
            assert "␛]0;PWNED␇" in assert_nothing_sent(app)
            await pilot.press("escape")
            await pilot.resize_terminal(120, 40)
            app.main.reload()  # new warning: a notification that quotes the file
            await until(pilot, lambda: app.screen.query(Toast), what="the warning")
            await pilot.pause()
            assert_nothing_sent(app)
            toasts = " ".join(str(toast.render()) for toast in app.screen.query(Toast))
            assert "toml:3:1: odd value ␛]0;PWNED␇" in toasts and "plan␛]0;PWNED␇" in toasts
            app.main.reload()  # an error that quotes the file: the error bar
            bar = app.query_one(ErrorBar)
            await until(pilot, lambda: bar.display, what="the error bar")
            await pilot.pause()
            assert "cannot be read (␛]0;PWNED" in assert_nothing_sent(app)
            alive(app)

    asyncio.run(main())


# --- 5. watching a path whose directory or symlink changes -----------------------------------


def retitle(path: Path, title: str) -> None:
    path.write_text(BUNDLED.read_text("utf-8").replace(TITLE, title), encoding="utf-8")


def header_title(pilot: Pilot) -> str:
    return pilot.app.main.header.title  # type: ignore[attr-defined]


def test_a_re_created_directory_is_watched_again(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    target = folder / "schedule.toml"
    retitle(target, "Before")

    async def scenario(pilot: Pilot) -> None:
        assert header_title(pilot) == "Before"
        # (The watcher starts from what the first load read: no wait before a change.)
        shutil.rmtree(folder)
        await until(pilot, lambda: pilot.app.query_one(ErrorBar).display, what="the error")
        assert header_title(pilot) == "Before"  # the last good schedule stays
        folder.mkdir()
        retitle(target, "After")
        await until(pilot, lambda: header_title(pilot) == "After", what="the re-created file")
        assert not pilot.app.query_one(ErrorBar).display
        retitle(target, "Again")  # and the new directory is watched from now on
        await until(pilot, lambda: header_title(pilot) == "Again", what="the edit after")

    drive(make_app(target, watch=True), scenario)


@pytest.mark.parametrize("link_to", ["file", "directory"])
def test_a_re_pointed_symlink_is_followed(tmp_path: Path, link_to: str) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        retitle(tmp_path / name / "schedule.toml", f"Plan {name.upper()}")
    if link_to == "file":  # plan.toml -> a/schedule.toml
        link, path = tmp_path / "plan.toml", tmp_path / "plan.toml"
        pointed = [tmp_path / "a" / "schedule.toml", tmp_path / "b" / "schedule.toml"]
    else:  # current -> a, the app opened on current/schedule.toml
        link, path = tmp_path / "current", tmp_path / "current" / "schedule.toml"
        pointed = [tmp_path / "a", tmp_path / "b"]
    link.symlink_to(pointed[0])

    def repoint(to: Path) -> None:  # as `ln -sfn` does: a new link renamed over the old
        fresh = tmp_path / "fresh-link"
        fresh.symlink_to(to)
        os.replace(fresh, link)

    async def scenario(pilot: Pilot) -> None:
        main = pilot.app.main  # type: ignore[attr-defined]
        assert header_title(pilot) == "Plan A"
        repoint(pointed[1])  # atomic, as `ln -sfn`: reported once
        await until(pilot, lambda: header_title(pilot) == "Plan B", what="the re-pointed link")
        shown = main.prepared
        retitle(tmp_path / "a" / "schedule.toml", "Plan A, edited")  # no longer followed
        # Kept: what is tested is that nothing happens. A reload would read b/ all the same
        # (the title cannot tell), so the load on screen must be the same object; 0.6 s is
        # past the watcher's poll (0.25 s) and its debounce of a burst.
        await pilot.pause(0.6)
        assert main.prepared is shown, "a write where the link no longer points reloaded"
        retitle(tmp_path / "b" / "schedule.toml", "Plan B, edited")  # watched where it points
        await until(pilot, lambda: header_title(pilot) == "Plan B, edited", what="the edit")

    drive(make_app(path, watch=True), scenario)


# --- 6. anything at all going wrong in the load worker ------------------------------------------


@pytest.mark.parametrize(
    "error",
    [RecursionError("maximum recursion depth exceeded"), OSError()],  # more: test_trust_parts
    ids=lambda e: type(e).__name__,
)
def test_an_unexpected_failure_while_loading_keeps_the_last_schedule(error: Exception) -> None:
    app = make_app(load=loads(real, raising(error), real))

    async def scenario(pilot: Pilot) -> None:
        bar = pilot.app.query_one(ErrorBar)
        app.main.reload()
        await until(pilot, lambda: bar.display, what="the error bar")
        await pilot.pause()
        alive(app)
        text = screen_text(app)
        assert f"could not load this file ({type(error).__name__}" in text
        assert len(timeline(pilot).rows) == 21 and header_title(pilot) == TITLE
        await burst(pilot, "j", "2", "1")  # still usable
        alive(app)
        app.main.reload()  # the next good load clears it
        await until(pilot, lambda: not bar.display, what="the error bar to go")

    drive(app, scenario)


def test_an_unexpected_failure_at_start_ends_like_an_invalid_file() -> None:
    app = make_app(load=raising(RuntimeError("boom")))

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: not app.is_running, what="the app to close")

    asyncio.run(main())
    assert app.return_code == 1 and app._exception is None
    assert isinstance(app.return_value, ScheduleError)
    assert "RuntimeError: boom" in str(app.return_value.errors[0])


# --- odd sizes -----------------------------------------------------------------------------------


def test_odd_sizes_never_end_the_app() -> None:
    async def scenario(pilot: Pilot) -> None:
        for keys in (["j", "l", "plus"], ["enter"], ["escape", "2", "j"], ["3", "k"], ["1"]):
            await burst(pilot, *keys)
            alive(pilot.app)
        for width, height in ((2, 3), (40, 10), (60, 15), (300, 80), (1, 1), (99, 24)):
            await pilot.resize_terminal(width, height)
            await burst(pilot, "j", "enter", "pagedown", "escape", "minus")
            alive(pilot.app)
            assert len(screen_text(pilot.app).splitlines()) == height

    drive(make_app(), scenario, size=(1, 1))  # the first frame and the load at 1x1
