"""Number findings: the same quantity stated differently by different outlets of one story.

Built on the claims of each article (:mod:`presslens.analysis.claims`). Within a story, claims of
the same *count* measure (dead, injured, missing, arrested, evacuated, jobs, crowd) are about
the same thing: one story is one event. Each outlet's figure is the first claim of that measure
in its articles (where news puts the toll it stands by). Two outlets' figures are compared as
intervals once qualifiers are applied (``at least 27`` is [27, ∞), ``about 3,000`` is
[2,700, 3,300], ``dozens`` is [24, 99]):

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
→ "strike in hours"); a figure without a topic, or a poll's, is never aligned, and sums in
different currencies are not compared. Each outlet's figure for a topic is its first claim of it.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict

from presslens.analysis.claims import COUNT_MEASURES
from presslens.model import Analysis
from presslens.model import Claim as StatedClaim
from presslens.stories.model import Claim, Finding
from presslens.stories.source import outlet_of

#: Measures that count one event's people or things, so that one story holds one figure each.
COUNTS = COUNT_MEASURES
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


def alignment_key(c: StatedClaim) -> str | None:
    """What a claim is aligned on across outlets: its measure for a count (one story is one
    event), else measure and topic ("rate: turnout", "votes: vote of hart" keyed by the surname,
    "money EUR: rescue package"); None for a claim that is not aligned at all."""
    if c.measure in COUNTS:
        return c.measure
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
    return f"{c.measure}: {topic}"


def _topic_words(key: str) -> list[str]:
    """The words of a topical key's topic ("rate: value-added tax" → value, added, tax)."""
    return [w.rstrip("s") if len(w) > 3 else w for w in re.split(r"[\s-]+", key.split(": ", 1)[1]) if w]


def same_topic(a: str, b: str) -> bool:
    """Whether two topical keys of one measure (and currency) name the same thing in other words:
    an initialism of the other's words ("vat" / "value-added tax"), or two modified names of one head
    ("savings package" / "austerity package": one story has one package). A bare head ("rate")
    never joins a modified one ("unemployment rate"): a story may hold both, as different rates.
    """
    if a == b:
        return True
    if a.split(": ", 1)[0] != b.split(": ", 1)[0]:
        return False
    wa, wb = _topic_words(a), _topic_words(b)
    for short, long in ((wa, wb), (wb, wa)):
        if len(short) == 1 and len(long) >= 2 and short[0] == "".join(w[0] for w in long):
            return True
    return len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1]


def _merge_topics(stated: dict[str, dict[str, list]]) -> dict[str, dict[str, list]]:
    """Topical keys that :func:`same_topic` joins, merged, unless one outlet uses both (then they are
    two things to it, and the merge would compare an outlet's package with another's other sum)."""
    keys = sorted(k for k in stated if k.split(":", 1)[0].split()[0] in TOPICAL)
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
        return 0.0, hi
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
    elif c.unit and c.unit != "s":
        value = f"{c.unit} {value}"
    return f"{c.qualifier} {value}" if c.qualifier else value


def _who(c: StatedClaim) -> str:
    return f"according to {c.source}" if c.source else "in its own voice"


#: Counts whose compatible figures are no finding: how many were aboard is a capacity or an
#: estimate ("more than 300" and "380" passengers agree), unlike a toll, where "at least 27" against
#: "31" is worth showing.
CONFLICT_ONLY = ("aboard",)


def compare_figures(a: StatedClaim, b: StatedClaim) -> str | None:
    """"conflict", "difference" or None (no finding) for two outlets' figures of one measure."""
    (alo, ahi), (blo, bhi) = interval(a), interval(b)
    if ahi < blo or bhi < alo:
        return "conflict"
    if a.measure in CONFLICT_ONLY:
        return None
    if (a.value, a.value_max, a.qualifier) == (b.value, b.value_max, b.qualifier):
        return None
    if _vague(a) or _vague(b) or a.qualifier == b.qualifier:
        return None
    return "difference"


def number_findings(story_id: str, originals: list[Analysis]) -> list[Finding]:
    """One finding per count measure, or per topic of a rate, sum, vote share or duration, whose
    outlets' figures conflict or differ."""
    # alignment key -> outlet -> [(article id, claim)] in story order.
    stated: dict[str, dict[str, list[tuple[str, StatedClaim]]]] = defaultdict(lambda: defaultdict(list))
    for a in originals:
        for c in a.claims:
            if (key := alignment_key(c)) is not None:
                stated[key][outlet_of(a.article)].append((a.article.id, c))
    findings = []
    for measure, per_outlet in _merge_topics(stated).items():
        if len(per_outlet) < 2:
            continue
        main = {o: cs[0] for o, cs in per_outlet.items()}
        kinds: dict[frozenset[str], str] = {}
        outlets = sorted(main)
        for i, o in enumerate(outlets):
            for r in outlets[i + 1:]:
                kind = compare_figures(main[o][1], main[r][1])
                # The other outlet also states this figure somewhere: they do not disagree on it.
                if kind and not any(compare_figures(main[o][1], c) is None for _, c in per_outlet[r]) \
                        and not any(compare_figures(main[r][1], c) is None for _, c in per_outlet[o]):
                    kinds[frozenset((o, r))] = kind
        if not kinds:
            continue
        involved = sorted({o for pair in kinds for o in pair})
        conflict = "conflict" in kinds.values()
        claims = [Claim(aid, c.start, c.end, c.text, _shown(c)) for aid, c in (main[o] for o in involved)]
        sides = "; ".join(f"{o} {_shown(main[o][1])} ({_who(main[o][1])}, {main[o][1].when or 'undated'})"
                          for o in involved)
        sources = {main[o][1].source for o in involved}
        why = ("the figures cannot both be right" if conflict else "the figures are compatible but differ")
        voice = ("outlets cite different sources" if len(sources) > 1 and None not in sources
                 else "own voice vs a source" if len(sources) > 1 else
                 "all in their own voice" if sources == {None} else "same source")
        times = {main[o][1].when for o in involved}
        when = "; reported at different times" if len(times) > 1 else ""
        if measure in COUNTS:
            confidence = CONFLICT_CONFIDENCE if conflict else DIFFERENCE_CONFIDENCE
        else:
            confidence = TOPICAL_CONFLICT_CONFIDENCE if conflict else TOPICAL_DIFFERENCE_CONFIDENCE
        if len(times) > 1:
            confidence -= 0.1  # a toll may have risen between the reports
        findings.append(Finding("number", story_id, measure, claims, confidence=confidence,
                                explanation=f"{measure}: {sides} — {why} ({voice}{when})"))
    return findings
