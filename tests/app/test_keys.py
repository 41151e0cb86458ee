"""Every key of the app, driven through Pilot on the bundled schedule as of 6 Sep 2022."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import NARROW, WIDE, drive, filled, make_app, until
from tui.app.docket_app import DocketApp
from tui.app.screens.asof import AsOfScreen
from tui.app.screens.export import ExportScreen
from tui.app.screens.goto import GoToDateScreen
from tui.app.screens.help import HelpScreen
from tui.app.widgets.details import DetailsPanel
from tui.app.widgets.status_bars import FilterBar
from tui.app.widgets.timeline import AXIS, Timeline


def timeline(pilot: Pilot) -> Timeline:
    return pilot.app.query_one(Timeline)


def selected(pilot: Pilot) -> str | None:
    row = timeline(pilot).selected
    return row.event.id if row else None


def main(pilot: Pilot):
    app = pilot.app
    assert isinstance(app, DocketApp)
    return app.main


def test_opens_on_the_event_in_progress_at_the_as_of_moment() -> None:
    async def scenario(pilot: Pilot) -> None:
        assert selected(pilot) == "session-3"
        assert len(timeline(pilot).rows) == 21
        assert timeline(pilot).zoom == "all"
        assert main(pilot).header.title.startswith("Ad Hoc Committee on Cybercrime")

    drive(make_app(), scenario)


def test_j_k_and_arrows_move_the_selection() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("j")
        assert selected(pilot) == "consultation-3"
        await pilot.press("down", "down")
        assert selected(pilot) == "consultation-4"
        await pilot.press("k", "up")
        assert selected(pilot) == "consultation-3" or selected(pilot) == "session-3"
        await pilot.press("home")
        assert selected(pilot) == "organizational-session"
        await pilot.press("k")  # stays on the first
        assert selected(pilot) == "organizational-session"
        await pilot.press("end")
        assert selected(pilot) == "signing"

    drive(make_app(), scenario)


def test_selection_updates_the_details_panel() -> None:
    async def scenario(pilot: Pilot) -> None:
        body = str(pilot.app.query_one("#details-body").render())
        assert "Third session" in body or main(pilot).selected_id == "session-3"
        await pilot.press("j")
        await pilot.pause()
        assert main(pilot).selected_id == "consultation-3"

    drive(make_app(), scenario)


def test_h_l_pan_and_keep_a_sensible_selection() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("plus", "plus")  # quarter view around the third session
        assert timeline(pilot).zoom == "quarter"
        before = timeline(pilot).window.start
        await pilot.press("l")
        window = timeline(pilot).window
        assert window.start == before + window.span / 4
        await pilot.press("left", "h")
        assert timeline(pilot).window.start < before
        # Panning far away moves the selection onto an event in view.
        for _ in range(12):
            await pilot.press("l")
        row = timeline(pilot).selected
        assert row is not None
        await pilot.press("right")
        assert timeline(pilot).selected is not None

    drive(make_app(), scenario)


def test_shift_h_l_pan_a_screen_as_ctrl_pgup_pgdn_do() -> None:
    """In a browser ctrl+pgup/pgdn switch tabs: H and L pan a whole screen too."""

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("plus", "plus")
        start = timeline(pilot).window.start
        await pilot.press("L")
        by_l = timeline(pilot).window.start
        await pilot.press("H")
        assert timeline(pilot).window.start == start
        await pilot.press("ctrl+pagedown")
        assert timeline(pilot).window.start == by_l == start + timeline(pilot).window.span

    drive(make_app(), scenario)


def test_plus_minus_zoom_through_every_level() -> None:
    async def scenario(pilot: Pilot) -> None:
        seen = [timeline(pilot).zoom]
        for _ in range(5):
            await pilot.press("plus")
            seen.append(timeline(pilot).zoom)
        assert seen == ["all", "year", "quarter", "month", "week", "week"]
        await pilot.press("minus", "minus", "minus", "minus", "minus")
        assert timeline(pilot).zoom == "all"
        await pilot.press("equals_sign")  # "=" zooms in too (no shift needed)
        assert timeline(pilot).zoom == "year"
        # The selected event stays on screen while zooming.
        row = timeline(pilot).selected
        assert row is not None and timeline(pilot).window.overlaps(row.t0, row.t1)

    drive(make_app(), scenario)


def test_t_jumps_to_the_as_of_moment() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("plus", "plus", "plus")  # month view
        await pilot.press("end")  # far away: the signing ceremony, 2025
        assert selected(pilot) == "signing"
        await pilot.press("t")
        assert selected(pilot) == "session-3"
        window = timeline(pilot).window
        assert window.start <= timeline(pilot)._as_of_t <= window.end

    drive(make_app(), scenario)


def test_g_goes_to_a_date() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("g")
        assert isinstance(pilot.app.screen, GoToDateScreen)
        await pilot.press(*"2023-04", "enter")
        assert not isinstance(pilot.app.screen, GoToDateScreen)
        assert selected(pilot) == "session-5"
        # A bad date keeps the dialog open with the reason; escape cancels.
        await pilot.press("g", *"next week", "enter")
        assert isinstance(pilot.app.screen, GoToDateScreen)
        assert "not a date" in str(pilot.app.screen.query_one("#goto-error").render())
        await pilot.press("escape")
        assert selected(pilot) == "session-5"

    drive(make_app(), scenario)


def test_n_and_shift_n_go_to_the_next_and_previous_deadline() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("n")
        assert selected(pilot) == "ga78-close"
        await pilot.press("n")  # no later deadline: the selection stays, a notice says so
        assert selected(pilot) == "ga78-close"
        await pilot.press("home", "N")
        assert selected(pilot) == "organizational-session"
        await pilot.press("end", "N")
        assert selected(pilot) == "ga78-close"

    drive(make_app(), scenario)


def test_slash_filters_by_kind_tag_venue_and_text_and_escape_clears() -> None:
    async def scenario(pilot: Pilot) -> None:
        bar = pilot.app.query_one(FilterBar)
        await pilot.press("slash")
        assert bar.display and bar.input.has_focus
        await pilot.press(*"kind:deadline,milestone", "enter")
        assert [r.event.kind for r in timeline(pilot).rows] == ["milestone"] * 2 + [
            "deadline",
            "milestone",
        ]
        assert timeline(pilot).has_focus and bar.display  # the active filter stays shown
        assert "4 of 21" in str(pilot.app.query_one("#filter-count").render())
        await pilot.press("escape")
        assert len(timeline(pilot).rows) == 21 and not bar.display
        await pilot.press("slash", *"venue:vienna tag:substantive", "enter")
        assert {r.event.id for r in timeline(pilot).rows} == {
            "session-2",
            "session-4",
            "session-5",
        }
        await pilot.press("escape", "slash", *"ceremony", "enter")
        assert [r.event.id for r in timeline(pilot).rows] == ["signing"]
        await pilot.press("slash", *"nothing-like-this", "enter")
        assert timeline(pilot).rows == []
        await pilot.press("escape")
        assert len(timeline(pilot).rows) == 21

    drive(make_app(), scenario)


def test_enter_opens_the_details_and_escape_comes_back() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        assert pilot.app.query_one(DetailsPanel).has_focus
        await pilot.press("escape")
        assert timeline(pilot).has_focus

    drive(make_app(), scenario)


def test_enter_at_60x15_shows_the_details_instead_of_the_timeline() -> None:
    async def scenario(pilot: Pilot) -> None:
        panel = pilot.app.query_one(DetailsPanel)
        assert not panel.region.area  # collapsed while narrow
        await pilot.press("enter")
        await pilot.pause()
        assert panel.region.area and not timeline(pilot).region.area
        await pilot.press("escape")
        await pilot.pause()
        assert timeline(pilot).region.area and timeline(pilot).has_focus

    drive(make_app(), scenario, size=NARROW)


def test_e_opens_the_editor_at_the_event_line_then_reloads(
    schedule_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    seen = tmp_path / "editor-args.txt"
    editor = tmp_path / "fake-editor"
    editor.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        f"pathlib.Path({str(seen)!r}).write_text(' '.join(sys.argv[1:]))\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "path.write_text(path.read_text().replace('Third session', 'Third session (edited)'))\n"
    )
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    text = schedule_copy.read_text()
    header_line = text[: text.index('id = "session-3"')].count("\n")  # the [[events]] line

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("e")
        await until(pilot, lambda: "edited" in (timeline(pilot).selected.event.title or ""))
        assert selected(pilot) == "session-3"

    drive(make_app(schedule_copy), scenario)
    assert seen.read_text() == f"+{header_line} {schedule_copy}"


def test_x_exports_the_filtered_calendar(tmp_path: Path) -> None:
    target = tmp_path / "sessions.ics"

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("x")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one("#export-path").value = str(target)
        dialog.query_one("#export-kinds").value = "session"
        dialog.query_one("#export-start").value = "2023-01-01"
        await pilot.click("#export-ok")
        await until(pilot, target.exists, what="the export")
        await pilot.app.workers.wait_for_complete()

    drive(make_app(), scenario)
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR")
    summaries = [line for line in data.split(b"\r\n") if line.startswith(b"SUMMARY:")]
    assert summaries and all(b"session" in line for line in summaries)
    assert b"SUMMARY:Third session" not in data  # before the From date


def test_x_suggests_the_same_file_name_as_docket_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("x")
        value = pilot.app.screen.query_one("#export-path").value
        assert Path(value).resolve() == (tmp_path / "ahc-2022-2024.ics").resolve()

    drive(make_app(), scenario)


def test_x_dialog_refuses_bad_input_and_escape_cancels(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("x")
        dialog = pilot.app.screen
        dialog.query_one("#export-start").value = "someday"
        await pilot.click("#export-ok")
        assert pilot.app.screen is dialog
        assert "not an ISO date" in str(dialog.query_one("#export-error").render())
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, ExportScreen)

    drive(make_app(), scenario)


def test_a_changes_the_as_of_moment_and_now_goes_back_to_the_clock() -> None:
    async def scenario(pilot: Pilot) -> None:
        header = main(pilot).header
        await pilot.press("a")
        assert isinstance(pilot.app.screen, AsOfScreen)
        field = pilot.app.screen.query_one("#asof-input")
        field.value = "2024-09-09T12:00"
        await pilot.press("enter")
        await pilot.pause()
        assert header.as_of and header.clock.startswith("Mon 9 Sep 2024 12:00:00")
        # Under two days before the headline deadline: hours, minutes and seconds.
        assert header.numbers == "36:00:00 left · 2 working · 0 sessions left · 0 meeting days"
        await pilot.press("a")
        pilot.app.screen.query_one("#asof-input").value = "now"
        await pilot.press("enter")
        await pilot.pause()
        assert not main(pilot).clock.is_as_of and not header.as_of

    drive(make_app(), scenario)


def test_question_mark_shows_help_built_from_the_live_bindings() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("question_mark")
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        described = {item.description for _title, items in screen.sections for item in items}
        assert {"Next event", "Pan later", "Zoom in", "Filter", "Export", "Quit"} <= described
        keys = {k for _t, items in screen.sections for item in items for k in item.keys}
        assert {"j", "↓", "h", "+", "/", "?", "q"} <= keys
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)

    drive(make_app(), scenario)


def test_q_quits() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running

    drive(make_app(), scenario)


def test_1_2_3_switch_views_and_enter_comes_back_to_the_event() -> None:
    async def scenario(pilot: Pilot) -> None:
        from tui.app.widgets.agenda import AgendaTable
        from tui.app.widgets.countdowns import CountdownsDashboard

        await pilot.press("2")
        table = await filled(pilot, AgendaTable)
        assert table.row_count == 21 and table.has_focus
        assert table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value == "session-3"
        await pilot.press("j", "enter")
        assert main(pilot).view == "timeline" and selected(pilot) == "consultation-3"
        await pilot.press("3")
        countdowns = await filled(pilot, CountdownsDashboard)
        assert countdowns.row_count == 4
        assert countdowns.selected_id == "ga78-close"  # the headline deadline first
        await pilot.press("enter")
        assert main(pilot).view == "timeline" and selected(pilot) == "ga78-close"
        await pilot.press("1")
        assert main(pilot).view == "timeline"

    drive(make_app(), scenario)


def test_agenda_sorts_by_column() -> None:
    async def scenario(pilot: Pilot) -> None:
        from tui.app.widgets.agenda import AgendaTable

        await pilot.press("2")
        table = await filled(pilot, AgendaTable)

        def first_id() -> str:
            return str(table.coordinate_to_cell_key((0, 0)).row_key.value)

        assert first_id() == "organizational-session"
        await pilot.press("r")  # reverse: latest start first
        assert first_id() == "signing"
        await pilot.press("s")  # by title
        assert table.sort_column == "title"
        assert first_id() == "consultation-1"  # "1st intersessional consultation"
        await pilot.press("s")  # by end date
        assert table.sort_column == "end"

    drive(make_app(), scenario)


def test_mouse_click_selects_a_row() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.click(Timeline, offset=(40, AXIS + 3))
        assert selected(pilot) == "session-1"

    drive(make_app(), scenario)


def test_command_palette_lists_every_action() -> None:
    async def scenario(pilot: Pilot) -> None:
        from tui.app.commands import DocketCommands

        provider = DocketCommands(pilot.app.screen)
        names = [hit.text async for hit in provider.discover()]
        for name in ("Next event", "Zoom in", "Now", "Go to", "Filter", "As of…", "Edit"):
            assert name in names
        hits = [hit async for hit in provider.search("export")]
        assert hits and hits[0].text == "Export"
        await hits[0].command()
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportScreen)

    drive(make_app(), scenario)


def test_palette_offers_docket_help_not_textuals_keys_panel() -> None:
    async def scenario(pilot: Pilot) -> None:
        from tui.app.commands import DocketCommands

        system = [command.title for command in pilot.app.get_system_commands(pilot.app.screen)]
        assert "Keys" not in system and "Theme" in system
        names = [hit.text async for hit in DocketCommands(pilot.app.screen).discover()]
        assert "Help" in names

    drive(make_app(), scenario)


def test_light_theme_and_resizing() -> None:
    async def scenario(pilot: Pilot) -> None:
        assert pilot.app.theme == "textual-light"
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert main(pilot).has_class("-narrow")
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert not main(pilot).has_class("-narrow")
        assert timeline(pilot).window.width == timeline(pilot).chart_width

    drive(make_app(theme="textual-light"), scenario)


def test_no_editor_available_is_a_message_not_a_crash(schedule_copy: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", os.path.join("no", "such", "editor"))
    monkeypatch.delenv("VISUAL", raising=False)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("e")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.is_running and selected(pilot) == "session-3"
        said = [n.message for n in pilot.app._notifications]
        assert any("no such program" in message for message in said), said

    drive(make_app(schedule_copy), scenario)


def _labels_fit(dialog) -> None:
    """Every line of text in a dialog wraps inside it rather than running off its edge."""
    from textual.widgets import Label

    box = dialog.query_one(".dialog").content_region
    for label in dialog.query(Label):
        assert label.region.right <= box.right, f"{label.render()!s} is cut off"


@pytest.mark.parametrize("size", [WIDE, NARROW])
def test_dialog_messages_wrap_instead_of_being_cut_off(size) -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("a")
        dialog = pilot.app.screen
        dialog.query_one("#asof-input").value = "garbage"
        await pilot.press("enter")
        await pilot.pause()
        _labels_fit(dialog)
        await pilot.press("escape", "g")
        dialog = pilot.app.screen
        dialog.query_one("#goto-input").value = "a very long bad date that goes on and on"
        await pilot.press("enter")
        await pilot.pause()
        _labels_fit(dialog)
        await pilot.press("escape", "x")
        dialog = pilot.app.screen
        dialog.query_one("#export-alarms").value = "soon"
        await pilot.click("#export-ok")
        await pilot.pause()
        _labels_fit(dialog)

    drive(make_app(), scenario, size=size)


def test_x_failed_export_reopens_the_dialog_with_what_was_typed(tmp_path: Path) -> None:
    """A filter that matches nothing, or a folder that does not exist, must not throw away
    the dialog: it comes back with the planner's choices and the reason."""
    target = tmp_path / "no-such-folder" / "out.ics"

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("x")
        dialog = pilot.app.screen
        dialog.query_one("#export-path").value = str(target)
        dialog.query_one("#export-kinds").value = "sessoin"
        dialog.query_one("#export-alarms").value = "1d"
        await pilot.click("#export-ok")
        first = dialog
        await until(
            pilot,
            lambda: isinstance(pilot.app.screen, ExportScreen) and pilot.app.screen is not first,
            what="the dialog to come back",
        )
        dialog = pilot.app.screen
        assert dialog.query_one("#export-path").value == str(target)
        assert dialog.query_one("#export-kinds").value == "sessoin"
        assert dialog.query_one("#export-alarms").value == "1d"
        assert "unknown kind 'sessoin' (did you mean `session`?)" in str(
            dialog.query_one("#export-error").render()
        )
        dialog.query_one("#export-kinds").value = "session"
        await pilot.click("#export-ok")
        await until(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, ExportScreen)
                and "cannot write" in str(pilot.app.screen.query_one("#export-error").render())
            ),
            what="the write error in the dialog",
        )
        assert pilot.app.screen.query_one("#export-kinds").value == "session"

    drive(make_app(), scenario)


def test_x_dialog_buttons_stay_on_screen_at_60x15() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("x")
        dialog = pilot.app.screen
        dialog.query_one("#export-alarms").value = "soon"
        await pilot.press("enter")
        await pilot.pause()
        assert "not a duration" in str(dialog.query_one("#export-error").render())
        box = dialog.query_one(".dialog").content_region
        for button in ("#export-ok", "#export-cancel"):
            region = dialog.query_one(button).region
            assert box.contains_region(region), f"{button} is cut off: {region} not in {box}"

    drive(make_app(), scenario, size=NARROW)
