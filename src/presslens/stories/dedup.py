"""Near-duplicate detection: syndicated copies of one wire story, linked to one original.

A wire story reprinted by many papers differs only by trimmed paragraphs, a dropped dek or a
changed headline, so word shingles overlap heavily while independent reports of the same event
share little beyond a quote. MinHash signatures in an LSH index (datasketch) find the copies of
a new article in time independent of the corpus size; a check on the estimated Jaccard
similarity then keeps only true copies. Copies form one group whose original is the earliest
dated article, ties broken by arrival order, so re-reading the same inputs gives the same links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

from presslens.model import Article
from presslens.stories.source import day_of

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class DedupConfig:
    """Knobs for copy detection; defaults keep a copy that lost a quarter of its paragraphs."""

    #: Estimated Jaccard similarity of word shingles above which two articles are copies.
    threshold: float = 0.5
    #: Words per shingle: 4 is long enough that independent reports rarely share many.
    shingle: int = 4
    #: MinHash permutations (precision of the Jaccard estimate).
    num_perm: int = 128


def shingles(text: str, k: int) -> set[bytes]:
    """Lower-cased word k-grams of ``text`` (the whole text when shorter than k words)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) <= k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


@dataclass(slots=True)
class _Member:
    id: str
    day: float
    seen: int
    group: int


@dataclass
class DuplicateIndex:
    """Incremental copy detection: ``add`` each article once, read links with ``duplicates``."""

    config: DedupConfig = field(default_factory=DedupConfig)

    def __post_init__(self) -> None:
        self._lsh = MinHashLSH(threshold=self.config.threshold, num_perm=self.config.num_perm)
        self._hashes: dict[str, MinHash] = {}
        self._members: dict[str, _Member] = {}
        self._groups: dict[int, list[str]] = {}

    def add(self, article: Article) -> str | None:
        """Index an article; return the id of the original it copies, or None if it is not a copy."""
        if article.id in self._members:
            return self.original_of(article.id)
        mh = MinHash(num_perm=self.config.num_perm)
        mh.update_batch(list(shingles(article.text, self.config.shingle)))
        matches = [m for m in self._lsh.query(mh) if self._hashes[m].jaccard(mh) >= self.config.threshold]
        day = day_of(article.date)
        member = _Member(article.id, day if day is not None else float("inf"), len(self._members), -1)
        if matches:
            # Join the group of the most similar match, so one article never bridges two wires.
            # LSH answers in set order; sorting by arrival makes ties go to the earliest article.
            matches.sort(key=lambda m: self._members[m].seen)
            best = max(matches, key=lambda m: self._hashes[m].jaccard(mh))
            member.group = self._members[best].group
        else:
            member.group = len(self._groups)
            self._groups[member.group] = []
        self._groups[member.group].append(article.id)
        self._members[article.id] = member
        self._hashes[article.id] = mh
        self._lsh.insert(article.id, mh)
        return self.original_of(article.id)

    def original_of(self, article_id: str) -> str | None:
        """The original an article copies, or None when it is itself the original (or unique)."""
        group = self._groups[self._members[article_id].group]
        original = min(group, key=lambda a: (self._members[a].day, self._members[a].seen))
        return None if original == article_id else original

    def group(self, article_id: str) -> list[str]:
        """Every article in the same copy group as ``article_id`` (itself included), in arrival order.

        The store rewrites the stories of a whole group when one member arrives, because a new,
        earlier-dated member changes which article is the original.
        """
        return list(self._groups[self._members[article_id].group])

    def duplicates(self, ids: list[str] | None = None) -> list[tuple[str, str]]:
        """``(copy, original)`` pairs in arrival order, optionally only for the given articles."""
        wanted = self._members if ids is None else ids
        out = []
        for a in wanted:
            original = self.original_of(a)
            if original is not None:
                out.append((a, original))
        return out
