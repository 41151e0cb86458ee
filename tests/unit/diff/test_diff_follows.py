"""`docket diff` says why a following date moved, and only when it moved on another's account."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tui.diff.compare import compare
from tui.diff.report import event_sentence
from tui.schedule.loader import load_text

AS_OF = datetime(2024, 1, 1, tzinfo=ZoneInfo("UTC"))
TEXT = """\
[schedule]
id = "p"
title = "P"

[[events]]
id = "session-6"
kind = "session"
title = "Sixth session"
start = 2024-03-04
end = 2024-03-15

[[events]]
id = "subs"
kind = "deadline"
title = "Written submissions due"
start = { before = "session-6", weeks = 4 }

[[events]]
id = "reminder"
kind = "milestone"
title = "Reminder"
start = { before = "subs", days = 7 }
"""
MOVED = TEXT.replace("start = 2024-03-04\nend = 2024-03-15", "start = 2024-03-11\nend = 2024-03-22")


def _sentences(old: str, new: str) -> dict[str, str]:
    diff = compare(load_text(old).schedule, load_text(new).schedule, AS_OF)
    return {item.id: event_sentence(item, change) for item, change in diff.event_changes()}


def test_a_dependant_moved_by_its_anchor_says_so_down_the_chain() -> None:
    said = _sentences(TEXT, MOVED)
    assert said["session-6"].startswith("Sixth session (session-6) moved 1 week later:")
    assert said["subs"].startswith(
        "Written submissions due (subs) moved 1 week later because Sixth session moved: "
        "5 Feb 2024 → 12 Feb 2024"
    )
    assert said["reminder"].startswith(
        "Reminder (reminder) moved 1 week later because Sixth session moved"
    )


def test_a_dependant_whose_own_offset_changed_moved_on_its_own() -> None:
    new = TEXT.replace("weeks = 4", "weeks = 5")
    said = _sentences(TEXT, new)
    assert "because" not in said["subs"]
    assert said["reminder"].startswith(
        "Reminder (reminder) moved 1 week earlier because Written submissions due moved"
    )


def test_a_date_made_fixed_where_it_followed_gives_no_cause() -> None:
    new = MOVED.replace('start = { before = "session-6", weeks = 4 }', "start = 2024-02-12")
    assert "because" not in _sentences(TEXT, new)["subs"]


def test_the_phrase_the_app_shows_has_the_cause() -> None:
    diff = compare(load_text(TEXT).schedule, load_text(MOVED).schedule, AS_OF)
    assert diff["subs"].phrase() == (
        "moved 1 week later because Sixth session moved (was 5 Feb 2024)"
    )
