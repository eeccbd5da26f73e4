"""Claims: every stated quantity in one article, normalised, with what it measures, who says it and when.

A claim is a number as the article states it (``no fewer than 27 people lost their lives``): its
value (a range is kept as a range), the raw span, the qualifier that bounds it (``at least``,
``about``, ``up to``, ``risen to``…), the *measure* (dead, injured, missing, arrested,
evacuated, jobs, crowd, rate, money, votes, time), the source stating it (the outlet's own voice,
or the speaker of the quote it sits in) and its time (a date expression of its sentence, else the
article date). Story comparison aligns claims across outlets (:mod:`presslens.stories.numbers`).

How it is read:

* **Spotting** is a regular expression over the text (digits with thousands separators,
  decimals, ``bn``/``m`` suffixes, currency symbols, per cent, clock times, digit ranges,
  runs of number words, vague amounts such as ``dozens``, ``scores of``): offsets stay exact and
  odd forms (``1.2.3``, phone numbers, scores ``3-1``, years ``in 2019``, ordinals, ``COVID-19``)
  are recognised and dropped there, never turned into counts; an ordinal minute of play ("in the
  78th minute") is read apart, as a time on the match clock.
* **Number words** (``twenty-seven``, ``two hundred and forty``) are converted by ``text2num``
  (PyPI ``text2num``: maintained, a compiled Rust parser for English and seven other languages,
  with strict errors on malformed input). ``dozen`` and ``and a half`` are handled here because
  text2num does not know them. ``number-parser`` was not chosen (no release since 2023, it
  rewrites whole sentences and loses offsets), nor ``quantulum3`` (a statistical unit
  classifier, heavy, and ~10 ms per sentence, beyond the 10% budget).
* **The measure** comes from the spaCy parse, not from a keyword next to the number: the noun
  the number counts (``800 posts``), the verb that noun or the number is the subject or object
  of (``27 people lost their lives``, ``killing 12``, ``were evacuated``), or, for a number in a
  ``to``/``at`` phrase, the subject of the verb (``the death toll climbed to 31``). A number the
  parse ties to nothing known keeps ``measure = None``: a claim, but never aligned as a count.

The cost is one regular-expression pass plus a few token look-ups per number: well under the
10% of analysis time allowed (measured in ``benchmarks/findings.py``).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from presslens.model import Article, Claim, Quote
from presslens.textutil import hyphen_start

_UNITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
          "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "bn": 1e9, "m": 1e6, "k": 1e3, "tn": 1e12, "mn": 1e6}
_NUMWORD = r"(?:(?:%s)(?:-(?:%s))?)" % ("|".join(sorted(_UNITS, key=len, reverse=True)),
                                        "|".join(sorted(_UNITS, key=len, reverse=True)))
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion)"
#: Half of a scale word: "half a million", "half a billion" ("a quarter of ..." is read as a share, below).
_FRACTION_OF_SCALE = rf"half\s+an?\s+{_SCALE_WORD}"
_WORDS = rf"{_FRACTION_OF_SCALE}" \
         rf"|(?:{_NUMWORD}|a|an)(?:(?:\s+|\s+and\s+){_NUMWORD}|\s+{_SCALE_WORD}|\s+and\s+a\s+half|\s+dozen)*" \
         rf"|{_NUMWORD}"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CURRENCY = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "euros": "EUR", "euro": "EUR", "dollars": "USD",
             "pounds sterling": "GBP", "yen": "JPY", "francs": "FRANCS", "marks": "MARKS", "crowns": "CROWNS",
             "kronor": "SEK", "kroner": "KRONER", "pesos": "PESOS", "rupees": "RUPEES", "yuan": "CNY", "roubles": "RUB",
             "rubles": "RUB", "rand": "ZAR", "lira": "LIRA", "liras": "LIRA", "dinars": "DINARS", "shekels": "ILS",
             "zlotys": "PLN", "zloty": "PLN", "rupiah": "IDR", "ringgit": "MYR", "baht": "THB",
             "dirhams": "AED", "riyals": "RIYALS", "naira": "NGN", "shillings": "SHILLINGS", "forints": "HUF",
             "thalers": "THALERS", "ducats": "DUCATS", "florins": "FLORINS", "guilders": "GUILDERS",
             "pesetas": "PESETAS", "drachmas": "DRACHMAS", "escudos": "ESCUDOS", "schillings": "SCHILLINGS",
             "kuna": "KUNA", "lei": "LEI", "leva": "LEVA", "hryvnias": "UAH", "denars": "DENARS", "korunas": "CZK",
             # the singular, as a sum's modifier ("a 9 million thaler ransom"); "mark" and "crown" left out
             "thaler": "THALERS", "franc": "FRANCS", "peso": "PESOS", "rupee": "RUPEES", "rouble": "RUB", "ruble": "RUB",
             "dinar": "DINARS", "shekel": "ILS", "ducat": "DUCATS", "florin": "FLORINS", "guilder": "GUILDERS",
             "krona": "SEK", "krone": "KRONER", "dirham": "AED", "riyal": "RIYALS", "forint": "HUF"}
#: Currency names (and their lemmas) as written after a number: never a sum's topic.
_CURRENCY_WORDS = {w for w in _CURRENCY if w.isalpha()} | {"pound", "sterling", "dollar"}
_SUFFIX = r"(?:\s?(?:hundred|thousand|million|billion|trillion|bn|mn|m|k|tn)\b)?"
_PERCENT = r"(?:\s?%|\s+per\s?cent\b|\s+percent\b|\s+percentage\s+points?\b)"
_VAGUE = {"dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2000, 9999),
          "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999), "millions": (2e6, 9.99e6)}

_PATTERN = re.compile(
    rf"(?P<clock>(?<![\d:])\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?![\d:]))"
    rf"|(?P<range>(?<![\w.,])(?P<lo>{_DIGITS})(?P<rsep>\s?[-–]\s?|\s+to\s+)(?P<hi>{_DIGITS})(?![\w.,]\d|[-–]\d)"
    rf"(?P<rsuf>{_SUFFIX})(?P<rpct>{_PERCENT})?)"
    rf"|(?P<mrange>(?P<btw>between\s+)?(?P<rcur>[€$£¥])(?P<mlo>{_DIGITS})(?P<mlosuf>{_SUFFIX})"
    rf"(?:\s+to\s+|\s?[-–]\s?|(?(btw)\s+and\s+|(?!)))[€$£¥](?P<mhi>{_DIGITS})(?P<mhisuf>{_SUFFIX}))"
    rf"|(?P<prange>(?<![\w.,])(?P<plo>{_DIGITS})(?P<punit>{_PERCENT})\s+to\s+(?P<phi>{_DIGITS})(?P=punit))"
    rf"|(?P<money>(?P<cur>[€$£¥])\s?(?P<mnum>{_DIGITS})(?P<msuf>{_SUFFIX}))"
    rf"|(?P<num>(?<![\w.,/:-])(?P<digits>{_DIGITS})(?![\d]|\.\d|,\d|[-–/]\d|\w(?<![bmkn]))(?P<suf>{_SUFFIX})"
    rf"(?P<pct>{_PERCENT})?)"
    rf"|(?P<vague>\b(?:tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions)\b)"
    rf"|(?P<words>\b(?:{_WORDS})\b(?:(?P<wpct>{_PERCENT}))?)",
    re.I,
)
#: A month's name or its abbreviation, whole ("marks", "mayors" and "decades" are no months).
_MONTH_NAME = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
               r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")
_MONTH = re.compile(rf"\b{_MONTH_NAME}\.?$", re.I)
_MONTH_AFTER = re.compile(rf"\s*{_MONTH_NAME}", re.I)
_PHONE = re.compile(r"\+?\d[\d ().-]{7,}\d")

#: Qualifiers read in the words just before a number, longest first; the value is the bound kind.
_QUALIFIERS = [
    ("no fewer than", "at least"), ("no less than", "at least"), ("at least", "at least"), ("more than", "more than"),
    ("over", "more than"), ("upwards of", "more than"), ("in excess of", "more than"), ("some", "about"),
    ("about", "about"), ("around", "about"), ("roughly", "about"), ("approximately", "about"),
    ("an estimated", "about"), ("estimated", "about"), ("almost", "nearly"), ("nearly", "nearly"),
    ("close to", "nearly"), ("just under", "nearly"), ("up to", "up to"), ("as many as", "up to"),
    ("fewer than", "less than"), ("less than", "less than"), ("under", "less than"), ("at most", "up to"),
    ("risen to", "risen to"), ("rose to", "risen to"), ("climbed to", "risen to"), ("increased to", "risen to"),
    ("jumped to", "risen to"), ("risen to at least", "at least"), ("above", "more than"), ("just above", "more than"),
    ("exceeds", "more than"), ("exceeding", "more than"), ("below", "less than"), ("as high as", "up to"),
    ("as much as", "up to"), ("as long as", "up to"), ("barely", "up to"), ("scarcely", "up to"),
]
#: Qualifiers written after the number ("$200 or less", "50-plus", "ninety-odd": a round figure, approximate).
_POST_QUAL = re.compile(r"(?:\s+or\s+(more|less|fewer|so)\b|-?(plus)\b|-(odd)\b|(\+))", re.I)
_POST = {"more": "at least", "less": "up to", "fewer": "up to", "so": "about", "plus": "at least", "odd": "about",
         "+": "at least"}
_QUAL_RE = re.compile(r"(?:%s)\s*$" % "|".join(re.escape(q) for q, _ in sorted(_QUALIFIERS, key=lambda x: -len(x[0]))),
                      re.I)
_QUAL = dict(_QUALIFIERS)

#: Verbs (lemmas) whose subject or object is what a count measures.
_VERB_MEASURE = {"kill": "dead", "die": "dead", "perish": "dead", "drown": "dead", "murder": "dead",
                 "injure": "injured", "hurt": "injured", "wound": "injured", "hospitalise": "hospitalised",
                 "hospitalize": "hospitalised", "treat": "injured", "sicken": "ill",
                 "miss": "missing", "arrest": "arrested", "detain": "arrested", "hold": "arrested",
                 "evacuate": "evacuated", "displace": "evacuated", "flee": "evacuated", "relocate": "evacuated",
                 "evacuat": "evacuated", "rehouse": "evacuated",
                 "shed": "jobs", "cut": "jobs", "axe": "jobs", "eliminate": "jobs", "lay": "jobs", "slash": "jobs",
                 "march": "crowd", "gather": "crowd", "rally": "crowd", "protest": "crowd", "attend": "crowd",
                 "join": "crowd", "demonstrate": "crowd", "turn": "crowd", "watch": "crowd",
                 "trap": "trapped", "strand": "trapped", "carry": "aboard", "draw": "crowd"}
#: Measures that count people or things of one event (a head count, never fractional).
COUNT_MEASURES = ("dead", "injured", "missing", "arrested", "evacuated", "homeless", "jobs", "crowd", "trapped", "aboard",
                  "ill", "hospitalised")
#: Adjectives and participles after a count ("12 dead", "five injured", "27 missing").
_ADJ_MEASURE = {"dead": "dead", "injured": "injured", "wounded": "injured", "hurt": "injured", "missing": "missing",
                "killed": "dead", "arrested": "arrested", "detained": "arrested", "displaced": "evacuated",
                "homeless": "homeless", "unaccounted": "missing", "evacuated": "evacuated",
                "trapped": "trapped", "stranded": "trapped", "ill": "ill", "sick": "ill", "sickened": "ill",
                "hospitalised": "hospitalised", "hospitalized": "hospitalised"}
#: Nouns that say what they count by themselves.
_NOUN_MEASURE = {"death": "dead", "fatality": "dead", "body": "dead", "dead": "dead", "casualty": "injured",
                 "injury": "injured", "injured": "injured", "wounded": "injured", "arrest": "arrested",
                 "detention": "arrested", "detainee": "arrested", "evacuee": "evacuated", "displaced": "evacuated",
                 "job": "jobs", "post": "jobs", "position": "jobs", "redundancy": "jobs", "layoff": "jobs",
                 "crowd": "crowd", "vote": "votes", "ballot": "votes"}
#: Nouns of an act done to people, whose "of" is the count the act concerns ("the evacuation of 1,200
#: people", "the arrest of 40 protesters", "the deaths of 12 miners").
_ACT_MEASURE = {"evacuation": "evacuated", "relocation": "evacuated", "displacement": "evacuated",
                "arrest": "arrested", "detention": "arrested", "death": "dead", "killing": "dead",
                "hospitalisation": "hospitalised", "hospitalization": "hospitalised"}
#: People whose count is a crowd unless a verb says otherwise ("arrested 40 protesters").
_CROWD = {"protester", "protestor", "demonstrator", "marcher", "participant", "spectator", "rioter", "fan"}
#: Nouns for people, whose measure comes from the verb or adjective around them.
_PEOPLE = {"people", "person", "civilian", "resident", "child", "man", "woman", "passenger", "villager", "worker",
           "employee", "staff", "soldier", "officer", "policeman", "migrant", "student", "victim", "pilgrim",
           "miner", "tourist", "fan", "protester", "demonstrator", "member", "family", "household", "inhabitant",
           "local", "citizen", "teenager", "adult", "patient", "crew", "sailor", "fisherman", "firefighter",
           "refugee", "trooper", "rescuer", "guard", "prisoner", "inmate", "supporter", "others", "other",
           "docker", "dockworker", "teacher", "nurse", "doctor", "driver", "farmer", "job", "post", "looter",
           "suspect", "volunteer", "youth", "journalist", "activist", "opponent", "rioter", "pupil", "schoolchild",
           "youngster", "guest", "commuter", "visitor", "shopper", "baby", "infant", "hostage", "player", "diner",
           "customer", "boy", "girl", "kid", "pensioner"}
#: The same, public: which counts of a kind are counts of people (story comparison keeps them apart from
#: counts of things).
PEOPLE_NOUNS = frozenset(_PEOPLE)
#: Subjects of "climbed to 31" / "stood at 31" that name a count, and what that count measures.
_TOLL = {"toll": "dead", "death": "dead", "fatality": "dead", "casualty": "injured", "injury": "injured",
         "arrest": "arrested", "turnout": "crowd", "attendance": "crowd", "crowd": "crowd", "rate": "rate",
         "inflation": "rate", "unemployment": "rate", "support": "votes", "share": "votes", "vote": "votes"}
_DURATION = {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade"}
_POLL = re.compile(r"\b(vote|votes|voters|voted|poll|polls|polling|pollsters?|surveys?|ballots?|approval|electorate|"
                   r"respondents|electoral)\b", re.I)
#: Who a share is "of" when it is a share of a poll or a vote ("62 percent of Republicans agreed").
_POLLED = {"voter", "respondent", "republican", "democrat", "american", "adult", "independent", "resident",
           "elector", "vote", "ballot", "supporter", "delegate", "latino", "woman", "man", "millennial"}


#: Fractions that open a run of number words before "a"/"an" and a scale word.
_FRACTIONS = {"half": 0.5}


def words_value(text: str) -> float | None:
    """A run of number words as a number: text2num for the words, plus "dozen" and "and a half".

    Returns None for text that is not a number ("a", "an", a malformed run).
    """
    words = text.lower().replace("-", " ").split()
    fraction = _FRACTIONS.get(" ".join(words[:-2]))
    if fraction is not None and words[-2] in ("a", "an") and words[-1] in _SCALES:
        return fraction * _SCALES[words[-1]]  # "half a million": text2num knows no fractions
    if words and words[0] in ("a", "an"):
        words[0] = "one"
    if words == ["one"] and text.lower() in ("a", "an"):
        return None
    half = False
    joined = " ".join(words)
    if " and a half" in joined:
        half = True
        joined = joined.replace(" and a half", "")
    dozen = joined.endswith(" dozen") or joined == "dozen"
    if dozen:
        joined = joined.removesuffix("dozen").strip() or "one"
    scale = 1.0
    for name in ("thousand", "million", "billion", "trillion"):
        if half and joined.endswith(" " + name):
            joined, scale = joined.removesuffix(" " + name), _SCALES[name]
    try:
        value = float(text2num(joined, "en"))
    except ValueError:
        return None
    if half:
        value += 0.5
    return value * scale * (12 if dozen else 1)


def _digits(text: str) -> float:
    return float(text.replace(",", ""))


def _scale(suffix: str | None) -> float:
    return _SCALES.get((suffix or "").strip().lower(), 1.0)


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier just before ``start`` (its normal form) and where it begins."""
    window = text[max(0, start - 25):start]
    m = _QUAL_RE.search(window)
    if not m or (m.start() > 0 and window[m.start() - 1].isalpha()):
        return None, start
    return _QUAL[" ".join(m.group().lower().split())], start - (len(window) - m.start())


def _post_qualifier(text: str, end: int) -> str | None:
    """A qualifier right after the number ("or more", "or less", "-plus"), as its normal form."""
    m = _POST_QUAL.match(text, end)
    return _POST[next(g for g in m.groups() if g).lower()] if m else None


def _not_a_count(text: str, m: re.Match[str]) -> bool:
    """Numbers that are identifiers, dates, years, scores or phone numbers, not quantities."""
    s, e = m.start(), m.end()
    before, after = text[max(0, s - 12):s], text[e:e + 12]
    if m.group("num"):
        raw = m.group("digits")
        if re.search(r"\d[.:]$", before) or re.match(r"\.\d", after):
            return True  # "1.2.3", versions, "10.30" clock
        if re.search(r"\d[ -]$", before) or re.match(r"[ -]\d{3,}", after):
            return True  # digit groups of a phone or account number
        if re.match(r"(?:st|nd|rd|th)\b", after, re.I):
            return True
        if (re.fullmatch(r"(1[89]|20)\d\d", raw) and not m.group("suf") and not m.group("pct")
                and not re.match(r"\s+(?:people|persons|workers|jobs|residents|protesters|troops|soldiers)\b",
                                 after, re.I)):
            return True  # a year: "in 2019", "the 2016 election"
        if _MONTH.search(before.rstrip()) or _MONTH_AFTER.match(after):
            return True  # a day of a month
        if re.match(r"\s*(?:a\.?m\.?|p\.?m\.?|GMT|UTC|BST|CET)\b", after, re.I):
            return True
    if m.group("range"):
        lo, hi = _digits(m.group("lo")), _digits(m.group("hi"))
        if "-" in m.group("rsep") or "–" in m.group("rsep"):
            if hi <= lo:
                return True  # a score, "3-1"
            if re.fullmatch(r"(1[89]|20)\d\d", m.group("lo")):
                return True  # years "2019-2020"
    return bool(m.group("num") and _PHONE.fullmatch(text[max(0, s - 6):e + 8].strip()))


def _is_scale(tok: Token) -> bool:
    """A scale word or suffix, also with the full stop of a sentence's end the tokenizer leaves on it
    ("the cost has risen to £286m." ends in the token "m.")."""
    return tok.lower_ in _SCALES or tok.lower_.rstrip(".") in _SCALES


def _anchor(doc: Doc, start: int, end: int) -> Token | None:
    """The token standing for the number in the parse: the last number-like token of the span."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    toks = [t for t in span if t.like_num or t.pos_ == "NUM" or _is_scale(t) or t.lower_ in ("dozen", "dozens")]
    return (toks or list(span))[-1]


def _top_number(tok: Token) -> Token:
    """Climb from a number token to the top of its number phrase ("four" → "thousand")."""
    seen = 0
    while (tok.head is not tok and seen < 6
           and (tok.dep_ in ("compound", "quantmod", "nummod", "conj", "cc", "prep")
                or tok.dep_ == "npadvmod" and _is_scale(tok))  # "to £286m." parsed "286" <- "m."
           and (tok.head.like_num or tok.head.pos_ == "NUM" or _is_scale(tok.head) or tok.head.lower_ == "dozen")):
        tok, seen = tok.head, seen + 1
    return tok


def _strikes(verb: Token) -> bool:
    """The verb says its subject stopped work: "went on strike", "walked out", "downed tools"."""
    lemma = verb.lemma_.lower()
    if lemma == "walk":  # "walked out" (a particle, not "walked out of the bar"), "walked off the job / the wards"
        return any((c.dep_ == "prt" and c.lower_ == "out" and not any(g.dep_ == "prep" for g in c.children))
                   or (c.dep_ in ("prep", "prt") and c.lower_ == "off")
                   or (c.dep_ in ("prep", "prt") and c.lower_ == "out"
                       and any(o.lemma_.lower() in ("job", "work", "shift") for o in c.subtree if o is not c))
                   for c in verb.children)
    if lemma == "down":
        return any(c.dep_ == "dobj" and c.lemma_.lower() == "tool" for c in verb.children)
    if lemma == "stop":  # "6,500 nurses stopped work"
        return any(c.dep_ == "dobj" and c.lemma_.lower() == "work" for c in verb.children)
    if lemma in ("begin", "start", "stage", "hold", "launch"):  # "nurses began a two-day strike"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in ("strike", "walkout", "stoppage") for c in verb.children)
    return any(c.dep_ == "prep" and c.lower_ == "on" and any(o.lemma_.lower() == "strike" for o in c.children)
               for c in verb.children)


def _from_homes(verb: Token, node: Token) -> bool:
    """People the verb moves from their homes: "were moved out of their homes", "driving 9,000 people
    from their homes" (the people the subject or object, the homes on the verb or on the people),
    "were moved out", "had to leave their homes" (the people the subject, "home" the object of "leave"
    or of the verb it governs)."""
    def homes(tok: Token) -> bool:
        return tok.lemma_.lower() == "home"
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "out", "of") and (
                any(homes(o) for o in c.children) or any(homes(o) for g in c.children for o in g.children)):
            return True
    # "forcing about 2,300 residents from their homes": the parse hangs the homes on the people
    if any(c.dep_ == "prep" and c.lower_ == "from" and any(
            homes(o) and any(d.dep_ == "poss" and d.lower_ == "their" for d in o.children) for o in c.children)
           for c in node.children):
        return True
    if verb.lemma_.lower() == "move" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return True  # "2,300 people living in the streets were moved out overnight"
    leave = verb if verb.lemma_.lower() in ("leave", "flee", "abandon") else next(
        (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in ("leave", "flee", "abandon")), None)
    return leave is not None and node.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "dobj" and homes(c) for c in leave.children)


#: What people are left "without" when they are homeless ("60 people without a roof over their heads").
_SHELTER = {"home", "roof", "shelter"}


def _homes_lost(verb: Token, node: Token) -> bool:
    """People who lost their homes, as against people moved from them (evacuated, who may return):
    "180 residents lost their homes" (the people the subject of "lose" with "home" its object), "leaving
    60 people without a roof over their heads" (the people the object, "without" a shelter word)."""
    lemma = verb.lemma_.lower()
    if lemma == "lose" and node.dep_ == "nsubj":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _SHELTER for c in verb.children)
    without = [c for c in list(verb.children) + list(node.children) if c.dep_ == "prep" and c.lower_ == "without"]
    return any(o.dep_ == "pobj" and o.lemma_.lower() in _SHELTER for w in without for o in w.children)


#: Nouns a count is "a total of" or "the number of": the verb is theirs ("A total of 43 people were hurt").
_TOTAL = {"total", "number", "tally", "group"}


def _to_hospital(verb: Token, bare: bool = False) -> bool:
    """The verb takes people to or keeps them in hospital: "were admitted to hospital", "rushed to
    hospital" (parsed "to" + "hospital" as a clause), "were being treated in hospital", "five children
    remain in hospital". With ``bare``, for people named with no verb ("nine children in hospital"),
    only "hospital" with no determiner counts: the patients' idiom, where "the nurses in the hospital"
    are its staff."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "in", "into") and any(
                o.dep_ == "pobj" and o.lemma_.lower() == "hospital"
                and not (bare and any(d.dep_ in ("det", "poss") for d in o.children)) for o in c.children):
            return True
        if c.dep_ == "xcomp" and c.lemma_.lower() == "hospital":
            return True
    return False


def _on_board(tok: Token) -> bool:
    """The word has "on board" or "aboard" hanging on it: "were on board", "people aboard the boat"."""
    return any((c.dep_ == "prep" and c.lower_ == "on" and any(o.lower_ == "board" for o in c.children))
               or c.lower_ in ("aboard", "onboard") for c in tok.children)


def _verb_measure(node: Token) -> tuple[str | None, str | None]:
    """The measure a verb (or adjective) gives a count that is its subject or object, with the word."""
    for child in node.children:
        if child.dep_ in ("amod", "acl", "relcl") and child.lower_ in _ADJ_MEASURE:
            return _ADJ_MEASURE[child.lower_], child.text
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _VERB_MEASURE:
            return _VERB_MEASURE[child.lemma_.lower()], child.text
    if node.pos_ == "NOUN" and _to_hospital(node, bare=True):
        return "hospitalised", f"{node.text} in hospital"  # "with 60 cases and nine children in hospital"
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in _TOTAL:
        node = node.head.head  # "A total of 43 people were hurt": the verb is the total's
    if node.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "appos", "npadvmod", "conj") or (
            node.dep_ == "pobj" and node.head.lower_ in ("by", "of")):
        head = node.head
        if node.dep_ == "pobj":
            head = head.head
        if head.dep_ in ("aux", "auxpass") and head.head is not head:  # "dozen were missing" hung on "were"
            head = head.head
        if node.dep_ == "conj":
            return _verb_measure(head) if head is not node else (None, None)
        lemma = head.lemma_.lower()
        if node.dep_ in ("nsubj", "dobj", "attr") and (_on_board(head) or _on_board(node)):
            return "aboard", "on board"  # "58 people were on board", "had 73 people on board", "40 people aboard"
        if lemma == "lose" and any(c.lemma_.lower() in ("life", "live") for c in head.children):
            return "dead", f"{head.text} their lives"
        if lemma in ("be", "remain", "stay", "leave", "report", "confirm", "declare", "list", "fall", "become", "get",
                     "take"):
            for c in head.children:
                # "fell ill" is parsed with "ill" an adverb as often as a complement
                if c.dep_ in ("acomp", "attr", "oprd", "xcomp", "ccomp", "advmod") and c.lower_ in _ADJ_MEASURE:
                    return _ADJ_MEASURE[c.lower_], c.text
                if c.dep_ in ("acomp", "xcomp", "ccomp", "oprd") and c.lemma_.lower() in _VERB_MEASURE:
                    return _VERB_MEASURE[c.lemma_.lower()], c.text
            if lemma in ("be", "remain") and node.dep_ == "nsubj" and not _to_hospital(head):
                return None, None  # but "five children remain in hospital" are hospitalised
        if _to_hospital(head):
            return "hospitalised", f"{head.text} to hospital"  # "were admitted to hospital", "rushed to hospital"
        if _from_homes(head, node):
            return "evacuated", f"{head.text} from their homes"  # "6,000 residents were moved out of their homes"
        if _homes_lost(head, node):
            return "homeless", f"{head.text} their homes" if head.lemma_.lower() == "lose" else "without a home"
        if lemma == "take" and node.dep_ == "nsubj" and any(
                c.dep_ == "prep" and c.lower_ == "to" and any(o.lemma_.lower() == "street" for o in c.children)
                for c in head.children):
            return "crowd", f"{head.text} to the streets"
        if lemma == "lay" and not any(c.lower_ == "off" for c in head.children):
            return None, None
        if lemma == "turn" and not any(c.lower_ in ("out", "up") for c in head.children):
            return None, None
        if lemma == "cut" and node.dep_ != "dobj":
            return None, None
        if node.dep_ == "nsubj" and _strikes(head):
            return "crowd", head.text  # "3,000 dockworkers went on strike", "4,500 walked out"
        if lemma in _VERB_MEASURE:
            return _VERB_MEASURE[lemma], head.text
        if node.dep_ == "pobj" and node.head.lower_ == "of" and head.pos_ == "NOUN" and lemma in _ACT_MEASURE:
            return _ACT_MEASURE[lemma], f"{head.text} of"  # "forced the evacuation of 1,200 people"
        if head.lower_ in _ADJ_MEASURE:
            return _ADJ_MEASURE[head.lower_], head.text
        if head.pos_ in ("VERB", "AUX") and head.dep_ in ("conj", "xcomp", "ccomp") and head.lemma_.lower() in ("be",):
            return None, None
    return None, None


def _toll_measure(num: Token) -> tuple[str | None, str | None, bool]:
    """For "the death toll climbed to 31" / "a toll of 31": the measure from the counted subject,
    its word, and whether a rising verb carries it (qualifier "risen to")."""
    if num.dep_ not in ("pobj", "attr", "dobj") and not (num.dep_ == "nummod" and num.head.dep_ == "pobj"):
        return None, None, False
    node = num if num.dep_ != "nummod" else num.head
    prep = node.head if node.dep_ == "pobj" else None
    verb = prep.head if prep is not None else node.head
    subject = None
    if prep is not None and prep.lower_ == "of" and verb.pos_ in ("NOUN", "PROPN"):
        subject = verb
    elif verb.pos_ in ("VERB", "AUX"):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None, None, False
    rising = verb.lemma_.lower() in ("rise", "climb", "increase", "jump", "grow", "reach", "hit", "soar", "mount")
    lemma = subject.lemma_.lower()
    words = {lemma} | {c.lemma_.lower() for c in subject.children if c.dep_ in ("compound", "amod")}
    if lemma in ("number", "figure", "count", "total", "tally", "toll"):
        for c in subject.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    words.add(p.lemma_.lower())
                    m, w = _verb_measure(p)
                    if m:
                        return m, f"{subject.text} of {p.text}", rising
    for w in ("death", "fatality", "injury", "casualty", "arrest", "turnout", "attendance", "crowd", "inflation",
              "unemployment", "rate", "support", "share"):
        if w in words:
            return _TOLL[w], subject.text if w == lemma else f"{w} {subject.text}", rising
    if lemma in _ADJ_MEASURE:
        return _ADJ_MEASURE[lemma], subject.text, rising
    if "toll" in words:
        return "dead", subject.text, rising
    return None, None, False


#: Dwellings, whose count an evacuation may be told in ("340 homes were evacuated", "600 households"):
#: the claim's counted words keep the noun, so that story comparison keeps homes apart from people.
DWELLINGS = frozenset({"home", "house", "household", "property", "dwelling", "flat", "apartment"})
_DWELLINGS = DWELLINGS - {"household"}  # households are people to the reader (:data:`_PEOPLE`) already


#: Verbs whose subject (passive) or object is emptied of its people: "340 homes were evacuated", "Around 340
#: houses were emptied", "police cleared 200 homes".
_EMPTY = {"evacuate", "empty", "clear"}


def _homes_evacuated(noun: Token) -> bool:
    """Whether a count of dwellings is of those evacuated: the dwellings, or the people "of" or "from" them
    ("Residents of about 300 homes nearby were evacuated", "families from 300 homes were ordered out"),
    the object or passive subject of a verb of emptying, or ordered out. The power network "of 20,000
    homes" is not."""
    node = noun
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "from") and noun.head.head.lemma_.lower() in _PEOPLE:
        node = noun.head.head
    verb = node.head
    if node.dep_ not in ("nsubjpass", "dobj") or verb.pos_ != "VERB":
        return False
    return verb.lemma_.lower() in _EMPTY or verb.lemma_.lower() == "order" and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "out" for c in verb.children)


#: What a power cut leaves without power ("18,000 homes", "28,000 households", "40,000 customers").
_SUPPLIED = {"home", "household", "customer", "house", "property", "business", "resident", "people", "family"}
_POWER = {"power", "electricity", "light", "heating", "supply"}


def _without_power(noun: Token) -> bool:
    """Whether a count of homes or people is of those left without power: "left some 18,000 homes
    without power", "plunged 28,000 households into darkness", "power was restored to about 18,000
    households", "30,000 customers lost power"."""
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    preps = [c for c in head.children if c.dep_ == "prep"] + [c for c in noun.children if c.dep_ == "prep"]
    if any(p.lower_ == "without" and any(o.lemma_.lower() in _POWER for o in p.children) for p in preps):
        return True
    if any(p.lower_ == "into" and any(o.lemma_.lower() in ("darkness", "dark", "blackout") for o in p.children)
           for p in preps):
        return True
    lemma = head.lemma_.lower()
    if lemma == "lose" and noun.dep_ == "nsubj":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _POWER for c in head.children)
    if lemma == "restore" and noun.dep_ == "pobj" and noun.head.lower_ == "to":
        return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _POWER for c in head.children)
    return False


def _is_margin(noun: Token) -> bool:
    """Whether a count of votes is a winning margin: "won by just 37 votes", "by a margin of 58 votes"."""
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    if prep.lower_ == "by" and prep.head.lemma_.lower() in ("win", "lose", "lead", "carry", "beat", "defeat", "trail"):
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() == "margin"


def _measure(doc: Doc, tok: Token | None, unit: str | None) -> tuple[str | None, str | None, bool]:
    """(measure, the word it is read from, rising verb) for the number whose anchor token is ``tok``."""
    if unit in _CURRENCY.values():
        return "money", unit, False
    if unit == "s":
        return "time", "clock", False
    if tok is None:
        return None, None, False
    sent = tok.sent
    if unit == "%":
        top = _top_number(tok)
        m, word, rising = _toll_measure(top)
        if m in ("rate", "votes"):
            return m, word, rising
        # The share "of" whom: voters and respondents make it a poll or vote share, anything else a rate.
        whole = top.head if top.dep_ == "nummod" else top
        of = next((c for c in whole.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            return ("votes" if pobj.lemma_.lower() in _POLLED else "rate"), pobj.text, rising
        return ("votes" if _POLL.search(sent.text) else "rate"), "%", rising
    num = _top_number(tok)
    noun: Token | None = None
    if num.dep_ in ("nummod", "amod", "compound") and num.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        noun = num.head
    elif num.pos_ == "NOUN" and not num.like_num and not _is_scale(num) and num.lower_ not in _VAGUE:
        noun = num
    elif num.head.i == num.i and num.i + 1 < len(doc) and doc[num.i + 1].pos_ == "NOUN" and doc[num.i + 1].head.i != num.i:
        # A capitalised number word opening a sentence is often parsed as a sentence of its own
        # ("Twenty | people were missing"): the noun right after it is what it counts.
        noun = doc[num.i + 1]
    # "dozens of people", "12 of the victims": the counted noun is the object of "of".
    via_of = False
    if noun is None or noun.lower_ in _VAGUE or noun.lower_ in ("dozen",):
        of = next((c for c in (noun or num).children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            noun, via_of = pobj, True
    if noun is not None:
        lemma = noun.lemma_.lower()
        if lemma == "point" and _POLL.search(sent.text):
            return "votes", noun.text, False
        if lemma == "vote" and _is_margin(noun):
            return "margin", noun.text, False
        if lemma in _SUPPLIED and _without_power(noun):
            return "without power", noun.text, False
        if lemma in ("dollar", "euro", "cent") or (via_of and lemma in ("cash",)):
            return "money", noun.text, False
        # the next word, from the token (Doc.text would join the whole document on each call)
        # "19 hours before the blast" is a time; "burned for 19 hours before it was contained" a duration
        if lemma in _DURATION and (_lasting(noun) or _is_delay(noun) or _before_known(noun) or not re.match(
                r"(ago|old|later|earlier|before|after)\b", doc[noun.i + 1:noun.i + 2].text)):
            return "time", noun.text, False
        if lemma in _NOUN_MEASURE and lemma not in ("job", "post", "position") or lemma in ("redundancy", "layoff"):
            return _NOUN_MEASURE[lemma], noun.text, False
        if lemma in _DWELLINGS and _homes_evacuated(noun):  # "About 340 homes in Ostwick were evacuated"
            return "evacuated", f"{noun.text} evacuated", False
        # "trapping about 20 more": "more" stands for the people just counted; its verb says what
        if lemma in _PEOPLE or lemma in _CROWD or lemma in ("job", "post", "position", "more"):
            m, word = _verb_measure(num if via_of else noun)
            if m == "jobs" and lemma not in ("job", "post", "position", "worker", "employee", "staff"):
                m = None
            if m is None and lemma in ("job", "post", "position"):
                m, word = "jobs", noun.text
            if m is None and lemma in _CROWD:
                m, word = "crowd", noun.text
            if m is None and lemma == "passenger":  # "Nearly 500 passengers were on the train"
                m, word = "aboard", noun.text
            if m is not None:
                return m, word if m == "jobs" or word == noun.text else f"{noun.text} {word}", False
            return None, None, False
        if noun is not num and noun.pos_ in ("NOUN", "PROPN"):
            return None, None, False
    m, word = _verb_measure(num)
    if m is not None and m not in ("jobs", "crowd"):
        return m, word, False
    return _toll_measure(num)


#: The tokens a per-cent figure's unit is parsed into ("9 %", "12 per cent", "14 percent").
_PERCENT_WORDS = frozenset({"%", "cent", "percent"})
#: Words that say nothing about which rate or sum is meant ("the key rate", "its main interest rate").
_GENERIC = {"key", "main", "benchmark", "official", "policy", "interest", "headline", "base", "new", "total", "overall",
            # intensifiers: how big the writer finds the sum, not which sum ("a staggering ransom")
            "staggering", "whopping", "massive", "huge", "hefty", "colossal", "mammoth", "enormous", "astonishing",
            "eye-watering", "paltry", "measly", "mere", "modest", "record-breaking", "shocking", "brutal",
            "annual", "current", "its", "their", "the", "a", "an", "this", "that", "latest", "record"} \
    | _PERCENT_WORDS  # the figure's own unit ("a nine per cent increase")
#: A sentence about a poll: its shares and margins belong to that poll and subgroup, not to the story.
POLL_WORDS = re.compile(r"\b(poll|polls|polling(?!\s+(?:stations?|places?|booths?|day))|survey|surveys|surveyed|respondents|pollsters?|margin of (?:sampling )?"
                         r"error|sampling error|likely voters)\b", re.I)
#: Verbs whose subject is the measured thing when a figure is their level ("inflation rose to 3%").
_LEVEL = {"be", "stand", "rise", "fall", "reach", "climb", "drop", "hit", "remain", "stay", "jump", "increase",
          "decrease", "decline", "grow", "ease", "slow", "hover", "sink", "soar", "surge", "top", "exceed", "average",
          "slip", "edge", "dip", "rebound", "peak", "reach"}
#: Nouns of a change, whose "in" or "of" names what changed ("a rise in the sales tax").
_CHANGE = {"rise", "increase", "cut", "reduction", "hike", "change", "raise", "drop", "fall"}
#: Change nouns "of" a figure, one word per direction: "a pay rise of 11 per cent" and "a pay increase
#: of 14 percent" are one topic.
_CHANGE_SAME = {"rise": "rise", "increase": "rise", "hike": "rise", "raise": "rise", "jump": "rise",
                "cut": "cut", "reduction": "cut", "decrease": "cut", "fall": "fall", "drop": "fall"}
#: The last words of such a change's topic ("pay rise").
CHANGE_WORDS = frozenset(_CHANGE_SAME.values())
#: Nouns that name a measured rate by themselves (read even when tagged as proper nouns).
_MEASURED = {"turnout", "inflation", "unemployment", "growth", "participation", "attendance", "productivity"}
#: Verbs whose object takes the figure ("raised its rate to 4.75%", "cut the budget to €2bn").
_SETTING = {"raise", "lift", "cut", "lower", "increase", "reduce", "set", "hold", "keep", "leave", "put", "trim",
            "hike", "boost", "fix", "peg", "bring", "push", "slash", "take"}


#: Modifiers that do not make another inflation: "consumer price inflation" is the inflation a story
#: reports ("core inflation" is another).
_INFLATION_SAME = {"consumer", "price", "prices"}


def _noun_phrase(noun: Token) -> str:
    """A noun with its compound and adjective modifiers, lower-case, generic words left out
    ("its main interest rate" → "rate"; "the unemployment rate" → "unemployment rate"; "value-added
    tax" whole, though spaCy splits it into three tokens)."""
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i
            and c.lower_ not in _GENERIC and c.lower_ not in _CURRENCY_WORDS
            and (c.pos_ in ("NOUN", "PROPN", "ADJ") or hyphen_start(c) < c.i)
            and c.lemma_.lower() not in _DURATION and not any(t.like_num or any(ch.isdigit() for ch in t.text)
                                                                 for t in c.subtree)]
    if noun.lemma_.lower() == "inflation":
        mods = [m for m in mods if m.lower_ not in _INFLATION_SAME]
    return " ".join(["".join(t.lower_ for t in m.doc[hyphen_start(m):m.i + 1]) for m in mods] + [noun.lemma_.lower()])


def _clause_subject(verb: Token) -> Token | None:
    """The subject of a verb or of the clause it hangs from ("Hart won, taking 52%" → Hart)."""
    for _ in range(4):
        # The subject may hang from an auxiliary when a hyphenated verb splits ("was re-elected").
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) or next(
            (g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children
             if g.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        # "will be mayor after winning the runoff with 54.2 per cent": up through "after" to "be".
        if verb.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "acl", "prep") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _set_topic(node: Token) -> str | None:
    """The thing a figure is set for: the object of a setting verb the figure is the target of
    ("raised its key rate to 4.75 per cent" → "rate"), or what a change noun is "in" ("approved a
    rise in the sales tax to 23 per cent" → "sales tax")."""
    prep = node.head if node.dep_ == "pobj" and node.head.lower_ in ("to", "at", "by") else None
    verb = prep.head if prep is not None else None
    if verb is not None and verb.lower_ == "from" and verb.dep_ == "prep":
        verb = verb.head  # "raising value-added tax from 21 to 23 per cent": "to" hangs from "from"
    if verb is not None and verb.pos_ == "NOUN" and verb.lemma_.lower() in _CHANGE:
        return _changed(verb)  # "a rise in value-added tax to 25 per cent"
    if verb is None or verb.pos_ != "VERB":
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i != node.i and c.pos_ == "NOUN"), None)
    if obj is None:
        return None
    if obj.lemma_.lower() in _CHANGE:
        return _changed(obj)
    # Any verb that brings its object "to" a per-cent level sets it there ("drained its reservoirs to 31
    # percent", "sucked reservoirs down to 24 per cent"): the figure is the object's level.
    to_percent = prep is not None and prep.lower_ == "to" and (node.lower_ in _PERCENT_WORDS or any(
        c.lower_ in _PERCENT_WORDS for c in node.subtree))
    return _noun_phrase(obj) if verb.lemma_.lower() in _SETTING or to_percent else None


def _changed(change: Token, preps: tuple[str, ...] = ("in", "of")) -> str | None:
    """What a change noun is "in" or "of" ("a rise in the sales tax" → "sales tax"), or a currency
    noun "in" or "for" (``preps``: "4.2 billion euros in savings" → "saving")."""
    of = next((c for c in change.children if c.dep_ == "prep" and c.lower_ in preps), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if of is not None else None
    return _noun_phrase(pobj) if pobj is not None else None


#: A count per period after its noun ("210,000 passengers on an average weekday", "3,000 visitors a
#: year"): how many usually, not how many one event counted.
_PER_PERIOD = re.compile(r"(?:\s+[a-z\-]+){1,3}?\s+(?:a|an|per|each|every|on an average|on a typical|on an ordinary)\s+"
                         r"(?:day|week|month|year|weekday|night|hour)\b(?!\s+(?:after|before|later|earlier|ago|since)\b)"
                         r"|(?:\s+[a-z\-]+){1,3}?\s+(?:daily|annually|yearly)\b",
                         re.I)
#: The period each last word of :data:`_PER_PERIOD` names.
_PERIOD_OF = {"day": "day", "weekday": "day", "daily": "day", "night": "night", "week": "week", "month": "month",
              "year": "year", "annually": "year", "yearly": "year", "hour": "hour"}
#: Periods a sum may be "a" or "per" ("€12m a day"): a daily cost is not a total.
_PERIODS = {"day", "week", "month", "year", "hour"}


def _figure_node(tok: Token) -> tuple[Token, Token]:
    """The figure's top number token and the word it hangs on ("€2bn rescue package" → package)."""
    top = _top_number(tok)
    if top.lower_.endswith("."):  # "£3.8m." ends its sentence: the parse may hang it on the next one's noun
        return top, top
    return top, top.head if top.dep_ in ("nummod", "compound", "quantmod", "amod") and top.head.i != top.i else top


def _topic(doc: Doc, tok: Token, measure: str) -> str | None:
    """:func:`_topic_of`, and for a sum what it costs per period: "the strike is costing the port
    €12m a day" and "put the losses at €12 million a day" are both "cost a day" (a loss is what
    something costs), against a total "cost"."""
    topic = _topic_of(doc, tok, measure)
    if measure != "money":
        return topic
    _, node = _figure_node(tok)
    if topic is None and node.dep_ in ("dobj", "attr") and node.head.lemma_.lower() in ("cost", "lose"):
        topic = "cost"
    if topic in ("loss", "cost"):
        topic = "cost"
        period = next((c for c in node.children if c.dep_ == "npadvmod" and c.lemma_.lower() in _PERIODS
                       and any(d.lower_ in ("a", "an", "per", "each", "every") for d in c.children)), None)
        if period is not None:
            topic += f" a {period.lemma_.lower()}"
    return topic


#: Verbs of buying and selling: a sum "for" which something changes hands is its price.
_TRADE = {"buy", "purchase", "acquire", "sell", "snap", "pay", "spend", "bid", "offer", "auction", "fetch"}


def _is_price(node: Token) -> bool:
    """Whether a sum is what something was bought or sold for: "bought the plant for €64 million",
    "snapping it up for a bargain €46 million" (the sum "for" which a verb of trade acts), "paid 64
    million euros for the works" (the object of "pay" or "spend" with a "for" of what it bought)."""
    if node.dep_ == "pobj" and node.head.lower_ == "for":
        verb = node.head.head
        return verb.pos_ == "VERB" and verb.lemma_.lower() in _TRADE
    if node.dep_ == "dobj" and node.head.lemma_.lower() in ("pay", "spend", "fetch"):
        return any(c.dep_ == "prep" and c.lower_ == "for" for c in list(node.children) + list(node.head.children))
    return False


#: Verbs whose object is a sum asked for ("demanding 2.5 million marks", "seeking €40m").
_DEMAND = {"demand", "ask", "seek"}
#: Verbs of valuing, the noun of a valuation, and verbs of expecting a sale's outcome.
_VALUING = {"value", "insure"}
_VALUATION = {"valuation", "estimate", "value"}
_EXPECT = {"expect", "estimate", "forecast", "predict", "tip"}


def _sum_role(node: Token) -> str | None:
    """What a sum is by the verb or noun it hangs on, whatever the thing it is for: "demand" for the
    object of a verb of asking ("are demanding a staggering four million marks", "asked for €7 million"), "value" for what
    something is worth ("value the six canvases at €60 million", "insured for 38 million euros", "an
    estimate of around £4.5m", "is expected to fetch about £4.5 million": an expected sale price is a
    valuation); None otherwise."""
    head = node.head
    if node.dep_ == "dobj" and head.lemma_.lower() in _DEMAND \
            or node.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "ask" \
            or node.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() == "demand":
        return "demand"  # "demanding €2.5m", "asked for €7 million", "a ransom demand of €5m"
    if node.dep_ == "pobj" and head.lower_ in ("at", "for") and head.head.lemma_.lower() in _VALUING:
        return "value"
    if node.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _VALUATION \
            and head.head.pos_ == "NOUN":
        return "value"
    if node.dep_ == "dobj" and head.lemma_.lower() == "fetch" and head.dep_ in ("xcomp", "ccomp") \
            and head.head.lemma_.lower() in _EXPECT:
        return "value"
    return None


def _topic_of(doc: Doc, tok: Token, measure: str) -> str | None:
    """What a rate, sum, vote share or duration is *of*, read from the parse, so that outlets'
    figures are compared only for the same thing: "raised its key rate to 4.75 per cent" → "rate",
    "Turnout was 61 per cent" → "turnout", "a €2bn rescue package" → "rescue package", "taking 52%
    of the vote" (Hart's) → "vote of Hart", "a 48-hour strike" → "strike in hours". None when the parse names
    no such thing, or the figure is a poll's (each poll is its own measurement)."""
    top, node = _figure_node(tok)
    if measure in ("rate", "votes") and POLL_WORDS.search(tok.sent.text):
        return None
    if measure == "votes":
        of = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None or pobj.lemma_.lower() not in ("vote", "ballot"):
            return None
        head = node.head
        for _ in range(4):  # up to the verb the share hangs from ("re-elected on Sunday with 58 per cent")
            if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                break
            head = head.head
        subj = _clause_subject(head) if head.pos_ in ("VERB", "AUX") else None
        if subj is None or subj.pos_ != "PROPN":
            return None
        name = " ".join(t.text for t in subj.subtree if t.pos_ == "PROPN")
        return f"vote of {name}"
    if measure == "time":  # "a 48-hour strike": the thing that lasts, and in what unit
        if _is_delay(node):
            return "delay"
        if node.lemma_.lower() in _DURATION and _before_known(node):
            return "until known"
        if node.lemma_.lower() in _LONG_UNITS and (
                node.dep_ in ("compound", "amod", "nmod") and node.head.lemma_.lower() in ("sentence", "term")
                or node.dep_ == "pobj" and node.head.lower_ in ("for", "to")
                and node.head.head.lemma_.lower() in _CUSTODY):
            # "jailed for 18 months", "caged for two years", "sentenced to two years", "an 18-month jail
            # term": one prison sentence, whichever words give it
            return "sentence"
        if node.lemma_.lower() in ("minute", "hour", "day") and node.dep_ == "poss" \
                and node.head.lemma_.lower() in _FOREWARNING:
            return "warning"  # "given three hours' notice", "45 minutes' warning": how much warning was given
        if node.lemma_.lower() in _DURATION and node.dep_ in ("compound", "amod", "nmod") and node.head.pos_ == "NOUN":
            return f"{_noun_phrase(node.head)} in {node.lemma_.lower()}s"
        if node.lemma_.lower() in ("hour", "minute") and (act := _act_lasting(top, node)) is not None:
            # "burned for 19 hours", "sank within about 20 minutes", "took almost 45 minutes to go under":
            # how long an act of the day lasted ("burn for hours"); years and days of a verb are mostly
            # careers and asides ("gave 29 years", "queued for days")
            return f"{act} for {node.lemma_.lower()}s"
        if node.lemma_.lower() in _DURATION and (work := _taking(node)) is not None:
            return f"{_noun_phrase(work)} in {node.lemma_.lower()}s"  # "repairs would take six months"
        return None
    if measure == "money" and _is_price(node):
        return "price"
    if measure == "money" and (node.i == top.i or node.lemma_.lower() in _CURRENCY_WORDS
                               or node.lower_ in _CURRENCY_WORDS) and (role := _sum_role(node)) is not None:
        return role  # the sum itself is asked for or valued ("a 9 million thaler ransom" stays a ransom)
    if measure == "money" and node.dep_ == "appos" and node.head.pos_ == "NOUN" \
            and node.head.lemma_.lower() not in _CURRENCY_WORDS:
        return _noun_phrase(node.head)  # "with the cost of the extension now a staggering £340 million"
    if measure == "money" and node.i != top.i and node.pos_ == "NOUN":  # "a €2bn rescue package"
        if node.lemma_.lower() in _CURRENCY_WORDS:  # "4.2 billion euros in savings", "6 million thalers"
            return _changed(node, ("in", "of", "for")) or _currency_topic(node)
        return _noun_phrase(node)
    set_topic = _set_topic(node)
    if set_topic is not None:
        return set_topic
    if measure == "rate" and (change := _change_of_rate(node)) is not None:
        # "a pay rise of 11 per cent", "a 9% pay rise", "a 12 per cent pay increase": "pay rise";
        # "a 30 per cent cut in the quota": what the change is in ("quota"), as "cut the quota by 22%"
        changed = _changed(change, ("in", "to"))  # "a cut to the fishing quota"
        if changed is not None and changed not in _PERCENT_WORDS:
            return changed
        return " ".join(_noun_phrase(change).split()[:-1] + [_CHANGE_SAME[change.lemma_.lower()]])
    if measure == "rate" and (group := _share_of(node)) is not None:
        return f"share of {group}"
    # "X rose to 4.75 per cent", "Turnout was 61 per cent": the subject of a verb of level is measured.
    prep = node.head if node.dep_ == "pobj" else None
    verb = prep.head if prep is not None else node.head if node.dep_ in ("attr", "dobj", "npadvmod") else None
    if verb is None or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _LEVEL:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # A measure word opening a sentence ("Turnout was 61 per cent") is often tagged a proper noun;
    # other proper nouns ("Trump rose to 45 percent") are whose share it is, not what is measured.
    if subj is not None and (subj.lower_ in _MEASURED or (subj.pos_ == "NOUN" and not subj.is_title)) \
            and subj.lemma_.lower() not in ("figure", "number"):
        return _noun_phrase(subj) if subj.pos_ == "NOUN" else subj.lower_
    return None


def _share_of(node: Token) -> str | None:
    """The group a per-cent figure is a share of, when it is a plural common noun: "only 81 per cent of
    five-year-olds in Harrowmere" → "five-year-olds" (hyphenated words whole, lower-case). A share of
    voters, respondents or another polled group is a poll's (each poll its own measurement), and a group
    in capitals ("45 percent of Americans") mostly is: no topic."""
    if node.lower_ not in _PERCENT_WORDS:
        return None
    of = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if group is None or group.tag_ != "NNS" or group.is_title or group.lemma_.lower() in _POLLED:
        return None
    return "".join(t.text_with_ws for t in group.doc[hyphen_start(group):group.i + 1]).strip().lower()


def _change_of_rate(node: Token) -> Token | None:
    """The change noun a rate is the size of: the noun it is "of" ("a pay rise of 11 per cent") or the
    noun its per-cent word modifies ("a 9% pay rise", "a whopping 12 per cent pay rise"); None otherwise."""
    if node.dep_ == "pobj" and node.head.lower_ == "of":
        change = node.head.head
    elif node.dep_ in ("compound", "amod", "nmod") and node.lower_ in _PERCENT_WORDS:
        change = node.head
    elif node.lower_ not in _PERCENT_WORDS:  # "a nine per cent increase": the number on the noun
        change = node
    else:
        return None
    nominal = change.pos_ == "NOUN" or change.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr")  # "a 30 per cent
    # cut" is often tagged a participle
    return change if nominal and change.lemma_.lower() in _CHANGE_SAME else None


#: Tags of a verb in the past (simple past, participle): the tense an event's duration is told in.
_PAST = frozenset({"VBD", "VBN"})


def _act_lasting(top: Token, unit: Token) -> str | None:
    """The act whose length a number of hours or minutes gives, as its verb's lemma: the verb of a
    "for", "in" or "within" before the number ("burned for 19 hours", "sank within about 20 minutes",
    "trapped for nearly nine hours" even where the parser hangs the hours elsewhere), the verb "took"
    leads to ("took almost 45 minutes to go under" → "go under"), or "spent N hours" ("spend"). The
    verb must be in the past, as an event's duration is told: a present or a participle gives a
    schedule or a property ("a bus that takes fifty minutes to reach the centre", "linking the estates
    to the centre in 22 minutes"). None for verbs that say nothing about which act it was ("was in 20
    minutes", "said for hours")."""
    prep = next((t for t in reversed(top.doc[max(top.sent.start, top.i - 3):top.i])
                 if t.lower_ in ("for", "in", "within") and t.dep_ == "prep"), None)
    if prep is not None and all(t.dep_ in ("advmod", "quantmod") or t.lower_ in ("more", "than", "less")
                                for t in top.doc[prep.i + 1:top.i]):
        verb = prep.head
        if verb.tag_ not in _PAST and not (verb.dep_ == "xcomp" and verb.head.tag_ in _PAST):
            return None  # "were left swinging for 11 hours": the tense of "left"
        if _one_person(verb):
            return None
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"
                         or c.dep_ == "acomp" and c.pos_ == "ADJ" and c.i == verb.i + 1), None)
        if verb.pos_ == "VERB" and particle is not None:
            # "went down in twenty minutes": "go down"; "went dark for six hours": "go dark"
            return f"{verb.lemma_.lower()} {particle}"
        lacking = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "without"), None)
        if verb.lemma_.lower() == "be" and lacking is not None and (what := next(
                (c for c in lacking.children if c.dep_ == "pobj"), None)) is not None:
            return f"be without {what.lemma_.lower()}"  # "were without power for nine hours": a state lasted
        if verb.pos_ == "VERB" and verb.lemma_.lower() not in _NO_DURATION_TOPIC:
            return verb.lemma_.lower()
        return None
    if unit.head.tag_ not in _PAST:
        return None
    if unit.dep_ == "dobj" and unit.head.lemma_.lower() == "take":
        act = next((c for c in unit.head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if act is not None:
            particle = next((c.lower_ for c in act.children if c.dep_ in ("prt", "advmod") and c.i == act.i + 1), "")
            return f"{act.lemma_.lower()} {particle}".strip()  # "took 45 minutes to go under": "go under"
    if unit.dep_ == "dobj" and unit.head.lemma_.lower() == "spend" and not _one_person(unit.head):
        return "spend"
    return None


def _one_person(verb: Token) -> bool:
    """Whether the subject of a verb is one person, a personal pronoun or a name ("he spent nearly
    three hours in a stalled train", "Pell waited for two hours"): how long one witness's ordeal
    lasted, not the story's event, which is told of what it hit ("some homes were without power for
    nine hours", "passengers were trapped for hours")."""
    subj = _clause_subject(verb)
    return subj is not None and (subj.lower_ in ("i", "he", "she") or subj.ent_type_ == "PERSON")


#: Words after a span of time that make it how late something was ("forty minutes late", "an hour and a
#: half behind schedule", "40 minutes after the time printed on the tickets"), but not a time of day
#: ("three hours late at night") nor any time after ("two hours after the time of the blast").
_DELAY_AFTER = re.compile(
    r"\s*(?:late(?!\s+(?:at|in|on|into|last|this|that|night|evening|afternoon|morning)\b)|behind\s+schedule|overdue"
    r"|after\s+the\s+(?:(?:scheduled|planned|advertised|printed|published|appointed|agreed|official|set)\s+(?:time|start)"
    r"|time\s+(?:printed|scheduled|advertised|planned|published|set|stated|given)))\b", re.I)
_SINGLE_DELAY = re.compile(r"\s+(?P<unit>minute|hour|day|week|month|year)(?P<half>\s+and\s+a\s+half)?"
                           rf"(?={_DELAY_AFTER.pattern})", re.I)
#: "half an hour late", "half a day behind schedule": a delay of half a unit.
_HALF_DELAY = re.compile(r"\bhalf\s+an?(?P<unit>\s+(?:minute|hour|day|week|month|year))"
                         rf"(?={_DELAY_AFTER.pattern})", re.I)
#: Verbs a delay is told "by" ("delayed by 40 minutes", "postponed by six months", "pushed back by a year").
_DELAYING = {"delay", "postpone", "defer"}


def _is_delay(unit: Token) -> bool:
    """Whether a span of time is a delay: the words after it say how late ("forty minutes late"), or it
    is what something was delayed by ("delayed by 40 minutes") or a delay of ("a 40-minute delay", "a
    delay of 40 minutes"). One story's delay is one quantity, whichever words tell it."""
    after = "".join(t.text_with_ws for t in unit.doc[unit.i + 1:unit.i + 6])
    if _DELAY_AFTER.match(" " + after):
        return True
    head = unit.head
    if unit.dep_ == "pobj" and head.lower_ in ("by", "of"):
        verb = head.head
        return verb.lemma_.lower() in _DELAYING or head.lower_ == "by" and verb.lemma_.lower() in ("push", "put") \
            and any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children)
    return unit.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() == "delay"


def _taking(unit: Token) -> Token | None:
    """The work a span of time is what it takes, in any tense ("repairs would take six months",
    "repairs were expected to take about six months", "until repairs were completed, which could take up
    to nine months"): a noun subject of "take", of the verb "take" completes, or the noun a "which" of
    "take" stands for. None for a pronoun ("it took 11 days to tell"), or a "take" with an act after it
    ("took 45 minutes to go under", read by :func:`_act_lasting`)."""
    take = unit.head
    if unit.dep_ != "dobj" or take.lemma_.lower() != "take" or any(c.dep_ == "xcomp" for c in take.children):
        return None
    subj = _clause_subject(take)
    if subj is not None and subj.lower_ in ("which", "that"):
        # "repairs, which could take": the noun it stands for; "until repairs were completed, which could
        # take": a "which" after a clause is the clause's work, its subject
        subj = take.head if take.dep_ == "relcl" else next(
            (t for t in reversed(take.doc[take.sent.start:subj.i]) if t.dep_ in ("nsubj", "nsubjpass")), None)
    return subj if subj is not None and _common_noun(subj) else None


def _common_noun(tok: Token) -> bool:
    """Whether a token is a common noun, counting a capitalised word opening its sentence that the tagger
    calls a proper noun but the entity recogniser names as nothing: the small model tags the first word of a
    paragraph so ("Construction will take 18 months", "Repairs will take six months")."""
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.is_sent_start and tok.is_title and not tok.ent_type_


def _lasting(noun: Token) -> bool:
    """Whether a unit of time is how long something lasted: "for 19 hours", "burned for nearly nine hours"."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "for"


#: Verbs of coming to know or of letting know: how long until one of them happened is one quantity of a
#: story ("nobody noticed they were gone for nine hours" / "not discovered until ... four hours after
#: they left"; "waited 11 days before informing customers" / "took 11 days to tell customers").
_KNOWING = {"notice", "discover", "detect", "spot", "realise", "realize", "learn", "tell", "inform", "notify",
            "alert", "disclose", "reveal", "report", "warn"}
#: Participles of :data:`_KNOWING` verbs that take "un-" ("went unnoticed", "remained undetected").
_UNKNOWN = {"unnoticed", "undiscovered", "undetected", "unspotted", "unreported", "undisclosed", "unrevealed", "untold"}


def _unknown(verb: Token) -> bool:
    """Whether a verb says something was not (yet) known: a verb of :data:`_KNOWING` negated ("did not
    notice", "nobody noticed", "was not discovered until ..."), a verb of being with an "un-" participle of
    one ("went unnoticed", "remained undetected"), or a verb that kept someone "in the dark"."""
    if verb.lower_ in _UNKNOWN or any(c.lower_ in _UNKNOWN for c in verb.children):
        return True  # "went unnoticed for nine hours": the "for" may hang from the participle itself
    if verb.lemma_.lower() in _KNOWING:
        return any(c.dep_ == "neg" or c.dep_ in ("nsubj", "nsubjpass") and (
            c.lower_ in ("nobody", "no-one") or c.lower_ == "one" and any(d.lower_ == "no" for d in c.children))
            for c in verb.children)
    return any(c.dep_ == "prep" and c.lower_ == "in"
               and any(d.dep_ == "pobj" and d.lower_ == "dark" for d in c.children) for c in verb.children)


def _before_known(unit: Token) -> bool:
    """Whether a span of time is how long until something was known or told, read from the parse: the
    span of a verb under a verb of not knowing ("nobody noticed they were gone for nine hours", "kept
    customers in the dark for three weeks", "was not discovered until a roll check, about four hours after
    they left"), or the time someone waited or took before letting know ("waited 11 days ... before
    informing customers", "took 11 days to tell customers")."""
    head = unit.head
    if unit.dep_ == "pobj" and head.lower_ == "for":
        verb = head.head
        return _unknown(verb) or verb.dep_ in ("ccomp", "xcomp", "conj") and _unknown(verb.head)
    if head.pos_ == "VERB" and head.lemma_.lower() in ("wait", "take") and unit.dep_ in ("npadvmod", "dobj"):
        return any(t.pos_ == "VERB" and t.lemma_.lower() in _KNOWING and t.dep_ in ("pcomp", "xcomp", "advcl")
                   and t.i > unit.i for t in head.subtree)
    if unit.i + 1 < len(unit.doc) and unit.doc[unit.i + 1].lower_ == "after":
        return any(_unknown(a) for a in unit.ancestors if a.pos_ == "VERB")
    return False


#: Nouns of the warning people were given before an event, in whatever unit.
_FOREWARNING = {"warning", "notice", "alert"}
#: Units of a prison sentence, and the verbs that give one "for" or "to" a time.
_LONG_UNITS = {"day", "week", "month", "year"}
_CUSTODY = {"jail", "imprison", "sentence", "cage", "lock", "incarcerate", "gaol"}
#: Verbs whose "for N hours" says nothing about which act lasted that long.
_NO_DURATION_TOPIC = {"be", "have", "do", "say", "tell", "last", "continue", "go", "take", "get", "make"}


def _currency_topic(word: Token) -> str | None:
    """What a sum is for when its currency word is what the number hangs on and has no "in" or "for"
    of its own: the noun it modifies ("a 9 million thaler ransom" → "ransom") or the noun it is "of"
    ("a ransom of 6 million thalers" → "ransom"); None otherwise ("demanding six million thalers")."""
    if word.dep_ == "compound" and word.head.pos_ == "NOUN":
        return word.head.lemma_.lower()
    if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.pos_ == "NOUN":
        return word.head.head.lemma_.lower()
    return None


def _counted_noun(tok: Token | None) -> str | None:
    """For a count the parse ties to no measure, the plural noun it counts, as its lemma ("pulled 19
    batches" → "batch", "data on 2.3 million taxpayers" → "taxpayer", "some 40 boats" → "boat"), so
    that story comparison can align two outlets' counts of one kind of thing. None for a number that
    counts no plural noun ("in 2019", "one of 3")."""
    if tok is None:
        return None
    num = _top_number(tok)
    noun = num.head if num.dep_ == "nummod" and num.head.i > num.i else None
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num \
            and noun.head.head.lower_ != "one":
        # "close seven of its 15 branch libraries": 15 is the whole the count is part of; but "one of
        # some 27,000 students" introduces one member of the story's count, which is the whole
        return None
    if noun is None:
        noun = _number_of(num)
    if noun is None and num.i + 1 < len(num.doc) and num.doc[num.i + 1].tag_ == "NNS" and num.head.i < num.i:
        noun = num.doc[num.i + 1]  # "By nightfall 31 vessels were waiting", parsed "nightfall" <- "31"
    return noun.lemma_.lower() if noun is not None and noun.tag_ == "NNS" and noun.is_alpha else None


#: What a count of votes cast against a motion counts (:func:`_votes_against`), in the shape of a counted noun's
#: lemma: one story's tally is aligned across outlets as a count of one kind of thing, whichever words tell it.
VOTES_AGAINST = "vote against"


def _votes_against(tok: Token | None) -> bool:
    """Whether a count is the votes against in a tally, as the parse tells it: the figure after "to"
    beside "by ... votes" ("approved by 31 votes to 12", "won by 112 votes to 87"), a figure with its own
    "against" after one that voted ("31 voted in favour and 12 against"), or the number of those who vote
    against ("17 councillors voting against it", "Twelve councillors voted against the plan")."""
    if tok is None:
        return False
    num = _top_number(tok)

    def votes_against(verb: Token) -> bool:
        return verb.lemma_.lower() == "vote" and any(c.dep_ == "prep" and c.lower_ == "against" for c in verb.children)

    if num.dep_ == "pobj" and num.head.lower_ == "to":
        # The votes for come first and are the more ("by 31 votes to 12"); "raised his tally by 5,000 votes to
        # 45,000" is a change and its level, no tally.
        against = _token_number(num)
        return against is not None and any((n := _token_number(c)) is not None and n >= against
                                           for c in _votes_for(num))
    if num.dep_ == "conj" and num.head.lemma_.lower() == "vote":
        return any(c.dep_ == "prep" and c.lower_ == "against" for c in num.children)
    noun = num.head if num.dep_ == "nummod" else num
    return noun.dep_ == "nsubj" and votes_against(noun.head) \
        or any(c.dep_ in ("acl", "relcl") and votes_against(c) for c in noun.children)


def _votes_for(num: Token) -> list[Token]:
    """The votes for of the tally whose "to" figure is ``num`` ("by [31] votes to 12"): the numbers on
    "votes" in a "by" phrase of what the "to" hangs on; empty for any other figure."""
    if num.dep_ != "pobj" or num.head.lower_ != "to":
        return []
    return [c for b in num.head.head.children if b.dep_ in ("prep", "agent") and b.lower_ == "by"
            for v in b.children if v.dep_ == "pobj" and v.lemma_.lower() == "vote"
            for c in v.children if c.dep_ == "nummod"]


def _tally_start(tok: Token) -> int | None:
    """Where the tally of a "to" count of votes against begins ("by [27 votes to 19]"): the votes for,
    which a reader needs beside the votes against; None for any other count."""
    num = _top_number(tok)
    first = next(iter(_votes_for(num)), None)
    return first.idx if first is not None and first.i < num.i else None


def _token_number(tok: Token) -> float | None:
    """The number one token writes, in digits or a word ("31", "1,200", "twelve"); None for anything else."""
    try:
        return float(tok.text.replace(",", ""))
    except ValueError:
        return words_value(tok.text)


#: Subjects that stand for a count of what they are "of" ("the number of confirmed cases").
_NUMBER_OF = {"number", "total", "tally", "count"}


def _number_of(num: Token) -> Token | None:
    """The plural noun a figure counts through "the number of": "The number of confirmed cases had
    reached 34", "the total of stranded ships stood at 31" (the figure the level of a verb of level
    whose subject is such a count)."""
    verb = num.head if num.dep_ in ("dobj", "attr") else num.head.head if (
        num.dep_ == "pobj" and num.head.lower_ in ("to", "at")) else None
    if verb is None or verb.lemma_.lower() not in _LEVEL:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lemma_.lower() not in _NUMBER_OF:
        return None
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _unit_of(m: re.Match[str]) -> str | None:
    if m.group("clock"):
        return "s"
    if m.group("money"):
        return _CURRENCY[m.group("cur")]
    if m.group("mrange"):
        return _CURRENCY[m.group("rcur")]
    if m.group("prange"):
        return "%"
    if (m.group("pct") or m.group("rpct") or m.group("wpct")):
        return "%"
    return None


_CURRENCY_AFTER = re.compile(r"\s+(euros?|dollars|pounds\s+sterling|%s)\b" % "|".join(
    w for w in _CURRENCY if w.isalpha() and w not in ("euro", "euros", "dollars")), re.I)


def _currency_after(text: str, end: int) -> tuple[str | None, int]:
    """A currency written after the number ("2.5 million marks", "40,000 francs"), by the plural name of
    a currency (its ISO code where it names one currency, else the name: "marks", "crowns" are several
    countries'). Bare ``pounds`` is left out: in news it is as often a weight (``lost 30 pounds``) as
    money, so only ``pounds sterling`` (or ``£``) makes GBP; Korea's "won" is left out (a verb as often)."""
    m = _CURRENCY_AFTER.match(text[end:end + 24])
    return (_CURRENCY[" ".join(m.group(1).lower().split())], end + m.end()) if m else (None, end)


#: Units written after a number, each with the measure it gives the figure and the symbol a claim
#: keeps: an area ("2,300 hectares"), a speed ("40 km/h", "65 kilometres per hour"), a length ("32
#: kilometres of coastline") and an amount of matter ("1,800 tonnes of oil", "2 million litres").
#: A claim keeps its figure as written; story comparison converts units of one dimension
#: (:func:`presslens.stories.numbers.in_base_unit`). Bare ``m`` and ``t`` are left out (``40m`` is
#: 40 million in news prose, except before a word of place: ``420m underground``), and so is
#: ``pounds`` (money as often as weight).
_PHYSICAL_UNITS = {
    "hectare": ("area", "ha"), "hectares": ("area", "ha"), "ha": ("area", "ha"), "acre": ("area", "acres"),
    "acres": ("area", "acres"), "square kilometres": ("area", "km2"), "square kilometers": ("area", "km2"),
    "square kilometre": ("area", "km2"), "square kilometer": ("area", "km2"), "sq km": ("area", "km2"),
    "km2": ("area", "km2"), "km²": ("area", "km2"), "square miles": ("area", "sq mi"),
    "square mile": ("area", "sq mi"),
    "km/h": ("speed", "km/h"), "kmh": ("speed", "km/h"), "kph": ("speed", "km/h"), "km an hour": ("speed", "km/h"),
    "kilometres per hour": ("speed", "km/h"), "kilometers per hour": ("speed", "km/h"),
    "kilometres an hour": ("speed", "km/h"), "kilometers an hour": ("speed", "km/h"), "mph": ("speed", "mph"),
    "miles per hour": ("speed", "mph"), "miles an hour": ("speed", "mph"), "knots": ("speed", "knots"),
    "km": ("length", "km"), "kilometres": ("length", "km"), "kilometers": ("length", "km"),
    "kilometre": ("length", "km"), "kilometer": ("length", "km"), "miles": ("length", "miles"),
    "mile": ("length", "miles"), "metres": ("length", "metres"), "meters": ("length", "metres"),
    "metre": ("length", "metres"), "meter": ("length", "metres"),
    # rain, snow and small lengths ("87mm of rain", "30 centimetres of snow", "two inches of rain")
    "mm": ("length", "mm"), "millimetres": ("length", "mm"), "millimeters": ("length", "mm"),
    "millimetre": ("length", "mm"), "millimeter": ("length", "mm"), "cm": ("length", "cm"),
    "centimetres": ("length", "cm"), "centimeters": ("length", "cm"), "centimetre": ("length", "cm"),
    "centimeter": ("length", "cm"), "inches": ("length", "inches"), "inch": ("length", "inches"),
    "tonnes": ("amount", "tonnes"), "tons": ("amount", "tonnes"), "tonne": ("amount", "tonnes"),
    "litres": ("amount", "litres"), "liters": ("amount", "litres"), "barrels": ("amount", "barrels"),
    "gallons": ("amount", "gallons"), "cubic metres": ("amount", "m3"), "cubic meters": ("amount", "m3"),
    "kilograms": ("amount", "kg"), "kilogrammes": ("amount", "kg"), "kg": ("amount", "kg"),
}
#: A duration's unit, from the noun the number counts ("nine hours", "a 48-hour strike"); a clock
#: duration ("1:58:09") is in seconds, ``s``.
_TIME_UNITS = {"second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "night": "nights",
               "week": "weeks", "month": "months", "year": "years", "decade": "decades"}
#: Units a bare "a" or "one" counts ("nearly a kilometre down the mountainside", "a mile away").
_SINGLE_UNITS = {"km", "miles", "metres", "tonnes", "ha"}
#: Words after a bare "m" that make it metres ("420m underground", "30m high").
_METRES_PLACED = re.compile(r"\s+(?:underground|below\s+ground|beneath|deep|down|high|tall|long|wide|away|"
                            r"above\s+(?:sea|ground))\b", re.I)
#: Measures that a unit gives a figure, whatever the verb, and the measure of each unit symbol.
UNIT_MEASURES = ("area", "speed", "length", "amount")
_MEASURE_OF_UNIT = {symbol: measure for measure, symbol in _PHYSICAL_UNITS.values()}
_UNIT_AFTER = re.compile(r"(?:\s?|-)(%s)(?![\w/])" % "|".join(
    sorted((re.escape(u).replace(r"\ ", r"\s+") for u in _PHYSICAL_UNITS), key=len, reverse=True)), re.I)


def _unit_after(text: str, end: int) -> tuple[str | None, int]:
    """A unit written after the number ("2,300 hectares", "40km/h", "1,800 tonnes", "a 30-metre section")."""
    m = _UNIT_AFTER.match(text, end)
    return (_PHYSICAL_UNITS[" ".join(m.group(1).lower().split())][1], m.end()) if m else (None, end)


#: A length's topic from the words right after it: how deep ("600 metres down", "420m underground",
#: but not "300 metres down the slope", a movement) or how high ("a 30m high wall").
_DEPTH_AFTER = re.compile(r"\s+(?:underground|(?:below|beneath)\s+(?:ground|the\s+surface)|deep|down(?!\s+(?:the|a|an|its|"
                          r"their|his|her|into|to|from|through)\b))\b", re.I)
_HEIGHT_AFTER = re.compile(r"\s+(?:high|tall|above\s+sea\s+level)\b", re.I)
#: Nouns of a dimension a length is "of" ("at a depth of 420 metres").
_DIMENSIONS = {"depth": "depth", "height": "height", "altitude": "height"}


def _moved(noun: Token) -> str | None:
    """What a length measures the movement of, from the parse: the unit is the extent of a verb
    ("was pushed some 300 metres down the slope", "carried the bus 300 metres", "slid 300 metres") and
    what moved is the verb's passive subject, else its object, else its subject ("bus"); nouns only, so
    "he walked 20 miles" has no topic."""
    verb = noun.head
    if verb.pos_ == "ADP" and noun.dep_ == "npadvmod":
        verb = verb.head  # "pushed [some 300 metres down] the slope": the extent hangs on "down"
    if noun.dep_ not in ("npadvmod", "dobj") or verb.pos_ != "VERB":
        return None
    deps = {c.dep_: c for c in verb.children if c is not noun}
    moved = deps.get("nsubjpass") or deps.get("dobj") or deps.get("nsubj")
    return moved.lemma_.lower() if moved is not None and moved.pos_ == "NOUN" else None


#: Prepositions after a length that make it a distance from a place ("200 metres off the coast" is from it).
_FROM = ("from", "off")


def _distance_from(unit: Token) -> str | None:
    """The place a length is the distance from, from the parse: "from" or "off" right after the unit, on the
    unit's verb ("overturned about 300 metres from the shore", "went over 80 metres from the shore") or on
    the unit itself, or the preposition the unit hangs on ("sank just 300 metres from safety") → "shore",
    "safety"; None otherwise."""
    if unit.dep_ == "npadvmod" and unit.head.pos_ == "ADP" and unit.head.lower_ in _FROM:
        prep: Token | None = unit.head
    else:
        heads = [unit, unit.head] if unit.dep_ in ("dobj", "npadvmod") else [unit]
        prep = next((c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in _FROM
                     and c.i == unit.i + 1), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) \
        if prep is not None else None
    return pobj.lemma_.lower() if pobj is not None else None


def _unit_topic(tok: Token | None, measure: str, after: str = "") -> str | None:
    """What a figure in a unit is of, from the parse: for an amount or a length the noun after "of"
    ("1,800 tonnes of crude oil" → "oil", "32km of coastline" → "coastline"); for a length also a
    depth or height (``after`` is the text after the unit: "600 metres down", "at a depth of 420
    metres"), the place it is a distance from (:func:`_distance_from`: "300 metres from the shore" → "from
    shore") or what it moved (:func:`_moved`: "the bus was hurled nearly a kilometre" → "bus"); for a
    speed the subject of its clause ("the tram was travelling at 40 km/h" → "tram", "winds of 120 km/h"
    → "wind"). None when the parse names none, or when a speed is a limit ("where the limit is 15
    km/h"), so the figure is never aligned with another outlet's."""
    if tok is None or measure == "area":
        return None
    noun = _top_number(tok)
    while noun.dep_ in ("nummod", "quantmod", "compound", "advmod") and noun.head is not noun \
            and noun.head.i > noun.i and noun.head.i - noun.i <= 4:
        noun = noun.head  # the unit's token ("km/h", "kilometers", "tonnes")
    if measure in ("amount", "length"):
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
            return pobj.lemma_.lower()
        if measure == "amount":
            return None
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _DIMENSIONS:
            return _DIMENSIONS[noun.head.head.lemma_.lower()]
        if _DEPTH_AFTER.match(after):
            return "depth"
        if _HEIGHT_AFTER.match(after):
            return "height"
        if (place := _distance_from(noun)) is not None:
            return f"from {place}"
        return _moved(noun)
    # A speed: "winds of 120 km/h" / "gusts reaching 150 km/h" name the thing; else the clause subject.
    for node in [noun] + list(noun.ancestors)[:4]:
        if node.lemma_.lower() == "limit" or any(c.lemma_.lower() == "limit" and c.dep_ in ("nsubj", "compound")
                                                 for c in node.children):
            return None
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            return node.head.head.lemma_.lower()
        if node.pos_ in ("VERB", "AUX"):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return subj.lemma_.lower()
            return None
    return None


def _value(m: re.Match[str]) -> tuple[float, float | None] | None:
    """(value, upper end of a range or None), or None when the span is no number after all."""
    if m.group("clock"):
        parts = [int(p) for p in m.group("clock").split(":")]
        if len(parts) == 2:
            return None  # "10:30" is a clock time more often than a duration
        return float(parts[0] * 3600 + parts[1] * 60 + parts[2]), None
    if m.group("range"):
        scale = _scale(m.group("rsuf"))
        return _digits(m.group("lo")) * scale, _digits(m.group("hi")) * scale
    if m.group("mrange"):
        hi_scale = _scale(m.group("mhisuf"))
        lo_scale = _scale(m.group("mlosuf")) if m.group("mlosuf") else hi_scale  # "$2 to $3 million"
        return _digits(m.group("mlo")) * lo_scale, _digits(m.group("mhi")) * hi_scale
    if m.group("prange"):
        return _digits(m.group("plo")), _digits(m.group("phi"))
    if m.group("money"):
        return _digits(m.group("mnum")) * _scale(m.group("msuf")), None
    if m.group("num"):
        return _digits(m.group("digits")) * _scale(m.group("suf")), None
    if m.group("vague"):
        lo, hi = _VAGUE[" ".join(m.group("vague").lower().split())]
        return float(lo), float(hi)
    v = words_value(m.group("words")[: len(m.group("words")) - len(m.group("wpct") or "")])
    return (v, None) if v is not None else None


#: DATE entities that name no point in time: an age ("24-year-old", "the age of 11", "The striker, 24"),
#: a span's adjective ("a 13-year association") or a bare span ("four decades", "two years"; but "two
#: years ago" is a time).
_NO_TIME = re.compile(rf"^(?:the\s+)?age\b|\bold$|^\d{{1,2}}$|^\S*\d-(?:year|month|week|day|hour|minute)s?$|"
                      rf"^(?:(?:about|around|nearly|almost|more\s+than|some|over|up\s+to)\s+)?"
                      rf"(?:a|an|\d+|several|few|many|{_NUMWORD})\s+(?:years?|months?|weeks?|days?|hours?|minutes?|"
                      rf"decades?|nights?)$", re.I)


def _when(dates: list[Span], tok: Token | None, article: Article) -> tuple[str | None, int | None, int | None]:
    """The time a claim is stated for: a date or time expression of its sentence (not an age or a
    span, :data:`_NO_TIME`), else the article date.

    ``dates`` are the document's DATE and TIME entities, read once per article (``Span.ents``
    rebuilds every entity of the document on each call)."""
    if tok is not None:
        sent = tok.sent
        for ent in dates:
            if sent.start <= ent.start < sent.end and not (ent.start <= tok.i < ent.end) \
                    and not _NO_TIME.search(ent.text) and not any(
                    t.like_num and not re.fullmatch(r"(1[89]|20)\d\d|\d{1,2}", t.text) for t in ent):
                return ent.text, ent.start_char, ent.end_char
    return article.date, None, None


def _source(quotes: list[Quote], start: int, end: int) -> tuple[str | None, str | None]:
    """Who states the claim: the speaker of the innermost quote holding it, else the outlet (None)."""
    inside = [q for q in quotes if q.start <= start and end <= q.end]
    if not inside:
        return None, None
    q = min(inside, key=lambda q: q.end - q.start)
    if q.speaker is None:
        return "unattributed quote", q.type
    return q.speaker.name or q.speaker.text, q.type


def _single_delay(doc: Doc, article: Article, quotes: list[Quote], dates: list[Span], start: int,
                  late: re.Match[str]) -> Claim:
    """The claim of "a" or "an" (or "half a") and a unit of time before words of lateness
    (:data:`_SINGLE_DELAY`, :data:`_HALF_DELAY`)."""
    text, end = article.text, late.end()
    qualifier, qstart = _qualifier(text, start)
    value = 0.5 if late.re is _HALF_DELAY else 1.5 if late.group("half") else 1.0
    return _claim_at(article, quotes, dates, _anchor(doc, start, end), start, end, value=value,
                     unit=_TIME_UNITS[late.group("unit").strip().lower()], measure="time", counted="delay",
                     qualifier=qualifier, qualifier_start=qstart if qualifier and qstart < start else None)


def _claim_at(article: Article, quotes: list[Quote], dates: list[Span], anchor: Token | None, start: int, end: int,
              *, value: float, unit: str | None, measure: str, counted: str | None, qualifier: str | None = None,
              qualifier_start: int | None = None) -> Claim:
    """A claim read apart from the spotting pass (a lateness of "an hour", a fraction, a match minute): exact
    (no range), with its time read from the dates near its ``anchor`` token and its source from the quote it
    stands in, as for every claim."""
    when, w_start, w_end = _when(dates, anchor, article)
    source, quote_type = _source(quotes, start, end)
    return Claim(start=start, end=end, text=article.text[start:end], value=value, value_max=None, unit=unit,
                 qualifier=qualifier, qualifier_start=qualifier_start, measure=measure, counted=counted,
                 source=source, quote_type=quote_type, when=when, when_start=w_start, when_end=w_end)


#: A fraction as a share: "hike bills by nearly a fifth", "a third of the homes", "two-thirds of voters", "by
#: half". Only after "by" or before "of" (or "the"), so "a third term" and "the second half" stay ordinals
#: and parts of games; "half" only as "by half" or "half of" ("half an hour" is a time).
_FRACTION = re.compile(r"(?P<by>\bby\s+(?:(?:nearly|almost|about|around|roughly|some|more\s+than|over|less\s+than|"
                       r"under|up\s+to|at\s+least)\s+)?)?(?P<frac>\b(?:a|one|two|three|four)[\s-]+"
                       r"(?:third|quarter|fifth|tenth)s?|(?<=by\s)half|\bhalf(?=\s+of\b))"
                       r"(?P<of>\s+of\s+(?:the\s+)?)?\b", re.I)
_FRACTION_OF_UNIT = re.compile(r"an?\s+(?:second|minute|hour|day|week|month|year|century|mile|metre|meter|inch|"
                               r"pound|kilo|point)\b", re.I)
_PARTS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}


def _fractions(doc: Doc, article: Article, quotes: list[Quote], dates: list[Span]) -> list[Claim]:
    """Fractions told as shares (:data:`_FRACTION`), as a rate in per cent, approximate unless qualified
    ("nearly a fifth" is nearly 20%, "a third" about 33.3%: a writer who gives a fraction rounds), so that
    "a third" and "33 per cent" agree and "nearly a fifth" and "14 percent" do not. Python's
    :class:`fractions.Fraction` is not needed: the parts are a closed list of words."""
    out = []
    text = article.text
    for m in _FRACTION.finditer(text):
        if not (m.group("by") or m.group("of")) or _FRACTION_OF_UNIT.match(text, m.end()):
            continue  # "a quarter of an hour", "three quarters of a mile": a time or a length
        words = m.group("frac").lower().replace("-", " ").split()
        part = words[-1].rstrip("s")
        if part not in _PARTS or (len(words) == 2 and _COUNTS[words[0]] >= _PARTS[part]):
            continue
        share = (_COUNTS[words[0]] if len(words) == 2 else 1) / _PARTS[part] * 100
        start, end = m.start("frac"), m.end("frac")
        qualifier, qstart = _qualifier(text, start)
        tok = _anchor(doc, start, end)
        try:
            counted = _topic(doc, tok, "rate") if tok is not None else None
        except (IndexError, ValueError):
            counted = None
        out.append(_claim_at(article, quotes, dates, tok, start, end, value=round(share, 1), unit="%", measure="rate",
                             counted=counted, qualifier=qualifier or "about",
                             qualifier_start=qstart if qualifier and qstart < start else None))
    return out


#: A minute of play told as an ordinal ("abandoned in the 78th minute", "By the 85th minute"): when in a
#: match something happened, read apart from the spotting pass (which drops ordinals, never counts).
_MATCH_MINUTE = re.compile(r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)(?=\s+minute\b)", re.I)
#: The unit of a match minute: a reading of the match clock, compared only as each outlet's one such
#: reading (:func:`presslens.stories.numbers.one_figure_findings`).
MATCH_MINUTE = "match minute"


def _match_minutes(doc: Doc, article: Article, quotes: list[Quote], dates: list[Span]) -> list[Claim]:
    """Each ordinal minute of play (:data:`_MATCH_MINUTE`) as a time in :data:`MATCH_MINUTE`, exact."""
    return [_claim_at(article, quotes, dates, _anchor(doc, *m.span()), *m.span(), value=float(m.group("n")),
                      unit=MATCH_MINUTE, measure="time", counted=None)
            for m in _MATCH_MINUTE.finditer(article.text)]


def extract_claims(doc: Doc, article: Article, quotes: Iterable[Quote] = ()) -> list[Claim]:
    """Every stated quantity of an article (body and headline), in text order.

    ``quotes`` are the article's quotes (:func:`presslens.analysis.quotes.extract_quotes`): a
    claim inside one is stated by its speaker.
    """
    text = article.text
    quotes = list(quotes)
    dates = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    halves = list(_HALF_DELAY.finditer(text))
    out: list[Claim] = [_single_delay(doc, article, quotes, dates, h.start(), h) for h in halves]
    fractions = _fractions(doc, article, quotes, dates)
    minutes = _match_minutes(doc, article, quotes, dates)
    out += fractions + minutes
    pos = 0
    while (m := _PATTERN.search(text, pos)) is not None:
        pos = m.end()
        if any(h.start() <= m.start() < h.end() for h in halves) or any(f.start <= m.start() < f.end for f in fractions):
            continue  # the "an" of "half an hour late", the "two" of "two-thirds": read above
        single = bool(m.group("words")) and m.group("words").lower() in ("a", "an", "one")
        if single and (late := _SINGLE_DELAY.match(text, m.end())):
            # "an hour and a half behind schedule", "a year late": a delay of one unit (and a half)
            out.append(_single_delay(doc, article, quotes, dates, m.start(), late))
            pos = late.end()
            continue
        if single and _unit_after(text, m.end())[0] not in _SINGLE_UNITS:
            continue  # "a" or "one" counts nothing, but "nearly a kilometre" is a length
        if m.group("range") and _digits(m.group("hi")) <= _digits(m.group("lo")) and "to" in m.group("rsep"):
            pos = m.start("hi")  # "by 2030 to 32 percent": no range; the second number is read on its own
            continue
        if m.group("range") and "to" in m.group("rsep") and re.search(r"\bfrom\s+$", text[max(0, m.start() - 6):m.start()], re.I):
            pos = m.start("hi")  # "raising the tax from 21 to 23 per cent": a change, its figure is the second
            continue
        if m.group("prange") and _digits(m.group("phi")) <= _digits(m.group("plo")):
            pos = m.start("punit")  # "leads 49 percent to 47 percent": two shares, each read on its own
            continue
        if _not_a_count(text, m):
            continue
        parsed = (1.0, None) if single else _value(m)
        if parsed is None and m.group("words") and (art := re.match(r"an?\s+", m.group("words"), re.I)):
            pos = m.start("words") + art.end()  # "a three-day strike": the article is no part of the number
            continue
        if parsed is None or not math.isfinite(parsed[0]):
            continue
        value, high = parsed
        unit = _unit_of(m)
        start, end = m.start(), m.end()
        if unit is None:
            unit, end = _currency_after(text, end)
        if unit is None:
            unit, end = _unit_after(text, end)
        if unit is None and m.group("suf") and m.group("suf").strip() == "m" and _METRES_PLACED.match(text, m.end()):
            # "about 420m underground", "a 30m high wall": bare "m" before a word of place is metres,
            # not millions (elsewhere "40m" is 40 million in news prose).
            value, unit = value / _SCALES["m"], "metres"
        tok = _anchor(doc, start, end)
        try:
            measure, counted, rising = _measure(doc, tok, unit)
        except (IndexError, ValueError):  # a parse the rules did not foresee: keep the number, no measure
            measure, counted, rising = None, None, False
        if measure == "time" and unit is None and counted:
            unit = _TIME_UNITS.get(counted.lower().rstrip("s"))  # "nine hours": a duration in hours
        qualifier, qstart = _qualifier(text, start)
        if qualifier is None:
            qualifier = _post_qualifier(text, end)
        if qualifier is None and rising:
            qualifier = "risen to"
        if m.group("vague") and qualifier is None:
            qualifier = "about"
        if measure in COUNT_MEASURES and value != int(value):
            measure = None  # "2.5 people" is no head count
        if measure in COUNT_MEASURES and _PER_PERIOD.match(text, end):
            measure = None  # "carries about 210,000 passengers on an average weekday": a rate, not an event's count
        if unit in _MEASURE_OF_UNIT:
            # "burnt 2,300 hectares", "1,800 tonnes of oil": the unit says what is measured, whatever the verb
            measure = _MEASURE_OF_UNIT[unit]
            counted = _unit_topic(tok, measure, text[end:end + 40])
        if measure in ("rate", "money", "votes", "time") and unit != "s" and tok is not None:
            try:
                counted = _topic(doc, tok, measure)
                if measure == "votes" and counted is None and _change_of_rate(_figure_node(tok)[1]) is None \
                        and (level := _topic(doc, tok, "rate")):
                    # "voted to raise the sales tax to 23 per cent", "Turnout reached 71 per cent, the
                    # electoral commission said": the level of a named thing, not a vote share (but "a 10
                    # percent drop" among voters is a change of a share).
                    measure, counted = "rate", level
            except (IndexError, ValueError):
                counted = None
        if measure is None and unit is None and value == int(value):
            counted = VOTES_AGAINST if _votes_against(tok) else _counted_noun(tok)
            if counted == VOTES_AGAINST and (tally := _tally_start(tok)) is not None:
                start = tally  # "27 votes to 19": the votes against are read, and shown, in their tally
            if counted and (per := _PER_PERIOD.match(text, end)):
                # "carries about 42,000 vehicles a day": a flow, never the same quantity as a total of the kind
                counted += " per " + _PERIOD_OF[per.group().split()[-1].lower()]
        when, w_start, w_end = _when(dates, tok, article)
        source, quote_type = _source(quotes, start, end)
        out.append(Claim(start=start, end=end, text=text[start:end], value=value, value_max=high, unit=unit,
                         qualifier=qualifier, qualifier_start=qstart if qualifier and qstart < start else None,
                         measure=measure, counted=counted, source=source, quote_type=quote_type, when=when,
                         when_start=w_start, when_end=w_end))
    return sorted(out, key=lambda c: c.start) if halves or fractions or minutes else out

