"""The bundled schedule's mandate rules: what the record supports, rule by rule."""

from __future__ import annotations

from tui.rules import evaluate, summarize
from tui.schedule.loader import bundled_schedule_path, load_path


def _results():
    return {r.rule.id: r for r in evaluate(load_path(bundled_schedule_path()).schedule)}


def test_each_rule_has_the_status_the_record_supports() -> None:
    results = _results()
    assert {rule_id: r.status for rule_id, r in results.items()} == {
        "six-sessions": "pass",
        "ten-days": "waived",
        "eleven-weeks": "pass",
        "vienna-and-new-york": "pass",
        "concluding-in-new-york": "pass",
        "draft-by-ga78": "pass",
    }
    assert summarize(list(results.values())).badge == "rules: 6 ✓ 0 ✗"


def test_every_rule_cites_its_source() -> None:
    for result in _results().values():
        assert result.rule.source is not None
        assert result.rule.source.url and result.rule.source.url.startswith("https://")
        assert "75/282" in result.rule.source.citation or "20 January 2022" in (
            result.rule.source.citation
        )


def test_six_substantive_sessions_without_the_postponed_dates() -> None:
    result = _results()["six-sessions"]
    assert result.events == tuple(f"session-{n}" for n in range(1, 7))


def test_only_the_third_and_fifth_sessions_are_short_and_both_are_waived() -> None:
    result = _results()["ten-days"]
    assert result.rule.severity == "warning"
    assert [(f.at, f.message.split(";")[0]) for f in result.waived] == [
        ("session-3", "Third session (29 Aug – 9 Sep 2022) has 9 meeting days"),
        ("session-5", "Fifth session (11–21 Apr 2023) has 9 meeting days"),
    ]
    assert "Labor Day" in result.waived[0].waiver.reason  # type: ignore[union-attr]


def test_the_closest_sessions_are_eleven_weeks_three_days_apart() -> None:
    result = _results()["eleven-weeks"]
    assert result.message == (
        "the closest: First session and Second session are 11 weeks 3 days apart "
        "(end 11 Mar 2022 to start 30 May 2022); the rule needs at least 11 weeks"
    )
    assert "Concluding session" not in result.message
    assert "session-1-original" not in result.events


def test_the_concluding_session_and_the_draft() -> None:
    results = _results()
    assert results["concluding-in-new-york"].events[-1] == "concluding-reconvened"
    assert results["draft-by-ga78"].message.startswith(
        "Draft convention approved by the committee (8 Aug 2024) comes 33 days before"
    )
