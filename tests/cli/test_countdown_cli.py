"""`docket countdown` on the real command line, with numbers worked out by hand.

The working for every number on the bundled schedule is in tests/unit/core/test_countdown.py and
docs/countdown-worked-example.md; here they are checked through the loader and the command.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli.main import main

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLED = ROOT / "schedules" / "ahc-2022-2024.toml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "countdown", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )


def invoke(*args: str):
    return CliRunner().invoke(main, ["countdown", *args])


def rows(output: str) -> dict[str, list[str]]:
    """Table rows keyed by their due date: [days, working, sessions, meeting days, phrase]."""
    found = {}
    for line in output.splitlines():
        cells = line.split()
        for i, cell in enumerate(cells):
            if len(cell) == 10 and cell[4] == "-" and cell[7] == "-" and i + 4 < len(cells):
                found[cell] = [*cells[i + 1 : i + 5], " ".join(cells[i + 5 :])]
                break
    return found


def test_as_of_1_march_2022_prints_the_hand_checked_table():
    result = run("--as-of", "2022-03-01")
    assert result.returncode == 0, result.stderr
    # No SCHEDULE and no ./schedule.toml: it says which schedule it read, nothing else.
    assert result.stderr == (
        "docket: using the bundled schedule (no SCHEDULE given, no ./schedule.toml)\n"
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "Ad Hoc Committee on Cybercrime, 2022–2024"
    assert lines[1] == "as of Tue 1 Mar 2022 00:00 EST (America/New_York)"
    # The headline deadline first and marked, then the others by due date.
    # title, as-of line, blank, two header lines, the rows, blank, legend.
    body = lines[5:-2]
    assert len(body) == 4
    assert body[0].startswith("*  Draft convention due")
    assert rows(result.stdout) == {
        "2024-09-10": ["924", "661", "8", "77", "in 2 years 6 months 9 days"],
        "2023-09-05": ["553", "396", "6", "57", "in 1 year 6 months 4 days"],
        "2024-08-08": ["891", "638", "8", "76", "in 2 years 5 months 7 days"],
        "2024-12-24": ["1029", "736", "8", "77", "in 2 years 9 months 23 days"],
    }
    order = [line.split("  ")[-1] for line in body]
    assert order == [
        "in 2 years 6 months 9 days",
        "in 1 year 6 months 4 days",
        "in 2 years 5 months 7 days",
        "in 2 years 9 months 23 days",
    ]
    assert lines[-1] == "* headline deadline"


def test_as_of_the_deadline_day_json_is_exactly_the_hand_checked_list():
    result = run("--as-of", "2024-09-10", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "id": "ga78-close",
            "title": "Draft convention due: General Assembly 78th session closes",
            "due": "2024-09-10",
            "days": 0,
            "working_days": 1,
            "sessions_left": 0,
            "meeting_days_left": 0,
            "phrase": "today",
        },
        {
            "id": "ga78-open",
            "title": "General Assembly 78th session opens",
            "due": "2023-09-05",
            "days": -371,
            "working_days": -266,
            "sessions_left": 0,
            "meeting_days_left": 0,
            "phrase": "1 year 5 days ago",
        },
        {
            "id": "draft-approved",
            "title": "Draft convention approved by the committee",
            "due": "2024-08-08",
            "days": -33,
            "working_days": -24,
            "sessions_left": 0,
            "meeting_days_left": 0,
            "phrase": "1 month 2 days ago",
        },
        {
            "id": "adoption",
            "title": "Convention adopted by the General Assembly (resolution 79/243)",
            "due": "2024-12-24",
            "days": 105,
            "working_days": 76,
            "sessions_left": 0,
            "meeting_days_left": 0,
            "phrase": "in 3 months 14 days",
        },
    ]


def test_as_of_the_deadline_day_table():
    result = invoke(str(BUNDLED), "--as-of", "2024-09-10")
    assert result.exit_code == 0, result.output
    assert rows(result.stdout)["2024-09-10"] == ["0", "1", "0", "0", "today"]
    assert rows(result.stdout)["2023-09-05"] == ["-371", "-266", "0", "0", "1 year 5 days ago"]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # Worked by hand in tests/unit/core/test_countdown.py (same names there).
        ("2021-12-01", [1014, 725, 8, 78, "in 2 years 9 months 9 days"]),
        ("2022-09-01", [740, 529, 6, 55, "in 2 years 9 days"]),
        ("2022-09-05", [736, 527, 6, 53, "in 2 years 5 days"]),
        ("2023-06-01", [467, 334, 3, 30, "in 1 year 3 months 9 days"]),
        ("2024-08-09", [32, 23, 1, 1, "in 1 month 1 day"]),
        ("2024-09-10T23:59", [0, 1, 0, 0, "today"]),
        ("2024-09-11", [-1, -2, 0, 0, "1 day ago"]),
        ("2026-11-28", [-809, -579, 0, 0, "2 years 2 months 18 days ago"]),
        # An offset date-time is an exact instant: 02:00 in Vienna is 20:00 the day before
        # in New York, still the deadline day there.
        ("2024-09-11T02:00+02:00", [0, 1, 0, 0, "today"]),
    ],
)
def test_headline_deadline_from_the_bundled_file(as_of, expected):
    result = invoke("--as-of", as_of, "--json")
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)[0]
    assert first["id"] == "ga78-close"
    keys = ("days", "working_days", "sessions_left", "meeting_days_left", "phrase")
    assert [first[k] for k in keys] == expected


def test_json_has_exactly_the_spec_keys():
    result = invoke("--as-of", "2022-03-01", "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    # Every deadline and milestone of the bundled schedule: the loop below checks them all.
    assert len(items) == 4 and items[0]["id"] == "ga78-close"
    for item in items:
        assert list(item) == [
            "id",
            "title",
            "due",
            "days",
            "working_days",
            "sessions_left",
            "meeting_days_left",
            "phrase",
        ]


TIMED = """\
[schedule]
id = "timed"
title = "Timed"
timezone = "America/New_York"
deadline = "due"

[venues.vienna]
name = "Vienna International Centre"
timezone = "Europe/Vienna"

[[events]]
id = "due"
kind = "deadline"
title = "Submissions close"
start = 2024-11-04T00:30:00

[[events]]
id = "vienna-comments"
kind = "deadline"
title = "Vienna comments"
start = 2024-10-28T05:30:00
venue = "vienna"
"""


def test_timed_deadlines_across_dst_changes(tmp_path):
    path = tmp_path / "timed.toml"
    path.write_text(TIMED, encoding="utf-8")
    result = invoke(str(path), "--as-of", "2024-10-20T12:00", "--json")
    assert result.exit_code == 0, result.output
    due, vienna = json.loads(result.stdout)
    # Sun 20 Oct -> Mon 4 Nov (00:30 EST, after New York fell back on 3 Nov): 15 days;
    # NETWORKDAYS = 21-25 Oct (5) + 28 Oct-1 Nov (5) + 4 Nov (1) = 11.
    assert (due["due"], due["days"], due["working_days"]) == ("2024-11-04T00:30:00-05:00", 15, 11)
    # 05:30 in Vienna on Mon 28 Oct is CET (UTC+1) = 00:30 EDT on 28 Oct in New York: E = 28 Oct;
    # 8 days; NETWORKDAYS(Sun 20, Mon 28) = 5 + 1 = 6.
    assert vienna["due"] == "2024-10-28T05:30:00+01:00"
    assert (vienna["days"], vienna["working_days"], vienna["phrase"]) == (8, 6, "in 8 days")
    # Sat 2 Nov 23:30 -> Mon 4 Nov 00:30 is 26 hours across the change but 2 calendar days.
    result = invoke(str(path), "--as-of", "2024-11-02T23:30", "--json")
    assert json.loads(result.stdout)[0]["days"] == 2
    table = invoke(str(path), "--as-of", "2024-11-02T23:30").stdout
    assert "2024-11-04 00:30 EST" in table
    assert "2024-10-28 05:30 CET" in table


def test_a_schedule_without_deadlines_says_so_and_exits_0(tmp_path):
    data = ROOT / "tests" / "data" / "minimal.toml"
    result = run(str(data), "--as-of", "2023-01-01")
    assert result.returncode == 0
    assert "No deadlines or milestones in this schedule." in result.stdout
    assert "as of Sun 1 Jan 2023 00:00 CET (Europe/Vienna)" in result.stdout
    result = run(str(data), "--as-of", "2023-01-01", "--json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_an_unparseable_as_of_is_a_usage_error():
    result = run("--as-of", "next tuesday")
    assert result.returncode == 2
    assert "--as-of" in result.stderr and "not an ISO date" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "as_of", ["0001-01-01", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00+05:00", "9999-12-31"]
)
def test_an_as_of_outside_the_supported_years_is_a_usage_error(as_of):
    # These once crashed with OverflowError in the date arithmetic.
    result = invoke("--as-of", as_of)
    assert result.exit_code == 2, result.output
    assert "--as-of" in result.output and "1900 to 2999" in result.output
    assert not isinstance(result.exception, OverflowError)


def test_a_missing_file_is_a_usage_error(tmp_path):
    result = run(str(tmp_path / "nope.toml"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_an_invalid_schedule_prints_located_errors_and_exits_1(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(TIMED.replace("start = 2024-11-04T00:30:00", "strat = 2024-11-04"), "utf-8")
    result = run(str(path), "--as-of", "2024-10-20")
    assert result.returncode == 1
    assert f"{path}:" in result.stderr and "error:" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_help():
    result = invoke("--help")
    assert result.exit_code == 0
    assert "--as-of" in result.output and "--json" in result.output
