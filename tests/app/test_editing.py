"""Editing in the app: every edit key on the selected event, what the screen shows while
edits are pending, and the issue's acceptance path (move, undo, move, save, git-diff-sized
change). The choices when both sides matter are in test_editing_choices.py."""

from __future__ import annotations

import asyncio
import difflib
from pathlib import Path

from textual.pilot import Pilot

from tests.app.conftest import drive, loaded, make_app, until
from tui.app.docket_app import DocketApp
from tui.schedule.loader import load_path

#: As of the day before the fifth session's first day moved a week earlier: moving it
#: changes the meeting days left.
BEFORE_FIFTH = "2023-04-06T10:00"


def edit_app(path: Path, **options: object) -> DocketApp:
    options.setdefault("as_of", BEFORE_FIFTH)
    return make_app(path, **options)


async def select(pilot: Pilot, event_id: str) -> None:
    app = pilot.app
    assert isinstance(app, DocketApp)
    app.main.timeline.select_event(event_id)
    await until(pilot, lambda: app.main.selected_id == event_id, what=f"{event_id} selected")


def span(app: DocketApp, event_id: str) -> tuple[str, str]:
    schedule = app.main.document.schedule
    assert schedule is not None
    event = schedule.event(event_id)
    assert event is not None
    return (str(event.first_day), str(event.last_day))


def said(app: DocketApp) -> str:
    return "\n".join(n.message for n in app._notifications)


async def judged(pilot: Pilot) -> None:
    """Let the rules worker of the last edit report."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_the_issue_acceptance_path(schedule_copy: Path) -> None:
    original = schedule_copy.read_text(encoding="utf-8")
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        main = app.main
        await judged(pilot)
        assert main.header.rules == "rules: 6 ✓ 0 ✗"
        days_before = main.header.numbers
        assert "39 meeting days" in days_before
        await select(pilot, "session-5")
        await pilot.press("left_curly_bracket")  # a week earlier
        await judged(pilot)
        assert span(app, "session-5") == ("2023-04-04", "2023-04-14")
        assert main.header.rules_failing and "2 ✗" in main.header.rules
        assert "eleven-weeks" in main.document.rule_faults["session-5"][-1]
        assert "37 meeting days" in main.header.numbers
        assert main.header.baseline == "unsaved: 1 moved │ ◆ meeting days 39 → 37"
        facts = [fact.value for fact in main.document.details().facts]  # type: ignore[union-attr]
        assert "moved 1 week earlier (was 11–21 Apr 2023)" in facts
        marks = main.timeline.marks
        assert "session-5" in marks
        await pilot.press("u")
        await judged(pilot)
        assert span(app, "session-5") == ("2023-04-11", "2023-04-21")
        assert main.header.rules == "rules: 6 ✓ 0 ✗"
        assert main.header.numbers == days_before
        assert main.header.baseline == ""  # back to normal: no baseline line
        assert not main.pending_edits
        await select(pilot, "session-6")
        await pilot.press("right_curly_bracket", "ctrl+s")
        await until(pilot, lambda: not main.pending_edits, what="the save")
        assert "Saved schedule.toml" in said(app)
        assert main.header.baseline == ""

    drive(app, scenario)
    after = schedule_copy.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(original.splitlines(), after.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        "-start = 2023-08-21",
        "-end = 2023-09-01",
        "+start = 2023-08-28",
        "+end = 2023-09-08",
    ]
    assert after.count("#") == original.count("#")  # every comment kept
    event = load_path(schedule_copy).schedule.event("session-6")
    assert event is not None and str(event.start) == "2023-08-28"


def test_every_edit_key(schedule_copy: Path) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await select(pilot, "session-4")  # 9–20 Jan 2023
        steps = [
            ("right_square_bracket", ("2023-01-10", "2023-01-21")),
            ("left_square_bracket", ("2023-01-09", "2023-01-20")),
            ("right_curly_bracket", ("2023-01-16", "2023-01-27")),
            ("left_curly_bracket", ("2023-01-09", "2023-01-20")),
            ("greater_than_sign", ("2023-01-09", "2023-01-21")),
            ("less_than_sign", ("2023-01-09", "2023-01-20")),
            ("less_than_sign", ("2023-01-09", "2023-01-19")),
        ]
        for key, expected in steps:
            await pilot.press(key)
            assert span(app, "session-4") == expected, key
        assert app.main.header.baseline.startswith("unsaved: 1 resized")
        await pilot.press("u")
        assert span(app, "session-4") == ("2023-01-09", "2023-01-20")
        await pilot.press("ctrl+r")
        assert span(app, "session-4") == ("2023-01-09", "2023-01-19")
        await pilot.press("ctrl+r")
        assert "Nothing to redo." in said(app)
        for _ in range(8):  # seven edits, then one too many
            await pilot.press("u")
        assert "Nothing to undo." in said(app)
        assert span(app, "session-4") == ("2023-01-09", "2023-01-20")
        assert app.main.header.baseline == ""

    original = schedule_copy.read_bytes()
    drive(app, scenario)
    assert schedule_copy.read_bytes() == original  # never saved


def test_edit_keys_work_in_the_agenda_and_month(schedule_copy: Path) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await select(pilot, "session-4")
        await pilot.press("2")
        await until(pilot, lambda: app.main.view == "agenda")
        await pilot.press("right_square_bracket")
        assert span(app, "session-4") == ("2023-01-10", "2023-01-21")
        await pilot.press("4", "greater_than_sign")
        assert span(app, "session-4") == ("2023-01-10", "2023-01-22")

    drive(app, scenario)


def test_an_invalid_edit_is_refused_with_the_loaders_message(schedule_copy: Path) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await select(pilot, "organizational-matters")  # one day: shortening it is invalid
        before = span(app, "organizational-matters")
        await pilot.press("less_than_sign")
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and errors[0].title == "Not changed"
        assert "`end` 2022-02-23 is before `start` 2022-02-24" in errors[0].message  # the loader
        assert span(app, "organizational-matters") == before
        assert not app.main.pending_edits

    drive(app, scenario)


def test_nothing_to_save_and_no_event_say_so(schedule_copy: Path) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("ctrl+s")
        assert "Nothing to save" in said(app)
        await pilot.press("/")
        await pilot.press(*"no such event anywhere", "enter")
        await until(pilot, lambda: app.main.selected_id is None, what="nothing selected")
        await pilot.press("right_square_bracket")
        assert "Select an event of the schedule first." in said(app)
        assert not app.main.pending_edits

    drive(app, scenario)


def test_hammering_a_move_ends_at_the_formats_last_year(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "far.toml"
    path.write_text(
        '[schedule]\nid = "far"\ntitle = "Far"\ntimezone = "UTC"\n\n'
        '[[events]]\nid = "last"\nkind = "meeting"\ntitle = "Last"\n'
        "start = 2999-07-01\nend = 2999-07-02\n",
        encoding="utf-8",
    )
    app = make_app(path, as_of="2999-01-01T00:00")

    async def scenario(pilot: Pilot) -> None:
        await select(pilot, "last")
        for _ in range(200):
            await pilot.press("right_square_bracket")
        assert app.is_running
        first, last = span(app, "last")
        assert last <= "2999-12-31" and first.startswith("2999-")
        assert any(n.severity == "error" for n in app._notifications), said(app)
        assert "Traceback" not in said(app)

    drive(app, scenario)
    assert "2999-07-01" in path.read_text(encoding="utf-8")  # nothing saved


def test_read_only_refuses_every_edit_key_and_e(schedule_copy: Path) -> None:
    app = edit_app(schedule_copy, read_only=True)
    original = schedule_copy.read_bytes()

    async def scenario(pilot: Pilot) -> None:
        await select(pilot, "session-5")
        for key in (
            "right_square_bracket",
            "left_square_bracket",
            "right_curly_bracket",
            "left_curly_bracket",
            "less_than_sign",
            "greater_than_sign",
            "u",
            "ctrl+r",
            "ctrl+s",
            "S",
            "f",
            "A",
            "D",
            "e",
        ):
            app.main._last_refusal = ("", 0.0)  # each key's own message
            app.clear_notifications()
            await pilot.press(key)
            text = said(app)
            assert "Read-only (opened with --read-only)" in text, (key, text)
        assert span(app, "session-5") == ("2023-04-11", "2023-04-21")
        assert "why_read_only" in {b.binding.action for b in app.main.active_bindings.values()}
        shown = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Read-only" in shown
        await pilot.press("question_mark")
        helped = [item.description for _, items in app.screen.sections for item in items]  # type: ignore[attr-defined]
        assert "Read-only" in helped and "Day later" in helped

    drive(app, scenario)
    assert schedule_copy.read_bytes() == original


def test_a_read_only_file_refuses_edits(schedule_copy: Path) -> None:
    schedule_copy.chmod(0o444)
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        await select(pilot, "session-5")
        await pilot.press("right_square_bracket")
        assert "the file is read-only" in said(app)
        assert not app.main.pending_edits

    try:
        drive(app, scenario)
    finally:
        schedule_copy.chmod(0o644)


def test_the_bundled_schedule_saves_to_a_file_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(None, as_of=BEFORE_FIFTH)

    async def scenario(pilot: Pilot) -> None:
        await select(pilot, "session-5")
        await pilot.press("right_square_bracket", "ctrl+s")
        await until(pilot, lambda: app.screen.id == "save-path", what="the path dialog")
        app.screen.query_one("#save-path-input").value = "mine.toml"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(pilot, lambda: not app.main.pending_edits, what="the save")
        assert app.main.path == Path("mine.toml")
        assert not app.main.config.bundled

    drive(app, scenario)
    event = load_path(tmp_path / "mine.toml").schedule.event("session-5")
    assert event is not None and str(event.start) == "2023-04-12"


def test_resize_while_a_dialog_is_open_and_a_small_terminal(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(None, as_of=BEFORE_FIFTH)

    async def main() -> None:
        async with app.run_test(size=(60, 15)) as pilot:
            await loaded(pilot)
            await select(pilot, "session-5")
            await pilot.press("right_square_bracket")
            assert app.main.header.baseline.startswith("unsaved: 1 moved")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen.id == "save-path")
            for size in ((40, 10), (200, 60), (60, 15)):
                await pilot.resize_terminal(*size)
                await pilot.pause()
            await pilot.press("escape")
            assert app.main.pending_edits and app.is_running

    asyncio.run(main())


def test_the_dialog_keys_edit_through_the_same_session(schedule_copy: Path) -> None:
    """S, f, A and D open their dialogs on the selected event; what each returns is one
    pending edit, undone by u like a key's; the save writes all of them."""
    from textual.widgets import Input

    from tui.app.screens.edit_dialogs import AddEventDialog, ConfirmDelete, EventForm, StatusDialog

    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        main = app.main
        await select(pilot, "session-5")
        await pilot.press("S")
        await until(pilot, lambda: isinstance(app.screen, StatusDialog), what="status dialog")
        await pilot.press("t", "enter")  # tentative
        await until(pilot, lambda: app.screen is main, what="back on the main screen")
        schedule = main.document.schedule
        assert schedule is not None and schedule.event("session-5").status == "tentative"  # type: ignore[union-attr]
        assert "status changed" in main.header.baseline

        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, EventForm), what="the form")
        title = app.screen.query_one("#form-title", Input)
        title.value = "Fifth session (resumed)"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is main, what="back on the main screen")
        schedule = main.document.schedule
        assert schedule is not None
        assert schedule.event("session-5").title == "Fifth session (resumed)"  # type: ignore[union-attr]

        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDelete), what="delete dialog")
        await pilot.press("enter")  # Cancel has the focus: nothing is deleted
        await until(pilot, lambda: app.screen is main, what="back on the main screen")
        assert main.document.schedule.event("session-5") is not None  # type: ignore[union-attr]

        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, AddEventDialog), what="add dialog")
        app.screen.query_one("#add-title", Input).value = "Informal briefing"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is main, what="back on the main screen")
        schedule = main.document.schedule
        assert schedule is not None
        assert [e.title for e in schedule.events].count("Informal briefing") == 1
        assert main._session is not None and len(main._session.pending) == 3
        await pilot.press("u")
        await judged(pilot)
        assert len(main._session.pending) == 2
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not main.pending_edits, what="saved")

    drive(app, scenario)
    saved = load_path(schedule_copy).schedule.event("session-5")
    assert saved is not None and saved.status == "tentative"
    assert saved.title == "Fifth session (resumed)"
