"""Where framing reads its Analysis dicts from: an ``analyze`` JSONL file or the corpus store.

Both yield the same shape (the keys of :meth:`presslens.model.Analysis.to_dict` that framing
uses: id, outlet, text, techniques), one article at a time, so corpora larger than memory work.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Articles read from the store per query.
PAGE = 500


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Analysis dicts from a JSONL file written by ``presslens analyze --format jsonl``.

    Lines that are not Analysis objects (rejections carry no ``text``) are skipped.
    """
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
            if isinstance(obj, dict) and "text" in obj:
                yield obj


def read_store(db: str | None, story: str | None = None) -> Iterator[dict[str, Any]]:
    """Analysis dicts (id, outlet, date, text, techniques) of every stored article, streamed;
    with ``story``, only the articles of that stored story (``presslens stories`` lists them).

    Stored articles carry no story field: membership lives in the ``story_articles`` table
    that ``presslens ingest`` keeps up to date, so the restriction is a join here rather than a
    filter on the records. An unknown story id raises ``ValueError`` naming it, because an empty
    report would look like a story without framing.
    """
    from sqlalchemy import select

    from presslens.store import open_store
    from presslens.store.schema import ArticleRow, TechniqueRow
    from presslens.store.stories import StoryArticleRow, StoryRow

    store = open_store(db)
    last = 0
    articles = select(ArticleRow.id, ArticleRow.article_id, ArticleRow.outlet, ArticleRow.date, ArticleRow.text)
    if story is not None:
        articles = (articles.join(StoryArticleRow, StoryArticleRow.article_pk == ArticleRow.id)
                    .where(StoryArticleRow.story_id == story))
    try:
        with store.engine.connect() as conn:
            if story is not None and conn.execute(select(StoryRow.id).where(StoryRow.id == story)).first() is None:
                raise ValueError(f"no stored story {story!r} in {store.url} (`presslens stories --db` lists them)")
            while True:
                # keyset pages keep memory bounded on any backend (no nested open cursors)
                page = conn.execute(articles.where(ArticleRow.id > last).order_by(ArticleRow.id).limit(PAGE)).all()
                if not page:
                    return
                last = page[-1].id
                by_pk: dict[int, list[dict[str, Any]]] = {r.id: [] for r in page}
                techs = conn.execute(
                    select(TechniqueRow.article_pk, TechniqueRow.start, TechniqueRow.end, TechniqueRow.text,
                           TechniqueRow.technique, TechniqueRow.score, TechniqueRow.in_quote)
                    .where(TechniqueRow.article_pk.in_(list(by_pk)))
                    .order_by(TechniqueRow.article_pk, TechniqueRow.start)
                )
                for t in techs:
                    rec = dict(t._mapping)
                    by_pk[rec.pop("article_pk")].append(rec)
                for r in page:
                    yield {"id": r.article_id, "outlet": r.outlet, "date": r.date, "text": r.text,
                           "techniques": by_pk[r.id]}
    finally:
        store.close()
