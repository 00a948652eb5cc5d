"""Recurring times: "every other week", "twice a year", "weekly"."""

from __future__ import annotations

import re

from timeline.temporal import patterns as p
from timeline.temporal.context import capitalised
from timeline.temporal.records import Rule
from timeline.temporal.resolve import Resolver
from timeline.temporal.words import MONTHS


def accept_frequency(m: re.Match[str], text: str) -> bool:
    """'every May' with a capitalised month; not a rate ('15 million instructions per second')."""
    unit = m.group("u")
    if unit and unit[:1].isalpha() and unit.rstrip(".").lower() in MONTHS:
        return capitalised(unit)
    return not (
        (m.group("q") or "").lower() == "per" and (unit or "").lower() in ("second", "minute", "hour")
    )


FREQUENCY = Rule(
    name="frequency",
    pattern=r"(?P<adv>daily|weekly|monthly|yearly|hourly|nightly|biweekly|bimonthly|"
    r"semiannually|semi-annually|biannually)(?!\w)"
    r"|(?P<q>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n>\d+|" + p.NUMWORD + r"|few)\s+)?"
    r"(?P<u>" + p.UNIT + r"|" + p.MONTH + r"|" + p.POD + r"|" + p.SEASON + r")(?!\w)"
    r"|(?P<f>once|twice|\d+\s+times|" + p.NUMWORD + r"\s+times)\s+(?:a|an|per|each|every)\s+"
    r"(?P<u2>" + p.UNIT + r")",
    resolve=Resolver.resolve_frequency,
    accept=accept_frequency,
    example="The council meets twice a year.",
)

RULES: tuple[Rule, ...] = (FREQUENCY,)
