"""The `--secret` segment: a private feed address, kept so that subscriptions survive restarts.

Whoever can write the folder that holds it could plant a secret they know (and so read the
private calendars), or put a symbolic link there; so the folder must be a directory of this
user that no other user can write (docket creates it 0700), and the file a regular file of
this user that no one else can read or write (0600), never opened through a symbolic link.
Anything else is refused with the reason before the server listens, and the planner fixes
it (`chmod`, or another `--state`). A file that holds no valid secret is set aside as
`serve-secret.damaged` and a new secret is made, which the log says (subscribers need the
new address).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from tui.core.atomic import write_file
from tui.core.errors import DocketError, WriteError
from tui.core.sanitize import visible

SECRET_NAME = "serve-secret"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22,128}")
#: What the folder and the file must be, by the words a refusal names them with: the test
#: of the kind, the mode bits no other user may have, what those would let them do and the fix.
_PRIVATE: dict[str, tuple[Callable[[int], bool], int, str]] = {
    "a folder": (
        stat.S_ISDIR,
        0o022,
        "can be written by other users (mode {mode}): they could plant the secret; "
        "`chmod 700` it or choose another --state folder",
    ),
    "a regular file": (
        stat.S_ISREG,
        0o077,
        "can be read or written by other users (mode {mode}): the address may have "
        "leaked; remove the file to make a new secret, or `chmod 600` it to keep this one",
    ),
}


class SecretError(DocketError):
    """The secret's folder or file cannot be trusted or used: the server does not start."""


def secret_segment(
    folder: Path, log: Callable[[str], None], name: str = SECRET_NAME, command: str = "serve"
) -> str:
    """The secret kept in `folder` as `name`, made (and kept 0600) when there is none;
    `command` names who says so (`docket web` keeps its own, `web-secret`)."""
    _check_folder(folder)
    path = folder / name
    token, problem = _read(path)
    if token is not None:
        return token
    if problem is not None:
        with contextlib.suppress(OSError):
            os.replace(path, folder / f"{name}.damaged")
        log(
            f"docket: {command}: {_shown(path)}: {problem}; set aside as {name}.damaged "
            "and a new secret made: whoever had the old address needs the new one"
        )
    token = secrets.token_urlsafe(24)
    old = os.umask(0o077)  # a new file is 0600
    try:
        write_file(path, (token + "\n").encode("ascii"), exclusive=True)
    except WriteError as error:
        raise SecretError(f"--secret: {error}") from None
    finally:
        os.umask(old)
    return token


def _check_folder(folder: Path) -> None:
    """Refuse a folder another user owns or can write, or a link another user placed."""
    try:
        info = os.lstat(folder)
    except OSError as error:
        if error.errno not in (errno.ENOENT, errno.ENOTDIR):
            raise _refusal(folder, f"cannot be read ({_reason(error)})") from None
        info = _create(folder)  # missing, or under a file: making it says what is wrong
    if stat.S_ISLNK(info.st_mode):
        if info.st_uid != os.geteuid():
            raise _refusal(folder, "is a symbolic link another user placed; not followed")
        try:
            info = os.stat(folder)
        except OSError as error:
            why = f"is a symbolic link to nothing usable ({_reason(error)})"
            raise _refusal(folder, why) from None
    _refuse_unless_private(folder, info, "a folder")


def _create(folder: Path) -> os.stat_result:
    try:
        os.makedirs(folder, mode=0o700)
    except FileExistsError:
        pass  # made meanwhile: checked like any other
    except OSError as error:
        raise _refusal(folder, f"cannot be created ({_reason(error)})") from None
    try:
        return os.lstat(folder)
    except OSError as error:
        raise _refusal(folder, f"cannot be read ({_reason(error)})") from None


def _read(path: Path) -> tuple[str | None, str | None]:
    """(the secret, None), (None, why it is damaged), or (None, None) when there is none."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None, None
    except OSError as error:
        if error.errno == errno.ELOOP or path.is_symlink():
            why = "is a symbolic link; a secret is never read through one"
            raise _refusal(path, why) from None
        raise _refusal(path, f"cannot be read ({_reason(error)})") from None
    try:
        info = os.fstat(fd)
        _refuse_unless_private(path, info, "a regular file")
        data = os.read(fd, 257)
    except OSError as error:
        raise _refusal(path, f"cannot be read ({_reason(error)})") from None
    finally:
        os.close(fd)
    text = data.decode("ascii", "replace").strip()
    if _TOKEN.fullmatch(text):
        return text, None
    return None, "holds no valid secret"


def _refuse_unless_private(path: Path, info: os.stat_result, kind: str) -> None:
    """Refuse `path` unless its stat `info` is of `kind` (a key of `_PRIVATE`), of this
    user, and private as that kind must be."""
    is_kind, exposing, risk = _PRIVATE[kind]
    if not is_kind(info.st_mode):
        raise _refusal(path, f"is not {kind}")
    if info.st_uid != os.geteuid():
        raise _refusal(path, f"belongs to another user (uid {info.st_uid})")
    if info.st_mode & exposing:
        raise _refusal(path, risk.format(mode=f"{stat.S_IMODE(info.st_mode):04o}"))


def _refusal(path: Path, why: str) -> SecretError:
    return SecretError(f"--secret: {_shown(path)}: {why}")


def _shown(path: Path) -> str:
    return visible(str(path))


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
