"""Editing a schedule file: edits, undo and redo, a byte-preserving save, the journal.

Textual-free (the app and the command line both drive it): an `EditSession` over one
file applies `tui.edit.edits` operations as targeted rewrites of the text, validated by
the loader, and writes through `tui.core.atomic`.
"""
