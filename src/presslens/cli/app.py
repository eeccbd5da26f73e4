"""The typer application every command module registers on (``presslens --help``).

Start-up budget (issue 19): ``presslens --help`` and ``presslens analyze --help`` must answer in
under half a second, so command modules import spaCy, onnxruntime, SQLAlchemy, scikit-learn and
the like inside the commands that use them (``tests/test_cli_startup.py`` guards the list), and
help is rendered by click's plain formatter (``rich_markup_mode=None``): typer's rich help
renderer imports rich's Markdown, syntax and traceback modules (about 0.2 s of CPU) just to
format the help screen.
"""
from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="presslens",
    help="Who said what, about whom, through which channel, and how each outlet framed it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def main() -> None:
    """presslens: who said what, about whom, through which channel, and how each outlet framed it."""


def require_models(*, techniques: bool) -> None:
    """Stop with one clear error (exit 2) before any work when a needed model is missing."""
    from presslens.analysis.analyze import check_models
    from presslens.analysis.pipeline import ModelUnavailable

    try:
        check_models(techniques=techniques)
    except ModelUnavailable as exc:
        Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
