"""Temporal expressions in English news text: find them, and normalise them against the publication date.

Pure functions over strings; no spaCy, no third-party parser. ``find_expressions`` complements spaCy's DATE
entities with a date grammar (regexes); ``normalize`` turns one expression into an ISO value.

Decisions for the ambiguous cases, applied the same way in every article:

* Only points (or short, bounded ranges) in time get a value. Durations ("for two years", "21 months",
  "the past two years", "in fourteen years"), ages ("75-year-old"), vague spans ("decades", "in recent months",
  "several days ago"), decades ("the 1990s") and event names ("9/11") give ``None``. "in N years" is always
  read as a span: the grammar cannot tell "the first visit in fourteen years" from "due in two years".
* An expression that needs the anchor ("on Monday", "last year") gives ``None`` when the anchor is ``None``.
* A day or month without a year ("on March 18", "in April") takes the year, among the anchor's year and its
  neighbours, on the side of the anchor that the tense points to; with no tense (or present), the nearest.
* A weekday is the anchor itself when it falls on that day; otherwise the last such day before the anchor,
  unless the tense is future ("next Thursday" is always after, "last Tuesday" always before).
* "last/this/next week" has month precision: the month of that week's Monday.
* Seasons are northern-hemisphere meteorological seasons and have year precision. A winter is labelled with the
  year of its January (December 2025 to February 2026 is "2026"). "last summer" is the latest summer that ended
  before the anchor (in October, the summer just gone, whatever the tense), "next summer" the first that starts
  after it, "two summers ago" one before "last summer"; "this summer" is placed like a month without a year.
* "last March" is the latest March before the anchor's month, "next March" the first after it, "this March" the
  anchor's year.
* Easter ("Easter Sunday", "Easter Monday", "the day after Easter") is computed for its year; without one, it is
  placed like a day without a year.
* Quarters and halves ("the first quarter of 2026") have month precision: the first month, ``end`` the last.
* "early/mid/late" and "the end of" keep the precision of what they modify ("mid-June" is a month).
* Relative to the story's own time ("two days later", "the following Monday") is not relative to the anchor:
  no rule matches it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Literal, Optional

Precision = Literal["year", "month", "day"]  # the same values as generator.records.Precision


@dataclass(frozen=True)
class TimeValue:
    """A normalised point in time, or a range from ``value`` to ``end``, at the precision the text gives."""

    value: str                 # ISO: "YYYY", "YYYY-MM" or "YYYY-MM-DD", precision matching
    precision: Precision
    end: Optional[str] = None  # last day/month/year of a range, same format, else None
    relative: bool = False     # True when the value depended on the anchor date


# --- word lists -------------------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
# The AP Stylebook abbreviations (Jan. Feb. Aug. Sept. Oct. Nov. Dec.) and the three-letter forms of British and
# wire copy (Mar, Apr, Jun, Jul, Sep). Only these take a period: after "April" it ends the sentence.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
# Full names only: news style does not abbreviate weekdays in running text, and "Sun", "Sat", "Wed" are words.
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
# Counts as news style writes them (AP spells out one to nine, many outlets up to twenty).
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "a couple of": 2,
    "a dozen": 12,
}
# Quantifiers that give no count: "several days ago" is a temporal expression but names no day.
VAGUE_COUNTS: frozenset[str] = frozenset({"several", "a few", "a number of", "some", "many"})
# Meteorological seasons, northern hemisphere: (first month, last month). Winter crosses the new year.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2),
}
# Parts of a day: "Monday night" or "yesterday morning" is still that day.
DAY_PARTS: tuple[str, ...] = ("morning", "afternoon", "evening", "night")
# Days named by their distance from the publication day.
DAY_WORDS: dict[str, int] = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2, "this morning": 0, "this afternoon": 0, "this evening": 0, "last night": -1,
    "last evening": -1,
}
# Ordinals of quarters and halves of a year ("the first quarter of 2026", "the second half of 2025").
PART_ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}
# A bare month name counts in running text only after one of these: a capitalised "May" alone is often the verb,
# "June" a given name.
MONTH_CONTEXT: tuple[str, ...] = (
    "in", "by", "since", "until", "till", "from", "of", "through", "during", "before", "after", "to",
)
# Prepositions before an expression that are not part of its value ("in June 2019", "since 2009").
LEADING_PREPOSITIONS: tuple[str, ...] = (
    "in", "on", "at", "since", "by", "from", "during", "until", "till", "for", "before", "after", "as of",
)


# --- grammar ----------------------------------------------------------------------------------------------------

def _alt(words) -> str:
    """Regex alternation of `words`, longest first so that "june" wins over "jun"; spaces match any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?:(?:{_alt(MONTHS)})|(?:{_alt(MONTH_ABBREVIATIONS)})\b\.?)"
_WEEKDAY = rf"(?:{_alt(WEEKDAYS)})"
_PART = rf"(?:{_alt(DAY_PARTS)})"
_SEASON = rf"(?:{_alt(SEASONS)})"
# A day of the month; not part of a time ("June 3:46"), a percentage or a thousands figure ("June 2,000").
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:%]|,\d)"
# A year 1800-2099 standing alone: not inside "1,500", "9/11/2001" or "$2019", not a decade ("1990s") and not an
# age or a duration ("2000-year-old", "2000 years").
_YEAR = r"(?<![\d,.$£€#/:])(?:1[89]\d\d|20\d\d)(?![\d/]|[.,]\d|-year|\s+years?\b|(?<=0)[’']?s\b)"
_COUNT = rf"(?:\d+|{_alt(list(NUMBER_WORDS) + list(VAGUE_COUNTS))})"
_UNIT = rf"(?:days?|weeks?|months?|years?|decades?|century|centuries|{_SEASON}s?)"
_DASH = r"\s*[-–—]\s*"
_DIGITS = re.compile(r"\d+")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
# A possessive after a weekday or month ("Tuesday's"); a decade's "1990's" is left alone.
_POSSESSIVE = re.compile(r"(?<=[a-z])[\u2019']s$", re.IGNORECASE)
# Units counted in days ("three weeks ago"); tenses that place an undated day before or after the anchor; the
# groups of a rule that hold a month's or a weekday's name, which must be capitalised in running text.
_DAY_UNITS: frozenset[str] = frozenset({"day", "week"})
_DIRECTED_TENSES: frozenset[str] = frozenset({"past", "future"})
_NAME_GROUPS: tuple[str, ...] = ("mon", "wd")


def _day_pattern(s: str) -> str:
    """One calendar day, month-first ("Tuesday, Nov. 29, 2016") or day-first ("the 8th of June"); groups end in s."""
    return (rf"(?:(?P<wd{s}>{_WEEKDAY}),?\s+)?"
            # a comma after the month ("Nov, 29, 2016") only when a year follows: "in June, 8 people died"
            rf"(?:(?P<mon{s}>{_MONTH})(?:\s+|,\s*(?={_DAY},?\s+{_YEAR}))(?P<day{s}>{_DAY})"
            rf"|(?:the\s+)?(?P<dayb{s}>{_DAY})(?:\s+of)?\s+(?P<monb{s}>{_MONTH}))"
            rf"(?:,?\s+(?P<year{s}>{_YEAR}))?")


Handler = Callable[[re.Match, Optional[date], Optional[str]], Optional[TimeValue]]


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    handler: Handler
    needs_context: bool = False  # found in running text only after a word of MONTH_CONTEXT


# --- values -----------------------------------------------------------------------------------------------------

def _iso(d: date, precision: Precision) -> str:
    return {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}", "day": d.isoformat()}[precision]


def _value(precision: Precision, start: date, end: Optional[date] = None, relative: bool = False) -> TimeValue:
    if end is not None and end < start:
        raise ValueError("a range that ends before it starts")
    last = _iso(end, precision) if end is not None else None
    first = _iso(start, precision)
    return TimeValue(first, precision, last if last != first else None, relative)


def _add_months(d: date, n: int) -> date:
    """First day of the month `n` months after the month of `d`."""
    index = d.year * 12 + d.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def _month_end(year: int, month: int) -> date:
    return _add_months(date(year, month, 1), 1) - timedelta(days=1)


def _choose(options: list[tuple[date, date, object]], anchor: date, tense: Optional[str]):
    """The occurrence the writer most plausibly meant: on the tense's side of the anchor, else the nearest one.

    `options` are (first day, last day, payload); past keeps those starting by the anchor, future those ending
    on or after it.
    """
    if tense == "past" and (before := [o for o in options if o[0] <= anchor]):
        return max(before, key=lambda o: o[0])[2]
    if tense == "future" and (after := [o for o in options if o[1] >= anchor]):
        return min(after, key=lambda o: o[1])[2]
    return min(options, key=lambda o: max(o[0] - anchor, anchor - o[1], timedelta(0)))[2]


def _near_years(anchor: date, make: Callable[[int], tuple[date, date]]) -> list[tuple[date, date, int]]:
    """Occurrences in the anchor's year and its neighbours; impossible ones (February 29) are left out."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append((*make(year), year))
        except ValueError:
            continue
    return options


def _words(text: Optional[str]) -> str:
    return " ".join((text or "").lower().replace("-", " ").split())


def _month_of(text: str) -> int:
    name = text.lower().rstrip(".")
    return MONTHS.get(name) or MONTH_ABBREVIATIONS[name]


def _int(text: str) -> int:
    return int(_DIGITS.match(text).group())


# --- handlers ---------------------------------------------------------------------------------------------------

def _iso_date(m, anchor, tense):
    return _value("day", date(int(m["y"]), int(m["m"]), int(m["d"])))


def _day_span(m, anchor, tense, first: tuple[int, int], last: tuple[int, int], year: Optional[str]):
    """A day or a range of days; without a written year, placed by the anchor and the tense."""
    def make(y: int) -> tuple[date, date]:
        start = date(y, *first)
        return start, date(y + (last[0] < first[0]), *last)  # "Dec. 30-Jan. 2" crosses the new year

    if year:
        return _value("day", *make(int(year)))
    if anchor is None:
        return None
    options = _near_years(anchor, make)
    weekday = m.groupdict().get("wd") or m.groupdict().get("wd1")
    if weekday:  # "Monday, June 8" picks the year in which June 8 is a Monday
        options = [o for o in options if o[0].weekday() == WEEKDAYS[weekday.lower()]] or options
    chosen = _choose(options, anchor, tense)
    return _value("day", *make(chosen), relative=True)


def _month_day(m, s: str) -> tuple[int, int]:
    return _month_of(m[f"mon{s}"] or m[f"monb{s}"]), _int(m[f"day{s}"] or m[f"dayb{s}"])


def _single_day(m, anchor, tense):
    first = _month_day(m, "")
    return _day_span(m, anchor, tense, first, first, m["year"])


def _day_range(m, anchor, tense):
    first = _month_day(m, "1")
    last = _month_day(m, "2") if m["mon2"] or m["monb2"] else (first[0], _int(m["d2"]))
    return _day_span(m, anchor, tense, first, last, m["year1"] or m["year2"] or m["y2"])


def _day_first_range(m, anchor, tense):
    month2 = _month_of(m["mon2"])
    first = (_month_of(m["mon1"]) if m["mon1"] else month2, _int(m["d1"]))
    return _day_span(m, anchor, tense, first, (month2, _int(m["d2"])), m["year"])


def _month_year(m, anchor, tense):
    year, month = int(m["year"]), _month_of(m["mon"])
    if m["mon0"]:  # "June–August 2026"; "December–February 2026" starts the year before
        first = _month_of(m["mon0"])
        return _value("month", date(year - (first > month), first, 1), date(year, month, 1))
    return _value("month", date(year, month, 1))


def _month(m, anchor, tense):
    if anchor is None:
        return None
    month, mod = _month_of(m["mon"]), _words(m.groupdict().get("mod"))
    if mod == "last":  # the latest such month before the anchor's month
        year = anchor.year - (month >= anchor.month)
    elif mod == "next":
        year = anchor.year + (month <= anchor.month)
    elif mod == "this":
        year = anchor.year
    else:
        year = _choose(_near_years(anchor, lambda y: (date(y, month, 1), _month_end(y, month))), anchor, tense)
    return _value("month", date(year, month, 1), relative=True)


def _year(m, anchor, tense):
    return _value("year", date(int(m["year"]), 1, 1))


def _year_range(m, anchor, tense):
    first = int(m["y1"])
    if m["yy"]:  # "2025–26"; a short end far from the start is something else ("2026-06" is a month)
        last = first - first % 100 + int(m["yy"])
        last += 100 if last <= first else 0
        if last - first > 10:
            return None
    else:
        last = int(m["y2"] or m["y3"])
    return _value("year", date(first, 1, 1), date(last, 1, 1))


def _step(mod: str) -> int:
    words = mod.split()
    return -1 if "last" in words else 1 if "next" in words else 0


def _relative_unit(m, anchor, tense):
    if anchor is None:
        return None
    step, unit = _step(_words(m["mod"])), m["unit"].lower()
    if unit == "year":
        return _value("year", date(anchor.year + step, 1, 1), relative=True)
    if unit == "month":
        return _value("month", _add_months(anchor, step), relative=True)
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
    if unit == "weekend":
        return _value("day", monday + timedelta(days=5), monday + timedelta(days=6), relative=True)
    return _value("month", monday, relative=True)


def _count(text: str) -> Optional[int]:
    words = _words(text)
    return int(words) if words.isdigit() else NUMBER_WORDS.get(words)


def _ago(m, anchor, tense):
    n = _count(m["count"])
    if anchor is None or n is None:
        return None
    sign = -1 if m["dir"].lower() == "ago" else 1
    unit = m["unit"].lower()
    unit = "century" if unit.startswith("centur") else unit.rstrip("s")
    if unit in _DAY_UNITS:
        return _value("day", anchor + timedelta(days=sign * n * (7 if unit == "week" else 1)), relative=True)
    if unit == "month":
        return _value("month", _add_months(anchor, sign * n), relative=True)
    if unit in SEASONS:
        label = _last_season(unit, anchor) - (n - 1) if sign < 0 else _next_season(unit, anchor) + (n - 1)
        return _value("year", date(label, 1, 1), relative=True)
    years = n * {"year": 1, "decade": 10, "century": 100}[unit]
    return _value("year", date(anchor.year + sign * years, 1, 1), relative=True)


def _day_word(m, anchor, tense):
    if anchor is None:
        return None
    return _value("day", anchor + timedelta(days=DAY_WORDS[_words(m["word"])]), relative=True)


def _weekday(m, anchor, tense):
    if anchor is None:
        return None
    target, mod = WEEKDAYS[m["wd"].lower()], _words(m["mod"])
    back = (anchor.weekday() - target) % 7      # days since the latest such day, 0 on the day itself
    ahead = (target - anchor.weekday()) % 7
    if mod == "last":
        days = -(back or 7)
    elif mod == "next":
        days = ahead or 7
    elif back == 0:
        days = 0
    else:  # news convention: a bare weekday is in the current week, mostly already past
        days = ahead if tense == "future" else -back
    return _value("day", anchor + timedelta(days=days), relative=True)


def _season_bounds(season: str, label: int) -> tuple[date, date]:
    first, last = SEASONS[season]
    return date(label - (first > last), first, 1), _month_end(label, last)


def _last_season(season: str, anchor: date) -> int:
    """Label of the latest occurrence of `season` that ended before the anchor."""
    label = anchor.year + 1
    while _season_bounds(season, label)[1] >= anchor:
        label -= 1
    return label


def _next_season(season: str, anchor: date) -> int:
    """Label of the first occurrence of `season` that starts after the anchor."""
    label = anchor.year - 1
    while _season_bounds(season, label)[0] <= anchor:
        label += 1
    return label


def _season(m, anchor, tense):
    if anchor is None:
        return None
    season, step = m["season"].lower(), _step(_words(m["mod"]))
    if step < 0:
        label = _last_season(season, anchor)
    elif step > 0:
        label = _next_season(season, anchor)
    else:
        label = _choose(_near_years(anchor, lambda y: _season_bounds(season, y)), anchor, tense)
    return _value("year", date(label, 1, 1), relative=True)


def _year_part(m, anchor, tense):
    if m["q"]:
        index, size, year = int(m["q"][1]), 3, m["qy"]
    else:
        index, size, year = PART_ORDINALS[m["ord"].lower()], 3 if m["part"].lower() == "quarter" else 6, m["year"]
    if index * size > 12:  # "the third half"
        return None
    if not year:
        if anchor is None:
            return None
        year = anchor.year + _step(_words(m["rel"]))
    first = date(int(year), index * size - size + 1, 1)
    return _value("month", first, _add_months(first, size - 1), relative=not (m["year"] or m["qy"]))


def _easter(year: int) -> date:
    """Western Easter Sunday (the Anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    h = (19 * a + b - d - (b - (b + 8) // 25 + 1) // 3 + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    return date(year, month, (h + ell - 7 * m + 114) % 31 + 1)


def _holiday(m, anchor, tense):
    shift = {"after": 1, "before": -1}.get(_words(m["rel"]), 0) + (1 if m["hol"].lower().endswith("monday") else 0)
    if m["year"]:
        day = _easter(int(m["year"])) + timedelta(days=shift)
        return _value("day", day)
    if anchor is None:
        return None
    options = [(d, d, d) for d in (_easter(y) + timedelta(days=shift) for y in (anchor.year - 1, anchor.year,
                                                                                anchor.year + 1))]
    return _value("day", _choose(options, anchor, tense), relative=True)


# --- rules ------------------------------------------------------------------------------------------------------

def _rule(pattern: str, handler: Handler, needs_context: bool = False) -> _Rule:
    # (?<!\w) and (?!\w) keep words whole: "a decade ago" not inside "Panama decade ago", "Dec" not in "decades"
    return _Rule(re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE), handler, needs_context)


_MODS = r"early|mid|late"
_RULES: tuple[_Rule, ...] = (
    _rule(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", _iso_date),
    _rule(_day_pattern(""), _single_day),
    _rule(rf"{_day_pattern('1')}(?:{_DASH}|\s+(?:to|until|till|through)\s+)"
          rf"(?:{_day_pattern('2')}|(?P<d2>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?)", _day_range),
    _rule(rf"(?P<d1>{_DAY})(?:\s+(?P<mon1>{_MONTH}))?{_DASH}(?P<d2>{_DAY})\s+(?P<mon2>{_MONTH})"
          rf"(?:,?\s+(?P<year>{_YEAR}))?", _day_first_range),
    _rule(rf"(?:(?:{_MODS})[\s-]*)?(?:(?P<mon0>{_MONTH}){_DASH})?(?P<mon>{_MONTH})(?:\s+of|,)?\s+(?P<year>{_YEAR})",
          _month_year),
    _rule(rf"(?P<mod>last|next|this|{_MODS}|(?:earlier|later)\s+in)[\s-]*(?P<mon>{_MONTH})", _month),
    _rule(rf"(?P<mon>{_MONTH})", _month, needs_context=True),
    _rule(rf"(?:(?:{_MODS}|(?:the\s+)?(?:end|start|beginning|middle|turn)\s+of)[\s-]*)?(?P<year>{_YEAR})", _year),
    _rule(rf"(?P<y1>{_YEAR})(?:{_DASH}(?:(?P<y2>{_YEAR})|(?P<yy>\d\d)(?!\d))"
          rf"|\s+(?:to|until|through)\s+(?P<y3>{_YEAR}))", _year_range),
    _rule(r"(?P<mod>last|next|this|(?:earlier|later)\s+this|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+"
          r"(?:the|this|last|next))\s+(?P<unit>week|weekend|month|year)", _relative_unit),
    _rule(rf"(?P<count>{_COUNT})\s+(?P<unit>{_UNIT})\s+(?P<dir>ago|from\s+now)", _ago),
    _rule(rf"(?:(?:earlier|later|early|late)\s+)?(?P<word>{_alt(DAY_WORDS)})(?:\s+{_PART})?", _day_word),
    _rule(rf"(?:(?P<mod>last|next|this|(?:earlier|later|early|late)(?:\s+on)?)\s+)?(?P<wd>{_WEEKDAY})(?:\s+{_PART})?",
          _weekday),
    _rule(rf"(?P<mod>last|next|this|(?:earlier|later)\s+this)\s+(?P<season>{_SEASON})", _season),
    _rule(rf"(?:(?:{_MODS})[\s-]*)?(?:the\s+)?(?P<season>{_SEASON})(?:\s+of)?\s+(?P<year>{_YEAR})", _year),
    _rule(rf"(?:the\s+day\s+(?P<rel>after|before)\s+)?(?P<hol>Easter(?:\s+Sunday|\s+Monday)?)"
          rf"(?:,?\s+(?P<year>{_YEAR}))?", _holiday),
    _rule(rf"(?:the\s+)?(?P<ord>{_alt(PART_ORDINALS)})\s+(?P<part>quarter|half)\s+of\s+"
          rf"(?:(?P<year>{_YEAR})|(?P<rel>this|last|next)\s+year)|(?P<q>Q[1-4])\s+(?P<qy>{_YEAR})", _year_part),
)
# The rules run case-insensitively, and re tries every alternative of a word list at every word then: it skips one
# at its first letter only when matching case by case. So `find_expressions` runs them in lower case,
# case-sensitively, on the text folded to lower case one character for one (offsets stay): under IGNORECASE, re
# matches an ASCII letter to both its cases and to four other characters (İ and ı to "i", ſ to "s", the Kelvin
# sign to "k"), and to nothing else, so a rule finds the same matches there as in the text itself.
_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
                       "\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_WORD_START = r"(?<!\w)"


def _lower_case(pattern: str) -> str:
    """A rule's pattern for folded text: its letters in lower case (group names are lower case already)."""
    if re.search(r"\\[A-Z]", pattern) or not all(c.isascii() or c.lower() == c.upper() for c in pattern):
        raise ValueError(f"not safe to lower-case: {pattern}")  # an escape such as \\S, or a non-ASCII letter
    return pattern.lower().replace("(?p<", "(?P<")


@functools.cache
def _folded_rules() -> tuple[tuple[re.Pattern, ...], re.Pattern]:
    r"""The rules for folded text, and a scan for where some rule matches, with the first that does: at a word
    start whose character can begin a rule, every rule after the shared (?<!\w) in one look-ahead, each alternative
    a group of its own (the rules' own groups made non-capturing) tried only when the character can begin it.
    Compiled on first use (tens of milliseconds, which a run that parses nothing does not pay)."""
    rules = tuple(re.compile(_lower_case(rule.pattern.pattern)) for rule in _RULES)
    if not all(p.pattern.startswith(_WORD_START) for p in rules):
        raise ValueError("a rule that does not start with (?<!\\w)")
    firsts = [_first_characters(p.pattern) for p in rules]
    alternatives = "|".join(f"(?=[{first}])(" + re.sub(r"\(\?P<\w+>", "(?:", p.pattern.removeprefix(_WORD_START)) + ")"
                            for first, p in zip(firsts, rules))
    # The first character is matched, then looked back at: a pattern that opens with a character class lets re skip
    # every other character at C speed.
    any_rule = re.compile(f"[{''.join(sorted(set(firsts)))}](?<={_WORD_START}(?={alternatives})[\\s\\S])")
    return rules, any_rule


class _Unknown(Exception):
    """Something in a pattern's parse that `_first_characters` does not follow."""


def _first_characters(pattern: str) -> str:
    r"""The inside of a character class holding every character a match of ``pattern`` can start with, read from
    re's own parse of it (assertions count as matching nothing, so the class may hold more than needed); ``\s\S``,
    any character, when the parse holds something this does not follow, or when a match could be empty."""
    try:
        from re import _constants as sre, _parser  # re's parser: private, so whatever is unknown gives up

        categories = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_SPACE: r"\s"}

        def of_sequence(items) -> tuple[set[str], bool]:  # (what it can start with, whether it can match "")
            found: set[str] = set()
            for op, av in items:
                first, empty = of_item(op, av)
                found |= first
                if not empty:
                    return found, False
            return found, True

        def of_item(op, av) -> tuple[set[str], bool]:
            if op is sre.LITERAL:
                return {re.escape(chr(av))}, False
            if op is sre.IN:
                found = set()
                for kind, value in av:
                    if kind is sre.LITERAL:
                        found.add(re.escape(chr(value)))
                    elif kind is sre.RANGE:
                        found.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                    elif kind is sre.CATEGORY and value in categories:
                        found.add(categories[value])
                    else:
                        raise _Unknown(kind)  # a negated class, another category
                return found, False
            if op is sre.SUBPATTERN and not av[1] and not av[2]:  # a group without flags of its own
                return of_sequence(av[3])
            if op is sre.BRANCH:
                found, empty = set(), False
                for branch in av[1]:
                    first, can_be_empty = of_sequence(branch)
                    found, empty = found | first, empty or can_be_empty
                return found, empty
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                first, empty = of_sequence(av[2])
                return first, empty or av[0] == 0
            if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
                return set(), True
            raise _Unknown(op)

        found, empty = of_sequence(_parser.parse(pattern))
    except (ImportError, AttributeError, _Unknown):
        return r"\s\S"
    return r"\s\S" if empty or not found else "".join(sorted(found))


_CONTEXT = re.compile(rf"\b(?:{_alt(MONTH_CONTEXT)})\s+$", re.IGNORECASE)
_LEADING = re.compile(rf"^(?:{_alt(LEADING_PREPOSITIONS)})\s+", re.IGNORECASE)
_EDGES = " \t\n,;:()[]\"'“”‘’"


# --- public -----------------------------------------------------------------------------------------------------

def _whole(text: str, anchor: Optional[date], tense: Optional[str]) -> tuple[bool, Optional[TimeValue]]:
    """(whether a rule matched all of `text`, its value)."""
    for rule in _RULES:
        if m := rule.pattern.fullmatch(text):
            return True, rule.handler(m, anchor, tense)
    return False, None


@functools.lru_cache(maxsize=1 << 14)  # pure; the same few expressions recur across a story's articles
def normalize(text: str, anchor: Optional[date], *,
              tense: Optional[Literal["past", "present", "future"]] = None) -> Optional[TimeValue]:
    """Normalise one temporal expression as written against the publication date `anchor`.

    `text` is an expression such as "on Monday", "June 8, 2026" or "two summers ago", with or without a leading
    preposition; a longer text (a spaCy entity such as "Tuesday's election") is read through its first expression
    found by `find_expressions`. Returns ``None`` for what names no point in time (durations, ages, decades,
    vague spans), for anchor-relative expressions when `anchor` is ``None``, and for dates outside the calendar.
    The module docstring lists how ambiguous cases are resolved.
    """
    # a possessive weekday or month ("Tuesday's") is still the day; "1990's" is left alone, it is a decade
    text = _POSSESSIVE.sub("", " ".join(str(text).split()).strip(_EDGES)).strip(_EDGES)
    tense = tense if tense in _DIRECTED_TENSES else None
    try:
        matched, value = _whole(text, anchor, tense)
        if not matched and (bare := _LEADING.sub("", text)) != text:
            matched, value = _whole(bare, anchor, tense)
        if not matched and (spans := find_expressions(text)):
            start, end = spans[0]
            value = _whole(text[start:end], anchor, tense)[1]
        return value
    except (ValueError, OverflowError):  # a date outside the calendar: year 0, February 30, past date.max
        return None


def _plausible(m: re.Match, text: str, rule: _Rule) -> bool:
    """Whether a match in running text is a date: month and weekday names are capitalised ("march", "may" are
    verbs), and a bare month name follows a preposition."""
    for name, found in m.groupdict().items():
        # the text's own letter: `m` may be a match in the folded text
        if found and name.startswith(_NAME_GROUPS) and not text[m.start(name)].isupper():
            return False
    return not rule.needs_context or bool(_CONTEXT.search(text, max(0, m.start() - 12), m.start()))


def find_expressions(text: str) -> list[tuple[int, int]]:
    """Character spans of temporal expressions in `text` found by date grammar (regexes), sorted, non-overlapping,
    longest match. Used to complement spaCy's DATE entities, which miss some forms.

    A leading preposition is left out ("in June 2019" gives the span of "June 2019"); modifiers that change the
    value are kept ("last", "next", "this", "earlier this", "later on", "ago").
    """
    found = []
    folded = text.translate(_FOLD)
    rules, any_rule = _folded_rules()
    # Each rule's matches as `rule.pattern.finditer(text)` gives them, looked for only where some rule matches:
    # left to right, each search resuming at the end of the rule's previous match (no rule matches "").
    resume = [0] * len(_RULES)
    for hit in any_rule.finditer(folded):
        at = hit.start()
        for k in range(hit.lastindex - 1, len(_RULES)):  # the rules before the first that matches here do not
            if at < resume[k]:
                continue
            m = rules[k].match(folded, at)
            if m is not None:
                resume[k] = m.end()
                if _plausible(m, text, _RULES[k]):
                    found.append(m.span())
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= a or start >= b for a, b in chosen):
            chosen.append((start, end))
    return sorted(chosen)


def parse_iso(text: str) -> Optional[date]:
    """'YYYY-MM-DD' to a date; anything else, including an impossible date, to ``None``."""
    if not isinstance(text, str) or not _ISO_DAY.fullmatch(text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None
