"""Analysis speed: articles/s of `analyze`, its cost over a bare spaCy parse, and 2-worker scaling.

Usage: python benchmarks/speed.py [--n 400] [--techniques/--no-techniques]

Measured on PolNeAR training texts (real news, 300-1,500 words). Three timings over the same
texts, each after its models are loaded (load time reported apart):
- bare: ``nlp.pipe`` of the plain installed spaCy pipeline, nothing else;
- presslens, 1 worker: read files + analyse (entities, roles, quotes, techniques) + JSON lines,
  i.e. everything ``presslens analyze`` does per article;
- presslens, 2 workers: the same through the process pool (pool start-up included).
Targets (issue 2): presslens/bare <= 1.3 for the core; 2 workers >= 1.8x one.

``--whole`` (issue 19) measures what a user runs instead: whole processes, in one run, on the
same texts (PolNeAR dev's 84 articles and the first 84 of train; the corpus has no test split
here): ``python -c 'spacy.load(...); list(nlp.pipe(...))'`` against ``presslens analyze DIR``
with techniques (default precise mode), with ``--no-techniques``, and with ``--workers 2``. Each
is timed wall to wall and in CPU time (user + sys of the child process tree, from
``getrusage``), which other jobs on a shared machine inflate much less than wall time.
``--repeat N`` runs the four processes N times, interleaved, and reports median ratios.
Targets: <= 1.3x the bare parse with techniques, <= 1.15x without; 2 workers >= 1.8x one.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import presslens.cli  # noqa: F401  (sets BLAS threads as the `presslens` command does, before numpy loads)
import spacy

from _common import SHARED, write_result
from presslens.analysis.pipeline import load_nlp
from presslens.model import Rejection
from presslens.readers import read_inputs
from presslens.runners.local import run
from presslens.settings import get_settings


def presslens_pass(paths: list[str], workers: int, techniques: bool) -> tuple[float, int]:
    """Wall time of read + analyse + serialise for every path; returns (seconds, articles)."""
    sink = io.StringIO()
    start = time.perf_counter()
    n = 0
    for res in run(read_inputs(paths), workers, techniques=techniques):
        if not isinstance(res, Rejection):
            sink.write(json.dumps(res.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return time.perf_counter() - start, n


def timed(cmd: list[str]) -> dict:
    """Wall seconds and CPU seconds (user + sys of the child and its children) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "OMP_NUM_THREADS": "1"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}


def whole_process(n_dev: int, n_train: int, repeat: int = 1) -> dict:
    """Whole ``presslens analyze`` processes against a bare spaCy process on the same texts.

    With ``repeat`` > 1 the four processes run in turn ``repeat`` times (interleaved, so that a
    slow spell of a shared machine hits every process alike) and each ratio is the median of
    the per-round ratios: on this machine one round's CPU ratios moved by +-0.1 between runs.
    """
    polnear = SHARED / "corpus" / "polnear"
    files = sorted((polnear / "dev" / "text").glob("*.txt"))[:n_dev] + \
        sorted((polnear / "train" / "text").glob("*.txt"))[:n_train]
    model = get_settings().model
    names = ("analyze", "analyze_no_techniques", "analyze_2_workers")
    rounds: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            shutil.copy(f, Path(tmp) / f.name)
        bare = ("import pathlib, spacy; nlp = spacy.load(%r); "
                "texts = [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(%r).glob('*.txt'))]; "
                "list(nlp.pipe(texts, batch_size=32))") % (model, tmp)
        presslens = [sys.executable, "-m", "presslens", "analyze", tmp]
        for _ in range(repeat):
            runs = {"bare_spacy": timed([sys.executable, "-c", bare]),
                    "analyze": timed(presslens),
                    "analyze_no_techniques": timed(presslens + ["--no-techniques"]),
                    "analyze_2_workers": timed(presslens + ["--workers", "2"])}
            b = runs["bare_spacy"]
            for name in names:
                runs[name]["wall_ratio_to_bare"] = round(runs[name]["wall_s"] / b["wall_s"], 3)
                runs[name]["cpu_ratio_to_bare"] = round(runs[name]["cpu_s"] / b["cpu_s"], 3)
            runs["analyze_2_workers"]["wall_speedup_vs_1"] = round(
                runs["analyze"]["wall_s"] / runs["analyze_2_workers"]["wall_s"], 3)
            rounds.append(runs)
    median = {name: {key: statistics.median(r[name][key] for r in rounds) for key in rounds[0][name]}
              for name in ("bare_spacy", *names)}
    return {"articles": len(files), "words": sum(len(f.read_text(encoding="utf-8").split()) for f in files),
            "load_average_at_start": os.getloadavg()[0], "repeat": repeat, "runs": median, "rounds": rounds,
            "command": f"python benchmarks/speed.py --whole --repeat {repeat}"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="number of PolNeAR train texts")
    ap.add_argument("--techniques", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--whole", action="store_true", help="time whole processes (presslens analyze vs bare spaCy)")
    ap.add_argument("--repeat", type=int, default=1, help="with --whole: rounds; ratios are the medians")
    args = ap.parse_args()
    if args.whole:
        res = whole_process(84, 84, args.repeat)
        print(json.dumps(res, indent=1))
        write_result("speed_whole", res)
        return 0
    paths = [str(p) for p in sorted((SHARED / "corpus" / "polnear" / "train" / "text").glob("*.txt"))[: args.n]]
    texts = [open(p, encoding="utf-8").read() for p in paths]
    words = sum(len(t.split()) for t in texts)
    settings = get_settings()

    t0 = time.perf_counter()
    bare_nlp = spacy.load(settings.model)
    load_bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in bare_nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    bare = time.perf_counter() - t0

    # Warm the presslens models in this process so the 1-worker timing excludes load time.
    t0 = time.perf_counter()
    load_nlp()
    if args.techniques:
        from presslens.analysis.techniques import load_technique_model
        load_technique_model()
    load_presslens = time.perf_counter() - t0
    core1, n = presslens_pass(paths, 1, techniques=False)
    full1, _ = presslens_pass(paths, 1, techniques=args.techniques)
    full2, _ = presslens_pass(paths, 2, techniques=args.techniques)

    res = {
        "articles": n, "words": words,
        "load_seconds": {"bare_spacy": round(load_bare, 2), "presslens": round(load_presslens, 2)},
        "bare_nlp_pipe": {"seconds": round(bare, 2), "articles_per_s": round(n / bare, 1)},
        "presslens_core_1_worker": {"seconds": round(core1, 2), "articles_per_s": round(n / core1, 1),
                                    "ratio_to_bare": round(core1 / bare, 3)},
        "presslens_full_1_worker": {"seconds": round(full1, 2), "articles_per_s": round(n / full1, 1),
                                    "ratio_to_bare": round(full1 / bare, 3), "techniques": args.techniques},
        "presslens_full_2_workers": {"seconds": round(full2, 2), "articles_per_s": round(n / full2, 1),
                                     "speedup_vs_1": round(full1 / full2, 3)},
        "command": "python benchmarks/speed.py " + " ".join(sys.argv[1:]),
    }
    print(json.dumps(res, indent=1))
    print(f"bare {n / bare:.1f} art/s | core {n / core1:.1f} art/s (x{core1 / bare:.2f}) | "
          f"full {n / full1:.1f} art/s (x{full1 / bare:.2f}) | 2 workers {n / full2:.1f} art/s "
          f"(speed-up {full1 / full2:.2f})")
    write_result("speed", res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
