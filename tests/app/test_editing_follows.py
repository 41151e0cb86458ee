"""The issue's "dates that follow" path in the app: a deadline written as 4 weeks before the
sixth session; moving the session a week with `}` moves the deadline too (one undo step), the
save keeps the deadline's link as written, and its countdown and exported VEVENT follow."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from tests.app.conftest import BUNDLED, drive
from tests.app.test_editing import edit_app, judged, select
from tests.cli.helpers import docket

LINK = 'start = { before = "session-6", weeks = 4 }'
DEADLINE = f"""
[[events]]
id = "submissions-6"
kind = "deadline"
title = "Written submissions due"
{LINK}
"""


def test_moving_the_sixth_session_moves_the_deadline_that_follows(
    tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "plan.toml"
    shutil.copyfile(BUNDLED, path)
    with path.open("a", encoding="utf-8") as file:
        file.write(DEADLINE)
    monkeypatch.chdir(tmp_path)
    app = edit_app(Path("plan.toml"))

    def deadline() -> date:
        schedule = app.main.document.schedule
        assert schedule is not None
        event = schedule.event("submissions-6")
        assert event is not None
        return event.first_day

    async def scenario(pilot: Pilot) -> None:
        assert deadline() == date(2023, 7, 24)  # 4 weeks before 21 Aug 2023
        await select(pilot, "session-6")
        await pilot.press("right_curly_bracket")  # a week later
        await judged(pilot)
        assert deadline() == date(2023, 7, 31)
        await pilot.press("u")  # one undo step takes both back
        await judged(pilot)
        assert deadline() == date(2023, 7, 24)
        await pilot.press("ctrl+r", "ctrl+s")
        await pilot.app.workers.wait_for_complete()

    drive(app, scenario)
    saved = path.read_text(encoding="utf-8")
    assert LINK in saved  # the link as written: the save changed the session's dates only
    assert "start = 2023-08-28" in saved and "end = 2023-09-08" in saved

    exported = docket("export", path, "-o", "-", "--kind", "deadline", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    unfolded = exported.stdout.replace("\r\n ", "")
    block = next(b for b in unfolded.split("BEGIN:VEVENT") if "UID:submissions-6@" in b)
    assert "DTSTART;VALUE=DATE:20230731" in block
    countdown = docket("countdown", path, "--as-of", "2023-07-01", "--json", cwd=tmp_path)
    assert countdown.returncode == 0, countdown.stderr
    assert '"submissions-6"' in countdown.stdout and "2023-07-31" in countdown.stdout
