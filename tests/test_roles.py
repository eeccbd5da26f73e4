"""Role findings on office hierarchies: a top post against a department's or the floor's post, the
heads of two departments, and the paraphrases and loose words for one office that must stay silent.

The titles and the story are invented for this test.
"""
from __future__ import annotations

import pytest

from presslens.model import Article
from presslens.stories.build import StoryBuilder
from presslens.stories.roles import grade, heads_organisation, independence_differs, role_parts, roles_conflict


@pytest.mark.parametrize(("a", "b"), [
    # a top post against a manager of one department
    ("Saltreach managing director", "operations manager at Saltreach"),
    ("chief executive of Brennmoor Foods", "the company's sales manager"),
    ("chief executive of the Tollesk District Hospital", "the hospital's medical director"),
    # the director of a named body against its head of a department
    ("director of the National Archive", "Head of security"),
    ("the archive's director", "head of security"),
    # a director-general is the agency's chief executive, not its chief medical officer
    ("director-general of the Vell Medicines Agency", "the government's chief medical officer"),
    # a union's general secretary is not a shop steward
    ("the union's general secretary", "Shop steward"),
    # nor one of its regional secretaries (a blind split planted this; an earlier round had it silent)
    ("general secretary of the union", "the union's regional secretary"),
    # heads of two departments, or of a service and a department
    ("the plant manager", "Orvane Chemicals' head of safety"),
    ("chief of the Norvale Mine Rescue Service", "the colliery's safety manager"),
    ("plant manager", "safety manager"),
    # heads of two services or agencies
    ("civil protection chief", "police chief"),
    ("head of the Vell Aviation Authority", "Transport Minister"),
    # two grades of one force
    ("Detective Sergeant", "Detective Inspector"),
    ("Capt.", "Colonel"),
    ("the regional health commissioner", "chairman of the Dunmarrow Health Board"),
    # two sides of a court
    ("Judge", "the public prosecutor"),
    ("defence lawyer", "district attorney"),
    # a fire service's chief against a rank under it
    ("County fire chief", "Station commander"),
    ("Chief fire officer", "the watch manager at Brenn fire station"),
    # two different jobs of one body
    ("the mine manager", "Mine owner"),
    ("area flood manager for the Environment Agency", "the Environment Agency's regional director"),
    ("the mission's principal investigator", "Mission director"),
    # a top post against the head of a department named after "head of", or against a staff job
    ("chief executive of the Athletics Integrity Commission", "head of testing at the Athletics Integrity Commission"),
    ("general secretary of the Bakers' Union", "the union's regional organiser for the North"),
    ("Chief executive Marta Quell", "the company's treasurer"),
    # an inspector of one body against a director of another
    ("chief inspector of the Rail Accident Investigation Board", "operations director at Northline Rail"),
    # a town's mayor against a councillor; a union's general secretary against its president
    ("Jonas Brekkestad, the mayor of Lindby", "Local councillor"),
    ("the union's general secretary", "Union president"),
    ("president of the TAWU", "Union general secretary"),
    # a lawyer pleading for one side is not the other side's, nor the head of the body that brings the case
    ("prosecuting", "his barrister"),
    ("prosecuting", "Fire chief"),
    # a police force's ranks above superintendent, written as titles
    ("Commander", "Assistant Commissioner"),
    ("Police Commissioner", "Commander"),
    # in any case where the title names the police
    ("deputy police commissioner for Harrowgate", "the district police commander"),
    ("Deputy police commissioner", "police commissioner"),
    # a party's chief whip is neither its chairman nor its leader
    ("the party's chief whip", "Party chairman"),
    ("Chief whip", "party leader"),
    # an independent professional against a body's own post
    ("independent structural engineer", "the club's safety officer"),
    ("an independent surveyor", "safety manager at Orvane Chemicals"),
    # two past titles of one kind
    ("the former transport minister", "a former finance minister"),
    ("Gov.", "mayor of Brenn"),
])
def test_posts_of_one_hierarchy_that_cannot_both_be_right(a: str, b: str) -> None:
    assert roles_conflict(a, b) and roles_conflict(b, a)


@pytest.mark.parametrize(("a", "b"), [
    # one office in other words
    ("Skellan district police chief", "the district's police chief"),
    ("the police commissioner", "Commissioner"),
    ("the brigade commander", "Police Commissioner"),
    ("the plant's director", "the plant director"),
    ("plant manager", "site manager"),
    ("chief financial officer", "head of finance"),
    ("chief operating officer", "head of operations"),
    ("chief medical officer", "medical director"),
    ("head of engineering", "chief engineer"),
    ("head of the Varnholm fire service", "Varnholm fire chief"),
    # the boss of a body named by its field is its chief executive, not the head of a department
    ("medicines watchdog boss", "the agency's chief executive"),
    ("rail regulator chief", "chief executive of the Orlen Rail Authority"),
    ("director of the National Archive", "the archive's director"),
    ("Varnholm fire chief", "head of the Varnholm fire service"),
    ("chief executive of the Marrowick Port Authority", "Port chief"),
    ("head of Orsk Rail", "chief executive of Orsk Rail"),
    # loose words for a union's officers, and a communications post that speaks for the body
    ("union leader", "shop steward"),
    ("union chief", "regional secretary of the Metalworkers' Federation"),
    ("communications director", "spokesman"),
    ("press manager", "spokeswoman"),
    # one of a company's board, a post no department word names, and offices of a campaign
    ("a director of Saltreach", "head of safety"),
    ("Executive Director", "head of safety"),
    ("director", "chief executive"),
    ("campaign manager", "campaign chairman"),
    # one title naming both jobs, a past job, and "managing director" that a paper may call the manager
    ("owner and manager of the Drumlan pit", "mine owner"),
    ("former mine manager", "mine owner"),
    ("managing director", "the general manager"),
    # a president of a state, a mayor who is a former councillor
    ("President", "president of the United States"),
    ("the mayor of Lindby", "former councillor"),
    # an independent against an unowned post, the same noun said of a body
    ("independent structural engineer", "safety officer"),
    ("independent engineer", "the council's engineer"),
    # "operations" of a military command is no department
    ("commander of special operations", "army general"),
    # one grade said in full or short, a past grade, and "general" or "major" that are no grade
    ("Lt. Col.", "Colonel"),
    ("Major General", "General"),
    ("Detective Chief Inspector", "Inspector"),
    ("former captain", "colonel"),
    ("attorney general", "Sergeant"),
    ("chairman of a major bank", "Captain"),
    ("former prosecutor", "Judge"),
    ("lawyer", "prosecutor"),
    # a past or future title beside a current one; "chief" as an adjective; "home" of a home state;
    # a possessive office word (a curly apostrophe too); a public affairs director speaks for the body
    ("former chairman", "chief executive"),
    ("Republican vice presidential candidate Gov.", "Indiana Gov."),
    ("chief strategist for the party", "party spokesman"),
    ("Deputy Chief of Staff", "Her chief policy aide"),
    ("home-state Gov.", "the governor of Ohio"),
    ("Editor’s note", "President"),
    ("Director of Government Affairs", "spokesman for the union"),
    # a lower-case commander leads something, whatever the rank
    ("the brigade commander", "Colonel"),
    ("Commander", "commander of the policing operation"),
    # one side of a court in other words; a plain lawyer names no side
    ("prosecuting", "Prosecutor"),
    ("defending", "lawyer"),
    # a head of state may also lead the ruling party; a chief whip is a whip
    ("President", "general secretary of the Communist Party"),
    ("chief whip", "whip"),
])
def test_one_office_in_other_words_or_compatible_posts_stay_silent(a: str, b: str) -> None:
    assert not roles_conflict(a, b) and not roles_conflict(b, a)


def test_what_a_role_is_read_as() -> None:
    """A manager's, head's or chief's department is their remit; a plant, a site and the works are one."""
    assert role_parts("operations manager at Saltreach") == ("manager", frozenset(), frozenset({"operations"}))
    assert role_parts("the plant's director")[2] == role_parts("site director")[2] == frozenset({"site"})
    assert role_parts("commander of special operations")[2] == frozenset()
    assert heads_organisation("director of the National Archive") and heads_organisation("managing director")
    assert not heads_organisation("campaign director") and not heads_organisation("a director of the firm")
    assert not heads_organisation("communications director")
    assert grade("Det. Sgt.") == "sergeant" and grade("Lt. Col.") == "colonel" and grade("army general") == "general"
    # a political independent is no independent professional
    assert not independence_differs("independent senator", "the party's whip")
    assert independence_differs("independent structural engineer", "the club's safety officer")
    assert grade("director-general") is grade("general manager") is grade("adviser to a major shareholder") is None


def _role_findings(first: str, second: str) -> list:
    """The role findings of the one story two outlets' articles (headline on the first line) make."""
    from presslens.analysis.analyze import Analyzer

    arts = [Article(id="a", text=first, title=first.split("\n", 1)[0], date="2026-03-02", outlet="North Star"),
            Article(id="b", text=second, title=second.split("\n", 1)[0], date="2026-03-02", outlet="The Ledger")]
    builder = StoryBuilder()
    builder.add_many(Analyzer(techniques=False).analyze_many(arts))
    [story] = builder.stories()
    return [f for f in builder.findings(story) if f.kind == "role"]


def test_a_shop_steward_against_the_general_secretary_is_a_role_finding() -> None:
    """A floor post the analysis's office words miss ("Shop steward Ilka Dorran" opening a sentence) is
    read before the name, and against another outlet's "general secretary" is a role finding; the
    managing director called "Brannock boss" in the other outlet stays silent."""
    first = ("Dockers Walk Out in Brannock\n\nDock workers in Brannock walked out on Monday over pay. Ilka Dorran, "
             "the union's general secretary, said the strike would last a week. Brannock Ports managing director "
             "Tomas Vell said the offer was fair.\n")
    second = ("Brannock Docks Strike Begins\n\nDock workers in Brannock began a strike over pay on Monday.\n\nShop "
              "steward Ilka Dorran told the crowd at the gate that the strike would last a week. Brannock boss "
              "Tomas Vell said the offer was fair.\n")
    roles = _role_findings(first, second)
    [dorran] = [f for f in roles if "Dorran" in f.subject]
    assert {c.text for c in dorran.claims} == {"the union's general secretary", "Shop steward"}
    assert "shop steward" in dorran.explanation
    for c in dorran.claims:
        text = first if c.article == "a" else second
        assert text[c.start:c.end] == c.text
    assert not [f for f in roles if "Vell" in f.subject], roles


def test_a_council_leader_is_not_the_mayor() -> None:
    """The leader of a council is its political head beside the mayor: "Council leader" against "Mayor"
    is a wrong title, the same office in other words is not."""
    assert roles_conflict("Council leader", "Mayor")
    assert roles_conflict("leader of the borough council", "the town's mayor")
    assert not roles_conflict("Council leader", "leader of the council")
    assert not roles_conflict("former council leader", "Mayor")


def test_a_named_body_director_chief_fire_officer_and_chief_constable_are_top_posts() -> None:
    """A museum's director is its head, not the chair of its trustees; the chief fire officer is above a
    group manager of the service; a bare "director" may be any director."""
    assert roles_conflict("museum director", "Chairman of the trustees")
    assert roles_conflict("group manager with Cradley Fire and Rescue Service", "Chief fire officer")
    assert not roles_conflict("museum director", "the museum's director")
    assert not roles_conflict("director", "the cooperative's managing director")
    assert not roles_conflict("Chief Constable", "chief constable of Avon")


def test_two_different_jobs_are_a_less_sure_role_finding() -> None:
    """"the mine manager" against "Mine owner": a role finding at the job posts' lower confidence, with an
    explanation saying that one person may hold both jobs."""
    from presslens.stories.roles import JOB_POST_CONFIDENCE

    first = ("Miners Trapped at Drumlan\n\nFour miners were trapped at the Drumlan pit on Monday. Gideon Tarrant, the "
             "mine manager, said the men were safe in a refuge chamber.\n")
    second = ("Drumlan Pit Drama\n\nFour miners were trapped at the Drumlan pit on Monday. Mine owner Gideon Tarrant "
              "said the men were safe in a refuge chamber.\n")
    [tarrant] = _role_findings(first, second)
    assert tarrant.confidence == JOB_POST_CONFIDENCE and "two different jobs" in tarrant.explanation
    assert {c.text for c in tarrant.claims} == {"the mine manager", "Mine owner"}
