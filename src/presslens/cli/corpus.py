"""Corpus commands: ``ingest`` into a database, then ``rejections``, ``people``, ``diversity``,
``search`` and ``export`` over what is stored.

Every command opens the database first (``--db``, default the ``PRESSLENS_DB`` setting,
``sqlite:///presslens.db``), so an unreachable URL or a too-new schema is one clear error
before any work. Tables go to stdout (``--json`` for machine-readable output); progress and
summaries go to stderr.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from presslens.cli.analyze import NoTechniquesOption, TechniquesOption, parse_fields, technique_settings
from presslens.cli.app import app, require_models

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported where a command uses it: `presslens --help` stays fast
    from presslens.store import Store
    from presslens.store.ingest import Plan

err = Console(stderr=True, highlight=False, soft_wrap=True)
DbOption = Annotated[str | None, typer.Option("--db", help="Database URL: sqlite:///FILE or postgresql://USER@HOST/DB "
                                              "(default: PRESSLENS_DB or sqlite:///presslens.db).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON records instead of a table.")]


class EngineChoice(str, Enum):
    local = "local"
    ray = "ray"


class Period(str, Enum):
    all = "all"
    year = "year"
    month = "month"


class What(str, Enum):
    articles = "articles"
    quotes = "quotes"
    people = "people"
    entities = "entities"
    stories = "stories"
    findings = "findings"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _open(db: str | None) -> Store:
    from presslens.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _print_json(records: list[dict[str, Any]]) -> None:
    json.dump(records, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns (.txt, .html, .jsonl, .csv).")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (local) or analyzer actors (ray).")] = 1,
    engine: Annotated[EngineChoice, typer.Option(help="local process pool, or a Ray Data job.")] = EngineChoice.local,
    ray_address: Annotated[str | None, typer.Option(help="Ray cluster address (ray://HEAD:10001); "
                                                    "default RAY_ADDRESS or a local Ray.")] = None,
    chunk_size: Annotated[int | None, typer.Option(min=1, help="Articles per committed transaction.")] = None,
    field: Annotated[list[str], typer.Option(help="Map a JSONL/CSV column: NAME=COLUMN.")] = [],  # noqa: B006
    techniques: TechniquesOption = None,
    no_techniques: NoTechniquesOption = False,
    stories: Annotated[bool, typer.Option(help="Group the new articles into stories at the end (off: a bulk load; "
                                          "`presslens stories` catches up later).")] = True,
    progress: Annotated[bool | None, typer.Option(help="Show the progress bar (default: when stderr is a terminal).")] = None,
) -> None:
    """Analyse articles and store them; rerunning skips what is stored, a killed run resumes."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from presslens.cli.progress import RateColumn
    from presslens.store import StoreError
    from presslens.store.ingest import ingest as run_ingest

    fields = parse_fields(field)
    settings, find_techniques = technique_settings(techniques, no_techniques)
    require_models(techniques=find_techniques)
    store = _open(db)
    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                   TextColumn("[red]{task.fields[rejected]} rejected"), TimeElapsedColumn(), TextColumn("ETA"),
                   TimeRemainingColumn(), console=err, disable=not show)
    task = bar.add_task("ingest", total=None, rejected=0, start=False)

    def on_plan(p: Plan) -> None:
        err.print(f"{p.new} new article(s) to analyse; {p.already_stored} already stored, "
                  f"{p.duplicates} repeated in this batch, {p.rejected} input(s) rejected")
        bar.update(task, total=p.new)
        bar.start_task(task)

    rejected = 0

    def on_chunk(n: int, saved: Any) -> None:
        nonlocal rejected
        rejected += saved.rejected
        bar.update(task, advance=n, rejected=rejected)

    try:
        with bar:
            report = run_ingest(store, paths, workers=workers, engine=engine.value, fields=fields,
                                chunk_size=chunk_size, ray_address=ray_address, techniques=find_techniques,
                                settings=settings,
                                stories=stories, on_plan=on_plan, on_chunk=on_chunk)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    finally:
        store.close()
    s = report.saved
    if s.stored == 0:
        again = f"; {s.rejected} input(s) rejected (see `presslens rejections`)" if s.rejected else ""
        err.print(f"nothing new: all {report.plan.already_stored} article(s) were already stored in {store.url}"
                  + again)
    else:
        err.print(f"stored {s.stored} article(s) in {report.seconds:.1f}s ({report.rate:.1f} articles/s) into "
                  f"{store.url}; skipped {report.plan.already_stored + report.plan.duplicates + s.skipped} "
                  f"already stored or repeated; {s.rejected} rejected (see `presslens rejections`); "
                  f"{report.with_errors} with analysis errors")
    if report.stories is not None and report.stories.grouped:
        err.print(f"grouped {report.stories.grouped} article(s) into stories; {report.stories.stories_touched} "
                  "story(ies) updated (see `presslens stories`)"
                  + (f"; {report.stories.too_large} too large to compare (no findings)"
                     if report.stories.too_large else ""))


@app.command()
def rejections(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List inputs that could not be analysed, with the reason and when."""
    from sqlalchemy import select

    from presslens.store.schema import RejectionRow

    store = _open(db)
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(
            select(RejectionRow.input, RejectionRow.reason, RejectionRow.created_at, RejectionRow.last_seen,
                   RejectionRow.times_seen).order_by(RejectionRow.id))]
    store.close()
    if as_json:
        _print_json(rows)
        return
    t = Table(title=f"{len(rows)} rejected input(s)")
    for col in ("input", "reason", "first seen", "times"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(r["input"], r["reason"], str(r["created_at"])[:19], str(r["times_seen"]))
    Console().print(t)


@app.command()
def people(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Only articles dated on or after this (YYYY[-MM[-DD]]).")] = None,
    top: Annotated[int, typer.Option(min=1, help="Rows per list.")] = 15,
    register: Annotated[Path | None, typer.Option(help="First load this register of people you trust (CSV: name, "
                                                  "aliases separated by ';', wikidata_id, gender, party, side, role).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Per outlet: who is quoted most, and who is mentioned but never quoted (with roles claimed)."""
    from presslens.store.reports import people_stats, person_roles

    store = _open(db)
    if register is not None:
        from presslens.store.registry import load_register

        loaded = load_register(store, register)
        for problem in loaded.errors:
            err.print(f"[red]error:[/red] {escape(problem)}")
        err.print(f"register {register}: {loaded.pinned} person(s) pinned, {loaded.merged} stored person(s) merged "
                  f"into them, {loaded.relinked} article link(s) moved, {len(loaded.errors)} error(s)")
    bad_register = register is not None and bool(loaded.errors)
    stats = people_stats(store, outlet=outlet, since=since)
    outlets = sorted({s.outlet for s in stats})
    lists: dict[str, dict[str, list]] = {}
    for o in outlets:
        rows = [s for s in stats if s.outlet == o]
        quoted = sorted((s for s in rows if s.quotes), key=lambda s: (-s.quotes, -s.articles, s.name))[:top]
        silent = sorted((s for s in rows if not s.quotes), key=lambda s: (-s.articles, s.name))[:top]
        lists[o] = {"most_quoted": quoted, "mentioned_never_quoted": silent}
    wanted = sorted({s.person_id for v in lists.values() for group in v.values() for s in group})
    roles = person_roles(store, wanted)
    store.close()

    def record(s: Any) -> dict[str, Any]:
        claimed = roles.get(s.person_id, [])
        return {"person_id": s.person_id, "name": s.name, "wikidata_id": s.wikidata_id, "gender": s.gender,
                "outlet": s.outlet,
                "articles": s.articles, "quotes": s.quotes,
                "roles": [r for r in claimed if r["outlet"] == (s.outlet or None)] or claimed}

    if as_json:
        _print_json([{"outlet": o, **{k: [record(s) for s in v] for k, v in groups.items()}}
                     for o, groups in lists.items()])
        if bad_register:
            raise typer.Exit(1)
        return
    console = Console()
    for o, groups in lists.items():
        for title, group in (("most quoted", groups["most_quoted"]),
                             ("mentioned, never quoted", groups["mentioned_never_quoted"])):
            if not group:
                continue
            t = Table(title=f"{o or '(no outlet)'}: {title}", expand=True)
            for col, just in (("person", "left"), ("gender", "left"), ("quotes", "right"), ("articles", "right"),
                              ("roles claimed", "left")):
                t.add_column(col, justify=just, overflow="fold")
            for s in group:
                rec = record(s)
                role_texts = list(dict.fromkeys(r["role"] for r in rec["roles"]))
                t.add_row(s.name, s.gender, str(s.quotes), str(s.articles), "; ".join(role_texts[:4]))
            console.print(t)
    if not lists:
        err.print("no people stored" + (" for these filters" if outlet or since else ""))
    if bad_register:
        raise typer.Exit(1)


@app.command()
def diversity(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="From this date (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Up to this date, inclusive.")] = None,
    by: Annotated[Period, typer.Option(help="Group by period.")] = Period.all,
    as_json: JsonOption = False,
) -> None:
    """Source diversity per outlet and period: gender shares of people quoted and of quotes, and voice share."""
    from presslens.store.reports import diversity as diversity_rows

    store = _open(db)
    rows = [r.as_dict() for r in diversity_rows(store, outlet=outlet, date_from=date_from, date_to=date_to,
                                                by=by.value)]
    store.close()
    if as_json:
        _print_json(rows)
        return

    def pct(v: float | None) -> str:
        return "—" if v is None else f"{100 * v:.0f}"

    t = Table(title="Source diversity (gender as the articles signal it; else first-name dictionary; else unknown)")
    for col in ("outlet", "period", "people quoted", "% F/M/?", "quotes", "% F/M/? ", "people mentioned",
                "% given a voice"):
        t.add_column(col, justify="left" if col in ("outlet", "period") else "right")
    for r in rows:
        t.add_row(r["outlet"] or "(none)", r["period"], str(r["people_quoted"]),
                  "/".join(pct(r[f"people_quoted_{g}_share"]) for g in ("female", "male", "unknown")),
                  str(r["quotes"]), "/".join(pct(r[f"quotes_{g}_share"]) for g in ("female", "male", "unknown")),
                  str(r["people_mentioned"]), pct(r["voice_share"]))
    Console().print(t)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all must match) and "quoted phrases".')],
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(help="Only quotes by a speaker whose name contains this.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="From this date (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Up to this date, inclusive.")] = None,
    articles: Annotated[bool, typer.Option("--articles", help="Search article text instead of quotes.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Most results shown.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over stored quotes (or article text), best matches first."""
    from presslens.store.search import search_articles, search_quotes

    store = _open(db)
    if articles:
        rows = search_articles(store, query, outlet=outlet, date_from=date_from, date_to=date_to, limit=limit)
    else:
        rows = search_quotes(store, query, speaker=speaker, outlet=outlet, date_from=date_from, date_to=date_to,
                             limit=limit)
    store.close()
    if as_json:
        _print_json(rows)
        return
    t = Table(title=f"{len(rows)} match(es) for {query!r}", show_lines=True, expand=True)
    if articles:
        for col in ("article", "outlet", "date", "title", "snippet"):
            t.add_column(col, overflow="fold")
        for r in rows:
            t.add_row(r["article_id"], r["outlet"] or "", r["date"] or "", r["title"] or "", r["snippet"] or "")
    else:
        for col in ("speaker", "quote", "outlet", "date", "article"):
            t.add_column(col, overflow="fold")
        for r in rows:
            t.add_row(r["speaker"] or "—", r["quote"], r["outlet"] or "", r["date"] or "", r["article_id"])
    Console().print(t)


@app.command()
def export(
    what: Annotated[What, typer.Option("--what", help="Which table.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = ExportFormat.jsonl,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (default stdout; required for parquet "
                                             "on a terminal).")] = None,
    db: DbOption = None,
) -> None:
    """Export articles, quotes, people, entities, stories or findings for pandas/R."""
    from presslens.store.export import export as run_export

    if out is None and format is ExportFormat.parquet and sys.stdout.isatty():
        raise typer.BadParameter("parquet is binary: give --out FILE", param_hint="--out")
    store = _open(db)
    try:
        if out is not None:
            with out.open("wb") as fh:
                n = run_export(store, what.value, format.value, fh)
        else:
            n = run_export(store, what.value, format.value, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    finally:
        store.close()
    err.print(f"exported {n} {what.value} row(s)" + (f" to {out}" if out else ""))
