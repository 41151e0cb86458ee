"""A save that turns a rule red says so, as `docket serve` does: once, when the rule goes
from passing to failing; not at start, not on every reload, and again after a fix and a
new break."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.app.conftest import drive, idle, make_app, until
from tui.app.docket_app import DocketApp

GOOD = "start = 2023-04-11\nend = 2023-04-21"
#: The fifth session a week earlier: 10 weeks 4 days after the fourth (eleven-weeks fails).
BROKEN = "start = 2023-04-04\nend = 2023-04-14"
SAID = "rule eleven-weeks now fails: Fourth session and Fifth session are 10 weeks 4 days apart"
# The move also takes the fifth session off the dates its ten-days waiver was granted for,
# so ten-days fails too: one notification names both.


def rule_notes(app: DocketApp) -> list[str]:
    return [n.message for n in app._notifications if "now fails" in n.message]


async def saved(pilot: Pilot, path: Path, text: str, badge: str) -> None:
    """Write `text`, reload, and wait until its rules are judged (the header's badge)."""
    app = pilot.app
    assert isinstance(app, DocketApp)
    app.clear_notifications()
    path.write_text(text, encoding="utf-8")
    app.main.reload()

    def judged() -> bool:
        reloaded = any(n.message.startswith("Reloaded") for n in app._notifications)
        return idle(app, "load", "rules") and reloaded and app.main.header.rules == badge

    await until(pilot, judged, what=f"the rules judged ({badge})")
    await pilot.pause()


def test_a_rule_that_turns_red_on_a_save_is_said_once(schedule_copy: Path) -> None:
    good = schedule_copy.read_text(encoding="utf-8")
    assert good.count(GOOD) == 1
    broken = good.replace(GOOD, BROKEN)

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        await saved(pilot, schedule_copy, good, "rules: 6 ✓ 0 ✗")
        assert rule_notes(app) == []  # a reload that breaks nothing says nothing of rules
        await saved(pilot, schedule_copy, broken, "rules: 4 ✓ 2 ✗")
        notes = rule_notes(app)
        assert len(notes) == 1 and SAID in notes[0], notes
        (note,) = [n for n in app._notifications if "now fails" in n.message]
        assert note.severity == "error" and note.title == "Rules"
        await saved(pilot, schedule_copy, broken + "\n# still broken\n", "rules: 4 ✓ 2 ✗")
        assert rule_notes(app) == []  # still failing: not said again
        await saved(pilot, schedule_copy, good, "rules: 6 ✓ 0 ✗")
        assert rule_notes(app) == []
        await saved(pilot, schedule_copy, broken, "rules: 4 ✓ 2 ✗")
        assert len(rule_notes(app)) == 1  # broken again after a fix: said again

    drive(make_app(schedule_copy), scenario)


def test_a_schedule_that_starts_with_a_failing_rule_says_it_in_the_badge_only(
    schedule_copy: Path,
) -> None:
    text = schedule_copy.read_text(encoding="utf-8")
    schedule_copy.write_text(text.replace(GOOD, BROKEN), encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        await until(pilot, lambda: app.main.header.rules == "rules: 4 ✓ 2 ✗", what="the badge")
        await pilot.pause()
        assert rule_notes(app) == []
        await saved(pilot, schedule_copy, text.replace(GOOD, BROKEN), "rules: 4 ✓ 2 ✗")
        assert rule_notes(app) == []

    drive(make_app(schedule_copy), scenario)
