"""The typer application every command module registers on (``presslens --help``)."""
from __future__ import annotations

import typer
from rich.console import Console

from presslens.analysis.analyze import check_models
from presslens.analysis.pipeline import ModelUnavailable

app = typer.Typer(
    name="presslens",
    help="Who said what, about whom, through which channel, and how each outlet framed it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main() -> None:
    """presslens: who said what, about whom, through which channel, and how each outlet framed it."""


def require_models(*, techniques: bool) -> None:
    """Stop with one clear error (exit 2) before any work when a needed model is missing."""
    try:
        check_models(techniques=techniques)
    except ModelUnavailable as exc:
        Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
