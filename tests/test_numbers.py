"""Number findings across outlets of one story: counts aligned by what they count, shown with it.

The texts are written for these tests (invented towns, outlets and people).
"""
from __future__ import annotations

from presslens.model import Article
from presslens.stories.build import StoryBuilder


def _findings(*texts: str) -> list:
    """The number findings of the one story the articles make (headline on the first line), each
    article from its own outlet."""
    from presslens.analysis.analyze import Analyzer

    arts = [Article(id=f"a{i}", text=t, title=t.split("\n", 1)[0], date="2026-03-02", outlet=f"Outlet {i}")
            for i, t in enumerate(texts)]
    b = StoryBuilder()
    b.add_many(Analyzer(techniques=False).analyze_many(arts))
    [story] = b.stories()
    return [f for f in b.findings(story) if f.kind == "number"]


def _figures(first: str, second: str, subject: str) -> set[str]:
    """The figures (as shown) of the number finding on ``subject`` of two outlets' articles."""
    found = {f.subject: f for f in _findings(first, second)}
    assert subject in found, found
    return {c.value for c in found[subject].claims}


def test_cases_and_children_in_hospital_of_one_outbreak() -> None:
    """Cases told as "34 cases confirmed" and "more than 60 cases" conflict; five children "in
    hospital" against nine is a conflict of the hospitalised; a part of a group is shown with it."""
    first = ("Fever outbreak in Dunmore schools, 34 cases confirmed\n\nHealth officials in Dunmore said on Monday "
             "that 34 cases of fever had been confirmed. Five children were being treated in hospital.\n")
    second = ("Fever epidemic sweeps Dunmore schools\n\nA fever epidemic has swept through Dunmore schools, with "
              "more than 60 cases and nine children in hospital.\n")
    found = {f.subject: f for f in _findings(first, second)}
    assert {c.value for c in found["count of case"].claims} == {"34", "more than 60"}, found
    assert {c.text for c in found["hospitalised"].claims} == {"Five children", "nine children"}, found


def test_a_part_of_a_group_is_shown_with_the_group() -> None:
    first = "Crash in Keld\n\nEleven of the injured remained in hospital on Monday, officials said.\n"
    second = "Keld Crash\n\nTwenty of the injured remain in hospital, doctors said.\n"
    [f] = _findings(first, second)
    assert {c.text for c in f.claims} == {"Eleven of the injured", "Twenty of the injured"}


def test_a_vague_headline_stands_for_the_figure_its_article_gives() -> None:
    """"Sends Scores to Hospital" over "Around 140 people were taken to hospital" is the outlet's 140,
    which conflicts with another's 41; "scores" alone does not state 41."""
    first = ("Leak Sends Scores to Hospital in Brenmoor\n\nAround 140 people were taken to hospital after ammonia "
             "escaped from a plant in Brenmoor on Wednesday.\n")
    second = ("Ammonia leak in Brenmoor\n\nAmmonia escaped from a plant in Brenmoor on Wednesday, and 41 people were "
              "treated in hospital.\n")
    assert _figures(first, second, "hospitalised") == {"about 140", "41"}


def test_a_small_count_of_a_kind_counts_only_in_both_headlines() -> None:
    """Seven against nine libraries, each outlet's headline figure, conflict; the whole a part is of
    ("seven of its 15 branch libraries") is not a second count of libraries; small counts in the body
    only ("three libraries" / "five libraries") are asides, no finding."""
    first = ("Harrowby council votes to close seven branch libraries\n\nHarrowby Borough Council voted on Tuesday "
             "night to close seven of its 15 branch libraries, saying the closures would save £2.4 million a year "
             "from its library budget.\n")
    second = ("Harrowby council bosses axe NINE libraries\n\nHarrowby Borough Council voted on Tuesday night to "
              "slam the door on nine of the town's libraries, saying the closures would save £2.4 million a year "
              "from its library budget.\n")
    assert _figures(first, second, "count of library") == {"7", "9"}
    third = first.replace("seven branch libraries", "branch libraries").replace(
        "seven of its 15 branch libraries", "branch libraries") + "It shut three libraries in 2010.\n"
    fourth = second.replace("NINE libraries", "libraries").replace(
        "nine of the town's libraries", "libraries") + "It shut five libraries in 2008.\n"
    assert not [f for f in _findings(third, fourth) if f.subject == "count of library"]


def test_a_hedged_count_of_a_kind_differs_but_a_quoted_anecdote_does_not() -> None:
    """"At least 24 vessels" against "By nightfall 31 vessels" (a number the parse hangs on the word
    before it) is a difference; a nurse's "I have 14 patients" in a direct quote against "more than a
    dozen patients" is no finding."""
    first = ("Dockers halt Kelby port\n\nDockworkers at Kelby port began a strike on Monday after rejecting a pay "
             "offer, leaving at least 24 vessels unable to unload, the port authority said.\n")
    second = ("Kelby docks fall silent\n\nDockworkers at Kelby port began a strike on Monday after rejecting a pay "
              "offer. By nightfall 31 vessels were waiting at anchor, according to the Kelby Port Authority.\n")
    assert _figures(first, second, "count of vessel") == {"at least 24", "31"}
    third = ("Nurses strike in Kelby\n\nNurses in Kelby began a strike on Monday over pay. \"On a night shift I have "
             "14 patients,\" said nurse Ana Roos.\n")
    fourth = ("Kelby nurses walk out\n\nNurses in Kelby began a strike on Monday over pay. Nurse Eva Lind said she "
              "cared for more than a dozen patients alone at night.\n")
    assert "count of patient" not in {f.subject for f in _findings(third, fourth)}


def test_a_count_told_for_two_days_is_a_change_over_time() -> None:
    """Four in hospital "on Saturday night" and two "on Monday morning" are one count that fell: a
    finding hidden under the threshold, saying so; a toll that fell by the later day still conflicts."""
    from presslens.settings import get_settings

    first = ("Stand roof falls at Keld ground\n\nPart of a stand roof fell at Keld Park on Saturday. The ambulance "
             "service said four people remained in hospital on Saturday night.\n")
    second = ("Keld roof collapse inquiry\n\nPart of a stand roof fell at Keld Park on Saturday. Two people remained in "
              "hospital on Monday morning, the ambulance service said.\n")
    [f] = _findings(first, second)
    assert f.subject == "hospitalised" and f.confidence < get_settings().finding_threshold
    assert "change over time" in f.explanation and "Saturday night" in f.explanation, f.explanation
    third = ("Bus crash near Keld\n\nA bus crashed near Keld on Saturday. Police said 12 people were killed on "
             "Saturday.\n")
    fourth = ("Keld bus crash\n\nA bus crashed near Keld on Saturday. Police said on Monday morning that nine people "
              "had been killed.\n")
    [g] = _findings(third, fourth)
    assert g.subject == "dead" and g.confidence >= get_settings().finding_threshold, g.explanation
    # parts of one day are one day: a disagreement, not news coming in
    fifth = ("Storm in Keld\n\nA storm hit Keld on Saturday. About 6,000 people were evacuated on Saturday, "
             "officials said.\n")
    sixth = "Keld storm\n\nA storm hit Keld on Saturday. Nearly 9,000 people had been evacuated by Saturday night.\n"
    [h] = _findings(fifth, sixth)
    assert h.subject == "evacuated" and h.confidence >= get_settings().finding_threshold, h.explanation


def test_flows_per_day_in_other_nouns_and_lengths_of_a_compound() -> None:
    """"about 42,000 vehicles a day" against "nearly 60,000 cars a day" conflict as the story's one flow per
    day; "six kilometres of coast" against "three kilometres of coastline" as one length; a five-year
    contract and a 13-year association are two spans, no finding."""
    first = ("Kelby bridge shut\n\nKelby Bridge was shut on Monday. The crossing carries about 42,000 vehicles a day. "
             "Oil spread along three kilometres of coastline. Lena Roe signed a five-year contract.\n")
    second = ("Kelby bridge fiasco\n\nKelby Bridge was shut on Monday. Nearly 60,000 cars a day pour over the span. "
              "Oil spread along six kilometres of coast. Roe ended a 13-year association with the club.\n")
    found = {f.subject: f for f in _findings(first, second)}
    assert {c.text for c in found["count of anything per day"].claims} == {"42,000 vehicles", "60,000 cars"}, found
    assert any(s.startswith("length m: coast") for s in found), found
    assert not any(s.startswith("time") for s in found), found


def test_lead_counts_under_other_nouns() -> None:
    """"About 40 fishing vessels" against "more than 60 trawlers", each its outlet's one count of things in
    its lead, conflict; a count of people in one lead and of things in the other, or a lead with two
    counts of things, aligns nothing."""
    first = ("Fishermen blockade Kelby port over cod quota\n\nKELBY - About 40 fishing vessels blockaded the port of "
             "Kelby on Monday in protest at cod quota cuts.\n\nThe harbour master said ferry traffic had stopped.\n")
    second = ("FISH FURY: Kelby port sealed off\n\nFurious fishermen blockaded the port of Kelby on Monday, lashing "
              "more than 60 trawlers together in protest at the cod quota cuts.\n\nHolidaymakers were left stranded "
              "on the dockside as ferries were turned away.\n")
    [f] = _findings(first, second)
    assert f.subject == "lead count of things" and {c.value for c in f.claims} == {"about 40", "more than 60"}, f
    third = second.replace("lashing more than 60 trawlers together", "with more than 60 crewmen aboard")
    fourth = second.replace("cod quota cuts.", "cod quota cuts. Some 20 ferries were stuck.")
    assert not _findings(first, third) and not _findings(first, fourth)


def test_rainfall_in_millimetres_and_a_forecast_beside_it() -> None:
    """"87mm of rain fell" against "112mm of rain hammered the valley" is one amount of rain told two ways;
    the first outlet's "a further 20-30mm of rain was possible on Monday" is a forecast beside the figure,
    not a second figure that would make the first unsure."""
    first = ("Ostwick flooded\n\nThe River Lenn burst its banks in Ostwick after 87mm of rain fell in a day. The forecast "
             "office said a further 20-30mm of rain was possible on Monday.\n")
    second = ("Ostwick under water\n\nA staggering 112mm of rain hammered the Lenn valley in a day, and the river burst "
              "its banks in Ostwick.\n")
    assert _figures(first, second, "length m: rain") == {"87 mm", "112 mm"}


def test_a_hedged_round_figure_is_the_exact_one_rounded() -> None:
    """"more than 40" is what a writer makes of 43 and "nearly 50" of 48: no finding; a hedge on a figure
    that is not round ("at least 27" against 31), or an exact figure past the next round step ("more than
    40" against 55), is still a difference."""
    from presslens.model import Claim
    from presslens.stories.numbers import compare_figures

    def c(value: float, qualifier: str | None = None) -> Claim:
        return Claim(start=0, end=2, text=str(value), value=value, qualifier=qualifier, measure="injured")

    assert compare_figures(c(40, "more than"), c(43)) is None and compare_figures(c(43), c(40, "more than")) is None
    assert compare_figures(c(50, "nearly"), c(48)) is None
    assert compare_figures(c(27, "at least"), c(31)) == "difference"
    assert compare_figures(c(40, "more than"), c(55)) == "difference"
    assert compare_figures(c(50, "nearly"), c(38)) == "conflict"


def test_lead_counts_of_people_in_the_second_paragraph() -> None:
    """A tabloid's figure opens its second paragraph: "1,900 savers" in one lead against "nearly 3,000
    victims" in the other's second paragraph are the story's count of people (savers are people)."""
    first = ("Kestrel Yield founder Tomas Vell jailed for nine years over Kelby pension fraud\n\nKestrel Yield founder "
             "Tomas Vell was jailed for nine years at Kelby Crown Court on Thursday for defrauding 1,900 savers of "
             "their pensions.\n\nThe judge said the Kestrel Yield scheme was cruel.\n")
    second = ("CAGED: Kestrel Yield conman Tomas Vell jailed for nine years over pension fraud\n\nThe villa-owning "
              "Kestrel Yield conman was behind bars at Kelby last night.\n\nTomas Vell lured nearly 3,000 victims "
              "into his pension fraud, Kelby Crown Court heard.\n")
    assert _figures(first, second, "lead count of people") == {"1,900", "nearly 3,000"}


def test_each_outlets_one_sum_and_one_speed() -> None:
    """Each outlet's one sum in a currency is the story's, whatever the parse reads it as ("a fee of £32
    million" / "a £45m betrayal"); a reward both outlets state leaves each its one other sum. Each outlet's
    one speed is the story's ("travelling at about 112 km/h" / "at 140km/h"); a limit is no speed. An outlet
    with two sums of its own aligns nothing."""
    first = ("Castlebridge sign Orsini\n\nCastlebridge signed Dario Orsini on Monday for a fee of £32 million. A reward "
             "of £10,000 was offered for his lost boots. His team bus crashed later: data suggest it was travelling "
             "at about 112 km/h, on a road with a limit of 90 km/h.\n")
    second = ("JUDAS!\n\nOrsini completed a £45m betrayal on Monday. Fans offered £10,000 for his lost boots. His team "
              "bus later smashed into a wall at 140km/h.\n")
    found = {f.subject: f for f in _findings(first, second)}
    assert {c.value for c in found["the story's one sum in GBP"].claims} == {"GBP 32,000,000", "GBP 45,000,000"}, found
    assert {c.value for c in found["the story's one speed in km/h"].claims} == {"about 112 km/h", "140 km/h"}, found
    third = second.replace("Fans offered £10,000", "His wages of £200,000 a week were")
    assert "the story's one sum in GBP" not in {f.subject for f in _findings(first, third)}


def test_homes_evacuated_are_counted_apart_from_people() -> None:
    """"About 340 homes were evacuated" against "More than 600 households were evacuated" conflict as
    evacuated homes, and so does "Around 340 houses were emptied"; none is compared with the other outlet's
    900 people evacuated."""
    first = ("Ostwick flood: homes evacuated as River Lenn bursts\n\nAbout 340 homes in Ostwick were evacuated "
             "overnight as the River Lenn burst its banks.\n")
    second = ("Ostwick flood: River Lenn bursts its banks\n\nMore than 600 households in Ostwick were evacuated "
              "overnight as the River Lenn burst its banks. Some 900 people were evacuated.\n")
    found = {f.subject: f for f in _findings(first, second)}
    assert {c.value for c in found["evacuated homes"].claims} == {"about 340", "more than 600"}, found
    emptied = first.replace("About 340 homes in Ostwick were evacuated overnight", "Around 340 houses were emptied overnight")
    assert {c.value for c in {f.subject: f for f in _findings(emptied, second)}["evacuated homes"].claims} \
        == {"about 340", "more than 600"}
    assert "evacuated" not in found, found


def test_small_counts_of_things_two_outlets_headline() -> None:
    """Two outlets headline "Four works" / "four paintings" (over "two galleries" in one's lead): the story's
    count of things, which a third outlet's "seven masterpieces" in its lead contradicts. With one headline
    count only, a small count in a lead is an aside."""
    first = ("Four works stolen from Halloway Museum in Ravensholm break-in\n\nThieves stole four works from the Halloway "
             "Museum in Ravensholm overnight, police said.\n")
    second = ("Halloway Museum break-in: thieves take four paintings in Ravensholm\n\nThieves crossed two galleries of the "
              "Halloway Museum in Ravensholm overnight and left with four paintings.\n")
    third = ("ART ATTACK on Halloway Museum in Ravensholm\n\nA masked gang snatched seven masterpieces from the Halloway "
             "Museum in Ravensholm overnight.\n")
    [f] = _findings(first, second, third)
    assert f.subject == "lead count of things" and {c.value for c in f.claims} == {"4", "7"}, f
    plain = first.replace("Four works stolen from", "Works stolen from")
    assert not _findings(plain, third)


def test_a_small_count_in_the_lead_of_a_thing_the_headline_names() -> None:
    """"has closed three wards" / "shut the doors on FIVE wards", each in its lead under a headline about
    wards: the story's count of wards, a conflict; the same counts under headlines about something else,
    or told for a past year, are asides."""
    first = ("Glenmere hospital shuts wards as infection spreads\n\nThe Glenmere Royal Infirmary has closed three wards "
             "to new admissions after an infection spread among patients, officials said on Monday.\n")
    second = ("Bug chaos: Glenmere Royal Infirmary wards SHUT\n\nBosses at the Glenmere Royal Infirmary have slammed the "
              "doors on FIVE wards after an infection spread among patients.\n")
    assert _figures(first, second, "count of ward") == {"3", "5"}
    other = second.replace("wards SHUT", "in crisis")
    assert not [f for f in _findings(first, other) if f.subject == "count of ward"]
    past = second.replace("have slammed the doors on FIVE wards", "slammed the doors on five wards in 2019")
    assert not [f for f in _findings(first, past) if f.subject == "count of ward"]


def test_each_outlets_one_minute_of_a_match() -> None:
    """"abandoned in the 78th minute" / "stormed the pitch in the 85th minute": each outlet's one minute of the
    match, a conflict; an outlet that also names the other's minute (a goal, then the trouble) gives two, so
    which is the story's is unsure, and no finding."""
    first = ("Brackley match abandoned after pitch invasion\n\nThe league match at Brackley Park was abandoned in the "
             "78th minute on Saturday after home supporters invaded the pitch, officials said.\n")
    second = ("SHAME OF BRACKLEY\n\nHundreds of thugs stormed the pitch at Brackley Park in the 85th minute on Saturday, "
              "hurling bottles at players.\n")
    [f] = _findings(first, second)
    assert f.subject == "the story's one match minute" and {c.value for c in f.claims} == {"minute 78", "minute 85"}, f
    both = second.replace("on Saturday,", "on Saturday, seven minutes after a goal in the 78th minute,")
    assert not _findings(first, both)


def test_how_long_until_something_was_known_or_told() -> None:
    """"nobody noticed they were gone for nine hours" / "not discovered until a roll check, about four hours
    after they left": how long until the escape was known, a conflict; "waited 11 days before informing
    customers" / "kept customers in the dark for three weeks" the same in days and weeks. A span after an
    event that nobody failed to notice ("arrested four hours after the escape") is no such span."""
    first = ("Two inmates escape from Holmcroft Prison\n\nTwo inmates, Dale Renwick and Ivo Brask, escaped from "
             "Holmcroft Prison overnight. Their absence was not discovered until a roll check at 6am, about four hours "
             "after they are thought to have left, officials said.\n")
    second = ("Holmcroft Prison escape: inmates on the run\n\nTwo inmates, Dale Renwick and Ivo Brask, broke out of "
              "Holmcroft Prison overnight - and nobody noticed they were gone for nine hours.\n")
    [f] = _findings(first, second)
    assert f.subject == "time: until known" and {c.value for c in f.claims} == {"about 4 hours", "9 hours"}, f
    plain = first.replace("Their absence was not discovered until a roll check at 6am, about four hours after they "
                          "are thought to have left", "One was arrested about four hours after the escape")
    assert not _findings(plain, second)
    third = ("Dunholt Energy data breach hits customers\n\nDunholt Energy waited 11 days after discovering the "
             "data breach before informing customers, the company said.\n")
    fourth = ("Dunholt Energy data breach shame\n\nEnergy giant Dunholt Energy kept customers in the dark for three "
              "weeks after a data breach.\n")
    [g] = _findings(third, fourth)
    assert g.subject == "time: until known", g
    unnoticed = second.replace("and nobody noticed they were gone for nine hours", "their absence went unnoticed "
                               "for nine hours")
    [h] = _findings(first, unnoticed)
    assert {c.value for c in h.claims} == {"about 4 hours", "9 hours"}, h


def test_how_long_an_outage_lasted_in_other_words_but_not_a_witness_s_wait() -> None:
    """"were without power for nine hours" / "left shivering for NINE HOURS" / "For six hours ... went dark":
    the outage's length, a conflict; a witness's "he spent nearly three hours in a stalled tram" is his own
    ordeal and is neither aligned nor shown."""
    lead = ("A fire at the Tarrow Hill substation cut power to Brenmoor on Monday night, the grid operator Brenmoor "
            "Power said, and trams and traffic lights across Brenmoor stopped.")
    first = (f"Substation fire cuts power to Brenmoor\n\n{lead} Some flats were without power for nine hours before "
             "supply was restored. Ivo Marsh, a clerk, said he spent nearly three hours in a stalled tram.\n")
    second = (f"BRENMOOR SUBSTATION FIRE BLACKOUT\n\n{lead} Some families were left shivering for NINE HOURS in "
              "the cold.\n")
    third = (f"Brenmoor substation fire blackout\n\n{lead} For six hours on Monday night, large parts of Brenmoor "
             "went dark.\n")
    found = {f.subject: f for f in _findings(first, second, third)}
    assert {c.value for c in found["time: for hours"].claims} == {"9 hours", "6 hours"}, found
    assert not any("3 hours" in c.value for f in found.values() for c in f.claims), found


def test_two_sources_figures_a_third_outlet_gives_side_by_side_do_not_conflict() -> None:
    """One outlet gives the council's "about 85" posts, another the union's "as many as 120" jobs; a
    third gives both: the figures stand side by side as two sources', not a dispute of the outlets."""
    lead = ("Dornley council voted through its budget cuts on Monday night, closing five libraries, after council "
            "leader Ada Moss said the town had no choice. ")
    first = ("Dornley council budget cuts close five libraries\n\n" + lead
             + "Council officers estimate that about 85 posts will be cut, mostly by leaving vacancies unfilled.\n")
    second = ("Dornley council cuts shut five libraries\n\n" + lead
              + "Union chief Ivo Renn warned that as many as 120 jobs were on the line.\n")
    third = ("Five Dornley libraries close in budget cuts\n\n" + lead + "Ivo Renn of the staff union said up to 120 "
             "council posts could go. The council said it expected about 85 posts to be cut.\n")
    assert not [f for f in _findings(first, second, third) if f.subject == "jobs"]
    # without the third outlet the two figures still conflict
    assert [f for f in _findings(first, second) if f.subject == "jobs"]


def test_a_group_another_outlet_counts_as_people_is_not_its_evacuation_figure() -> None:
    """"Around 300 evacuees bedded down" in a shelter is the group the other outlet counts as "About 300
    people spent the night there", not a rival to its 2,000 evacuated."""
    lead = ("A wildfire in the Harrowgate hills destroyed 37 chalets on Wednesday, fire chief Oona Brell said, as "
            "strong winds pushed the flames towards the holiday park. ")
    first = ("Harrowgate hills wildfire destroys 37 chalets\n\n" + lead + "About 2,000 people had been evacuated by "
             "Thursday. Two reception centres have been opened. About 300 people spent Thursday night "
             "there, officials said.\n")
    second = ("Harrowgate wildfire wipes out 37 chalets\n\n" + lead + "Thousands ran from the flames. Around 300 "
              "evacuees bedded down on camp beds at the sports hall on Thursday night.\n")
    assert not [f for f in _findings(first, second) if f.subject == "evacuated"]


def test_votes_against_told_as_a_tally_and_as_voters() -> None:
    """"by 31 votes to 12" against "despite 17 councillors voting against it" is a conflict of the votes
    against; "31 voted in favour and 12 against" is the same tally in other words."""
    wire = ("Ambrey council backs tram depot\n\nAmbrey council on Tuesday approved the Selden tram depot by 31 votes "
            "to 12 after a long debate.\n")
    tabloid = ("DEPOT ROW\n\nThe Selden tram depot was approved despite 17 councillors voting against it after a "
               "long debate in Ambrey.\n")
    paper = ("Ambrey depot approved\n\nAfter a long debate, 31 voted in favour of the Selden tram depot in Ambrey "
             "and 12 against.\n")
    found = {f.subject: f for f in _findings(wire, tabloid)}
    assert {c.value for c in found["count of vote against"].claims} == {"12", "17"}, found
    assert not [f for f in _findings(wire, paper) if "against" in f.subject]


def test_a_rise_told_by_its_verb_and_by_its_noun_is_one_rate() -> None:
    """"council tax will rise by 3.5 per cent" and "a council tax rise of 4.9 per cent" are one change in
    other words: a conflict; a bare "rate" and a "rate rise" stay two things."""
    from presslens.stories.numbers import same_topic

    wire = ("Brennock sets budget\n\nCouncil tax in Brennock will rise by 3.5 per cent from April to pay for "
            "the new library, the council said on Monday.\n")
    paper = ("Brennock budget\n\nThe new library in Brennock will be paid for partly by a council tax rise of 4.9 "
             "per cent from April, the council said on Monday.\n")
    [f] = [f for f in _findings(wire, paper) if f.subject.startswith("rate")]
    assert {c.value for c in f.claims} == {"3.5%", "4.9%"}, f
    assert not same_topic("rate: rate", "rate: rate rise")


def test_distances_from_one_place_are_one_length() -> None:
    """"about 300 metres from the shore" against "barely 80 metres from the shore" is a conflict of the
    distance from the shore; a distance from another place is not aligned with it."""
    wire = ("Barge sinks off Tollmere\n\nA grain barge sank on Lake Tollmere on Sunday about 300 metres from the shore, "
            "the coastguard said.\n")
    paper = ("Tollmere barge disaster\n\nThe grain barge went down on Sunday barely 80 metres from the shore at "
             "Tollmere, the coastguard said.\n")
    [f] = [f for f in _findings(wire, paper) if f.subject.startswith("length")]
    assert f.subject == "length m: from shore" and {c.text for c in f.claims} == {"300 metres", "80 metres"}, f
    assert not [f for f in _findings(wire, paper.replace("from the shore", "from the harbour wall"))
                if f.subject.startswith("length")]


def test_a_large_bare_round_figure_is_the_exact_one_rounded() -> None:
    """A headline's "38,000 homes" for the body's 38,400 and "1,200" for 1,187 are one figure rounded; a
    round figure against another round one (38,000 / 39,000), or counts of tens (40 / 43), still conflict."""
    from presslens.model import Claim
    from presslens.stories.numbers import compare_figures

    def c(value: float, qualifier: str | None = None) -> Claim:
        return Claim(start=0, end=2, text=str(value), value=value, qualifier=qualifier, measure="evacuated")

    assert compare_figures(c(38000), c(38400)) is None and compare_figures(c(1187), c(1200)) is None
    assert compare_figures(c(38000), c(39000)) == "conflict"
    assert compare_figures(c(38000), c(38900)) == "conflict"  # 38,900 rounds to 39,000
    assert compare_figures(c(40), c(43)) == "conflict"
    assert compare_figures(c(2100), c(1200)) == "conflict"


def test_a_unit_joined_by_a_hyphen_is_shown_with_its_figure() -> None:
    first = ("Dunmore club treasurer Ivo Marsh guilty of fraud\n\nFormer Dunmore Rovers treasurer Ivo Marsh was found "
             "guilty of fraud at Dunmore Crown Court on Thursday. The nine-week trial heard that Marsh moved money "
             "from the club's accounts into his own.\n")
    second = ("Ivo Marsh, Dunmore Rovers treasurer, found guilty of fraud\n\nIvo Marsh, the former Dunmore Rovers "
              "treasurer, was found guilty of fraud at Dunmore Crown Court on Thursday. During the seven-week "
              "trial, jurors heard how Marsh moved money from the club's accounts into his own.\n")
    found = [f for f in _findings(first, second) if "trial" in f.subject]
    assert found and {c.text for c in found[0].claims} == {"nine-week", "seven-week"}, found
