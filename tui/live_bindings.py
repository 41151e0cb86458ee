"""The keys that work right now, read from the live bindings: the source of `?` help and of
the command palette, so neither can drift from the keys themselves."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
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


def section_name(node: DOMNode) -> str:
    """What a binding's owner is called in help: the widget's role, the screen, the app."""
    if isinstance(node, App):
        return "Anywhere"
    if isinstance(node, Screen):
        return "Views and tools"
    return getattr(node, "HELP_SECTION", type(node).__name__)


def live_keys(screen: Screen) -> list[tuple[str, list[KeyHelp]]]:
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
        sections.setdefault(section_name(item.node), []).append(item)
    return list(sections.items())
