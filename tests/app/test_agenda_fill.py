"""The agenda's bulk fill (`EventTable.add_rows_at_once`) against Textual's own `add_row`:
the same table, row for row, drawn the same; and the errors `add_row` raises."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App, ComposeResult
from textual.widgets.data_table import DuplicateKey

from tests.app.hostile import screen_text
from tests.conftest import BUNDLED
from tui.app.timeline.rows import TimelineRows
from tui.app.widgets.agenda import AgendaTable, agenda_cells
from tui.schedule.loader import load_path


class Two(App[None]):
    CSS = "AgendaTable { height: 30; }"

    def compose(self) -> ComposeResult:
        yield AgendaTable(id="slow")
        yield AgendaTable(id="fast")


def test_the_bulk_fill_makes_the_table_add_row_makes() -> None:
    rows = TimelineRows(load_path(BUNDLED).schedule).all

    async def main() -> None:
        app = Two()
        async with app.run_test(size=(120, 60)) as pilot:
            slow = app.query_one("#slow", AgendaTable)
            fast = app.query_one("#fast", AgendaTable)
            for row in rows:
                slow.add_row(*agenda_cells(row), key=row.event.id)
            fast.add_rows_at_once((row.event.id, agenda_cells(row)) for row in rows)
            await pilot.pause()
            assert fast.row_count == slow.row_count == len(rows)
            assert fast._row_locations._forward == slow._row_locations._forward
            assert fast._row_locations._reverse == slow._row_locations._reverse
            assert fast._data == slow._data
            assert list(fast.rows.values()) == list(slow.rows.values())
            assert fast.cursor_coordinate == slow.cursor_coordinate
            assert fast._update_count == slow._update_count
            # Drawn the same: the two halves of the screen show the same lines.
            lines = screen_text(app).splitlines()
            assert lines[:30] == lines[30:60]
            assert "Third session" in "\n".join(lines)
            fast.add_rows_at_once([])  # nothing: nothing changes
            assert fast.row_count == len(rows)
            with pytest.raises(DuplicateKey):
                fast.add_rows_at_once([(rows[0].event.id, agenda_cells(rows[0]))])
            with pytest.raises(ValueError, match="More values"):
                fast.add_rows_at_once([("extra", (*agenda_cells(rows[0]), "one too many"))])

    asyncio.run(main())
