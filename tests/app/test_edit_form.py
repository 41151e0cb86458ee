"""The event form (`f`) through Pilot, pushed by a tiny host app (`tests.app.edit_host`)
with events of the bundled schedule: every field as it opens, what it returns, the messages
beside the fields, hostile text typed and pasted (escapes, bidi overrides, a 100 kB paste,
triple quotes, TOML specials), resizes, and each returned edit made on a copy of the bundled
schedule and saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, TextArea

from tests.app.conftest import NARROW, WIDE, until
from tests.app.edit_host import (
    ALL_SIZES,
    HUGE,
    event_of,
    field,
    made,
    note,
    press,
    run,
)
from tests.app.hostile import PAYLOAD, SHOWN, assert_nothing_sent, screen_text
from tui.app.screens.edit_dialogs import EventForm
from tui.edit.edits import SetFields

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


def test_form_writes_date_times_and_opens_with_them_as_the_file_has_them(
    bundled_loaded, tmp_path
) -> None:
    event = event_of(bundled_loaded, "organizational-matters")

    async def timed(pilot: Pilot[None], dialog: Screen[object]) -> None:
        field(dialog, "start").value = "2022-02-24T10:00"
        field(dialog, "end").value = "2022-02-24 13:00:00"
        await press(pilot, "enter")

    results = run(EventForm(event, bundled_loaded.schedule), timed)
    after = made(results[0], tmp_path)
    saved = event_of(after, "organizational-matters")
    assert saved.start == datetime(2022, 2, 24, 10, tzinfo=ZoneInfo("America/New_York"))
    assert saved.end == datetime(2022, 2, 24, 13, tzinfo=ZoneInfo("America/New_York"))
    text = (tmp_path / "schedule.toml").read_text(encoding="utf-8")
    assert "start = 2022-02-24T10:00:00\n" in text and "end = 2022-02-24T13:00:00\n" in text
    seen: list[str] = []

    async def untouched(pilot: Pilot[None], dialog: Screen[object]) -> None:
        seen.extend((field(dialog, "start").value, field(dialog, "end").value))
        await press(pilot, "enter")

    assert run(EventForm(saved, after.schedule), untouched) == [None]
    assert seen == ["2022-02-24T10:00:00", "2022-02-24T13:00:00"]
