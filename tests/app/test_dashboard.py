"""The countdowns dashboard (3) and the export dialog started from the filter."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import AS_OF, burst, drive, filled, make_app, until
from tui.app.export_prefill import prefill
from tui.app.filtering import parse_filter
from tui.app.month.dashboard import card_lines, cards, right_width
from tui.app.screens.export import ExportScreen
from tui.app.widgets.countdowns import CountdownsDashboard
from tui.core.countdown import countdown_for, countdowns
from tui.core.selection import EventSelection


def test_cards_take_every_number_from_the_countdown(schedule) -> None:
    all_cards = cards(schedule, countdowns(schedule, AS_OF), schedule.deadline)
    first = all_cards[0]
    assert first.headline and first.countdown.event.id == "ga78-close"
    assert first.countdown == countdown_for(schedule, first.countdown.event, AS_OF)
    start = datetime.combine(date_of_first_event(schedule), time(0), schedule.zone)
    total = countdown_for(schedule, first.countdown.event, start)
    assert first.sessions_done + first.countdown.sessions_left == total.sessions_left
    assert (first.sessions_done, first.countdown.sessions_left) == (3, 6)
    assert (first.meeting_days_used, first.countdown.meeting_days_left) == (28, 53)
    assert 0 < first.elapsed < 1


def date_of_first_event(schedule):
    return min(event.first_day for event in schedule.events)


@pytest.mark.parametrize("width", [59, 119, 199])
def test_card_lines_fit_and_never_cut_a_word(schedule, width: int) -> None:
    all_cards = cards(schedule, countdowns(schedule, AS_OF), schedule.deadline)
    right = right_width(all_cards)
    for card in all_cards:
        lines = card_lines(card, width, right)
        texts = ["".join(text for text, _ in line) for line in lines]
        assert all(len(text) <= width for text in texts)
        joined = "\n".join(texts)
        assert card.countdown.phrase in joined  # whole: "in 1 year 11 months 2 days"
        assert "●" * card.sessions_done + "○" * card.countdown.sessions_left in joined
        assert texts[1].rstrip().endswith(card.countdown.phrase)  # right-aligned
        title = texts[0].strip()
        assert title.endswith("…") or title.endswith(card.countdown.event.title)
        if title.endswith("…"):
            assert card.countdown.event.title.startswith(title[2:-1] + " ")  # whole words


def test_dashboard_shows_a_card_per_deadline_and_enter_goes_to_the_timeline() -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("3")
        dashboard = await filled(pilot, CountdownsDashboard)  # type: ignore[arg-type]
        assert isinstance(dashboard, CountdownsDashboard) and dashboard.has_focus
        assert dashboard.row_count == 4 and dashboard.selected_id == "ga78-close"
        text = "\n".join(
            "".join(s.text for s in dashboard.render_line(y)) for y in range(dashboard.size.height)
        )
        assert "in 2 years 4 days" in text and "●●○○○○ " in text and "Meeting days" in text
        assert "Substantive" in text and "2 done" in text
        await pilot.press("j")
        assert dashboard.selected_id != "ga78-close"
        chosen = dashboard.selected_id
        await pilot.press("enter")
        assert pilot.app.main.view == "timeline" and pilot.app.main.selected_id == chosen

    drive(make_app(), scenario)


# --- export from the filter -----------------------------------------------------------------


def test_prefill_resolves_the_filter_against_the_schedule(schedule) -> None:
    shown = [e for e in schedule.events if parse_filter("kind:sess venue:vien").matches(e)]
    start = prefill(parse_filter("kind:sess venue:vien tag:subst"), schedule, shown)
    assert start.texts == {"kinds": "session", "venues": "vienna", "tags": "substantive"}
    assert start.ids is None
    words = prefill(parse_filter("fifth"), schedule, shown[:1])
    assert words.ids == {shown[0].id} and "exactly the 1 event" in words.note


def test_a_filtered_selection_keeps_to_the_events_shown(schedule) -> None:
    selection = EventSelection(kinds=("session",), ids=frozenset({"session-3", "ga78-close"}))
    assert [e.id for e in selection.select(schedule)] == ["session-3"]


def test_the_export_dialog_starts_from_the_filter(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("slash", *"kind:session venue:vienna", "enter")
        await burst(pilot, "x")
        await until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
        dialog = pilot.app.screen
        assert dialog.query_one("#export-kinds").value == "session"
        assert dialog.query_one("#export-venues").value == "vienna"
        assert "kind:session venue:vienna" in str(dialog.query_one("#export-note").render())
        await pilot.press("escape")
        await pilot.press("escape", "slash", *"fifth", "enter")
        await burst(pilot, "x")
        await until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
        dialog = pilot.app.screen
        assert "exactly the 1 event" in str(dialog.query_one("#export-note").render())
        dialog.query_one("#export-path").value = str(tmp_path / "fifth.ics")
        await pilot.press("enter")
        await until(pilot, lambda: (tmp_path / "fifth.ics").exists(), what="the export")
        data = (tmp_path / "fifth.ics").read_bytes()
        assert data.count(b"BEGIN:VEVENT") >= 1 and b"Fifth session" in data
        assert b"Sixth session" not in data

    drive(make_app(), scenario)


def test_an_export_of_nothing_says_why_it_is_empty(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        await burst(pilot, "x")
        await until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
        dialog = pilot.app.screen
        dialog.query_one("#export-path").value = str(tmp_path / "none.ics")
        dialog.query_one("#export-start").value = "2030-01-01"
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app._notifications, what="the notification")
        (note,) = [n for n in pilot.app._notifications if n.title == "Export"]
        assert "no events match the filters: wrote an empty calendar" in note.message
        assert (tmp_path / "none.ics").exists()

    drive(make_app(), scenario)


def test_sessions_line_counts_what_the_mandate_counts(schedule) -> None:
    """As of 1 June 2023 the mandate's six substantive sessions stand at five held and one
    to come: the 2021 organizational session and the concluding one are not among them."""
    as_of = datetime(2023, 6, 1, 12, 0, tzinfo=schedule.zone)
    headline = cards(schedule, countdowns(schedule, as_of), schedule.deadline, as_of)[0]
    assert headline.sessions_label == "Substantive"
    assert (headline.sessions_done, headline.sessions_left) == (5, 1)
    # Every session still counts for what is left before the deadline, as `docket countdown`.
    assert headline.countdown.sessions_left == 3
    texts = ["".join(text for text, _ in line) for line in card_lines(headline, 119, 40)]
    line = next(t for t in texts if "Substantive" in t)
    assert "●●●●●○" in line and "5 done" in line and "1 left" in line


def test_without_a_count_rule_every_session_counts(schedule) -> None:
    from dataclasses import replace

    bare = replace(schedule, rules=())
    as_of = datetime(2023, 6, 1, 12, 0, tzinfo=schedule.zone)
    headline = cards(bare, countdowns(bare, as_of), bare.deadline, as_of)[0]
    assert headline.sessions_label == "Sessions"
    assert (headline.sessions_done, headline.sessions_left) == (6, 3)
