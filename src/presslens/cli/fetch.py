"""``presslens fetch``: download news from feeds, sitemaps or home pages, analyse and store what is new.

Heavy modules (httpx, trafilatura, SQLAlchemy, spaCy) are imported inside the command so that
``presslens --help`` stays quick.
"""
from __future__ import annotations

import re
import time
from datetime import date
from typing import Annotated

import typer

from presslens.cli.app import app

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str) -> float:
    """``15m`` → 900.0 seconds (units s, m, h, d; a bare number is seconds)."""
    m = _DURATION.match(value)
    if not m or float(m.group(1)) <= 0:
        raise typer.BadParameter(f"expected a duration such as 30s, 15m, 2h; got {value!r}", param_hint="--every")
    return float(m.group(1)) * _UNITS[m.group(2)]


def _since(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}", param_hint="--since") from None


@app.command()
def fetch(
    urls: Annotated[list[str], typer.Argument(help="Feed (RSS/Atom/JSON), sitemap, home page or article URLs.")],
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default: PRESSLENS_DB or "
                                           "sqlite:///presslens.db).")] = None,
    since: Annotated[str | None, typer.Option(help="Skip articles dated before this day (YYYY-MM-DD).")] = None,
    max_new: Annotated[int | None, typer.Option("--max", min=1, help="Fetch at most this many new pages per run.")] = None,
    watch: Annotated[bool, typer.Option(help="Keep fetching, every --every, until stopped with Ctrl+C.")] = False,
    every: Annotated[str, typer.Option(help="Pause between runs with --watch: 30s, 15m, 1h.")] = "15m",
    delay: Annotated[float | None, typer.Option(min=0, help="Seconds between requests to one host "
                                                "(default: PRESSLENS_FETCH_DELAY, 1).")] = None,
    techniques: Annotated[bool, typer.Option(help="Find propaganda techniques too.")] = True,
    stories: Annotated[bool, typer.Option(help="Group new articles into stories after each run.")] = True,
) -> None:
    """Fetch politely (robots.txt, a delay per host, conditional requests) and store what is new.

    Every page is stored or recorded as a rejection with its reason (`presslens rejections`);
    a re-run requests only what is new; Ctrl+C stores what was downloaded, then stops.
    """
    from rich.console import Console

    from presslens.cli.app import require_models
    from presslens.fetch.run import FetchReport
    from presslens.fetch.run import fetch as run_fetch
    from presslens.settings import get_settings
    from presslens.store import StoreError, open_store

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    pause = parse_duration(every)
    day = _since(since)
    settings = get_settings() if delay is None else get_settings().model_copy(update={"fetch_delay": delay})
    require_models(techniques=techniques)
    try:
        store = open_store(db)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None

    def on_page(url: str, outcome: str) -> None:
        if outcome == "stored":
            err.print(f"[green]stored[/green] {url}")

    def summary(r: FetchReport) -> None:
        for rej in r.rejections:
            err.print(f"[red]rejected[/red] {rej}")
        err.print(f"{r.fetched} page(s) fetched: {r.stored} stored, {r.duplicates} already stored under another "
                  f"URL, {r.rejected} rejected (see `presslens rejections`), {r.too_old + r.too_old_after_download} "
                  f"older than --since; {r.known} link(s) done in earlier runs; {r.listings} listing(s) read, "
                  f"{r.not_modified} unchanged since the last run, {r.listings_failed} failed"
                  + (f"; {r.beyond_max} left for later (--max)" if r.beyond_max else ""))

    try:
        while True:
            report = run_fetch(store, urls, since=day, max_new=max_new, settings=settings, techniques=techniques,
                               stories=stories, on_page=on_page)
            summary(report)
            if report.interrupted:
                raise KeyboardInterrupt
            if not watch:
                break
            err.print(f"next run in {every} (Ctrl+C to stop)")
            time.sleep(pause)
    except KeyboardInterrupt:
        err.print("stopped: every page fetched so far is stored; the next run goes on from there")
        raise typer.Exit(130) from None
    finally:
        store.close()
