"""A command that makes one real operating-system call fail and lets the error escape, for
the entry point's net (`tui.cli.failures`) to report: `docket fail WHAT PATH`.

Not a docket command: the test registers it in `tui.cli.main.COMMANDS` in a fresh
interpreter, then runs the real entry point. Every failure is the OS's own, made with
paths (a directory where a file should be, a file where a directory should be, a name
too long), so it works as root too.
"""

from __future__ import annotations

import os
from pathlib import Path

import click


@click.command("fail")
@click.argument("what")
@click.argument("path", type=click.Path(path_type=Path))
def command(what: str, path: Path) -> None:
    click.echo("some output first")
    if what == "open":
        open(path, "rb").close()
    elif what == "read-text":
        path.read_text(encoding="utf-8")
    elif what == "mkdir":
        path.mkdir(parents=True)
    elif what == "exists":
        path.exists()
    elif what == "rename":
        os.rename(path, path.parent / "elsewhere" / "x")
    elif what == "write-device":
        fd = os.open(path, os.O_WRONLY)
        try:
            os.write(fd, b"x")
        finally:
            os.close(fd)
