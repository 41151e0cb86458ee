"""`docket publish`: one CalDAV calendar collection kept equal to the schedule.

Its one public entry point is `tui.publish.caldav.publish.publish` (with `PublishOptions`,
and `Outcome` for what the run did); the command line (`tui.cli.publish`) reads the options
and says the outcome. The rest is its parts, each pure where it can be: `urls` (addresses
and entity tags, checked), `credentials` (the password, from the environment or ~/.netrc),
`client` (the bounded WebDAV requests), `multistatus` (reading a listing within bounds),
`resources` (the export cut into one resource per entry, and their comparison), `plan`
(the actions, decided without a network) and `state` (the record of ETags beside the
ledger).

This file imports nothing, so importing one part does not load the others.
"""
