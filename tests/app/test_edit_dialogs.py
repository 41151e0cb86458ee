"""The status, add and delete dialogs through Pilot, each pushed by a tiny host app
(`tests.app.edit_host`) with events of the bundled schedule: what each returns, what the
planner sees, what hostile text does, and that each returned edit, made by an `EditSession`
on a copy of the bundled schedule and saved, gives what was chosen or typed. The event
form's tests are in test_edit_form.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Label, Select

from tests.app.conftest import NARROW
from tests.app.edit_host import (
    ALL_SIZES,
    MARKUP,
    MARKUP_SHOWN,
    event_of,
    made,
    note,
    press,
    pressing,
    run,
)
from tests.app.hostile import PAYLOAD, SHOWN, assert_nothing_sent, screen_text, widget_text
from tui.app.screens.edit_dialogs import AddEventDialog, ConfirmDelete, StatusDialog
from tui.edit.edits import AddEvent, DeleteEvent, SetStatus

# -- status ---------------------------------------------------------------------------------


def test_status_marks_the_current_one_and_arrows_choose(bundled_loaded, tmp_path) -> None:
    event = event_of(bundled_loaded, "session-1")
    seen: list[str] = []

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        seen.append(screen_text(pilot.app))
        await press(pilot, "down", "enter")

    results = run(StatusDialog(event), scenario)
    assert results == [SetStatus("session-1", "tentative")]
    text = seen[0]
    assert "● confirmed  going ahead (now)" in text
    for status in ("tentative", "postponed", "cancelled"):
        assert status in text
    assert "First session" in text and "esc cancel" in text
    assert event_of(made(results[0], tmp_path), "session-1").status == "tentative"


@pytest.mark.parametrize(
    ("keys", "status"),
    [(["p", "enter"], "postponed"), (["c", "enter"], "cancelled"), (["t", "enter"], "tentative")],
)
def test_status_first_letter_moves_to_it(bundled_loaded, keys, status) -> None:
    results = run(StatusDialog(event_of(bundled_loaded, "session-1")), pressing(*keys))
    assert results == [SetStatus("session-1", status)]


def test_status_letter_again_goes_on_to_the_next_with_it(bundled_loaded) -> None:
    # From cancelled, c goes round to confirmed: the current one again, so nothing changes.
    event = replace(event_of(bundled_loaded, "session-1"), status="tentative")
    results = run(StatusDialog(event), lambda p, d: press(p, "c", "c", "enter"))
    assert results == [SetStatus("session-1", "confirmed")]


@pytest.mark.parametrize("keys", [["escape"], ["enter"], ["x", "enter"]], ids=str)
def test_status_cancel_or_the_current_one_changes_nothing(bundled_loaded, keys) -> None:
    assert run(StatusDialog(event_of(bundled_loaded, "session-1")), pressing(*keys)) == [None]


@ALL_SIZES
def test_status_shows_a_hostile_title_as_text(bundled_loaded, size) -> None:
    event = replace(event_of(bundled_loaded, "session-1"), title=MARKUP + PAYLOAD)
    seen: list[str] = []

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        seen.append(assert_nothing_sent(pilot.app))  # type: ignore[arg-type]
        label = dialog.query_one("#status-event", Label)
        seen.append(widget_text(pilot.app, label))  # type: ignore[arg-type]
        await press(pilot, "escape")

    assert run(StatusDialog(event), scenario, size) == [None]
    if size != NARROW:
        assert (MARKUP_SHOWN + SHOWN)[:40] in seen[1]
    assert "confirmed" in seen[0] and "esc cancel" in seen[0]


# -- add ------------------------------------------------------------------------------------


def test_add_returns_the_new_event_and_it_saves(bundled_loaded, tmp_path) -> None:
    seen: list[str] = []

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        seen.append(dialog.query_one("#add-start", Input).value)
        seen.append(screen_text(pilot.app))
        dialog.query_one("#add-kind", Select).value = "consultation"
        await press(pilot, *"Informal talks")
        dialog.query_one("#add-end", Input).value = "2023-01-04"
        await press(pilot, "enter")

    results = run(AddEventDialog(bundled_loaded.schedule, date(2023, 1, 2)), scenario)
    assert seen[0] == "2023-01-02"
    for label in ("Add event", "Kind", "meeting", "Title", "Start", "End", "Add", "Cancel"):
        assert label in seen[1]
    expected = AddEvent("consultation", "Informal talks", date(2023, 1, 2), date(2023, 1, 4))
    assert results == [expected]
    after = event_of(made(expected, tmp_path), "informal-talks")
    assert (after.kind, after.title, after.start, after.end) == (
        "consultation",
        "Informal talks",
        date(2023, 1, 2),
        date(2023, 1, 4),
    )


def test_add_says_what_is_missing_and_cancels(bundled_loaded) -> None:
    seen: dict[str, str] = {}

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        dialog.query_one("#add-start", Input).value = "next week"
        await press(pilot, "enter")
        seen.update({key: note(dialog, key) for key in ("title", "start", "end")})
        await press(pilot, "escape")

    results = run(AddEventDialog(bundled_loaded.schedule, date(2023, 1, 2)), scenario, NARROW)
    assert results == [None]
    assert seen["title"] == "an event needs a title" and seen["end"] == ""
    assert seen["start"].startswith("'next week' is not an ISO date")


def test_add_writes_a_hostile_title_as_typed(bundled_loaded, tmp_path) -> None:
    title = "Talk \"\"\" ''' [b]x[/b] # = \\u0041"

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        pilot.app.post_message(events.Paste(title + "\x1b[31m\u202e"))
        await pilot.pause()
        assert_nothing_sent(pilot.app)  # type: ignore[arg-type]
        await press(pilot, "enter")

    results = run(AddEventDialog(bundled_loaded.schedule, date(2023, 1, 2)), scenario)
    assert results == [AddEvent("meeting", title + "␛[31m\u202e", date(2023, 1, 2))]
    after = made(results[0], tmp_path).schedule.events[-1]
    assert after.title == title + "␛[31m\u202e" and after.kind == "meeting"


# -- delete ---------------------------------------------------------------------------------


@ALL_SIZES
def test_delete_names_the_event_and_cancel_has_the_focus(bundled_loaded, size) -> None:
    event = replace(event_of(bundled_loaded, "session-1"), title=MARKUP)
    seen: list[str] = []

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        seen.append(assert_nothing_sent(pilot.app))  # type: ignore[arg-type]
        seen.append(widget_text(pilot.app, dialog.query_one("#delete-question", Label)))  # type: ignore[arg-type]
        await press(pilot, "enter")  # on Cancel

    assert run(ConfirmDelete(event), scenario, size) == [None]
    assert seen[1] == f"Delete the session “{MARKUP_SHOWN}” (session-1)?"
    assert "Delete" in seen[0] and "Cancel" in seen[0]


@pytest.mark.parametrize("keys", [["left", "enter"], ["shift+tab", "enter"]], ids=str)
def test_delete_only_on_an_explicit_confirm(bundled_loaded, tmp_path, keys) -> None:
    results = run(ConfirmDelete(event_of(bundled_loaded, "session-1")), pressing(*keys))
    assert results == [DeleteEvent("session-1")]
    ids = {event.id for event in made(results[0], tmp_path).schedule.events}
    assert "session-1" not in ids and "session-2" in ids


def test_delete_escape_cancels(bundled_loaded) -> None:
    assert run(ConfirmDelete(event_of(bundled_loaded, "session-1")), pressing("escape")) == [None]


def test_a_second_enter_typed_ahead_closes_only_the_dialog(bundled_loaded) -> None:
    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        await press(pilot, "enter", "enter")
        assert pilot.app.screen is not dialog and len(pilot.app.screen_stack) == 1

    assert run(StatusDialog(event_of(bundled_loaded, "session-1")), scenario) == [None]


def test_add_kind_is_chosen_by_keyboard_and_escape_closes_only_its_list(
    bundled_loaded, tmp_path
) -> None:
    seen: list[object] = []

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        await press(pilot, "shift+tab", "enter")  # the kind's list opens
        await press(pilot, "escape")  # and closes: the dialog stays
        seen.append(pilot.app.screen is dialog)
        await press(pilot, "enter", "down", "enter")  # meeting -> deadline
        seen.append(dialog.query_one("#add-kind", Select).value)
        await press(pilot, "tab", *"Comments due", "enter")

    results = run(AddEventDialog(bundled_loaded.schedule, date(2023, 1, 2)), scenario, NARROW)
    assert seen == [True, "deadline"]
    assert results == [AddEvent("deadline", "Comments due", date(2023, 1, 2))]
    after = event_of(made(results[0], tmp_path), "comments-due")
    assert (after.kind, after.start, after.end) == ("deadline", date(2023, 1, 2), None)
