"""The timeline's rows after an edit of one event (`TimelineRows.following`, which makes
only the edited row again) equal the rows made afresh, for any sequence of edits."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BUNDLED
from tui.app.timeline.rows import TimelineRows
from tui.edit.edits import Move, Resize, SetStatus
from tui.edit.session import EditRefused, EditSession

SESSION = EditSession.open(BUNDLED, read_only=False, journal=False)
IDS = [event.id for event in SESSION.base_loaded.schedule.events]

edits = st.one_of(
    st.builds(Move, st.sampled_from(IDS), st.integers(-400, 400)),
    st.builds(Resize, st.sampled_from(IDS), st.integers(-20, 20)),
    st.builds(SetStatus, st.sampled_from(IDS), st.sampled_from(["tentative", "cancelled"])),
)


def same(made: TimelineRows, fresh: TimelineRows) -> None:
    assert made.all == fresh.all
    assert (made.first, made.last, made.widths) == (fresh.first, fresh.last, fresh.widths)
    assert made.schedule is fresh.schedule


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(edits, st.just("undo")), min_size=1, max_size=8))
def test_rows_after_edits_equal_a_full_rebuild(steps: list[object]) -> None:
    session = EditSession(SESSION.path, SESSION.base_loaded, SESSION.base_signature, False)
    rows = TimelineRows(session.loaded.schedule)
    for step in steps:
        if step == "undo":
            session.undo()
        else:
            try:
                session.apply(step)  # type: ignore[arg-type]
            except EditRefused:
                continue
        schedule = session.loaded.schedule
        rows = TimelineRows.following(rows, schedule)
        same(rows, TimelineRows(schedule))


def test_a_new_title_or_a_second_change_builds_every_row() -> None:
    session = EditSession(SESSION.path, SESSION.base_loaded, SESSION.base_signature, False)
    rows = TimelineRows(session.loaded.schedule)
    assert TimelineRows.following(rows, session.loaded.schedule) is rows
    session.apply(Move("session-5", 3))
    session.apply(Move("session-6", 3))
    assert TimelineRows.after_edit(rows, session.loaded.schedule) is None  # two changed
