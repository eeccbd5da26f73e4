"""People across one story's articles: one key per person, whatever each article calls them.

Entity names are canonical only inside one article; every per-finding module (voices, quote
cuts, roles, labels) matches people across outlets through :class:`PeopleIndex`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from presslens.analysis.names import first_name_gender
from presslens.model import Analysis, Entity
from presslens.textutil import strip_accents


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form names are matched in (cached: a story's comparison
    folds the same names tens of thousands of times)."""
    text = strip_accents(text)
    return " ".join(re.sub(r"[^\w\s'-]", " ", text.lower()).split())


_ORG_WORD = re.compile(r"\b(ministry|police|union|council|party|government|company|inc|ltd|corp|bank|agency|department|"
                       r"association|committee|service|office|authority|court|army|forces|guard|group|news|times|post|"
                       r"press|university|institute|foundation|commission|league|club|united|federation|board|"
                       r"parliament|assembly|senate|congress|house|network|media|radio|tv|airlines?|port|city)\b", re.I)


#: Last words that make a name an organisation's whatever the tagger says: no surname ends a name
#: this way ("Corvane Capital", "Lindqvar District Hospital", "Halberd Mining").
_ORG_HEAD = re.compile(r"\s(hospital|capital|clinic|trust|fund|holdings|partners|group|bank|agency|authority|council|"
                       r"ministry|department|university|institute|foundation|commission|committee|association|"
                       r"federation|company|corporation|inc|ltd|plc|llc|gmbh|school|college|academy|centre|center|"
                       r"services?|police|airlines|airways|railways?|energy|mining|hydro|lifts|foods|motors|"
                       r"industries|systems|technologies|insurance|pharmaceuticals?|labs?|laboratories|"
                       # a firm's word made of a field's name: "Quellan Biotherapeutics", "Orvane Biotech"
                       r"\w*(?:therapeutics|genetics|biotech|biosciences|robotics|analytics|logistics))\.?$", re.I)


def is_person(entity: Entity, people: PeopleIndex) -> bool:
    """Whether a speaker entity is a person: not a name ending in an organisation's head word
    (:data:`_ORG_HEAD`), and tagged PERSON in this article or in another of the story, or an ORG
    whose name is shaped like a person's ("Irena Dask": two or three capitalised words, none an
    organisation word, the first a known first name), which the small NER model often mistags.
    Places never are. Without the first name, "Maritime Safety Directorate" would be shaped like a
    person, and a body the third outlet never names becomes a person it "never lets speak"."""
    if _ORG_HEAD.search(entity.name):
        return False  # "Corvane Capital", "Lindqvar District Hospital" tagged PERSON somewhere
    if entity.type == "PERSON" or people.key(entity.name) in people:
        return True
    words = entity.name.split()
    return (entity.type == "ORG" and 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words)
            and not _ORG_WORD.search(entity.name) and first_name_gender(words[0]) is not None)


class PeopleIndex:
    """Maps per-article person names onto one key per person for the whole story.

    Entity names are canonical only inside one article; across a story a surname-only name
    ("Hart") is merged into the one full name that ends with it ("Elena Hart").
    """

    def __init__(self, analyses: list[Analysis]) -> None:
        full: dict[str, str] = {}
        for a in analyses:
            for e in a.entities:
                if e.type == "PERSON" and len(fold(e.name).split()) > 1:
                    full.setdefault(fold(e.name), e.name)
        by_surname: dict[str, set[str]] = defaultdict(set)
        for key in full:
            by_surname[key.split()[-1]].add(key)
        self._full = full
        self._by_surname = by_surname

    def key(self, name: str) -> str:
        k = fold(name)
        if len(k.split()) == 1 and len(self._by_surname.get(k, ())) == 1:
            return next(iter(self._by_surname[k]))
        return k

    def __contains__(self, key: str) -> bool:
        return key in self._full

    def display(self, key: str) -> str:
        return self._full.get(key, key.title())
