"""``presslens schema``: print the JSON Schema of the JSONL output contract."""
from __future__ import annotations

from importlib.resources import files

import typer

from presslens.cli.app import app

#: The schema file shipped in the package, for the version in ``presslens.model.SCHEMA_VERSION``.
SCHEMA_FILE = files("presslens") / "data" / "presslens-1.schema.json"


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) that every `presslens analyze` JSONL record follows."""
    typer.echo(SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)
