"""Textual-free presenters for the timeline widget: the time scale and axis, the per-row
data computed once per load, and the composition of each visible line.

Kept apart from the widget so they are tested without a terminal.
"""
