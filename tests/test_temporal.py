"""Time expressions: detection, TIMEX3 values and the days they denote, tables per expression kind.

Each row: a sentence, the publication date (dct), the expression as it must be found, and the
expected first/last day (or value). Publication dates fall on different weekdays, at month and year
ends and on leap days. Rules that need explaining are explained next to their rows.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from timeline.models import TimeExpr
from timeline.temporal import find_expressions
from timeline.temporal.tag import expression_rows, tag_jsonl
from timeline.temporal.words import COUNT_NOUNS, MONTHS, NOT_PAST, NUMBERS, PAST_VERBS, WEEKDAYS, load_words

SUN = "2020-06-14"  # Sunday (the seed story)
WED_NEW_YEAR = "2020-01-01"  # Wednesday, first day of a year
SAT_LEAP = "2020-02-29"  # Saturday, leap day
MON_MARCH = "2021-03-01"  # Monday, day after a common-year February
TUE_YEAR_END = "2019-12-31"  # Tuesday, last day of a year, ISO week 2020-W01
THU_LEAP = "2024-02-29"  # Thursday, leap day


def _d(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _find(text: str, dct: str | None, expr: str) -> TimeExpr:
    found = find_expressions(text, _d(dct))
    for e in found:
        if e.text == expr:
            return e
    raise AssertionError(f"{expr!r} not found in {text!r}; found {[e.text for e in found]}")


def _check(text: str, dct: str, expr: str, first: str | None, last: str | None) -> TimeExpr:
    e = _find(text, dct, expr)
    assert (e.first_day, e.last_day) == (_d(first), _d(last)), e
    return e


# ---------------------------------------------------------------- the seed story (dct = Sunday 2020-06-14)

SEED = [
    # a weekday named in an article published that weekday is that very day, whatever the tense
    ("On Sunday, senior officials put off their planned visit to Turkey.", SUN, "Sunday", SUN, SUN),
    ("An expected visit to Turkey by the ministers on Sunday has been postponed.", SUN, "Sunday", SUN, SUN),
    ("The ministers are arriving in Turkey on Sunday as part of a delegation.", SUN, "Sunday", SUN, SUN),
    (
        "Airstrikes hit villages on the edge of Idlib on Tuesday, activists said.",
        SUN,
        "Tuesday",
        "2020-06-09",
        "2020-06-09",
    ),
    ("The ministers will meet on Tuesday in Ankara.", SUN, "Tuesday", "2020-06-16", "2020-06-16"),
    (
        "The two presidents held a phone call on June 10, discussing Libya.",
        SUN,
        "June 10",
        "2020-06-10",
        "2020-06-10",
    ),
    (
        "The foreign minister will also be in Turkey June 14-15, according to a statement.",
        SUN,
        "June 14-15",
        SUN,
        "2020-06-15",
    ),
    (
        "Russia and Turkey agreed a cease-fire in Idlib in early March that halted the campaign.",
        SUN,
        "early March",
        "2020-03-01",
        "2020-03-10",
    ),
    (
        "In October 2019 Turkey ordered the US to leave a part of eastern Syria.",
        SUN,
        "October 2019",
        "2019-10-01",
        "2019-10-31",
    ),
    (
        "They attend a news conference in Moscow, Russia January 13, 2020.",
        SUN,
        "January 13, 2020",
        "2020-01-13",
        "2020-01-13",
    ),
    # the announcing was a day before the saying, and the saying is at the publication date
    (
        "Meetings will take place at a later time, the Foreign Ministry said, a day after announcing that "
        "the ministers were set to come.",
        SUN,
        "a day after",
        "2020-06-13",
        "2020-06-13",
    ),
    ("Now it appears that Turkey and Russia may come up with a deal.", SUN, "Now", SUN, SUN),
    ("The goal now is to host the delegation on June  14 and hammer out issues.", SUN, "June  14", SUN, SUN),
]


@pytest.mark.parametrize(("text", "dct", "expr", "first", "last"), SEED)
def test_seed_story(text: str, dct: str, expr: str, first: str | None, last: str | None) -> None:
    _check(text, dct, expr, first, last)


def test_seed_days_after_is_an_approximate_interval_before_publication() -> None:
    e = _find(
        "The visit comes days after Turkey's president held a phone call with Trump.", SUN, "days after"
    )
    assert e.mod == "APPROX"
    assert e.first_day is not None
    assert e.last_day is not None
    assert dt.date(2020, 5, 15) <= e.first_day <= e.last_day <= dt.date(2020, 6, 13)


def test_seed_future_date_is_future_ref() -> None:
    e = _find(
        "Meetings will take place \u201cat a future date,\u201d the ministry said.", SUN, "a future date"
    )
    assert (e.value, e.first_day, e.last_day) == ("FUTURE_REF", None, None)


@pytest.mark.parametrize(
    "text",
    [
        "the 41st anniversary of the Islamic revolution",
        "They put off their planned visit at the last minute.",
        "Turkey buys S-400 air defense from Russia",
        "Sunday through Thursday between 07:00 and 14:00 at the office",
        "Telephone +972-3-761-9056 or call 1-800-574-574 toll free",
        "The stock rose to $14.15, up 3.5%, while the score was 3-1.",
        "It may be that they march on; we will see a second time, and the Sun reported it.",
        "About 2000 people gathered; see page 1999 of the report.",
    ],
)
def test_never_dates(text: str) -> None:
    for e in find_expressions(text, _d(SUN)):
        assert e.type != "DATE", e


@pytest.mark.parametrize(
    "text",
    [
        "the 41st anniversary of the Islamic revolution",
        "They put off their planned visit at the last minute.",
        "Turkey buys S-400 air defense from Russia",
        "Telephone +972-3-761-9056 or call 1-800-574-574 toll free",
        "The stock rose to $14.15, up 3.5%, while the score was 3-1 on page 12.",
        "It may be that they march on; we will see a second time, and the Sun reported it.",
        "Prime Minister Theresa May met Jan Kavan; Mr. Reupke, 52 years old, agreed.",
        "Average speeds reached 15 million instructions per second.",
        'Speaking on ABC\'s "This Week," the minister said no.',
        "She flew on to Nairobi, later in the day before returning home.",
        "It was high noon for the rebels.",
        "Police arrived in the early hours of the morning.",
        "The new card earned a total score of 2072 and a maximum of 147 frames per second.",
        "Stocks crashed on Black Monday, and Super Tuesday and Bloody Sunday are names.",
        "He told Britain's Sunday Times, and Saturday Night Live mocked him.",
        "It is a problem of today's world, for today's youth and today's fragile economy.",
        "If I were choosing the people of tomorrow, I would pick them; the cars of today are safer.",
        "Three quarters of the voters, a quarter of the shares.",
        # periods of play in a game's report
        "The Chiefs scored 21 points in the fourth quarter; Arsenal scored two goals in the second half.",
        "Mahomes threw a touchdown pass early in the third quarter.",
        "Since then, and then again, they came by then-famous routes.",
        "They joined the March on Washington.",
        "By June Kronholz",
        "said Mohammed Adel, of the April 6 Youth group, and members of the March 14 Alliance.",
        "The Future Strategists Hub was launched, and the Future Fund too.",
    ],
)
def test_nothing_to_find(text: str) -> None:
    assert find_expressions(text, _d(SUN)) == ()


def test_todays_event_is_this_day() -> None:
    found = find_expressions("Today's vote was delayed, unlike today's world of politics.", _d(SUN))
    assert [(e.text, e.value) for e in found] == [("Today", SUN)]


def test_opening_hours_are_on_no_particular_day() -> None:
    found = find_expressions("Call us Sunday through Thursday between 07:00 and 14:00.", _d(SUN))
    assert [(e.text, e.first_day) for e in found] == [("07:00", None), ("14:00", None)]


@pytest.mark.parametrize(
    ("text", "expr", "value", "day"),
    [
        # advice to the reader happens on no particular day
        (
            "The police came on Monday. You can take the pill in the afternoon.",
            "the afternoon",
            "XXXX-XX-XXTAF",
            None,
        ),
        (
            "The police came on Monday. It is the only choice you make that day.",
            "that day",
            "XXXX-XX-XX",
            None,
        ),
        # ... but a narrative with a "you" in it still counts from the day named
        (
            "The police came on Monday. You could see the smoke that day.",
            "that day",
            "2020-06-08",
            "2020-06-08",
        ),
        (
            "The police came on Monday. They left in the afternoon.",
            "the afternoon",
            "2020-06-08TAF",
            "2020-06-08",
        ),
    ],
)
def test_advice_to_the_reader_is_on_no_particular_day(
    text: str, expr: str, value: str, day: str | None
) -> None:
    e = _find(text, SUN, expr)
    assert (e.value, e.first_day) == (value, _d(day) if day else None)


def test_three_month_campaign_is_a_duration() -> None:
    e = _find("halted the government's three-month air and ground campaign", SUN, "three-month")
    assert (e.type, e.value, e.first_day) == ("DURATION", "P3M", None)


def test_for_years_is_a_vague_duration() -> None:
    e = _find("Moscow, which it has worked with closely for years, than the US.", SUN, "years")
    assert (e.type, e.value) == ("DURATION", "PXY")


# ---------------------------------------------------------------- weekdays, by tense


WEEKDAY_ROWS = [
    ("The talks collapsed on Friday.", SUN, "Friday", "2020-06-12"),
    ("The talks will resume on Friday.", SUN, "Friday", "2020-06-19"),
    # a new deadline ('a Saturday deadline') lies ahead, even when it was set in the past
    ("The League suspended Syria and set a Saturday deadline.", SUN, "Saturday", "2020-06-20"),
    ("Syria ignored a Saturday deadline set by the League.", SUN, "Saturday", "2020-06-13"),
    ("Holders tendered 99% of the shares by the Tuesday deadline.", SUN, "Tuesday", "2020-06-09"),
    ("He said Tuesday that the plan failed.", WED_NEW_YEAR, "Tuesday", TUE_YEAR_END),
    ("The court will rule on Monday.", WED_NEW_YEAR, "Monday", "2020-01-06"),
    ("Officials met on Thursday.", SAT_LEAP, "Thursday", "2020-02-27"),
    # a plan in the past perfect was overtaken: its time is behind us
    (
        "The offer was extended. It had been due to expire Friday evening.",
        SUN,
        "Friday evening",
        "2020-06-12",
    ),
    ("The offer had been scheduled to expire at midnight Friday.", SUN, "midnight Friday", "2020-06-12"),
    ("The offer is due to expire Friday.", SUN, "Friday", "2020-06-19"),
    ("The vote is set to take place on Sunday.", SAT_LEAP, "Sunday", "2020-03-01"),
    ("Protesters gathered last Monday.", MON_MARCH, "last Monday", "2021-02-22"),
    ("The minister arrives next Monday.", MON_MARCH, "next Monday", "2021-03-08"),
    ("The index fell on Saturday.", MON_MARCH, "Saturday", "2021-02-27"),
    ("The company reported results Wednesday.", TUE_YEAR_END, "Wednesday", "2019-12-25"),
    ("The embassy is reopening on Wednesday.", TUE_YEAR_END, "Wednesday", WED_NEW_YEAR),
    ("Police said Thursday that two men were arrested.", THU_LEAP, "Thursday", THU_LEAP),
    ("The strike began Friday morning.", SUN, "Friday morning", "2020-06-12"),
    ("The talks ended on Monday, Oct. 26, in Geneva.", "2020-10-28", "Monday, Oct. 26", "2020-10-26"),
    # news writes scheduled events in the present
    ("The council meets Tuesday to vote on the budget.", SUN, "Tuesday", "2020-06-16"),
    ("Lowe's reports earnings Wednesday.", SUN, "Wednesday", "2020-06-17"),
    ("The show opens to the public on Friday.", "2020-06-17", "Friday", "2020-06-19"),
    # a weekday's event named by a Saturday paper the day before it: tomorrow's
    ("The appeal was dismissed, leaving 22 cars for Sunday's race.", "2020-06-13", "Sunday", SUN),
    ("Wednesday's ruling was upheld.", "2020-06-13", "Wednesday", "2020-06-10"),
    ("Arsenal hosts Chelsea on Saturday.", SUN, "Saturday", "2020-06-20"),
    # "Thursday last" is read by its clause's tense like any weekday
    ("The minister spoke on Thursday last.", SUN, "Thursday", "2020-06-11"),
    ("The minister spoke on Thursday last.", "2020-06-11", "Thursday", "2020-06-11"),
    # ... not a noun in -s: "compliance reports"
    ("Compliance reports were filed by Wednesday.", SUN, "Wednesday", "2020-06-10"),
    # a deadline lies ahead: "postponed until", "gave them until"
    (
        "Officials postponed until Tuesday morning any action on the case.",
        THU_LEAP,
        "Tuesday morning",
        "2024-03-05",
    ),
    ("The agency gave the family until 9 a.m. Tuesday to sign.", THU_LEAP, "9 a.m. Tuesday", "2024-03-05"),
    # a weekday after a date far from the dct counts from the dct too, not from that date's week
    (
        "Police fired on protesters on May 8, and on Friday tens of thousands rallied again.",
        SUN,
        "Friday",
        "2020-06-12",
    ),
    # a telling's day after a date far from the dct counts from the dct, not from that date's week
    (
        "The talks will resume on June 30 in Geneva, the United Nations said in a statement on Monday.",
        SUN,
        "Monday",
        "2020-06-08",
    ),
    # ... and a time given to act in, told in the present ("has until"); in the past it may have run out
    (
        "The company has until Friday to respond, officials said on Wednesday.",
        "2020-06-17",
        "Friday",
        "2020-06-19",
    ),
    ("Residents are given until Monday to leave.", "2020-06-17", "Monday", "2020-06-22"),
    ("The company had until Friday to respond.", "2020-06-17", "Friday", "2020-06-12"),
    # a plan looks ahead: "planned a march", "were planning to drive"
    (
        "Protesters planned a large march on Saturday and were planning to drive to the airport on Monday.",
        "2020-01-07",
        "Saturday",
        "2020-01-11",
    ),
    (
        "Protesters planned a large march on Saturday and were planning to drive to the airport on Monday.",
        "2020-01-07",
        "Monday",
        "2020-01-13",
    ),
]


@pytest.mark.parametrize(("text", "dct", "expr", "day"), WEEKDAY_ROWS)
def test_weekdays(text: str, dct: str, expr: str, day: str) -> None:
    _check(text, dct, expr, day, day)


# ---------------------------------------------------------------- month-days and months without a year


MONTH_DAY_ROWS = [
    ("The ministers held a phone call on June 10.", SUN, "June 10", "2020-06-10", "2020-06-10"),
    ("The summit will be held on Dec. 3.", SUN, "Dec. 3", "2020-12-03", "2020-12-03"),
    ("The treaty was signed on Dec. 30.", WED_NEW_YEAR, "Dec. 30", "2019-12-30", "2019-12-30"),
    ("The tax takes effect Jan. 2.", TUE_YEAR_END, "Jan. 2", "2020-01-02", "2020-01-02"),
    ("Elections are due on Feb. 29.", "2020-01-15", "Feb. 29", SAT_LEAP, SAT_LEAP),
    ("The offer expires March 2, the company said.", SAT_LEAP, "March 2", "2020-03-02", "2020-03-02"),
    ("The troops were deployed in March.", SUN, "March", "2020-03-01", "2020-03-31"),
    ("The vote is planned for November.", SUN, "November", "2020-11-01", "2020-11-30"),
    # an infinitive after a present wish or expectation looks ahead, whatever the verb's inflection
    ("The company expects to finish the work by March.", SUN, "March", "2021-03-01", "2021-03-31"),
    ("The city is hoping to reopen the bridge in March.", SUN, "March", "2021-03-01", "2021-03-31"),
    ("The deal collapsed in November.", SUN, "November", "2019-11-01", "2019-11-30"),
    ("Prices rose in late December.", WED_NEW_YEAR, "late December", "2019-12-21", "2019-12-31"),
    ("Talks resume in mid-January.", TUE_YEAR_END, "mid-January", "2020-01-11", "2020-01-20"),
    ("The war began in February, officials said.", MON_MARCH, "February", "2021-02-01", "2021-02-28"),
    ("The agreement was reached last May.", "2020-04-10", "last May", "2019-05-01", "2019-05-31"),
    ("They met on 14 June 2019.", SUN, "14 June 2019", "2019-06-14", "2019-06-14"),
    ("The festival runs 14-15 June.", SUN, "14-15 June", "2020-06-14", "2020-06-15"),
    ("The festival runs June 14 to 15.", SUN, "June 14 to 15", "2020-06-14", "2020-06-15"),
    ("The conference runs June 30-July 2.", SUN, "June 30-July 2", "2020-06-30", "2020-07-02"),
    ("Feb. 29, 2016 was a Monday.", SUN, "Feb. 29, 2016", "2016-02-29", "2016-02-29"),
    ("The rally was held in Paris on Aug. 2.", "2020-08-03", "Aug. 2", "2020-08-02", "2020-08-02"),
    # "vs." does not end the sentence: "killed" still sets the tense of "January"
    (
        "In January, a week after the anniversary of the Roe vs. Wade ruling, a bomb killed a guard.",
        "2020-10-25",
        "January",
        "2020-01-01",
        "2020-01-31",
    ),
    # a planned thing named as such lies ahead, even in a past sentence
    (
        "He said they had been talking about the slated visit of the minister in September.",
        "2020-08-26",
        "September",
        "2020-09-01",
        "2020-09-30",
    ),
    # a past verb does not push next month eleven months back
    (
        "The minister told oil firms of a cutback in September.",
        "2020-08-16",
        "September",
        "2020-09-01",
        "2020-09-30",
    ),
    # but an event verb in the past puts a month just ahead of the publication a year back
    (
        "Russia and Turkey agreed a cease-fire in early March.",
        "2020-02-29",
        "early March",
        "2019-03-01",
        "2019-03-10",
    ),
    # "In May," opens a sentence: no name before the month; "the March earthquake": a month as a modifier
    ("In May, Japan's crude oil imports rose.", "2011-07-21", "May", "2011-05-01", "2011-05-31"),
    ("The plant was shut by the March earthquake.", "2011-07-21", "March", "2011-03-01", "2011-03-31"),
    # "to Paris": a place, not an infinitive looking ahead
    ("He went to Paris on May 2.", "2019-11-18", "May 2", "2019-05-02", "2019-05-02"),
    # holidays: Black Friday is the day after Thanksgiving, "days away" looks ahead
    ("Black Friday is next week.", "2019-11-18", "Black Friday", "2019-11-29", "2019-11-29"),
    ("Shoppers wait for Cyber Monday.", "2019-11-18", "Cyber Monday", "2019-12-02", "2019-12-02"),
    ("Halloween is just days away.", "2020-10-26", "Halloween", "2020-10-31", "2020-10-31"),
    # an infinitive hanging on a gerund does not look ahead: the clause's past tense decides
    (
        "A man pleaded guilty Monday to threatening to kill a congresswoman in March, prosecutors said.",
        "2019-11-19",
        "March",
        "2019-03-01",
        "2019-03-31",
    ),
    ("He was trying to flee the country in March.", "2019-11-19", "March", "2019-03-01", "2019-03-31"),
    # ... but one after a noun in -ing still does ("the morning", "the meeting")
    (
        "Traders met in the morning to start trading for March.",
        "2019-11-19",
        "March",
        "2020-03-01",
        "2020-03-31",
    ),
    ("The summit ends on April 24 and 25.", "2020-02-24", "April 24 and 25", "2020-04-24", "2020-04-25"),
    (
        "Spelled out, the date was January nineteen ninety-seven.",
        SUN,
        "January nineteen ninety-seven",
        "1997-01-01",
        "1997-01-31",
    ),
    (
        "A hearing is set for the week of March 6.",
        "2020-02-24",
        "the week of March 6",
        "2020-03-02",
        "2020-03-08",
    ),
    ("Voters go to the polls on Election Day.", "2020-10-01", "Election Day", "2020-11-03", "2020-11-03"),
]


@pytest.mark.parametrize(("text", "dct", "expr", "first", "last"), MONTH_DAY_ROWS)
def test_month_days_and_months(text: str, dct: str, expr: str, first: str, last: str) -> None:
    _check(text, dct, expr, first, last)


def test_between_months_is_one_range() -> None:
    found = find_expressions("Fighting continued between May and July, they said.", _d(SUN))
    assert min(e.first_day for e in found if e.first_day) == dt.date(2020, 5, 1)
    assert max(e.last_day for e in found if e.last_day) == dt.date(2020, 7, 31)


# ---------------------------------------------------------------- relative to the publication date


RELATIVE_ROWS = [
    ("The army withdrew yesterday.", SUN, "yesterday", "2020-06-13", "2020-06-13"),
    ("The army withdrew yesterday.", WED_NEW_YEAR, "yesterday", TUE_YEAR_END, TUE_YEAR_END),
    ("The army withdrew yesterday.", MON_MARCH, "yesterday", "2021-02-28", "2021-02-28"),
    ("Talks open today in Geneva.", SAT_LEAP, "today", SAT_LEAP, SAT_LEAP),
    ("The result is expected tomorrow.", SAT_LEAP, "tomorrow", "2020-03-01", "2020-03-01"),
    ("The result is expected tomorrow.", "2020-02-28", "tomorrow", SAT_LEAP, SAT_LEAP),
    ("The plant closed two weeks ago.", SUN, "two weeks ago", "2020-05-25", "2020-05-31"),
    ("The plant closed ten days ago.", SAT_LEAP, "ten days ago", "2020-02-19", "2020-02-19"),
    ("The plant closed last week.", SUN, "last week", "2020-06-01", "2020-06-07"),
    ("The plant closed last week.", WED_NEW_YEAR, "last week", "2019-12-23", "2019-12-29"),
    ("Prices fell this month.", SAT_LEAP, "this month", "2020-02-01", SAT_LEAP),
    ("Prices fell last month.", WED_NEW_YEAR, "last month", "2019-12-01", "2019-12-31"),
    ("Growth will slow next year.", TUE_YEAR_END, "next year", "2020-01-01", "2020-12-31"),
    ("Growth slowed last year.", WED_NEW_YEAR, "last year", "2019-01-01", "2019-12-31"),
    ("The bank was founded a year ago.", SUN, "a year ago", "2019-01-01", "2019-12-31"),
    # "earlier this month": any day of it up to the publication day, not its first third
    ("Sales fell earlier this month.", SUN, "earlier this month", "2020-06-01", "2020-06-14"),
    ("Cuts will be announced later this week.", "2020-06-09", "later this week", "2020-06-09", "2020-06-14"),
    ("Sales fell early this month.", SUN, "early this month", "2020-06-01", "2020-06-10"),
    ("The process began over a month ago.", SUN, "over a month ago", "2020-05-01", "2020-05-14"),
    ("He left less than a week ago.", SUN, "less than a week ago", "2020-06-07", "2020-06-14"),
    ("The firm lost money late last year.", SUN, "late last year", "2019-09-01", "2019-12-31"),
    ("The firm will hire early next year.", SUN, "early next year", "2021-01-01", "2021-04-30"),
    ("Officials said this morning that talks failed.", SUN, "this morning", SUN, SUN),
    ("Rebels attacked last night.", WED_NEW_YEAR, "last night", TUE_YEAR_END, TUE_YEAR_END),
    ("Over the weekend, rebels attacked.", SUN, "the weekend", "2020-06-13", SUN),
    ("It is currently unclear.", SUN, "currently", SUN, SUN),
]


@pytest.mark.parametrize(("text", "dct", "expr", "first", "last"), RELATIVE_ROWS)
def test_relative_to_publication(text: str, dct: str, expr: str, first: str, last: str) -> None:
    e = _check(text, dct, expr, first, last)
    assert e.anchor == "publication"


# ---------------------------------------------------------------- anchored on the last mentioned date


ANCHORED_ROWS = [
    (
        "The army entered the city on June 3. The next day, rebels withdrew.",
        SUN,
        "The next day",
        "2020-06-04",
        "2020-06-04",
    ),
    # "until then", "by then": the time just named
    ("The rights end on Nov. 30. Until then, holders may convert.", SUN, "then", "2020-11-30", "2020-11-30"),
    ("Talks resume in 2025. By then, the war may be over.", SUN, "then", "2025-01-01", "2025-12-31"),
    (
        "The army entered the city on June 3. The previous day, rebels withdrew.",
        SUN,
        "The previous day",
        "2020-06-02",
        "2020-06-02",
    ),
    (
        "The treaty was signed on Dec. 30. Two days later, fighting resumed.",
        WED_NEW_YEAR,
        "Two days later",
        WED_NEW_YEAR,
        WED_NEW_YEAR,
    ),
    (
        "The vote was held on Feb. 27. Two days later the result was annulled.",
        SAT_LEAP,
        "Two days later",
        SAT_LEAP,
        SAT_LEAP,
    ),
    (
        "He was shot on Oct. 23. Earlier that day, his family sent a fax.",
        "2020-11-02",
        "Earlier that day",
        "2020-10-23",
        "2020-10-23",
    ),
    (
        "The coup began in March 2020. The following month, elections were cancelled.",
        SUN,
        "The following month",
        "2020-04-01",
        "2020-04-30",
    ),
    # "that year" is the year just written out, not the publication year
    (
        "Imports totaled $37 million in 1988, a small share of all imports that year.",
        SUN,
        "that year",
        "1988-01-01",
        "1988-12-31",
    ),
    # "the previous Friday" counts back from the Friday just named
    (
        "Shares closed at 90 on Friday, down from the previous Friday.",
        SUN,
        "the previous Friday",
        "2020-06-05",
        "2020-06-05",
    ),
    (
        "He appeared in court on June 3 and left the next morning.",
        SUN,
        "the next morning",
        "2020-06-04",
        "2020-06-04",
    ),
    # "For the week" after a named day: that day's week
    (
        "Stocks fell on Wednesday, June 3. For the week, the index lost 2%.",
        SUN,
        "the week",
        "2020-06-01",
        "2020-06-07",
    ),
    # years later: counted from the year told of, not from the publication
    (
        "In 1978, the state passed a law. Forty years later, we have a goal.",
        SUN,
        "Forty years later",
        "2018-01-01",
        "2018-12-31",
    ),
]


@pytest.mark.parametrize(
    ("text", "expr", "day"),
    [
        # a clock time takes the day written right after it
        ("She was seen at 6:38 p.m. on Saturday, May 18.", "6:38 p.m.", "2020-05-18"),
        ("Six people were killed after midday prayers on Friday.", "midday", "2020-06-12"),
        ("It ended at 2 a.m. local time on Wednesday.", "2 a.m. local time", "2020-06-10"),
        # ... but not across a conjunction
        ("He left at 10 p.m. and on Friday he returned.", "10 p.m.", SUN),
    ],
)
def test_a_clock_time_is_on_the_day_written_after_it(text: str, expr: str, day: str) -> None:
    e = _find(text, SUN, expr)
    assert (e.first_day, e.last_day) == (_d(day), _d(day)), e


@pytest.mark.parametrize(
    ("text", "expr"),
    [
        # pointing back at a day told of, with none told of: no day rather than the publication day
        ("Two days later, the police came.", "Two days later"),
        ("I was back at it by the next morning, she said.", "the next morning"),
        ("Since that day he has never forgotten.", "that day"),
        ("He left later that week.", "later that week"),
    ],
)
def test_pointing_back_at_nothing_is_on_no_day(text: str, expr: str) -> None:
    e = _find(text, SUN, expr)
    assert (e.first_day, e.anchor) == (None, "unresolved"), e


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        # "later than planned" compares two dates: a length, not a date
        ("The launch came about three months later than executives planned.", "about three months", "P3M"),
        ("It came two days later than expected.", "two days", "P2D"),
    ],
)
def test_later_than_is_a_difference(text: str, expr: str, value: str) -> None:
    e = _find(text, SUN, expr)
    assert (e.type, e.value, e.first_day) == ("DURATION", value, None), e


@pytest.mark.parametrize(("text", "dct", "expr", "first", "last"), ANCHORED_ROWS)
def test_anchored_on_previous_date(text: str, dct: str, expr: str, first: str, last: str) -> None:
    e = _check(text, dct, expr, first, last)
    assert e.anchor == "previous"


# ---------------------------------------------------------------- offsets counted from a named day

# A definite length linked to the day right after it dates the statement on the day counted to; TimeML
# keeps the length and the day apart (the `timeml` column: what `timeline tag` writes).
OFFSET_CASES = [
    ("He was freed two days after March 5, officials said.", SUN,
     "two days after March 5", "2020-03-07", [("two days", "P2D"), ("March 5", "2020-03-05")]),
    ("The talks began a week before the June 3 vote.", SUN,
     "a week before the June 3", "2020-05-27", [("a week", "P1W"), ("June 3", "2020-06-03")]),
    ("Three months after Jan. 31, 2020, the plant closed.", SUN,
     "Three months after Jan. 31, 2020", "2020-04-30",
     [("Three months", "P3M"), ("Jan. 31, 2020", "2020-01-31")]),
    ("The day before last Tuesday's hearing, he left the country.", SUN,
     "The day before last Tuesday", "2020-06-08", [("The day before last Tuesday", "2020-06-08")]),
    ("About two days after March 5, he left.", SUN,
     "About two days after March 5", "2020-03-07", [("About two days", "P2D"), ("March 5", "2020-03-05")]),
    ("She called them the day after Christmas.", SUN,
     "the day after Christmas", "2019-12-26", [("the day after Christmas", "2019-12-26")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "dct", "expr", "day", "timeml"), OFFSET_CASES)
def test_offsets_from_a_named_day(
    text: str, dct: str, expr: str, day: str, timeml: list[tuple[str, str]]
) -> None:
    e = _check(text, dct, expr, day, day)
    assert e.value == day
    tagged = json.loads(next(tag_jsonl([json.dumps({"id": "t", "dct": dct, "text": text})])))
    assert [(t["text"], t["value"]) for t in tagged["timexes"]] == timeml


@pytest.mark.parametrize(
    ("text", "expr"),
    [
        ("The strike lasted for two days after March 5.", "two days"),  # a stretch, not an offset
        ("Within a week after June 3, prices fell.", "a week"),
        ("At least two days after March 5, he left.", "At least two days"),  # a bound, not a length
    ],
)
def test_a_length_that_scopes_a_stretch_is_no_offset(text: str, expr: str) -> None:
    assert _find(text, SUN, expr).type == "DURATION"


# ---------------------------------------------------------------- stretches written out with their two ends

# "between A and B", "from A to B": one range in the chronology; TimeML keeps the two ends apart.
RANGE_CASES = [
    ("There were 26 cases between 2009 and 2018, officials said.", SUN,
     "2009 and 2018", "2009-01-01", "2018-12-31", [("2009", "2009"), ("2018", "2018")]),
    ("He served from 1990 to 1995.", SUN,
     "1990 to 1995", "1990-01-01", "1995-12-31", [("1990", "1990"), ("1995", "1995")]),
    ("Protests went on from June 3 through June 9, 2019.", SUN,
     "June 3 through June 9, 2019", "2019-06-03", "2019-06-09",
     [("June 3", "2019-06-03"), ("June 9, 2019", "2019-06-09")]),
    ("Sales rose between January and March.", SUN,
     "January and March", "2020-01-01", "2020-03-31", [("January", "2020-01"), ("March", "2020-03")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "dct", "expr", "first", "last", "timeml"), RANGE_CASES)
def test_a_stretch_between_two_ends_is_one_range(
    text: str, dct: str, expr: str, first: str, last: str, timeml: list[tuple[str, str]]
) -> None:
    _check(text, dct, expr, first, last)
    tagged = json.loads(next(tag_jsonl([json.dumps({"id": "t", "dct": dct, "text": text})])))
    assert [(t["text"], t["value"]) for t in tagged["timexes"]] == timeml


@pytest.mark.parametrize(
    "text",
    [
        "Cases rose in 2009 and 2018.",  # two years, no stretch
        "From 2018 and 2009 figures, nothing follows.",  # the first end after the second
        "Between 2009 and March 2018 the figures doubled.",  # ends of different granularity
    ],
)
def test_two_dates_are_no_stretch_without_its_words(text: str) -> None:
    assert all("/" not in e.value for e in find_expressions(text, dt.date.fromisoformat(SUN)))


# ---------------------------------------------------------------- quarters, halves, seasons, years, decades


PERIOD_ROWS = [
    # a stretch of years, written with a dash
    ("In 2016-2017 the shortage ends.", SUN, "2016-2017", "2016-01-01", "2017-12-31", "2016/2017"),
    ("It still feels its 1975-90 civil war.", SUN, "1975-90", "1975-01-01", "1990-12-31", "1975/1990"),
    # a far year needs a calendar word before "of" ("a score of 2072" is no year)
    ("Emissions must be cut by the end of 2050.", SUN, "the end of 2050", "2050-09-01", "2050-12-31", "2050"),
    (
        "The plan looks to the summer of 2045.",
        SUN,
        "the summer of 2045",
        "2045-06-01",
        "2045-08-31",
        "2045-SU",
    ),
    ("Profit rose in the third quarter.", SUN, "the third quarter", "2019-07-01", "2019-09-30", "2019-Q3"),
    # "the 1988 quarter" is the reported quarter of that year, like "the 1988 period"
    (
        "Profit rose in the third quarter, up from $1 million in the 1988 quarter.",
        "1989-10-26",
        "the 1988 quarter",
        "1988-07-01",
        "1988-09-30",
        "1988-Q3",
    ),
    # an earlier quarter named after the reported one is background: "a year ago" still means the reported one
    (
        "Net rose in the third quarter. After a flat second quarter, sales grew; net beat a year ago.",
        "1989-10-26",
        "a year ago",
        "1988-07-01",
        "1988-09-30",
        "1988-Q3",
    ),
    (
        "Profit will rise in the third quarter.",
        SUN,
        "the third quarter",
        "2020-07-01",
        "2020-09-30",
        "2020-Q3",
    ),
    ("Third-quarter profit fell.", "2019-10-26", "Third-quarter", "2019-07-01", "2019-09-30", "2019-Q3"),
    ("Sales rose in Q3 2019.", SUN, "Q3 2019", "2019-07-01", "2019-09-30", "2019-Q3"),
    (
        "Sales rose in the fourth quarter of 2018.",
        SUN,
        "the fourth quarter of 2018",
        "2018-10-01",
        "2018-12-31",
        "2018-Q4",
    ),
    (
        "Sales fell in the fiscal first quarter.",
        SUN,
        "the fiscal first quarter",
        "2020-01-01",
        "2020-03-31",
        "2020-Q1",
    ),
    (
        "Sales rose in the first half of 2019.",
        SUN,
        "the first half of 2019",
        "2019-01-01",
        "2019-06-30",
        "2019-H1",
    ),
    (
        "Troops will withdraw by the summer of 2021.",
        SUN,
        "the summer of 2021",
        "2021-06-01",
        "2021-08-31",
        "2021-SU",
    ),
    ("The deal was signed last summer.", SUN, "last summer", "2019-06-01", "2019-08-31", "2019-SU"),
    # a half of a decade is the decade, from its start or to its end; two quarters are a half
    (
        "Sales were flat in the last half of the '80s.",
        SUN,
        "the last half of the '80s",
        "1985-01-01",
        "1989-12-31",
        "198",
    ),
    (
        "Demand stays weak through the first two quarters of 1990.",
        SUN,
        "the first two quarters of 1990",
        "1990-01-01",
        "1990-06-30",
        "1990-H1",
    ),
    ("Prices crashed in the 1990s.", SUN, "the 1990s", "1990-01-01", "1999-12-31", "199"),
    ("The Black Death struck in the 1300s.", SUN, "the 1300s", "1300-01-01", "1399-12-31", "13"),  # a century
    ("Sales boomed in the 2000s.", SUN, "the 2000s", "2000-01-01", "2009-12-31", "200"),  # a decade
    ("Prices crashed in the early 1980s.", SUN, "the early 1980s", "1980-01-01", "1983-04-30", "198"),
    ("Steam power spread in the 19th century.", SUN, "the 19th century", "1800-01-01", "1899-12-31", "18"),
    ("The firm was founded in 1998.", SUN, "1998", "1998-01-01", "1998-12-31", "1998"),
    ("The firm was sold in mid-2019.", SUN, "mid-2019", "2019-05-01", "2019-08-31", "2019"),
    (
        "Profit rose in the third quarter.",
        "2020-11-02",
        "the third quarter",
        "2020-07-01",
        "2020-09-30",
        "2020-Q3",
    ),
    # "the quarter ended July 31" is the calendar quarter holding most of May to July
    (
        "In the quarter ended July 31, the firm lost money.",
        "1989-10-30",
        "the quarter",
        "1989-04-01",
        "1989-06-30",
        "1989-Q2",
    ),
    (
        "Profit fell in the quarter ended Jan. 31.",
        "1990-03-01",
        "the quarter",
        "1989-10-01",
        "1989-12-31",
        "1989-Q4",
    ),
    ("Earnings rose in fiscal 1989.", SUN, "fiscal 1989", "1989-01-01", "1989-12-31", "1989"),
    (
        "Growth stalled in the second half of last year.",
        SUN,
        "the second half of last year",
        "2019-07-01",
        "2019-12-31",
        "2019-H2",
    ),
    ("The date was set for Christmas.", "2020-12-01", "Christmas", "2020-12-25", "2020-12-25", "2020-12-25"),
    (
        "Crowds prayed as Easter week began.",
        "2000-04-17",
        "Easter week",
        "2000-04-17",
        "2000-04-23",
        "2000-W16",
    ),
    (
        "Net rose in the fiscal-first quarter.",
        "2019-10-26",
        "the fiscal-first quarter",
        "2019-01-01",
        "2019-03-31",
        "2019-Q1",
    ),
    # after a quarter, "a year earlier" is the year-ago quarter ...
    (
        "Third-quarter net rose to $6 million from $5 million a year earlier.",
        "2019-10-26",
        "a year earlier",
        "2018-07-01",
        "2018-09-30",
        "2018-Q3",
    ),
    # ... unless the sentence compares a longer stretch
    (
        "Third-quarter net rose. For the nine months, net rose to $9 million from $5 million a year earlier.",
        "2019-10-26",
        "a year earlier",
        "2018-01-01",
        "2018-12-31",
        "2018",
    ),
    # ... in the sentence or the one before it, whatever the year-ago figure is called
    (
        "Third-quarter net rose. In the first nine months, net was $30 million, against $19 million in the "
        "1988 period. The year-ago results included a charge.",
        "1989-11-02",
        "year-ago",
        "1988-01-01",
        "1988-12-31",
        "1988",
    ),
    (
        "Third-quarter net rose. In the first nine months, net was $30 million, against $19 million in the "
        "1988 period.",
        "1989-11-02",
        "the 1988 period",
        "1988-01-01",
        "1988-12-31",
        "1988",
    ),
    (
        "Third-quarter net was $5 million, against $4 million for the corresponding period last year.",
        "2019-10-26",
        "the corresponding period last year",
        "2018-07-01",
        "2018-09-30",
        "2018-Q3",
    ),
    (
        "Third-quarter net fell. For the quarter a year ago, the bank earned $16 million.",
        "2019-10-26",
        "the quarter a year ago",
        "2018-07-01",
        "2018-09-30",
        "2018-Q3",
    ),
    # ... a calendar quarter in business, whatever the verb
    (
        "The company scored a big win in the third quarter, and the Dow fell 300 points.",
        "2020-01-20",
        "the third quarter",
        "2019-07-01",
        "2019-09-30",
        "2019-Q3",
    ),
    # "this quarter's loss" in a report on a quarter gone is that quarter's
    (
        "The firm lost $8 million in the third quarter ended Sept. 30. This quarter's loss includes charges.",
        "1989-11-01",
        "This quarter",
        "1989-07-01",
        "1989-09-30",
        "1989-Q3",
    ),
    # a fiscal quarter is the company's own count: not background to a calendar quarter named before it
    (
        "Third-quarter net fell at Armco. National posted net for the fiscal second-quarter of $8 million. "
        "The latest period includes gains.",
        "1989-10-26",
        "The latest period",
        "1989-04-01",
        "1989-06-30",
        "1989-Q2",
    ),
    # "the latest quarter" is the quarter being reported on, by the article's own (fiscal) count
    (
        "National posted net for the fiscal second quarter of $8 million. The latest quarter included gains.",
        "1989-10-26",
        "The latest quarter",
        "1989-04-01",
        "1989-06-30",
        "1989-Q2",
    ),
    # ... however far back it was named: no reach in characters
    (
        "National posted net of $8 million for the fiscal second quarter. "
        + "Sales of steel and other goods grew in every region. " * 45
        + "In the quarter, costs fell.",
        "2020-10-26",
        "the quarter",
        "2020-04-01",
        "2020-06-30",
        "2020-Q2",
    ),
    # a forecast quarter is not the one being reported on
    (
        "Third-quarter net fell. Analysts see losses through the third quarter of 2021. "
        "In the year-ago period, the firm earned $5 million.",
        "2020-10-26",
        "the year-ago period",
        "2019-07-01",
        "2019-09-30",
        "2019-Q3",
    ),
    # TimeBank dates "the past year" as the calendar year gone, not a twelve-month stretch
    ("Prices rose over the past year.", SUN, "the past year", "2019-01-01", "2019-12-31", "2019"),
    (
        "Oil hit that level in the winter of nineteen ninety-four.",
        SUN,
        "the winter of nineteen ninety-four",
        "1994-12-01",
        "1995-02-28",
        "1994-WI",
    ),
]


@pytest.mark.parametrize(("text", "dct", "expr", "first", "last", "value"), PERIOD_ROWS)
def test_periods(text: str, dct: str, expr: str, first: str, last: str, value: str) -> None:
    e = _check(text, dct, expr, first, last)
    assert e.value == value


# ---------------------------------------------------------------- durations, sets, references, times


VALUE_ROWS = [
    ("Prices rose for the past three years.", "the past three years", "DURATION", "P3Y"),
    ("The strike lasted five hours.", "five hours", "DURATION", "PT5H"),
    ("The siege lasted more than two weeks.", "more than two weeks", "DURATION", "P2W"),
    ("They fought for nearly a decade.", "nearly a decade", "DURATION", "P10Y"),
    ("The paper is published weekly.", "weekly", "SET", "P1W"),
    ("Inspectors visit every month.", "every month", "SET", "P1M"),
    ("Flights leave each Thursday.", "each Thursday", "SET", "XXXX-WXX-4"),
    ("Prices have fallen recently.", "recently", "DATE", "PAST_REF"),
    ("It will be decided in the future.", "the future", "DATE", "FUTURE_REF"),
    ("The meeting starts at 4 p.m.", "4 p.m.", "TIME", "2020-06-14T16:00"),
    ("The curfew starts at 10:30 p.m. Wednesday.", "10:30 p.m. Wednesday", "TIME", "2020-06-10T22:30"),
    ("The 1990s were calm.", "The 1990s", "DATE", "199"),
    ("The plant closed last week.", "last week", "DATE", "2020-W23"),
    ("Prices rose this month.", "this month", "DATE", "2020-06"),
    ("The plant will reopen in two months.", "two months", "DURATION", "P2M"),
    # a weekday with a part of the day is a day (TimeBank: DATE), like "tonight"; "this morning" is a time
    ("Rebels shelled the town Friday night.", "Friday night", "DATE", "2020-06-12"),
    ("The vote is tonight.", "tonight", "DATE", SUN),
    ("Officials said this morning that talks failed.", "this morning", "TIME", "2020-06-14TMO"),
    ("The father will leave at 4 in the morning.", "4 in the morning", "TIME", "2020-06-14T04:00"),
    ("The rally ends at eight in the evening.", "eight in the evening", "TIME", "2020-06-14T20:00"),
    # a length used as an adjective is a duration; the article belongs to the noun
    ("Talks ended their third day-long round.", "day-long", "DURATION", "P1D"),
    ("Workers staged a weeklong strike.", "weeklong", "DURATION", "P1W"),
    ("The union began a two-week-long strike.", "two-week-long", "DURATION", "P2W"),
    ("It ended a decades-long feud.", "decades-long", "DURATION", "PXY"),
    # decades are written in years, counted ("two decades", P20Y) or not
    ("The feud has lasted for decades.", "decades", "DURATION", "PXY"),
    # "one day" after a modal is some day to come; elsewhere a day's length
    ("The city may one day host the games.", "one day", "DATE", "FUTURE_REF"),
    ("He stayed one day in Paris.", "one day", "DURATION", "P1D"),
    ("Shares were sold at the then current price.", "then current", "DATE", "PAST_REF"),
    # the first, early or final stretch of unstated length, and "over the years"
    ("Many were taken in the first hours of the battle.", "the first hours", "DURATION", "PTXH"),
    ("Growth was slow in the early years of the plan.", "the early years", "DURATION", "PXY"),
    ("Over the years the town grew.", "the years", "DURATION", "PXY"),
    # quarters of something are a stretch of time, unless a fraction ("three quarters of the shares")
    ("It became profitable after several quarters of losses.", "several quarters", "DURATION", "PXQ"),
    ("It became profitable after two quarters of losses.", "two quarters", "DURATION", "P2Q"),
    # "as of today", "the end of tomorrow" are days
    ("As of today, the offer stands.", "today", "DATE", SUN),
    ("It lasts until the end of tomorrow.", "tomorrow", "DATE", "2020-06-15"),
]


@pytest.mark.parametrize(("text", "expr", "type_", "value"), VALUE_ROWS)
def test_values(text: str, expr: str, type_: str, value: str) -> None:
    e = _find(text, SUN, expr)
    assert (e.type, e.value) == (type_, value)


# ---------------------------------------------------------------- no publication date


NO_DCT_ROWS = [
    ("They met on Tuesday.", "Tuesday", "XXXX-WXX-2"),
    ("They met on June 10.", "June 10", "XXXX-06-10"),
    ("They met yesterday.", "yesterday", "XXXX-XX-XX"),
    ("They met last week.", "last week", "XXXX-WXX"),
]


@pytest.mark.parametrize(("text", "expr", "value"), NO_DCT_ROWS)
def test_without_publication_date_relative_ones_stay_unresolved(text: str, expr: str, value: str) -> None:
    e = _find(text, None, expr)
    assert (e.value, e.anchor, e.first_day, e.last_day) == (value, "unresolved", None, None)


@pytest.mark.parametrize(
    ("text", "expr", "first", "last"),
    [
        ("In October 2019 Turkey ordered the US to leave.", "October 2019", "2019-10-01", "2019-10-31"),
        ("They met on January 13, 2020.", "January 13, 2020", "2020-01-13", "2020-01-13"),
    ],
)
def test_without_publication_date_absolute_ones_resolve(text: str, expr: str, first: str, last: str) -> None:
    e = _find(text, None, expr)
    assert (e.first_day, e.last_day, e.anchor) == (_d(first), _d(last), "absolute")


def test_datetime_dct_is_accepted() -> None:
    e = _find("They met yesterday.", None, "yesterday")
    assert e.anchor == "unresolved"
    (e2,) = find_expressions("They met yesterday.", dt.datetime(2020, 6, 14, 16, 38))
    assert e2.first_day == dt.date(2020, 6, 13)


# ---------------------------------------------------------------- spans follow TimeML extents


@pytest.mark.parametrize(
    ("text", "expr"),
    [
        ("It happened on Aug. 2 in Paris.", "Aug. 2"),
        ("Since last week the index fell.", "last week"),
        ("Over the past three years, it grew.", "the past three years"),
        ("It was founded in 1998, officials said.", "1998"),
    ],
)
def test_extents_have_no_prepositions(text: str, expr: str) -> None:
    assert [e.text for e in find_expressions(text, _d(SUN))] == [expr]


# ---------------------------------------------------------------- tag_jsonl and table rows


def test_tag_jsonl_scorer_format() -> None:
    doc = {"id": "d1", "dct": "2020-06-14T08:35", "text": "He said Tuesday that it rained two days later."}
    (line,) = list(tag_jsonl([json.dumps(doc), ""]))
    out = json.loads(line)
    assert out["id"] == "d1"
    for t in out["timexes"]:
        assert doc["text"][t["start"] : t["end"]] == t["text"]
        assert set(t) <= {"start", "end", "text", "type", "value", "mod"}
    assert [t["text"] for t in out["timexes"]] == ["Tuesday", "two days"]  # TimeML: "later" is a signal
    assert out["timexes"][1]["type"] == "DURATION"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 1: invalid JSON"),
        ('{"id": "x"}', "line 1: not a JSON object"),
        ('{"id": "x", "dct": "June", "text": "t"}', "line 1: 'dct' is not an ISO date"),
    ],
)
def test_tag_jsonl_errors_name_the_line(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        list(tag_jsonl([line]))


def test_tag_jsonl_timeml_readings() -> None:
    text = "Stocks fell on Friday. For the week, the index lost 2%. Talks end on April 24 and 25."
    (line,) = tag_jsonl([json.dumps({"id": "d", "dct": SUN, "text": text})])
    # TimeML leaves an anaphoric "the week" open, and tags each day of "April 24 and 25" on its own
    assert [(t["text"], t["value"]) for t in json.loads(line)["timexes"]] == [
        ("Friday", "2020-06-12"),
        ("the week", "2020-WXX"),
        ("April 24", "2020-04-24"),
        ("25", "2020-04-25"),
    ]


def test_tag_jsonl_without_dct_leaves_relative_dates_unresolved() -> None:
    (line,) = tag_jsonl([json.dumps({"id": "d", "text": "They met on Tuesday in 1998."})])
    assert [(t["text"], t["value"]) for t in json.loads(line)["timexes"]] == [
        ("Tuesday", "XXXX-WXX-2"),
        ("1998", "1998"),
    ]


def test_expression_rows() -> None:
    rows = expression_rows("On Sunday they met.", dt.date(2020, 6, 14))
    assert rows == [
        {
            "span": "3-9",
            "text": "Sunday",
            "type": "DATE",
            "value": "2020-06-14",
            "mod": "",
            "first_day": SUN,
            "last_day": SUN,
            "granularity": "day",
            "anchor": "publication",
            "tense": "past (own clause)",
        }
    ]
    (row,) = expression_rows("They met on Monday.", dt.date(2020, 6, 14))
    assert (row["value"], row["tense"]) == ("2020-06-08", "past (own clause)")


def test_word_lists_load() -> None:
    assert (MONTHS["sept"], WEEKDAYS["sunday"], NUMBERS["twenty"]) == (9, 7, 20)
    assert {"said"} <= PAST_VERBS
    assert {"expected"} <= NOT_PAST
    assert {"people"} <= COUNT_NOUNS
    assert all(w == w.strip() and w for w in load_words("past_verbs"))


# ---------------------------------------------------------------- properties

VALUE_FORMS = {
    "DATE": re.compile(
        r"(?:(?:\d{4}|X{4})(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?|-W(?:\d\d|XX)(?:-(?:\d|WE))?|-Q[1-4X]|-H[12]"
        r"|-(?:SP|SU|FA|WI))?)(?:/(?:\d{4}|X{4})-(?:\d\d|XX)(?:-\d\d)?)?|\d{2,3}|X{2,3}|PRESENT_REF|PAST_REF|FUTURE_REF"
    ),
    "TIME": re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)T(?:\d\d:\d\d|MO|AF|EV|NI)"),
    "DURATION": re.compile(r"P(?:T?(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|H|S|Q|DE|CE|C|ML|WE))"),
    "SET": re.compile(
        r"P(?:T?(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|H|S|Q))|XXXX-(?:WXX-\d|\d\d|XX-XX|SP|SU|FA|WI)(?:T(?:MO|AF|EV|NI))?"
    ),
}
GRANULARITIES = {
    "day",
    "week",
    "month",
    "quarter",
    "season",
    "half",
    "year",
    "decade",
    "century",
    "time",
    "ref",
    "duration",
    "set",
}
ANCHORS = {"absolute", "publication", "previous", "reported", "unresolved"}

_pieces = st.sampled_from(
    [
        "on",
        "Sunday",
        "June",
        "14",
        "-",
        "15",
        ",",
        "2020",
        "last",
        "week",
        "the",
        "past",
        "three",
        "years",
        "ago",
        "a",
        "day",
        "after",
        "said",
        "will",
        "early",
        "March",
        "may",
        "4",
        "p.m.",
        ":",
        "30",
        "$",
        "%",
        "1990s",
        "Q3",
        "quarter",
        "next",
        "later",
        ".",
        "\n",
        " ",
        "nineteen",
        "ninety-six",
        "0",
        "1",
        "9",
        "/",
        "'",
    ]
)
_texts = st.one_of(st.text(max_size=80), st.lists(_pieces, max_size=30).map(" ".join))
_dcts = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))


@settings(max_examples=examples(300), deadline=None)
@given(text=_texts, dct=_dcts)
def test_properties(text: str, dct: dt.date | None) -> None:
    found = find_expressions(text, dct)
    last_end = 0
    for e in found:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.start >= last_end  # sorted, non-overlapping
        last_end = e.end
        assert e.type in VALUE_FORMS
        assert VALUE_FORMS[e.type].fullmatch(e.value), (e.type, e.value)
        assert e.granularity in GRANULARITIES
        assert e.anchor in ANCHORS
        assert (e.first_day is None) == (e.last_day is None)
        if e.first_day is not None and e.last_day is not None:
            assert e.first_day <= e.last_day
        if dct is None:
            assert e.anchor in ("absolute", "unresolved", "previous")


@settings(max_examples=examples(100), deadline=None)
@given(n=st.integers(min_value=0, max_value=3000), sep=st.sampled_from(["-", "/", ".", ":", " ", ",", "1"]))
def test_long_runs_of_digits_and_separators_are_fast(n: int, sep: str) -> None:
    find_expressions(("12" + sep) * n, dt.date(2020, 6, 14))
