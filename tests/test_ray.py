"""The Ray Data runner gives the same analyses as the local runner and stores into the same database.

Local Ray with 2 CPUs, started by the runner itself and shut down after the run.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

pytest.importorskip("ray.data", reason="ray[data] is not installed")

from presslens.model import Article  # noqa: E402
from presslens.runners.local import run as local_run  # noqa: E402
from presslens.runners.ray import run as ray_run  # noqa: E402
from presslens.store import open_store  # noqa: E402
from presslens.store.ingest import ingest  # noqa: E402

ARTICLES = [
    "Port strike enters second week\n\nThe union leader, Kwame Mensah, said the strike would go on. "
    '"We have no choice," he told reporters.\n',
    "Budget row deepens\n\nMaría Fernández, the finance minister, said that the deficit would fall. "
    "According to Priya Raman, an economist, the figures do not add up.\n",
    "Floods hit the coast\n\n\"The defences failed,\" said Amina Okafor, the mayor. Residents were moved overnight.\n",
]


def test_ray_runner_matches_local_runner() -> None:
    items = [(Article(f"a{i}", t, source=f"a{i}.txt"), None) for i, t in enumerate(ARTICLES)]
    local = [a.to_dict() for a in local_run(items, techniques=False, chunk_size=1)]
    remote = [a.to_dict() for a in ray_run(items, workers=2, techniques=False, chunk_size=1)]
    assert remote == local
    assert any(d["quotes"] for d in remote)


def test_ray_ingest_writes_the_same_database(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"r{i}", "text": t, "outlet": "Wire", "date": "2020-03-01"}) + "\n"
                              for i, t in enumerate(ARTICLES)) + "{broken\n", encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path / 'ray.db'}") as store:
        report = ingest(store, [str(corpus)], workers=2, engine="ray", techniques=False, chunk_size=2)
        assert (report.saved.stored, report.saved.rejected) == (3, 1)
        again = ingest(store, [str(corpus)], workers=2, engine="ray", techniques=False)
        assert (again.saved.stored, again.plan.already_stored) == (0, 3)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 3
            people = set(conn.execute(text("SELECT name FROM people")).scalars())
    assert {"Kwame Mensah", "Priya Raman", "Amina Okafor"} <= people
