"""Claims: stated quantities read from the parse, normalised, with qualifier, measure, source and time.

The texts are written for this test (an invented flood in the invented town of Varrow).
"""
from __future__ import annotations

import pytest

from presslens.model import Article, Claim
from presslens.stories.numbers import alignment_key, compare_figures

TEXT = """Flood toll rises in Varrow

The death toll climbed to 31 on Wednesday, the regional governor said.
No fewer than 27 people lost their lives when the river burst its banks. Two dozen were missing.
"Over 50 people were hurt," paramedic chief Ana Ruel said.
Some 3,000 residents were evacuated. Police arrested 40 looters. The mill plans to shed 800 posts.
The central bank raised its main rate to 4.75 per cent and pledged €2bn in aid.
Four and a half thousand volunteers joined the clean-up, and 4,500 people marched on Friday.
The winner finished in 1:58:09.
"""

ODD = """Odd numbers

Version 1.2.3 shipped in 2019. Call 555-123-4567 now. United won 3-1 on March 10.
Between 10-15 officers and dozens of people were there, scores of fans too, and 1,2,3 went past.
It cost 2.4 million euros; 3.75% of voters backed it; COVID-19 closed the 2nd office.
"""


@pytest.fixture(scope="module")
def analyzer():
    from presslens.analysis.analyze import Analyzer

    return Analyzer(techniques=False)


def _claims(analyzer, text: str, date: str = "2026-03-04") -> list[Claim]:
    a = analyzer.analyze(Article(id="t", text=text, title=text.split("\n", 1)[0], date=date))
    assert not a.errors, a.errors
    for c in a.claims:
        assert a.article.text[c.start:c.end] == c.text
    return a.claims


def test_values_qualifiers_and_measures_from_the_parse(analyzer) -> None:
    got = {c.text: (c.value, c.qualifier, c.measure) for c in _claims(analyzer, TEXT)}
    assert got["31"] == (31.0, "risen to", "dead")
    assert got["27"] == (27.0, "at least", "dead")
    assert got["Two dozen"] == (24.0, None, "missing")
    assert got["50"] == (50.0, "more than", "injured")
    assert got["3,000"] == (3000.0, "about", "evacuated")
    assert got["40"] == (40.0, None, "arrested")
    assert got["800"] == (800.0, None, "jobs")
    assert got["4.75 per cent"][0] == 4.75 and got["4.75 per cent"][2] == "rate"
    assert got["€2bn"] == (2e9, None, "money")
    assert got["Four and a half thousand"] == (4500.0, None, "crowd") and got["4,500"] == (4500.0, None, "crowd")
    assert got["1:58:09"] == (7089.0, None, "time")


def test_strikers_are_counted_as_participants_and_a_walk_is_not(analyzer) -> None:
    text = ("Dock Strike Halts Port\n\nSome 3,000 dockworkers went on strike on Monday. About 4,500 "
            "crane drivers walked off the job in the afternoon. Three men walked out of the bar at midnight.\n")
    got = {c.text: c.measure for c in _claims(analyzer, text)}
    assert got["3,000"] == "crowd" and got["4,500"] == "crowd"
    assert got["Three"] is None


def test_topics_of_rates_sums_votes_and_durations(analyzer) -> None:
    """What a rate, sum, vote share or duration is of, from the parse; none for a poll or a name."""
    text = ("Linde Re-elected\n\nSara Linde beat Karl Aust, taking 52% of the vote. Turnout was 61 per cent. "
            "The council approved a €2bn rescue package. The unemployment rate stood at 5.1 per cent. "
            "Dockers began a 48-hour strike. In the latest poll, Aust had 45 per cent. Aust rose to 40 percent. "
            "In Halm, Mayor Ivo Brant was re-elected on Sunday with 58 per cent of the vote.\n")
    got = {c.text: (c.measure, c.counted) for c in _claims(analyzer, text)}
    assert got["52%"] == ("votes", "vote of Sara Linde")
    assert got["61 per cent"] == ("rate", "turnout")
    assert got["€2bn"] == ("money", "rescue package")
    assert got["5.1 per cent"] == ("rate", "unemployment rate")
    assert got["48"] == ("time", "strike in hours")
    assert got["45 per cent"][1] is None and got["40 percent"][1] is None
    assert got["58 per cent"][0] == "votes" and got["58 per cent"][1].endswith("Brant")


def test_a_sentence_initial_number_word_counts_the_noun_after_it(analyzer) -> None:
    text = "Ferry Capsizes\n\nTwenty people were missing and feared drowned. Three years later the port reopened.\n"
    got = {c.text: c.measure for c in _claims(analyzer, text)}
    assert got["Twenty"] == "missing" and got["Three"] is None


def test_source_and_time(analyzer) -> None:
    claims = {c.text: c for c in _claims(analyzer, TEXT)}
    assert claims["31"].when == "Wednesday"
    assert claims["50"].source == "Ana Ruel" and claims["50"].quote_type == "direct"
    assert claims["3,000"].source is None and claims["3,000"].when == "2026-03-04"


def test_odd_forms_never_crash_and_never_count_people(analyzer) -> None:
    claims = _claims(analyzer, ODD)
    texts = [c.text for c in claims]
    for bad in ("1.2.3", "2019", "555", "123", "4567", "3-1", "10", "19", "2nd"):
        assert bad not in texts
    rng = next(c for c in claims if c.text == "10-15")
    assert (rng.value, rng.value_max) == (10.0, 15.0)
    dozens = next(c for c in claims if c.text == "dozens")
    assert dozens.value_max is not None and dozens.qualifier == "about"
    assert next(c for c in claims if c.text.startswith("2.4 million")).value == 2.4e6
    assert next(c for c in claims if c.text == "3.75%").measure == "votes"
    assert all(c.measure not in ("dead", "injured", "arrested") for c in claims)


def test_pounds_are_a_weight_unless_sterling(analyzer) -> None:
    claims = _claims(analyzer, "Diet news\n\nThe coach lost 30 pounds. The club paid 2 million pounds sterling for him.\n")
    assert next(c for c in claims if c.text == "30").unit is None
    assert next(c for c in claims if c.text.startswith("2 million")).unit == "GBP"


def test_empty_and_numberless_text(analyzer) -> None:
    assert _claims(analyzer, "Nothing here\n\nNo quantities at all in this text.") == []


def _c(value: float, qualifier: str | None = None, high: float | None = None) -> Claim:
    return Claim(start=0, end=1, text="x", value=value, value_max=high, qualifier=qualifier, measure="dead")


def test_qualifiers_decide_conflict_or_difference() -> None:
    assert compare_figures(_c(27, "at least"), _c(31)) == "difference"
    assert compare_figures(_c(35), _c(50, "more than")) == "conflict"
    assert compare_figures(_c(4500), _c(4500)) is None
    assert compare_figures(_c(24, "about", 99), _c(40)) is None  # "dozens" against 40
    assert compare_figures(_c(3000, "about"), _c(3100)) is None
    assert compare_figures(_c(12), _c(9)) == "conflict"


def test_alignment_keys_name_the_measured_thing() -> None:
    """Counts align on their measure; a rate, sum or vote share only on its topic, a party by its whole name."""
    from presslens.stories.numbers import alignment_key

    def claim(measure: str, counted: str | None, unit: str | None = None) -> Claim:
        return Claim(start=0, end=1, text="x", value=1.0, measure=measure, counted=counted, unit=unit)

    assert alignment_key(claim("dead", "people killed")) == "dead"
    assert alignment_key(claim("votes", "vote of President Aurel Voss")) == alignment_key(claim("votes", "vote of Voss"))
    assert alignment_key(claim("votes", "vote of Unity Party")) != alignment_key(claim("votes", "vote of Green Party"))
    assert alignment_key(claim("money", "rescue fund", "EUR")) != alignment_key(claim("money", "rescue fund", "USD"))
    assert alignment_key(claim("rate", None)) is None and alignment_key(claim("time", "race", "s")) is None


def test_trapped_aboard_streets_and_changes(analyzer) -> None:
    """People trapped or aboard are counts of their own; "took to the streets" is a crowd; a change
    "from 21 to 23 per cent" states 23; a sum "in savings" is of the savings."""
    text = ("Pit Collapse in Dorne\n\nThe roof fell on Monday, killing six miners and trapping about 20 more. "
            "More than 30 miners remained trapped underground. The train was carrying about 320 passengers. "
            "Nearly 500 passengers were on the ferry. More than 50,000 people took to the streets of Dorne. "
            "The council raised value-added tax from 21 to 23 per cent and set out 4.2 billion euros in savings, "
            "including a rise in value-added tax to 25 per cent.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["20"].measure == "trapped" and got["30"].measure == "trapped"
    assert got["320"].measure == "aboard" and got["500"].measure == "aboard"
    assert got["50,000"].measure == "crowd"
    assert "21 to 23 per cent" not in got and (got["23 per cent"].value, got["23 per cent"].counted) == (23.0, "value-added tax")
    assert got["25 per cent"].counted == "value-added tax"
    assert (got["4.2 billion euros"].measure, got["4.2 billion euros"].counted) == ("money", "saving")


def test_topics_in_other_words_are_aligned_unless_one_outlet_uses_both() -> None:
    """An initialism or two modified names of one head are one topic; a bare head is not."""
    from presslens.stories.numbers import same_topic

    assert same_topic("rate: vat", "rate: value-added tax")
    assert same_topic("money EUR: savings package", "money EUR: austerity package")
    assert not same_topic("rate: rate", "rate: unemployment rate")
    assert not same_topic("money EUR: savings package", "money USD: savings package")
    assert not same_topic("rate: vat", "rate: unemployment rate")
    # durations join on what lasts, never on their unit: a contract and an association are two things
    assert same_topic("time: walkout in hours", "time: walkout in days")
    assert not same_topic("time: contract in years", "time: association in years")


def test_passengers_aboard_conflict_only() -> None:
    """Compatible figures of those aboard are no finding ("more than 300" and 380)."""
    a, b = _c(300, "more than"), _c(380)
    a.measure = b.measure = "aboard"
    assert compare_figures(a, b) is None
    assert compare_figures(_c(320, "about"), _c(500, "nearly")) == "conflict"


def test_a_daily_cost_and_a_loss_are_one_topic(analyzer) -> None:
    text = ("Port Strike\n\nThe port authority put the losses at €12 million a day. The strike is costing "
            "the port about €12m a day. The new crane cost €3 million.\n")
    got = {c.text: c.counted for c in _claims(analyzer, text)}
    assert got["€12 million"] == got["€12m"] == "cost a day"
    assert got["€3 million"] == "cost"


def test_people_driven_from_their_homes_and_a_barely_counted_crowd(analyzer) -> None:
    text = ("Levee Breaks\n\nAbout 6,000 residents were moved out of their homes on Sunday. The flood drove "
            "nearly 9,000 people from their homes. A march against fuel prices drew barely 2,000 people.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["6,000"].measure == "evacuated" and got["9,000"].measure == "evacuated"
    assert (got["2,000"].measure, got["2,000"].qualifier) == ("crowd", "up to")


def test_homeless_area_price_and_a_share_won_on_the_way_to_office(analyzer) -> None:
    """People who lost their homes are homeless, not evacuated; hectares are an area; a sum something
    was bought or sold for is its price; "will be mayor after winning the runoff with 54.2 per cent"
    is the winner's share, and "polling stations" do not make a sentence a poll's."""
    text = ("Hill Fire\n\nThe blaze forced 4,000 people to flee and some 180 residents lost their homes, leaving "
            "60 more without a roof over their heads. It burnt roughly 2,300 hectares of forest. The fund that "
            "bought the sawmill for €64 million snapped up a second one for a bargain €46 million. Ada Brun will "
            "be the next mayor after winning Sunday's runoff with 54.2 per cent of the vote. Brun took 51.8 "
            "percent of the vote with all polling stations counted, the board said.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["180"].measure == "homeless" and got["60"].measure == "homeless"
    assert (got["2,300 hectares"].measure, got["2,300 hectares"].unit, got["2,300 hectares"].qualifier) == \
        ("area", "ha", "about")
    assert got["€64 million"].counted == got["€46 million"].counted == "price"
    assert got["54.2 per cent"].counted == "vote of Ada Brun"
    assert got["51.8 percent"].counted == "vote of Brun"


def test_power_cuts_margins_strikers_and_a_pay_rise_in_other_words(analyzer) -> None:
    """Homes left without power (however the cut is told), a winning margin in votes, nurses who stop
    work or walk off the wards, and "a pay rise of" / "a pay increase of" as one topic."""
    text = ("Cold Weekend\n\nThe attack left some 18,000 homes without power. Power was restored to about 18,000 "
            "households on Monday. Hackers plunged 28,000 households into darkness. Hartigan won by just 37 votes. "
            "About 6,500 nurses stopped work on Tuesday and more than 9,000 nurses walked off the wards. The union "
            "wants a pay rise of 11 per cent; it is seeking a pay increase of 14 percent.\n")
    got = [(c.text, c.measure, c.counted) for c in _claims(analyzer, text)]
    assert [m for t, m, _ in got if t in ("18,000", "28,000")] == ["without power"] * 3
    assert ("37", "margin", "votes") in got
    assert {m for t, m, _ in got if t in ("6,500", "9,000")} == {"crowd"}
    assert {c for t, _, c in got if t in ("11 per cent", "14 percent")} == {"pay rise"}


def test_a_count_per_period_is_no_event_count(analyzer) -> None:
    """"carries about 210,000 passengers on an average weekday" is how many usually travel, not how
    many were aboard; "a day after the storm" is a time, not a period."""
    text = ("Trams Collide\n\nAbout 180 passengers were on board the two trams. The network carries about 210,000 "
            "passengers on an average weekday. The crash killed 2 people a day after the storm.\n")
    got = {c.text: c.measure for c in _claims(analyzer, text)}
    assert got["180"] == "aboard" and got["210,000"] is None and got["2"] == "dead"


def test_sick_hospitalised_totals_and_figures_in_units(analyzer) -> None:
    """Pupils who fell ill and children rushed or admitted to hospital are two counts; "a total of 43
    people were hurt" takes the verb of the total; a speed is read with what moves, a length or an
    amount with what it is of, and a speed limit is never aligned."""
    text = ("School Lunch\n\nThe school closed after 112 pupils fell ill. Twenty-two children were rushed to "
            "hospital and nine were admitted to hospital on Thursday. A total of 43 people were hurt. The tram was travelling at about "
            "40 km/h, where the limit for trams is 15 km/h. It was moving at roughly 65 kilometers per hour. "
            "Around 1,800 tonnes of crude oil has leaked along 32km of coastline.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["112"].measure == "ill"
    assert got["Twenty-two"].measure == got["nine"].measure == "hospitalised"
    assert got["43"].measure == "injured"
    assert (got["40 km/h"].measure, got["40 km/h"].unit, got["40 km/h"].counted) == ("speed", "km/h", "tram")
    assert (got["15 km/h"].measure, got["15 km/h"].counted) == ("speed", None)
    assert got["65 kilometers per hour"].unit == "km/h"
    assert (got["1,800 tonnes"].measure, got["1,800 tonnes"].counted, got["1,800 tonnes"].qualifier) == \
        ("amount", "oil", "about")
    assert (got["32km"].measure, got["32km"].unit, got["32km"].counted) == ("length", "km", "coastline")
    keys = {alignment_key(c) for c in got.values()}
    assert {"speed km/h: tram", "amount kg: oil", "length m: coastline", "ill", "hospitalised"} <= keys


def test_lengths_in_other_units_depths_and_what_moved(analyzer) -> None:
    """"Nearly a kilometre" is a length; a bare "m" before a word of place is metres; a depth is read from
    "down", "underground" or "a depth of"; a movement's length is keyed to what moved; lengths in other
    units are compared converted, and a converted figure is read as approximate."""
    text = ("Coach Swept Away\n\nThe coach was hurled nearly a kilometre down the mountainside. The slide carried "
            "the coach some 300 metres into the gully. Eleven miners were trapped about 420m underground, at a "
            "depth of 420 metres. Rescuers said they were nearly 600 metres down. The club raised 40m for them. "
            "The ferry sailed 22 miles.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    km = got["a kilometre"]
    assert (km.value, km.unit, km.qualifier, km.counted) == (1.0, "km", "nearly", "coach")
    assert (got["300 metres"].counted, got["300 metres"].qualifier) == ("coach", "about")
    assert (got["420m"].value, got["420m"].unit, got["420m"].counted) == (420.0, "metres", "depth")
    assert got["420 metres"].counted == got["600 metres"].counted == "depth"
    assert got["40m"].unit is None and got["40m"].value == 40_000_000  # millions unless a word of place follows
    assert alignment_key(km) == alignment_key(got["300 metres"]) == "length m: coach"
    assert compare_figures(km, got["300 metres"]) == "conflict"
    assert compare_figures(got["420m"], got["420 metres"]) is None
    assert compare_figures(got["420 metres"], got["600 metres"]) == "conflict"
    miles = got["22 miles"]
    assert compare_figures(miles, Claim(start=0, end=1, text="35 km", value=35.0, unit="km", measure="length")) is None
    assert compare_figures(miles, Claim(start=0, end=1, text="60 km", value=60.0, unit="km", measure="length")) \
        == "conflict"


def test_a_rate_before_its_change_noun_and_people_counted_by_an_act(analyzer) -> None:
    """"a 9% pay rise" and "a whopping 12 per cent pay rise" are the pay rise's size, as "a pay rise of
    11 per cent" is, and "a 30 per cent cut in the quota" is the quota's; "the evacuation of 1,200
    people" and "the arrest of 40 fans" count the evacuated and the arrested; "a 10 percent drop"
    among voters stays a vote share."""
    text = ("Port Strike\n\nThe union is seeking a 9% pay rise. Firebrands demand a whopping 12 per cent pay rise, "
            "and members backed a nine per cent increase. Ministers approved a 30 per cent cut in the quota. The leak "
            "forced the evacuation of 1,200 people and police confirmed the arrest of 40 fans. The nominee sits at 85 "
            "percent support among black voters, a 10 percent drop from 2012.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["9%"].counted == got["12 per cent"].counted == "pay rise"
    assert (got["nine per cent"].measure, got["nine per cent"].counted) == ("rate", "rise")
    assert got["30 per cent"].counted == "quota"
    assert got["1,200"].measure == "evacuated" and got["40"].measure == "arrested"
    assert got["10 percent"].measure == "votes"


def test_how_long_an_act_lasted_and_people_forced_from_their_homes(analyzer) -> None:
    """"burned for 19 hours before it was contained" is a duration of the burning (not a time "19
    hours before" something); years of a verb are no act of the day; "forcing 2,300 residents from
    their homes" and "were moved out" count the evacuated."""
    text = ("Depot Fire\n\nThe fire burned for 19 hours before it was brought under control, forcing about 2,300 "
            "residents from their homes. Another 300 people living nearby were moved out overnight. She had "
            "worked there for 29 years. The blast came 12 hours before the inspection.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert (got["19"].measure, got["19"].counted) == ("time", "burn for hours")
    assert got["29"].counted is None and got["12"].measure is None
    assert got["2,300"].measure == got["300"].measure == "evacuated"
    # aligned as the story's act's duration, whichever verb another outlet uses ("trapped for 9 hours")
    assert alignment_key(got["19"]) == "time: for hours"


def test_how_long_an_act_took_in_other_words(analyzer) -> None:
    """"sank within about 20 minutes", "went down in twenty minutes", "took almost 45 minutes to go
    under" and "spent almost nine hours waiting" each give how long the story's act took; a verb that says
    nothing ("was in port for 12 hours") gives no act."""
    text = ("Ferry Lost\n\nThe ferry sank within about 20 minutes. It went down in twenty minutes, the coastguard "
            "said. Survivors said it took almost 45 minutes to go under. Passengers spent almost nine hours waiting "
            "on the quay. The ship was in port for 12 hours.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["20"].counted == "sink for minutes" and got["twenty"].counted == "go down for minutes"
    assert got["45"].counted == "go under for minutes" and got["nine"].counted == "spend for hours"
    assert got["12"].counted is None
    assert {alignment_key(got[k]) for k in ("20", "twenty", "45")} == {"time: for minutes"}
    assert compare_figures(got["20"], got["45"]) == "conflict" and compare_figures(got["20"], got["twenty"]) is None
    assert got["20"].unit == "minutes" and got["nine"].unit == "hours"
    # A schedule or a property in the present is no event's duration; "were left swinging for" is past.
    text = ("Tram Line\n\nThe line will link the estates to the centre in 22 minutes. Residents face a bus that takes "
            "fifty minutes to reach the centre. Skiers were left swinging for more than 11 hours.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["22"].counted is None and got["fifty"].counted is None
    assert got["11"].counted == "swing for hours"


def test_how_long_a_state_lasted_and_not_one_witness_s_ordeal(analyzer) -> None:
    """"were without power for nine hours" and "For six hours ... went dark" tell how long the story's
    outage lasted; "he spent nearly three hours in a stalled tram", one witness's ordeal, does not."""
    text = ("Brenmoor Outage\n\nSome flats were without power for nine hours before supply was restored. For six "
            "hours on Monday night, large parts of Brenmoor went dark. Ivo Marsh, a clerk, said he spent nearly three "
            "hours in a stalled tram.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["nine"].counted == "be without power for hours" and got["six"].counted == "go dark for hours"
    assert alignment_key(got["nine"]) == alignment_key(got["six"]) == "time: for hours"
    assert alignment_key(got["three"]) is None


def test_one_of_a_counted_whole_counts_the_whole(analyzer) -> None:
    """"one of some 4,000 tenants" introduces one member of the story's count: the whole is counted;
    "seven of its 15 branches" still counts no branches by the whole."""
    text = ("Rent Error\n\nMira Tolle is one of some 4,000 tenants whose rents were wrongly raised. "
            "The bank will close seven of its 15 branches.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["4,000"].counted == "tenant" and alignment_key(got["4,000"]) == "count of tenant"
    assert got["15"].counted is None


def test_a_prison_sentence_in_other_words_and_units(analyzer) -> None:
    """"jailed for 18 months", "caged for two years", "sentenced to two years" and "an 18-month jail term"
    are one sentence; 18 months against two years conflict (compared in one unit), 24 months against
    two years do not."""
    text = ("Landlord Jailed\n\nThe landlord was jailed for 18 months on Friday. A tabloid said he was caged for two "
            "years. His partner was sentenced to 24 months. The judge handed down an 18-month jail term. The block "
            "stood empty for three years.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    sentence = [got["18"], got["two"], got["24"]]
    assert [c.counted for c in sentence] == ["sentence"] * 3 and [c.unit for c in sentence] == ["months", "years", "months"]
    assert {alignment_key(c) for c in sentence} == {"time: sentence"}
    assert compare_figures(got["18"], got["two"]) == "conflict" and compare_figures(got["24"], got["two"]) is None
    assert next(c for c in got.values() if c.start > text.index("stood")).counted != "sentence"


def test_warning_given_in_other_units(analyzer) -> None:
    """"given three hours' notice" and "45 minutes' warning" are the warning people had, compared
    converted: a conflict; "a three-hour meeting" is not a warning."""
    text = ("Dam Release\n\nResidents were given three hours' notice, the company said. Residents say they had "
            "45 minutes' warning. Officials held a three-hour meeting.\n")
    got = [c for c in _claims(analyzer, text) if c.measure == "time"]
    notice, warning, meeting = got
    assert (notice.counted, notice.unit, warning.counted, warning.unit) == ("warning", "hours", "warning", "minutes")
    assert alignment_key(notice) == alignment_key(warning) == "time: warning" and meeting.counted != "warning"
    assert compare_figures(notice, warning) == "conflict"


def test_people_kept_in_hospital_and_counts_through_the_number_of(analyzer) -> None:
    """Children who "remain in hospital" or are named "in hospital" with no verb are hospitalised, but
    staff "in the hospital" are not; "the number of confirmed cases had reached 34" counts cases."""
    text = ("Fever in Dunmore\n\nThe number of confirmed cases had reached 34 by Thursday, and five children remain "
            "in hospital. The fever has spread, with more than 60 cases and nine children in hospital. Some 40 nurses "
            "in the hospital were tested.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["five"].measure == got["nine"].measure == "hospitalised"
    assert got["40"].measure != "hospitalised"
    assert (got["34"].measure, got["34"].counted) == (None, "case")
    assert alignment_key(got["34"]) == alignment_key(got["60"]) == "count of case"


def test_sums_asked_for_and_valuations(analyzer) -> None:
    """A sum demanded or asked for is a demand, whatever noun follows ("marks" is no month); what a
    thing is valued or insured at, its estimate and the price it is expected to fetch are its value; a
    sum ending a sentence ("£286m.") takes its topic from its own sentence."""
    text = ("Hackers and Paintings\n\nThe gang is demanding 2.5 million marks in cryptocurrency. A third wants a €3m "
            "ransom and is demanding a €4m ransom. Another gang asked "
            "for €7 million. Insurers value the canvases at €60 million. They are insured for 38 million euros. "
            "The painting is expected to fetch about £4.5 million. Auctioneers expect it to fetch around £2 million. "
            "It goes on sale with an estimate of around £4.5m.\n\nThe operator said that the cost has risen to "
            "£286m.\n\nSurveyors put the repairs at £3.8m. Applications were made. The scheme is late, with the cost "
            "of the extension now a staggering £340 million.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["2.5 million marks"].counted == got["€7 million"].counted == "demand"
    assert got["€3m"].counted == got["€4m"].counted == "ransom"  # the noun the sum modifies names it
    assert {got[k].counted for k in ("€60 million", "38 million euros", "£4.5 million", "£2 million", "£4.5m")} \
        == {"value"}
    assert got["£286m"].counted == got["£340 million"].counted == "cost"  # a sum in apposition: the noun's
    assert "application" not in (got["£3.8m"].counted or "")  # not the next sentence's noun
    assert alignment_key(got["£4.5 million"]) == alignment_key(got["£2 million"]) == "money GBP: value"
    assert compare_figures(got["£4.5 million"], got["£2 million"]) == "conflict"


def test_how_late_something_was_is_one_delay(analyzer) -> None:
    """"Forty minutes late", "an hour and a half behind schedule", "40 minutes after the time printed"
    and "delayed by 25 minutes" are delays, compared in one unit; "19 hours after the blast" is none."""
    text = ("Gates Late\n\nThe turnstiles opened almost an hour and a half behind schedule. The gates had opened forty "
            "minutes late. They opened about 40 minutes after the time printed on the tickets. The line will open "
            "more than a year late. The train was delayed by 25 minutes. Smoke rose 19 hours after the blast.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    late = got["an hour and a half"]
    assert (late.value, late.unit, late.qualifier, late.counted) == (1.5, "hours", "nearly", "delay")
    assert {got[k].counted for k in ("forty", "40", "a year", "25")} == {"delay"}
    assert got["19"].counted != "delay"
    assert alignment_key(late) == alignment_key(got["forty"]) == "time: delay"
    assert compare_figures(late, got["forty"]) == "conflict"
    assert compare_figures(got["forty"], got["40"]) is None


def test_a_time_of_day_or_any_time_after_is_no_delay(analyzer) -> None:
    text = ("Night Shift\n\nShe worked three hours late at night. Police came two hours after the time of the blast. "
            "The train arrived 20 minutes after the scheduled time.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["three"].counted != "delay" and got["two"].counted != "delay"
    assert got["20"].counted == "delay"


def test_half_a_unit_late_and_delays_told_by_postponing(analyzer) -> None:
    text = ("Ferry Late\n\nThe ferry docked half an hour late. The opening was pushed back by six months and the "
            "vote postponed by two weeks. The gang sent a ransom demand of €5m.\n")
    claims = _claims(analyzer, text)
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    got = {c.text: c for c in claims}
    half = got["half an hour"]
    assert (half.value, half.unit, half.counted) == (0.5, "hours", "delay") and "an" not in got
    assert got["six"].counted == got["two"].counted == "delay"
    assert got["€5m"].counted == "demand"


def test_work_that_takes_a_time_sizes_in_hyphens_flows_and_ages(analyzer) -> None:
    """"repairs would take six months" and a "which" of a clause whose subject is the repairs give how long
    the repairs take ("took 11 days to tell drivers" is no work's, but how long until they were told); "a
    30-metre section of the canopy" is a length of the canopy; "42,000 vehicles a day" is a flow per day; an
    age or a span's adjective is no time a figure is told for."""
    text = ("Kelby Bridge Shut\n\nThe engineer said repairs would take six months. The bridge will stay shut until "
            "repairs are completed, which could take up to nine months. It took 11 days to tell drivers. A 30-metre "
            "section of the canopy fell. The bridge carries about 42,000 vehicles a day. The 24-year-old driver "
            "earned £300 on Tuesday. The 13-year association ended with 40 fans watching.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert got["six"].counted == got["nine"].counted == "repair in months", (got["six"], got["nine"])
    assert got["11"].counted == "until known"  # no work: how long until drivers were told
    assert (got["30-metre"].measure, got["30-metre"].unit, got["30-metre"].counted) == ("length", "metres", "canopy")
    assert got["42,000"].counted == "vehicle per day" and alignment_key(got["42,000"]).endswith("per day")
    assert got["£300"].when == "Tuesday" and got["40"].when == "2026-03-04"


def test_fractions_are_shares_and_ordinals_are_not(analyzer) -> None:
    """"by nearly a fifth" is nearly 20%, "a third of the homes" about 33.3% (so "33 per cent" agrees with
    it and "14 percent" conflicts with a fifth); "a third term", "the second half", "half an hour" and "a
    quarter of an hour" are no shares, and the "two" of "two-thirds" counts nothing."""
    text = ("Water Bills\n\nCalloway Water plans to hike bills by nearly a fifth. Two-thirds of voters backed it. A third "
            "of the homes were flooded. She won a third term. The second half began. It took half an hour and a "
            "quarter of an hour.\n")
    got = {c.text: c for c in _claims(analyzer, text)}
    assert (got["a fifth"].value, got["a fifth"].qualifier, got["a fifth"].unit, got["a fifth"].measure) == (
        20.0, "nearly", "%", "rate")
    assert got["a fifth"].counted == "bill"
    assert (got["Two-thirds"].value, got["A third"].value) == (66.7, 33.3) and "Two" not in got
    assert set(got) == {"a fifth", "Two-thirds", "A third"}
    assert compare_figures(got["A third"], Claim(0, 2, "33", 33.0, unit="%")) is None
    assert compare_figures(got["a fifth"], Claim(0, 2, "14", 14.0, unit="%")) == "conflict"


def test_a_share_of_a_group_is_its_topic(analyzer) -> None:
    """"only 81 per cent of five-year-olds" is a share of five-year-olds, aligned with another outlet's share
    of them; a share of voters or of a group in capitals is a poll's, with no topic."""
    got = {c.text: c for c in _claims(analyzer, "Only 81 per cent of five-year-olds in Harrowmere have had both doses. "
                                      "Some 45 per cent of voters backed the plan, and 40 per cent of Americans.")}
    assert got["81 per cent"].counted == "share of five-year-olds"
    assert alignment_key(got["81 per cent"]) == "rate: share of five-year-olds"
    assert got["45 per cent"].counted is None and got["40 per cent"].counted is None


def test_a_level_any_verb_brings_its_object_to(analyzer) -> None:
    """"drained its reservoirs to 31 percent" and "sucked reservoirs down to 24 per cent": the reservoirs'
    level, as for a verb of setting; a per-cent figure "by" which a verb changes something is no level."""
    got = {c.text: c for c in _claims(analyzer, "The dry spring drained its reservoirs to 31 percent of capacity. "
                                      "The heatwave sucked reservoirs down to a terrifying 24 per cent. "
                                      "The firm drained its reserves by 12 per cent.")}
    assert got["31 percent"].counted == "reservoir" and got["24 per cent"].counted == "reservoir"
    assert got["12 per cent"].counted is None


def test_fractions_of_a_scale_word(analyzer) -> None:
    """"HALF A MILLION heart patients", "half a billion euros": half of a scale word is a number (text2num
    knows no fractions)."""
    text = ("Pill Alert\n\nHALF A MILLION heart patients were told to check their pills. The recall will cost "
            "Vornal half a billion euros.\n")
    got = {c.text: c.value for c in _claims(analyzer, text)}
    assert got["HALF A MILLION"] == 500_000, got
    assert any(v == 500_000_000 for v in got.values()), got


def test_votes_against_in_a_tally_and_a_round_figure_told_odd(analyzer) -> None:
    """The votes against, however the tally is told, count one kind of thing ("vote against"), shown in
    their tally ("31 votes to 12"); the votes for are no such count; "forty-odd" is an approximate forty."""
    text = ("Kelvane council vote\n\nThe council approved the Marrow depot by 31 votes to 12 on Monday. In Ulst, 22 "
            "voted in favour of the plan and 9 against. Fourteen councillors voted against the budget, and 17 "
            "councillors voting against it walked out. Forty-odd residents watched. Aust raised his tally by 500 "
            "votes to 4,000.\n")
    got = {c.text: (c.counted, c.qualifier) for c in _claims(analyzer, text)}
    assert got["31 votes to 12"][0] == got["9"][0] == got["Fourteen"][0] == got["17"][0] == "vote against"
    assert got["31"][0] != "vote against" and got["22"][0] != "vote against"
    assert got["Forty"][1] == "about" and got["4,000"][0] != "vote against"


def test_work_opening_a_paragraph_takes_its_time(analyzer) -> None:
    """"Construction will take 18 months" opening a paragraph (its first word tagged a proper noun) is how long
    the construction takes, as it is mid-paragraph."""
    text = "Harl Bridge\n\nConstruction will take 18 months, the council said. Repairs will take six months.\n"
    got = {c.text: c.counted for c in _claims(analyzer, text)}
    assert got["18"] == "construction in months" and got["six"] == "repair in months"
