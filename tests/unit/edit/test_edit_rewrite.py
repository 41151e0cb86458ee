"""The edit operations rewrite only what they change (tui.edit.edits over the bundled file)."""

from __future__ import annotations

import difflib
from datetime import date

import pytest

from tui.core.errors import ScheduleError
from tui.edit.edits import AddEvent, DeleteEvent, Move, Resize, SetFields, SetStatus
from tui.edit.spans import EditError, apply_splices
from tui.schedule.loader import load_path, load_text
from tui.schedule.peek import bundled_schedule_path


def _changed_lines(old: str, new: str) -> int:
    diff = difflib.unified_diff(old.splitlines(True), new.splitlines(True), n=0)
    return sum(1 for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))


@pytest.fixture(scope="module")
def bundled():
    return load_path(bundled_schedule_path())


def test_move_changes_only_start_and_end(bundled):
    new, inverse = apply_splices(bundled.text, Move("session-5", -7).splices(bundled.text, bundled))
    assert _changed_lines(bundled.text, new) == 4  # two lines out, two in
    moved = load_text(new).schedule.event("session-5")
    assert moved.start == date(2023, 4, 4) and moved.end == date(2023, 4, 14)
    assert apply_splices(new, inverse)[0] == bundled.text


@pytest.mark.parametrize(
    "edit",
    [
        Resize("session-5", 1),
        SetStatus("session-5", "tentative"),
        SetFields.of("session-5", {"title": 'say """hi""" \u202e', "notes": None}),
        AddEvent("meeting", "New one", date(2023, 5, 2)),
        DeleteEvent("consultation-5"),
    ],
)
def test_each_edit_gives_a_valid_schedule_and_undoes_exactly(bundled, edit):
    new, inverse = apply_splices(bundled.text, edit.splices(bundled.text, bundled))
    load_text(new)
    assert apply_splices(new, inverse)[0] == bundled.text


def test_hostile_title_reads_back_exactly(bundled):
    title = 'a "quoted" \\ back \u202e \'\'\' """ end'
    edit = SetFields.of("session-5", {"title": title})
    new, _ = apply_splices(bundled.text, edit.splices(bundled.text, bundled))
    assert load_text(new).schedule.event("session-5").title == title
    assert "\u202e" not in new
    escape = SetFields.of("session-5", {"title": "x\x1b[31m"})
    new, _ = apply_splices(bundled.text, escape.splices(bundled.text, bundled))
    assert "\x1b" not in new
    with pytest.raises(ScheduleError, match="control character"):
        load_text(new)


def test_unknown_event_suggests(bundled):
    with pytest.raises(EditError, match="did you mean"):
        Move("sesion-5", 1).splices(bundled.text, bundled)


def test_end_before_start_is_refused_by_the_loader(bundled):
    new, _ = apply_splices(bundled.text, Resize("session-5", -30).splices(bundled.text, bundled))
    with pytest.raises(ScheduleError):
        load_text(new)


def test_crlf_and_odd_spellings_keep_their_style():
    text = (
        "[schedule]\r\nid = \"x\"\r\ntitle = 'T'\r\n\r\n"
        "[[events]] # c\r\nid = 'e'\r\nkind = \"meeting\"\r\ntitle = 'Lit'\r\n"
        "start = 2024-03-05 10:00:00+01:00 # keep\r\nend = 2024-03-05T12:00:00+01:00\r\n"
    )
    loaded = load_text(text)
    new, _ = apply_splices(text, Move("e", 1).splices(text, loaded))
    assert "start = 2024-03-06 10:00:00+01:00 # keep\r\n" in new
    assert "end = 2024-03-06T12:00:00+01:00\r\n" in new
    new, _ = apply_splices(
        text, SetFields.of("e", {"title": "New", "url": "u"}).splices(text, loaded)
    )
    assert "title = 'New'\r\n" in new and 'url = "u"\r\n' in new
    assert load_text(new).schedule.event("e").url == "u"
