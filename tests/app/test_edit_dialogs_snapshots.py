"""SVG snapshots of the event form and the status dialog over the app, at 120x40 and 60x15
(as of 6 Sep 2022 10:00 New York), opened on the first session; each SVG was looked at as
a PNG before being accepted."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from tests.app.conftest import NARROW, WIDE, loaded, make_app
from tui.app.docket_app import DocketApp
from tui.app.screens.edit_dialogs import EventForm, StatusDialog
from tui.core.model import Schedule

SIZES = pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "60x15"])


def opening(dialog: str):
    async def before(pilot: Pilot) -> None:
        await loaded(pilot)
        app = pilot.app
        assert isinstance(app, DocketApp)
        schedule = app.main.document.schedule
        assert isinstance(schedule, Schedule)
        event = next(event for event in schedule.events if event.id == "session-1")
        screen: Screen[object] = (
            EventForm(event, schedule) if dialog == "form" else StatusDialog(event)
        )
        await app.push_screen(screen)
        await pilot.pause()

    return before


@SIZES
def test_event_form(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=opening("form"))


@SIZES
def test_event_form_with_errors(snap_compare, size) -> None:
    async def before(pilot: Pilot) -> None:
        await opening("form")(pilot)
        pilot.app.screen.query_one("#form-start").value = "2022-02-30"  # type: ignore[attr-defined]
        pilot.app.screen.query_one("#form-venue").value = "new-yrok"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=before)


@SIZES
def test_status_dialog(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=opening("status"))
