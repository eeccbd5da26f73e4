"""The words an article names its event by: the nouns of its headline and first paragraphs, as parsed.

A report names what happened in its headline and lead ("Substation fire causes power outage", "Some 60
campaigners staged a sit-in"); comparing those words across outlets (``presslens.stories.labels``) finds
one outlet's word for the event against the others'. Reading them needs the parse, which only the analysis
has: kept here as character offsets, the story layer never parses an article again (it did, at a quarter of
the analysis time, before this module).

Only what the tagger calls a common noun counts, so a headline's verb ("Leaves") or a name stays out, and not
a modifier of another noun ("data" of "data breach", "tonight's" of "tonight's debate"), nor a time
("tonight"), which says when, not what, nor a quantity word ("thousands"). Second, the headline's words in a
clause a conjunction makes adverbial, which names a cause or a setting, not the event ("Bank raises rates as
inflation refuses to ease"); only a marked clause, since the parse of a headline often takes a participle for
a clause ("admits data breach affecting 1.2 million customers").
"""
from __future__ import annotations

from spacy.tokens import Doc

from presslens.model import Article, Lead

#: Words of quantity, never the event: "dozens", "more"; scale words of an amount ("£85 million takeover").
QUANTITY_WORDS = frozenset({"tens", "dozens", "scores", "hundreds", "thousands", "millions", "fewer", "more", "less",
                            "most", "many", "several", "some", "few",
                            "hundred", "thousand", "million", "billion", "trillion", "bn", "mn"})
#: Entity types of a noun that tells when, not what happened.
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: Paragraphs of the body after the headline that are read for the event's nouns.
LEAD_PARAGRAPHS = 2


def headline_span(article: Article) -> tuple[int, int] | None:
    """Where the article's headline stands in its text, if it does."""
    at = article.text.find(article.title) if article.title else -1
    return (at, at + len(article.title or "")) if at >= 0 else None


def lead_paragraph(article: Article, after: int) -> tuple[int, int]:
    """The first paragraph of the body after offset ``after`` (the headline's end): where a report names its
    event, though a feature may open on a scene and name it only in the paragraph's second sentence ("For
    three hours the chamber belonged to its readers. Some 60 campaigners staged a sit-in ...")."""
    text = article.text
    start = len(text) - len(text[after:].lstrip())
    end = text.find("\n", start)
    return start, end if end >= 0 else len(text)


def lead_end(article: Article) -> int:
    """Where the part of the text this module reads ends: after the headline's first paragraphs."""
    span = headline_span(article)
    stop = span[1] if span else article.body_start
    for _ in range(LEAD_PARAGRAPHS):
        stop = lead_paragraph(article, stop)[1]
    return stop


def read_lead(doc: Doc, article: Article) -> Lead:
    """The lead's event nouns and the headline's adverbial words, as offsets into ``article.text``; ``doc`` is
    a parse of the text or of a prefix of it reaching :func:`lead_end`."""
    span = headline_span(article)
    start, end = span or (article.body_start, article.body_start)
    body = len(article.text) - len(article.text[end:].lstrip())
    stop = lead_end(article)
    nouns, asides = [], []
    for t in doc:
        if t.idx >= stop:
            break
        if not (start <= t.idx < end or body <= t.idx):
            continue
        if t.pos_ == "NOUN" and t.dep_ not in ("compound", "poss") and t.ent_type_ not in _TIME_ENTITIES \
                and t.text.lower() not in QUANTITY_WORDS:
            nouns.append((t.idx, t.idx + len(t.text)))
        if t.idx < end and any(u.dep_ == "advcl" and any(c.dep_ == "mark" for c in u.children)
                               for u in [t, *t.ancestors]):
            asides.append((t.idx, t.idx + len(t.text)))
    return Lead(nouns=nouns, asides=asides)
