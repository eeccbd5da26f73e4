"""Story grouping under framing (issue 15): other words for the same event neither split a story
nor join one, a shared actor alone does not make a shared event, and a join that only framing
words would make is kept as a "possible same story" link (grouper, CLI, store, web).

The texts are written for this test: a fuel-price march on the parliament of the invented city
of Lisk in two outlets' plain words, a third outlet's report of the same march in contrasting
words ("a mob of rioters stormed toward parliament"), a fourth that shares the names, the day and
one fact (40 detained) but hardly a word beyond its labels ("Rioters besiege Lisk"), the same without
that fact, and the interior minister's next, unrelated engagement, a day later.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presslens.analysis.analyze import Analyzer
from presslens.cli import app
from presslens.model import Article
from presslens.settings import Settings
from presslens.store.ingest import ingest
from presslens.store.repository import open_store
from presslens.store.stories import stored_links, stored_stories, update_stories
from presslens.stories.build import StoryBuilder
from presslens.stories.grouping import (
    Features,
    GroupingConfig,
    StoryGrouper,
    _Centroid,
    event_day,
    lead_frame,
    word_neighbours,
)
from presslens.stories.source import day_of
from presslens.web.app import create_app

TRIBUNE = """Protesters march on Lisk parliament over fuel prices

Thousands of protesters marched to the parliament in Lisk on Tuesday against the rise in fuel prices, calling on the government to cut the tax on petrol.

"Families cannot afford to drive to work," said Irena Dask, the opposition leader, who led the march.

Interior Minister Tomas Vell said the government would review the fuel tax next month. Police said 40 people were detained.
"""

POST = """Lisk protesters demand fuel tax cut at parliament

Protesters gathered outside parliament in Lisk on Tuesday to demand a cut in the fuel tax, which has doubled petrol prices since January.

Opposition leader Irena Dask told the crowd that families could no longer afford to drive. Interior Minister Tomas Vell promised a review of the tax.
"""

LEDGER = """Rioters storm toward Lisk parliament as fuel mob runs riot

A mob of rioters stormed toward the parliament in Lisk on Tuesday over fuel prices, demanding that the government scrap the tax on petrol.

Ringleader Irena Dask, the opposition leader, whipped up the crowd. "Families cannot afford to drive to work," she shouted.

Interior Minister Tomas Vell refused to bow to the thugs but said the fuel tax would be reviewed next month. Police detained 40 troublemakers.
"""

SENTINEL = """Rioters besiege Lisk

Rioters laid siege to the capital on Tuesday, smashing shop windows and hurling bottles at riot police.

Agitator Irena Dask egged on the rioters, 40 of whom were detained. Minister Tomas Vell vowed order would be restored.
"""

#: The same siege report without the one fact it shares with the march (the 40 detained).
SENTINEL_NO_FACT = SENTINEL.replace(", 40 of whom were detained", "")

ACADEMY = """Interior minister opens police academy in Varn

Interior Minister Tomas Vell opened a police training academy in the town of Varn on Wednesday, with room for 600 cadets a year.

Vell said the academy would help fill 2,000 vacant posts. The building cost 40 million crowns.
"""

TEXTS = {"lisk-tribune_2024-05-07_fuel-march": TRIBUNE, "harbour-post_2024-05-07_fuel-tax": POST,
         "patriot-ledger_2024-05-07_rioters-storm": LEDGER, "harbour-post_2024-05-08_police-academy": ACADEMY}


def _article(name: str, text: str) -> Article:
    outlet, date, _ = name.split("_")
    return Article(id=name, text=text, title=text.split("\n", 1)[0], date=date, outlet=outlet)


@pytest.fixture(scope="module")
def analyses():
    texts = {**TEXTS, "sentinel_2024-05-07_rioters-besiege": SENTINEL,
             "sentinel_2024-05-07_siege-no-fact": SENTINEL_NO_FACT}
    return {a.article.id: a for a in Analyzer(techniques=False).analyze_many([_article(n, t) for n, t in texts.items()])}


def test_learned_pairs_cover_framing_labels_and_leave_them_out_rather_than_match_them() -> None:
    near = word_neighbours()
    assert "protesters" in near["rioters"] and "terrorists" in near["militants"], "learned from data, not listed"
    story = _Centroid()
    story.add({"protesters": 0.6, "parliament": 0.8})
    article = {"rioters": 0.6, "parliament": 0.8}
    neutral, framed, pairs = story.framing_cosines(article, near, frozenset())
    assert pairs == [("rioters", "protesters")]
    assert story.cosine(article) == pytest.approx(0.64)
    assert neutral == pytest.approx(1.0), "left out on both sides, only 'parliament' is compared"
    assert framed == pytest.approx(1.0)
    # A name is never a framing word, however close the model puts two names.
    _, _, named = story.framing_cosines(article, near, frozenset({"rioters"}))
    assert named == []


def test_a_shared_actor_alone_does_not_join_a_story() -> None:
    ents = Counter({"tomas vell": 3, "vell": 3, "lisk": 2})
    first = Features(id="march", day=1.0, body=Counter({"march": 3, "parliament": 2, "fuel": 3, "tax": 2}),
                     title=Counter({"march": 1, "fuel": 1}), entities=ents)
    other = Features(id="academy", day=2.0, body=Counter({"academy": 3, "cadets": 2, "training": 2, "posts": 1}),
                     title=Counter({"academy": 1}), entities=ents)
    floor = StoryGrouper(GroupingConfig())
    assert floor.add(first) != floor.add(other), "names alone: another development"
    names_only = StoryGrouper(GroupingConfig(min_content=0.0))
    assert names_only.add(first) == names_only.add(other), "without the content floor the shared names join them"


def test_the_leads_weekday_dates_the_event() -> None:
    thursday = day_of("2025-04-17")
    assert event_day("Governor Brenn will tour the flooded valley on Thursday", thursday) == thursday
    assert event_day("The governor announced the tax plan on Wednesday.", thursday) == thursday - 1
    assert event_day("Police cleared the camp on Friday", thursday) == thursday - 6
    assert event_day("The union will meet the port authority on Monday", thursday) == thursday + 4
    assert event_day("Talks broke down yesterday", thursday) == thursday - 1
    assert event_day("No day is named here", thursday) is None
    assert event_day("On Monday", None) is None


def test_another_days_event_needs_more_shared_content() -> None:
    ents = Counter({"aldo brenn": 3, "brenn": 3, "ostmark": 2})
    plan = Features(id="plan", day=10.0, body=Counter({"tax": 4, "plan": 2, "levy": 2, "homeowners": 1, "flats": 1}),
                    title=Counter({"tax": 1, "plan": 1}), entities=ents, event_day=10.0)
    tour = Features(id="tour", day=11.0, body=Counter({"tour": 2, "flooded": 2, "valley": 2, "plan": 1, "farmers": 1}),
                    title=Counter({"tour": 1, "valley": 1}), entities=ents, event_day=11.0)
    g = StoryGrouper(GroupingConfig(min_content=0.0))
    assert g.add(plan) != g.add(tour), "another day's development, sharing only the governor and one word"
    same_day = StoryGrouper(GroupingConfig(min_content=0.0, min_content_other_day=0.0))
    assert same_day.add(plan) == same_day.add(tour)


def test_lead_frame_splits_who_and_where_from_what() -> None:
    names = frozenset({"ilse", "varnhold", "talvora", "caldessa"})
    who, what = lead_frame("Varnhold unveils coding lessons\nTALVORA - Education Minister Ilse Varnhold announced a "
                           "new curriculum.", names, frozenset({"education", "minister"}))
    assert who == {"varnhold", "talvora", "ilse"}
    assert what == {"unveils", "coding", "lessons", "announced", "curriculum"}, "roles are who, not what"


def _strike_story() -> tuple[Features, Features]:
    """A strike report and a same-day second report sharing its lead's town and its facts."""
    ents = Counter({"ilse varnhold": 1, "varnhold": 1, "caldessa": 3})
    body = Counter({"teachers": 4, "strike": 3, "overtime": 2, "schools": 2, "varnhold": 1, "minister": 1})
    first = Features(id="strike", day=10.0, body=body, title=Counter({"teachers": 1, "strike": 1}), entities=ents,
                     event_day=10.0, lead_names=frozenset({"caldessa"}),
                     lead_words=frozenset({"teachers", "strike", "overtime", "schools"}))
    second = Features(id="strike2", day=10.0, body=body + Counter({"pickets": 1}),
                      title=Counter({"schools": 1, "closed": 1}), entities=ents, event_day=10.0,
                      lead_names=frozenset({"caldessa"}), lead_words=frozenset({"schools", "closed", "teachers"}))
    return first, second


def test_same_day_lead_naming_none_of_the_storys_people_or_places_is_another_event() -> None:
    # The other-event floor at 1.0 (never join another event) isolates the frame comparison.
    first, second = _strike_story()
    launch = Features(id="launch", day=10.0, body=Counter({"coding": 3, "schools": 2, "teachers": 2, "varnhold": 2,
                                                           "minister": 1, "curriculum": 1}),
                      title=Counter({"coding": 1, "lessons": 1}), entities=Counter({"ilse varnhold": 3, "varnhold": 3}),
                      event_day=10.0, lead_names=frozenset({"varnhold", "talvora"}),
                      lead_words=frozenset({"coding", "lessons", "schools"}))
    g = StoryGrouper(GroupingConfig(min_content=0.0, min_content_other_day=1.0))
    story = g.add(first)
    assert g.add(second) == story, "the same town in the lead: the same event"
    assert g.add(launch) != story, "the minister the strike reports name, but in her own lead elsewhere"
    lenient = StoryGrouper(GroupingConfig(min_content=0.0, min_content_other_day=1.0, lead_who=False))
    lenient.add(first)
    lenient.add(second)
    assert lenient.add(launch) == story


def test_lead_reporting_what_the_story_never_mentions_is_another_event() -> None:
    first, _ = _strike_story()
    audit = Features(id="audit", day=10.0, body=Counter({"audit": 3, "treasury": 2, "varnhold": 2, "teachers": 1,
                                                          "strike": 1}),
                     title=Counter({"audit": 1, "treasury": 1}), entities=Counter({"ilse varnhold": 2, "varnhold": 2,
                                                                                   "caldessa": 1}),
                     event_day=10.0, lead_names=frozenset({"caldessa"}), lead_words=frozenset({"audit", "treasury"}))
    g = StoryGrouper(GroupingConfig(min_content=0.0, min_content_other_day=1.0))
    story = g.add(first)
    assert g.add(audit) != story, "same town and day, but its lead's happening is nowhere in the story"
    lenient = StoryGrouper(GroupingConfig(min_content=0.0, min_content_other_day=1.0, lead_what=False))
    lenient.add(first)
    assert lenient.add(audit) == story


def test_framed_report_joins_its_story_and_the_ministers_next_engagement_stays_apart(analyses) -> None:
    b = StoryBuilder()
    b.add_many(analyses[n] for n in TEXTS)
    stories = {frozenset(s.articles) for s in b.stories()}
    assert frozenset(list(TEXTS)[:3]) in stories
    assert frozenset(["harbour-post_2024-05-08_police-academy"]) in stories
    assert b.links() == []


#: A stricter content floor than the shipped one: with it, "Rioters besiege Lisk" (names, day,
#: place and the number detained shared, body cosine 0.18 with the march story) reaches it only when
#: "rioters" counts as "protesters", which is the case a link is for.
STRICT = GroupingConfig(min_content=0.2)


def test_a_join_on_framing_words_alone_is_a_possible_same_story_link(analyses) -> None:
    b = StoryBuilder(STRICT)
    names = ["lisk-tribune_2024-05-07_fuel-march", "harbour-post_2024-05-07_fuel-tax", "sentinel_2024-05-07_rioters-besiege"]
    b.add_many(analyses[n] for n in names)
    march, siege = b.grouper.assignment[names[0]], b.grouper.assignment[names[2]]
    assert march != siege, "not merged"
    links = b.links()
    assert [(x.story, x.other, x.article) for x in links] == [(siege, march, names[2])]
    assert ("rioters", "protesters") in links[0].pairs
    assert b.links(march) == b.links(siege) == links, "shown from both sides"


def test_no_possible_same_story_link_without_a_shared_fact(analyses) -> None:
    b = StoryBuilder(STRICT)
    names = ["lisk-tribune_2024-05-07_fuel-march", "harbour-post_2024-05-07_fuel-tax", "sentinel_2024-05-07_siege-no-fact"]
    b.add_many(analyses[n] for n in names)
    assert b.grouper.assignment[names[0]] != b.grouper.assignment[names[2]]
    assert b.links() == [], "labels, names and the day alone: a link could point at another event"
    no_check = StoryBuilder(GroupingConfig(min_content=0.2, facts_below=0.0))
    no_check.add_many(analyses[n] for n in names)
    assert len(no_check.links()) == 1


def test_links_are_stored_and_shown_by_the_cli_and_the_web(tmp_path: Path) -> None:
    for name, text in {**TEXTS, "sentinel_2024-05-07_rioters-besiege": SENTINEL}.items():
        if name != "patriot-ledger_2024-05-07_rioters-storm":
            (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'links.db'}"
    with open_store(url) as store:
        ingest(store, [str(tmp_path)], techniques=False)
        update_stories(store, rebuild=True, grouping=STRICT)
        with store.engine.connect() as conn:
            stories = stored_stories(conn)
            march = next(s for s in stories if len(s.articles) == 2)
            links = stored_links(conn, march.id)
    assert len(links) == 1 and links[0].other == march.id and ("rioters", "protesters") in links[0].pairs
    siege = links[0].story
    with open_store(url) as store:
        with store.engine.connect() as conn:
            assert stored_links(conn, siege) == links
    shown = CliRunner().invoke(app, ["story", march.id, "--db", url, "--format", "json"], catch_exceptions=False)
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.output)["possible_same_story"]
    assert [(x["story"], x["other"], x["article"]) for x in record] == [
        (siege, march.id, "sentinel_2024-05-07_rioters-besiege")]
    table = CliRunner().invoke(app, ["story", siege, "--db", url], catch_exceptions=False)
    assert "Possible same story" in table.output and "rioters / protesters" in table.output
    client = TestClient(create_app(url, Settings()))
    for sid, other in ((march.id, siege), (siege, march.id)):
        detail = client.get(f"/api/v1/stories/{sid}").json()
        assert [x["story"] for x in detail["possible_same_story"]] == [other]
        page = client.get(f"/stories/{sid}").text
        assert "Possible same story" in page and f'href="/stories/{other}"' in page and "“rioters”" in page
