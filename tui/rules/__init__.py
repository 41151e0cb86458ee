"""A schedule's `[[rules]]` judged against its events: pass, fail or waived, with the reason.

Pure functions over `tui.core` data: `evaluate` gives one `RuleResult` per rule and
`summarize` the counts the app's header badge shows. The command line (`docket rules`,
`docket check`) and the app read the same results.
"""

from tui.rules.evaluate import Finding, RuleResult, evaluate, evaluate_rules
from tui.rules.summary import RulesSummary, summarize

__all__ = ["Finding", "RuleResult", "RulesSummary", "evaluate", "evaluate_rules", "summarize"]
