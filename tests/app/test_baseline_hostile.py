"""Hostile tests of the baseline (`--baseline`, `b`) and the rule faults in the running app.

A baseline with every kind of change at once — moved, postponed, added, removed; events at
the first and last days docket knows, a 10,000-character id, a right-to-left title, another
zone — under random programs of keys, resizes, reloads and `b` with any text; a baseline
whose text attacks the terminal; every way a named baseline cannot be one (a directory, a
named pipe, a binary or huge file, a revision of a repository without commits or of a file
outside any); and the races: `b` while a load is in flight, `b` twice before the first is
read, the file edited to match its baseline and changed again.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import answer, burst, drive, idle, loaded, make_app, until
from tests.app.hostile import PAYLOAD, assert_nothing_sent, hostile, screen_text, widget_text
from tests.conftest import BUNDLED, ROOT
from tui.app.docket_app import DocketApp
from tui.app.screens.baseline import BaselineScreen
from tui.app.screens.export import ExportScreen
from tui.app.widgets.details import DetailsPanel
from tui.app.widgets.footer import DocketFooter
from tui.app.widgets.month import MonthView
from tui.app.widgets.status_bars import FilterBar
from tui.core.errors import DocketError
from tui.diff.baseline_source import Baseline
from tui.schedule.loader import Loaded, load_path, load_text

BUNDLED_TEXT = BUNDLED.read_text(encoding="utf-8")
NY = ZoneInfo("America/New_York")
LONG_ID = "gone-" + "x" * 10_000
#: Right-to-left override, combining marks, an Arabic ligature, wide CJK: a title to lay out.
ODD_TITLE = "\u202eẒ̶̢ ﷽ 漢字の長いタイトル " * 12
EXTRA = f'''[[events]]
id = "gone-briefing"
kind = "meeting"
title = "Member States briefing"
start = 2023-05-16T09:30:00
end = 2023-05-16T11:00:00
venue = "vienna"

[[events]]
id = "gone-first-day"
kind = "milestone"
title = "{ODD_TITLE}"
start = 1900-01-01

[[events]]
id = "{LONG_ID}"
kind = "session"
title = "The last session docket knows, {"very " * 60}long"
start = 2999-12-20
end = 2999-12-31

'''
#: Removed from the schedule: only the baseline has them.
REMOVED_IDS = frozenset({"gone-briefing", "gone-first-day", LONG_ID})
EMPTY = '[schedule]\nid = "ahc-cybercrime"\ntitle = "Nothing left"\ntimezone = "UTC"\n'


def baseline_text() -> str:
    """The bundled schedule as it was "approved": in Tokyo's zone, the fourth session two
    weeks later, the fifth postponed, the adoption 125 years earlier (1900), the fourth
    consultation not yet planned (so the schedule adds it), and three events since dropped:
    a timed briefing, a milestone on the first day docket knows, a session on its last days."""
    text = BUNDLED_TEXT.replace(
        "start = 2023-01-09\nend = 2023-01-20", "start = 2023-01-23\nend = 2023-02-03"
    )
    text = text.replace(
        'start = 2024-12-24\nvenue = "new-york"', 'start = 1900-01-02\nvenue = "new-york"'
    )
    head = text.index('id = "session-5"')
    cut = text.index('venue = "vienna"\n', head) + len('venue = "vienna"\n')
    text = text[:cut] + 'status = "postponed"\n' + text[cut:]
    head = text.index('[[events]]\nid = "consultation-4"')
    text = text[:head] + text[text.index("[[events]]", head + 1) :]
    at = text.index('[[events]]\nid = "session-6"')
    text = text[:at] + EXTRA + text[at:]
    return text.replace('timezone = "America/New_York"', 'timezone = "Asia/Tokyo"')


BASE_TEXT = baseline_text()


def folder_for(root: Path) -> Path:
    """plan.toml (the schedule: the bundled one) and what `b` may be given, in `root`."""
    (root / "plan.toml").write_text(BUNDLED_TEXT, encoding="utf-8")
    (root / "base.toml").write_text(BASE_TEXT, encoding="utf-8")
    (root / "same.toml").write_text(BUNDLED_TEXT, encoding="utf-8")
    (root / "empty.toml").write_text(EMPTY, encoding="utf-8")
    (root / "broken.toml").write_text("[schedule\n", encoding="utf-8")
    (root / "binary.bin").write_bytes(b"\x00\xff\xfe[schedule]\x1b[2J\x9b")
    (root / "a-directory").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.toml")  # nobody ever writes to it
    return root


@contextmanager
def inside(folder: Path) -> Iterator[None]:
    """The cwd is `folder` (names on screen are short), and git never looks above it."""
    before, ceiling = Path.cwd(), os.environ.get("GIT_CEILING_DIRECTORIES")
    os.chdir(folder)
    os.environ["GIT_CEILING_DIRECTORIES"] = str(folder.parent)
    try:
        yield
    finally:
        os.chdir(before)
        if ceiling is None:
            os.environ.pop("GIT_CEILING_DIRECTORIES", None)
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = ceiling


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    with inside(folder_for(tmp_path)):
        yield tmp_path


async def settled(pilot: Pilot) -> None:
    await until(pilot, lambda: idle(pilot.app, "load", "baseline", "rules"), what="the workers")
    await pilot.pause()


async def choose(pilot: Pilot, spec: str) -> str:
    """`b`, `spec`, enter; once it is read: the error the dialog came back with ('' if the
    baseline was taken), the dialog closed again."""
    app = pilot.app
    for _ in range(3):
        if app.screen is app.main:
            break
        await burst(pilot, "escape")
    assert await answer(pilot, "b", spec), "the b dialog did not open"
    await settled(pilot)
    error = ""
    if isinstance(app.screen, BaselineScreen):
        error = str(app.screen.query_one("#baseline-error").render())
        await burst(pilot, "escape")
    return error


#: The views by the key that shows each.
VIEWS = {"1": "timeline", "2": "agenda", "3": "countdowns", "4": "month", "5": "rules"}


async def show_view(pilot: Pilot, key: str) -> None:
    """Press `key` and wait until its view is shown with what its workers computed."""
    app = pilot.app
    assert isinstance(app, DocketApp)
    await burst(pilot, key)
    await until(
        pilot,
        lambda: app.main.view == VIEWS[key] and idle(app, "load", "countdowns", "rules"),
        what=f"the {VIEWS[key]} view",
    )
    await pilot.pause()


def drawn_whole(app: DocketApp) -> None:
    """A full frame draws, exactly the terminal's size (what it read is checked, not just
    that reading did not raise)."""
    width, height = app.size
    lines = screen_text(app).splitlines()
    assert len(lines) == height, (app.size, len(lines))
    assert all(cell_len(line) == width for line in lines), app.size


def current_ids(app: DocketApp) -> frozenset[str]:
    assert app.main.prepared is not None
    return frozenset(e.id for e in app.main.prepared.loaded.schedule.events)


def check(app: DocketApp, step: object) -> None:
    """What must hold whatever the program did."""
    assert app.is_running and app._exception is None and app.return_code is None, step
    main = app.main
    prepared = main.prepared
    assert prepared is not None, step
    ids = current_ids(app)
    view = prepared.baseline
    # The comparison on screen is with the baseline chosen last (the file on disk while an
    # edit key's edits are pending), and the header says so.
    assert (view.baseline if view is not None else None) is main.baseline, step
    said = "unsaved: " if main.document.editing else "vs "
    assert main.header.baseline.startswith(said) == (view is not None), step
    timeline = main.timeline
    rows = timeline.rows
    assert not rows or 0 <= timeline.cursor < len(rows), step
    for row in rows:
        assert (row.event.id in ids) != row.removed, (step, row.event.id[:40])
    if view is not None:
        assert {r.event.id for r in view.removed}.isdisjoint(ids), step
        assert set(timeline.marks) == set(view.marks), step
    else:
        assert timeline.marks == {} and not any(row.removed for row in rows), step
    removed = {r.event.id for r in view.removed} if view is not None else set()
    assert main.selected_id is None or main.selected_id in ids | removed, step
    # The month view never shows a baseline's removed events.
    for month in app.query(MonthView):
        if month._index is not None:
            assert not any(row.removed for row in month._index.rows), step


# --- the named pipe: never waited on ----------------------------------------------------------

PIPE_SCRIPT = """
import asyncio, os
from pathlib import Path
from tests.app.conftest import answer, loaded, make_app, until
from tui.diff.baseline_source import read_baseline
from tui.app.screens.baseline import BaselineScreen

try:
    read_baseline("pipe.toml", Path("plan.toml"))
except Exception as error:
    print("read:", type(error).__name__, error, flush=True)

async def main():
    app = make_app(Path("plan.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await answer(pilot, "b", "pipe.toml")
        await until(pilot, lambda: isinstance(app.screen, BaselineScreen), timeout=5)
        error = app.screen.query_one("#baseline-error").render()
        print("dialog:", error, flush=True)
asyncio.run(main())
print("quit", flush=True)
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_as_the_baseline_is_read_as_empty_not_waited_on(folder: Path) -> None:
    """A pipe nobody writes to, named in `b`: the baseline's read waited for a writer for
    ever, and since the app's threads are joined when it ends, `q` then never returned.
    Read as the schedule itself is (`tui.schedule.reading`), it is an empty file. In a child
    process, so that a regression times out instead of hanging the run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VISUAL": "true", "EDITOR": "true"}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PIPE_SCRIPT)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("read: ScheduleError pipe.toml:1:1: error: empty file"), lines
    assert lines[1].startswith("dialog: pipe.toml:1:1: error: empty file"), lines
    assert lines[2] == "quit"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_docket_baseline_a_named_pipe_exits_2_at_once(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--baseline", "pipe.toml", "plan.toml"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "--baseline pipe.toml: invalid schedule (1 error)" in done.stderr


# --- everything that cannot be a baseline comes back to the dialog ------------------------------


def test_what_cannot_be_a_baseline_brings_the_dialog_back_saying_why(folder: Path) -> None:
    (folder / "huge.toml").write_bytes(b"")
    with open(folder / "huge.toml", "r+b") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: over the 64 MiB a schedule may be
    outside = folder / "outside.toml"
    outside.write_text(BUNDLED_TEXT, encoding="utf-8")
    cases = {
        "a-directory": "a-directory: is a directory, not a schedule file",
        "binary.bin": "binary.bin:1:1: error: binary data (NUL byte)",
        "broken.toml": "broken.toml:1:",
        "huge.toml": "too large to be a schedule (over 64 MiB)",
        "nowhere.toml": "nowhere.toml: no such file",
        "HEAD~1": "not in a git repository, so it has no revision HEAD~1",
        "HEAD:plan.toml": "not in a git repository",
        "x" * 300: "x" * 20,  # no file can have that name
        "~no-such-user-of-docket/plan.toml": "no such file",
    }

    async def scenario(pilot: Pilot) -> None:
        for spec, said in cases.items():
            error = await choose(pilot, spec)
            assert said in error, (spec, error)
            assert "\n" not in error.strip()
            check(pilot.app, spec)
            assert pilot.app.main.baseline is None
        # A repository without commits: its HEAD is no revision yet.
        subprocess.run(["git", "init", "-q"], check=True, capture_output=True)
        error = await choose(pilot, "HEAD")
        assert "HEAD: neither a file nor a git revision" in error, error
        # After all that, a good one is taken, and an empty answer clears it.
        assert await choose(pilot, "base.toml") == ""
        check(pilot.app, "base")
        assert pilot.app.main.header.baseline.startswith("vs base.toml: ")
        assert await choose(pilot, "") == ""
        check(pilot.app, "cleared")

    drive(make_app(Path("plan.toml")), scenario)


# --- hostile text ----------------------------------------------------------------------------


def test_a_baseline_whose_text_attacks_the_terminal_sends_none_of_it(
    folder: Path, bundled_loaded: Loaded
) -> None:
    """Every text of the baseline (and its name, as a file of that name would give it) holds
    escape sequences: its removed rows, their details, the agenda, the header, `e` on one,
    and the `b` dialog, which opens with the baseline's name in its input, send none."""
    schedule = hostile(bundled_loaded).schedule  # every id differs: all removed, all added
    baseline = Baseline(PAYLOAD, PAYLOAD, schedule)

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        text = assert_nothing_sent(app)
        assert "vs ␛]0;PWNED␇" in text
        timeline = app.main.timeline
        gone = [index for index, row in enumerate(timeline.rows) if row.removed]
        assert len(gone) == len(schedule.events)
        timeline.action_move_to(gone[3])
        await pilot.pause()
        assert app.main.selected_id == timeline.rows[gone[3]].event.id
        panel = widget_text(app, app.query_one(DetailsPanel))
        assert "removed since ␛]0;PWNED␇" in panel
        assert_nothing_sent(app)
        await burst(pilot, "e")  # only the baseline has it: a notification names it
        await until(
            pilot,
            lambda: any(n.message.startswith("Only ␛]0;PWNED␇") for n in app._notifications),
            what="the notification",
        )
        await until(pilot, lambda: idle(app, "edit", "editor"), what="the editor")
        await pilot.pause()
        assert_nothing_sent(app)
        for key in ("2", "4", "5", "1"):
            await show_view(pilot, key)
            assert_nothing_sent(app)
        await burst(pilot, "b")
        await until(pilot, lambda: isinstance(app.screen, BaselineScreen))
        await pilot.pause()
        assert_nothing_sent(app)
        await burst(pilot, "escape")
        for size in ((60, 15), (40, 10), (300, 80)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert_nothing_sent(app)

    drive(make_app(Path("plan.toml"), baseline=baseline), scenario)


# --- the keys pass over removed events ------------------------------------------------------


def test_t_and_g_never_select_a_removed_event_after_the_last_one(folder: Path) -> None:
    """As of a day after every event of the schedule, `t` and `g` chose the last row, which
    was the baseline's removed session on the last days docket knows."""
    as_of = datetime(2026, 6, 1, 12, 0, tzinfo=NY)

    async def scenario(pilot: Pilot) -> None:
        timeline = pilot.app.main.timeline
        assert timeline.rows[-1].event.id == LONG_ID and timeline.rows[-1].removed
        for keys in (["home", "t"], ["home", "end", "t"]):
            await burst(pilot, *keys)
            assert not timeline.selected.removed, keys
            assert timeline.selected.event.id == "signing"  # the last event there is
        assert await answer(pilot, "g", "2999-12-25")
        await pilot.pause()
        assert not timeline.selected.removed
        check(pilot.app, "g")

    drive(make_app(Path("plan.toml"), baseline="base.toml", as_of=as_of), scenario)


def test_every_event_removed_and_every_event_added(folder: Path) -> None:
    """The schedule emptied (every row a removed one) and a baseline with no events (every
    event added): the keys, the views and the export have nothing to trip on."""

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        main = app.main
        assert main.header.baseline.startswith("vs base.toml: 23 removed")
        assert all(row.removed for row in main.timeline.rows) and len(main.timeline.rows) == 23
        for key in ("t", "n", "N", "right_square_bracket", "j", "l", "plus", "end", "e"):
            await burst(pilot, key)
            check(app, key)
        for key in ("2", "4", "5", "3", "1"):
            await show_view(pilot, key)
            check(app, key)
        assert await choose(pilot, "empty.toml") == ""  # the same: nothing changed
        assert main.header.baseline.startswith("vs empty.toml: no changes")
        Path("plan.toml").write_text(BUNDLED_TEXT, encoding="utf-8")
        main.reload()
        await settled(pilot)
        check(app, "all added")
        assert main.header.baseline.startswith("vs empty.toml: 21 added")
        assert {mark.sign for mark in main.timeline.marks.values()} == {"+"}

    Path("plan.toml").write_text(EMPTY, encoding="utf-8")
    drive(make_app(Path("plan.toml"), baseline="base.toml"), scenario)


def test_the_export_prefill_never_holds_a_removed_event(folder: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        await burst(pilot, "slash")
        bar = app.query_one(FilterBar)
        bar.input.value = "briefing"  # only the baseline has one
        await burst(pilot, "enter")
        await pilot.pause()
        assert [row.event.id for row in app.main.timeline.rows] == ["gone-briefing"]
        await burst(pilot, "x")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        prefill = app.screen.prefill
        assert prefill is not None and prefill.ids == frozenset()

    drive(make_app(Path("plan.toml"), baseline="base.toml"), scenario)


def test_sorting_the_agenda_by_title_reads_past_the_signs(folder: Path) -> None:
    from tui.app.widgets.agenda import AgendaTable

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        await burst(pilot, "2")
        await until(pilot, lambda: app.query(AgendaTable) and app.query_one(AgendaTable).row_count)
        await burst(pilot, "s")  # from the start column to the title
        await pilot.pause()
        table = app.query_one(AgendaTable)
        assert table.sort_column == "title"
        titles = [str(table.get_row_at(i)[1]).replace("\n", " ") for i in range(table.row_count)]
        bare = [t[2:] if t[:2] in ("+ ", "− ", "~ ", "* ") else t for t in titles]
        assert bare == sorted(bare, key=str.lower), titles

    drive(make_app(Path("plan.toml"), baseline="base.toml"), scenario)


# --- the races ------------------------------------------------------------------------------


def test_a_baseline_chosen_while_a_load_is_in_flight_is_kept(folder: Path) -> None:
    """`b` while the file loads: the baseline was taken, then the load landed with its own
    comparison — none — and the marks and the header's line went away."""
    hold, release = threading.Event(), threading.Event()

    def load(path: Path):
        if hold.is_set():  # this load only: held until the baseline is on screen
            hold.clear()
            release.wait(30)
        return load_path(path)

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        main = app.main
        hold.set()
        main.reload()
        try:
            assert await answer(pilot, "b", "base.toml")
            await until(pilot, lambda: main.header.baseline.startswith("vs base.toml"))
            assert not idle(app, "load")  # the load is still in flight
        finally:
            release.set()
        await settled(pilot)
        await until(pilot, lambda: idle(app, "load", "baseline"))
        await settled(pilot)
        check(app, "after the load")
        assert main.header.baseline.startswith("vs base.toml: ")
        assert main.timeline.marks["session-4"].sign == "~"

    drive(make_app(Path("plan.toml"), load=load), scenario)


def test_b_twice_brings_back_no_dialog_for_the_first(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first `b` still being read when a second is taken: the first, failing, pushed its
    dialog over the screen after the second baseline was already on it."""
    import tui.diff.baseline_source

    real = tui.diff.baseline_source.read_baseline
    release, failed = threading.Event(), threading.Event()

    def read(spec: str, current: Path) -> Baseline:
        if spec != "slow-nowhere.toml":
            return real(spec, current)
        release.wait(30)  # held until the second baseline is on screen: no clock involved
        try:
            return real(spec, current)
        finally:
            failed.set()

    monkeypatch.setattr(tui.diff.baseline_source, "read_baseline", read)

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        # The first read's failure reaches the screen through Textual's `call_from_thread`,
        # which returns once the screen has handled it: counted, so the test waits for it
        # (not for a time that a loaded machine may overrun).
        handled: list[str] = []
        call = app.call_from_thread

        def counted(callback, *args, **kwargs):
            try:
                return call(callback, *args, **kwargs)
            finally:
                handled.append(getattr(callback, "__name__", ""))

        monkeypatch.setattr(app, "call_from_thread", counted)
        await answer(pilot, "b", "slow-nowhere.toml")
        await answer(pilot, "b", "base.toml")
        await until(pilot, lambda: app.main.header.baseline.startswith("vs base.toml"))
        release.set()
        await until(pilot, lambda: "_read_failed" in handled, what="the first read to fail")
        await pilot.pause()
        assert app.screen is app.main, app.screen_stack
        check(app, "twice")

    drive(make_app(Path("plan.toml")), scenario)


def test_the_file_edited_to_match_its_baseline_then_changed_again(folder: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        main = app.main
        assert len(main.timeline.marks) == 7
        for text, marks, said in (
            (BASE_TEXT, 0, "vs base.toml: no changes"),
            ("[schedule\n", 0, "vs base.toml: no changes"),  # invalid: the last valid stays
            (BUNDLED_TEXT, 7, "vs base.toml: 1 added · 3 removed · 2 moved"),
        ):
            Path("plan.toml").write_text(text, encoding="utf-8")
            main.reload()
            await settled(pilot)
            check(app, said)
            assert main.header.baseline.startswith(said), main.header.baseline
            assert len(main.timeline.marks) == marks
            assert (main.last_error is None) == (text != "[schedule\n")
        assert await choose(pilot, "base.toml") == ""  # chosen again while valid: the same
        assert len(main.timeline.marks) == 7

    drive(make_app(Path("plan.toml"), baseline="base.toml"), scenario)


# --- the 4-line header in small terminals -------------------------------------------------------


def test_the_four_line_header_leaves_the_rows_and_the_footer_at_60_by_15(folder: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        lines = screen_text(app).splitlines()
        assert len(lines) == 15
        assert lines[3].startswith(" vs base.toml │ ◆ ")  # short: the signs say what changed
        assert "Help" in lines[-1] and app.query_one(DocketFooter).region.y == 14
        assert any(line.startswith(" █ Third session") for line in lines[6:14])  # selected
        for size in ((1, 1), (60, 5), (10, 3), (60, 15)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            drawn_whole(app)
            check(app, size)
        details = app.query_one(DetailsPanel)
        assert not details.display or details.region.bottom <= 14

    drive(make_app(Path("plan.toml"), baseline="base.toml"), scenario, size=(60, 15))


# --- random programs -----------------------------------------------------------------------------

KEYS = (
    *"jkhltnN12345",
    *("plus", "minus", "right_square_bracket", "left_square_bracket", "home", "end"),
    *("escape", "e"),
    # The agenda's own (a refill under a cursor past its rows once gave a row key of None):
    *("s", "r", "pageup", "pagedown", "enter", "ctrl+p"),
)
#: Keys that choose an event by a search: none of them may land on a removed one.
SEARCHES = {"t", "n", "N", "right_square_bracket", "left_square_bracket"}
TEXTS = {
    "plan": BUNDLED_TEXT,
    "like-base": BASE_TEXT,
    "empty": EMPTY,
    "broken": "[schedule\n",
    "unknown-key": BUNDLED_TEXT.replace('id = "session-3"', 'id = "session-3"\nstrat = 1'),
}
SPECS = (
    *("", "base.toml", "same.toml", "empty.toml", "broken.toml", "binary.bin", "a-directory"),
    *("nowhere.toml", "HEAD", "HEAD~1", "HEAD:plan.toml", "plan.toml", "..", "~"),
)
FILTERS = ("session", "briefing", "kind:session", "venue:vienna", "docket knows", "[b]")

steps = st.one_of(
    st.tuples(st.just("keys"), st.lists(st.sampled_from(KEYS), min_size=1, max_size=5)),
    st.tuples(st.just("resize"), st.integers(40, 300), st.integers(10, 80)),
    st.tuples(st.just("reload"), st.sampled_from(sorted(TEXTS))),
    st.tuples(st.just("b"), st.sampled_from(SPECS) | st.text(max_size=24)),
    st.tuples(st.just("filter"), st.sampled_from(FILTERS)),
    st.tuples(st.just("export"), st.none()),
    st.tuples(st.just("go to"), st.sampled_from(("1900-01-01", "2999-12-31", "2023-05"))),
    st.tuples(st.just("as of"), st.sampled_from(("1900-01-01", "2026-06-01", "2999-12-31T23:59"))),
)


def valid(text: str) -> bool:
    try:
        load_text(text)
    except DocketError:
        return False
    return True


async def run_step(pilot: Pilot, step: tuple) -> None:
    app = pilot.app
    assert isinstance(app, DocketApp)
    main = app.main
    kind = step[0]
    if kind != "keys":
        for _ in range(3):  # a dialog or help left open by a key
            if app.screen is main:
                break
            await burst(pilot, "escape")
    if kind == "keys":
        for key in step[1]:
            before = main.timeline.cursor
            await burst(pilot, key)
            if app.screen is not main:
                continue
            row = main.timeline.selected
            moved = main.timeline.cursor != before or key == "t"
            every = all(r.removed for r in main.timeline.rows)
            if key in SEARCHES and moved and row is not None and not every:
                assert not row.removed, (step, key)
    elif kind == "resize":
        await pilot.resize_terminal(step[1], step[2])
    elif kind == "reload":
        Path("plan.toml").write_text(TEXTS[step[1]], encoding="utf-8")
        main.reload()
        await settled(pilot)
        assert (main.last_error is None) == valid(TEXTS[step[1]]), step
    elif kind == "b":
        if not await choose(pilot, step[1]):  # taken: the header compares with it, or not
            assert (main.baseline is None) == (step[1].strip() == ""), step
    elif kind == "filter":
        await burst(pilot, "slash")
        bar = app.query_one(FilterBar)
        if bar.display and bar.input.has_focus:
            bar.input.value = step[1]
            await burst(pilot, "enter")
    elif kind == "export":
        await burst(pilot, "x")
        if isinstance(app.screen, ExportScreen):
            prefill = app.screen.prefill
            if prefill is not None and prefill.ids is not None:
                assert prefill.ids <= current_ids(app), step
            await burst(pilot, "escape")
    elif kind in ("go to", "as of"):
        await answer(pilot, "g" if kind == "go to" else "a", step[1])
    await pilot.pause()


async def run_program(program: list[tuple]) -> None:
    app = make_app(Path("plan.toml"), baseline="base.toml", exit_on_invalid=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        check(app, "start")
        for step in program:
            await run_step(pilot, step)
            check(app, step)
        drawn_whole(app)  # one last full frame: it must draw


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(program=st.lists(steps, min_size=2, max_size=6))
def test_no_program_against_a_baseline_breaks_the_app(program: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as root, inside(folder_for(Path(root))):
        asyncio.run(run_program(program))


@pytest.mark.parametrize(
    ("key", "text", "then"),
    [
        ("b", "", ["enter", "enter"]),
        ("b", "nowhere.toml", ["enter", "enter", "escape"]),
        ("a", "2023-01-01", ["enter", "enter"]),
        ("g", "2023", ["enter", "enter"]),
        ("b", "", ["escape", "escape", "enter"]),
    ],
)
def test_keys_typed_ahead_into_a_closing_dialog_are_ignored(folder: Path, key, text, then) -> None:
    """A paste or key repeat: a second enter or escape reaches a dialog that is closing.
    Textual's `dismiss` would pop the main screen ("Can't pop screen") or the dialog a
    callback just opened; every dialog closes once."""

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        await burst(pilot, key)
        await until(pilot, lambda: app.screen is not app.main and app.screen.query(Input))
        app.screen.query(Input).first().value = text
        await burst(pilot, *then)  # all at once, as typed ahead
        await settled(pilot)  # what the dialog's answer started (a read, a load) is over
        assert app.is_running and app.return_code is None
        assert app.screen_stack[0] is app.main

    drive(make_app(Path("plan.toml"), baseline="base.toml"), scenario)


def test_the_baseline_dialog_is_centred(folder: Path) -> None:
    async def scenario(pilot: Pilot) -> None:
        await burst(pilot, "b")
        await until(pilot, lambda: pilot.app.screen.query(".dialog"))
        await pilot.pause()
        box = pilot.app.screen.query_one(".dialog").region
        width, height = pilot.app.size
        assert abs(box.x - (width - box.right)) <= 1
        assert abs(box.y - (height - box.bottom)) <= 1

    drive(make_app(Path("plan.toml"), baseline="base.toml"), scenario)


def test_a_baseline_read_while_the_file_reloads_and_turns_invalid_is_shown(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`b` being read when a reload lands, and the file invalid after that: the comparison
    is made with what is shown (the last valid schedule), not left to a load that fails."""
    import tui.diff.baseline_source
    from tui.core.errors import Diagnostic, ScheduleError

    real = tui.diff.baseline_source.read_baseline
    state = {"invalid": False}
    release = threading.Event()

    def read(spec: str, current: Path) -> Baseline:
        release.wait(30)  # held until the reload has landed: no clock involved
        state["invalid"] = True  # every load after this one fails
        return real(spec, current)

    def load(path: Path):
        if state["invalid"]:
            raise ScheduleError([Diagnostic(str(path), 1, 1, "error", "broken meanwhile")])
        return load_path(path)

    monkeypatch.setattr(tui.diff.baseline_source, "read_baseline", read)

    async def scenario(pilot: Pilot) -> None:
        app = pilot.app
        main = app.main
        before = main.prepared
        try:
            assert await answer(pilot, "b", "base.toml")
            main.reload()  # lands (valid) while the baseline is read
            await until(pilot, lambda: main.prepared is not before, what="the reload")
            assert not idle(app, "baseline")  # the baseline is still being read
        finally:
            release.set()
        await until(pilot, lambda: idle(app, "load", "baseline"))
        await settled(pilot)
        await until(pilot, lambda: idle(app, "load", "baseline"))
        assert main.baseline is not None and main.baseline.label == "base.toml"
        assert main.header.baseline.startswith("vs base.toml: ")
        assert main.timeline.marks["session-4"].sign == "~"

    drive(make_app(Path("plan.toml"), load=load, exit_on_invalid=False), scenario)
