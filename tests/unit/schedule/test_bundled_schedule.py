"""The bundled schedule states the sourced facts of reference/ahc-schedule-facts.md."""

from datetime import date

from tui.schedule.loader import bundled_schedule_path, load_path


def _schedule():
    return load_path(bundled_schedule_path()).schedule


def test_bundled_schedule_is_valid_and_found_by_default(bundled_path) -> None:
    assert bundled_schedule_path().resolve() == bundled_path.resolve()
    loaded = load_path(bundled_path)
    assert loaded.schedule.id == "ahc-cybercrime"
    # The signing ceremony really was on a weekend: the only warnings.
    assert {w.message.split("`")[1] for w in loaded.warnings} == {"signing"}


def test_six_substantive_sessions_alternate_venues_as_held() -> None:
    sessions = [e for e in _schedule().sessions if "substantive" in e.tags and not e.is_off]
    assert [e.venue.id for e in sessions] == [
        "new-york",
        "vienna",
        "new-york",
        "vienna",
        "vienna",
        "new-york",
    ]
    assert [(e.first_day, e.last_day) for e in sessions] == [
        (date(2022, 2, 28), date(2022, 3, 11)),
        (date(2022, 5, 30), date(2022, 6, 10)),
        (date(2022, 8, 29), date(2022, 9, 9)),
        (date(2023, 1, 9), date(2023, 1, 20)),
        (date(2023, 4, 11), date(2023, 4, 21)),
        (date(2023, 8, 21), date(2023, 9, 1)),
    ]


def test_five_consultations_in_vienna() -> None:
    consultations = [e for e in _schedule().events if e.kind == "consultation"]
    assert len(consultations) == 5
    assert {e.venue.id for e in consultations} == {"vienna"}
    assert [e.first_day for e in consultations] == [
        date(2022, 3, 24),
        date(2022, 6, 13),
        date(2022, 11, 3),
        date(2023, 3, 6),
        date(2023, 6, 20),
    ]


def test_headline_deadline_is_close_of_ga78() -> None:
    deadline = _schedule().headline_deadline
    assert deadline is not None
    assert deadline.kind == "deadline"
    assert deadline.first_day == date(2024, 9, 10)


def test_third_session_skips_labor_day() -> None:
    third = _schedule().event("session-3")
    assert third is not None
    assert third.working_day_count == 9
    assert date(2022, 9, 5) not in third.working_days


def test_postponed_original_first_session_is_kept_and_marked() -> None:
    original = _schedule().event("session-1-original")
    assert original is not None
    assert original.status == "postponed"
    assert (original.first_day, original.last_day) == (date(2022, 1, 17), date(2022, 1, 28))


def test_every_event_cites_a_source() -> None:
    assert all(event.url and event.url.startswith("https://") for event in _schedule().events)


def test_one_word_one_calendar_for_the_third_session() -> None:
    """Working days (the schedule's holidays) and meeting days (the venue's too) are told
    apart everywhere the third session's span is counted."""
    from datetime import datetime

    from tui.app.describe import details
    from tui.core.countdown import countdown_for
    from tui.rules.evaluate import _length_of

    schedule = _schedule()
    third = schedule.event("session-3")
    assert third is not None
    facts = {f.label: f.value for f in details(schedule, third, datetime(2022, 8, 1), None)}
    assert facts["Length"] == "12 days, 9 meeting days"
    assert _length_of(third, "meeting_days", schedule) == 9
    assert _length_of(third, "working_days", schedule) == 10
    # The countdown to its last day counts working days, the schedule's calendar: 10.
    as_of = datetime(2022, 8, 29, tzinfo=schedule.zone)
    assert countdown_for(schedule, third, as_of).working_days == 10
