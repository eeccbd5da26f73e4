"""Thin adapter so the story layer reads the same records whatever produced them.

The story code works on :class:`~presslens.model.Analysis` objects. Analyses arrive straight
from the Analyzer, from ``presslens analyze`` JSONL output (``Analysis.to_dict()`` form) or from
the store; rebuilding the dataclasses from the JSON form here keeps one code path for all three.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from presslens.model import Analysis, Article, Claim, Cue, Entity, Lead, Quote, Role, Speaker, Technique
from presslens.textutil import strip_accents


def analysis_from_dict(d: dict[str, Any]) -> Analysis:
    """Rebuild an Analysis from its ``to_dict()`` JSON form (the JSONL contract)."""
    article = Article(id=str(d["id"]), text=d.get("text") or "", source=d.get("source") or "",
                      title=d.get("title"), date=d.get("date"), outlet=d.get("outlet"), url=d.get("url"))
    entities = [
        Entity(id=e["id"], name=e["name"], type=e["type"], mentions=[tuple(m) for m in e.get("mentions", [])],
               roles=[Role(**r) for r in e.get("roles", [])], gender=e.get("gender"),
               gender_evidence=e.get("gender_evidence"), labels=[Role(**r) for r in e.get("labels", [])],
               text=e.get("text") or "", role_mentions=[tuple(m) for m in e.get("role_mentions", [])])
        for e in d.get("entities", [])
    ]
    quotes = []
    for q in d.get("quotes", []):
        cue = Cue(**q["cue"]) if q.get("cue") else None
        speaker = Speaker(**q["speaker"]) if q.get("speaker") else None
        quotes.append(Quote(start=q["start"], end=q["end"], text=q["text"], type=q["type"], cue=cue,
                            speaker=speaker, channel=q.get("channel"), confidence=q.get("confidence")))
    techniques = [Technique(**t) for t in d.get("techniques", [])]
    claims = [Claim(**c) for c in d.get("claims", [])]
    return Analysis(article=article, entities=entities, quotes=quotes, techniques=techniques, claims=claims,
                    errors=list(d.get("errors", [])),
                    lead=None if d.get("lead") is None else Lead.from_dict(d["lead"]))


def read_analyses(path: str | Path) -> Iterator[Analysis]:
    """Analyses from a ``presslens analyze`` JSONL file; records with no text are skipped."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                a = analysis_from_dict(json.loads(line))
                if a.article.text:
                    yield a


def outlet_of(article: Article) -> str:
    """The outlet name to compare by; without one, each article counts as its own outlet."""
    return article.outlet or article.id


def articles_by_outlet(analyses: Iterable[Analysis]) -> dict[str, list[Analysis]]:
    """Analyses grouped by outlet (:func:`outlet_of`), outlets and their articles in the order given."""
    out: dict[str, list[Analysis]] = {}
    for a in analyses:
        out.setdefault(outlet_of(a.article), []).append(a)
    return out


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(name).lower()).strip("-").removeprefix("the-")


def is_outlet_voice(article: Article, source: str | None) -> bool:
    """Whether a report's source is the outlet itself ("the Nightjar can reveal that ..." in the
    Nightjar): what it reports is its own voice, not someone else's words. A paper calls itself by its
    last word too ("the Whistle can reveal" in the Tin Whistle, "the Rampart" in the Daily Rampart)."""
    if not (source and article.outlet):
        return False
    mine, outlet = _slug(source), _slug(article.outlet)
    return mine == outlet or (len(mine) >= 4 and "-" not in mine and outlet.endswith(mine))


def day_of(value: str | None) -> float | None:
    """An article date ("2024-03-12", "2024-03-12T08:30:00+00:00") as a day number, or None."""
    if not value:
        return None
    try:
        return float(date.fromisoformat(value.strip()[:10]).toordinal())
    except ValueError:
        return None
