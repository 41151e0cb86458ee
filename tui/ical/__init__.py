"""iCalendar: export, import, VEVENT mapping, reminders, recurrence, VTIMEZONE, and the
event selection that the command line and the export dialog both pass.

May import `tui.core` and `tui.schedule`; never Textual, click, the command line or the app.
"""
