"""The CLI's start-up budget (issue 19): `presslens --help` must not load the heavy libraries.

Guarded by listing the modules a fresh interpreter holds after importing the CLI and rendering
help, not by timing (timings on a shared machine are noise): spaCy, onnxruntime, scikit-learn,
SQLAlchemy, FastAPI or Ray at import time cost seconds before the first line is printed.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: Top-level packages no help screen may import (each costs 0.3-4 s of CPU to import).
HEAVY = ("sklearn", "scipy", "onnxruntime", "ray", "fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic",
         "spacy", "thinc", "numpy", "pandas", "tokenizers", "torch", "pydantic_settings", "trafilatura")

PROBE = """
import json, sys
from presslens.cli import app
args = json.loads(sys.argv[1])
if args:
    try:
        app(args, standalone_mode=False)
    except SystemExit:
        pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def loaded_after(args: list[str]) -> set[str]:
    """Top-level packages imported by a fresh interpreter that imports the CLI and runs ``args``."""
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], check=True, capture_output=True,
                         text=True, timeout=120)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [[], ["--help"], ["analyze", "--help"], ["ingest", "--help"], ["stories", "--help"],
                                  ["framing", "--help"], ["serve", "--help"]])
def test_help_imports_no_heavy_library(args: list[str]) -> None:
    heavy = sorted(loaded_after(args) & set(HEAVY))
    assert heavy == [], f"`presslens {' '.join(args)}` imports {heavy}; import them inside the command that uses them"


def test_probe_sees_heavy_imports() -> None:
    """The probe itself works: a command that analyses does load spaCy (so an empty list above means something)."""
    assert "spacy" in loaded_after(["analyze", "/nonexistent/presslens-probe.txt"])
