"""State and cache files as untrusted input: what `tui.core.state_files` reads, refuses,
sets aside and writes, attacked with pipes, devices, planted links, foreign directories,
deep nesting and random bytes."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core import state_files
from tui.core.errors import WriteError
from tui.core.state_files import StateFileError

OTHER_UID = 65534  # nobody: a user other than the one running the tests (root here)


def finishes(call: Callable[[], Any]) -> Any:
    """Run `call` in a thread and wait for it (a regression would hang, not fail: bounded)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "blocked"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def zero_device(where: Path) -> Path:
    """A character device like the zero device, made here (never touching /dev)."""
    try:
        os.mknod(where, stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return where


def needs_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("changing a file's owner needs root")


def test_a_fifo_is_refused_at_once_and_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "ledger.json"
    os.mkfifo(fifo)
    with pytest.raises(StateFileError, match="named pipe") as caught:
        finishes(lambda: state_files.read_json(fifo))
    assert not caught.value.damaged  # not renamed aside: it stays what it is
    with pytest.raises(WriteError, match="not a regular file"):
        finishes(lambda: state_files.write_json(fifo, {}))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_is_refused_without_reading(tmp_path: Path) -> None:
    device = zero_device(tmp_path / "state.json")
    with pytest.raises(StateFileError, match="character device"):
        finishes(lambda: state_files.read_bytes(device))
    with pytest.raises(WriteError):
        state_files.write_json(device, {})
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_link_another_user_planted_is_never_followed(tmp_path: Path) -> None:
    needs_root()
    target = tmp_path / "precious.txt"
    target.write_bytes(b"keep me")
    link = tmp_path / "ledger.json"
    link.symlink_to(target)
    os.lchown(link, OTHER_UID, OTHER_UID)
    with pytest.raises(StateFileError, match="another user"):
        state_files.read_bytes(link)
    with pytest.raises(WriteError, match="another user"):
        state_files.write_json(link, {"x": 1})
    assert target.read_bytes() == b"keep me" and link.is_symlink()


def test_a_link_the_user_made_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir(mode=0o700)
    target = tmp_path / "real" / "ledger.json"
    link = tmp_path / "ledger.json"
    link.symlink_to(target)
    state_files.write_json(link, {"a": 1})
    assert link.is_symlink() and json.loads(target.read_text()) == {"a": 1}
    assert state_files.read_json(link) == {"a": 1}


def test_without_following_a_link_is_replaced_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_bytes(b"keep me")
    entry = tmp_path / "entry"
    entry.symlink_to(target)
    with pytest.raises(StateFileError, match="symbolic link"):
        state_files.read_bytes(entry, follow_links=False)
    state_files.write_bytes(entry, b"new", follow_links=False)
    assert not entry.is_symlink() and entry.read_bytes() == b"new"
    assert target.read_bytes() == b"keep me"


def test_directories_are_made_private(tmp_path: Path) -> None:
    os.umask(old := os.umask(0))  # whatever the umask is, the folders come out 0700
    try:
        state_files.write_json(tmp_path / "a" / "b" / "state.json", {})
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b" / "state.json").stat().st_mode) == 0o600


@pytest.mark.parametrize("how", ["world-writable", "group-writable", "another owner"])
def test_a_directory_others_can_write_or_own_is_refused(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    if how == "world-writable":
        folder.chmod(0o777)
    elif how == "group-writable":
        folder.chmod(0o770)
        needs_root()
        os.chown(folder, 0, OTHER_UID)  # a group that is not the user's own
    else:
        needs_root()
        os.chown(folder, OTHER_UID, OTHER_UID)
    assert state_files.directory_problem(folder) is not None
    (folder / "state.json").write_text("{}")
    with pytest.raises(WriteError, match="shared"):
        state_files.write_json(folder / "state.json", {"x": 1})
    assert (folder / "state.json").read_text() == "{}"
    with pytest.raises(StateFileError):
        state_files.ensure_directory(folder)
    with pytest.raises(StateFileError, match="shared"):  # what is there may be planted
        state_files.read_json(folder / "state.json")


def test_deep_nesting_is_refused_before_the_parser_recurses(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    for text in ("[" * 200_000 + "]" * 200_000, '{"a":' * 100_000 + "1" + "}" * 100_000):
        path.write_text(text)
        with pytest.raises(StateFileError, match="nested deeper") as caught:
            state_files.read_json(path)
        assert caught.value.damaged


def test_a_file_over_the_limit_is_damaged_and_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b" " * 2000)
    with pytest.raises(StateFileError, match="larger than") as caught:
        state_files.read_bytes(path, limit=1000)
    assert caught.value.damaged


def test_a_damaged_file_is_set_aside_with_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "ledger.json"
    path.write_bytes(b"{not json")
    with pytest.raises(StateFileError) as caught:
        state_files.read_json(path)
    report = state_files.damage_report(caught.value, "docket ledger")
    [aside] = tmp_path.glob("ledger.json.damaged-*")
    assert aside.read_bytes() == b"{not json" and not path.exists()
    assert aside.name in report and "ledger.json" in report


def test_a_message_never_carries_a_control_character(tmp_path: Path) -> None:
    path = tmp_path / "\x1b[31mstate.json"
    path.write_bytes(b"\x1b]0;owned\x07")
    with pytest.raises(StateFileError) as caught:
        state_files.read_json(path)
    report = state_files.damage_report(caught.value, "state")
    assert "\x1b" not in report and "\x07" not in report


def _depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab\x00é'),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet='[]{}"\\k', max_size=3), inner, max_size=3)
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(_json, st.integers(min_value=0, max_value=8))
def test_the_depth_test_agrees_with_the_real_depth(value: Any, limit: int) -> None:
    data = json.dumps(value).encode()
    assert state_files.nesting_within(data, limit) == (_depth(value) <= limit)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.binary(max_size=300)
    | st.builds(lambda n: b"[" * n + b"]" * n, st.integers(0, 5000))
    | st.builds(lambda n: b'{"a":' * n, st.integers(0, 5000))
    | st.builds(lambda n: b"9" * n, st.integers(1, 6000))
)
def test_any_bytes_are_a_value_or_a_damaged_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(data)
    try:
        state_files.read_json(path)
    except StateFileError as error:
        assert error.damaged


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.json"
    state_files.write_json(path, {"old": 1})

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match="No space left"):
        state_files.write_json(path, {"new": 2})
    assert json.loads(path.read_text()) == {"old": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.json"]


def test_a_damaged_file_behind_the_users_own_link_is_set_aside_where_it_is(
    tmp_path: Path,
) -> None:
    (tmp_path / "real").mkdir(mode=0o700)
    target = tmp_path / "real" / "ledger.json"
    target.write_bytes(b"[" * 100)
    link = tmp_path / "ledger.json"
    link.symlink_to(target)
    with pytest.raises(StateFileError) as caught:
        state_files.read_json(link)
    report = state_files.damage_report(caught.value, "docket ledger")
    [aside] = (tmp_path / "real").glob("ledger.json.damaged-*")
    assert aside.read_bytes() == b"[" * 100 and aside.name in report
    assert link.is_symlink()  # the link stays; the next save writes a fresh target


# -- read_state: the one loader of the ledger and the publish state -------------------------


def _strict(data: Any) -> int:
    if not isinstance(data, dict) or data.get("format") != "test":
        raise ValueError("no format marker")
    n = data["n"]
    if type(n) is not int:
        raise TypeError("n: expected an integer")
    return n


def test_read_state_of_no_file_is_neither_a_value_nor_a_problem(tmp_path: Path) -> None:
    assert state_files.read_state(tmp_path / "none.json", _strict, "test state") == (None, None)


def test_read_state_gives_what_the_parser_makes(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"format": "test", "n": 3}')
    assert state_files.read_state(path, _strict, "test state") == (3, None)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=8,
    )
)
def test_read_state_sets_aside_whatever_the_parser_refuses(tmp_path: Path, value: Any) -> None:
    for old in tmp_path.iterdir():
        old.unlink()
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"format": "test", "n": value}))
    loaded, problem = state_files.read_state(path, _strict, "test state")
    if type(value) is int:
        assert loaded == value and problem is None
        return
    assert loaded is None and problem is not None and "test state" in problem
    assert not path.exists()
    [aside] = tmp_path.glob("s.json.damaged-*")
    assert aside.name in problem
