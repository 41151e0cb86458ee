"""Textual-free presenters of the month view and the countdowns dashboard: what each day of a
month grid shows, and each deadline's card, as text runs with style names, tested without a
terminal. The widgets (`tui.app.widgets.month`, `tui.app.widgets.countdowns`) only draw them.
"""
