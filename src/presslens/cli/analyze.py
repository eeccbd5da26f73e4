"""``presslens analyze``: read articles, analyse them, print JSONL, JSON or a readable table."""
from __future__ import annotations

import gc
import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from presslens.cli.app import app, require_models
from presslens.model import SCHEMA_VERSION, Analysis, Rejection


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class TechniquesChoice(str, Enum):
    precise = "precise"
    all = "all"
    none = "none"


TechniquesOption = Annotated[TechniquesChoice | None, typer.Option(
    "--techniques", help="precise: only spans whose technique and score reached a precision of 0.5 on held-out "
    "PTC articles; all: every recall-oriented span (SemEval-style); none: skip. Default: PRESSLENS_TECHNIQUES "
    "(precise).")]
NoTechniquesOption = Annotated[bool, typer.Option("--no-techniques", help="Skip techniques (--techniques none).")]


def technique_settings(choice: TechniquesChoice | None, skip: bool):  # noqa: ANN201 - Settings, imported lazily
    """(settings with the chosen technique mode, whether to find techniques at all)."""
    from presslens.settings import get_settings

    settings = get_settings()
    if skip or choice is TechniquesChoice.none:
        return settings, False
    if choice is not None:
        settings = settings.model_copy(update={"techniques": choice.value})
    return settings, True


def preload_models(settings, *, techniques: bool) -> None:  # noqa: ANN001 - Settings, imported lazily
    """Load the models this run needs, then keep their objects out of the garbage collector's scans.

    The command's process ends with the run, so what the models allocated stays alive to the
    end anyway; frozen (``gc.freeze``), the collections the analysis triggers no longer walk
    it again and again (0.5 -> 0.2 s of CPU on the 168-text speed benchmark). The runner's
    Analyzer then finds the models already loaded (both loaders are cached per process).
    """
    from presslens.analysis.pipeline import load_nlp

    load_nlp(settings.model)
    if techniques:
        from presslens.analysis.techniques import load_technique_model

        load_technique_model()
    gc.freeze()


def rejection_record(rej: Rejection) -> dict:
    """A rejected input in the JSONL contract's shape: nothing found, one error naming it."""
    name = rej.input.split(":")[0]
    return {"schema": SCHEMA_VERSION, "id": Path(name).stem, "source": rej.input, "title": None, "date": None, "outlet": None, "text": "",
            "entities": [], "quotes": [], "techniques": [], "errors": [str(rej)]}


def parse_fields(fields: list[str]) -> dict[str, str]:
    """``--field text=body`` options → {"text": "body"}."""
    out = {}
    for item in fields:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise typer.BadParameter(f"expected NAME=COLUMN, got {item!r}", param_hint="--field")
        out[key.strip()] = value.strip()
    return out


def render_table(console: Console, analysis: Analysis) -> None:
    """A researcher's view of one article: who is quoted, through what, with which roles, and how
    far each attribution can be trusted (its calibrated confidence; those under the
    ``attribution_threshold`` setting are the ones person pages and counts leave out, marked so)."""
    from presslens.analysis.techniques import EXPLANATIONS
    from presslens.settings import get_settings

    threshold = get_settings().attribution_threshold

    a = analysis.article
    head = Text(a.title or a.id, style="bold")
    meta = " · ".join(x for x in (a.outlet, a.date, a.source) if x)
    console.print(Panel(Text.assemble(head, "\n", Text(meta, style="dim")), expand=True))
    people = {e.id: e for e in analysis.entities}
    if analysis.quotes:
        t = Table(title="Quotes", show_lines=True, expand=True,
                  caption=f"conf.: calibrated confidence (held-out precision of such attributions); "
                          f"under {threshold:g} not listed on person pages or in counts")
        # Cue, channel ("via tweet"), type and confidence share one column, a line each: as four
        # narrow columns an 80-column terminal folded them letter by letter ("indi/rect", "vide/o").
        for col, style, ratio in (("speaker", "cyan", 2), ("role claimed", "magenta", 2), ("how", "", 2),
                                  ("quote", "", 5)):
            t.add_column(col, style=style, overflow="fold", ratio=ratio)
        for q in analysis.quotes:
            sp = q.speaker
            ent = people.get(sp.entity_id) if sp and sp.entity_id else None
            role = "; ".join(r.text for r in ent.roles) if ent else ""
            conf = "—" if q.confidence is None else f"{q.confidence:.2f}" + (" not listed" if q.confidence < threshold else "")
            how = Text.assemble(q.cue.text if q.cue else "—", ("\nvia " + q.channel, "green") if q.channel else "",
                                f"\n{q.type}\nconf. {conf}")
            t.add_row(sp.name or sp.text if sp else "—", role, how, q.text if len(q.text) < 300 else q.text[:297] + "…")
        console.print(t)
    persons = [e for e in analysis.entities if e.type == "PERSON"]
    if persons:
        t = Table(title="People", expand=True)
        t.add_column("name", style="cyan")
        t.add_column("mentions", justify="right")
        t.add_column("quotes", justify="right")
        t.add_column("roles claimed", overflow="fold")
        quoted: dict[str, int] = {}
        for q in analysis.quotes:
            if q.speaker and q.speaker.entity_id:
                quoted[q.speaker.entity_id] = quoted.get(q.speaker.entity_id, 0) + 1
        for e in persons:
            t.add_row(e.name, str(len(e.mentions)), str(quoted.get(e.id, 0)), "; ".join(r.text for r in e.roles))
        console.print(t)
    if analysis.techniques:
        t = Table(title="Framing techniques (confidence: precision of such spans on held-out PTC articles)",
                  expand=True)
        t.add_column("technique", style="yellow")
        t.add_column("confidence", justify="right")
        t.add_column("where")
        t.add_column("text", overflow="fold")
        t.add_column("what it is", style="dim", overflow="fold")
        for tech in analysis.techniques:
            conf = "—" if tech.confidence is None else f"{tech.confidence:.2f}"
            t.add_row(tech.technique, conf, "in a quote" if tech.in_quote else "outlet's voice", tech.text,
                      EXPLANATIONS.get(tech.technique, ""))
        console.print(t)
    for err in analysis.errors:
        console.print(f"[red]error:[/red] {err}")


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns (.txt, .html, .jsonl, .csv).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="jsonl (one object per article), json or table.")] = Format.jsonl,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    field: Annotated[list[str], typer.Option(help="Map a JSONL/CSV column: NAME=COLUMN, e.g. text=body.")] = [],  # noqa: B006
    techniques: TechniquesOption = None,
    no_techniques: NoTechniquesOption = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Analyse articles: quotes, speakers, cues, channels, claimed roles, techniques.

    Exit code 0 when every input was analysed, 1 when some were rejected (each is reported on
    stderr and as an output record with its reason in ``errors``).
    """
    # Imported here, not at module level, so `presslens --help` starts at once (issue 19).
    from presslens.cli.progress import progress_over
    from presslens.readers import read_inputs
    from presslens.runners.local import run

    fields = parse_fields(field)
    err = Console(stderr=True, soft_wrap=True)
    settings, find_techniques = technique_settings(techniques, no_techniques)
    require_models(techniques=find_techniques)
    preload_models(settings, techniques=find_techniques)
    items = list(read_inputs(paths, fields))
    rejected = 0
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    console = Console(file=sink, soft_wrap=False) if format is Format.table else None
    records: list[dict] = []

    def results() -> Iterator[Analysis | Rejection]:
        yield from progress_over(run(items, workers, settings=settings, techniques=find_techniques), total=len(items), label="analysing",
                                 rejected=lambda r: isinstance(r, Rejection))

    try:
        for res in results():
            if isinstance(res, Rejection):
                rejected += 1
                err.print(f"[red]rejected[/red] {res}", highlight=False)
                record = rejection_record(res)
            else:
                for e in res.errors if format is not Format.table else ():
                    err.print(f"[yellow]warning[/yellow] {e}", highlight=False)
                record = res.to_dict()
            if format is Format.jsonl:
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif format is Format.json:
                records.append(record)
            elif isinstance(res, Analysis):
                render_table(console, res)
        if format is Format.json:
            json.dump(records, sink, ensure_ascii=False, indent=1)
            sink.write("\n")
    finally:
        if out:
            sink.close()
    if rejected:
        err.print(f"{rejected} of {len(items)} inputs rejected")
        raise typer.Exit(1)
