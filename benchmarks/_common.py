"""Small helpers shared by the benchmark scripts: where data lives, how results are written."""
from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSLENS_SHARED", ROOT.parent / "shared"))
RESULTS = ROOT / "benchmarks" / "results"
WORK = ROOT / "benchmarks" / "work"


def write_result(name: str, data: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/<name>.json`` with the machine and time of the run."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"benchmark": name, "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
            **data}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=1) + "\n")
    return path


def claims_cpu(analyzer: Any, articles: list[Any]) -> tuple[float, float]:
    """(CPU seconds of the analysis without claim extraction, CPU seconds inside claim extraction)
    for ``analyzer.analyze_many(articles)``: process time, so other jobs on the machine inflate it
    less than wall time. Claim extraction is timed by wrapping the function the analyzer calls."""
    from presslens.analysis import analyze as analyze_mod

    real = analyze_mod.extract_claims
    spent = [0.0]

    def timed(doc, article, quotes):  # noqa: ANN001, ANN202 - the wrapped function's own signature
        t0 = time.process_time()
        try:
            return real(doc, article, quotes)
        finally:
            spent[0] += time.process_time() - t0

    analyze_mod.extract_claims = timed
    try:
        t = time.process_time()
        list(analyzer.analyze_many(articles))
        total = time.process_time() - t
    finally:
        analyze_mod.extract_claims = real
    return total - spent[0], spent[0]
