"""Calendars that stay current: the change ledger, the subscription feed (`docket serve`)
and CalDAV publishing (`docket publish`).

May import `tui.ical`, `tui.rules` (a save that breaks a rule is logged), `tui.schedule`
and `tui.core`; never Textual, click, the command line or the app.
"""
