"""Command-line interface: one module per group of commands, all on one typer app.

Importing this package registers every command; ``presslens = presslens.cli:app``.
"""
from presslens.cli import analyze  # noqa: F401  (registers commands)
from presslens.cli import corpus  # noqa: F401  (ingest, rejections, people, diversity, search, export)
from presslens.cli import framing  # noqa: F401  (framing)
from presslens.cli import stories  # noqa: F401  (stories, story)
from presslens.cli import web  # noqa: F401  (serve, demo)
from presslens.cli.app import app

__all__ = ["app"]
