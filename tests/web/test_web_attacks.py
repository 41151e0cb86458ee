"""`docket web` attacked: without the key or with a wrong one, from another origin,
through every dialog that could name a server file, with every editing key and `e`, with
more tabs than sessions and tabs closed mid-load."""

from __future__ import annotations

import asyncio
import http.server
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from tests.web.browser import Screen
from tests.web.conftest import (
    WebServer,
    assert_gone,
    opened,
    served_folder,
    start_server,
    stop_server,
)
from tui.web.access import cookie_name, cookie_value


def own_cookie(server: WebServer) -> str:
    return f"{cookie_name(server.key)}={cookie_value(server.key)}"


def status_of(url: str, cookie: str | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.mark.parametrize("path", ["/", "/s/0", "/static/textual.js", "/download/abc", "/ws/0"])
def test_every_address_needs_the_key(server: WebServer, path: str) -> None:
    assert status_of(server.base + path)[0] == 401
    assert status_of(server.base + path + "?key=wrong")[0] == 401
    assert status_of(server.base + path, cookie=f"{cookie_name(server.key)}=wrong")[0] == 401
    assert status_of(server.base + path, cookie=own_cookie(server) + "x")[0] == 401
    assert status_of(server.base + path, cookie=f"{cookie_name(server.key)}={server.key}")[0] == 401


def test_the_link_sets_a_strict_cookie_and_leaves_the_address(server: WebServer) -> None:
    status, headers = status_of(server.link)
    assert status == 303
    assert headers["Location"] == "/"
    for away in ("//evil.example/", "/\\evil.example/", "///evil.example/"):
        status, headers = status_of(f"{server.base}{away}?key={server.key}")
        assert status == 303 and headers["Location"] == "/evil.example/", away
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert status_of(server.base + "/", cookie=own_cookie(server))[0] == 200


@pytest.mark.parametrize("path", ["/static/../../etc/passwd", "/static/server.py", "/static/"])
def test_static_serves_its_three_files_only(server: WebServer, path: str) -> None:
    assert status_of(server.base + path, cookie=own_cookie(server))[0] in (403, 404)


def websocket_status(server: WebServer, origin: str | None) -> int:
    async def attempt() -> int:
        headers = {"Cookie": own_cookie(server)}
        if origin is not None:
            headers["Origin"] = origin
        async with aiohttp.ClientSession() as session:
            try:
                socket = await session.ws_connect(server.base + "/ws/0", headers=headers)
            except aiohttp.WSServerHandshakeError as error:
                return error.status
            await socket.close()
            return 101

    return asyncio.run(attempt())


def test_a_websocket_from_another_origin_is_refused(server: WebServer) -> None:
    port = server.base.rsplit(":", 1)[1]
    for foreign in ("http://evil.example", f"http://127.0.0.1:{int(port) + 1}", "null", None):
        assert websocket_status(server, foreign) == 403, foreign
    assert server.app_processes() == []
    assert websocket_status(server, server.base) == 101  # its own page's origin


def test_a_page_on_another_origin_cannot_drive_the_app(context, server: WebServer) -> None:
    """The colleague's browser holds the cookie; a page elsewhere opens the app's websocket."""
    opened(context, server)
    before = len(server.app_processes())

    class Evil(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = (
                "<script>window.result = 'pending';"
                f"const s = new WebSocket('ws://{server.base.split('//')[1]}/ws/0');"
                "s.onopen = () => { window.result = 'open'; s.send('[\"stdin\",\"x\"]'); };"
                "s.onerror = () => { window.result = 'refused'; };</script>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    evil = http.server.HTTPServer(("127.0.0.1", 0), Evil)
    thread = threading.Thread(target=evil.serve_forever, daemon=True)
    thread.start()
    try:
        other = context.new_page()
        other.goto(f"http://127.0.0.1:{evil.server_address[1]}/")
        other.wait_for_function("window.result !== 'pending'", timeout=10_000)
        assert other.evaluate("window.result") == "refused"
    finally:
        evil.shutdown()
    assert len(server.app_processes()) == before


def test_no_editing_key_and_no_editor_touch_the_server(context, server: WebServer) -> None:
    original = server.schedule.read_bytes()
    page, screen = opened(context, server)
    for key in (
        "e",
        "[",
        "]",
        "{",
        "}",
        "<",
        ">",
        "S",
        "f",
        "A",
        "D",
        "u",
        "Control+r",
        "Control+s",
        "Escape",
    ):
        page.keyboard.press(key)
    page.keyboard.press("!")
    shown = screen.wait_for("served to a browser")
    assert "unsaved" not in shown
    time.sleep(0.5)  # what an editor or a save would have written by now
    assert server.schedule.read_bytes() == original
    assert not (server.folder / "EDITOR-RAN").exists()
    assert len(server.app_processes()) == 1  # no editor beside the app


def baseline_typed(context, server: WebServer, typed: str) -> Screen:  # type: ignore[no-untyped-def]
    """The page, with `typed` entered in the `b` dialog."""
    page, screen = opened(context, server, "b", "Compare with a baseline")
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    return screen


@pytest.mark.parametrize(
    "typed",
    [
        "/etc/passwd",
        "../../../../etc/passwd",
        "HEAD:../../etc/passwd",
        "~/.ssh/id_rsa",
        "--output=/tmp/x",
    ],
)
def test_the_baseline_dialog_names_no_server_file(context, server: WebServer, typed: str) -> None:
    shown = baseline_typed(context, server, typed).wait_for(
        lambda text: "never a file" in text or "revision" in text
    )
    assert "root:" not in shown


def test_the_baseline_dialog_takes_a_revision_of_the_file(context, server: WebServer) -> None:
    baseline_typed(context, server, "HEAD").wait_for("vs HEAD")


def test_an_export_path_becomes_a_download_name(context, server: WebServer, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    page, _ = opened(context, server, "x", "Export to iCalendar")
    page.keyboard.press("Control+a")  # the start of the field, then everything after it cut
    page.keyboard.press("Control+k")
    page.keyboard.type(f"{target}/../elsewhere/.evil.ics")
    with page.expect_download(timeout=15_000) as downloading:
        page.keyboard.press("Enter")
    assert downloading.value.suggested_filename == "evil.ics"
    assert list(target.iterdir()) == []


def test_more_tabs_than_sessions_get_a_clear_page(context, tmp_path: Path) -> None:
    server = start_server(served_folder(tmp_path), "--sessions", "1")
    try:
        first, _ = opened(context, server)
        second = context.new_page()
        response = second.goto(server.base + "/")
        assert response is not None and response.status == 503
        assert "Every session is taken" in second.inner_text("h1")
        first.close()
        assert_gone(server, 8)
        third = context.new_page()
        third.goto(server.base + "/")
        Screen(third).wait_for("Fifth session")
    finally:
        stop_server(server)


def test_tabs_closed_mid_load_leave_nothing(context, server: WebServer) -> None:
    first = context.new_page()
    first.goto(server.link, wait_until="commit")  # the cookie, so no redirect is in flight
    first.close()
    for wait_until in ("commit", "domcontentloaded", "load", "commit", "load"):
        page = context.new_page()  # closed as the page arrives, or as its app starts
        page.goto(server.base + "/", wait_until=wait_until)
        page.close()
    assert_gone(server, 15)


def test_the_page_asks_nothing_of_another_server(context, server: WebServer) -> None:
    asked: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: asked.append(request.url))
    page.goto(server.link)
    Screen(page).wait_for("Fifth session")
    ws = server.base.replace("http://", "ws://")
    assert asked and all(url.startswith((server.base, ws)) for url in asked), asked


def test_several_schedules_are_listed_each_with_its_own_page(tmp_path: Path) -> None:
    folder = served_folder(tmp_path)
    second = folder / "second.toml"
    text = (folder / "schedule.toml").read_text(encoding="utf-8")
    second.write_text(
        text.replace('title = "Ad Hoc Committee on Cybercrime', 'title = "<Second> & plan', 1)
    )
    server = start_server(folder, str(second))
    cookie = own_cookie(server)
    try:
        listing = urllib.request.urlopen(
            urllib.request.Request(server.base + "/", headers={"Cookie": cookie}), timeout=10
        ).read()
        assert b'href="/s/0"' in listing and b'href="/s/1"' in listing
        assert b"&lt;Second&gt; &amp; plan" in listing and b"<Second>" not in listing
        page = urllib.request.urlopen(
            urllib.request.Request(server.base + "/s/1", headers={"Cookie": cookie}), timeout=10
        ).read()
        assert b"<title>&lt;Second&gt; &amp; plan" in page and b'"/ws/1"' in page
        assert status_of(server.base + "/s/2", cookie=cookie)[0] == 404
    finally:
        stop_server(server)


def test_an_app_that_cannot_start_ends_its_session(context, server: WebServer) -> None:
    """The file gone between start and a tab: the app exits at once, and the tab is told
    (not left on "starting…" holding a session)."""
    server.schedule.rename(server.folder / "moved.toml")
    page = context.new_page()
    page.goto(server.link)
    screen = Screen(page)
    deadline = time.monotonic() + 15
    while not screen.closed() and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert screen.closed()
    assert "-closed" in page.evaluate("document.body.className")  # "Session ended"
    assert_gone(server, 5)
