"""Read, analyse and store a corpus: the engine behind ``presslens ingest`` and the benchmarks.

Why two passes over the inputs: the first pass only reads and hashes (cheap next to spaCy),
so before any analysis we know how many articles are new, which makes an honest progress bar
and ETA possible, and lets a rerun skip already-stored articles *without analysing them*. The
second pass streams only new articles through a runner (local processes or Ray) and commits
each result chunk in one transaction; a run killed half-way therefore resumes at the first
uncommitted chunk with nothing lost and nothing stored twice.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from presslens.model import Analysis, Rejection
from presslens.readers import read_inputs
from presslens.settings import Settings, get_settings
from presslens.store.repository import SaveResult, Store
from presslens.store.stories import StoriesReport, update_stories

Engine = Literal["local", "ray"]


@dataclass
class Plan:
    """What a batch holds before analysis: new articles, already-stored ones, in-batch repeats, rejections."""

    new: int = 0
    already_stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    todo: set[str] = field(default_factory=set)


@dataclass
class IngestReport:
    """The outcome of one ingest run."""

    plan: Plan
    saved: SaveResult = field(default_factory=SaveResult)
    with_errors: int = 0
    seconds: float = 0.0
    #: What grouping into stories did at the end of the run (None when it was turned off).
    stories: StoriesReport | None = None

    @property
    def rate(self) -> float:
        """Articles analysed and stored per second."""
        return self.saved.stored / self.seconds if self.seconds else 0.0


def plan(store: Store, paths: Sequence[str], fields: Mapping[str, str] | None = None) -> Plan:
    """First pass: read and hash everything, and ask the store which hashes it already has."""
    result = Plan()
    seen: set[str] = set()
    for item in read_inputs(paths, fields):
        if isinstance(item, Rejection):
            result.rejected += 1
            continue
        h = item[0].hash
        if h in seen:
            result.duplicates += 1
        else:
            seen.add(h)
    stored = store.stored_hashes(sorted(seen))
    result.todo = seen - stored
    result.new = len(result.todo)
    result.already_stored = len(stored)
    return result


def _new_items(paths: Sequence[str], fields: Mapping[str, str] | None, todo: set[str]) -> Iterator:
    """Second pass: only articles still to do (each once) and every rejection."""
    pending = set(todo)
    for item in read_inputs(paths, fields):
        if isinstance(item, Rejection):
            yield item
        elif item[0].hash in pending:
            pending.discard(item[0].hash)
            yield item


def ingest(store: Store, paths: Sequence[str], *, workers: int = 1, engine: Engine = "local",
           fields: Mapping[str, str] | None = None, settings: Settings | None = None,
           chunk_size: int | None = None, ray_address: str | None = None, techniques: bool = True,
           stories: bool = True, on_plan: Callable[[Plan], None] | None = None,
           on_chunk: Callable[[int, SaveResult], None] | None = None) -> IngestReport:
    """Analyse and store every new article under ``paths``; rejections are stored too.

    ``on_plan`` is called once after the first pass, ``on_chunk(articles, saved)`` after each
    committed chunk (for progress bars). With ``stories`` every stored article not yet in a
    story joins one after the last chunk (see :mod:`presslens.store.stories`: a run killed
    before that point is caught up by the next run); ``seconds`` excludes this step.
    """
    settings = settings or get_settings()
    the_plan = plan(store, paths, fields)
    if on_plan:
        on_plan(the_plan)
    report = IngestReport(the_plan)
    start = time.perf_counter()
    items = _new_items(paths, fields, the_plan.todo)
    if engine not in ("local", "ray"):
        raise ValueError(f"unknown engine {engine!r}: use local or ray")
    if not the_plan.todo:
        # Nothing to analyse: record the rejections without starting a runner (or spaCy).
        results: Iterator[list] = iter([list(items)])
    elif engine == "ray":
        from presslens.runners.ray import run_chunks as ray_chunks

        results = ray_chunks(items, workers, settings=settings, techniques=techniques, chunk_size=chunk_size,
                             address=ray_address)
    else:
        from presslens.runners.local import run_chunks

        results = run_chunks(items, workers, settings=settings, techniques=techniques, chunk_size=chunk_size)
    for chunk in results:
        saved = store.save(chunk)
        report.saved += saved
        report.with_errors += sum(1 for x in chunk if isinstance(x, Analysis) and x.errors)
        if on_chunk:
            on_chunk(sum(1 for x in chunk if isinstance(x, Analysis)), saved)
    report.seconds = time.perf_counter() - start
    if stories:
        from presslens.stories.grouping import GroupingConfig  # scikit-learn: only when grouping

        report.stories = update_stories(store, grouping=GroupingConfig.from_settings(settings))
    return report
