"""The typer application every command module registers on (``presslens --help``)."""
from __future__ import annotations

import typer

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
