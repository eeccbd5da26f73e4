"""The notebook-style example runs as a plain script and prints the quotes-per-speaker-and-outlet table."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "fetch_and_analyse.py"


def test_fetch_and_analyse_example() -> None:
    env = {**os.environ, "PRESSLENS_FETCH_DELAY": "0", "OMP_NUM_THREADS": "1"}
    proc = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Calder Gazette: 6 articles stored, 0 rejected" in out
    assert "Harbour Courier: 6 articles stored, 0 rejected" in out
    assert "second run: 0 pages fetched, 1 feed unchanged" in out
    table = out[out.index("\nspeaker"):]
    row = next(line for line in table.splitlines() if line.startswith("Ana Ortiz"))
    assert row.split()[2:] == ["1", "1"]
