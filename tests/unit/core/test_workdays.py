from datetime import date

from tui.core.workdays import working_days_between, working_days_in


def test_full_week_counts_five() -> None:
    # Mon 2022-08-29 .. Sun 2022-09-04
    assert working_days_between(date(2022, 8, 29), date(2022, 9, 4)) == 5


def test_weekend_only_range_is_zero() -> None:
    assert working_days_between(date(2022, 9, 3), date(2022, 9, 4)) == 0


def test_same_working_day_counts_one() -> None:
    assert working_days_between(date(2022, 9, 6), date(2022, 9, 6)) == 1


def test_reverse_range_is_negative_like_networkdays() -> None:
    assert working_days_between(date(2022, 9, 9), date(2022, 8, 29)) == -10


def test_holiday_on_weekday_is_excluded_and_weekend_holiday_ignored() -> None:
    holidays = {date(2022, 9, 5), date(2022, 9, 3)}
    # Third session, 29 Aug - 9 Sep 2022: ten weekdays less Labor Day.
    assert working_days_between(date(2022, 8, 29), date(2022, 9, 9), holidays) == 9
    days = working_days_in(date(2022, 8, 29), date(2022, 9, 9), holidays)
    assert date(2022, 9, 5) not in days
    assert len(days) == 9


def test_counting_agrees_with_walking_every_day() -> None:
    start = date(2021, 12, 20)
    holidays = {date(2021, 12, 24), date(2022, 1, 6)}
    for length in range(0, 40):
        end = date.fromordinal(start.toordinal() + length)
        assert working_days_between(start, end, holidays) == len(
            working_days_in(start, end, holidays)
        )
