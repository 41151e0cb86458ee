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
