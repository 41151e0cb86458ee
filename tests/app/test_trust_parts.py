"""The parts of the app's trust that need no terminal: the gate for text on screen, the
load worker's errors, and the watcher that follows a path through re-created directories
and re-pointed symlinks."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from tests.conftest import BUNDLED
from tui.app.loading import load_prepared, watch_file
from tui.app.shown import shown
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
    """`watch_file` in a thread, counting the changes it reports."""

    def __init__(self, path: Path) -> None:
        self.count = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=watch_file, args=(path, self.stop, self._changed), kwargs={"poll": 0.1}
        )
        self.thread.start()
        time.sleep(0.15)  # watching

    def _changed(self) -> None:
        self.count += 1

    def reported(self, before: int, within: float = 1.0) -> bool:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.count > before:
                return True
            time.sleep(0.02)
        return False

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2.0)
        assert not self.thread.is_alive()


def test_watching_a_path_whose_directory_comes_goes_and_comes_back(tmp_path: Path) -> None:
    # (Re-pointed symlinks and re-created directories under the app: tests/app/test_trust.py.)
    folder = tmp_path / "later"
    target = folder / "schedule.toml"
    watching = _Watching(target)  # no directory yet: nothing to watch, it polls
    try:
        before = watching.count
        folder.mkdir()
        target.write_text("one", encoding="utf-8")
        assert watching.reported(before)
        time.sleep(0.15)
        before = watching.count
        target.write_text("two", encoding="utf-8")  # now watched by events
        assert watching.reported(before)
        time.sleep(0.15)
        before = watching.count
        shutil.rmtree(folder)
        folder.mkdir()
        assert watching.reported(before)  # gone and back: reported, then watched anew
        time.sleep(0.15)
        before = watching.count
        target.write_text("three", encoding="utf-8")
        assert watching.reported(before)
        time.sleep(0.4)  # past any second report of that write (an event and a poll)
        before = watching.count
        (folder / "other.toml").write_text("not ours", encoding="utf-8")
        assert not watching.reported(before, within=0.5)
    finally:
        watching.close()
