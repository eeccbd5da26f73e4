"""``presslens serve`` and ``presslens demo``: the web UI over a stored corpus.

``demo`` is the README's first command: it analyses the bundled demo corpus into a SQLite
file (skipping articles already stored, so a second run starts at once) and serves it, so a
new user sees annotated articles, people and stories without preparing any data.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from presslens.cli.app import app

if TYPE_CHECKING:
    from presslens.settings import Settings

#: The demo corpus shipped in the repository (examples/demo at the repository root).
DEMO_DIR = Path(__file__).resolve().parents[3] / "examples" / "demo"


def _serve(db: str, host: str, port: int) -> None:
    import uvicorn

    from presslens.settings import get_settings
    from presslens.web.app import WebError, create_app

    try:
        web_app = create_app(db, get_settings())
    except WebError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"presslens is serving {db} at http://{host}:{port}/  (Ctrl+C to stop)", err=True)
    # Keep idle connections 30 s (uvicorn's default is 5 s): on a busy laptop a client reusing a
    # pooled connection can otherwise race the server closing it and see the request dropped.
    uvicorn.run(web_app, host=host, port=port, log_level="warning", timeout_keep_alive=30)


@app.command()
def serve(
    db: Annotated[str | None, typer.Option(help="Database URL (default: setting PRESSLENS_DB).")] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web UI and the REST API (/api/v1) over a stored corpus."""
    from presslens.settings import get_settings

    _serve(db or get_settings().db, host, port)


def build_demo(db_path: Path, sources: list[Path] | None = None, *, techniques: bool = True,
               settings: Settings | None = None) -> tuple[int, int, int]:
    """Analyse and store the demo corpus (or other files) into ``db_path`` through the store's ingest path.

    Returns (stored, already stored, rejected); rerunning adds nothing, so ``demo`` restarts fast.
    ``settings`` (default: the environment's) chooses, among others, the technique mode.
    """
    from presslens.store.ingest import ingest
    from presslens.store.repository import open_store

    sources = sources or [DEMO_DIR]
    missing = [str(s) for s in sources if not s.exists()]
    if missing:
        raise typer.BadParameter(f"demo corpus not found at {', '.join(missing)}")
    with open_store(f"sqlite:///{db_path}") as store:
        report = ingest(store, [str(s) for s in sources], techniques=techniques, settings=settings)
    return report.saved.stored, report.plan.already_stored, report.saved.rejected


@app.command()
def demo(
    db: Annotated[Path, typer.Option(help="SQLite file to build the demo corpus into.")] = Path("presslens-demo.db"),
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    techniques: Annotated[bool, typer.Option(help="Find propaganda techniques too.")] = True,
) -> None:
    """Analyse the bundled demo corpus into a SQLite file and serve it."""
    from presslens.store.repository import StoreError

    try:
        stored, skipped, rejected = build_demo(db.resolve(), techniques=techniques)
    except (StoreError, RuntimeError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"demo corpus in {db}: {stored} stored, {skipped} already there, {rejected} rejected", err=True)
    _serve(f"sqlite:///{db.resolve()}", host, port)
