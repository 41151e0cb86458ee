"""A small schedule to hang rules on: four sessions alternating Vienna and New York."""

from __future__ import annotations

from textwrap import dedent

from tui.rules import RuleResult, evaluate
from tui.schedule.loader import load_text

HEAD = """\
[schedule]
id = "t"
title = "T"
timezone = "America/New_York"
deadline = "due"

[venues.vienna]
name = "VIC"
city = "Vienna"
timezone = "Europe/Vienna"

[venues.new-york]
name = "UNHQ"
city = "New York"
timezone = "America/New_York"
holidays = [2022-09-05]
"""

# s1 Mon 28 Feb - Fri 11 Mar 2022 (NY, 10 working days); s2 Mon 30 May - Fri 10 Jun (Vienna);
# s3 Mon 29 Aug - Fri 9 Sep (NY, Labor Day off: 9 meeting days, 10 working days);
# s4 Tue 11 - Fri 21 Apr 2023 (Vienna, 9 days); a postponed session; the deadline.
EVENTS = """
[[events]]
id = "s1"
kind = "session"
title = "S1"
start = 2022-02-28
end = 2022-03-11
venue = "new-york"
tags = ["substantive"]

[[events]]
id = "s2"
kind = "session"
title = "S2"
start = 2022-05-30
end = 2022-06-10
venue = "vienna"
tags = ["substantive"]

[[events]]
id = "s3"
kind = "session"
title = "S3"
start = 2022-08-29
end = 2022-09-09
venue = "new-york"
tags = ["substantive"]

[[events]]
id = "s4"
kind = "session"
title = "S4"
start = 2023-04-11
end = 2023-04-21
venue = "vienna"
tags = ["substantive"]

[[events]]
id = "off"
kind = "session"
title = "Postponed"
start = 2022-01-17
end = 2022-01-28
venue = "new-york"
status = "postponed"
tags = ["substantive"]

[[events]]
id = "due"
kind = "deadline"
title = "Due"
start = 2023-09-10
venue = "new-york"
"""

TEXT = HEAD + EVENTS


def schedule_with(rules: str, events: str = EVENTS) -> str:
    return HEAD + events + "\n" + dedent(rules)


def results(rules: str, events: str = EVENTS) -> list[RuleResult]:
    return evaluate(load_text(schedule_with(rules, events), "s.toml").schedule)


def one(rules: str, events: str = EVENTS) -> RuleResult:
    (result,) = results(rules, events)
    return result


def rule(constraint: str, *, select: str = 'kinds = ["session"]', extra: str = "") -> str:
    return f'[[rules]]\nid = "r"\ntitle = "R"\n{select}\n{constraint}\n{extra}\n'
