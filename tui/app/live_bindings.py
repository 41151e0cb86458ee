"""The keys that work right now, read from the live bindings: the source of `?` help and of
the command palette, so neither can drift from the keys themselves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

SKIP_ACTIONS = frozenset({"command_palette", "help"})


@dataclass(frozen=True)
class KeyHelp:
    keys: tuple[str, ...]
    description: str
    action: str
    node: DOMNode
    enabled: bool


#: Help's name for bindings docket inherits from Textual's own widgets and screens.
TEXTUAL_SECTION = "Textual"


def section_name(node: DOMNode, action: str) -> str:
    """What a binding's owner is called in help: the widget, the screen, the app, or Textual
    for the bindings a Textual base class brings (focus keys, copy, scrolling)."""
    if action not in _docket_actions(type(node)):
        return TEXTUAL_SECTION
    if isinstance(node, App):
        return "Anywhere"
    if isinstance(node, Screen):
        return "Views and tools"
    return getattr(node, "HELP_SECTION", type(node).__name__)


def _docket_actions(cls: type) -> set[str]:
    """Actions bound by docket's own classes in `cls`'s ancestry."""
    actions: set[str] = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("tui.") and "BINDINGS" in vars(klass):
            actions.update(b.action for b in vars(klass)["BINDINGS"] if isinstance(b, Binding))
    return actions


def live_keys(screen: Screen[Any]) -> list[tuple[str, list[KeyHelp]]]:
    """The screen's active bindings grouped by owner (focused widget first), keys merged."""
    app = screen.app
    merged: dict[tuple[int, str], KeyHelp] = {}
    order: list[tuple[int, str]] = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        ident = (id(active.node), binding.action)
        display = app.get_key_display(binding.with_key(key, binding.key_display))
        if ident in merged:
            old = merged[ident]
            if display not in old.keys:
                merged[ident] = KeyHelp(
                    (*old.keys, display), old.description, old.action, old.node, old.enabled
                )
            continue
        merged[ident] = KeyHelp(
            (display,), binding.description, binding.action, active.node, active.enabled
        )
        order.append(ident)
    sections: dict[str, list[KeyHelp]] = {}
    for ident in order:
        item = merged[ident]
        sections.setdefault(section_name(item.node, item.action), []).append(item)
    textual = sections.pop(TEXTUAL_SECTION, None)
    return [*sections.items(), *([(TEXTUAL_SECTION, textual)] if textual else [])]
