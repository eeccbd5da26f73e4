"""Ray Data execution: the same analysis function as the local runner, spread over a Ray cluster.

Why Ray Data and not hand-made actors: a Dataset of article chunks mapped by a pool of
analyzer actors gives streaming execution, back-pressure and order preservation for free, and
the same code runs on a laptop (local Ray) or a cluster. Each actor builds one ``Analyzer``
(one spaCy pipeline) and runs :func:`presslens.runners.local.analyze_chunk` — exactly what a
local worker process runs — so the results are identical; only the scheduling differs. The
driver (the ``presslens ingest`` process) receives results in input order and commits them to
the database chunk by chunk, so resumability is the same as with the local runner.

Pointing at a cluster: ``presslens ingest corpus/ --engine ray --ray-address ray://HEAD:10001``
(or set ``RAY_ADDRESS``). Every node needs presslens and the spaCy model installed in the
same Python environment; ``--workers N`` is the number of analyzer actors (one CPU each).
Without an address a local Ray with ``N`` CPUs is started for the run and shut down after.
"""
from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterable, Iterator
from itertools import islice

import pyarrow as pa

from presslens.model import Analysis, Rejection
from presslens.runners.local import Item, analyze_chunk, chunks
from presslens.settings import Settings, get_settings

#: Articles handed to Ray per Dataset; bounds driver memory for corpora of any size while
#: keeping each Dataset long enough that starting the actor pool is a small cost.
WINDOW = 20_000


class _AnalyzeChunks:
    """Ray Data actor: one Analyzer per actor, applied to pickled chunks of read inputs."""

    def __init__(self, settings: Settings, techniques: bool) -> None:
        from presslens.analysis.analyze import Analyzer

        self.analyzer = Analyzer(settings, techniques=techniques)

    def __call__(self, batch: pa.Table) -> dict[str, list[bytes]]:
        out = [pickle.dumps(analyze_chunk(self.analyzer, pickle.loads(p)), protocol=pickle.HIGHEST_PROTOCOL)
               for p in batch.column("payload").to_pylist()]
        return {"payload": out}


def _start(workers: int, address: str | None) -> bool:
    """Connect to (or start) Ray; True when this call started it and must shut it down."""
    import ray

    if ray.is_initialized():
        return False
    address = address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
    else:
        ray.init(num_cpus=max(1, workers), include_dashboard=False, logging_level=logging.WARNING,
                 log_to_driver=False)
    return True


def run_chunks(items: Iterable[Item], workers: int = 1, *, settings: Settings | None = None,
               techniques: bool = True, chunk_size: int | None = None,
               address: str | None = None) -> Iterator[list[Analysis | Rejection]]:
    """Analyse a stream of read inputs on Ray; yields result chunks in input order."""
    import ray
    import ray.data

    settings = settings or get_settings()
    size = chunk_size or settings.batch_size
    started = _start(workers, address)
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        it = iter(items)
        while window := list(islice(it, WINDOW)):
            payloads = [{"payload": pickle.dumps(c, protocol=pickle.HIGHEST_PROTOCOL)} for c in chunks(window, size)]
            del window
            ds = ray.data.from_items(payloads, override_num_blocks=len(payloads))
            del payloads
            results = ds.map_batches(
                _AnalyzeChunks, fn_constructor_kwargs={"settings": settings, "techniques": techniques},
                batch_size=1, batch_format="pyarrow", concurrency=max(1, workers), num_cpus=1,
            )
            for row in results.iter_rows():
                yield pickle.loads(row["payload"])
    finally:
        if started:
            ray.shutdown()


def run(items: Iterable[Item], workers: int = 1, *, settings: Settings | None = None, techniques: bool = True,
        chunk_size: int | None = None, address: str | None = None) -> Iterator[Analysis | Rejection]:
    """Analyse a stream of read inputs on Ray; yields one result per input, in order."""
    for chunk in run_chunks(items, workers, settings=settings, techniques=techniques, chunk_size=chunk_size,
                            address=address):
        yield from chunk
