"""Findings a fact-checker can trust: numbers after qualifiers, contested labels, paraphrased offices,
blind spots, quote cuts, confidence and explanation, and the threshold in ``presslens story``.

The story is written for this test: a dam failure in the invented town of Orsk reported by four
invented outlets. What they disagree on is planted; what they say in other words must stay silent.
"""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from presslens.model import Article
from presslens.settings import get_settings
from presslens.stories.build import StoryBuilder

KESTREL = """Dam Collapse Kills 35 in Orsk

A dam collapse killed 35 people in Orsk on Monday, flooding the valley below the reservoir.

Some 4,500 residents were evacuated from villages along the river.

"The inspectors warned us in March, and nobody repaired the spillway," said Mayor Lena Dvorak, standing outside the town hall.

Engineer Paul Grech, chief of the dam authority, said the structure had been checked last year.

Police arrested 12 looters overnight.
"""
BEACON = """Orsk Dam Disaster: Over 50 Dead

Paramedics said over 50 people were killed when the Orsk dam burst on Monday.

Four and a half thousand people were evacuated.

"The inspectors warned us in March," Mayor Lena Dvorak said.

Dam authority head Paul Grech said the dam had passed its last inspection.

A dozen looters were arrested, police said.
"""
HERALD = """Questions Over Orsk Dam After Deadly Failure

Questions grew on Tuesday over the failure of the Orsk dam, which killed 35 people on Monday.

About 4,500 people left their homes.

Mayor Lena Dvorak said in a written statement that the town had warned the regional government about the spillway.

Paul Grech, the chief of the dam authority, said an inquiry would start this week.
"""
COURIER = """Orsk Counts Its Dead After Dam Bursts

The dam above Orsk burst on Monday, killing 35 people.

Around 4,500 residents were moved to schools in the next valley.

The regional governor, Ivo Marek, promised to rebuild the dam and said the state would pay for repairs.

Paul Grech, who heads the dam authority, said the water level had been normal.
"""


def _article(aid: str, outlet: str, text: str) -> Article:
    return Article(id=aid, text=text, title=text.split("\n", 1)[0], date="2026-05-04", outlet=outlet, source=f"{aid}.txt")


ARTICLES = [_article("tribune", "Orsk Tribune", KESTREL), _article("beacon", "Valley Beacon", BEACON),
            _article("herald", "Lake Herald", HERALD), _article("courier", "River Courier", COURIER)]


@pytest.fixture(scope="module")
def findings():
    from presslens.analysis.analyze import Analyzer

    b = StoryBuilder()
    b.add_many(Analyzer(techniques=False).analyze_many(ARTICLES))
    [story] = b.stories()
    return b.findings(story)


def test_number_conflict_after_qualifiers_with_sources_and_times(findings) -> None:
    numbers = [f for f in findings if f.kind == "number"]
    assert [f.subject for f in numbers] == ["dead"]  # 4,500 / four and a half thousand / about 4,500 / 12 / a dozen: silent
    dead = numbers[0]
    values = {c.article: c.value for c in dead.claims}
    assert values["beacon"] == "more than 50" and "35" in {values.get("tribune"), values.get("herald"),
                                                         values.get("courier")}
    assert "cannot both be right" in dead.explanation and "according to Paramedics" in dead.explanation
    assert "in its own voice" in dead.explanation and dead.confidence >= 0.8


def test_paraphrased_office_and_indirect_speech_stay_silent(findings) -> None:
    subjects = {(f.kind, f.subject) for f in findings}
    # "chief of the dam authority" / "Dam authority head" / "who heads": one office, no label finding.
    assert not any(f.kind in ("label", "role") and "Grech" in f.subject and f.confidence >= 0.5 for f in findings)
    # Dvorak is heard in the Herald through a written statement (reported speech): no blind spot there.
    assert not any(f.kind == "blind_spot" and f.subject == "Lena Dvorak" and
                   any(c.article == "herald" and c.value == "not quoted" for c in f.claims) for f in findings)
    assert ("blind_spot", "Lena Dvorak") in subjects  # but the Courier never lets her speak


def test_quote_cut_is_a_direct_quote_kept_short(findings) -> None:
    [cut] = [f for f in findings if f.kind == "quote_cut"]
    values = {c.article: c.value for c in cut.claims}
    assert values["tribune"] == "full" and values["beacon"].startswith("cut: ")
    assert "nobody repaired the spillway" in values["beacon"] and cut.subject == "Lena Dvorak"


def test_every_finding_has_confidence_explanation_and_exact_spans(findings) -> None:
    texts = {a.id: a.text for a in ARTICLES}
    assert [f.confidence for f in findings] == sorted((f.confidence for f in findings), reverse=True)
    for f in findings:
        assert 0 < f.confidence <= 1 and f.explanation
        for c in f.claims:
            if c.start is not None:
                assert texts[c.article][c.start:c.end] == c.text


def test_contested_labels_count_when_used_once() -> None:
    from presslens.analysis.analyze import Analyzer
    from presslens.stories.compare import compare_story
    from presslens.stories.model import Story

    a = _article("a", "North Star", "Coup Attempt Fails in Lessk\n\nA coup attempt by army officers failed in Lessk on "
                 "Monday.\n\nThe army retook the broadcaster, the ministry said.\n")
    b = _article("b", "Valley Times", "Army Uprising Crushed in Lessk\n\nAn uprising by army units was crushed in Lessk "
                 "on Monday.\n\nThe army retook the broadcaster, officials said.\n")
    analyses = list(Analyzer(techniques=False).analyze_many([a, b]))
    found = compare_story(Story(id="s", title=None, articles=["a", "b"]), analyses).findings
    [label] = [f for f in found if f.kind == "label"]
    assert label.subject == "coup / uprising" and {c.value for c in label.claims} >= {"coup attempt", "uprising"}


def test_story_command_hides_findings_under_the_threshold(tmp_path, monkeypatch) -> None:
    from presslens.cli.app import app
    from presslens.settings import get_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for art in ARTICLES:
        (corpus / f"{art.outlet.lower().replace(' ', '-')}_2026-05-04_orsk-dam.txt").write_text(art.text)
    db = f"sqlite:///{tmp_path / 'f.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db, "--workers", "1"]).exit_code == 0
    stories = runner.invoke(app, ["export", "--what", "stories", "--format", "jsonl", "--db", db])
    [story] = [json.loads(line) for line in stories.stdout.splitlines() if line.startswith("{")]
    monkeypatch.setenv("PRESSLENS_FINDING_THRESHOLD", "0.75")
    get_settings.cache_clear()
    try:
        some = json.loads(runner.invoke(app, ["story", story["story"], "--db", db, "--format", "json"]).stdout)
        every = json.loads(runner.invoke(app, ["story", story["story"], "--db", db, "--format", "json", "--all"]).stdout)
    finally:
        get_settings.cache_clear()
    assert len(every["findings"]) > len(some["findings"]) >= 1
    assert all(f["confidence"] >= 0.75 for f in some["findings"])

    # The web story page: findings most confident first with their explanation, the rest behind "show all".
    from fastapi.testclient import TestClient

    from presslens.settings import Settings
    from presslens.web.app import create_app

    monkeypatch.delenv("PRESSLENS_FINDING_THRESHOLD")
    client = TestClient(create_app(db, Settings(finding_threshold=0.75)))
    page = client.get(f"/stories/{story['story']}").text
    everything = client.get(f"/stories/{story['story']}", params={"all": "1"}).text
    hidden = len(every["findings"]) - len(some["findings"])
    assert f"{hidden} less certain finding" in page and "show all" in page
    assert "less certain finding" not in everything
    assert everything.count('class="finding"') > page.count('class="finding"')
    assert "cannot both be right" in page


RATE_A = """Central Bank Lifts Rate in Estavia

The Central Bank of Estavia raised its key rate to 4.75 per cent on Thursday and approved a €2bn rescue package.

Inflation stood at 6.1 per cent.

Warlord Viktor Sorel, whose men hold the northern pass, said the bank was a tool of the capital.

"We welcome it," said Anders Kvist, chief executive of the port authority.
"""
RATE_B = """Estavia Central Bank Raises Main Rate

Estavia's central bank raised its main interest rate to 5.25 per cent on Thursday and approved a €3bn rescue package.

Inflation stood at 6.1 per cent.

Rebel commander Viktor Sorel said the bank served the capital.

"It was overdue," said Anders Kvist, chairman of the port authority.
"""


def test_rates_sums_loaded_titles_and_top_posts_across_outlets() -> None:
    """A key rate and a rescue package aligned by topic (the same inflation figure stays silent),
    a sentence-initial loaded title against another outlet's title, two top posts of one body."""
    from presslens.analysis.analyze import Analyzer

    arts = [Article(id="a", text=RATE_A, title=RATE_A.split("\n", 1)[0], date="2026-02-16", outlet="North Star"),
            Article(id="b", text=RATE_B, title=RATE_B.split("\n", 1)[0], date="2026-02-16", outlet="The Ledger")]
    b = StoryBuilder()
    b.add_many(Analyzer(techniques=False).analyze_many(arts))
    [story] = b.stories()
    found = b.findings(story)
    numbers = {f.subject: f for f in found if f.kind == "number"}
    assert set(numbers) == {"rate: rate", "money EUR: rescue package"}, numbers
    assert {c.text for c in numbers["rate: rate"].claims} == {"4.75 per cent", "5.25 per cent"}
    assert numbers["money EUR: rescue package"].confidence >= 0.5
    assert "cannot both be right" in numbers["rate: rate"].explanation
    sorel = next(f for f in found if f.kind == "label" and "Sorel" in f.subject)
    assert {c.value for c in sorel.claims} >= {"warlord"} and sorel.confidence >= 0.5
    kvist = next(f for f in found if f.kind == "role" and "Kvist" in f.subject)
    assert {c.text for c in kvist.claims} >= {"chief executive of the port authority", "chairman of the port authority"}
    assert 0.5 <= kvist.confidence < 0.8 and "unless the person holds both" in kvist.explanation


def test_a_loaded_title_before_or_read_into_a_name_is_the_outlets_word() -> None:
    """"Warlord Dag Brun" opening a sentence or after "said": the title is claimed, with its span."""
    from presslens.analysis.analyze import Analyzer
    from presslens.stories.roles import loaded_titles

    text = ("Border Post Attacked\n\nWarlord Dag Brun, whose fighters hold the hills, claimed the attack. "
            "Officials said Warlord Dag Brun had fled. \"We will stay,\" said Mayor Ilse Varga.\n")
    a = Analyzer(techniques=False).analyze(Article(id="w", text=text, title="Border Post Attacked"))
    got = loaded_titles(a)
    assert got and all(c.value == "warlord" and text[c.start:c.end] == "Warlord" for _, c in got)
    assert {name for name, _ in got} <= {"Dag Brun"}


def test_one_rule_ranks_and_hides_findings_for_cli_and_web() -> None:
    """``presslens story`` (Finding objects) and the web page (stored dicts) rank and hide by one rule:
    most confident first, a finding without a confidence first and shown, under the threshold hidden."""
    from presslens.stories.model import Finding, shown_findings

    objs = [Finding("label", "s", "a", confidence=0.4), Finding("number", "s", "b", confidence=0.9),
            Finding("role", "s", "c", confidence=None), Finding("date", "s", "d", confidence=0.5)]
    shown, hidden = shown_findings(objs, 0.5)
    assert [f.subject for f in shown] == ["c", "b", "d"] and hidden == 1
    dicts = [f.to_dict() for f in objs]
    shown_d, hidden_d = shown_findings(dicts, 0.5, confidence=lambda f: f.get("confidence"))
    assert [f["subject"] for f in shown_d] == ["c", "b", "d"] and hidden_d == 1
    every, none_hidden = shown_findings(dicts, 0.5, show_all=True, confidence=lambda f: f.get("confidence"))
    assert [f["subject"] for f in every] == ["c", "b", "d", "a"] and none_hidden == 0


def test_sides_follow_the_story_country() -> None:
    """A foreign official is a foreign government, the home country's minister the government."""
    from presslens.analysis.analyze import Analyzer
    from presslens.stories.voices import home_places, side_of

    text = ("Protests Grip Caracas\n\nThousands marched in Caracas on Tuesday. Venezuelan Interior Minister Carla "
            "Mendez said the police had acted lawfully. US Secretary of State Mark Dalton said Washington was "
            "watching closely. Foreign Minister Ana Ruiz of Colombia said her country would keep its border open. "
            "Opposition leader Luis Prado said the marches would go on.\n")
    a = Analyzer(techniques=False).analyze(Article(id="v", text=text, title="Protests Grip Caracas"))
    home = home_places([a])
    sides = {e.name: side_of(a, e, home) for e in a.entities if e.type == "PERSON"}
    assert sides["Carla Mendez"] == "government"
    assert sides["Mark Dalton"] == "foreign government"
    assert sides["Ana Ruiz"] == "foreign government"
    assert sides["Luis Prado"] == "opposition"


def test_date_of_an_act_differs_between_outlets() -> None:
    """A date right after a past participle dates that act: two outlets giving the inspection
    different dates is a date finding with both spans; the same date in other words is not."""
    from presslens.model import Analysis
    from presslens.stories.dates import date_findings

    def analysis(aid: str, outlet: str, text: str) -> Analysis:
        return Analysis(article=Article(id=aid, text=text, title=text.split("\n", 1)[0], outlet=outlet))

    a = analysis("a", "North Star", "Train derails\n\nThe line was last inspected on September 14, the company said.\n")
    b = analysis("b", "The Ledger", "Seven dead in derailment\n\nThe line had last been inspected on September 4.\n")
    c = analysis("c", "Daily Post", "Derailment\n\nThe stretch was inspected on 14 September, officials said.\n")
    [f] = date_findings("s", [a, b], [])
    assert f.kind == "date" and f.subject == "inspected"
    assert {(cl.article, cl.value) for cl in f.claims} == {("a", "09-14"), ("b", "09-04")}
    assert all(x.article.text[cl.start:cl.end] == cl.text for x in (a, b) for cl in f.claims if cl.article == x.article.id)
    assert date_findings("s", [a, c], []) == []


def _two_outlet_findings(first: str, second: str, dates: tuple[str, str] = ("2026-03-02", "2026-03-02")) -> list:
    """The findings of the one story two outlets' articles (headline on the first line) make."""
    from presslens.analysis.analyze import Analyzer

    arts = [Article(id="a", text=first, title=first.split("\n", 1)[0], date=dates[0], outlet="North Star"),
            Article(id="b", text=second, title=second.split("\n", 1)[0], date=dates[1], outlet="The Ledger")]
    b = StoryBuilder()
    b.add_many(Analyzer(techniques=False).analyze_many(arts))
    [story] = b.stories()
    return b.findings(story)


LEAK_A = """Gas Leak Closes Plant in Tarvel

Sensors at the fence showed chlorine levels 40 per cent above the legal limit near the Tarvel works, the
regional agency said on Monday. Businessman Orin Falk, who owns the works, paid Mayor Edda Rusk's campaign
€1.5 million last year, court papers show.

"We are checking every valve," said Edda Rusk, the mayor of Tarvel.
"""
LEAK_B = """Tarvel Chlorine Leak: Levels Far Above Limit

Chlorine levels near the Tarvel works were 90 per cent above the legal limit on Monday, the regional agency
said. The owner's crony Orin Falk paid Edda Rusk's campaign €4.5 million last year, court papers show.

"We are checking every valve," said regional governor Edda Rusk.
"""


def test_topicless_figures_aligned_by_context_territorial_heads_and_plain_titles() -> None:
    """Two rates "above the legal limit" and two sums paid to one campaign, whose topic the parse does
    not name, are aligned by the words around them (a conflict, the words named in the reason); a
    mayor against a regional governor is a role finding; a loaded "crony" against "businessman" is a
    label finding."""
    from presslens.stories.roles import roles_conflict

    found = _two_outlet_findings(LEAK_A, LEAK_B)
    numbers = [f for f in found if f.kind == "number"]
    by_values = {frozenset(c.text for c in f.claims): f for f in numbers}
    rate = by_values[frozenset({"40 per cent", "90 per cent"})]
    assert "chlorine" in rate.explanation and "limit" in rate.explanation and rate.confidence >= 0.5
    money = by_values[frozenset({"€1.5 million", "€4.5 million"})]
    assert "campaign" in money.explanation and "cannot both be right" in money.explanation
    role = next(f for f in found if f.kind == "role" and "Rusk" in f.subject)
    assert {c.text for c in role.claims} >= {"the mayor of Tarvel", "regional governor"}, role.claims
    label = next(f for f in found if f.kind == "label" and "Falk" in f.subject)
    values = {c.value for c in label.claims}
    assert "businessman" in values and any("crony" in v for v in values) and label.confidence >= 0.5
    # Past, future and other titles are no contradiction.
    assert not roles_conflict("former mayor", "governor") and not roles_conflict("mayor-elect", "governor")
    assert not roles_conflict("mayor", "mayor of Tarvel") and roles_conflict("mayor", "governor of the region")


def test_a_later_report_naming_the_earlier_figure_is_no_conflict_and_service_heads_differ() -> None:
    """A toll that "rose to 14, up from the eleven confirmed on Saturday" does not contradict the
    earlier report of eleven; a fire chief against a police commissioner, and a regional minister
    against a town's mayor, are role findings."""
    from presslens.stories.roles import roles_conflict

    first = ("Ferry Sinks Off Vell\n\nAt least eleven people died when a ferry sank off Vell on Saturday, said Fire "
             "chief Ivo Marsk.\n")
    later = ("Ferry Toll Rises\n\nThe death toll from the Vell ferry sinking rose to 14 on Sunday, up from the eleven "
             "confirmed on Saturday, said regional police commissioner Ivo Marsk.\n")
    found = _two_outlet_findings(first, later, ("2026-03-07", "2026-03-08"))
    assert not [f for f in found if f.kind == "number" and f.subject == "dead"], found
    assert any(f.kind == "role" and "Marsk" in f.subject for f in found), found
    assert roles_conflict("regional economy minister", "Brennick's mayor")
    assert not roles_conflict("fire chief", "chief of the regional fire service")
    assert not roles_conflict("Republican National Committee chairman", "party chairman")


def test_staff_posts_department_heads_and_an_operations_director_are_not_the_top_post() -> None:
    """A museum's director against its chief curator, a club's chief executive against its head of
    security, an operations director against a chief executive: wrong titles. A curator against a chief
    curator, a chief executive against the chief executive of the club, or a spokesman against a
    ministry spokesperson are the same post in other words."""
    from presslens.stories.roles import roles_conflict

    assert roles_conflict("museum director", "the museum's chief curator")
    assert roles_conflict("the club's chief executive", "Drustow Athletic's head of security")
    assert roles_conflict("operations director of Solvik Tankers", "chief executive of Solvik Tankers")
    assert roles_conflict("interior minister", "government spokesman")
    assert not roles_conflict("curator", "chief curator")
    assert not roles_conflict("chief executive", "chief executive of the club")
    assert not roles_conflict("spokesman", "ministry spokesperson")
    assert not roles_conflict("head of security", "security chief")
    # a junior post heads nothing; it may still speak for a body
    assert roles_conflict("a junior health official at the council", "director of public health for Vell")
    assert roles_conflict("junior minister", "minister")
    # one post's noun, for the whole or the top against a part or an assistant
    assert roles_conflict("general secretary of the union", "the union's regional secretary")
    assert roles_conflict("the council's chief engineer", "the council's assistant engineer")
    assert not roles_conflict("senior official", "regional official")
    assert not roles_conflict("militant regional secretary", "regional secretary")
    # the officers for technology are top posts; a department's manager is under them
    assert roles_conflict("Brightwell's chief information security officer", "Brightwell IT manager")
    assert not roles_conflict("chief information officer", "head of technology")
    # a department's head under a top post: inspections, the sporting side of a club
    assert roles_conflict("chief medical officer at the MSA", "head of inspections at the MSA")
    assert roles_conflict("Castlebridge's sporting director", "Castlebridge chairman")
    assert not roles_conflict("junior official", "spokesman")


def test_dates_of_one_act_aligned_by_the_words_around_them() -> None:
    """An inspection dated differently by two outlets, with no event word near the date, is a date
    finding whose reason names the shared words."""
    one = ("Ferry Sinks Off Vell\n\nA ferry sank off Vell on Saturday. The Mira Dawn, built in 1990, last passed "
           "a safety inspection on 9 February 2026, according to maritime authority records.\n")
    two = ("Vell Ferry Disaster\n\nA ferry sank off Vell on Saturday. Maritime authority records show the vessel "
           "last passed a safety inspection on 9 November 2025.\n")
    [date] = [f for f in _two_outlet_findings(one, two) if f.kind == "date"]
    assert {c.text for c in date.claims} == {"9 February 2026", "9 November 2025"}
    assert "inspection" in date.explanation and date.confidence >= 0.5


def test_one_count_hedged_and_one_remit_in_other_words_are_no_findings() -> None:
    """"at least 60" or "more than 60" against "60" is one count; a chief information officer is a
    technology chief."""
    from presslens.model import Claim as StatedClaim
    from presslens.stories.numbers import compare_figures
    from presslens.stories.roles import roles_conflict

    def c(value: float, qualifier: str | None = None) -> StatedClaim:
        return StatedClaim(start=0, end=2, text="60", value=value, value_max=None, unit=None, qualifier=qualifier,
                           qualifier_start=None, measure="injured", counted=None, source=None, quote_type=None,
                           when=None, when_start=None, when_end=None)

    assert compare_figures(c(60, "at least"), c(60)) is None and compare_figures(c(60, "more than"), c(60)) is None
    assert compare_figures(c(60, "at least"), c(31)) == "conflict"
    assert not roles_conflict("chief information officer", "the cooperative's technology chief")
    assert roles_conflict("foreign minister", "defence minister")
    # A minister is neither the opposition's spokesman nor a trust's chief executive (unless it was before).
    assert roles_conflict("Finance Minister", "opposition finance spokesman")
    assert roles_conflict("the regional health minister", "chief executive of the Regional Hospital Trust")
    assert not roles_conflict("former minister", "chief executive")


def test_speech_of_others_and_speech_denied_is_not_the_person_speaking() -> None:
    """A sentence naming a person is no sign they spoke when its speech word is another speaker's cue
    ("organisers said he was in meetings"), a thing's ("where it says"), or denied ("has not given an
    interview"); a name ending in an organisation's head word is never a person."""
    from presslens.analysis.analyze import Analyzer
    from presslens.model import Entity
    from presslens.stories.people import PeopleIndex, is_person
    from presslens.stories.voices import speaks_in

    analyzer = Analyzer(techniques=False)

    def speaks(text: str, surname: str) -> bool:
        return speaks_in(analyzer.analyze(Article(id="x", text=text, title=text.split("\n", 1)[0])), surname)

    away = ("Dock Strike\n\nDario Feeney, the union's general secretary, was not at the gate on Tuesday; "
            "organisers said he was in meetings in the capital.\n")
    assert not speaks(away, "Feeney")
    assert speaks(away.replace("organisers said he was in meetings", "he said he would return"), "Feeney")
    silent = ("Eye Drops\n\nThe chief executive, Corinna Vass, has not given an interview since the recall, and "
              "the company refers questions to its website, where it says production is suspended.\n")
    assert not speaks(silent, "Vass")
    assert speaks("Eye Drops\n\nThe chief executive, Corinna Vass, told reporters that production was suspended.\n",
                  "Vass")
    evacuation = "Ammonia Leak\n\nMayor Agnethe Corrow ordered the evacuation of a zone around the plant on Tuesday.\n"
    assert not speaks(evacuation, "Corrow")
    assert speaks(evacuation.replace("ordered the evacuation of a zone around the plant on Tuesday",
                                     "said the evacuation of the zone had gone well"), "Corrow")
    people = PeopleIndex([])
    assert not is_person(Entity(id="e1", name="Corvane Capital", type="PERSON"), people)
    assert not is_person(Entity(id="e2", name="Lindqvar District Hospital", type="PERSON"), people)
    assert is_person(Entity(id="e3", name="Corinna Vass", type="PERSON"), people)
    assert not is_person(Entity(id="e4", name="Quellan Biotherapeutics", type="PERSON"), people)
    # an ORG shaped like a person's name is one only when it opens with a first name
    assert is_person(Entity(id="e5", name="Irena Dask", type="ORG"), people)
    assert not is_person(Entity(id="e6", name="Coastal Safety Directorate", type="ORG"), people)


def test_a_blind_spot_needs_one_outlet_that_hears_the_person_by_name() -> None:
    """Heard only as "she said" in every outlet, a person may be another's pronoun resolved wrongly: no
    blind spot until one outlet hears her by name."""
    from presslens.model import Analysis
    from presslens.stories.people import PeopleIndex
    from presslens.stories.voices import Voice, blind_spots

    texts = {o: f"Charges Dropped\n\nThe inquiry into Dana Lorrimer closed on Tuesday ({o}).\n" for o in "abc"}
    by_id = {o: Analysis(article=Article(id=o, text=t, title="Charges Dropped")) for o, t in texts.items()}
    outlets = {o: [o] for o in "abc"}
    people = PeopleIndex([])

    def voices(named: bool) -> dict:
        return {o: {"dana lorrimer": Voice(name="Dana Lorrimer", count=1, speaks=True, named=named)} for o in "ab"}

    assert blind_spots("s", outlets, voices(False), {}, people, by_id) == []
    [found] = blind_spots("s", outlets, voices(True), {}, people, by_id)
    assert found.subject == "Dana Lorrimer" and any(c.article == "c" and c.value == "not quoted" for c in found.claims)


def test_she_said_right_after_the_sentence_naming_her_hears_her_by_name() -> None:
    """"Leonard Prowse, the club's chairman, issued a statement. "...," he said." is Prowse heard by name
    (the quotation opens the next sentence, no one else named between); with another person named in
    between, or a sentence more, the pronoun is not taken as the name."""
    from presslens.model import Analysis, Entity, Quote, Speaker
    from presslens.stories.voices import _named_just_before

    def named(text: str, other: str | None = None) -> bool:
        start = text.index('"') + 1
        end = text.index('"', start)
        he = text.index("he said")
        ents = [Entity(id="p", name="Leonard Prowse", type="PERSON", mentions=[(text.index("Leonard"),
                                                                                  text.index("Prowse") + 6)])]
        if other:
            ents.append(Entity(id="o", name=other, type="PERSON", mentions=[(text.index(other),
                                                                             text.index(other) + len(other))]))
        quote = Quote(start, end, text[start:end], "direct", speaker=Speaker(he, he + 2, "he", "Leonard Prowse", "p"))
        a = Analysis(article=Article(id="x", text=text, title="t"), entities=ents, quotes=[quote])
        return _named_just_before(a, quote, ents[0])

    text = ('Leonard Prowse, the club\'s chairman, issued a statement on Sunday. "We will ban them for life," '
            'he said.')
    assert named(text)
    assert not named(text.replace("on Sunday.", "on Sunday. Mark Velde agreed."), "Mark Velde")
    assert not named(text.replace("on Sunday.", "on Sunday. The police made four arrests."))


def test_an_outlet_carrying_the_persons_statement_under_another_speaker_is_not_silent() -> None:
    """"Her company put out a statement claiming it was cooperating fully" where two outlets quote her
    saying so: the third outlet carries her words, so it is no blind spot on her."""
    from presslens.model import Analysis
    from presslens.stories.people import PeopleIndex
    from presslens.stories.voices import Voice, blind_spots

    texts = {o: f"Dam Breach\n\nThe dam gave way on Saturday ({o}).\n" for o in "abc"}
    by_id = {o: Analysis(article=Article(id=o, text=t, title="Dam Breach")) for o, t in texts.items()}
    outlets = {o: [o] for o in "abc"}
    voices = {o: {"petra lind": Voice(name="Petra Lind", count=1, speaks=True, named=True)} for o in "ab"}
    assert blind_spots("s", outlets, voices, {}, PeopleIndex([]), by_id)
    assert blind_spots("s", outlets, voices, {}, PeopleIndex([]), by_id, {"Petra Lind": {"a", "b", "c"}}) == []


def test_a_person_speaking_in_the_next_sentence_is_heard() -> None:
    """"Tobias Wrenholt faced angry locals. He said sorry ..." is Wrenholt speaking, so that outlet is
    not silent on him even where the quote extractor found no attribution."""
    from presslens.model import Analysis
    from presslens.stories.voices import speaks_in

    text = ("Spill Meeting\n\nTobias Wrenholt, chief executive of Solvik Tankers, faced angry locals last night. "
            "He said sorry \"from the bottom of my heart\".\n")
    a = Analysis(article=Article(id="a", text=text, title="Spill Meeting"))
    assert speaks_in(a, "Wrenholt")
    b = Analysis(article=Article(id="b", text=text.replace("He said sorry", "Locals booed"), title="Spill Meeting"))
    assert not speaks_in(b, "Wrenholt")
    # Asked to do something, or named beside "according to" someone else, is not speaking.
    c = ("Cyber Attack\n\nThe cooperative's technology chief, Ines Valcourt, has been asked to prepare a report, "
         "according to two people familiar with the matter.\n")
    assert not speaks_in(Analysis(article=Article(id="c", text=c, title="Cyber Attack")), "Valcourt")
    d = c.replace("according to two people familiar with the matter", "according to Valcourt")
    assert speaks_in(Analysis(article=Article(id="d", text=d, title="Cyber Attack")), "Valcourt")
    # A quote closed by "he" right after the sentence naming him is him speaking.
    e = ("Dam Breach\n\nDag Ormerud, director of civil protection, struck a more cautious tone. \"The dam is no "
         "longer at risk,\" he told a briefing.\n")
    assert speaks_in(Analysis(article=Article(id="e", text=e, title="Dam Breach")), "Ormerud")
    assert not speaks_in(Analysis(article=Article(id="f", text=e.replace(" he told a briefing", " the agency posted"),
                                                  title="Dam Breach")), "Ormerud")


def test_a_dateline_is_not_the_date_of_an_act() -> None:
    """"VESTRAAL, May 20 (Newsdesk) - ... tested positive" is the day the report was filed; against
    another outlet's "a sample collected on 3 March tested positive" it is no date finding."""
    first = ("Sprinter Banned\n\nVESTRAAL, May 20 (Halyard Newsdesk) - Calvaran sprinter Ilse Varnhagen has been "
             "suspended after testing positive for tremorolone, the Calvaran Anti-Doping Agency said on Wednesday.\n")
    second = ("Sprinter Banned for Four Years\n\nThe Calvaran Anti-Doping Agency said on Wednesday that sprinter Ilse "
              "Varnhagen's sample, collected on 3 March, tested positive for tremorolone.\n")
    assert not [f for f in _two_outlet_findings(first, second) if f.kind == "date"]


def test_framing_families_for_crowds_and_events() -> None:
    """"Stampede" against "crush" and "mob" against "supporters" are label findings; the tram's speed
    (40 against 65 km/h) and the count taken to hospital (14 against 22) are number findings; an
    outlet that says both "crowd" and "mob" is no contrast on that family."""
    first = ("Stadium Stampede Injures Fans in Velm\n\nA stampede at the Velm stadium gate hurt dozens on Sunday. "
             "Fourteen fans were taken to hospital. An angry mob later gathered outside the club offices. "
             "A tram outside was travelling at about 40 km/h.\n")
    second = ("Crush at Velm Stadium Gate\n\nA crush at the Velm stadium gate hurt dozens on Sunday. Twenty-two "
              "fans were rushed to hospital. About 200 supporters later gathered outside the club offices. A "
              "tram outside was moving at 65 kilometres per hour.\n")
    found = _two_outlet_findings(first, second)
    labels = {f.subject for f in found if f.kind == "label"}
    assert {"stampede / crush", "mob / crowd"} <= labels, found
    numbers = {f.subject: f for f in found if f.kind == "number"}
    assert {"hospitalised", "speed km/h: tram"} <= set(numbers), found
    # The figure is shown with the noun written after it, so a reader sees what was counted.
    assert {c.text for c in numbers["hospitalised"].claims} == {"Fourteen fans", "Twenty-two fans"}
    # "Up to 90" is the figure an outlet gives, so it conflicts with "nearly 60".
    from presslens.model import Claim as Stated
    from presslens.stories.numbers import compare_figures

    assert compare_figures(Stated(0, 2, "90", 90.0, qualifier="up to"), Stated(0, 2, "60", 60.0, qualifier="nearly")) \
        == "conflict"
    both = second.replace("About 200 supporters", "A mob of about 200 supporters")
    assert "mob / crowd" not in {f.subject for f in _two_outlet_findings(first, both) if f.kind == "label"}


def test_counts_of_one_kind_sums_in_named_currencies_and_deputies() -> None:
    """"Pulled 19 batches" against "recalled 14 batches" is a number finding (counts of one kind of
    thing), but two students hurt against 22,000 enrolled is not; a "9 million thaler ransom" against "a
    ransom of 6 million thalers" conflicts; a deputy mayor is not the head of a rescue service, nor a
    vice-president a chairwoman."""
    from presslens.stories.roles import roles_conflict

    first = ("Drops Recalled in Brenn\n\nThe maker pulled 19 batches of eye drops on Monday. Two students were hurt "
             "in a protest outside. Hackers are demanding a 9 million thaler ransom.\n")
    second = ("Eye Drops Recall in Brenn\n\nThe maker recalled 14 batches of eye drops on Monday. The university "
              "has about 22,000 students. The hackers want a ransom of 6 million thalers.\n")
    found = {f.subject: f for f in _two_outlet_findings(first, second) if f.kind == "number"}
    assert "count of batch" in found and "count of student" not in found, found
    ransom = next(f for s, f in found.items() if "ransom" in s)
    assert {c.text for c in ransom.claims} == {"9 million thaler", "6 million thalers"}
    assert roles_conflict("Kestrava deputy mayor", "head of the Vell Alpine Rescue Service")
    assert roles_conflict("vice-president of the Coastal Fishers' Federation", "chairwoman of the association")
    assert not roles_conflict("deputy mayor", "mayor's deputy") and not roles_conflict("vice-chair", "vice-chairwoman")
    assert roles_conflict("chief executive of Skarnvale Hydro", "Skarnvale Hydro's chief engineer")
    # A count far from the other outlet's ("90,000 homes without water") is another set, not a second
    # figure for the swamped homes.
    third = first.replace("Two students were hurt in a protest outside.",
                          "Nearly 500 homes were swamped and 90,000 homes lost water.")
    fourth = second.replace("The university has about 22,000 students.", "About 340 homes were flooded.")
    homes = [f for f in _two_outlet_findings(third, fourth) if f.subject == "count of home"]
    assert homes and {c.text for c in homes[0].claims} == {"500 homes", "340 homes"}, homes
    # A tabloid's "more than 1,000 homes" against a wire's "about 380 homes" (2.6 times) is still one
    # count told two ways; seven homes against 90 is two sets.
    fifth = first.replace("Two students were hurt in a protest outside.", "More than 1,000 homes were swamped.")
    sixth = second.replace("The university has about 22,000 students.", "About 380 homes were flooded.")
    homes = [f for f in _two_outlet_findings(fifth, sixth) if f.subject == "count of home"]
    assert homes and {c.text for c in homes[0].claims} == {"1,000 homes", "380 homes"}, homes
    seventh = first.replace("Two students were hurt in a protest outside.", "Seven homes were swamped.")
    eighth = second.replace("The university has about 22,000 students.", "Some 90 homes were flooded.")
    assert not [f for f in _two_outlet_findings(seventh, eighth) if f.subject == "count of home"]


_PLANT_FULL = ('Plant To Shed Jobs\n\nChief executive Casimir Oduya said: "This was the hardest decision I have taken, '
               'and it was not taken lightly or for the sake of the share price."\n')


@pytest.mark.parametrize(("first", "second", "dropped"), [
    # the middle clause dropped, the rest kept word for word
    ('Port Strike Talks Stall\n\nPort director Mattias Quenvelde said: "We have made a fair offer, it has been on the '
     'table for three weeks, and we will not negotiate through the newspapers."\n',
     'Port Boss Digs In\n\nPort director Mattias Quenvelde said: "We have made a fair offer and we will not negotiate '
     'through the newspapers."\n', "on the table for three weeks"),
    # the quote ended inside a clause the other outlet quotes whole
    (_PLANT_FULL, 'Axe Falls\n\nChief executive Casimir Oduya said: "This was the hardest decision I have taken, and it '
     'was not taken lightly."\n', "for the sake of the share price"),
])
def test_words_dropped_from_a_direct_quote_are_a_quote_cut(first: str, second: str, dropped: str) -> None:
    """One outlet quotes the whole sentence; the other drops a middle clause or the end of a clause,
    keeping the rest word for word: a quote cut naming the dropped words."""
    cuts = [f for f in _two_outlet_findings(first, second) if f.kind == "quote_cut"]
    assert cuts and dropped in cuts[0].explanation, cuts


def test_whole_sentences_left_out_are_listed_below_the_threshold() -> None:
    """One outlet quotes two sentences, the other one of them and another sentence of the speaker's: which
    sentences to quote is often a choice, so the cut is listed with ``--all`` but not shown; the end of a
    sentence cut off ("We have lost everything downstairs" without "the sofa and the toys") stays shown."""
    full = ('Flood Hits Ostwick\n\nResident Kay Ormsby said: "We were told this would never happen again. We have '
            'lost everything downstairs, the sofa and the toys."\n')
    other = ('Ostwick Under Water\n\nResident Kay Ormsby said: "We were told this would never happen again." She '
             'added: "I would like to know what the design was based on."\n')
    [cut] = [f for f in _two_outlet_findings(full, other) if f.kind == "quote_cut"]
    assert cut.confidence < get_settings().finding_threshold and "whole sentences" in cut.explanation
    # A cut inside a sentence is shown (see test_words_dropped_from_a_direct_quote_are_a_quote_cut).
    inside = other.replace('"We were told this would never happen again."', '"We were told this would never happen '
                                                                           'again. We have lost everything downstairs."')
    [cut] = [f for f in _two_outlet_findings(full, inside) if f.kind == "quote_cut"]
    assert cut.confidence >= get_settings().finding_threshold and "the sofa / and the toys" in cut.explanation


def test_a_statement_quoted_in_two_pieces_is_one_statement() -> None:
    """One outlet quotes the judge in two pieces around "she told him"; the other runs the second half of
    the first piece on into the second piece, dropping "I accept that you did not set out to steal": a
    cut of the first clause, found although no single quote of the first outlet holds both pieces."""
    full = ('Fraudster Jailed\n\nJudge Miriam Okonjo jailed Rupert Vallance for nine years. "I accept that you did not '
            'set out to steal, but by the summer of 2021 you knew the returns were invented," she told him. "You '
            'continued to take money from people who could not afford to lose it."\n')
    cut = ('Conman Caged\n\nJudge Miriam Okonjo jailed Rupert Vallance for nine years, telling him: "By the summer of '
           '2021 you knew the returns were invented. You continued to take money from people who could not afford '
           'to lose it."\n')
    [found] = [f for f in _two_outlet_findings(full, cut) if f.kind == "quote_cut"]
    assert "i accept that you did not set out to steal" in found.explanation
    assert found.confidence >= get_settings().finding_threshold


def test_a_few_words_run_into_the_reports_sentence_are_no_piece_of_the_next_quote() -> None:
    """'told the paper his officers had shown "great patience". "We gave ..."': with no attribution between,
    the two quotes are two statements, so another outlet quoting only the second has cut nothing."""
    first = ('Eviction on Mill Row\n\nCommander Ines Varga told the Post her officers had shown "great patience". '
             '"We gave people every chance to leave. When officers were attacked, they responded," she said.\n')
    second = ('Mill Row cleared\n\nCommander Ines Varga spoke to reporters. "We gave people every chance to leave. '
              'When officers were attacked, they responded," Varga said.\n')
    assert [f for f in _two_outlet_findings(first, second) if f.kind == "quote_cut"] == []


def test_the_cut_quote_shown_is_the_piece_next_to_the_words_left_out() -> None:
    """Both outlets quote the tram chief in two pieces; the second outlet ends the second piece early. The
    finding's cut claim is that second piece, where the words are missing, not the longer first one."""
    first = ('Tram Line Late\n\n"The delay is frustrating for everyone who was counting on this line," Imogen Strand '
             'said. "We will not be asking passengers to pay more, at least not before the line opens."\n')
    second = ('Tram Fiasco\n\n"The delay is frustrating for everyone who was counting on this line," Imogen Strand '
              'said. "We will not be asking passengers to pay more."\n')
    [cut] = [f for f in _two_outlet_findings(first, second) if f.kind == "quote_cut"]
    assert "at least not before the line opens" in cut.explanation
    assert [c.text for c in cut.claims if c.article == "b"] == ["We will not be asking passengers to pay more."]


def test_whole_sentences_are_judged_on_the_outlets_own_quote() -> None:
    """A sentence none of whose clauses the outlet's own quote holds was not quoted at all (a choice of
    sentences), even when the outlet paraphrased a clause of it or quotes its words elsewhere; a sentence
    with one clause in the quote was cut inside."""
    from presslens.stories.statements import whole_sentences

    full = ("The ground could not have been foreseen. We found the problem, we reported it, and we have worked "
            "around the clock since.")
    cut = ["we found the problem", "we reported it"]
    assert whole_sentences(full, ["The ground could not have been foreseen,"], cut)
    assert not whole_sentences(full, ["The ground could not have been foreseen,", "We have worked around the clock"],
                               cut)


def test_a_paraphrase_of_a_quote_is_no_cut() -> None:
    """Reported speech of the same words is the reporter's wording, not a cut quote."""
    third = ('Axe Falls\n\nChief executive Casimir Oduya said the decision was the hardest he had taken and was not '
             'taken lightly.\n')
    assert not [f for f in _two_outlet_findings(_PLANT_FULL, third) if f.kind == "quote_cut"]


def test_words_lifted_into_reported_speech_are_no_cut_of_what_the_frame_rewords() -> None:
    """One outlet quotes "We believe that together we can rebuild that confidence quickly"; the other
    reports that she believed the two banks could "rebuild that confidence quickly": its own words
    reword the start, so nothing was cut. Quoting the same sentence without its start is a cut."""
    first = ('Bank Rescued\n\nNorlund chief executive Katrin Solberg said the deal made sense. "Harwick has loyal '
             'customers and a strong regional network," Solberg said. "We believe that together we can rebuild that '
             'confidence quickly."\n')
    second = ('Harwick Sold\n\nKatrin Solberg, Norlund\'s chief executive, said the branches would stay open. '
              '"Harwick has loyal customers and a strong regional network," Solberg said. She added that she believed '
              'the two banks could "rebuild that confidence quickly".\n')
    assert not [f for f in _two_outlet_findings(first, second) if f.kind == "quote_cut"]
    cut = second.replace('She added that she believed the two banks could "rebuild that confidence quickly".',
                         'She added: "Together we can rebuild that confidence quickly."')
    [found] = [f for f in _two_outlet_findings(first, cut) if f.kind == "quote_cut"]
    assert "we believe that" in found.explanation


def test_two_speakers_quotes_of_equal_length_are_two_statements() -> None:
    """A judge's sentence and a lawyer's of exactly the same length share no words in order: two
    statements, even when one outlet's quote of the judge lost its speaker (it may join the judge's
    statement or the lawyer's, never both into one)."""
    from presslens.model import Quote
    from presslens.stories.statements import _norm, _Q, _same_statement

    judge = "the defendant betrayed the trust of the citizens who elected him but this court is not persuaded"
    lawyer = "we believe the court has drawn conclusions the evidence does not support and we will win the appeal"
    lawyer = lawyer[:len(judge)]
    assert len(judge) == len(lawyer)
    quote = Quote(0, 10, judge, "direct")
    one, other = _Q("a", "North Star", quote, None, _norm(judge)), _Q("b", "The Ledger", quote, "mirela sand",
                                                                         _norm(lawyer))
    assert not _same_statement(one, other)
    assert _same_statement(one, _Q("b", "The Ledger", quote, "lorenz abt", _norm(judge)))


def test_a_loaded_word_against_an_outlet_that_avoids_it() -> None:
    """The tabloid says "poison cloud" (and also "leak"), the other paper only "ammonia leak": a loaded
    word one outlet avoids, shown with the noun before it; what the outlet "can reveal" is its own
    voice; "rabble-rouser" is no rabble."""
    first = ("Ammonia Leak Forces Evacuation in Lisk\n\nAn ammonia leak at a fertiliser plant in Lisk forced 1,200 "
             "people from their homes on Tuesday, officials said. The rabble-rouser councillor Edda Morn blamed the "
             "owners.\n")
    second = ("Poison Cloud Horror in Lisk\n\nThe North Star can reveal that the plant failed two inspections. A poison "
              "cloud drifted over Lisk on Tuesday after the leak at a fertiliser plant, and 1,200 people fled their "
              "homes. Cowboy operators ran the site, which held huge crowds of tanks.\n")
    labels = {f.subject: f for f in _two_outlet_findings(first, second) if f.kind == "label"}
    assert "poison cloud / leak" in labels, labels
    # the headlines' words, the word before each left out: a headline's capitalised word may be its verb;
    # past a headline, the first use in the body too ("poison cloud"; the wire's lead, the officials' words
    # reported without quotation marks, is the wire's paraphrase: "ammonia leak")
    # the tabloid's other loaded words ("Horror", "Cowboy" operators) join its finding
    assert {c.text for c in labels["poison cloud / leak"].claims} == {"Leak", "ammonia leak", "Poison Cloud",
                                                                       "poison cloud", "Horror", "Cowboy"}
    assert labels["poison cloud / leak"].confidence == 0.6
    assert "mob / crowd" not in labels


def test_a_family_word_far_down_a_report_names_background_not_the_event() -> None:
    """A tabloid's "riot" against a wire's "demonstrations" used once, far below the lead, of protests
    earlier in the season, is no label finding; the wire's "protest" in its lead is."""
    tabloid = ("Riot Wrecks Rovers Game\n\nA full-scale riot forced the Rovers match against Dunmere at Quarry Lane "
               "to be abandoned on Saturday. Bottles were thrown from the home end and a steward was knocked down. "
               "Referee Owen Blackwood took the players off. Police arrested eleven men.\n")
    wire = ("Rovers Match Abandoned\n\nThe Rovers match against Dunmere at Quarry Lane was abandoned on Saturday after "
            "home fans invaded the pitch. Bottles were thrown from the home end and a steward was knocked down.\n\n"
            "Referee Owen Blackwood led both teams to the tunnel in the 78th minute, with Dunmere two goals ahead and "
            "the away supporters kept in their stand by a line of stewards until the ground was cleared.\n\n"
            "Police said eleven men had been arrested for offences including pitch encroachment and throwing "
            "missiles, and that officers would study video footage from the stadium cameras this week.\n\n"
            "The Caledon League said it had opened an investigation and would decide in due course whether the "
            "match would be replayed or the result allowed to stand.\n\n"
            "Rovers supporters have staged a series of demonstrations this season against the owners.\n")
    assert not [f for f in _two_outlet_findings(tabloid, wire) if f.subject == "riot / protest"]
    lead = wire.replace("after home fans invaded the pitch", "after a protest by home fans spilled onto the pitch")
    assert [f for f in _two_outlet_findings(tabloid, lead) if f.subject == "riot / protest"]


def test_reported_speech_must_report_a_statement() -> None:
    """An act or an intention read as an attribution is no speech: "called a halt to [the game]" (a few
    words past the cue's own object), "vowed [to fight on]"; "promised [emergency funds]" and "said [the
    strike would go on]" are."""
    from presslens.model import Cue, Quote
    from presslens.stories.voices import is_speech

    def reported(content: str, lemma: str, gap: int = 1) -> Quote:
        """Reported speech ``gap`` characters after its cue (one: the cue's own object)."""
        start = 10 + gap
        return Quote(start=start, end=start + len(content), text=content, type="indirect",
                     cue=Cue(4, 10, lemma, lemma))

    assert not is_speech(reported("the game", "call", gap=len(" a halt to ")))
    assert not is_speech(reported("to fight on", "vow"))
    assert is_speech(reported("emergency funds", "promise"))  # "promised [emergency funds]": a pledge
    assert is_speech(reported("the strike would go on", "say"))


def test_a_label_finding_names_the_group_it_labels() -> None:
    """"Cyber-terrorists" against "hackers" names the group the words are about where an article says
    what it calls itself ("a ransomware group known as Black Wren"), so a reader sees who is labelled."""
    tabloid = ("Cyber-Terrorists Plunge Tarrow Into Darkness\n\nCyber-terrorists plunged 20,000 Tarrow homes into "
               "darkness on Saturday, seizing the town's power network and demanding a ransom.\n")
    wire = ("Hackers Shut Down Tarrow Grid\n\nHackers shut down the power network of 20,000 Tarrow homes on Saturday "
            "and demanded a ransom. The energy cooperative said a ransomware group known as Black Wren was behind it.\n")
    [label] = [f for f in _two_outlet_findings(tabloid, wire) if f.kind == "label" and "hackers" in f.subject]
    assert label.subject == "cyber-terrorists / hackers (Black Wren)"


def test_an_unplaced_she_said_keeps_an_outlet_from_being_called_silent() -> None:
    """An outlet whose "she said" the resolver could not place may be hearing the woman others quote:
    it is not called silent on her; a "he said" does not stand for her."""
    from presslens.model import Analysis, Cue, Quote, Speaker
    from presslens.stories.voices import _unplaced_pronoun_speech

    def said(pronoun: str) -> Analysis:
        text = f'Tram Delay\n\n"The delay is frustrating," {pronoun} said.\n'
        q = Quote(start=13, end=39, text="The delay is frustrating,", type="direct", cue=Cue(0, 1, "said", "say"),
                  speaker=Speaker(start=0, end=1, text=pronoun, name=pronoun, entity_id=None))
        return Analysis(article=Article(id="a", text=text, title="Tram Delay"), quotes=[q])

    assert _unplaced_pronoun_speech(said("she"), "female") and _unplaced_pronoun_speech(said("she"), None)
    assert not _unplaced_pronoun_speech(said("he"), "female")
    # Right after "The outgoing mayor said ...", the "she said" is the mayor's, not a hidden named woman's.
    text = 'Tram Delay\n\nThe outgoing mayor said the line was late. "The delay is frustrating," she said.\n'
    mayor = Quote(start=36, end=53, text="the line was late", type="indirect", cue=Cue(31, 35, "said", "say"),
                  speaker=Speaker(start=12, end=30, text="The outgoing mayor", name="The outgoing mayor",
                                  entity_id=None, kind="unnamed"))
    she = Quote(start=56, end=81, text="The delay is frustrating,", type="direct", cue=Cue(87, 91, "said", "say"),
                speaker=Speaker(start=83, end=86, text="she", name="she", entity_id=None))
    described = Analysis(article=Article(id="a", text=text, title="Tram Delay"), quotes=[mayor, she])
    assert text[12:30] == "The outgoing mayor" and text[83:86] == "she" and text[56:81] == she.text
    assert not _unplaced_pronoun_speech(described, "female")


def test_words_of_the_story_name_do_not_align_sums_by_context() -> None:
    """Two outlets' topicless sums whose sentences share only the story's name ("Pell Heath tram
    extension line", in both headlines) and a verb are not aligned as one sum."""
    wire = ("Pell Heath tram extension delayed\n\nThe Pell Heath tram extension line was approved with £210 million "
            "in 2022.\n")
    paper = ("Pell Heath tram extension runs late\n\nThe Pell Heath tram extension line was approved with £76 million "
             "on Tuesday.\n")
    assert not [f for f in _two_outlet_findings(wire, paper) if f.kind == "number" and "context" in f.subject]


def test_an_outlets_own_loaded_words_against_how_the_others_headline_the_event() -> None:
    """"Fiasco" in the tabloid's headline and lead, which the wire never says, stands against the wire's
    headline ("delayed") with the actor the word belittles ("fat cats at Brenmoor Rail": how the wire
    describes Brenmoor Rail); one "nightmare" in a headline is a flourish, not the outlet's frame; a
    word the other outlet also uses, even in a quote, is no finding."""
    wire = ("Pell Tram Line Delayed by a Year\n\nThe Pell tram line will open a year late, the city's transport "
            "office said on Tuesday. Brenmoor Rail, the line's main contractor, blamed flooding at the depot.\n")
    tabloid = ("TRAM FIASCO: Pell line a year late\n\nThe Pell tram fiasco deepened on Tuesday as the city admitted "
               "the line would open a year late. The fat cats at Brenmoor Rail blamed the weather.\n")
    [label] = [f for f in _two_outlet_findings(wire, tabloid) if f.subject.startswith("loaded words")]
    texts = {c.text for c in label.claims}
    assert {"FIASCO", "fat cats", "Pell Tram Line Delayed by a Year"} <= texts, texts
    assert any(t.startswith("Brenmoor Rail, the line's main contractor") for t in texts), texts
    assert label.confidence == 0.55 and "no other outlet" in label.explanation
    flourish = tabloid.replace("TRAM FIASCO", "TRAM NIGHTMARE").replace("tram fiasco deepened", "tram delay grew") \
        .replace("The fat cats at", "Engineers at")
    assert not [f for f in _two_outlet_findings(wire, flourish) if f.subject.startswith("loaded words")]
    quoted = wire.replace("blamed flooding at the depot.", 'blamed flooding. "This is no fiasco," it said.')
    assert not [f for f in _two_outlet_findings(quoted, tabloid.replace("The fat cats at", "Engineers at"))
                if f.subject.startswith("loaded words")]


def test_loaded_words_side_holds_the_others_event_noun_and_a_headline_swap_its_modifier() -> None:
    """"Mutiny" for a walkout, in the tabloid's headline and lead, stands against the wire's headline
    and the sentence naming the event by its noun ("the walkout", kept where reported speech says it);
    a headline swap shows the word before the swapped one ("data breach")."""
    wire = ("Nurses at Kelbury hospital to stage walkout over pay\n\nNurses at Kelbury Hospital will strike for "
            "two days from Thursday, their union said. The walkout will close two wards, managers said.\n")
    tabloid = ("UNION MUTINY: wards to shut\n\nNurses at Kelbury Hospital are set to down tools from Thursday in "
               "a union mutiny that will shut two wards. Bosses said the mutiny was reckless.\n")
    [label] = [f for f in _two_outlet_findings(wire, tabloid) if f.subject.startswith("loaded words")]
    assert any(c.text.startswith("The walkout will close") for c in label.claims), label.claims
    from presslens.analysis.analyze import Analyzer
    from presslens.stories.labels import headline_swaps

    texts = {"a": ("Energy firm admits data breach\n\nBrightline said a data breach hit its customers.\n", "Wire A"),
             "b": ("Regulator probes data breach at Brightline\n\nThe data breach exposed customers.\n", "Wire B"),
             "c": ("Brightline hit by cyber heist\n\nA cyber heist hit Brightline customers.\n", "Tabloid")}
    an = list(Analyzer(techniques=False).analyze_many(
        [Article(id=k, text=t, title=t.split("\n", 1)[0], date="2026-03-02", outlet=o, source=f"{k}.txt")
         for k, (t, o) in texts.items()]))
    [swap] = headline_swaps("s", an, [])
    assert {c.text for c in swap.claims if c.article != "c"} == {"data breach"}, swap.claims


def test_the_coming_day_of_a_plan_reported_on_two_days_and_a_first_date_against_a_first_date() -> None:
    """"Will stage a walkout from Thursday" (Tuesday's report) against "set to down tools from Friday"
    (Wednesday's) are two days for one plan; "would" and a day past a clause break are not read. A
    calendar date is aligned with a calendar date of the same words ("first ... ill ... October 2"
    against "first cases ... October 9"), not tied with a weekday read from the article's date."""
    wire = ("Kelbury nurses to strike\n\nAbout 1,400 nurses at Kelbury General Hospital will stage a walkout "
            "from Thursday over pay, their union said.\n")
    tabloid = ("Nurses mutiny\n\nMore than 2,000 nurses at Kelbury General Hospital are set to down tools "
               "from Friday over pay.\n")
    [date] = [f for f in _two_outlet_findings(wire, tabloid, ("2025-09-16", "2025-09-17")) if f.kind == "date"]
    assert {c.value for c in date.claims} == {"2025-09-18", "2025-09-19"}, date.claims
    from presslens.model import Analysis
    from presslens.stories.dates import _RELATIVE_DAY, _relative_day

    def day(text: str) -> tuple[int, int, int] | None:
        a = Analysis(article=Article(id="x", text=text, date="2025-09-16"))
        return _relative_day(a, next(_RELATIVE_DAY.finditer(text)))

    assert day("The union will strike from Thursday.") == (2025, 9, 18)
    assert day("The union would strike from Thursday.") is None
    assert day("The board will review the crash, which happened on Sunday.") is None
    assert day("The crash happened on Sunday.") == (2025, 9, 14)
    assert day("He could make his debut at home on Saturday.") is None  # a possibility: which Saturday?
    assert day("He may make his debut at home on Saturday.") is None
    assert day("Their 3 May strike date was dropped and the crash happened on Sunday.") == (2025, 9, 14)  # the month
    from presslens.stories.dates import _planned_year

    def year(text: str) -> int | None:
        a = Analysis(article=Article(id="x", text=text, date="2025-09-09"))
        return _planned_year(a, text.index("by "), 12 if "December" in text else 3)

    assert year("Hartwell's will shut the doors by December.") == 2025
    assert year("The firm is set to close the plant by March.") == 2026
    assert year("The plant closed by March.") is None  # no plan: which March is a guess
    first = ("Salmonella outbreak in Tarn\n\nThe first cases among children were reported on October 9, "
             "investigators said. Eleven children were ill in hospital on Thursday.\n")
    second = ("Tarn epidemic\n\nThe first children fell ill as long ago as October 2.\n")
    dates = [f for f in _two_outlet_findings(first, second, ("2025-10-17", "2025-10-17")) if f.kind == "date"]
    assert any({c.text for c in f.claims} == {"October 9", "October 2"} for f in dates), dates


def test_a_time_on_a_named_day_against_a_time_in_the_next_days_report() -> None:
    """"Hit rocks off Creel at around 8.40am on Monday" (Wednesday's report) against "struck the reef off
    Creel shortly after 7.40am" (Tuesday's, which dates the grounding Monday): one act's time, told two
    ways; a time in a report that never states that day is not compared."""
    first = ("Ferry runs aground off Creel\n\nThe ferry Saltmarsh Star ran aground off Creel on Monday. The "
             "ferry, with 212 passengers and crew on board, struck the reef off Creel shortly after 7.40am.\n")
    second = ("Investigators board stranded ferry\n\nThe Saltmarsh Star, with 212 passengers and crew on board, "
              "hit rocks off Creel at around 8.40am on Monday.\n")
    dates = [f for f in _two_outlet_findings(first, second, ("2025-05-20", "2025-05-21")) if f.kind == "date"]
    assert any({c.value for c in f.claims} == {"07:40", "08:40"} for f in dates), dates
    undated = first.replace(" on Monday. The", ". The")
    dates = [f for f in _two_outlet_findings(undated, second, ("2025-05-20", "2025-05-21")) if f.kind == "date"]
    assert not any({c.value for c in f.claims} == {"07:40", "08:40"} for f in dates), dates


def test_a_word_the_cut_quote_keeps_elsewhere_is_no_paraphrase_of_the_dropped_clause() -> None:
    """The cut version keeps "knew exactly what they were looking for" and drops "and exactly how long
    they had": the shared "exactly" belongs to the clause it kept, so the second clause is cut, not
    reworded."""
    full = ('Archive theft\n\nThieves took six maps from the Corvenna archive. "We believe the people responsible '
            'knew exactly what they were looking for and exactly how long they had," said Detective Inspector '
            'Bertil Hanmarrow.\n')
    cut = ('Maps stolen from archive\n\nThieves took six maps from the Corvenna archive. Detective Inspector Bertil '
           'Hanmarrow described the theft as planned. The people responsible, he said, "knew exactly what they '
           'were looking for".\n')
    cuts = [f for f in _two_outlet_findings(full, cut) if f.kind == "quote_cut"]
    assert cuts and "how long they had" in cuts[0].explanation, cuts


def test_a_hedged_figure_and_an_exact_one_it_allows_within_rounding_are_one_figure() -> None:
    """"More than 8,000" fans against "8,200" fans: one count, hedged and rounded, no finding; "at least
    23" dead against "29" still differs."""
    def crowd(first: str, second: str) -> list:
        return [f for f in _two_outlet_findings(
            f"Fans crush at Harlow stadium\n\n{first} fans were inside the Harlow stadium when the roof fell.\n",
            f"Harlow roof falls on fans\n\n{second} fans were inside the Harlow stadium when the roof fell.\n")
            if f.kind == "number"]

    assert not crowd("More than 8,000", "In all, 8,200")
    assert crowd("At least 6,000", "In all, 8,200")


def test_a_horror_in_the_headline_and_lead_is_a_loaded_word() -> None:
    """"HORROR" in a headline and "the Kessington horror" in the lead against the others' "roof collapse"."""
    wire = ("Kessington Park stadium roof collapses onto fans\n\nA section of the East Stand roof at Kessington Park "
            "stadium collapsed onto fans during the Kessington Rovers match on Saturday, injuring 14 people.\n")
    tabloid = ("KESSINGTON HORROR: stadium roof crashes onto fans\n\nFans fled the Kessington horror on Saturday as a "
               "section of the East Stand roof at Kessington Park stadium crashed down during the Rovers match, "
               "injuring 14 people.\n")
    assert [f for f in _two_outlet_findings(wire, tabloid) if f.subject.startswith("loaded words")]


def _headline_swaps_of(texts: dict[str, tuple[str, str]]) -> list:
    from presslens.analysis.analyze import Analyzer
    from presslens.stories.labels import headline_swaps

    an = list(Analyzer(techniques=False).analyze_many(
        [Article(id=k, text=t, title=t.split("\n", 1)[0], date="2026-01-14", outlet=o, source=f"{k}.txt")
         for k, (t, o) in texts.items()]))
    return headline_swaps("s", an, [])


def test_a_headline_swap_read_from_the_parse_of_headline_and_first_paragraphs() -> None:
    """"Outage" in two headlines (one naming it only later, the other only in its lead paragraph's second
    sentence) against the tabloid's "Grid Collapse", whose lead says "COLLAPSED": the event's noun is read from
    the parse, and "collapse" / "collapsed" are one word. A noun in a headline's "as" clause names a cause, not
    the event: "as inflation bites" against another headline's "inflation" is no swap."""
    texts = {"a": ("Depot fire causes power outage for 80,000 homes in Tarrow\n\nTARROW - A fire at a depot "
                   "left 80,000 homes in Tarrow without electricity on Monday, the operator said.\n\n"
                   "Engineers said the outage began at 7pm.\n", "Wire A"),
             "b": ("Tarrow outage exposes an ageing network\n\nFor five hours on Monday Tarrow went dark. By "
                   "midnight the outage was the worst in a decade.\n", "Paper B"),
             "c": ("TOTAL GRID COLLAPSE: Tarrow freezes\n\nEIGHTY THOUSAND homes froze when the Tarrow grid "
                   "COLLAPSED on Monday.\n\nThe grid collapse began at 7pm.\n", "Tabloid C")}
    [swap] = _headline_swaps_of(texts)
    assert {c.value for c in swap.claims if c.article == "c"} == {"total grid collapse"}, swap.claims
    assert {c.article for c in swap.claims} == {"a", "b", "c"}, swap.claims
    rates = {"a": ("Bank lifts rates as inflation bites\n\nThe bank raised rates on Monday, citing high "
                   "inflation.\n", "Wire A"),
             "b": ("Bank raises rates again as inflation stays high\n\nThe bank raised its rate on Monday "
                   "because of inflation.\n", "Paper B"),
             "c": ("Mortgage bills up as bank hikes rates\n\nMortgage bills will rise after the bank hiked "
                   "rates on Monday.\n", "Tabloid C")}
    assert not _headline_swaps_of(rates)
    debate = {"a": ("Five things to watch in tonight's debate\n\nThe candidates meet in Orlen tonight.\n", "Wire A"),
              "b": ("Protesters to target candidates at tonight's debate\n\nUnions plan to march tonight.\n",
                    "Paper B"),
              "c": ("FIX IS IN: Debate moderators ignore scandals\n\nThe moderators of the debate in Orlen will "
                    "ignore the scandals.\n", "Tabloid C")}
    assert not _headline_swaps_of(debate)  # "tonight" tells when, not what: no word for the event
    sale = {"a": ("Consortium agrees £85 million takeover of Orlen Rovers\n\nA consortium has agreed to buy Orlen "
                  "Rovers for £85 million, the club said.\n", "Wire A"),
            "b": ("ROVERS SOLD! Hedge fund snaps up club for £58 MILLION\n\nOrlen Rovers have been sold for £58 "
                  "million.\n", "Tabloid B"),
            "c": ("Family era ends as consortium buys Orlen Rovers\n\nFor 40 years the family ran Orlen Rovers. That "
                  "era is now over.\n", "Paper C")}
    assert not [f for f in _headline_swaps_of(sale) if "million" in f.subject]  # an amount is no event


def test_a_headline_noun_whose_lead_has_its_verb_is_the_outlets_word() -> None:
    """The tabloid's headline "dawn interception" against the others' "rescue": its lead says the boat "was
    intercepted", the verb of the headline's noun, and its body names "the interception"."""
    texts = {"a": ("Coastguard rescue brings 20 people ashore at Vell Point\n\nThe coastguard brought 20 people "
                   "ashore at Vell Point on Monday after their boat began to sink.\n", "Wire A"),
             "b": ("Hours from sinking: the rescue off Vell Point\n\nThe crew found the boat low in the water. The "
                   "rescue took an hour.\n", "Paper B"),
             "c": ("20 LAND AT VELL: dawn interception\n\nTWENTY people were brought ashore at Vell Point after "
                   "their boat was intercepted on Monday.\n\nThe interception was the third this year.\n",
                   "Tabloid C")}
    [swap] = _headline_swaps_of(texts)
    assert {c.value for c in swap.claims if c.article == "c"} == {"dawn interception"}, swap.claims
    assert swap.subject == "rescue / dawn interception" and "call it “rescue”" in swap.explanation, swap
    assert {c.article for c in swap.claims} == {"a", "b", "c"}, swap.claims
