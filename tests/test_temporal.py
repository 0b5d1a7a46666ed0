"""Tests for generator.temporal: the date grammar and its normalisation against a publication date."""
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import temporal
from generator.temporal import TimeValue, find_expressions, normalize, parse_iso

JUNE_5 = date(2026, 6, 5)    # a Friday
JUNE_3 = date(2026, 6, 3)    # a Wednesday
JULY_24 = date(2015, 7, 24)  # a Friday


def day(value, end=None, relative=False):
    return TimeValue(value, "day", end, relative)


def month(value, end=None, relative=False):
    return TimeValue(value, "month", end, relative)


def year(value, end=None, relative=False):
    return TimeValue(value, "year", end, relative)


# --- full dates -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "June 8, 2026", "8 June 2026", "Jun. 8, 2026", "2026-06-08", "June 8th, 2026", "the 8th of June 2026",
    "Monday, June 8, 2026", "on June 8, 2026", "June 8 2026",
])
def test_full_dates_need_no_anchor(text):
    assert normalize(text, None) == day("2026-06-08")


@pytest.mark.parametrize("text, expected", [
    ("Feb. 21, 2019", "2019-02-21"),
    ("Sept. 25, 2018", "2018-09-25"),
    ("Tuesday, Nov. 29, 2016", "2016-11-29"),
    ("Tuesday, Nov, 29, 2016", "2016-11-29"),
    ("Dec. 1, 2020", "2020-12-01"),
])
def test_abbreviated_months_and_weekday_prefix(text, expected):
    assert normalize(text, JUNE_5) == day(expected)


def test_impossible_date_is_none():
    assert normalize("February 30, 2026", JUNE_5) is None


@pytest.mark.parametrize("tense, expected", [
    ("past", "2026-03-18"), ("future", "2027-03-18"), (None, "2026-03-18"), ("present", "2026-03-18"),
])
def test_day_without_year_follows_tense(tense, expected):
    assert normalize("on March 18", JUNE_5, tense=tense) == day(expected, relative=True)


def test_day_without_year_no_tense_is_nearest():
    # June 8 is three days after the anchor: nearer than June 8 of the year before
    assert normalize("June 8", JUNE_5) == day("2026-06-08", relative=True)
    assert normalize("June 8", JUNE_5, tense="past") == day("2025-06-08", relative=True)
    assert normalize("on December 30", date(2026, 1, 2)) == day("2025-12-30", relative=True)


def test_day_without_year_uses_weekday_to_pick_year():
    # June 8 is a Monday in 2026 and a Sunday in 2025
    assert normalize("Monday, June 8", JUNE_5, tense="past") == day("2026-06-08", relative=True)


def test_day_without_year_needs_anchor():
    assert normalize("on March 18", None) is None


# --- ranges of days ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, anchor, expected", [
    ("8–9 June 2026", None, day("2026-06-08", "2026-06-09")),
    ("8-9 June", JUNE_5, day("2026-06-08", "2026-06-09", relative=True)),
    ("June 8-9", JUNE_5, day("2026-06-08", "2026-06-09", relative=True)),
    ("June 8–9, 2026", None, day("2026-06-08", "2026-06-09")),
    ("March 3–5", JUNE_5, day("2026-03-03", "2026-03-05", relative=True)),
    ("from May 2 to May 4", JUNE_5, day("2026-05-02", "2026-05-04", relative=True)),
    ("from May 2 to 4", JUNE_5, day("2026-05-02", "2026-05-04", relative=True)),
    ("June 30–July 2, 2026", None, day("2026-06-30", "2026-07-02")),
    ("30 June–2 July 2026", None, day("2026-06-30", "2026-07-02")),
    ("Dec. 30, 2025-Jan. 2", None, day("2025-12-30", "2026-01-02")),
])
def test_day_ranges(text, anchor, expected):
    assert normalize(text, anchor) == expected


def test_day_range_backwards_is_none():
    assert normalize("June 9-8, 2026", None) is None


# --- months -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("September 2025", month("2025-09")),
    ("in June 2019", month("2019-06")),
    ("Sept. 2018", month("2018-09")),
    ("June of 2019", month("2019-06")),
    ("late June 2026", month("2026-06")),
    ("June–August 2026", month("2026-06", "2026-08")),
])
def test_month_and_year(text, expected):
    assert normalize(text, None) == expected


@pytest.mark.parametrize("text, anchor, tense, expected", [
    ("in April", JUNE_5, "past", "2026-04"),
    ("in April", JUNE_5, "future", "2027-04"),
    ("in June", JULY_24, None, "2015-06"),
    ("in December", date(2026, 1, 10), None, "2025-12"),
    ("June", JUNE_5, None, "2026-06"),
    ("last March", JUNE_5, None, "2026-03"),
    ("last June", JUNE_5, None, "2025-06"),
    ("next March", JUNE_5, None, "2027-03"),
    ("next July", JUNE_5, None, "2026-07"),
    ("mid-June", JULY_24, None, "2015-06"),
    ("early June", JUNE_5, None, "2026-06"),
    ("next month", JUNE_5, None, "2026-07"),
    ("this month", JUNE_5, None, "2026-06"),
    ("last month", JUNE_5, None, "2026-05"),
    ("earlier this month", JUNE_5, None, "2026-06"),
    ("later this month", JUNE_5, None, "2026-06"),
    ("last month", date(2026, 1, 15), None, "2025-12"),
])
def test_month_relative_to_anchor(text, anchor, tense, expected):
    assert normalize(text, anchor, tense=tense) == month(expected, relative=True)


def test_month_alone_needs_anchor():
    assert normalize("in April", None) is None
    assert normalize("next month", None) is None


# --- years ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("in 2009", year("2009")),
    ("2019", year("2019")),
    ("since 2009", year("2009")),
    ("2025–26", year("2025", "2026")),
    ("2025-2026", year("2025", "2026")),
    ("from 2019 to 2021", year("2019", "2021")),
    ("1999-00", year("1999", "2000")),
    ("early 2026", year("2026")),
    ("late 2025", year("2025")),
    ("mid-2026", year("2026")),
    ("the end of 2026", year("2026")),
    ("2019's", year("2019")),
])
def test_years(text, expected):
    assert normalize(text, JUNE_5) == expected


@pytest.mark.parametrize("text, expected", [
    ("last year", "2025"), ("next year", "2027"), ("this year", "2026"), ("earlier this year", "2026"),
    ("later this year", "2026"), ("the end of the year", "2026"), ("the end of last year", "2025"),
])
def test_years_relative_to_anchor(text, expected):
    assert normalize(text, JUNE_5) == year(expected, relative=True)


# --- weekdays ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, tense, expected", [
    ("on Sunday", "future", "2015-07-26"),
    ("Thursday", "past", "2015-07-23"),
    ("Thursday", None, "2015-07-23"),
    ("on Monday", None, "2015-07-20"),
    ("on Monday", "future", "2015-07-27"),
    ("Friday", None, "2015-07-24"),
    ("Friday", "future", "2015-07-24"),
    ("later on Friday", None, "2015-07-24"),
    ("last Tuesday", None, "2015-07-21"),
    ("last Friday", None, "2015-07-17"),
    ("next Thursday", None, "2015-07-30"),
    ("next Friday", None, "2015-07-31"),
    ("Tuesday's election", None, "2015-07-21"),
    ("Monday night", None, "2015-07-20"),
])
def test_weekdays(text, tense, expected):
    assert normalize(text, JULY_24, tense=tense) == day(expected, relative=True)


def test_weekday_needs_anchor():
    assert normalize("on Monday", None) is None


# --- day words --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("today", "2026-06-05"), ("tonight", "2026-06-05"), ("yesterday", "2026-06-04"), ("tomorrow", "2026-06-06"),
    ("this morning", "2026-06-05"), ("last night", "2026-06-04"), ("yesterday afternoon", "2026-06-04"),
    ("later today", "2026-06-05"), ("the day before yesterday", "2026-06-03"),
])
def test_day_words(text, expected):
    assert normalize(text, JUNE_5) == day(expected, relative=True)


# --- relative spans ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, anchor, expected", [
    ("next week", JUNE_3, month("2026-06", relative=True)),
    ("this week", JUNE_3, month("2026-06", relative=True)),
    ("last week", JUNE_3, month("2026-05", relative=True)),   # the Monday of last week is May 25
    ("earlier this week", date(2026, 7, 1), month("2026-06", relative=True)),  # that week's Monday is June 29
    ("this weekend", JUNE_3, day("2026-06-06", "2026-06-07", relative=True)),
])
def test_weeks(text, anchor, expected):
    assert normalize(text, anchor) == expected


@pytest.mark.parametrize("text, anchor, expected", [
    ("two weeks ago", JUNE_5, day("2026-05-22", relative=True)),
    ("three days ago", JUNE_5, day("2026-06-02", relative=True)),
    ("a couple of days ago", JUNE_5, day("2026-06-03", relative=True)),
    ("18 months ago", JUNE_5, month("2024-12", relative=True)),
    ("Nine months ago", JULY_24, month("2014-10", relative=True)),
    ("a month ago", JUNE_5, month("2026-05", relative=True)),
    ("two years ago", JUNE_5, year("2024", relative=True)),
    ("a decade ago", JUNE_5, year("2016", relative=True)),
    ("two decades ago", JUNE_5, year("2006", relative=True)),
    ("twenty years ago", JUNE_5, year("2006", relative=True)),
    ("two years from now", JUNE_5, year("2028", relative=True)),
])
def test_ago(text, anchor, expected):
    assert normalize(text, anchor) == expected


@pytest.mark.parametrize("text", ["several days ago", "a few weeks ago", "in recent months", "the past two years",
                                  "over the past year", "in the coming weeks"])
def test_vague_spans_are_none(text):
    assert normalize(text, JUNE_5) is None


@pytest.mark.parametrize("text, anchor, tense, expected", [
    ("two summers ago", JUNE_5, None, "2024"),           # the anchor is in summer 2026; last summer was 2025
    ("last summer", JUNE_5, None, "2025"),
    ("last summer", date(2026, 10, 1), "past", "2026"),  # the summer just ended
    ("last summer", date(2026, 3, 1), None, "2025"),
    ("next summer", JUNE_5, None, "2027"),
    ("next summer", date(2026, 3, 1), None, "2026"),
    ("this summer", JUNE_5, None, "2026"),
    ("this spring", JUNE_5, None, "2026"),
    ("this spring", JUNE_5, "future", "2027"),
    ("last winter", JUNE_5, None, "2026"),               # December 2025 to February 2026: the year of January
    ("last winter", date(2026, 1, 15), None, "2025"),    # the anchor is inside winter 2026
    ("last fall", JUNE_5, None, "2025"),
    ("the summer of 2019", JUNE_5, None, "2019"),
])
def test_seasons(text, anchor, tense, expected):
    relative = "20" not in text
    assert normalize(text, anchor, tense=tense) == year(expected, relative=relative)


# --- counts -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("word, n", [
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
    ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14),
    ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20),
    ("a", 1), ("an", 1), ("a couple of", 2), ("A couple of", 2), ("3", 3),
])
def test_number_words(word, n):
    assert normalize(f"{word} years ago", JUNE_5) == year(str(2026 - n), relative=True)


# --- ordinals, parts of a year ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("the 8th of June", day("2026-06-08", relative=True)),
    ("June 8th", day("2026-06-08", relative=True)),
    ("8th June", day("2026-06-08", relative=True)),
    ("the first quarter of 2026", month("2026-01", "2026-03")),
    ("the third quarter of 2025", month("2025-07", "2025-09")),
    ("Q4 2025", month("2025-10", "2025-12")),
    ("the second half of 2026", month("2026-07", "2026-12")),
    ("the first quarter of next year", month("2027-01", "2027-03", relative=True)),
])
def test_ordinals_and_parts_of_year(text, expected):
    assert normalize(text, JUNE_5) == expected


# --- rejected ---------------------------------------------------------------------------------------------------

REJECTED = [
    "75-year-old", "75 years old", "for two years", "21 months", "the 1990s", "the 1990's", "decades", "years",
    "four days", "3:46 PM", "2,000", "1,500 people", "9/11", "in fourteen years", "years of isolation",
    "two days later", "", "   ", "the first half",
]


@pytest.mark.parametrize("text", REJECTED)
def test_rejected_expressions(text):
    assert normalize(text, JUNE_5) is None


@pytest.mark.parametrize("text", REJECTED)
def test_rejected_expressions_are_not_found(text):
    assert find_expressions(f"They said {text} were enough.") == []


# --- finding in running text ------------------------------------------------------------------------------------

def spans(text):
    return [text[a:b] for a, b in find_expressions(text)]


@pytest.mark.parametrize("sentence, expected", [
    ("The visit scheduled for 8–9 June 2026 will look the same.", ["8–9 June 2026"]),
    ("Xi's previous visit, in June 2019, was the first in fourteen years.", ["June 2019"]),
    ("Two summers ago, when Xi last set foot in Pyongyang, it was different.", ["Two summers ago"]),
    ("He lands in Kenya later on Friday for talks.", ["later on Friday"]),
    ("Kim's foreign policy in 2025–26 is not about Beijing.", ["2025–26"]),
    ("Tuesday's election was close.", ["Tuesday"]),
    ("It was signed on Tuesday, Nov. 29, 2016, in Havana.", ["Tuesday, Nov. 29, 2016"]),
    ("It was signed Tuesday, Nov, 29, 2016 in Havana.", ["Tuesday, Nov, 29, 2016"]),
    ("Sales rose in the first quarter of 2026, and again in April.", ["the first quarter of 2026", "April"]),
    ("The talks ran from May 2 to May 4 and resume June 8-9.", ["May 2 to May 4", "June 8-9"]),
    ("Last March, prices fell; next month they may rise.", ["Last March", "next month"]),
    ("Earlier this month and last year, and since 2009, 18 months ago.",
     ["Earlier this month", "last year", "2009", "18 months ago"]),
    ("A decade ago this spring, and last winter, and two weeks ago today.",
     ["A decade ago", "this spring", "last winter", "two weeks ago", "today"]),
    ("Mid-June, early 2026 and the end of the year, the 8th of June or June 8th.",
     ["Mid-June", "early 2026", "the end of the year", "the 8th of June", "June 8th"]),
    ("She said yesterday that talks on Monday night went well.", ["yesterday", "Monday night"]),
    ("Filed 2026-06-08 at 3:46 PM.", ["2026-06-08"]),
])
def test_find_expressions_in_sentences(sentence, expected):
    assert spans(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Protesters march on the capital.",
    "Theresa May said the deal may pass.",
    "June Carter sang.",
    "He served decades in a 2,000-strong unit, for two years, 21 months, with 1,500 people.",
    "A 75-year-old veteran of the 1990s wars remembered 9/11.",
    "Decades of sanctions and years of isolation.",
])
def test_find_expressions_ignores_non_dates(sentence):
    assert spans(sentence) == []


def test_find_expressions_longest_and_sorted():
    text = "Between June 8, 2026 and 2025-2026, then June 8-9."
    found = find_expressions(text)
    assert found == sorted(found)
    assert spans(text) == ["June 8, 2026", "2025-2026", "June 8-9"]


def test_found_spans_normalise():
    text = "Two summers ago, in June 2019, and later on Friday, 8–9 June 2026 and 2025–26."
    values = [normalize(text[a:b], JUNE_5, tense="past") for a, b in find_expressions(text)]
    assert [v.value for v in values] == ["2024", "2019-06", "2026-06-05", "2026-06-08", "2025"]


# --- parse_iso --------------------------------------------------------------------------------------------------

def test_parse_iso():
    assert parse_iso("2026-06-08") == date(2026, 6, 8)
    assert parse_iso(" 2026-06-08 ") == date(2026, 6, 8)
    assert parse_iso("2026-02-30") is None
    assert parse_iso("2026-06") is None
    assert parse_iso("June 8, 2026") is None
    assert parse_iso("") is None


# --- properties -------------------------------------------------------------------------------------------------

ISO = {"year": r"\d{4}", "month": r"\d{4}-\d\d", "day": r"\d{4}-\d\d-\d\d"}
# Fragments of the grammar, so that generated text reaches the rules and not only the None path.
FRAGMENTS = ["June", "8", "8th", "2026", "–", "-", "to", "last", "next", "this", "week", "year", "ago", "two",
             "summers", "winter", "Monday", "on", "in", "the", "first", "quarter", "of", ",", "Feb.", "30", "99",
             "9999", "0001", "a", "decade", "mid-", "early", "today", "Q1", "from", "'s"]


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=40), st.lists(st.sampled_from(FRAGMENTS), max_size=6).map(" ".join)),
       anchor=st.one_of(st.none(), st.dates()),
       tense=st.sampled_from([None, "past", "present", "future"]))
def test_normalize_never_raises_and_returns_well_formed_values(text, anchor, tense):
    value = normalize(text, anchor, tense=tense)
    if value is not None:
        assert re.fullmatch(ISO[value.precision], value.value)
        assert value.end is None or (re.fullmatch(ISO[value.precision], value.end) and value.end >= value.value)
        if anchor is None:
            assert not value.relative


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=80))
def test_find_expressions_spans_are_sorted_and_disjoint(text):
    found = find_expressions(text)
    assert found == sorted(found)
    assert all(a < b <= c for (a, b), (c, _) in zip(found, found[1:] + [(len(text), len(text))]))


def _found_rule_by_rule(text):
    """What `find_expressions` finds, the plain way: each rule searched through the text on its own, ignoring case."""
    found = [m.span() for rule in temporal._RULES for m in rule.pattern.finditer(text)
             if temporal._plausible(m, text, rule)]
    chosen = []
    for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= a or start >= b for a, b in chosen):
            chosen.append((start, end))
    return sorted(chosen)


# Characters re's IGNORECASE matches to an ASCII letter besides its two cases, and capitals of every rule's words.
CASE_FRAGMENTS = FRAGMENTS + ["\u0130", "\u0131", "\u017f", "\u212a", "week\u017f", "\u0130n", "JUNE", "june",
                              "SEPT.", "\u017fept", "Jan", "jan", "MAY", "May", "Easter", "EASTER", "YESTERDAY",
                              "Tomorrow", "night", "spring", "Summer", "ago", "AGO", "2025-06-08", "1999", "3rd", "(",
                              "Dec", "decades", ":"]


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(st.text(max_size=60), st.lists(st.sampled_from(CASE_FRAGMENTS), max_size=9).map(" ".join),
                      st.lists(st.sampled_from(CASE_FRAGMENTS), max_size=9).map("".join)))
def test_find_expressions_matches_each_rule_searched_ignoring_case(text):
    # the fast path runs the rules in lower case on a folded copy of the text, and only where some rule matches
    assert find_expressions(text) == _found_rule_by_rule(text)


def test_no_rule_matches_the_empty_string():
    # find_expressions resumes each rule's search at the end of its last match, as re.finditer does when no match
    # is empty
    from re import _parser

    assert all(_parser.parse(rule.pattern.pattern, rule.pattern.flags).getwidth()[0] > 0 for rule in temporal._RULES)


def test_the_fold_covers_every_character_ignorecase_matches_to_an_ascii_letter():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    matched = set(re.findall("(?i)[a-z]", every))
    assert {ch for ch in matched if not ch.isascii()} == {chr(c) for c in temporal._FOLD if c > 127}
    assert all(re.fullmatch("(?i)" + folded, chr(c)) for c, folded in temporal._FOLD.items())


@pytest.mark.parametrize("pattern, starts, not_starts", [
    (r"(?<!\w)(?:the\s+)?(?P<m>june|may)\b", "tjm", "ax "),
    (r"(?:early|mid)?[\s-]*\d+", "em- \t9", "ax"),
    (r"[12]\d|3[01]", "123", "04a"),
])
def test_first_characters_holds_every_character_a_match_can_start_with(pattern, starts, not_starts):
    first = re.compile(f"[{temporal._first_characters(pattern)}]")
    assert all(first.fullmatch(c) for c in starts) and not any(first.fullmatch(c) for c in not_starts)


@pytest.mark.parametrize("pattern", [r"[^a]b", r"x*", r"(?i:a)b", r"(a)?\1b", r"a|"])
def test_first_characters_gives_up_on_what_it_does_not_follow(pattern):
    assert temporal._first_characters(pattern) == r"\s\S"
