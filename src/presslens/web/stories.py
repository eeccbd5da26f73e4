"""Stories for the web: one event's coverage side by side, from the story layer (``presslens.stories``).

Stored stories first: ``presslens ingest`` groups articles into stories and stores them with
their copy links and findings (:mod:`presslens.store.stories`); when those tables have rows the
web app reads them (any corpus size), and /api/v1/findings serves the stored findings. Each
story's side-by-side view (voices, statements, wording) is still computed from its articles'
stored analyses on first view and cached.

Fallback, for a corpus stored without stories. Why computed here: the story layer groups analyses incrementally (``StoryBuilder``) and
compares one story's outlets (``compare_story``), but a stored corpus may have been built
without running it. For a corpus of modest size this is cheap (one pass, candidate search by an
index), so the web app rebuilds the stored analyses, groups them once — in the background at
start-up — and caches the result until the article count changes; each story's comparison is
computed on first view and cached too. Larger corpora are not grouped on a web request (it
would stall the server); the stories page says so and lists articles by outlet instead.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from presslens.model import Analysis
from presslens.store.people import fold
from presslens.store.repository import Store
from presslens.store.schema import ArticleRow, PersonRow
from presslens.store.stories import StoryArticleRow
from presslens.web import queries
from presslens.web.queries import Page

#: Largest corpus grouped on demand by the web app (rebuilding this many analyses takes seconds).
LIVE_LIMIT = 5_000


@dataclass
class Grouping:
    """The story layer's view of the corpus (article ids are stored primary keys as strings)."""

    n_articles: int
    builder: Any = None  # presslens.stories.build.StoryBuilder, imported lazily (it pulls in scikit-learn)
    stories: dict[str, Any] = field(default_factory=dict)
    story_of: dict[int, str] = field(default_factory=dict)
    comparisons: dict[str, dict[str, Any]] = field(default_factory=dict)
    available: bool = True
    reason: str = ""
    #: True when the stories come from the stored tables (``builder`` is then None).
    stored: bool = False
    n_grouped: int = 0
    #: Article key → outlet, for listing stories without loading their analyses.
    outlets: dict[str, str | None] = field(default_factory=dict)

    def duplicates(self) -> dict[int, int]:
        """Copy pk → original pk over all stories."""
        return {int(c): int(o) for s in self.stories.values() for c, o in s.duplicates}


_lock = threading.Lock()
_cache: dict[str, Grouping] = {}


def _analysis(article: dict[str, Any]) -> Analysis:
    """A stored article (``queries.get_article`` shape) back in the analysis records the story layer reads."""
    from presslens.stories.source import analysis_from_dict

    record = {
        **article, "id": str(article["id"]),
        "entities": [{"id": str(e["id"]), "name": e["name"], "type": e["type"], "mentions": e["mentions"],
                      "roles": e["roles"]} for e in article["entities"]],
        "quotes": [{**q, "speaker": None if q["speaker"] is None else {
            "start": q["speaker"]["start"], "end": q["speaker"]["end"], "text": q["speaker"]["text"],
            "name": q["speaker"]["name"],
            "entity_id": None if q["speaker"]["entity_id"] is None else str(q["speaker"]["entity_id"])}}
            for q in article["quotes"]],
        "techniques": [],
    }
    for q in record["quotes"]:
        q.pop("id", None)
        if q["cue"] is not None:
            q["cue"] = {k: q["cue"][k] for k in ("start", "end", "text", "lemma")}
    return analysis_from_dict(record)


def grouping(store: Store) -> Grouping:
    """The stories of this corpus: stored ones, else computed once per article count (see module docstring)."""
    with store.engine.connect() as conn:
        n = conn.execute(select(func.count(ArticleRow.id))).scalar_one()
        grouped = conn.execute(select(func.count(StoryArticleRow.article_pk))).scalar_one()
    with _lock:
        cached = _cache.get(store.url)
        if cached is not None and cached.n_articles == n and cached.stored == bool(grouped) and (
                not grouped or cached.n_grouped == grouped):
            return cached
        if grouped:
            result = _stored(store, n, grouped)
        elif n > LIVE_LIMIT:
            result = Grouping(n, available=False,
                              reason=f"this corpus has {n:,} articles; the web app groups stories on demand only up to "
                                     f"{LIVE_LIMIT:,}")
        else:
            result = _group(store, n)
        _cache[store.url] = result
        return result


def _stored(store: Store, n: int, grouped: int) -> Grouping:
    """The stored stories (article keys are primary keys as strings, as in the live grouping)."""
    from presslens.store.stories import article_info, stored_stories

    with store.engine.connect() as conn:
        found = stored_stories(conn)
        info = article_info(conn, {int(a) for s in found for a in s.articles})
    result = Grouping(n, stored=True, n_grouped=grouped, outlets={k: v[1] for k, v in info.items()})
    for s in found:
        result.stories[s.id] = s
        for a in s.articles:
            result.story_of[int(a)] = s.id
    return result


def _group(store: Store, n: int) -> Grouping:
    from presslens.stories.build import StoryBuilder

    builder = StoryBuilder()
    with store.engine.connect() as conn:
        pks = conn.scalars(select(ArticleRow.id).order_by(ArticleRow.date, ArticleRow.id)).all()
        for pk in pks:
            article = queries.get_article(conn, pk)
            if article is not None:
                builder.add(_analysis(article))
    result = Grouping(n, builder=builder,
                      outlets={a: x.article.outlet for a, x in builder.analyses.items()})
    for s in builder.stories():
        result.stories[s.id] = s
        for a in s.articles:
            result.story_of[int(a)] = s.id
    return result


def list_stories(store: Store, limit: int, offset: int) -> Page:
    """Stories with most outlets first: id, title, article count, outlets, syndicated copies."""
    g = grouping(store)
    if not g.available:
        return Page([], 0, limit, offset)
    rows = []
    for sid, s in g.stories.items():
        outs = sorted({g.outlets.get(a) or "unknown outlet" for a in s.articles})
        rows.append({"story": sid, "title": s.title, "articles": len(s.articles), "outlets": outs,
                     "duplicates": len(s.duplicates)})
    rows.sort(key=lambda r: (-len(r["outlets"]), -r["articles"], r["title"] or ""))
    return Page(rows[offset:offset + limit], len(rows), limit, offset)


def _person_ids(store: Store, names: set[str]) -> dict[str, int]:
    """Corpus person ids for display names, by the store's folded key (for links from voices)."""
    keys = {fold(n): n for n in names if n}
    if not keys:
        return {}
    with store.engine.connect() as conn:
        rows = conn.execute(select(PersonRow.key, PersonRow.id).where(PersonRow.key.in_(list(keys)))).all()
    return {keys[k]: pid for k, pid in rows}


def comparison(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story side by side (``compare_story``), shaped per outlet for the page and the API."""
    g = grouping(store)
    if not g.available or story_id not in g.stories:
        return None
    with _lock:
        if story_id in g.comparisons:
            return g.comparisons[story_id]
    from presslens.stories.compare import compare_story

    story = g.stories[story_id]
    if g.stored:
        from presslens.store.stories import load_analyses, stored_findings

        from presslens.store.stories import stored_links

        with store.engine.connect() as conn:
            loaded = load_analyses(conn, [int(a) for a in story.articles], full=True)
            stored_found = [f.to_dict() for f in stored_findings(conn, story_id)]
            links = stored_links(conn, story_id)
        analyses = [loaded[int(a)] for a in story.articles]
    else:
        analyses = [g.builder.analyses[a] for a in story.articles]
        links = g.builder.links(story_id)
    cmp = compare_story(story, analyses).to_dict()
    if g.stored:
        cmp["findings"] = stored_found  # the stored rows, exactly what /api/v1/findings serves
    art = {a.article.id: a.article for a in analyses}
    copies = dict(story.duplicates)
    names = {v["name"] for vs in cmp["voices"].values() for v in vs.values()}
    person_ids = _person_ids(store, names)
    findings = cmp["findings"]
    for f in findings:
        for c in f["claims"]:
            a = art.get(c["article"])
            c["outlet"] = (a.outlet or "unknown outlet") if a else None
            c["article"] = int(c["article"])
    columns = []
    for outlet, ids in sorted(cmp["outlets"].items()):
        id_set = set(ids)
        kept: list[dict[str, Any]] = []
        for st in cmp["statements"]:
            for aid, version in st["versions"].items():
                if aid in id_set:
                    kept.append({"speaker": st["speaker"], "full": st["full"], "article": int(aid), **version})
        columns.append({
            "outlet": outlet,
            "articles": [{"id": int(a), "title": art[a].title, "date": art[a].date,
                          "copy_of": None if a not in copies else {
                              "id": int(copies[a]), "outlet": art[copies[a]].outlet if copies[a] in art else None}}
                         for a in ids],
            "voices": sorted(({**v, "person_id": person_ids.get(v["name"])} for v in cmp["voices"].get(outlet, {}).values()),
                             key=lambda v: (-v["count"], v["name"])),
            "unnamed_sources": cmp["unnamed_sources"].get(outlet, 0),
            "statements": kept,
            "wording": sorted(cmp["wording"].get(outlet, {}).items(), key=lambda kv: (-kv[1], kv[0])),
            "blind_spots": sorted({f["subject"] for f in findings if f["kind"] == "blind_spot"
                                   and any(c["outlet"] == outlet and c["start"] is None for c in f["claims"])}),
        })
    result = {"story": story.id, "title": story.title, "articles": [int(a) for a in story.articles],
              "duplicates": [[int(c), int(o)] for c, o in story.duplicates], "outlets": columns,
              "actor_labels": cmp["actor_labels"], "findings": findings,
              "possible_same_story": [_link(g, x, story_id) for x in links]}
    with _lock:
        g.comparisons[story_id] = result
    return result


def _link(g: Grouping, link: Any, story_id: str) -> dict[str, Any]:
    """A "possible same story" link seen from ``story_id``: the story on the other side and the words."""
    other = link.other if link.story == story_id else link.story
    return {"story": other, "title": g.stories[other].title if other in g.stories else None,
            "article": int(link.article), "outlet": g.outlets.get(link.article),
            "article_in_this_story": link.story == story_id, "score": link.score,
            "pairs": [list(p) for p in link.pairs]}


def list_findings(store: Store, story: str | None, kind: str | None, limit: int, offset: int) -> Page:
    """Findings of every multi-article story (or one story), in the export shape plus each claim's outlet."""
    g = grouping(store)
    rows: list[dict[str, Any]] = []
    if g.stored:
        from presslens.store.stories import stored_findings

        with store.engine.connect() as conn:
            found = [f.to_dict() for f in stored_findings(conn, story, kind)]
        for f in found:
            for c in f["claims"]:
                c["outlet"] = g.outlets.get(c["article"]) or "unknown outlet"
                c["article"] = int(c["article"])
        rows = found
    elif g.available:
        ids = [story] if story else [sid for sid, s in g.stories.items() if len(s.articles) > 1]
        for sid in ids:
            detail = comparison(store, sid)
            if detail is not None:
                rows.extend(f for f in detail["findings"] if kind is None or f["kind"] == kind)
    return Page(rows[offset:offset + limit], len(rows), limit, offset)


def story_of_article(store: Store, pk: int) -> dict[str, Any] | None:
    """The story an article belongs to, its copy-of link and the findings that cite it."""
    g = grouping(store)
    sid = g.story_of.get(pk) if g.available else None
    if sid is None:
        return None
    s = g.stories[sid]
    detail = comparison(store, sid) if len(s.articles) > 1 else None
    cited = [f for f in (detail or {}).get("findings", []) if any(c["article"] == pk for c in f["claims"])]
    return {"id": sid, "title": s.title, "articles": len(s.articles), "copy_of": g.duplicates().get(pk),
            "findings": cited}


__all__ = ["LIVE_LIMIT", "comparison", "grouping", "list_findings", "list_stories",
           "story_of_article"]
