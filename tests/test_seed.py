"""The seed article: every quote of its gold with exact offsets, speaker, type, cue, channel and role."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from presslens.analysis.entities import extract_entities
from presslens.analysis.pipeline import load_nlp
from presslens.analysis.quotes import extract_quotes
from presslens.readers.text import read_text_file

SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
SEED = SHARED / "seed" / "000_4c4297302ce758fe.txt"
GOLD = SHARED / "seed" / "000_4c4297302ce758fe.expected.json"


@pytest.fixture(scope="module")
def analysed():
    article, _ = read_text_file(SEED)
    doc = load_nlp()(article.text)
    entities = extract_entities(doc, article)
    return article, entities, extract_quotes(doc, article, entities)


def _gold() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["quotes"]


@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["text"][:30])
def test_seed_quote_found(analysed, gold: dict) -> None:
    article, entities, quotes = analysed
    found = [q for q in quotes if q.start == gold["start"] and q.end == gold["end"]]
    assert found, f"no quote at {gold['start']}:{gold['end']} {gold['text']!r}"
    q = found[0]
    assert q.text == gold["text"] == article.text[q.start:q.end]
    assert q.type == gold["type"]
    assert q.cue is not None and q.cue.text == gold["cue"]
    assert article.text[q.cue.start:q.cue.end] == q.cue.text
    assert q.speaker is not None and q.speaker.name == gold["speaker"]
    assert article.text[q.speaker.start:q.speaker.end] == q.speaker.text
    assert q.channel == gold["channel"]
    if gold["speaker_role_claimed"]:
        entity = next(e for e in entities if e.id == q.speaker.entity_id)
        roles = [r.text for r in entity.roles]
        for role in gold["speaker_role_claimed"].split("; "):
            assert any(role.strip("()") == r.strip("()") for r in roles), (role, roles)


def test_split_quote_is_one_attribution(analysed) -> None:
    """Both halves of "The moment is now," said Guaido. "People of ..." share one cue span."""
    _, _, quotes = analysed
    halves = [q for q in quotes if q.start in (628, 736)]
    assert len(halves) == 2
    assert (halves[0].cue.start, halves[0].cue.end) == (halves[1].cue.start, halves[1].cue.end)


def test_scare_quote_is_not_a_quote(analysed) -> None:
    article, _, quotes = analysed
    for scare in json.loads(GOLD.read_text(encoding="utf-8"))["not_quotes_scare"]:
        at = article.text.index(f'"{scare}"') + 1
        assert not any(q.start <= at < q.end for q in quotes), scare
