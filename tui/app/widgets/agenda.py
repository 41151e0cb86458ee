"""The agenda: the same events as the timeline, as a table sortable by any column."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist, RowKey

from tui.app.shown import shown
from tui.app.timeline.marks import FAULT, RowMark
from tui.app.timeline.rows import KIND_GLYPHS, Row
from tui.app.widgets.textual_internals import append_rows, refit_column
from tui.core.collection import collection_deferred

#: (key, label); most important first, since a narrow terminal shows the left columns.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("start", "Start"),
    ("title", "Title"),
    ("end", "End"),
    ("kind", "Kind"),
    ("venue", "Venue"),
    ("status", "Status"),
    ("days", "Days"),
    ("working", "Meet"),  # meeting days: the venue's holidays off too
)


def add_columns(
    table: DataTable[Any],
    columns: tuple[tuple[str, str], ...],
    widths: dict[str, int] | None = None,
) -> None:
    """Columns sized to their content (or to `widths`), except the title, which takes the
    room left."""
    widths = widths or {}
    for key, label in columns:
        table.add_column(label, key=key, width=16 if key == "title" else widths.get(key))


def fit_title_column(table: DataTable[Any]) -> None:
    """Give the title column the room the other columns leave at the table's width."""
    column = table.columns.get("title")  # type: ignore[call-overload]
    if column is None:
        return
    others = sum(c.get_render_width(table) for c in table.columns.values() if c is not column)
    refit_column(table, column, max(16, table.size.width - others - 2 - 2))  # padding, scrollbar


def _when(row: Row, end: bool) -> str:
    event = row.event
    if event.all_day:
        return (event.last_day if end else event.first_day).isoformat()
    moment = (event.end_instant if end else event.start_instant).astimezone(event.zone)
    return f"{moment:%Y-%m-%d %H:%M}"


def cell(text: str) -> Text | str:
    """A table cell for text that may come from the file: its controls made visible, and a
    `Text`, because DataTable reads a plain string as markup ("[b]" would vanish, "[/x]"
    would raise). Empty stays "", which sorts last."""
    if not text:
        return ""
    return Text(shown(text), end="", no_wrap=True)


#: The colour of each baseline sign (`tui.app.timeline.marks`); the sign is the shape.
SIGN_COLOURS = {"added": "green", "removed": "red", "changed": "yellow"}


class MarkedTitle(Text):
    """A title cell with a sign or a `✗`: sorted by the title alone, not by its marks."""

    def __init__(self, title: str) -> None:
        super().__init__(no_wrap=True, overflow="ellipsis")
        self.sort_text = title


def title_cell(row: Row, mark: RowMark | None = None, fault: bool = False) -> Text | str:
    """The title, after its baseline sign (`+ `, `− `, `~ `, `* `) and before a `✗` when a
    failing rule blames the event; struck out when it will not happen or was removed."""
    gone = row.event.status == "cancelled" or row.removed
    # A row's title is already made visible (`timeline.rows`): only wrapped here.
    # One line, ending in an ellipsis when the column is too narrow (never cut mid-word
    # without a sign that more follows).
    style = "strike dim" if gone else ""
    title = Text(row.title, style, no_wrap=True, overflow="ellipsis") if row.title else ""
    if mark is None and not fault:
        return title
    text = MarkedTitle(row.title)
    if mark is not None:
        text.append(f"{mark.sign} ", style=f"bold {SIGN_COLOURS[mark.style]}")
    text.append_text(title if isinstance(title, Text) else Text(title))
    if fault:
        text.append(f" {FAULT}", style="bold red")
    return text


def agenda_cells(row: Row, mark: RowMark | None = None, fault: bool = False) -> tuple[object, ...]:
    event = row.event
    point = event.is_point
    venue = (event.venue.city or event.venue.name) if event.venue else ""
    # Dates, kinds and statuses are docket's own words (the loader checked kind and status
    # against their lists): plain strings, nothing in them to make visible and no markup,
    # which DataTable turns into `Text` only for the rows it draws.
    return (
        _when(row, end=False),
        title_cell(row, mark, fault),
        "" if point else _when(row, end=True),
        f"{KIND_GLYPHS.get(event.kind, '')} {event.kind}",
        cell(venue),
        event.status,
        "" if point else event.duration_days,
        "" if point else event.working_day_count,
    )


def row_id(key: RowKey | None) -> str | None:
    """The event id of a table row, or None for none. DataTable (Textual 8.2) reports the
    cursor's row by its position, and a position that has no row yet (the table cleared
    for a refill, the cursor past the rows of a smaller fill) gives a key of None, not a
    RowKey: a highlight or a sort read then has no event to follow."""
    if key is None or key.value is None:
        return None
    return str(key.value)


class EventTable(DataTable[object]):
    """A table whose rows are events keyed by id (the agenda, the countdowns): j/k move,
    enter on a row asks to show that event on the timeline."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Chosen(Message):
        """Enter on a row: show that event on the timeline."""

        def __init__(self, event_id: str) -> None:
            self.event_id = event_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def add_rows_at_once(self, rows: Iterable[tuple[str, Sequence[object]]]) -> None:
        """`add_row` for many rows (key, cells) at the end, its per-row bookkeeping done
        once (`tui.app.widgets.textual_internals.append_rows`)."""
        append_rows(self, rows)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        event_id = row_id(message.row_key)
        if event_id is not None:
            self.post_message(self.Chosen(event_id))


class AgendaTable(EventTable):
    """A row per event; `s` or a click on a column header sorts by that column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "sort_next", "Sort"),
        Binding("r", "reverse", "Reverse"),
    ]

    class Highlighted(Message):
        def __init__(self, event_id: str) -> None:
            self.event_id = event_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sort_column = "start"
        self.sort_reverse = False
        self._filling = False

    def on_mount(self) -> None:
        add_columns(self, COLUMNS)

    def on_resize(self) -> None:
        fit_title_column(self)

    def fill(
        self,
        rows: Sequence[Row],
        selected: str | None,
        marks: Mapping[str, RowMark] | None = None,
        faults: Container[str] = (),
    ) -> None:
        """The rows, with their baseline `marks` and the events `faults` names marked."""
        self._filling = True
        self.clear()
        marks = marks or {}
        # Keyed by event id: sorting and reloads keep the cursor on the same event. Without
        # the cyclic collector meanwhile: tens of thousands of new cells would trigger full
        # collections over the whole schedule, 40% of the fill (none of them is a cycle).
        with collection_deferred():
            self.add_rows_at_once(
                (row.event.id, agenda_cells(row, marks.get(row.event.id), row.event.id in faults))
                for row in rows
            )
        self._filling = False
        self.call_after_refresh(fit_title_column, self)
        self._apply_sort()
        if selected is not None:
            self.select(selected)

    def select(self, event_id: str) -> None:
        try:
            index = self.get_row_index(event_id)
        except RowDoesNotExist:
            return
        self.move_cursor(row=index, animate=False)

    def action_sort_next(self) -> None:
        keys = [key for key, _label in COLUMNS]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = False
        self._apply_sort()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._apply_sort()

    def on_data_table_header_selected(self, message: DataTable.HeaderSelected) -> None:
        message.stop()
        key = str(message.column_key.value)
        if key == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = key, False
        self._apply_sort()

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        message.stop()
        event_id = row_id(message.row_key)
        if not self._filling and event_id is not None:
            self.post_message(self.Highlighted(event_id))

    def _apply_sort(self) -> None:
        current = None
        if self.row_count and self.cursor_row < self.row_count:
            current = row_id(self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key)
        self.sort(self.sort_column, key=_sort_key, reverse=self.sort_reverse)
        for key, label in COLUMNS:
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
            self.columns[key].label = Text(label + arrow)  # type: ignore[index]
        self.refresh()
        if current is not None:
            self.select(current)


def _sort_key(value: object) -> tuple[int, object]:
    if isinstance(value, MarkedTitle):
        value = value.sort_text
    elif isinstance(value, Text):
        value = value.plain
    if isinstance(value, int):
        return (0, value)
    if value == "":
        return (2, "")
    return (1, str(value).lower())
