"""Local execution: analyse a stream of inputs in this process or a pool of processes.

Work is cut into chunks of articles; each worker process builds one Analyzer (one spaCy
pipeline) at start and streams its chunk through ``nlp.pipe``. Results come back in input
order, with Rejections passed through where they stood, so callers can write output or
commit to a database chunk by chunk.

BLAS libraries are held to one thread per process while analysing: parallelism comes from
worker processes, and a multi-threaded matrix product in each of two workers on two cores only
makes them fight (measured: one thread is faster even for a single worker).
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from threadpoolctl import threadpool_limits

from presslens.analysis.analyze import Analyzer, check_models
from presslens.model import Analysis, Article, Rejection
from presslens.settings import Settings, get_settings

Item = tuple[Article, str | None] | Rejection

#: Articles per chunk sent to a pool worker (unless the caller sets a chunk size).
POOL_CHUNK = 8

_worker_analyzer: Analyzer | None = None


def analyze_chunk(analyzer: Analyzer, chunk: list[Item]) -> list[Analysis | Rejection]:
    """Analyse a chunk in one ``nlp.pipe`` batch; Rejections stay where they stood, reader warnings go into ``errors``."""
    articles = [item[0] for item in chunk if not isinstance(item, Rejection)]
    warnings = {id(item[0]): item[1] for item in chunk if not isinstance(item, Rejection)}
    analyses = iter(analyzer.analyze_many(articles))
    out: list[Analysis | Rejection] = []
    for item in chunk:
        if isinstance(item, Rejection):
            out.append(item)
            continue
        analysis = next(analyses)
        warning = warnings[id(analysis.article)]
        if warning:
            analysis.errors.insert(0, f"{analysis.article.source or analysis.article.id}: {warning}")
        out.append(analysis)
    return out


def _init_worker(analyzer: Analyzer | None, settings: Settings, techniques: bool) -> None:
    global _worker_analyzer
    threadpool_limits(1)
    _worker_analyzer = analyzer or Analyzer(settings, techniques=techniques)


def _worker_chunk(chunk: list[Item]) -> list[Analysis | Rejection]:
    assert _worker_analyzer is not None, "worker initialiser did not run"
    return analyze_chunk(_worker_analyzer, chunk)


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Cut a stream into lists of at most ``size`` items."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_chunks(items: Iterable[Item], workers: int = 1, *, settings: Settings | None = None,
               techniques: bool = True, chunk_size: int | None = None) -> Iterator[list[Analysis | Rejection]]:
    """Analyse a stream chunk by chunk (the unit a store commits in one transaction)."""
    settings = settings or get_settings()
    check_models(settings, techniques=techniques)
    if workers <= 1:
        analyzer = Analyzer(settings, techniques=techniques)
        for chunk in chunks(items, chunk_size or settings.batch_size):
            with threadpool_limits(1):
                yield analyze_chunk(analyzer, chunk)
        return
    # Small chunks keep both workers busy to the end of a batch (a 150-article batch in
    # 32-article chunks leaves one worker idle for the last chunk).
    size = chunk_size or min(settings.batch_size, POOL_CHUNK)
    # Where fork is available the models are loaded once here and the workers inherit them
    # (copy-on-write): no per-worker start-up of several seconds, which showed in the 2-worker
    # speed-up of short batches. Elsewhere each worker loads its own.
    if "fork" in mp.get_all_start_methods():
        ctx, preloaded = mp.get_context("fork"), Analyzer(settings, techniques=techniques)
    else:
        ctx, preloaded = mp.get_context("spawn"), None
    # At most two chunks per worker in flight: ``Pool.imap`` would read the whole input ahead
    # and hold it in memory, so memory would grow with the corpus instead of staying flat.
    in_flight: deque[AsyncResult[list[Analysis | Rejection]]] = deque()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(preloaded, settings, techniques)) as pool:
        for chunk in chunks(items, size):
            in_flight.append(pool.apply_async(_worker_chunk, (chunk,)))
            if len(in_flight) >= 2 * workers:
                yield in_flight.popleft().get()
        while in_flight:
            yield in_flight.popleft().get()


def run(items: Iterable[Item], workers: int = 1, *, settings: Settings | None = None,
        techniques: bool = True, chunk_size: int | None = None) -> Iterator[Analysis | Rejection]:
    """Analyse a stream of read inputs; yields one result per input, in order."""
    for chunk in run_chunks(items, workers, settings=settings, techniques=techniques, chunk_size=chunk_size):
        yield from chunk
