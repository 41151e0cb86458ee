"""Live reload: the watcher notices edits, keeps the selection, survives a broken file.

The watcher starts from the file as the first load read it (`tui.app.loading`), so a test
may save as soon as the schedule is on screen: no wait for the watcher to be ready.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import drive, make_app, until
from tests.app.hostile import widget_text
from tests.conftest import ROOT
from tui.app.widgets.status_bars import ErrorBar
from tui.app.widgets.timeline import Timeline
from tui.core.errors import ScheduleError

BROKEN = ('id = "session-3"', 'id = "session-3"\nstrat = 2022-08-29')


def title_of(pilot: Pilot, event_id: str) -> str | None:
    main = pilot.app.main  # type: ignore[attr-defined]
    event = main.prepared.loaded.schedule.event(event_id) if main.prepared else None
    return event.title if event else None


def save(path: Path, text: str) -> None:
    """Save as editors do: write a new file and rename it over the old one."""
    fresh = path.with_suffix(".tmp")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


def test_valid_edit_reloads_and_keeps_the_selection(schedule_copy: Path) -> None:
    original = schedule_copy.read_text(encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("j", "j")  # the 4th session, not the default selection
        assert pilot.app.query_one(Timeline).selected.event.id == "session-4"
        save(schedule_copy, original.replace('"Fourth session"', '"Fourth session (moved)"'))
        await until(pilot, lambda: title_of(pilot, "session-4") == "Fourth session (moved)")
        timeline = pilot.app.query_one(Timeline)
        assert timeline.selected.event.id == "session-4"
        assert "(moved)" in timeline.selected.event.title

    drive(make_app(schedule_copy, watch=True), scenario)


def test_invalid_edit_keeps_the_last_schedule_and_shows_the_located_error_until_fixed(
    schedule_copy: Path,
) -> None:
    original = schedule_copy.read_text(encoding="utf-8")
    line = original[: original.index(BROKEN[0])].count("\n") + 2  # the `strat` line

    async def scenario(pilot: Pilot) -> None:
        bar = pilot.app.query_one(ErrorBar)
        main = pilot.app.main  # type: ignore[attr-defined]
        save(schedule_copy, original.replace(*BROKEN))
        await until(pilot, lambda: bar.display, what="the error bar")
        await pilot.pause()
        text = widget_text(pilot.app, bar)  # as on screen: why, then where
        assert text.startswith("✕ unknown key `strat`"), text
        assert "did you mean" in text and f"schedule.toml:{line}:1" in text
        # Nothing is lost: the last valid schedule is still on screen and usable.
        assert len(pilot.app.query_one(Timeline).rows) == 21
        assert main.prepared is not None and main.last_error is not None
        await pilot.press("j")
        assert pilot.app.query_one(Timeline).selected.event.id == "consultation-3"
        # The fix clears the error and loads the new text.
        save(schedule_copy, original.replace('"Third session"', '"Third session (fixed)"'))
        await until(pilot, lambda: not bar.display, what="the error bar to go")
        await until(pilot, lambda: title_of(pilot, "session-3") == "Third session (fixed)")
        assert main.last_error is None

    drive(make_app(schedule_copy, watch=True), scenario)


def test_file_deleted_then_restored(schedule_copy: Path) -> None:
    original = schedule_copy.read_text(encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        bar = pilot.app.query_one(ErrorBar)
        schedule_copy.unlink()
        await until(pilot, lambda: bar.display, what="the error bar")
        await pilot.pause()
        assert widget_text(pilot.app, bar).startswith("✕ no such file")
        assert len(pilot.app.query_one(Timeline).rows) == 21
        schedule_copy.write_text(original, encoding="utf-8")
        await until(pilot, lambda: not bar.display, what="the error bar to go")

    drive(make_app(schedule_copy, watch=True), scenario)


def test_a_save_before_the_watcher_starts_is_shown(
    schedule_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved after the first load read the file but before the watcher started: the watcher
    started from the file as it was then, so it never reported that save. Here the
    watcher's start is held (no clock involved) until the save is made."""
    from tui.app import loading

    real = loading.watch_file
    reached, release = threading.Event(), threading.Event()

    def held(*args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        reached.set()
        release.wait(30)
        real(*args, **kwargs)

    monkeypatch.setattr(loading, "watch_file", held)
    original = schedule_copy.read_text(encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        try:
            assert title_of(pilot, "session-4") == "Fourth session"  # the first load's text
            await until(pilot, reached.is_set, what="the watcher to start")
            save(schedule_copy, original.replace('"Fourth session"', '"Fourth session (early)"'))
        finally:
            release.set()
        await until(pilot, lambda: title_of(pilot, "session-4") == "Fourth session (early)")
        assert pilot.app.query_one(Timeline).selected.event.id == "session-3"

    drive(make_app(schedule_copy, watch=True), scenario)


def test_invalid_file_at_start_ends_the_app_with_its_errors(schedule_copy: Path) -> None:
    schedule_copy.write_text("[schedule]\nid = 1\n", encoding="utf-8")
    app = make_app(schedule_copy)

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: not app.is_running, what="the app to close")

    asyncio.run(main())
    assert app.return_code == 1
    assert isinstance(app.return_value, ScheduleError)
    assert all(str(e).startswith("schedule.toml:") for e in app.return_value.errors)
    assert any(": error: " in str(e) and "title" in str(e) for e in app.return_value.errors)


def test_invalid_file_at_start_can_wait_for_a_fix_instead(schedule_copy: Path) -> None:
    original = schedule_copy.read_text(encoding="utf-8")
    schedule_copy.write_text("[schedule]\nid = 1\n", encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        bar = pilot.app.query_one(ErrorBar)
        await until(pilot, lambda: bar.display)
        assert pilot.app.query_one(Timeline).rows == []
        save(schedule_copy, original)
        await until(pilot, lambda: len(pilot.app.query_one(Timeline).rows) == 21)
        assert not bar.display

    drive(make_app(schedule_copy, watch=True, exit_on_invalid=False), scenario)


def test_command_line_prints_located_errors_and_exits_1_for_an_invalid_file(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[schedule]\nid = "x"\ntitle = "X"\n\n[[events]]\nid = "a"\n', "utf-8")
    env = dict(os.environ, TEXTUAL_DRIVER="textual.drivers.headless_driver:HeadlessDriver")
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "tui", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert time.monotonic() - start < 30
    assert result.returncode == 1, result.stderr
    assert f"{bad}:5:1: error:" in result.stderr
    assert "invalid schedule" in result.stderr
    assert "Traceback" not in result.stderr


def test_command_line_refuses_a_missing_file_and_a_bad_as_of(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tui.cli.main import main

    runner = CliRunner()
    missing = runner.invoke(main, [str(tmp_path / "nope.toml")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad_as_of = runner.invoke(main, ["open", "--as-of", "soon"])
    assert bad_as_of.exit_code == 2 and "--as-of" in bad_as_of.output
    bad_theme = runner.invoke(main, ["open", "--theme", "no-such-theme"])
    assert bad_theme.exit_code == 2 and "textual-light" in bad_theme.output
    helped = runner.invoke(main, ["open", "--help"])
    assert helped.exit_code == 0 and "--as-of" in helped.output and "--theme" in helped.output
