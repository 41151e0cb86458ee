"""The counts over a schedule's rule results, as the app's header badge shows them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.rules.evaluate import RuleResult


@dataclass(frozen=True, slots=True)
class RulesSummary:
    """How many rules pass, are waived, fail (and of those, how many are errors)."""

    passed: int
    waived: int
    failed: int
    failed_errors: int

    @property
    def total(self) -> int:
        return self.passed + self.waived + self.failed

    @property
    def ok(self) -> bool:
        """No `error` rule fails: what `docket check` needs to succeed."""
        return self.failed_errors == 0

    @property
    def badge(self) -> str:
        """`rules: 5 ✓ 1 ✗` (waived rules count as ✓: the record accepts them); '' without rules."""
        if not self.total:
            return ""
        return f"rules: {self.passed + self.waived} ✓ {self.failed} ✗"

    @property
    def text(self) -> str:
        """`6 rules: 4 pass, 2 waived, 0 fail`."""
        noun = "rule" if self.total == 1 else "rules"
        return f"{self.total} {noun}: {self.passed} pass, {self.waived} waived, {self.failed} fail"


def summarize(results: Sequence[RuleResult]) -> RulesSummary:
    failed = [r for r in results if r.status == "fail"]
    return RulesSummary(
        passed=sum(1 for r in results if r.status == "pass"),
        waived=sum(1 for r in results if r.status == "waived"),
        failed=len(failed),
        failed_errors=sum(1 for r in failed if r.rule.severity == "error"),
    )
