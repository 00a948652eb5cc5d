"""The rules of the time-expression grammar, one record each, in the order they are tried at a position.

Modules group them by what they match: `dates` (month-days, weekdays, years, quarters, seasons, holidays),
`times` (clock times, day words), `relative` ("the next day", "last week"), `durations` ("three days"),
`sets` ("twice a year"). At a position the first rule in PRECEDENCE that matches wins, and its guard
decides whether the match counts (when it does not, nothing starts there). So the longer reading comes first:
"10 p.m. Sunday" (clock_time) before "Sunday" (weekday), "the past three years" (duration) before "the past"
(reference).
"""

from __future__ import annotations

from timeline.temporal.records import Rule
from timeline.temporal.rules import dates, durations, relative, sets, times

PRECEDENCE = (
    "holiday",
    "iso_date",
    "slash_date",
    "clock_time",
    "weekday",
    "month_range",
    "month_day",
    "day_month",
    "quarter",
    "half_year",
    "decade",
    "century",
    "spelled_year",
    "year_range",
    "year",
    "fiscal_period",
    "year_ago",
    "anchored",
    "length_adjective",
    "duration",
    "day_word",
    "the_weekend",
    "the_year",
    "relative_unit",
    "season",
    "part_of_day",
    "frequency",
    "reference",
    "vague_stretch",
    "vague_offset",
    "then",
    "bare_units",
)

_BY_NAME: dict[str, Rule] = {
    rule.name: rule for module in (dates, times, relative, durations, sets) for rule in module.RULES
}
RULES: tuple[Rule, ...] = tuple(_BY_NAME[name] for name in PRECEDENCE)
