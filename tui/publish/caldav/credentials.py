"""Where `docket publish` finds its password: an environment variable named on the command
line, else ~/.netrc (machine = the URL's host); never the command line or the URL itself.

~/.netrc is a file of secrets, so nothing of its content ever reaches a message: the
standard parser's errors quote the token at fault (`bad follower token 'hunter2'` when a
password holds a space), and here they become the file's line number and nothing else.
It is read only when it is a regular file of sensible size (a FIFO would block the run).
Its own checks stay in force: the default file must belong to the user and be readable
by nobody else.
"""

from __future__ import annotations

import netrc
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from tui.publish.caldav.urls import PublishUsageError, Target

#: A ~/.netrc larger than this is not read.
MAX_NETRC = 1024 * 1024


def credentials(
    target: Target,
    user: str | None,
    password_env: str | None,
    environ: Mapping[str, str] | None = None,
    netrc_file: Path | None = None,
) -> tuple[str, str] | None:
    """(user, password) from `--password-env`, else ~/.netrc (machine = the URL's host);
    None when neither gives one (the server may need none). PublishUsageError when the
    environment variable is not set, or ~/.netrc cannot be used."""
    environ = os.environ if environ is None else environ
    user = user or target.user
    if password_env:
        password = environ.get(password_env)
        if password is None:
            raise PublishUsageError(f"--password-env: the variable {password_env} is not set")
        if not user:
            raise PublishUsageError("--password-env needs --user (or a user in the URL)")
        return user, password
    found = _netrc_entry(target.host, netrc_file)
    if found is None:
        return None
    login, _, password = found
    if user and login and login != user:
        return None  # the entry is someone else's
    if not (user or login) or not password:
        return None
    return user or login, password


def _netrc_entry(host: str, netrc_file: Path | None) -> tuple[str, str, str] | None:
    """The (login, account, password) of `host` in the netrc file, None when it has none."""
    path = netrc_file or Path(os.path.expanduser("~")) / ".netrc"
    name = str(netrc_file) if netrc_file else "~/.netrc"
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise PublishUsageError(f"{name} cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise PublishUsageError(f"{name} is not a regular file: not read")
    if info.st_size > MAX_NETRC:
        raise PublishUsageError(f"{name} is larger than 1 MB: not read")
    try:
        parsed = netrc.netrc(str(netrc_file) if netrc_file else None)
    except FileNotFoundError:
        return None
    except netrc.NetrcParseError as error:
        raise PublishUsageError(_parse_problem(name, error)) from None
    except UnicodeError:
        raise PublishUsageError(f"{name} is not UTF-8 text: not read") from None
    except OSError as error:
        raise PublishUsageError(f"{name} cannot be read ({error.strerror})") from None
    found = parsed.authenticators(host)
    return (found[0] or "", found[1] or "", found[2] or "") if found else None


def _parse_problem(name: str, error: netrc.NetrcParseError) -> str:
    """The parser's complaint without its words when they may quote the file."""
    if error.msg.startswith("~/.netrc"):  # ownership or permissions: no content in it
        return f"{name} is not used: {error.msg[len('~/.netrc ') :]}"
    where = f" near line {error.lineno}" if error.lineno else ""
    return (
        f"{name} cannot be parsed{where} (expected `machine HOST login USER password "
        "PASSWORD`; the line is not shown, it may hold a password)"
    )
