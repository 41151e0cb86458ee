"""The pages `docket web` serves: the app's page, and short pages that say why not.

Self-contained: the terminal's script, its stylesheet and the font are docket's own static
files (`STATIC`, taken from textual-serve's package), so the page loads on a network with
no internet (textual-serve's own page asks a public font host first, and draws nothing
until that request ends). Every text that comes from the schedule is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files
from pathlib import Path

#: The only files under /static/, by the name the page asks for.
STATIC_FILES: dict[str, tuple[str, str]] = {
    "textual.js": ("js/textual.js", "text/javascript"),
    "xterm.css": ("css/xterm.css", "text/css"),
    "roboto-mono.ttf": ("fonts/RobotoMono-VariableFont_wght.ttf", "font/ttf"),
}


def static_path(name: str) -> tuple[Path, str] | None:
    """The file behind /static/`name` and its type; None for any other name."""
    found = STATIC_FILES.get(name)
    if found is None:
        return None
    relative, content_type = found
    return Path(str(files("textual_serve") / "static" / relative)), content_type


_STYLE = """
@font-face { font-family: "Roboto Mono"; src: url("/static/roboto-mono.ttf") format("truetype"); }
html, body { margin: 0; height: 100%; background: #0c181f; }
body { color: rgba(255, 255, 255, 0.95); font-family: "Roboto Mono", monospace; }
#terminal { position: absolute; inset: 0; }
.textual-terminal { opacity: 0; transition: opacity 0.2s ease-out; }
body.-first-byte .textual-terminal { opacity: 1; }
.notice { position: absolute; inset: 0; display: none; align-items: center;
  justify-content: center; z-index: 10; background: #0c181f; }
.notice div { background: #12232d; padding: 32px 48px; text-align: center; }
body.-closed .closed { display: flex; }
body:not(.-first-byte) .starting { display: flex; }
body.-closed .starting { display: none; }
button { padding: 12px 28px; margin-top: 16px; background: #5e0ba7; color: inherit;
  border: none; font: inherit; cursor: pointer; }
"""

#: Keys go to the terminal from the start (not after a click): focus its input as soon as
#: the terminal exists, and again when the window gets the focus back.
_FOCUS = """
window.addEventListener("load", function () {
  var tries = 0;
  function focusTerminal() {
    var input = document.querySelector(".xterm-helper-textarea");
    if (input) { input.focus(); return; }
    if (++tries < 200) { setTimeout(focusTerminal, 25); }
  }
  focusTerminal();
  window.addEventListener("focus", focusTerminal);
});
"""


def app_page(title: str, websocket_path: str, font_size: int = 16) -> str:
    """The page of one schedule's app; the browser's title names the schedule."""
    name = escape(title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{name} · docket</title>
<link rel="preload" href="/static/roboto-mono.ttf" as="font" type="font/ttf" crossorigin>
<link rel="stylesheet" href="/static/xterm.css">
<style>{_STYLE}</style>
<script src="/static/textual.js"></script>
<script>{_FOCUS}</script>
</head>
<body>
<div class="notice starting"><div>{name}<br>starting…</div></div>
<div class="notice closed"><div>Session ended.<br>
<button type="button" onclick="window.location.reload()">Start again</button></div></div>
<div id="terminal" class="textual-terminal" data-font-size="{int(font_size)}"
 data-session-websocket-url=""></div>
<script>
document.getElementById("terminal").dataset.sessionWebsocketUrl =
  (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "{websocket_path}";
</script>
</body>
</html>
"""


def list_page(titles: list[str]) -> str:
    """Several schedules served: a link to each one's app."""
    items = "\n".join(
        f'<li><a href="/s/{index}">{escape(title)}</a></li>' for index, title in enumerate(titles)
    )
    return _message_page("docket", "Schedules", f"<ul>{items}</ul>")


def refusal_page(heading: str, text: str) -> str:
    """Why the page is not shown (no key, a wrong one, every session taken)."""
    return _message_page(heading, heading, f"<p>{escape(text)}</p>")


def _message_page(title: str, heading: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{escape(title)} · docket</title>
<style>body {{ font-family: sans-serif; background: #0c181f; color: #eee; margin: 48px; }}
a {{ color: #9cf; }}</style></head>
<body><h1>{escape(heading)}</h1>
{body}
</body>
</html>
"""
