"""REST API under ``/api/v1``: the JSON twin of every page, plus one write endpoint.

Why these rules: researchers script against this, so every list is paginated with a total,
every error is JSON with a message naming what was wrong (the unknown id, the invalid field),
and the only write (``POST /articles``, which runs the full analysis) needs a bearer token
from the settings — with no token configured, writes are off rather than open. A posted article
joins its story right after the response (:class:`Regrouper`), as an ingested one does at the
end of its batch.
"""
from __future__ import annotations

import logging
import re
import secrets
import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, Header, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi import Path as PathParam
from pydantic import BaseModel, Field, model_validator

from presslens.model import Article, content_hash
from presslens.readers.decode import InputError, check_english
from presslens.readers.html import article_from_html
from presslens.readers.text import parse_header
from presslens.store.repository import Store
from presslens.web import queries, stories
from presslens.web.queries import Filters

router = APIRouter()

#: A date or date prefix as stored on articles: 2024, 2024-03 or 2024-03-12.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_LIMIT = 200
#: Ids are 32-bit integers on PostgreSQL; a larger id can name nothing and must be a 422, not a database error.
MAX_ID = 2**31 - 1

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page (1-200).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
#: Text parameters may hold anything but NUL, which no database accepts inside a string.
TEXT = r"^[^\x00]*$"
Outlet = Annotated[str | None, Query(max_length=256, pattern=TEXT, description="Only articles from this outlet (case-insensitive).")]
DateFrom = Annotated[str | None, Query(pattern=DATE_PATTERN, description="Earliest article date (YYYY[-MM[-DD]]).")]
DateTo = Annotated[str | None, Query(pattern=DATE_PATTERN, description="Latest article date (YYYY[-MM[-DD]]), inclusive.")]
Channel = Annotated[str | None, Query(max_length=64, pattern=TEXT, description="Quote channel, e.g. statement, interview, twitter.")]
Speaker = Annotated[str | None, Query(max_length=256, pattern=TEXT, description="Speaker name (part of it, accents ignored).")]


def store_of(request: Request) -> Store:
    """The app's store (set by ``create_app``)."""
    return request.app.state.store


def date_filters(outlet: Outlet = None, date_from: DateFrom = None, date_to: DateTo = None) -> Filters:
    return Filters(outlet=outlet, date_from=date_from, date_to=date_to)


def quote_filters(outlet: Outlet = None, date_from: DateFrom = None, date_to: DateTo = None,
                  speaker: Speaker = None, channel: Channel = None,
                  person_id: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only quotes by this person.")] = None,
                  ) -> Filters:
    return Filters(speaker=speaker, outlet=outlet, date_from=date_from, date_to=date_to, channel=channel,
                   person_id=person_id)


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} not found")


# ------------------------------------------------------------------ response models (for the OpenAPI schema)


class PageOut(BaseModel):
    """A page of a list: ``items`` plus the ``total`` matching rows, and the ``limit``/``offset`` used."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class ArticleIn(BaseModel):
    """An article to analyse and store: plain ``text`` or an ``html`` page (exactly one), plus optional metadata."""

    text: str | None = Field(None, description="Plain article text (headline on the first line).")
    html: str | None = Field(None, description="A whole HTML page; the main text is extracted.")
    id: str | None = Field(None, max_length=512, description="Your id for the article (default: its content hash).")
    title: str | None = Field(None, max_length=2000)
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}", max_length=32, description="YYYY-MM-DD[...]")
    outlet: str | None = Field(None, max_length=256)
    url: str | None = Field(None, max_length=4000)
    author: str | None = Field(None, max_length=1000)

    @model_validator(mode="after")
    def one_body(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text or html")
        return self


class ArticleCreated(BaseModel):
    """Where the stored article lives and what the analysis found."""

    id: int
    created: bool
    url: str
    quotes: int
    entities: int
    errors: list[str]


# ------------------------------------------------------------------ read endpoints


def _json(content: Any) -> JSONResponse:
    """Reads return plain JSON types already: sending them directly skips FastAPI's generic
    re-encoding and validation, which costs more than the query on a busy server."""
    return JSONResponse(content)



@router.get("/overview", summary="Corpus counts, top quoted people per outlet, articles and quotes over time")
def get_overview(request: Request) -> JSONResponse:
    with store_of(request).engine.connect() as conn:
        return _json(queries.overview(conn))


@router.get("/articles", response_model=PageOut, summary="List articles, newest first")
def list_articles(request: Request, f: Annotated[Filters, Depends(date_filters)], limit: Limit = 50,
                  offset: Offset = 0) -> JSONResponse:
    with store_of(request).engine.connect() as conn:
        return _json(queries.list_articles(conn, f, limit, offset).to_dict())


@router.get("/articles/{article_id}", summary="One article with its text and every annotation")
def get_article(request: Request, article_id: Annotated[int, PathParam(ge=1, le=MAX_ID)]) -> JSONResponse:
    with store_of(request).engine.connect() as conn:
        found = queries.get_article(conn, article_id)
    if found is None:
        raise not_found(f"article {article_id}")
    return _json(found)


@router.get("/people", response_model=PageOut, summary="People, most quoted first")
def list_people(request: Request, f: Annotated[Filters, Depends(date_filters)],
                name: Annotated[str | None, Query(max_length=256, pattern=TEXT, description="Part of the name.")] = None,
                limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    with store_of(request).engine.connect() as conn:
        return _json(queries.list_people(conn, f, name, limit, offset).to_dict())


@router.get("/people/{person_id}", summary="One person: roles claimed per outlet and quotes/mentions over time")
def get_person(request: Request, person_id: Annotated[int, PathParam(ge=1, le=MAX_ID)]) -> JSONResponse:
    with store_of(request).engine.connect() as conn:
        found = queries.get_person(conn, person_id)
    if found is None:
        raise not_found(f"person {person_id}")
    return _json(found)


@router.get("/quotes", response_model=PageOut, summary="Quotes, filterable by speaker, person, outlet, dates, channel")
def list_quotes(request: Request, f: Annotated[Filters, Depends(quote_filters)], limit: Limit = 50,
                offset: Offset = 0) -> JSONResponse:
    with store_of(request).engine.connect() as conn:
        return _json(queries.list_quotes(conn, f, limit, offset).to_dict())


@router.get("/search", response_model=PageOut, summary="Full-text search over quotes or articles")
def search(request: Request, f: Annotated[Filters, Depends(quote_filters)],
           q: Annotated[str, Query(min_length=1, max_length=500, pattern=TEXT,
                                   description='Words (all must match) and "quoted phrases".')],
           kind: Annotated[Literal["quotes", "articles"], Query(description="Search quotes or articles.")] = "quotes",
           limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    with store_of(request).engine.connect() as conn:
        if kind == "articles":
            page = queries.search_articles(conn, q, f, limit, offset)
            for item in page.items:
                item["snippet"] = (item["snippet"] or "").replace("\x02", "[").replace("\x03", "]")
        else:
            page = queries.search_quotes(conn, q, f, limit, offset)
    return _json(page.to_dict())


@router.get("/stories", response_model=PageOut, summary="Stories (one event's coverage across outlets)")
def list_stories(request: Request, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return _json(stories.list_stories(store_of(request), limit, offset).to_dict())


@router.get("/stories/{story_id}", summary="One story side by side: per outlet voices, statements kept/cut, wording; findings")
def get_story(request: Request, story_id: Annotated[str, PathParam(min_length=1, max_length=200)]) -> JSONResponse:
    found = stories.comparison(store_of(request), story_id)
    if found is None:
        raise not_found(f"story {story_id!r}")
    return _json(found)


@router.get("/findings", response_model=PageOut, summary="Findings: where outlets covering a story disagree")
def list_findings(request: Request,
                  story: Annotated[str | None, Query(max_length=200, description="Only this story's findings.")] = None,
                  kind: Annotated[Literal["role", "number", "label", "blind_spot", "quote_cut"] | None,
                                  Query(description="Only this kind of finding.")] = None,
                  limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return _json(stories.list_findings(store_of(request), story, kind, limit, offset).to_dict())


# ------------------------------------------------------------------ the one write endpoint

_write_lock = threading.Lock()
_log = logging.getLogger(__name__)
_BEARER = re.compile(r"^Bearer\s+(\S+)\s*$", re.IGNORECASE)


def require_token(request: Request,
                  authorization: Annotated[str | None, Header(description="Bearer <token>")] = None) -> None:
    """401 without a valid bearer token; 403 when the server has no token configured (writes disabled)."""
    expected = request.app.state.settings.api_token
    if not expected:
        raise HTTPException(status_code=403, detail="writes are disabled on this server: set PRESSLENS_API_TOKEN "
                                                    "to enable POST /api/v1/articles")
    m = _BEARER.match(authorization or "")
    if m is None or not secrets.compare_digest(m.group(1).encode(), expected.encode()):
        raise HTTPException(status_code=401, detail="missing or wrong bearer token (send 'Authorization: Bearer <token>')",
                            headers={"WWW-Authenticate": "Bearer"})


def _article_from(body: ArticleIn) -> Article:
    """The posted body as an Article, through the same header parsing and checks as files get."""
    raw = body.text if body.text is not None else body.html
    assert raw is not None
    doc_id = body.id or content_hash(raw)[:16]
    if body.html is not None:
        article = article_from_html(body.html, id=doc_id, source="api", url=body.url)
    else:
        text = body.text or ""
        if not text.strip():
            raise InputError("text is empty")
        check_english(text)
        date, title, body_start, header = parse_header(text)
        article = Article(id=doc_id, text=text, source="api", title=title, date=date, body_start=body_start,
                          header=header)
    for name in ("title", "date", "outlet", "url", "author"):
        value = getattr(body, name)
        if value is not None:
            setattr(article, name, value)
    return article


class Regrouper:
    """Puts posted articles into stories after the response, one grouping pass at a time.

    A pass replays every stored article through the grouper (seconds on a corpus of 10,000), so
    it runs after the response rather than inside it, and posts that arrive while a pass runs are
    folded into one more pass instead of one pass each.
    """

    def __init__(self) -> None:
        self._state = threading.Lock()
        self._running = False
        self._again = False

    def __call__(self, store: Store, settings: Any) -> None:
        from presslens.stories.grouping import GroupingConfig
        from presslens.store.stories import has_stories, update_stories

        with store.engine.connect() as conn:
            if not has_stories(conn):  # stored without stories (ingest --no-stories): the user groups later
                return
        with self._state:
            if self._running:
                self._again = True
                return
            self._running = True
        try:
            while True:
                with _write_lock:
                    update_stories(store, grouping=GroupingConfig.from_settings(settings))
                with self._state:  # finishing and clearing "running" under one lock loses no post
                    if not self._again:
                        self._running = False
                        return
                    self._again = False
        except Exception:  # a failed pass must not take the server down; the next post or ingest retries
            _log.exception("grouping posted articles into stories failed")
            with self._state:
                self._running = self._again = False


def _analyzer(request: Request):  # noqa: ANN202 - presslens.analysis.analyze.Analyzer, imported lazily
    """The analysis pipeline, loaded on the first write (spaCy takes seconds to load; reads never need it)."""
    state = request.app.state
    with _write_lock:
        if state.analyzer is None:
            from presslens.analysis.analyze import Analyzer

            state.analyzer = Analyzer(state.settings)
        return state.analyzer


@router.post("/articles", status_code=201, response_model=ArticleCreated,
             summary="Analyse and store an article (needs Authorization: Bearer <token>)",
             dependencies=[Depends(require_token)],
             responses={200: {"description": "Already stored (same text): nothing added"},
                        401: {"description": "Missing or wrong token"}, 403: {"description": "Writes disabled"},
                        422: {"description": "Invalid body or not an article"},
                        503: {"description": "Analysis pipeline unavailable"}})
def post_article(request: Request, response: Response, body: ArticleIn, background: BackgroundTasks) -> dict[str, Any]:
    settings = request.app.state.settings
    raw = body.text if body.text is not None else body.html or ""
    if len(raw.encode("utf-8")) > settings.max_bytes:
        raise HTTPException(status_code=413, detail=f"article too large (limit {settings.max_bytes:,} bytes, "
                                                    "setting PRESSLENS_MAX_BYTES)")
    try:
        article = _article_from(body)
    except InputError as exc:
        raise HTTPException(status_code=422, detail=f"not accepted as an article: {exc}") from None
    store = store_of(request)
    with store.engine.connect() as conn:
        existing = queries.article_pk_by_hash(conn, article.hash)
    if existing is None:
        try:
            analyzer = _analyzer(request)
        except (RuntimeError, OSError) as exc:
            raise HTTPException(status_code=503, detail=f"analysis pipeline unavailable: {exc}") from None
        analysis = analyzer.analyze(article)
        with _write_lock:
            store.save([analysis])
        with store.engine.connect() as conn:
            existing = queries.article_pk_by_hash(conn, article.hash)
        created = True
        background.add_task(request.app.state.regroup, store, settings)
    else:
        response.status_code = 200
        created = False
    with store.engine.connect() as conn:
        stored = queries.get_article(conn, existing)
    assert stored is not None
    return {"id": existing, "created": created, "url": f"/articles/{existing}", "quotes": len(stored["quotes"]),
            "entities": len(stored["entities"]), "errors": stored["errors"]}
