"""Number findings: the same quantity stated differently by different outlets of one story.

Built on the claims of each article (:mod:`presslens.analysis.claims`). Within a story, claims of
the same *count* measure (dead, injured, missing, arrested, evacuated, jobs, crowd) are about
the same thing: one story is one event. Each outlet's figure is the first claim of that measure
in its articles (where news puts the toll it stands by). Two outlets' figures are compared as
intervals once qualifiers are applied (``at least 27`` is [27, ∞), ``about 3,000`` is
[2,700, 3,300], ``up to 50`` and ``nearly 50`` are [40, 50], ``dozens`` is [24, 99]):

* disjoint intervals are a **conflict** (``35`` against ``over 50``): high confidence;
* overlapping but different exact bounds are a **difference** (``at least 27`` against ``31``):
  shown with both qualifiers and a lower confidence; an approximate or vague figure that
  overlaps another (``dozens`` against ``40``, ``about 3,000`` against ``3,100``) is no finding;
* equal values in other words (``4,500`` / ``four and a half thousand``) are no finding, and
  neither is a pair where the second outlet also states the first one's figure somewhere.

Rates, money, vote shares and durations are compared only between claims about the same
thing: the claim reader gives each its topic in ``counted`` from the parse (``raised its key
rate to 4.75 per cent`` → "rate", ``Turnout was 61 per cent`` → "turnout", ``a €2bn rescue
package`` → "rescue package", ``taking 52% of the vote`` → "vote of Hart", ``a 48-hour strike``
→ "strike in hours", ``nobody noticed they were gone for nine hours`` → "until known"); a figure
without a topic, or a poll's, is never aligned, and sums in different currencies are not compared. Each
outlet's figure for a topic is its first claim of it.
A figure in a unit of speed, length or amount is aligned on its unit and what the parse says it is
of ("travelling at 40 km/h" → the tram's speed, "1,800 tonnes of crude oil" → an amount of oil, "was
hurled nearly a kilometre" → how far the bus moved, "600 metres down" → a depth), compared in one unit,
at the same confidences; a speed limit is never aligned with a speed, and an outlet that gives two
figures for one such thing ("2 million litres of water" and "500,000 litres of water") aligns neither.

A count the parse ties to no measure is aligned on the plural noun it counts ("pulled 19 batches" /
"recalled 14 batches", "2.3 million taxpayers"), shown only as a conflict, at
:data:`CONTEXT_CONFIDENCE`, when each outlet gives one figure for that kind of thing and the figures
are within :data:`KIND_MAX_RATIO` of each other and at least :data:`KIND_MIN` (a smaller count only where each
outlet gives it in its headline, or in its lead under a noun its headline names: "Hospital shuts wards" over
"has closed three wards").

A rate or sum whose topic the parse does not name ("ammonia levels 35 per cent above the legal
limit", "paid Hesketh €2.7 million") may still be aligned by its **context**: the content words of
its clause (names, nouns and verbs, other figures and the source left out). Two outlets' topicless
figures of one measure and unit are aligned when each is the other's best match, they share at least
:data:`CONTEXT_MIN_SHARED` such words and stand in the same relation to them ("by" a change, "above"
or "below" a level). Such a pair yields a finding only when the figures conflict, at
:data:`CONTEXT_CONFIDENCE`, and its explanation names the shared words, so a reader can check the
alignment itself. Vote shares are left out: a sentence naming two candidates' shares ("47 per cent
against 38 per cent for Brink") shares its words between both figures.

Counts under other nouns, with no word-similarity resource at hand (the small spaCy model has no
vectors; WordNet is no dependency): a count per period is one flow per story whatever it counts
("about 42,000 vehicles a day" / "nearly 60,000 cars a day"), and each outlet's one count of things (or
of people) in its headline or lead is the story's lead figure (:func:`lead_count_findings`); both are
shown only as conflicts, under a conflict of one noun's counts. A count told for two different days,
each named in its sentence ("four remained in hospital on Saturday night" / "Two ... on Monday
morning"), is a change over time: hidden, and said to be so (:func:`told_for`). Each outlet's one sum in
a currency, its one speed and its one minute of a match ("in the 78th minute") are the story's whatever
topic the parse reads for them (:func:`one_figure_findings`), conflict-only. A hedged round figure that an
exact one rounds to ("more than 40" / "43") is no difference (:func:`_rounded`), nor a large bare round figure
the exact one rounds to ("38,000 homes" / "38,400 homes", :func:`_bare_rounded`).
"""
from __future__ import annotations

import math
import re
from datetime import date, timedelta
from collections import defaultdict
from dataclasses import replace
from collections.abc import Callable
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from presslens.analysis.claims import (CHANGE_WORDS, COUNT_MEASURES, DWELLINGS, MATCH_MINUTE, PEOPLE_NOUNS,
                                       POLL_WORDS, UNIT_MEASURES)
from presslens.model import Analysis
from presslens.model import Claim as StatedClaim
from presslens.stories.model import Claim, Finding
from presslens.stories.source import outlet_of

#: Measures that count one event's people or things, so that one story holds one figure each: the
#: head counts, the area an event covered ("burnt 2,300 hectares", per unit), a winning margin in
#: votes, the homes a power cut left without power and the homes evacuated.
COUNTS = COUNT_MEASURES + ("area", "margin", "without power", "evacuated homes")
#: Relative width of an approximate figure ("about 3,000").
_ABOUT = 0.1
#: Measures of a named thing (which rate, which sum, whose vote share, how long what lasts).
TOPICAL = ("rate", "money", "votes", "time")
#: Last words of the names of parties and lists, which name a vote share's holder only whole.
_GROUPS = {"party", "parties", "alliance", "front", "union", "coalition", "movement", "bloc", "league", "congress",
           "list", "caucus", "democrats", "republicans", "socialists", "conservatives", "liberals", "greens"}
#: Confidence of a conflict (disjoint figures) and of a difference (overlapping bounds).
CONFLICT_CONFIDENCE = 0.9
DIFFERENCE_CONFIDENCE = 0.6
#: The same for topical measures, lower: their alignment rests on the topic read from the parse
#: (one rate of a story may still be two rates), and a difference of bounds is shown on request only.
TOPICAL_CONFLICT_CONFIDENCE = 0.8
TOPICAL_DIFFERENCE_CONFIDENCE = 0.45
#: Confidence of one count told for two days, each figure with its own day (:func:`told_for`): no
#: disagreement, so under the default threshold, kept for a reader who asks for every finding.
CHANGE_CONFIDENCE = 0.3


#: Units of one dimension and their size in its base unit: figures in two such units are compared
#: converted ("some 300 metres" against "nearly a kilometre"), each then read as approximate, since a
#: writer who converts rounds ("22 miles" and "35 km" agree). Gallons (US or imperial?) stay apart.
_IN_BASE = {"metres": ("m", 1.0), "km": ("m", 1000.0), "miles": ("m", 1609.344), "mm": ("m", 0.001),
            "cm": ("m", 0.01), "inches": ("m", 0.0254),
            "km/h": ("km/h", 1.0), "mph": ("km/h", 1.609344), "knots": ("km/h", 1.852),
            "ha": ("ha", 1.0), "km2": ("ha", 100.0), "acres": ("ha", 0.404686), "sq mi": ("ha", 258.999),
            "kg": ("kg", 1.0), "tonnes": ("kg", 1000.0), "litres": ("litres", 1.0), "m3": ("litres", 1000.0),
            "minutes": ("minutes", 1.0), "hours": ("minutes", 60.0), "days": ("minutes", 1440.0),
            "weeks": ("minutes", 10080.0), "months": ("minutes", 43830.0), "years": ("minutes", 525960.0)}


def _lemma(word: str) -> str:
    """A plural noun's singular, roughly ("homes" → "home", "properties" → "property")."""
    word = word.lower()
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def _base_unit(unit: str | None) -> str | None:
    return _IN_BASE[unit][0] if unit in _IN_BASE else unit


def in_base_unit(c: StatedClaim) -> StatedClaim:
    """A figure in a unit of :data:`_IN_BASE` restated in its dimension's base unit, as approximate."""
    if c.unit not in _IN_BASE:
        return c
    base, size = _IN_BASE[c.unit]
    return replace(c, value=c.value * size, value_max=None if c.value_max is None else c.value_max * size,
                   unit=base, qualifier=c.qualifier or "about")


def alignment_key(c: StatedClaim) -> str | None:
    """What a claim is aligned on across outlets: its measure for a count (one story is one
    event), else measure and topic ("rate: turnout", "votes: vote of hart" keyed by the surname,
    "money EUR: rescue package"); None for a claim that is not aligned at all."""
    if c.measure == "area":
        return f"area {_base_unit(c.unit)}"
    if c.measure in UNIT_MEASURES:  # "speed km/h: tram", "amount kg: oil": one dimension, one thing
        return f"{c.measure} {_base_unit(c.unit)}: {c.counted}" if c.counted else None
    if c.measure == "evacuated" and c.counted and _lemma(c.counted.split()[0]) in DWELLINGS:
        # "340 homes were evacuated" / "600 households were evacuated" / "340 houses were emptied": evacuated
        # homes, whatever each outlet calls them, and not a count of people
        return "evacuated homes"
    if c.measure in COUNTS:
        return c.measure
    if c.measure is None and c.counted and " per " in c.counted:
        # "about 42,000 vehicles a day" / "nearly 60,000 cars a day": a story's flow per day, whatever noun
        # each outlet counts it in (:data:`_FLOW`)
        return f"{_FLOW}{c.counted.rsplit(' per ', 1)[1]}"
    if c.measure is None and c.counted and c.counted not in _NO_KIND:
        return f"count of {c.counted}"  # "19 batches" / "14 batches": counts of one kind of thing
    if c.measure not in TOPICAL or not c.counted or c.unit == "s":  # clock times: whose, the parse does not say
        return None
    topic = " ".join(c.counted.lower().split())
    if c.measure == "votes":
        holder = topic.removeprefix("vote of ").split()
        if not holder:
            return None
        # A person by surname ("President Aurel Voss" is "Aurel Voss"); a party or list by its whole
        # name, since "Unity Party" and "Green Party" share their last word.
        return f"votes: vote of {' '.join(holder) if holder[-1] in _GROUPS else holder[-1]}"
    if c.measure == "money":
        return f"money {c.unit}: {topic}"
    if c.measure == "time" and " for " in topic:
        # How long the story's act lasted, whichever verb tells it ("trapped for nearly nine hours",
        # "left dangling for more than 11 hours"): one story is one event, as for a toll; an outlet
        # that gives two such spans aligns neither (:func:`_one_figure_each`).
        return f"time: for {topic.split(' for ', 1)[1]}"
    return f"{c.measure}: {topic}"


#: Plural nouns that count no one kind of thing: people in general, units of time and of measure,
#: and parts of a whole ("three of the ten", "times", "points").
_NO_KIND = {"people", "person", "other", "time", "year", "month", "week", "day", "hour", "minute", "second",
            "point", "percent", "per", "member", "one", "kind", "way", "thing", "part", "side", "round"}
#: Keys of counts of a kind of thing: an outlet that gives two figures for one kind ("three boats
#: capsized", "40 boats joined the blockade") aligns neither, since which is whose is unsure; and two
#: outlets' figures more than :data:`KIND_MAX_RATIO` apart are taken for counts of two different sets
#: of that kind (two students hurt, 22,000 enrolled), since reports of one count rarely differ so much.
#: Three, not two: an outlet that inflates a count does so by more than double ("more than 1,000 homes"
#: against "about 380 homes", "more than 5,000 patients" against "about 2,400"); on the seen findings
#: splits (300 planted) and the PolNeAR stories the wider cut found two more and showed nothing wrong.
_KIND_KEY = "count of "
#: Key of a count of a kind per period ("42,000 vehicles a day"), without the kind: one story's traffic,
#: visitors or sales per day are one figure whether an outlet counts vehicles or cars. As a count of a
#: kind it is aligned only where each outlet gives one such figure, within :data:`KIND_MAX_RATIO`; and it
#: is shown only as a conflict (other nouns are weaker evidence of one quantity than the same noun).
_FLOW = f"{_KIND_KEY}anything per "
KIND_MAX_RATIO = 3.0
#: Smallest figure a count of a kind of thing is aligned at, unless each outlet gives it in its headline:
#: small counts are mostly asides ("only three elections since 1972" / "five key primary elections"),
#: not the story's figures.
KIND_MIN = 10
#: Measures aligned by context when the parse names no topic, the words two figures' contexts must
#: share, and the confidence of a conflict between them: under a conflict of a named topic (0.8),
#: since shared words are weaker evidence that two figures are one quantity than a shared topic.
CONTEXT_MEASURES = ("rate", "money")
CONTEXT_MIN_SHARED = 4
CONTEXT_CONFIDENCE = 0.7
#: Confidence of a conflict of counts per period in other nouns (:data:`_FLOW`): under a conflict of
#: one noun's counts (0.7), as the nouns differ.
FLOW_CONFIDENCE = 0.65
#: Words of every figure's context that say nothing about which quantity it is: reporting verbs,
#: number and unit words.
_CONTEXT_STOP = STOP_WORDS | {"said", "says", "say", "told", "according", "added", "stated", "reported",
                              "announced", "per", "cent", "percent", "percentage", "point", "million", "billion",
                              "thousand", "trillion", "euro", "dollar", "pound", "yen", "bn", "mn"}
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\n\s*\n")  # a blank line ends a headline
_ABOVE = {"above": "above", "over": "above", "higher": "above", "more": "above", "up": "above",
          "below": "below", "under": "below", "lower": "below", "less": "below", "down": "below"}


def context_words(text: str) -> set[str]:
    """Content words of a stretch of text, lower-case, a plural -s dropped."""
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z'\-]+", text):
        w = w.lower().removesuffix("'s")
        if len(w) > 2 and w not in _CONTEXT_STOP:
            out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out - _CONTEXT_STOP


def context_of(text: str, claim: StatedClaim, others: list[StatedClaim]) -> frozenset[str] | None:
    """The content words of a claim's clause (up to the nearest sentence or clause end), without
    the other figures of the clause and the words of the claim's source; None in a sentence about a
    poll (each poll is its own measurement: two margins of error are two polls')."""
    start, end = sentence_bounds(text, claim.start, claim.end, _CLAUSE_END)
    if POLL_WORDS.search(text, start, end):
        return None
    chars = list(text[start:end])
    for o in others:
        if o is not claim and start <= o.start < end:
            chars[o.start - start:o.end - start] = " " * (min(o.end, end) - o.start)
    words = context_words("".join(chars))
    return frozenset(words - context_words(claim.source or ""))


def relation(text: str, claim: StatedClaim) -> str:
    """How a figure stands to its context: "by" (a change: "rose by 3 per cent"), "above"/"below"
    ("35 per cent above the limit"), else ""."""
    before = text[max(0, claim.start - 4):claim.start].lower()
    after = re.match(r"\s*(\w+)", text[claim.end:claim.end + 12])
    if before.endswith("by "):
        return "by"
    return _ABOVE.get(after.group(1).lower(), "") if after else ""


#: A pair of items of two outlets aligned by context: (outlet, index), (outlet, index), shared words.
ContextPair = tuple[tuple[str, int], tuple[str, int], frozenset[str]]


def mutual_best(left: dict[str, list[tuple[Any, frozenset[str], str]]], min_shared: int,
                same_kind: Callable[[Any, Any], bool] = lambda a, b: True) -> list[ContextPair]:
    """Items (anything, its context words, its relation) of two outlets aligned by context: same
    relation, ``same_kind``, at least ``min_shared`` shared words, each the other's unique best match
    (a tie aligns nothing). Items are addressed as (outlet, index into its list). Used for figures
    here and for dates (:mod:`presslens.stories.dates`)."""
    def best(o: str, i: int, r: str) -> tuple[int, int] | None:
        item, words, rel = left[o][i]
        scored = sorted(((len(words & w), j) for j, (other, w, rl) in enumerate(left[r])
                         if rl == rel and same_kind(item, other)), reverse=True)
        if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return scored[0]

    pairs = []
    outlets = sorted(left)
    for k, o in enumerate(outlets):
        for r in outlets[k + 1:]:
            for i in range(len(left[o])):
                found = best(o, i, r)
                if found is None or found[0] < min_shared:
                    continue
                back = best(r, found[1], o)
                if back is not None and back[1] == i:
                    pairs.append(((o, i), (r, found[1]), left[o][i][1] & left[r][found[1]][1]))
    return pairs


def context_pairs(left: dict[str, list[tuple[StatedClaim, frozenset[str], str]]]) -> list[ContextPair]:
    """Pairs of topicless figures of two outlets aligned by context (:func:`mutual_best`): same
    measure and unit, same :func:`relation`, at least :data:`CONTEXT_MIN_SHARED` shared words."""
    return mutual_best(left, CONTEXT_MIN_SHARED, lambda c, d: c.measure == d.measure and c.unit == d.unit)


def _components(pairs: list[ContextPair]) -> list[list[tuple[tuple[str, int], frozenset[str]]]]:
    """The connected groups of context pairs: each figure with the words it shares with a partner
    (a figure of three outlets aligned pairwise is one quantity), figures in outlet order."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    words: dict[tuple[str, int], frozenset[str]] = {}
    for a, b, shared in pairs:
        parent[root(b)] = root(a)
        words[a] = words.get(a, shared) & shared
        words[b] = words.get(b, shared) & shared
    groups: dict[tuple[str, int], list[tuple[tuple[str, int], frozenset[str]]]] = defaultdict(list)
    for x in sorted(words):
        groups[root(x)].append((x, words[x]))
    return list(groups.values())


def _topic_words(key: str) -> list[str]:
    """The words of a topical key's topic ("rate: value-added tax" → value, added, tax); a duration's
    unit is left out ("time: contract in years" → contract), since it says nothing about what lasts."""
    topic = key.split(": ", 1)[1]
    if key.startswith("time: "):
        topic = re.sub(r"\s+in\s+[a-z]+$", "", topic)
    return [w.rstrip("s") if len(w) > 3 else w for w in re.split(r"[\s-]+", topic) if w]


def same_topic(a: str, b: str) -> bool:
    """Whether two topical keys of one measure (and currency) name the same thing in other words:
    an initialism of the other's words ("vat" / "value-added tax"), or two modified names of one head
    ("savings package" / "austerity package": one story has one package). A bare head ("rate")
    never joins a modified one ("unemployment rate"): a story may hold both, as different rates.
    Durations are joined on what lasts, not on their unit: "a 48-hour walkout" and "a two-day walkout"
    are one, "a five-year contract" and "a 13-year association" two. A length or an amount of a word
    and of a compound the word opens ("coast" / "coastline") is of one thing. A rate's change named by its
    change noun ("a council tax rise of 4.9 per cent" → "council tax rise") is the rate the change verb's
    subject names ("council tax will rise by 3.5 per cent" → "council tax"), when that takes two words or
    more (a bare "rate" may be a level where "rate rise" is a step).
    """
    if a == b:
        return True
    if a.split(": ", 1)[0] != b.split(": ", 1)[0]:
        return False
    wa, wb = _topic_words(a), _topic_words(b)
    if a.startswith("time: ") and wa == wb:
        return True
    if a.split()[0] in UNIT_MEASURES and len(wa) == len(wb) == 1 and min(len(wa[0]), len(wb[0])) >= 4 \
            and (wa[0].startswith(wb[0]) or wb[0].startswith(wa[0])):
        return True  # "six kilometres of coast" / "three kilometres of coastline": a compound of the same noun
    for short, long in ((wa, wb), (wb, wa)):
        if len(short) == 1 and len(long) >= 2 and short[0] == "".join(w[0] for w in long):
            return True
        if a.startswith("rate: ") and len(short) >= 2 and long[:-1] == short and long[-1] in CHANGE_WORDS:
            return True
    return len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1]


def _merge_topics(stated: dict[str, dict[str, list]]) -> dict[str, dict[str, list]]:
    """Topical keys that :func:`same_topic` joins, merged, unless one outlet uses both (then they are
    two things to it, and the merge would compare an outlet's package with another's other sum)."""
    keys = sorted(k for k in stated if k.split(":", 1)[0].split()[0] in TOPICAL + UNIT_MEASURES and ": " in k)
    merged: dict[str, str] = {}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            ra, rb = merged.get(a, a), merged.get(b, b)
            if ra != rb and same_topic(a, b) and not set(stated[ra]) & set(stated[rb]):
                for k, r in list(merged.items()) + [(rb, rb)]:
                    if r == rb:
                        merged[k] = ra
                for o, cs in stated.pop(rb).items():
                    stated[ra][o].extend(cs)
    return stated


def interval(c: StatedClaim) -> tuple[float, float]:
    """The values a claim allows, with its qualifier applied (open ends as closed, a hair inside)."""
    v, hi = c.value, c.value_max if c.value_max is not None else c.value
    q = c.qualifier
    if q == "at least":
        return v, math.inf
    if q == "more than":
        return v + 1e-9, math.inf
    if q == "about":
        return v * (1 - _ABOUT), hi * (1 + _ABOUT)
    if q == "nearly":
        return v * (1 - 2 * _ABOUT), v
    if q == "up to":
        # "up to 4,000 tonnes", "gusts of up to 90 km/h", "as many as 50": news gives the top figure as
        # its figure, so it is read like "nearly", not as anything from zero.
        return hi * (1 - 2 * _ABOUT), hi
    if q == "less than":
        return 0.0, v - 1e-9
    return v, hi


def _vague(c: StatedClaim) -> bool:
    return c.qualifier == "about" or (c.value_max is not None and c.value_max != c.value)


def _shown(c: StatedClaim) -> str:
    """A claim's figure as a person reads it: qualifier and normalised value with its unit
    ("at least 27", "10-15", "4.75%", "EUR 2,000,000,000")."""
    value = f"{c.value:,.10g}" if c.value_max is None else f"{c.value:,.10g}-{c.value_max:,.10g}"
    if c.unit == "%":
        value += "%"
    elif c.unit and c.unit.isupper():  # a currency code before the figure
        value = f"{c.unit} {value}"
    elif c.unit == MATCH_MINUTE:
        value = f"minute {value}"
    elif c.unit and c.unit != "s":  # a unit of area, speed, length or amount after it
        value = f"{value} {c.unit}"
    return f"{c.qualifier} {value}" if c.qualifier else value


def _who(c: StatedClaim) -> str:
    return f"according to {c.source}" if c.source else "in its own voice"


#: Counts whose compatible figures are no finding: how many were aboard is a capacity or an
#: estimate ("more than 300" and "380" passengers agree), unlike a toll, where "at least 27" against
#: "31" is worth showing.
CONFLICT_ONLY = ("aboard",)


#: Ratio within which a hedged figure and an exact one that it allows are one figure rounded.
ROUNDING = 1.05


def compare_figures(a: StatedClaim, b: StatedClaim) -> str | None:
    """"conflict", "difference" or None (no finding) for two outlets' figures of one measure."""
    if a.unit != b.unit:  # "300 metres" / "a kilometre": compared in one unit
        a, b = in_base_unit(a), in_base_unit(b)
    (alo, ahi), (blo, bhi) = interval(a), interval(b)
    # One figure hedged and one not ("more than 60", "at least 60" against "60"): outlets rounding or
    # hedging one count, not two counts.
    if a.value == b.value and (a.value_max, b.value_max) == (None, None):
        return None
    if _bare_rounded(a, b) or _bare_rounded(b, a):
        return None
    if ahi < blo or bhi < alo:
        return "conflict"
    if a.measure in CONFLICT_ONLY:
        return None
    if (a.value, a.value_max, a.qualifier) == (b.value, b.value_max, b.qualifier):
        return None
    if _vague(a) or _vague(b) or a.qualifier == b.qualifier:
        return None
    if a.value and b.value and max(a.value, b.value) <= ROUNDING * min(a.value, b.value):
        return None  # "more than 8,000" against "8,200": one figure, hedged and rounded
    if _rounded(a, b) or _rounded(b, a):
        return None
    return "difference"


#: Qualifiers that bound a figure from below ("more than 40") and from above ("nearly 50").
_FROM_BELOW = ("at least", "more than")
_FROM_ABOVE = ("nearly", "up to")


def _rounding_step(value: float) -> float:
    """The step a round figure is rounded to: the largest power of ten that divides it, at least 10
    ("40" → 10, "300" → 100, "1,500" → 100); 0 for a figure that is not round ("43", "24", "5")."""
    if value < 10 or value != int(value) or int(value) % 10:
        return 0.0
    step = 10
    while int(value) % (step * 10) == 0:
        step *= 10
    return float(step)


#: The least step at which a bare round figure is taken as another figure rounded: "38,000 homes" in a
#: headline for the body's 38,400, "1,200 residents" for 1,187; a count of tens ("40 dead" / "43 dead") is
#: not written rounded without a hedge.
BARE_ROUNDING_STEP = 100


def _bare_rounded(rounded: StatedClaim, exact: StatedClaim) -> bool:
    """Whether a round figure stated without a hedge is an exact one rounded to its step: headlines and
    leads round large counts silently ("cuts power to 38,000 homes" against "38,400 homes"), so the two are
    one figure, not two reports. Only for steps of :data:`BARE_ROUNDING_STEP` and over, and only when the
    exact figure is not itself round at that step (38,000 against 39,000 still conflict)."""
    if rounded.qualifier is not None or exact.qualifier is not None \
            or rounded.value_max is not None or exact.value_max is not None:
        return False
    step = _rounding_step(rounded.value)
    return step >= BARE_ROUNDING_STEP and exact.value % step != 0 and abs(exact.value - rounded.value) < step / 2


def _rounded(hedged: StatedClaim, exact: StatedClaim) -> bool:
    """Whether a hedged round figure is an exact one rounded to its step: "more than 40" is what a writer
    makes of 43, "nearly 50" of 48 (the exact figure within one step on the side the hedge points to).
    "at least 27" against "31" is no rounding (27 is not round): a difference worth showing."""
    if exact.qualifier is not None or exact.value_max is not None or hedged.value_max is not None:
        return False
    step = _rounding_step(hedged.value)
    if not step:
        return False
    if hedged.qualifier in _FROM_BELOW:
        return hedged.value <= exact.value < hedged.value + step
    return hedged.qualifier in _FROM_ABOVE and hedged.value - step < exact.value <= hedged.value


def sentence_bounds(text: str, start: int, end: int, ends: re.Pattern[str] = _SENTENCE_END) -> tuple[int, int]:
    """The sentence around a span: from the last sentence end before it to the first after it
    (``ends``: clause ends instead, for :func:`context_of`)."""
    first = max((m.end() for m in ends.finditer(text, 0, start)), default=0)
    last = m.start() if (m := ends.search(text, end)) else len(text)
    return first, last


def _beside(analysis: Analysis, claim: StatedClaim, other: StatedClaim) -> bool:
    """Whether the sentence of ``claim`` also states ``other``'s value (any measure): the outlet gives
    the other figure as an earlier or another count of the same thing ("up from the eleven
    confirmed on Saturday"), so it does not contradict it."""
    start, end = sentence_bounds(analysis.article.text, claim.start, claim.end)
    return any(c is not claim and start <= c.start < end and c.value == other.value and c.unit == other.unit
               for c in analysis.claims)


def _both_told_elsewhere(per_outlet: dict[str, list[tuple[str, StatedClaim]]], pair: tuple[str, str],
                         a: StatedClaim, b: StatedClaim) -> bool:
    """Whether a third outlet of the story gives both figures of the thing: then they stand side by
    side as two sources' or two groups' figures ("the council expects about 85 posts to go" and "the
    union said up to 120 could go"), and two outlets each giving one of them do not contradict each
    other. Both must be given as such (the same value): a hedged figure agrees with too much ("at least
    14" with 19) to say which figure an outlet gives."""
    def gives(cs: list[tuple[str, StatedClaim]], f: StatedClaim) -> bool:
        return any((in_base_unit(c).value, c.value_max) == (in_base_unit(f).value, f.value_max) for _, c in cs)

    return any(gives(cs, a) and gives(cs, b) for o, cs in per_outlet.items() if o not in pair)


#: Below this a count of people recurring in another outlet may be a coincidence of small numbers.
_PEOPLE_AGAIN_MIN = 20


def _known_to(by_id: dict[str, Analysis], figures: list[tuple[str, StatedClaim]], figure: StatedClaim) -> bool:
    """Whether the outlet of ``figures`` knows ``figure`` as it is, so the two outlets do not dispute it:

    * it gives the same amount in the same unit somewhere, under the same measure or none (an outlet
      that reports "a 9 percent pay rise" sought is not contradicted by another's "holding out for 9%",
      however the words around them aligned that figure with its "offered 4.5 percent");
    * it counts people with that number under no measure ("About 300 people spent Thursday night there"
      against another's "Around 300 evacuees bedded down", while its own evacuation figure is 2,000);
    * one of its sentences gives both figures ("had risen to 23, up from 17"): a change it tells as such.
    """
    aids = [aid for aid in dict.fromkeys(aid for aid, _ in figures) if aid in by_id]
    own = [c for _, c in figures]
    for aid in aids:
        analysis = by_id[aid]
        text = analysis.article.text
        for c in analysis.claims:
            if (c.value, c.value_max) != (figure.value, figure.value_max):
                continue
            if figure.unit is not None and c.unit == figure.unit and c.measure in (None, figure.measure):
                return True
            if figure.value >= _PEOPLE_AGAIN_MIN and figure.value_max is None and c.measure is None \
                    and (c.counted or "").lower() in PEOPLE_NOUNS:
                return True
            start, end = sentence_bounds(text, c.start, c.end)
            if any(o is not c and start <= o.start < end and o.unit == c.unit
                   and any((o.value, o.value_max) == (x.value, x.value_max) for x in own) for o in analysis.claims):
                return True
    return False


def _undisputed(by_id: dict[str, Analysis], per_outlet: dict[str, list[tuple[str, StatedClaim]]], o: str, r: str,
                a: StatedClaim, b: StatedClaim) -> bool:
    """Whether outlets ``o`` (figure ``a``) and ``r`` (figure ``b``) do not dispute the figure though their
    main figures differ: one states the other's somewhere (:func:`_states`) or names it beside its own
    (:func:`_beside`), a third outlet gives both (:func:`_both_told_elsewhere`), or one knows the other's
    figure as it is (:func:`_known_to`). Cheapest first."""
    return _states(per_outlet[r], a) or _states(per_outlet[o], b) \
        or any(_beside(by_id[aid], c, a) for aid, c in per_outlet[r]) \
        or any(_beside(by_id[aid], c, b) for aid, c in per_outlet[o]) \
        or _both_told_elsewhere(per_outlet, (o, r), a, b) \
        or _known_to(by_id, per_outlet[r], a) or _known_to(by_id, per_outlet[o], b)


#: A count's group after it: "Eleven of the injured", "nine of its libraries".
_PART_OF = re.compile(r"\s+of\s+(?:the|its|their|those|these)\s+[a-z][a-z\-]*\b", re.I)
#: A unit joined to its figure by a hyphen ("nine-week", "4-metre", "12-year-old").
_JOINED_UNIT = re.compile(r"-[a-z]+(?:-[a-z]+)*\b", re.I)
_NEXT_WORD = re.compile(r"\s+([a-z][a-z\-]*)\b(?:\s*([a-z][a-z\-]*))?", re.I)
#: Units of time, always shown with their figure ("nine hours suspended", "11 HOURS in a headline").
_TIME_UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years"}


#: Words in a figure's sentence that make it a forecast, a possibility or an amount on top ("a further
#: 20-30mm of rain was possible on Monday", "is expected to reach 40 km/h"), not the figure of what happened.
_FORECAST = re.compile(r"\b(?:could|will|would|may|might|expected|forecast|forecasters?|predicted|likely|possible|"
                       r"a further)\b", re.I)


def _stated_before_forecast(cs: list[tuple[str, StatedClaim]], by_id: dict[str, Analysis]
                            ) -> list[tuple[str, StatedClaim]]:
    """An outlet's figures for one thing without its forecasts, where it also states what happened: "87mm
    of rain fell" is the figure, "a further 20-30mm could fall on Monday" a forecast beside it."""
    def forecast(aid: str, c: StatedClaim) -> bool:
        text = by_id[aid].article.text
        start, end = sentence_bounds(text, c.start, c.end)
        return _FORECAST.search(text, start, end) is not None

    facts = [(aid, c) for aid, c in cs if not forecast(aid, c)]
    return facts or cs


def _one_figure_each(key: str) -> bool:
    """Whether an alignment key is compared only where each outlet gives one figure for it: a speed,
    length or amount of one thing, a count of a kind of thing, or how long an act lasted (an area is an
    event's, like a toll)."""
    return key.startswith(_KIND_KEY) or key.split()[0] in UNIT_MEASURES and not key.startswith("area ") \
        or key.startswith("time: for ") \
        or key in ("time: sentence", "time: warning", "time: delay", "time: until known") \
        or key.startswith("rate: share of ")  # an act's length, a sentence, how late something was; a share of a
    # group ("81 per cent of five-year-olds"), since one group may have shares of many things


def _states(figures: list[tuple[str, StatedClaim]], figure: StatedClaim) -> bool:
    """Whether an outlet's figures include one that agrees with ``figure``; a range ("scores", "10-15")
    only when it is the same range: "Sends Scores to Hospital" does not state 41 people."""
    return any(compare_figures(figure, c) is None for _, c in figures
               if c.value_max is None or (c.value, c.value_max) == (figure.value, figure.value_max))


def _in_headline(analysis: Analysis, c: StatedClaim) -> bool:
    """Whether a figure is in its article's headline (the title's first place in its text, which may
    open with a line of metadata)."""
    title = (analysis.article.title or "").strip()
    at = analysis.article.text.find(title) if title else -1
    return at >= 0 and at <= c.start and c.end <= at + len(title)


def _headline_names(analysis: Analysis, noun: str) -> bool:
    """Whether an article's headline names a counted noun (a lemma), in the singular or plural ("Hospital
    shuts wards after ..." names "ward"): the thing the story is about, so a small count of it in the lead
    is the story's figure, not an aside."""
    return noun in {_lemma(w) for w in re.findall(r"[a-z]+", (analysis.article.title or "").lower())}


def _another_year(analysis: Analysis, c: StatedClaim) -> bool:
    """Whether a figure is told for a year other than its article's ("It shut three libraries in 2010."):
    a past event beside the story, not the story's own figure."""
    years = set(re.findall(r"\b(?:1[89]|20)\d\d\b", c.when or ""))
    return bool(years - {(analysis.article.date or "")[:4]})


def _main(figures: list[tuple[str, StatedClaim]]) -> tuple[str, StatedClaim]:
    """An outlet's figure for one quantity: its first, unless that is a vague word whose exact figure the
    outlet gives later ("Leak Sends Scores to Hospital" over "Around 140 people were taken to hospital"):
    a headline's "scores", "dozens" or "hundreds" stands for the figure its article states."""
    first = figures[0]
    if first[1].value_max is None or first[1].value_max == first[1].value:
        return first
    lo, hi = interval(first[1])
    return next(((aid, c) for aid, c in figures[1:] if c.value_max is None and lo <= c.value <= hi), first)


#: Confidence of a conflict of the counts each outlet gives in its headline or lead under other nouns
#: (:func:`lead_count_findings`): under a conflict of one noun's counts (0.7), as the nouns differ.
LEAD_CONFIDENCE = 0.6
_PARAGRAPH_END = re.compile(r"\n\s*\n")


#: Paragraphs after the headline that make an article's lead: two, since a tabloid's first paragraph is
#: often one sentence of colour ("The villa-and-racehorse conman was behind bars last night.") and its
#: figure opens the second.
LEAD_PARAGRAPHS = 2


def _in_lead(analysis: Analysis, c: StatedClaim) -> bool:
    """Whether a figure is in its article's headline or lead (the first :data:`LEAD_PARAGRAPHS`
    paragraphs after the headline)."""
    text, title = analysis.article.text, (analysis.article.title or "").strip()
    at = text.find(title) if title else -1
    if at < 0:
        return False
    end = at + len(title)
    for _ in range(LEAD_PARAGRAPHS):
        while end < len(text) and text[end].isspace():
            end += 1
        end = m.start() if (m := _PARAGRAPH_END.search(text, end)) else len(text)
    return at <= c.start and c.end <= end


#: Nouns of people by what they do or are to the story, beyond the claim reader's people nouns (which
#: also steer its reading of measures, so they stay as they are there): a lead's count of skiers,
#: investors or savers is a count of people, to be compared with another outlet's passengers or victims.
_AGENTS = frozenset({"skier", "climber", "hiker", "walker", "swimmer", "runner", "rider", "holidaymaker", "traveller",
                     "traveler", "investor", "saver", "depositor", "shareholder", "borrower", "customer", "client",
                     "tenant", "homeowner", "occupant", "survivor", "evacuee", "participant", "attendee", "spectator",
                     "voter", "athlete", "competitor", "applicant", "claimant", "recruit", "trainee", "pensioner",
                     "retiree", "subscriber", "user", "viewer", "listener", "reader", "paramedic", "surgeon",
                     "nurse", "pupil", "graduate", "delegate", "mourner", "worshipper", "protester", "fan"})


def _of_people(noun: str) -> bool:
    """Whether a counted noun (a lemma) names people: one of the claim reader's people nouns or of
    :data:`_AGENTS`, or a word of a person's trade or belief ("crewman", "fisherwoman", "unionist",
    "technician")."""
    return noun in PEOPLE_NOUNS or noun in _AGENTS or noun.endswith(("man", "men", "person", "ist", "ian"))


def lead_count_findings(story_id: str, originals: list[Analysis], taken: set[str]) -> list[Finding]:
    """Counts of a kind each outlet gives in its headline or lead under its own noun ("About 40 fishing
    vessels blockaded the port" / "lashing more than 60 trawlers together"): a story's lead figure is its
    main one, so two outlets' lead counts of things (or of people) are one quantity when each outlet's
    lead gives exactly one figure of that class. No resource says a trawler is a vessel (the small spaCy
    model has no vectors, WordNet is no dependency), so the lead stands in for the noun. Shown only as a
    conflict, within :data:`KIND_MAX_RATIO`, at :data:`LEAD_CONFIDENCE`; counts of one noun are left to the
    kind's own key (``taken``: keys of two or more outlets), and figures in a direct quote are a speaker's."""
    leads: dict[tuple[str, bool], dict[str, list[tuple[str, StatedClaim]]]] = defaultdict(lambda: defaultdict(list))
    for a in originals:
        for c in a.claims:
            if c.measure is None and c.unit is None and c.counted and " per " not in c.counted \
                    and c.value_max is None and c.value > 1 and c.quote_type != "direct" and _in_lead(a, c):
                leads[(c.counted, _of_people(c.counted))][outlet_of(a.article)].append((a.article.id, c))
    by_id = {a.article.id: a for a in originals}
    findings = []
    for people in (False, True):
        per_outlet: dict[str, list[tuple[str, StatedClaim]]] = defaultdict(list)
        for (noun, is_people), outlets in leads.items():
            if is_people == people:
                for o, cs in outlets.items():
                    per_outlet[o].extend(cs)
        # An outlet's headline count is its lead count ("Four works stolen" over "two galleries" in its lead);
        # small counts are asides unless two outlets headline theirs (then they are the story's figure).
        headed = {o: [(aid, c) for aid, c in cs if _in_headline(by_id[aid], c)] for o, cs in per_outlet.items()}
        small = sum(bool(h) for h in headed.values()) >= 2
        per_outlet = {o: kept for o, cs in per_outlet.items()
                      if (kept := [(aid, c) for aid, c in headed[o] or cs if small or c.value >= KIND_MIN])}
        one = {o: cs[0] for o, cs in per_outlet.items() if len({c.value for _, c in cs}) == 1}
        if len(one) < 2 or len(one) < len(per_outlet):
            continue  # an outlet with two lead counts of the class: which is the story's, unsure
        nouns = {c.counted for _, c in one.values()}
        if len(nouns) < 2 or any(alignment_key(c) in taken for _, c in one.values()):
            continue
        subject = f"lead count of {'people' if people else 'things'}"
        finding = _one_each_finding(
            story_id, one, by_id, subject, lambda o, r: one[o][1].counted != one[r][1].counted,
            lambda c: f"counting {c.counted}, {_who(c)}",
            f"each outlet's one count of {'people' if people else 'things'} in its headline or lead, under other nouns")
        if finding is not None:
            findings.append(finding)
    return findings


def _one_each_finding(story_id: str, one: dict[str, tuple[str, StatedClaim]], by_id: dict[str, Analysis],
                      subject: str, pair_ok: Callable[[str, str], bool], side: Callable[[StatedClaim], str],
                      aligned_as: str) -> Finding | None:
    """The finding of outlets' figures aligned only as each outlet's one figure of a class (``one``: outlet
    -> its figure): the pairs that ``pair_ok`` allows and whose figures conflict within
    :data:`KIND_MAX_RATIO`, at :data:`LEAD_CONFIDENCE`, each side shown with ``side``; None without such a pair."""
    outlets = sorted(one)
    pairs = [(o, r) for i, o in enumerate(outlets) for r in outlets[i + 1:]
             if pair_ok(o, r) and _near(one[o][1].value, one[r][1].value)
             and compare_figures(one[o][1], one[r][1]) == "conflict"]
    if not pairs:
        return None
    involved = sorted({o for pair in pairs for o in pair})
    claims = [_claim(by_id[aid].article.text, aid, c) for aid, c in (one[o] for o in involved)]
    sides = "; ".join(f"{o} {_shown(one[o][1])} ({side(one[o][1])})" for o in involved)
    return Finding("number", story_id, subject, claims, confidence=LEAD_CONFIDENCE,
                   explanation=f"{subject}: {sides} — the figures cannot both be right; aligned as {aligned_as}")


#: Measures compared as each outlet's one figure of the story (:func:`one_figure_findings`), and what
#: the class of a figure is called in a finding's subject.
_ONE_FIGURE = {"money": "sum", "speed": "speed", "time": MATCH_MINUTE}
#: A speed limit named just before a speed ("a limit of 60 km/h", "limited to 60 km/h"): not how fast
#: anything went.
_LIMIT_BEFORE = re.compile(r"limit\w*\W+(?:\w+\W+){0,3}$", re.I)


def one_figure_findings(story_id: str, originals: list[Analysis], shown: set[tuple[str, float]]) -> list[Finding]:
    """Each outlet's one sum in a currency, its one speed, or its one minute of a match, under whatever
    topic ("for a fee of £32 million" / "completed a £45m betrayal"; "worth €30 million" / "a combined
    estimated value of 12 million euros"; "travelling at about 112 km/h" / "smashed into a mudslide at
    140km/h"; "abandoned in the 78th minute" / "stormed the pitch in the 85th minute"): where every outlet that
    states such figures states one amount apart from those every outlet states (an agreed reward says
    nothing about which sum is the story's), that amount is the story's. The topic the parse reads for a
    sum is often the outlet's own word for it ("betrayal", "probe", "winner"), or none, so the one-figure
    rule stands in for it; two speeds whose topics the parse names differently ("gusts" / "winds") are two
    things, and a speed limit is no speed. Shown only as a conflict within :data:`KIND_MAX_RATIO`, at
    :data:`LEAD_CONFIDENCE`; figures in a direct quote are a speaker's, an outlet that also states the
    other's amount anywhere does not contradict it, and a figure a finding of its topic already compares
    (``shown``: outlet and amount in the base unit) is not shown again beside another outlet's."""
    figures: dict[tuple[str, str], dict[str, list[tuple[str, StatedClaim]]]] = defaultdict(lambda: defaultdict(list))
    for a in originals:
        for c in a.claims:
            if c.measure in _ONE_FIGURE and c.unit and c.quote_type != "direct" \
                    and (c.measure == "time") == (c.unit == MATCH_MINUTE) \
                    and not (c.measure == "speed" and ("limit" in (c.counted or "") or _LIMIT_BEFORE.search(
                        a.article.text, max(0, c.start - 40), c.start))):
                figures[(c.measure, _base_unit(c.unit))][outlet_of(a.article)].append((a.article.id, c))
    by_id = {a.article.id: a for a in originals}
    findings = []
    for (measure, unit), per_outlet in sorted(figures.items()):
        if len(per_outlet) < 2:
            continue
        agreed = set.intersection(*({in_base_unit(c).value for _, c in cs} for cs in per_outlet.values()))
        own = {o: [(aid, c) for aid, c in cs if in_base_unit(c).value not in agreed] for o, cs in per_outlet.items()}
        if any(len({in_base_unit(c).value for _, c in cs}) != 1 for cs in own.values()):
            continue  # an outlet with no figure of its own, or two: which is the story's, unsure
        one = {o: cs[0] for o, cs in own.items()}

        def pair_ok(o: str, r: str) -> bool:
            a, b = one[o][1], one[r][1]
            return not _states(per_outlet[r], a) and not _states(per_outlet[o], b) \
                and not {(o, in_base_unit(a).value), (r, in_base_unit(b).value)} & shown \
                and not (measure == "speed" and a.counted and b.counted and a.counted != b.counted)

        what = _ONE_FIGURE[measure] if unit == MATCH_MINUTE else f"{_ONE_FIGURE[measure]} in {unit}"
        finding = _one_each_finding(
            story_id, one, by_id, f"the story's one {what}", pair_ok,
            lambda c: f"{c.counted or 'no topic read'}, {_who(c)}", f"each outlet's one {what}")
        if finding is not None:
            findings.append(finding)
    return findings


def _near(a: float, b: float) -> bool:
    """Whether two counts of one kind are within :data:`KIND_MAX_RATIO` of each other."""
    return min(a, b) > 0 and max(a, b) <= KIND_MAX_RATIO * min(a, b)


def _claim(text: str, article_id: str, c: StatedClaim) -> Claim:
    """A figure as a finding shows it: the number with the noun written right after it ("58 people",
    "seventy-three passengers and crew") or the group it is part of ("Eleven of the injured"), so a
    reader sees what was counted; a function word after it
    ("27 were injured", "31 on Wednesday") is not taken, nor a word another word goes on from ("five key
    primary elections": "key" is not what was counted), except a unit of time ("nine hours suspended") or the
    noun the parse read as counted ("about 300 homes nearby were evacuated")."""
    end = c.end
    if joined := _JOINED_UNIT.match(text, end):  # "the nine-week trial", "a six-metre wave": the unit is the figure's
        return Claim(article_id, c.start, joined.end(), text[c.start:joined.end()], _shown(c))
    if c.unit is None and (part := _PART_OF.match(text, end)):
        return Claim(article_id, c.start, part.end(), text[c.start:part.end()], _shown(c))
    m = _NEXT_WORD.match(text, end) if c.unit is None or c.unit in _TIME_UNITS else None
    if m and m.group(1).lower() not in _CONTEXT_STOP \
            and (m.group(2) is None or m.group(2).lower() in _CONTEXT_STOP or m.group(1).lower() in _TIME_UNITS
                 or m.group(1).lower() == (c.counted or "").split(" ", 1)[0].lower()):  # the noun the parse counts
        end = m.end(1)
    return Claim(article_id, c.start, end, text[c.start:end], _shown(c))


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: A day a count's sentence names: a weekday, the day before the article's ("yesterday", "last night") or
#: the article's own ("today", "this morning").
_DAY_WORD = re.compile(r"\b(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?P<yesterday>yesterday"
                       r"|last\s+night)|today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)
#: Counts that only grow as an event's news comes in (the dead, the hurt, the arrested, the sick): a later
#: lower figure still contradicts an earlier one. Other counts (in hospital, trapped, missing, evacuated,
#: without power) may fall as well as rise.
_CUMULATIVE = ("dead", "injured", "arrested", "ill")


def told_for(analysis: Analysis, c: StatedClaim) -> int | None:
    """The day (an ordinal) a figure is told for, where its own sentence names the day: a weekday (the
    last such day up to the article's date: a count is told of the past or the present), "yesterday",
    "last night", "today", "this morning"; None when the sentence names none, or without an article date
    (the article's own date is no time the text gives). Parts of one day are one day: "18 dead on Sunday"
    against "at least 30 by Sunday night" is a disagreement an author may plant, not news coming in."""
    if c.when_start is None or not c.when:
        return None
    try:
        today = date.fromisoformat((analysis.article.date or "")[:10])
    except ValueError:
        return None
    m = _DAY_WORD.search(c.when)
    if m is None:
        return None
    if m.group("weekday"):
        day = today - timedelta(days=(today.weekday() - _WEEKDAY_NAMES.index(m.group("weekday").lower())) % 7)
    else:
        day = today - timedelta(days=1 if m.group("yesterday") else 0)
    return day.toordinal()


def _over_time(measure: str, a: tuple[int | None, StatedClaim], b: tuple[int | None, StatedClaim]) -> bool:
    """Whether two figures of a count are the count on two days, each told for its own day ("four people
    remained in hospital on Saturday night" / "Two people remained in hospital on Monday morning"): a
    change over time, not a disagreement, unless a count that only grows fell."""
    (ta, ca), (tb, cb) = a, b
    if ta is None or tb is None or ta == tb or not (measure in COUNTS or measure.startswith(_KIND_KEY)):
        return False
    earlier, later = (ca, cb) if ta < tb else (cb, ca)
    return measure not in _CUMULATIVE or interval(later)[1] >= interval(earlier)[0]


def number_findings(story_id: str, originals: list[Analysis]) -> list[Finding]:
    """One finding per count measure, or per topic of a rate, sum, vote share or duration, whose
    outlets' figures conflict or differ."""
    # alignment key -> outlet -> [(article id, claim)] in story order.
    stated: dict[str, dict[str, list[tuple[str, StatedClaim]]]] = defaultdict(lambda: defaultdict(list))
    # outlet -> topicless rates and sums: (claim, context words, relation), and their article ids.
    left: dict[str, list[tuple[StatedClaim, frozenset[str], str]]] = defaultdict(list)
    left_ids: dict[str, list[str]] = defaultdict(list)
    # Words of the story's name (in two outlets' headlines: "tram", "extension", "Pell Heath") are in
    # every figure's context, so they say nothing about which quantity a figure is.
    titles: dict[str, set[str]] = defaultdict(set)
    for a in originals:
        titles[outlet_of(a.article)] |= context_words(a.article.title or "")
    named = {w for w in set().union(*titles.values()) if sum(w in t for t in titles.values()) >= 2}
    for a in originals:
        for c in a.claims:
            if (key := alignment_key(c)) is not None:
                stated[key][outlet_of(a.article)].append((a.article.id, c))
            elif c.measure in CONTEXT_MEASURES and c.unit != "s" and not c.counted \
                    and (context := context_of(a.article.text, c, a.claims)) is not None:
                left[outlet_of(a.article)].append((c, context - named, relation(a.article.text, c)))
                left_ids[outlet_of(a.article)].append(a.article.id)
    stated = _merge_topics(stated)
    shared_words: dict[str, frozenset[str]] = {}
    for component in _components(context_pairs(left)):
        words = frozenset.intersection(*(w for _, w in component))
        (o, i), _ = component[0]
        key = f"{left[o][i][0].measure} by context: {' '.join(sorted(words))}"
        while key in stated:
            key += "'"
        shared_words[key] = words
        for (o, i), _ in component:
            stated[key][o].append((left_ids[o][i], left[o][i][0]))
    by_id = {a.article.id: a for a in originals}
    findings = []
    figures_shown: set[tuple[str, float]] = set()  # (outlet, amount) of the sums and speeds a finding compares
    for measure, per_outlet in stated.items():
        if len(per_outlet) < 2:
            continue
        if measure.startswith(_KIND_KEY):
            # A figure of a kind far from every other outlet's ("90,000 homes without water" beside "nearly
            # 500 homes swamped") counts another set of that kind: left out before asking which is whose.
            per_outlet = {o: [(aid, c) for aid, c in cs if any(_near(c.value, d.value) for r, ds in per_outlet.items()
                                                               if r != o for _, d in ds)]
                          for o, cs in per_outlet.items()}
            per_outlet = {o: cs for o, cs in per_outlet.items() if cs}
            if len(per_outlet) < 2:
                continue
        if _one_figure_each(measure):
            per_outlet = {o: _stated_before_forecast(cs, by_id) for o, cs in per_outlet.items()}
        if _one_figure_each(measure) and any(len({in_base_unit(c).value for _, c in cs}) > 1
                                             for cs in per_outlet.values()):
            continue  # two speeds of the tram, two amounts of oil, two counts of boats: which is whose, unsure
        main = {o: _main(cs) for o, cs in per_outlet.items()}
        if measure.startswith(_KIND_KEY):
            if min(c.value for _, c in main.values()) < KIND_MIN:
                # A small count is an aside unless it is the story's own figure, in each outlet's headline
                # ("Bosses axe NINE libraries" / "Council votes to close seven branch libraries"), or in its
                # lead under a noun its headline names ("Hospital shuts wards ..." over "has closed three wards").
                main = {o: (aid, c) for o, (aid, c) in main.items() if _in_headline(by_id[aid], c)
                        or _in_lead(by_id[aid], c) and _headline_names(by_id[aid], c.counted or "")
                        and not _another_year(by_id[aid], c)}
                if len(main) < 2:
                    continue
            low, high = min(c.value for _, c in main.values()), max(c.value for _, c in main.values())
            if not _near(low, high):
                continue  # "two students were hurt" / "has about 22,000 students": two counts, not one
        kinds: dict[frozenset[str], str] = {}
        outlets = sorted(main)
        told = {o: (told_for(by_id[aid], c), c) for o, (aid, c) in main.items()}
        changed = []  # pairs of outlets whose figures are one count told at two times
        for i, o in enumerate(outlets):
            for r in outlets[i + 1:]:
                kind = compare_figures(main[o][1], main[r][1])
                # The other outlet also states this figure, names it beside its own ("rose to 14 on Sunday, up
                # from the eleven confirmed on Saturday") or otherwise knows it: they do not disagree on it.
                if kind and not _undisputed(by_id, per_outlet, o, r, main[o][1], main[r][1]):
                    if _over_time(measure, told[o], told[r]):
                        changed.append((o, r))
                    else:
                        kinds[frozenset((o, r))] = kind
        if not kinds and changed:
            # Only changes over time: shown on request, as such, so a reader sees the count move, not a dispute.
            involved = sorted({o for pair in changed for o in pair}, key=lambda o: told[o][0])
            claims = [_claim(by_id[aid].article.text, aid, c) for aid, c in (main[o] for o in involved)]
            steps = "; ".join(f"{o} {_shown(main[o][1])} ({_who(main[o][1])}, {main[o][1].when})" for o in involved)
            findings.append(Finding("number", story_id, measure, claims, confidence=CHANGE_CONFIDENCE,
                                    explanation=f"{measure}: {steps} — one count told for different days: a "
                                                f"change over time, not a disagreement"))
            continue
        if not kinds:
            continue
        involved = sorted({o for pair in kinds for o in pair})
        conflict = "conflict" in kinds.values()
        claims = [_claim(by_id[aid].article.text, aid, c) for aid, c in (main[o] for o in involved)]
        sides = "; ".join(f"{o} {_shown(main[o][1])} ({_who(main[o][1])}, {main[o][1].when or 'undated'})"
                          for o in involved)
        sources = {main[o][1].source for o in involved}
        why = ("the figures cannot both be right" if conflict else "the figures are compatible but differ")
        voice = ("outlets cite different sources" if len(sources) > 1 and None not in sources
                 else "own voice vs a source" if len(sources) > 1 else
                 "all in their own voice" if sources == {None} else "same source")
        times = {main[o][1].when for o in involved}
        when = "; reported at different times" if len(times) > 1 else ""
        if measure.startswith(_FLOW):
            if not conflict:
                continue
            confidence = FLOW_CONFIDENCE
            why += f"; aligned as each outlet's one count per {measure.removeprefix(_FLOW)}"
        elif measure.startswith(_KIND_KEY) and not conflict:
            # "at least 24 vessels" against "31 vessels": one count of one kind of thing, hedged by one outlet;
            # but a count in a direct quote is as often a speaker's own experience ("On a night shift I have 14
            # patients") as the story's figure
            if any(main[o][1].quote_type == "direct" for o in involved):
                continue
            confidence = DIFFERENCE_CONFIDENCE
            why += f"; aligned by what both count ({measure.removeprefix(_KIND_KEY)})"
        elif measure in shared_words or measure.startswith(_KIND_KEY):
            if not conflict:  # compatible figures aligned only by their context: too weak to show
                continue
            confidence = CONTEXT_CONFIDENCE
            why += (f"; aligned by the words around them: {', '.join(sorted(shared_words[measure]))}"
                    if measure in shared_words else f"; aligned by what both count ({measure.removeprefix(_KIND_KEY)})")
        elif measure in COUNTS or measure.startswith("area "):
            confidence = CONFLICT_CONFIDENCE if conflict else DIFFERENCE_CONFIDENCE
        else:
            confidence = TOPICAL_CONFLICT_CONFIDENCE if conflict else TOPICAL_DIFFERENCE_CONFIDENCE
        if len(times) > 1:
            confidence -= 0.1  # a toll may have risen between the reports
        findings.append(Finding("number", story_id, measure, claims, confidence=confidence,
                                explanation=f"{measure}: {sides} — {why} ({voice}{when})"))
        if main[involved[0]][1].measure in _ONE_FIGURE:
            figures_shown |= {(o, in_base_unit(main[o][1]).value) for o in involved}
    return findings + lead_count_findings(story_id, originals, {k for k, v in stated.items() if len(v) >= 2}) \
        + one_figure_findings(story_id, originals, figures_shown)
