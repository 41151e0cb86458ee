"""`docket web` in headless Chromium, as the issue's colleague meets it: the link, the
timeline, `3` for the dashboard, the sessions downloaded as an .ics (the same bytes as
`docket export`), the page following the file, and nothing left once the tab is closed."""

from __future__ import annotations

import subprocess
import sys

from ical.calendar_stream import IcsCalendarStream

from tests.web.conftest import WebServer, assert_gone, opened


def test_a_colleague_sees_the_timeline_the_dashboard_and_downloads_the_sessions(
    context, server: WebServer
) -> None:
    page, screen = opened(context, server)
    assert page.url == f"{server.base}/"  # the key left the address bar
    assert page.title() == "Ad Hoc Committee on Cybercrime, 2022–2024 · docket"
    page.keyboard.press("3")  # keys work at once: the terminal has the focus
    screen.wait_for("Substantive")  # the dashboard's cards
    page.keyboard.press("1")
    screen.wait_for("Fifth session")
    page.keyboard.press("x")
    screen.wait_for("Export to iCalendar")
    page.keyboard.press("Tab")
    page.keyboard.type("session")
    with page.expect_download(timeout=15_000) as downloading:
        page.keyboard.press("Enter")
    download = downloading.value
    assert download.suggested_filename == "schedule.ics"
    data = download.path().read_bytes()
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    names = {event.summary for event in calendar.events}
    assert "Fifth session" in names and not any("consultation" in n for n in names)
    exported = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            "export",
            "--kind",
            "session",
            "--as-of",
            "2023-03-01",
            "-o",
            "-",
            str(server.schedule),
        ],
        capture_output=True,
        check=True,
    ).stdout
    assert data == exported  # the same bytes as `docket export` with the same filter
    screen.wait_for("sent schedule.ics")
    assert not (server.folder / "schedule.ics").exists()  # nothing written on the server


def test_closing_the_tab_ends_its_app_within_seconds(context, server: WebServer) -> None:
    page, _ = opened(context, server)
    assert len(server.app_processes()) == 1
    page.close()
    assert_gone(server, 8)  # the server sees the socket close and ends the app


def test_the_page_follows_the_file(context, server: WebServer) -> None:
    _, screen = opened(context, server)
    text = server.schedule.read_text(encoding="utf-8")
    server.schedule.write_text(text.replace('"Fifth session"', '"Fifth session (moved)"'))
    screen.wait_for("Fifth session (moved)")
    server.schedule.write_text(text + "\n[[events]]\nid = 3\n", encoding="utf-8")  # invalid
    shown = screen.wait_for("schedule.toml:")  # the located error, in the error bar
    assert "Fourth session" in shown  # the last valid schedule stays on screen


def test_ten_downloads_in_a_row_never_freeze_the_tab(context, server: WebServer) -> None:
    page, screen = opened(context, server)
    sizes = set()
    for _ in range(10):
        page.keyboard.press("x")
        screen.wait_for("Export to iCalendar")
        with page.expect_download(timeout=15_000) as downloading:
            page.keyboard.press("Enter")
        sizes.add(len(downloading.value.path().read_bytes()))
        screen.wait_for(lambda text: "Export to iCalendar" not in text)
    assert len(sizes) == 1  # the same whole calendar every time
    page.keyboard.press("3")  # and the tab still answers
    screen.wait_for("Substantive")
