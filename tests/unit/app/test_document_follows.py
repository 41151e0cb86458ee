"""The details panel says where a following date comes from, and follows its anchor."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conftest import BUNDLED
from tui.app.config import AppConfig
from tui.app.document import Document
from tui.app.loading import Prepared
from tui.app.timeline.rows import TimelineRows
from tui.schedule.loader import load_text

AS_OF = datetime(2023, 6, 1, 10, 0, tzinfo=ZoneInfo("America/New_York"))
SUBMISSIONS = """
[[events]]
id = "written-submissions"
kind = "deadline"
title = "Written submissions due"
start = { before = "session-6", weeks = 4 }

[[events]]
id = "reminder"
kind = "milestone"
title = "Reminder to delegations"
start = { before = "written-submissions", working_days = 5 }
"""
TEXT = BUNDLED.read_text(encoding="utf-8")
# Inserted before the first [[rules]] table, so the new tables are [[events]].
FIRST_RULE = TEXT.index("\n[[rules]]")
WITH = TEXT[:FIRST_RULE] + SUBMISSIONS.lstrip() + "\n" + TEXT[FIRST_RULE:]


def _facts(text: str, event_id: str) -> dict[str, str]:
    loaded = load_text(text, "plan.toml")
    doc = Document(AppConfig(BUNDLED, tick=False, as_of=AS_OF, viewer_zone=ZoneInfo("UTC")))
    doc.replace(Prepared(loaded, TimelineRows(loaded.schedule)))
    doc.select(event_id)
    details = doc.details()
    assert details is not None
    return {fact.label: fact.value for fact in details.facts if fact.label}


def test_the_details_say_what_a_date_follows_and_the_chain_below_it() -> None:
    loaded = load_text(WITH, "plan.toml")
    doc = Document(AppConfig(BUNDLED, tick=False, as_of=AS_OF, viewer_zone=ZoneInfo("UTC")))
    doc.replace(Prepared(loaded, TimelineRows(loaded.schedule)))
    doc.select("reminder")
    details = doc.details()
    assert details is not None
    lines = [(fact.label, fact.value) for fact in details.facts]
    start = lines.index(
        ("Start", "5 working days before Written submissions due (Mon 24 Jul 2023)")
    )
    assert lines[start + 1] == ("", "which is 4 weeks before Sixth session opens (Mon 21 Aug 2023)")


def test_moving_the_anchor_moves_the_dependant_and_its_countdown() -> None:
    moved = WITH.replace(
        "start = 2023-08-21\nend = 2023-09-01", "start = 2023-08-28\nend = 2023-09-08"
    )
    assert moved != WITH
    before, after = _facts(WITH, "written-submissions"), _facts(moved, "written-submissions")
    assert "Mon 24 Jul 2023" in before["When"]
    assert "Mon 31 Jul 2023" in after["When"]
    assert after["Start"] == "4 weeks before Sixth session opens (Mon 28 Aug 2023)"
    assert before["Countdown"] != after["Countdown"]
