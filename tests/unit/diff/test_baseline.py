"""The baseline without Textual (`tui.app.baseline_view`, `tui.app.timeline.marks`, and the marks
in `row_runs`): reading a baseline (a file, `REV:PATH`, a bare revision, and every way that
fails), the view of every kind of change, the header's line, and the characters a marked
row puts on screen; then the same over generated schedule pairs, windows and spec strings.

Git repositories are built per test in a temporary directory, with no remote and with
system and user configuration shut out, so nothing here can reach the network or a
repository of the machine.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.gitrepo import git, repository
from tests.unit.diff.diff_helpers import (
    AS_OF,
    BUNDLED_TEXT,
    MINIMAL,
    drop_event,
    load,
    set_key,
)
from tui.app.baseline_view import BaselineView, baseline_view, headline_text
from tui.app.filtering import parse_filter
from tui.app.timeline.lines import Run, background, columns, fit, row_runs
from tui.app.timeline.marks import (
    ADDED,
    FAULT,
    GHOST,
    GHOST_POINT,
    OTHER,
    REMOVED,
    TIMING,
    RowMark,
)
from tui.app.timeline.rows import RemovedRow, Row, TimelineRows
from tui.app.timeline.scale import Window
from tui.core.errors import DocketError, ScheduleError
from tui.diff.baseline_source import Baseline, read_baseline
from tui.diff.sources import DiffSourceError

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

NY = ZoneInfo("America/New_York")
FOURTH_LATER = (("start", "2023-01-23"), ("end", "2023-02-03"))  # two weeks later


def edit(text: str, event_id: str, *pairs: tuple[str, str]) -> str:
    for key, value in pairs:
        text = set_key(text, event_id, key, value)
    return text


def moved(text: str = BUNDLED_TEXT) -> str:
    """The fourth session two weeks later: 23 Jan - 3 Feb 2023, not 9-20 Jan."""
    return edit(text, "session-4", *FOURTH_LATER)


def postponed(text: str = BUNDLED_TEXT) -> str:
    """The fifth session postponed."""
    return set_key(text, "session-5", "status", '"postponed"')


def added(text: str = BUNDLED_TEXT) -> str:
    """A briefing on 16 May 2023, before the sixth session."""
    briefing = (
        '[[events]]\nid = "briefing"\nkind = "meeting"\ntitle = "Member States briefing"\n'
        'start = 2023-05-16\nvenue = "vienna"\n\n'
    )
    at = text.index('[[events]]\nid = "session-6"')
    return text[:at] + briefing + text[at:]


def ordinal(year: int, month: int, day: int) -> int:
    return date(year, month, day).toordinal()


def view_of(old: str, new: str, label: str = "plan.toml") -> tuple[BaselineView, TimelineRows]:
    rows = TimelineRows(load(new))
    return baseline_view(Baseline(label, label, load(old)), rows, AS_OF), rows


# -- git ---------------------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory no repository encloses (git stops looking above the temporary root)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_TERMINAL_PROMPT", "0")
    place = tmp_path / "outside"
    place.mkdir()
    return place


@pytest.fixture
def repo(outside: Path) -> Path:
    """A repository with two commits of schedules/plan.toml (the bundled one, then the fourth
    session two weeks later; the first tagged rev1); the working copy also
    postpones the fifth."""
    root = outside.parent / "repo"
    return repository(root, [BUNDLED_TEXT, moved()], postponed(moved()), tags=("rev1",))


def fourth_start(baseline: Baseline) -> date:
    event = baseline.schedule.event("session-4")
    assert event is not None
    return event.first_day


# -- read_baseline: what can be read -----------------------------------------------------------


def test_a_file(outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(outside)
    Path("old.toml").write_text(BUNDLED_TEXT, encoding="utf-8")
    Path("plan.toml").write_text(moved(), encoding="utf-8")
    baseline = read_baseline("old.toml", Path("plan.toml"))
    assert (baseline.label, baseline.name) == ("old.toml", "old.toml")
    assert fourth_start(baseline) == date(2023, 1, 9)
    # Spaces around what was typed do not count; an absolute path reads the same.
    padded = read_baseline("  old.toml \n", Path("plan.toml"))
    assert (padded.label, padded.name) == ("old.toml", "old.toml")
    absolute = read_baseline(str(outside / "old.toml"), Path("plan.toml"))
    assert absolute.schedule.events == baseline.schedule.events


def test_a_file_in_the_home_directory(outside: Path) -> None:
    home = Path(os.environ["HOME"])  # a temporary one (tests/conftest.py)
    (home / "old.toml").write_text(BUNDLED_TEXT, encoding="utf-8")
    baseline = read_baseline("~/old.toml", outside / "plan.toml")
    assert baseline.label == "~/old.toml"
    assert fourth_start(baseline) == date(2023, 1, 9)


def test_a_file_whose_name_has_a_colon(outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An existing file wins over REV:PATH, as in `docket diff`.
    monkeypatch.chdir(outside)
    Path("v1:old.toml").write_text(BUNDLED_TEXT, encoding="utf-8")
    assert fourth_start(read_baseline("v1:old.toml", Path("plan.toml"))) == date(2023, 1, 9)


@needs_git
def test_rev_path_from_the_repository_around_the_cwd(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    plan = Path("schedules/plan.toml")
    first = read_baseline("HEAD~1:schedules/plan.toml", plan)
    assert (first.label, first.name) == ("HEAD~1:schedules/plan.toml",) * 2
    assert fourth_start(first) == date(2023, 1, 9)
    assert fourth_start(read_baseline("HEAD:schedules/plan.toml", plan)) == date(2023, 1, 23)
    assert fourth_start(read_baseline("rev1:schedules/plan.toml", plan)) == date(2023, 1, 9)
    # PATH from the current directory when it starts with ./, as git reads it.
    monkeypatch.chdir(repo / "schedules")
    here = read_baseline("HEAD~1:./plan.toml", Path("plan.toml"))
    assert here.name == "HEAD~1:./plan.toml"
    assert fourth_start(here) == date(2023, 1, 9)


@needs_git
def test_a_bare_revision_of_the_current_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    baseline = read_baseline("HEAD~1", Path("schedules/plan.toml"))
    assert (baseline.label, baseline.name) == ("HEAD~1", "HEAD~1:schedules/plan.toml")
    assert fourth_start(baseline) == date(2023, 1, 9)
    head = read_baseline("HEAD", Path("schedules/plan.toml"))
    assert fourth_start(head) == date(2023, 1, 23)
    fifth = head.schedule.event("session-5")
    assert fifth is not None and fifth.status == "confirmed"  # the commit, not the working copy
    assert fourth_start(read_baseline("rev1", Path("schedules/plan.toml"))) == date(2023, 1, 9)


@needs_git
def test_a_bare_revision_of_a_file_in_another_repository(
    repo: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # From a directory outside any repository, and from inside another one: the file's own
    # repository is asked, and the side is named by the path inside it.
    plan = repo / "schedules" / "plan.toml"
    monkeypatch.chdir(outside)
    baseline = read_baseline("HEAD~1", plan)
    assert baseline.name == "HEAD~1:schedules/plan.toml"
    assert fourth_start(baseline) == date(2023, 1, 9)
    other = outside / "other"
    other.mkdir()
    git(other, "init", "-q")
    (other / "x.toml").write_text(MINIMAL, encoding="utf-8")
    git(other, "add", ".")
    git(other, "commit", "-q", "-m", "other")
    monkeypatch.chdir(other)
    assert fourth_start(read_baseline("HEAD~1", plan)) == date(2023, 1, 9)
    # A relative path from there, too.
    relative = Path(os.path.relpath(plan, other))
    assert fourth_start(read_baseline("HEAD~1", relative)) == date(2023, 1, 9)


# -- read_baseline: what cannot ----------------------------------------------------------------


@needs_git
@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nope", "nope: neither a file nor a git revision"),
        ("HEAD~9", "HEAD~9: neither a file nor a git revision"),
        ("nope:schedules/plan.toml", "no such git revision 'nope'"),
        ("HEAD:schedules/none.toml", "does not exist in 'HEAD'"),
        ("HEAD:schedules", "is a directory in git"),
        ("nowhere.toml", "nowhere.toml: no such file"),
        ("schedules", "is a directory"),
    ],
)
def test_what_cannot_be_read_is_one_diff_source_error(
    repo: Path, monkeypatch: pytest.MonkeyPatch, spec: str, message: str
) -> None:
    monkeypatch.chdir(repo)
    with pytest.raises(DiffSourceError) as caught:
        read_baseline(spec, Path("schedules/plan.toml"))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, DocketError)


@needs_git
def test_not_a_repository(outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(outside)
    plan = outside / "plan.toml"
    plan.write_text(BUNDLED_TEXT, encoding="utf-8")
    with pytest.raises(DiffSourceError, match="not in a git repository, so it has no revision"):
        read_baseline("HEAD~1", plan)
    with pytest.raises(DiffSourceError, match="not in a git repository"):
        read_baseline("HEAD:plan.toml", plan)


def test_no_git_installed(outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(outside)
    empty = outside / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(DiffSourceError, match="git is not installed"):
        read_baseline("HEAD~1", outside / "plan.toml")
    with pytest.raises(DiffSourceError, match="git is not installed"):
        read_baseline("HEAD:plan.toml", outside / "plan.toml")


def test_a_directory_and_an_empty_spec(outside: Path) -> None:
    with pytest.raises(DiffSourceError, match="is a directory, not a schedule file"):
        read_baseline(str(outside), outside / "plan.toml")
    for empty in ("", "   ", "\t\n"):
        with pytest.raises(DiffSourceError, match="name a baseline"):
            read_baseline(empty, outside / "plan.toml")


@pytest.mark.parametrize(
    "spec",
    [
        "~no-such-user-of-docket/plan.toml",  # no home to expand to
        "x" * 300 + ".toml",  # longer than a file name can be
        "x" * 300,
        "a/" * 3000 + "plan.toml",  # longer than a path can be
        "plan\x00.toml",  # no file name holds a NUL (the `b` dialog could be typed one)
        "HEAD:\x00",
        "\x00",
    ],
    ids=["no-such-user", "long-name", "long-revision", "long-path", "nul", "nul-path", "nul-only"],
)
def test_names_no_file_can_have_are_a_diff_source_error(outside: Path, spec: str) -> None:
    with pytest.raises(DiffSourceError):
        read_baseline(spec, outside / "plan.toml")


@needs_git
def test_an_invalid_revision_is_located_by_its_rev_path(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    plan = repo / "schedules" / "plan.toml"
    plan.write_text(BUNDLED_TEXT.replace("start = 2023-01-09", "strat = 2023-01-09"), "utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    plan.write_text(BUNDLED_TEXT, encoding="utf-8")
    line = BUNDLED_TEXT[: BUNDLED_TEXT.index("start = 2023-01-09")].count("\n") + 1
    for spec, name in [
        ("HEAD", "HEAD:schedules/plan.toml"),
        ("HEAD:schedules/plan.toml", "HEAD:schedules/plan.toml"),
    ]:
        with pytest.raises(ScheduleError) as caught:
            read_baseline(spec, Path("schedules/plan.toml"))
        located = [str(d) for d in caught.value.diagnostics]
        expected = f"{name}:{line}:1: error: unknown key `strat` in event `session-4`"
        assert any(d.startswith(expected) for d in located), located
        assert len(caught.value.errors) == 1  # the misspelt `start`: one mistake, one error
    # The revision before is fine.
    assert fourth_start(read_baseline("HEAD~1", Path("schedules/plan.toml"))) == date(2023, 1, 23)


def test_an_invalid_file_is_located_by_its_name(outside: Path) -> None:
    bad = outside / "bad.toml"
    bad.write_text("[schedule\nid = 1\n", encoding="utf-8")
    with pytest.raises(ScheduleError) as caught:
        read_baseline(str(bad), outside / "plan.toml")
    assert all(str(d).startswith(f"{bad}:") for d in caught.value.diagnostics)


def test_an_escape_in_a_baseline_title_is_an_error_that_shows_no_escape(outside: Path) -> None:
    escaped = outside / "escaped.toml"
    escaped.write_text(
        BUNDLED_TEXT.replace('title = "Fourth session"', 'title = "Fourth \\u001b[2J"'), "utf-8"
    )
    with pytest.raises(ScheduleError) as caught:
        read_baseline(str(escaped), outside / "plan.toml")
    text = "\n".join(str(d) for d in caught.value.diagnostics)
    assert "control character U+001B" in text
    assert "\x1b" not in text + str(caught.value)
    # A raw ESC byte in the file (not even TOML) is refused too, and not echoed.
    raw = outside / "raw.toml"
    raw.write_bytes(BUNDLED_TEXT.replace("Fourth session", "Fourth \x1b[2J").encode())
    with pytest.raises(ScheduleError) as raw_caught:
        read_baseline(str(raw), outside / "plan.toml")
    assert "\x1b" not in "\n".join(str(d) for d in raw_caught.value.diagnostics)


# -- baseline_view: every kind of change -------------------------------------------------------

FOURTH_GHOST = (ordinal(2023, 1, 9), ordinal(2023, 1, 21))  # 9-20 Jan, to the end of the 20th


def only_mark(view: BaselineView) -> tuple[str, RowMark]:
    assert len(view.marks) == 1, view.marks
    return next(iter(view.marks.items()))


def test_moved() -> None:
    view, _ = view_of(BUNDLED_TEXT, moved())
    assert only_mark(view) == (
        "session-4",
        RowMark(TIMING, "moved 2 weeks later (was 9–20 Jan 2023)", FOURTH_GHOST, False),
    )
    assert view.marks["session-4"].style == "changed"
    assert view.removed == [] and view.counts_text() == "1 moved"
    assert (view.first, view.last) == FOURTH_GHOST  # besides the rows, the zoom fits these
    assert view.label == "plan.toml" and view.diff["session-4"].new is not None


def test_resized() -> None:
    view, _ = view_of(BUNDLED_TEXT, set_key(BUNDLED_TEXT, "session-4", "end", "2023-01-27"))
    event_id, mark = only_mark(view)
    assert event_id == "session-4" and mark.sign == TIMING == "~"
    assert mark.phrase == "resized, 5 meeting days more (was 9–20 Jan 2023)"
    assert mark.ghost == FOURTH_GHOST and not mark.ghost_point
    assert view.counts_text() == "1 resized"


def test_added() -> None:
    view, rows = view_of(BUNDLED_TEXT, added())
    assert only_mark(view) == ("briefing", RowMark(ADDED, "added"))
    assert view.marks["briefing"].style == "added"
    assert view.removed == [] and view.counts_text() == "1 added"
    assert any(row.event.id == "briefing" for row in rows.all)


def test_removed() -> None:
    view, rows = view_of(BUNDLED_TEXT, drop_event(BUNDLED_TEXT, "consultation-4"))
    mark = view.marks["consultation-4"]
    assert mark.sign == REMOVED == "\u2212" and mark.style == "removed"
    assert mark.phrase == "removed (was 6–7 Mar 2023)"
    assert mark.ghost == (ordinal(2023, 3, 6), ordinal(2023, 3, 8)) and not mark.ghost_point
    [row] = view.removed
    assert isinstance(row, RemovedRow) and row.removed and not Row.removed
    assert (row.event.id, row.t0, row.t1) == ("consultation-4", *mark.ghost)
    assert row.title == "4th intersessional consultation" and row.dates == "6–7 Mar 2023"
    assert row.daily  # drawn day by day, as it was
    assert all(not r.removed and r.event.id != "consultation-4" for r in rows.all)
    assert view.counts_text() == "1 removed"


def test_removed_events_widen_what_the_whole_schedule_zoom_fits() -> None:
    # The first event gone, and the last one moved a year earlier: its ghost is the last.
    new = drop_event(BUNDLED_TEXT, "organizational-session")
    new = edit(new, "signing", ("start", "2024-10-25"), ("end", "2024-10-26"))
    view, rows = view_of(BUNDLED_TEXT, new)
    assert view.first == ordinal(2021, 5, 10) < rows.first
    assert view.last == ordinal(2025, 10, 27) > rows.last


def test_a_removed_point_and_a_moved_deadline_are_ghost_points() -> None:
    new = set_key(drop_event(BUNDLED_TEXT, "adoption"), "ga78-close", "start", "2024-09-17")
    view, _ = view_of(BUNDLED_TEXT, new)
    gone = view.marks["adoption"]
    assert gone.sign == REMOVED and gone.ghost_point
    assert gone.ghost == (ordinal(2024, 12, 24) + 0.5,) * 2  # the middle of its day
    deadline = view.marks["ga78-close"]
    assert deadline == RowMark(
        TIMING, "moved 1 week later (was 10 Sep 2024)", (ordinal(2024, 9, 10) + 0.5,) * 2, True
    )
    [row] = view.removed
    assert row.point and row.t0 == row.t1 == gone.ghost[0]


@pytest.mark.parametrize(
    ("key", "value", "phrase", "counted"),
    [
        ("status", '"postponed"', "postponed (was confirmed)", "1 status changed"),
        ("status", '"cancelled"', "cancelled (was confirmed)", "1 status changed"),
        ("venue", '"new-york"', "venue changed (was Vienna)", "1 venue changed"),
        ("hours", '["09:00-12:00"]', "hours changed (was no hours)", "1 hours changed"),
        ("title", '"Fourth session (resumed)"', "title changed", "1 reworded"),
        ("notes", '"Room M."', "notes changed", "1 reworded"),
        ("kind", '"meeting"', "now a meeting (was a session)", "1 kind changed"),
    ],
)
def test_other_changes_have_no_ghost(key: str, value: str, phrase: str, counted: str) -> None:
    view, _ = view_of(BUNDLED_TEXT, set_key(BUNDLED_TEXT, "session-4", key, value))
    assert only_mark(view) == ("session-4", RowMark(OTHER, phrase))
    assert view.marks["session-4"].style == "changed"
    assert view.counts_text() == counted


def test_moved_and_changed_venue_is_one_timing_mark_with_both_phrases() -> None:
    new = set_key(moved(), "session-4", "venue", '"new-york"')
    view, _ = view_of(BUNDLED_TEXT, new)
    mark = view.marks["session-4"]
    assert mark.sign == TIMING and mark.ghost == FOURTH_GHOST
    assert mark.phrase == "moved 2 weeks later (was 9–20 Jan 2023); venue changed (was Vienna)"
    assert view.counts_text() == "1 moved · 1 venue changed"


def test_a_timed_event_moved_has_its_old_span_as_the_ghost() -> None:
    # The one-day meeting of 24 Feb 2022 at 10:00-12:00 New York time (the schedule's zone).
    old = set_key(BUNDLED_TEXT, "organizational-matters", "start", "2022-02-24T10:00:00")
    old = set_key(old, "organizational-matters", "end", "2022-02-24T12:00:00")
    new = set_key(old, "organizational-matters", "start", "2022-02-25T10:00:00")
    new = set_key(new, "organizational-matters", "end", "2022-02-25T12:00:00")
    view, _ = view_of(old, new)
    mark = view.marks["organizational-matters"]
    day = ordinal(2022, 2, 24)
    assert mark.sign == TIMING and not mark.ghost_point
    assert mark.ghost == pytest.approx((day + 10 / 24, day + 12 / 24))


def test_unchanged() -> None:
    view, rows = view_of(BUNDLED_TEXT, BUNDLED_TEXT)
    assert view.marks == {} and view.removed == [] and view.diff.same
    assert view.counts_text() == "no changes"
    assert headline_text(view, AS_OF) == "vs plan.toml: no changes │ ◆ headline numbers unchanged"
    assert view.merged(rows.all, None) == rows.all
    # Without a headline deadline on either side there are no numbers to compare.
    plain, _ = view_of(MINIMAL, MINIMAL, "old.toml")
    assert headline_text(plain, AS_OF) == "vs old.toml: no changes"


def test_counts_in_the_order_of_the_kinds_then_the_schedule_changes() -> None:
    new = postponed(moved(added(drop_event(BUNDLED_TEXT, "consultation-4"))))
    new = new.replace('title = "Ad Hoc Committee on Cybercrime, 2022–2024"', 'title = "AHC"')
    view, _ = view_of(BUNDLED_TEXT, new)
    assert (
        view.counts_text() == "1 added · 1 removed · 1 moved · 1 status changed · 1 schedule change"
    )
    assert {mark.sign for mark in view.marks.values()} == {ADDED, REMOVED, TIMING, OTHER}


# -- merged ------------------------------------------------------------------------------------


@pytest.fixture
def two_removed() -> tuple[BaselineView, TimelineRows]:
    """The organizational session (New York, 2021) and the fourth consultation (Vienna, 2023)
    are gone from the schedule."""
    new = drop_event(drop_event(BUNDLED_TEXT, "organizational-session"), "consultation-4")
    return view_of(BUNDLED_TEXT, new)


def ids(rows: list[Row]) -> list[str]:
    return [row.event.id for row in rows]


def in_date_order(rows: list[Row]) -> bool:
    """The timeline's order (`Schedule.in_date_order`): by start, then end instant."""

    def key(row: Row) -> tuple[datetime, datetime]:
        return (row.event.start_instant, row.event.end_instant)

    return all(key(a) <= key(b) for a, b in itertools.pairwise(rows))


def test_merged_without_a_filter(two_removed) -> None:
    view, rows = two_removed
    assert ids(view.removed) == ["organizational-session", "consultation-4"]
    merged = view.merged(rows.all, None)
    assert len(merged) == len(rows.all) + 2 and in_date_order(merged)
    assert merged[0] is view.removed[0]
    at = ids(merged).index("consultation-4")
    assert ids(merged)[at - 1 : at + 2] == ["session-4", "consultation-4", "session-5"]
    assert [r for r in merged if not r.removed] == rows.all
    # An inactive filter is no filter; the rows given are not changed.
    assert view.merged(rows.all, parse_filter("  ")) == merged
    assert len(rows.all) == len(merged) - 2


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("consultation", ["consultation-4"]),
        ("4th", ["consultation-4"]),
        ("vienna", ["consultation-4"]),
        ("organizational", ["organizational-session"]),
        ("kind:session", ["organizational-session"]),
        ("kind:consultation,session", ["organizational-session", "consultation-4"]),
        ("venue:new-york", ["organizational-session"]),
        ("status:confirmed", ["organizational-session", "consultation-4"]),
        ("kind:session vienna", []),
        ("nothing-has-this", []),
    ],
)
def test_merged_with_a_filter(two_removed, text: str, kept: list[str]) -> None:
    view, rows = two_removed
    event_filter = parse_filter(text)
    shown = rows.filtered(event_filter)
    merged = view.merged(shown, event_filter)
    assert ids([r for r in merged if r.removed]) == kept
    assert [r for r in merged if not r.removed] == list(shown)
    assert in_date_order(merged)
    assert view.merged(shown, event_filter) == merged  # again, with the words cached


# -- headline_text -----------------------------------------------------------------------------


def test_headline_of_the_fifth_session_postponed() -> None:
    view, _ = view_of(BUNDLED_TEXT, postponed(moved()))
    assert headline_text(view, AS_OF) == (
        "vs plan.toml: 1 moved · 1 status changed │ ◆ meeting days 53 → 44 · sessions left 6 → 5"
    )
    # Once the fifth session's dates are past, both versions count the same from then on.
    later = datetime(2023, 6, 1, tzinfo=NY)
    assert headline_text(view, later).endswith("│ ◆ headline numbers unchanged")


@pytest.mark.parametrize(
    ("new", "numbers"),
    [
        (set_key(BUNDLED_TEXT, "ga78-close", "start", "2024-09-17"), "due 7 days later"),
        (set_key(BUNDLED_TEXT, "ga78-close", "start", "2024-09-03"), "due 7 days earlier"),
        (
            set_key(BUNDLED_TEXT, "session-4", "end", "2023-01-27"),
            "meeting days 53 → 58",
        ),
        (
            set_key(BUNDLED_TEXT, "session-4", "kind", '"meeting"'),
            "meeting days 53 → 43 · sessions left 6 → 5",
        ),
        (
            BUNDLED_TEXT.replace('deadline = "ga78-close"', 'deadline = "adoption"'),
            "deadline now Convention adopted by the General Assembly (resolution 79/243)",
        ),
        (BUNDLED_TEXT.replace('deadline = "ga78-close"\n', ""), "headline deadline removed"),
        (set_key(BUNDLED_TEXT, "session-4", "notes", '"x"'), "headline numbers unchanged"),
    ],
    ids=["later", "earlier", "resized", "kind", "another-deadline", "no-deadline", "reworded"],
)
def test_headline_numbers(new: str, numbers: str) -> None:
    view, _ = view_of(BUNDLED_TEXT, new)
    words, bar, after = headline_text(view, AS_OF).partition(" │ ◆ ")
    assert words == f"vs plan.toml: {view.counts_text()}" and bar
    assert after == numbers


def test_headline_deadline_added() -> None:
    view, _ = view_of(BUNDLED_TEXT.replace('deadline = "ga78-close"\n', ""), BUNDLED_TEXT)
    assert headline_text(view, AS_OF).endswith("│ ◆ headline deadline added")


# -- row_runs with marks: what a user sees -----------------------------------------------------

TITLE = 20
JAN_1 = ordinal(2023, 1, 1)
#: 1 Jan - 1 Mar 2023, one cell a day.
DAILY = Window(JAN_1, 60, 60)


def drawn(
    row: Row,
    window: Window = DAILY,
    mark: RowMark | None = None,
    *,
    fault: bool = False,
    title_width: int = TITLE,
    dates_width: int = 0,
    as_of_t: float | None = None,
) -> tuple[str, list[str]]:
    """The line's characters, and each cell's style name."""
    as_of = window.start - 1000 if as_of_t is None else as_of_t
    empty = background(window, as_of)
    runs = row_runs(row, window, title_width, as_of, empty, dates_width, mark, fault)
    return "".join(text for text, _ in runs), cell_styles(runs)


def cell_styles(runs: list[Run]) -> list[str]:
    return [name for text, name in runs for _ in text]


def row_of(rows: TimelineRows | list[Row], event_id: str) -> Row:
    every = rows.all if isinstance(rows, TimelineRows) else rows
    return next(row for row in every if row.event.id == event_id)


def test_a_moved_session_draws_its_ghost_at_the_old_dates_and_its_bar_at_the_new() -> None:
    view, rows = view_of(BUNDLED_TEXT, moved())
    text, styles = drawn(row_of(rows, "session-4"), mark=view.marks["session-4"])
    assert len(text) == TITLE + 60
    assert text[0] == "~" and styles[0] == "changed"
    assert text[1:TITLE] == "█ Fourth session   "
    chart, chart_styles = text[TITLE:], styles[TITLE:]
    # Old: 9-20 Jan (cells 8-19); new: 23 Jan - 3 Feb (cells 22-33), its weekend light.
    assert chart[8:20] == GHOST * 12 and set(chart_styles[8:20]) == {"ghost"}
    assert chart[22:34] == "█████░░█████" and set(chart_styles[22:34]) == {"session"}
    assert chart.count(GHOST) == 12
    assert set(chart[:8] + chart[20:22] + chart[34:]) <= {" ", "┊"}


def test_the_bar_hides_the_ghost_where_they_overlap() -> None:
    one_week = edit(BUNDLED_TEXT, "session-4", ("start", "2023-01-16"), ("end", "2023-01-27"))
    view, rows = view_of(BUNDLED_TEXT, one_week)
    text, _ = drawn(row_of(rows, "session-4"), mark=view.marks["session-4"])
    chart = text[TITLE:]
    assert chart[8:15] == GHOST * 7  # 9-15 Jan: only the baseline meets
    assert chart[15:27] == "█████░░█████"  # 16-27 Jan
    assert chart.count(GHOST) == 7
    # The as-of line stays over the ghost.
    text, styles = drawn(
        row_of(rows, "session-4"), mark=view.marks["session-4"], as_of_t=JAN_1 + 10.5
    )
    assert text[TITLE + 10] == "│" and styles[TITLE + 10] == "now"
    assert text[TITLE:].count(GHOST) == 6


def test_a_row_without_a_mark_has_a_blank_first_cell_and_no_ghost() -> None:
    view, rows = view_of(BUNDLED_TEXT, moved())
    text, styles = drawn(row_of(rows, "session-5"))
    assert text[0] == " " and styles[0] == "base"
    assert GHOST not in text and GHOST_POINT not in text
    assert "session-5" not in view.marks


@pytest.mark.parametrize(
    ("new", "event_id", "sign", "style"),
    [
        (added(), "briefing", "+", "added"),
        (postponed(), "session-5", "*", "changed"),
        (set_key(BUNDLED_TEXT, "session-4", "venue", '"new-york"'), "session-4", "*", "changed"),
    ],
)
def test_signs_without_a_ghost(new: str, event_id: str, sign: str, style: str) -> None:
    view, rows = view_of(BUNDLED_TEXT, new)
    window = Window(ordinal(2023, 1, 1), 180, 90)
    text, styles = drawn(row_of(rows, event_id), window, view.marks[event_id])
    assert (text[0], styles[0]) == (sign, style)
    assert GHOST not in text and GHOST_POINT not in text
    assert len(text) == TITLE + 90


def test_a_removed_row_is_its_ghost_only() -> None:
    view, _ = view_of(BUNDLED_TEXT, drop_event(BUNDLED_TEXT, "consultation-4"))
    [row] = view.removed
    mark = view.marks["consultation-4"]
    window = Window(ordinal(2023, 3, 1), 14, 28)  # two cells a day
    text, styles = drawn(row, window, mark)
    assert (text[0], styles[0]) == ("−", "removed")
    assert text[1] == "▓" and set(styles[2:TITLE]) == {"title-off"}
    assert text[2:TITLE] == " 4th…" + " " * 13
    chart = text[TITLE:]
    assert chart[10:14] == GHOST * 4  # 6-7 Mar
    assert set(chart) <= {GHOST, " ", "┊"} and "▓" not in chart
    assert {s for s in styles[TITLE:] if s != "base"} <= {"ghost", "grid"}


def test_a_removed_row_outside_the_window_is_a_ghost_arrow_at_its_edge() -> None:
    view, _ = view_of(BUNDLED_TEXT, drop_event(BUNDLED_TEXT, "consultation-4"))
    [row] = view.removed
    mark = view.marks["consultation-4"]
    before = Window(ordinal(2023, 4, 1), 30, 30)
    text, styles = drawn(row, before, mark)
    assert text[TITLE] == "◂" and styles[TITLE] == "ghost"
    assert GHOST not in text
    after = Window(ordinal(2023, 1, 1), 30, 30)
    text, styles = drawn(row, after, mark)
    assert text[-1] == "▸" and styles[-1] == "ghost"


@pytest.mark.parametrize(
    ("offset", "edge"),
    [
        (0.0, "◂"),  # the window starts where the event ended: none of it is inside
        (-0.01, GHOST),  # a hundredth of a day of it is: one cell
        (-30.0, "▸"),  # the window ends where the event starts
    ],
)
def test_a_removed_row_at_the_very_edge_of_the_window_still_shows(offset: float, edge: str) -> None:
    view, _ = view_of(BUNDLED_TEXT, drop_event(BUNDLED_TEXT, "consultation-4"))
    [row] = view.removed
    start = (row.t1 if offset > -30 else row.t0) + offset
    window = Window(start, 30, 30)
    chart = drawn(row, window, view.marks["consultation-4"])[0][TITLE:]
    assert edge in (chart[0], chart[-1]) and chart.count(edge) == 1, repr(chart)
    # As a current row at the same place shows its arrow or its bar.
    current = drawn(row_of(TimelineRows(load(BUNDLED_TEXT)), "consultation-4"), window)[0]
    assert current[TITLE:].strip(" ┊") != ""


def test_a_moved_deadline_has_a_ghost_point_and_a_removed_milestone_is_one() -> None:
    new = set_key(drop_event(BUNDLED_TEXT, "adoption"), "ga78-close", "start", "2024-09-17")
    view, rows = view_of(BUNDLED_TEXT, new)
    window = Window(ordinal(2024, 9, 1), 30, 30)
    text, styles = drawn(row_of(rows, "ga78-close"), window, view.marks["ga78-close"])
    chart = text[TITLE:]
    assert chart[9] == GHOST_POINT and styles[TITLE + 9] == "ghost"  # 10 Sep
    assert chart[16] == "◆" and styles[TITLE + 16] == "deadline"  # 17 Sep
    assert GHOST not in chart
    [gone] = view.removed
    text, styles = drawn(gone, Window(ordinal(2024, 12, 1), 31, 31), view.marks["adoption"])
    assert text[TITLE + 23] == GHOST_POINT and text[TITLE:].count(GHOST_POINT) == 1
    assert "◇" not in text[TITLE:] and text[1] == "◇"  # the kind's glyph by the title only


def test_a_fault_ends_the_title_column() -> None:
    _, rows = view_of(BUNDLED_TEXT, BUNDLED_TEXT)
    row = row_of(rows, "session-4")
    for width in (17, 20, 33):
        text, styles = drawn(row, fault=True, title_width=width)
        assert text[width - 2 : width] == FAULT + " "
        assert styles[width - 2] == "fault"
        assert text.count(FAULT) == 1 and len(text) == width + 60
    long = row_of(rows, "adoption")  # a title longer than the column: shortened before ✗
    text, _ = drawn(long, fault=True)
    assert text[:TITLE] == " ◇ " + fit(long.title, TITLE - 6) + " ✗ "
    assert "…" in text[:TITLE]
    plain, _ = drawn(row)
    assert FAULT not in plain
    # A fault and a mark together.
    mark = RowMark(OTHER, "postponed (was confirmed)")
    text, _ = drawn(row, mark=mark, fault=True)
    assert text[0] == "*" and text[TITLE - 2] == FAULT


def test_the_dates_column() -> None:
    view, rows = view_of(BUNDLED_TEXT, moved())
    row = row_of(rows, "session-4")
    text, styles = drawn(row, mark=view.marks["session-4"], dates_width=23)
    assert text[TITLE : TITLE + 23] == fit("23 Jan – 3 Feb 2023", 22) + " "
    assert set(styles[TITLE : TITLE + 23]) == {"axis"}
    assert len(text) == TITLE + 23 + 60
    assert text[TITLE + 23 :][8:20] == GHOST * 12


# -- row_runs: every line is exactly as wide as its columns ------------------------------------

_WIDE_NEW = added(drop_event(drop_event(moved(postponed()), "adoption"), "consultation-4"))
_WIDE_VIEW, _WIDE_ROWS = view_of(
    BUNDLED_TEXT, set_key(_WIDE_NEW, "ga78-close", "start", "2024-09-17")
)
ALL_ROWS = _WIDE_VIEW.merged(_WIDE_ROWS.all, None)
SIGNS = (ADDED, REMOVED, TIMING, OTHER)
DAY = st.floats(ordinal(2020, 1, 1), ordinal(2027, 1, 1), allow_nan=False)


@st.composite
def marks(draw: st.DrawFn) -> RowMark | None:
    if draw(st.booleans()):
        return None
    ghost = None
    point = False
    if draw(st.booleans()):
        start = draw(st.one_of(DAY, DAY.map(round)))
        ghost = (start, start + draw(st.sampled_from((0, 0.5, 1, 2, 12, 400))))
        point = draw(st.booleans()) and ghost[0] == ghost[1]
    return RowMark(draw(st.sampled_from(SIGNS)), "phrase", ghost, point)


@settings(max_examples=150, deadline=None)
@given(
    row=st.sampled_from(ALL_ROWS),
    start=st.one_of(DAY, DAY.map(round), st.sampled_from([float(r.t1) for r in ALL_ROWS])),
    span=st.floats(0.5, 4000, allow_nan=False),
    width=st.integers(1, 300),
    line_width=st.integers(40, 400),
    mark=marks(),
    fault=st.booleans(),
    as_of_t=DAY,
)
def test_every_line_is_exactly_as_wide_as_its_columns(
    row: Row,
    start: float,
    span: float,
    width: int,
    line_width: int,
    mark: RowMark | None,
    fault: bool,
    as_of_t: float,
) -> None:
    if row.removed:
        mark = _WIDE_VIEW.marks[row.event.id]  # a removed row always has its own mark
    title_width, dates_width = columns(line_width, _WIDE_ROWS.widths)
    window = Window(start, span, width)
    text, styles = drawn(
        row,
        window,
        mark,
        fault=fault,
        title_width=title_width,
        dates_width=dates_width,
        as_of_t=as_of_t,
    )
    assert cell_len(text) == len(text) == len(styles) == title_width + dates_width + width
    assert text[0] == (mark.sign if mark is not None else " ")
    assert text[1] == row.glyph
    assert (FAULT in text[:title_width]) == fault
    chart = text[title_width + dates_width :]
    if mark is None or mark.ghost is None:
        assert GHOST not in chart and GHOST_POINT not in chart
    if row.removed:
        assert row.glyph not in chart and row.bar_glyph not in chart
        # Something of a removed event is always on its line: its ghost, or an arrow to it
        # (unless the as-of line covers all of it).
        now = window.cell(as_of_t)
        hidden = now in range(width) and chart.replace("│", "").strip(" ┊") == ""
        assert hidden or any(c in chart for c in (GHOST, GHOST_POINT, "◂", "▸")), (chart, row)


# -- generated schedule pairs ------------------------------------------------------------------

_BASE = load(BUNDLED_TEXT)
_SPANS = {e.id: (e.first_day, e.last_day) for e in _BASE.events if e.end is not None}
_POINTS = {e.id: e.first_day for e in _BASE.events if e.end is None}
_RULES_TEXT = BUNDLED_TEXT[BUNDLED_TEXT.index("[[rules]]") :]
#: Events that can go without the schedule becoming invalid (rules name the others).
_DROPPABLE = sorted(
    e.id for e in _BASE.events if e.id != "ga78-close" and f'"{e.id}"' not in _RULES_TEXT
)
_STATUSES = ("confirmed", "tentative", "postponed", "cancelled")
_TITLE_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "Zs", "Pd", "So"), exclude_characters='"\\'
)
_KINDS = ("session", "consultation", "meeting", "deadline", "milestone")
_EDITABLE = sorted(_SPANS) + sorted(_POINTS)


Edit = tuple[object, ...]


@st.composite
def edits(draw: st.DrawFn) -> tuple[Edit, ...]:
    """Edits of the bundled schedule (small, so a failing example reads well): events shifted,
    stretched, re-statused, moved to another venue, retitled, dropped, and added (all-day and
    timed)."""
    out: list[Edit] = []
    for event_id in sorted(draw(st.sets(st.sampled_from(_EDITABLE), max_size=5))):
        shift = draw(st.integers(-60, 60))
        if event_id in _SPANS:
            first, last = _SPANS[event_id]
            out.append(("dates", event_id, shift, draw(st.integers(-(last - first).days, 10))))
        else:
            out.append(("dates", event_id, shift, 0))
        if draw(st.booleans()):
            out.append(("status", event_id, draw(st.sampled_from(_STATUSES))))
        if draw(st.booleans()):
            out.append(("venue", event_id, draw(st.sampled_from(("vienna", "new-york", "hanoi")))))
        if draw(st.booleans()):
            out.append(("title", event_id, draw(st.text(_TITLE_CHARS, min_size=1, max_size=30))))
    for index in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(_KINDS))
        day = date(2022, 1, 1) + timedelta(draw(st.integers(0, 1200)))
        hour = draw(st.none() | st.integers(0, 20))  # None: all-day
        length = draw(st.integers(0, 12))
        venue = draw(st.sampled_from(("vienna", "new-york")))
        out.append(("add", f"extra-{index}", kind, day, hour, length, venue))
    out += [("drop", e) for e in sorted(draw(st.sets(st.sampled_from(_DROPPABLE), max_size=4)))]
    return tuple(out)


def edited(changes: tuple[Edit, ...]) -> str:
    """The bundled schedule's text with `changes` made."""
    text = BUNDLED_TEXT
    for change in changes:
        match change:
            case ("dates", str(event_id), int(shift), int(stretch)):
                if event_id in _SPANS:
                    first, last = _SPANS[event_id]
                    text = set_key(text, event_id, "start", (first + timedelta(shift)).isoformat())
                    end = last + timedelta(shift + stretch)
                    text = set_key(text, event_id, "end", end.isoformat())
                else:
                    start = _POINTS[event_id] + timedelta(shift)
                    text = set_key(text, event_id, "start", start.isoformat())
            case ("status" | "venue" as key, str(event_id), str(value)):
                text = set_key(text, event_id, key, f'"{value}"')
            case ("title", str(event_id), str(title)):
                text = set_key(text, event_id, "title", f'"{title.strip() or "T"}"')
            case ("add", str(event_id), str(kind), date() as day, hour, int(length), str(venue)):
                block = f'[[events]]\nid = "{event_id}"\nkind = "{kind}"\ntitle = "{event_id}"\n'
                point = kind in ("deadline", "milestone")
                if isinstance(hour, int):  # timed, in the venue's zone
                    block += f"start = {day.isoformat()}T{hour:02d}:00:00\n"
                    if not point:
                        block += f"end = {day.isoformat()}T{hour + 3:02d}:30:00\n"
                else:
                    block += f"start = {day.isoformat()}\n"
                    if not point:
                        block += f"end = {(day + timedelta(length)).isoformat()}\n"
                at = text.index("\n[[events]]\n") + 1
                text = text[:at] + block + f'venue = "{venue}"\n\n' + text[at:]
            case ("drop", str(event_id)):
                text = drop_event(text, event_id)
            case _:
                raise AssertionError(change)
    return text


FILTERS = (
    "",
    "session",
    "kind:session",
    "kind:consultation,milestone",
    "vienna",
    "status:post",
    "tag:substantive",
    "extra",
    "fourth",
    "venue:new",
    "zzz",
    "kind:meeting hanoi",
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    old_edits=edits(),
    new_edits=edits(),
    filter_text=st.sampled_from(FILTERS),
    now=st.datetimes(datetime(2021, 1, 1), datetime(2026, 1, 1), timezones=st.just(NY)),
)
def test_generated_pairs(
    old_edits: tuple[Edit, ...], new_edits: tuple[Edit, ...], filter_text: str, now: datetime
) -> None:
    old, new = load(edited(old_edits), "old.toml"), load(edited(new_edits), "new.toml")
    rows = TimelineRows(new)
    view = baseline_view(Baseline("old.toml", "old.toml", old), rows, now)
    diff = view.diff

    # Every changed event has a mark, and only they do.
    assert set(view.marks) == set(diff.events)
    gone = {e.id for e in old.events} - {e.id for e in new.events}
    assert sorted(ids(view.removed)) == sorted(gone)  # exactly one row each
    assert all(isinstance(r, RemovedRow) and r.removed for r in view.removed)
    assert in_date_order(view.removed)
    for event_id, mark in view.marks.items():
        item = diff[event_id]
        kinds = {change.kind for change in item.changes}
        assert mark.phrase == item.phrase()
        if event_id in gone:
            assert mark.sign == REMOVED and mark.ghost is not None
        elif "added" in kinds:
            assert (mark.sign, mark.ghost) == (ADDED, None)
        elif kinds & {"moved", "resized"}:
            assert mark.sign == TIMING and mark.ghost is not None
            assert item.old is not None and mark.ghost_point == item.old.is_point
            assert mark.ghost[0] <= mark.ghost[1]
        else:
            assert (mark.sign, mark.ghost) == (OTHER, None)
    # What the whole-schedule zoom must fit besides the rows: every ghost and removed row.
    ghosts = [mark.ghost for mark in view.marks.values() if mark.ghost is not None]
    if ghosts:
        assert view.first == min(t0 for t0, _ in ghosts)
        assert view.last == max(t1 for _, t1 in ghosts)
    else:
        assert (view.first, view.last) == (rows.first, rows.last)

    # The rows the timeline shows: the filter's rows and the removed ones it matches.
    event_filter = parse_filter(filter_text)
    shown = rows.filtered(event_filter)
    merged = view.merged(shown, event_filter)
    assert in_date_order(merged)
    assert [r for r in merged if not r.removed] == list(shown)
    assert [r for r in merged if r.removed] == [
        r for r in view.removed if event_filter.matches(r.event)
    ]
    title_width, dates_width = columns(120, rows.widths)
    window = Window(view.first - 3, view.last - view.first + 6, 80)
    for row in merged:
        text, _ = drawn(
            row,
            window,
            view.marks.get(row.event.id),
            title_width=title_width,
            dates_width=dates_width,
        )
        assert cell_len(text) == title_width + dates_width + 80

    headline = headline_text(view, now)
    assert headline.startswith(f"vs old.toml: {view.counts_text()}") and "\n" not in headline
    assert (view.counts_text() == "no changes") == diff.same


# -- generated spec strings --------------------------------------------------------------------

#: Pieces of what a planner (or a cat on the keyboard) might type: revisions, git's own
#: syntax, options git might mistake it for, paths, quotes, controls.
_REVISIONS = ("HEAD", "HEAD~1", "HEAD~9", "HEAD^", "rev1", "@", "@{0}", "@{upstream}", ":/first")
_OPTIONS = ("-", "--", "-p", "-e", "--batch", "--batch=%(objectname)", "--textconv", "--path=x")
_PATHS = (":", "::", "HEAD:", "~", "~/", "..", ".", "/", "./", "plan.toml", "schedules/plan.toml")
_ODD = ("schedules", ".toml", "^", "*", "?", "[", "{", "!", "%s", "\\", "'", '"', "é", "会")
_CONTROLS = (" ", "\t", "\n", "\x1b[2J", "\x00", "\u202e")
SPEC_PIECES = st.sampled_from(_REVISIONS + _OPTIONS + _PATHS + _ODD + _CONTROLS)
SPECS = st.one_of(
    st.text(max_size=40),
    st.lists(SPEC_PIECES, min_size=1, max_size=6).map("".join),
    st.lists(st.one_of(SPEC_PIECES, st.text(max_size=3)), min_size=1, max_size=6).map("".join),
)
#: No generated name may reach a device (/dev/zero reads for ever) or the system's files.
_SYSTEM = re.compile(r"dev|proc|sys|fd|etc|run|tmp")


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(root)): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in root.rglob("*")
    }


@needs_git
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=SPECS)
def test_generated_specs_raise_only_docket_errors(
    repo: Path, monkeypatch: pytest.MonkeyPatch, spec: str
) -> None:
    assume(not _SYSTEM.search(spec))
    assume(not spec.strip().startswith("/") or spec.strip() == "/")
    monkeypatch.chdir(repo)
    before = _tree(repo.parent)
    try:
        baseline = read_baseline(spec, repo / "schedules" / "plan.toml")
    except DocketError as error:
        assert str(error).strip()
    else:
        assert baseline.label == spec.strip() and baseline.schedule.events
    assert _tree(repo.parent) == before  # nothing written, in the repository or beside it


def test_a_removed_row_falls_where_the_timeline_would_put_it_beside_an_all_day_event_abroad() -> (
    None
):
    """Found by hypothesis: an all-day event in Vienna starts at 18:00 in New York the day
    before, so by instants it comes before a New York evening event whose `t0` is smaller;
    the removed row between them must follow the timeline's order, not `t0`'s."""
    head = (
        '[schedule]\nid = "t"\ntitle = "T"\ntimezone = "America/New_York"\n\n'
        '[venues.vienna]\nname = "VIC"\ntimezone = "Europe/Vienna"\n'
    )
    vienna = (
        '[[events]]\nid = "v"\nkind = "meeting"\ntitle = "V"\nstart = 2023-01-10\n'
        'venue = "vienna"\n'
    )
    evening = '[[events]]\nid = "e"\nkind = "meeting"\ntitle = "E"\nstart = 2023-01-09T20:00:00\n'
    gone = '[[events]]\nid = "g"\nkind = "meeting"\ntitle = "G"\nstart = 2023-01-09T19:00:00\n'
    from tui.schedule.loader import load_text

    old = load_text(head + vienna + evening + gone, "old.toml").schedule
    new = load_text(head + vienna + evening, "new.toml").schedule
    rows = TimelineRows(new)
    assert ids(rows.all) == ["v", "e"]  # Vienna's midnight is 18:00 in New York
    view = baseline_view(
        Baseline("old.toml", "old.toml", old), rows, datetime(2023, 1, 1, tzinfo=NY)
    )
    merged = view.merged(rows.all, None)
    assert ids(merged) == ["v", "g", "e"] and in_date_order(merged)
