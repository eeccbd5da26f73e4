"""Corpus-level framing: how often each outlet uses each technique, and which words set it apart.

Everything here takes an iterable of Analysis dicts (the JSONL contract of
:meth:`presslens.model.Analysis.to_dict`), so the same functions serve an ``analyze`` output file
today and the corpus store later: the store only has to yield those dicts.

* :func:`article_counts` / :func:`outlet_counts` count technique spans in the outlet's own voice
  and inside quotes, normalised per 1,000 words — the split an editor cares about, since a
  minister calling soldiers "traitors" in a quote is reporting, the same word in the outlet's
  voice is framing.
* :func:`loaded_phrases` lists the most frequent Loaded_Language / Name_Calling phrases per
  outlet (own voice by default).
* :func:`fightin_words` is the log-odds ratio with an informative Dirichlet prior of Monroe,
  Colaresi & Quinn (2008), "Fightin' Words": a z-score per term that is robust for rare words
  (unlike raw frequency ratios) and for frequent ones (unlike plain log-odds).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from presslens.model import TECHNIQUES

#: Techniques whose spans are word choices (rather than arguments), listed as "loaded phrases".
PHRASE_TECHNIQUES: tuple[str, ...] = ("Loaded_Language", "Name_Calling,Labeling")

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
UNKNOWN_OUTLET = "(unknown outlet)"


def word_count(text: str) -> int:
    """Number of words, the denominator of every per-1,000-words rate."""
    return len(_WORD_RE.findall(text or ""))


def outlet_of(analysis: Mapping) -> str:
    """The record's outlet, or a visible placeholder so unlabelled articles are not dropped."""
    return str(analysis.get("outlet") or UNKNOWN_OUTLET)


@dataclass(slots=True)
class Counts:
    """Technique counts for one article or one outlet, split by voice, with the word total."""

    articles: int = 0
    words: int = 0
    own: Counter[str] = field(default_factory=Counter)
    quoted: Counter[str] = field(default_factory=Counter)

    def add(self, other: "Counts") -> None:
        self.articles += other.articles
        self.words += other.words
        self.own.update(other.own)
        self.quoted.update(other.quoted)

    def per_1000(self, technique: str | None = None, quoted: bool = False) -> float:
        """Spans per 1,000 words (all techniques when ``technique`` is None)."""
        c = self.quoted if quoted else self.own
        n = sum(c.values()) if technique is None else c[technique]
        return 1000.0 * n / self.words if self.words else 0.0

    def to_dict(self) -> dict:
        return {
            "articles": self.articles,
            "words": self.words,
            "techniques": {
                t: {
                    "own": self.own[t],
                    "quoted": self.quoted[t],
                    "own_per_1000": round(self.per_1000(t), 3),
                    "quoted_per_1000": round(self.per_1000(t, quoted=True), 3),
                }
                for t in TECHNIQUES
                if self.own[t] or self.quoted[t]
            },
            "own_per_1000": round(self.per_1000(), 3),
            "quoted_per_1000": round(self.per_1000(quoted=True), 3),
        }


def count_article(analysis: Mapping) -> Counts:
    """Technique counts of one Analysis dict."""
    c = Counts(articles=1, words=word_count(analysis.get("text") or ""))
    for t in analysis.get("techniques") or []:
        (c.quoted if t.get("in_quote") else c.own)[t["technique"]] += 1
    return c


def article_counts(analyses: Iterable[Mapping]) -> Iterable[tuple[str, str, Counts]]:
    """(article id, outlet, counts) per article."""
    for a in analyses:
        yield str(a.get("id")), outlet_of(a), count_article(a)


def outlet_counts(analyses: Iterable[Mapping]) -> dict[str, Counts]:
    """Counts summed per outlet (rates are then per 1,000 words of that outlet's articles)."""
    out: dict[str, Counts] = defaultdict(Counts)
    for _, outlet, c in article_counts(analyses):
        out[outlet].add(c)
    return dict(sorted(out.items()))


def normalise_phrase(text: str) -> str:
    """Case- and whitespace-folded phrase, so "Coup attempt" and "coup  attempt" count together."""
    return " ".join(text.lower().replace("’", "'").split()).strip(" \"'“”.,;:!?")


def loaded_phrases(
    analyses: Iterable[Mapping],
    techniques: Sequence[str] = PHRASE_TECHNIQUES,
    include_quoted: bool = False,
    top: int = 20,
) -> dict[str, list[tuple[str, int]]]:
    """Most frequent technique phrases per outlet (own voice only unless ``include_quoted``)."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for a in analyses:
        for t in a.get("techniques") or []:
            if t["technique"] in techniques and (include_quoted or not t.get("in_quote")):
                phrase = normalise_phrase(t.get("text") or (a.get("text") or "")[t["start"] : t["end"]])
                if phrase:
                    per[outlet_of(a)][phrase] += 1
    return {o: c.most_common(top) for o, c in sorted(per.items())}


def terms(text: str, max_n: int = 2) -> Counter[str]:
    """Unigrams and bigrams of content words (stop words dropped, lower-cased).

    Bigrams are formed over the sequence of content words within a sentence-like run, so
    "coup attempt" and "right-wing coup" are both terms while "the coup" is just "coup".
    """
    counts: Counter[str] = Counter()
    for chunk in re.split(r"[.!?;:\n]+", text.lower().replace("’", "'")):
        words = [w for w in _WORD_RE.findall(chunk) if w not in STOP_WORDS and len(w) > 1]
        for n in range(1, max_n + 1):
            for i in range(len(words) - n + 1):
                counts[" ".join(words[i : i + n])] += 1
    return counts


@dataclass(slots=True)
class TermScore:
    """One term's Fightin' Words score: positive z favours side A, negative side B."""

    term: str
    z: float
    delta: float
    count_a: int
    count_b: int


def fightin_words(
    counts_a: Mapping[str, int],
    counts_b: Mapping[str, int],
    prior: Mapping[str, int] | None = None,
    prior_strength: float | None = None,
    min_count: int = 1,
) -> list[TermScore]:
    """Log-odds ratio with informative Dirichlet prior (Monroe et al. 2008, eq. 16–22).

    ``prior`` is the background term distribution (default: both sides pooled) scaled to
    ``prior_strength`` pseudo-counts (default: the pooled corpus size, as in the paper's
    "informative" setting). For each term w::

        delta_w = log((y_aw + a_w) / (n_a + a0 - y_aw - a_w)) - log((y_bw + a_w) / (n_b + a0 - y_bw - a_w))
        var_w   ~ 1 / (y_aw + a_w) + 1 / (y_bw + a_w)
        z_w     = delta_w / sqrt(var_w)

    Returned sorted by z descending (side A's most distinctive terms first).
    """
    pooled: Counter[str] = Counter(counts_a)
    pooled.update(counts_b)
    background: Mapping[str, int] = prior if prior is not None else pooled
    bg_total = float(sum(background.values()))
    if bg_total <= 0:
        return []
    a0 = float(prior_strength) if prior_strength is not None else bg_total
    n_a = float(sum(counts_a.values()))
    n_b = float(sum(counts_b.values()))
    out = []
    for w, total in pooled.items():
        if total < min_count:
            continue
        # a term missing from an explicit background still gets a small pseudo-count
        a_w = a0 * max(background.get(w, 0), 0.5) / bg_total
        y_a = float(counts_a.get(w, 0))
        y_b = float(counts_b.get(w, 0))
        delta = math.log((y_a + a_w) / (n_a + a0 - y_a - a_w)) - math.log((y_b + a_w) / (n_b + a0 - y_b - a_w))
        var = 1.0 / (y_a + a_w) + 1.0 / (y_b + a_w)
        out.append(TermScore(w, delta / math.sqrt(var), delta, int(y_a), int(y_b)))
    out.sort(key=lambda s: (-s.z, s.term))
    return out


def side_terms(analyses: Iterable[Mapping], outlets_a: set[str], outlets_b: set[str]) -> tuple[Counter[str], Counter[str]]:
    """Term counts of the articles of side A and of side B (articles of other outlets ignored)."""
    ca: Counter[str] = Counter()
    cb: Counter[str] = Counter()
    for a in analyses:
        o = outlet_of(a)
        if o in outlets_a:
            ca.update(terms(a.get("text") or ""))
        elif o in outlets_b:
            cb.update(terms(a.get("text") or ""))
    return ca, cb


def contrast(
    analyses: Iterable[Mapping], outlets_a: set[str], outlets_b: set[str], top: int = 15, min_count: int = 2
) -> tuple[list[TermScore], list[TermScore]]:
    """(terms most typical of side A, terms most typical of side B), each best first."""
    ca, cb = side_terms(analyses, outlets_a, outlets_b)
    scores = [s for s in fightin_words(ca, cb, min_count=min_count)]
    return [s for s in scores[:top] if s.z > 0], [s for s in reversed(scores[-top:]) if s.z < 0]


__all__ = [
    "Counts",
    "PHRASE_TECHNIQUES",
    "TermScore",
    "article_counts",
    "contrast",
    "count_article",
    "fightin_words",
    "loaded_phrases",
    "normalise_phrase",
    "outlet_counts",
    "side_terms",
    "terms",
    "word_count",
]
