"""The web application: server-rendered pages and the REST API over one presslens database.

Why a factory (``create_app(db_url, settings)``) and not a module-level app: the CLI, the
tests and the load benchmark each point the same code at a different database, and the
database is checked once, before the server accepts a request — a missing file or a schema
from a newer presslens stops start-up with one clear message instead of a page of 500s.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from starlette.exceptions import HTTPException as StarletteHTTPException

from presslens.settings import Settings, get_settings
from presslens.store.repository import Store, StoreError, normalise_url, open_store

HERE = Path(__file__).parent
API_PREFIX = "/api/v1"


class WebError(RuntimeError):
    """The web app cannot start (its database is missing, unreachable or too new)."""


def check_database(db_url: str) -> None:
    """Refuse a SQLite file that does not exist: the web app never creates an empty corpus."""
    try:
        url = make_url(normalise_url(db_url))
    except ArgumentError as exc:
        raise WebError(f"not a database URL: {db_url!r} ({exc})") from None
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if not database or database == ":memory:":
            raise WebError("the web app needs a stored corpus: give a SQLite file or PostgreSQL URL, not an in-memory DB")
        if not Path(database).expanduser().is_file():
            raise WebError(
                f"database {database} does not exist: build one with `presslens ingest PATH --db {db_url}` "
                "or try `presslens demo`"
            )


def open_database(db_url: str) -> Store:
    """Check and open the database (older schemas upgrade in place); raise WebError with one clear message."""
    check_database(db_url)
    try:
        return open_store(db_url)
    except StoreError as exc:
        raise WebError(str(exc)) from None


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    """``("query", "limit")`` → ``limit``; ``("body", "text")`` → ``text``: the name a user typed."""
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header")]
    return ".".join(parts) or "body"


#: Requests served at once (each holds one pooled database connection while it runs). Below the
#: store engine's pool (5 + 10 overflow), so a burst queues in the event loop instead of timing
#: out waiting for a connection; more threads would not help on a laptop's few cores anyway.
WORKER_THREADS = 8


def _limit_threads() -> None:
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS


def create_app(db_url: str | None = None, settings: Settings | None = None) -> FastAPI:
    """Build the app over one database; raises WebError (before serving anything) if it is unusable."""
    from presslens.web import api, pages, stories

    settings = settings or get_settings()
    db_url = db_url or settings.db
    store = open_database(db_url)
    app = FastAPI(
        title="presslens",
        version="1",
        description="Who said what, about whom, through which channel, and how each outlet framed it.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        # The interactive docs pages load their scripts from a CDN; nothing may be fetched from
        # the internet at run time, so only the schema itself is served.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.analyzer = None
    app.state.regroup = api.Regrouper()
    app.router.add_event_handler("shutdown", store.close)
    app.router.add_event_handler("startup", _limit_threads)
    # Group stories in the background at start-up, so the first article or story page does not wait for it.
    app.router.add_event_handler(
        "startup", lambda: threading.Thread(target=stories.grouping, args=(store,), daemon=True).start())

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith(API_PREFIX)

    @app.exception_handler(RequestValidationError)
    async def invalid_params(request: Request, exc: RequestValidationError) -> Response:
        problems = [{"field": _field_name(e.get("loc", ())), "message": e.get("msg", "invalid")} for e in exc.errors()]
        message = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        if wants_json(request):
            return JSONResponse({"error": {"status": 422, "message": f"invalid request: {message}",
                                           "fields": problems}}, status_code=422)
        return pages.error_page(request, 422, "Invalid request", f"Please check: {message}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no page or endpoint at {request.url.path}"
        if wants_json(request):
            return JSONResponse({"error": {"status": exc.status_code, "message": detail}},
                                status_code=exc.status_code, headers=getattr(exc, "headers", None))
        titles = {404: "Not found", 401: "Not signed in", 403: "Forbidden", 405: "Method not allowed"}
        return pages.error_page(request, exc.status_code, titles.get(exc.status_code, "Error"), detail)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202 - Starlette middleware
        """A strict CSP: only our own scripts and styles run, so injected markup could do nothing even if it got through."""
        response = await call_next(request)
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
