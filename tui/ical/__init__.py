"""iCalendar: export, import (reading VEVENTs, then writing schedule TOML), VEVENT mapping,
reminders, recurrence and VTIMEZONE. Which events an export takes is `tui.core.selection`'s
`EventSelection`, which the command line and the export dialog both build.

May import `tui.core` and `tui.schedule`; never Textual, click, the command line or the app.
"""
