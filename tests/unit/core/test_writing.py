"""Fault tests for the one writer: every kind of target, every way a write can fail.

Devices are made in a temporary folder (`os.mknod`, as root); `/dev` is never written.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tui.core.atomic import write_file, write_many, write_stream
from tui.core.errors import WriteError

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="creating device nodes needs root")


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_new_file_gets_umask_mode_and_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_file(tmp_path / "new.ics", b"a")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.ics").stat().st_mode) == 0o640
    kept = tmp_path / "kept.ics"
    kept.write_bytes(b"old")
    kept.chmod(0o600)
    write_file(kept, b"new")
    assert kept.read_bytes() == b"new"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert _only(tmp_path) == ["kept.ics", "new.ics"]


def test_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "cal.ics"
    target.write_bytes(b"old")
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    write_file(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new"
    assert _only(real_dir) == ["cal.ics"] and _only(tmp_path) == ["link.ics", "real"]


def test_dangling_symlink_gets_its_target_created(tmp_path: Path) -> None:
    link = tmp_path / "link.ics"
    link.symlink_to(tmp_path / "later.ics")
    write_file(link, b"data")
    assert link.is_symlink()
    assert (tmp_path / "later.ics").read_bytes() == b"data"


def test_chain_of_symlinks_is_followed_to_the_end(tmp_path: Path) -> None:
    target = tmp_path / "end.ics"
    target.write_bytes(b"old")
    (tmp_path / "b").symlink_to(target)
    (tmp_path / "a").symlink_to(tmp_path / "b")
    write_file(tmp_path / "a", b"new")
    assert target.read_bytes() == b"new" and (tmp_path / "a").is_symlink()


def test_hard_link_keeps_every_name_in_step(tmp_path: Path) -> None:
    first = tmp_path / "first.ics"
    first.write_bytes(b"old content, longer than the new")
    second = tmp_path / "second.ics"
    os.link(first, second)
    write_file(first, b"new")
    assert second.read_bytes() == b"new" and first.read_bytes() == b"new"
    assert first.stat().st_ino == second.stat().st_ino
    assert _only(tmp_path) == ["first.ics", "second.ics"]


def test_fifo_with_a_reader_receives_the_bytes(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    for _ in range(200):  # wait until the reader has the pipe open
        try:
            write_file(fifo, b"through the pipe")
            break
        except WriteError:
            threading.Event().wait(0.01)
    reader.join(5)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_fifo_without_a_reader_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="no program is reading"):
        write_file(fifo, b"x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@needs_root
def test_character_device_is_written_into_and_stays_a_device(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    write_file(null, b"discarded")
    assert stat.S_ISCHR(null.stat().st_mode)
    link = tmp_path / "link-to-null"
    link.symlink_to(null)
    write_file(link, b"discarded")
    assert link.is_symlink() and stat.S_ISCHR(null.stat().st_mode)


@needs_root
def test_full_device_is_a_clear_error(tmp_path: Path) -> None:
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    with pytest.raises(WriteError, match="No space left on device"):
        write_file(full, b"x" * 10)
    assert stat.S_ISCHR(full.stat().st_mode)


def test_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "cal.ics"
    target.write_bytes(b"previous")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(WriteError, match="No space left on device") as caught:
        write_file(target, b"new")
    assert "\n" not in str(caught.value)
    assert target.read_bytes() == b"previous"
    assert _only(tmp_path) == ["cal.ics"]


def test_name_too_long_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="too long"):
        write_file(tmp_path / ("x" * 300 + ".ics"), b"data")
    assert _only(tmp_path) == []


def test_missing_folder_and_a_file_in_the_way(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="No such file or directory"):
        write_file(tmp_path / "missing" / "cal.ics", b"data")
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(WriteError, match="Not a directory"):
        write_file(tmp_path / "file" / "cal.ics", b"data")
    with pytest.raises(WriteError, match="is a directory"):
        write_file(tmp_path, b"data")


def test_exclusive_never_replaces_a_file_or_a_link(tmp_path: Path) -> None:
    existing = tmp_path / "s.toml"
    existing.write_bytes(b"mine")
    with pytest.raises(WriteError, match="already exists"):
        write_file(existing, b"theirs", exclusive=True)
    dangling = tmp_path / "d.toml"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(WriteError, match="already exists"):
        write_file(dangling, b"theirs", exclusive=True)
    assert existing.read_bytes() == b"mine" and not (tmp_path / "nowhere").exists()
    write_file(tmp_path / "fresh.toml", b"ok", exclusive=True)
    assert (tmp_path / "fresh.toml").read_bytes() == b"ok"


_AS_NOBODY = """
import os, sys
from tui.core.atomic import write_file
from tui.core.errors import WriteError
os.setgid(65534); os.setuid(65534)
try:
    write_file(sys.argv[1], b"data")
except WriteError as error:
    print(error)
"""


@pytest.mark.skipif(not ROOT, reason="needs root to switch to an unprivileged user")
@pytest.mark.parametrize("mode", [0o555, 0o444, 0o311], ids=["read-only", "no-search", "no-read"])
def test_no_permission_as_an_unprivileged_user(mode: int) -> None:
    import shutil
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="docket-perm-"))  # pytest's own folder is 0700
    top.chmod(0o755)
    folder = top / "locked"
    folder.mkdir()
    (folder / "cal.ics").write_bytes(b"old")
    folder.chmod(mode)
    try:
        result = subprocess.run(
            [sys.executable, "-c", _AS_NOBODY, str(folder / "cal.ics")],
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        folder.chmod(0o755)
    try:
        assert "Traceback" not in result.stderr
        assert "Permission denied" in result.stdout
        assert (folder / "cal.ics").read_bytes() == b"old"
        assert _only(folder) == ["cal.ics"]
    finally:
        shutil.rmtree(top)


def test_a_set_is_prepared_in_full_before_anything_is_replaced(tmp_path: Path) -> None:
    one, two = tmp_path / "a-2022.ics", tmp_path / "a-2023.ics"
    one.write_bytes(b"old 2022")
    two.write_bytes(b"old 2023")
    with pytest.raises(WriteError, match="too long"):
        write_many([(one, b"new 2022"), (tmp_path / ("x" * 300), b"x"), (two, b"new 2023")])
    assert one.read_bytes() == b"old 2022" and two.read_bytes() == b"old 2023"
    assert _only(tmp_path) == ["a-2022.ics", "a-2023.ics"]
    write_many([(one, b"new 2022"), (two, b"new 2023")])
    assert one.read_bytes() == b"new 2022" and two.read_bytes() == b"new 2023"
    assert _only(tmp_path) == ["a-2022.ics", "a-2023.ics"]


class _Closed:
    def write(self, data: bytes) -> int:
        raise ValueError("I/O operation on closed file")

    def flush(self) -> None:
        pass


class _Full:
    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        pass


def test_closed_and_full_standard_output(monkeypatch) -> None:
    with pytest.raises(WriteError, match="closed"):
        write_stream(b"x", _Closed())  # type: ignore[arg-type]
    with pytest.raises(WriteError, match="No space left"):
        write_stream(b"x", _Full())  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(WriteError, match="closed"):
        write_stream(b"x")
