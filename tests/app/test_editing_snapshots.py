"""SVG snapshots of a pending move (the fifth session a week earlier, as of 6 Apr 2023):
the ghost bar and sign, the details' "moved 1 week earlier (was …)", the header's
`unsaved:` line with the meeting days, and the rules badge. Each was looked at as a PNG
before being accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import loaded
from tests.app.test_editing import edit_app, select


async def pending_move(pilot: Pilot) -> None:
    await loaded(pilot)
    await select(pilot, "session-5")
    await pilot.press("left_curly_bracket")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize(
    "size", [(120, 40), (200, 60), (60, 15)], ids=["120x40", "200x60", "60x15"]
)
def test_a_pending_move(snap_compare, schedule_copy: Path, size: tuple[int, int]) -> None:
    assert snap_compare(edit_app(schedule_copy), terminal_size=size, run_before=pending_move)
