"""Date findings between outlets: one act dated differently in other words, and what must stay silent.

Every text here is written for these tests (invented towns, outlets and people). The findings come from
:func:`presslens.stories.dates.date_findings` on bare analyses (article text and date; no quotes unless
a test adds one), so each test shows exactly which words make or block a finding.
"""
from __future__ import annotations

from presslens.model import Analysis, Article, Quote
from presslens.stories.dates import _in_dateline, date_findings
from presslens.stories.model import Finding

OUTLETS = ("North Star", "The Ledger", "Daily Post")


def _analyses(texts: tuple[str, ...], dates: tuple[str, ...],
              quotes: tuple[list[Quote], ...] | None = None) -> list[Analysis]:
    """Articles "a", "b", "c"... of one outlet each (headline on the first line), dated and quoted as given."""
    return [Analysis(article=Article(id=aid, text=text, title=text.split("\n", 1)[0], date=day, outlet=outlet),
                     quotes=qs)
            for aid, text, day, outlet, qs in zip("abc", texts, dates, OUTLETS, quotes or ([],) * len(texts))]


def _findings(first: str, second: str, dates: tuple[str, str] = ("2026-03-10", "2026-03-10"),
              quotes: tuple[list[Quote], list[Quote]] = ([], [])) -> list[Finding]:
    """The date findings of two outlets' articles."""
    return date_findings("s", _analyses((first, second), dates, quotes), [])


def _spans(f: Finding, *texts: str) -> set[tuple[str, str]]:
    """(article, text of the claim's characters) of a finding, read back from the articles."""
    by_id = dict(zip("ab", texts))
    return {(c.article, by_id[c.article][c.start:c.end]) for c in f.claims}


HERALD = ("Dam gives way\n\nThe Herald understands that the dam was last inspected on 2 February 2026, when engineers "
          "found no fault.\n")
WHISTLE = ("Dam horror\n\nThe Whistle can reveal that the dam was given the all-clear by inspectors on February 9, "
           "just weeks before the disaster.\n")


def test_one_act_in_other_words_is_dated_differently() -> None:
    """"last inspected on 2 February" against "given the all-clear by inspectors on February 9": no event
    word and few shared words, but each outlet's date of the inspection is one the other never states."""
    [f] = _findings(HERALD, WHISTLE)
    assert f.kind == "date" and f.confidence == 0.55
    assert _spans(f, HERALD, WHISTLE) == {("a", "2 February 2026"), ("b", "February 9")}
    assert "dam" in f.explanation and "inspected" in f.explanation and "inspector" in f.explanation
    # The same day in other words is no finding.
    assert _findings(HERALD, WHISTLE.replace("February 9", "Feb. 2")) == []


def test_a_date_the_other_outlet_states_elsewhere_is_another_act() -> None:
    """When the tabloid also gives 2 February (for its engineers' visit), its February 9 is the date of
    something else: a date both outlets state is never set against another act's date."""
    whistle = WHISTLE + "\nEngineers had visited the site on 2 February to check the spillway.\n"
    assert _findings(HERALD, whistle) == []


def test_months_with_their_year_and_vague_dates() -> None:
    """"in March 2024" / "in March last year" against "in November 2024" is a finding; "in March"
    against "March 3" is one date; a month without its year, "last week" and a plan against a past
    act are never set against another date."""
    wire = "Hospital lists\n\nThe inquiry began after a nurse first raised concerns with managers in March 2024.\n"
    tabloid = "Hospital shame\n\nA brave nurse first raised the alarm with managers in November 2024.\n"
    [f] = _findings(wire, tabloid, ("2025-07-08", "2025-07-09"))
    assert _spans(f, wire, tabloid) == {("a", "March 2024"), ("b", "November 2024")}
    sentinel = wire.replace("in March 2024", "in March last year")
    [g] = _findings(sentinel, tabloid, ("2025-07-08", "2025-07-09"))
    assert {c.value for c in g.claims} == {"2024-03", "2024-11"}
    assert _findings(wire.replace("2024", "this year"), tabloid.replace("in November 2024", "on March 3")) == []
    assert _findings(wire.replace(" 2024", ""), tabloid.replace(" 2024", "")) == []
    assert _findings(wire.replace("in March 2024", "last week"), tabloid) == []
    plan = "Hospital lists\n\nManagers will answer the concerns raised by the nurse at a meeting on 14 July 2025.\n"
    past = "Hospital shame\n\nThe concerns raised by the nurse reached managers at a meeting on 2 June 2025.\n"
    assert _findings(plan, past, ("2025-07-08", "2025-07-08")) == []


STRIKE = "Port strike\n\nDockers at Velmar port began their strike over pay on Monday, the union said.\n"
WALKOUT = "Port shut\n\nDockers at Velmar port walked out over pay on Sunday, leaving ships at anchor.\n"


def test_weekdays_resolved_against_the_article_date() -> None:
    """Two same-day reports (Tuesday 10 March): "on Monday" and "on Sunday" for the dockers' walkout
    conflict, shown with the calendar day each was read as; "yesterday" is Monday, so no finding."""
    [f] = _findings(STRIKE, WALKOUT)
    assert _spans(f, STRIKE, WALKOUT) == {("a", "Monday"), ("b", "Sunday")}
    assert "2026-03-09" in f.explanation and "2026-03-08" in f.explanation
    assert _findings(STRIKE, WALKOUT.replace("on Sunday", "yesterday")) == []


def test_weekdays_that_stay_silent() -> None:
    """A next-day follow-up's weekday on or after the first report's day tells its latest news; a weekday
    after "said" dates the saying; a weekday that may lie ahead ("will ... on Sunday") or is the article's
    own is a guess; a speaker's weekday counts from when they spoke. None of them is set against another
    outlet's weekday."""
    assert _findings(STRIKE, WALKOUT.replace("Sunday", "Tuesday"), ("2026-03-10", "2026-03-11")) == []
    said = WALKOUT.replace("walked out over pay on Sunday", "said on Sunday they walked out over pay")
    assert _findings(STRIKE, said) == []
    assert _findings(STRIKE, WALKOUT.replace("walked out", "will walk out")) == []
    assert _findings(STRIKE, WALKOUT.replace("Sunday", "Tuesday")) == []
    start = WALKOUT.index("Dockers")
    quote = Quote(start=start, end=WALKOUT.index(","), text=WALKOUT[start:WALKOUT.index(",")], type="direct")
    assert _findings(STRIKE, WALKOUT, quotes=([], [quote])) == []


def test_weekdays_of_reports_from_different_days() -> None:
    """Tuesday's "began ... on Monday" (9 March) against Wednesday's "walked out ... on Sunday" (8 March):
    each weekday read against its own report's date, both before the earlier report, so one act dated
    two ways; Wednesday's "on Monday" is the same day, so no finding."""
    [f] = _findings(STRIKE, WALKOUT, ("2026-03-10", "2026-03-11"))
    assert _spans(f, STRIKE, WALKOUT) == {("a", "Monday"), ("b", "Sunday")}
    assert "2026-03-09" in f.explanation and "2026-03-08" in f.explanation
    assert _findings(STRIKE, WALKOUT.replace("Sunday", "Monday"), ("2026-03-10", "2026-03-11")) == []
    # A Thursday six days before Wednesday's report may be the coming one: not compared across days.
    assert _findings(STRIKE.replace("Monday", "Thursday"), WALKOUT, ("2026-03-11", "2026-03-12")) == []


def test_last_month_and_a_past_month_without_its_year() -> None:
    """Wednesday 3 June's "first put forward last month" (May 2026) against the next day's "first unveiled
    the depot plan in April" (past tense: April 2026) is a finding; "in May" is last month; a month in a
    plan's sentence stays without a year, so no finding."""
    wire = ("Brenholt depot\n\nThe tram depot plan was first put forward last month by the deputy mayor, Ilse "
            "Varga, to cut traffic in Brenholt.\n")
    paper = ("Brenholt depot\n\nThe deputy mayor, Ilse Varga, first unveiled the tram depot plan in April to cut "
             "traffic in Brenholt.\n")
    [f] = _findings(wire, paper, ("2026-06-03", "2026-06-04"))
    assert {c.value for c in f.claims} == {"2026-05", "2026-04"}, f
    assert _findings(wire, paper.replace("April", "May"), ("2026-06-03", "2026-06-04")) == []
    plan = paper.replace("first unveiled", "will unveil")
    assert _findings(wire, plan, ("2026-06-03", "2026-06-04")) == []


def test_times_of_day() -> None:
    """"at 3am" against "at 5am" for the same warning in same-day reports is a finding; "about 3am"
    against "3.10am" is one time."""
    first = "Flood\n\nThe flood warning for the Velmar weir was issued at 3am as the river rose.\n"
    second = "Flood\n\nThe flood warning for the Velmar weir was only issued at 5am, when the river rose.\n"
    [f] = _findings(first, second)
    assert {c.value for c in f.claims} == {"03:00", "05:00"} and f.explanation.startswith("time:")
    assert _findings(first.replace("at 3am", "at about 3am"), second.replace("5am", "3.10am")) == []


def test_a_dateline_with_its_region_is_no_date_of_the_story() -> None:
    """"HEMPSTEAD, N.Y., Sept. 26 (UPI) -": the place may carry its state or country before the date."""
    text = "Debate\n\nHEMPSTEAD, N.Y., Sept. 26 (UPI) - A candidate was escorted out.\n"
    assert _in_dateline(text, text.index("Sept."))
    text = "Dam\n\nMIRRENHOLT, Ostravel, March 14 (Corvid Wire) - A dam gave way.\n"
    assert _in_dateline(text, text.index("March"))
    assert not _in_dateline("Dam\n\nThe dam, March 14, gave way.\n", 15)


def test_which_of_a_series_of_acts() -> None:
    """"next meets on 17 December" against "next scheduled decision is on December 10": "next" says
    both are the coming meeting, so with "committee" the dates are set against each other; without the
    shared word of the series they are not. (Both reports open on the day rates rose, 4 November, so the
    dates the reports open on agree and only the meetings' dates are compared.)"""
    first = "Rates up\n\nRates rose on 4 November. The committee next meets on 17 December.\n"
    second = ("Rate rise\n\nThe bank raised rates on 4 November. The committee's next scheduled decision is on "
              "December 10.\n")
    dates = ("2026-11-05", "2026-11-05")
    [f] = _findings(first, second, dates)
    assert {c.value for c in f.claims} == {"12-17", "12-10"} and "next" in f.explanation
    assert _findings(first.replace("next meets", "meets"), second, dates) == []


def test_a_date_both_outlets_give_is_not_set_against_another_act() -> None:
    """A wire's conviction date ("convicted on July 24") and a broadsheet's inspection date ("inspected on
    March 12, 2024") share many words of the same story, but the wire also gives the inspection date
    (written "12 March 2024"): two acts, no finding."""
    wire = ("Landlord jailed\n\nGareth Pyne was convicted on July 24 of breaching fire-safety regulations at the "
            "four-storey block on Kestle Street. Inspectors visited the Kestle Street block on 12 March 2024.\n")
    paper = ("Landlord jailed\n\nFire inspectors found that Pyne had breached fire-safety regulations at the "
             "four-storey Kestle Street block, which they inspected on March 12, 2024.\n")
    assert _findings(wire, paper, ("2025-08-15", "2025-08-16")) == []


def test_a_date_two_outlets_agree_on_by_the_event_word_is_set_against_a_third_outlets_date() -> None:
    """Two outlets date the trial's halt by the event word ("trial ... paused on 19 September") and agree;
    the third tells the act without that word ("Varnel Biologics axed testing ... on 17 September"):
    the agreeing dates stay open to the third outlet's, aligned by the words around them."""
    texts = ("Vaccine trial halted\n\nThe Varnel Biologics vaccine trial was paused on 19 September after a "
             "safety review.\n",
             "Trial stopped\n\nVarnel Biologics said its trial was paused on 19 September by the safety board.\n",
             "Jab scrapped\n\nVarnel Biologics axed testing of the jab on 17 September after volunteers fell ill.\n")
    analyses = _analyses(texts, ("2026-09-22",) * 3)
    found = date_findings("s", analyses, ["trial"])
    # one finding per pair of outlets, each setting the third's date against one of the two
    assert sorted(sorted((c.article, c.value) for c in f.claims) for f in found) == [
        [("a", "09-19"), ("c", "09-17")], [("b", "09-19"), ("c", "09-17")]]
    # Without the third outlet the two agree: no finding.
    assert date_findings("s", analyses[:2], ["trial"]) == []


def test_one_verb_dating_two_times_aligns_them() -> None:
    """"The river peaked at 4.15am" against "the river peaked at around 6am" (two hours apart, beyond a
    hedge's slack) share only two words, which is too few for times, but the verb that both times date
    is the same: a finding. Two different verbs on as few words stay silent."""
    first = "River Lenn floods Ostwick\n\nThe river peaked at 4.15am, after 87mm of rain.\n"
    second = "Flood misery\n\nThe river finally peaked at around 6am as families fled.\n"
    [f] = _findings(first, second)
    assert {c.value for c in f.claims} == {"04:15", "06:00"} and "peaked" in f.explanation
    assert _findings(first, second.replace("peaked", "burst its banks")) == []


def test_reports_opening_on_different_dates() -> None:
    """Two outlets date the escape "on 2 November" and the third "on 1 November" in other words (no
    event word, one shared word): the dates the reports open on differ and neither outlet states the
    other's, so they are set against each other. An outlet that states the other's date elsewhere, a
    weekday (a next day's report dates its latest news by it) and a date inside a direct quote stay silent."""
    texts = ("Inmates escape\n\nTwo inmates escaped from Greymoor Prison on 2 November. Police are searching.\n",
             "Prison break\n\nTwo men broke out of Greymoor on 2 November, prison officials said.\n",
             "Jail shame\n\nTwo lags scrambled over the fence on 1 November and vanished into the night.\n")

    def found(*bodies: str, dates: tuple[str, ...] = ("2025-11-04",) * 3,
              quotes: tuple[list[Quote], ...] = ([], [], [])) -> list[Finding]:
        return date_findings("s", _analyses(bodies, dates, quotes), [])

    [f] = found(*texts)
    assert sorted((c.article, c.value) for c in f.claims) == [("a", "11-02"), ("b", "11-02"), ("c", "11-01")]
    assert f.confidence == 0.5 and "first date each report gives" in f.explanation
    # The tabloid also gives 2 November (for something else): its 1 November is another act's date.
    assert found(texts[0], texts[1], texts[2] + "\nThe alarm was raised on 2 November.\n") == []
    # Weekdays of reports from different days are not compared ("on Sunday" / "on Monday").
    sunday = [t.replace("on 2 November", "on Sunday") for t in texts[:2]]
    monday = texts[2].replace("on 1 November", "on Monday")
    assert found(*sunday, monday, dates=("2025-11-03", "2025-11-03", "2025-11-04")) == []
    # The third report's date inside a speaker's direct quote is not the report's own dating.
    quoted = 'Jail shame\n\n"They went over the fence on 1 November," a guard said.\n'
    start = quoted.index('"')
    quote = Quote(start=start, end=quoted.index('"', start + 1) + 1, text="", type="direct")
    assert found(texts[0], texts[1], quoted, quotes=([], [], [quote])) == []


def test_times_in_reports_of_different_days() -> None:
    """A next day's report times the roof's fall at 4.20pm, the first day's at 3.52pm: neither sentence
    names its day, but both reports state the Saturday and the sentences tell the fall in many of the same
    words, so the times are set against each other. On few shared words (a next day's report also times
    its latest news) they stay silent."""
    first = ("Roof collapse\n\nPart of the roof fell at Drennfield Park on Saturday. The canopy above the east stand "
             "gave way at 3.52pm, sending a section of steel onto the seats.\n")
    second = ("Stadium roof\n\nPart of the roof fell at Drennfield Park on Saturday. A section of the canopy over "
              "the east stand came down at 4.20pm, with steel falling onto the seats.\n")
    dates = ("2025-06-08", "2025-06-09")
    [f] = _findings(first, second, dates)
    assert {c.value for c in f.claims} == {"15:52", "16:20"} and "canopy" in f.explanation
    assert _findings(first, "Stadium roof\n\nPart of the roof fell at Drennfield Park on Saturday. The ground "
                            "was cleared at 4.20pm.\n", dates) == []


def test_a_month_said_to_be_past_takes_the_last_such_year() -> None:
    """"last been checked by safety inspectors back in October" in a February report is last October's,
    against another outlet's "last been fully inspected on Dec. 2, 2025": the inspection dated differently.
    "in October" after a past-tense verb is last October too; in the present ("is checked ... in October")
    the month has no year and stays silent; so does "back in February" in a February report (this one or
    last year's?)."""
    first = ("Cable car stuck\n\nThe authority said the line had last been fully inspected on Dec. 2, 2025, and "
             "had passed.\n")
    second = ("Cable car shame\n\nIt emerged that the ageing line had last been checked by safety inspectors back in "
              "October.\n")
    dates = ("2026-02-14", "2026-02-15")
    [f] = _findings(first, second, dates)
    assert {c.value for c in f.claims} == {"2025-12-02", "2025-10"}
    [g] = _findings(first, second.replace("back in October", "in October"), dates)
    assert {c.value for c in g.claims} == {"2025-12-02", "2025-10"}
    present = "Cable car shame\n\nIt emerged that the ageing line is checked by safety inspectors in October.\n"
    assert _findings(first, present, dates) == []
    assert _findings(first, second.replace("back in October", "back in February"), dates) == []


def test_the_one_year_an_outlet_gives_against_the_one_the_others_give() -> None:
    """Two outlets date an earlier pile-up "in 2017", the third "In 2015" in other words: the only year the
    third gives that no other does, against the only year both others give and it does not, two years
    apart, is a finding. A second year of its own, years far apart, or two outlets only, stay silent."""
    texts = ("Coach crash\n\nA coach crashed on the A14 in fog on Friday. A fatal pile-up occurred on the same "
             "section in 2017.\n",
             "Motorway horror\n\nA coach ploughed into a lorry on Friday. There was a deadly pile-up on the very same "
             "stretch back in 2017.\n",
             "Fog crash\n\nA coach hit a lorry in thick fog on Friday. In 2015, a fog-related pile-up on that stretch "
             "killed two.\n")

    def found(*bodies: str) -> list[Finding]:
        return date_findings("s", _analyses(bodies, ("2025-03-09",) * 3), [])

    [f] = found(*texts)
    assert sorted((c.article, c.value) for c in f.claims) == [("a", "2017"), ("b", "2017"), ("c", "2015")]
    assert f.confidence == 0.5 and "the one year Daily Post gives" in f.explanation
    assert found(texts[0], texts[1], texts[2] + "\nThe road was widened in 2012.\n") == []
    assert found(texts[0], texts[1], texts[2].replace("2015", "2004")) == []
    assert _findings(texts[0], texts[2], ("2025-03-09",) * 2) == []


def test_a_report_opening_on_a_sentence_with_two_dates_leaves_the_opening_dates_to_the_others() -> None:
    """Round 16: the second report opens on a sentence with two acts' dates (the sample's and the race's), so
    it has no opening date; the wire's race date is then set against the tabloid's. Before, the second report's
    first date (the sample's, which the wire states in passing) silenced the comparison."""
    texts = ("Runner suspended\n\nIlse Varn, who won the Dunmere 10K on June 12, has been suspended. Her sample was "
             "collected on May 30.\n",
             "Varn's win clouded\n\nVarn gave a sample on May 30, nearly two weeks before her win on 12 June.\n",
             "CHEAT\n\nVarn stormed home on June 5 and pocketed the prize.\n")
    [f] = date_findings("s", _analyses(texts, ("2026-06-20",) * 3), [])
    assert sorted((c.article, c.value) for c in f.claims) == [("a", "06-12"), ("c", "06-05")], f.claims
    assert "first date each report gives" in f.explanation
    # A weekday beside the first date is the latest news, no rival act: the report still opens on its date.
    late = texts[2].replace("prize.", "prize, and was caught on Monday.")
    [f] = date_findings("s", _analyses((texts[0], texts[0].replace("Ilse Varn, who", "Varn, who"), late),
                                       ("2026-06-20",) * 3), [])
    assert sorted((c.article, c.value) for c in f.claims) == [("a", "06-12"), ("b", "06-12"), ("c", "06-05")]
