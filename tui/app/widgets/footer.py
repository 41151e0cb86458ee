"""The footer, fitted to the terminal: every key when there is room, the essentials when not.

Textual's Footer shows every visible binding in one line, so at 60 columns the keys that
matter most (help, filter, views, quit) would fall off the end. This subclass keeps
Textual's rendering and only chooses which bindings to show by the screen's width; every
key still works, and `?` and the command palette list them all.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

#: The least width at which each action shows in the footer (absent: always shown).
MIN_WIDTH: dict[str, int] = {
    "zoom": 80,
    "reverse": 80,
    "today": 118,
    "go_to_date": 118,
    "next_deadline": 118,
    "change_as_of": 118,
    "edit": 118,
    "export": 118,
    "baseline": 140,
}
#: From this width every key but the widest terminals' extras fits, in the screen's order.
FULL = 118


def room_for(width: int) -> int:
    """The footer's room, rounded down to the widths that matter (fewer recomposes)."""
    return max((w for w in (0, *MIN_WIDTH.values()) if w <= width), default=0)


def _action_name(binding: Binding) -> str:
    return binding.action.split("(", 1)[0]


class DocketFooter(Footer):
    """A Footer that leaves out the less essential keys below a width."""

    room: reactive[int] = reactive(200, recompose=True)

    def compose(self) -> ComposeResult:
        # Textual 8.2's Footer.compose, with the bindings filtered by `MIN_WIDTH`.
        if not self._bindings_ready:
            return
        active_bindings = self.screen.active_bindings
        ordered = list(active_bindings.values())
        if self.room < FULL:
            # Short of room: the app's own keys (help, quit) first, so they always show.
            ordered.sort(key=lambda active: active.node is not self.app)
        bindings = [
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in ordered
            if binding.show and MIN_WIDTH.get(_action_name(binding), 0) <= self.room
        ]
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for binding, enabled, tooltip in bindings:
            by_action[binding.action].append((binding, enabled, tooltip))
        for group, items in groupby(by_action.values(), lambda multi: multi[0][0].group):
            multi_bindings = list(items)
            if group is not None and len(multi_bindings) > 1:
                with KeyGroup(classes="-compact" if group.compact else ""):
                    for multi in multi_bindings:
                        binding, enabled, tooltip = multi[0]
                        yield FooterKey(
                            binding.key,
                            self.app.get_key_display(binding),
                            "",
                            binding.action,
                            disabled=not enabled,
                            tooltip=tooltip or binding.description,
                            classes="-grouped",
                        ).data_bind(compact=Footer.compact)
                yield FooterLabel(group.description)
            else:
                for multi in multi_bindings:
                    binding, enabled, tooltip = multi[0]
                    yield FooterKey(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        disabled=not enabled,
                        tooltip=tooltip,
                    ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, _tooltip = palette
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )
