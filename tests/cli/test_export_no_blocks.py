"""`docket export --no-blocks`: one calendar entry per event, for a planner who wants the
dates only; read by an independent parser, and imported back with its meeting hours."""

from __future__ import annotations

from pathlib import Path

from ical.calendar_stream import IcsCalendarStream

from tests.cli.helpers import assert_no_traceback, docket
from tests.conftest import BUNDLED, bundled
from tests.ical_rules import assert_ical_rules
from tui.schedule.loader import load_path


def test_one_entry_per_event_and_the_hours_come_back_on_import(tmp_path: Path) -> None:
    out, back = tmp_path / "dates.ics", tmp_path / "back.toml"
    result = docket("export", BUNDLED, "--no-blocks", "--as-of", "2023-01-01", "-o", out)
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    schedule = bundled().schedule
    data = out.read_bytes()
    assert data.count(b"BEGIN:VEVENT") == len(schedule.events)
    assert_ical_rules(data)
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    fifth = next(e for e in calendar.events if e.summary == "Fifth session")
    assert (str(fifth.dtstart), str(fifth.dtend)) == ("2023-04-11", "2023-04-22")  # all day
    blocks = docket("export", BUNDLED, "--as-of", "2023-01-01", "-o", "-").stdout
    assert blocks.count("BEGIN:VEVENT") > len(schedule.events)  # the default: every block
    imported = docket("import", out, "-o", back)
    assert imported.returncode == 0, imported.stderr
    again = {e.id: e for e in load_path(back).schedule.events}
    for event in schedule.events:
        assert again[event.id].hours == event.hours, event.id
