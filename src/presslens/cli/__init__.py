"""Command-line interface: one module per group of commands, all on one typer app.

Importing this package registers every command; ``presslens = presslens.cli:app``.

Before anything imports numpy, BLAS thread pools are set to one thread unless the user chose
otherwise: presslens parallelises with worker processes, and on a 2-core machine a
multi-threaded OpenBLAS made one worker 10% slower and two workers fight (benchmarks/README.md).
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
from presslens.cli import analyze  # noqa: E402,F401  (registers commands)
from presslens.cli import corpus  # noqa: F401  (ingest, rejections, people, diversity, search, export)
from presslens.cli import fetch  # noqa: F401  (fetch)
from presslens.cli import framing  # noqa: F401  (framing)
from presslens.cli import schema  # noqa: F401  (schema)
from presslens.cli import stories  # noqa: F401  (stories, story)
from presslens.cli import web  # noqa: F401  (serve, demo)
from presslens.cli.app import app

__all__ = ["app"]
