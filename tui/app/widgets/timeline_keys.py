"""The timeline's keys, as the footer, `?` help and the command palette show them.

Kept beside the widget (which declares them as its `BINDINGS`) so the widget module stays
about drawing and selection. Plain navigation keys are hidden from the footer; `?` help
lists every one, read from the live bindings.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

ZOOM = Binding.Group("zoom", compact=True)
DEADLINE = Binding.Group("deadline", compact=True)
SESSION = Binding.Group("session", compact=True)

BINDINGS: list[BindingType] = [
    Binding("down,j", "move(1)", "Next event", show=False),
    Binding("up,k", "move(-1)", "Previous event", show=False),
    Binding("pagedown", "page(1)", "Page down", show=False),
    Binding("pageup", "page(-1)", "Page up", show=False),
    Binding("home", "move_to(0)", "First event", show=False),
    Binding("end", "move_to(-1)", "Last event", show=False),
    Binding("right,l", "pan(1)", "Pan later", show=False),
    Binding("left,h", "pan(-1)", "Pan earlier", show=False),
    # H and L too: in a browser (`docket web`) ctrl+pgup/pgdn switch the browser's tabs.
    Binding("ctrl+pagedown,L", "pan(4)", "Pan a screen later", show=False),
    Binding("ctrl+pageup,H", "pan(-4)", "Pan a screen earlier", show=False),
    Binding("plus,equals_sign", "zoom(-1)", "Zoom in", key_display="+", group=ZOOM),
    Binding("minus", "zoom(1)", "Zoom out", key_display="-", group=ZOOM),
    Binding("t", "today", "Now", tooltip="Select the session in progress, else the next"),
    Binding("g", "go_to_date", "Go to"),
    Binding("n", "next_deadline(1)", "Next deadline", group=DEADLINE),
    Binding("N", "next_deadline(-1)", "Previous deadline", group=DEADLINE),
    Binding(
        "right_parenthesis",
        "next_session(1)",
        "Next session",
        key_display=")",
        group=SESSION,
        show=False,
    ),
    Binding(
        "left_parenthesis",
        "next_session(-1)",
        "Previous session",
        key_display="(",
        group=SESSION,
        show=False,
    ),
    Binding("enter", "details", "Details"),
]
