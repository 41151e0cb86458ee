"""What the command line says when an operating-system error escapes a command.

Each command reports its own failures (a schedule that cannot be opened, a file that cannot
be written); this is the net under them, in `tui.cli.main.run`. It used to call every
escaped `OSError` a failed write to standard output, so a revision name too long for a file
name, or a state directory that could not be made, was reported as "cannot write to
standard output". Now only what really is standard output says so: a write `say` could not
make (`StandardOutputError`), or a broken pipe or closed descriptor with no file named.
Anything else names what failed and the file: `docket: cannot open x.toml: Permission denied`.
"""

from __future__ import annotations

import errno
import linecache
import re
from types import TracebackType

from tui.core.text import short_name


class StandardOutputError(Exception):
    """Writing to standard output (or error) failed; `error` is the OS's reason.

    Not an `OSError`, so no handler meant for a file mistakes it for one of its own.
    """

    def __init__(self, error: OSError | ValueError, stream: str = "standard output") -> None:
        super().__init__(f"cannot write to {stream}")
        self.error = error
        self.stream = stream


#: Words of the failing call (its function's name, else its line) and what they did, in the
#: order they are tried: a `read_text` that fails in its `open` is an open that failed.
_OPERATIONS = (
    (frozenset({"mkdir", "makedirs"}), "create the directory"),
    (frozenset({"rmdir", "unlink", "remove", "rmtree"}), "remove"),
    (frozenset({"rename", "replace", "move"}), "rename"),
    (frozenset({"chmod", "chown"}), "change the permissions of"),
    (frozenset({"write", "writelines", "dump", "save", "flush"}), "write"),
    (frozenset({"read", "readall", "readlines", "load"}), "read"),
    (frozenset({"open", "fdopen"}), "open"),
    (
        frozenset(
            {"stat", "lstat", "fstat", "exists", "resolve", "iterdir", "scandir", "listdir"}
            | {"walk", "isdir", "isfile", "realpath", "access"}
        ),
        "check",
    ),
)

#: Reasons that only a write can have, for when the call does not say what it did.
_WRITE_ERRNOS = frozenset({errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def is_standard_output(error: OSError) -> bool:
    """Whether an escaped `OSError` is standard output failing: a broken pipe, or a
    closed descriptor, with no file named (any call on a file names it)."""
    return error.filename is None and error.errno in (errno.EPIPE, errno.EBADF)


def describe(error: OSError) -> str:
    """`cannot OPERATION FILE: reason` (the file shortened if huge), for the one line."""
    reason = error.strerror or str(error) or type(error).__name__
    operation = _operation(error.__traceback__, error.errno)
    if error.filename is None:
        return f"cannot {operation}: {reason}"
    name = short_name(_text(error.filename))
    if error.filename2 is not None:
        return f"cannot {operation} {name} to {short_name(_text(error.filename2))}: {reason}"
    return f"cannot {operation} {name}: {reason}"


def _operation(trace: TracebackType | None, number: int | None) -> str:
    """What the failing call was doing, from the innermost frame of the traceback."""
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    if trace is not None:
        code = trace.tb_frame.f_code
        line = linecache.getline(code.co_filename, trace.tb_lineno)
        for place in (code.co_name, line):
            words = set(re.findall("[a-z]+", place.lower()))
            for names, operation in _OPERATIONS:
                if names & words:
                    return operation
    return "write" if number in _WRITE_ERRNOS else "use"


def _text(name: object) -> str:
    if isinstance(name, bytes):
        return name.decode("utf-8", "replace")
    return str(name)
