"""``presslens framing``: technique rates per outlet (own voice vs quotes), loaded phrases, and a
Fightin' Words contrast between two outlets or two sides.

Reads ``presslens analyze --format jsonl`` files, or the corpus store with ``--db`` (where
``--story`` means a stored story: every table is restricted to its articles). Tables go to
stdout (``--json`` for one machine-readable object); warnings go to stderr.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from presslens.cli.app import app
from presslens.model import TECHNIQUES

err = Console(stderr=True, highlight=False)


def _split(value: str | None) -> set[str]:
    """``--outlet "A,B"`` names a side of several outlets."""
    return {v.strip() for v in (value or "").split(",") if v.strip()}


def _story_filter(records: Iterable[Mapping[str, Any]], story: str | None) -> Iterator[Mapping[str, Any]]:
    """Only the records of one story (by their ``story`` or ``story_id`` field) when asked."""
    for r in records:
        if story is None or str(r.get("story", r.get("story_id"))) == story:
            yield r


def framing_report(
    records: Iterable[Mapping[str, Any]],
    outlet: str | None = None,
    vs: str | None = None,
    top: int = 15,
) -> dict[str, Any]:
    """Everything the command prints, as one JSON-ready dict (the records are read once)."""
    from presslens.framing import contrast, loaded_phrases, outlet_counts

    recs = list(records)
    side_a, side_b = _split(outlet), _split(vs)
    if side_a or side_b:
        keep = side_a | side_b
        recs_shown = [r for r in recs if str(r.get("outlet") or "") in keep]
    else:
        recs_shown = recs
    report: dict[str, Any] = {
        "articles": len(recs_shown),
        "outlets": {o: c.to_dict() for o, c in outlet_counts(recs_shown).items()},
        "loaded_phrases": {o: [[p, n] for p, n in v] for o, v in loaded_phrases(recs_shown, top=top).items()},
    }
    if side_a and side_b:
        a_terms, b_terms = contrast(recs, side_a, side_b, top=top)
        report["contrast"] = {
            "a": sorted(side_a),
            "b": sorted(side_b),
            "method": "log-odds ratio with informative Dirichlet prior (Monroe et al. 2008)",
            "a_terms": [{"term": s.term, "z": round(s.z, 3), "count_a": s.count_a, "count_b": s.count_b} for s in a_terms],
            "b_terms": [{"term": s.term, "z": round(s.z, 3), "count_a": s.count_a, "count_b": s.count_b} for s in b_terms],
        }
    return report


def _print_report(report: dict[str, Any], console: Console) -> None:
    rates = Table(title=f"Techniques per 1,000 words ({report['articles']} articles): own voice / in quotes")
    rates.add_column("technique")
    outlets = list(report["outlets"])
    for o in outlets:
        rates.add_column(o, justify="right")
    for t in TECHNIQUES:
        row = []
        for o in outlets:
            v = report["outlets"][o]["techniques"].get(t)
            row.append(f"{v['own_per_1000']:.2f} / {v['quoted_per_1000']:.2f}" if v else "-")
        if any(c != "-" for c in row):
            rates.add_row(t, *row)
    rates.add_row("[b]all[/b]", *(f"{report['outlets'][o]['own_per_1000']:.2f} / "
                                   f"{report['outlets'][o]['quoted_per_1000']:.2f}" for o in outlets))
    rates.add_row("[dim]articles / words[/dim]", *(f"{report['outlets'][o]['articles']} / {report['outlets'][o]['words']}"
                                                   for o in outlets))
    console.print(rates)

    phrases = Table(title="Most frequent loaded phrases and labels (own voice)")
    phrases.add_column("outlet")
    phrases.add_column("phrases (count)")
    for o, items in report["loaded_phrases"].items():
        phrases.add_row(o, ", ".join(f"{p} ({n})" for p, n in items) or "-")
    console.print(phrases)

    if "contrast" in report:
        c = report["contrast"]
        a, b = ", ".join(c["a"]), ", ".join(c["b"])
        table = Table(title=f"Word choice: {a} vs {b} (Fightin' Words z-scores)")
        table.add_column(f"more {a}")
        table.add_column("z", justify="right")
        table.add_column("count A / B", justify="right")
        table.add_column(f"more {b}")
        table.add_column("z", justify="right")
        table.add_column("count A / B", justify="right")
        for i in range(max(len(c["a_terms"]), len(c["b_terms"]))):
            left = c["a_terms"][i] if i < len(c["a_terms"]) else None
            right = c["b_terms"][i] if i < len(c["b_terms"]) else None
            table.add_row(
                *(([left["term"], f"{left['z']:.2f}", f"{left['count_a']} / {left['count_b']}"]) if left else ["", "", ""]),
                *(([right["term"], f"{right['z']:.2f}", f"{right['count_a']} / {right['count_b']}"]) if right else ["", "", ""]),
            )
        console.print(table)


@app.command()
def framing(
    results: Annotated[list[Path] | None, typer.Argument(help="JSONL files written by `presslens analyze --format jsonl`.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet (or comma-separated outlets) of side A.")] = None,
    vs: Annotated[str | None, typer.Option("--vs", help="Outlet (or comma-separated outlets) of side B.")] = None,
    story: Annotated[str | None, typer.Option("--story", help="Only the articles of this story: with --db a stored "
                                                             "story (`presslens stories --db`), else records whose "
                                                             "`story` field is this ID.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Read the corpus store instead of JSONL files.")] = None,
    top: Annotated[int, typer.Option(min=1, help="Rows per phrase and contrast list.")] = 15,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
) -> None:
    """Technique rates per outlet (own voice vs quotes), loaded phrases, and a word-choice contrast."""
    from presslens.framing.sources import read_jsonl, read_store

    if not results and db is None:
        err.print("[red]error:[/red] give analyze JSONL files or --db URL")
        raise typer.Exit(2)
    if (outlet is None) != (vs is None):
        err.print("[red]error:[/red] --outlet and --vs go together (two sides to contrast)")
        raise typer.Exit(2)
    missing = [str(p) for p in results or [] if not p.is_file()]
    if missing:
        err.print(f"[red]error:[/red] no such file: {', '.join(missing)}")
        raise typer.Exit(2)
    try:
        if db is not None:
            source = read_store(db, story)
        else:
            source = _story_filter(chain.from_iterable(read_jsonl(p) for p in results or []), story)
        report = framing_report(source, outlet, vs, top)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if report["articles"] == 0:
        err.print("[yellow]warning:[/yellow] no articles matched")
    if as_json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_report(report, Console())
