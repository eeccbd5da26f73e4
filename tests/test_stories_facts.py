"""Story grouping by the event's facts (issue 15): framed reports of one event share its numbers,
quoted words and cast of names even when their words differ; a decoy shares an actor or a place,
not the facts. Below ``GroupingConfig.facts_below`` a join (or a "possible same story" link) needs
such a fact.

The fixtures are written for this test: a dock strike in the invented port of Ostra and a fire in
the same town that night, with the same mayor; a march on the parliament of Belmar and the interior
minister's budget request there the day before.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from presslens.analysis.analyze import Analyzer
from presslens.model import Analysis, Article, Claim, Entity, Quote, Role
from presslens.store.ingest import ingest
from presslens.store.repository import open_store
from presslens.store.schema import ArticleRow
from presslens.store.stories import load_analyses
from presslens.stories.build import StoryBuilder
from presslens.stories.grouping import (
    Facts,
    Features,
    GroupingConfig,
    StoryGrouper,
    facts_of,
    features_of,
    numbers_agree,
)


def test_numbers_agree_on_value_unit_and_measure_and_small_bare_counts_need_a_measure() -> None:
    assert numbers_agree((12.0, None, None, "arrested"), (12.0, None, None, None)), "one parse found no measure"
    assert not numbers_agree((12.0, None, None, "arrested"), (12.0, None, None, "dead"))
    assert not numbers_agree((40.0, None, "%", "rate"), (40.0, None, None, None)), "40 percent is not 40 people"
    assert not numbers_agree((4.0, None, None, None), (4.0, None, None, "dead")), "a bare 'four' says little"
    assert numbers_agree((4.0, None, None, "dead"), (4.0, None, None, "dead"))
    assert not numbers_agree((2.0, None, None, "time"), (2.0, None, None, "time")), "'two years' is common talk"
    assert numbers_agree((48.0, None, None, "time"), (48.0, None, None, None))
    assert not numbers_agree((2000.0, 9999.0, None, None), (2000.0, None, None, None)), "'thousands' is a range"


def test_facts_of_reads_numbers_direct_quotes_and_names_from_the_analysis() -> None:
    text = 'Mayor Ilse Varga said "the city cannot afford a long closure of its port" as 1,500 dockers struck in Ostra.'
    a = Analysis(article=Article(id="x", text=text),
                 entities=[Entity(id="e1", name="Ilse Varga", type="PERSON", mentions=[(6, 16)]),
                           Entity(id="e2", name="Ostra", type="GPE", mentions=[(90, 95), (0, 0)]),
                           Entity(id="e3", name="1,500", type="CARDINAL", mentions=[(66, 71)])],
                 quotes=[Quote(start=23, end=71, text="the city cannot afford a long closure of its port", type="direct"),
                         Quote(start=0, end=10, text="dockers want more pay now", type="indirect")],
                 claims=[Claim(start=66, end=71, text="1,500", value=1500.0, measure="crowd")])
    f = facts_of(a)
    assert f.numbers == {(1500.0, None, None, "crowd")}
    assert f.quoted == {"city afford long closure", "afford long closure port"}, "direct quotes, four-word runs"
    assert f.names == {"varga": 1, "ostra": 2}, "a person by surname; not a number entity"


def test_a_name_in_a_persons_role_is_that_person_not_a_second_shared_name() -> None:
    text = "Coast guard commander Felix Morro said the coast guard had saved four fishermen off Sant."
    morro = Entity(id="e1", name="Felix Morro", type="PERSON", mentions=[(22, 33)],
                   roles=[Role(text="Coast guard commander", start=0, end=21)])
    guard = Entity(id="e2", name="coast guard", type="ORG", mentions=[(43, 54)])
    sant = Entity(id="e3", name="Sant", type="GPE", mentions=[(85, 89)])
    names = facts_of(Analysis(article=Article(id="x", text=text), entities=[morro, guard, sant])).names
    assert names == {"morro": 1, "sant": 1}
    morro.roles = []
    assert facts_of(Analysis(article=Article(id="x", text=text), entities=[morro, guard, sant])).names == {
        "morro": 1, "coast guard": 1, "sant": 1}


def _features(aid: str, day: float, body: dict[str, int], names: dict[str, int], numbers=frozenset(),
              quoted=frozenset()) -> Features:
    ents = Counter({n: c for n, c in names.items()})
    return Features(id=aid, day=day, body=Counter(body), title=Counter(list(body)[:2]), entities=ents,
                    names=frozenset(w for n in names for w in n.split()),
                    facts=Facts(numbers=frozenset(numbers), quoted=frozenset(quoted), names=dict(names)))


STRIKE = {"dockworkers": 3, "port": 3, "strike": 2, "cranes": 2, "ships": 2, "pay": 2, "night": 1, "mayor": 1, "city": 1}
FIRE = {"fire": 3, "warehouse": 3, "residents": 2, "smoke": 2, "firefighters": 2, "mayor": 1, "city": 1, "port": 1}


def test_a_decoy_sharing_the_mayor_and_the_town_but_no_fact_stays_apart() -> None:
    strike = _features("strike", 1.0, STRIKE, {"ostra": 3, "varga": 1, "solberg": 2, "baltra terminals": 1},
                       numbers={(1500.0, None, None, "crowd"), (30.0, None, None, None)})
    fire = _features("fire", 1.0, FIRE, {"ostra": 2, "varga": 1}, numbers={(40.0, None, None, None)})
    g = StoryGrouper(GroupingConfig())
    assert g.add(strike) != g.add(fire), "the same mayor and town are an actor and a place, not the event"
    no_facts = StoryGrouper(GroupingConfig(facts_below=0.0))
    assert no_facts.add(strike) == no_facts.add(fire), "without the fact check the names and some words join it"


@pytest.mark.parametrize("fact", ["number", "quote", "names"])
def test_a_report_sharing_a_fact_joins_though_its_words_differ(fact: str) -> None:
    strike = _features("strike", 1.0, STRIKE, {"ostra": 3, "varga": 1, "solberg": 2, "baltra terminals": 1},
                       numbers={(1500.0, None, None, "crowd")}, quoted={"city afford long closure"})
    framed_body = {"militants": 3, "ransom": 3, "walkout": 2, "port": 2, "economy": 2, "bonus": 2, "mayor": 1,
                   "city": 1, "cranes": 1}
    names = {"ostra": 2, "varga": 1} | ({"solberg": 1, "baltra terminals": 1} if fact == "names" else {})
    framed = _features("framed", 1.0, framed_body, names,
                       numbers={(1500.0, None, None, None)} if fact == "number" else frozenset(),
                       quoted={"city afford long closure"} if fact == "quote" else frozenset())
    g = StoryGrouper(GroupingConfig())
    story = g.add(strike)
    m = g.match(_vecs(g, framed), 1.0, g._clusters[story], framed.names)
    assert m.content < GroupingConfig().facts_below, "the fact check applies"
    assert g.add(framed) == story


def _vecs(g: StoryGrouper, f: Features) -> tuple[dict[str, float], ...]:
    """The article's field vectors as the grouper would weigh them now (without adding it)."""
    from presslens.stories.grouping import _weigh

    n = g._n + 1
    return tuple(_weigh(c, df + Counter(c.keys()), n, g.config.max_terms)
                 for c, df in zip((f.body, f.title, f.entities), g._df, strict=True))


MARCH = """Thousands march on Belmar parliament over bread prices

BELMAR - Thousands of demonstrators marched on the parliament in Belmar on Wednesday against a 40 percent rise in the price of bread.

"We cannot feed our children on promises while bread prices keep rising," said Dana Frey, who led the march. Police detained 12 people after scuffles.

Interior Minister Teo Kallas said violence would not be tolerated.
"""


def test_the_store_replay_reads_the_same_facts_as_the_analysis(tmp_path: Path) -> None:
    (tmp_path / "belmar-daily_2025-11-05_march.txt").write_text(MARCH, encoding="utf-8")
    analysis = Analyzer(techniques=False).analyze(Article(id="m", text=MARCH, title=MARCH.split("\n", 1)[0],
                                                          date="2025-11-05", outlet="belmar-daily"))
    with open_store(f"sqlite:///{tmp_path / 'facts.db'}") as store:
        ingest(store, [str(tmp_path)], techniques=False)
        with store.engine.connect() as conn:
            pk = conn.execute(ArticleRow.__table__.select()).first().id
            stored = load_analyses(conn, [pk], full=False)[pk]
    direct, replayed = features_of(analysis), features_of(stored)
    assert replayed.facts == direct.facts and direct.facts.numbers and direct.facts.quoted
    assert (replayed.lead_names, replayed.lead_words) == (direct.lead_names, direct.lead_words), "roles loaded too"
    assert StoryBuilder().add(stored)


QUAKE_1 = """Quake Kills 98 in Tarvo Hills

An earthquake in the Tarvo hills killed 98 people on Monday, officials said. Rescue chief Anton Berg said teams
were digging by hand in the mountain villages, where 24 people are missing.
"""
QUAKE_2 = """Aid Reaches Tarvo Villages a Day After Quake

The first aid convoys reached the mountain villages of the Tarvo hills on Tuesday, a day after an earthquake killed
112 people. Villagers said help had come too late.
"""
QUAKE_3 = """Tarvo Quake Toll Rises to 112

No fewer than 112 people were killed by Monday's earthquake in the Tarvo hills, officials said on Monday night.
Rescue chief Anton Berg said 24 people were still missing in the mountain villages.
"""


def test_the_store_groups_in_date_order_whatever_the_file_order(tmp_path: Path) -> None:
    """A folder is stored by file name, here the next day's follow-up first; grouped in that order,
    the follow-up (sharing only the final toll) would found a story of its own. The store hands
    articles to the grouper by date, as a user reading the coverage would."""
    (tmp_path / "a-wire_2025-06-03_aid.txt").write_text(QUAKE_2, encoding="utf-8")
    (tmp_path / "b-post_2025-06-02_quake.txt").write_text(QUAKE_1, encoding="utf-8")
    (tmp_path / "c-news_2025-06-02_toll.txt").write_text(QUAKE_3, encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path / 'order.db'}") as store:
        ingest(store, [str(tmp_path)], techniques=False)
        from presslens.store.stories import stored_stories

        with store.engine.connect() as conn:
            groups = [s.articles for s in stored_stories(conn)]
    assert len(groups) == 1, groups
