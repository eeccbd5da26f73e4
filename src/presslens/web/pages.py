"""Server-rendered pages (Jinja2, autoescaped): overview, article, person, story, search.

Why server-rendered: every page must work without JavaScript, load fast on a laptop or a
phone, and be readable by screen readers; the little JS in ``static/`` only adds keyboard
niceties. Each page reads through :mod:`presslens.web.queries` — the same functions the JSON
API uses — so a page and its ``/api/v1`` twin never disagree.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import Connection, func, select

from presslens.readers.text import crawl_line
from presslens.store.schema import ArticleRow
from presslens.stories.model import shown_findings
from presslens.web import charts, queries, render, stories
from presslens.web.api import DATE_PATTERN, MAX_ID, TEXT, Channel, Outlet, Speaker, store_of
from presslens.web.queries import Filters

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
TEMPLATES.env.autoescape = True
PAGE_SIZE = 25
#: A date filter from an HTML form, where an empty field is sent as "".
FormDate = Annotated[str | None, Query(pattern=DATE_PATTERN + "|^$", description="YYYY[-MM[-DD]]")]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    """An HTML error page saying what was not found or what was wrong."""
    return page(request, "error.html", status_code=status, status=status, title=title, message=message)


def facets(request: Request, conn: Connection) -> tuple[list[str], list[str]]:
    """Outlets and quote channels for the filter drop-downs, cached until the article count changes.

    Listing distinct channels scans every quote; on a large corpus that would dominate each
    search page, while the lists only change when articles are added.
    """
    n = conn.execute(select(func.count(ArticleRow.id))).scalar_one()
    cached = getattr(request.app.state, "facets", None)
    if cached is None or cached[0] != n:
        cached = (n, queries.outlets(conn), queries.channels(conn))
        request.app.state.facets = cached
    return cached[1], cached[2]


def pager(request: Request, total: int, limit: int, offset: int) -> dict[str, Any]:
    """Previous/next links keeping every other query parameter."""
    params = dict(request.query_params)

    def link(off: int) -> str:
        return "?" + urlencode({**params, "offset": off})

    return {"total": total, "first": offset + 1 if total else 0, "last": min(offset + limit, total),
            "prev": link(max(0, offset - limit)) if offset > 0 else None,
            "next": link(offset + limit) if offset + limit < total else None}


@router.get("/")
def overview(request: Request) -> HTMLResponse:
    with store_of(request).engine.connect() as conn:
        data = queries.overview(conn)
    chart = charts.bars_over_time(data["timeline"], ("articles", "quotes"), title="Articles and quotes over time")
    return page(request, "overview.html", data=data, chart=chart)


@router.get("/articles")
def articles(request: Request, outlet: Outlet = None, date_from: FormDate = None, date_to: FormDate = None,
             offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    f = Filters(outlet=outlet or None, date_from=date_from or None, date_to=date_to or None)
    with store_of(request).engine.connect() as conn:
        result = queries.list_articles(conn, f, PAGE_SIZE, offset)
        outs = facets(request, conn)[0]
    return page(request, "articles.html", result=result, outlets=outs, f=f,
                pager=pager(request, result.total, PAGE_SIZE, offset))


@router.get("/articles/{article_id}")
def article(request: Request, article_id: Annotated[int, PathParam(ge=1, le=MAX_ID)]) -> HTMLResponse:
    with store_of(request).engine.connect() as conn:
        a = queries.get_article(conn, article_id)
    if a is None:
        raise HTTPException(404, f"article {article_id} not found")
    shares = render.quoted_shares(a)
    quoted_entities = {q["speaker"]["entity_id"] for q in a["quotes"] if q.get("speaker") and q["speaker"]["entity_id"]}
    mentioned = [e for e in a["entities"] if e["type"] == "PERSON" and e["id"] not in quoted_entities]
    others = [e for e in a["entities"] if e["type"] != "PERSON"]
    story_info = stories.story_of_article(store_of(request), article_id)
    # This article's side of each finding that cites it: anchored in the text, linked from the panel.
    claims = [{**c, "kind": f["kind"], "subject": f["subject"]}
              for f in (story_info or {}).get("findings", []) for c in f["claims"] if c["article"] == article_id]
    header = crawl_line(a["text"])
    return page(request, "article.html", a=a, body=render.highlight(a, claims=claims), shares=shares,
                crawl_header=a["text"][header[0]:header[1]].strip() if header else None,
                share_chart=charts.share_bars(shares), mentioned=mentioned, others=others,
                roles=[e for e in a["entities"] if e["roles"]], techniques=render.technique_legend(a),
                story=story_info, claim_anchor=render.claim_anchor)


@router.get("/people")
def people(request: Request, name: Annotated[str | None, Query(max_length=256, pattern=TEXT)] = None, outlet: Outlet = None,
           offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    with store_of(request).engine.connect() as conn:
        result = queries.list_people(conn, Filters(outlet=outlet), name, PAGE_SIZE, offset)
        outs = facets(request, conn)[0]
    return page(request, "people.html", result=result, name=name, outlet=outlet, outlets=outs,
                pager=pager(request, result.total, PAGE_SIZE, offset))


@router.get("/people/{person_id}")
def person(request: Request, person_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
           offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    with store_of(request).engine.connect() as conn:
        p = queries.get_person(conn, person_id)
        if p is None:
            raise HTTPException(404, f"person {person_id} not found")
        quotes = queries.list_quotes(conn, Filters(person_id=person_id), PAGE_SIZE, offset)
    chart = charts.swimlanes(p["timeline"], title=f"Mentions and quotes of {p['name']} per outlet over time")
    return page(request, "person.html", p=p, quotes=quotes, chart=chart, colour=render.colour(person_id),
                pager=pager(request, quotes.total, PAGE_SIZE, offset))


@router.get("/entities/{name}")
def entity(request: Request, name: Annotated[str, PathParam(min_length=1, max_length=512, pattern=TEXT)],
           offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    with store_of(request).engine.connect() as conn:
        result = queries.entity_articles(conn, name, PAGE_SIZE, offset)
    if result.total == 0:
        raise HTTPException(404, f"no article mentions {name!r}")
    return page(request, "entity.html", name=name, result=result, pager=pager(request, result.total, PAGE_SIZE, offset))


@router.get("/stories")
def story_list(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    store = store_of(request)
    g = stories.grouping(store)
    result = stories.list_stories(store, PAGE_SIZE, offset)
    by_outlet = None
    if not g.available:
        with store.engine.connect() as conn:
            by_outlet = queries.list_articles(conn, Filters(), PAGE_SIZE, offset)
    return page(request, "stories.html", result=result, grouping=g, by_outlet=by_outlet,
                pager=pager(request, (by_outlet or result).total, PAGE_SIZE, offset))


@router.get("/stories/{story_id}")
def story(request: Request, story_id: Annotated[str, PathParam(min_length=1, max_length=200)],
          all: Annotated[bool, Query()] = False) -> HTMLResponse:
    detail = stories.comparison(store_of(request), story_id)
    if detail is None:
        raise HTTPException(404, f"story {story_id!r} not found")
    shown, hidden = shown_findings(detail["findings"], request.app.state.settings.finding_threshold,
                                   show_all=all, confidence=lambda f: f.get("confidence"))
    return page(request, "story.html", s=detail, shown=shown, hidden=hidden, colour=render.colour,
                claim_anchor=render.claim_anchor)


@router.get("/search")
def search(request: Request, q: Annotated[str | None, Query(max_length=500, pattern=TEXT)] = None,
           kind: Literal["quotes", "articles"] = "quotes", speaker: Speaker = None, outlet: Outlet = None,
           date_from: FormDate = None, date_to: FormDate = None,
           channel: Channel = None, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    f = Filters(speaker=speaker or None, outlet=outlet or None, date_from=date_from or None, date_to=date_to or None,
                channel=channel or None)
    with store_of(request).engine.connect() as conn:
        outs, chans = facets(request, conn)
        result = None
        if q:
            if kind == "articles":
                result = queries.search_articles(conn, q, f, PAGE_SIZE, offset)
            else:
                result = queries.search_quotes(conn, q, f, PAGE_SIZE, offset)
    return page(request, "search.html", q=q or "", kind=kind, f=f, result=result, outlets=outs, channels=chans,
                snippet=render.snippet_html, colour=render.colour,
                pager=pager(request, result.total, PAGE_SIZE, offset) if result else None)


__all__ = ["router", "error_page"]
