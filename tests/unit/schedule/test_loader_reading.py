"""Whatever the path is, reading it ends: pipes, devices, huge files, other encodings.

Each test that could hang if reading regressed runs in a child process with a timeout, so
a regression fails the test instead of stopping the run. Pipes and devices are made in the
test's own temporary folder.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import ScheduleError, ScheduleFileError
from tui.schedule.loader import bundled_schedule_path, load_path, load_text
from tui.schedule.peek import check_readable, peek
from tui.schedule.reading import MAX_BYTES, decode

BUNDLED = bundled_schedule_path()
TEXT = BUNDLED.read_text(encoding="utf-8")
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _child(code: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
    )


def _load_in_child(path: Path) -> str:
    """What loading `path` says, from a child process that must finish within seconds."""
    code = (
        "from tui.core.errors import ScheduleError, ScheduleFileError\n"
        "from tui.schedule.loader import load_path\n"
        "try:\n"
        f"    print('ok', load_path({str(path)!r}).schedule.id)\n"
        "except ScheduleError as e:\n"
        "    print('invalid', e.errors[0])\n"
        "except ScheduleFileError as e:\n"
        "    print('unopenable', e)\n"
    )
    result = _child(code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# -- other encodings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16"),  # with a byte-order mark
        ("utf-16-le", "UTF-16"),  # without one: told by its NUL bytes
        ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"),
        ("utf-32-le", "UTF-32"),
        ("utf-32-be", "UTF-32"),
    ],
)
def test_utf16_and_utf32_files_say_so_at_line_one(encoding: str, name: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        load_text(TEXT.encode(encoding), "s.toml")
    assert [str(d) for d in caught.value.errors] == [
        f"s.toml:1:1: error: {name} text: save the file as UTF-8"
    ]


def test_a_utf8_byte_order_mark_is_fine_and_binary_is_still_binary() -> None:
    assert load_text(b"\xef\xbb\xbf" + TEXT.encode()).schedule.id == "ahc-cybercrime"
    with pytest.raises(ScheduleError, match="binary data"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "s.png")
    with pytest.raises(ScheduleError, match="binary data"):
        decode(b"a = 1\n\x00", "s.toml")  # one NUL is not UTF-16


# -- pipes and devices ---------------------------------------------------------------------


@posix_only
def test_a_named_pipe_without_a_writer_reads_as_empty(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    assert _load_in_child(fifo) == (
        f"invalid {fifo}:1:1: error: empty file: a schedule needs a [schedule] table"
    )
    # check_readable and peek do not even open it (opening makes a waiting writer fail).
    result = _child(
        "from pathlib import Path\n"
        "from tui.schedule.peek import check_readable, peek\n"
        f"check_readable(Path({str(fifo)!r})); print(peek(Path({str(fifo)!r})))\n"
    )
    assert result.stdout.strip() == "(None, None)", result.stderr


@posix_only
def test_a_named_pipe_with_a_writer_is_read_to_its_end(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    # A reader held open lets the writer open without waiting, as `cat f > fifo` would.
    holder = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    writer = os.open(fifo, os.O_WRONLY)
    data = TEXT.encode()

    def write() -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(writer, view[:4096]) :]
        os.close(writer)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    try:
        assert peek(fifo) == (None, None)  # never takes bytes the loader needs
        check_readable(fifo)
        assert load_path(fifo).schedule.id == "ahc-cybercrime"
    finally:
        thread.join(5)
        os.close(holder)


@posix_only
def test_docket_check_reads_process_substitution() -> None:
    script = f'"{sys.executable}" -m tui check <(cat "{BUNDLED}")'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid: 21 events" in result.stdout


def _device(tmp_path: Path, name: str, major: int, minor: int) -> Path:
    """A character device in the test's folder (not /dev), if this process may make one."""
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o444, os.makedev(major, minor))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot make device nodes here")
    return path


def test_an_endless_device_is_too_large_to_be_a_schedule(tmp_path: Path) -> None:
    zeros = _device(tmp_path, "zeros.toml", 1, 5)  # the zero device's numbers on Linux
    assert (
        _load_in_child(zeros)
        == f"invalid {zeros}:1:1: error: too large to be a schedule (over 64 MiB)"
    )


def test_an_empty_device_is_an_empty_file(tmp_path: Path) -> None:
    null = _device(tmp_path, "null.toml", 1, 3)
    assert _load_in_child(null).endswith(
        "1:1: error: empty file: a schedule needs a [schedule] table"
    )


def test_a_huge_regular_file_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:  # sparse: no 64 MiB written to the disk
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(ScheduleError) as caught:
        load_path(huge)
    assert (
        str(caught.value.errors[0])
        == f"{huge}:1:1: error: too large to be a schedule (over 64 MiB)"
    )


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as handle:
        handle.write(b"#")
        handle.truncate(MAX_BYTES)
    with pytest.raises(ScheduleError, match="binary data"):  # NULs, but read to the end
        load_path(big)


# -- what cannot be opened at all stays exit code 2 ---------------------------------------


def test_missing_directory_and_unreadable_paths_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(ScheduleFileError, match="no such file"):
        load_path(tmp_path / "nope.toml")
    with pytest.raises(ScheduleFileError, match="is a directory"):
        load_path(tmp_path)
    with pytest.raises(ScheduleFileError, match="is a directory"):
        check_readable(tmp_path)
    if os.geteuid() != 0:  # root reads everything
        locked = tmp_path / "locked.toml"
        locked.write_text(TEXT, encoding="utf-8")
        locked.chmod(0)
        with pytest.raises(ScheduleFileError, match="permission denied"):
            load_path(locked)
        with pytest.raises(ScheduleFileError, match="permission denied"):
            check_readable(locked)


@posix_only
def test_the_cli_exit_codes_for_a_pipe_and_a_directory(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    run = [sys.executable, "-m", "tui", "check"]
    empty = subprocess.run([*run, str(fifo)], capture_output=True, text=True, timeout=30)
    assert empty.returncode == 1 and "empty file" in empty.stdout
    directory = subprocess.run([*run, str(tmp_path)], capture_output=True, text=True, timeout=30)
    assert directory.returncode == 2


# -- the first bad byte, whatever it is ------------------------------------------------------


def _first_offence(data: bytes) -> int | None:
    """Where a file stops being TOML text, found independently of the loader: the first
    byte Python's UTF-8 decoder refuses, or the first control byte TOML allows nowhere
    (every C0 control but tab and line feed, DEL, a carriage return not before a line feed).
    """
    starts: list[int] = []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        starts.append(error.start)
    for offset, byte in enumerate(data):
        if (
            (byte < 0x20 and byte not in (0x09, 0x0A, 0x0D))
            or byte == 0x7F
            or (byte == 0x0D and data[offset + 1 : offset + 2] != b"\n")
        ):
            starts.append(offset)
            break
    return min(starts) if starts else None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(TEXT.encode())), st.binary(min_size=1, max_size=8)),
        min_size=1,
        max_size=4,
    )
)
def test_random_bytes_anywhere_are_reported_at_the_first_offending_byte(
    insertions: list[tuple[int, bytes]],
) -> None:
    data = TEXT.encode()
    for offset, chunk in sorted(insertions, reverse=True):
        data = data[:offset] + chunk + data[offset:]
    first = _first_offence(data)
    if first is None or data.startswith((b"\xfe\xff", b"\xff\xfe")):
        return  # still text (other errors are other tests' concern), or a UTF-16 mark
    with pytest.raises(ScheduleError) as caught:
        decode(data, "s.toml")
    [error] = caught.value.errors
    line_start = data.rfind(b"\n", 0, first) + 1
    expected = (data.count(b"\n", 0, first) + 1, len(data[line_start:first].decode()) + 1)
    assert (error.line, error.column) == expected, (error, data[max(0, first - 10) : first + 10])


@pytest.mark.parametrize(
    ("data", "where", "says"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", (1, 1), "binary data (byte 0x89 is not UTF-8)"),
        (b'[schedule]\nid = "a"\x00\n', (2, 9), "binary data (NUL byte)"),
        (b'[schedule]\nid = "\x07"\ntitle = "\xff"\n', (2, 7), "control character U+0007"),
        (b'[schedule]\nid = "\xff"\ntitle = "\x07"\n', (2, 7), "invalid UTF-8 byte 0xff"),
        (b'[schedule]\r\nid = "a"\rtitle = "b"\r\n', (2, 9), "carriage return (U+000D)"),
        (b"# caf\xc3\xa9 \x7f\n", (1, 8), "control character U+007F"),
    ],
    ids=["png", "nul", "control-first", "utf8-first", "lone-cr", "del-after-accent"],
)
def test_the_first_problem_is_the_one_reported(
    data: bytes, where: tuple[int, int], says: str
) -> None:
    with pytest.raises(ScheduleError) as caught:
        decode(data, "s.toml")
    [error] = caught.value.errors
    assert (error.line, error.column) == where and says in error.message, error


def test_crlf_line_ends_are_not_controls() -> None:
    assert load_text(TEXT.replace("\n", "\r\n").encode()).schedule.id
