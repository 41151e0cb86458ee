"""The VTIMEZONEs we write, evaluated on their own as a client would, against the zone database."""

from __future__ import annotations

import bisect
import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule as dateutil_rrule
from dateutil.tz import tzical
from icalendar import Calendar, Timezone

from tui.ical.vtimezone import ZoneDataError, build_vtimezone, parse_posix, zone_rules

ZONES = ["America/New_York", "Europe/Vienna", "Asia/Ho_Chi_Minh", "Australia/Sydney"]
EXTRA = ["Asia/Jerusalem", "Europe/Dublin", "Australia/Lord_Howe", "America/Sao_Paulo"]
YEARS = [*range(2020, 2027), 2037, 2038, 2039, 2045, 2060]


def onsets(vtimezone: Timezone, until: int = 2100) -> list[tuple[datetime, timedelta]]:
    """Every (UTC instant, offset after) the component says, expanding RRULEs ourselves."""
    result = []
    for observance in vtimezone.subcomponents:
        start = observance.DTSTART
        before, after = observance.TZOFFSETFROM, observance.TZOFFSETTO
        if "RRULE" in observance:
            text = observance["RRULE"].to_ical().decode()
            rule = dateutil_rrule.rrulestr(text, dtstart=start)
            local_times = rule.between(start, datetime(until, 1, 1), inc=True)
        else:
            local_times = [start]
        result += [((local - before).replace(tzinfo=UTC), after) for local in local_times]
    return sorted(result)


def offset_at(table: list[tuple[datetime, timedelta]], moment: datetime) -> timedelta:
    index = bisect.bisect_right([instant for instant, _ in table], moment) - 1
    assert index >= 0, f"{moment} is before the first onset"
    return table[index][1]


def moments_to_check(key: str, year: int) -> list[datetime]:
    """Noon of every day, and every half hour of each day the zone changes offset."""
    zone = ZoneInfo(key)
    day = datetime(year, 1, 1, 12, tzinfo=UTC)
    moments = []
    while day.year == year:
        moments.append(day)
        tomorrow = day + timedelta(days=1)
        if day.astimezone(zone).utcoffset() != tomorrow.astimezone(zone).utcoffset():
            moments += [day + timedelta(minutes=30 * k) for k in range(-24, 72)]
        day = tomorrow
    return moments


@pytest.mark.parametrize("key", ZONES + EXTRA)
def test_own_expansion_matches_the_zone_database(key: str) -> None:
    vtimezone = build_vtimezone(key, date(2020, 1, 1))
    table = onsets(vtimezone)
    zone = ZoneInfo(key)
    for year in YEARS:
        for moment in moments_to_check(key, year):
            assert offset_at(table, moment) == moment.astimezone(zone).utcoffset(), (key, moment)


@pytest.mark.parametrize("key", ZONES + EXTRA)
def test_dateutil_tzical_reads_it_like_the_zone_database(key: str) -> None:
    """dateutil's VTIMEZONE reader (what icalendar uses) as an independent client."""
    text = build_vtimezone(key, date(2020, 1, 1)).to_ical().decode()
    client_zone = tzical(io.StringIO(text)).get(key)
    zone = ZoneInfo(key)
    for year in YEARS:
        for moment in moments_to_check(key, year):
            expected = moment.astimezone(zone).replace(tzinfo=None)
            seen = client_zone.fromutc(moment.replace(tzinfo=client_zone)).replace(tzinfo=None)
            assert seen == expected, (key, moment)


def test_vienna_spring_change_is_written_at_two_in_the_morning_standard_time() -> None:
    text = build_vtimezone("Europe/Vienna").to_ical().decode()
    daylight = text[text.index("BEGIN:DAYLIGHT") : text.index("END:DAYLIGHT")]
    standard = text[text.index("BEGIN:STANDARD") : text.index("END:STANDARD")]
    assert "T020000\r\n" in daylight and "TZOFFSETFROM:+0100" in daylight
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in daylight
    assert "T030000\r\n" in standard and "TZOFFSETFROM:+0200" in standard
    assert "TZNAME:CEST" in daylight and "TZNAME:CET" in standard


def test_new_york_matches_rfc_5545_form() -> None:
    text = build_vtimezone("America/New_York").to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11" in text
    assert "RDATE" not in text
    assert "TZNAME:EDT" in text and "TZNAME:EST" in text


def test_zone_without_daylight_saving_has_one_standard() -> None:
    vtimezone = build_vtimezone("Asia/Ho_Chi_Minh", date(2022, 1, 1))
    assert [c.name for c in vtimezone.subcomponents] == ["STANDARD"]
    text = vtimezone.to_ical().decode()
    assert "TZOFFSETTO:+0700" in text and "TZNAME:+07" in text and "RRULE" not in text


def test_southern_hemisphere_rules() -> None:
    text = build_vtimezone("Australia/Sydney").to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10" in text  # daylight time begins
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4" in text  # and ends


def test_dates_before_the_present_rule_get_the_old_transitions() -> None:
    vtimezone = build_vtimezone("America/New_York", date(2005, 1, 1))
    table = onsets(vtimezone)
    zone = ZoneInfo("America/New_York")
    for year in (2005, 2006, 2007, 2030):
        for moment in moments_to_check("America/New_York", year):
            assert offset_at(table, moment) == moment.astimezone(zone).utcoffset()
    assert "RDATE" not in vtimezone.to_ical().decode()


def test_rule_starts_where_the_zone_database_agrees() -> None:
    assert zone_rules("Europe/Vienna").rule_since <= 2000
    assert zone_rules("America/New_York").rule_since == 2007


def test_day_shifted_rule_uses_monthday_set() -> None:
    text = build_vtimezone("Asia/Jerusalem").to_ical().decode()
    assert "BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29;BYMONTH=3" in text


def test_posix_strings() -> None:
    std, name, onsets_ = parse_posix("EST5EDT,M3.2.0,M11.1.0")
    assert std == timedelta(hours=-5) and name == "EST"
    assert [(o.month, o.week, o.weekday, o.seconds) for o in onsets_] == [
        (3, 2, 0, 7200),
        (11, 1, 0, 7200),
    ]
    assert parse_posix("<+07>-7") == (timedelta(hours=7), "+07", ())
    with pytest.raises(ZoneDataError):
        parse_posix("nonsense")


def test_unknown_zone() -> None:
    with pytest.raises(ZoneDataError):
        build_vtimezone("Mars/Olympus_Mons")
    with pytest.raises(ZoneDataError):
        build_vtimezone("../etc/passwd")


def test_icalendar_reads_the_component_with_its_own_converter() -> None:
    calendar = Calendar()
    calendar.add_component(build_vtimezone("Europe/Vienna"))
    parsed = Calendar.from_ical(calendar.to_ical())
    client_zone = parsed.timezones[0].to_tz(lookup_tzid=False)
    summer = datetime(2024, 7, 1, 12, tzinfo=client_zone)
    winter = datetime(2024, 1, 1, 12, tzinfo=client_zone)
    assert summer.utcoffset() == timedelta(hours=2)
    assert winter.utcoffset() == timedelta(hours=1)
