"""The running app's details panel says where a following date comes from."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.app.conftest import drive, make_app, until
from tests.app.hostile import widget_text
from tests.conftest import BUNDLED
from tui.app.widgets.details import DetailsPanel

SUBMISSIONS = """
[[events]]
id = "written-submissions"
kind = "deadline"
title = "Written submissions due"
start = { before = "session-6", weeks = 4 }
"""


def test_the_details_of_a_following_deadline_name_what_it_follows(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    first_rule = text.index("\n[[rules]]")
    plan = tmp_path / "plan.toml"
    plan.write_text(text[:first_rule] + SUBMISSIONS + text[first_rule:], encoding="utf-8")

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("slash", *"Written submissions", "enter", "home")
        panel = pilot.app.query_one(DetailsPanel)
        await until(
            pilot,
            lambda: "Written submissions due" in widget_text(pilot.app, panel),
            what="the deadline's details",
        )
        shown = widget_text(pilot.app, panel)
        assert "Start 4 weeks before Sixth session opens (Mon 21 Aug 2023)" in shown

    drive(make_app(plan), scenario)
