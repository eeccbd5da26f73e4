"""Stories for the web: one event's coverage, one column per outlet.

Why computed here: the story layer (``presslens.stories``) groups analyses incrementally and
links syndicated copies, but this database may have been built before it existed or without
running it. For a corpus of modest size the grouping is cheap (one pass, no pairwise
comparison), so the web app runs it over the stored articles on first use and caches the
result until the article count changes. Larger corpora are not grouped on a page request
(it would stall the server); their story pages say so and list articles by outlet instead.
"""
from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from presslens.model import Analysis, Article, Entity
from presslens.store.repository import Store
from presslens.store.schema import ArticleRow, EntityRow, MentionRow, PersonLinkRow, PersonRow, QuoteRow
from presslens.web.queries import Page

#: Largest corpus grouped on demand by the web app (a one-pass grouping of this many takes seconds).
LIVE_LIMIT = 5_000


@dataclass(slots=True)
class Grouping:
    """Story id → article pks (arrival order), copy pk → original pk, and the corpus size it was made for."""

    n_articles: int
    stories: dict[str, list[int]] = field(default_factory=dict)
    duplicates: dict[int, int] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    available: bool = True
    reason: str = ""


_lock = threading.Lock()
_cache: dict[str, Grouping] = {}


def _analyses(store: Store) -> list[Analysis]:
    """Stored articles as Analyses carrying what grouping reads (text, metadata, entities with mention counts).

    The Article id is the stored primary key, so ids are unique even when two inputs shared a file name.
    """
    with store.engine.connect() as conn:
        arts = conn.execute(select(ArticleRow.id, ArticleRow.text, ArticleRow.title, ArticleRow.date,
                                   ArticleRow.outlet).order_by(ArticleRow.date, ArticleRow.id)).all()
        counts = conn.execute(select(EntityRow.article_pk, EntityRow.name, EntityRow.type, func.count(MentionRow.id))
                              .join(MentionRow, MentionRow.entity_pk == EntityRow.id)
                              .group_by(EntityRow.id, EntityRow.article_pk, EntityRow.name, EntityRow.type)).all()
    ents: dict[int, list[Entity]] = defaultdict(list)
    for apk, name, typ, n in counts:
        ents[apk].append(Entity(id=f"e{len(ents[apk])}", name=name, type=typ, mentions=[(0, 0)] * n))
    return [Analysis(article=Article(id=str(pk), text=text, title=title, date=date, outlet=outlet),
                     entities=ents.get(pk, [])) for pk, text, title, date, outlet in arts]


def grouping(store: Store) -> Grouping:
    """The stories of this corpus, computed once per article count (see module docstring)."""
    with store.engine.connect() as conn:
        n = conn.execute(select(func.count(ArticleRow.id))).scalar_one()
    with _lock:
        cached = _cache.get(store.url)
        if cached is not None and cached.n_articles == n:
            return cached
        if n > LIVE_LIMIT:
            result = Grouping(n, available=False,
                              reason=f"this corpus has {n:,} articles; the web app groups stories on demand only up to "
                                     f"{LIVE_LIMIT:,}")
        else:
            result = _group(store, n)
        _cache[store.url] = result
        return result


def _group(store: Store, n: int) -> Grouping:
    from presslens.stories.dedup import DuplicateIndex
    from presslens.stories.grouping import StoryGrouper, features_of

    dedup, grouper = DuplicateIndex(), StoryGrouper()
    result = Grouping(n)
    for analysis in _analyses(store):
        original = dedup.add(analysis.article)
        story = grouper.add(features_of(analysis), join=grouper.assignment.get(original) if original else None)
        pk = int(analysis.article.id)
        result.stories.setdefault(story, []).append(pk)
        result.titles.setdefault(story, analysis.article.title)
        if original is not None:
            result.duplicates[pk] = int(original)
    return result


def list_stories(store: Store, limit: int, offset: int) -> Page:
    """Stories with most outlets first: id, title, article count, outlets."""
    g = grouping(store)
    if not g.available:
        return Page([], 0, limit, offset)
    with store.engine.connect() as conn:
        outlet_of = dict(conn.execute(select(ArticleRow.id, ArticleRow.outlet)).all())
    rows = []
    for sid, pks in g.stories.items():
        outs = sorted({outlet_of.get(pk) or "unknown outlet" for pk in pks})
        rows.append({"story": sid, "title": g.titles.get(sid), "articles": len(pks), "outlets": outs,
                     "duplicates": sum(1 for pk in pks if pk in g.duplicates)})
    rows.sort(key=lambda r: (-len(r["outlets"]), -r["articles"], r["title"] or ""))
    return Page(rows[offset:offset + limit], len(rows), limit, offset)


def get_story(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story side by side: per outlet its articles, the voices it quoted, its quotes and copies.

    Blind spots are computed here from the voices: a person quoted by most outlets covering the
    story (at least two, and more than half) but by none of this outlet's articles.
    """
    g = grouping(store)
    if not g.available or story_id not in g.stories:
        return None
    pks = g.stories[story_id]
    with store.engine.connect() as conn:
        arts = conn.execute(select(ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.date)
                            .where(ArticleRow.id.in_(pks))).all()
        quotes = conn.execute(
            select(QuoteRow.id, QuoteRow.article_pk, QuoteRow.text, QuoteRow.type, QuoteRow.channel, QuoteRow.start,
                   func.coalesce(PersonRow.name, QuoteRow.speaker_name, QuoteRow.speaker_text).label("speaker"),
                   PersonRow.id.label("person_id"))
            .outerjoin(PersonLinkRow, PersonLinkRow.entity_pk == QuoteRow.speaker_entity_pk)
            .outerjoin(PersonRow, PersonRow.id == PersonLinkRow.person_id)
            .where(QuoteRow.article_pk.in_(pks)).order_by(QuoteRow.article_pk, QuoteRow.start)).all()
    by_pk = {a.id: a for a in arts}
    columns: dict[str, dict[str, Any]] = {}
    for pk in pks:
        a = by_pk[pk]
        col = columns.setdefault(a.outlet or "unknown outlet",
                                 {"outlet": a.outlet or "unknown outlet", "articles": [], "voices": Counter(),
                                  "quotes": [], "copies": [], "blind_spots": []})
        entry = {"id": pk, "title": a.title, "date": a.date}
        if pk in g.duplicates:
            original = by_pk.get(g.duplicates[pk])
            entry["copy_of"] = {"id": g.duplicates[pk], "title": original.title if original else None,
                                "outlet": original.outlet if original else None}
            col["copies"].append(entry)
        col["articles"].append(entry)
    voice_ids: dict[str, int | None] = {}
    for q in quotes:
        col = columns[by_pk[q.article_pk].outlet or "unknown outlet"]
        if q.article_pk in g.duplicates:
            continue  # a reprint's quotes are its original's: counted once
        name = q.speaker or "unattributed"
        col["voices"][name] += 1
        voice_ids.setdefault(name, q.person_id)
        col["quotes"].append({"id": q.id, "article": q.article_pk, "text": q.text, "type": q.type,
                              "channel": q.channel, "speaker": name, "person_id": q.person_id})
    quoted_by: Counter[str] = Counter()
    for col in columns.values():
        quoted_by.update(set(col["voices"]) - {"unattributed"})
    n_out = len(columns)
    for col in columns.values():
        col["blind_spots"] = sorted(name for name, k in quoted_by.items()
                                    if k >= 2 and k > n_out / 2 and name not in col["voices"])
        col["voices"] = [{"speaker": s, "quotes": k, "person_id": voice_ids.get(s)}
                         for s, k in col["voices"].most_common()]
    return {"story": story_id, "title": g.titles.get(story_id), "articles": pks,
            "duplicates": [[c, o] for c, o in g.duplicates.items() if c in pks],
            "outlets": sorted(columns.values(), key=lambda c: c["outlet"])}


def list_findings(store: Store, story: str | None, kind: str | None, limit: int, offset: int) -> Page:
    """Blind-spot findings of every story (or one), in the stories export shape."""
    g = grouping(store)
    rows: list[dict[str, Any]] = []
    for sid in ([story] if story else list(g.stories)) if g.available else []:
        detail = get_story(store, sid)
        if detail is None:
            continue
        for col in detail["outlets"]:
            for name in col["blind_spots"]:
                rows.append({"kind": "blind_spot", "story": sid, "subject": name,
                             "claims": [{"article": a["id"], "start": None, "end": None, "text": "",
                                         "value": f"{col['outlet']} does not quote {name}"}
                                        for a in col["articles"]]})
    if kind:
        rows = [r for r in rows if r["kind"] == kind]
    return Page(rows[offset:offset + limit], len(rows), limit, offset)
