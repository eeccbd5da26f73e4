"""Stories: copy detection, incremental grouping, and the cross-outlet comparison.

The main fixture is a story written for this test in four outlets' voices: a fuel-price
protest in the invented city of Lisk. The Lisk Tribune calls it a "violent protest", the Harbour
Post a "peaceful protest" (and Metro Wire reprints the Post's piece almost word for word), the
River Gazette gives the interior minister the wrong title ("Defence Minister") and never quotes
the opposition leader whom everyone else quotes. An unrelated stadium story the same day must
stay apart. Everything runs through the real Analyzer (spaCy, entities, quotes).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.model import Article
from presslens.stories.build import StoryBuilder, export_findings, export_stories
from presslens.model import Analysis
from presslens.stories.labels import label_phrases
from presslens.stories.roles import descriptor_words, descriptors_differ, role_parts, roles_conflict
from presslens.stories.dedup import DuplicateIndex
from presslens.stories.grouping import Features, GroupingConfig, StoryGrouper
from presslens.stories.source import analysis_from_dict, outlet_of

SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))

TRIBUNE = """Violent Protest Rocks Lisk Parliament Over Fuel Prices

A violent protest outside the parliament in Lisk on Tuesday left 12 police officers injured as crowds angry at fuel prices threw stones and set bins alight.

Interior Minister Tomas Vell told reporters that the government "will not allow the streets to be taken over by rioters."

"The government has ignored working families for too long," said Irena Dask, the opposition leader. "Tonight they heard us."

Police said 40 people were arrested after the violent protest spread to the old town.
"""

POST = """Peaceful Protest in Lisk Demands Relief From Fuel Prices

Thousands of people marched to the parliament in Lisk on Tuesday in a peaceful protest against soaring fuel prices, calling on the government to cut taxes on petrol.

"The government has ignored working families for too long," said Irena Dask, the opposition leader, addressing the crowd from a truck. "Tonight they heard us, and tomorrow they will hear us again."

Interior Minister Tomas Vell said the government would "not allow the streets to be taken over by rioters." He will meet union representatives on Thursday.

"I drive a taxi and I cannot fill my tank any more," said Marta Holl, a taxi driver who joined the march with her two children.

Police said 9 officers were injured when a small group clashed with riot police late in the evening.
"""

WIRE = POST.replace("addressing the crowd from a truck", "speaking from a truck").replace(
    "Thousands of people marched", "Thousands marched")

GAZETTE = """Thousands March on Lisk Parliament as Fuel Anger Grows

Crowds gathered outside the parliament in Lisk on Tuesday evening to protest against the rise in fuel prices.

Defence Minister Tomas Vell said the government would "not allow the streets to be taken over by rioters" and called for calm.

Professor Anton Rusk, an economist at Lisk University, said fuel prices had risen by a third since January. "Households are paying for a crisis they did not cause," he said.

The protest broke up shortly before midnight.
"""

STADIUM = """Borna United Unveils Plans for New Stadium

Borna United presented plans on Tuesday for a 30,000-seat stadium on the site of the old rail yards in Borna.

"This is the biggest day in the club's history," chairman Oskar Lind told supporters at the launch.

Construction is due to start next spring if the city council approves the design.
"""


def _article(aid: str, outlet: str, date: str, text: str) -> Article:
    return Article(id=aid, text=text, title=text.split("\n", 1)[0], date=date, outlet=outlet, source=f"{aid}.txt")


ARTICLES = [
    _article("tribune-protest", "Lisk Tribune", "2025-05-06", TRIBUNE),
    _article("post-protest", "Harbour Post", "2025-05-06", POST),
    _article("borna-stadium", "Borna Daily", "2025-05-06", STADIUM),
    _article("wire-protest", "Metro Wire", "2025-05-07", WIRE),
    _article("gazette-protest", "River Gazette", "2025-05-07", GAZETTE),
]


@pytest.fixture(scope="module")
def analyses():
    from presslens.analysis.analyze import Analyzer

    out = list(Analyzer(techniques=False).analyze_many(ARTICLES))
    for a in out:
        assert not a.errors, a.errors
    return out


@pytest.fixture(scope="module")
def builder(analyses):
    b = StoryBuilder()
    b.add_many(analyses)
    return b


def _protest(builder):
    return next(s for s in builder.stories() if "post-protest" in s.articles)


def test_one_story_one_copy_and_the_unrelated_article_apart(builder) -> None:
    stories = builder.stories()
    assert sorted(sorted(s.articles) for s in stories) == [
        ["borna-stadium"], ["gazette-protest", "post-protest", "tribune-protest", "wire-protest"]]
    protest = _protest(builder)
    assert protest.duplicates == [("wire-protest", "post-protest")]
    # The earliest original's headline names the story.
    assert protest.title == TRIBUNE.split("\n", 1)[0]


def test_findings_are_exactly_the_written_disagreements(builder) -> None:
    findings = builder.findings(_protest(builder))
    assert sorted((f.kind, f.subject) for f in findings) == [
        ("blind_spot", "Irena Dask"), ("label", "protest"), ("number", "injured"), ("quote_cut", "Irena Dask"),
        ("role", "Tomas Vell")]
    by_kind = {f.kind: f for f in findings}

    blind = by_kind["blind_spot"]
    missing = [c for c in blind.claims if c.value == "not quoted"]
    assert [c.article for c in missing] == ["gazette-protest"] and missing[0].start is None

    label = by_kind["label"]
    assert {(c.article, c.value) for c in label.claims} == {
        ("tribune-protest", "violent protest"), ("post-protest", "peaceful protest")}
    assert sum(c.value == "violent protest" for c in label.claims) == 3  # headline and twice in the body

    role = by_kind["role"]
    assert {(c.article, c.value) for c in role.claims} == {
        ("tribune-protest", "interior minister"), ("post-protest", "interior minister"),
        ("gazette-protest", "defence minister")}

    injured = by_kind["number"]
    assert {(c.article, c.value) for c in injured.claims} == {("tribune-protest", "12"), ("post-protest", "9")}

    cut = by_kind["quote_cut"]
    values = {c.article: c.value for c in cut.claims}
    assert values["post-protest"] == "full"
    assert values["tribune-protest"].startswith("cut: ") and "tomorrow they will hear us again" in values["tribune-protest"]

    # Every claim with a span points at exactly its text.
    texts = {a.id: a.text for a in ARTICLES}
    for f in findings:
        for c in f.claims:
            if c.start is not None:
                assert texts[c.article][c.start:c.end] == c.text


def test_voices_sides_and_wording(builder) -> None:
    c = builder.compare(_protest(builder))
    gazette = c.voices["River Gazette"]
    assert "irena dask" not in gazette
    assert gazette["anton rusk"].side == "expert"
    assert c.voices["Harbour Post"]["irena dask"].side == "opposition"
    assert c.voices["Harbour Post"]["tomas vell"].side == "government"
    assert c.voices["Harbour Post"]["marta holl"].side == "citizen"
    assert c.wording["Lisk Tribune"]["violent protest"] == 3
    assert c.wording["Harbour Post"]["peaceful protest"] == 2
    dask = [s for s in c.statements if s.speaker == "Irena Dask"]
    assert dask and all("post-protest" in s.versions and "gazette-protest" not in s.versions for s in dask)


def test_label_phrases_leave_titles_to_role_findings() -> None:
    text = ("Strike Shuts Calder Port\n\nThe Deputy Transport Minister called it an illegal strike, "
            "and the transport union said the illegal strike would go on.\n")
    found = label_phrases(Analysis(article=Article(id="a", text=text)), ["strike", "transport"])
    assert [p for _, p, _, _ in found] == ["illegal strike", "illegal strike"]
    assert all(text[s:e].lower() == p for _, p, s, e in found)


def test_export_shapes(builder) -> None:
    stories = list(export_stories(builder))
    assert all(set(s) == {"story", "title", "articles", "duplicates"} for s in stories)
    assert ["wire-protest", "post-protest"] in next(s for s in stories if "post-protest" in s["articles"])["duplicates"]
    findings = list(export_findings(builder))
    assert findings and all(set(f) == {"kind", "story", "subject", "confidence", "explanation", "claims"} for f in findings)
    assert all(set(c) == {"article", "start", "end", "text", "value"} for f in findings for c in f["claims"])
    json.dumps(findings)


def test_jsonl_round_trip_gives_the_same_stories(analyses, builder) -> None:
    rebuilt = StoryBuilder()
    rebuilt.add_many(analysis_from_dict(json.loads(json.dumps(a.to_dict()))) for a in analyses)
    assert [s.to_dict() for s in rebuilt.stories()] == [s.to_dict() for s in builder.stories()]
    assert [f.to_dict() for f in rebuilt.findings(_protest(rebuilt))] == [
        f.to_dict() for f in builder.findings(_protest(builder))]


def test_cli_lists_and_shows_a_story(analyses, tmp_path) -> None:
    from presslens.cli import stories as _  # noqa: F401  (registers the commands)
    from presslens.cli.app import app

    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in analyses))
    runner = CliRunner()
    listed = runner.invoke(app, ["stories", str(results), "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    records = [json.loads(line) for line in listed.output.splitlines()]
    protest = next(r for r in records if "post-protest" in r["articles"])
    shown = runner.invoke(app, ["story", protest["story"], str(results), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert {f["kind"] for f in json.loads(shown.output)["findings"]} >= {"role", "blind_spot", "label"}
    table = runner.invoke(app, ["story", protest["story"], str(results)], terminal_width=200)
    assert table.exit_code == 0 and "Irena Dask" in table.output
    missing = runner.invoke(app, ["story", "nope", str(results)])
    assert missing.exit_code == 1
    # The table lists the stories covered by most outlets first; --limit keeps the top ones.
    top = runner.invoke(app, ["stories", str(results), "--limit", "1"], terminal_width=200)
    assert top.exit_code == 0 and protest["story"] in top.output and "--limit 0 lists all" in top.output
    assert next(r for r in records if r["articles"] == ["borna-stadium"])["story"] not in top.output


# -- units -------------------------------------------------------------------------------------

def test_copy_links_to_the_earliest_original_whatever_the_arrival_order() -> None:
    idx = DuplicateIndex()
    late = _article("late", "B", "2025-05-08", POST)
    early = _article("early", "A", "2025-05-06", WIRE)
    assert idx.add(late) is None
    assert idx.add(early) is None  # earlier dated: it becomes the original
    assert idx.duplicates() == [("late", "early")]
    assert idx.add(_article("other", "C", "2025-05-06", GAZETTE)) is None


def test_roles_conflict_only_when_both_cannot_be_true() -> None:
    assert roles_conflict("foreign minister", "defence minister")
    assert roles_conflict("Transport Minister", "Deputy Transport Minister")
    assert not roles_conflict("information minister", "Venezuelan information minister")
    assert not roles_conflict("union leader", "the leader of the Dockworkers' Union")
    assert not roles_conflict("the Maduro government's foreign minister", "foreign minister")
    assert not roles_conflict("Texas Sen.", "fellow Republican Sen.")
    assert role_parts("Deputy Transport Minister") == ("minister", frozenset({"deputy"}), frozenset({"transport"}))
    # head of state against head of government; a party's president or a deputy premier is another post
    assert roles_conflict("President", "Prime Minister") and roles_conflict("French President", "premier")
    assert not roles_conflict("president of the Unity Party", "Prime Minister")
    assert not roles_conflict("Deputy Prime Minister", "President") and not roles_conflict("President", "president")


def test_story_closes_after_the_window_and_cost_does_not_scan_old_stories() -> None:
    g = StoryGrouper(GroupingConfig(window_days=3.0))

    def f(i: str, day: float) -> Features:
        from collections import Counter
        return Features(i, day, Counter({"lisk": 3, "protest": 2, "fuel": 2}), Counter({"protest": 1}),
                        Counter({"irena dask": 2}))

    first = g.add(f("a", 0))
    assert g.add(f("b", 1)) == first
    assert g.add(f("c", 9)) != first  # the story closed three days after its last article
    # The closed story has left the index: only the live one is a candidate.
    assert [c.id for c in g._candidates(["b:lisk", "e:irena dask"], 9)] == [g.assignment["c"]]


# -- real articles -----------------------------------------------------------------------------

def test_real_articles_run_through(tmp_path) -> None:
    from presslens.analysis.analyze import Analyzer
    from presslens.readers import read_inputs

    names = ["breitbart_2016-07-05_paul-ryan-fbi-decision-not-to-in", "politico_2016-07-05_criminal-charges-against-clinton",
             "politico_2016-07-06_lewandowski-fbi-director-acted-a", "west-journal_2016-07-06_lynch-closes-the-door-on-clinton",
             "wash-post_2016-07-06_understated-perez-raises-politic"]
    paths = [str(next((SHARED / "corpus/polnear").glob(f"*/text/{n}.txt"))) for n in names]
    paths.append(str(SHARED / "seed/000_4c4297302ce758fe.txt"))
    arts = [it[0] for it in read_inputs(paths)]
    analyses = list(Analyzer(techniques=False).analyze_many(arts))
    b = StoryBuilder()
    b.add_many(analyses)
    assert sum(len(s.articles) for s in b.stories()) == len(arts)
    by_id = {a.id: a for a in arts}
    for s in b.stories():
        c = b.compare(s)
        json.dumps(c.to_dict())
        for f in c.findings:
            for cl in f.claims:
                if cl.start is not None:
                    assert by_id[cl.article].text[cl.start:cl.end] == cl.text


def test_the_seed_joins_other_outlets_and_padrinos_title_is_disputed() -> None:
    """The example that started presslens: the seed calls Vladimir Padrino the Maduro
    government's foreign minister; the demo corpus' own reports of that day call him defence
    minister (one repeats the seed's error). All four land in one story, and the disagreement is
    a role finding pointing at each outlet's words, next to the label contrasts for Guaido and
    for the event itself."""
    from presslens.analysis.analyze import Analyzer
    from presslens.cli.web import DEMO_DIR
    from presslens.readers import read_inputs

    seed = SHARED / "seed/000_4c4297302ce758fe.txt"
    paths = [str(seed)] + [str(p) for p in sorted(DEMO_DIR.glob("*2019-04-30*"))]
    arts = [it[0] for it in read_inputs(paths)]
    b = StoryBuilder()
    b.add_many(Analyzer(techniques=False).analyze_many(arts))
    (story,) = [s for s in b.stories() if seed.stem in s.articles]
    assert len(story.articles) == 4
    findings = {(f.kind, f.subject): f for f in b.findings(story)}
    role = findings["role", "Vladimir Padrino"]
    by_article = {c.article: c.value for c in role.claims}
    assert by_article[seed.stem] == "the maduro government's foreign minister"
    assert sorted(by_article.values()).count("defence minister") == 2
    seed_text = seed.read_text(encoding="utf-8")
    (claim,) = [c for c in role.claims if c.article == seed.stem]
    assert seed_text[claim.start:claim.end] == "the Maduro government's foreign minister"
    guaido = {c.value for c in findings["label", "Juan Guaido"].claims}
    assert {"opposition leader", "interim president", "self-proclaimed president"} <= guaido
    assert ("label", "coup / uprising") in findings
    # "President" against "Venezuelan President" is only more specific: no label for Maduro.
    assert ("label", "Nicolas Maduro") not in findings
    # The seed names Jorge Rodriguez "Venezuelan information minister" in a story set in Caracas:
    # his own country's government, not a foreign one.
    seed_voices = b.compare(story).voices[outlet_of(next(a for a in arts if a.id == seed.stem))]
    assert seed_voices["jorge rodriguez"].side == "government"


def test_places_resolve_to_countries() -> None:
    from presslens.stories.places import country_of

    assert country_of("Caracas") == country_of("Venezuelan") == country_of("Venezuela") == "VE"
    assert country_of("the U.S.") == country_of("American") == country_of("Florida") == "US"
    assert country_of("Lisk") is None  # an invented town: sides fall back to comparing names


def test_descriptors_differ_only_by_choice_not_by_detail() -> None:
    def differ(a: str, b: str) -> bool:
        return descriptors_differ(descriptor_words(a, {"hillary", "clinton"}), descriptor_words(b, {"hillary", "clinton"}))

    assert differ("opposition leader", "self-proclaimed president")
    assert differ("Republican nominee", "blowhard billionaire")
    assert not differ("President", "Venezuelan President")
    assert not differ("the opposition politician", "opposition politician")
    assert not differ("Sen.", "the senator from Texas")  # an abbreviation and a home state are details
    assert not differ("R-Fla.", "Florida senator") and not differ("former Democratic congressman", "former congressman")
    assert not differ("Hillary Clinton aide", "aide") and not differ("New Jersey Gov.", "governor")


def test_different_dates_for_the_event_become_a_finding() -> None:
    from presslens.model import Analysis
    from presslens.stories.compare import compare_story
    from presslens.stories.model import Story

    a = _article("a", "Lisk Tribune", "2025-03-12", "Dock strike enters third day\n\nThe dock strike began on March 10, "
                 "and no talks are planned.\n")
    b = _article("b", "Harbour Post", "2025-03-12", "Dockers strike over pay\n\nThe strike, which started on 11 March, "
                 "has closed the port.\n")
    story = Story(id="s", title=a.title, articles=["a", "b"])
    found = [f for f in compare_story(story, [Analysis(article=a), Analysis(article=b)]).findings if f.kind == "date"]
    assert [(f.subject, sorted((c.article, c.value, c.text) for c in f.claims)) for f in found] == [
        ("strike", [("a", "03-10", "March 10"), ("b", "03-11", "11 March")])]


def test_a_minister_named_with_another_country_is_a_foreign_government() -> None:
    from presslens.analysis.analyze import Analyzer
    from presslens.stories.voices import side_of

    text = ("Lisk braces for more protests\n\nPolice in Lisk prepared for a second night of protests. "
            "Shops in Lisk stayed shut.\n\n"
            "Russian foreign minister Sergei Lavrov said the unrest in Lisk was \"an internal matter.\"\n\n"
            "Interior Minister Tomas Vell said order would be restored.\n")
    a = Analyzer(techniques=False).analyze(_article("f", "Lisk Tribune", "2025-05-06", text))
    people = {e.name: e for e in a.entities if e.type == "PERSON"}
    assert side_of(a, people["Sergei Lavrov"], {"lisk"}) == "foreign government"
    assert side_of(a, people["Tomas Vell"], {"lisk"}) == "government"


# A second story written for these tests: an uprising in the invented city of Marsk. The Capital
# Herald and the Valley Times call it an "uprising" of "protesters" against "Dorn's government";
# the Coast Observer calls the same thing a "coup attempt" by "rioters" against "Dorn's regime".
# Each outlet's words fill the same slots (before "against President Ivo Dorn", after "dozens of",
# after "Dorn's"), with no modifier + event word phrase to give the contrast away.
MARSK_HERALD = """Uprising Spreads Through Marsk as Protesters Defy Curfew

An uprising against President Ivo Dorn spread through Marsk on Friday as thousands of protesters defied a night curfew.

The protesters clashed with soldiers near the central station, and at least 14 people were killed, according to hospital staff. Police arrested dozens of protesters overnight.

"We are not afraid any more," said Lina Sorel, a teacher who joined the crowds.

Dorn's government blamed foreign agents for the uprising in Marsk and ordered the army onto the streets. Opposition leader Petra Kallas called on the government to resign.
"""

MARSK_OBSERVER = """Coup Attempt in Marsk Leaves 14 Dead

A coup attempt against President Ivo Dorn shook Marsk on Friday when armed rioters stormed the state broadcaster.

The rioters clashed with soldiers near the central station, and 14 people died in the fighting, officials said. Police arrested dozens of rioters overnight.

Dorn's regime said the coup attempt in Marsk had been organised abroad. Interior Minister Arno Vesk said the regime "will restore order within hours."

Opposition leader Petra Kallas called on the regime to step aside.
"""

MARSK_TIMES = """Marsk Uprising Enters Its Second Night

The uprising against President Ivo Dorn entered its second night in Marsk on Friday, with protesters gathering again outside the state broadcaster.

Protesters clashed with soldiers near the central station, where 14 people were killed. Police arrested dozens of protesters overnight.

"President Dorn has lost the street," said Tomas Ried, a political scientist at Marsk University. Opposition leader Petra Kallas said the uprising in Marsk would go on until Dorn resigned.
"""


@pytest.fixture(scope="module")
def marsk():
    from presslens.analysis.analyze import Analyzer

    arts = [_article("herald-marsk", "Capital Herald", "2025-06-13", MARSK_HERALD),
            _article("observer-marsk", "Coast Observer", "2025-06-13", MARSK_OBSERVER),
            _article("times-marsk", "Valley Times", "2025-06-13", MARSK_TIMES)]
    b = StoryBuilder()
    b.add_many(Analyzer(techniques=False).analyze_many(arts))
    return b


def test_single_word_label_swaps_become_label_findings(marsk) -> None:
    [story] = marsk.stories()
    labels = {f.subject: f for f in marsk.findings(story) if f.kind == "label"}
    # Words the contested-label lexicon knows are reported by its families (confidence 0.65), not
    # as open-vocabulary swaps (0.4): the swap yields to the family finding on the same words.
    assert sorted(labels) == ["coup / uprising", "regime / government", "riot / protest"]
    assert all(f.confidence == 0.65 for f in labels.values())
    texts = {aid: marsk.analyses[aid].article.text for aid in story.articles}
    for f in labels.values():
        for c in f.claims:
            assert texts[c.article][c.start:c.end] == c.text and c.value == c.text.lower()
    sides = {s: {(c.article, c.value) for c in f.claims} for s, f in labels.items()}
    # Both spans: every outlet's own word, and nothing else.
    assert {v for _, v in sides["coup / uprising"]} == {"coup attempt", "uprising"}
    assert {a for a, v in sides["coup / uprising"] if v == "coup attempt"} == {"observer-marsk"}
    assert {a for a, v in sides["riot / protest"] if v == "protesters"} == {"herald-marsk", "times-marsk"}
    assert {a for a, v in sides["riot / protest"] if v == "armed rioters"} == {"observer-marsk"}  # with its modifier
    assert sides["regime / government"] == {("herald-marsk", "government"), ("observer-marsk", "regime")}
    # The Observer's first "coup attempt" is its headline's.
    first = min((c for c in labels["coup / uprising"].claims if c.article == "observer-marsk"), key=lambda c: c.start)
    assert texts["observer-marsk"][first.start:].startswith("Coup Attempt in Marsk")  # its headline's label
    # The open-vocabulary swaps themselves still pair each outlet's word for the same slot.
    from presslens.stories.labels import article_items, label_swaps, story_nouns
    from presslens.stories.people import PeopleIndex

    analyses = [marsk.analyses[a] for a in story.articles]
    people = PeopleIndex(analyses)
    # heads are stems ("upris", "regim": a final e is dropped so "collapse" and "collapsed" are one word)
    items = article_items(analyses, people)
    swaps = sorted(sorted({p.head for p, _ in g}) for g in label_swaps(analyses, items, story_nouns(analyses, items)))
    assert swaps == [["coup", "upris"], ["government", "regim"], ["protester", "rioter"]]
