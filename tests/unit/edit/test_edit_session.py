"""EditSession: edits checked by the loader and the model, undo/redo, conflict-checked save,
rebase, journal; random sequences read back exactly and leave unedited lines alone."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BUNDLED
from tui.core.errors import WriteError
from tui.edit.edits import AddEvent, DeleteEvent, Move, Resize, SetFields, SetStatus
from tui.edit.journal import journal_path, read_journal
from tui.edit.session import Conflict, EditRefused, EditSession
from tui.schedule.loader import load_text

AS_OF = datetime(2023, 1, 1, tzinfo=UTC)
SESSIONS = [f"session-{n}" for n in range(1, 7)]


@pytest.fixture
def plan(tmp_path):
    target = tmp_path / "plan.toml"
    shutil.copy(BUNDLED, target)
    return target


def _full(session):
    return load_text(session.text, str(session.path), source=session.path)


def test_refused_edit_changes_nothing(plan):
    session = EditSession.open(plan)
    before = session.text
    with pytest.raises(EditRefused, match="before `start`"):
        session.apply(Resize("session-5", -30))
    with pytest.raises(EditRefused, match="did you mean"):
        session.apply(Move("sesion-5", 1))
    assert session.text == before and not session.pending and not session.dirty


def test_undo_redo_and_summary(plan):
    session = EditSession.open(plan)
    session.apply(Move("session-5", -7))
    session.apply(SetStatus("session-4", "postponed"))
    assert session.summary(AS_OF) == "unsaved: 1 moved · 1 status changed"
    assert session.undo() == SetStatus("session-4", "postponed")
    assert session.redo() == SetStatus("session-4", "postponed")
    session.undo()
    session.undo()
    assert session.text == session.base_text and session.undo() is None
    session.apply(Move("session-6", 7))
    assert not session.can_redo
    session.save()
    assert plan.read_bytes() == session.text.encode()
    assert not session.pending and not session.dirty


def test_save_conflict_keeps_both_sides(plan):
    session = EditSession.open(plan)
    session.apply(Move("session-6", 7))
    theirs = plan.read_text().replace("Sixth session", "Sixth (theirs)")
    plan.write_text(theirs)
    with pytest.raises(Conflict, match="changed on disk") as raised:
        session.save()
    assert raised.value.disk_text == theirs and plan.read_text() == theirs
    result = session.rebase()
    assert result.applied == (Move("session-6", 7),) and not result.dropped
    session.save()
    saved = load_text(plan.read_text()).schedule.event("session-6")
    assert saved.title == "Sixth (theirs)" and saved.start == date(2023, 8, 28)


def test_outside_write_during_staging_is_a_conflict(plan, monkeypatch):
    session = EditSession.open(plan)
    session.apply(Move("session-6", 7))
    real_fsync = os.fsync

    def racing_fsync(fd):  # an outside write lands while our bytes are being staged
        real_fsync(fd)
        plan.write_text(plan.read_text() + "\n# theirs\n")

    monkeypatch.setattr(os, "fsync", racing_fsync)
    with pytest.raises(Conflict):
        session.save()
    monkeypatch.undo()
    assert plan.read_text().endswith("# theirs\n")
    assert not [p for p in plan.parent.iterdir() if p.name.endswith(".tmp")]


def test_rebase_says_what_no_longer_applies(plan):
    session = EditSession.open(plan)
    session.apply(Move("consultation-5", 1))
    session.apply(Move("session-6", 7))
    text = plan.read_text()
    start = text.index('id = "consultation-5"')
    head = text.rindex("[[events]]", 0, start)
    following = text.index("[[events]]", start)
    plan.write_text(text[:head] + text[following:])
    result = session.rebase()
    assert result.applied == (Move("session-6", 7),)
    assert result.dropped[0][0] == Move("consultation-5", 1)
    assert "no event" in result.dropped[0][1]
    session.take_theirs()
    assert not session.pending and session.text == plan.read_text()


def test_deleted_symlinked_and_read_only_files(plan, tmp_path):
    session = EditSession.open(plan)
    session.apply(Move("session-6", 7))
    plan.unlink()
    with pytest.raises(Conflict, match="deleted"):
        session.save()
    session.save_as(plan)  # nothing there now: written afresh
    assert load_text(plan.read_text()).schedule.event("session-6").start == date(2023, 8, 28)
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text(plan.read_text())
    session.apply(Move("session-6", 7))
    plan.unlink()
    plan.symlink_to(elsewhere)  # the same bytes behind a link: written through it
    session.save()
    assert plan.is_symlink() and "2023-09-04" in elsewhere.read_text()
    plan.unlink()
    shutil.copy(BUNDLED, plan)
    plan.chmod(0o444)
    locked = EditSession.open(plan)
    with pytest.raises(EditRefused, match="read-only"):
        locked.apply(Move("session-6", 7))
    with pytest.raises(WriteError):
        locked.save()


def test_journal_of_a_killed_session_is_offered(plan):
    killed = EditSession.open(plan)
    killed.apply(Move("session-6", 7))
    killed.apply(SetFields.of("session-6", {"title": "x \"\"\" ''' \u202e \x1b"[:-1]}))
    del killed  # never saved
    fresh = EditSession.open(plan)
    journal, problem = fresh.journaled()
    assert problem is None and journal is not None and journal.base == fresh.base_signature
    fresh.replay(journal.edits)
    assert fresh.loaded.schedule.event("session-6").start == date(2023, 8, 28)
    fresh.save()
    assert read_journal(plan) == (None, None)


@pytest.mark.parametrize(
    "content",
    [
        b"{",
        b"[]",
        b'{"format": "docket-edit-journal", "version": 9}',
        b"[" * 5000,
        json.dumps(
            {
                "format": "docket-edit-journal",
                "version": 1,
                "file": "x",
                "base": {"sha256": "0" * 64, "size": 1},
                "edits": [{"type": "Move", "event_id": "a", "days": 10**30}],
            }
        ).encode(),
    ],
)
def test_corrupt_journal_is_set_aside_with_a_warning(plan, content):
    target = journal_path(plan)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.write_bytes(content)
    journal, problem = read_journal(plan)
    assert journal is None and problem is not None and "Traceback" not in problem
    assert not target.exists()


def test_hostile_values_read_back_exactly(plan):
    session = EditSession.open(plan)
    for title in ['a "q" \\ \u202e \u2066 \'\'\' """ end', "x" * 1_000_000, "'lit'"]:
        session.apply(SetFields.of("session-2", {"title": title, "notes": "l1\nl2\t'''"}))
        assert session.loaded.schedule.event("session-2").title == title
    assert "\u202e" not in session.text
    with pytest.raises(EditRefused, match="control character"):
        session.apply(SetFields.of("session-2", {"title": "bad\x1b[31m"}))
    session.save()
    assert load_text(plan.read_bytes()).schedule.event("session-2").title == "'lit'"


ODD = (
    "#:schema ./schedule.schema.json\r\n# top\r\n[schedule] # c\r\nid = 'odd'\r\n"
    'title = "Odd"\r\n\r\n[[events]]\r\n# before id\r\nid = "a" # c\r\nkind = \'session\'\r\n'
    "title = 'A'\r\nstart = 2024-03-04\r\nend = 2024-03-08 # end\r\n\r\n"
    '[[events]]\r\nid = "b"\r\nkind = "meeting"\r\ntitle = "B"\r\n'
    "start = 2024-04-02T10:00:00\r\nend = 2024-04-02T12:00:00"
)
INLINE = (
    '# c\nevents = [\n  { id = "a", kind = "session", '
    'title = "A", start = 2024-03-04, end = 2024-03-08 }, # c\n  { id = "b", kind = '
    '"deadline", title = "B", start = 2024-05-01 },\n]\n[schedule]\nid = "i"\ntitle = "I"\n'
)

# Every kind of warning, some at one value: sessions that overlap (and end on a weekend,
# after the deadline), a consultation at another venue during one, a clock gap, a holiday.
DENSE = (
    '[schedule]\nid = "d"\ntitle = "Dense"\ntimezone = "America/New_York"\n'
    'deadline = "b"\nholidays = [2024-03-06]\n\n'
    '[venues.ny]\nname = "NY"\ntimezone = "America/New_York"\n\n'
    '[venues.vie]\nname = "VIE"\ntimezone = "Europe/Vienna"\n\n'
    '[[events]]\nid = "a"\nkind = "session"\ntitle = "A"\nvenue = "ny"\n'
    "start = 2024-03-02\nend = 2024-03-09\n\n"
    '[[events]]\nid = "session-1"\nkind = "session"\ntitle = "S1"\nvenue = "ny"\n'
    "start = 2024-03-06\nend = 2024-06-01\n\n"
    '[[events]]\nid = "session-2"\nkind = "consultation"\ntitle = "C"\nvenue = "vie"\n'
    "start = 2024-03-05\nend = 2024-03-10\n\n"
    '[[events]]\nid = "session-3"\nkind = "meeting"\ntitle = "M"\n'
    "start = 2024-03-10T02:30:00\nend = 2024-03-10T04:00:00\n\n"
    '[[events]]\nid = "b"\nkind = "deadline"\ntitle = "B"\nstart = 2024-05-04\n'
)

EDITS = st.one_of(
    st.builds(Move, st.sampled_from(["a", "b", *SESSIONS]), st.integers(-30, 30)),
    st.builds(Resize, st.sampled_from(["a", *SESSIONS]), st.integers(-3, 5)),
    st.builds(
        SetStatus,
        st.sampled_from(["a", "b", *SESSIONS]),
        st.sampled_from(["tentative", "postponed", "confirmed"]),
    ),
    st.builds(
        lambda e, t, tags: SetFields.of(e, {"title": t, "tags": tags}),
        st.sampled_from(["a", "b", *SESSIONS]),
        st.text(min_size=1, max_size=20),
        st.sampled_from([(), ("x", "y")]),
    ),
    st.builds(
        lambda e, v, n: SetFields.of(e, {"venue": v, "notes": n}),
        st.sampled_from(["a", "b", *SESSIONS]),
        st.sampled_from(["ny", "vie", "vienna", None]),
        st.sampled_from([None, "one\ntwo\nthree"]),
    ),
    st.builds(lambda t: AddEvent("meeting", t or "n", date(2024, 5, 6)), st.text(max_size=8)),
    st.builds(DeleteEvent, st.sampled_from(["b", "session-3"])),
    st.just("undo"),
    st.just("redo"),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    source=st.sampled_from(["bundled", "odd", "inline", "dense"]),
    steps=st.lists(EDITS, max_size=8),
)
def test_random_edits_read_back_and_keep_other_lines(tmp_path, source, steps):
    target = tmp_path / f"{source}.toml"
    if source == "bundled":
        shutil.copy(BUNDLED, target)
    else:
        target.write_bytes({"odd": ODD, "inline": INLINE, "dense": DENSE}[source].encode())
    original = target.read_bytes().decode()
    session = EditSession.open(target, journal=False)
    for step in steps:
        if step == "undo":
            session.undo()
        elif step == "redo":
            session.redo()
        else:
            try:
                session.apply(step)
            except EditRefused:
                continue
        full = _full(session)
        assert full.schedule == session.loaded.schedule
        assert full.warnings == session.loaded.warnings
        if source == "dense":
            assert len(full.warnings) >= 5  # the kinds of warning the cache must keep right
    expected = session.loaded.schedule
    session.save()
    saved = target.read_bytes().decode()
    assert load_text(saved, source=target).schedule == expected
    kept = [line for line in original.splitlines(True) if line.lstrip().startswith("#")]
    assert all(line in saved.splitlines(True) or not line.endswith("\n") for line in kept)
    assert saved.endswith("\n") == original.endswith("\n") or "[[events]]" in saved[-200:]


def test_warnings_kept_between_edits_follow_the_lines_they_point_at(tmp_path):
    """The warnings' cache against the loader, where it could go wrong: a key removed above
    a warned value in the edited table, lines added above other tables' warnings."""
    target = tmp_path / "dense.toml"
    target.write_text(DENSE, encoding="utf-8")
    session = EditSession.open(target, journal=False)
    steps = [
        Move("a", 7),
        Move("a", -7),  # the warnings' places are known now
        SetFields.of("a", {"venue": None}),  # `a`'s start and end move up a line
        SetFields.of("session-1", {"notes": "n", "tags": ("x",)}),  # two lines above b's
        Resize("session-1", -60),  # no longer after the deadline
        SetStatus("a", "postponed"),  # its warnings and its overlap go
    ]
    for step in steps:
        session.apply(step)
        full = _full(session)
        assert session.loaded.warnings == full.warnings, step
    assert [d.line for d in session.loaded.warnings] == [d.line for d in full.warnings]
    assert not any("`a`" in d.message for d in session.loaded.warnings)
