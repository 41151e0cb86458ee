"""SVG snapshots of what a planner sees, at 120x40 and 60x15 (the week zoom, the
countdowns dashboard and the month view at 200x60 too), as of 6 Sep 2022 10:00 New York,
with the details panel's "your zone" set to Vienna. Each SVG was opened and checked by eye
before being accepted (see tests/app/__snapshots__/)."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot

from tests.app.conftest import NARROW, WIDE, filled, loaded, make_app, until
from tests.app.hostile import widget_text
from tests.conftest import BUNDLED
from tui.app.widgets.countdowns import CountdownsDashboard
from tui.app.widgets.status_bars import ErrorBar

SIZES = pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "60x15"])
HUGE = (200, 60)


async def settle(pilot: Pilot) -> None:
    await loaded(pilot)


async def drawn(pilot: Pilot, selector: str, text: str) -> None:
    """Wait until the widget `selector` shows `text` on screen: its state is drawn (rows
    from a worker, a heading from a message), so the snapshot that follows has it."""
    app = pilot.app

    def showing() -> bool:
        found = app.screen.query(selector)
        return bool(found) and text in widget_text(app, found.first())  # type: ignore[arg-type]

    await until(pilot, showing, what=f"{text!r} in {selector}")


@pytest.mark.parametrize("size", [WIDE, HUGE, NARROW], ids=["120x40", "200x60", "60x15"])
def test_timeline(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@SIZES
def test_timeline_zoomed_to_a_quarter(snap_compare, size) -> None:
    assert snap_compare(make_app(), press=["plus", "plus"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [WIDE, HUGE, NARROW], ids=["120x40", "200x60", "60x15"])
def test_week_zoom(snap_compare, size) -> None:
    # The third session's second week, as of its sixth day: nothing on Saturday 3, Sunday 4
    # and Monday 5 September (Labor Day), two meeting blocks a day from Tuesday 6.
    press = ["plus", "plus", "plus", "plus", "t"]
    assert snap_compare(make_app(), press=press, terminal_size=size, run_before=settle)


def test_header_names_the_next_session(snap_compare) -> None:
    between = datetime(2022, 9, 20, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    assert snap_compare(make_app(as_of=between), terminal_size=WIDE, run_before=settle)


@SIZES
def test_details(snap_compare, size) -> None:
    # The first session's details (two rows up from the third), opened with enter.
    assert snap_compare(
        make_app(), press=["home", "j", "j", "j", "enter"], terminal_size=size, run_before=settle
    )


@SIZES
def test_agenda(snap_compare, size) -> None:
    async def before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("2")
        await drawn(pilot, "AgendaTable", "2021-05-10 Organizational")

    assert snap_compare(make_app(), terminal_size=size, run_before=before)


#: The dashboard and the month view are also checked on a big terminal.
THREE_SIZES = pytest.mark.parametrize(
    "size", [WIDE, (200, 60), NARROW], ids=["120x40", "200x60", "60x15"]
)


@THREE_SIZES
def test_countdowns(snap_compare, size) -> None:
    """The dashboard: a card per deadline, bars from the schedule's start to the deadline."""

    async def before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await filled(pilot, CountdownsDashboard)
        await drawn(pilot, "CountdownsDashboard", "◆ Draft convention due")

    assert snap_compare(make_app(), terminal_size=size, run_before=before)


@THREE_SIZES
def test_month(snap_compare, size) -> None:
    """September 2022 on the as-of day, Labor Day (5 Sep) a holiday at the New York venue."""

    async def before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("4")
        await drawn(pilot, "MonthGrid", "September 2022")
        await drawn(pilot, "#month-day-title", "Tuesday 6 September 2022 ▼ as of")
        await drawn(pilot, "#month-day-list", "Third session · day 6 of 9")

    assert snap_compare(make_app(), terminal_size=size, run_before=before)


def test_month_on_labor_day(snap_compare) -> None:
    async def before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("4")
        await drawn(pilot, "MonthGrid", "September 2022")
        await pilot.press("left")
        await drawn(pilot, "#month-day-title", "Monday 5 September 2022")

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=before)


def test_rules(snap_compare) -> None:
    """The rules view: the bundled schedule's six rules, five pass and one waived."""

    async def before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("5")
        await drawn(pilot, "RulesView", "6 rules: 5 pass, 1 waived, 0 fail")

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=before)


def test_export_dialog_from_a_filter(snap_compare) -> None:
    async def before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"kind:session venue:vienna", "enter", "x")
        await until(pilot, lambda: pilot.app.screen.query("#export-path"))
        pilot.app.screen.query_one("#export-path").value = "ahc-2022-2024.ics"

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=before)


@SIZES
def test_help(snap_compare, size) -> None:
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=size, run_before=settle)


@SIZES
def test_filter(snap_compare, size) -> None:
    assert snap_compare(
        make_app(),
        press=["slash", *"kind:session", "enter"],
        terminal_size=size,
        run_before=settle,
    )


@SIZES
def test_invalid_reload(snap_compare, size, schedule_copy: Path) -> None:
    original = schedule_copy.read_text(encoding="utf-8")

    async def before(pilot: Pilot) -> None:
        await settle(pilot)  # the watcher starts from what this load read: save at once
        broken = original.replace('id = "session-3"', 'id = "session-3"\nstrat = 2022-08-29')
        fresh = schedule_copy.with_suffix(".tmp")
        fresh.write_text(broken, encoding="utf-8")
        os.replace(fresh, schedule_copy)
        bar = pilot.app.query_one(ErrorBar)
        await until(pilot, lambda: bar.display, what="the error bar")
        await drawn(pilot, "ErrorBar", "unknown key `strat`")

    assert snap_compare(make_app(schedule_copy, watch=True), terminal_size=size, run_before=before)


def test_light_theme(snap_compare) -> None:
    assert snap_compare(make_app(theme="textual-light"), terminal_size=WIDE, run_before=settle)


def test_export_dialog(snap_compare) -> None:
    async def before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("x")
        pilot.app.screen.query_one("#export-path").value = "ahc-2022-2024.ics"

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=before)


@THREE_SIZES
def test_baseline(snap_compare, size, tmp_path, monkeypatch) -> None:
    """Against the bundled schedule as its baseline, a copy with the fourth session two weeks
    later (its old dates a ghost bar ▁, `~`) and the fifth postponed (`*`), at the quarter
    zoom with the fourth session selected: the details say what moved, the header's fourth
    line what changed and how the headline numbers moved."""
    from tests.app.test_baseline_view import moved_and_postponed

    monkeypatch.chdir(tmp_path)
    shutil.copyfile(BUNDLED, "plan.toml")
    moved = Path("moved.toml")
    moved.write_text(moved_and_postponed(BUNDLED.read_text(encoding="utf-8")), encoding="utf-8")
    app = make_app(moved, baseline="plan.toml")
    press = ["right_square_bracket", "plus", "plus"]
    assert snap_compare(app, press=press, terminal_size=size, run_before=settle)


def test_rule_fault(snap_compare, tmp_path, monkeypatch) -> None:
    """The fifth session a week earlier: the 11-week rule fails, and its row ends with ✗."""
    monkeypatch.chdir(tmp_path)
    text = BUNDLED.read_text(encoding="utf-8")
    fifth = "start = 2023-04-11\nend = 2023-04-21"
    early = text.replace(fifth, "start = 2023-04-04\nend = 2023-04-14")
    Path("early.toml").write_text(early, encoding="utf-8")

    async def before(pilot: Pilot) -> None:
        await settle(pilot)
        await until(pilot, lambda: pilot.app.main.rule_faults)
        await drawn(pilot, "Timeline", "Fifth session ✗")
        await drawn(pilot, "DocketHeader", "rules: 4 ✓ 2 ✗")

    assert snap_compare(make_app(Path("early.toml")), terminal_size=WIDE, run_before=before)
