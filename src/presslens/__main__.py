"""``python -m presslens`` runs the CLI, same as the ``presslens`` command."""
from presslens.cli import app

app()
