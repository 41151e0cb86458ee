"""The main screen's edits: the keys on the selected event, undo, redo, save, and the
choices when both sides matter (a conflict, quitting, a killed app's journal).

A part of `MainScreen` (see screen_base.py). One `tui.edit.session.EditSession` holds the
file being edited, opened on the first edit (or at load, when a journal is waiting). Each
edit goes through `apply_edit`: the session makes it with the loader's checks (refused
with the loader's message, nothing changed) and the document makes the result current
with the file on disk as the baseline (`Document.set_file_baseline`), so every view shows
the consequences and the pending changes (signs, ghost bars, the header's `unsaved:` line).

The bundled schedule can be edited too, but never saved over: ctrl+s asks for a file of
the planner's (`save_as`), and the app goes on with that file. `--read-only` and a file
that cannot be written refuse every edit key, and `e`, saying why. The choices when both
sides matter are `EditChoices`' (edit_choices.py).
"""

from __future__ import annotations

import os
import time
from abc import abstractmethod
from pathlib import Path
from threading import Event as Flag
from typing import TYPE_CHECKING

from tui.app.screens.screen_base import MainScreenBase

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.diff.baseline_source import Baseline
    from tui.edit.edits import Edit
    from tui.edit.session import EditSession
    from tui.schedule.loader import Loaded

#: What the header's baseline is called while edits are pending ("unchanged since …").
SAVED_FILE = "the saved file"
#: A refusal said again within this many seconds is not toasted again (a held key).
REFUSAL_QUIET = 4.0


class Editing(MainScreenBase):
    """Actions and dialogs of `MainScreen` that change the schedule."""

    _session: EditSession | None = None
    _file_base: tuple[int, Baseline] | None = None
    _last_refusal: tuple[str, float] = ("", 0.0)

    # --- what can be edited ---------------------------------------------------------------

    @property
    def pending_edits(self) -> bool:
        """Whether edits are pending (not saved)."""
        return self._session is not None and bool(self._session.pending)

    def read_only_reason(self) -> str | None:
        """Why nothing can be edited here, or None. The bundled schedule can be (its edits
        are saved to another file)."""
        if self.config.web:
            return "served to a browser"
        if self.config.read_only:
            return "opened with --read-only"
        if self.config.bundled:
            return None
        try:
            mode = os.stat(self.path).st_mode
        except OSError:
            return None  # gone or unreadable: the save says why, if it cannot
        # The mode bits too: root may write anything, yet a read-only file says "look only".
        writable = bool(mode & 0o222) and os.access(self.path, os.W_OK)
        return None if writable else "the file is read-only"

    def refuse_if_read_only(self, what: str) -> bool:
        """Say why `what` cannot be done, if it cannot; True then."""
        reason = self.read_only_reason()
        if reason is None:
            return False
        self._refused(f"Read-only ({reason}): {what} is off.", title="Read-only")
        return True

    def _refused(self, text: str, *, title: str = "Not changed") -> None:
        """An error toast, once per burst of the same refusal (a held key)."""
        now = time.monotonic()
        if self._last_refusal[0] == text and now - self._last_refusal[1] < REFUSAL_QUIET:
            return
        self._last_refusal = (text, now)
        self.notify(text, title=title, severity="error", timeout=REFUSAL_QUIET, markup=False)

    def _edit_session(self) -> EditSession | None:
        """The session on the file, opened now if need be (None, said, if it cannot be)."""
        if self._session is not None:
            return self._session
        from tui.core.errors import DocketError
        from tui.edit.journal import FileSignature
        from tui.edit.session import EditSession
        from tui.schedule.reading import read_bytes

        prepared, reason = self.document.prepared, self.read_only_reason()
        try:
            data = read_bytes(self.path)
            text = data.decode("utf-8", "replace").removeprefix("\ufeff")
            if prepared is not None and text == prepared.loaded.text:  # no second parse
                bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
                loaded, signature = prepared.loaded, FileSignature.of(data)
                self._session = EditSession(self.path, loaded, signature, True, reason, _bom=bom)
            else:
                self._session = EditSession.open(self.path, journal=True)
                self._session.read_only_reason = reason
        except DocketError as error:
            self._refused(f"Cannot edit: {error}")
            return None
        return self._session

    def _selected_event(self) -> str | None:
        """The selected event, if the schedule has it (a baseline's removed one cannot be
        edited); else None, said."""
        event_id, schedule = self.document.selected_id, self.document.schedule
        if event_id is not None and schedule is not None and schedule.event(event_id):
            return event_id
        self._refused("Select an event of the schedule first.", title="Nothing to edit")
        return None

    # --- the keys ---------------------------------------------------------------------------

    def action_move_event(self, days: int) -> None:
        from tui.edit.edits import Move

        event_id = self._edit_target("moving an event")
        if event_id is not None:
            self.apply_edit(Move(event_id, days))

    def action_resize_event(self, days: int) -> None:
        from tui.edit.edits import Resize

        event_id = self._edit_target("resizing an event")
        if event_id is not None:
            self.apply_edit(Resize(event_id, days))

    def _edit_target(self, what: str) -> str | None:
        if self.document.prepared is None or self.refuse_if_read_only(what):
            return None
        return self._selected_event()

    def apply_edit(self, edit: Edit) -> None:
        """Make `edit` (from a key or a dialog): on success every view shows the result
        against the file on disk; refused, the loader's message, and nothing changes."""
        from tui.edit.session import EditRefused

        if self.document.prepared is None or self.refuse_if_read_only("editing"):
            return
        session = self._edit_session()
        if session is None:
            return
        try:
            session.apply(edit)
        except EditRefused as refused:
            self._refused(f"{refused}")
            return
        if session.journal_problem:
            self.notify(session.journal_problem, title="Journal", severity="warning", markup=False)
        self._show_edits()

    def action_undo(self) -> None:
        self._step(undo=True)

    def action_redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        if self.refuse_if_read_only("undo and redo"):
            return
        session, word = self._session, "undo" if undo else "redo"
        edit = None
        if session is not None:
            edit = session.undo() if undo else session.redo()
        if edit is None:
            self._refused(f"Nothing to {word}.", title=word.capitalize())
            return
        self._show_edits()
        done = "Undone" if undo else "Redone"
        self.notify(f"{done}: {edit.describe()}", title=word.capitalize(), timeout=2, markup=False)

    def _show_edits(self) -> None:
        """The session's current schedule on screen; while edits are pending, against the
        file on disk (else the planner's baseline again)."""
        session = self._session
        if session is None:
            return
        pending = session.pending
        base = self._disk_baseline(session) if pending else None
        self.bind(self.document.set_file_baseline(base, session.loaded, len(pending)))
        self.refresh_bindings()

    def _disk_baseline(self, session: EditSession) -> Baseline:
        """The file on disk as a baseline: one object per base, so comparisons of it stay
        current (the document drops a comparison with a baseline it no longer draws)."""
        from tui.diff.baseline_source import Baseline

        key = id(session.base_loaded)
        if self._file_base is None or self._file_base[0] != key:
            schedule = session.base_loaded.schedule
            self._file_base = (key, Baseline(SAVED_FILE, str(self.path), schedule))
        return self._file_base[1]

    @abstractmethod
    def show_conflict(self, why: str) -> None:
        """edit_choices.py: the file changed on disk while edits are pending: choose."""

    def action_why_read_only(self) -> None:
        reason = self.read_only_reason()
        if reason is not None:
            self.notify(f"Read-only: {reason}. Edits are off.", title="Read-only", markup=False)

    # --- saving -------------------------------------------------------------------------------

    def action_save(self) -> None:
        self.save_edits()

    def save_edits(self, then: Callable[[], object] | None = None) -> None:
        """Write the pending edits (ctrl+s); `then` once they are written."""
        from tui.core.errors import DocketError
        from tui.edit.session import Conflict

        if self.refuse_if_read_only("saving"):
            return
        session = self._session
        if session is None or not session.pending:
            self.notify("Nothing to save: no edits pending.", title="Save", timeout=3)
            return
        if self.config.bundled:
            why = "The bundled schedule is docket's own copy: save your edits to a file of yours."
            self._ask_save_path(why, then=then)
            return
        try:
            session.save()
        except Conflict as conflict:
            self.show_conflict(f"{conflict}")
            return
        except DocketError as error:
            self._refused(f"Not saved: {error}", title="Save")
            return
        self.notify(f"Saved {self.path.name}", title="Saved", timeout=3, markup=False)
        self._show_edits()
        if then is not None:
            then()

    def _ask_save_path(
        self, why: str, value: str = "", error: str = "", then: Callable[[], object] | None = None
    ) -> None:
        from tui.app.screens.edit_dialogs import SavePathScreen

        def chosen(text: str | None) -> None:
            session = self._session
            if text is None or session is None:
                return
            from tui.core.errors import DocketError

            target = Path(text).expanduser()
            try:
                session.save_as(target)
            except DocketError as failed:
                self._ask_save_path(why, text, str(failed), then)
                return
            self.notify(f"Saved your edits to {target}", title="Saved", markup=False)
            self._edit_file(session.path, session.loaded)
            if then is not None:
                then()

        self.app.push_screen(SavePathScreen(why, value, error), chosen)

    def _edit_file(self, path: Path, loaded: Loaded) -> None:
        """Go on with the file the edits were saved to: the app shows it and watches it."""
        self.path = self.config.path = self.document.path = path
        self.config.bundled = False
        self._stop_watching.set()
        self._stop_watching = Flag()
        self.bind(self.document.set_file_baseline(None, loaded))
        self.header.show_title(loaded.schedule.title)
        if self.config.watch:
            self.watch_schedule()
