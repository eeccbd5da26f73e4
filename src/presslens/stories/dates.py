"""Dates stated for the central event that differ between outlets."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from presslens.model import Analysis
from presslens.stories.labels import _WORD
from presslens.stories.model import Claim, Finding
from presslens.stories.numbers import context_words, mutual_best, sentence_bounds
from presslens.stories.source import outlet_of

_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                            "september", "october", "november", "december"))}
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE = re.compile(rf"\b{_MONTH}\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?\b|"
                   rf"\b(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}\.?(?: (\d{{4}}))?\b")
_PARAGRAPH = re.compile(r"[^\n]+")


def _month(name: str) -> int:
    return next(n for m, n in _MONTHS.items() if m.startswith(name.lower()[:3]))


#: A dateline: a place in capitals opening a line, then the date ("VESTRAAL, May 20 (Halyard Newsdesk) -"):
#: the day the report was filed, not the date of anything the story tells.
_DATELINE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z.'\- ]+,\s*$")


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


def _sentence_dates(analysis: Analysis) -> list[tuple[Claim, frozenset[str]]]:
    """Each calendar date with a day in a sentence holding no other (a dateline's date is not counted:
    it is the day of filing, not another date of the act), with the content words of that sentence
    (the date left out)."""
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
        out.append((Claim(analysis.article.id, m.start(), m.end(), m.group(), value), words))
    return out


def context_date_findings(story_id: str, originals: list[Analysis], taken: set[tuple[str, int]]) -> list[Finding]:
    """Dates of one act that the event words do not reach ("last passed a safety inspection on 9
    February 2026" against "on 9 November 2025"): two outlets' dates whose sentences share at least
    :data:`DATE_CONTEXT_MIN_SHARED` content words, each the other's unique best match, and that differ
    (a year given by one only is not compared). ``taken``: (article, start) of dates already compared."""
    per_outlet: dict[str, list[tuple[Claim, frozenset[str], str]]] = defaultdict(list)
    for a in originals:
        per_outlet[outlet_of(a.article)] += [(c, words, "") for c, words in _sentence_dates(a)
                                             if (c.article, c.start) not in taken]
    findings = []
    for (o, i), (r, j), shared_words in mutual_best(per_outlet, DATE_CONTEXT_MIN_SHARED):
        c, d = per_outlet[o][i][0], per_outlet[r][j][0]
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
_MONTH_ONLY = re.compile(r"\b(?:(?:in|since|from|until|by|before|after)\s+)?"
                         r"(January|February|March|April|May|June|July|August|September|October|November|December)"
                         r"\b(?:,?\s+(\d{4})\b|\s+(last|this|next)\s+year\b)?")
_YEAR_WORD = {"last": -1, "this": 0, "next": 1}


@dataclass(frozen=True, slots=True)
class _Mention:
    """One date an article states: a day ("14 August", "Dec. 2, 2025") or a month ("in March 2024"),
    the year where the text gives it, and the content words of its sentence."""

    claim: Claim
    year: int | None
    month: int
    day: int | None
    words: frozenset[str]

    def stated_by(self, other: _Mention) -> bool:
        """Whether ``other`` states this date, as precisely: the same month, the same day unless this
        one gives none ("March 3" states "in March", not the other way round), the same year where
        both give one."""
        return self.month == other.month and (self.day is None or self.day == other.day) \
            and (self.year is None or other.year is None or self.year == other.year)


def _year(article_date: str | None, given: str | None, relative: str | None) -> int | None:
    """A month's year: written out, or "last/this/next year" counted from the article's date."""
    if given:
        return int(given)
    if relative and article_date and article_date[:4].isdigit():
        return int(article_date[:4]) + _YEAR_WORD[relative]
    return None


#: The dash that ends a dateline ("PORT AVERNE, July 7 (Halyard Newsdesk) - ").
_DATELINE_END = re.compile(r"\s[-\u2013\u2014]\s")


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where a sentence's words begin once a dateline opening it is left out (the place and the
    agency's name are no words of the act)."""
    for d in _DATE.finditer(text, start, end):
        if _in_dateline(text, d.start()) and (dash := _DATELINE_END.search(text, d.end(), min(end, d.end() + 80))):
            return dash.end()
    return start


def _mentions(analysis: Analysis) -> list[_Mention]:
    """Every day or month date of an article outside its dateline, with the content words of its
    sentence (its other dates and the dateline left out)."""
    text = analysis.article.text
    found: list[tuple[int, int, int | None, int, int | None]] = []  # start, end, year, month, day
    for m in _DATE.finditer(text):
        if not _in_dateline(text, m.start()) and (value := _date_value(m)) is not None:
            parts = [int(x) for x in value.split("-")]
            found.append((m.start(), m.end(), parts[0] if len(parts) == 3 else None, parts[-2], parts[-1]))
    for m in _MONTH_ONLY.finditer(text):
        if any(s < m.end(1) and m.start(1) < e for s, e, *_ in found) or _in_dateline(text, m.start(1)):
            continue
        if not (m.group(2) or m.group(3) or m.start(1) > m.start()):  # neither a year nor a preposition
            continue
        found.append((m.start(1), m.end(), _year(analysis.article.date, m.group(2), m.group(3)),
                      _month(m.group(1)), None))
    out = []
    for start, end, year, month, day in found:
        s_start, s_end = sentence_bounds(text, start, end)
        if any(s_start <= o_start < s_end and o_start != start for o_start, *_ in found):
            continue  # "opened on 24 October and was due to run until February": whose words are whose is unclear
        chars = list(text[s_start:s_end])
        for o_start, o_end, *_ in found:
            if s_start <= o_start < s_end:
                chars[o_start - s_start:o_end - s_start] = " " * (min(o_end, s_end) - o_start)
        words = frozenset(context_words("".join(chars)[_after_dateline(text, s_start, s_end) - s_start:]))
        value = (f"{year:04d}-" if year else "") + f"{month:02d}" + (f"-{day:02d}" if day else "")
        out.append(_Mention(Claim(analysis.article.id, start, end, text[start:end], value), year, month, day, words))
    return out


#: Letters two words must share from their start to count as one word of the act ("inspected",
#: "inspectors", "inspection"); shorter words must be equal. A crude stem, chosen over a stemmer
#: library because the sentences' words are compared only to rank which dates stand for one act.
STEM_LETTERS = 6
#: Stems two unmatched dates' sentences must share to be aligned, and the confidence of such a finding.
UNMATCHED_MIN_SHARED = 2
UNMATCHED_CONFIDENCE = 0.55


def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:STEM_LETTERS] for w in words)


def unmatched_date_findings(story_id: str, originals: list[Analysis], taken: set[tuple[str, int]]) -> list[Finding]:
    """Dates of one act that neither the event words nor many shared words align ("the breach was
    detected on August 14" against "the dam was given the all-clear by inspectors on February 9"...):
    for two outlets, the dates each states that the other does not state anywhere (so a date both give
    is never set against another act's date), aligned when their sentences share at least
    :data:`UNMATCHED_MIN_SHARED` stems and each is the other's unique best match. A day and a month
    without a day conflict only when the months differ ("in March" is "March 3"); "last week" or
    "recently" is no date and never conflicts. ``taken``: (article, start) of dates already compared."""
    per_outlet: dict[str, list[_Mention]] = defaultdict(list)
    for a in originals:
        per_outlet[outlet_of(a.article)] += [m for m in _mentions(a) if (m.claim.article, m.claim.start) not in taken]
    findings = []
    outlets = sorted(per_outlet)
    for k, o in enumerate(outlets):
        for r in outlets[k + 1:]:
            left = {x: [(m, _stems(m.words), "") for m in per_outlet[x] if not any(m.stated_by(n) for n in per_outlet[y])]
                    for x, y in ((o, r), (r, o))}
            for (_, i), (_, j), shared_stems in mutual_best(left, UNMATCHED_MIN_SHARED):
                c, d = left[o][i][0], left[r][j][0]
                shared = ", ".join(sorted(w for w in c.words | d.words if w[:STEM_LETTERS] in shared_stems))
                findings.append(Finding("date", story_id, f"date of what both say around it: {shared}",
                                        [c.claim, d.claim], confidence=UNMATCHED_CONFIDENCE,
                                        explanation=f"date: {o} “{c.claim.text}”; {r} “{d.claim.text}” — each "
                                                    f"outlet's only date of the act told with these words "
                                                    f"({shared}); neither states the other's date"))
    return findings


def date_findings(story_id: str, originals: list[Analysis], heads: list[str]) -> list[Finding]:
    """Outlets that each give one date for the event, but not the same one; then dates of another
    act aligned by the words around them (:func:`context_date_findings`)."""
    dated: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for a in originals:
        for head, value, s, e in event_dates(a, heads):
            dated[head][outlet_of(a.article)].append(Claim(a.article.id, s, e, a.article.text[s:e], value))
    findings = []
    for head, per_outlet in dated.items():
        single = {o: {c.value[-5:] for c in cs} for o, cs in per_outlet.items()}
        single = {o: next(iter(v)) for o, v in single.items() if len(v) == 1}
        if len(set(single.values())) >= 2:
            findings.append(Finding("date", story_id, head, [c for o in single for c in per_outlet[o]]))
    # Dates an event word or act compared across outlets; one outlet's "completed on 14 August" and
    # another's "closed on July 14" are compared by context instead.
    taken = {(c.article, c.start) for per_outlet in dated.values() if len(per_outlet) > 1
             for cs in per_outlet.values() for c in cs}
    findings += context_date_findings(story_id, originals, taken)
    taken |= {(c.article, c.start) for f in findings for c in f.claims}
    return findings + unmatched_date_findings(story_id, originals, taken)
