"""The private parts of Textual that `tui.app.widgets.textual_internals` names, checked
against the installed Textual: an upgrade that moves or changes one fails here, saying
which, before it shows as a misdrawn screen elsewhere. And no other module of `tui` reaches
past Textual's public API without being listed there."""

from __future__ import annotations

import ast
import asyncio
import importlib
import inspect
import re
import types
from pathlib import Path
from typing import ClassVar

import pytest
import textual
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.widgets import DataTable, Footer
from textual.widgets.data_table import DuplicateKey

from tests.app.conftest import until
from tests.app.hostile import screen_text
from tests.conftest import bundled
from tui.app.timeline.rows import TimelineRows
from tui.app.widgets.agenda import AgendaTable, agenda_cells
from tui.app.widgets.footer import DocketFooter
from tui.app.widgets.textual_internals import (
    FooterKey,
    FooterLabel,
    KeyGroup,
    append_rows,
    refit_column,
)

TUI = Path(__file__).resolve().parents[2] / "tui"
INTERNALS = TUI / "app" / "widgets" / "textual_internals.py"
#: Private Textual names used outside `textual_internals`, by module, each said there too
#: (item 4 of its docstring): the command palette's guards against keys typed ahead.
ALLOWED = {
    "app/palette.py": {
        "_GATHER_COMMANDS_GROUP",
        "_action_command_list",
        "_on_message",
        "_gather_commands",
    },
}
MOVED = f"Textual {textual.__version__} changed what tui.app.widgets.textual_internals uses"


class Keys(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("x", "bell", "Ring"),
    ]

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield self.footer


def test_footer_builds_the_widgets_docket_footer_builds() -> None:
    """Textual's own Footer still composes FooterKey (the private module's), with the
    arguments `DocketFooter` passes; and it still tells a subclass the keys are known."""
    parameters = list(inspect.signature(FooterKey).parameters)
    assert parameters[:4] == ["key", "key_display", "description", "action"], MOVED
    assert {"disabled", "tooltip", "classes"} <= set(parameters), MOVED
    assert issubclass(KeyGroup, textual.containers.HorizontalGroup), MOVED
    assert issubclass(FooterLabel, textual.widgets.Label), MOVED

    async def main() -> None:
        for footer in (Footer(), DocketFooter(compact=True)):
            app = Keys(footer)
            async with app.run_test(size=(80, 5)) as pilot:
                await until(pilot, lambda f=footer: f.query(FooterKey), what=f"{MOVED}: keys")
                descriptions = {key.description for key in footer.query(FooterKey)}
                assert {"Quit", "Ring"} <= descriptions, MOVED
        assert footer.keys_known, f"{MOVED}: Footer.bindings_changed is no longer called"

    asyncio.run(main())


class Table(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()


def test_refit_column_redraws_the_table_at_the_new_width() -> None:
    """DataTable caches cells drawn at the old width: `refit_column` must drop them and
    have the scrollable width recomputed, or the old width stays on screen."""
    title = "Fourth session of the committee"

    async def main() -> None:
        app = Table()
        async with app.run_test(size=(60, 5)) as pilot:
            table = app.query_one(DataTable)
            table.add_column("Title", key="title", width=6)
            table.add_column("Kind", key="kind")
            table.add_row(title, "session")
            await pilot.pause()
            assert title not in screen_text(app)
            column = table.columns[next(iter(table.columns))]
            refit_column(table, column, len(title))
            await until(pilot, lambda: title in screen_text(app), what=f"{MOVED}: redraw")
            widths = sum(c.get_render_width(table) for c in table.columns.values())
            await until(
                pilot,
                lambda: table.virtual_size.width == widths,
                what=f"{MOVED}: the scrollable width {widths}",
            )

    asyncio.run(main())


class Two(App[None]):
    CSS = "AgendaTable { height: 30; }"

    def compose(self) -> ComposeResult:
        yield AgendaTable(id="slow")
        yield AgendaTable(id="fast")


def test_append_rows_makes_the_table_add_row_makes() -> None:
    """Row for row, field for field, drawn the same; and the errors `add_row` raises."""
    rows = TimelineRows(bundled().schedule).all

    async def main() -> None:
        app = Two()
        async with app.run_test(size=(120, 60)) as pilot:
            slow = app.query_one("#slow", AgendaTable)
            fast = app.query_one("#fast", AgendaTable)
            for row in rows:
                slow.add_row(*agenda_cells(row), key=row.event.id)
            append_rows(fast, ((row.event.id, agenda_cells(row)) for row in rows))
            await pilot.pause()
            assert fast.row_count == slow.row_count == len(rows)
            assert fast._row_locations._forward == slow._row_locations._forward, MOVED
            assert fast._row_locations._reverse == slow._row_locations._reverse, MOVED
            assert fast._data == slow._data, MOVED
            assert list(fast.rows.values()) == list(slow.rows.values()), MOVED
            assert fast.cursor_coordinate == slow.cursor_coordinate, MOVED
            assert fast._update_count == slow._update_count, MOVED
            assert vars(fast).keys() == vars(slow).keys(), f"{MOVED}: DataTable's state"
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


def test_the_palette_overrides_what_command_palette_still_has() -> None:
    for name in ALLOWED["app/palette.py"]:
        assert hasattr(CommandPalette, name), f"{MOVED}: CommandPalette.{name}"
    assert hasattr(CommandPalette._gather_commands, "__wrapped__"), f"{MOVED}: its @work"
    assert list(inspect.signature(CommandPalette._action_command_list).parameters) == [
        "self",
        "action",
    ], MOVED


def _textual_classes(module: object) -> list[type]:
    """The Textual classes a module's names are, or inherit from."""
    found = {}
    for value in vars(module).values():
        if isinstance(value, type):
            for base in value.__mro__:
                if base.__module__.startswith("textual"):
                    found[base] = None
    return list(found)


def _private(name: str, source: str) -> bool:
    """Whether `source` (Textual's) defines or uses `name` as a private name of its own."""
    if not name.startswith("_") or name.startswith("__"):
        return False
    return re.search(rf"(def |self\.|\n    ){re.escape(name)}\b", source) is not None


def _sources(classes: list[type]) -> str:
    return "\n".join(inspect.getsource(cls) for cls in classes)


def _private_uses(path: Path) -> list[tuple[int, str]]:
    """(line, name) of every import from a private Textual module; of every private name of
    Textual's that a class built on Textual overrides or reads or sets on itself; and of
    every other `x._name` that is private to a Textual class the module uses."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = importlib.import_module(".".join(path.relative_to(TUI.parent).with_suffix("").parts))
    found: list[tuple[int, str]] = []
    on_self: set[int] = set()
    for node in ast.walk(tree):
        parts = (node.module or "").split(".") if isinstance(node, ast.ImportFrom) else []
        if parts[:1] == ["textual"] and any(part.startswith("_") for part in parts):
            found.append((node.lineno, ".".join(parts)))
        if not isinstance(node, ast.ClassDef) or not isinstance(
            getattr(module, node.name, None), type
        ):
            continue
        source = _sources(_textual_classes(types.SimpleNamespace(cls=getattr(module, node.name))))
        names: list[tuple[int, str]] = []
        for statement in node.body:  # methods and class attributes: what overrides
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                names.append((statement.lineno, statement.name))
            elif isinstance(statement, ast.Assign | ast.AnnAssign):
                targets = (
                    statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                )
                names += [(t.lineno, t.id) for t in targets if isinstance(t, ast.Name)]
        for inner in ast.walk(node):
            receiver = inner.value if isinstance(inner, ast.Attribute) else None
            if isinstance(receiver, ast.Name) and receiver.id == "self":
                assert isinstance(inner, ast.Attribute)
                on_self.add(id(inner))
                names.append((inner.lineno, inner.attr))
        found += [(line, name) for line, name in names if _private(name, source)]
    used = _sources(_textual_classes(module))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and id(node) not in on_self
            and _private(node.attr, used)
        ):
            found.append((node.lineno, node.attr))
    return found


def test_no_other_module_uses_textual_private_names() -> None:
    problems = []
    for path in sorted((TUI / "app").rglob("*.py")):
        if path == INTERNALS:
            continue
        allowed = ALLOWED.get(path.relative_to(TUI).as_posix(), set())
        for line, name in _private_uses(path):
            if name not in allowed:
                problems.append(f"tui/{path.relative_to(TUI).as_posix()}:{line}: {name}")
    assert not problems, (
        "Textual's private API outside tui/app/widgets/textual_internals.py (use it through "
        "that module, and say why in its docstring):\n" + "\n".join(problems)
    )
