"""The main screen's choices when both sides of an edit matter: the file changed on disk
while edits are pending, quitting with unsaved edits, a killed app's journal.

A part of `MainScreen`, on top of `Editing` (editing.py). None of them ever loses a side:
the file changed on disk is never loaded over pending edits (apply mine onto theirs, take
theirs, save mine to another file); quitting asks (save, discard, cancel); edits found in
the journal are offered back (replay, discard; escape keeps them for next time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.screens.editing import Editing

if TYPE_CHECKING:
    from tui.edit.edits import Edit
    from tui.edit.session import EditSession, Rebased


class EditChoices(Editing):
    """The dialogs of `MainScreen` that ask what to do with pending edits."""

    # --- the file changed on disk ---------------------------------------------------------

    def file_changed(self) -> None:
        """The watcher saw the file change: with no edits pending, load it as always; with
        some, never replace them: the planner chooses (`show_conflict`)."""
        session = self._session
        if session is not None and session.pending:
            if session.disk_changed():
                self.show_conflict(f"{self.path.name} changed on disk while edits are pending.")
            return  # our own save, seen by the watcher
        if session is not None and session.disk_changed():
            self._session = None  # reopened, on the new text, at the next edit
        self.reload()

    def show_conflict(self, why: str) -> None:
        from tui.app.screens.edit_dialogs import ChoiceScreen

        if any(screen.id == "conflict" for screen in self.app.screen_stack):
            return
        session = self._session
        summary = session.summary(self.clock.now()) if session is not None else ""
        choices = [
            ("a", "apply mine onto theirs", "rebase"),
            ("t", "take theirs, drop mine", "theirs"),
            ("s", "save mine to another file", "elsewhere"),
        ]
        message = (
            f"{why}\nYour edits ({summary.removeprefix('unsaved: ')}) are kept until you choose."
        )
        dialog = ChoiceScreen("The file changed on disk", message, choices, id="conflict")
        self.app.push_screen(dialog, self._conflict_chosen)

    def _conflict_chosen(self, answer: str | None) -> None:
        session = self._session
        if session is None:
            return
        if answer is None:
            text = "Your edits are kept, not saved: ctrl+s offers the choice again."
            self.notify(text, title="Not saved", severity="warning", timeout=6)
        elif answer == "rebase":
            self._rebase(session)
        elif answer == "theirs":
            self._take_theirs(session)
        else:
            why = f"{self.path.name} stays as it is on disk; your edits go to a new file."
            self._ask_save_path(why, value=f"{self.path.stem}-mine{self.path.suffix}")

    def _rebase(self, session: EditSession) -> None:
        from tui.core.errors import DocketError

        try:
            rebased = session.rebase()
        except DocketError as error:
            text = f"Cannot apply your edits: {self.path.name} on disk is not valid ({error})."
            self._refused(f"{text} Your edits are kept.", title="Not applied")
            return
        self._show_edits()
        self._say_dropped(rebased, "Applied onto the file on disk")

    def _say_dropped(self, rebased: Rebased, done: str) -> None:
        from tui.core.words import plural

        if not rebased.dropped:
            self.notify(f"{done}: {plural(len(rebased.applied), 'edit')}.", title="Edits")
            return
        lines = [f"{edit.describe()}: {reason}" for edit, reason in rebased.dropped[:5]]
        more = len(rebased.dropped) - len(lines)
        text = f"{done}; {plural(len(rebased.dropped), 'edit')} no longer apply:\n" + "\n".join(
            lines
        )
        if more:
            text += f"\n… and {more} more"
        self.notify(text, title="Edits", severity="warning", timeout=12, markup=False)

    def _take_theirs(self, session: EditSession) -> None:
        from tui.core.errors import DocketError

        try:
            loaded = session.take_theirs()
        except DocketError:  # not valid (or gone) now: the load says why
            session.discard()
            self._session = None
            self.document.set_file_baseline(None)
            self.reload()
            return
        self.bind(self.document.set_file_baseline(None, loaded))
        text = f"Took {self.path.name} as it is on disk; your edits are dropped."
        self.notify(text, title="Edits", markup=False)
        self.refresh_bindings()

    # --- quitting, and a killed app's journal --------------------------------------------

    def ask_before_quit(self) -> None:
        """Quitting with edits pending: save, discard or cancel."""
        from tui.app.screens.edit_dialogs import ChoiceScreen

        if any(screen.id == "quit-confirm" for screen in self.app.screen_stack):
            return
        session = self._session
        summary = session.summary(self.clock.now()) if session is not None else ""
        choices = [("s", "save, then quit", "save"), ("d", "discard, then quit", "discard")]
        message = f"{summary.capitalize()}. Save them before quitting?"
        dialog = ChoiceScreen("Unsaved edits", message, choices, id="quit-confirm")

        def chosen(answer: str | None) -> None:
            if answer == "save":
                self.save_edits(then=self.app.exit)
            elif answer == "discard" and self._session is not None:
                self._session.discard()
                self.app.exit()

        self.app.push_screen(dialog, chosen)

    def offer_journal(self) -> None:
        """After the first load: edits a killed app left for this file, offered back."""
        from tui.edit.journal import journal_path

        try:
            if not journal_path(self.path).is_file():
                return
        except OSError:
            return
        if self.config.read_only:
            return  # looked at only: the journal waits for a session that may edit
        session = self._edit_session()
        if session is None:
            return
        journal, problem = session.journaled()
        if problem:
            self.notify(problem, title="Journal", severity="warning", markup=False)
        if journal is None or not journal.edits:
            return
        self._offer(session, journal.edits, same=journal.base == session.base_signature)

    def _offer(self, session: EditSession, edits: tuple[Edit, ...], *, same: bool) -> None:
        from tui.app.screens.edit_dialogs import ChoiceScreen
        from tui.core.words import plural

        where = "made on this very file" if same else "the file changed since: made again onto it"
        shown = "\n".join(f"· {edit.describe()}" for edit in edits[:5])
        more = f"\n… and {len(edits) - 5} more" if len(edits) > 5 else ""
        message = (
            f"{plural(len(edits), 'unsaved edit')} left by a docket that ended without "
            f"saving ({where}):\n{shown}{more}"
        )
        choices = [("r", "replay them", "replay"), ("d", "discard them", "discard")]
        dialog = ChoiceScreen("Unsaved edits found", message, choices, id="journal")

        def chosen(answer: str | None) -> None:
            if answer == "replay":
                self._say_dropped(session.replay(edits), "Replayed")
                self._show_edits()
            elif answer == "discard":
                session.discard()
                self.notify("The journaled edits are discarded.", title="Edits")

        self.app.push_screen(dialog, chosen)
