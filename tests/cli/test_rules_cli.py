"""`docket rules` and the rules in `docket check`, through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import assert_no_traceback, docket
from tests.conftest import BUNDLED


def _moved_fifth_session(tmp_path: Path) -> Path:
    """The bundled file with the fifth session one week earlier (4-14 April 2023)."""
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace(
        "start = 2023-04-11\nend = 2023-04-21", "start = 2023-04-04\nend = 2023-04-14"
    )
    assert "start = 2023-04-04" in text
    path = tmp_path / "moved.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rules_table_on_the_bundled_schedule() -> None:
    result = docket("rules", BUNDLED)
    assert_no_traceback(result)
    assert result.returncode == 0
    out = result.stdout
    for rule_id in ("six-sessions", "ten-days", "eleven-weeks", "draft-by-ga78"):
        assert rule_id in out
    assert "~ waived  warning  ten-days" in out
    assert "waived: session-3: 29 Aug - 9 Sep 2022 with Monday 5 September (Labor Day" in out
    assert "source: General Assembly decision of 20 January 2022" in out
    assert out.rstrip().endswith("6 rules: 5 pass, 1 waived, 0 fail")


def test_rules_json_has_stable_keys() -> None:
    result = docket("rules", BUNDLED, "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert [item["id"] for item in data] == [
        "six-sessions",
        "ten-days",
        "eleven-weeks",
        "vienna-and-new-york",
        "concluding-in-new-york",
        "draft-by-ga78",
    ]
    for item in data:
        assert list(item) == [
            "id",
            "title",
            "severity",
            "status",
            "message",
            "events",
            "waived",
            "source",
        ]
        assert set(item["source"]) == {"citation", "url"}
    ten = data[1]
    assert [w["event"] for w in ten["waived"]] == ["session-3", "session-5"]
    assert set(ten["waived"][0]) == {"event", "reason", "dates", "message"}
    assert ten["waived"][1]["dates"] == ["2023-04-11", "2023-04-21"]


def test_check_on_the_bundled_schedule_reports_no_rule_failure() -> None:
    result = docket("check", BUNDLED)
    assert result.returncode == 0
    assert "rule " not in result.stdout
    assert (
        "valid: 21 events, 3 venues, 2 warnings; 6 rules: 5 pass, 1 waived, 0 fail" in result.stdout
    )


def test_an_error_rule_failing_fails_check_at_the_event(tmp_path: Path) -> None:
    path = _moved_fifth_session(tmp_path)
    check = docket("check", path)
    assert_no_traceback(check)
    assert check.returncode == 1
    line = next(
        i for i, text in enumerate(path.read_text().split("\n"), 1) if text == "start = 2023-04-04"
    )
    assert (
        f"{path}:{line}:9: error: rule eleven-weeks: Fourth session and Fifth session are "
        "10 weeks 4 days apart (end 20 Jan 2023 to start 4 Apr 2023); the rule needs at least "
        "11 weeks (3 days short)"
    ) in check.stdout
    # The fifth session's ten-days waiver was granted for 11-21 Apr 2023: no longer hers.
    assert (
        "rule ten-days: Fifth session (4–14 Apr 2023) has 9 meeting days; the rule needs at "
        "least 10 meeting days; the waiver was granted for 11–21 Apr 2023 and no longer "
        "applies (the event is now 4–14 Apr 2023)"
    ) in check.stdout
    assert "checked 1 file: 0 valid, 1 invalid; 1 error, 3 warnings" in check.stdout
    rules = docket("rules", path, "--json")
    assert rules.returncode == 1
    gap = next(item for item in json.loads(rules.stdout) if item["id"] == "eleven-weeks")
    assert gap["status"] == "fail"
    assert {"session-4", "session-5"} <= set(gap["events"])


def test_a_warning_rule_failing_does_not_fail_check(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace(
        'event = "session-5"\ndates = [2023-04-11, 2023-04-21]\nreason',
        'event = "session-6"\nreason',
    )
    assert text != BUNDLED.read_text(encoding="utf-8")
    path = tmp_path / "unwaived.toml"
    path.write_text(text, encoding="utf-8")
    check = docket("check", path)
    assert check.returncode == 0
    assert (
        "warning: rule ten-days: Fifth session (11–21 Apr 2023) has 9 meeting days" in check.stdout
    )
    assert docket("rules", path).returncode == 0


def test_a_failure_without_an_event_is_located_at_the_constraint(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace("count = { min = 6 }", "count = { min = 7 }")
    path = tmp_path / "seven.toml"
    path.write_text(text, encoding="utf-8")
    check = docket("check", path)
    assert check.returncode == 1
    line = next(i for i, t in enumerate(text.split("\n"), 1) if t == "count = { min = 7 }")
    assert f"{path}:{line}:1: error: rule six-sessions: 6 sessions match" in check.stdout


def test_rules_on_a_schedule_without_rules_and_on_an_invalid_one(tmp_path: Path) -> None:
    plain = tmp_path / "plain.toml"
    plain.write_text('[schedule]\nid = "p"\ntitle = "P"\n', encoding="utf-8")
    result = docket("rules", plain)
    assert result.returncode == 0
    assert "No rules in this schedule" in result.stdout
    assert json.loads(docket("rules", plain, "--json").stdout) == []
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[schedule]\nid = "p"\ntitle = "P"\n\n'
        '[[rules]]\nid = "r"\ntitle = "R"\ncount = { mn = 1 }\n',
        encoding="utf-8",
    )
    result = docket("rules", bad)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert (
        "bad.toml:8:11: error: unknown key `mn` in `count` of rule `r` (did you mean `min`?)"
        in (result.stderr)
    )
    assert docket("rules", tmp_path / "missing.toml").returncode == 2


def test_rules_is_listed_in_help() -> None:
    assert "rules" in docket("--help").stdout
