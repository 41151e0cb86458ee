"""The rules view (5) and the header's rules badge: the bundled schedule's six rules with
their statuses, a live edit that breaks one, and a schedule without rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.app.conftest import drive, make_app, until
from tui.app.widgets.header import DocketHeader
from tui.app.widgets.rules import RulesView

BUNDLED_RULES = {
    "six-sessions": "✓ pass",
    "ten-days": "~ waived",
    "eleven-weeks": "✓ pass",
    "vienna-and-new-york": "✓ pass",
    "concluding-in-new-york": "✓ pass",
    "draft-by-ga78": "✓ pass",
}


def view_of(pilot: Pilot) -> RulesView:
    return pilot.app.query_one(RulesView)


def status_line(view: RulesView, rule_id: str) -> str:
    """The head line of a rule (mark, severity, title · id)."""
    for line in view.plain.splitlines():
        if line.rstrip().endswith(f"· {rule_id}"):
            return line
    raise AssertionError(f"no line for rule {rule_id} in:\n{view.plain}")


def test_the_view_lists_the_six_bundled_rules_with_their_statuses() -> None:
    async def scenario(pilot: Pilot) -> None:
        key = pilot.app.active_bindings["5"]  # what the footer and `?` list
        assert key.binding.description == "Rules" and key.enabled
        await pilot.press("5")
        await until(pilot, lambda: pilot.app.query(RulesView) and view_of(pilot).filled)
        await pilot.pause()
        view = view_of(pilot)
        assert view.has_focus and view.display
        text = " ".join(view.plain.split())  # wrapped lines joined again
        assert "6 rules: 5 pass, 1 waived, 0 fail" in text
        for rule_id, mark in BUNDLED_RULES.items():
            assert status_line(view, rule_id).lstrip().startswith(mark)
        # The explanation, the waivers with their reasons, the source and its url.
        assert "First session and Second session are 11 weeks 3 days apart" in text
        assert "waiver for session-3: 29 Aug - 9 Sep 2022 with Monday 5 September" in text
        assert "source: GA resolution 75/282 (26 May 2021)" in text
        assert "https://www.un.org/en/ga/78/" in text
        header = pilot.app.query_one(DocketHeader)
        assert header.rules == "rules: 6 ✓ 0 ✗" and not header.rules_failing
        assert header.view == "rules"

    drive(make_app(), scenario)


def test_a_saved_edit_that_breaks_a_rule_shows_within_a_second(schedule_copy: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        await pilot.press("5")
        await until(pilot, lambda: pilot.app.query(RulesView) and view_of(pilot).filled)
        header = pilot.app.query_one(DocketHeader)
        assert header.rules == "rules: 6 ✓ 0 ✗"
        text = schedule_copy.read_text(encoding="utf-8")
        old = "start = 2023-04-11\nend = 2023-04-21"
        assert text.count(old) == 1
        schedule_copy.write_text(
            text.replace(old, "start = 2023-04-04\nend = 2023-04-14"), encoding="utf-8"
        )
        # Waited for, not timed: the suite must not depend on the machine's speed.
        await until(
            pilot,
            lambda: status_line(view_of(pilot), "eleven-weeks").lstrip().startswith("✗ fail"),
            timeout=30,
            what="eleven-weeks to fail",
        )
        plain = " ".join(view_of(pilot).plain.split())
        assert "Fourth session and Fifth session are 10 weeks 4 days apart" in plain
        assert "(3 days short)" in plain
        # ten-days fails too: its waiver for the fifth session was granted for 11-21 Apr.
        assert header.rules == "rules: 4 ✓ 2 ✗" and header.rules_failing
        # Red: the failing rule's mark and the badge have the error styles.
        assert view_of(pilot).get_component_rich_style("rules--fail").color is not None
        schedule_copy.write_text(text, encoding="utf-8")  # fixed again: back to green
        await until(pilot, lambda: header.rules == "rules: 6 ✓ 0 ✗", timeout=30)
        assert not header.rules_failing

    drive(make_app(schedule_copy, watch=True), scenario)


def test_a_schedule_without_rules_shows_how_to_add_them(tmp_path: Path) -> None:
    path = tmp_path / "plain.toml"
    path.write_text(
        '[schedule]\nid = "plain"\ntitle = "Plain"\n\n[[events]]\nid = "a"\n'
        'kind = "meeting"\ntitle = "A meeting"\nstart = 2022-09-07\n',
        encoding="utf-8",
    )

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("5")
        await until(pilot, lambda: pilot.app.query(RulesView) and view_of(pilot).filled)
        assert view_of(pilot).plain.lstrip().startswith("No rules in this schedule. Add [[rules]]")
        assert pilot.app.query_one(DocketHeader).rules == ""

    drive(make_app(path), scenario)


def test_the_timeline_marks_the_events_a_failing_rule_blames(schedule_copy: Path) -> None:
    """The fifth session a week earlier: the gap rule blames it (the later of the two), so
    its row ends its title with ✗, its details say why, and the agenda marks it too."""
    from tests.app.hostile import screen_text, widget_text
    from tui.app.widgets.agenda import AgendaTable
    from tui.app.widgets.details import DetailsPanel
    from tui.app.widgets.timeline import Timeline

    def row_line(pilot: Pilot, title: str) -> str:
        found = [line for line in screen_text(pilot.app).splitlines() if f"█ {title}" in line]
        assert found, screen_text(pilot.app)
        return found[0]

    async def scenario(pilot: Pilot) -> None:
        timeline = pilot.app.query_one(Timeline)
        title_column = timeline.columns[0]
        assert "✗" not in row_line(pilot, "Fifth session") and not timeline.faults
        text = schedule_copy.read_text(encoding="utf-8")
        old = "start = 2023-04-11\nend = 2023-04-21"
        schedule_copy.write_text(
            text.replace(old, "start = 2023-04-04\nend = 2023-04-14"), encoding="utf-8"
        )
        await until(
            pilot, lambda: "✗" in row_line(pilot, "Fifth session"), timeout=30, what="the ✗"
        )
        line = row_line(pilot, "Fifth session")
        assert line.index("✗") == title_column - 2  # the end of the title column
        assert "✗" not in row_line(pilot, "Fourth session")  # the rule blames the later one
        assert timeline.faults == frozenset({"session-5"})
        timeline.select_event("session-5")
        await pilot.pause()
        said = widget_text(pilot.app, pilot.app.query_one(DetailsPanel))
        assert "✗ eleven-weeks: Fourth session and Fifth session are 10 weeks 4 days apart" in (
            said
        ), said
        await pilot.press("2")
        table = await _agenda(pilot, AgendaTable)
        title = str(table.get_row("session-5")[1])
        assert title == "Fifth session ✗"
        schedule_copy.write_text(text, encoding="utf-8")  # fixed: the mark goes
        await until(pilot, lambda: not timeline.faults, timeout=5)
        await pilot.press("1")
        assert "✗" not in row_line(pilot, "Fifth session")

    drive(make_app(schedule_copy, watch=True), scenario)


async def _agenda(pilot: Pilot, table_type: type) -> Any:
    def filled() -> object:
        return pilot.app.query(table_type) and pilot.app.query_one(table_type).row_count

    await until(pilot, filled)
    return pilot.app.query_one(table_type)
