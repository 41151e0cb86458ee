"""The timeline keeps each drawn line with the row and marks it was drawn from, so an edit
redraws only the lines that changed: after any edit, undo, selection or resize, every line
on screen is the line drawn afresh."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.app.conftest import drive
from tests.app.test_editing import edit_app, judged, select
from tui.app.widgets.timeline import Timeline

STEPS = [
    "right_square_bracket",
    "right_square_bracket",
    "right_curly_bracket",
    "u",
    "greater_than_sign",
    "ctrl+r",
    "j",
    "left_square_bracket",
    "k",
    "less_than_sign",
    "u",
    "u",
]


def drawn(timeline: Timeline) -> list[list[tuple[str, object]]]:
    """Every line of the timeline as (text, style) runs, as the compositor gets them."""
    return [
        [(segment.text, segment.style) for segment in timeline.render_line(y)]
        for y in range(timeline.size.height)
    ]


def afresh(timeline: Timeline) -> list[list[tuple[str, object]]]:
    timeline._lines.clear()
    timeline._axis = None
    timeline._background = None
    return drawn(timeline)


def test_every_kept_line_is_the_line_drawn_afresh(schedule_copy: Path) -> None:
    app = edit_app(schedule_copy)

    async def scenario(pilot: Pilot) -> None:
        timeline = app.main.timeline
        await judged(pilot)
        await select(pilot, "session-5")
        drawn(timeline)  # the caches filled before the first edit
        for step in STEPS:
            await pilot.press(step)
            await judged(pilot)
            kept = drawn(timeline)
            assert kept == afresh(timeline), f"after {step}"
        await pilot.resize_terminal(120, 36)  # a new height alone keeps the lines
        await pilot.pause()
        kept = drawn(timeline)
        assert kept == afresh(timeline), "after a resize"
        assert app.main.pending_edits  # the steps made edits: the marks were drawn

    drive(app, scenario)
