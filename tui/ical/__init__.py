"""iCalendar: export, import (reading VEVENTs, then writing schedule TOML), VEVENT mapping,
reminders, recurrence and VTIMEZONE. Import reads a calendar's values in one place,
`tui.ical.values`, each inside a guard and bounded, so that nothing a file holds can end an
import in a traceback; what it cannot use becomes a note. Which events an export takes is
`tui.core.selection`'s `EventSelection`, which the command line and the export dialog both
build.

May import `tui.core` and `tui.schedule`; never Textual, click, the command line or the app.
"""
