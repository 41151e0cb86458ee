"""Running git so that nothing in a repository can run a command, and reading one blob.

A repository is untrusted input, like a schedule file: `docket diff HEAD~1 ~/Downloads/x/plan.toml`
points git at whatever repository encloses that file, and a repository's configuration can
name commands. `core.fsmonitor` runs when the index is read (`:path`); a partial clone
fetches a missing object from its promisor remote, through an `ext::` URL, an `uploadPack`
command, an alias named `remote-X`, or whatever protocol its config allows. So every git
docket starts:

- has a clean environment: inherited GIT_* variables are dropped, except those that only say
  where the repository is; no system config; no prompts; messages in the C locale;
- runs under configuration given on its command line, which beats the repository's own: no
  fsmonitor, no hooks, no pager, no credential helper, no ssh, no protocol at all
  (`GIT_ALLOW_PROTOCOL`, which overrides even a repository's `protocol.X.allow`);
- never fetches: `GIT_NO_LAZY_FETCH` (git 2.44, and the security releases back to 2.39.4),
  and for a git without it every promisor remote is pointed at a transport
  `GIT_ALLOW_PROTOCOL` refuses, so a missing object stays missing instead of being fetched
  (each of the two stops every way of fetching the tests try, alone);
- reads objects with plain `cat-file blob` (no textconv, no filters), after `--batch-check`
  has said the object is here, is a blob, and is no bigger than the loader reads from a file
  (`tui.schedule.reading.MAX_BYTES`): a 10 GB blob is refused before a byte of it is read.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from tui.core.words import plural

#: How long one git command may take. Reading one object takes milliseconds; what takes
#: longer is waiting on something that never comes (a config `include.path` naming a FIFO).
TIMEOUT_SECONDS: Final = 20

#: The only protocol git may use. GIT_ALLOW_PROTOCOL cannot be an empty list (an empty value
#: allows the empty name, which a `::x` URL reaches, and an alias `remote-` then runs), so
#: it lists one name no transport has, and the promisor remotes (the only ones a read would
#: fetch from) are pointed at another (`_NO_FETCH`), whatever their own config says.
_ALLOWED_PROTOCOL: Final = "docket-allows-no-protocol"
_NO_FETCH: Final = "docket-never-fetches"

#: Inherited variables kept: they say where the repository is (a hook's GIT_DIR and
#: GIT_INDEX_FILE, a test's GIT_CEILING_DIRECTORIES), never what git may run.
_KEPT: Final = frozenset(
    {
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR",
        "GIT_NAMESPACE",
        "GIT_CEILING_DIRECTORIES",
        "GIT_DISCOVERY_ACROSS_FILESYSTEM",
    }
)

#: Configuration that beats the repository's: nothing git reads can name a command to run.
_SETTINGS: Final = (
    ("core.fsmonitor", "false"),
    ("core.hooksPath", os.devnull),
    ("core.sshCommand", "false"),
    ("core.askPass", ""),
    ("core.pager", "cat"),
    ("credential.helper", ""),
    ("protocol.allow", "never"),
    ("gc.auto", "0"),
    ("maintenance.auto", "false"),
)

_INFO = re.compile(rb"([0-9a-f]{40,64}) (blob|tree|commit|tag) ([0-9]+)")


class GitUnavailable(Exception):
    """git could not be run at all; the message says why (not installed, timed out)."""


@dataclass(frozen=True, slots=True)
class ObjectInfo:
    """What `cat-file --batch-check` says of a name: its object id, type and size."""

    oid: str
    kind: str
    size: int


@dataclass(frozen=True, slots=True)
class Lookup:
    """The answers for each name asked (None: missing), and git's standard error."""

    found: list[ObjectInfo | None]
    returncode: int
    stderr: bytes

    @property
    def fetch_refused(self) -> bool:
        """Whether a missing object is one git would have fetched (a partial clone): refused
        by GIT_NO_LAZY_FETCH, or by the transport of a promisor remote."""
        refused = b"transport '" in self.stderr and b"not allowed" in self.stderr
        return refused or b"lazy fetching disabled" in self.stderr


def object_environment(cwd: Path | None) -> dict[str, str]:
    """The environment for commands that read objects in the repository around `cwd`:
    locked down, and every promisor remote made unable to fetch. Made once per read."""
    env = _environment()
    _settle_promisors(env, cwd)
    return env


def run_git(
    args: list[str],
    cwd: Path | None,
    *,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """`git ARGS` in `cwd`, locked down as the module says (`env`: `object_environment`'s,
    for what reads objects)."""
    try:
        return subprocess.run(
            ["git", "--no-pager", *args],
            cwd=cwd,
            input=stdin,
            stdin=subprocess.DEVNULL if stdin is None else None,
            capture_output=True,
            check=False,
            env=_environment() if env is None else env,
            timeout=TIMEOUT_SECONDS,
        )
    except FileNotFoundError:
        raise GitUnavailable("git is not installed (it is needed for REV:PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitUnavailable(_too_long()) from None
    except (OSError, subprocess.SubprocessError) as error:
        raise GitUnavailable(f"cannot run git ({error})") from None


def look_up(names: list[str], cwd: Path | None, env: dict[str, str]) -> Lookup:
    """Type and size of each of `names` (`REV:PATH`, `REV`), without reading any object."""
    request = "".join(f"{name}\n" for name in names).encode("utf-8", "surrogateescape")
    answer = run_git(
        ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"],
        cwd,
        stdin=request,
        env=env,
    )
    lines = answer.stdout.split(b"\n")
    found: list[ObjectInfo | None] = []
    for number in range(len(names)):
        match = _INFO.fullmatch(lines[number]) if number < len(lines) else None
        if match is None:
            found.append(None)
        else:
            oid, kind, size = (part.decode("ascii") for part in match.groups())
            found.append(ObjectInfo(oid, kind, int(size)))
    return Lookup(found, answer.returncode, answer.stderr)


def read_blob(info: ObjectInfo, cwd: Path | None, env: dict[str, str]) -> bytes | None:
    """The blob's bytes (its size already checked against the cap), None if git fails."""
    blob = run_git(["cat-file", "blob", info.oid], cwd, env=env)
    if blob.returncode != 0 or len(blob.stdout) != info.size:
        return None
    return blob.stdout


def _environment() -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if (not name.startswith("GIT_") or name in _KEPT) and name != "SSH_ASKPASS"
    }
    env.update(
        LC_ALL="C",
        LANGUAGE="C",
        GIT_TERMINAL_PROMPT="0",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_NO_LAZY_FETCH="1",
        GIT_ALLOW_PROTOCOL=_ALLOWED_PROTOCOL,
        GIT_OPTIONAL_LOCKS="0",
        GIT_PAGER="cat",
    )
    _configure(env, _SETTINGS)
    return env


def _configure(env: dict[str, str], settings: tuple[tuple[str, str], ...]) -> None:
    """Add `settings` as command-line configuration (GIT_CONFIG_COUNT: a key may hold `=`)."""
    count = int(env.get("GIT_CONFIG_COUNT", "0"))
    for key, value in settings:
        env[f"GIT_CONFIG_KEY_{count}"] = key
        env[f"GIT_CONFIG_VALUE_{count}"] = value
        count += 1
    env["GIT_CONFIG_COUNT"] = str(count)


def _settle_promisors(env: dict[str, str], cwd: Path | None) -> None:
    """Point each promisor remote (`extensions.partialClone`, `remote.X.promisor`) at a
    transport no git allows, so a missing object is reported missing, never fetched.

    git before 2.44 has no way to turn lazy fetching off; the fetch it starts goes to the
    remote's helper (`remote.X.vcs`, which wins over its URL), and that one is refused.
    """
    try:
        listed = subprocess.run(
            ["git", "--no-pager", "config", "--null", "--get-regexp", _PROMISOR_KEYS],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            env=env,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        raise GitUnavailable(_too_long()) from None
    except (OSError, subprocess.SubprocessError):
        return  # the command itself will fail the same way and say so
    names = set()
    for entry in listed.stdout.split(b"\0"):
        key, _, value = entry.partition(b"\n")
        text = os.fsdecode(key)
        if text.lower() == "extensions.partialclone":
            names.add(os.fsdecode(value))
        elif text.lower().startswith("remote.") and text.lower().endswith(".promisor"):
            names.add(text[len("remote.") : -len(".promisor")])
    _configure(env, tuple((f"remote.{name}.vcs", _NO_FETCH) for name in sorted(names) if name))


_PROMISOR_KEYS: Final = r"^(extensions\.partialclone|remote\..*\.promisor)$"


def _too_long() -> str:
    return f"git took more than {plural(TIMEOUT_SECONDS, 'second')}"
