"""The parts of the app's trust that need no terminal: the gate for text on screen, the
load worker's errors, and the watcher that follows a path through re-created directories
and re-pointed symlinks."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.conftest import BUNDLED
from tui.app.loading import load_prepared, watch_file
from tui.app.shown import middle, shown
from tui.app.widgets.status_bars import ErrorLines, _reason_and_place
from tui.core.errors import ScheduleError, ScheduleFileError


def test_shown_makes_controls_visible_and_file_names_encodable() -> None:
    assert shown("a\x1b[31mb\x07") == "a␛[31mb␇"
    assert shown("one\ntwo\tthree") == "one␊two three"
    assert shown("one\ntwo", multiline=True) == "one\ntwo"
    assert shown("\x9b2J") == "\\x9b2J"
    name = os.fsdecode(b"plan\xff.toml")  # a name that is not UTF-8
    assert shown(name) == "plan\ufffd.toml"
    shown(name).encode("utf-8")  # what the terminal writer does: never raises
    assert shown("[b]markup[/b] stays text") == "[b]markup[/b] stays text"


def test_loading_returns_every_failure_as_an_error_of_the_file(tmp_path: Path) -> None:
    def failing(error: BaseException):
        def load(_path: Path):
            raise error

        return load

    for error in (RecursionError("deep"), MemoryError(), KeyError("k"), RuntimeError("x")):
        result = load_prepared(BUNDLED, failing(error))
        assert isinstance(result, ScheduleError)
        (diagnostic,) = result.errors
        assert (diagnostic.line, diagnostic.column) == (1, 1)
        assert f"({type(error).__name__}: " in diagnostic.message
        assert "bug in docket" in diagnostic.message
    gone = load_prepared(tmp_path / "missing.toml")
    assert isinstance(gone, ScheduleFileError)
    bad = tmp_path / "bad.toml"
    bad.write_text("[schedule]\nid = 1\n", encoding="utf-8")
    assert isinstance(load_prepared(bad), ScheduleError)
    assert load_prepared(BUNDLED).rows.all  # type: ignore[union-attr]


class _Watching:
    """`watch_file` in a thread, as the app runs it: after a load of the path (which the
    watcher starts from, so a change right after this is reported however late the thread
    starts). Records what the file held at each change reported."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reports: list[str | None] = []
        self.stop = threading.Event()
        load_prepared(path, watch=self.stop)  # valid or not, it notes what it read
        self.thread = threading.Thread(
            target=watch_file, args=(path, self.stop, self._changed), kwargs={"poll": 0.1}
        )
        self.thread.start()

    def _changed(self) -> None:
        try:
            self.reports.append(self.path.read_text(encoding="utf-8"))
        except OSError:
            self.reports.append(None)

    def mark(self) -> int:
        return len(self.reports)

    def reported(self, since: int, holding: str | None, within: float = 30.0) -> bool:
        """Whether a change is reported after report `since` while the file holds `holding`
        (None: no file): what the app needs to reload the new text. Polls; 30 s at most."""
        deadline = time.monotonic() + within
        while holding not in self.reports[since:]:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def close(self) -> None:
        self.stop.set()
        self.thread.join(10)
        assert not self.thread.is_alive()


def test_watching_a_path_whose_directory_comes_goes_and_comes_back(tmp_path: Path) -> None:
    # (Re-pointed symlinks and re-created directories under the app: tests/app/test_trust.py.)
    folder = tmp_path / "later"
    target = folder / "schedule.toml"
    watching = _Watching(target)  # no directory yet: nothing to watch, it polls
    try:
        since = watching.mark()
        folder.mkdir()
        target.write_text("one", encoding="utf-8")
        assert watching.reported(since, "one")
        since = watching.mark()
        target.write_text("two", encoding="utf-8")  # now watched by events
        assert watching.reported(since, "two")
        since = watching.mark()
        shutil.rmtree(folder)
        folder.mkdir()
        assert watching.reported(since, None)  # gone and back: reported, then watched anew
        since = watching.mark()
        target.write_text("three", encoding="utf-8")
        assert watching.reported(since, "three")
    finally:
        watching.close()


def test_a_change_to_another_file_of_the_folder_is_not_reported(tmp_path: Path) -> None:
    target = tmp_path / "schedule.toml"
    target.write_text("one", encoding="utf-8")
    watching = _Watching(target)  # from what the load read: no report of its own to await
    try:
        (tmp_path / "other.toml").write_text("not ours", encoding="utf-8")
        # Kept: what is tested is that nothing is reported, so it takes a window; 0.5 s is
        # past the watcher's poll (0.1 s here) and its debounce of a burst.
        time.sleep(0.5)
        assert watching.reports == []
        target.write_text("two", encoding="utf-8")  # and it is watching all along
        assert watching.reported(0, "two")
    finally:
        watching.close()


# --- the error bar's lines: the reason first, the place shortened -------------------------------


@given(st.text(min_size=0, max_size=400), st.integers(0, 200))
def test_middle_fits_the_width_and_keeps_both_ends(text: str, width: int) -> None:
    cut = middle(text, width)
    assert cell_len(cut) <= max(width, 0)
    if cell_len(text) <= width:
        assert cut == text
    elif width >= 8 and text.isascii() and text.isprintable():
        head, _, tail = cut.partition("…")
        assert text.startswith(head.rstrip()) and text.endswith(tail)


@given(
    st.text(max_size=300),
    st.text(min_size=1, max_size=400).filter(lambda p: "\n" not in p),
    st.integers(20, 300),
)
def test_the_reason_comes_first_whatever_the_path(reason: str, path: str, width: int) -> None:
    error = ScheduleFileError(f"{path}: {reason}")
    lines = ErrorLines([_reason_and_place(str(error), path)]).text(width).plain.split("\n")
    first = f"✕ {shown(reason)}"
    assert lines[0].startswith(first)
    if lines[0] != first:  # the place beside the reason: the line fits
        assert cell_len(lines[0]) <= width
    else:  # the place under it, shortened to the width
        assert lines[1].startswith("  ") and cell_len(lines[1]) <= width
    assert lines[-1].startswith("Showing the last valid schedule")


def test_a_diagnostic_says_why_then_where() -> None:
    from tui.core.errors import Diagnostic

    diagnostic = Diagnostic("/a/very/long/path/plan.toml", 3, 7, "error", "unknown key `strat`")
    reason, place = _reason_and_place(diagnostic, "/a/very/long/path/plan.toml")
    assert (reason, place) == ("unknown key `strat`", "/a/very/long/path/plan.toml:3:7")
    line = ErrorLines([(reason, place)]).text(50).plain.splitlines()[0]
    assert line.startswith("✕ unknown key `strat` · ") and line.endswith("plan.toml:3:7")
    assert "…" in line and len(line) <= 50


# --- the agenda's rows: a position without a row ------------------------------------------------


def test_a_row_key_of_none_is_no_event() -> None:
    """DataTable reports the cursor's row by position; a position with no row (the table
    cleared for a refill) gives a key of None, which ended the app from the agenda."""
    from textual.widgets.data_table import RowKey

    from tui.app.widgets.agenda import row_id

    assert row_id(None) is None
    assert row_id(RowKey(None)) is None
    assert row_id(RowKey("session-3")) == "session-3"
