"""An edit session over one schedule file: apply, undo, redo, compare, save, rebase.

The app and the command line both drive this object; it never touches a terminal. It
holds the file as read from disk (the *base*: its text, `Loaded` and signature) and the
*current* text and `Loaded` with the pending edits made. Each edit:

1. rewrites only the characters it changes (`tui.edit.edits`);
2. is loaded back with the loader's own checks (`tui.edit.reload`: the edited event alone
   when that is exact, else the whole file), so an invalid result is an `EditRefused`
   carrying the loader's message, and nothing changes;
3. is compared with the schedule worked out on the model (`tui.edit.expected`): a
   mismatch is refused too, naming the difference.

Undo and redo keep every state's text and `Loaded`, so neither loads anything. A save
first compares the file on disk with the base (a `Conflict` if anything changed it), reads
the new text back with the full loader (it must give exactly the current schedule), and
writes through `tui.core.atomic` (links kept, modes kept), checking the file once more
just before the rename. After a save the base is the current text, and the undo history
starts afresh (a save is a checkpoint). Pending edits are journaled (`tui.edit.journal`).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tui.core.errors import Diagnostic, DocketError, ScheduleError, WriteError
from tui.core.sanitize import visible
from tui.core.words import plural
from tui.diff.changes import COUNT_WORDS, EVENT_KINDS, SCHEDULE_KINDS
from tui.diff.compare import ScheduleDiff, compare
from tui.edit.edits import AddEvent, DeleteEvent, Edit, find_event
from tui.edit.expected import difference, expected_schedule
from tui.edit.journal import (
    FileSignature,
    Journal,
    read_journal,
    remove_journal,
    write_journal,
)
from tui.edit.reload import load_one_event
from tui.edit.spans import EditError, EventChunks, apply_splices
from tui.edit.warning_cache import WarningCache
from tui.schedule.loader import Loaded, load_text
from tui.schedule.reading import read_bytes

_BOM = "\ufeff"


class EditRefused(DocketError):
    """An edit that was not made: the loader's message (with `diagnostics`, located in the
    edited text) or why the rewrite did not read back as the edit; nothing changed."""

    def __init__(
        self, edit: Edit | None, message: str, diagnostics: tuple[Diagnostic, ...] = ()
    ) -> None:
        super().__init__(visible(message))
        self.edit = edit
        self.diagnostics = diagnostics


class Conflict(DocketError):
    """The file on disk is not the one the edits were made on (changed, replaced, deleted).

    `disk_text` is what it holds now (None when it is gone or unreadable): `rebase` applies
    the edits onto it, `take_theirs` drops them, `save_as` writes them elsewhere.
    """

    def __init__(self, message: str, disk_text: str | None) -> None:
        super().__init__(visible(message))
        self.disk_text = disk_text


@dataclass(frozen=True)
class Rebased:
    """What `rebase` (or `replay`) did: the edits that applied, in order, and those that
    no longer apply, each with the reason (the event is gone, the result is invalid…)."""

    applied: tuple[Edit, ...]
    dropped: tuple[tuple[Edit, str], ...]


@dataclass(frozen=True)
class _State:
    text: str
    loaded: Loaded
    chunks: EventChunks | None = None
    #: What the next one-event edit reuses of this text's warnings.
    warnings: WarningCache | None = None


@dataclass(frozen=True)
class _Step:
    edit: Edit
    before: _State
    after: _State


@dataclass
class EditSession:
    """One schedule file being edited; build it with `EditSession.open(path)`."""

    path: Path
    base_loaded: Loaded
    base_signature: FileSignature
    #: Journal pending edits in the state directory after every change (the app does).
    journal: bool = True
    #: Why edits are disabled (`--read-only`, a read-only file), or None.
    read_only_reason: str | None = None
    #: The last journal write that failed (shown by the caller; editing goes on).
    journal_problem: str | None = None
    _bom: str = ""
    _current: _State = field(init=False)
    _undo: list[_Step] = field(default_factory=list, init=False)
    _redo: list[_Step] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self._current = _State(self.base_loaded.text, self.base_loaded)

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path | str, *, read_only: bool = False, journal: bool = True
    ) -> EditSession:
        """Read and load `path`: `ScheduleFileError` if it cannot be opened, `ScheduleError`
        if it is not a valid schedule (nothing can be edited then)."""
        target = Path(path)
        data = read_bytes(target)
        loaded = load_text(data, str(target), source=target)
        reason = "opened read-only" if read_only else _unwritable(target)
        bom = _BOM if data.startswith(_BOM.encode()) else ""
        return cls(target, loaded, FileSignature.of(data), journal, reason, _bom=bom)

    # -- what is pending ----------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The current text, with every pending edit made (without a byte-order mark)."""
        return self._current.text

    @property
    def loaded(self) -> Loaded:
        """The current schedule, with every pending edit made."""
        return self._current.loaded

    @property
    def base_text(self) -> str:
        return self.base_loaded.text

    @property
    def pending(self) -> tuple[Edit, ...]:
        """The edits made since the base, in order (undone ones are not pending)."""
        return tuple(step.edit for step in self._undo)

    @property
    def dirty(self) -> bool:
        """Whether the current text differs from the base (a move undone by the opposite
        move leaves edits pending and the text clean)."""
        return self._current.text != self.base_loaded.text

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def redoable(self) -> tuple[Edit, ...]:
        """The edits `redo` would make again, the next one first."""
        return tuple(step.edit for step in reversed(self._redo))

    def changes(self, as_of: datetime) -> ScheduleDiff:
        """The base against the current schedule, as `docket diff` compares them."""
        return compare(self.base_loaded.schedule, self.loaded.schedule, as_of)

    def summary(self, as_of: datetime) -> str:
        """One line for a header: `unsaved: 1 moved · 1 status changed` ('' if no edits)."""
        if not self._undo:
            return ""
        return summary_line(self.changes(as_of), len(self._undo))

    # -- editing ------------------------------------------------------------------------------

    def apply(self, edit: Edit) -> Loaded:
        """Make `edit` and return the new current `Loaded`; `EditRefused` (nothing changed)
        if it cannot be made or gives an invalid schedule. Clears the redo stack."""
        if self.read_only_reason is not None:
            raise EditRefused(edit, f"{self.path}: {self.read_only_reason}; no edits")
        after = self._made(self._current, edit)
        self._undo.append(_Step(edit, self._current, after))
        self._redo.clear()
        self._current = after
        self._journal()
        return after.loaded

    def undo(self) -> Edit | None:
        """Undo the last edit (no reload: the state before it is kept); None if none."""
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(step)
        self._current = step.before
        self._journal()
        return step.edit

    def redo(self) -> Edit | None:
        """Make the last undone edit again (no reload); None if none."""
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(step)
        self._current = step.after
        self._journal()
        return step.edit

    def discard(self) -> None:
        """Drop every pending edit: back to the base, journal removed."""
        self._reset(_State(self.base_loaded.text, self.base_loaded))

    def _made(self, state: _State, edit: Edit) -> _State:
        """The state after `edit`, checked as the module says, or `EditRefused`."""
        loaded = state.loaded
        try:
            expected = expected_schedule(edit, loaded.schedule)
            chunks = state.chunks or _chunks_of(state.text, edit)
            splices = edit.splices(state.text, loaded, chunks)
            text, _ = apply_splices(state.text, splices)
        except EditError as error:
            raise EditRefused(edit, str(error)) from None
        fast = None
        if not isinstance(edit, (AddEvent, DeleteEvent)):
            index, _ = find_event(loaded, edit.event_id)
            fast = load_one_event(
                loaded, chunks, index, splices, text, str(self.path), state.warnings
            )
        new_warnings = None
        if fast is not None:
            new_loaded, new_chunks, new_warnings = fast
        else:
            try:
                new_loaded = load_text(text, str(self.path), source=self.path)
            except ScheduleError as error:
                errors = tuple(error.errors)
                message = "; ".join(d.message for d in errors[:3]) or str(error)
                raise EditRefused(edit, f"{edit.describe()}: {message}", errors) from None
            new_chunks = None
        edited = getattr(edit, "event_id", None)
        mismatch = difference(expected, new_loaded.schedule, edited)
        if mismatch is not None:
            raise EditRefused(edit, f"{edit.describe()}: not made, the rewrite {mismatch}")
        return _State(text, new_loaded, new_chunks, new_warnings)

    # -- saving -------------------------------------------------------------------------------

    def disk_changed(self) -> bool:
        """Whether the file on disk differs from the base (gone or unreadable counts)."""
        try:
            return FileSignature.of(read_bytes(self.path)) != self.base_signature
        except DocketError:
            return True

    def save(self) -> None:
        """Write the current text over the file; `Conflict` if the file changed on disk
        since the base, `WriteError` if it cannot be written, `EditRefused` if the text does
        not read back as the current schedule. Nothing is written on any of those."""
        if self.read_only_reason is not None:
            raise WriteError(f"{self.path}: {self.read_only_reason}; not saved")
        self._check_disk()
        data = self._checked_bytes()
        from tui.core.atomic import write_file

        write_file(self.path, data, precondition=self._check_disk)
        self._saved(data)

    def save_as(self, path: Path | str, *, replace: bool = False) -> None:
        """Write the current text to `path` (never over an existing file unless `replace`)
        and edit that file from now on; the old file's journal is removed."""
        from tui.core.atomic import write_file

        target = Path(path)
        data = self._checked_bytes()
        write_file(target, data, exclusive=not replace)
        remove_journal(self.path)
        self.path = target
        self.read_only_reason = None
        self._saved(data)

    def _checked_bytes(self) -> bytes:
        """The bytes to write, once the full loader gave exactly the current schedule."""
        text = self._current.text
        try:
            # Errors only: the state's warnings are the loader's (worked out as it does).
            loaded = load_text(text, str(self.path), source=self.path, warnings=False)
        except ScheduleError as error:
            raise EditRefused(self._last_edit(), f"not saved: {error}") from None
        mismatch = difference(self._current.loaded.schedule, loaded.schedule)
        if mismatch is not None:
            raise EditRefused(self._last_edit(), f"not saved: the text read back {mismatch}")
        # The current state is kept: its objects equal the read-back, and what was worked
        # out from them (the app's rows, countdowns, warnings) stays good after a save.
        return (self._bom + text).encode("utf-8")

    def _last_edit(self) -> Edit | None:
        return self._undo[-1].edit if self._undo else None

    def _check_disk(self) -> None:
        """`Conflict` unless the file on disk is a regular file holding the base's bytes."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            raise Conflict(f"{self.path}: deleted since it was opened", None) from None
        except OSError as error:
            raise Conflict(f"{self.path}: cannot be checked ({error.strerror})", None) from None
        if not stat.S_ISREG(info.st_mode):
            raise Conflict(f"{self.path}: no longer a regular file; not written", None)
        try:
            data = read_bytes(self.path)
        except DocketError as error:
            raise Conflict(f"{error}", None) from None
        if FileSignature.of(data) != self.base_signature:
            text = data.decode("utf-8", "replace").removeprefix(_BOM)
            raise Conflict(f"{self.path}: changed on disk since it was opened", text)

    def _saved(self, data: bytes) -> None:
        self.base_loaded = self._current.loaded
        self.base_signature = FileSignature.of(data)
        self._undo.clear()
        self._redo.clear()
        remove_journal(self.path)

    # -- the file changed ---------------------------------------------------------------------

    def rebase(self, new_text: str | bytes | None = None) -> Rebased:
        """The file changed on disk: make it the base (`new_text`, or read again), then make
        each pending edit again onto it, in order. `ScheduleError` if the new file is not
        valid (nothing changes then); the result says which edits no longer apply."""
        data = read_bytes(self.path) if new_text is None else new_text
        raw = data if isinstance(data, bytes) else (data.encode("utf-8", "surrogatepass"))
        loaded = load_text(data, str(self.path), source=self.path)
        edits = self.pending
        self.base_loaded = loaded
        self.base_signature = FileSignature.of(raw)
        self._bom = _BOM if raw.startswith(_BOM.encode()) else ""
        self._reset(_State(loaded.text, loaded))
        return self.replay(edits)

    def take_theirs(self) -> Loaded:
        """Drop every pending edit and take the file as it is on disk now."""
        data = read_bytes(self.path)
        loaded = load_text(data, str(self.path), source=self.path)
        self.base_loaded = loaded
        self.base_signature = FileSignature.of(data)
        self._bom = _BOM if data.startswith(_BOM.encode()) else ""
        self._reset(_State(loaded.text, loaded))
        return loaded

    def replay(self, edits: tuple[Edit, ...]) -> Rebased:
        """Make each of `edits` in order (a journal's, or a rebase's); those that are refused
        are skipped, with the reason."""
        applied: list[Edit] = []
        dropped: list[tuple[Edit, str]] = []
        for edit in edits:
            try:
                self.apply(edit)
            except EditRefused as refused:
                dropped.append((edit, str(refused)))
            else:
                applied.append(edit)
        return Rebased(tuple(applied), tuple(dropped))

    def journaled(self) -> tuple[Journal | None, str | None]:
        """A journal a killed session left for this file, and a problem line (a damaged
        journal, set aside). `journal.base == base_signature` means its edits were made on
        this very text; otherwise `replay` re-applies them onto it, saying what failed."""
        return read_journal(self.path)

    def _reset(self, state: _State) -> None:
        self._current = state
        self._undo.clear()
        self._redo.clear()
        self._journal()

    def _journal(self) -> None:
        if not self.journal:
            return
        if not self._undo:
            remove_journal(self.path)
            return
        try:
            write_journal(self.path, self.base_signature, self.pending)
        except DocketError as error:
            self.journal_problem = str(error)
        else:
            self.journal_problem = None


def summary_line(diff: ScheduleDiff, edits: int) -> str:
    """`unsaved: 1 moved · 1 status changed`: events per kind of change, in `docket diff`'s
    order; `unsaved: 2 edits, no net change` when they cancel out."""
    counts: dict[str, int] = {}
    for kind in (*SCHEDULE_KINDS, *EVENT_KINDS):
        found = len(diff.of_kind(kind)) if kind in EVENT_KINDS else 0
        if kind in SCHEDULE_KINDS:
            found = sum(1 for change in diff.schedule_changes if change.kind == kind)
        if found:
            counts[kind] = found
    if not counts:
        return f"unsaved: {plural(edits, 'edit')}, no net change"
    return "unsaved: " + " · ".join(f"{n} {COUNT_WORDS[kind]}" for kind, n in counts.items())


def _chunks_of(text: str, edit: Edit) -> EventChunks | None:
    """Where the events are written, for edits that can be judged on one event."""
    if isinstance(edit, (AddEvent, DeleteEvent)):
        return None
    return EventChunks.of(text)


def _unwritable(path: Path) -> str | None:
    """Why the file cannot be saved in place (read-only, not a regular file), or None."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (edits are saved only to files)"
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        return "the file is read-only"
    return None
