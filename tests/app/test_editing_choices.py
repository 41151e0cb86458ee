"""When both sides of an edit matter: the file changed on disk while edits are pending
(each of the conflict dialog's three choices, and the watcher), quitting with pending
edits, and the journal a killed app leaves."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import drive, until
from tests.app.test_editing import edit_app, said, select, span
from tui.edit.edits import Move
from tui.edit.session import EditSession
from tui.schedule.loader import load_path


def theirs(path: Path) -> None:
    """Another program's edit: the fourth session's title."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "Fourth session"', 'title = "Fourth (theirs)"'))


async def conflict(pilot: Pilot, path: Path) -> None:
    """A move pending, the file written from outside, then ctrl+s: the dialog."""
    app = pilot.app
    await select(pilot, "session-5")
    await pilot.press("right_square_bracket")
    theirs(path)
    await pilot.press("ctrl+s")
    await until(pilot, lambda: app.screen.id == "conflict", what="the conflict dialog")


def test_conflict_apply_mine_onto_theirs(schedule_copy: Path) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await conflict(pilot, schedule_copy)
        await pilot.press("a")
        await until(pilot, lambda: app.screen is app.main)
        assert "Applied onto the file on disk: 1 edit." in said(app)
        assert span(app, "session-5") == ("2023-04-12", "2023-04-22")
        assert app.main.document.schedule.event("session-4").title == "Fourth (theirs)"  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.main.pending_edits, what="the save")

    drive(app, scenario)
    schedule = load_path(schedule_copy).schedule
    assert schedule.event("session-4").title == "Fourth (theirs)"  # type: ignore[union-attr]
    assert str(schedule.event("session-5").start) == "2023-04-12"  # type: ignore[union-attr]


def test_conflict_take_theirs(schedule_copy: Path) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await conflict(pilot, schedule_copy)
        await pilot.press("t")
        await until(pilot, lambda: app.screen is app.main)
        assert not app.main.pending_edits
        assert span(app, "session-5") == ("2023-04-11", "2023-04-21")
        assert app.main.document.schedule.event("session-4").title == "Fourth (theirs)"  # type: ignore[union-attr]
        assert app.main.header.baseline == ""

    drive(app, scenario)
    assert "Fourth (theirs)" in schedule_copy.read_text(encoding="utf-8")


def test_conflict_save_mine_elsewhere(schedule_copy: Path) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await conflict(pilot, schedule_copy)
        await pilot.press("s")
        await until(pilot, lambda: app.screen.id == "save-path", what="the path dialog")
        field = app.screen.query_one("#save-path-input")
        assert field.value == "schedule-mine.toml"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(pilot, lambda: not app.main.pending_edits, what="the save")
        assert app.main.path == Path("schedule-mine.toml")

    drive(app, scenario)
    mine = load_path(schedule_copy.parent / "schedule-mine.toml").schedule
    assert str(mine.event("session-5").start) == "2023-04-12"  # type: ignore[union-attr]
    assert mine.event("session-4").title == "Fourth session"  # type: ignore[union-attr]
    assert "Fourth (theirs)" in schedule_copy.read_text(encoding="utf-8")  # theirs kept


def test_escape_keeps_the_edits_and_the_watcher_never_loads_over_them(
    schedule_copy: Path,
) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await conflict(pilot, schedule_copy)
        await pilot.press("escape")
        assert app.main.pending_edits and "offers the choice again" in said(app)
        app.main.file_changed()  # what the watcher calls when the file changes
        await until(pilot, lambda: app.screen.id == "conflict")
        await pilot.press("escape")
        assert span(app, "session-5") == ("2023-04-12", "2023-04-22")  # still mine

    drive(app, scenario)


def test_without_edits_a_change_on_disk_reloads_as_before(schedule_copy: Path) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await select(pilot, "session-5")
        await pilot.press("right_square_bracket", "u")  # a session, no edits pending
        theirs(schedule_copy)
        app.main.file_changed()
        await until(
            pilot,
            lambda: app.main.document.schedule.event("session-4").title == "Fourth (theirs)",  # type: ignore[union-attr]
            what="the reload",
        )
        await pilot.press("right_square_bracket", "ctrl+s")  # on the new text: no conflict
        await until(pilot, lambda: not app.main.pending_edits, what="the save")

    drive(app, scenario)
    text = schedule_copy.read_text(encoding="utf-8")
    assert "Fourth (theirs)" in text and "start = 2023-04-12" in text


@pytest.mark.parametrize(("answer", "saved"), [("escape", False), ("d", False), ("s", True)])
def test_quitting_with_pending_edits_asks(schedule_copy: Path, answer: str, saved: bool) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await select(pilot, "session-5")
        await pilot.press("right_square_bracket", "q")
        await until(pilot, lambda: app.screen.id == "quit-confirm", what="the question")
        await pilot.press(answer)
        if answer == "escape":
            assert app.is_running and app.main.pending_edits
            app.main._session.discard()  # type: ignore[union-attr]
            await pilot.press("q")  # nothing pending now: quits at once
        await until(pilot, lambda: not app.is_running, what="the app to end")

    drive(app, scenario)
    assert ("start = 2023-04-12" in schedule_copy.read_text(encoding="utf-8")) == saved


@pytest.mark.parametrize("answer", ["r", "d"])
def test_a_killed_apps_journal_is_offered_back(schedule_copy: Path, answer: str) -> None:
    killed = EditSession.open(schedule_copy)  # as a killed app leaves it: journaled
    killed.apply(Move("session-5", -7))
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await until(pilot, lambda: app.screen.id == "journal", what="the offer")
        assert "move session-5 by -7 days" in str(app.screen.message)  # type: ignore[attr-defined]
        await pilot.press(answer)
        await until(pilot, lambda: app.screen is app.main)
        if answer == "r":
            assert span(app, "session-5") == ("2023-04-04", "2023-04-14")
            assert app.main.header.baseline.startswith("unsaved: 1 moved")
            app.main._session.discard()  # type: ignore[union-attr]
        else:
            assert not app.main.pending_edits
            assert span(app, "session-5") == ("2023-04-11", "2023-04-21")

    drive(app, scenario)
    assert EditSession.open(schedule_copy).journaled()[0] is None
