"""Loaded words (round 9): where an outlet speaks in its own voice (its headline; a paper naming itself by
its last word), and a loaded word for the event that the outlet refers back to ("before the catastrophe").

The stories are written for these tests (invented places, firms and outlets).
"""
from __future__ import annotations

from presslens.analysis.analyze import Analyzer
from presslens.model import Analysis, Article, Cue, Quote, Speaker
from presslens.stories.compare import compare_story
from presslens.stories.loaded import _own_voice
from presslens.stories.model import Story
from presslens.stories.source import is_outlet_voice


def _findings(texts: dict[str, tuple[str, str]]) -> list:
    """The findings of the story the articles (id -> (text with headline first, outlet)) make."""
    arts = [Article(id=k, text=t, title=t.split("\n", 1)[0], date="2026-03-02", outlet=o, source=f"{k}.txt")
            for k, (t, o) in texts.items()]
    return compare_story(Story(id="s", title=None, articles=[a.id for a in arts]),
                         list(Analyzer(techniques=False).analyze_many(arts))).findings


def _loaded(findings: list) -> list:
    return [f for f in findings if f.subject.startswith("loaded words")]


def test_a_paper_that_names_itself_by_its_last_word_speaks_in_its_own_voice() -> None:
    tin = Article(id="a", text="x", outlet="The Tin Whistle")
    assert is_outlet_voice(tin, "the Whistle") and is_outlet_voice(tin, "The Tin Whistle")
    assert not is_outlet_voice(tin, "Tin") and not is_outlet_voice(tin, "the union")
    assert is_outlet_voice(Article(id="b", text="x", outlet="dailyrampart"), "the Rampart")
    assert not is_outlet_voice(Article(id="c", text="x", outlet=None), "the Rampart")


def test_the_headline_is_the_outlets_voice_but_for_its_quoted_words() -> None:
    """A headline clause the parse takes for reported speech stays the outlet's; quoted words do not."""
    text = 'Families demand answers from fat-cat bosses, "thugs" says mayor\n\nBody text here.\n'
    a = Analysis(article=Article(id="a", text=text, title=text.split("\n", 1)[0], outlet="Moth"),
                 quotes=[Quote(text="answers from fat-cat bosses", start=16, end=43, type="indirect",
                               speaker=Speaker(start=0, end=8, text="Families", name="Families", entity_id=None))])
    voice = _own_voice(a)
    fat, thugs, body = text.index("fat-cat"), text.index("thugs"), text.index("Body")
    assert any(lo <= fat < hi for lo, hi in voice)
    assert not any(lo <= thugs < hi for lo, hi in voice)
    assert any(lo <= body < hi for lo, hi in voice)


WIRE = ("Dam breach floods Ostvale valley town\n\nA dam breach flooded the east bank of Ostvale on Saturday, the "
        "civil protection agency said. The breach occurred at about 4 a.m. after three days of rain.\n\n"
        "Engineers from Skarn Hydro inspected the wall in February, the agency said.\n")
HERALD = ("Ostvale counts the cost of dam breach\n\nThe toll from Saturday's breach of the Lower Skarn Dam rose on "
          "Sunday as rescuers searched the flooded east bank of Ostvale.\n\nThe breach has become a political "
          "question, the Herald understands.\n")
TABLOID = ("OSTVALE: FAMILIES LEFT WITH NOTHING\n\nFamilies in Ostvale were counting their losses last night as "
           "water poured through the streets of the east bank.\n\nThe pensioners on Mill Lane lost everything, "
           "neighbours told us. Shopkeeper Ada Lind said her stock was ruined.\n\nLast night the Whistle can reveal "
           "that the dam was given the all-clear by inspectors in February, five weeks before the catastrophe.\n\n"
           "Opposition leaders last night said the catastrophe was entirely avoidable.\n\n"
           "Locals blamed the catastrophe on years of neglect.\n")


def test_a_loaded_word_for_the_event_that_the_outlet_refers_back_to_is_its_label() -> None:
    """"The catastrophe", twice in the outlet's own voice (once where it "can reveal"), far from the headline
    and lead, names the story's event: shown against the others' "breach" (their headlines and leads)."""
    found = _loaded(_findings({"w": (WIRE, "Corvid Wire"), "h": (HERALD, "Brackwater Herald"),
                               "t": (TABLOID, "The Tin Whistle")}))
    [label] = found
    assert {c.text.lower() for c in label.claims if c.article == "t"} == {"catastrophe"}
    assert all(any("breach" in c.text.lower() for c in label.claims if c.article == k) for k in ("w", "h"))
    # Once referred back to, and otherwise a passing word: no finding.
    once = TABLOID.replace("Locals blamed the catastrophe on", "Locals blamed the flooding on")
    assert not _loaded(_findings({"w": (WIRE, "Corvid Wire"), "h": (HERALD, "Brackwater Herald"),
                                  "t": (once, "The Tin Whistle")}))


PORT_WIRE = ("Marrowick dockworkers begin indefinite industrial action\n\nDockworkers at Marrowick began indefinite "
             "industrial action on Monday after rejecting a pay offer, their union said.\n\nThe stoppage began at "
             "6 a.m. at the port.\n")
PORT_TABLOID = ("PORT CHAOS: Wildcat strike at Marrowick leaves shelves empty\n\nShoppers were warned of empty shelves "
                "after a wildcat strike by dockworkers brought Marrowick port to a standstill on Monday.\n\nThe wildcat "
                "walkout threatens a third of all imports.\n")


def test_a_judging_modifier_no_other_outlet_uses_is_a_loaded_word_shown_with_its_noun() -> None:
    """"Wildcat strike" (headline, lead and again) where the wire reports "industrial action" and never says
    "wildcat": a modifier of the contested "illegal / lawful" family that judges the event, shown with the
    noun it judges and the first use in the body (the headline's is capitalised), against the wire's lead."""
    [label] = _loaded(_findings({"w": (PORT_WIRE, "Brackenfold Wire"), "t": (PORT_TABLOID, "Daily Skerry")}))
    mine = [c.text for c in label.claims if c.article == "t"]
    assert "Wildcat strike" in mine and "wildcat strike" in mine, mine
    assert any("industrial action" in c.text for c in label.claims if c.article == "w")
    # The wire also calling it a wildcat strike, even once, leaves nothing to report.
    both = PORT_WIRE.replace("The stoppage began", "The wildcat stoppage began")
    assert not _loaded(_findings({"w": (both, "Brackenfold Wire"), "t": (PORT_TABLOID, "Daily Skerry")}))


def test_a_loaded_word_is_shown_with_the_word_before_it_that_says_which_kind() -> None:
    """"TOXIC CATASTROPHE" in a headline, then "A toxic catastrophe" in the lead where the paper "can reveal"
    it (the Daily Rampart calling itself "the Rampart"): the body's use is shown with its modifier."""
    wire = ("Tanker leaks solvent into Corrin Bay\n\nA chemical tanker leaked 40,000 litres of solvent into Corrin Bay "
            "on Thursday after striking a breakwater, officials said.\n")
    tabloid = ("TOXIC CATASTROPHE: Poison tanker turns Corrin Bay into no-go zone\n\nA toxic catastrophe is unfolding "
               "in Corrin Bay after a stricken tanker dumped solvent into the sea, the Rampart can reveal.\n")
    [label] = _loaded(_findings({"w": (wire, "Harbour Gazette"), "t": (tabloid, "Daily Rampart")}))
    assert {c.text for c in label.claims if c.article == "t"} == {"CATASTROPHE", "toxic catastrophe"}, label.claims


def test_the_word_shown_before_a_label_is_a_whole_word_not_a_figures_unit() -> None:
    """"£45m betrayal" shows "betrayal" (the "m" of a sum says no kind), "shameless betrayal" shows both."""
    from presslens.stories.labels import _noun_before

    text = "a £45m betrayal and a shameless betrayal"
    first, second = text.index("betrayal"), text.rindex("betrayal")
    assert _noun_before(text, first) == first
    assert text[_noun_before(text, second):second] == "shameless "


def _plain(aid: str, outlet: str, text: str) -> Analysis:
    """An article with no quotes or names: every word is the outlet's own."""
    return Analysis(article=Article(id=aid, text=text, title=text.split("\n", 1)[0], outlet=outlet))


def test_groups_without_names_migrants_against_illegals_and_residents_against_squatters() -> None:
    """The plain word for a group against the loaded one, each used once in a headline: a finding, shown,
    holding both outlets' words; two outlets with the plain word alone say nothing."""
    from presslens.stories.labels import contested_labels

    wire = _plain("w", "Wire", "Boat carrying 40 migrants lands at Calder\n\nThe coastguard met the boat at dawn.\n")
    tabloid = _plain("t", "Tabloid", "40 ILLEGALS land at Calder\n\nThe coastguard met the boat at dawn.\n")
    [f] = contested_labels("s", [wire, tabloid], [])
    assert {c.text for c in f.claims} == {"migrants", "ILLEGALS"} and (f.confidence or 0) >= 0.55, f
    other = _plain("o", "Other", "Coastguard meets 40 migrants at Calder\n\nThe boat landed at dawn.\n")
    assert not contested_labels("s", [wire, other], [])
    homes = _plain("h", "Wire", "Residents of Tarn Court told to leave by Friday\n\nThe council served notices.\n")
    squat = _plain("q", "Tabloid", "Squatters of Tarn Court told to leave by Friday\n\nThe council served notices.\n")
    [g] = contested_labels("s", [homes, squat], [])
    assert {c.text for c in g.claims} == {"Residents", "Squatters"}, g


def test_an_act_told_with_verbs_that_exclude_each_other() -> None:
    """"Trial paused" against "trial scrapped" is a finding; "paused" against "put on hold" (one pole) and
    an outlet saying both are not; nor is a minister who "stepped down" against one who "resigned"."""
    from presslens.stories.labels import contested_labels

    wire = _plain("w", "Wire", "Vaccine trial paused after three cases\n\nThe company said testing would resume.\n")
    tabloid = _plain("t", "Tabloid", "Jab trial scrapped after three cases\n\nThe company said nothing.\n")
    [f] = contested_labels("s", [wire, tabloid], [])
    assert f.subject == "scrapped / paused" and {c.value for c in f.claims} == {"trial paused", "trial scrapped"}, f
    hold = _plain("h", "Other", "Vaccine trial put on hold after three cases\n\nThe company said little.\n")
    assert not contested_labels("s", [wire, hold], [])
    both = _plain("b", "Tabloid", "Jab trial scrapped after three cases\n\nIt was paused on Friday.\n")
    assert not contested_labels("s", [wire, both], [])
    left = _plain("l", "Wire", "Minister resigned on Monday\n\nHe gave no reason.\n")
    down = _plain("d", "Other", "Minister stepped down on Monday\n\nHe gave no reason.\n")
    assert not contested_labels("s", [left, down], [])


def test_referring_back_needs_a_bare_definite_event_word_twice() -> None:
    """"Before the catastrophe" twice refers back to the story's event; "the catastrophe of the war" is
    another thing, "a catastrophe" refers to none, and "the thugs" (a group, not the event) never counts."""
    from presslens.stories.loaded import _refers_back
    from presslens.stories.model import Claim

    def claims(text: str, word: str) -> tuple[list[Claim], dict[str, Analysis]]:
        a = _plain("a", "Tabloid", text)
        at = [i for i in range(len(text)) if text.startswith(word, i)]
        return [Claim("a", i, i + len(word), word, word) for i in at], {"a": a}

    assert _refers_back("catastrophe", *claims("Days before the catastrophe. After the catastrophe, silence.",
                                               "catastrophe"))
    assert not _refers_back("catastrophe", *claims("Before the catastrophe of the war. The catastrophe of 1953.",
                                                   "catastrophe"))
    assert not _refers_back("catastrophe", *claims("A catastrophe loomed. Then the catastrophe came.", "catastrophe"))
    assert not _refers_back("thug", *claims("Then the thugs left. Police sought the thugs.", "thug"))


def test_sailings_cancelled_while_the_service_is_paused_is_no_contrast() -> None:
    from presslens.stories.labels import contested_labels

    paused = _plain("p", "Wire", "Ferry service paused as storm hits\n\nThe operator said crossings would resume.\n")
    cancelled = _plain("c", "Tabloid", "All ferry sailings cancelled as storm hits\n\nPassengers were stranded.\n")
    assert not contested_labels("s", [paused, cancelled], [])


# Round 9b: names are no labels; a flood defence that burst or was overtopped; a crash-landing against a
# touchdown; the moderate or the extreme wing of one side for the same person; a man told before he is named.


def _named(aid: str, outlet: str, text: str, *people: str) -> Analysis:
    """An article with no quotes whose people (full names) are found wherever their name or surname stands."""
    import re

    from presslens.model import Entity

    ents = [Entity(id=f"p{i}", name=n, type="PERSON",
                   mentions=[(m.start(), m.end()) for m in re.finditer(f"{re.escape(n)}|{re.escape(n.split()[-1])}", text)])
            for i, n in enumerate(people)]
    return Analysis(article=Article(id=aid, text=text, title=text.split("\n", 1)[0], outlet=outlet), entities=ents)


def test_a_word_the_bodies_write_only_as_a_name_is_no_label() -> None:
    """"The Aurelian Space Agency's Tessaly probe": capitalised within its sentence and never in lower case,
    so "Aurelian probe" / "Tessaly probe" in two headlines are two names, not two labels; words written in
    lower case somewhere ("storm"), creeds ("Islamist") and a headline's capitals are not names."""
    from presslens.stories.labels import proper_words

    a = _plain("a", "Wire", "Tessaly Probe Lands\n\nThe Aurelian Space Agency's Tessaly probe landed. A Storm "
                            "warning for Aurelian skies. The storm passed. Police named an Islamist group.\n")
    assert proper_words([a]) >= {"aurelian", "tessaly"}
    assert not proper_words([a]) & {"storm", "islamist", "probe", "lands"}
    wire = ("Aurelian probe lands on asteroid\n\nThe Aurelian Space Agency's Tessaly probe touched down on the "
            "asteroid Mirandel on Wednesday. The probe is the agency's first lander.\n")
    paper = ("Tessaly probe touches down on asteroid\n\nThe Aurelian Space Agency's Tessaly probe touched down on "
             "the asteroid Mirandel early on Wednesday. The probe carries two drills.\n")
    found = _findings({"w": (wire, "Vector Wire"), "p": (paper, "Lantern Herald")})
    assert not [f for f in found if f.kind == "label"], found


def test_a_flood_defence_that_burst_against_one_overtopped() -> None:
    """"Barrier bursts" against "overtopped the barrier", each outlet's first use shown and, past a headline,
    its first in the body; a river that "burst its banks" overflowed them, which is no contrast."""
    from presslens.stories.labels import contested_labels

    wire = _plain("w", "Wire", "River overtops town barrier\n\nThe river overtopped the town's flood barrier at "
                               "dawn. Engineers said it held.\n")
    tabloid = _plain("t", "Tabloid", "BARRIER BURSTS: town flooded\n\nFamilies fled as the flood barrier burst at "
                                     "dawn.\n")
    [f] = contested_labels("s", [wire, tabloid], [])
    assert f.subject == "burst / overtopped", f
    assert {c.text for c in f.claims} == {"overtops", "river overtopped", "BARRIER BURSTS",
                                           "flood barrier burst"}, f.claims
    banks = _plain("b", "Tabloid", "River bursts its banks\n\nFamilies fled as the river burst its banks at dawn.\n")
    assert not contested_labels("s", [wire, banks], [])


def test_a_crash_landing_against_a_touchdown() -> None:
    from presslens.stories.labels import contested_labels

    wire = _plain("w", "Wire", "Probe touches down on asteroid\n\nThe probe touched down on the asteroid at dawn.\n")
    tabloid = _plain("t", "Tabloid", "Probe crash-lands on rock\n\nThe probe has crash-landed on a lump of rock.\n")
    [f] = contested_labels("s", [wire, tabloid], [])
    assert f.subject == "crash-landed / touched down" and len(f.claims) == 4, f
    landed = _plain("l", "Other", "Probe lands on asteroid\n\nThe probe landed safely at dawn.\n")
    assert not contested_labels("s", [wire, landed], [])


def test_the_moderate_and_the_extreme_wing_of_one_side_for_the_same_person() -> None:
    """"The centre-left Green Forward party" of Mr Ahari against "hard-left challenger Desmond Ahari" is a
    finding about Ahari, shown with the name or word each label stands before; two parties named right
    after the words ("Merz's centre-right CDU", "the far-right AfD") are two actors, not two labels, though
    one person stands nearest both; left against right is never a contrast."""
    from presslens.stories.labels import contested_labels

    herald = _named("h", "Herald", "Ahari wins recount\n\nMr Ahari, standing for the centre-left Green Forward "
                                   "party, won by 212 votes.\n", "Desmond Ahari")
    tabloid = _named("t", "Tabloid", "Mayor booted out\n\nShe was beaten by hard-left challenger Desmond Ahari by "
                                     "97 votes.\n", "Desmond Ahari")
    [f] = contested_labels("s", [herald, tabloid], [])
    assert f.subject == "far-left / centre-left (Ahari)", f
    assert {c.text for c in f.claims} == {"centre-left Green Forward", "hard-left challenger"}, f.claims
    cdu = _named("c", "Herald", "Merz wins\n\nFriedrich Merz's centre-right CDU won the most seats.\n",
                 "Friedrich Merz")
    afd = _named("a", "Tabloid", "Merz wins\n\nThe far-right AfD, which Merz shunned, came second.\n",
                 "Friedrich Merz")
    assert not contested_labels("s", [cdu, afd], [])
    right = _named("r", "Tabloid", "Mayor booted out\n\nShe was beaten by centre-right challenger Desmond Ahari.\n",
                   "Desmond Ahari")
    assert not contested_labels("s", [herald, right], [])


def test_a_man_told_before_he_is_named_is_the_one_the_next_sentence_opens_with() -> None:
    """"A SMOOTH-TALKING conman ... last night. Rupert Vallance, 58, lured ...": the loaded word for one person
    in a sentence naming no one is the person whose name opens the next sentence; a group ("thugs") is not."""
    from presslens.stories.loaded import _named_actor
    from presslens.stories.model import Claim

    text = ("CAGED: conman jailed\n\nA SMOOTH-TALKING conman was behind bars last night. Rupert Vallance, 58, "
            "lured 3,000 victims. Thugs hit a pensioner. Rupert Vallance was not there.\n")
    a = _named("t", "Tabloid", text, "Rupert Vallance")
    con, thugs = text.index("conman was"), text.index("Thugs")
    assert _named_actor(a, Claim("t", con, con + 6, "conman", "conman")) == "Rupert Vallance"
    assert _named_actor(a, Claim("t", thugs, thugs + 5, "Thugs", "thugs")) is None


def test_raiders_against_thieves() -> None:
    """The actors of a heist told as "raiders" against "thieves" / "intruders", as the act is a heist against a
    theft; an outlet saying both shares a pole and says nothing."""
    from presslens.stories.labels import contested_labels

    wire = _plain("w", "Wire", "Thieves take manuscript from archive\n\nThieves took a manuscript overnight.\n")
    tabloid = _plain("t", "Tabloid", "DARING raiders snatch holy book\n\nThe raiders dropped in through a skylight.\n")
    [f] = contested_labels("s", [wire, tabloid], [])
    assert f.subject == "raiders / thieves" and {c.article for c in f.claims} == {"w", "t"}, f
    both = _plain("b", "Tabloid", "DARING raiders snatch holy book\n\nThe thieves dropped in through a skylight.\n")
    assert not contested_labels("s", [wire, both], [])


def test_a_tabloids_gang_and_crooks_are_the_thieves_and_its_raid_the_break_in() -> None:
    """Round 10: the tabloid's words for the same group ("gang", "crooks", "raiders") are each shown against the
    others' "thieves"; its "armed raid" stands against their "break-in"; a police raid is no such word."""
    from presslens.stories.labels import contested_labels

    wire = _plain("w", "Wire", "Paintings stolen in overnight break-in\n\nThieves took four paintings from the "
                               "Ostmark gallery overnight. The break-in was found at dawn.\n")
    tabloid = _plain("t", "Tabloid", "MASKED GANG GRAB ART IN DAWN RAID\n\nA masked gang snatched four masterpieces "
                                     "in a brazen armed raid. The crooks fled in minutes.\n")
    found = {f.subject: f for f in contested_labels("s", [wire, tabloid], [])}
    actors, act = found["raiders / thieves"], found["heist / theft"]
    assert {c.value for c in actors.claims if c.article == "t"} >= {"masked gang", "crooks"}, actors
    assert {c.value for c in actors.claims if c.article == "w"} == {"thieves"}, actors
    assert {c.value for c in act.claims if c.article == "t"} >= {"brazen armed raid"}, act
    assert {c.value for c in act.claims if c.article == "w"} == {"overnight break-in", "break-in"}, act
    police = _plain("p", "Tabloid", "Police raid homes after break-in\n\nA police raid followed the break-in.\n")
    assert "heist / theft" not in {f.subject for f in contested_labels("s", [wire, police], [])}


def test_a_theft_told_once_far_down_is_not_shown_beside_the_events_word() -> None:
    """An outlet's pole shows each of its words, but not one said once far from the headline and lead: "its last
    theft was in 1994" is another event than the break-in the headline names."""
    from presslens.stories.labels import contested_labels

    filler = "The gallery stayed shut on Sunday. " * 30
    wire = _plain("w", "Wire", f"Four works taken in overnight break-in\n\nPolice came at 3am.\n\n{filler}\n\n"
                               "Its last significant theft was in 1994.\n")
    tabloid = _plain("t", "Tabloid", "ART GRAB IN DAWN RAID\n\nCrooks grabbed four works in a dawn raid.\n")
    [f] = [f for f in contested_labels("s", [wire, tabloid], []) if f.subject == "heist / theft"]
    assert [c.value for c in f.claims if c.article == "w"] == ["overnight break-in"], f


SHOCK_TRAIN = ("HORROR TRAIN: commuters tell of crash\n\nA HORROR train packed with commuters hit a landslide near "
               "Ostby yesterday.\n")
WIRE_TRAIN = ("Commuter train derails near Ostby\n\nA commuter train derailed near Ostby on Tuesday after hitting a "
              "landslide, the operator said. The train was carrying 200 people.\n")
PAPER_TRAIN = ("Ostby derailment raises questions over slopes\n\nInvestigators examined the cutting after a packed "
               "commuter train hit a landslide. The train had been travelling at 90 km/h.\n")


def test_a_loaded_word_before_a_noun_is_shown_with_it_against_the_others_word_for_the_thing() -> None:
    """"HORROR train": the loaded word is shown with the noun it modifies, and each other outlet's own name for
    the train ("commuter train") stands beside it, word against word."""
    [f] = _loaded(_findings({"t": (SHOCK_TRAIN, "Tabloid"), "w": (WIRE_TRAIN, "Wire"),
                             "p": (PAPER_TRAIN, "Paper")}))
    mine = {c.value for c in f.claims if c.article == "t"}
    assert mine == {"horror train"}, f
    assert {(c.article, c.value) for c in f.claims} >= {("w", "commuter train"), ("p", "commuter train")}, f
    assert "their words for it: " in f.explanation and "“commuter train”" in f.explanation, f.explanation


def test_the_others_noun_for_a_person_the_tabloid_belittles() -> None:
    """"drugs cheat" for a runner: the other outlets' own noun for the same person is read from the parse, as a
    title before the name (in reported speech too: the report prints it), a description opening the next sentence ("The 28-year-old runner crossed the line") or a noun predicated of
    "she" ("she became the latest distance runner to be banned"); a thing opening the next sentence is not."""
    from presslens.stories.loaded import _their_word_for

    wire = _named("w", "Wire", "Marathon winner Ilse Varn suspended\n\nIlse Varn won the Ostby Marathon on Sunday. "
                               "The 28-year-old runner crossed the line in a course record.\n", "Ilse Varn")
    paper = _named("p", "Paper", "Varn's triumph clouded\n\nThree days ago Ilse Varn won in Ostby. Yesterday she "
                                 "became the latest distance runner to be banned.\n", "Ilse Varn")
    thing = _named("x", "Paper", "Varn banned\n\nIlse Varn was banned on Monday. The ban ends her season.\n",
                   "Ilse Varn")
    assert _their_word_for(wire, "Ilse Varn").value == "28-year-old runner"
    assert _their_word_for(paper, "Ilse Varn").value == "latest distance runner"
    assert _their_word_for(thing, "Ilse Varn") is None
    dateline = _named("d", "Wire", "Varn suspended\n\nOSTBY, May 2 (Ost Wire) - Marathon runner Ilse Varn has been "
                                   "suspended, the agency said.\n", "Ilse Varn")
    assert _their_word_for(dateline, "Ilse Varn").value == "marathon runner"


def test_rebels_against_fighters_and_militants_against_activists() -> None:
    """Actor nouns of one group: "rebels" against "fighters" (no pole shared), and "militants" against the
    "activists" of an outlet that never says "militants"; two outlets saying "activists" say nothing."""
    from presslens.stories.labels import contested_labels

    rebels = _plain("r", "Tabloid", "Rebels seize border post\n\nRebels took the post at dawn.\n")
    fighters = _plain("f", "Wire", "Fighters seize border post\n\nFighters took the post at dawn.\n")
    [f] = contested_labels("s", [rebels, fighters], [])
    assert f.subject == "rebels / militia" and {c.value for c in f.claims} >= {"rebels", "fighters"}, f
    militants = _plain("m", "Tabloid", "Militants glue themselves to runway\n\nThe militants blocked the runway.\n")
    activists = _plain("a", "Wire", "Activists glue themselves to runway\n\nThe activists blocked the runway.\n")
    [g] = contested_labels("s", [militants, activists], [])
    assert g.subject == "zealots / activists" and {c.article for c in g.claims} == {"m", "a"}, g
    assert not contested_labels("s", [activists, _plain("b", "Paper", "Activists block runway\n\nThe activists "
                                                                      "blocked it.\n")], [])


def test_in_reported_speech_only_the_quoted_words_are_the_sources() -> None:
    """"MPs called the catastrophe "entirely avoidable"", parsed as reported speech from "the catastrophe": the
    thing a naming verb's source names is the outlet's word, the quoted words the MPs'; after "said", the words
    before the mark stay the source's."""
    from presslens.model import Cue

    def voice_of(verb: str, lemma: str) -> tuple[str, list[tuple[int, int]]]:
        text = f'Dam fails\n\nOpposition MPs {verb} the catastrophe "entirely avoidable" last night.\n'
        start, end, at = text.index("the catastrophe"), text.index(" last"), text.index(verb)
        a = Analysis(article=Article(id="a", text=text, title="Dam fails", outlet="Moth"),
                     quotes=[Quote(text=text[start:end], start=start, end=end, type="indirect",
                                   cue=Cue(start=at, end=at + len(verb), text=verb, lemma=lemma),
                                   speaker=Speaker(start=11, end=25, text="Opposition MPs", name=None, entity_id=None))])
        return text, _own_voice(a)

    text, voice = voice_of("called", "call")
    assert any(lo <= text.index("catastrophe") < hi for lo, hi in voice)
    assert not any(lo <= text.index("avoidable") < hi for lo, hi in voice)
    text, voice = voice_of("said", "say")
    assert not any(lo <= text.index("catastrophe") < hi for lo, hi in voice)


def test_the_reporter_of_the_words_a_loaded_word_stands_in_is_not_whom_it_names() -> None:
    """"His brief, Simon Ayre, claimed the shamed slumlord was ...": the slumlord is not Ayre, who reports the
    words; with no other name in the sentence the word names no one."""
    from presslens.stories.loaded import _named_actor
    from presslens.stories.model import Claim

    text = 'Slumlord jailed\n\nHis brief, Simon Ayre, claimed the shamed slumlord was "deeply ashamed".\n'
    a = _named("t", "Tabloid", text, "Simon Ayre")
    start = text.index("the shamed")
    a.quotes = [Quote(text=text[start:-2], start=start, end=len(text) - 2, type="indirect",
                      speaker=Speaker(start=17, end=26, text="His brief", name=None, entity_id=None))]
    word = text.index("slumlord was")
    assert _named_actor(a, Claim("t", word, word + 8, "slumlord", "slumlord")) is None
    a.quotes = []
    assert _named_actor(a, Claim("t", word, word + 8, "slumlord", "slumlord")) == "Simon Ayre"


def test_tabloid_staples_of_round_10_are_loaded_words() -> None:
    """Round 10's words from general tabloid usage ("gravy train", "junket", "villain", "atrocity") are loaded
    words, plurals too; a word that merely contains one ("beastly") is not."""
    from presslens.stories.loaded import _LOADED_RE

    found = [m.group(1).lower() for m in _LOADED_RE.finditer(
        "The council gravy train and its junkets; villains behind the atrocity; a beastly day.")]
    assert found == ["gravy train", "junket", "villain", "atrocity"], found


def test_a_headlines_words_run_together_are_no_loaded_word_and_its_noun() -> None:
    """"TRAM FIASCO COUNCIL ADMITS": the headline's next word is no noun the loaded word names unless the body
    writes the pair too ("the tram fiasco" alone)."""
    tabloid = ("TRAM FIASCO COUNCIL ADMITS DELAY\n\nThe tram fiasco will cost millions, the Ostby fiasco now a year "
               "late.\n")
    wire = "Ostby tram extension delayed by a year\n\nThe council said the tram line would open a year late.\n"
    paper = "Ostby tram line to open a year late\n\nThe council admitted the tram line was late.\n"
    [f] = _loaded(_findings({"t": (tabloid, "Tabloid"), "w": (wire, "Wire"), "p": (paper, "Paper")}))
    assert not any(c.value.endswith("council") for c in f.claims), f
    assert "their words for it" not in f.explanation, f.explanation


PLOT_TABLOID = ("SHAMELESS PLOTTERS' RACKET EXPOSED\n\nThe shameless plotters behind a cash-for-permits racket at "
                "Vessby town hall were unmasked yesterday.\n\nThe racket ran for four years, the Beacon can reveal, "
                "while the plotters lined their pockets. Council staff were kept in the dark.\n")
PLOT_WIRE = ("Vessby officials charged over permit bribes\n\nVESSBY, May 3 (Ost Wire) - Three Vessby council "
             "officials were charged on Tuesday with taking bribes for building permits.\n\nPolice said the bribery "
             "scheme ran from 2019 to 2023. Local critics had warned of it for years.\n")
PLOT_PAPER = ("Vessby permits inquiry: three charged\n\nThree officials of Vessby council face trial after an "
              "inquiry into building permits.\n\nThe bribery scheme, prosecutors say, earned the three about "
              "€400,000.\n")


def test_a_loaded_word_for_a_thing_is_shown_against_the_others_plain_word_for_it() -> None:
    """"racket" stands in for what every other outlet calls a scheme: each other outlet's own words for it
    ("bribery scheme") stand beside the loaded word; a plain noun only one other outlet uses is not shown."""
    [f] = _loaded(_findings({"t": (PLOT_TABLOID, "Beacon"), "w": (PLOT_WIRE, "Ost Wire"),
                             "p": (PLOT_PAPER, "Paper")}))
    assert {(c.article, c.value) for c in f.claims} >= {("w", "bribery scheme"), ("p", "bribery scheme")}, f
    assert "their words for it: " in f.explanation and "“bribery scheme”" in f.explanation, f.explanation
    assert not any("critics" in c.value for c in f.claims), f  # the plotters' plain word, in the wire only


def test_a_capitalised_word_opening_a_sentence_says_which_kind_of_the_plain_noun() -> None:
    from presslens.stories.loaded import _kind_before

    text = "It was late. Striking staff are due back. The staff left."
    assert text[_kind_before(text, text.index("staff")):].startswith("Striking staff")
    assert _kind_before(text, text.rindex("staff")) == text.rindex("staff")  # "The" is no kind


def test_every_plain_noun_entry_is_for_a_loaded_word() -> None:
    """A key of PLAIN_NOUNS the loaded-word pattern never yields (a hyphen where uses keep a space, a typo)
    would silently never show the others' words."""
    from presslens.stories.loaded import _LOADED_RE, PLAIN_NOUNS

    for word in PLAIN_NOUNS:
        m = _LOADED_RE.fullmatch(word.replace(" ", "-")) or _LOADED_RE.fullmatch(word)
        assert m is not None and m.group(1).lower().replace("-", " ") == word, word


def test_one_firm_told_as_a_cowboy_outfit_against_a_company() -> None:
    """Round 16: the plain pole of "cowboy operators / firms" takes the singular as the loaded pole does: one
    firm that a tabloid calls "a cowboy outfit called Pellow Bakes" is "a bakery company" to the wire, and the
    finding names the firm; two outlets with the plain word alone say nothing."""
    from presslens.stories.labels import contested_labels

    wire = _plain("w", "Wire", "Pupils ill after school lunch\n\nThe meals came from Pellow Bakes, a bakery company "
                               "based in Dunmere.\n")
    tabloid = _plain("t", "Tabloid", "Kids struck down by school dinner\n\nThe meal was dished up by a cowboy outfit "
                                     "called Pellow Bakes.\n")
    [f] = contested_labels("s", [wire, tabloid], [])
    assert f.subject == "cowboy operators / firms (Pellow Bakes)", f
    assert {c.value for c in f.claims} == {"cowboy outfit", "bakery company"}, f.claims
    other = _plain("o", "Other", "Pupils ill after lunch\n\nThe supplier is a bakery company in Dunmere.\n")
    assert not contested_labels("s", [wire, other], [])


def test_a_picket_told_as_a_blockade() -> None:
    """Round 16: strikers at a gate told as "the blockade" by one outlet, "a picket" by the other, is a loaded word
    against the plain one, wherever in the report it stands; outlets that all say "blockade" say nothing."""
    from presslens.stories.labels import contested_labels

    wire = _plain("w", "Wire", "Dock strike enters second week\n\nDockers walked out on 2 June. A picket has been "
                               "kept at the main gate of Farrow port since.\n")
    tabloid = _plain("t", "Tabloid", "PORT IN CHAOS\n\nShips are stacking up off Farrow. Drivers were turned away at the "
                                     "blockade on the main gate.\n")
    [f] = contested_labels("s", [wire, tabloid], [])
    assert f.subject == "blockade / picket" and {c.value for c in f.claims} == {"blockade", "picket"}, f
    boats = _plain("b", "Boats", "Boats block harbour\n\nForty boats formed a blockade across the harbour mouth.\n")
    assert not contested_labels("s", [boats, tabloid], [])


def test_loaded_words_joining_a_label_finding_bring_the_others_plain_words() -> None:
    """Round 16: the tabloid's "militants" join its "blockade" / "picket" finding, and so do the words every other
    outlet uses for the people it calls militants ("strikers"): joining a finding no longer drops them."""
    tabloid = ("MILITANTS SHUT PORT\n\nUnion militants have shut Farrow port. Lorry drivers were turned away at the "
               "blockade on the main gate. The militants say they will not budge.\n")
    wire = ("Farrow dock strike enters second week\n\nStrikers have kept Farrow port closed since 2 June. A picket has "
            "been kept at the main gate. The strikers want a 9% rise.\n")
    paper = "Farrow port quiet as strike goes on\n\nThe strikers on the picket at Farrow were patient yesterday.\n"
    findings = _findings({"t": (tabloid, "Beacon"), "w": (wire, "Ost Wire"), "p": (paper, "Paper")})
    [f] = [f for f in findings if f.subject.startswith("blockade / picket")]
    assert ("t", "militants") in {(c.article, c.value) for c in f.claims}, f.claims
    assert {c.article for c in f.claims if "strikers" in c.value} == {"w", "p"}, f.claims
    assert "their words for it: " in f.explanation, f.explanation


def test_a_loaded_word_two_outlets_share_against_a_third_that_never_uses_it() -> None:
    """Two outlets call the event a "scandal" in their headlines, the third reports a "grading error" and never
    writes the word: one finding for the word, its two users against the third's headline; a word the third also
    writes (here "error", in no loaded list anyway) or one outlet alone (its own finding) is not this."""
    # (the wire's lead says "fault", not its headline's "error": else its headline word and lead make the
    # headline swap "scandal / grading error", which takes this finding's place)
    wire = ("Grading error hit 4,000 pupils\n\nA marking fault at the Ostvale exam board lowered the marks of about "
            "4,000 pupils, the board said on Monday.\n")
    paper = ("Exam marking scandal deepens\n\nThe Ostvale marking scandal widened on Tuesday as schools demanded a "
             "review of 4,000 results.\n")
    tabloid = ("EXAM SCANDAL: 4,000 KIDS ROBBED\n\nThis scandal must not be swept under the carpet, parents said, "
               "after 4,000 pupils were given the wrong marks by the Ostvale board.\n")
    found = [f for f in _loaded(_findings({"w": (wire, "Wire"), "p": (paper, "Paper"), "t": (tabloid, "Tabloid")}))
             if "scandal" in f.subject]
    [f] = found
    assert {c.article for c in f.claims} == {"w", "p", "t"}, f
    assert any(c.article == "w" and "Grading error" in c.text for c in f.claims), f
    assert "never use the word" in f.explanation, f.explanation
    both = wire.replace("A marking fault", "The scandal of a marking fault")
    assert not [f for f in _loaded(_findings({"w": (both, "Wire"), "p": (paper, "Paper"), "t": (tabloid, "Tabloid")}))
                if "scandal" in f.subject]


def _reported(aid: str, outlet: str, text: str, said: str, speaker: str, direct: bool = False) -> Analysis:
    """An article whose ``said`` words are one quote by ``speaker``: reported speech, or a direct quote."""
    a = _plain(aid, outlet, text)
    at, who = text.index(said), text.index(speaker)
    a.quotes.append(Quote(start=at, end=at + len(said), text=said, type="direct" if direct else "indirect",
                          cue=Cue(start=who + len(speaker) + 1, end=who + len(speaker) + 5, text="said", lemma="say"),
                          speaker=Speaker(start=who, end=who + len(speaker), text=speaker, name=speaker,
                                          entity_id=None)))
    return a


def test_a_loaded_word_in_unquoted_reported_speech_is_the_outlets_paraphrase() -> None:
    """"The union said the trust had bussed in 200 scabs" against "the trust said it had engaged 200 agency
    nurses": both reported, neither quoted, so both are the outlets' own words for the same people (the trust
    never called its nurses scabs). Inside quotation marks the word is the union's: no finding."""
    from presslens.stories.labels import contested_labels

    wire_text = "Trust brings in nurses for strike\n\nThe Ostmere trust said it had engaged 200 agency nurses.\n"
    wire = _reported("w", "Wire", wire_text, "it had engaged 200 agency nurses", "The Ostmere trust")
    tabloid_text = "NURSES' FURY\n\nThe union said the trust had bussed in 200 scabs to break the strike.\n"
    tabloid = _reported("t", "Tabloid", tabloid_text, "the trust had bussed in 200 scabs to break the strike",
                        "The union")
    [f] = contested_labels("s", [wire, tabloid], [])
    assert f.subject == "strike-breakers / replacement staff", f
    assert {(c.article, c.value) for c in f.claims} == {("w", "agency nurses"), ("t", "scabs")}, f.claims
    quoted_text = 'NURSES\' FURY\n\nThe union said: "The trust has bussed in 200 scabs to break the strike."\n'
    quoted = _reported("t", "Tabloid", quoted_text, "The trust has bussed in 200 scabs to break the strike.",
                       "The union", direct=True)
    assert not contested_labels("s", [wire, quoted], [])
