"""The commented starter schedule that `docket new` writes.

Its dates are placed relative to the day it is written (the first session four weeks out,
on a Monday) so a new planner sees live countdowns straight away, and it passes `check`
without warnings, its example rules included.
"""

from __future__ import annotations

from datetime import date, timedelta

_TEMPLATE = """\
#:schema ./schedule.schema.json
#
# A docket schedule (format version 1). Check it with `docket check {name}`,
# open it with `docket {name}`. Every key is described in schedule.schema.json;
# editors with TOML support (taplo, VS Code "Even Better TOML") complete and check keys.

[schedule]
id = "my-programme"            # stable slug: calendar UIDs derive from it, so keep it
title = "My programme of meetings"
timezone = "Europe/Vienna"     # IANA zone for events without a venue, and for countdowns
deadline = "final-report"      # id of the headline deadline shown in the app's header
holidays = []                  # dates excluded from working-day counts, e.g. [{holiday}]

# One table per venue; local times of its events are in its zone.
[venues.vienna]
name = "Vienna International Centre"
city = "Vienna"
country = "Austria"
timezone = "Europe/Vienna"
holidays = []                  # non-working days at this venue only

# One [[events]] table per event. Dates are INCLUSIVE: `end` is the last day.
[[events]]
id = "session-1"
kind = "session"               # session | consultation | meeting | deadline | milestone
title = "First session"
start = {first_start}
end = {first_end}
venue = "vienna"
hours = ["10:00-13:00", "15:00-18:00"]   # daily meeting blocks, venue time, working days only
status = "confirmed"           # confirmed | tentative | postponed | cancelled
tags = ["substantive"]
notes = \"\"\"Free text over several lines:
agenda, rooms, who attends.\"\"\"

[[events]]
id = "briefing"
kind = "meeting"
title = "Briefing for delegations"
start = {briefing}             # a local date-time: in the venue's zone
end = {briefing_end}
venue = "vienna"

[[events]]
id = "written-submissions"
kind = "deadline"
title = "Written submissions due"
start = {{ before = "session-1", weeks = 2 }}   # follows session-1: moves when it moves
# A date may follow another event's: {{ before = "id" }} is before it opens, {{ after = "id" }}
# after it closes ("id.start"/"id.end" to choose), by days, weeks, months or working_days.

[[events]]
id = "final-report"
kind = "deadline"              # deadlines and milestones have `start` only
title = "Final report due"
start = {deadline}             # a date-only deadline is due by the end of that day

# Optional [[rules]]: what the programme must satisfy, each with its source. A failing
# "error" rule makes `docket check` fail; `docket rules` lists each rule with its status.
[[rules]]
id = "ten-meeting-days"        # stable slug, unique among rules
title = "Sessions last at least ten meeting days"
source = {{ citation = "Founding resolution, paragraph 3" }}   # url = "https://…" too
severity = "warning"           # error (default): a failure fails the check | warning
kinds = ["session"]            # selection: kinds, tags, venues, statuses (each matches any)
length = {{ min = 10, unit = "meeting_days" }}   # one constraint: count, length, gap, venue, order
# waive = [{{ event = "session-1", reason = "Shortened by a holiday" }}]   # exempt an event

[[rules]]
id = "report-last"
title = "Sessions and meetings end before the final report is due"
source = {{ citation = "Founding resolution, paragraph 5" }}
kinds = ["session", "meeting"]
order = {{ before = "final-report" }}   # the last selected event ends before it
"""


def starter_schedule(today: date, name: str = "schedule.toml") -> str:
    first_start = today + timedelta(days=28 + (7 - today.weekday()) % 7)
    first_end = first_start + timedelta(days=11)  # Monday to Friday of the next week
    briefing = first_start + timedelta(days=21 + 1)  # a Tuesday
    deadline = first_start + timedelta(days=7 * 12 + 3)  # a Thursday
    return _TEMPLATE.format(
        name=name,
        holiday=f"{today.year}-12-25",
        first_start=first_start.isoformat(),
        first_end=first_end.isoformat(),
        briefing=f"{briefing.isoformat()}T14:00:00",
        briefing_end=f"{briefing.isoformat()}T16:00:00",
        deadline=deadline.isoformat(),
    )
