"""The private parts of Textual that docket relies on, all here, each with the reason.

Textual is pinned exactly (`textual==8.2.8` in pyproject.toml). Where its public API does
the job, docket uses that. The first three things below it does not offer, so docket
reaches past it here and nowhere else; `tests/app/test_textual_internals.py` checks each
against the installed Textual, so an upgrade that changes one fails there, naming it, not
as a misdrawn screen somewhere else, and it keeps every other module of `tui.app` off
Textual's private names (the palette's overrides, item 4, aside).

1. **The footer's widgets.** `textual.widgets` exports `Footer` but not the widgets its
   `compose` builds: `FooterKey`, `FooterLabel` and `KeyGroup` live in the private
   `textual.widgets._footer`. `DocketFooter.compose` builds the same ones for the keys it
   chooses, so the footer keeps Textual's look, clicks, tooltips and compact style.
2. **A column's width changed after the table has drawn** (`refit_column`). DataTable takes
   a fixed width only in `add_column`, and an auto width only from the content; the
   agenda's title column takes the room the others leave, which changes with the terminal.
   The width itself is the public `Column.width`, but DataTable caches what it drew and its
   scrollable width: `_clear_caches()` drops the one and `_require_update_dimensions` asks
   for the other, as its own `clear()` does.
3. **Many rows at once** (`append_rows`). `add_row` lists the columns twice and re-checks
   the cursor for every row: half the agenda's first fill at 10,000 events. `append_rows`
   does `add_row`'s work with that bookkeeping once, on the same private state
   (`_row_locations`, `_data`, `_new_rows`, `_update_count`, `_highlight_cursor`); the test
   compares the table it makes with `add_row`'s, field by field and as drawn.
4. **The command palette's guards** (`tui.app.palette`, the one other module allowed):
   `DocketPalette` overrides CommandPalette's private `_action_command_list`,
   `_on_message` and `_gather_commands` (re-applying its `@work` with
   `_GATHER_COMMANDS_GROUP`), because keys typed ahead of a frame end Textual's own;
   which key does what, failure by failure, is in that module's docstring.

5. **A footer key enabled or disabled in place** (`set_key_enabled`). FooterKey takes
   `disabled` only in its constructor (kept in the private `_disabled`, which its click
   handler reads, and shown by the `-disabled` class), so Footer recomposes every key when
   one is enabled: 30 widgets mounted and styled on every edit key. `DocketFooter` flips
   the one attribute and class instead when nothing else changed.

6. **The web driver's writes, one at a time** (`serialise_web_writes`). Under
   `docket web` the app's output is a stream of length-prefixed packets on a pipe, written
   by `WebDriver.write`, `write_meta` and `write_binary_encoded` through one private
   `_write` (`os.write` on the pipe's descriptor). The screen is written from the event
   loop while a download's chunks are written from the driver's input thread, with no lock:
   two packets interleave, the server reads garbage as a length, and the tab freezes for
   good (about 1 download in 50 here). Replaced by a writer that holds a lock and writes
   each packet whole (`os.write` may write part of it).

Not listed, because the name is public: `DocketFooter` extends `Footer.bindings_changed`,
the handler Footer subscribes to the screen's `bindings_updated_signal`, to learn when the
screen's keys are known (the test checks it is still called).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import Any

from textual.app import App
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup
from textual.widgets.data_table import Column, DuplicateKey, Row, RowKey

__all__ = [
    "FooterKey",
    "FooterLabel",
    "KeyGroup",
    "append_rows",
    "refit_column",
    "serialise_web_writes",
    "set_key_enabled",
]


def set_key_enabled(key: FooterKey, enabled: bool) -> None:
    """Enable or disable a footer key as its constructor would have (item 5)."""
    key._disabled = not enabled
    key.set_class(not enabled, "-disabled")


def refit_column(table: DataTable[Any], column: Column, width: int) -> None:
    """Set `column`'s width to `width` cells and redraw the table at it."""
    if column.width == width:
        return
    column.width = width
    table._clear_caches()  # cells and lines drawn at the old width
    table._require_update_dimensions = True  # the scrollable width, on the next idle
    table.refresh()


def append_rows(table: DataTable[Any], rows: Iterable[tuple[str, Sequence[object]]]) -> None:
    """`add_row(*cells, key=key)` for each (key, cells) of `rows`, at the end, one line
    high, with the per-row bookkeeping done once; the same errors as `add_row`."""
    keys = [column.key for column in table.ordered_columns]
    locations, data, table_rows = table._row_locations, table._data, table.rows
    was_empty = not table_rows
    index = len(table_rows)
    added = 0
    for key, cells in rows:
        row_key = RowKey(key)
        if row_key in locations:
            raise DuplicateKey(f"The row key {row_key!r} already exists.")
        if len(cells) > len(keys):
            raise ValueError("More values provided than there are columns.")
        locations[row_key] = index + added
        data[row_key] = dict(zip_longest(keys, cells))
        table_rows[row_key] = Row(row_key, 1, None, False)
        table._new_rows.add(row_key)
        added += 1
    if not added:
        return
    table._require_update_dimensions = True
    table.cursor_coordinate = table.cursor_coordinate
    if was_empty and table.columns and table.show_cursor and table.cursor_type != "none":
        table._highlight_cursor()
    table._update_count += added
    table.check_idle()


def serialise_web_writes(app: App[Any]) -> bool:
    """Make the app's `WebDriver` write its packets whole and one at a time (item 6);
    False (and nothing changed) under any other driver."""
    import os
    import threading

    from textual.drivers.web_driver import WebDriver

    driver = app._driver
    if not isinstance(driver, WebDriver):
        return False
    lock, fileno = threading.Lock(), driver.fileno

    def write_whole(data: bytes) -> int:
        view = memoryview(data)
        with lock:
            while view:
                view = view[os.write(fileno, view) :]
        return len(data)

    driver._write = write_whole  # type: ignore[assignment]  # a partial of os.write in Textual
    return True
