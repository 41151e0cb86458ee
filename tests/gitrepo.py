"""git for tests that build a repository: one identity, no system configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in `repo` (raising if it fails); its output as text."""
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"},
    )


def repository(
    root: Path, versions: list[str], working: str, *, tags: tuple[str, ...] = ()
) -> Path:
    """A repository at `root` whose schedules/plan.toml was committed once per text of
    `versions` (the first commit tagged `tags[0]`, the next `tags[1]`…), and is `working`
    in the working copy. Returns `root`."""
    plan = root / "schedules" / "plan.toml"
    plan.parent.mkdir(parents=True)
    git(root, "init", "-q")
    for number, text in enumerate(versions):
        plan.write_text(text, encoding="utf-8")
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", f"version {number + 1}")
        if number < len(tags):
            git(root, "tag", tags[number])
    plan.write_text(working, encoding="utf-8")
    return root


# -- hostile repositories: configuration that runs a command if git obeys it ------------------


def marker_script(directory: Path) -> tuple[Path, Path]:
    """(script, marker): a shell script that, if anything runs it, appends its arguments to
    the marker file, and the marker (which a test asserts never appears)."""
    marker = directory / "MARKER"
    script = directory / "hostile.sh"
    script.write_text(f'#!/bin/sh\necho "ran: $*" >> "{marker}"\nexit 1\n', encoding="utf-8")
    script.chmod(0o755)
    return script, marker


def add_blob(repo: Path, path: str, size: int) -> str:
    """Commit `path` as `size` zero bytes without a file of that size on disk: the bytes are
    streamed into `git hash-object -w --stdin` (zeros compress to almost nothing)."""
    hashing = subprocess.Popen(
        ["git", "hash-object", "-w", "--stdin"],
        cwd=repo,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"},
    )
    assert hashing.stdin is not None
    chunk = bytes(1 << 20)
    left = size
    while left:
        hashing.stdin.write(chunk[: min(left, len(chunk))])
        left -= min(left, len(chunk))
    out, _ = hashing.communicate()
    assert hashing.returncode == 0
    oid = out.decode().strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"100644,{oid},{path}")
    git(repo, "commit", "-q", "-m", f"{path}: {size} bytes")
    return oid


#: Ways a partial clone's promisor remote can run a command when git fetches from it, each
#: with the repository setting (`protocol.X.allow`) that lets plain `-c protocol.allow=never`
#: through: (name, settings with {script} for the hostile script's path).
PROMISOR_VECTORS: dict[str, tuple[tuple[str, str], ...]] = {
    "upload-pack": (
        ("remote.origin.url", "{server}"),
        ("remote.origin.uploadpack", "{script}"),
        ("protocol.file.allow", "always"),
    ),
    "ext-url": (
        ("remote.origin.url", "ext::{script} %S"),
        ("protocol.ext.allow", "always"),
    ),
    "helper-alias": (
        ("remote.origin.url", "hostile::x"),
        ("alias.remote-hostile", "!{script}"),
        ("protocol.hostile.allow", "always"),
    ),
    "vcs-alias": (
        ("remote.origin.url", "x"),
        ("remote.origin.vcs", "hostile"),
        ("alias.remote-hostile", "!{script}"),
        ("protocol.hostile.allow", "always"),
    ),
    "empty-helper": (
        ("remote.origin.url", "::x"),
        ("alias.remote-", "!{script}"),
    ),
}


def make_partial_clone(repo: Path, missing: str, vector: str, script: Path) -> None:
    """Make `repo` a partial clone that lacks the object `missing` (`REV:PATH`), whose
    promisor remote `origin` runs `script` by the way `vector` names if git fetches."""
    oid = git(repo, "rev-parse", missing).stdout.strip()
    (repo / ".git" / "objects" / oid[:2] / oid[2:]).unlink()
    git(repo, "config", "core.repositoryformatversion", "1")
    git(repo, "config", "extensions.partialClone", "origin")
    git(repo, "config", "remote.origin.promisor", "true")
    git(repo, "config", "remote.origin.partialclonefilter", "blob:none")
    for key, value in PROMISOR_VECTORS[vector]:
        git(repo, "config", key, value.format(script=script, server=repo))
