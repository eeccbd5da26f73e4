"""Dates and times outlets give for one act of a story that differ.

Three passes, each leaving out the dates an earlier one compared: the date right after a word naming
the central event or a past participle ("the strike began on March 10", "last inspected on September
14"); dates whose sentences share many words; and dates one outlet states and the other never does,
aligned by a few shared stems (:func:`unmatched_date_findings`: days, months with their year,
weekdays and "yesterday" resolved against the article's date, times of day). Precision first: a date
another outlet also states is never set against another act's date, a plan never against a past act,
and vague dates ("last week", a month without its year) never conflict.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from presslens.model import Analysis
from presslens.stories.labels import _WORD
from presslens.stories.model import Claim, Finding
from presslens.stories.numbers import context_words, mutual_best, sentence_bounds
from presslens.stories.source import articles_by_outlet, outlet_of

_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                            "september", "october", "november", "december"))}
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE = re.compile(rf"\b{_MONTH}\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?\b|"
                   rf"\b(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}\.?(?: (\d{{4}}))?\b")
_PARAGRAPH = re.compile(r"[^\n]+")


def _month(name: str) -> int:
    return next(n for m, n in _MONTHS.items() if m.startswith(name.lower()[:3]))


#: A dateline: a place in capitals opening a line, maybe with its region or country, then the date
#: ("VESTRAAL, May 20 (Halyard Newsdesk) -", "HEMPSTEAD, N.Y., Sept. 26 (UPI) -"):
#: the day the report was filed, not the date of anything the story tells.
_DATELINE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z.'\- ]+(?:,\s*[A-Z][\w.'\- ]*){0,2},\s*$")


def _in_dateline(text: str, start: int) -> bool:
    return _DATELINE.search(text, max(0, start - 60), start) is not None


def _date_value(m: re.Match[str]) -> str | None:
    """A :data:`_DATE` match as "MM-DD" or "YYYY-MM-DD"; None for a day no month has."""
    month, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
    if not 1 <= int(day) <= 31:
        return None
    return (f"{int(year):04d}-" if year else "") + f"{_month(month):02d}-{int(day):02d}"


#: A past participle right before "on DATE": the date of what was done ("last inspected on September 14").
_DONE_ON = re.compile(r"\b([A-Za-z]{3,}ed)\s+on\s+$")


def event_dates(analysis: Analysis, heads: list[str]) -> list[tuple[str, str, int, int]]:
    """(event word, "MM-DD" or "YYYY-MM-DD", start, end) for calendar dates shortly after a word
    naming the central event ("the strike began on March 10") or right after a past participle,
    which dates what was done ("the line was last inspected on September 14": outlets that give
    that act different dates disagree on a fact), within one paragraph (sentence splitting would
    break at abbreviations such as "Jan. 3")."""
    text = analysis.article.text
    out = []
    for para in _PARAGRAPH.finditer(text):
        mentions = [(w.group().lower(), w.start(), w.end()) for w in _WORD.finditer(text, para.start(), para.end())
                    if w.group().lower() in heads]
        for m in _DATE.finditer(text, para.start(), para.end()):
            if _in_dateline(text, m.start()):
                continue
            # The date must follow the event word closely ("the strike began on March 10"), so
            # a poll's fieldwork date in the same paragraph as "primary" is not read as its date.
            near = [h for h, _, e in mentions if 0 <= m.start() - e <= 40]
            done = None if near else _DONE_ON.search(text, max(para.start(), m.start() - 40), m.start())
            if not near and done is None:
                continue
            if (value := _date_value(m)) is None:
                continue
            what = near[-1] if near else done.group(1).lower()
            out.append((what, value, m.start(), m.end()))
    return out


#: Words two dates' sentences must share to be aligned by context (as figures are, see
#: :mod:`presslens.stories.numbers`), and the confidence of such a date finding.
DATE_CONTEXT_MIN_SHARED = 4
DATE_CONTEXT_CONFIDENCE = 0.6


def _sentence_dates(analysis: Analysis) -> list[tuple[Claim, frozenset[str], str]]:
    """Each calendar date with a day in a sentence holding no other (a dateline's date is not counted:
    it is the day of filing, not another date of the act), with the content words of that sentence
    (the date left out) and whether it lies after the article's date (:func:`_after`, as text)."""
    text = analysis.article.text
    out = []
    for m in _DATE.finditer(text):
        if _in_dateline(text, m.start()):
            continue
        start, end = sentence_bounds(text, m.start(), m.end())
        if sum(1 for d in _DATE.finditer(text, start, end) if not _in_dateline(text, d.start())) != 1:
            continue
        if (value := _date_value(m)) is None:
            continue
        words = frozenset(context_words(text[start:m.start()] + " " + text[m.end():end]))
        year, month, day = ([None] + [int(x) for x in value.split("-")])[-3:]
        out.append((Claim(analysis.article.id, m.start(), m.end(), m.group(), value), words,
                    str(_after(analysis.article.date, year, month, day))))
    return out


def context_date_findings(story_id: str, originals: list[Analysis], taken: set[tuple[str, int]]) -> list[Finding]:
    """Dates of one act that the event words do not reach ("last passed a safety inspection on 9
    February 2026" against "on 9 November 2025"): two outlets' dates whose sentences share at least
    :data:`DATE_CONTEXT_MIN_SHARED` content words, each the other's unique best match, and that differ
    (a year given by one only is not compared), both before or both after their articles' dates (a plan
    is not a past act), and neither outlet gives the other's date anywhere (then it is another act's, told
    by both). ``taken``: (article, start) of dates already compared."""
    per_outlet: dict[str, list[tuple[Claim, frozenset[str], str]]] = defaultdict(list)
    stated: dict[str, set[str]] = defaultdict(set)  # every day and month each outlet gives, as "MM-DD"
    for a in originals:
        per_outlet[outlet_of(a.article)] += [item for item in _sentence_dates(a)
                                             if (item[0].article, item[0].start) not in taken]
        stated[outlet_of(a.article)] |= {v[-5:] for m in _DATE.finditer(a.article.text) if (v := _date_value(m))}
    findings = []
    for (o, i), (r, j), shared_words in mutual_best(per_outlet, DATE_CONTEXT_MIN_SHARED):
        c, d = per_outlet[o][i][0], per_outlet[r][j][0]
        if d.value[-5:] in stated[o] or c.value[-5:] in stated[r]:
            continue  # the other's date is one this outlet gives too: of another act, told by both
        same_year = len(c.value) == len(d.value) or c.value[-5:] == d.value[-5:]
        if c.value[-5:] != d.value[-5:] or (same_year and c.value != d.value):
            shared = ", ".join(sorted(shared_words))
            findings.append(Finding("date", story_id, f"date of what both say around it: {shared}", [c, d],
                                    confidence=DATE_CONTEXT_CONFIDENCE,
                                    explanation=f"date: {o} “{c.text}”; {r} “{d.text}” — the same act by the "
                                                f"words around both ({shared}), dated differently"))
    return findings


#: A month without a day, where the words around it make it a date ("in March 2024", "back in October",
#: "from November", "in March last year"): a capitalised full month name after a preposition, or followed
#: by a year. "May" is read only so ("they may" is no month).
_MONTH_ONLY = re.compile(r"\b(?:(?:in|since|from|until|by|before|after|last)\s+)?"
                         r"(January|February|March|April|May|June|July|August|September|October|November|December)"
                         r"\b(?:,?\s+(\d{4})\b|\s+(last|this|next)\s+year\b)?")
_YEAR_WORD = {"last": -1, "this": 0, "next": 1}


@dataclass(frozen=True, slots=True)
class _Mention:
    """One date or time an article states: a day ("14 August", "Dec. 2, 2025", "on Monday" and
    "yesterday" resolved against the article's date), a month ("in March 2024") or a time of day
    ("at 3am"), with the content words of its sentence; ``alone`` when no other date or time shares
    that sentence (only such a mention is aligned by its words)."""

    claim: Claim
    scale: str  # "date" or "time"
    year: int | None
    month: int | None  # a time's minutes after midnight are in ``day``
    day: int | None
    words: frozenset[str]
    alone: bool
    hedged: bool = False
    relative: bool = False
    published: str | None = None
    after: bool | None = None  # whether the date lies after the article's, where both are known
    #: For a time of day: the day it is of where its sentence says (``anchored``: "at 8.40am on Monday"),
    #: else every full day its article states (one of which it may be of).
    days: frozenset[tuple[int, int, int]] = frozenset()
    anchored: bool = False
    #: A month whose year was read from the article's date, the coming one in a plan ("will shut by
    #: December") or the last one past ("back in October"): aligned only on as many shared words as a
    #: weekday (:data:`UNMATCHED_MIN_SHARED_DAY`).
    inferred: bool = False
    #: The past-tense verb the time or date is of, right before its preposition ("peaked" of "The river
    #: peaked at around 6am"), its stem; None when another word stands there.
    act: str | None = None

    def comparable(self, other: _Mention) -> bool:
        """Whether the two may be dates of one act: a calendar date against a calendar date; a weekday,
        "yesterday" or a time of day only against one in an article of the same day (a next-day
        follow-up's "the toll rose to 29 on Monday" tells the latest news, not the day of the event
        the first reports dated "on Sunday"; which day a time is of, the text rarely says), except two
        coming days of a plan, which stand for the planned act whenever they were reported, two past days
        both before the earlier report's date (:meth:`_known_to_both`), and two times in reports that state
        a day in common (one the time's sentence names, or any the report states: then
        :func:`unmatched_date_findings` asks many shared words)."""
        fixed = self.scale == "date" and not self.relative and not other.relative
        # Two coming days of a plan ("from Thursday" in one day's report, "from Friday" in the next day's)
        # are both the plan's day, not latest news.
        planned = self.scale == "date" and self.relative and other.relative and bool(self.after and other.after)
        # A time its sentence puts on a day ("at around 8.40am on Monday") is of that day: comparable with a
        # time in a report of another day that states that day too; so is a time in a report stating the
        # day, on enough shared words (:data:`UNMATCHED_MIN_SHARED_TIME_ACROSS_DAYS`).
        on_one_day = self.scale == "time" and bool(self.days & other.days)
        return self.scale == other.scale and self.after == other.after \
            and (fixed or planned or on_one_day or self._known_to_both(other)
                 or self.published is not None and self.published == other.published)

    def _known_to_both(self, other: _Mention) -> bool:
        """Whether two weekdays or "yesterday"s, each resolved against its own report's date, are past days
        before the earlier report's date ("closed on Monday evening" in Tuesday's report, "was shut on Sunday
        night" in Wednesday's): each dates an act the earlier report could already tell, so they are two
        datings of one act, not an event and the next day's latest news (which falls on or after the earlier
        report's day: "the toll rose on Tuesday" in Wednesday's paper against Tuesday's "capsized on Sunday").
        Each must also lie within :data:`RECENT_DAYS` of its own report: a weekday further back may be the coming
        one told without a word of the future ("all signs pointed to Obama endorsing Clinton on Thursday")."""
        if not (self.scale == "date" and self.relative and other.relative) or self.after or other.after:
            return False
        if None in (self.year, self.month, self.day, other.year, other.month, other.day):
            return False
        days = [(date(m.year, m.month, m.day), _article_day(m.published)) for m in (self, other)]  # type: ignore[arg-type]
        if any(own is None or (own - day).days > RECENT_DAYS for day, own in days):
            return False
        earlier = min(own for _, own in days if own is not None)
        return all(day < earlier for day, _ in days)

    def stated_by(self, other: _Mention) -> bool:
        """Whether ``other`` states this date, as precisely: the same month, the same day unless this
        one gives none ("March 3" states "in March", not the other way round), the same year where
        both give one; for times the same minute, or within :data:`HEDGED_MINUTES` when either is
        hedged ("about 3am" is "3.10am")."""
        if self.scale != other.scale:
            return False
        if self.scale == "time":
            slack = HEDGED_MINUTES if self.hedged or other.hedged else 0
            return min(abs(self.day - other.day), 1440 - abs(self.day - other.day)) <= slack
        return self.month == other.month and (self.day is None or self.day == other.day) \
            and (self.year is None or other.year is None or self.year == other.year)


#: Days back from its report within which a weekday of a report of another day is compared: the last few
#: days are what news names by weekday. On PolNeAR a "Thursday" six days back in one report was the coming
#: Thursday, set against another report's "Tuesday"; the seen splits' weekdays of one act lay one to three days back.
RECENT_DAYS = 3


def _article_day(article_date: str | None) -> date | None:
    """The article's date as a day ("2025-09-16", "2025-09-16T08:30:00Z"); None without a valid one."""
    try:
        return date.fromisoformat((article_date or "")[:10])
    except ValueError:
        return None


def _in_plan(text: str, s_start: int, at: int) -> bool:
    """Whether a plan (:data:`_PLAN`) governs the words at ``at``: the nearest plan word before them in
    their sentence, with no clause break (:data:`_CLAUSE_BREAK`) between."""
    plan = next(reversed(list(_PLAN.finditer(text, s_start, at))), None)
    return plan is not None and not _CLAUSE_BREAK.search(text, plan.end(), at)


def _after(article_date: str | None, year: int | None, month: int, day: int | None) -> bool | None:
    """Whether a date lies after the article's date (a plan, not a past act); a date without its year
    is taken in the year that puts it nearest the article's date ("December 17" in a November article
    is this year's, "January 5" in a December one next year's). None without an article date."""
    if (today := _article_day(article_date)) is None:
        return None
    years = (year,) if year else (today.year - 1, today.year, today.year + 1)
    return min((date(y, month, min(day or 1, 28)) for y in years), key=lambda d: abs((d - today).days)) > today


def _year(article_date: str | None, given: str | None, relative: str | None) -> int | None:
    """A month's year: written out, or "last/this/next year" counted from the article's date."""
    if given:
        return int(given)
    if relative and article_date and article_date[:4].isdigit():
        return int(article_date[:4]) + _YEAR_WORD[relative]
    return None


def _planned_year(analysis: Analysis, start: int, month: int) -> int | None:
    """The year of a month without one in a plan's clause ("will shut the doors by December"): the
    coming such month after the article's date; None outside a plan (:data:`_PLAN`, as for a coming
    weekday), without an article date, or in the article's own month (this one or next year's?)."""
    text = analysis.article.text
    if (today := _article_day(analysis.article.date)) is None:
        return None
    s_start, _ = sentence_bounds(text, start, start + 1)
    if not _in_plan(text, s_start, start) or month == today.month:
        return None
    return today.year + (month < today.month)


#: Words that put a month without its year in the past: "back in October", "last October".
_BACK_IN = re.compile(r"\bback\s+in\s+$|\blast\s+$", re.IGNORECASE)
#: A verb in the past tense (regular): "first unveiled the plan in April"; a participle after "is", "are" or
#: "be" is no past ("the line is checked in October" every year).
_PAST_VERB = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bbe )\b[a-z]{3,}ed\b")


def _past_year(analysis: Analysis, start: int, month_start: int, month: int) -> int | None:
    """The year of a month said to be past ("checked by safety inspectors back in October", "last
    October", or "in" a month after a past-tense verb of its clause with no word of the future before it in
    its sentence: "who first unveiled the plan in April"): the latest such month before the article's
    date; None without those words, without an article date, or in the article's own month (this one or
    last year's?)."""
    text = analysis.article.text
    if (today := _article_day(analysis.article.date)) is None or month == today.month:
        return None
    if not _BACK_IN.search(text, max(0, start - 8), month_start) and not _in_past_clause(text, start):
        return None
    return today.year - (month > today.month)


def _in_past_clause(text: str, start: int) -> bool:
    """Whether "in" a month at ``start`` closes a clause told in the past tense: a past-tense verb between
    the nearest clause break (:data:`_CLAUSE_BREAK`) and the month, and no plan (:data:`_PLAN`) or modal verb
    in the sentence before it (the noun "plan" is no future: "first unveiled the plan in April")."""
    if not text[start:start + 3].lower().startswith("in "):
        return False
    s_start, _ = sentence_bounds(text, start, start + 1)
    if _PLAN.search(text, s_start, start) or _MODAL.search(text, s_start, start):
        return False
    clause = max((b.end() for b in _CLAUSE_BREAK.finditer(text, s_start, start)), default=s_start)
    return _PAST_VERB.search(text, clause, start) is not None


_MODAL = re.compile(r"\b(?:would|could|might|should|(?-i:may))\b", re.IGNORECASE)
#: "last month": the month before the article's, a month with its year read from the article's date.
_LAST_MONTH = re.compile(r"\blast\s+month\b", re.IGNORECASE)


#: The dash that ends a dateline ("PORT AVERNE, July 7 (Halyard Newsdesk) - ").
_DATELINE_END = re.compile(r"\s[-\u2013\u2014]\s")


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where a sentence's words begin once a dateline opening it is left out (the place and the
    agency's name are no words of the act)."""
    for d in _DATE.finditer(text, start, end):
        if _in_dateline(text, d.start()) and (dash := _DATELINE_END.search(text, d.end(), min(end, d.end() + 80))):
            return dash.end()
    return start


#: Words that say which of a series of acts a date is of ("first raised the alarm in November 2024",
#: "the committee next meets on 17 December", "last inspected on 2 February", "on strike since 2
#: June"): stop words to the figures' context, but counted among a date's words when before it.
_SERIES_WORDS = frozenset({"first", "next", "last", "since"})
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: A day named relative to the article's date: "on Monday", "last Tuesday", "yesterday".
#: A weekday after a saying verb ("said on Monday") dates the saying, which outlets may report from
#: different statements, so it is not read; nor is a weekday that is the article's own (this week's or
#: last week's?), nor "last week" or "recently" (no day at all).
_RELATIVE_DAY = re.compile(r"\b(?:(?:on|last|this)\s+)?"
                           r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
                           r"(?!,?\s+(?:\d|" + _MONTH.replace("(", "(?:", 1) + r"))|\b(?P<yesterday>yesterday)\b",
                           re.IGNORECASE)
_SAYING = re.compile(r"\b(?:said|says|told|added|stated|announced|confirmed|reported|insisted|claimed)"
                     r"(?:\s+\w+){0,2}\s+$", re.IGNORECASE)
#: Words before a weekday that may put it after the article's date ("the strike will begin on Monday",
#: "another march was planned for Saturday", "could make his debut on Saturday"): such a weekday is not
#: read, as which week it is in is a guess. "may" only in lower case: "May" is the month ("On 3 May the crash
#: happened on Monday" is no possibility).
_FUTURE = re.compile(r"\b(?:will|would|could|(?-i:may)|might|should|'ll|shall|due|set to|expected|scheduled|plan|plans|"
                     r"planned|planning|"
                     r"going to|to be|again|next|from|until)\b[^.;]*$", re.IGNORECASE)
#: A plan in the article's own tense, the weekday after it in the same clause the coming one ("will stage
#: a walkout from Thursday", "are set to down tools from Friday"); "would" is left out (reported or
#: conditional), and so is a weekday past a clause break ("will review the crash, which happened on Monday").
_PLAN = re.compile(r"\b(?:will|'ll|shall|due to|set to|expected to|scheduled to|plans? to|planned for|going to)\b",
                   re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"\b(?:which|that|who|when|after|since|because|while|said|says)\b|[,;:]", re.IGNORECASE)
#: A time of day: "at 3am", "around 5.30 a.m.", "at 14:20".
_TIME = re.compile(r"\b(?:(about|around|approximately|roughly|shortly after|just after|just before|nearly)\s+)?"
                   r"(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|"
                   r"\b(?:(about|around|approximately|roughly|shortly after|just after|just before|nearly)\s+)?"
                   r"at\s+([01]?\d|2[0-3]):([0-5]\d)\b", re.IGNORECASE)
#: Minutes two times may differ by and be one time when either is hedged ("about 3am").
HEDGED_MINUTES = 30


def _relative_day(analysis: Analysis, m: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) of a weekday or "yesterday" counted from the article's date: the last such
    day, or the coming one in a plan's clause (:data:`_PLAN`); None without an article date, after a
    saying verb, for the article's own weekday (this week's or last?), or after other words of the
    future (:data:`_FUTURE`: which week is a guess)."""
    text = analysis.article.text
    if (today := _article_day(analysis.article.date)) is None:
        return None
    if m.group("yesterday"):
        day = today - timedelta(days=1)
        return day.year, day.month, day.day
    if _SAYING.search(text, max(0, m.start() - 40), m.start()):
        return None
    s_start, _ = sentence_bounds(text, m.start(), m.end())
    back = (today.weekday() - _WEEKDAYS.index(m.group("weekday").lower())) % 7
    if back == 0:
        return None
    if _FUTURE.search(text, s_start, m.start()):
        if not _in_plan(text, s_start, m.start()):
            return None
        day = today + timedelta(days=7 - back)  # "will stage a walkout from Thursday": the coming one
    else:
        day = today - timedelta(days=back)
    return day.year, day.month, day.day


def _mentions(analysis: Analysis) -> list[_Mention]:
    """Every date and time of day an article states outside its dateline, with the content words of
    its sentence (the mention and a dateline left out)."""
    text = analysis.article.text
    # start, end, scale, year, month, day (a time's minutes), hedged, relative
    found: list[tuple[int, int, str, int | None, int | None, int | None, bool, bool]] = []
    for m in _DATE.finditer(text):
        if not _in_dateline(text, m.start()) and (value := _date_value(m)) is not None:
            parts = [int(x) for x in value.split("-")]
            found.append((m.start(), m.end(), "date", parts[0] if len(parts) == 3 else None, parts[-2], parts[-1],
                          False, False))
    inferred: set[int] = set()  # months whose year was read from a plan and the article's date
    for m in _MONTH_ONLY.finditer(text):
        if any(s < m.end(1) and m.start(1) < e for s, e, *_ in found) or _in_dateline(text, m.start(1)):
            continue
        if not (m.group(2) or m.group(3) or m.start(1) > m.start()):  # neither a year nor a preposition
            continue
        year = _year(analysis.article.date, m.group(2), m.group(3))
        if year is None and (year := _planned_year(analysis, m.start(), _month(m.group(1)))
                             or _past_year(analysis, m.start(), m.start(1), _month(m.group(1)))) is not None:
            inferred.add(m.start(1))
        found.append((m.start(1), m.end(), "date", year, _month(m.group(1)), None, False, False))
    # A speaker's "yesterday" or "on Monday" counts from when they spoke, which the article rarely says.
    quoted = [(q.start, q.end) for q in analysis.quotes if q.type != "indirect"]
    if (today := _article_day(analysis.article.date)) is not None:
        before = today.replace(day=1) - timedelta(days=1)
        for m in _LAST_MONTH.finditer(text):
            if not any(s <= m.start() < e for s, e in quoted):
                inferred.add(m.start())
                found.append((m.start(), m.end(), "date", before.year, before.month, None, False, False))
    for m in _RELATIVE_DAY.finditer(text):
        if any(s <= m.start() < e for s, e in quoted):
            continue
        if (day := _relative_day(analysis, m)) is not None and not _in_dateline(text, m.start()):
            start = m.start("weekday") if m.group("weekday") else m.start("yesterday")
            found.append((start, m.end(), "date", *day, False, True))
    for m in _TIME.finditer(text):
        hour, minute, half = (m.group(2), m.group(3), m.group(4)) if m.group(2) else (m.group(6), m.group(7), "")
        hour = int(hour) % 12 + (12 if half.lower().startswith("p") else 0) if half else int(hour)
        start = m.start(2) if m.group(2) else m.start(6)
        found.append((start, m.end(), "time", None, None, hour * 60 + int(minute or 0), bool(m.group(1) or m.group(5)),
                      False))
    full_days = {(y, mo, d): s for s, _, sc, y, mo, d, *_ in found if sc == "date" and y and mo and d}
    out = []
    for start, end, scale, year, month, day, hedged, relative in found:
        s_start, s_end = sentence_bounds(text, start, end)
        # A time's own day in its sentence ("at 8.40am on Monday") is where it is, not another act.
        anchor = frozenset(k for k, at in full_days.items() if scale == "time" and s_start <= at < s_end)
        alone = not any(s_start <= o[0] < s_end and o[0] != start and not (scale == "time" and o[2] == "date")
                        for o in found)
        s_start = _after_dateline(text, s_start, s_end)
        words = frozenset(context_words(text[s_start:start] + " " + text[end:s_end])
                          | _SERIES_WORDS.intersection(re.findall(r"[a-z]+", text[s_start:start].lower())))
        if scale == "time":
            value = f"{day // 60:02d}:{day % 60:02d}"
        else:
            value = (f"{year:04d}-" if year else "") + f"{month:02d}" + (f"-{day:02d}" if day else "")
        act = _ACT_BEFORE.search(text, max(0, start - 60), start)
        out.append(_Mention(Claim(analysis.article.id, start, end, text[start:end], value), scale, year, month, day,
                            words, alone, hedged, relative, analysis.article.date,
                            None if scale == "time" else _after(analysis.article.date, year, month, day),
                            (anchor or frozenset(full_days)) if scale == "time" else frozenset(), bool(anchor),
                            start in inferred, act.group(1).lower()[:STEM_LETTERS] if act else None))
    return out


#: A past-tense verb right before the preposition of a date or time ("peaked at around 6am", "was
#: paused on 19 September"); a hedge of a time is read by :data:`_TIME` itself.
_ACT_BEFORE = re.compile(r"\b([a-z]{3,}ed)\s+(?:at|on|in)\s+(?:(?:about|around|approximately|roughly|shortly after|"
                         r"just after|just before|nearly)\s+)?$")
#: Letters two words must share from their start to count as one word of the act ("inspected",
#: "inspectors", "inspection"); shorter words must be equal. A crude stem, chosen over a stemmer
#: library because the sentences' words are compared only to rank which dates stand for one act.
STEM_LETTERS = 6
#: Stems two unmatched dates' sentences must share to be aligned, and the confidence of such a finding.
UNMATCHED_MIN_SHARED = 2
UNMATCHED_CONFIDENCE = 0.55
#: Stems needed when either is a weekday, "yesterday" or a time of day: a report names many acts by
#: their weekday (on real PolNeAR stories two shared stems aligned a convention's Saturday with a tweet's Wednesday).
UNMATCHED_MIN_SHARED_DAY = 3
#: Stems needed by two times of day in reports of different days, neither sentence naming its day: the
#: days each report states must include one both state, and the sentences must tell the act in many
#: of the same words ("the canopy above the east stand ... came down at 4.20pm" a day after "gave way at
#: 3.52pm"), since a next day's report also times its latest news.
UNMATCHED_MIN_SHARED_TIME_ACROSS_DAYS = 5


def _stems(words: frozenset[str]) -> frozenset[str]:
    """Each word cut to its first :data:`STEM_LETTERS` letters."""
    return frozenset(w[:STEM_LETTERS] for w in words)


def _shown(m: _Mention) -> str:
    """A mention as a reader checks it: its words, and the day they were read as where the article's
    date resolved them ("Monday" (2026-03-09))."""
    return f"“{m.claim.text}”" + (f" ({m.claim.value})" if m.relative else "")


def _kind(m: _Mention) -> str:
    """What an unmatched date may be aligned with: a calendar date only with a calendar date, a day
    read from the article's date ("on Monday", "yesterday") only with another such day. A resolved
    weekday needs more shared words (:data:`UNMATCHED_MIN_SHARED_DAY`), so as a rival it could only
    tie a calendar date's true partner and then lose the pairing ("first ... October 2" against
    "first cases ... October 9" and "Thursday ... children").
    """
    return m.scale + (" read from the article's date" if m.relative else "")


def unmatched_date_findings(story_id: str, mentions: dict[str, list[_Mention]],
                            taken: set[tuple[str, int]]) -> list[Finding]:
    """Dates of one act that neither the event words nor many shared words align ("the dam was last
    inspected on 2 February" against "given the all-clear by inspectors on February 9"): for two
    outlets, the dates each states that the other does not state anywhere (so a date both give is
    never set against another act's date), each alone in its sentence, aligned when their sentences
    share at least :data:`UNMATCHED_MIN_SHARED` stems (:data:`UNMATCHED_MIN_SHARED_DAY` for a weekday,
    "yesterday", a time or a month whose year a plan implies) and each is the other's unique best
    match among :meth:`_Mention.comparable` ones. A day and a month conflict only when the months
    differ ("in March" is "March 3"); a month is set against another date only with its year ("in
    March 2024", "in March last year", or the coming one in a plan); "last week" or "recently" is no
    date. ``mentions``: per outlet; ``taken``: (article, start) of dates already compared."""
    findings = []
    outlets = sorted(mentions)
    for k, o in enumerate(outlets):
        for r in outlets[k + 1:]:
            left = {x: [(m, _stems(m.words), _kind(m)) for m in mentions[x]
                        if m.alone and (m.day is not None or m.year is not None)
                        and (m.claim.article, m.claim.start) not in taken
                        and not any(m.stated_by(n) for n in mentions[y])]
                    for x, y in ((o, r), (r, o))}
            for (_, i), (_, j), shared_stems in mutual_best(left, UNMATCHED_MIN_SHARED, _Mention.comparable):
                c, d = left[o][i][0], left[r][j][0]
                weak = c.relative or d.relative or c.inferred or d.inferred or c.scale == "time"
                # One verb dating both ("The river peaked at 4.15am" / "peaked at around 6am") says they
                # are one act as surely as a third shared word.
                if weak and len(shared_stems) < UNMATCHED_MIN_SHARED_DAY and not (c.act and c.act == d.act):
                    continue
                if c.scale == "time" and c.published != d.published and not (c.anchored or d.anchored) \
                        and len(shared_stems) < UNMATCHED_MIN_SHARED_TIME_ACROSS_DAYS:
                    continue
                shared = ", ".join(sorted(w for w in c.words | d.words if w[:STEM_LETTERS] in shared_stems))
                findings.append(Finding("date", story_id, f"date of what both say around it: {shared}",
                                        [c.claim, d.claim], confidence=UNMATCHED_CONFIDENCE,
                                        explanation=f"{c.scale}: {o} {_shown(c)}; {r} {_shown(d)} — the same act "
                                                    f"by the words around both ({shared}), dated differently; "
                                                    f"neither outlet states the other's {c.scale}"))
    return findings


def date_findings(story_id: str, originals: list[Analysis], heads: list[str]) -> list[Finding]:
    """Outlets that each give one date for the event, but not the same one (an outlet that states the
    other's date elsewhere is left out); then dates of another act aligned by the words around them
    (:func:`context_date_findings`), dates no other outlet states (:func:`unmatched_date_findings`), the
    dates reports open on (:func:`lead_date_findings`) and the one year an outlet alone gives
    (:func:`year_findings`); each pass leaves alone the dates an earlier one compared."""
    mentions: dict[str, list[_Mention]] = defaultdict(list)
    for a in originals:
        mentions[outlet_of(a.article)] += _mentions(a)
    dated: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for a in originals:
        for head, value, s, e in event_dates(a, heads):
            dated[head][outlet_of(a.article)].append(Claim(a.article.id, s, e, a.article.text[s:e], value))
    findings = []
    for head, per_outlet in dated.items():
        single = {o: {c.value[-5:] for c in cs} for o, cs in per_outlet.items()}
        single = {o: next(iter(v)) for o, v in single.items() if len(v) == 1}
        # An outlet that also states another's date elsewhere ("after Sunday's ferry disaster") told
        # another act with its own date, not the event's day differently.
        single = {o: v for o, v in single.items()
                  if not any(w != v and w in {m.claim.value[-5:] for m in mentions[o]}
                             for r, w in single.items() if r != o)}
        if len(set(single.values())) >= 2:
            findings.append(Finding("date", story_id, head, [c for o in single for c in per_outlet[o]]))
    # Dates already set against each other are not compared again; dates two outlets agree on by the
    # event word stay open to a third that dates the act without that word ("was paused on 19
    # September" in two, "axed testing on 17 September" in the third), by context as below.
    taken = {(c.article, c.start) for f in findings for c in f.claims}
    findings += context_date_findings(story_id, originals, taken)
    taken |= {(c.article, c.start) for f in findings for c in f.claims}
    findings += unmatched_date_findings(story_id, mentions, taken)
    taken |= {(c.article, c.start) for f in findings for c in f.claims}
    findings += lead_date_findings(story_id, originals, mentions, taken)
    return findings + year_findings(story_id, originals, [c for f in findings for c in f.claims])


#: A year as a word of its own ("in 2017", "since the 2008 fires"), not part of a figure ("2,019",
#: "£2019") or of a longer number.
_YEAR = re.compile(r"(?<![\d£$€.,])\b((?:19[5-9]|20[0-4])\d)\b(?![\d,.]\d)")
#: Years a story's two dates may be apart and be one fact told differently (a pile-up "in 2015" / "in 2017").
YEAR_GAP = 5
#: Confidence of a year finding (:func:`year_findings`).
YEAR_CONFIDENCE = 0.5


def year_findings(story_id: str, originals: list[Analysis], compared: list[Claim]) -> list[Finding]:
    """One outlet's only year that no other outlet gives, against the only year every other outlet gives
    and it does not, at most :data:`YEAR_GAP` apart ("a fog-related pile-up on the same stretch in 2015"
    against two outlets' "in 2017"; "took charge of the party in 2018" against "has led the party since
    2019"). Years are rarely aligned by the words around them (each outlet tells the earlier event its
    own way; on the seen splits shared words did not tell true pairs from false), so the story's years
    as sets decide: any other year set apart, a year of an article's own date, or a year inside a date
    already compared (``compared``: the claims of the story's date findings) leaves the outlet silent. Needs
    three outlets or more. On the seen splits five of six such findings were planted disagreements; the sixth set a fire station's closure "since 2020" against a barbecue ban
    "since 2022" (benchmarks/README.md, round 10)."""
    per_outlet = articles_by_outlet(originals)
    if len(per_outlet) < 3:
        return []
    own = {int(a.article.date[:4]) for a in originals if (a.article.date or "")[:4].isdigit()}
    years = {o: {int(m.group(1)) for a in arts for m in _YEAR.finditer(a.article.text)}
             for o, arts in per_outlet.items()}
    findings = []
    for o in sorted(per_outlet):
        others = [r for r in per_outlet if r != o]
        alone = {y for y in years[o] if not any(y in years[r] for r in others)} - own
        lacking = set.intersection(*(years[r] for r in others)) - years[o] - own
        if len(alone) != 1 or len(lacking) != 1 or abs(next(iter(alone)) - next(iter(lacking))) > YEAR_GAP:
            continue
        mine, theirs = next(iter(alone)), next(iter(lacking))
        claims = [_first_year(a, y) for arts, y in [(per_outlet[o], mine)] + [(per_outlet[r], theirs) for r in others]
                  for a in arts]
        claims = [c for c in claims if c is not None]
        if any(c.article == d.article and d.start is not None and d.end is not None and d.start <= c.start < d.end
               for c in claims for d in compared):
            continue  # "March 2020" against "March 2021" was compared as months
        shown = "; ".join(f"{r} “{y}”" for r, y in [(o, mine)] + [(r, theirs) for r in sorted(others)])
        findings.append(Finding("date", story_id, f"the year only {o} gives", claims, confidence=YEAR_CONFIDENCE,
                                explanation=f"year: {shown} — the one year {o} gives that no other outlet does, "
                                            f"against the one all the others give and {o} does not"))
    return findings


def _first_year(analysis: Analysis, year: int) -> Claim | None:
    """The first mention of a year in an article, as a claim."""
    m = next((m for m in _YEAR.finditer(analysis.article.text) if int(m.group(1)) == year), None)
    return None if m is None else Claim(analysis.article.id, m.start(1), m.end(1), m.group(1), str(year))


#: Confidence of a finding on the first dates reports give (:func:`lead_date_findings`).
LEAD_DATE_CONFIDENCE = 0.5
#: Characters from an article's start within which its first date must stand to date its central act:
#: about the first 400 words. Far into a long report the first date is a side story's ("He is departing
#: 'Finding Neverland' on Jan. 24", 7,300 characters into a PolNeAR report on something else).
LEAD_DATE_WITHIN = 2500


def _lead_date(analysis: Analysis, mentions: list[_Mention]) -> _Mention | None:
    """The first calendar date with a day an article's body gives outside its dateline and outside direct
    quotes, within :data:`LEAD_DATE_WITHIN` characters: a news report dates its central act first
    ("escaped from Greymoor Prison on 2 November"). None when another calendar date shares that first date's
    sentence: a sentence with two dates tells two acts, and which is the central one their order does not say
    ("a sample taken on March 30, nearly two weeks before her victory on 12 April", where another report opens
    on the race's date). A weekday there is no such rival: it dates the latest news after the act ("only
    spotted on August 12 - and the public was kept in the dark ... until Wednesday").
    A weekday or "yesterday" is not taken: a next day's report dates its latest news by them ("the toll
    rose on Monday") where the first day's dated the event ("the dam collapsed on Sunday"). ``mentions``: the
    article's dates and times (:func:`_mentions`)."""
    quoted = [(q.start, q.end) for q in analysis.quotes if q.type != "indirect"]
    dates = [m for m in sorted(mentions, key=lambda m: m.claim.start) if m.scale == "date"]
    first = next((m for m in dates if m.day is not None and not m.relative and m.claim.start < LEAD_DATE_WITHIN
                  and not any(s <= m.claim.start < e for s, e in quoted)), None)
    if first is None:
        return None
    lo, hi = sentence_bounds(analysis.article.text, first.claim.start, first.claim.end)
    return None if any(lo <= m.claim.start < hi for m in dates if m is not first and not m.relative) else first


def lead_date_findings(story_id: str, originals: list[Analysis], mentions: dict[str, list[_Mention]],
                       taken: set[tuple[str, int]]) -> list[Finding]:
    """Outlets whose reports open on different dates where neither outlet states the other's date
    anywhere: each dates the central act its own way ("escaped on 2 November" in two outlets, "scrambled
    over the fence on 1 November" in the third), as the other passes miss when the outlets tell the act
    in different words. An outlet whose reports open on different dates, a date already compared, or a
    date on the other side of its article's date (a plan against a past act) is left out. On the seen
    splits every such finding was a planted disagreement (four the other passes missed, none wrong); on
    real PolNeAR stories one was false, a side story's date far down a long report, hence
    :data:`LEAD_DATE_WITHIN` (benchmarks/README.md, round 10)."""
    leads: dict[str, list[_Mention]] = defaultdict(list)
    for a in originals:
        own = [m for m in mentions[outlet_of(a.article)] if m.claim.article == a.article.id]
        if (m := _lead_date(a, own)) is not None:
            leads[outlet_of(a.article)].append(m)
    lead = {o: ms[0] for o, ms in leads.items() if len({m.claim.value[-5:] for m in ms}) == 1
            and (ms[0].claim.article, ms[0].claim.start) not in taken}

    def conflict(o: str, r: str) -> bool:
        c, d = lead[o], lead[r]
        return not c.stated_by(d) and not d.stated_by(c) and c.after == d.after \
            and not any(c.stated_by(n) for n in mentions[r]) and not any(d.stated_by(n) for n in mentions[o])

    def agree(o: str, r: str) -> bool:
        return lead[o].stated_by(lead[r]) and lead[r].stated_by(lead[o])

    outlets = sorted(lead)
    # An outlet is a side when it agrees or conflicts with every other: one whose date another states in
    # passing (of another act) leaves the comparison.
    sides = [o for o in outlets if all(agree(o, r) or conflict(o, r) for r in outlets if r != o)]
    if not any(conflict(o, r) for o in sides for r in sides if o < r):
        return []
    shown = "; ".join(f"{o} “{lead[o].claim.text}”" for o in sides)
    return [Finding("date", story_id, "the date each report opens on", [lead[o].claim for o in sides],
                    confidence=LEAD_DATE_CONFIDENCE,
                    explanation=f"date: {shown} — the first date each report gives, different, and neither "
                                f"outlet states the other's date anywhere")]
