"""A rich progress bar on stderr, shown only when a person is watching a long enough run."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

T = TypeVar("T")

#: Fewer articles than this finish too fast for a bar to help.
MIN_ITEMS_FOR_BAR = 5


class RateColumn(ProgressColumn):
    """Articles per second, the figure a user sizing a corpus run cares about."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} articles/s" if task.speed else "… articles/s", style="cyan")


def progress_over(items: Iterable[T], total: int | None, label: str, *, force: bool = False,
                  rejected: Callable[[T], bool] | None = None) -> Iterator[T]:
    """Yield ``items`` while a bar counts them on stderr (when stderr is a terminal).

    ``rejected`` tells which items count as rejected, shown beside the rate.
    """
    show = force or (sys.stderr.isatty() and (total is None or total >= MIN_ITEMS_FOR_BAR))
    if not show:
        yield from items
        return
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
               TextColumn("[red]{task.fields[rejected]} rejected"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=total, rejected=0)
        n_rejected = 0
        for item in items:
            yield item
            if rejected is not None and rejected(item):
                n_rejected += 1
            bar.update(task, advance=1, rejected=n_rejected)
