"""The domain's basics: the model, errors, dates, working days, countdowns, the as-of moment,
the export's selection, atomic writes and small text helpers.

Imports nothing else of docket and neither Textual nor click: every other package builds on
this one (an import-linter contract in pyproject.toml proves it).
"""
