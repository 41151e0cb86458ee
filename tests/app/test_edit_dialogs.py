"""The edit dialogs (status, form, add, delete) through Pilot, each pushed by a tiny host
app with events of the bundled schedule: what each returns, what the planner sees, what
hostile text does, and that each returned edit, made by an `EditSession` on a copy of the
bundled schedule and saved, gives what was typed."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, TextArea

import tui.app
from tests.app.conftest import NARROW, WIDE, until
from tests.app.hostile import PAYLOAD, SHOWN, assert_nothing_sent, screen_text, widget_text
from tests.conftest import BUNDLED
from tui.app.screens.edit_dialogs import AddEventDialog, ConfirmDelete, EventForm, StatusDialog
from tui.core.model import Event
from tui.edit.edits import AddEvent, DeleteEvent, SetFields, SetStatus
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


# -- the form -------------------------------------------------------------------------------


def test_form_opens_with_every_field_as_the_toml_has_it(bundled_loaded) -> None:
    event = event_of(bundled_loaded, "session-1")
    seen: dict[str, str] = {}

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        for key in ("title", "venue", "start", "end", "hours", "tags", "url"):
            seen[key] = field(dialog, key).value
        seen["notes"] = dialog.query_one("#form-notes", TextArea).text
        seen["screen"] = screen_text(pilot.app)
        seen["venue-note"] = note(dialog, "venue")
        await press(pilot, "enter")  # nothing changed: nothing to edit

    assert run(EventForm(event, bundled_loaded.schedule), scenario) == [None]
    assert seen["title"] == "First session"
    assert (seen["venue"], seen["start"], seen["end"]) == ("new-york", "2022-02-28", "2022-03-11")
    assert seen["tags"] == "substantive" and seen["hours"] == ""
    assert seen["url"] == event.url and seen["notes"] == event.notes
    assert seen["venue-note"] == "venues: new-york, vienna, hanoi"
    for label in ("Title", "Venue", "Start", "End", "Hours", "Tags", "Notes", "URL", "Save"):
        assert label in seen["screen"]


def test_form_returns_only_the_changed_fields_and_they_save(bundled_loaded, tmp_path) -> None:
    event = event_of(bundled_loaded, "session-1")

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        field(dialog, "title").value = "First session (resumed)"
        field(dialog, "venue").value = "vienna"
        field(dialog, "start").value = "2022-03-01"
        field(dialog, "end").value = " 2022-03-12 "
        field(dialog, "hours").value = "10:00-13:00,15:00 - 18:00"
        field(dialog, "tags").value = "substantive, resumed ,"
        field(dialog, "url").value = ""  # emptied: the key goes
        dialog.query_one("#form-notes", TextArea).text = "Two lines\nof notes"
        await press(pilot, "ctrl+s")

    results = run(EventForm(event, bundled_loaded.schedule), scenario)
    assert results == [
        SetFields.of(
            "session-1",
            {
                "title": "First session (resumed)",
                "venue": "vienna",
                "start": date(2022, 3, 1),
                "end": date(2022, 3, 12),
                "hours": ("10:00-13:00", "15:00 - 18:00"),
                "tags": ("substantive", "resumed"),
                "notes": "Two lines\nof notes",
                "url": None,
            },
        )
    ]
    after = event_of(made(results[0], tmp_path), "session-1")
    assert after.title == "First session (resumed)" and after.venue and after.venue.id == "vienna"
    assert (after.start, after.end) == (date(2022, 3, 1), date(2022, 3, 12))
    assert [str(block) for block in after.hours] == ["10:00-13:00", "15:00-18:00"]
    assert after.tags == ("substantive", "resumed") and after.url is None
    assert after.notes == "Two lines\nof notes"


def test_form_typed_key_by_key_saves_with_enter(bundled_loaded, tmp_path) -> None:
    event = event_of(bundled_loaded, "organizational-matters")

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        await press(pilot, "end", *["backspace"] * 7, *"business")
        await press(pilot, "tab", "tab", "tab")  # venue, start, end
        await press(pilot, *"2022-02-25", "enter")

    results = run(EventForm(event, bundled_loaded.schedule), scenario)
    expected = {"title": "Session on organizational business", "end": date(2022, 2, 25)}
    assert results == [SetFields.of("organizational-matters", expected)]
    after = event_of(made(results[0], tmp_path), "organizational-matters")
    assert (after.title, after.end) == (expected["title"], expected["end"])


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "60x15"])
def test_form_says_what_does_not_read_next_to_the_field(bundled_loaded, size) -> None:
    event = event_of(bundled_loaded, "session-1")
    seen: dict[str, object] = {}

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        field(dialog, "start").value = "2022-02-30"
        field(dialog, "hours").value = "10-13"
        field(dialog, "title").value = "  "
        await press(pilot, "enter")
        seen.update({key: note(dialog, key) for key in ("title", "start", "end", "hours")})
        seen["focused"] = pilot.app.focused.id if pilot.app.focused else None
        seen["open"] = pilot.app.screen is dialog
        field(dialog, "start").value = "2022-02-28T10:00"  # a date-time reads
        field(dialog, "hours").value = ""
        field(dialog, "title").value = "First session"
        await press(pilot, "enter")

    results = run(EventForm(event, bundled_loaded.schedule), scenario, size)
    assert seen["open"] and seen["focused"] == "form-title"
    assert seen["title"] == "an event needs a title" and seen["end"] == ""
    if size == WIDE:  # at 60x15 the notes wrap: their starts are enough
        assert seen["start"] == (
            "'2022-02-30' is not an ISO date (2023-04-11) or date-time (2023-04-11T10:00)"
        )
        assert seen["hours"] == "'10-13' is not a meeting block such as 10:00-13:00"
    assert str(seen["start"]).startswith("'2022-02-30' is not an ISO")
    assert str(seen["hours"]).startswith("'10-13' is not a meeting")
    assert len(results) == 1 and isinstance(results[0], SetFields)
    # A start time on a date span: the loader's to refuse, not the form's.
    assert [key for key, _ in results[0].values] == ["start"]


def test_form_says_did_you_mean_for_a_venue_typo(bundled_loaded) -> None:
    event = event_of(bundled_loaded, "session-1")
    seen: list[str] = []

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        field(dialog, "venue").focus()
        await press(pilot, "end", "backspace", "backspace", "backspace", "backspace", *"yrok")
        seen.append(note(dialog, "venue"))
        await press(pilot, "escape")

    assert run(EventForm(event, bundled_loaded.schedule), scenario) == [None]
    assert seen == ["no venue 'new-yrok' in this schedule (did you mean `new-york`?)"]


def test_form_keeps_a_hostile_value_it_opens_with_and_shows_it_as_text(bundled_loaded) -> None:
    # The loader refuses controls in a file, but not a bidi override: it is shown as its
    # stand-in and, the title being edited, written back as the same character.
    event = replace(event_of(bundled_loaded, "session-1"), title="Evil \u202e title [b]x[/b]")
    seen: list[str] = []

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        seen.append(field(dialog, "title").value)
        seen.append(assert_nothing_sent(pilot.app))  # type: ignore[arg-type]
        await press(pilot, "end", "!", "enter")

    results = run(EventForm(event, bundled_loaded.schedule), scenario)
    assert seen[0] == "Evil \\u202e title [b]x[/b]" and seen[0] in seen[1]
    assert results == [SetFields.of("session-1", {"title": "Evil \u202e title [b]x[/b]!"})]


HOSTILE_TITLES = [
    pytest.param("He said \"\"\"hi\"\"\" and '''bye'''", id="triple-quotes"),
    pytest.param('a = "b" # [x] \\n \\u0041 ${x} %s', id="toml-specials"),
    pytest.param("[bold]x[/] [--a=/b] [$x]", id="markup"),
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_form_writes_hostile_typed_text_as_typed(bundled_loaded, tmp_path, title) -> None:
    event = event_of(bundled_loaded, "session-1")

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        field(dialog, "title").value = title
        dialog.query_one("#form-notes", TextArea).text = f"{title}\n'''\n\"\"\""
        assert title in screen_text(pilot.app).replace("\n", "") or len(title) > 60
        await press(pilot, "ctrl+s")

    results = run(EventForm(event, bundled_loaded.schedule), scenario)
    assert isinstance(results[0], SetFields)
    after = event_of(made(results[0], tmp_path), "session-1")
    assert after.title == title and after.notes == f"{title}\n'''\n\"\"\""


def test_form_shows_pasted_escapes_and_overrides_and_writes_what_it_showed(
    bundled_loaded, tmp_path
) -> None:
    event = event_of(bundled_loaded, "session-1")
    seen: list[str] = []

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        field(dialog, "title").value = ""
        pilot.app.post_message(events.Paste(PAYLOAD + " \u202eevil\nsecond line"))
        await pilot.pause()
        dialog.query_one("#form-notes", TextArea).focus()
        await pilot.pause()
        pilot.app.post_message(events.Paste("notes \x1b[2J\nline \u202e two"))
        await pilot.pause()
        seen.append(field(dialog, "title").value)
        seen.append(dialog.query_one("#form-notes", TextArea).text)
        seen.append(assert_nothing_sent(pilot.app))  # type: ignore[arg-type]
        await press(pilot, "ctrl+s")

    results = run(EventForm(event, bundled_loaded.schedule), scenario)
    assert seen[0] == SHOWN + " \\u202eevil"  # one line: the first of the paste
    assert seen[1].startswith("notes ␛[2J\nline \\u202e twoHybrid.")  # at the cursor
    after = event_of(made(results[0], tmp_path), "session-1")
    assert after.title == SHOWN + " \u202eevil"  # the override kept as one (escaped) character
    assert after.notes is not None and after.notes.startswith("notes ␛[2J\nline \u202e two")


def test_form_takes_a_100_kb_paste(bundled_loaded, tmp_path) -> None:
    event = event_of(bundled_loaded, "session-1")
    big = "x" * 50_000 + "[b]" + "y" * 50_000

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        field(dialog, "title").value = ""
        pilot.app.post_message(events.Paste(big))
        await until(pilot, lambda: len(field(dialog, "title").value) == len(big))
        field(dialog, "start").value = big  # and one that does not read: a short message
        await press(pilot, "enter")
        assert len(note(dialog, "start")) < 400
        field(dialog, "start").value = "2022-02-28"
        await press(pilot, "enter")

    results = run(EventForm(event, bundled_loaded.schedule), scenario, NARROW)
    assert results == [SetFields.of("session-1", {"title": big})]
    assert event_of(made(results[0], tmp_path), "session-1").title == big


def test_form_survives_resizes_while_open(bundled_loaded) -> None:
    event = event_of(bundled_loaded, "session-1")
    seen: list[bool] = []

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        for size in (NARROW, HUGE, (40, 10), WIDE, NARROW):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            text = screen_text(pilot.app)
            seen.append("Save" in text and ("esc cancel" in text or size == (40, 10)))
        field(dialog, "tags").value = "resized"
        await press(pilot, "enter")

    results = run(EventForm(event, bundled_loaded.schedule), scenario)
    assert all(seen), seen
    assert results == [SetFields.of("session-1", {"tags": ("resized",)})]


@ALL_SIZES
def test_form_fits_with_its_buttons_and_help(bundled_loaded, size) -> None:
    event = event_of(bundled_loaded, "session-1")
    seen: list[str] = []

    async def scenario(pilot: Pilot[None], dialog: Screen[object]) -> None:
        seen.append(screen_text(pilot.app))
        ok = dialog.query_one("#form-ok", Button)
        seen.append(str(ok.region.bottom <= size[1]))
        await press(pilot, "escape")

    assert run(EventForm(event, bundled_loaded.schedule), scenario, size) == [None]
    assert "Save" in seen[0] and "Cancel" in seen[0] and "esc cancel" in seen[0]
    assert "Title" in seen[0] and seen[1] == "True"


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
