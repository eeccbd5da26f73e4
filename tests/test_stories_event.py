"""The lead's event read from the parse (issue 15): its verb, coarse class, subject and object in the
analysis and the JSONL contract, stored with the article, and used by grouping so that a statement
and a happening (or two classes on different days) sharing actors and places are not merged, at
most linked as a "possible same story". Texts are written for this test."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import select

from presslens.analysis.analyze import Analyzer
from presslens.cli.schema import SCHEMA_FILE
from presslens.model import Article
from presslens.store.repository import open_store
from presslens.store.schema import ArticleRow
from presslens.store.stories import load_analyses
from presslens.stories.grouping import Features, GroupingConfig, StoryGrouper
from presslens.stories.source import analysis_from_dict

TEXTS = {
    "ambush": "Convoy ambushed at Tessaly pass\n\nMilitants ambushed an army convoy at the Tessaly pass on Friday, "
              "the defence ministry said.\n\nSix soldiers were killed.\n",
    "tour": "Brenn to tour flooded valley\n\nGovernor Aldo Brenn will tour the flooded Ostmark valley on Thursday."
            "\n\nHe will meet farmers.\n",
    "plan": "Brenn unveils tax plan\n\nGovernor Aldo Brenn announced a new property tax plan on Wednesday.\n\n"
            "The levy would rise by a tenth.\n",
    "report": "Cigarette smuggling doubles\n\nSeizures of smuggled cigarettes doubled this year, police chief Anika "
              "Holm said on Tuesday.\n\nShe asked for scanners.\n",
    "verbless": "Storm chaos\n\nChaos in Lisk.\n",
}


@pytest.fixture(scope="module")
def analyses():
    articles = [Article(id=k, text=t, title=t.split("\n", 1)[0], date="2025-04-17") for k, t in TEXTS.items()]
    return {a.article.id: a for a in Analyzer(techniques=False).analyze_many(articles)}


def test_the_leads_main_clause_gives_verb_class_subject_and_object(analyses) -> None:
    got = {k: (a.event.verb, a.event.kind, a.event.subject, a.event.object) if a.event else None
           for k, a in analyses.items()}
    assert got["ambush"] == ("ambush", "happening", "militant", "convoy"), "the reported clause, not 'said'"
    assert got["tour"] == ("tour", "plan", "brenn", "valley"), "'will tour' is a plan"
    assert got["plan"] == ("announce", "statement", "brenn", "plan")
    assert got["report"][:2] == ("say", "statement"), "a reported figure of no class: the report is the event"
    assert got["verbless"] is None
    for k, a in analyses.items():
        if a.event is not None:
            assert TEXTS[k][a.event.start:a.event.end] == a.event.text


def test_the_event_is_in_the_jsonl_contract_and_its_schema(analyses) -> None:
    validator = Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    for a in analyses.values():
        record = json.loads(json.dumps(a.to_dict()))
        validator.validate(record)
        assert analysis_from_dict(record).event == a.event
    broken = {**analyses["tour"].to_dict(), "event": {"start": 0, "end": 4, "text": "tour", "verb": "tour",
                                                        "kind": "rumour"}}
    assert not validator.is_valid(broken)


def test_the_event_is_stored_and_read_back_for_grouping(tmp_path: Path, analyses) -> None:
    with open_store(f"sqlite:///{tmp_path / 'events.db'}") as store:
        store.save(analyses.values())
        with store.engine.connect() as conn:
            pks = {r.title: r.id for r in conn.execute(select(ArticleRow.id, ArticleRow.title))}
            loaded = load_analyses(conn, list(pks.values()), full=False)
    by_title = {a.article.title: a for a in analyses.values()}
    for title, pk in pks.items():
        assert loaded[pk].event == by_title[title].event


def _story_and_article(kind: str, day: float) -> tuple[Features, Features]:
    """A statement (the governor presents his tax plan) and a later article sharing the governor, the
    province and a few words, whose lead event is of class ``kind``."""
    ents = Counter({"aldo brenn": 3, "brenn": 3, "ostmark": 2})
    plan = Features(id="plan", day=10.0, body=Counter({"tax": 4, "plan": 2, "levy": 2, "farmers": 1, "valley": 1}),
                    title=Counter({"tax": 1, "plan": 1}), entities=ents, event_day=10.0,
                    event_kind="statement", event_verb="announce")
    other = Features(id="other", day=day, body=Counter({"flood": 3, "valley": 2, "farmers": 2, "tax": 1, "rescue": 1}),
                     title=Counter({"flood": 1, "valley": 1}), entities=ents, event_day=day,
                     event_kind=kind, event_verb="flood")
    return plan, other


#: Other floors off, so that only the lead events decide.
OPEN = dict(min_content=0.0, min_content_other_day=0.0, lead_who=False, lead_what=False)


def test_a_statement_and_a_happening_sharing_actors_are_linked_not_merged() -> None:
    plan, flood = _story_and_article("happening", 10.0)
    g = StoryGrouper(GroupingConfig(**OPEN))
    story = g.add(plan)
    assert g.add(flood) != story, "the same governor and province, but a statement against a happening"
    assert [(x.article, x.story, x.pairs) for x in g.links] == [("other", story, [("flood", "announce")])]
    unchecked = StoryGrouper(GroupingConfig(**OPEN, min_content_clash=None))
    assert unchecked.add(plan) == unchecked.add(flood), "without the event check the shared names join them"


def test_two_classes_clash_only_on_different_days() -> None:
    plan, decision = _story_and_article("decision", 10.0)
    g = StoryGrouper(GroupingConfig(**OPEN))
    assert g.add(plan) == g.add(decision), "a statement and a decision the same day can be one development"
    plan, later = _story_and_article("decision", 11.0)
    g = StoryGrouper(GroupingConfig(**OPEN))
    assert g.add(plan) != g.add(later)
    plan, unknown = _story_and_article(None, 11.0)
    g = StoryGrouper(GroupingConfig(**OPEN))
    assert g.add(plan) == g.add(unknown), "an unclassed verb is no evidence of another event"


def test_a_clash_joins_when_much_content_is_shared() -> None:
    plan, flood = _story_and_article("happening", 11.0)
    flood.body = plan.body + Counter({"flood": 1})
    g = StoryGrouper(GroupingConfig(**OPEN))
    assert g.add(plan) == g.add(flood), "the same facts told as another class of event: one story"
