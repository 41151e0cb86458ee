"""docket: a keyboard-driven terminal planner for long programmes of meetings."""

__version__ = "0.1.0"
