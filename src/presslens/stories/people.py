"""People across one story's articles: one key per person, whatever each article calls them.

Entity names are canonical only inside one article; every per-finding module (voices, quote
cuts, roles, labels) matches people across outlets through :class:`PeopleIndex`.
"""
from __future__ import annotations

import re
from collections import defaultdict

from presslens.model import Analysis
from presslens.textutil import strip_accents


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form names are matched in."""
    text = strip_accents(text)
    return " ".join(re.sub(r"[^\w\s'-]", " ", text.lower()).split())


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
