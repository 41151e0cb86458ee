"""Text that attacks the terminal, and ways to look at what the app would send it.

The loader refuses control characters in a schedule, so a schedule that holds them is built
here from the model's own constructors (`dataclasses.replace` on a loaded one) and handed
to the app through `build_app(load=...)`, the app's seam for what reads the file.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from textual.widget import Widget

from tests.conftest import bundled
from tui.app.docket_app import DocketApp
from tui.core.errors import Diagnostic
from tui.schedule.loader import Loaded, load_path

#: Sets the window title, asks the terminal to answer (DSR), clears the screen through a C1
#: CSI, rings the bell; then markup that would vanish ("[b]") or raise ("[/x]") if read.
PAYLOAD = "\x1b]0;PWNED\x07\x1b[6n\x9b2J\x07[b]bold[/b][/x]"
#: How the app must show it: every control as its picture (C1 as text), markup as typed.
SHOWN = "␛]0;PWNED␇␛[6n\\x9b2J␇[b]bold[/b][/x]"


def hostile(loaded: Loaded) -> Loaded:
    """`loaded` with PAYLOAD in every text field: titles, ids, venues, tags, urls, notes."""
    schedule = loaded.schedule
    venues = {
        key: replace(
            venue,
            name=f"{venue.name} {PAYLOAD}",
            city=f"{venue.city or 'City'} {PAYLOAD}",
            country=f"{venue.country or 'Land'} {PAYLOAD}",
        )
        for key, venue in schedule.venues.items()
    }
    events = tuple(
        replace(
            event,
            id=f"{event.id}{PAYLOAD}",
            title=f"{event.title} {PAYLOAD}",
            venue=venues[event.venue.id] if event.venue else None,
            tags=(*event.tags, PAYLOAD),
            url=f"https://example.org/{PAYLOAD}",
            notes=f"First line {PAYLOAD}\nsecond line {PAYLOAD}",
        )
        for event in schedule.events
    )
    return replace(
        loaded,
        schedule=replace(
            schedule,
            title=f"{schedule.title} {PAYLOAD}",
            deadline=f"{schedule.deadline}{PAYLOAD}" if schedule.deadline else None,
            venues=venues,
            events=events,
        ),
    )


def hostile_warning(path: Path) -> Diagnostic:
    return Diagnostic(str(path), 3, 1, "warning", f"odd value {PAYLOAD}")


def loads(*steps: Callable[[Path], Loaded]) -> Callable[[Path], Loaded]:
    """A loader that answers each call with the next of `steps` (the last one repeats)."""
    remaining = list(steps)

    def load(path: Path) -> Loaded:
        step = remaining.pop(0) if len(remaining) > 1 else remaining[0]
        return step(path)

    return load


def raising(error: BaseException) -> Callable[[Path], Loaded]:
    """A step of `loads` that fails as no real file can make the loader fail."""

    def load(_path: Path) -> Loaded:
        raise error

    return load


def real(path: Path) -> Loaded:
    return load_path(path) if path.exists() else bundled()


def terminal_output(app: DocketApp) -> str:
    """What the app would write to the terminal for a full repaint of the current screen."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    file = console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def screen_text(app: DocketApp) -> str:
    """The characters on screen, line by line (no styles)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def widget_text(app: DocketApp, widget: Widget) -> str:
    """The characters of one widget's content region on screen, its lines joined by spaces
    and runs of spaces collapsed (wrapped text reads as one)."""
    region = widget.content_region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(line[region.x : region.right] for line in lines).split())


def assert_nothing_sent(app: DocketApp) -> str:
    """The screen shows the payload's controls as pictures and sends none of them; returns
    the text on screen."""
    output = terminal_output(app)
    # docket's own frame uses ESC for colours and cursor moves, but never with these:
    assert "\x07" not in output and "\x9b" not in output
    assert "\x1b]0;PWNED" not in output and "\x1b[6n" not in output
    svg = app.export_screenshot()
    assert "\x1b" not in svg and "\x07" not in svg
    text = screen_text(app)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    return text
