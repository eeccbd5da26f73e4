"""Gender per person as the articles signal it, for source-diversity counts.

Why this order: what the text itself says about a person (a pronoun resolved to them, an
honorific such as Ms. or Mr.) is evidence about that person; a first-name dictionary
(PyPI ``gender-guesser``) is only a population statistic about a name, so it is used only when
no article says anything, and only when the dictionary is sure (``male``/``female``, not
``mostly_*`` or ``andy``). Contradicting article evidence with no clear majority, or no
evidence at all, stays ``unknown``. Every verdict keeps its source and the evidence behind it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from presslens.analysis.names import first_name_gender
from presslens.model import Entity, Quote

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_HONORIFICS = frozenset({"mr", "sir", "lord", "king", "prince"})
FEMALE_HONORIFICS = frozenset({"ms", "mrs", "miss", "madam", "dame", "lady", "queen", "princess"})
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(slots=True)
class Evidence:
    """One signal about a person's gender in one article."""

    gender: str  # "male" | "female"
    source: str  # "honorific" | "pronoun"
    detail: str


def classify_signal(text: str) -> tuple[str, str] | None:
    """(gender, source) for a pronoun or honorific word, else None."""
    words = _WORD.findall(text.lower())
    if not words:
        return None
    w = words[0]
    if w in MALE_PRONOUNS:
        return "male", "pronoun"
    if w in FEMALE_PRONOUNS:
        return "female", "pronoun"
    if w in MALE_HONORIFICS:
        return "male", "honorific"
    if w in FEMALE_HONORIFICS:
        return "female", "honorific"
    return None


def entity_evidence(entity: Entity, quotes: Iterable[Quote]) -> list[Evidence]:
    """What one article says about a PERSON entity's gender.

    Two sources: the entity extractor's own gender signal (``Entity.gender`` with its evidence
    text, e.g. "Ms." or "she"), and quotes whose speaker mention is a pronoun that the quote
    extractor resolved to this entity ("she said").
    """
    found: list[Evidence] = []
    if entity.gender in ("male", "female"):
        detail = entity.gender_evidence or ""
        signal = classify_signal(detail)
        # The extractor's evidence is free text ("honorific before 'Avery' at 4", "Ms.", "she").
        source = signal[1] if signal else ("pronoun" if "pronoun" in detail.lower() else "honorific")
        found.append(Evidence(entity.gender, source, detail or "entity extractor"))
    seen: set[int] = set()
    for q in quotes:
        sp = q.speaker
        # One pronoun is one signal, however many quotes it speaks (a quote and its parts).
        if sp is None or sp.entity_id != entity.id or sp.start in seen:
            continue
        seen.add(sp.start)
        signal = classify_signal(sp.text)
        if signal and signal[1] == "pronoun" and sp.text.strip().lower() in MALE_PRONOUNS | FEMALE_PRONOUNS:
            found.append(Evidence(signal[0], "pronoun", f"'{sp.text}' at {sp.start}-{sp.end}"))
    return found


def summarise(evidence: list[Evidence]) -> tuple[str | None, str | None, str | None]:
    """One article's verdict for an entity: (gender, source, evidence text), None when silent or split."""
    if not evidence:
        return None, None, None
    votes = Counter(e.gender for e in evidence)
    if len(votes) > 1 and votes.most_common(2)[0][1] == votes.most_common(2)[1][1]:
        return "unknown", "conflict", "; ".join(f"{e.gender}:{e.detail}" for e in evidence)
    gender = votes.most_common(1)[0][0]
    sources = sorted({e.source for e in evidence if e.gender == gender})
    return gender, "+".join(sources), "; ".join(e.detail for e in evidence if e.gender == gender)


def decide(article_votes: Iterable[tuple[str, str, str]], first: str | None) -> tuple[str, str, str | None]:
    """Corpus-level verdict for a person from per-article (gender, source, evidence) rows.

    Article evidence wins when one gender has a strict majority; a tie is a conflict and
    stays ``unknown``. Only when no article signals anything is the name dictionary asked.
    """
    rows = [(g, s, ev) for g, s, ev in article_votes if g in ("male", "female")]
    if rows:
        votes = Counter(g for g, _, _ in rows)
        ranked = votes.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return "unknown", "conflict", ", ".join(f"{g}×{n}" for g, n in ranked)
        gender = ranked[0][0]
        sources = sorted({s for g, s, _ in rows if g == gender for s in s.split("+")})
        details = [ev for g, _, ev in rows if g == gender and ev]
        return gender, "+".join(sources), f"{votes[gender]} article(s): " + " | ".join(details[:5])
    guess = first_name_gender(first)
    if guess:
        return guess, "name_dictionary", f"first name '{first}'"
    return "unknown", "none", None
