"""``presslens stories`` and ``presslens story ID``: group analysed articles into stories and
compare the outlets covering one story side by side.

Two sources: given ``presslens analyze --format jsonl`` files, the commands group those analyses
on the spot (deterministic for the same input order, so story ids are stable between runs);
without files they read the stories stored in the database (``--db``), which ``presslens
ingest`` keeps up to date and ``presslens stories --rebuild`` recomputes from the stored analyses.
"""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from presslens.cli.app import app
from presslens.cli.corpus import DbOption, _open

if TYPE_CHECKING:  # the story code (scikit-learn) is imported where a command uses it: `presslens --help` stays fast
    from presslens.stories.build import StoryBuilder
    from presslens.stories.compare import StoryComparison
    from presslens.stories.model import StoryLink


class StoriesFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    findings = "findings"


class StoryFormat(str, Enum):
    table = "table"
    json = "json"


Results = Annotated[list[Path] | None, typer.Argument(
    help="JSONL files written by `presslens analyze --format jsonl` (default: the stories stored in --db).",
    exists=True, dir_okay=False)]
Window = Annotated[float | None, typer.Option(help="Days a story stays open for new articles "
                                                   "(default: PRESSLENS_STORY_WINDOW_DAYS).")]
Threshold = Annotated[float | None, typer.Option(help="Similarity needed to join a story "
                                                      "(default: PRESSLENS_STORY_THRESHOLD).")]


def _build(results: list[Path], window_days: float | None, threshold: float | None) -> StoryBuilder:
    from presslens.settings import get_settings
    from presslens.stories.build import StoryBuilder
    from presslens.stories.grouping import GroupingConfig
    from presslens.stories.source import read_analyses

    cfg = GroupingConfig.from_settings(get_settings())
    if window_days is not None:
        cfg.window_days = window_days
    if threshold is not None:
        cfg.threshold = threshold
    analyses = [a for path in results for a in read_analyses(path)]
    analyses.sort(key=lambda a: a.article.date or "")  # a stream in publication order (stable sort)
    builder = StoryBuilder(cfg)
    builder.add_many(analyses)
    return builder


@app.command()
def stories(results: Results = None,
            fmt: Annotated[StoriesFormat, typer.Option("--format", "-f")] = StoriesFormat.table,
            window_days: Window = None, threshold: Threshold = None, db: DbOption = None,
            rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute the stored stories, copy links and "
                                                  "findings from the stored analyses first.")] = False,
            limit: Annotated[int, typer.Option("--limit", min=0, help="Table rows to show, stories covered by most "
                                               "outlets first (0: all).")] = 50) -> None:
    """List the stories in analysed articles: outlets, article counts, syndicated copies."""
    from presslens.stories.build import export_findings, export_stories
    from presslens.stories.source import outlet_of

    if not results:
        _stored_stories(fmt, db, rebuild, window_days, threshold, limit)
        return
    builder = _build(results, window_days, threshold)
    if fmt is StoriesFormat.jsonl:
        for rec in export_stories(builder):
            typer.echo(json.dumps(rec, ensure_ascii=False))
        return
    if fmt is StoriesFormat.findings:
        for rec in export_findings(builder):
            typer.echo(json.dumps(rec, ensure_ascii=False))
        return
    rows = []
    for s in builder.stories():
        outlets: dict[str, int] = {}
        for aid in s.articles:
            o = outlet_of(builder.analyses[aid].article)
            outlets[o] = outlets.get(o, 0) + 1
        rows.append((s.id, s.title, len(s.articles), outlets, s.duplicates))
    _print_stories(rows, limit)


def _print_stories(rows: list[tuple[str, str | None, int, dict[str, int], list[tuple[str, str]]]], limit: int) -> None:
    """The stories covered by most outlets first (as the web lists them), ``limit`` of them (0: all)."""
    rows = sorted(rows, key=lambda r: (-len(r[3]), -r[2], r[1] or ""))
    shown = rows[:limit] if limit else rows
    title = "Stories" + (f" (the {len(shown)} covered by most outlets of {len(rows)}; --limit 0 lists all)"
                         if len(shown) < len(rows) else "")
    t = Table(title=title, expand=True)
    for col in ("story", "title", "articles", "outlets", "copies"):
        t.add_column(col)
    for sid, title, n, outlets, dups in shown:
        t.add_row(sid, title or "", str(n), ", ".join(f"{o} ({k})" for o, k in outlets.items()),
                  ", ".join(f"{c} ← {o}" for c, o in dups))
    Console().print(t)


def _stored_stories(fmt: StoriesFormat, db: str | None, rebuild: bool, window_days: float | None,
                    threshold: float | None, limit: int) -> None:
    """The stories stored in the database (after catching up on, or rebuilding, the grouping)."""
    from presslens.settings import get_settings
    from presslens.stories.grouping import GroupingConfig
    from presslens.store.stories import article_info, finding_records, story_records, stored_stories, update_stories

    store = _open(db)
    try:
        cfg = GroupingConfig.from_settings(get_settings())
        if window_days is not None:
            cfg.window_days = window_days
        if threshold is not None:
            cfg.threshold = threshold
        # Articles stored but not yet grouped (an ingest killed before grouping) are placed first.
        done = update_stories(store, rebuild=rebuild, grouping=cfg)
        if done.grouped:
            typer.echo(f"grouped {done.grouped} article(s); {done.stories_touched} story(ies) "
                       + ("rebuilt" if done.rebuilt else "updated")
                       + (f"; {done.too_large} too large to compare (no findings)" if done.too_large else ""), err=True)
        if fmt is not StoriesFormat.table:
            for rec in (story_records(store) if fmt is StoriesFormat.jsonl else finding_records(store)):
                typer.echo(json.dumps(rec, ensure_ascii=False))
            return
        with store.engine.connect() as conn:
            found = stored_stories(conn)
            info = article_info(conn, {int(a) for s in found for a in s.articles})
    finally:
        store.close()
    rows = []
    for s in found:
        outlets: dict[str, int] = {}
        for a in s.articles:
            o = info[a][1] or info[a][0]
            outlets[o] = outlets.get(o, 0) + 1
        rows.append((s.id, s.title, len(s.articles), outlets, [(info[c][0], info[o][0]) for c, o in s.duplicates]))
    _print_stories(rows, limit)


@app.command()
def story(story_id: Annotated[str, typer.Argument(help="A story id from `presslens stories`.")],
          results: Results = None, fmt: Annotated[StoryFormat, typer.Option("--format", "-f")] = StoryFormat.table,
          window_days: Window = None, threshold: Threshold = None, db: DbOption = None,
          show_all: Annotated[bool, typer.Option("--all", help="Show every finding, also those under the "
                                                               "finding_threshold setting.")] = False) -> None:
    """Show one story side by side: voices, shared statements, wording and findings per outlet
    (most confident first; findings under the ``finding_threshold`` setting are hidden unless --all)."""
    from presslens.settings import get_settings
    from presslens.stories.model import shown_findings

    if results:
        builder = _build(results, window_days, threshold)
        s = builder.story(story_id)
        comparison = builder.compare(s) if s is not None else None
        links = _link_records(builder.links(story_id), {x.id: x.title for x in builder.stories()},
                              {a: (a, x.article.outlet) for a, x in builder.analyses.items()})
    else:
        comparison = _stored_comparison(story_id, db)
        links = _stored_link_records(story_id, db) if comparison is not None else []
    if comparison is None:
        where = "these results" if results else "the database"
        typer.echo(f"no story {story_id!r} in {where}; see `presslens stories`", err=True)
        raise typer.Exit(1)
    limit = get_settings().finding_threshold
    comparison.findings, hidden = shown_findings(comparison.findings, limit, show_all=show_all)
    if fmt is StoryFormat.json:
        typer.echo(json.dumps({**comparison.to_dict(), "possible_same_story": links}, ensure_ascii=False, indent=1))
        return
    render_story(Console(), comparison)
    render_links(Console(), story_id, links)
    if hidden:
        typer.echo(f"{hidden} finding(s) under confidence {limit} hidden; --all shows them")


def _link_records(links: list[StoryLink], titles: dict[str, str | None],
                  info: dict[str, tuple[str, str | None]]) -> list[dict[str, Any]]:
    """Links as shown: the story's own id and the other side's, with titles, article id and outlet."""
    return [{**x.to_dict(), "article": info[x.article][0], "outlet": info[x.article][1],
             "story_title": titles.get(x.story), "other_title": titles.get(x.other)} for x in links]


def _stored_link_records(story_id: str, db: str | None) -> list[dict[str, Any]]:
    from presslens.store.stories import article_info, stored_links, stored_stories

    store = _open(db)
    try:
        with store.engine.connect() as conn:
            links = stored_links(conn, story_id)
            titles = {x.id: x.title for x in stored_stories(conn, {x.story for x in links} | {x.other for x in links})}
            info = article_info(conn, {int(x.article) for x in links})
    finally:
        store.close()
    return _link_records(links, titles, info)


def render_links(console: Console, story_id: str, links: list[dict[str, Any]]) -> None:
    """"Possible same story" links, from this story's side: not merged, since only framing words join them."""
    if not links:
        return
    console.print("[bold]Possible same story[/bold] [dim](would join only on framing words; not merged)[/dim]")
    for x in links:
        here = x["story"] == story_id
        other, title = (x["other"], x["other_title"]) if here else (x["story"], x["story_title"])
        words = ", ".join(f"{a} / {b}" for a, b in x["pairs"][:4])
        whose = "this story's" if here else "its"
        console.print(f"  {other} {title or ''} — {whose} article {x['article']} ({x['outlet'] or 'unknown outlet'}) "
                      f"says {words} (article / story words; score {x['score']:.2f})", soft_wrap=True, markup=False)


def _stored_comparison(story_id: str, db: str | None) -> StoryComparison | None:
    """Compare a stored story's outlets, naming articles by their own ids (as exports do)."""
    from dataclasses import replace

    from presslens.stories.compare import compare_story
    from presslens.stories.model import Story
    from presslens.store.stories import article_info, load_analyses, stored_stories

    store = _open(db)
    try:
        with store.engine.connect() as conn:
            found = stored_stories(conn, [story_id])
            if not found:
                return None
            s = found[0]
            analyses = load_analyses(conn, [int(a) for a in s.articles], full=True)
            info = article_info(conn, set(analyses))
    finally:
        store.close()
    # Input ids are shown when they are unique in the story; otherwise the stored keys stay.
    names = {a: info[a][0] for a in s.articles}
    if len(set(names.values())) != len(names):
        names = {a: a for a in s.articles}
    story_named = Story(id=s.id, title=s.title, articles=[names[a] for a in s.articles],
                        duplicates=[(names[c], names[o]) for c, o in s.duplicates])
    named = [replace(analyses[int(a)], article=replace(analyses[int(a)].article, id=names[a])) for a in s.articles]
    return compare_story(story_named, named)


def render_story(console: Console, c: StoryComparison) -> None:
    """The side-by-side view: one column per outlet."""
    outlets = list(c.outlets)
    console.print(f"[bold]{c.story.title}[/bold]  [dim]{c.story.id} · {len(c.story.articles)} articles[/dim]")
    for copy, original in c.story.duplicates:
        console.print(f"[dim]{copy} reprints {original}[/dim]")
    voices = Table(title="Voices (quotes per speaker, side where stated)", expand=True, show_lines=True)
    for o in outlets:
        voices.add_column(o)
    voices.add_row(*["\n".join(f"{v.name} ×{v.count}" + (f" [green]{v.side}[/green]" if v.side else "")
                               for v in c.voices.get(o, {}).values()) + (f"\nunnamed ×{c.unnamed[o]}" if c.unnamed.get(o) else "")
                     for o in outlets])
    console.print(voices)
    if c.statements:
        st = Table(title="Statements carried by several outlets", expand=True, show_lines=True)
        st.add_column("speaker / statement")
        for o in outlets:
            st.add_column(o)
        for s in c.statements:
            cells = []
            for o in outlets:
                vs = [s.versions[a] for a in c.outlets[o] if a in s.versions]
                if not vs:
                    cells.append("[dim]—[/dim]")
                    continue
                v = vs[0]
                cells.append("\n".join([f"[green]kept[/green] {p}" for p in v["kept"]]
                                       + [f"[yellow]paraphrased[/yellow] {p}" for p in v["paraphrased"]]
                                       + [f"[red]cut[/red] {p}" for p in v["cut"]]))
            st.add_row(f"{s.speaker or '?'}: {s.full}", *cells)
        console.print(st)
    wording = Table(title="Wording for the event and its actors (own voice, counts)", expand=True)
    for o in outlets:
        wording.add_column(o)
    wording.add_row(*["\n".join(f"{p} ×{n}" for p, n in sorted(c.wording.get(o, {}).items(), key=lambda kv: -kv[1]))
                      for o in outlets])
    console.print(wording)
    if c.findings:
        f = Table(title="Findings", expand=True, show_lines=True)
        for col in ("kind", "subject", "confidence", "why", "claims"):
            f.add_column(col)
        names = {a: outlet_of_id(c, a) for a in c.story.articles}
        for fd in c.findings:
            f.add_row(fd.kind, fd.subject, "" if fd.confidence is None else f"{fd.confidence:.2f}", fd.explanation,
                      "\n".join(f"{names[cl.article]}: {cl.value}"
                                                     + (f" — “{cl.text}”" if cl.text and cl.text != cl.value else "")
                                                     for cl in fd.claims))
        console.print(f)


def outlet_of_id(c: StoryComparison, article_id: str) -> str:
    return next((o for o, ids in c.outlets.items() if article_id in ids), article_id)
