"""The footer, fitted to the terminal: every key when there is room, whole keys dropped by
priority when not, never a label cut in half.

Textual's Footer lays every visible binding out in one scrolling line, so at 60 columns the
keys past the edge are cut mid-label (`? Hel▏`) and, behind the palette key docked on the
right, a cut key shows through its margin (a stray `3`). This subclass keeps Textual's
rendering (its `FooterKey`, `FooterLabel` and `KeyGroup`, which Textual does not export:
see `tui.app.widgets.textual_internals`) but chooses the keys itself: it measures each key
in cells (`key_cells`, the footer's own compact layout), keeps them by `PRIORITY` while they
fit beside the palette key, and shows what it kept in the screen's order. Every key still
works, and `?` and the command palette list them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from tui.app.widgets.textual_internals import FooterKey, FooterLabel, KeyGroup, set_key_enabled

#: Which keys go first when room is short: lower stays longer (absent: `DEFAULT_PRIORITY`).
#: Help and quit always stay; then what gets a planner out of the state they are in.
PRIORITY: dict[str, int] = {
    "help": 0,
    "quit": 0,
    "clear": 1,
    "clear_filter": 1,
    "leave": 1,
    "back": 1,
    "month": 2,
    "sort_next": 2,
    "filter": 3,
    "show_view": 3,
    "details": 3,
    "open": 3,
    "choose": 3,
    "zoom": 4,
    "today": 5,
    "reverse": 5,
    "go_to_date": 6,
    "next_deadline": 6,
    "change_as_of": 7,
    "edit": 7,
    "export": 7,
    "baseline": 8,
    "why_read_only": 2,
    "save": 4,
    "move_event": 5,
    "undo": 6,
    "resize_event": 7,
}
DEFAULT_PRIORITY = 5


def _action_name(binding: Binding) -> str:
    return binding.action.split("(", 1)[0]


@dataclass
class FooterItem:
    """One thing the footer shows: a key, or a group of keys with one label (`+- zoom`)."""

    keys: list[tuple[Binding, bool, str]]  # binding, enabled, tooltip
    displays: list[str]  # each key as the app displays it
    grouped: bool
    compact_group: bool
    order: int  # where the screen lists it
    from_app: bool  # the app's own keys (help, quit)

    @property
    def priority(self) -> int:
        return min(PRIORITY.get(_action_name(b), DEFAULT_PRIORITY) for b, _, _ in self.keys)

    @property
    def label(self) -> str:
        first = self.keys[0][0]
        return first.group.description if self.grouped and first.group else first.description


def key_cells(item: FooterItem) -> int:
    """Cells `item` takes in the compact footer, margins included (the CSS of Textual's
    Footer and FooterKey, and `app.tcss`'s `DocketFooter.-compact FooterLabel`)."""
    if not item.grouped:
        # key, a space and the description (padding-left 1), then margin-right 1
        (binding, _, _), display = item.keys[0], item.displays[0]
        words = f" {binding.description}" if binding.description else ""
        return cell_len(display) + cell_len(words) + 1
    label = cell_len(item.label) + 1  # FooterLabel and its margin-right
    if item.compact_group:  # KeyGroup.-compact: padding-left 1, margin-right 1
        return 1 + sum(cell_len(d) for d in item.displays) + 1 + label
    return sum(cell_len(d) + 2 for d in item.displays) + label  # each key with margin 0 1


def palette_cells(display: str, description: str) -> int:
    """The palette key docked right: its border, the key, a space and the description."""
    return 1 + cell_len(display) + 1 + cell_len(description)


def choose(items: Sequence[FooterItem], room: int) -> list[FooterItem]:
    """The items to show in `room` cells: taken by priority (then the screen's order), each
    only if it fits whole, so the most essential keys are placed first and a shorter, less
    essential one may still fill the rest. Shown in the screen's order, the app's own keys
    (help, quit) first when some are left out, so they stay where the eye expects them."""
    ranked = sorted(items, key=lambda item: (item.priority, item.order))
    kept: list[FooterItem] = []
    used = 0
    for item in ranked:
        cells = key_cells(item)
        if used + cells <= room:
            kept.append(item)
            used += cells
    if len(kept) < len(items):
        return sorted(kept, key=lambda item: (not item.from_app, item.order))
    return sorted(kept, key=lambda item: item.order)


class DocketFooter(Footer):
    """A Footer that shows only whole keys, the most essential first."""

    #: The footer's width in cells (set on resize); a change recomposes it.
    room: reactive[int] = reactive(0, recompose=True)
    #: Whether the screen has said which bindings are active; until then, as Footer does,
    #: the footer shows no keys.
    keys_known = False

    def on_resize(self, event: events.Resize) -> None:
        self.room = event.size.width

    #: What the footer shows, without whether each key is enabled: while it stays the
    #: same, a change of bindings only enables or disables keys in place (an edit key
    #: changes what undo, redo and save can do; recomposing costs tens of ms).
    _layout: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Footer's own handler of the screen's `bindings_updated_signal`: it recomposes.
        known, self.keys_known = self.keys_known, True
        if known and self.is_attached and screen is self.screen and self._layout is not None:
            self.call_after_refresh(self._update_or_recompose)
            return
        super().bindings_changed(screen)

    async def _update_or_recompose(self) -> None:
        if not self.is_attached:
            return
        chosen = self._chosen()
        if _layout_of(chosen) != self._layout:
            await self.recompose()
            return
        enabled = {(b.key, b.action): on for item in chosen for b, on, _ in item.keys}
        for key in self.query(FooterKey):
            if key.has_class("-command-palette"):
                continue
            wanted = enabled.get((key.key, key.action))
            if wanted is not None and wanted == key.has_class("-disabled"):
                set_key_enabled(key, wanted)

    def _chosen(self) -> list[FooterItem]:
        palette = self._palette()
        room = self.room
        if palette is not None:
            room -= palette_cells(palette.key_display, palette.description)
        return choose(self._items(), room)

    def _items(self) -> list[FooterItem]:
        """Every visible binding of the screen, as footer items in the screen's order."""
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        nodes: dict[str, object] = {}
        for node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
                nodes.setdefault(binding.action, node)
        items: list[FooterItem] = []
        for group, multis in groupby(by_action.values(), lambda multi: multi[0][0].group):
            keys = [multi[0] for multi in multis]
            grouped = group is not None and len(keys) > 1
            parts = [keys] if grouped else [[key] for key in keys]
            for part in parts:
                items.append(
                    FooterItem(
                        keys=part,
                        displays=[self.app.get_key_display(b) for b, _, _ in part],
                        grouped=grouped,
                        compact_group=bool(grouped and group and group.compact),
                        order=len(items),
                        from_app=nodes[part[0][0].action] is self.app,
                    )
                )
        return items

    def compose(self) -> ComposeResult:
        # Textual 8.2's Footer.compose, with the keys chosen by `choose`.
        if not self.keys_known or not self.room:
            self._layout = None
            return
        chosen = self._chosen()
        self._layout = _layout_of(chosen)
        for item in chosen:
            yield from self._widgets(item)
        palette = self._palette()
        if palette is not None:
            yield palette

    def _widgets(self, item: FooterItem) -> Iterator[Widget]:
        if item.grouped:
            with KeyGroup(classes="-compact" if item.compact_group else ""):
                for (binding, enabled, tooltip), display in zip(
                    item.keys, item.displays, strict=True
                ):
                    yield FooterKey(
                        binding.key,
                        display,
                        "",
                        binding.action,
                        disabled=not enabled,
                        tooltip=tooltip or binding.description,
                        classes="-grouped",
                    ).data_bind(compact=Footer.compact)
            yield FooterLabel(item.label)
            return
        (binding, enabled, tooltip), display = item.keys[0], item.displays[0]
        yield FooterKey(
            binding.key,
            display,
            binding.description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip,
        ).data_bind(compact=Footer.compact)

    def _palette(self) -> FooterKey | None:
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return None
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is None:
            return None
        _node, binding, enabled, _tooltip = palette
        return FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            classes="-command-palette",
            disabled=not enabled,
            tooltip=binding.tooltip or binding.description,
        )


def _layout_of(items: Sequence[FooterItem]) -> tuple[object, ...]:
    """The footer's keys as drawn, but for which are enabled."""
    return tuple(
        (item.grouped, item.label, *((b.key, b.action, tip) for b, _, tip in item.keys))
        for item in items
    )
