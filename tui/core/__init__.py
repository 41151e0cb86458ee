"""The domain's basics: the model and its rules, errors, dates and zones, working days,
countdowns and their phrase, the as-of moment, the filter and the export's selection, words
for dates and counts, the sanitiser, atomic writes and state files, small text helpers.

Imports nothing else of docket and neither Textual nor click: every other package builds on
this one (an import-linter contract in pyproject.toml proves it).
"""
