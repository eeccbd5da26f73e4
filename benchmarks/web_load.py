"""Load test of the web app: concurrent clients on loopback against article and search endpoints.

The server is the real ``presslens serve`` (one uvicorn process) over a SQLite corpus of N
synthetic articles: the store benchmark's synthetic file (``benchmarks/generate.py`` via
``benchmarks/ingest.py``'s ``corpus()``, cached under benchmarks/work), analysed and saved once
into ``benchmarks/work/web-N-seedS.db`` by the store's ingest. Then C clients (asyncio + httpx,
keep-alive) loop for D seconds over a fixed mix — article JSON, article page, quote search JSON, search page — each
picking random article ids and queries from a seeded RNG. Any non-200 answer or transport error
counts as an error. Figures (p50/p95 per endpoint and overall, requests/s, errors) are printed
and written to benchmarks/results/web_load.json.

    python benchmarks/web_load.py --n 10000 --clients 50 --seconds 20
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
RESULTS = HERE / "results" / "web_load.json"
sys.path.insert(0, str(HERE))

QUERIES = ["coup attempt", "hospitals beds", "strike wages", "flood defences", '"the deficit will fall"', "vaccine",
           "violence streets", "coal plant", "tax plan", "referendum", "rail line", "drought farmers"]


def build_db(n: int, seed: int, workers: int) -> Path:
    """The N-article SQLite corpus, built once through the store's ingest path (techniques off, as
    in the store benchmarks: they do not change what the article and search endpoints read)."""
    from ingest import corpus  # the store benchmark's synthetic corpus file (same generator, same seed)

    from presslens.store import open_store
    from presslens.store.ingest import ingest

    path = WORK / f"web-{n}-seed{seed}.db"
    if path.exists():
        return path
    tmp = path.with_suffix(".building.db")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    with open_store(f"sqlite:///{tmp}") as store:
        report = ingest(store, [str(corpus(n, seed))], workers=workers, techniques=False)
    if report.saved.stored != n or report.with_errors:
        raise SystemExit(f"{report.saved.stored} of {n} synthetic articles stored, {report.with_errors} with analysis "
                         f"errors, {report.saved.rejected} rejected: not a usable load-test corpus ({tmp})")
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.rename(path)
    print(f"ingested {n} articles into {path} in {time.perf_counter() - started:.0f}s", flush=True)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float | None:
    """The q-th percentile (nearest rank), in milliseconds."""
    if not values:
        return None
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))], 1)


async def run_load(base: str, ids: list[int], clients: int, seconds: float, seed: int) -> dict:
    import httpx

    kinds = {
        "article_json": lambda r: f"/api/v1/articles/{r.choice(ids)}",
        "article_page": lambda r: f"/articles/{r.choice(ids)}",
        "search_json": lambda r: f"/api/v1/search?q={r.choice(QUERIES)}&limit=20",
        "search_page": lambda r: f"/search?q={r.choice(QUERIES)}",
    }
    latencies: dict[str, list[float]] = {k: [] for k in kinds}
    errors: dict[str, int] = {k: 0 for k in kinds}
    examples: list[str] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(i: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(seed * 1000 + i)
        names = list(kinds)
        while time.perf_counter() < deadline:
            kind = names[rng.randrange(len(names))]
            url = kinds[kind](rng)
            t = time.perf_counter()
            try:
                response = await http.get(url)
                ok = response.status_code == 200
                if not ok and len(examples) < 5:
                    examples.append(f"{url}: HTTP {response.status_code}")
            except httpx.HTTPError as exc:
                ok = False
                if len(examples) < 5:
                    examples.append(f"{url}: {type(exc).__name__}: {exc}")
            if ok:
                latencies[kind].append(time.perf_counter() - t)
            else:
                errors[kind] += 1

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        elapsed = time.perf_counter() - started
    every = [x for v in latencies.values() for x in v]
    return {
        "requests": len(every) + sum(errors.values()), "errors": sum(errors.values()), "error_examples": examples,
        "seconds": round(elapsed, 1), "requests_per_s": round(len(every) / elapsed, 1),
        "p50_ms": pct(every, 50), "p95_ms": pct(every, 95),
        "endpoints": {k: {"requests": len(v) + errors[k], "errors": errors[k], "p50_ms": pct(v, 50),
                          "p95_ms": pct(v, 95)} for k, v in latencies.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000, help="articles in the corpus")
    parser.add_argument("--seed", type=int, default=2, help="synthetic corpus seed (the store benchmark's)")
    parser.add_argument("--workers", type=int, default=2, help="workers for the one-off analysis")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--db", type=Path, help="use this SQLite corpus instead of building one")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # The synthetic corpus is one JSONL file of ~1.5 kB per article: above the default per-input
    # size limit at 10,000 articles, so the limit is raised for this run.
    os.environ.setdefault("PRESSLENS_MAX_BYTES", str(max(5_000_000, 4_000 * args.n)))
    db = args.db or build_db(args.n, args.seed, args.workers)
    import sqlite3

    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    port = free_port()
    server_log = (WORK / "web_load_server.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "presslens", "serve", "--db", f"sqlite:///{db}",
                               "--host", "127.0.0.1", "--port", str(port)], stderr=server_log, text=True)
    try:
        import httpx

        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/v1/articles?limit=1", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"server did not start: see {server_log.name}")
            time.sleep(0.2)
        # Warm-up outside the measured window: one request of each kind (first-use imports, caches).
        for url in (f"/api/v1/articles/{ids[0]}", f"/articles/{ids[0]}", "/api/v1/search?q=vaccine", "/search?q=vaccine"):
            httpx.get(base + url, timeout=120)
        load = asyncio.run(run_load(base, ids, args.clients, args.seconds, args.seed))
    finally:
        server.terminate()
        server.wait(10)
        server_log.close()
    result = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "articles": len(ids),
              "clients": args.clients, "duration_s": args.seconds, "server": "presslens serve (1 uvicorn process), SQLite",
              "cpu_cores": os.cpu_count(), "load_average_before": round(os.getloadavg()[0], 2),
              "command": "python benchmarks/web_load.py " + " ".join(sys.argv[1:]), **load}
    print(json.dumps(result, indent=1))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
