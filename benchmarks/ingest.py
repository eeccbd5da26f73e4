"""Ingest throughput and peak memory: N synthetic articles, 1 and 2 workers, local and Ray.

Each configuration runs as its own ``python -m presslens ...`` process into a fresh SQLite
file, timed wall-to-wall (model loading included), while the whole process tree's resident
memory (workers and Ray processes included) is sampled every 0.2 s for the peak. The same
articles through ``presslens analyze -f jsonl`` (no storage) give the bare analysis speed the
ingest is compared with. Results go to benchmarks/results/ingest.json (merged by key, so the
1,000 and 10,000 runs can be made separately).

    python benchmarks/ingest.py --n 1000
    python benchmarks/ingest.py --n 10000 --configs local:1 local:2 ray:2 analyze:1 analyze:2
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
RESULTS = HERE / "results" / "ingest.json"
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def corpus(n: int, seed: int) -> Path:
    """The synthetic corpus file for (n, seed), generated once and cached under benchmarks/work."""
    WORK.mkdir(exist_ok=True)
    path = WORK / f"synthetic-{n}-seed{seed}.jsonl"
    if not path.exists():
        with path.open("w", encoding="utf-8") as fh:
            for rec in generate(n, seed):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def tree_rss(proc: psutil.Process) -> int:
    """Resident memory of a process and all its descendants (worker pools, Ray raylet and workers)."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(cmd: list[str], cwd: Path, n: int) -> dict:
    """Run a command; wall time, peak tree RSS, exit code and the tail of stderr."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err,
                                env={**os.environ, "OMP_NUM_THREADS": "1", "RAY_DEDUP_LOGS": "0",
                                     # one JSONL file of ~1.5 kB per article: above the default size limit
                                     "PRESSLENS_MAX_BYTES": str(max(5_000_000, 4_000 * n))})
        ps = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            try:
                peak = max(peak, tree_rss(ps))
            except psutil.Error:
                pass
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return {"returncode": proc.returncode, "seconds": round(seconds, 2), "peak_rss_mb": round(peak / 2**20, 1),
            "stderr_tail": stderr.strip().splitlines()[-3:]}


def run_config(kind: str, workers: int, n: int, path: Path, techniques: bool, stories: bool = True) -> dict:
    """One configuration: ``analyze`` (no store) or ``ingest`` with the local or Ray engine."""
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        tech = [] if techniques else ["--no-techniques"]
        if kind != "analyze" and not stories:
            tech.append("--no-stories")
        if kind == "analyze":
            cmd = [sys.executable, "-m", "presslens", "analyze", str(path), "--workers", str(workers), "-f", "jsonl",
                   "-o", os.devnull, *tech]
        else:
            cmd = [sys.executable, "-m", "presslens", "ingest", str(path), "--db", f"sqlite:///{tmp}/bench.db",
                   "--workers", str(workers), "--engine", kind, "--no-progress", *tech]
        result = measure(cmd, Path(tmp), n)
    result.update({"kind": kind, "workers": workers, "n": n,
                   "articles_per_s": round(n / result["seconds"], 2) if result["returncode"] == 0 else None})
    m = re.search(r"stored (\d+) article\(s\) in ([\d.]+)s \(([\d.]+) articles/s\)", " ".join(result["stderr_tail"]))
    if m:  # the ingest's own rate, after model loading and the read/hash pass
        result["ingest_reported_articles_per_s"] = float(m.group(3))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--configs", nargs="+", default=["analyze:1", "analyze:2", "local:1", "local:2", "ray:1",
                                                         "ray:2"], help="KIND:WORKERS, KIND in analyze/local/ray")
    parser.add_argument("--techniques", action="store_true", help="include the technique model (off by default)")
    parser.add_argument("--no-stories", dest="stories", action="store_false",
                        help="ingest without the story grouping at the end (its memory grows with the corpus)")
    args = parser.parse_args()
    path = corpus(args.n, args.seed)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"runs": {}}
    for config in args.configs:
        kind, workers = config.split(":")
        print(f"{config} on {args.n} articles ...", flush=True)
        load = os.getloadavg()[0]
        r = run_config(kind, int(workers), args.n, path, args.techniques, args.stories)
        r["load_average_before"] = round(load, 2)
        r["techniques"] = args.techniques
        r["stories"] = args.stories
        r["when"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        print(json.dumps({k: v for k, v in r.items() if k != "stderr_tail"}), flush=True)
        results["runs"][f"{kind}:{workers}:{args.n}" + ("" if args.stories or kind == "analyze" else ":no-stories")] = r
        results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                              "note": "2 cores shared with other jobs: see load_average_before"}
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
