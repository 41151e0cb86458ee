"""Atomic file writes: a temporary file beside the target, flushed, then renamed over it.

A failed write (full disk, no permission, interrupted) leaves no partial file and the
previous version of the target untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from tui.core.errors import WriteError


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write `data` to `path` all at once; with `exclusive`, fail if `path` appears meanwhile."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise WriteError(f"{path}: is a directory")
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, _mode_for(path))
        if exclusive:
            os.link(temp_name, path)  # fails if the target exists: never clobbers
            os.unlink(temp_name)
        else:
            os.replace(temp_name, path)
        temp_name = None
    except FileExistsError:
        raise WriteError(f"{path}: already exists; not overwritten") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise WriteError(f"{path}: cannot write ({reason})") from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0o666 minus umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
