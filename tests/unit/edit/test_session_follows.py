"""An edit session over dates that follow: moving an anchor moves what follows it, in one
edit (one undo step), and the save changes only the anchor's lines."""

from __future__ import annotations

import difflib
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.edit.test_edit_follows import TEXT
from tui.edit.edits import Move, Resize, SetStatus
from tui.edit.session import EditSession


def _session(tmp_path, text: str = TEXT) -> EditSession:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return EditSession.open(path, journal=False)


def test_moving_the_anchor_moves_its_dependants_in_one_undo_step(tmp_path) -> None:
    session = _session(tmp_path)
    session.apply(Move("session-6", 7))
    schedule = session.loaded.schedule
    assert schedule.event("session-6").start == date(2024, 3, 11)
    assert schedule.event("subs").start == date(2024, 2, 12)  # 4 weeks before, moved with it
    assert schedule.event("report").start == date(2024, 4, 22)  # a month after its new end
    assert session.undo() == Move("session-6", 7)
    assert session.loaded.schedule.event("subs").start == date(2024, 2, 5)
    assert not session.can_undo


def test_the_save_changes_only_the_anchors_lines(tmp_path) -> None:
    session = _session(tmp_path)
    session.apply(Move("session-6", 7))
    session.save()
    saved = (tmp_path / "plan.toml").read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(TEXT.splitlines(), saved.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == [
        "-start = 2024-03-04",
        "-end = 2024-03-15",
        "+start = 2024-03-11",
        "+end = 2024-03-22",
    ]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.builds(
                Move,
                st.sampled_from(["session-6", "subs", "registration", "report"]),
                st.integers(-60, 60),
            ),
            st.builds(Resize, st.sampled_from(["session-6", "registration"]), st.integers(0, 9)),
            st.builds(SetStatus, st.sampled_from(["session-6", "subs"]), st.just("tentative")),
        ),
        max_size=6,
    )
)
def test_any_edits_over_links_read_back_as_the_loader_resolves_them(edits) -> None:
    import tempfile
    from pathlib import Path

    from tui.edit.session import EditRefused
    from tui.schedule.loader import load_text

    with tempfile.TemporaryDirectory() as folder:
        session = _session(Path(folder))
        for edit in edits:
            try:
                session.apply(edit)
            except EditRefused:
                continue  # refused with the loader's message: nothing changed
            again = load_text(session.text).schedule
            assert again.events == session.loaded.schedule.events
            assert set(again.follows) == set(load_text(TEXT).schedule.follows)
