"""`e`: the planner's editor, and every way running it can fail, as one message. Textual-free.

The app hands the terminal to the editor (`App.suspend`) and takes it back when it exits.
An exception inside `App.suspend()` skips the taking back: the screen stays blank, keys
echo, and only `kill` ends docket. So nothing here raises: `editor_command` refuses what
cannot be a command ($EDITOR with unbalanced quotes, or only spaces) with `EditorError`
before anything is suspended, and `run_editor` returns what went wrong (a missing program,
a non-zero exit, a signal, an interrupt) as the sentence the app shows.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
from pathlib import Path

from tui.core.text import clip

#: Without a terminal to hand over (a test, a browser), how long an editor may run.
DETACHED_TIMEOUT = 60.0


class EditorError(Exception):
    """$VISUAL or $EDITOR cannot be run as a command line; the message says why."""


def editor_command(path: Path, line: int | None) -> list[str]:
    """`$VISUAL` or `$EDITOR` (else vi) with `+LINE` (vi, vim, nano, emacs, micro, kak…).

    An empty variable counts as unset, as for other programs that read it."""
    name, editor = "VISUAL", os.environ.get("VISUAL", "")
    if not editor.strip():
        name, editor = "EDITOR", os.environ.get("EDITOR", "")
    if not editor.strip():
        name, editor = "", "vi"
    try:
        command = shlex.split(editor)
    except ValueError as error:  # "No closing quotation", "No escaped character"
        raise EditorError(f"${name} is not a command line ({error}): {clip(editor)!r}") from None
    if not command:
        raise EditorError(f"${name} holds no command: {clip(editor)!r}")
    if line is not None:
        command.append(f"+{line}")
    command.append(str(path))
    return command


def run_editor(command: list[str], *, terminal: bool) -> str | None:
    """Run `command` and wait for it; None if it ran and exited 0, else why not.

    With `terminal`, the editor has the terminal (the app is suspended); without it, it
    gets no input and a bounded time (an editor that needs a terminal exits or is
    stopped), and what it wrote to stderr is quoted in the message."""
    program = clip(command[0])
    try:
        if terminal:
            done = subprocess.run(command, check=False)
        else:
            done = subprocess.run(
                command,
                check=False,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=DETACHED_TIMEOUT,
            )
    except FileNotFoundError:
        return f"Cannot run {program}: no such program (set $VISUAL or $EDITOR)"
    except PermissionError:
        return f"Cannot run {program}: permission denied"
    except OSError as error:
        return f"Cannot run {program}: {error.strerror or error}"
    except subprocess.TimeoutExpired:
        return f"{program} did not exit within {DETACHED_TIMEOUT:.0f} s without a terminal"
    except KeyboardInterrupt:
        return f"{program} was interrupted"
    return _exit_message(program, done.returncode, done.stderr if not terminal else None)


def _exit_message(program: str, code: int, stderr: bytes | None) -> str | None:
    if code == 0:
        return None
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        said = f"{program} was killed by {name}"
    else:
        said = f"{program} exited with status {code}"
    last = (stderr or b"").decode("utf-8", "replace").strip().splitlines()
    return f"{said}: {clip(last[-1])}" if last else said
