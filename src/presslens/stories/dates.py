"""Dates stated for the central event that differ between outlets."""
from __future__ import annotations

import re
from collections import defaultdict

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
    """Each calendar date with a day in a sentence holding no other, with the content words of that
    sentence (the date left out)."""
    text = analysis.article.text
    out = []
    for m in _DATE.finditer(text):
        if _in_dateline(text, m.start()):
            continue
        start, end = sentence_bounds(text, m.start(), m.end())
        if sum(1 for _ in _DATE.finditer(text, start, end)) != 1:
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
    return findings + context_date_findings(story_id, originals, taken)
