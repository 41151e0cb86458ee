"""Comparing two versions of a schedule: what changed, in words and in JSON, and a canonical
dump of one schedule for `git diff`'s textconv.

`compare` matches events by id and classifies each change (added, removed, moved, resized,
status, venue, hours, kind, text) and the schedule-level ones (deadline, holidays, zones,
venues, header) into the records of `changes`, with the headline countdown before and
after; `report` turns the result into sentences and `json_report` into JSON; `textconv`
writes the one-fact-per-line dump; `sources` reads a side of a comparison (a file,
standard input, or `REV:PATH` from git, through `git_reader`), and `baseline_source` the
app's `--baseline`.

Kept apart from the command line so the app can use `compare` for a baseline (ghost bars,
"moved 2 weeks later (was 9–20 Jan 2023)" in the details). May import `tui.core` and
`tui.schedule` only; never Textual, rich, click, the command line or the app.
"""
