"""Search latency (p50/p95) on 10,000 stored synthetic articles, SQLite and PostgreSQL.

The articles are analysed once (local runner, cached as pickled chunks under benchmarks/work)
and the same analyses are saved into a fresh SQLite file and a fresh PostgreSQL database (a
throwaway cluster started like the test fixture, or ``--pg-url``); the time to save them is
reported too, since it is the storage cost an ingest pays on top of analysis. Then a fixed
mix of quote and article searches (words, phrases, speaker/outlet/date filters) runs once to
warm caches and ``--repeat`` times measured. Results: benchmarks/results/search.json.

    python benchmarks/search.py --n 10000
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pickle
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
RESULTS = HERE / "results" / "search.json"
sys.path.insert(0, str(HERE))
from ingest import corpus  # noqa: E402

QUOTE_QUERIES: list[dict] = [
    {"q": "coup attempt"}, {"q": "hospitals beds"}, {"q": "strike wages"}, {"q": "flood defences"},
    {"q": '"the deficit will fall"'}, {"q": "vaccine"}, {"q": "violence streets"}, {"q": "coal plant"},
    {"q": "accept", "speaker": "Fernández"}, {"q": "trains safe", "outlet": "Metro Herald"},
    {"q": "budget", "date_from": "2019-06", "date_to": "2019-09"}, {"q": "drought farmers", "speaker": "Okafor"},
    {"q": "tax plan costed", "outlet": "Daily Ledger", "date_from": "2020-01"}, {"q": "nobody wants"},
    {"q": "waiting lists doubled"}, {"q": "rail line schedule"},
]
ARTICLE_QUERIES: list[dict] = [
    {"q": "independent inquiry"}, {"q": "referendum"}, {"q": "coalition partners"}, {"q": "Rodríguez"},
    {"q": "opinion polls", "outlet": "Coastal Times"}, {"q": "lobbied job losses", "date_from": "2020-01"},
]


def analyses(n: int, seed: int, workers: int) -> Iterator[list]:
    """Analysed chunks for the synthetic corpus, from the cache or computed (and cached) once."""
    cache = WORK / f"analyses-{n}-seed{seed}.pkl"
    if not cache.exists():
        from presslens.model import Rejection
        from presslens.readers import read_inputs
        from presslens.runners.local import run_chunks

        tmp = cache.with_suffix(".tmp")
        started = time.perf_counter()
        with tmp.open("wb") as fh:
            for chunk in run_chunks(read_inputs([str(corpus(n, seed))]), workers, techniques=False, chunk_size=64):
                pickle.dump(chunk, fh, protocol=pickle.HIGHEST_PROTOCOL)
        if not any(True for _ in read_inputs([str(corpus(n, seed))]) if not isinstance(_, Rejection)):
            raise SystemExit("the synthetic corpus was rejected by the reader (size limit?)")
        tmp.rename(cache)
        print(f"analysed {n} articles in {time.perf_counter() - started:.0f}s", flush=True)
    with cache.open("rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


def postgres_url() -> tuple[str, object]:
    """A fresh database on a throwaway cluster, started with the test suite's fixture code."""
    spec = importlib.util.spec_from_file_location("presslens_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    bindir = module._pg_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL binaries not found (apt-get install -y postgresql) or pass --pg-url")
    cluster = module.PostgresCluster(bindir)
    cluster.start()
    return cluster.new_database(), cluster


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank), in milliseconds."""
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))], 2)


def bench_backend(url: str, n: int, seed: int, workers: int, repeat: int) -> dict:
    from presslens.store import open_store
    from presslens.store.search import search_articles, search_quotes

    store = open_store(url)
    save_seconds = 0.0
    stored = 0
    for chunk in analyses(n, seed, workers):
        t = time.perf_counter()
        stored += store.save(chunk).stored
        save_seconds += time.perf_counter() - t
    out: dict = {"stored": stored, "save_seconds": round(save_seconds, 2),
                 "save_articles_per_s": round(stored / save_seconds, 1) if save_seconds else None}
    for label, fn, queries in (("quotes", search_quotes, QUOTE_QUERIES), ("articles", search_articles, ARTICLE_QUERIES)):
        for spec in queries:  # warm-up
            fn(store, **{k if k != "q" else "raw": v for k, v in spec.items()})
        times: list[float] = []
        hits: list[int] = []
        for _ in range(repeat):
            for spec in queries:
                t = time.perf_counter()
                rows = fn(store, **{k if k != "q" else "raw": v for k, v in spec.items()}, limit=20)
                times.append(time.perf_counter() - t)
                hits.append(len(rows))
        out[label] = {"queries": len(times), "p50_ms": pct(times, 50), "p95_ms": pct(times, 95),
                      "mean_hits": round(statistics.mean(hits), 1)}
    with store.engine.connect() as conn:
        from sqlalchemy import text

        out["quotes_stored"] = conn.execute(text("SELECT count(*) FROM quotes")).scalar_one()
    store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="workers for the one-off analysis")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--pg-url", help="use this PostgreSQL database instead of a throwaway cluster")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # One JSONL file of ~1.5 kB per article exceeds the default per-input size limit at 10,000.
    os.environ.setdefault("PRESSLENS_MAX_BYTES", str(max(5_000_000, 4_000 * args.n)))
    for _ in analyses(args.n, args.seed, args.workers):  # make sure the cache exists before timing saves
        pass
    result = {"n": args.n, "seed": args.seed, "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "load_average_before": round(os.getloadavg()[0], 2), "backends": {}}
    sqlite_path = WORK / f"search-{args.n}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(sqlite_path) + suffix).unlink(missing_ok=True)
    result["backends"]["sqlite"] = bench_backend(f"sqlite:///{sqlite_path}", args.n, args.seed, args.workers,
                                                 args.repeat)
    print(json.dumps(result["backends"]["sqlite"]), flush=True)
    cluster = None
    url = args.pg_url
    if url is None:
        url, cluster = postgres_url()
    try:
        result["backends"]["postgresql"] = bench_backend(url, args.n, args.seed, args.workers, args.repeat)
        print(json.dumps(result["backends"]["postgresql"]), flush=True)
    finally:
        if cluster is not None:
            cluster.stop()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
